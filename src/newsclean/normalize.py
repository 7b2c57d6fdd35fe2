"""Language-aware text normalization used before fingerprinting and shingling.

Two copies of one story differ in ways a reader does not see: presentation-form ligatures,
hamza and madda spellings of alef, ``ى``/``ي`` and ``ة``/``ه`` at word ends, Persian ``ک``
and ``ی``, tashkeel and tatweel, Arabic-Indic digits, zero-width joiners, curly quotes and
runs of spaces; and markup a scraper left in (``&quot;``, ``<p>``).  :func:`normalize` folds
all of them so that such copies give the same words:

0. **markup** -- HTML tags removed (block tags become line breaks) and character references
   decoded (:func:`newsclean.markup.strip_markup`).
1. **NFKC** -- compatibility forms (ligatures, presentation forms, full-width letters).
2. **case folding** -- ``str.casefold`` (Turkish dotted and dotless i with ``lang="tr"``).
3. **character folding** -- one table lookup per character (vectorized with numpy): the
   Arabic-script folds of ``data/normalize/fold.tsv`` (alef/hamza forms, yeh and alef
   maqsura, ta marbuta, Persian kaf/yeh, tashkeel, tatweel), decimal digits of every script
   to ASCII, format characters (zero-width joiners, direction marks, soft hyphens) deleted,
   punctuation, symbols and separators to spaces.
4. **whitespace** -- runs collapsed to one space, ends stripped.

:func:`normalize_explain` returns the same text with a count of what each step changed.

>>> normalize("Hello,   WORLD!")
'hello world'
>>> normalize("أعلنَ الرئيسُ ١٢ قراراً")
'اعلن الرييس 12 قرارا'
>>> normalize("<p>&quot;Talks&quot; &amp; deals</p>")
'talks deals'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from .markup import strip_markup, unmarkup

__all__ = [
    "NormalizeResult",
    "fold_codepoints",
    "normalize",
    "normalize_explain",
    "normalize_lines",
]

_DELETE = np.uint32(0xFFFFFFFF)
_SPACE = 0x20
_TURKIC = frozenset({"tr", "az"})
_NEWLINE = 0x0A
# Characters that end a sentence (a line ending with one is prose, not a label or headline).
_SENTENCE_END = frozenset(map(ord, ".!?…؟۔。！？\"”»'’"))
_MARK = 0xE000  # private-use stand-in for sentence-ending punctuation (normalize_lines)
_MARK_CHR = chr(_MARK)
_LINE_BREAKS = (0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)

# Generic groups (from the Unicode database), in addition to the groups of fold.tsv.
_GENERIC_GROUPS = ("digits", "format", "punctuation")


@dataclass(frozen=True, slots=True)
class NormalizeResult:
    """Normalized text and how many characters each step changed.

    ``changes`` maps a step or fold group (``"nfkc"``, ``"casefold"``, ``"alef"``,
    ``"tashkeel"``, ``"digits"``, ``"format"``, ``"punctuation"``...) to the number of
    characters it changed (``"markup"`` and ``"references"`` count the tags removed and the
    character references decoded); steps that changed nothing are left out.

    >>> normalize_explain("Éé").changes
    {'casefold': 1}
    >>> normalize_explain("<b>A</b> &amp; b").changes
    {'markup': 2, 'references': 1, 'casefold': 1, 'punctuation': 1}
    """

    text: str
    changes: dict[str, int]


@dataclass(frozen=True, slots=True)
class _FoldTable:
    """The Basic Multilingual Plane folding table and the group of each changed entry."""

    target: npt.NDArray[np.uint32]  # code point -> replacement code point (or _DELETE)
    marked: npt.NDArray[np.uint32]  # the same, sentence-ending punctuation -> _MARK
    group: npt.NDArray[np.uint8]  # code point -> index into names (0 = unchanged)
    names: tuple[str, ...]


def _parse_fold_file() -> list[tuple[int, int, int | None, str]]:
    """Rows of ``data/normalize/fold.tsv`` as (first, last, replacement or None, group)."""
    text = resources.files("newsclean").joinpath("data/normalize/fold.tsv").read_text("utf-8")
    rows = []
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        span, repl, group = cols[0], cols[1], cols[2]
        first, _, last = span.partition("..")
        rows.append(
            (int(first, 16), int(last or first, 16), int(repl, 16) if repl else None, group)
        )
    return rows


@lru_cache(maxsize=1)
def _fold_table() -> _FoldTable:
    """Build the per-code-point folding table once (about 30 ms, on first use)."""
    rows = _parse_fold_file()
    names = ("", *_GENERIC_GROUPS, *sorted({g for *_, g in rows}))
    gid = {n: i for i, n in enumerate(names)}
    target = np.arange(0x10000, dtype=np.uint32)
    group = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x10000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Nd":
            target[cp] = 0x30 + unicodedata.decimal(ch)
            if cp > 0x39:
                group[cp] = gid["digits"]
        elif cat == "Cf":
            target[cp] = _DELETE
            group[cp] = gid["format"]
        elif cp in _LINE_BREAKS:
            target[cp] = _NEWLINE
            group[cp] = gid["punctuation"]
        elif cat[0] in "PSZ" or cat in ("Cc", "Cs", "Co"):
            target[cp] = _SPACE
            if cp != _SPACE:
                group[cp] = gid["punctuation"]
    for first, last, repl, name in rows:
        target[first : last + 1] = _DELETE if repl is None else repl
        group[first : last + 1] = gid[name]
    marked = target.copy()
    marked[np.fromiter(_SENTENCE_END, dtype=np.uint32)] = _MARK
    return _FoldTable(target, marked, group, names)


def _codepoints(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _fold(
    cps: npt.NDArray[np.uint32], table: _FoldTable, target: npt.NDArray[np.uint32] | None = None
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """Map code points through the table; astral letters are kept, other astral characters
    (emoji, symbols) become spaces.  Returns the mapped array and the BMP indices."""
    bmp = np.minimum(cps, np.uint32(0xFFFF))
    mapped = (table.target if target is None else target)[bmp]
    astral = cps > 0xFFFF
    if astral.any():
        for i in np.flatnonzero(astral):
            cat = unicodedata.category(chr(int(cps[i])))
            mapped[i] = cps[i] if cat[0] in "LMN" else _SPACE
    return mapped, bmp


def _prepare(text: str, lang: str | None, changes: dict[str, int] | None) -> str:
    """NFKC and case folding; counts the characters each changed into ``changes``."""
    if not unicodedata.is_normalized("NFKC", text):
        folded = unicodedata.normalize("NFKC", text)
        if changes is not None:
            changes["nfkc"] = _count_changed(text, folded)
        text = folded
    if _turkic(lang):
        text = text.replace("I", "ı").replace("İ", "i")
    lowered = text.casefold()
    if changes is not None and lowered != text:
        changes["casefold"] = _count_changed(text, lowered)
    return lowered


def _turkic(lang: str | None) -> bool:
    return lang is not None and lang.split("-")[0].lower() in _TURKIC


@lru_cache(maxsize=1)
def _ascii_marked() -> npt.NDArray[np.uint32] | None:
    """``_fold_table().marked`` of the case-folded ASCII characters, by ASCII code (None
    if the table deletes an ASCII character: then ASCII text takes the general path)."""
    folded = np.frombuffer(bytes(range(128)).decode("ascii").casefold().encode("ascii"), np.uint8)
    out: npt.NDArray[np.uint32] = _fold_table().marked[folded]
    return None if bool((out == _DELETE).any()) else out


def _decode(mapped: npt.NDArray[np.uint32]) -> str:
    """The mapped code points as a string, deleted characters left out."""
    if (mapped == _DELETE).any():
        mapped = mapped[mapped != _DELETE]
    return str(mapped.tobytes().decode("utf-32-le", "surrogatepass"))


def _collapse(mapped: npt.NDArray[np.uint32], keep_lines: bool) -> str:
    """Drop deleted characters and collapse runs of spaces to one space (and, with
    ``keep_lines``, runs of blank lines to one line break); strip the ends."""
    text = _decode(mapped)
    if not keep_lines:
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _count_changed(before: str, after: str) -> int:
    """Characters that differ position by position, plus the change in length."""
    same_length = sum(a != b for a, b in zip(before, after, strict=False))
    return same_length + abs(len(before) - len(after))


def normalize(text: str, *, lang: str | None = None, keep_lines: bool = False) -> str:
    """Fold ``text`` to the canonical form used for fingerprints and shingles.

    ``lang`` (an ISO 639-1 code) is optional: Arabic-script folding applies to Arabic-script
    characters whatever the language, and ``lang`` only selects Turkic case folding.
    With ``keep_lines`` the line structure survives: one normalized line per non-blank input
    line, joined with ``"\\n"``.

    >>> normalize("ﻻ  تُوجَد\u200c  مـشـكـلـة؟")
    'لا توجد مشكله'
    >>> normalize("İstanbul", lang="tr")
    'istanbul'
    >>> normalize("Title:\\n\\n  Body, text. ", keep_lines=True)
    'title\\nbody text'
    """
    if not text:
        return ""
    prepared = _prepare(unmarkup(text), lang, None)
    if prepared.isascii():
        mapped = _fold_table().target[_codepoints(prepared)]
    else:
        mapped, _ = _fold(_codepoints(prepared), _fold_table())
    return _collapse(mapped, keep_lines)


def normalize_explain(text: str, *, lang: str | None = None) -> NormalizeResult:
    """:func:`normalize`, and how many characters each step or fold group changed.

    >>> r = normalize_explain("قالَ الرئيس، ٣ مرات")
    >>> r.text
    'قال الرييس 3 مرات'
    >>> sorted(r.changes.items())
    [('digits', 1), ('hamza', 1), ('punctuation', 1), ('tashkeel', 1)]
    """
    if not text:
        return NormalizeResult("", {})
    changes: dict[str, int] = {}
    plain = strip_markup(text)
    if plain.tags:
        changes["markup"] = plain.tags
    if plain.references:
        changes["references"] = plain.references
    prepared = _prepare(plain.text, lang, changes)
    table = _fold_table()
    mapped, bmp = _fold(_codepoints(prepared), table)
    groups = table.group[bmp]
    counts = np.bincount(groups, minlength=len(table.names))
    for i, name in enumerate(table.names):
        if i and counts[i]:
            changes[name] = int(counts[i])
    return NormalizeResult(_collapse(mapped, False), changes)


def normalize_lines(text: str, *, lang: str | None = None) -> tuple[str, npt.NDArray[np.bool_]]:
    r"""``normalize(text, keep_lines=True)`` and, for each output line, whether its input line
    ended a sentence (``.``, ``!``, ``?``, ``؟``, a closing quote...).

    Headlines, labels and menu items do not end with sentence punctuation; paragraphs do.

    >>> text, ends = normalize_lines("Big news today\nThe minister said so.\n\n***\n")
    >>> text.split("\n"), ends.tolist()
    (['big news today', 'the minister said so'], [False, True])
    """
    if not text:
        return "", np.zeros(0, dtype=bool)
    table = _fold_table()
    mapped, _ = _fold(_codepoints(_prepare(unmarkup(text), lang, None)), table, table.marked)
    out: list[str] = []
    ends: list[bool] = []
    for line in _decode(mapped).split("\n"):
        if _MARK_CHR in line:
            end = line.rstrip().endswith(_MARK_CHR)
            line = line.replace(_MARK_CHR, " ")
        else:
            end = False
        words = line.split()
        if words:
            out.append(" ".join(words))
            ends.append(end)
    return "\n".join(out), np.array(ends, dtype=bool)


def fold_codepoints(text: str, *, lang: str | None = None) -> npt.NDArray[np.uint32]:
    """The folded code points of ``text`` before blanks are collapsed: what
    :func:`normalize` computes, as an array, with line breaks kept as ``0x0A`` and
    sentence-ending punctuation kept as ``0xE000`` (both blanks, like spaces).

    The fast path of the near-duplicate engine tokenizes this array directly.

    >>> fold_codepoints("Hi!").tolist()
    [104, 105, 57344]
    """
    if not text:
        return np.zeros(0, dtype=np.uint32)
    text = unmarkup(text)
    ascii_table = _ascii_marked()
    if ascii_table is not None and text.isascii() and not _turkic(lang):
        # ASCII is already NFKC and case folds letter by letter: one lookup does both.
        return ascii_table[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    if not _turkic(lang) and unicodedata.is_normalized("NFKC", text):
        # case folding goes character by character, so the table composed with it maps
        # the text's own code points (unless one folds to several characters: ß -> ss)
        cps = _codepoints(text)
        if int(cps.max()) <= 0xFFFF:
            mapped: npt.NDArray[np.uint32] = _casefolded_marked()[cps]
            if int(mapped.max()) < _EXPANDS:
                return mapped
            if not (mapped == _EXPANDS).any():
                kept: npt.NDArray[np.uint32] = mapped[mapped != _DELETE]
                return kept
    return _fold_codepoints_general(text, lang)


def _fold_codepoints_general(text: str, lang: str | None) -> npt.NDArray[np.uint32]:
    """:func:`fold_codepoints` step by step: NFKC, case folding, then the table."""
    table = _fold_table()
    prepared = _prepare(text, lang, None)
    if prepared.isascii():  # one byte per character, no astral characters to look at
        mapped = table.marked[np.frombuffer(prepared.encode("ascii"), dtype=np.uint8)]
    else:
        cps = _codepoints(prepared)
        if int(cps.max()) <= 0xFFFF:  # no astral characters: a plain table lookup
            mapped = table.marked[cps]
        else:
            mapped, _ = _fold(cps, table, table.marked)
    if (mapped == _DELETE).any():
        mapped = mapped[mapped != _DELETE]
    return mapped


#: Entry of :func:`_casefolded_marked` for a character that case folds to several.
_EXPANDS = np.uint32(0xFFFFFFFE)


@lru_cache(maxsize=1)
def _casefolded_marked() -> npt.NDArray[np.uint32]:
    """``_fold_table().marked`` of every BMP character's case fold (``_EXPANDS`` for a
    character that case folds to more than one character)."""
    marked = _fold_table().marked
    out = marked.copy()
    for cp, folded in enumerate([chr(cp).casefold() for cp in range(0x10000)]):
        if len(folded) != 1 or ord(folded) > 0xFFFF:
            out[cp] = _EXPANDS
        elif ord(folded) != cp:
            out[cp] = marked[ord(folded)]
    return out
