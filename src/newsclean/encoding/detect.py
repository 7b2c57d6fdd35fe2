"""Deciding the encoding of scraped bytes, and decoding them, with the evidence in order.

1. empty input; 2. byte-order mark; 3. ISO-2022 / HZ escape sequences in 7-bit data;
4. UTF-16/32 without a BOM (zero-byte pattern, or bytes that would otherwise look binary);
   binary data is refused here; 5. pure ASCII, then strict UTF-8 (a character cut off at
   the very end is tolerated and reported);
6. statistics: every candidate codec decodes a bounded sample (declarations blanked out)
   and the decoding whose characters are most plausible in some language wins
   (:mod:`newsclean.encoding.candidates`);
7. a declared charset (HTTP header, XML declaration, ``<meta>``) only breaks a near-tie,
   or picks between codecs that decode the bytes identically.

The whole input is then decoded with the winner.  Bytes it cannot decode are never dropped
silently: first the codec's supersets are tried (``shift_jis`` -> ``cp932``), then the
remaining bytes become U+FFFD and the evidence says how many and where.

>>> g = detect_encoding("خبر عاجل من وكالة الأنباء".encode("cp1256"))
>>> g.codec, g.method, g.lang
('cp1256', 'statistical', 'ar')
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace

import numpy as np

from ..article import EncodingGuess
from ..errors import DecodeError
from .candidates import COMBINING, Catalog, Scored, score_candidates
from .charmodel import CharModels
from .declared import PRESCAN, blank_declarations, find_declarations
from .sniff import (
    binary_reason,
    first_high,
    sniff_bom,
    sniff_seven_bit,
    sniff_utf16_32,
    utf8_text,
)

__all__ = ["SAMPLE", "TIE", "decode_with", "detect_and_decode", "detect_encoding"]

#: Bytes examined by the statistical detector (the whole input is decoded).
SAMPLE = 32768
#: A declared codec whose decoding scores within this many nats of the best one wins.
TIE = 6.0
#: Below this mean log-likelihood per scored character no text encoding fits: binary junk.
JUNK = -12.0


def _declared(data: bytes, content_type: str | None, cat: Catalog) -> tuple[str | None, list[str]]:
    decls = find_declarations(data, content_type)
    if not decls:
        return None, []
    shown = ", ".join(f"{where} charset={label}" for where, label in decls)
    codec = None
    for _, label in decls:
        codec = cat.normalize(label)
        if codec:
            break
    note = f"declared: {shown}" + ("" if codec else " (no known codec)")
    return codec, [note]


def _sample(data: bytes) -> bytes:
    """A bounded window that starts shortly before the first non-ASCII byte."""
    start = max(0, first_high(data) - 512)
    if start < PRESCAN:
        return blank_declarations(data[: start + SAMPLE])[start:]
    return data[start : start + SAMPLE]


def _confidence(margin: float) -> float:
    return round(min(0.99, 1.0 / (1.0 + math.exp(-margin / 3.0))), 3)


def _statistical(data: bytes, declared: str | None, evidence: list[str]) -> EncodingGuess:
    sample = _sample(data)
    extra = (declared,) if declared else ()
    scored = score_candidates(sample, extra=extra)
    if not scored:
        raise DecodeError("no text encoding fits these bytes")
    best = scored[0]
    n_high = int(np.count_nonzero(np.frombuffer(sample, dtype=np.uint8) >= 0x80))
    if best.loglik / max(1, 2 * n_high) < JUNK:
        raise DecodeError(
            f"binary data: no text encoding fits these bytes (best guess {best.codec} "
            f"scores {best.loglik / max(1, 2 * n_high):.1f} per character)"
        )
    rival = next((s for s in scored[1:] if abs(s.loglik - best.loglik) > 1e-6), None)
    margin = best.score - rival.score if rival else 30.0
    evidence.append(
        f"declarations blanked; {len(scored)} candidate decodings of a {len(sample)}-byte sample "
        f"scored by character plausibility"
    )
    evidence.append(_describe(best, "best fit"))
    if rival:
        evidence.append(_describe(rival, "runner-up") + f", {margin:.1f} below")
    method = "statistical"
    chosen = best
    if declared and declared != best.codec:
        mine = next((s for s in scored if s.codec == declared), None)
        if mine is not None and mine.loglik == best.loglik:
            chosen, method = mine, "declared"
            evidence.append(f"declared {declared} decodes the sample exactly like {best.codec}")
        elif mine is not None and mine.score >= best.score - TIE:
            chosen, method = mine, "declared"
            evidence.append(
                f"declared {declared} is within {best.score - mine.score:.1f} of the best fit: "
                "the declaration breaks the tie"
            )
        else:
            why = f"scores {best.score - mine.score:.1f} below" if mine else "cannot decode it"
            evidence.append(f"declared {declared} ignored: it {why} the best fit")
    elif declared:
        evidence.append(f"declared {declared} agrees with the bytes")
    return EncodingGuess(
        chosen.codec,
        _confidence(margin),
        method,
        tuple(evidence),
        declared,
        chosen.replaced,
        chosen.lang or None,
    )


def _utf16_32(data: bytes, force: bool) -> tuple[str, str, str] | None:
    """The most plausible BOM-less UTF-16/32 reading, as (codec, evidence, language)."""
    found = sniff_utf16_32(data, force)
    if not found:
        return None
    models = CharModels.load()
    scored = []
    for codec, text in found:
        score, lang = models.score_text(text)
        scored.append((score / max(1, len(text)), codec, lang))
    per_char, codec, lang = max(scored)
    if per_char < JUNK:
        return None
    why = (
        f"no BOM, but the bytes read as {codec.upper()} text ({lang}, {per_char:.1f} per character)"
    )
    return codec, why, lang


def _describe(s: Scored, what: str) -> str:
    lang = f" as {s.lang} text" if s.lang else ""
    return f"{what}: {s.codec}{lang} (log-likelihood {s.loglik:.1f}, prior {s.prior:+.1f})"


def detect_encoding(data: bytes, *, content_type: str | None = None) -> EncodingGuess:
    """Guess the encoding of ``data`` and say why (see the module docstring for the order).

    ``content_type`` is the HTTP ``Content-Type`` header, if known.  Raises
    :class:`~newsclean.DecodeError` for binary data.

    >>> detect_encoding(b"plain ascii").method
    'ascii'
    >>> detect_encoding("Grüße".encode(), content_type="text/html; charset=latin-1").codec
    'utf-8'
    """
    return _detect(data, content_type)[0]


def detect_and_decode(data: bytes, *, content_type: str | None = None) -> tuple[str, EncodingGuess]:
    """:func:`detect_encoding`, then :func:`decode_with`; valid UTF-8 is decoded only once
    (the text that proved it valid is the result).

    >>> detect_and_decode("Grüße".encode())[0]
    'Grüße'
    """
    guess, text = _detect(data, content_type)
    if text is not None:
        return _compose(text, guess)
    return decode_with(bytes(data), guess)


def _detect(data: bytes, content_type: str | None) -> tuple[EncodingGuess, str | None]:
    """The guess, and the whole text when detecting it decoded all of ``data`` already."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise DecodeError(f"expected bytes, got {type(data).__name__}")
    cat = Catalog.load()
    declared, evidence = _declared(data, content_type, cat)
    if not data:
        return EncodingGuess("utf-8", 1.0, "empty", ("no bytes: the empty text",), declared), None
    bom = sniff_bom(data)
    if bom:
        return EncodingGuess(bom[0], 1.0, "bom", (*evidence, bom[1]), declared), None
    seven = sniff_seven_bit(data, cat.seven_bit)
    if seven:
        return EncodingGuess(seven[0], 0.99, "escape", (*evidence, seven[1]), declared), None
    reason = binary_reason(data)
    # UTF-16/32 without a BOM: when zero or control bytes abound, or as the last chance
    # before calling the data binary (CJK text has few zero bytes); never for bytes that
    # are valid, NUL-free UTF-8 with multi-byte characters
    utf8 = utf8_text(data) if not data.isascii() and b"\x00" not in data[:4096] else None
    wide = None if utf8 is not None else _utf16_32(data, force=reason is not None)
    if wide:
        guess = EncodingGuess(wide[0], 0.9, "utf-16/32", (*evidence, wide[1]), declared, 0, wide[2])
        return guess, None
    if reason:
        raise DecodeError(reason)
    if data.isascii():
        guess = EncodingGuess("ascii", 1.0, "ascii", (*evidence, "all bytes are ASCII"), declared)
        return guess, None
    if utf8 is None and b"\x00" in data[:4096]:  # not looked at above
        utf8 = utf8_text(data)
    if utf8:
        text, cut, why = utf8
        if declared and declared not in ("utf-8", "ascii"):
            evidence.append(f"declared {declared} ignored: the bytes are UTF-8")
        return EncodingGuess("utf-8", 0.99, "utf-8", (*evidence, why), declared, cut), text
    evidence.append("not valid UTF-8")
    return _statistical(data, declared, evidence), None


def _compose(text: str, guess: EncodingGuess) -> tuple[str, EncodingGuess]:
    """Compose the combining accents that some code pages (windows-1258) emit."""
    if guess.codec not in COMBINING or unicodedata.is_normalized("NFC", text):
        return text, guess
    note = f"{guess.codec} writes accents as combining characters: composed to NFC"
    return unicodedata.normalize("NFC", text), replace(guess, evidence=(*guess.evidence, note))


def decode_with(data: bytes, guess: EncodingGuess) -> tuple[str, EncodingGuess]:
    """Decode all of ``data`` with ``guess.codec``; on failure try its supersets, then
    replace the undecodable bytes and say so in the returned guess.

    >>> decode_with(b"caf\\xe9 \\x81", EncodingGuess("cp1252", 0.9, "statistical"))[1].replaced
    1
    """
    if not data:
        return "", guess
    try:
        return _compose(data.decode(guess.codec), guess)
    except UnicodeDecodeError as exc:
        first_error = exc
    except LookupError as exc:
        raise DecodeError(f"unknown codec {guess.codec!r}") from exc
    cat = Catalog.load()
    for sup in cat.supersets.get(guess.codec, ()):
        try:
            text = data.decode(sup)
        except UnicodeDecodeError:
            continue
        note = (
            f"{guess.codec} cannot decode byte {first_error.start} "
            f"(0x{data[first_error.start]:02x}); its superset {sup} decodes everything"
        )
        return text, replace(guess, codec=sup, evidence=(*guess.evidence, note))
    text, guess = _compose(data.decode(guess.codec, errors="replace"), guess)
    literal = data.count("\ufffd".encode(guess.codec, errors="ignore") or b"\x00\x00\x00\x00")
    n = max(1, text.count("\ufffd") - literal)
    note = (
        f"{n} undecodable byte sequence(s) replaced with U+FFFD "
        f"(first at byte {first_error.start}: {first_error.reason})"
    )
    return text, replace(guess, replaced=n, evidence=(*guess.evidence, note))
