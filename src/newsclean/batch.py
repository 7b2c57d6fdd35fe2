"""Clean a stream of dump records, in parallel worker processes, in input order.

:func:`clean_records` runs :func:`newsclean.clean` on every :class:`~newsclean.dumps.DumpRecord`
and yields one :class:`CleanedRecord` per input record, in the order of the input, whatever
the number of workers.  It streams: at most a few batches per worker are in flight, so memory
does not grow with the dump.  Every failure becomes a record with a reason, never an
exception: a record the pipeline cannot clean, an exception inside a stage, even a worker
process that dies (the batch is retried, then record by record, so only the record that
kills a process is lost to an error).

>>> from newsclean.dumps import DumpRecord
>>> out = list(clean_records([DumpRecord("a", "d:1", raw="Hello world."),
...                           DumpRecord("b", "d:2", raw=b"")]))
>>> [(c.id, c.article.body if c.article else None, c.error) for c in out]
[('a', 'Hello world.', None), ('b', None, 'empty: the record has no text')]
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from .article import Article
from .dumps import DEFAULT_MAX_BYTES, DumpRecord
from .html import looks_like_html
from .pipeline import DEFAULT_STAGES, Stage, clean

__all__ = ["CleanOptions", "CleanedRecord", "clean_record", "clean_records", "slim"]


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """Settings of the per-record cleaning: a language hint, per-host site profiles, stages,
    and the size limit of records still to be read from their file."""

    lang: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    sites: dict[str, Any] = field(default_factory=dict)
    stages: Sequence[Stage] = DEFAULT_STAGES


@dataclass(frozen=True, slots=True)
class CleanedRecord:
    """A record after cleaning: its identity, the (slimmed) article, and any error or warning.

    ``article`` is None exactly when the record failed (``error`` then says why).  A record
    that was cleaned but is degraded keeps its article and carries a warning in ``error``
    (undecodable bytes replaced).
    """

    id: str
    origin: str
    url: str | None
    date: str | None
    article: Article | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


def slim(article: Article) -> Article:
    """The article without what later stages do not need (raw text, HTML, step reports).

    >>> from newsclean import clean
    >>> a = slim(clean("Some text."))
    >>> a.text, a.steps, a.body
    ('', (), 'Some text.')
    """
    return replace(article, text="", html=None, steps=(), removed=(), meta={})


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def clean_record(rec: DumpRecord, options: CleanOptions = CleanOptions()) -> CleanedRecord:
    """Clean one record; every failure is returned as ``error``, never raised."""
    rec = rec.load(options.max_bytes)
    if rec.error is not None or rec.raw is None:
        return CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, rec.error or "no content")
    raw = rec.raw
    if rec.html and isinstance(raw, str) and not looks_like_html(raw):
        raw = f"<html><body>{raw}</body></html>"  # an HTML fragment from an HTML field
    site = options.sites.get(_host(rec.url) or "")
    try:
        art = clean(
            raw,
            url=rec.url,
            content_type=rec.content_type,
            lang=options.lang,
            site=site,
            id=rec.id,
            date=rec.date,
            stages=options.stages,
        )
    except Exception as exc:  # a bug or a dependency failing on odd input: reported, not raised
        error = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0][:500]
        return CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, error)
    failure = _failure(art)
    if failure is not None:
        return CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, failure)
    warning = None
    if art.encoding is not None and art.encoding.replaced:
        warning = (
            f"undecodable bytes: {art.encoding.replaced} replaced with U+FFFD "
            f"(decoded as {art.encoding.codec})"
        )
    return CleanedRecord(rec.id, rec.origin, rec.url, rec.date, slim(art), warning)


def _failure(art: Article) -> str | None:
    if art.raw_kind == "binary":
        reason = str(art.meta.get("error") or "no text encoding fits these bytes")
        return f"not text: {reason}"
    if art.raw_kind == "empty":
        return "empty: the record has no text"
    if not art.body.strip():
        if art.raw_kind == "html":
            return "no article text: no main content found in the HTML page"
        return "no article text: every line was removed as site chrome"
    return None


# -- parallel, ordered, bounded ---------------------------------------------------------------

_worker_options = CleanOptions()


def _init_worker(options: CleanOptions) -> None:
    global _worker_options
    _worker_options = options
    # Ctrl-C is the parent's to handle: it shuts the pool down; workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _clean_batch(batch: list[DumpRecord]) -> list[CleanedRecord]:
    return [clean_record(rec, _worker_options) for rec in batch]


def _crashed(rec: DumpRecord) -> CleanedRecord:
    error = "internal error: the cleaning process died on this record (killed or crashed)"
    return CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, error)


class _Pool:
    """A process pool that is rebuilt when a worker dies."""

    def __init__(self, workers: int, options: CleanOptions) -> None:
        self.workers = workers
        self.options = options
        methods = mp.get_all_start_methods()
        self.context = mp.get_context("fork" if "fork" in methods else "spawn")
        self.generation = 0
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=self.context,
            initializer=_init_worker,
            initargs=(self.options,),
        )

    def submit(self, batch: list[DumpRecord]) -> tuple[int, Future[list[CleanedRecord]]]:
        return self.generation, self.executor.submit(_clean_batch, batch)

    def rebuild(self, generation: int) -> None:
        if generation == self.generation:  # not rebuilt yet since this future was submitted
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = self._new()
            self.generation += 1

    def run_alone(self, batch: list[DumpRecord]) -> list[CleanedRecord]:
        """Clean ``batch`` waiting for it; on a crash, record by record (the culprit fails)."""
        gen, fut = self.submit(batch)
        try:
            return fut.result()
        except BrokenProcessPool:
            self.rebuild(gen)
        if len(batch) == 1:
            return [_crashed(batch[0])]
        out: list[CleanedRecord] = []
        for rec in batch:
            out.extend(self.run_alone([rec]))
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _batches(records: Iterable[DumpRecord], size: int) -> Iterator[list[DumpRecord]]:
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


def clean_records(
    records: Iterable[DumpRecord],
    *,
    workers: int = 1,
    options: CleanOptions = CleanOptions(),
    batch_size: int = 32,
    on_start: Callable[[], None] | None = None,
) -> Iterator[CleanedRecord]:
    """Clean every record, ``workers`` processes at a time, yielding results in input order.

    ``workers <= 1`` cleans in this process.  ``on_start`` is called once the worker
    processes exist (before any record is read), for callers that start threads.
    """
    if workers <= 1:
        if on_start is not None:
            on_start()
        for rec in records:
            yield clean_record(rec, options)
        return
    pool = _Pool(workers, options)
    try:
        if on_start is not None:
            on_start()
        pending: deque[tuple[list[DumpRecord], int, Future[list[CleanedRecord]]]] = deque()
        for batch in _batches(records, batch_size):
            pending.append((batch, *pool.submit(batch)))
            while len(pending) >= workers * 4:
                yield from _collect(pool, *pending.popleft())
        while pending:
            yield from _collect(pool, *pending.popleft())
    finally:
        pool.close()


def _collect(
    pool: _Pool, batch: list[DumpRecord], gen: int, fut: Future[list[CleanedRecord]]
) -> list[CleanedRecord]:
    try:
        return fut.result()
    except (BrokenProcessPool, CancelledError):  # cancelled: submitted to a pool since rebuilt
        pool.rebuild(gen)
        return pool.run_alone(batch)


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
