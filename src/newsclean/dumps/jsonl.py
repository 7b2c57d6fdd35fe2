"""Read a JSONL dump (plain or compressed, a file or standard input) as one document per line.

Each non-blank line is a JSON object.  The text of the document is the HTML field when the
line has one (``--html-field``, the raw page), else the text field (``--text-field``); the
id, URL, date and fetch time come from their fields.  A line without an id gets a stable one
derived from its origin, ``<file>:<line number>``.  A line that is not valid JSON, not an
object, lacks the text, or is longer than the size limit becomes a record with the reason;
reading goes on.  A truncated or corrupt compressed stream (gzip, Zstandard, bzip2, xz) ends
the file with one record saying so.

A file that is one JSON document instead (an array of records, on one line or many; one
pretty-printed object, or several one after another, as news-please writes an article)
gives its records numbered from 1, read one at a time (:mod:`.jsondoc`).

Lines must be UTF-8 (as JSON requires); a line that is not (a dump written in cp1256, say) is
still parsed, and the bytes of its text are handed to the encoding stage undecoded.

The file is read line by line: memory does not grow with the dump.

>>> import io
>>> data = io.BytesIO(b'{"id": "a", "text": "One."}\\n\\nnot json\\n{"text": "Two."}\\n')
>>> for r in read_jsonl_stream(data, "d.jsonl"):
...     print(r.id, r.raw, r.error)
a One. None
d.jsonl:3 None invalid JSON: Expecting value (column 1)
d.jsonl:4 Two. None
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import sys
import zlib
from collections.abc import Iterator, Sequence
from typing import IO, Any, cast

from ..errors import DumpError
from .compression import decompressed, describe_read_error
from .detect import display_path
from .jsondoc import DocumentError, iter_items
from .options import DumpOptions
from .record import DumpRecord, replace_surrogates

__all__ = ["opens_document", "parse_line", "read_jsonl", "read_jsonl_stream", "record_of"]

_MISSING = object()
_CHUNK = 1 << 20


def _get(obj: dict[str, Any], name: str) -> Any:
    """``obj[name]``, or the nested value of a dotted name (``meta.url``); _MISSING if absent."""
    if name in obj:
        return obj[name]
    value: Any = obj
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _scalar(value: Any) -> str | None:
    if value is _MISSING or value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return replace_surrogates(value) if value else None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime.date):  # a Parquet timestamp or date column
        return value.isoformat()
    return None


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _loads(data: bytes) -> tuple[Any, bool]:
    """The JSON value of ``data`` and whether it was not UTF-8 (decoded with
    ``surrogateescape``); ValueError or RecursionError when it is no JSON."""
    try:
        return json.loads(data), False
    except UnicodeDecodeError:
        return json.loads(data.decode("utf-8", "surrogateescape")), True


def _record(obj: Any, escaped: bool, origin: str, options: DumpOptions, what: str) -> DumpRecord:
    if not isinstance(obj, dict):
        return DumpRecord.failed(origin, "not an object", f"the {what} is {_type_name(obj)}")
    return record_of(obj, origin, options, escaped=escaped)


def parse_line(line: bytes, origin: str, options: DumpOptions | None = None) -> DumpRecord:
    """One JSONL line as a record (the reason as ``error`` when it is not usable).

    >>> parse_line(b'{"body": "x"}', "f:1").error
    "no text: no 'text' or 'html' field (set --text-field / --html-field; it has 'body')"
    >>> parse_line(b'{"text": "x", "url": "https://a.b/c"}', "f:1").url
    'https://a.b/c'
    """
    options = options or DumpOptions()
    try:
        obj, escaped = _loads(line)
    except RecursionError:
        return DumpRecord.failed(origin, "invalid JSON", "nested too deeply")
    except ValueError as exc:
        return DumpRecord.failed(origin, "invalid JSON", _json_reason(exc))
    return _record(obj, escaped, origin, options, "line")


def record_of(
    obj: dict[str, Any],
    origin: str,
    options: DumpOptions,
    *,
    escaped: bool = False,
    fields: Sequence[str] | None = None,
) -> DumpRecord:
    """The record of one decoded JSON object (or of any mapping of field names to values,
    such as a Parquet row, whose binary text column is left undecoded and whose timestamps
    are read as ISO 8601).  ``escaped``: the object was decoded from bytes that are not
    UTF-8 with ``surrogateescape``, so text holding escapes goes back to bytes undecoded.
    ``fields``: the names of the record's fields that a missing text field's error lists
    (default: the object's keys).

    >>> record_of({"id": 7, "html": "<p>x</p>"}, "f:1", DumpOptions()).id
    '7'
    """
    doc_id = _scalar(_get(obj, options.id_field)) or origin
    url = _scalar(_get(obj, options.url_field))
    date = _scalar(_get(obj, options.date_field))
    fetched = _scalar(_get(obj, options.fetched_field))
    html = _get(obj, options.html_field)
    text = _get(obj, options.text_field)
    if isinstance(html, str | bytes):
        value, is_html = html, True
    elif isinstance(text, str | bytes):
        value, is_html = text, False
    else:
        present = next(
            (
                (f, v)
                for f, v in ((options.text_field, text), (options.html_field, html))
                if v is not _MISSING and v is not None
            ),
            None,
        )
        if present is not None:
            detail = f"field {present[0]!r} is {_type_name(present[1])}, not a string"
            return DumpRecord.failed(
                origin, "bad text field", detail, id=doc_id, url=url, date=date, fetched=fetched
            )
        named = [k for k in obj if obj[k] is not None] if fields is None else list(fields)
        has = f"; it has {', '.join(map(repr, named[:8]))}{' ...' if len(named) > 8 else ''}"
        detail = (
            f"no {options.text_field!r} or {options.html_field!r} field "
            f"(set --text-field / --html-field{has if named else ''})"
        )
        return DumpRecord.failed(
            origin, "no text", detail, id=doc_id, url=url, date=date, fetched=fetched
        )
    if not is_html and isinstance(value, str):
        value = _titled(value, _get(obj, options.title_field))
    if isinstance(value, bytes):  # a binary Parquet column: the encoding stage decodes it
        return DumpRecord(
            id=doc_id, origin=origin, raw=value, url=url, date=date, html=is_html, fetched=fetched
        )
    raw: str | bytes = replace_surrogates(value)
    if escaped and any("\udc80" <= ch <= "\udcff" for ch in value):
        # bytes that were not UTF-8: left undecoded, the encoding stage decides (unless the
        # line also has escaped lone surrogates: those cannot be bytes, they stay replaced)
        with contextlib.suppress(UnicodeEncodeError):
            raw = value.encode("utf-8", "surrogateescape")
    return DumpRecord(
        id=doc_id, origin=origin, raw=raw, url=url, date=date, html=is_html, fetched=fetched
    )


def _titled(text: str, title: Any) -> str:
    """``text`` with the headline of a title field above it, as a text dump has it (unless
    the text already starts with it).

    >>> _titled("The port opened.", "Port opens")
    'Port opens\\n\\nThe port opened.'
    >>> _titled("Port opens\\nThe port opened.", " Port opens ")
    'Port opens\\nThe port opened.'
    """
    if not isinstance(title, str):
        return text
    title = " ".join(title.split())
    if not title or " ".join(text[: len(title) * 2].split()).startswith(title):
        return text
    return f"{title}\n\n{text}"


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (column {exc.colno})"
    return str(exc)


def _skip_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def read_jsonl_stream(
    stream: IO[bytes], label: str, options: DumpOptions | None = None
) -> Iterator[DumpRecord]:
    """Records of an open binary stream of JSONL (gzip already unwrapped); ``label`` names it.

    A stream that is a JSON document instead (an array of records, or pretty-printed
    objects, as scrapers such as news-please write one per article) gives its records: the
    array's items, or the objects, numbered from 1.

    A read error (a truncated or corrupt compressed stream, an I/O error) ends the stream with one
    record giving the reason and the line where reading stopped.
    """
    options = options or DumpOptions()
    lineno = 0
    limit = options.max_bytes
    first = True
    while True:
        try:
            line = stream.readline(limit + 1)
            overlong = len(line) > limit and not line.endswith(b"\n")
            # a JSON array on one line (a minified export) is one document, not a line
            array = overlong and first and line.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"["
            if overlong and not array:
                _skip_line(stream)
        except (EOFError, OSError, zlib.error) as exc:
            reason, _, detail = describe_read_error(exc).partition(": ")
            yield DumpRecord.failed(
                f"{label}:{lineno + 1}",
                reason,
                f"{detail}; nothing after line {lineno} can be read",
            )
            return
        if not line:
            return
        lineno += 1
        origin = f"{label}:{lineno}"
        if array:
            yield from _read_document(line, stream, label, lineno, options)
            return
        if overlong:
            first = False
            yield DumpRecord.failed(
                origin, "too large", f"line longer than {limit} bytes (see --max-bytes)"
            )
            continue
        if line.isspace():
            continue
        if first and opens_document(line):
            yield from _read_document(line, stream, label, lineno, options)
            return
        first = False
        yield parse_line(line, origin, options)


def opens_document(line: bytes) -> bool:
    """True when the first line of a stream starts a JSON document rather than a JSON line:
    an array, or an object the line leaves open as pretty-printing does (``{`` alone, or a
    line ending in ``,``, ``{`` or ``[`` that is no complete object).

    >>> opens_document(b"{\\n"), opens_document(b'[{"text": "a"}]'), opens_document(b'{"a": 1}')
    (True, True, False)
    """
    text = line.removeprefix(b"\xef\xbb\xbf").strip()
    if text.startswith(b"["):
        return True
    return text == b"{" or (text.startswith(b"{") and text.endswith((b",", b"{", b"[")))


def _read_document(
    head: bytes, stream: IO[bytes], label: str, lineno: int, options: DumpOptions
) -> Iterator[DumpRecord]:
    """The records of a JSON document whose first line is ``head`` (line ``lineno``): the
    items of an array, or the objects of a file of pretty-printed objects (``jq .``
    output), numbered from 1, read a record at a time (:mod:`.jsondoc`).  Where the
    document stops parsing, one record says where and why."""
    n = 0
    limit = options.max_bytes
    try:
        for item in iter_items(head, stream, max_bytes=limit, first_line=lineno):
            n += 1
            origin = f"{label}:{n}"
            if item.size > limit:
                detail = f"item longer than {limit} bytes (see --max-bytes)"
                yield DumpRecord.failed(origin, "too large", detail)
                continue
            what = "array's item" if item.in_array else "document"
            yield _record(item.value, item.escaped, origin, options, what)
    except DocumentError as exc:
        yield DumpRecord.failed(f"{label}:{n + 1}", exc.reason, exc.detail)
    except (EOFError, OSError, zlib.error) as exc:
        reason, _, detail = describe_read_error(exc).partition(": ")
        yield DumpRecord.failed(
            f"{label}:{n + 1}", reason, f"{detail}; nothing after item {n} can be read"
        )


@contextlib.contextmanager
def open_dump(path: str) -> Iterator[io.BufferedReader]:
    """The bytes of the dump file ``path`` (``-``: standard input), buffered (the readers
    peek at them); DumpError when it cannot be opened."""
    if path == "-":
        stdin = sys.stdin.buffer
        if isinstance(stdin, io.BufferedReader):
            yield stdin
        else:
            yield io.BufferedReader(cast(io.RawIOBase, stdin))
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise DumpError(f"{path}: cannot open: {exc.strerror or exc}") from exc
    with fh:
        yield fh


def read_jsonl(path: str, options: DumpOptions | None = None) -> Iterator[DumpRecord]:
    """Records of the JSONL dump at ``path`` (``-`` for standard input), plain, gzip,
    Zstandard (``.jsonl.zst``, with the ``zstd`` extra), bzip2 or xz."""
    options = options or DumpOptions()
    label = display_path(path)
    with open_dump(path) as raw:
        yield from read_jsonl_stream(decompressed(raw), label, options)
