"""Typo-tolerant fallback for the strongest framing slot only.

Agency names are sometimes misspelled in the copy itself (``به گزارش فارش،`` for ``فارس``).
When nothing else credits the story, a single word standing between a sentence-initial
"according to" cue and a comma at the start of the body (``به گزارش X،``, ``According to X,``,
``Selon X,``) is compared with the registry's one-word aliases *of the text's language* at an
edit distance of at most one.  Lookup uses a deletion-neighbourhood index (every alias with
one character deleted), so it costs a few dictionary lookups, not a loop over aliases.

>>> from newsclean.source import default_registry
>>> idx = FuzzyIndex(default_registry())
>>> idx.lookup("فارش", "fa")
('fars', 'فارس')
>>> idx.lookup("فارس", "fa") is None  # exact spellings are the matcher's job
True
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .registry import alias_key

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["FuzzyIndex", "edit_distance_at_most_one"]

MIN_LEN = 4


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by at most one insertion, deletion, substitution or
    transposition of adjacent characters.

    >>> edit_distance_at_most_one("reuters", "reutres"), edit_distance_at_most_one("ab", "ba")
    (True, True)
    >>> edit_distance_at_most_one("abcd", "bcde")
    False
    """
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class FuzzyIndex:
    """One-word aliases (at least ``MIN_LEN`` letters) indexed by their one-deletion forms."""

    def __init__(self, registry: Registry) -> None:
        self._index: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        self._exact: set[str] = set()
        for agency in registry:
            for lang, names in agency.aliases.items():
                for name in names:
                    key = alias_key(name)
                    self._exact.add(key)
                    if " " in key or len(key) < MIN_LEN:
                        continue
                    for form in {key} | _deletions(key):
                        self._index[form].add((agency.id, lang, key))

    def lookup(self, word: str, lang: str | None) -> tuple[str, str] | None:
        """``(agency id, alias key)`` of the single alias of ``lang`` one edit away, or None
        (None also when the word is an exact alias or when two agencies are equally close)."""
        word = alias_key(word)
        if len(word) < MIN_LEN or word in self._exact or lang is None:
            return None
        found: set[tuple[str, str]] = set()
        for form in {word} | _deletions(word):
            for agency_id, alias_lang, key in self._index.get(form, ()):
                if alias_lang == lang and edit_distance_at_most_one(word, key):
                    found.add((agency_id, key))
        agencies = {a for a, _ in found}
        if len(agencies) != 1:
            return None
        return min(found)
