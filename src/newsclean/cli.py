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
@click.argument("dump", type=click.Path(exists=True, file_okay=False, path_type=Path))
def dedupe(dump: Path) -> None:
    """Find the files of DUMP (a directory) that are copies of one story.

    Example: newsclean dedupe seeds/
    """
    files = sorted(p for p in dump.rglob("*") if p.is_file() and p.name != "README.md")
    articles = [clean(p.read_bytes(), id=str(p.relative_to(dump))) for p in files]
    result = find_duplicates(a for a in articles if a.body)
    for cluster in result.duplicates():
        click.echo(f"story {cluster.id}: {len(cluster.ids)} copies, canonical {cluster.canonical}")
        for i in cluster.ids:
            click.echo(f"  {i}")
    click.echo(f"{len(files)} files, {len(result.duplicates())} stories with copies", err=True)
    sys.exit(0)
