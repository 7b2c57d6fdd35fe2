"""Read a WARC file (plain, gzip, zstd or lz4) as one document per HTML response.

Parsing is done by FastWARC (the ``warc`` extra).  It was chosen over warcio by measurement
(``benchmarks/bench_cli.py --warc-readers``): 4-5x faster on gzip WARCs, 12-18x on plain
ones, and on a damaged file it raises a plain ``OSError`` where warcio fails with an
``AttributeError`` from deep inside.  Neither library reports a truncated record by
itself, so this reader checks what it is given:

* a record whose payload is shorter than its ``Content-Length`` is reported as truncated;
* after the last record, the rest of the file must be exactly that record (and whitespace):
  anything else is data that could not be read as a WARC record (a record cut inside its
  headers, garbage), reported with its offset.

Documents are the ``response``, ``resource`` and ``conversion`` records; ``revisit`` records
(the payload was not stored again) are reported with that reason; ``warcinfo``, ``request``,
``metadata`` and ``continuation`` records are not documents and are skipped.  A response that
is not a 2xx HTTP answer, or not HTML or plain text, is reported with its status or content
type.  Chunked transfer encoding and gzip, deflate or brotli content encodings are undone.

The origin of a record is ``<file>@<offset>``, the byte offset of the record (of its gzip
member in a compressed file), as in CDX indexes; its id is the ``WARC-Record-ID``.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zlib
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import DumpError
from .compression import compression_of, is_gzip
from .detect import display_path
from .options import DumpOptions
from .record import DumpRecord

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord

__all__ = ["read_warc", "undo_http_encodings"]

_TEXTUAL = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?$")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_TAIL_PROBE = 64 << 10


def _fastwarc() -> ModuleType:
    try:
        import fastwarc.warc
    except ImportError as exc:  # pragma: no cover - the extra is installed in CI
        raise DumpError("reading WARC files needs FastWARC: pip install 'newsclean[warc]'") from exc
    return fastwarc.warc


def _dechunk(data: bytes) -> bytes:
    """Undo HTTP chunked transfer encoding; DumpError when the chunks are malformed."""
    out = bytearray()
    pos = 0
    while True:
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            raise DumpError("bad transfer encoding: chunked data ends inside a chunk header")
        size_field = data[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError as exc:
            raise DumpError(f"bad transfer encoding: chunk size {size_field[:20]!r}") from exc
        if size == 0:
            return bytes(out)
        start = eol + 2
        if start + size > len(data):
            raise DumpError("bad transfer encoding: chunked data is truncated")
        out += data[start : start + size]
        pos = start + size + 2


def _inflate(data: bytes, coding: str, limit: int) -> bytes:
    if coding == "br":
        try:
            import brotli  # type: ignore[import-untyped]
        except ImportError as exc:  # pragma: no cover - brotli comes with fastwarc
            raise DumpError("bad content encoding: brotli is not installed") from exc
        try:
            out: bytes = brotli.decompress(data)
        except brotli.error as exc:
            raise DumpError(f"bad content encoding: brotli: {exc}") from exc
        return out
    wbits = 47 if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        if coding == "deflate":  # some servers send raw deflate without the zlib header
            try:
                return zlib.decompress(data, -zlib.MAX_WBITS)
            except zlib.error:
                pass
        raise DumpError(f"bad content encoding: {coding}: {exc}") from exc
    if len(out) > limit:
        raise DumpError(f"too large: more than {limit} bytes once decompressed (see --max-bytes)")
    if not d.eof:
        raise DumpError(f"bad content encoding: {coding} stream is truncated")
    return out


def undo_http_encodings(
    payload: bytes, transfer: str | None, content: str | None, *, limit: int
) -> bytes:
    """The entity body of an HTTP payload: chunking and compression undone.

    >>> undo_http_encodings(b"5\\r\\nhello\\r\\n0\\r\\n\\r\\n", "chunked", None, limit=100)
    b'hello'
    >>> import gzip
    >>> undo_http_encodings(gzip.compress(b"<p>x</p>"), None, "gzip", limit=100)
    b'<p>x</p>'
    """
    if transfer and "chunked" in transfer.lower():
        payload = _dechunk(payload)
    for coding in reversed([c.strip().lower() for c in (content or "").split(",") if c.strip()]):
        if coding in ("identity", "none", "utf-8", "utf8"):
            continue
        if coding not in ("gzip", "x-gzip", "deflate", "br"):
            raise DumpError(f"bad content encoding: {coding!r} is not supported")
        payload = _inflate(payload, coding, limit)
    return payload


def _is_textual(content_type: str | None) -> bool:
    if not content_type:
        return True  # unknown: let the pipeline look at the bytes
    return content_type.split(";", 1)[0].strip().lower() in _TEXTUAL


def _record(rec: WarcRecord, origin: str, options: DumpOptions) -> DumpRecord:
    """One document record of the WARC as a DumpRecord (``error`` set when unusable)."""
    headers = rec.headers
    rid = rec.record_id
    url = headers.get("WARC-Target-URI")
    date = headers.get("WARC-Date")
    doc_id = rid or origin
    if rid is None or headers.get("Content-Length") is None:
        return DumpRecord.failed(
            origin, "truncated record", "incomplete WARC headers", id=doc_id, url=url, date=date
        )
    rtype = (headers.get("WARC-Type") or "").lower()
    if rtype == "revisit":
        detail = "the payload is not stored again (a repeat capture of an earlier record)"
        return DumpRecord.failed(origin, "revisit record", detail, id=doc_id, url=url, date=date)
    transfer = content_enc = None
    if rec.is_http:
        http = rec.http_headers
        status = http.status_code
        if status is None:
            return DumpRecord.failed(
                origin, "bad HTTP response", "no status line", id=doc_id, url=url, date=date
            )
        if not 200 <= status < 300:
            line = f"{status} {http.reason_phrase or ''}".strip()
            return DumpRecord.failed(origin, "HTTP status", line, id=doc_id, url=url, date=date)
        content_type = http.get("Content-Type")
        transfer = http.get("Transfer-Encoding")
        content_enc = http.get("Content-Encoding")
    else:
        content_type = headers.get("Content-Type")
    expected = rec.content_length
    limit = options.max_bytes
    if expected > limit:
        detail = f"{expected} bytes (limit {limit}, see --max-bytes)"
        return DumpRecord.failed(origin, "too large", detail, id=doc_id, url=url, date=date)
    payload = rec.reader.read()
    if len(payload) < expected:
        detail = f"the file ends inside it ({len(payload)} of {expected} payload bytes)"
        return DumpRecord.failed(origin, "truncated record", detail, id=doc_id, url=url, date=date)
    if not _is_textual(content_type):
        return DumpRecord.failed(
            origin, "not HTML", f"Content-Type {content_type}", id=doc_id, url=url, date=date
        )
    try:
        body = undo_http_encodings(payload, transfer, content_enc, limit=limit)
    except DumpError as exc:
        reason, _, detail = str(exc).partition(": ")
        return DumpRecord.failed(origin, reason, detail, id=doc_id, url=url, date=date)
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    is_html = None if not mime else mime != "text/plain"
    return DumpRecord(
        id=doc_id,
        origin=origin,
        raw=body,
        url=url,
        html=is_html,
        content_type=content_type,
        fetched=date,  # the crawl's time: the publication date is the page's, when it has one
    )


def _record_end(fh: io.BufferedReader, pos: int) -> int | None:
    """Offset just after the record that starts at ``pos``, framed independently of the parser.

    A gzip member is decompressed to its end; a plain record is its header block plus
    ``Content-Length`` bytes.  None when the end cannot be told (the last member is itself
    cut, so its record was already checked; or ``pos`` is not a member boundary because the
    whole file is one gzip stream; or another compression).
    """
    fh.seek(pos)
    head = fh.read(_TAIL_PROBE)
    if is_gzip(head):
        d = zlib.decompressobj(31)
        consumed = 0
        chunk = head
        while chunk:
            try:
                d.decompress(chunk, 1 << 16)
                while d.unconsumed_tail and not d.eof:
                    d.decompress(d.unconsumed_tail, 1 << 16)
            except zlib.error:
                return None
            consumed += len(chunk)
            if d.eof:
                return pos + consumed - len(d.unused_data)
            chunk = fh.read(_TAIL_PROBE)
        return None
    match = _HEADER_END.search(head)
    if match is None:
        return None
    length = _CONTENT_LENGTH.search(head[: match.start() + 2])
    if length is None:
        return None
    return pos + match.end() + int(length.group(1))


def _garbage_at(fh: io.BufferedReader, end: int, size: int) -> int | None:
    """Offset of the first byte after ``end`` that is not record-separating whitespace."""
    fh.seek(end)
    while end < size:
        chunk = fh.read(_TAIL_PROBE)
        if not chunk:
            return None
        stripped = chunk.lstrip(b"\r\n\t \x00")
        if stripped:
            return end + len(chunk) - len(stripped)
        end += len(chunk)
    return None


def _unreadable(path: str, size: int, last_pos: int | None, stopped: bool) -> int | None:
    """Offset of the data the parser could not read (None when it read everything)."""
    with open(path, "rb") as probe:
        if last_pos is None:
            return _garbage_at(probe, 0, size)
        end = _record_end(probe, last_pos)
        if end is None:
            return last_pos if stopped else None
        return _garbage_at(probe, end, size) if end < size else None


def read_warc(
    path: str, options: DumpOptions | None = None, *, label: str | None = None
) -> Iterator[DumpRecord]:
    """Records of the WARC file at ``path`` (see the module docstring), named after
    ``label`` (default: the path; a file extracted from an archive takes the member's name)."""
    options = options or DumpOptions()
    fw = _fastwarc()
    label = label or display_path(path)
    kinds = fw.WarcRecordType
    documents = kinds.response | kinds.resource | kinds.conversion | kinds.revisit
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
        info = os.fstat(fh.fileno())
        size, regular = info.st_size, stat.S_ISREG(info.st_mode)
    except OSError as exc:
        raise DumpError(f"{path}: cannot open: {exc.strerror or exc}") from exc
    with fh:
        fmt = compression_of(fh.peek(6)[:6])
        if fmt in ("bzip2", "xz"):
            yield DumpRecord.failed(
                f"{label}@0",
                "unreadable WARC",
                f"the file is compressed with {fmt}, which WARC readers do not take (gzip per "
                f"record, zstd or lz4): recompress it ({'bunzip2' if fmt == 'bzip2' else 'unxz'}"
                ", then gzip)",
            )
            return
        last_pos: int | None = None
        number = 0
        stop: str | None = None
        try:
            for rec in fw.ArchiveIterator(fh, parse_http=True, auto_decode="none"):
                number += 1
                pos = rec.stream_pos
                fresh = last_pos is None or pos > last_pos
                origin = f"{label}@{pos}" if fresh else f"{label}#{number}"
                last_pos = pos if last_pos is None else max(pos, last_pos)
                if rec.record_id is None or rec.headers.get("Content-Length") is None:
                    # cut inside its headers: it may have been a document, so it is reported
                    yield DumpRecord.failed(origin, "truncated record", "incomplete WARC headers")
                    continue
                if not rec.record_type & documents:
                    continue
                try:
                    doc = _record(rec, origin, options)
                except OSError as exc:
                    doc = DumpRecord.failed(origin, "unreadable WARC record", str(exc))
                yield doc
        except OSError as exc:  # FastWARC: "Invalid WARC header" and the like
            stop = str(exc) or type(exc).__name__
    if not regular:  # a pipe cannot be read twice: only the parser's own checks apply
        offset = None if stop is None else (last_pos or 0)
    else:
        offset = _unreadable(path, size, last_pos, stop is not None)
    if offset is None and stop is not None:
        offset = 0 if last_pos is None else last_pos
    if offset is not None:
        if stop is None:
            stop = "not a WARC record" if last_pos is None else "a truncated or malformed record"
        detail = f"{stop} at offset {offset} ({size - offset} bytes); the rest cannot be read"
        yield DumpRecord.failed(f"{label}@{offset}", "unreadable WARC", detail)
