"""Character folding for agency matching: each character maps to at most one character.

Credit lines spell the same agency many ways: ``أ ف ب`` / ``ا.ف.ب``, ``ایسنا`` / ``ايسنا``,
``REUTERS`` / ``Reuters``, ``İHA`` / ``IHA``.  :func:`fold` maps the text to a canonical form
(lower case, one alef, one ya, one kaf, ta marbuta as ha, no tatweel or diacritics,
typographic apostrophes as ``'``, exotic spaces as a space) so one compiled pattern finds
every variant.  Because characters are only replaced or deleted, never expanded, offsets in
the folded text map back to the original exactly (:meth:`Folded.span`).

>>> f = fold("Agence France\u2011Presse / أ.ف.ب / İHA")
>>> f.folded
'agence france\u2011presse / ا.ف.ب / iha'
>>> fold("وكالـة").span(0, 5)
(0, 6)
"""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

__all__ = ["Folded", "fold", "fold_phrase"]

_DELETE = [
    0x0640,  # tatweel
    0x0670,  # superscript alef
    0x00AD,  # soft hyphen
    0x200B,  # zero-width space
    0x200D,  # zero-width joiner
    0x200E,  # LRM
    0x200F,  # RLM
    0xFEFF,  # BOM / ZWNBSP
    *range(0x064B, 0x0660),  # harakat
    *range(0x06D6, 0x06DD),  # Quranic marks
    *range(0x202A, 0x202F),  # bidi embeddings
    *range(0x2066, 0x206A),  # bidi isolates
]


# one character -> one character (str.replace chains are much faster than str.translate)
_REPLACE_ARABIC: tuple[tuple[str, str], ...] = (
    *((ch, "ا") for ch in "أإآٱٲٳ"),
    *((ch, "ي") for ch in "ىیېۍێ"),
    *((ch, "ه") for ch in "ةۀە"),
    *((ch, "ك") for ch in "کڪ"),
)
_REPLACE: tuple[tuple[str, str], ...] = (
    *((ch, "'") for ch in "\u2019\u2018\u02bc\u0060\u00b4\u2032"),
    *((ch, " ") for ch in "\u00a0\u2002\u2003\u2007\u2009\u202f\u200c\u3000"),
    ("ı", "i"),
)
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_DELETED_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _DELETE) + "]")


def _fold_chars(text: str) -> str:
    """Case and script folding, one character to one character (no deletions)."""
    # str.lower() keeps the length of every character except İ (-> "i" + combining dot)
    out = text.replace("İ", "i").lower()
    for src, dst in _REPLACE:
        out = out.replace(src, dst)
    if _ARABIC_RE.search(out) is not None:
        for src, dst in _REPLACE_ARABIC:
            out = out.replace(src, dst)
    return out


@dataclass(frozen=True, slots=True)
class Folded:
    """A text and its folded form; ``gaps`` are the folded offsets of deleted characters."""

    text: str
    folded: str
    gaps: tuple[int, ...] = ()
    deleted: tuple[int, ...] = ()  # original offsets of the deleted characters

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the folded text back to the original text."""
        if not self.gaps:
            return start, end
        return start + bisect_right(self.gaps, start), end + bisect_left(self.gaps, end)

    def pos(self, start: int) -> int:
        """Map one folded offset (a start position) back to the original text."""
        return start + bisect_right(self.gaps, start) if self.gaps else start

    def fpos(self, orig: int) -> int:
        """Map an original offset to the folded text (deleted characters collapse forward)."""
        if not self.gaps:
            return orig
        return orig - bisect_left(self.deleted, orig)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching (see the module docstring)."""
    deleted = tuple(map(re.Match.start, _DELETED_RE.finditer(text)))  # one scan either way
    if not deleted:
        return Folded(text, _fold_chars(text))
    gaps = tuple(map(operator.sub, deleted, itertools.count()))
    return Folded(text, _fold_chars(_DELETED_RE.sub("", text)), gaps, deleted)


_SPACES = re.compile(r"\s+")


def fold_phrase(phrase: str) -> str:
    """Fold a registry alias or cue phrase and collapse its whitespace.

    >>> fold_phrase("  Agence   France-Presse ")
    'agence france-presse'
    """
    return _SPACES.sub(" ", _fold_chars(_DELETED_RE.sub("", phrase))).strip()
