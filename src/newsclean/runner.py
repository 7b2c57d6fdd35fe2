"""Run de-duplication over dumps: stream, clean, cluster, and report every record.

This is what ``newsclean dedupe`` does, as a function.  It works in two passes over a
temporary spill file, so that memory is bounded by the de-duplication index and not by the
dump:

1. every record is read and cleaned (in worker processes, in input order); the clean
   article goes to the near-duplicate engine (or to the persistent index, which decides its
   story as it arrives), and the record's report fields (and its clean text, when a
   de-duplicated dump is wanted) go to the spill file;
2. once the engine has the clusters, the spill file is read back in input order and every
   record gets its report row: status, cluster, canonical copy, similarity.

Every input record gets exactly one row.  Records that fail get status ``error`` and the
reason; two records with the same id keep the first, the second fails with the reason.

>>> import io
>>> from newsclean.dumps import DumpRecord
>>> from newsclean.report import open_report
>>> recs = [DumpRecord("a", "d:1", raw="The same story."),
...         DumpRecord("b", "d:2", raw="The same story!"),
...         DumpRecord("c", "d:3", raw=b"")]
>>> out = io.BytesIO()
>>> summary = run_dedupe(recs, open_report(out, "csv"))
>>> [line.split(",")[4] for line in out.getvalue().decode().splitlines()[1:]]
['canonical', 'duplicate', 'error']
>>> summary.records, summary.statuses["error"]
(3, 1)
"""

from __future__ import annotations

import json
import pickle
import struct
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, Any, Literal, Protocol

from .article import Article, evolve
from .atomic import AtomicFile
from .batch import (
    REPORT_STAGES,
    CleanedRecord,
    CleanOptions,
    clean_records,
    dedup_failed,
    dedup_features,
)
from .crawl_index import CrawlIndex
from .dates import parse_date
from .dedup import Cluster
from .dedup.collect import Collector
from .dedup.engine import make_params, to_items
from .dedup.features import DocFeatures
from .dumps import DEFAULT_MAX_BYTES, DumpRecord
from .errors import IndexStoreError
from .gc_policy import fewer_collections
from .pipeline import DEFAULT_STAGES
from .report import ReportRow, ReportWriter, Status

__all__ = ["DedupeSettings", "RunSummary", "Story", "run_dedupe"]

Keep = Literal["canonical", "all"]


@dataclass(frozen=True, slots=True)
class DedupeSettings:
    """Settings of one run: the similarity threshold (None: the default, or with an index
    the index's), workers, a language hint, what to keep, and whether the stories say why
    their canonical copy was chosen (``reasons``: with an index, that reads every member
    of every story, so only a run that lists its stories asks for it)."""

    threshold: float | None = None
    workers: int = 1
    lang: str | None = None
    keep: Keep | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    reasons: bool = False


@dataclass(frozen=True, slots=True)
class Story:
    """A story with copies: its cluster, the canonical copy, every member's similarity, and
    (for a listing) why the canonical copy was chosen and why each other member is a copy."""

    cluster: int
    canonical: str
    members: tuple[tuple[str, float | None], ...]
    agency: str | None = None
    title: str | None = None
    reason: str = ""  # why the canonical copy was chosen
    copy_reasons: dict[str, str] = field(default_factory=dict)  # why each copy is one

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(slots=True)
class RunSummary:
    """What a run did: counts by status, errors by reason, the stories with copies."""

    records: int = 0
    indexed_before: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    warnings: int = 0
    stories: list[Story] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


# -- the spill file: one length-prefixed pickle per record, in input order ---------------------

_LEN = struct.Struct("<I")


def _spill(out: IO[bytes], entry: tuple[Any, ...]) -> None:
    data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_LEN.pack(len(data)))
    out.write(data)


def _unspill(src: IO[bytes]) -> Iterator[tuple[Any, ...]]:
    while head := src.read(_LEN.size):
        (size,) = _LEN.unpack(head)
        yield pickle.loads(src.read(size))


def _entry(rec: CleanedRecord, keep_text: bool, before: bool) -> tuple[Any, ...]:
    art = rec.article
    if art is None:
        return (rec.id, rec.origin, rec.url, rec.date, False, None, None, None, None, rec.error,
                None, before)  # fmt: skip
    return (
        rec.id,
        rec.origin,
        rec.url,
        rec.date,
        True,
        art.encoding.codec if art.encoding else None,
        art.agency,
        art.title,
        art.lang,
        rec.error,
        art.body if keep_text else None,
        before,
    )


def _reason(error: str) -> str:
    return error.split(":", 1)[0]


# -- where the stories come from -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    """An article's story: cluster id, canonical copy, similarity to it, story size, and
    why it is a copy (None for the canonical copy or an article without copies)."""

    cluster: int
    canonical: str
    similarity: float | None
    size: int
    reason: str | None = None


class _Stories(Protocol):
    batch: int  # articles handed to add_many at a time

    def add_many(self, items: list[tuple[Article, DocFeatures]]) -> list[bool | Exception]: ...
    def finish(self) -> None: ...
    def close(self) -> None: ...
    def place(self, doc_id: str) -> _Place | None: ...
    def members(self, cluster: int) -> list[tuple[str, float | None]]: ...
    def reason(self, cluster: int) -> str: ...
    def copy_reasons(self, cluster: int) -> dict[str, str]: ...


class _BatchStories:
    """No index: the near-duplicate engine over every article, once all are read (a
    :class:`~newsclean.dedup.collect.Collector`: compact features in memory, texts in a
    temporary file -- :func:`~newsclean.find_duplicates` without holding the articles)."""

    def __init__(self, settings: DedupeSettings) -> None:
        self.settings = settings
        self._collector = Collector(make_params(None, settings.threshold, {}))
        self._clusters: dict[int, Cluster] = {}
        self._assignments: dict[str, int] = {}

    batch = 256

    def add_many(self, items: list[tuple[Article, DocFeatures]]) -> list[bool | Exception]:
        out: list[bool | Exception] = []
        for article, features in items:
            try:
                # the text the engine reads words from: what the features were computed from
                self._collector.add(features, to_items([article])[0][1])
            except IndexStoreError:
                raise
            except Exception as exc:  # the engine failing on this article only
                out.append(exc)
            else:
                out.append(False)
        return out

    def finish(self) -> None:
        collector = self._collector
        try:
            result = collector.finish(workers=self.settings.workers, explain=False)
        finally:
            collector.close()
        self._clusters = {c.id: c for c in result.clusters}
        self._assignments = result.assignments

    def close(self) -> None:
        self._collector.close()

    def place(self, doc_id: str) -> _Place | None:
        cid = self._assignments.get(doc_id)
        if cid is None:
            return None
        c = self._clusters[cid]
        sim = 1.0 if doc_id == c.canonical else c.similarity.get(doc_id)
        return _Place(cid, c.canonical, sim, c.size, c.reasons.get(doc_id))

    def members(self, cluster: int) -> list[tuple[str, float | None]]:
        c = self._clusters[cluster]
        return [(i, 1.0 if i == c.canonical else c.similarity.get(i)) for i in c.ids]

    def reason(self, cluster: int) -> str:
        return self._clusters[cluster].canonical_reason

    def copy_reasons(self, cluster: int) -> dict[str, str]:
        return self._clusters[cluster].reasons


class _IndexStories:
    """A persistent index: streaming decisions, stories stored with the articles."""

    def __init__(self, index: CrawlIndex) -> None:
        self.index = index
        self.batch = index.batch

    def add_many(self, items: list[tuple[Article, DocFeatures]]) -> list[bool | Exception]:
        # the index keeps each document's text with its features
        return self.index.add_many([(a, evolve(f, source=to_items([a])[0][1])) for a, f in items])

    def finish(self) -> None:
        self.index.commit()

    def close(self) -> None:
        """The index is the caller's to close."""

    def place(self, doc_id: str) -> _Place | None:
        row = self.index.story(doc_id)
        if row is None:
            return None
        reason = row.reason if row.size > 1 and doc_id != row.canonical else None
        return _Place(row.cluster, row.canonical, row.similarity, row.size, reason)

    def members(self, cluster: int) -> list[tuple[str, float | None]]:
        return list(self.index.members(cluster))

    def reason(self, cluster: int) -> str:
        return self.index.canonical_reason(cluster)

    def copy_reasons(self, cluster: int) -> dict[str, str]:
        return self.index.copy_reasons(cluster)


# -- the run -------------------------------------------------------------------------------------


@fewer_collections()  # a context manager from contextmanager also decorates
def run_dedupe(
    records: Iterable[DumpRecord],
    report: ReportWriter,
    settings: DedupeSettings = DedupeSettings(),
    *,
    keep_out: AtomicFile | None = None,
    progress: Callable[[int], None] | None = None,
    clean_options: CleanOptions | None = None,
    index: CrawlIndex | None = None,
) -> RunSummary:
    """Clean and de-duplicate ``records``, writing one report row per record to ``report``.

    ``keep_out`` receives the de-duplicated dump (JSONL, clean text and metadata) of the
    records ``settings.keep`` selects.  ``progress`` is called with the number of records
    done so far.  With ``index`` (a :class:`~newsclean.crawl_index.CrawlIndex`), articles are
    de-duplicated against everything indexed before and added to it; otherwise
    :func:`~newsclean.find_duplicates` clusters this run's articles.  The report and
    ``keep_out`` are closed (committed) at the end; on an exception they are discarded (and
    the index's uncommitted batch rolled back) and the exception propagates.
    """
    start = time.perf_counter()
    options = clean_options or CleanOptions(lang=settings.lang, max_bytes=settings.max_bytes)
    # The cleaning workers compute the dedup features too; the report needs no normalized
    # body (the engine normalizes what it fingerprints), so the default stages stop before.
    stages = REPORT_STAGES if options.stages is DEFAULT_STAGES else options.stages
    keep_text = keep_out is not None and settings.keep is not None
    # the clean body is only written with --keep: without it, workers do not send it back
    options = replace(options, features=True, stages=stages, body=keep_text)
    summary = RunSummary()
    stories: _Stories = _IndexStories(index) if index is not None else _BatchStories(settings)
    try:
        with tempfile.TemporaryFile(prefix="newsclean-spill-") as spill:
            seen: dict[str, str] = {}
            # records wait here until their articles are added, a batch at a time
            pending: list[tuple[CleanedRecord, DocFeatures | Exception | None]] = []
            done = 0

            def flush() -> None:
                nonlocal done
                items = [
                    (rec.article, f)
                    for rec, f in pending
                    if rec.article is not None and isinstance(f, DocFeatures)
                ]
                outcomes = iter(stories.add_many(items) if items else [])
                for rec, f in pending:
                    before = False
                    if rec.article is not None:
                        outcome = f if isinstance(f, Exception) else next(outcomes)
                        if isinstance(outcome, Exception):
                            rec = dedup_failed(rec, outcome)
                        else:
                            before = outcome
                    _spill(spill, _entry(rec, keep_text, before))
                    done += 1
                    if progress is not None:
                        progress(done)
                pending.clear()

            # clean ahead: while a batch is being added, the workers clean the next one
            ahead = max(4, -(-2 * stories.batch // (max(1, settings.workers) * 32)))
            cleaned = clean_records(
                records, workers=settings.workers, options=options, batch_size=32, ahead=ahead
            )
            for rec in cleaned:
                first = seen.setdefault(rec.id, rec.origin)
                if first != rec.origin:
                    error = f"duplicate id: the id is already used by {first}"
                    rec = CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, error)
                features: DocFeatures | Exception | None = None
                if rec.article is not None:
                    try:
                        features = rec.features or dedup_features(rec.article, options.lang)
                    except Exception as exc:  # the engine failing on this article only
                        features = exc
                pending.append((rec, features))
                if len(pending) >= stories.batch:
                    flush()
            flush()
            seen.clear()
            stories.finish()
            spill.seek(0)
            info = _write_rows(_unspill(spill), stories, report, keep_out, settings, summary)
    except BaseException:
        stories.close()
        if index is not None:
            index.rollback()
        report.abort()
        if keep_out is not None:
            keep_out.discard()
        raise
    report.close()
    if keep_out is not None:
        keep_out.commit()
    summary.stories = _story_list(stories, info, settings.reasons)
    summary.seconds = time.perf_counter() - start
    return summary


def _write_rows(
    entries: Iterator[tuple[Any, ...]],
    stories: _Stories,
    report: ReportWriter,
    keep_out: AtomicFile | None,
    settings: DedupeSettings,
    summary: RunSummary,
) -> dict[int, tuple[Counter[str], str | None, str]]:
    """Pass 2: one report row per spilled record; returns, for every story with copies, the
    agency votes, the canonical copy's title and the canonical id."""
    info: dict[int, tuple[Counter[str], str | None, str]] = {}
    for entry in entries:
        doc_id, origin, url, date, ok, encoding, agency, title, lang, error, body, before = entry
        summary.records += 1
        place = stories.place(doc_id) if ok else None
        if ok and place is None:
            ok, error = False, "internal error: the de-duplication engine returned no cluster"
        if not ok or place is None:
            report.write(ReportRow(doc_id, origin, url, parse_date(date), "error", error=error))
            summary.statuses["error"] += 1
            summary.errors[_reason(error or "error")] += 1
            continue
        status: Status
        if place.size == 1:
            status = "unique"
        elif doc_id == place.canonical:
            status = "canonical"
        else:
            status = "duplicate"
        row = ReportRow(
            doc_id,
            origin,
            url,
            parse_date(date),
            status,
            place.cluster,
            place.canonical,
            place.similarity,
            place.reason if status == "duplicate" else None,
            encoding,
            agency,
            title,
            error,
            before,
        )
        report.write(row)
        summary.statuses[status] += 1
        if before:
            summary.indexed_before += 1
        if error:
            summary.warnings += 1
        if place.size > 1:
            votes, canon_title, _ = info.get(place.cluster, (Counter(), None, place.canonical))
            if agency:
                votes[agency] += 1
            if doc_id == place.canonical:
                canon_title = title
            info[place.cluster] = (votes, canon_title, place.canonical)
        wanted = settings.keep == "all" or status in ("unique", "canonical")
        if keep_out is not None and body is not None and wanted:
            doc = {
                "id": doc_id,
                "url": url,
                "date": date,
                "title": title,
                "text": body,
                "agency": agency,
                "lang": lang,
                "encoding": encoding,
                "cluster": place.cluster,
                "status": status,
                "canonical": place.canonical,
                "reason": place.reason if status == "duplicate" else None,
                "copies": place.size,
                "origin": origin,
            }
            line = json.dumps(doc, ensure_ascii=False).encode("utf-8", "replace")
            keep_out.file.write(line + b"\n")
    return info


def _story_list(
    stories: _Stories, info: dict[int, tuple[Counter[str], str | None, str]], reasons: bool
) -> list[Story]:
    out = []
    for cid, (votes, title, canonical) in info.items():
        members = tuple(stories.members(cid))
        agency = votes.most_common(1)[0][0] if votes else None
        why = stories.reason(cid) if reasons else ""
        copies = stories.copy_reasons(cid) if reasons else {}
        out.append(Story(cid, canonical, members, agency, title, why, copies))
    out.sort(key=lambda s: (-s.size, s.cluster))
    return out
