"""Tell what kind of dump a path is: a directory, a JSONL, Parquet, WARC or CSV file, or one
raw file.

The name decides when it is explicit (``.jsonl``, ``.ndjson``, ``.warc``, ``.csv``,
``.tsv``, with or without ``.gz``, ``.zst``, ``.bz2``, ``.xz``; ``.parquet``, ``.pq``);
otherwise the first bytes do (decompressed when the file is gzip, Zstandard, bzip2 or xz):
``PAR1`` starts a Parquet file, ``WARC/`` a WARC file, a ``{`` a JSONL file, anything else
is one raw document (a CSV file is told by its name only: its first bytes look like any
text). ``-`` is JSONL on standard input.

>>> detect_kind("-")
'jsonl'
>>> kind_from_name("crawl-00001.warc.gz"), kind_from_name("news.ndjson"), kind_from_name("a.txt")
('warc', 'jsonl', None)
>>> kind_from_head(b'  {"id": 1}'), kind_from_head(b"WARC/1.1\\r\\n"), kind_from_head(b"<html>")
('jsonl', 'warc', 'file')
>>> kind_from_name("train-00000-of-00004.parquet"), kind_from_head(b"PAR1\\x15\\x04")
('parquet', 'parquet')
>>> kind_from_name("articles.csv.gz"), kind_from_name("news.tsv")
('csv', 'csv')
>>> kind_from_name("bbc-news.zip"), kind_from_name("pages.tar.gz"), kind_from_name("a.html.gz")
('archive', 'archive', None)
"""

from __future__ import annotations

import os
import zlib

from ..errors import DumpError
from .compression import decompressed
from .record import DumpKind, replace_surrogates

__all__ = [
    "ARCHIVE_SUFFIXES",
    "KINDS",
    "RECORD_KINDS",
    "detect_kind",
    "display_path",
    "kind_from_head",
    "kind_from_name",
    "uncompressed_name",
]

KINDS: tuple[DumpKind, ...] = ("dir", "file", "jsonl", "parquet", "warc", "csv", "archive")
#: The kinds of file that hold records (a file of each is read as many documents).
RECORD_KINDS: tuple[DumpKind, ...] = ("jsonl", "parquet", "warc", "csv", "archive")

#: The names of the archives (lower case): zip and tar, read; 7z and RAR, one error record
#: each (extract them).  A ``.gz`` file that is not a tar archive is one compressed document
#: or dump.
ARCHIVE_SUFFIXES = (
    ".zip",
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz2",
    ".tbz",
    ".tar.xz",
    ".txz",
    ".7z",  # not read: named, so that they are reported as archives to extract
    ".rar",
)
_COMPRESSED = (".gz", ".gzip", ".zst", ".zstd", ".bz2", ".xz", ".lz4")
_JSONL = (".jsonl", ".ndjson", ".jl", ".json")
_SNIFF = 4096


def display_path(path: str) -> str:
    """The path as the user gave it, tidied (``seeds/`` and ``./seeds`` both give ``seeds``).

    >>> display_path("./seeds/"), display_path("-")
    ('seeds', '<stdin>')
    """
    if path == "-":
        return "<stdin>"
    return replace_surrogates(os.path.normpath(path).replace(os.sep, "/"))


def uncompressed_name(name: str) -> str:
    """``name`` in lower case, without the extension of a compression (``.gz``, ``.zst``,
    ``.bz2``, ``.xz``...).

    >>> uncompressed_name("News.TSV.xz"), uncompressed_name("a.jsonl")
    ('news.tsv', 'a.jsonl')
    """
    low = name.lower()
    for suffix in _COMPRESSED:
        if low.endswith(suffix):
            return low[: -len(suffix)]
    return low


def kind_from_name(name: str) -> DumpKind | None:
    """The kind a file name announces, or None when the name says nothing."""
    if name.lower().endswith(ARCHIVE_SUFFIXES):
        return "archive"
    low = uncompressed_name(name)
    if name.lower().endswith((".parquet", ".pq")):  # compressed inside, never as a whole
        return "parquet"
    if low.endswith(".warc"):
        return "warc"
    if low.endswith(_JSONL):
        return "jsonl"
    if low.endswith((".csv", ".tsv")):
        return "csv"
    return None


def kind_from_head(head: bytes) -> DumpKind:
    """The kind the first (decompressed) bytes of a file announce."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PAR1"):
        return "parquet"
    if text.startswith(b"WARC/"):
        return "warc"
    if text.startswith(b"{"):
        return "jsonl"
    if head[257:262] == b"ustar":  # a tar archive (a zip file is told by its name only:
        return "archive"  # .docx, .epub and .xlsx files are zip files too)
    return "file"


def _head(path: str) -> bytes:
    """The first bytes of the file at ``path``, decompressed when it is compressed."""
    with open(path, "rb") as fh:
        head = fh.peek(_SNIFF)[:_SNIFF]
        try:
            stream = decompressed(fh)
            return head if stream is fh else stream.read(_SNIFF)
        except (EOFError, OSError, zlib.error, DumpError):
            return head  # damaged data, or no zstandard module: the reader reports why


def detect_kind(path: str) -> DumpKind:
    """The kind of dump at ``path``; DumpError when the path cannot be read at all."""
    if path == "-":
        return "jsonl"
    if os.path.isdir(path):
        return "dir"
    if not os.path.exists(path):
        raise DumpError(f"{path}: no such file or directory")
    if not os.path.isfile(path):  # a pipe (``<(zcat dump.gz)``): sniffing would eat its data
        return kind_from_name(os.path.basename(path)) or "jsonl"
    named = kind_from_name(os.path.basename(path))
    if named is not None:
        return named
    try:
        return kind_from_head(_head(path))
    except OSError as exc:
        raise DumpError(f"{path}: cannot read: {exc.strerror or exc}") from exc
