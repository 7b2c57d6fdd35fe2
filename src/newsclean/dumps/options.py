"""Settings shared by the dump readers: JSONL field names, the size limit, exclusions.

>>> DumpOptions().text_field
'text'
>>> DumpOptions(max_bytes=1000).max_bytes
1000
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "DumpOptions"]

#: Largest record read, in bytes.  A news article is a few kB to a few hundred kB of HTML; a
#: 10 MB "article" is a data file or an error page, and reading it would stall the run.
DEFAULT_MAX_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class DumpOptions:
    """How to read dumps.

    ``*_field`` name the JSONL fields (a dotted name such as ``meta.url`` reaches into nested
    objects).  When a record has both, the HTML field wins: the raw page carries the title,
    the main content and the credit line.  ``fetched_field`` holds when the page was fetched
    (a crawl time): a relative stamp on the page ("3 hours ago") is read against it, and it
    dates the article when neither the dump nor the page does.  ``title_field`` holds the
    headline of a record whose text field holds only the body (news-please, CC-News): it
    is put above the text, as a text dump has it.  ``max_bytes`` caps one record (larger
    records are reported as errors, never read whole).  ``exclude`` holds shell-style
    patterns of paths to skip inside directory dumps.
    """

    id_field: str = "id"
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    date_field: str = "date"
    fetched_field: str = "fetched"
    title_field: str = "title"
    max_bytes: int = DEFAULT_MAX_BYTES
    exclude: tuple[str, ...] = ()
