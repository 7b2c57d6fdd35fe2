"""The record every dump reader yields: one input document, or the reason it is unusable.

A :class:`DumpRecord` is what a reader knows about one document before any cleaning: where it
came from (``origin``: the file, and the line or byte offset inside it), its id (given by the
dump, or derived from the origin so that it is stable across runs), its URL and date when the
dump has them, and the raw content (bytes as scraped, or text when the dump stores text).  A
record that cannot be read carries ``error`` (``"<reason>: <detail>"``) instead of content, so
that every input record is accounted for downstream.

>>> rec = DumpRecord(id="a1", origin="dump.jsonl:1", raw="Some text.")
>>> rec.ok, rec.size
(True, 10)
>>> bad = DumpRecord.failed("dump.jsonl:2", "invalid JSON", "Expecting value (column 1)")
>>> bad.error
'invalid JSON: Expecting value (column 1)'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["DumpKind", "DumpRecord"]

DumpKind = Literal["dir", "file", "jsonl", "warc"]


@dataclass(frozen=True, slots=True)
class DumpRecord:
    """One input document of a dump.

    ``html`` is True when the dump says the content is HTML (an HTML field, a ``text/html``
    response), False when it says it is plain text, and None when the pipeline should decide.
    ``content_type`` is the HTTP ``Content-Type`` when the dump has one (its charset is
    evidence for the encoding stage).  ``raw`` is None exactly when ``error`` is set.
    """

    id: str
    origin: str
    raw: bytes | str | None = None
    url: str | None = None
    date: str | None = None
    html: bool | None = None
    content_type: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the record has content (it may still turn out empty or binary)."""
        return self.error is None

    @property
    def size(self) -> int:
        """Length of the raw content (bytes, or characters for text)."""
        return len(self.raw) if self.raw is not None else 0

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
    ) -> DumpRecord:
        """A record that could not be read: ``reason`` is a short category, ``detail`` the rest.

        >>> DumpRecord.failed("a.warc@0", "not HTML", "image/png").id
        'a.warc@0'
        """
        error = f"{reason}: {detail}" if detail else reason
        return cls(id=origin if id is None else id, origin=origin, url=url, date=date, error=error)
