"""Transparent gzip: recognize compressed files by their magic bytes, decompress with a cap.

Scrapers often store pages and dumps gzip-compressed whatever their extension says, so the
readers look at the first bytes, not at the name.  Decompression never produces more than
the caller's limit (a "zip bomb" cannot exhaust memory), and a damaged stream raises a
:class:`~newsclean.errors.DumpError` that names the reason.

>>> import gzip
>>> gunzip_capped(gzip.compress(b"hello"), limit=100)
b'hello'
>>> gunzip_capped(gzip.compress(b"hello")[:-4], limit=100)
Traceback (most recent call last):
...
newsclean.errors.DumpError: truncated gzip: the compressed data ends before its end marker
"""

from __future__ import annotations

import gzip
import io
import zlib

from ..errors import DumpError

__all__ = ["GZIP_MAGIC", "describe_read_error", "gunzip_capped", "is_gzip"]

GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) starts a gzip stream.

    >>> is_gzip(b"\\x1f\\x8b\\x08"), is_gzip(b"WARC/1.1")
    (True, False)
    """
    return head[:2] == GZIP_MAGIC


def describe_read_error(exc: BaseException) -> str:
    """The one-line reason (``"<reason>: <detail>"``) for an error raised while reading.

    >>> describe_read_error(EOFError("Compressed file ended before the end-of-stream marker"))
    'truncated gzip: the compressed data ends before its end marker'
    >>> describe_read_error(OSError(5, "Input/output error"))
    'unreadable: Input/output error'
    """
    if isinstance(exc, EOFError):
        return "truncated gzip: the compressed data ends before its end marker"
    if isinstance(exc, zlib.error | gzip.BadGzipFile):
        return f"corrupt gzip: {exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"unreadable: {exc.strerror}"
    return f"unreadable: {exc}"


def gunzip_capped(data: bytes, *, limit: int) -> bytes:
    """Decompress gzip ``data`` (all members); raise DumpError past ``limit`` bytes or on damage.

    >>> gunzip_capped(gzip.compress(b"x" * 50), limit=10)
    Traceback (most recent call last):
    ...
    newsclean.errors.DumpError: too large: more than 10 bytes once decompressed (see --max-bytes)
    """
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(limit + 1)
    except (EOFError, OSError, zlib.error) as exc:
        raise DumpError(describe_read_error(exc)) from exc
    if len(out) > limit:
        raise DumpError(f"too large: more than {limit} bytes once decompressed (see --max-bytes)")
    return out
