"""The ``newsclean`` command line: ``newsclean dedupe`` over dumps, ``newsclean clean`` one page.

``newsclean dedupe DUMP...`` reads directories of raw files, JSONL (plain or compressed, or
``-`` for standard input), Parquet, WARC and CSV files, zip and tar archives, cleans every
record, clusters the copies of one story and writes a report with one row per input record.
Without ``-o`` it prints the stories that have copies, readably; with ``-o REPORT`` (or
``--format``) it writes the report. A summary and a progress bar go to standard error. See
``docs/cli.md``.

Exit status: 0 when the run completed (records that failed are rows with status ``error``),
1 with a one-line message when it could not run (missing dump, unwritable output), 2 for a
usage error.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import IO, Any, NamedTuple, TypeVar, cast

import click

from . import __version__
from .article import Article
from .atomic import AtomicFile
from .batch import CleanOptions, failure_of, record_article, record_raw
from .crawl_index import CrawlIndex
from .dates import parse_date
from .dedup import compare as compare_articles
from .dumps import (
    KINDS,
    RECORD_KINDS,
    DumpKind,
    DumpOptions,
    DumpRecord,
    detect_kind,
    display_path,
    dump_files,
    read_dump,
    read_dumps,
)
from .dumps.directory import read_raw_file
from .dumps.options import DEFAULT_MAX_BYTES
from .errors import NewscleanError
from .lang import known_languages
from .parallel import default_workers
from .pipeline import clean as clean_article
from .report import FORMATS, ReportFormat, ReportWriter, format_from_name, open_report
from .runner import DedupeSettings, RunSummary, Story, run_dedupe
from .site import SiteProfile
from .sites import learn_site_profiles

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _fatal_errors(func: F) -> F:
    """Turn the errors that stop a run into a one-line message and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(0)
        except NewscleanError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"index: {exc}") from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:
            if os.environ.get("NEWSCLEAN_DEBUG"):
                raise
            message = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0]
            raise click.ClickException(
                f"{message} (set NEWSCLEAN_DEBUG=1 to see the traceback)"
            ) from None

    return cast(F, wrapper)


def _silence_stdout() -> None:
    """After a closed pipe (``| head``), stop Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _lang_hint(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang`` (a click callback): an ISO 639-1 code, lower-cased; a code newsclean has
    no word lists or rules for is passed on with a warning (a typo would otherwise go
    unnoticed)."""
    if value is None:
        return None
    code = value.strip().lower()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise click.BadParameter(f"{value!r} is not an ISO 639-1 code (two letters: ar, fa, en...)")
    if code not in known_languages():
        click.echo(
            f"newsclean: warning: --lang {code}: no word lists or rules for this language "
            f"(known: {', '.join(sorted(known_languages()))})",
            err=True,
        )
    return code


def _lang_option(help: str) -> Callable[[F], F]:
    """The ``--lang CODE`` option (a language hint, checked by :func:`_lang_hint`)."""
    return click.option("--lang", metavar="CODE", callback=_lang_hint, help=help)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(
    __version__, "-V", "--version", prog_name="newsclean", message="%(prog)s %(version)s"
)
def main() -> None:
    """Clean, attribute and de-duplicate scraped news.

    \b
    Examples:
      newsclean dedupe seeds/                      which files are copies of one story
      newsclean dedupe crawl.jsonl.gz -o report.csv
      newsclean dedupe crawl.warc.gz --keep canonical --out clean.jsonl
      curl -s https://example.org/page | newsclean clean -
      newsclean compare a.html b.html              are two pages copies, and why (not)
    """


# -- dedupe -------------------------------------------------------------------------------------


_FIELDS = ("id", "text", "html", "url", "date", "fetched", "title")


def _field_options(func: F) -> F:
    """The options naming the JSONL fields or Parquet and CSV columns (``--id-field`` ...
    ``--fetched-field``), handed to the command as one ``fields`` argument: a
    :class:`DumpOptions` with those fields."""

    @functools.wraps(func)
    def collect(*args: Any, **kwargs: Any) -> Any:
        named = {f"{name}_field": kwargs.pop(f"{name}_field") for name in _FIELDS}
        return func(*args, fields=DumpOptions(**named), **kwargs)

    helps = {
        "id": "JSONL field (Parquet or CSV column) of the id.",
        "text": "JSONL field (Parquet or CSV column) of the text.",
        "html": "JSONL field (Parquet or CSV column) of the raw HTML (used when present).",
        "url": "JSONL field (Parquet or CSV column) of the URL.",
        "date": "JSONL field (Parquet or CSV column) of the publication date.",
        "fetched": "JSONL field (Parquet or CSV column) of the time the page was fetched (a "
        "relative stamp on the page, '3 hours ago', is read against it; it dates a page "
        "that gives no date).",
        "title": "JSONL field (Parquet or CSV column) of the headline, put above the text of the "
        "text field (as a text dump has it) unless the text starts with it.",
    }
    wrapped: Any = collect
    for name in reversed(_FIELDS):
        wrapped = click.option(
            f"--{name}-field", default=name, show_default=True, help=helps[name]
        )(wrapped)
    return cast(F, wrapped)


_DEDUPE_EPILOG = """\b
Examples:
  newsclean dedupe seeds/
      print which files of the directory are copies of one story
  newsclean dedupe day1.jsonl.gz day2.jsonl.gz -o report.jsonl
      report every record (JSONL; -o report.csv or -o report.parquet for the others)
  newsclean dedupe crawl.warc.gz --keep canonical --out clean.jsonl -j 0
      keep one clean copy of every story, using every CPU
  zcat dump.jsonl.gz | newsclean dedupe - --text-field body --id-field uid -f csv > r.csv
      read JSONL from standard input, write a CSV report to standard output
  newsclean dedupe data/train-*.parquet --fetched-field crawl_time -o report.csv
      the shards of a Parquet dataset, dated by their crawl-time column
  newsclean dedupe articles.csv --text-field content --id-field article_id
      a spreadsheet export: one article per row, columns named by the header

\b
A DUMP is a directory of raw files (any extension, HTML or text), a JSONL file, a Parquet
file, a WARC file, a CSV or TSV file with a header row (plain or compressed: gzip, zstd,
bzip2, xz; a WARC file: gzip, zstd or lz4), a zip or tar archive of those, or - for JSONL
on standard input.  Exit
status: 0 when the run completed (failed records are rows with status "error"), 1 when it
could not run.
"""


@main.command(epilog=_DEDUPE_EPILOG, no_args_is_help=True)
@click.argument("dumps", nargs=-1, required=True, metavar="DUMP...")
@click.option(
    "-o",
    "--output",
    metavar="REPORT",
    help="Write the report (one row per record) to REPORT; - for standard output. "
    "Without it, the stories with copies are listed readably.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Report format (default: from the REPORT extension, else jsonl). "
    "Without -o, writes the report to standard output.",
)
@click.option(
    "--index",
    "index_path",
    metavar="PATH",
    help="A persistent index (SQLite file, created if missing): de-duplicate against every "
    "article indexed before, and add this run's.",
)
@click.option(
    "--index-batch",
    type=click.IntRange(1, 100_000),
    default=256,
    show_default=True,
    metavar="N",
    help="With --index: articles added to the index per transaction (a killed run loses at "
    "most its last uncommitted batch; larger batches are faster).",
)
@click.option(
    "-t",
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Similarity above which two articles are copies (default: 0.5; with --index, the "
    "index's own: a new threshold applies to the articles added from then on).",
)
@click.option(
    "--keep",
    type=click.Choice(["canonical", "all"]),
    help="With --out: write the canonical copy of every story (and every unique "
    "article), or every article.",
)
@click.option(
    "--out",
    "keep_path",
    metavar="DEDUPED",
    help="Where --keep writes the de-duplicated dump (JSONL: clean text + metadata).",
)
@click.option(
    "-j",
    "--workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes cleaning records in parallel (0: one per CPU).",
)
@click.option(
    "-k",
    "--kind",
    type=click.Choice(["auto", *KINDS]),
    default="auto",
    show_default=True,
    help="Force the kind of every DUMP instead of detecting it.",
)
@_field_options
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Skip files of directory dumps matching GLOB (repeatable).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Records larger than this are reported, not read.",
)
@_lang_option("Language hint for every record (ar, fa, en...).")
@click.option(
    "--site-templates/--no-site-templates",
    "learn",
    default=True,
    show_default=True,
    help="Learn each host's template lines from the text pages of JSONL, Parquet, WARC and "
    "CSV dumps (a first, quick pass) and strip them.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="spark: run on Apache Spark (JSONL or Parquet dumps, -o REPORT is a directory of "
    "part files; needs newsclean[spark]; see docs/scale.md).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@_fatal_errors
def dedupe(
    dumps: tuple[str, ...],
    output: str | None,
    fmt: ReportFormat | None,
    index_path: str | None,
    index_batch: int,
    threshold: float | None,
    keep: str | None,
    keep_path: str | None,
    workers: int,
    kind: str,
    fields: DumpOptions,
    exclude: tuple[str, ...],
    max_bytes: int,
    lang: str | None,
    learn: bool,
    engine: str,
    quiet: bool,
) -> None:
    """Find the articles of DUMP... that are copies of one story."""
    given_as: dict[str, str] = {}
    for path in dumps:  # a dump given twice would report each of its records twice
        if path != "-":
            first = given_as.setdefault(os.path.realpath(path), path)
            if first != path:
                raise click.UsageError(f"{first} and {path} are one dump: give each dump once")
            if dumps.count(path) > 1:
                raise click.UsageError(f"{path} is given twice: give each dump once")
    if engine == "spark":
        unsupported = {"--index": index_path, "--keep": keep, "--out": keep_path}
        given = [name for name, value in unsupported.items() if value is not None]
        if given:
            raise click.UsageError(f"--engine spark does not take {', '.join(given)}")
        _dedupe_spark(
            dumps,
            output,
            fmt,
            threshold,
            lang,
            max_bytes,
            fields,
            learn,
            quiet,
        )
        return
    if (keep is None) != (keep_path is None):
        raise click.UsageError("--keep and --out go together: --keep canonical --out FILE")
    if dumps.count("-") > 1:
        raise click.UsageError("standard input (-) can be read only once")
    forced = None if kind == "auto" else cast(DumpKind, kind)
    for path in dumps:  # fail before any work when a dump is missing
        if path != "-" and not os.path.exists(path):
            raise click.ClickException(f"{path}: no such file or directory")
        if forced is None:
            detect_kind(path)
    options = replace(fields, max_bytes=max_bytes, exclude=exclude)
    listing = output is None and fmt is None
    crawl = (
        CrawlIndex(index_path, threshold=threshold, lang=lang, batch=index_batch)
        if index_path
        else None
    )
    if crawl is not None:
        for name, (was, now) in crawl.index.settings_changed.items():
            click.echo(
                f"newsclean: warning: {index_path} was used with {name} {was}: this run's "
                f"articles are decided at {now} (earlier decisions stay)",
                err=True,
            )
    report = keep_out = None
    try:
        report = _open_report(output, fmt, listing)
        keep_out = AtomicFile(keep_path) if keep_path else None
    except BaseException:
        if report is not None:
            report.abort()
        if crawl is not None:
            crawl.close()
        raise
    settings = DedupeSettings(
        threshold=threshold,
        workers=workers or default_workers(),
        lang=lang,
        keep="all" if keep == "all" else ("canonical" if keep else None),
        max_bytes=max_bytes,
        reasons=listing,  # only the listing prints them (with an index, they read every member)
    )
    try:
        sites = _learn_sites(dumps, forced, options, settings.workers, quiet) if learn else {}
        bar = _Progress(enabled=not quiet)
        try:
            summary = run_dedupe(
                read_dumps(dumps, forced, options, lazy=True),
                report,
                settings,
                keep_out=keep_out,
                progress=bar.update,
                clean_options=CleanOptions(lang=lang, max_bytes=max_bytes, sites=sites),
                index=crawl,
            )
        finally:
            bar.close()
        indexed = None if crawl is None else len(crawl)
    except BaseException:
        report.abort()
        if keep_out is not None:
            keep_out.discard()
        raise
    finally:
        if crawl is not None:
            crawl.close()
    if listing:
        _print_listing(summary.stories)
    if not quiet:
        click.echo(_summary_text(summary, len(dumps), len(sites), indexed), err=True)


def _dedupe_spark(
    dumps: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    threshold: float | None,
    lang: str | None,
    max_bytes: int,
    fields: DumpOptions,
    learn: bool,
    quiet: bool,
) -> None:
    """``--engine spark``: :func:`newsclean.spark.run_spark_dedupe` writes the report."""
    if output is None or output == "-":
        raise click.UsageError("--engine spark writes a report directory: give -o REPORT")
    try:
        from .spark import Fields, run_spark_dedupe
    except ImportError as exc:
        raise click.ClickException(
            f"--engine spark needs the spark extra (pip install 'newsclean[spark]'): {exc}"
        ) from None
    summary = run_spark_dedupe(
        list(dumps),
        output,
        fmt=fmt,
        threshold=threshold,
        lang=lang,
        fields=Fields.of(fields),
        max_bytes=max_bytes,
        site_templates=learn,
    )
    if not quiet:
        counts = ", ".join(f"{n:,} {status}" for status, n in sorted(summary.statuses.items()))
        click.echo(
            f"{summary.records:,} records in {summary.seconds:.1f} s: {counts}; "
            f"{summary.stories:,} stories with copies; report in {output}"
            + (f"; site templates learned for {summary.sites:,} hosts" if summary.sites else ""),
            err=True,
        )
        for path, why in summary.left_out.items():
            click.echo(f"  left out (damaged): {path}: {why}", err=True)


def _learn_sites(
    dumps: tuple[str, ...], forced: DumpKind | None, options: DumpOptions, workers: int, quiet: bool
) -> dict[str, SiteProfile]:
    """Pass 1 of 2: site profiles from the JSONL, Parquet, WARC and CSV files, given or inside
    directories (re-readable, with URLs)."""
    files: list[tuple[str, DumpKind]] = []
    for path in dumps:
        if path == "-":
            continue  # standard input cannot be read twice
        kind = forced or detect_kind(path)
        if kind == "dir":
            files.extend(dump_files(path, options.exclude))
        elif os.path.isfile(path) and kind in RECORD_KINDS:
            files.append((path, kind))
    if not files:
        return {}
    bar = _Progress(enabled=not quiet, label="learning site templates")
    try:
        records = itertools.chain.from_iterable(
            read_dump(path, kind, options) for path, kind in files
        )
        return learn_site_profiles(
            _counted(records, bar), workers=workers, max_bytes=options.max_bytes
        )
    finally:
        bar.close()


def _counted(records: Iterable[DumpRecord], bar: _Progress) -> Iterator[DumpRecord]:
    for n, rec in enumerate(records, 1):
        bar.update(n)
        yield rec


class _NullReport:
    """The report when only the readable listing is wanted."""

    def write(self, row: object) -> None:
        pass

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


def _open_report(output: str | None, fmt: ReportFormat | None, listing: bool) -> ReportWriter:
    if listing:
        return _NullReport()
    target = output or "-"
    chosen: ReportFormat = fmt or format_from_name(target)
    if target == "-":
        return open_report(sys.stdout.buffer, chosen)
    return open_report(target, chosen)


class _Progress:
    """A tqdm bar on standard error, only when it is a terminal; created on first use."""

    def __init__(self, enabled: bool, label: str | None = None) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.label = label
        self.bar: Any = None

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                desc=self.label, unit=" docs", file=sys.stderr, mininterval=0.5, leave=False
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _short(text: str | None, width: int = 70) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_listing(stories: list[Story]) -> None:
    out: IO[str] = sys.stdout
    for n, story in enumerate(stories):
        head = [f"story {story.cluster}", f"{story.size} copies"]
        if story.agency:
            head.append(f"agency {story.agency}")
        if story.title:
            head.append(f"“{_short(story.title)}”")
        if n:
            out.write("\n")
        out.write(" · ".join(head) + "\n")
        for doc_id, sim in story.members:
            if doc_id == story.canonical:
                why = f"  ({story.reason})" if story.reason else ""
                out.write(f"  canonical  {doc_id}{why}\n")
                continue
            label = f"{sim:.2f}" if sim is not None else "copy"
            copy_why = story.copy_reasons.get(doc_id)
            why = f"  ({copy_why})" if copy_why else ""
            out.write(f"  {label:>9}  {doc_id}{why}\n")
    out.flush()


def _n(count: int, word: str, plural: str | None = None) -> str:
    """``1 record``, ``2 records``, ``1,000 stories``."""
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _summary_text(
    summary: RunSummary, n_dumps: int, n_sites: int = 0, indexed: int | None = None
) -> str:
    s = summary.statuses
    lines = [
        f"newsclean: {_n(summary.records, 'record')} from {_n(n_dumps, 'dump')}"
        f" in {summary.seconds:.1f} s ({summary.docs_per_s:,.0f} docs/s): "
        f"{s['unique']:,} unique, {s['canonical']:,} canonical, "
        f"{_n(s['duplicate'], 'duplicate')}, {_n(s['error'], 'error')}"
    ]
    stories = summary.stories
    if stories:
        copies = sum(st.size for st in stories)
        lines.append(
            f"  {_n(len(stories), 'story', 'stories')} with copies ({copies:,} articles); largest:"
        )
        for st in stories[:5]:
            agency = st.agency or "no agency"
            title = f"  “{_short(st.title, 50)}”" if st.title else ""
            lines.append(f"    {st.size:>5} copies  {agency:<12} {st.canonical}{title}")
    else:
        lines.append("  no stories with copies")
    if summary.errors:
        parts = ", ".join(f"{n:,} {reason}" for reason, n in summary.errors.most_common())
        lines.append(f"  errors: {parts}")
    if indexed is not None:
        lines.append(
            f"  index: {_n(summary.indexed_before, 'record')} indexed before, "
            f"{_n(indexed, 'article')} indexed in all"
        )
    if n_sites:
        lines.append(f"  site templates learned for {_n(n_sites, 'host')} and stripped")
    if summary.warnings:
        lines.append(
            f"  warnings: {_n(summary.warnings, 'record')} used with undecodable bytes replaced"
        )
    return "\n".join(lines)


# -- clean --------------------------------------------------------------------------------------


_max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse inputs larger than this.",
)


def _read_input(file: str, max_bytes: int) -> bytes:
    """The bytes of FILE (``-``: standard input), or a one-line error naming it."""
    if file == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise click.ClickException(
                f"-: too large: more than {max_bytes} bytes (see --max-bytes)"
            )
        return raw
    if not os.path.exists(file):
        raise click.ClickException(f"{file}: no such file or directory")
    try:
        return read_raw_file(file, max_bytes=max_bytes)
    except NewscleanError as exc:
        raise click.ClickException(f"{file}: {exc}") from None


_RECORD_ORIGIN = re.compile(r"(?P<dump>.+)[:@](?P<pos>[0-9]+)")


def _input_article(
    arg: str,
    *,
    max_bytes: int,
    lang: str | None,
    options: DumpOptions,
    url: str | None = None,
    content_type: str | None = None,
    date: str | None = None,
    fetched: str | None = None,
) -> Article:
    """The cleaned article of a FILE argument: a raw page or text dump (``-``: standard
    input), a dump of one record (a news-please JSON file), or one record of a JSONL,
    Parquet, WARC or CSV dump named by its origin (``FILE:LINE``, ``FILE:ROW``, ``FILE@OFFSET``),
    cleaned as ``newsclean dedupe`` cleans it.  A directory or a dump of several records is
    refused with how to name one of its files or records.  ``date`` and ``fetched``, when
    given, stand for the dump's."""
    given = _Given(url, content_type, date, fetched)
    if arg != "-" and os.path.isdir(arg):
        raise click.ClickException(f"{arg}: a directory: name one of its files")
    if arg != "-" and os.path.isfile(arg):
        try:
            kind = detect_kind(arg)
            if kind in RECORD_KINDS:
                first = list(itertools.islice(read_dump(arg, kind, options, lazy=True), 2))
        except NewscleanError as exc:
            raise click.ClickException(str(exc)) from None
        if kind in RECORD_KINDS:
            if len(first) == 1:
                return _record_article(first[0], arg, max_bytes, lang, given)
            if not first:
                raise click.ClickException(f"{arg}: a {kind.upper()} dump with no records")
            where = {
                "jsonl": ":LINE",
                "parquet": ":ROW",
                "warc": "@OFFSET",
                "csv": ":ROW",
                "archive": "/MEMBER",
            }[kind]
            raise click.ClickException(
                f"{arg}: {'an' if kind == 'archive' else 'a'} {kind.upper()} dump of several "
                "records: name one of its records "
                f"as {arg}{where} (the report's origin column)"
            )
    if arg == "-" or os.path.exists(arg):
        raw = _read_input(arg, max_bytes)
        return _record_article(DumpRecord(arg, arg, raw=raw), arg, max_bytes, lang, given)
    m = _RECORD_ORIGIN.fullmatch(arg)
    dump = m["dump"] if m is not None and os.path.isfile(m["dump"]) else _archive_of(arg)
    if dump is None:
        raise click.ClickException(f"{arg}: no such file or directory")
    wanted = display_path(dump) + arg[len(dump) :]  # ./d.jsonl:3 is d.jsonl:3
    try:
        for rec in read_dumps([dump], None, options, lazy=True):
            if rec.origin == wanted:
                return _record_article(rec, arg, max_bytes, lang, given)
    except NewscleanError as exc:
        raise click.ClickException(f"{dump}: {exc}") from None
    raise click.ClickException(
        f"{arg}: no such record in {dump} (a record is named as the report's origin "
        "column names it: FILE:LINE of a JSONL dump, FILE:ROW of a Parquet or CSV dump, "
        "FILE@OFFSET of a WARC dump, ARCHIVE/MEMBER of a zip or tar archive)"
    )


def _archive_of(arg: str) -> str | None:
    """The zip or tar archive a member's name starts with (``news.zip/a/b.html``,
    ``news.zip/data.jsonl:3``), or None."""
    at = arg.find("/", 1)  # past the "/" of an absolute path
    while at > 0:
        head = arg[:at]
        if os.path.isfile(head):
            try:
                return head if detect_kind(head) == "archive" else None
            except NewscleanError:
                return None
        at = arg.find("/", at + 1)
    return None


class _Given(NamedTuple):
    """What the command line says of the input (None: what the dump says, if anything)."""

    url: str | None
    content_type: str | None
    date: str | None
    fetched: str | None


def _record_article(
    rec: DumpRecord, arg: str, max_bytes: int, lang: str | None, given: _Given
) -> Article:
    """One record of a dump (or a raw page made one) cleaned as ``newsclean dedupe`` cleans
    it: its URL, Content-Type, date and fetch time from the dump unless given; dated by
    its fetch time when neither the dump nor the page gives a date.  ClickException when
    the record could not be read."""
    rec = replace(
        rec.load(max_bytes),
        url=given.url or rec.url,
        content_type=given.content_type or rec.content_type,
        date=given.date or rec.date,
        fetched=given.fetched or rec.fetched,
    )
    if rec.error is not None or rec.raw is None:
        raise click.ClickException(f"{arg}: {rec.error or 'no content'}")
    art = clean_article(
        record_raw(rec),
        url=rec.url,
        content_type=rec.content_type,
        lang=lang,
        id=rec.id,
        date=rec.date,
        fetched=rec.fetched,
    )
    used, _ = record_article(rec, art)
    return art if used is None else used


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date or time option, checked: ``now`` is this moment (UTC)."""
    if value is None:
        return None
    if value.strip().lower() == "now":
        return datetime.now(UTC).isoformat(timespec="seconds")
    if parse_date(value) is None:
        raise click.BadParameter(f"{value!r} is no date or time (ISO 8601: 2026-11-30T10:00Z)")
    return value


_CLEAN_EPILOG = """\b
Examples:
  newsclean clean page.html                 the article text of one page
  newsclean clean dump.txt --json | jq .attribution
  newsclean clean crawl.jsonl.gz:17 --json  one record of a dump, by the report's origin
  curl -s https://example.org/story | newsclean clean - --fetched now
      a page just fetched: a stamp such as "2 hours ago" dates it
"""


@main.command(epilog=_CLEAN_EPILOG, no_args_is_help=True)
@click.argument("file", metavar="FILE|-")
@_field_options
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print everything the pipeline decided (encoding and evidence, removed "
    "lines and reasons, attribution) as JSON.",
)
@click.option("--url", help="The page's URL (helps extraction).")
@click.option("--content-type", help="The HTTP Content-Type it was served with (charset).")
@_lang_option("Language hint (ar, fa, en...).")
@click.option(
    "--date",
    metavar="DATE",
    callback=_date_option,
    help="The publication date, when known (it comes before the page's own).",
)
@click.option(
    "--fetched",
    metavar="TIME",
    callback=_date_option,
    help="When the page was fetched (ISO 8601, or 'now'): a relative stamp on the page, "
    "'3 hours ago', is read against it.",
)
@_max_bytes_option
@_fatal_errors
def clean(
    file: str,
    fields: DumpOptions,
    as_json: bool,
    url: str | None,
    content_type: str | None,
    lang: str | None,
    date: str | None,
    fetched: str | None,
    max_bytes: int,
) -> None:
    """Clean one article: a raw page or text dump (FILE, or - for standard input), or one
    record of a dump (FILE:LINE of a JSONL dump, FILE:ROW of a Parquet or CSV dump,
    FILE@OFFSET of a WARC dump)."""
    options = replace(fields, max_bytes=max_bytes)
    art = _input_article(
        file,
        max_bytes=max_bytes,
        lang=lang,
        options=options,
        url=url,
        content_type=content_type,
        date=date,
        fetched=fetched,
    )
    if as_json:
        click.echo(json.dumps(art.explain(), ensure_ascii=False, indent=2, default=str))
    elif art.body:
        text = art.body
        if art.title and not art.body.startswith(art.title):
            text = f"{art.title}\n\n{art.body}"
        click.echo(text)
    if art.raw_kind == "binary":
        raise click.ClickException(f"{file}: not text: {art.meta.get('error', 'binary data')}")
    if not art.body and not as_json:
        click.echo(f"newsclean: {file}: no article text found", err=True)


# -- compare ------------------------------------------------------------------------------------

_COMPARE_EPILOG = """\b
Examples:
  newsclean compare site-a/story.html site-b/story.html
      are the two pages copies of one story, and why (or why not)
  newsclean compare day1.jsonl.gz:17 day2.jsonl.gz:3
      two records of dumps, named by the report's origin column
  newsclean compare original.txt update.txt --json | jq .decision

\b
Each of FILE_A and FILE_B is a raw page or text dump (- for standard input), or a record of
a dump as the report's origin column names it: FILE:LINE in a JSONL dump, FILE:ROW in a
Parquet or CSV dump, FILE@OFFSET in a WARC dump.  Each is cleaned as `newsclean dedupe` cleans
it, then the two articles are compared as `dedupe` compares them, on their own: lines that
repeat across the pages of a site are only known to a run over the whole dump.  Exit
status 0 whatever the verdict; 1 when an input cannot be used (with the reason a dedupe run
would report).
"""


@main.command(epilog=_COMPARE_EPILOG, no_args_is_help=True)
@click.argument("file_a", metavar="FILE_A")
@click.argument("file_b", metavar="FILE_B")
@_field_options
@click.option(
    "-t",
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Similarity above which two articles are copies (default: 0.5).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the match as JSON.")
@_lang_option("Language hint for both files (ar, fa, en...).")
@_max_bytes_option
@_fatal_errors
def compare(
    file_a: str,
    file_b: str,
    fields: DumpOptions,
    threshold: float | None,
    as_json: bool,
    lang: str | None,
    max_bytes: int,
) -> None:
    """Tell whether FILE_A and FILE_B are copies of one story, and why."""
    if file_a == "-" and file_b == "-":
        raise click.ClickException("only one of FILE_A and FILE_B can be - (standard input)")
    options = replace(fields, max_bytes=max_bytes)
    arts = []
    for arg in (file_a, file_b):
        art = _input_article(arg, max_bytes=max_bytes, lang=lang, options=options)
        failure = failure_of(art)
        if failure is not None:  # what a dedupe run reports for it: an error, not an article
            raise click.ClickException(f"{arg}: {failure}")
        arts.append(art)
    if arts[0].id == arts[1].id:  # one input twice (or one id): the engine needs two names
        arts[1] = replace(arts[1], id=f"{arts[1].id} (again)")
    m = compare_articles(arts[0], arts[1], threshold=threshold, lang=lang)
    if as_json:
        click.echo(json.dumps(asdict(m), ensure_ascii=False, indent=2))
        return
    verdict = "copies of one story" if m.decision == "duplicate" else "different stories"
    reason, *notes = m.notes or ("",)
    click.echo(f"{m.a} and {m.b}: {verdict} ({reason})")
    click.echo(
        f"  jaccard {m.jaccard:.2f} (MinHash estimate {m.jaccard_est:.2f}), "
        f"containment {m.containment:.2f}"
    )
    for note in notes:
        click.echo(f"  {note}")
    if m.shared:
        click.echo(f"  shared: “{m.shared}”")
