"""Read a directory tree of raw files (any extension) as one document per file.

Files are visited in a stable order (sorted names, depth first), so ids, report order and
cluster ids do not depend on the file system. Each file is read as bytes (compressed files,
gzip, Zstandard, bzip2 or xz, are decompressed) and left to the encoding stage; a file that
cannot be read, or is larger than the size limit, becomes a record with the reason instead
of content. The id of a file is its path as given on the command line (``seeds/000_a.txt``),
stable across runs.

A file whose name says it is a dump (``.jsonl``, ``.json``, ``.parquet``, ``.warc``, plain
or compressed: the shards of a dataset, a crawl's WARC files, a news-please output
tree of one JSON file per article) is read as that dump: its records, named as that dump
names them (``dir/day1.jsonl:17``).

Skipped, because they are not documents: hidden files and directories (``.git``,
``.DS_Store``), README files at any depth (the description of the files beside them: a
dataset's card, its ``data/README.md``), and paths matching an
``exclude`` pattern.  Symbolic links to directories are not followed (no cycles).

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "b.txt").write_bytes(b"second"); _ = (root / "a.html").write_bytes(b"first")
>>> [r.raw for r in read_directory(str(root))]
[b'first', b'second']
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator

from ..errors import DumpError
from .compression import decompress_capped
from .detect import display_path, kind_from_name
from .options import DumpOptions
from .record import DumpKind, DumpRecord, replace_surrogates

__all__ = [
    "README_NAMES",
    "dump_files",
    "excluded",
    "iter_files",
    "read_directory",
    "read_file",
    "read_raw_file",
]

#: The names (lower case) of the files that describe a dump rather than belong to it.
README_NAMES = ("readme", "readme.md", "readme.txt", "readme.rst")


def excluded(rel: str, name: str, exclude: tuple[str, ...]) -> bool:
    """Whether the file at ``rel`` (its name ``name``) matches an ``exclude`` pattern."""
    return any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat) for pat in exclude)


def _skipped(rel: str, name: str, exclude: tuple[str, ...]) -> bool:
    return name.startswith(".") or excluded(rel, name, exclude)


def iter_files(root: str, exclude: tuple[str, ...] = ()) -> Iterator[str]:
    """Relative paths (``/``-separated) of the document files under ``root``, in stable order.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for p in ("x/2.txt", "x/1.txt", ".hidden/3.txt", "README.md", "x/readme.txt", "0.txt"):
    ...     (d / p).parent.mkdir(parents=True, exist_ok=True); _ = (d / p).write_text("t")
    >>> list(iter_files(str(d)))
    ['0.txt', 'x/1.txt', 'x/2.txt']
    """

    def walk(rel_dir: str) -> Iterator[str]:
        full = os.path.join(root, rel_dir) if rel_dir else root
        try:
            entries = sorted(os.scandir(full), key=lambda e: e.name)
        except OSError as exc:
            if not rel_dir:
                raise DumpError(f"{root}: cannot list directory: {exc.strerror or exc}") from exc
            yield rel_dir + "/"  # reported as an unreadable entry by read_directory
            return
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if _skipped(rel, entry.name, exclude):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(rel)
            elif entry.name.lower() not in README_NAMES:
                yield rel

    yield from walk("")


def read_raw_file(path: str, *, max_bytes: int) -> bytes:
    """The bytes of one document file, decompressed when compressed; DumpError with the reason.

    >>> import tempfile
    >>> f = tempfile.NamedTemporaryFile(delete=False); _ = f.write(b"x" * 20); f.close()
    >>> read_raw_file(f.name, max_bytes=10)
    Traceback (most recent call last):
    ...
    newsclean.errors.DumpError: too large: 20 bytes (limit 10, see --max-bytes)
    """
    # One open and one fstat (a file object adds a buffer, another fstat and more, which
    # tripled the cost of this call, made once per document of a directory dump).  With
    # O_NONBLOCK, opening a FIFO does not wait for a writer; the fstat turns it down.
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise DumpError(f"unreadable: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise DumpError("unreadable: not a regular file")
        if info.st_size > max_bytes:
            raise DumpError(f"too large: {info.st_size} bytes (limit {max_bytes}, see --max-bytes)")
        data = _read_up_to(fd, max_bytes + 1, info.st_size)
    except OSError as exc:
        raise DumpError(f"unreadable: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # the file grew while being read
        raise DumpError(f"too large: more than {max_bytes} bytes (see --max-bytes)")
    return decompress_capped(data, limit=max_bytes)


def _read_up_to(fd: int, limit: int, size: int) -> bytes:
    """Up to ``limit`` bytes of ``fd``, to its end: ``size`` (its size when opened) plus one
    in the first read, then small reads until the end (normally one, which finds it)."""
    parts: list[bytes] = []
    total = 0
    want = min(limit, size + 1)
    while total < limit:
        chunk = os.read(fd, want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = min(limit - total, 1 << 16)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_file(path: str, options: DumpOptions | None = None) -> Iterator[DumpRecord]:
    """One raw document file as a dump of one record."""
    options = options or DumpOptions()
    origin = display_path(path)
    yield DumpRecord(id=origin, origin=origin, path=path).load(options.max_bytes)


def read_directory(
    root: str, options: DumpOptions | None = None, *, lazy: bool = False
) -> Iterator[DumpRecord]:
    """Every document file under ``root``, one record each (see the module docstring).

    With ``lazy`` the files are not read here: each record carries its ``path`` and is read
    by :meth:`DumpRecord.load` where it is cleaned (in parallel worker processes).
    """
    options = options or DumpOptions()
    base = display_path(root)
    for rel in iter_files(root, options.exclude):
        shown = replace_surrogates(rel.rstrip("/"))
        origin = shown if base == "." else f"{base}/{shown}"
        if rel.endswith("/"):
            yield DumpRecord(id=origin, origin=origin, error="unreadable: cannot list directory")
            continue
        path = os.path.join(root, rel)
        kind = kind_from_name(os.path.basename(rel))
        if kind is not None:  # a dump among the files (shards of a dataset): its records
            yield from _dump_in_directory(path, kind, origin, options)
            continue
        rec = DumpRecord(id=origin, origin=origin, path=path)
        yield rec if lazy else rec.load(options.max_bytes)


def dump_files(root: str, exclude: tuple[str, ...] = ()) -> Iterator[tuple[str, DumpKind]]:
    """The paths and kinds of the dump files under ``root`` (see the module docstring), in
    the order :func:`read_directory` reads them.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for p in ("a.html", "s/b.jsonl.gz", "s/c.parquet"):
    ...     (d / p).parent.mkdir(parents=True, exist_ok=True); _ = (d / p).write_bytes(b"")
    >>> [(os.path.relpath(p, d), kind) for p, kind in dump_files(str(d))]
    [('s/b.jsonl.gz', 'jsonl'), ('s/c.parquet', 'parquet')]
    """
    for rel in iter_files(root, exclude):
        kind = None if rel.endswith("/") else kind_from_name(os.path.basename(rel))
        if kind is not None:
            yield os.path.join(root, rel), kind


def _dump_in_directory(
    path: str, kind: DumpKind, origin: str, options: DumpOptions
) -> Iterator[DumpRecord]:
    """The records of a JSONL, Parquet or WARC file inside a directory dump; when it cannot
    be read at all (a reader's extra is missing, the file cannot be opened), one record
    with the reason, and the directory is read on."""
    from . import read_dump  # the package's readers (imported here: it imports this module)

    try:
        yield from read_dump(path, kind, options)
    except DumpError as exc:
        detail = str(exc).removeprefix(f"{path}: ")
        yield DumpRecord.failed(origin, f"unreadable {kind.upper()}", detail)
