"""The cleaning pipeline: small composable stages over one :class:`~newsclean.Article`.

    decode -> source -> extract (HTML main text, or chrome stripping of a text dump)
           -> normalize -> fingerprint

Each stage is a pure function ``(Article, Options) -> Article`` that returns a new record and
appends a :class:`~newsclean.article.StepReport` saying what it did and why.  The source
stage runs *before* extraction: the agency credit usually sits in the footer that chrome
stripping removes, so it must see the full text; the extraction stage then keeps the credit
line out of the clean body.

>>> art = clean("WASHINGTON (Reuters) - The story.".encode())
>>> [s.name for s in art.steps]
['decode', 'source', 'extract', 'normalize', 'fingerprint']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .article import Article, StepReport, evolve
from .chrome import strip_chrome_explain
from .dates import day_before, read_date_line
from .dedup.signatures import exact_fingerprint
from .encoding import decode_explain, fix_mojibake
from .errors import DecodeError
from .html import extract_html, looks_like_html, source_text
from .markup import strip_markup
from .normalize import normalize
from .source import extract_source

__all__ = ["DEFAULT_STAGES", "Options", "Stage", "clean", "run_stages"]


@dataclass(frozen=True, slots=True)
class Options:
    """Settings shared by every stage of one :func:`clean` call.

    ``explain=False`` leaves the stages' notes out of their step reports (the decisions
    and every result field are the same): for callers that drop the reports, such as the
    batch cleaner of ``newsclean dedupe``, formatting one note per removed line is waste.
    ``fetched`` is when the page was fetched (ISO 8601, a WARC record's ``WARC-Date``): a
    relative stamp ("منذ 3 ساعات", "2 hours ago") dates the article against it."""

    url: str | None = None
    content_type: str | None = None
    lang: str | None = None
    site: Any = None
    explain: bool = True
    fetched: str | None = None


Stage = Callable[[Article, Options], Article]


def _step(article: Article, opts: Options, report: StepReport, **changes: Any) -> Article:
    if not opts.explain and report.notes:
        report = StepReport(report.name, report.changed, (), report.stats)
    return evolve(article, steps=(*article.steps, report), **changes)


def decode_stage(article: Article, opts: Options) -> Article:
    """Bytes (kept in ``meta['raw']``) to text; repair mojibake; tell HTML from a text dump;
    undo the markup a text dump kept (:func:`~newsclean.markup.strip_markup`)."""
    raw = article.meta.get("raw")
    notes: list[str] = []
    if isinstance(raw, bytes):
        try:
            text, guess = decode_explain(raw, content_type=opts.content_type)
        except DecodeError as exc:
            return _step(
                article,
                opts,
                StepReport("decode", False, (f"error: {exc}",)),
                raw_kind="binary",
                meta=_without_raw(article.meta, error=str(exc)),
            )
        if opts.explain:
            notes.extend(f"{guess.codec}: {e}" for e in guess.evidence)
    else:
        text, guess = (raw if isinstance(raw, str) else article.text), None
        notes.append("input was already text")
    fixed = fix_mojibake(text)
    if fixed != text:
        notes.append("mojibake repaired")
    kind = (
        "empty" if not fixed or fixed.isspace() else ("html" if looks_like_html(fixed) else "text")
    )
    if kind == "text":
        # a text dump that kept some of its page's markup (``&quot;``, ``<br>``)
        plain = strip_markup(fixed)
        if plain.tags or plain.references:
            fixed = plain.text
            notes.append(
                f"markup left by the scraper undone: {plain.tags} tags removed, "
                f"{plain.references} character references decoded"
            )
    return _step(
        article,
        opts,
        StepReport("decode", True, tuple(notes)),
        text=fixed,
        encoding=guess,
        raw_kind=kind,
        html=fixed if kind == "html" else None,
        meta=_without_raw(article.meta),
    )


def source_stage(article: Article, opts: Options) -> Article:
    """Find the agency credit in the full text, before chrome removal can drop it."""
    if article.raw_kind not in ("html", "text"):
        return _step(article, opts, StepReport("source", False, ("no text",)))
    text = article.text
    if article.raw_kind == "html":
        # dated as the extract stage asks, so that it reads the memoized extraction
        text = source_text(article.text, url=opts.url, dated=article.date is None)
    attribution = extract_source(text, lang=opts.lang)
    if not opts.explain:
        return _step(article, opts, StepReport("source", False), attribution=attribution)
    note = (
        (
            f"{attribution.agency} via {list(attribution.via)} from {attribution.where} "
            f"({attribution.rule}, confidence {attribution.confidence:.2f}): "
            f"{attribution.line!r}"
        )
        if attribution
        else "no agency credit found"
    )
    return _step(article, opts, StepReport("source", False, (note,)), attribution=attribution)


def extract_stage(article: Article, opts: Options) -> Article:
    """Main text of an HTML page, or a text dump with its chrome lines removed.

    The agency credit found by the source stage is passed on, so the line that holds it
    is removed from the body (reason ``source-line``) while the attribution stays on the
    article.  An article the caller did not date is dated by its page (markup, a text
    dump's date line, or a relative stamp counted back from ``Options.fetched``), else by
    the day in its agency dateline.  The body has the same shape
    for both kinds of input: the headline line (when one was found) followed by the
    article paragraphs.
    """
    credit = article.attribution.line if article.attribution else None
    if article.raw_kind == "html":
        res = extract_html(article.text, url=opts.url, credit=credit, dated=article.date is None)
    elif article.raw_kind == "text":
        res = strip_chrome_explain(
            article.text,
            lang=opts.lang,
            site=opts.site,
            credit=credit,
            dated=article.date is None,
        )
    else:
        return _step(article, opts, StepReport("extract", False, ("no text",)))
    notes = tuple(
        f"removed line {r.line_no} ({r.reason}: {r.rule}): {r.text!r}"
        for r in (res.removed if opts.explain else ())
    )
    if res.note and opts.explain:
        notes = (*notes, res.note)
    date = article.date
    if date is None and res.published is not None:
        date = res.published
        if opts.explain:
            notes = (*notes, f"date {date}: the publication date in {res.dated_by}")
    if date is None and res.published_ago is not None and opts.fetched is not None:
        date = day_before(opts.fetched, res.published_ago)
        if date is not None and opts.explain:
            notes = (
                *notes,
                f"date {date}: {_span(res.published_ago)} before the fetch "
                f"({opts.fetched}), says {res.dated_by}",
            )
    credited = article.attribution
    if date is None and credited is not None and credited.where == "dateline":
        # "بغداد 31 أكتوبر 2025 (شينخوا)": a wire story's dateline gives its day
        on_line = read_date_line(credited.line, lang=article.lang or res.lang)
        if on_line is not None:
            date = on_line.date
            if opts.explain:
                notes = (*notes, f"date {date}: the day in the dateline {credited.line!r}")
    body = res.text
    if article.raw_kind == "html" and res.title and body and not body.startswith(res.title):
        body = f"{res.title}\n{body}"  # html_to_text reports the headline apart
    return _step(
        article,
        opts,
        StepReport(
            "extract", res.text != article.text, notes, {"removed_lines": float(len(res.removed))}
        ),
        body=body,
        title=res.title or article.title,
        removed=res.removed,
        lang=article.lang or res.lang,
        date=date,
    )


def _span(seconds: float) -> str:
    """A relative stamp's time in its largest whole unit: "3 hours", "2 days", "45 minutes".

    >>> _span(10800.0), _span(172800.0), _span(2700.0), _span(5400.0)
    ('3 hours', '2 days', '45 minutes', '90 minutes')
    """
    for unit, size in (("day", 86400.0), ("hour", 3600.0), ("minute", 60.0)):
        if seconds >= size and seconds % size == 0:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds:g} seconds"


def normalize_stage(article: Article, opts: Options) -> Article:
    """Language-aware normalization of the body, for fingerprints and shingles."""
    norm = normalize(article.body, lang=article.lang or opts.lang)
    return _step(article, opts, StepReport("normalize", norm != article.body), normalized=norm)


def fingerprint_stage(article: Article, opts: Options) -> Article:
    """64-bit exact-duplicate key of the normalized body (None for an empty body)."""
    fp = exact_fingerprint(article.normalized) if article.normalized else None
    return _step(
        article,
        opts,
        StepReport("fingerprint", False, (f"{fp:016x}" if fp is not None else "empty body",)),
        fingerprint=fp,
    )


DEFAULT_STAGES: tuple[Stage, ...] = (
    decode_stage,
    source_stage,
    extract_stage,
    normalize_stage,
    fingerprint_stage,
)


def _without_raw(meta: dict[str, Any], **extra: Any) -> dict[str, Any]:
    out = {k: v for k, v in meta.items() if k != "raw"}
    out.update(extra)
    return out


def run_stages(article: Article, stages: Sequence[Stage], opts: Options) -> Article:
    """Apply ``stages`` in order; each returns a new Article."""
    for stage in stages:
        article = stage(article, opts)
    return article


def clean(
    raw: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    lang: str | None = None,
    site: Any = None,
    id: str | None = None,
    date: str | None = None,
    fetched: str | None = None,
    stages: Sequence[Stage] = DEFAULT_STAGES,
    explain: bool = True,
) -> Article:
    """Run the whole pipeline on one raw page or text dump.

    ``raw`` is the page as scraped: bytes (decoded by the encoding stage) or text; any other
    type is a ``TypeError``.  ``date`` is its publication date when the caller knows it;
    ``fetched`` when it was fetched (a relative stamp, "منذ 3 ساعات", is read against it;
    it is not the article's date).  Returns
    an :class:`~newsclean.Article` whose ``steps`` explain every decision (with
    ``explain=False`` the step reports carry no notes: see :class:`Options`).

    >>> art = clean("عاجل\\n\\nنص الخبر هنا.".encode("cp1256"))
    >>> art.encoding.codec
    'cp1256'
    """
    if isinstance(raw, (bytearray, memoryview)):
        raw = bytes(raw)
    if not isinstance(raw, (bytes, str)):
        raise TypeError(f"clean() needs bytes or str, got {type(raw).__name__}")
    article = Article(id=id, url=url, date=date, meta={"raw": raw})
    opts = Options(
        url=url, content_type=content_type, lang=lang, site=site, explain=explain, fetched=fetched
    )
    return run_stages(article, stages, opts)
