"""Transparent decompression: recognize compressed files by their magic bytes (gzip,
Zstandard, bzip2, xz), decompress with a cap.

Scrapers often store pages and dumps compressed whatever their extension says, so the
readers look at the first bytes, not at the name.  Decompression never produces more than
the caller's limit (a "zip bomb" cannot exhaust memory), and a damaged stream raises a
:class:`~newsclean.errors.DumpError` that names the reason.

>>> import gzip
>>> decompress_capped(gzip.compress(b"hello"), limit=100)
b'hello'
>>> decompress_capped(gzip.compress(b"hello")[:-4], limit=100)
Traceback (most recent call last):
...
newsclean.errors.DumpError: truncated gzip: the compressed data ends before its end marker
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from typing import IO, Any, cast

from ..errors import DumpError

__all__ = [
    "BZIP2_MAGIC",
    "GZIP_MAGIC",
    "XZ_MAGIC",
    "ZSTD_MAGIC",
    "Corrupt",
    "Truncated",
    "compression_of",
    "decompress_capped",
    "decompressed",
    "describe_read_error",
    "is_gzip",
    "is_zstd",
    "zstd_damage",
    "zstd_reader",
]

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
BZIP2_MAGIC = b"BZh"
XZ_MAGIC = b"\xfd7zXZ\x00"


class Truncated(EOFError):
    """A compressed stream that ends before its end marker (``fmt``: gzip, zstd, bzip2, xz)."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"the {fmt} stream ends before its end marker")
        self.fmt = fmt


class Corrupt(OSError):
    """Damaged compressed data (``fmt``: zstd, bzip2, xz) and what the decompressor said."""

    def __init__(self, fmt: str, detail: str) -> None:
        super().__init__(f"corrupt {fmt}: {detail}")
        self.fmt = fmt
        self.detail = detail


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
    >>> describe_read_error(Corrupt("xz", "Corrupt input data"))
    'corrupt xz: Corrupt input data'
    """
    if isinstance(exc, EOFError):
        fmt = exc.fmt if isinstance(exc, Truncated) else "gzip"
        return f"truncated {fmt}: the compressed data ends before its end marker"
    if isinstance(exc, Corrupt):
        return f"corrupt {exc.fmt}: {exc.detail}"
    if isinstance(exc, zlib.error | gzip.BadGzipFile):
        return f"corrupt gzip: {exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"unreadable: {exc.strerror}"
    return f"unreadable: {exc}"


def is_zstd(head: bytes) -> bool:
    """True when ``head`` starts a Zstandard frame (``.jsonl.zst`` dumps).

    >>> is_zstd(b"\\x28\\xb5\\x2f\\xfd\\x00"), is_zstd(b"{")
    (True, False)
    """
    return head[:4] == ZSTD_MAGIC


class _ZstdStream(io.RawIOBase):
    """The decompressed bytes of a Zstandard stream of one or more frames.  A stream that
    stops inside a frame raises :class:`Truncated` (``zstandard``'s own reader ends
    quietly), damaged data ``OSError``."""

    def __init__(self, raw: IO[bytes], zstd: Any) -> None:
        self._raw = raw
        self._zstd = zstd
        self._dctx = zstd.ZstdDecompressor()
        self._obj = self._dctx.decompressobj()
        self._pending = b""
        self._at = 0  # how much of ``_pending`` was handed out (slicing would copy it)
        self._started = False
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._at == len(self._pending) and not self._done:
            chunk = self._raw.read(1 << 16)
            if not chunk:
                self._done = True
                if self._started and not self._obj.eof:
                    raise Truncated("zstd")
                break
            self._started = True
            try:
                out = self._obj.decompress(chunk)
                while self._obj.eof and self._obj.unused_data:  # the next frame
                    rest = self._obj.unused_data
                    self._obj = self._dctx.decompressobj()
                    out += self._obj.decompress(rest)
            except self._zstd.ZstdError as exc:
                raise Corrupt("zstd", str(exc)) from exc
            self._pending, self._at = out, 0
        n = min(len(buffer), len(self._pending) - self._at)
        buffer[:n] = memoryview(self._pending)[self._at : self._at + n]
        self._at += n
        return n


def zstd_reader(raw: IO[bytes]) -> IO[bytes]:
    """A buffered reader of the decompressed Zstandard stream ``raw``; DumpError when the
    ``zstandard`` package is missing."""
    try:
        import zstandard
    except ImportError as exc:
        raise DumpError(
            "reading Zstandard-compressed dumps needs zstandard: pip install 'newsclean[zstd]'"
        ) from exc
    return io.BufferedReader(_ZstdStream(raw, zstandard))


_SKIPPABLE = range(0x184D2A50, 0x184D2A60)  # magic numbers of skippable frames


def zstd_damage(fh: IO[bytes]) -> str | None:
    """Why the seekable Zstandard file ``fh`` cannot be read to its end (``"truncated zstd:
    ..."``, ``"corrupt zstd: ..."``), or None when its frames end where the file ends.

    Only frame and block headers are read (a seek per block, no decompression), so a
    gigabyte costs a few tens of thousands of small reads: a check a reader can afford
    before handing the file to one that ends quietly where the data stops (zstandard's
    stream reader; Hadoop's codec at a frame boundary).

    >>> import io, zstandard
    >>> data = zstandard.ZstdCompressor().compress(b"line" * 1000) * 2
    >>> zstd_damage(io.BytesIO(data)) is None
    True
    >>> zstd_damage(io.BytesIO(data[:-3]))
    'truncated zstd: the file ends at byte 39, inside a frame that needs 42'
    """
    end = fh.seek(0, io.SEEK_END)
    pos = 0
    while pos < end:
        fh.seek(pos)
        head = fh.read(5)
        if int.from_bytes(head[:4], "little") in _SKIPPABLE and len(head) >= 4:
            rest = fh.read(3)  # the 4-byte frame size; its first byte was read with head
            pos += 8 + int.from_bytes((head[4:] + rest).ljust(4, b"\xff"), "little")
        elif head[:4] != ZSTD_MAGIC[: len(head)]:
            return f"corrupt zstd: no Zstandard frame at byte {pos}"
        elif len(head) < 5:
            return _cut(end, pos + 6)
        else:
            flags = head[4]
            single = bool(flags & 0x20)
            fcs = (1 if single else 0, 2, 4, 8)[flags >> 6]
            pos += 5 + (0 if single else 1) + (0, 1, 2, 4)[flags & 3] + fcs
            last = False
            while not last:
                fh.seek(pos)
                block = fh.read(3)
                if len(block) < 3:
                    return _cut(end, pos + 3)
                header = int.from_bytes(block, "little")
                last, kind, size = bool(header & 1), (header >> 1) & 3, header >> 3
                if kind == 3:
                    return f"corrupt zstd: a reserved block type at byte {pos}"
                pos += 3 + (1 if kind == 1 else size)
            pos += 4 if flags & 4 else 0  # the content checksum
        if pos > end:
            return _cut(end, pos)
    return None


def _cut(end: int, needed: int) -> str:
    return f"truncated zstd: the file ends at byte {end}, inside a frame that needs {needed}"


class _Explained(io.RawIOBase):
    """A bzip2 or xz file object whose errors say what they are: :class:`Truncated` for a
    stream cut short, :class:`Corrupt` for damaged data (the standard library raises a bare
    ``EOFError``, ``OSError`` or ``lzma.LZMAError``)."""

    def __init__(self, inner: bz2.BZ2File | lzma.LZMAFile, fmt: str) -> None:
        self._inner = inner
        self._fmt = fmt

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return self._inner.readinto(buffer)
        except EOFError as exc:
            raise Truncated(self._fmt) from exc
        except (OSError, lzma.LZMAError) as exc:
            raise Corrupt(self._fmt, str(exc)) from exc

    def close(self) -> None:
        self._inner.close()
        super().close()


def compression_of(head: bytes) -> str | None:
    """The compression the first bytes of a file announce (``"gzip"``, ``"zstd"``,
    ``"bzip2"``, ``"xz"``), or None.

    >>> [compression_of(head) for head in (bz2.compress(b"x"), lzma.compress(b"x"), b"{")]
    ['bzip2', 'xz', None]
    """
    if is_gzip(head):
        return "gzip"
    if is_zstd(head):
        return "zstd"
    if head.startswith(BZIP2_MAGIC) and head[3:4].isdigit():
        return "bzip2"
    if head.startswith(XZ_MAGIC):
        return "xz"
    return None


def decompressed(buffered: io.BufferedReader) -> IO[bytes]:
    """The decompressed stream of ``buffered``: gzip, Zstandard, bzip2 or xz as its first
    bytes say, else ``buffered`` itself (nothing is read from it but a peek).

    >>> import io
    >>> decompressed(io.BufferedReader(io.BytesIO(lzma.compress(b"one\\n")))).read()
    b'one\\n'
    """
    fmt = compression_of(buffered.peek(6)[:6])
    if fmt == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=buffered, mode="rb"))
    if fmt == "zstd":
        return zstd_reader(buffered)
    if fmt == "bzip2":
        return io.BufferedReader(_Explained(bz2.BZ2File(buffered), fmt), 1 << 16)
    if fmt == "xz":
        return io.BufferedReader(_Explained(lzma.LZMAFile(buffered), fmt), 1 << 16)
    return buffered


def decompress_capped(data: bytes, *, limit: int) -> bytes:
    """``data`` decompressed when its first bytes say it is compressed (gzip, all members;
    Zstandard; bzip2; xz), else ``data`` itself; DumpError past ``limit`` bytes or on damage.

    >>> decompress_capped(gzip.compress(b"x" * 50), limit=10)
    Traceback (most recent call last):
    ...
    newsclean.errors.DumpError: too large: more than 10 bytes once decompressed (see --max-bytes)
    >>> decompress_capped(bz2.compress(b"page"), limit=10), decompress_capped(b"page", limit=10)
    (b'page', b'page')
    """
    if compression_of(data[:6]) is None:
        return data
    try:
        with decompressed(io.BufferedReader(io.BytesIO(data))) as stream:
            out = stream.read(limit + 1)
    except (EOFError, OSError, zlib.error) as exc:
        raise DumpError(describe_read_error(exc)) from exc
    if len(out) > limit:
        raise DumpError(f"too large: more than {limit} bytes once decompressed (see --max-bytes)")
    return out
