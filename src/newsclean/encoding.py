"""Bytes to text: detect the encoding of scraped bytes and repair mojibake.

Placeholder of the foundation skeleton: BOM, strict UTF-8, then chardet.  The full
decoder (declaration blanking, Arabic family, mojibake repair) lands with issue #2.

>>> decode("سلام".encode("utf-8"))
'سلام'
"""

from __future__ import annotations

import codecs

import chardet

from .article import EncodingGuess
from .errors import DecodeError

__all__ = ["decode", "decode_explain", "detect_encoding", "fix_mojibake"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes, *, content_type: str | None = None) -> EncodingGuess:
    """Guess the encoding of ``data`` and say why.

    >>> detect_encoding(b"plain ascii").method
    'ascii'
    """
    if not data:
        return EncodingGuess("utf-8", 1.0, "empty", ("no bytes",))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return EncodingGuess(codec, 1.0, "bom", (f"byte-order mark for {codec}",))
    if data.isascii():
        return EncodingGuess("ascii", 1.0, "ascii", ("all bytes are ASCII",))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return EncodingGuess("utf-8", 0.99, "utf-8", ("valid UTF-8 with non-ASCII bytes",))
    res = chardet.detect(data)
    enc = res.get("encoding")
    if not enc:
        raise DecodeError("no text encoding fits these bytes (binary data?)")
    name = codecs.lookup(enc).name
    return EncodingGuess(
        name,
        float(res.get("confidence") or 0.0),
        "statistical",
        (f"chardet: {enc} ({res.get('confidence')})",),
    )


def decode_explain(data: bytes, *, content_type: str | None = None) -> tuple[str, EncodingGuess]:
    """Decode ``data`` and return the text with the :class:`EncodingGuess` behind it.

    >>> decode_explain(b"abc")[1].codec
    'ascii'
    """
    guess = detect_encoding(data, content_type=content_type)
    return data.decode(guess.codec, errors="replace"), guess


def decode(data: bytes, *, content_type: str | None = None) -> str:
    """Decode scraped bytes to text.

    >>> decode(b"abc")
    'abc'
    """
    return decode_explain(data, content_type=content_type)[0]


def fix_mojibake(text: str) -> str:
    """Repair text that was decoded with the wrong codec (placeholder: unchanged).

    >>> fix_mojibake("clean text")
    'clean text'
    """
    return text
