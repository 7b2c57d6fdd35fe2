"""Mojibake repair: undo text that was decoded with the wrong codec.

A *path* names how the text was broken: bytes written in one codec were read as another.
Undoing it means encoding the text back with the codec it was read as, and decoding the
bytes with the codec it was written in.  The paths (``data/encoding_codecs.json``):

* UTF-8 read as a legacy code page — ``Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©`` (windows-1252), ``ط§ظ„ط¹ط±ط¨ظٹط©``
  (windows-1256), ``Р РµР°РєС†РёСЏ`` (windows-1251), ``dÃ©pend`` (Latin-1), ``d√©pend``
  (Mac Roman) ...  Each run of non-ASCII characters is re-decoded on its own, so text that
  is only partly broken (a clean quote mark next to a broken one) is repaired too;
* legacy bytes read as windows-1252 — ``ÇáÚÑÈíÉ`` is windows-1256 Arabic, ``Ïðèâåò``
  windows-1251 Russian — tried only when nearly all letters are non-ASCII;
* C1 control characters (``\\x93quoted\\x94``): windows-1252 read as Latin-1;
* double encoding is undone one round at a time (at most three rounds).

Code points U+0080–U+009F (and the other bytes a code page leaves undefined) stand for the
bytes themselves, as browsers and ``latin-1`` readers leave them.  When such a byte was
*lost* — dropped, or turned into ``?`` or U+FFFD — or a no-break space became a plain
space, the UTF-8 sequence it belonged to is incomplete; the repair puts back the byte that
completes it, choosing the character that reads best in its context.

A repair is kept only when the character language models
(:mod:`newsclean.encoding.charmodel`) find the result far more plausible than the input,
so clean text in any script comes back unchanged.

>>> fix_mojibake("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©")
'العربية'
>>> fix_mojibake("ط§ظ„ط¹ط±ط¨ظٹط©")
'العربية'
>>> fix_mojibake("ÇáÚÑÈíÉ áÛÉ ÌãíáÉ")
'العربية لغة جميلة'
>>> fix_mojibake("Le café est prêt")
'Le café est prêt'
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from .charmodel import CharModels

__all__ = ["fix_mojibake", "fix_mojibake_explain"]

#: Rounds of repair (double encoding needs two).
MAX_ROUNDS = 3
#: A repair must gain at least this much log-likelihood (prior included) ...
MIN_GAIN = 8.0
#: ... and this much per run of characters it changes.
GAIN_PER_RUN = 4.0
#: A UTF-8 path must re-decode at least this share of the runs of two or more
#: non-ASCII characters (real mojibake breaks nearly all of them; clean Cyrillic or
#: Arabic text has thousands of runs, of which a rare few decode by chance).
MIN_RUN_SHARE = 0.2
#: Texts with fewer visible characters than this are left alone: too little evidence.
MIN_CHARS = 4
#: Extra gain needed by an edit that rests on one completed byte alone (``Ã`` + space).
GUESS_COST = 4.0
#: The repair path is chosen on the first PROBE characters, then applied to the whole text.
PROBE = 16_384
#: Legacy-as-legacy paths need this share of the letters to be non-ASCII.
MIN_NON_ASCII_LETTERS = 0.85
#: Multi-byte readers are used through Python's strict codecs (no sloppy table).
_MULTI = frozenset({"gbk", "shift_jis", "big5", "euc_kr"})
#: Prior cost of the guess that a byte was dropped (rather than replaced by "?" or a space).
DROPPED_COST = -3.0
_INVALID = "\u0100"  # translation target meaning "this reader cannot produce that character"
_C1 = re.compile("[\x80-\x9f]")
#: The C1 characters that :func:`_fix_c1` turns into windows-1252 characters.
_C1_CHARS = frozenset(
    chr(b) for b in range(0x80, 0xA0) if bytes([b]).decode("cp1252", errors="ignore")
)
_ASCII_LETTERS = string.ascii_letters.encode()
#: A UTF-8 path needs intact lead+continuation pairs for at least this share of the
#: non-ASCII characters (real mojibake: most of them; clean Arabic read by cp1256: ~1%).
MIN_PAIR_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class _Reader:
    """A single-byte codec as the reader that produced mojibake: character -> byte."""

    name: str
    table: dict[int, str]  # code point -> the Latin-1 character with the byte's value
    back: str  # byte -> the character the reader made of it
    undefined: bytes  # bytes the codec leaves undefined (candidates for a lost byte)
    runs: re.Pattern[str]  # runs of non-ASCII characters the reader can produce
    signature: re.Pattern[str]  # a UTF-8 lead byte followed by a continuation byte
    foreign: re.Pattern[str]  # a character this reader cannot produce (rules the path out)
    pair: re.Pattern[str]  # a UTF-8 lead byte followed by a continuation byte, nothing lost
    # the same character classes as sets, for the masks of :class:`_Screen`
    lead_chars: frozenset[str]  # characters the reader makes of UTF-8 lead bytes
    cont_chars: frozenset[str]  # ... of UTF-8 continuation bytes
    high_chars: frozenset[str]  # every non-ASCII character the reader produces (and U+FFFD)


def _charclass(cps: list[int]) -> str:
    return "".join(re.escape(chr(cp)) for cp in sorted(set(cps)))


def _reader(name: str) -> _Reader:
    table: dict[int, str] = {}
    back = [""] * 256
    undefined = []
    for b in range(256):
        try:
            ch = bytes([b]).decode(name)
        except UnicodeDecodeError:
            undefined.append(b)
            continue
        if len(ch) == 1:
            table[ord(ch)] = chr(b)
            back[b] = ch
    for b in [*undefined, *range(0x80, 0xA0)]:  # sloppy: a code point stands for its byte
        if b not in table:
            table[b] = chr(b)
        back[b] = back[b] or chr(b)
    for cp in range(0x100):  # any other Latin-1 character cannot come from this reader
        table.setdefault(cp, _INVALID)
    table[0xFFFD] = "?"  # a byte the reader replaced: treated like a "?" (a lost byte)
    by_byte: dict[int, list[int]] = {}
    for cp, v in table.items():
        if cp >= 0x80 and v != _INVALID:
            by_byte.setdefault(ord(v), []).append(cp)
    high_cps = [cp for cps in by_byte.values() for cp in cps]
    lead_cps = [cp for b, cps in by_byte.items() if 0xC2 <= b <= 0xF4 for cp in cps]
    cont_cps = [cp for b, cps in by_byte.items() if 0x80 <= b <= 0xBF for cp in cps]
    high, lead, cont = _charclass(high_cps), _charclass(lead_cps), _charclass(cont_cps)
    return _Reader(
        name,
        table,
        "".join(back),
        bytes(undefined),
        re.compile(f"(?:[{high}]|(?<=[{lead}])[ ?])+"),
        re.compile(f"[{lead}][{cont} ?]"),
        re.compile(f"[^\\x00-\\x7f{high}\\ufffd]"),
        re.compile(f"[{lead}][{cont}]"),
        frozenset(map(chr, lead_cps)),
        frozenset(map(chr, cont_cps)),
        frozenset(map(chr, [*high_cps, 0xFFFD])),
    )


@dataclass(frozen=True, slots=True)
class _Path:
    read_as: str
    written_in: str
    kind: str  # "utf8", "legacy" or "c1"
    prior: float

    @property
    def label(self) -> str:
        return f"{self.written_in} read as {self.read_as}"


@cache
def _paths() -> tuple[tuple[_Path, ...], dict[str, _Reader]]:
    raw = resources.files("newsclean.data").joinpath("encoding_codecs.json").read_text("utf-8")
    spec = json.loads(raw)["mojibake"]
    paths = [_Path(a, "utf-8", "utf8", prior) for a, prior in spec["utf8"].items()]
    paths += [_Path(a, b, "legacy", prior) for a, b, prior in spec["legacy"]]
    paths.append(_Path("latin-1", "cp1252", "c1", spec["c1"]))
    names = {p.read_as for p in paths if p.kind != "c1" and p.read_as not in _MULTI}
    return tuple(paths), {name: _reader(name) for name in names}


def _utf8_strict(data: bytes) -> str | None:
    """UTF-8, also as Java/CESU writes characters beyond the BMP (two encoded surrogates)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("utf-8", errors="surrogatepass")
        return text.encode("utf-16", errors="surrogatepass").decode("utf-16")
    except UnicodeError:
        return None


def _lead_size(b: int) -> int:
    return 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0


def _decode_run(run: str, data: bytes, reader: _Reader, models: CharModels) -> str:
    """Re-decode one run's bytes as UTF-8: whole sequences become characters, a sequence
    missing one byte is completed (when most of the run decodes), anything else keeps its
    original character."""
    pieces: list[tuple[int, str | None]] = []  # (start, text or None = broken sequence)
    i, n, good, broken = 0, len(data), 0, 0
    while i < n:
        size = _lead_size(data[i])
        if size and i + size <= n:
            try:
                pieces.append((i, data[i : i + size].decode("utf-8")))
                i += size
                good += 1
                continue
            except UnicodeDecodeError:
                pass
        pieces.append((i, None if size else (run[i] if data[i] >= 0x80 else chr(data[i]))))
        broken += size > 0
        i += 1
    if not good and broken != 1:
        return run
    out: list[str] = []
    skip_to = covered = 0
    for k, (start, piece) in enumerate(pieces):
        if start < skip_to:
            continue
        end = pieces[k + 1][0] if k + 1 < len(pieces) else n
        if piece is None:
            fixed = None
            if broken <= max(1, good):
                fixed = _complete(
                    data, start, _lead_size(data[start]), reader.undefined, out, models
                )
            if fixed is not None:
                out.append(fixed[0])
                skip_to = start + fixed[1]
                covered += fixed[1]
                continue
            piece = run[start]
        elif end - start > 1:
            covered += end - start
        out.append(piece)
    # real mojibake re-decodes (nearly) the whole run; a pair that decodes by chance
    # inside clean text leaves most of it as it was
    return "".join(out) if covered * 3 >= len(data.rstrip(b" ?")) * 2 else run


def _complete(
    data: bytes, i: int, size: int, lost: bytes, left: list[str], models: CharModels
) -> tuple[str, int] | None:
    """Complete the broken sequence at ``data[i]``: a lost byte became ``?`` (or U+FFFD),
    a no-break space (0xA0) became a plain space, or a lost byte was dropped (the least
    likely: :data:`DROPPED_COST`).  Returns the character that reads best between its
    neighbours, and the number of bytes it consumes."""
    options: list[tuple[str, int, float]] = []  # (text, bytes consumed, prior)
    for k in range(1, size):
        head, nxt = data[i : i + k], data[i + k] if i + k < len(data) else -1
        if nxt == 0x3F:  # "?" right after a lead byte: the lost byte's replacement
            subs = [(m, 1, 0.0) for m in lost]
        else:
            subs = [(m, 0, DROPPED_COST) for m in lost]
            if nxt == 0x20:
                subs.append((0xA0, 1, 0.0))
        for m, replaced, prior in subs:
            tail = data[i + k + replaced : i + size - 1 + replaced]
            try:
                ch = (head + bytes([m]) + tail).decode("utf-8")
            except UnicodeDecodeError:
                continue
            options.append((ch, size - 1 + replaced, prior))
            if m == 0xA0:  # the space may also have stood for itself (spaces were collapsed)
                options.append((ch + " ", size - 1 + replaced, prior))
    if not options:
        return None
    ranked = sorted(options, key=lambda o: -(_char_plausibility(o[0]) + o[2]))
    if len(ranked) == 1 or (
        _char_plausibility(ranked[0][0])
        + ranked[0][2]
        - _char_plausibility(ranked[1][0])
        - ranked[1][2]
        > 2.0
    ):
        return ranked[0][0], ranked[0][1]
    before = "".join(left[-6:])

    def in_context(option: tuple[str, int, float]) -> float:
        end = i + option[1]
        after = data[end : end + 8].decode("utf-8", errors="ignore")
        return models.score_mixed(before + option[0] + after) + option[2]

    best = max(ranked[:4], key=in_context)
    return best[0], best[1]


@cache
def _char_plausibility(ch: str) -> float:
    return CharModels.load().unigram(ch)


Edit = tuple[int, int, str, float]  # replace text[start:end] with the string; extra cost


def _fix_utf8(
    text: str, path: _Path, readers: dict[str, _Reader], models: CharModels
) -> list[Edit] | None:
    """Undo "UTF-8 read as ``path.read_as``" run by run; returns the edits."""
    if path.read_as in _MULTI:
        try:
            data = text.encode(path.read_as)
        except UnicodeEncodeError:
            return None
        fixed = None if data.isascii() else _utf8_strict(data)
        return [(0, len(text), fixed, 0.0)] if fixed is not None and fixed != text else None
    reader = readers[path.read_as]
    if not reader.signature.search(text):
        return None
    # C-speed gate: mojibake of UTF-8 leaves intact lead+continuation pairs for most of its
    # non-ASCII characters; clean text in the reader's own script has a rare few.
    pairs = len(reader.pair.findall(text))
    if 2 * pairs < MIN_PAIR_SHARE * _non_ascii_count(text):
        return None
    # first pass, C speed only: which runs decode as a whole?
    runs: list[tuple[re.Match[str], bytes, str | None]] = []
    whole = candidates = 0
    for m in reader.runs.finditer(text):
        run = m.group()
        candidates += len(run.rstrip(" ?")) >= 2
        data = run.translate(reader.table).encode("latin-1")
        fixed = _utf8_strict(data)
        whole += fixed is not None and fixed != run
        runs.append((m, data, fixed))
    if candidates >= 10 and whole < MIN_RUN_SHARE / 2 * candidates:
        return None  # clean text in which a few runs happen to decode
    edits: list[Edit] = []
    for m, data, fixed in runs:
        run = m.group()
        cost = 0.0
        if fixed is None:  # partly broken runs: decode what decodes, complete lost bytes
            fixed = _decode_run(run, data, reader, models)
            if len(run.rstrip(" ?")) <= 1:
                cost = GUESS_COST  # one character and a completed byte: only a guess
        if fixed != run:
            edits.append((m.start(), m.end(), fixed, cost))
    if not edits or len(edits) < MIN_RUN_SHARE * candidates:
        return None  # a few runs that happen to decode in text that is otherwise clean
    return edits


def _fix_legacy(text: str, path: _Path, readers: dict[str, _Reader]) -> list[Edit] | None:
    reader = readers[path.read_as]
    if reader.foreign.search(text):
        return None  # a character this reader never produces: not its mojibake (C-speed test)
    mapped = text.translate(reader.table)
    try:
        fixed = mapped.encode("latin-1").decode(path.written_in)
    except UnicodeError:
        return None
    return [(0, len(text), fixed, 0.0)] if fixed != text else None


def _fix_c1(text: str) -> list[Edit] | None:
    edits = []
    for m in _C1.finditer(text):
        ch = bytes([ord(m.group())]).decode("cp1252", errors="ignore")
        if ch:
            edits.append((m.start(), m.end(), ch, 0.0))
    return edits or None


def _apply(text: str, edits: list[Edit]) -> str:
    parts, last = [], 0
    for start, end, new, _ in edits:
        parts += [text[last:start], new]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _gain(text: str, edits: list[Edit], models: CharModels, base: float) -> float:
    """Log-likelihood (mixed-script) the edits gain over ``base``, the score of ``text``."""
    return models.score_mixed(_apply(text, edits)) - base - sum(e[3] for e in edits)


@lru_cache(maxsize=8)
def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _letters_non_ascii(text: str) -> float:
    sample = text[:4000]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return 0.0
    ascii_part = sample.encode("ascii", "ignore")
    ascii_letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    return 1.0 - ascii_letters / letters


def _legacy_letters(text: str) -> bool:
    """Are nearly all letters non-ASCII (:data:`MIN_NON_ASCII_LETTERS`)?  Counting letters
    is slow, so a cheap bound answers first: the non-ASCII letters are at most the
    non-ASCII characters."""
    sample = text[:4000]
    ascii_part = sample.encode("ascii", "ignore")
    ascii_letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    non_ascii = len(sample) - len(ascii_part)
    if ascii_letters and 1.0 - ascii_letters / (ascii_letters + non_ascii) < (
        MIN_NON_ASCII_LETTERS - 1e-9
    ):
        return False
    return _letters_non_ascii(text) >= MIN_NON_ASCII_LETTERS


def _encodable(codec: str, ch: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


#: Bit of a screen mask saying the character's mask has been computed.
_KNOWN = 1 << 63
#: A continuation character's bit for path ``i`` is bit ``i + _CONT_SHIFT``.
_CONT_SHIFT = 32


class _Screen:
    """Which paths could repair anything in a text: a necessary condition per path, decided
    on per-character bit masks with one vectorized pass over the text's code points.

    Bit ``i`` of a character's mask concerns path ``i``:

    * legacy and multi-byte paths: set when the reader can produce the character (its code
      page has it; the multi-byte codec encodes it).  Every character must be allowed, so
      the masks are ANDed over the text;
    * the C1 path: set for a C1 control that windows-1252 defines; one is needed (ORed);
    * UTF-8 read as a single-byte code page: set for a character the reader makes of a UTF-8
      lead byte, and bit ``i + 32`` for one it makes of a continuation byte; both are needed
      (ORed), and then enough continuation characters (:data:`MIN_PAIR_SHARE`, as the pair
      gate of :func:`_fix_utf8` asks): each lead+continuation pair holds one.

    ASCII characters are neutral (allowed everywhere, no lead, continuation or C1 bit).
    A character's mask is computed the first time a text holds it and kept in a table
    indexed by code point (its untouched pages take no memory).  A path the screen rules
    out would get no edits from :func:`_edits`, so it need not be tried.
    """

    def __init__(self, paths: tuple[_Path, ...], readers: dict[str, _Reader]) -> None:
        if len(paths) >= _CONT_SHIFT:
            raise ValueError(f"{len(paths)} mojibake paths: the screen masks hold 31 at most")
        self.paths = paths
        bits = [(1 << i, p) for i, p in enumerate(paths)]
        self.all_bits = sum(b for b, p in bits if p.kind == "legacy" or p.read_as in _MULTI)
        self.c1_bits = sum(b for b, p in bits if p.kind == "c1")
        self.pair_bits = sum(b for b, p in bits if p.kind == "utf8" and p.read_as not in _MULTI)
        self.table = np.zeros(0x110000, dtype=np.uint64)
        self.table[:0x80] = _KNOWN | self.all_bits
        # the bits that come from the codec tables' character sets, for the few hundred
        # characters in them; encodability by a multi-byte codec is asked per character
        self.from_sets: dict[str, int] = {}
        self.multi: list[tuple[int, str]] = []
        for i, path in enumerate(paths):
            if path.kind == "c1":
                self._add(_C1_CHARS, 1 << i)
            elif path.read_as in _MULTI:
                self.multi.append((1 << i, path.read_as))
            elif path.kind == "legacy":
                self._add(readers[path.read_as].high_chars, 1 << i)
            else:
                self._add(readers[path.read_as].lead_chars, 1 << i)
                self._add(readers[path.read_as].cont_chars, 1 << (i + _CONT_SHIFT))

    def _add(self, chars: frozenset[str], bit: int) -> None:
        for ch in chars:
            self.from_sets[ch] = self.from_sets.get(ch, 0) | bit

    def _mask(self, ch: str) -> int:
        """The mask of one non-ASCII character (see the class docstring)."""
        mask = _KNOWN | self.from_sets.get(ch, 0)
        for bit, codec in self.multi:
            if _encodable(codec, ch):
                mask |= bit
        return mask

    def survivors(self, text: str) -> list[_Path]:
        """The paths, in order, that the screen does not rule out for ``text``."""
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        masks = self.table.take(cps)
        every = int(np.bitwise_and.reduce(masks))
        if not every & _KNOWN:  # characters seen for the first time: compute their masks
            new = np.unique(cps[(masks & np.uint64(_KNOWN)) == 0]).tolist()
            self.table[new] = [self._mask(chr(cp)) for cp in new]
            masks = self.table.take(cps)
            every = int(np.bitwise_and.reduce(masks))
        some = int(np.bitwise_or.reduce(masks))
        alive = (
            (every & self.all_bits)
            | (some & self.c1_bits)
            | (some & (some >> _CONT_SHIFT) & self.pair_bits)
        )
        out = []
        non_ascii = -1
        while alive:
            i = (alive & -alive).bit_length() - 1  # the lowest path bit still set
            alive &= alive - 1
            if (1 << i) & self.pair_bits:
                if non_ascii < 0:
                    non_ascii = int(np.count_nonzero(cps >= 0x80))
                cont = np.uint64(1 << (i + _CONT_SHIFT))
                occurrences = int(np.count_nonzero(masks & cont))
                if 2 * occurrences < MIN_PAIR_SHARE * non_ascii:
                    continue
            out.append(self.paths[i])
        return out


@cache
def _screen() -> _Screen:
    return _Screen(*_paths())


def _edits(
    text: str, path: _Path, readers: dict[str, _Reader], models: CharModels, legacy_ok: bool
) -> list[Edit] | None:
    if path.kind == "utf8":
        return _fix_utf8(text, path, readers, models)
    if path.kind == "legacy":
        return _fix_legacy(text, path, readers) if legacy_ok else None
    return _fix_c1(text)


def _best_path(
    text: str,
    paths: list[_Path],
    readers: dict[str, _Reader],
    models: CharModels,
    legacy_allowed: bool,
) -> tuple[float, list[Edit], _Path] | None:
    """The path whose repair gains most, if any gains enough (only the ``paths`` that
    :class:`_Screen` leaves are tried)."""
    # one legacy-as-legacy repair at most: a code page misread twice is not a thing
    legacy_ok: bool | None = None if legacy_allowed else False
    base: float | None = None
    best: tuple[float, list[Edit], _Path] | None = None
    for path in paths:
        if path.kind == "legacy":
            if legacy_ok is None:
                legacy_ok = _legacy_letters(text)
            if not legacy_ok:
                continue
        edits = _edits(text, path, readers, models, bool(legacy_ok))
        if not edits:
            continue
        if base is None:
            base = models.score_mixed(text)
        gain = _gain(text, edits, models, base) + path.prior
        if gain < max(MIN_GAIN, GAIN_PER_RUN * len(edits)):
            continue
        if best is None or gain > best[0]:
            best = (gain, edits, path)
    return best


def fix_mojibake_explain(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake and say what was undone, one sentence per round.

    >>> fixed, notes = fix_mojibake_explain("Ã˜Â§Ã™â€žÃ˜Â®Ã˜Â¨Ã˜Â±")
    >>> fixed, len(notes), notes[0].split(":")[0]
    ('الخبر', 2, 'utf-8 read as cp1252')
    """
    if not isinstance(text, str) or text.isascii():
        return text, ()
    if len(text) < 64 and sum(1 for ch in text if not ch.isspace()) < MIN_CHARS:
        return text, ()  # too little text to tell mojibake from a rare word
    readers = _paths()[1]
    models: CharModels | None = None  # loaded when a path survives the screen (rarely)
    notes: list[str] = []
    for _ in range(MAX_ROUNDS):
        # long texts: choose the path on a probe, then apply it to the whole text
        probe = text[:PROBE]
        paths = _screen().survivors(probe)
        if not paths:
            break
        if models is None:
            models = CharModels.load()
        best = _best_path(probe, paths, readers, models, not any("legacy" in n for n in notes))
        if best is None:
            break
        gain, edits, path = best
        if len(text) > len(probe):
            edits = _edits(text, path, readers, models, True) or []
        if not edits:
            break
        kind = " (legacy)" if path.kind == "legacy" else ""
        notes.append(
            f"{path.label}{kind}: {len(edits)} run(s) re-decoded (log-likelihood {gain:+.1f})"
        )
        text = _apply(text, edits)
        if text.isascii():
            break
    return text, tuple(notes)


def fix_mojibake(text: str) -> str:
    """Repair text that was decoded with the wrong codec; clean text comes back unchanged.

    >>> fix_mojibake("La rÃ©gion de Dnepropetrovsk")
    'La région de Dnepropetrovsk'
    >>> fix_mojibake("Р РѕСЃСЃРёСЏ")
    'Россия'
    """
    return fix_mojibake_explain(text)[0]
