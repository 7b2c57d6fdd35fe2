"""The de-duplication report: one row per input record, written as JSONL, CSV or Parquet.

Columns, in order (the same in every format):

=================  ==========================================================================
``id``             the record's id (from the dump, or derived from its origin)
``origin``         where it came from: ``file``, ``file:line`` (JSONL) or ``file@offset`` (WARC)
``url``            its URL, when the dump has one
``date``           its publication date as the engine read it (ISO 8601, instants in UTC): the
                   dump's, else the page's (markup, its date line, a relative stamp
                   counted back from the fetch), else the day in its agency
                   dateline, else a WARC record's fetch time
``status``         ``unique``, ``canonical`` (the copy kept for a story), ``duplicate``, ``error``
``cluster``        the story id it belongs to (empty for errors)
``canonical``      the id of the canonical copy of its story
``similarity``     its similarity to the canonical copy (1.0 for the canonical itself)
``reason``         for a duplicate, why it is a copy of the canonical one (the verification's
                   reason, e.g. ``one text contains the other``, or ``through other copies
                   (...)``); empty otherwise
``encoding``       the codec the bytes were decoded with (empty when the dump held text)
``agency``         the wire agency credited (canonical registry id)
``title``          the headline, when one was found
``error``          why the record failed (status ``error``), or a warning about a record that
                   was used anyway (undecodable bytes replaced)
``indexed_before`` true when a persistent index already held the record before this run
=================  ==========================================================================

Every writer writes to a temporary file that is renamed over the target when the report is
complete (:class:`~newsclean.atomic.AtomicFile`), or to a stream such as standard output.

>>> import io
>>> buf = io.BytesIO()
>>> w = open_report(buf, "csv")
>>> w.write(ReportRow(id="a", origin="d.jsonl:1", status="unique", cluster=0, canonical="a",
...                   similarity=1.0))
>>> w.close()
>>> buf.getvalue().decode().splitlines()[1]
'a,d.jsonl:1,,,unique,0,a,1.0,,,,,,false'
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, BinaryIO, Literal, Protocol

from .atomic import AtomicFile, OutputError
from .dumps.record import replace_surrogates

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ReportFormat",
    "ReportRow",
    "ReportWriter",
    "Status",
    "format_from_name",
    "open_report",
]

Status = Literal["unique", "canonical", "duplicate", "error"]
ReportFormat = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[ReportFormat, ...] = ("jsonl", "csv", "parquet")


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One row of the report: what happened to one input record."""

    id: str
    origin: str
    url: str | None = None
    date: str | None = None
    status: Status = "error"
    cluster: int | None = None
    canonical: str | None = None
    similarity: float | None = None
    reason: str | None = None
    encoding: str | None = None
    agency: str | None = None
    title: str | None = None
    error: str | None = None
    indexed_before: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict, keys in column order."""
        return dict(zip(COLUMNS, _values(self), strict=True))


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ReportRow))
_values = attrgetter(*COLUMNS)
#: One encoder for every row (``json.dumps`` with options builds a new one per call).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def format_from_name(path: str) -> ReportFormat:
    """The report format a file name implies (JSONL unless it ends in .csv or .parquet).

    >>> format_from_name("out.csv"), format_from_name("r.parquet"), format_from_name("-")
    ('csv', 'parquet', 'jsonl')
    """
    low = path.lower()
    if low.endswith(".csv"):
        return "csv"
    if low.endswith((".parquet", ".pq")):
        return "parquet"
    return "jsonl"


class ReportWriter(Protocol):
    """Where report rows go: ``write`` each row, then ``close`` (or ``abort``)."""

    def write(self, row: ReportRow) -> None: ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


class _StreamWriter:
    """Rows to a binary stream; when the stream is an AtomicFile, close commits it."""

    def __init__(self, stream: BinaryIO, atomic: AtomicFile | None) -> None:
        self._atomic = atomic
        self._stream = stream

    def close(self) -> None:
        self._finish()
        if self._atomic is not None:
            self._atomic.commit()
        else:
            self._stream.flush()

    def abort(self) -> None:
        if self._atomic is not None:
            self._atomic.discard()

    def _finish(self) -> None:
        pass


class _JsonlWriter(_StreamWriter):
    def write(self, row: ReportRow) -> None:
        line = _JSON.encode(row.as_dict())
        self._stream.write(line.encode("utf-8", "replace") + b"\n")


class _CsvWriter(_StreamWriter):
    def __init__(self, stream: BinaryIO, atomic: AtomicFile | None) -> None:
        super().__init__(stream, atomic)
        self._text = io.TextIOWrapper(
            stream, encoding="utf-8", errors="replace", newline="", write_through=True
        )
        self._csv = csv.writer(self._text)
        self._csv.writerow(COLUMNS)

    def write(self, row: ReportRow) -> None:
        values = row.as_dict()
        values["indexed_before"] = "true" if row.indexed_before else "false"
        self._csv.writerow(["" if v is None else v for v in values.values()])

    def _finish(self) -> None:
        self._text.flush()
        self._text.detach()


class _ParquetWriter:
    """Rows to a Parquet file, in row groups of ``batch`` rows (memory stays bounded)."""

    def __init__(self, atomic: AtomicFile, batch: int = 50_000) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            atomic.discard()
            raise OutputError(
                "Parquet reports need pyarrow: pip install 'newsclean[parquet]'"
            ) from exc
        self._pa = pa
        self._atomic = atomic
        self._schema = pa.schema(
            [
                ("id", pa.string()),
                ("origin", pa.string()),
                ("url", pa.string()),
                ("date", pa.string()),
                ("status", pa.string()),
                ("cluster", pa.int64()),
                ("canonical", pa.string()),
                ("similarity", pa.float64()),
                ("reason", pa.string()),
                ("encoding", pa.string()),
                ("agency", pa.string()),
                ("title", pa.string()),
                ("error", pa.string()),
                ("indexed_before", pa.bool_()),
            ]
        )
        self._writer = pq.ParquetWriter(atomic.file, self._schema)
        self._rows: list[dict[str, Any]] = []
        self._batch = batch

    def write(self, row: ReportRow) -> None:
        values = row.as_dict()
        for key, value in values.items():
            if isinstance(value, str):
                values[key] = replace_surrogates(value)
        self._rows.append(values)
        if len(self._rows) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        self._atomic.commit()

    def abort(self) -> None:
        self._atomic.discard()


def open_report(target: str | BinaryIO, fmt: ReportFormat = "jsonl") -> ReportWriter:
    """A writer of report rows to ``target``: a path (written atomically) or a binary stream.

    Raises :class:`~newsclean.atomic.OutputError` when the path cannot be written, before any
    row is produced.  Parquet needs a path (its footer is written last).
    """
    if fmt not in FORMATS:
        raise OutputError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    if isinstance(target, str):
        atomic = AtomicFile(target)
        if fmt == "parquet":
            return _ParquetWriter(atomic)
        stream: BinaryIO = atomic.file
    else:
        if fmt == "parquet":
            raise OutputError("a Parquet report needs a file name: use -o REPORT.parquet")
        atomic, stream = None, target
    if fmt == "csv":
        return _CsvWriter(stream, atomic)
    return _JsonlWriter(stream, atomic)
