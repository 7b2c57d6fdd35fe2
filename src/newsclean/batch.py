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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from .article import Article, copied_by_slots, evolve, pickled_by_fields
from .dedup.engine import to_items
from .dedup.features import DocFeatures, FeatureChunk, dedup_text, prepare
from .dumps import DEFAULT_MAX_BYTES, DumpRecord
from .html import looks_like_html
from .parallel import parallel_map_batches
from .pipeline import (
    DEFAULT_STAGES,
    Options,
    Stage,
    decode_stage,
    extract_stage,
    source_stage,
)
from .site import SiteProfile
from .sites import host_of

__all__ = [
    "REPORT_STAGES",
    "CleanOptions",
    "CleanedRecord",
    "clean_batch",
    "clean_record",
    "clean_records",
    "dedup_failed",
    "slim",
    "warm_up",
]

REPORT_STAGES: tuple[Stage, ...] = (decode_stage, source_stage, extract_stage)
"""The pipeline stages a de-duplication run needs: encoding, agency credit, main text.
The normalized body and its exact fingerprint (the last two stages of
:func:`newsclean.clean`) are not in the report, and the near-duplicate engine normalizes
the text it fingerprints itself."""


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """Settings of the per-record cleaning: a language hint, the size limit of records still
    to be read from their file, site profiles by host (:mod:`newsclean.sites`), stages, and
    whether to compute each article's near-duplicate features too (``features``: the
    cleaning worker then does :func:`~newsclean.dedup.features.prepare`, in parallel).

    ``body=False`` (with ``features``) drops the clean body of a text dump once its
    features are computed: a run that writes no clean text does not need it, and the
    result a worker sends back is a third smaller (the ``text`` the engine reads stays;
    an HTML page's body is that text, so it stays too)."""

    lang: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    sites: Mapping[str, SiteProfile] = field(default_factory=dict)
    stages: Sequence[Stage] = DEFAULT_STAGES
    features: bool = False
    body: bool = True


@copied_by_slots
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CleanedRecord:
    """A record after cleaning: its identity, the (slimmed) article, and any error or warning.

    ``article`` is None exactly when the record failed (``error`` then says why).  A record
    that was cleaned but is degraded keeps its article and carries a warning in ``error``
    (undecodable bytes replaced).  ``features`` are the article's near-duplicate features
    when :attr:`CleanOptions.features` asked for them (their ``source`` is left empty: the
    text is the article's, :func:`~newsclean.dedup.features.dedup_text`).
    """

    id: str
    origin: str
    url: str | None
    date: str | None
    article: Article | None
    error: str | None = None
    features: DocFeatures | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


def slim(article: Article) -> Article:
    """The article without what later stages do not need (HTML, step reports, removed
    lines); a text dump keeps as ``text`` only what the dedup engine fingerprints
    (:func:`~newsclean.dedup.features.dedup_text`).

    >>> from newsclean import clean
    >>> a = slim(clean("Some text.\\n\\nShare this"))
    >>> a.text, a.steps, a.body
    ('Some text.\\n', (), 'Some text.')
    """
    text = dedup_text(article)[0] if article.raw_kind == "text" else ""
    return evolve(article, text=text, html=None, steps=(), removed=(), meta={})


def clean_record(rec: DumpRecord, options: CleanOptions = CleanOptions()) -> CleanedRecord:
    """Clean one record; every failure is returned as ``error``, never raised."""
    return clean_batch([rec], options)[0]


def clean_batch(
    records: Sequence[DumpRecord], options: CleanOptions = CleanOptions()
) -> list[CleanedRecord]:
    """Clean a batch of records, one result per record in order; failures are returned as
    ``error``, never raised.  With :attr:`CleanOptions.features`, the near-duplicate
    features of the whole batch are computed in one vectorized pass (the same features as
    one record at a time; a batch the engine fails on is retried record by record, so the
    error lands on the record that caused it).

    >>> from newsclean.dumps import DumpRecord
    >>> out = clean_batch([DumpRecord("a", "d:1", raw="Hello world.")], CleanOptions(features=True))
    >>> out[0].article.body, out[0].features.id
    ('Hello world.', 'a')
    """
    done = _clean_all(records, options)
    if not options.features:
        return done
    ok = [(i, rec.article) for i, rec in enumerate(done) if rec.article is not None]
    try:
        features: list[DocFeatures] | None = _features([a for _, a in ok], options.lang)
    except Exception:  # the engine failing on some article: find it, one at a time
        features = None
    for n, (i, article) in enumerate(ok):
        try:
            f = features[n] if features is not None else _features([article], options.lang)[0]
        except Exception as exc:  # reported like a failing stage, not raised
            done[i] = dedup_failed(done[i], exc)
        else:
            if not options.body and article.raw_kind == "text":
                done[i] = evolve(done[i], article=evolve(article, body=""), features=f)
            else:
                done[i] = evolve(done[i], features=f)
    return done


def _failed(rec: DumpRecord, error: str) -> CleanedRecord:
    """The error record of ``rec``: dated as a cleaned one would be when its page gives no
    date (the dump's date, else when it was fetched).

    >>> _failed(DumpRecord("a", "d:1", fetched="2024-05-03"), "no text").date
    '2024-05-03'
    """
    return CleanedRecord(rec.id, rec.origin, rec.url, rec.date or rec.fetched, None, error)


def dedup_failed(rec: CleanedRecord, exc: Exception) -> CleanedRecord:
    """``rec`` as the error record of an article the near-duplicate engine failed on."""
    error = f"internal error: de-duplication: {type(exc).__name__}: {exc}"
    return CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, error.splitlines()[0][:500])


def record_raw(rec: DumpRecord) -> bytes | str:
    """What the pipeline cleans of a loaded record: its raw content, an HTML fragment from
    an HTML field made a page (so that it is read as HTML).

    >>> record_raw(DumpRecord("a", "d:1", raw="<p>One.</p>", html=True))
    '<html><body><p>One.</p></body></html>'
    """
    raw = rec.raw if rec.raw is not None else b""
    if rec.html and isinstance(raw, str) and not looks_like_html(raw):
        return f"<html><body>{raw}</body></html>"
    return raw


def _clean_all(records: Sequence[DumpRecord], options: CleanOptions) -> list[CleanedRecord]:
    """:func:`newsclean.clean` of every record, each stage run over the whole batch before
    the next one (the stages are pure functions of one record, so the articles are those
    record-by-record cleaning gives; one stage's code and tables at a time stay in the
    CPU caches: about a tenth less time).  A record whose stage raises becomes an error
    record and leaves the batch."""
    out: list[CleanedRecord | None] = [None] * len(records)
    live: list[tuple[int, DumpRecord, Article, Options]] = []
    for i, rec in enumerate(records):
        rec = rec.load(options.max_bytes)
        if rec.error is not None or rec.raw is None:
            error = rec.error or "no content"
            out[i] = _failed(rec, error)
            continue
        raw = record_raw(rec)
        site = options.sites.get(host_of(rec.url) or "") if options.sites else None
        # what clean() starts from (tested: the same articles as clean() of each record)
        article = Article(id=rec.id, url=rec.url, date=rec.date, meta={"raw": raw})
        opts = Options(
            url=rec.url,
            content_type=rec.content_type,
            lang=options.lang,
            site=site,
            explain=False,  # slim() drops the step reports
            fetched=rec.fetched,
        )
        live.append((i, rec, article, opts))
    for stage in options.stages:
        survivors = []
        for i, rec, article, opts in live:
            try:
                article = stage(article, opts)
            except Exception as exc:  # a bug or a dependency failing on odd input: reported
                error = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0][:500]
                out[i] = _failed(rec, error)
                continue
            survivors.append((i, rec, article, opts))
        live = survivors
    for i, rec, article, _ in live:
        out[i] = _cleaned(rec, article)
    return cast(list[CleanedRecord], out)  # every record has its result by now


def record_article(rec: DumpRecord, art: Article) -> tuple[Article | None, str | None]:
    """A record's cleaned article as a run uses it: ``(None, reason)`` when it holds no
    text (the reason the report gives), else the article, dated by the record's fetch
    time when neither the dump nor the page gives a publication date."""
    failure = failure_of(art)
    if failure is not None:
        return None, failure
    if art.date is None and rec.fetched is not None:
        art = evolve(art, date=rec.fetched)  # no publication date: when it was fetched
    return art, None


def _cleaned(rec: DumpRecord, art: Article) -> CleanedRecord:
    """The record of a cleaned article: an error when it holds no text, else slimmed, with
    a warning when undecodable bytes were replaced."""
    used, failure = record_article(rec, art)
    if used is None:
        return _failed(rec, cast(str, failure))  # no article: the reason is set
    art = used
    warning = None
    if art.encoding is not None and art.encoding.replaced:
        warning = (
            f"undecodable bytes: {art.encoding.replaced} replaced with U+FFFD "
            f"(decoded as {art.encoding.codec})"
        )
    return CleanedRecord(rec.id, rec.origin, rec.url, art.date, slim(art), warning)


def _features(articles: Sequence[Article], lang: str | None) -> list[DocFeatures]:
    items = [to_items([a])[0] for a in articles]  # one by one: ids may repeat in a batch
    return prepare(items, lang=lang, keep_source=False)


def dedup_features(article: Article, lang: str | None = None) -> DocFeatures:
    """The near-duplicate features of a cleaned article, as
    :func:`~newsclean.find_duplicates` computes them (its text without the source, which
    is :func:`~newsclean.dedup.features.dedup_text` of the article)."""
    return _features([article], lang)[0]


def failure_of(art: Article) -> str | None:
    """Why a cleaned article cannot be used (the report's error), or None.

    >>> from newsclean import clean
    >>> failure_of(clean(b"")), failure_of(clean("One line of text."))
    ('empty: the record has no text', None)
    """
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


# -- in parallel ------------------------------------------------------------------------------


def _crashed(rec: DumpRecord) -> CleanedRecord:
    return _failed(
        rec, "internal error: the cleaning process died on this record (killed or crashed)"
    )


#: A short scrape that takes every stage through its first-use set-up: windows-1256 bytes
#: to detect, Arabic and English lines, chrome lines, an agency credit.
_WARM_UP = (
    "الرئيسية\n"
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.\n"
    "WASHINGTON (Reuters) - The minister said on Monday that the talks would resume next "
    "week in the capital.\n"
    "Share\nBack to top\n"
).encode("cp1256", errors="replace")


class _Shipped(list[CleanedRecord]):
    """A batch of cleaned records as a worker process sends it back: pickled with the
    features of the whole batch as one :class:`~newsclean.dedup.features.FeatureChunk` (a
    few arrays) instead of five arrays per record, which cost the worker about 20 us and
    the main process 30-40 us per record to pickle and unpickle.  It arrives as a plain
    list of the same records.

    >>> import pickle
    >>> out = clean_batch([DumpRecord("a", "d:1", raw="Hello world.")], CleanOptions(features=True))
    >>> back = pickle.loads(pickle.dumps(_Shipped(out)))
    >>> type(back).__name__, back[0].features.tokens.tolist() == out[0].features.tokens.tolist()
    ('list', True)
    """

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        feats = [r.features for r in self if r.features is not None]
        heads = [
            (r.id, r.origin, r.url, r.date, r.article, r.error, r.features is not None)
            for r in self
        ]
        return _received, (heads, FeatureChunk(feats) if feats else None)


def _received(
    heads: list[tuple[str, str, str | None, str | None, Article | None, str | None, bool]],
    chunk: FeatureChunk | None,
) -> list[CleanedRecord]:
    feats = iter(chunk.all_features() if chunk is not None else ())
    return [
        CleanedRecord(i, origin, url, date, article, error, next(feats) if has else None)
        for i, origin, url, date, article, error, has in heads
    ]


def clean_batch_shipped(
    records: Sequence[DumpRecord], options: CleanOptions = CleanOptions()
) -> list[CleanedRecord]:
    """:func:`clean_batch` in a worker process: the same records, sent back to the main
    process with their features packed (see :class:`_Shipped`)."""
    return _Shipped(clean_batch(records, options))


def warm_up(options: CleanOptions = CleanOptions()) -> None:
    """Clean a small built-in sample and drop the result: the stages compile their patterns
    and build their tables on first use (about 0.3 s), and workers forked afterwards
    inherit them instead of each building its own."""
    clean_batch([DumpRecord("warm-up", "warm-up", raw=_WARM_UP)], options)


def clean_records(
    records: Iterable[DumpRecord],
    *,
    workers: int = 1,
    options: CleanOptions = CleanOptions(),
    batch_size: int = 32,
    ahead: int = 4,
) -> Iterator[CleanedRecord]:
    """Clean every record, ``workers`` processes at a time, yielding results in input order.

    ``workers <= 1`` cleans in this process.  A record that kills its worker process is
    returned as an error (see :func:`newsclean.parallel.parallel_map`).  ``ahead`` batches
    per worker are cleaned ahead of the consumer.  With several workers, this process
    cleans a small built-in sample first (:func:`warm_up`), so that the forked workers
    inherit the tables and compiled patterns the stages build on first use.
    """
    if workers > 1:
        warm_up(options)
    return parallel_map_batches(
        clean_batch_shipped if workers > 1 else clean_batch,
        records,
        options,
        workers=workers,
        batch_size=batch_size,
        on_crash=_crashed,
        ahead=ahead,
    )
