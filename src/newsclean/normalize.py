"""Language-aware text normalization used before fingerprinting and shingling.

Placeholder of the foundation skeleton; issue #5 fills in the Arabic and Persian folding.

>>> normalize("Hello,   WORLD!")
'hello world'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize"]

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize(text: str, *, lang: str | None = None) -> str:
    """NFKC, case folding, punctuation and whitespace collapsed to single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()
