"""Strip site chrome (menus, labels, comment forms, footers) from naive text dumps.

Placeholder of the foundation skeleton; issue #3 fills it in.

>>> strip_chrome("A line of text.")
'A line of text.'
"""

from __future__ import annotations

from typing import Any

from .article import ChromeResult

__all__ = ["strip_chrome", "strip_chrome_explain"]


def strip_chrome_explain(text: str, *, lang: str | None = None, site: Any = None) -> ChromeResult:
    """Classify each line as content or chrome and return the kept text and removed lines."""
    lines = [ln.strip() for ln in text.splitlines()]
    return ChromeResult(text="\n".join(ln for ln in lines if ln), lang=lang)


def strip_chrome(text: str, *, lang: str | None = None, site: Any = None) -> str:
    """The article text of a naive text dump, chrome removed."""
    return strip_chrome_explain(text, lang=lang, site=site).text
