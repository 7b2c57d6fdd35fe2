"""Bytes to text: detect the encoding of scraped bytes, decode them, and repair mojibake.

* :func:`detect_encoding` — the codec and the evidence behind it (:class:`EncodingGuess`);
* :func:`decode` / :func:`decode_explain` — the whole input decoded with that codec;
* :func:`fix_mojibake` / :func:`fix_mojibake_explain` — text that was decoded with the wrong
  codec (``Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©``, ``ط§ظ„ط¹ط±ط¨ظٹط©``, ``ÇáÚÑÈíÉ``) turned back into what was meant.

The modules, one concept each: :mod:`.sniff` (BOM, UTF-8/16/32, escapes, binary),
:mod:`.declared` (HTTP / XML / ``<meta>`` charsets), :mod:`.charmodel` (language models of
characters), :mod:`.candidates` (codec catalogue and scoring), :mod:`.detect` (the
decision), :mod:`.mojibake` (repair).

>>> decode("سلام".encode("utf-8"))
'سلام'
>>> decode("گزارش خبرگزاري".encode("cp1256"))  # Persian as cp1256 writes it (Arabic yeh)
'گزارش خبرگزاري'
"""

from __future__ import annotations

from ..article import EncodingGuess
from .detect import detect_and_decode, detect_encoding
from .mojibake import fix_mojibake, fix_mojibake_explain

__all__ = [
    "decode",
    "decode_explain",
    "detect_encoding",
    "fix_mojibake",
    "fix_mojibake_explain",
]


def decode_explain(data: bytes, *, content_type: str | None = None) -> tuple[str, EncodingGuess]:
    """Decode ``data`` and return the text with the :class:`EncodingGuess` behind it.

    Raises :class:`~newsclean.DecodeError` when the bytes are not text.

    >>> text, guess = decode_explain("Привет".encode("koi8-r") * 3)
    >>> text[:6], guess.codec
    ('Привет', 'koi8-r')
    """
    return detect_and_decode(data, content_type=content_type)


def decode(data: bytes, *, content_type: str | None = None) -> str:
    """Decode scraped bytes to text (see :func:`decode_explain`).

    >>> decode(b"abc")
    'abc'
    """
    return decode_explain(data, content_type=content_type)[0]
