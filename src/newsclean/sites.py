"""Site profiles learned from the dump itself: one :class:`~newsclean.site.SiteProfile` per host.

A site prints the same menu, labels, share prompts and footer on every page; over many text
dumps of one host those lines repeat while the articles do not (see :mod:`newsclean.site`).
``newsclean dedupe`` therefore reads a re-readable dump twice: this first pass counts, for
each host (from the records' URLs), on how many of its text pages each line occurs, and the
cleaning pass strips the lines of a host's profile from its pages, with reason
``site-template``.

Only what can be learned cheaply and safely is learned:

* records with a URL (JSONL with a URL field, WARC): a directory of files has no host, and
  taking a directory for a site would be wrong (a folder of copies of one story from many
  sites would erase the story);
* text dumps, not HTML pages (HTML goes through main-content extraction);
* at most ``max_pages`` pages per host (500: a template shows on a few dozen pages), so the
  pass costs little on big dumps; bytes are decoded without mojibake repair;
* hosts with at least ``min_pages`` text pages (3, the profile's own threshold).

Memory stays bounded: when the line counters pass ``max_keys`` entries, lines seen on a
single page are dropped (a template line is on many pages, so it survives).

>>> from newsclean.dumps import DumpRecord
>>> recs = [DumpRecord(f"r{i}", f"d:{i}", raw=f"Menu\\nStory {i} told in full here.\\nShare",
...                    url=f"https://www.example.com/{i}") for i in range(4)]
>>> profiles = learn_site_profiles(recs)
>>> sorted(profiles), profiles["example.com"].template_count("Share")
(['example.com'], 4)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .chrome_lexicon import line_key
from .dumps import DEFAULT_MAX_BYTES, DumpRecord
from .encoding import decode
from .errors import DecodeError
from .html import looks_like_html
from .parallel import parallel_map
from .site import SiteProfile

__all__ = ["SiteLearner", "host_of", "learn_site_profiles", "page_keys"]

MAX_PAGES_PER_HOST = 500
MAX_KEYS = 2_000_000


def host_of(url: str | None) -> str | None:
    """The host of ``url``, lower case, without ``www.``; None when there is none.

    >>> host_of("https://WWW.Example.com:8080/a?b"), host_of("not a url")
    ('example.com', None)
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def page_keys(rec: DumpRecord, max_bytes: int) -> tuple[str, tuple[str, ...]] | None:
    """``(host, line keys)`` of a text page with a URL; None for anything else."""
    host = host_of(rec.url)
    if host is None or rec.html:
        return None
    rec = rec.load(max_bytes)
    if rec.raw is None:
        return None
    if isinstance(rec.raw, bytes):
        try:
            text = decode(rec.raw, content_type=rec.content_type)
        except DecodeError:
            return None
    else:
        text = rec.raw
    if not text.strip() or looks_like_html(text):
        return None
    keys = {line_key(line) for line in text.splitlines()}
    keys.discard("")
    return host, tuple(sorted(keys))


@dataclass
class SiteLearner:
    """Per-host line counts from text pages, turned into profiles by :meth:`profiles`."""

    max_pages: int = MAX_PAGES_PER_HOST
    min_pages: int = 3
    max_keys: int = MAX_KEYS

    def __post_init__(self) -> None:
        self.pages: Counter[str] = Counter()
        self.counts: dict[str, Counter[str]] = {}
        self._keys = 0

    def wants(self, host: str | None) -> bool:
        """Whether a page of ``host`` would still be counted."""
        return host is not None and self.pages[host] < self.max_pages

    def add(self, host: str, keys: Iterable[str]) -> None:
        """Count one page of ``host`` (its distinct line keys)."""
        if self.pages[host] >= self.max_pages:
            return
        self.pages[host] += 1
        counts = self.counts.setdefault(host, Counter())
        before = len(counts)
        counts.update(keys)
        self._keys += len(counts) - before
        if self._keys > self.max_keys:
            self._prune()

    def _prune(self) -> None:
        self._keys = 0
        for host, counts in self.counts.items():
            kept = Counter({k: c for k, c in counts.items() if c > 1})
            self.counts[host] = kept
            self._keys += len(kept)

    def profiles(self) -> dict[str, SiteProfile]:
        """A profile for every host with at least ``min_pages`` pages."""
        out = {}
        for host, n in sorted(self.pages.items()):
            if n < self.min_pages:
                continue
            lines = {k: c for k, c in sorted(self.counts[host].items()) if c > 1}
            out[host] = SiteProfile(host=host, pages=n, lines=lines, min_pages=self.min_pages)
        return out


def learn_site_profiles(
    records: Iterable[DumpRecord],
    *,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = MAX_PAGES_PER_HOST,
) -> dict[str, SiteProfile]:
    """One profile per host, learned from the text pages of ``records`` (see above)."""
    learner = SiteLearner(max_pages=max_pages)
    wanted = (r for r in records if r.error is None and learner.wants(host_of(r.url)))
    for found in parallel_map(page_keys, wanted, max_bytes, workers=workers, on_crash=_none):
        if found is not None:
            learner.add(*found)
    return learner.profiles()


def _none(rec: DumpRecord) -> None:
    return None
