"""Read a CSV or TSV dump (a spreadsheet export, Scrapy's CSV feed, a news dataset shipped
as CSV) as one document per row.

The first row names the columns, and they are named as JSONL fields are
(:class:`DumpOptions`: ``text``, ``html``, ``id``, ``url``, ``date``, ``fetched``,
``title``); an empty cell is a missing value.  A row is read as a JSONL object is
(:func:`~newsclean.dumps.jsonl.record_of`): the HTML column wins when a row has both, a row
without an id gets ``<file>:<row number>`` (data rows counted from 1, the header not
counted, so a cell holding line breaks does not shift the numbers).  The delimiter is a tab
for ``.tsv``, else whichever of ``,`` ``;`` tab ``|`` the header line holds most (European
spreadsheets export with ``;``).  Bytes that are not UTF-8 (a spreadsheet exported in
windows-1256) go undecoded to the encoding stage, as in a JSONL dump; a byte-order mark is
dropped; gzip and Zstandard files are read as well.

A row with more cells than the header (a delimiter inside an unquoted cell) or a text
larger than the size limit is a record with the reason, and reading goes on; a row with
fewer cells has the missing ones empty.  A quote never closed makes one cell of the rest of
the file: that row is a record saying so.  A cell the parser will not hold (larger than the
largest ``max_bytes`` of the process, and than 128 kB) leaves it unable to find the next
row: the file ends with one record saying so, as a cut or damaged compressed file does.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "news.csv")
>>> _ = open(path, "w").write('id;title;text\\n7;Rain;"Heavy rain, then floods."\\n8;Wind;\\n')
>>> for r in read_delimited(path):
...     print(r.id, repr(r.raw), r.error)
7 'Rain\\n\\nHeavy rain, then floods.' None
8 None no text: no 'text' or 'html' field (set --text-field / --html-field; it has 'id', 'title')
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Sequence
from typing import IO

from .compression import decompressed, describe_read_error
from .detect import display_path, uncompressed_name
from .jsonl import open_dump
from .options import DumpOptions
from .parquet import row_record, textless_columns
from .record import DumpRecord

__all__ = ["read_delimited", "read_delimited_stream"]

_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(header: str, path: str) -> str:
    """The delimiter of a file whose first line is ``header``.

    >>> _delimiter("id;title;text", "a.csv"), _delimiter("id,text", "a.tsv.gz")
    (';', '\\t')
    """
    if uncompressed_name(path).endswith(".tsv"):
        return "\t"
    counts = [header.count(d) for d in _DELIMITERS]
    return _DELIMITERS[counts.index(max(counts))] if max(counts) else ","


def _escaped(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 (decoded with surrogateescape)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_delimited(path: str, options: DumpOptions | None = None) -> Iterator[DumpRecord]:
    """Records of the CSV or TSV dump at ``path`` (``-``: standard input; see the module
    docstring).

    Raises :class:`~newsclean.errors.DumpError` when the file cannot be opened.
    """
    options = options or DumpOptions()
    with open_dump(path) as raw:
        yield from read_delimited_stream(decompressed(raw), path, display_path(path), options)


def read_delimited_stream(
    raw: IO[bytes], name: str, label: str, options: DumpOptions | None = None
) -> Iterator[DumpRecord]:
    """Records of a CSV or TSV stream (decompressed bytes); ``name`` tells a TSV by its
    extension, ``label`` names the records (``<label>:<row>``)."""
    options = options or DumpOptions()
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
    yield from _rows(text, name, label, options)


class _Lines:
    """The lines the csv reader takes (it takes no more than a row needs), with how many
    lines and quote characters the last row held."""

    def __init__(self, text: Iterator[str]) -> None:
        self._text = text
        self.lines = self.quotes = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._text:
            self.lines += 1
            self.quotes += line.count('"')
            yield line

    def unclosed(self) -> bool:
        """Whether the last row ran to the end of the file from a quote never closed (the
        parser then makes one cell of the rest); counts start again for the next row."""
        unclosed = self.quotes % 2 == 1 and self.lines > 1
        self.lines = self.quotes = 0
        return unclosed


def _rows(
    text: io.TextIOWrapper, path: str, label: str, options: DumpOptions
) -> Iterator[DumpRecord]:
    # a cell may be as large as a record may be (the csv module's default is 128 kB)
    csv.field_size_limit(max(csv.field_size_limit(), min(options.max_bytes, sys.maxsize) + 1))
    row = 0
    pending: DumpRecord | None = None  # a row is handed out once the next one is read
    try:
        first = text.readline()
        if not first.strip():
            return
        delimiter = _delimiter(first, path)
        header = [name.strip() for name in next(csv.reader([first], delimiter=delimiter))]
        hint = textless_columns(header, options)
        lines = _Lines(text)
        unclosed = False
        for cells in csv.reader(lines, delimiter=delimiter):
            unclosed = lines.unclosed()
            if not cells or cells == [""]:
                continue  # a blank line
            if pending is not None:
                yield pending
            row += 1
            pending = _record(header, cells, f"{label}:{row}", options, hint, delimiter)
        if pending is not None and unclosed:
            pending = DumpRecord.failed(
                pending.origin,
                "unreadable CSV",
                f"a quote opened in row {row} is never closed: the rest of the file is one "
                "cell, and no row from there on can be read",
            )
    except (csv.Error, EOFError, OSError) as exc:
        if pending is not None:
            yield pending
        if isinstance(exc, csv.Error):
            why = f"unreadable CSV: {exc} (a cell larger than --max-bytes, or a quote never closed)"
        else:  # a cut or damaged compressed file
            why = describe_read_error(exc)
        reason, _, detail = why.partition(": ")
        pending = DumpRecord.failed(
            f"{label}:{row + 1}", reason, f"{detail}; nothing after row {row} can be read"
        )
    if pending is not None:
        yield pending


def _record(
    header: list[str],
    cells: list[str],
    origin: str,
    options: DumpOptions,
    hint: Sequence[str] | None,
    delimiter: str,
) -> DumpRecord:
    if len(cells) > len(header):
        return DumpRecord.failed(
            origin,
            "bad row",
            f"{len(cells)} cells where the header names {len(header)} (the delimiter "
            f"{delimiter!r} inside an unquoted cell?)",
        )
    values = {name: cell for name, cell in zip(header, cells, strict=False) if cell}
    escaped = any(_escaped(cell) for cell in values.values())
    return row_record(values, origin, options, hint, escaped=escaped)
