"""Read a Parquet dump (a file of rows: a Hugging Face dataset's shard, a CC-News export, a
Spark job's output) as one document per row.

The columns are named as JSONL fields are (:class:`DumpOptions`: ``text``, ``html``, ``id``,
``url``, ``date``, ``fetched``, ``title``; a dotted name reaches into a struct column), and a
row is read as a JSONL line is (:func:`~newsclean.dumps.jsonl.record_of`): the HTML column wins
when a row has both, a row without an id gets ``<file>:<row number>`` (counted from 1, as
the Spark engine counts them).  A binary text or HTML column (raw bytes, as crawl exports
keep them) goes undecoded to the encoding stage; a timestamp column is read as the instant
it is (ISO 8601).  Only the named columns are read, a few dozen rows at a time: memory does
not grow with the dump.  A row whose text is larger than the size limit, or lacks it,
becomes a record with the reason; a damaged file ends with one record saying from which
row on nothing can be read.

Needs ``pyarrow`` (``pip install 'newsclean[parquet]'``).

>>> import tempfile, os, pyarrow as pa, pyarrow.parquet as pq
>>> path = os.path.join(tempfile.mkdtemp(), "day.parquet")
>>> pq.write_table(pa.table({"id": [7, 8], "text": ["One.", None]}), path)
>>> for r in read_parquet(path):
...     print(r.id, r.raw, r.error is not None)
7 One. False
8 None True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import DumpError
from .detect import display_path
from .jsonl import record_of
from .options import DumpOptions
from .record import DumpRecord

__all__ = ["read_parquet", "row_record", "textless_columns"]

#: Rows read at a time: a few MB of HTML, however large the row groups are.
BATCH_ROWS = 64


def _pyarrow() -> Any:
    """``pyarrow.parquet`` (untyped), or why it cannot be used."""
    try:
        import pyarrow.parquet
    except ImportError as exc:
        raise DumpError(
            "reading Parquet dumps needs pyarrow: pip install 'newsclean[parquet]'"
        ) from exc
    return pyarrow.parquet


def _columns(names: Sequence[str], options: DumpOptions) -> list[str]:
    """The top-level columns the named fields are in (a dotted name: its struct column,
    unless a column is literally so named), in the file's order."""
    named = [
        getattr(options, f.name) for f in dataclasses.fields(options) if f.name.endswith("_field")
    ]
    wanted = {_column(field, names) for field in named}
    return [name for name in names if name in wanted]


def _column(field: str, names: Sequence[str]) -> str:
    """The top-level column a field name is in: itself, or the struct of a dotted name."""
    return field if field in names else field.split(".")[0]


def textless_columns(names: Sequence[str], options: DumpOptions) -> Sequence[str] | None:
    """``names`` (a file's columns) when none of them holds the text or HTML field, for
    every row's error to list; else None.

    >>> textless_columns(["body", "id"], DumpOptions())
    ['body', 'id']
    """
    if any(_column(f, names) in names for f in (options.text_field, options.html_field)):
        return None
    return names


def row_record(
    row: dict[str, Any],
    origin: str,
    options: DumpOptions,
    columns: Sequence[str] | None = None,
    *,
    escaped: bool = False,
) -> DumpRecord:
    """The record of one row (its column values by name, structs as dicts): read as a JSONL
    object is, unless its text is larger than ``options.max_bytes``; ``columns``: the
    file's columns, for the error to list when the file has no text column at all;
    ``escaped``: as :func:`~newsclean.dumps.jsonl.record_of` takes it.

    >>> row_record({"text": "x" * 20}, "d.parquet:1", DumpOptions(max_bytes=10)).error
    "too large: the row's text is longer than 10 bytes (see --max-bytes)"
    """
    rec = record_of(row, origin, options, escaped=escaped, fields=columns)
    limit = options.max_bytes
    if rec.raw is None or len(rec.raw) <= limit:
        return rec
    detail = f"the row's text is longer than {limit} bytes (see --max-bytes)"
    return DumpRecord.failed(
        rec.origin, "too large", detail, id=rec.id, url=rec.url, date=rec.date, fetched=rec.fetched
    )


def read_parquet(
    path: str, options: DumpOptions | None = None, *, label: str | None = None
) -> Iterator[DumpRecord]:
    """Records of the Parquet dump at ``path`` (see the module docstring), named after
    ``label`` (default: the path; a file extracted from an archive takes the member's name).

    Raises :class:`~newsclean.errors.DumpError` when pyarrow is missing or the file cannot
    be opened; a file that is no Parquet file is one record with the reason.
    """
    options = options or DumpOptions()
    pq = _pyarrow()
    import pyarrow as pa

    label = label or display_path(path)
    try:
        source = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise DumpError(f"{path}: cannot open: {exc.strerror or exc}") from exc
    row = 0
    with source:
        try:
            parquet = pq.ParquetFile(source)
            names = parquet.schema_arrow.names
            columns = _columns(names, options)
            hint = textless_columns(names, options)
            batches = parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns)
            for batch in batches:
                # a batch without columns (none of the fields is in the file) still has rows
                values = batch.to_pylist() if columns else [{}] * batch.num_rows
                for fields in values:
                    row += 1
                    yield row_record(fields, f"{label}:{row}", options, hint)
        except (OSError, pa.ArrowException) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if row:
                detail += f"; nothing after row {row} can be read"
            yield DumpRecord.failed(f"{label}:{row + 1}", "unreadable Parquet", detail)
