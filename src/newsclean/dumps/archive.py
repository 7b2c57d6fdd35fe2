"""Read a zip or tar archive as the directory it packs: one document per member file.

News datasets and scrapers' exports often come as one archive of pages or text files
(``.zip``; ``.tar``, ``.tar.gz``/``.tgz``, ``.tar.bz2``/``.tbz2``, ``.tar.xz``/``.txz``),
and an archive read as one raw page gives nothing.  Its members are read in the archive's
own order, as a directory's files are: a member is one raw document (compressed members
decompressed), and a member named as a JSONL, CSV, Parquet or WARC dump gives its records
(a Parquet or WARC member, which its reader takes from a file, is copied to a temporary
one first).  A member is named ``<archive>/<member path>`` (``news.zip/2024/05/a.html``;
``news.zip/data.jsonl:17`` for a record of a JSONL member), which ``newsclean clean``
takes back.

Skipped as a directory's are: directories, hidden members and macOS's ``__MACOSX/``
resource forks, README files, links, and the members matching an ``exclude`` pattern.
A member above the size limit, an encrypted or damaged zip member, or another archive
inside the archive (extract it) are records with the reason, and reading goes on.  An
archive that cannot be opened, or a tar stream that is cut or damaged, ends with one
record saying so; so does a 7z or RAR archive, which is not read (extract it).

>>> import io, tempfile, zipfile
>>> path = tempfile.mktemp(suffix=".zip")
>>> with zipfile.ZipFile(path, "w") as z:
...     z.writestr("pages/a.html", "<p>One.</p>"); z.writestr("__MACOSX/pages/._a.html", "x")
>>> [(r.origin.rsplit("/", 2)[-2:], r.raw) for r in read_archive(path)]
[(['pages', 'a.html'], b'<p>One.</p>')]
"""

from __future__ import annotations

import io
import lzma
import os
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any, TypeVar

from ..errors import DumpError
from .compression import decompress_capped, decompressed, describe_read_error
from .delimited import read_delimited_stream
from .detect import display_path, kind_from_name
from .directory import README_NAMES, excluded
from .jsonl import read_jsonl_stream
from .options import DumpOptions
from .parquet import read_parquet
from .record import DumpRecord, replace_surrogates
from .warc import read_warc

__all__ = ["read_archive"]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")  # a member, an empty zip, spanned
_UNREAD_MAGIC = ((b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "RAR"))
# what can go wrong while reading a member or the archive's stream
_READ_ERRORS = (
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    zipfile.BadZipFile,
    tarfile.TarError,
    NotImplementedError,  # zipfile: a version, a feature or a compression method it lacks
)
# what opening one zip member can raise for that member alone: encrypted (RuntimeError),
# a compression method zipfile lacks (Deflate64: NotImplementedError), a bad CRC
_MEMBER_ERRORS = (RuntimeError, NotImplementedError, zipfile.BadZipFile)


def _member_skipped(name: str, exclude: tuple[str, ...]) -> bool:
    parts = name.split("/")
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return True
    return parts[-1].lower() in README_NAMES or excluded(name, parts[-1], exclude)


def read_archive(path: str, options: DumpOptions | None = None) -> Iterator[DumpRecord]:
    """Records of the zip or tar archive at ``path`` (see the module docstring).

    Raises :class:`~newsclean.errors.DumpError` when the file cannot be opened.
    """
    options = options or DumpOptions()
    label = display_path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(6)
    except OSError as exc:
        raise DumpError(f"{path}: cannot open: {exc.strerror or exc}") from exc
    other = next((fmt for magic, fmt in _UNREAD_MAGIC if head.startswith(magic)), None)
    if other is not None:
        yield DumpRecord.failed(
            f"{label}/",
            "unreadable archive",
            f"a {other} archive, which newsclean does not read (zip and tar it does): extract it",
        )
        return
    zipped = head[:4] in _ZIP_MAGIC
    members = _zip_members(path) if zipped else _tar_members(path)
    count = 0
    current = ""  # the member being read
    try:
        for member_name, size, open_member in members:
            name = member_name
            while name.startswith("./"):
                name = name[2:]
            name = replace_surrogates(name.lstrip("/"))
            if not name or _member_skipped(name, options.exclude):
                continue
            count += 1
            current = name
            yield from _member_records(f"{label}/{name}", size, open_member, options)
            current = ""
    except _READ_ERRORS as exc:
        reason, _, detail = _archive_error(exc).partition(": ")
        if current:
            detail += f"; member {count} and those after it cannot be read"
        elif count:
            detail += f"; nothing after member {count} can be read"
        yield DumpRecord.failed(f"{label}/{current}", reason, detail)


def _archive_error(exc: BaseException) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return f"unreadable zip: {exc} (its index is at its end: a file cut short loses it)"
    if isinstance(exc, NotImplementedError):  # zipfile: a feature or version it lacks
        return f"unreadable zip: {exc}"
    if isinstance(exc, tarfile.TarError):
        return f"unreadable tar: {exc}"
    return describe_read_error(exc)


Member = tuple[str, int, Callable[[], IO[bytes]]]
_T = TypeVar("_T")


def _zip_members(path: str) -> Iterator[Member]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename and not info.filename.endswith("/"):  # not a directory
                yield info.filename, info.file_size, _opener(archive, info)


def _opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: io.BufferedReader(_ZipData(archive.open(info)), 1 << 16)


class _Raw(io.RawIOBase):
    """A member's file object as a raw stream of its own (a buffered reader's peek needs
    one; a tar stream's member cannot say whether it is seekable, which a text reader
    asks)."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


class _ZipData(_Raw):
    """A zip member's data, whose decompression errors (zlib's, lzma's, a stream cut short)
    are the member's :class:`zipfile.BadZipFile`: the other members are read on."""

    def readinto(self, buffer: Any) -> int:
        try:
            return super().readinto(buffer)
        except (zlib.error, lzma.LZMAError, EOFError, OSError) as exc:
            raise zipfile.BadZipFile(f"damaged data ({exc})") from exc


def _tar_members(path: str) -> Iterator[Member]:
    # a stream ("r|*"): the members are read in order, gzip, bzip2 or xz undone, never
    # the whole archive in memory
    with _tar_headers(lambda: tarfile.open(path, mode="r|*")) as archive:
        headers = iter(archive)
        while (info := _tar_headers(lambda: next(headers, None))) is not None:
            if info.isfile():
                yield info.name, info.size, _tar_opener(archive, info)


def _tar_headers(read: Callable[[], _T]) -> _T:
    """``read()``, where tarfile's TypeError or ValueError on a damaged header (an empty
    field it takes ``ord()`` of) is the ReadError it means."""
    try:
        return read()
    except (TypeError, ValueError) as exc:
        raise tarfile.ReadError(f"a damaged header ({exc})") from exc


def _tar_opener(archive: tarfile.TarFile, info: tarfile.TarInfo) -> Callable[[], IO[bytes]]:
    def open_member() -> IO[bytes]:
        member = archive.extractfile(info)
        if member is None:  # not reached: only regular files are yielded
            raise tarfile.TarError(f"{info.name}: not a regular file")
        return member

    return open_member


def _member_records(
    origin: str, size: int, open_member: Callable[[], IO[bytes]], options: DumpOptions
) -> Iterator[DumpRecord]:
    """The records of one member: one raw document, or the records of a JSONL or CSV dump."""
    kind = kind_from_name(origin.rsplit("/", 1)[-1])
    if kind in ("jsonl", "csv"):
        try:
            stream = decompressed(io.BufferedReader(_Raw(open_member())))
            if kind == "jsonl":
                yield from read_jsonl_stream(stream, origin, options)
            else:
                yield from read_delimited_stream(stream, origin, origin, options)
        except _MEMBER_ERRORS as exc:  # the records read before it stand
            yield DumpRecord.failed(origin, "unreadable zip member", str(exc))
        return
    if kind in ("parquet", "warc"):  # read from a file of its own
        yield from _extracted_records(origin, kind, open_member, options)
        return
    if kind is not None:  # an archive inside the archive
        yield DumpRecord.failed(
            origin, "unreadable ARCHIVE", "an archive inside an archive: extract it to read it"
        )
        return
    if size > options.max_bytes:
        yield DumpRecord.failed(
            origin, "too large", f"{size} bytes (limit {options.max_bytes}, see --max-bytes)"
        )
        return
    try:
        with open_member() as member:
            data = member.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            raise DumpError(f"too large: more than {options.max_bytes} bytes (see --max-bytes)")
        data = decompress_capped(data, limit=options.max_bytes)
    except DumpError as exc:
        reason, _, detail = str(exc).partition(": ")
        yield DumpRecord.failed(origin, reason, detail)
        return
    except _MEMBER_ERRORS as exc:  # this member only: the others are read
        yield DumpRecord.failed(origin, "unreadable zip member", str(exc))
        return
    yield DumpRecord(id=origin, origin=origin, raw=data)


def _extracted_records(
    origin: str, kind: str, open_member: Callable[[], IO[bytes]], options: DumpOptions
) -> Iterator[DumpRecord]:
    """The records of a Parquet or WARC member, which its reader takes from a file (a
    Parquet file's index is at its end; a WARC's damage is found by seeking): the member is
    copied to a temporary file, read, and the file removed; its records are named after the
    member (``news.zip/train.parquet:17``)."""
    with tempfile.TemporaryDirectory(prefix="newsclean-") as tmp:
        path = os.path.join(tmp, origin.rsplit("/", 1)[-1])
        try:
            with open_member() as member, open(path, "wb") as out:
                while chunk := member.read(1 << 20):
                    try:
                        out.write(chunk)
                    except OSError as exc:  # the disk, not the archive
                        why = f"cannot extract it: {exc.strerror or exc}"
                        yield DumpRecord.failed(origin, "unreadable", why)
                        return
        except _MEMBER_ERRORS as exc:
            yield DumpRecord.failed(origin, "unreadable zip member", str(exc))
            return
        reader = read_parquet if kind == "parquet" else read_warc
        try:
            yield from reader(path, options, label=origin)
        except DumpError as exc:  # its reader's extra is missing
            detail = str(exc).removeprefix(f"{path}: ")
            yield DumpRecord.failed(origin, f"unreadable {kind.upper()}", detail)
