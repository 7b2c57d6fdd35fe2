"""Structural evidence that needs no statistics: byte-order marks, UTF-16/32 without a BOM,
ISO-2022 / HZ escape sequences, binary data, and UTF-8 validity (including a sequence cut
off at the end of the input).

Each function returns ``None`` when its evidence is absent, so the detector can try them in
order and explain which one decided.

>>> sniff_bom(b"\\xef\\xbb\\xbfhello")
('utf-8-sig', 'byte-order mark EF BB BF (UTF-8)')
>>> sniff_utf8("naïve".encode())
(True, 0, 'valid UTF-8 (1 multi-byte characters)')
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import numpy as np

__all__ = [
    "binary_reason",
    "sniff_bom",
    "sniff_seven_bit",
    "sniff_utf8",
    "sniff_utf16_32",
    "utf8_text",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "FF FE 00 00 (UTF-32 little-endian)"),
    (codecs.BOM_UTF32_BE, "utf-32", "00 00 FE FF (UTF-32 big-endian)"),
    (codecs.BOM_UTF8, "utf-8-sig", "EF BB BF (UTF-8)"),
    (codecs.BOM_UTF16_LE, "utf-16", "FF FE (UTF-16 little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16", "FE FF (UTF-16 big-endian)"),
)
_BOM_PREFIXES = tuple(bom for bom, _, _ in _BOMS)
_HIGH = re.compile(rb"[\x80-\xff]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_NOT_NUL = _CONTROL_BYTES[1:]


def _controls(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
)
_MAGIC_PREFIXES = tuple(magic for magic, _ in _MAGIC)


def sniff_bom(data: bytes) -> tuple[str, str] | None:
    """``(codec, evidence)`` when ``data`` starts with a byte-order mark."""
    if not data.startswith(_BOM_PREFIXES):
        return None
    for bom, codec, what in _BOMS:
        if data.startswith(bom):
            return codec, f"byte-order mark {what}"
    return None


def sniff_utf8(data: bytes) -> tuple[bool, int, str] | None:
    """Strict UTF-8 check of non-ASCII ``data``.

    Returns ``(True, 0, why)`` for valid UTF-8, ``(True, 1, why)`` when the only defect is a
    multi-byte sequence cut off by the end of the input, and ``None`` otherwise.

    >>> sniff_utf8("كتب".encode()[:-1])[1]
    1
    """
    found = utf8_text(data)
    return None if found is None else (True, found[1], found[2])


def utf8_text(data: bytes) -> tuple[str | None, int, str] | None:
    """:func:`sniff_utf8` that keeps what it decoded: ``(text, cut, why)``, where ``text`` is
    all of ``data`` decoded when it is valid UTF-8 (``cut`` 0), and ``None`` when a character
    is cut off at the end (``cut`` bytes).

    >>> utf8_text("naïve".encode())[0]
    'naïve'
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if (
            exc.reason == "unexpected end of data"
            and exc.end == len(data)
            and exc.start >= len(data) - 3
        ):
            try:
                data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
            cut = len(data) - exc.start
            return (
                None,
                1,
                f"valid UTF-8 except the last {cut} byte(s): a character cut off at the end",
            )
        return None
    multi = int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) >= 0xC0))  # lead bytes
    return text, 0, f"valid UTF-8 ({multi} multi-byte characters)"


def sniff_seven_bit(data: bytes, markers: dict[str, list[str]]) -> tuple[str, str] | None:
    """ISO-2022 / HZ: 7-bit data with the escape sequences of a stateful CJK codec.

    >>> sniff_seven_bit("日本".encode("iso2022_jp"), {"iso2022_jp": ["\x1b$B"]})[0]
    'iso2022_jp'
    """
    if not data.isascii():
        return None
    for codec, seqs in markers.items():
        hits = [s for s in seqs if s.encode("ascii") in data]
        if not hits:
            continue
        for name in _SEVEN_BIT_FALLBACKS.get(codec, (codec,)):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if text.isascii():
                continue
            shown = ", ".join(repr(h) for h in hits[:3])
            return name, f"7-bit data with {codec} escape sequences ({shown})"
    return None


_SEVEN_BIT_FALLBACKS = {
    "iso2022_jp": ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_2004"),
    "iso2022_jp_2": ("iso2022_jp_2", "iso2022_jp_2004"),
}


def _bad_chars(text: str) -> int:
    bad = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cn", "Co", "Cs") and ch not in "\t\n\r\f":
            bad += 1
    return bad


def sniff_utf16_32(data: bytes, force: bool = False) -> list[tuple[str, str]]:
    """UTF-16 / UTF-32 decodings of the head of ``data`` that contain no control, private or
    unassigned characters, as ``(codec, text)``: candidates for text without a BOM.

    Only looked for when zero or control bytes are frequent (``force`` skips that test: the
    caller was about to call the data binary).

    >>> [c for c, _ in sniff_utf16_32("Hello, world".encode("utf-16-le"))]
    ['utf-16-le', 'utf-16-be']
    """
    head = data[:4096]
    if len(head) < 8:
        return []
    if not force and head.count(0) < len(head) // 8 and _controls(head) < len(head) // 8:
        return []
    out = []
    for codec, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        usable = head[: len(head) - len(head) % unit]
        try:
            text = codecs.getincrementaldecoder(codec)("strict").decode(usable, final=False)
        except UnicodeDecodeError:
            continue
        if text and _bad_chars(text) * 50 <= len(text):
            out.append((codec, text))
    return out


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like binary rather than text, or ``None``.

    >>> binary_reason(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(range(256)))
    'binary data: looks like a PNG image'
    """
    head = data[:65536]
    core = head.strip(b"\x00")  # NUL padding around a text is padding, not binary content
    if not core:
        return f"binary data: {len(head)} NUL bytes and nothing else"
    if head.startswith(_MAGIC_PREFIXES):
        for magic, what in _MAGIC:
            if head.startswith(magic) and (_controls(head[:1024]) > 2 or magic == b"%PDF-"):
                return f"binary data: looks like {what}"
    # NUL bytes alone (padding, fixed-width records) do not make text binary; other control
    # bytes do
    n = len(core) - len(core.translate(None, _CONTROL_NOT_NUL))
    if n * 50 > len(core):
        return f"binary data: {n} of {len(core)} bytes are control bytes that text never contains"
    return None


def first_high(data: bytes) -> int:
    """Offset of the first byte >= 0x80 (or -1)."""
    m = _HIGH.search(data)
    return m.start() if m else -1
