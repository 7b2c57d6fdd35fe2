"""The ``newsclean`` command line.

Placeholder of the foundation skeleton: ``newsclean dedupe DIR`` reads every file of a
directory tree, cleans it and prints the groups of copies.  Issue #6 brings JSONL and WARC
dumps, reports, the persistent index and fault handling.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .dedup import find_duplicates
from .pipeline import clean


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsclean")
def main() -> None:
    """Clean, attribute and de-duplicate scraped news."""


@main.command()
@click.argument("dump", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="spark: run on Apache Spark (JSONL or Parquet dumps; needs newsclean[spark]).",
)
@click.option("-o", "--output", metavar="REPORT", help="With --engine spark: the report.")
def dedupe(dump: Path, engine: str, output: str | None) -> None:
    """Find the files of DUMP (a directory) that are copies of one story.

    Example: newsclean dedupe seeds/
    """
    if engine == "spark":
        _dedupe_spark(dump, output)
        return
    if not dump.is_dir():
        raise click.UsageError("the local engine of this command reads a directory")
    files = sorted(p for p in dump.rglob("*") if p.is_file() and p.name != "README.md")
    articles = [clean(p.read_bytes(), id=str(p.relative_to(dump))) for p in files]
    result = find_duplicates(a for a in articles if a.body)
    for cluster in result.duplicates():
        click.echo(f"story {cluster.id}: {len(cluster.ids)} copies, canonical {cluster.canonical}")
        for i in cluster.ids:
            click.echo(f"  {i}")
    click.echo(f"{len(files)} files, {len(result.duplicates())} stories with copies", err=True)
    sys.exit(0)


def _dedupe_spark(dump: Path, output: str | None) -> None:
    """``--engine spark``: :func:`newsclean.spark.run_spark_dedupe` writes the report."""
    if output is None:
        raise click.UsageError("--engine spark writes a report: give -o REPORT")
    from .errors import NewscleanError
    from .spark import run_spark_dedupe

    try:
        summary = run_spark_dedupe([str(dump)], output)
    except NewscleanError as exc:
        raise click.ClickException(str(exc)) from None
    counts = ", ".join(f"{n:,} {status}" for status, n in sorted(summary.statuses.items()))
    click.echo(
        f"{summary.records:,} records in {summary.seconds:.1f} s: {counts}; "
        f"{summary.stories:,} stories with copies; report in {output}",
        err=True,
    )
