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
from functools import cache

import numpy as np
import numpy.typing as npt

__all__ = ["Folded", "code_tables", "fold", "fold_phrase"]

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
    done = _fold_by_table(text)
    return done if done is not None else _fold_steps(text)


def _fold_steps(text: str) -> Folded:
    """:func:`fold`, one step after the other: deletions, then :func:`_fold_chars`."""
    deleted = tuple(map(re.Match.start, _DELETED_RE.finditer(text)))  # one scan either way
    if not deleted:
        return Folded(text, _fold_chars(text))
    gaps = tuple(map(operator.sub, deleted, itertools.count()))
    return Folded(text, _fold_chars(_DELETED_RE.sub("", text)), gaps, deleted)


#: Texts beyond the first 256 code points at least this long are folded through the 16-bit
#: table (numpy's fixed cost is paid back); shorter ones step by step.  Both give the same
#: result.
_TABLE_MIN = 256
_GONE = np.uint32(0xFFFFFFFF)  # a deleted character
_CONTEXT = np.uint32(0xFFFFFFFE)  # a character whose folding depends on its neighbours


@cache
def _table() -> npt.NDArray[np.uint32]:
    """What :func:`_fold_steps` makes of every BMP character on its own: deleted, or one
    character.  Lower-casing goes character by character except for a capital sigma
    (final or not, by its neighbours), so a text holding one takes the steps.  The
    replacements map characters that lower-casing does not produce to characters they do
    not replace, so each is one lookup after lower-casing; the Arabic ones only apply to
    a text with Arabic letters, and only Arabic letters are replaced: a text without them
    has none to replace."""
    out = np.arange(0x10000, dtype=np.uint32)
    lowered = [chr(cp).lower() for cp in range(0x10000)]
    lowered[0x0130] = "i"  # "İ" is replaced by "i" before lower-casing
    for cp, low in enumerate(lowered):
        if low != chr(cp):
            out[cp] = ord(low) if len(low) == 1 else _CONTEXT
    replace = np.arange(0x10001, dtype=np.uint32)
    for src, dst in (*_REPLACE, *_REPLACE_ARABIC):
        replace[ord(src)] = ord(dst)
    out = replace[np.minimum(out, 0x10000)]
    out[out == 0x10000] = _CONTEXT
    out[_DELETE] = _GONE
    out[0x03A3] = _CONTEXT
    return out


# The table as 16-bit units: a BMP text is folded in UTF-16, the two markers being the
# noncharacters U+FFFF and U+FFFE (a text holding them, a surrogate or a character beyond the
# BMP, which UTF-16 writes as two surrogates, takes the steps).
_GONE16 = 0xFFFF
_CONTEXT16 = 0xFFFE
_GONE_CHAR = chr(_GONE16)
_CONTEXT_CHAR = chr(_CONTEXT16)
#: Texts with more deleted characters than this find them with numpy, not ``str.find``.
_FEW_DELETED = 8


@cache
def _table16() -> npt.NDArray[np.uint16]:
    """:func:`_table` in 16 bits (see ``_GONE16``)."""
    wide = _table()
    out = np.where(wide > 0xFFFF, _CONTEXT16, wide).astype(np.uint16)
    out[wide == _GONE] = _GONE16
    out[0xD800:0xE000] = _CONTEXT16
    out[[_CONTEXT16, _GONE16]] = _CONTEXT16
    return out


@cache
def _table_latin1() -> tuple[bytes, bytes]:
    """:func:`_table` for the first 256 code points as a ``bytes.translate`` table, and the
    bytes it cannot fold (deleted ones: the soft hyphen)."""
    wide = _table()[:256]
    special = bytes(int(b) for b in np.flatnonzero(wide > 0xFF))
    return bytes(int(v) if v <= 0xFF else 0 for v in wide), special


@cache
def code_tables() -> tuple[bytes, bytes, bytes, npt.NDArray[np.uint16]]:
    """The tables :func:`fold` looks characters up in, for a caller that maps the folded
    characters on without building the folded text (``source.prefilter``): the Latin-1
    ``bytes.translate`` table, its deleted bytes, its bytes that need the steps (none today),
    and the 16-bit table of UTF-16 units, in which ``0xFFFF`` marks a deleted unit and
    ``0xFFFE`` one that needs the steps (a capital sigma, a surrogate).

    >>> latin1, deleted, steps, table16 = code_tables()
    >>> latin1[ord("A")], deleted, steps, hex(table16[ord("أ")]), hex(table16[0x064B])
    (97, b'\\xad', b'', '0x627', '0xffff')
    """
    wide = _table()[:256]
    latin1, special = _table_latin1()
    deleted = bytes(b for b in special if wide[b] == _GONE)
    steps = bytes(b for b in special if wide[b] != _GONE)
    return latin1, deleted, steps, _table16()


def _fold_by_table(text: str) -> Folded | None:
    """:func:`fold` as one table lookup over the characters (None: take the steps).

    A text of the first 256 code points only (``str`` stores it one byte per character) is
    folded by ``bytes.translate``, whatever its length; a longer other one through the
    16-bit table over its UTF-16 units.
    """
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return _fold_by_table16(text) if len(text) >= _TABLE_MIN else None
    table, special = _table_latin1()
    if any(b in raw for b in special):
        return _fold_by_table16(text) if len(text) >= _TABLE_MIN else None
    return Folded(text, raw.translate(table).decode("latin-1"))


def _fold_by_table16(text: str) -> Folded | None:
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    mapped = _table16().take(units)
    out = mapped.tobytes().decode("utf-16-le", "surrogatepass")
    if _CONTEXT_CHAR in out:
        return None
    n = out.count(_GONE_CHAR)
    if not n:
        return Folded(text, out)
    if n > _FEW_DELETED:
        deleted = tuple(np.flatnonzero(mapped == _GONE16).tolist())
    else:
        found = [out.find(_GONE_CHAR)]
        for _ in range(n - 1):
            found.append(out.find(_GONE_CHAR, found[-1] + 1))
        deleted = tuple(found)
    folded = out.replace(_GONE_CHAR, "")
    return Folded(text, folded, tuple(map(operator.sub, deleted, itertools.count())), deleted)


_SPACES = re.compile(r"\s+")


def fold_phrase(phrase: str) -> str:
    """Fold a registry alias or cue phrase and collapse its whitespace.

    >>> fold_phrase("  Agence   France-Presse ")
    'agence france-presse'
    """
    return _SPACES.sub(" ", _fold_chars(_DELETED_RE.sub("", phrase))).strip()
