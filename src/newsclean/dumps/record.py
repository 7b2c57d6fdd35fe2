"""The record every dump reader yields: one input document, or the reason it is unusable.

A :class:`DumpRecord` is what a reader knows about one document before any cleaning: where it
came from (``origin``: the file, and the line or byte offset inside it), its id (given by the
dump, or derived from the origin so that it is stable across runs), its URL and date when the
dump has them, and the raw content (bytes as scraped, or text when the dump stores text).  A
record that cannot be read carries ``error`` (``"<reason>: <detail>"``) instead of content, so
that every input record is accounted for downstream.  A record of a directory dump may defer
reading: it carries the ``path`` of its file, and :meth:`DumpRecord.load` reads it (in a
worker process, so that reading is done in parallel with everything else).

>>> rec = DumpRecord(id="a1", origin="dump.jsonl:1", raw="Some text.")
>>> rec.ok, rec.size
(True, 10)
>>> bad = DumpRecord.failed("dump.jsonl:2", "invalid JSON", "Expecting value (column 1)")
>>> bad.error
'invalid JSON: Expecting value (column 1)'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["DumpKind", "DumpRecord", "replace_surrogates"]

DumpKind = Literal["dir", "file", "jsonl", "parquet", "warc", "csv", "archive"]


@dataclass(frozen=True, slots=True)
class DumpRecord:
    """One input document of a dump.

    ``html`` is True when the dump says the content is HTML (an HTML field, a ``text/html``
    response), False when it says it is plain text, and None when the pipeline should decide.
    ``content_type`` is the HTTP ``Content-Type`` when the dump has one (its charset is
    evidence for the encoding stage).  ``raw`` is None when ``error`` is set, or when the
    content is still to be read from ``path`` (see :meth:`load`).  ``date`` is the
    publication date the dump gives; ``fetched`` when the page was fetched (a WARC
    record's ``WARC-Date``), the article's date only when its page gives none.
    """

    id: str
    origin: str
    raw: bytes | str | None = None
    url: str | None = None
    date: str | None = None
    html: bool | None = None
    content_type: str | None = None
    error: str | None = None
    path: str | None = None
    fetched: str | None = None

    @property
    def ok(self) -> bool:
        """True when the record has content (it may still turn out empty or binary)."""
        return self.error is None

    @property
    def size(self) -> int:
        """Length of the raw content (bytes, or characters for text)."""
        return len(self.raw) if self.raw is not None else 0

    def load(self, max_bytes: int) -> DumpRecord:
        """The record with its content read from ``path`` (or the reason it cannot be read).

        >>> import tempfile
        >>> f = tempfile.NamedTemporaryFile(delete=False); _ = f.write(b"text"); f.close()
        >>> DumpRecord("x", "x", path=f.name).load(max_bytes=100).raw
        b'text'
        """
        if self.path is None or self.raw is not None or self.error is not None:
            return self
        from ..errors import DumpError
        from .directory import read_raw_file

        try:
            raw = read_raw_file(self.path, max_bytes=max_bytes)
        except DumpError as exc:
            return replace(self, path=None, error=str(exc))
        return replace(self, path=None, raw=raw)

    @classmethod
    def failed(
        cls,
        origin: str,
        reason: str,
        detail: str = "",
        *,
        id: str | None = None,
        url: str | None = None,
        date: str | None = None,
        fetched: str | None = None,
    ) -> DumpRecord:
        """A record that could not be read: ``reason`` is a short category, ``detail`` the rest.

        >>> DumpRecord.failed("a.warc@0", "not HTML", "image/png").id
        'a.warc@0'
        """
        error = f"{reason}: {detail}" if detail else reason
        return cls(
            id=origin if id is None else id,
            origin=origin,
            url=url,
            date=date,
            error=error,
            fetched=fetched,
        )


def replace_surrogates(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD.

    Lone surrogates come from JSON escapes of half an emoji (``"\\ud83d"``, common in
    scraped JSON), from bytes that were not UTF-8, and from file names that are not valid in
    the file system's encoding; no output format can store them.

    >>> replace_surrogates("a\\ud83db") == "a\\ufffdb"
    True
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value
