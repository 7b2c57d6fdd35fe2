"""Run de-duplication over dumps: stream, clean, cluster, and report every record.

This is what ``newsclean dedupe`` does, as a function.  It works in two passes over a
temporary spill file, so that memory is bounded by the de-duplication index and not by the
dump:

1. every record is read and cleaned (in worker processes, in input order); the clean
   article goes to the near-duplicate engine, and the record's report fields (and its clean
   text, when a de-duplicated dump is wanted) go to the spill file;
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
>>> [line.split(",")[3] for line in out.getvalue().decode().splitlines()[1:]]
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
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from .article import Article
from .atomic import AtomicFile
from .batch import CleanedRecord, CleanOptions, clean_records
from .dedup import Cluster, find_duplicates
from .dumps import DEFAULT_MAX_BYTES, DumpRecord
from .report import ReportRow, ReportWriter, Status

__all__ = ["DedupeSettings", "RunSummary", "Story", "run_dedupe"]

Keep = Literal["canonical", "all"]


@dataclass(frozen=True, slots=True)
class DedupeSettings:
    """Settings of one run: the similarity threshold, workers, a language hint, what to keep."""

    threshold: float = 0.5
    workers: int = 1
    lang: str | None = None
    keep: Keep | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Story:
    """A story with copies: its cluster, the canonical copy, and every member's similarity."""

    cluster: int
    canonical: str
    members: tuple[tuple[str, float | None], ...]
    agency: str | None = None
    title: str | None = None

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(slots=True)
class RunSummary:
    """What a run did: counts by status, errors by reason, the stories with copies."""

    records: int = 0
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


def _entry(rec: CleanedRecord, keep_text: bool) -> tuple[Any, ...]:
    art = rec.article
    if art is None:
        return (
            rec.id,
            rec.origin,
            rec.url,
            rec.date,
            False,
            None,
            None,
            None,
            None,
            rec.error,
            None,
        )
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
    )


def _reason(error: str) -> str:
    return error.split(":", 1)[0]


def run_dedupe(
    records: Iterable[DumpRecord],
    report: ReportWriter,
    settings: DedupeSettings = DedupeSettings(),
    *,
    keep_out: AtomicFile | None = None,
    progress: Callable[[int], None] | None = None,
    clean_options: CleanOptions | None = None,
) -> RunSummary:
    """Clean and de-duplicate ``records``, writing one report row per record to ``report``.

    ``keep_out`` receives the de-duplicated dump (JSONL, clean text and metadata) of the
    records ``settings.keep`` selects.  ``progress`` is called with the number of records
    done so far.  The report and ``keep_out`` are closed (committed) at the end; on an
    exception they are discarded and the exception propagates.
    """
    start = time.perf_counter()
    options = clean_options or CleanOptions(lang=settings.lang, max_bytes=settings.max_bytes)
    summary = RunSummary()
    keep_text = keep_out is not None and settings.keep is not None
    try:
        with tempfile.TemporaryFile(prefix="newsclean-spill-") as spill:
            seen: dict[str, str] = {}

            def articles() -> Iterator[Article]:
                cleaned = clean_records(records, workers=settings.workers, options=options)
                for done, rec in enumerate(cleaned, 1):
                    first = seen.setdefault(rec.id, rec.origin)
                    if first != rec.origin:
                        error = f"duplicate id: the id is already used by {first}"
                        rec = CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, error)
                    _spill(spill, _entry(rec, keep_text))
                    if progress is not None:
                        progress(done)
                    if rec.article is not None:
                        yield rec.article

            docs = articles()
            result = find_duplicates(docs, threshold=settings.threshold, workers=settings.workers)
            for _ in docs:  # an engine that stopped early must not lose records
                pass
            seen.clear()
            clusters = {c.id: c for c in result.clusters}
            spill.seek(0)
            story_info = _write_rows(
                _unspill(spill), result.assignments, clusters, report, keep_out, settings, summary
            )
    except BaseException:
        report.abort()
        if keep_out is not None:
            keep_out.discard()
        raise
    report.close()
    if keep_out is not None:
        keep_out.commit()
    summary.stories = _stories(clusters, story_info)
    summary.seconds = time.perf_counter() - start
    return summary


def _write_rows(
    entries: Iterator[tuple[Any, ...]],
    assignments: dict[str, int],
    clusters: dict[int, Cluster],
    report: ReportWriter,
    keep_out: AtomicFile | None,
    settings: DedupeSettings,
    summary: RunSummary,
) -> dict[int, tuple[Counter[str], str | None]]:
    """Pass 2: one report row per spilled record; returns agency votes and titles per story."""
    info: dict[int, tuple[Counter[str], str | None]] = {}
    for doc_id, origin, url, date, ok, encoding, agency, title, lang, error, body in entries:
        summary.records += 1
        cid = assignments.get(doc_id) if ok else None
        if ok and cid is None:
            ok, error = False, "internal error: the de-duplication engine returned no cluster"
        if not ok or cid is None:
            row = ReportRow(doc_id, origin, url, "error", error=error)
            report.write(row)
            summary.statuses["error"] += 1
            summary.errors[_reason(error or "error")] += 1
            continue
        cluster = clusters[cid]
        status: Status
        if cluster.size == 1:
            status = "unique"
        elif doc_id == cluster.canonical:
            status = "canonical"
        else:
            status = "duplicate"
        similarity = 1.0 if doc_id == cluster.canonical else cluster.similarity.get(doc_id)
        row = ReportRow(
            doc_id,
            origin,
            url,
            status,
            cid,
            cluster.canonical,
            similarity,
            encoding,
            agency,
            title,
            error,
        )
        report.write(row)
        summary.statuses[status] += 1
        if error:
            summary.warnings += 1
        if cluster.size > 1:
            votes, canon_title = info.get(cid, (Counter(), None))
            if agency:
                votes[agency] += 1
            if doc_id == cluster.canonical:
                canon_title = title
            info[cid] = (votes, canon_title)
        if keep_out is not None and body is not None:
            wanted = settings.keep == "all" or status in ("unique", "canonical")
            if wanted:
                doc = {
                    "id": doc_id,
                    "url": url,
                    "date": date,
                    "title": title,
                    "text": body,
                    "agency": agency,
                    "lang": lang,
                    "encoding": encoding,
                    "cluster": cid,
                    "status": status,
                    "canonical": cluster.canonical,
                    "copies": cluster.size,
                    "origin": origin,
                }
                line = json.dumps(doc, ensure_ascii=False).encode("utf-8", "replace")
                keep_out.file.write(line + b"\n")
    return info


def _stories(
    clusters: dict[int, Cluster], info: dict[int, tuple[Counter[str], str | None]]
) -> list[Story]:
    stories = []
    for cid, (votes, title) in info.items():
        cluster = clusters[cid]
        members = tuple(
            (i, 1.0 if i == cluster.canonical else cluster.similarity.get(i)) for i in cluster.ids
        )
        agency = votes.most_common(1)[0][0] if votes else None
        stories.append(Story(cid, cluster.canonical, members, agency, title))
    stories.sort(key=lambda s: (-s.size, s.cluster))
    return stories
