"""Dump readers: directories of raw files, JSONL (plain or compressed, or stdin), Parquet,
WARC, CSV, zip and tar archives.

Every reader streams :class:`DumpRecord` objects, one per input document, in a stable order;
a document that cannot be read is a record with the reason, so that nothing is ever lost.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "dump.jsonl").write_text('{"id": "x", "text": "Story."}\\n')
>>> [(r.id, r.raw) for r in read_dump(str(d / "dump.jsonl"))]
[('x', 'Story.')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .archive import read_archive
from .delimited import read_delimited
from .detect import KINDS, RECORD_KINDS, detect_kind, display_path
from .directory import dump_files, read_directory, read_file
from .jsonl import read_jsonl
from .options import DEFAULT_MAX_BYTES, DumpOptions
from .parquet import read_parquet
from .record import DumpKind, DumpRecord
from .warc import read_warc

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KINDS",
    "RECORD_KINDS",
    "DumpKind",
    "DumpOptions",
    "DumpRecord",
    "detect_kind",
    "display_path",
    "dump_files",
    "read_archive",
    "read_delimited",
    "read_directory",
    "read_dump",
    "read_dumps",
    "read_file",
    "read_jsonl",
    "read_parquet",
    "read_warc",
]

_READERS = {
    "file": read_file,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
    "warc": read_warc,
    "csv": read_delimited,
    "archive": read_archive,
}


def read_dump(
    path: str,
    kind: DumpKind | None = None,
    options: DumpOptions | None = None,
    *,
    lazy: bool = False,
) -> Iterator[DumpRecord]:
    """Records of one dump; ``kind`` forces the reader, otherwise it is detected.

    Raises :class:`~newsclean.errors.DumpError` when the dump cannot be read at all (a
    missing path); a damaged part of a readable dump becomes records with reasons instead.
    With ``lazy``, the files of a directory dump are left to be read by
    :meth:`DumpRecord.load` (by the worker that cleans them).
    """
    options = options or DumpOptions()
    kind = kind or detect_kind(path)
    if kind == "dir":
        return read_directory(path, options, lazy=lazy)
    return _READERS[kind](path, options)


def read_dumps(
    paths: Iterable[str],
    kind: DumpKind | None = None,
    options: DumpOptions | None = None,
    *,
    lazy: bool = False,
) -> Iterator[DumpRecord]:
    """Records of several dumps, one after the other."""
    options = options or DumpOptions()
    for path in paths:
        yield from read_dump(path, kind, options, lazy=lazy)
