"""The ``spark-submit`` entry point: ``newsclean dedupe --engine spark`` as a Spark application.

``spark-submit`` runs a Python *file* as the driver; this module is that file (its path:
``python -m newsclean.spark.submit --path``).  Its arguments are those of ``newsclean
dedupe`` after ``--engine spark``: the dumps, ``-o REPORT`` and the options.  The session is
the one ``spark-submit`` configures (master, executors, memory, Python)::

    spark-submit --master yarn --deploy-mode client \\
        "$(python -m newsclean.spark.submit --path)" \\
        hdfs:///crawl/2026-11-28/ -o hdfs:///reports/2026-11-28.parquet

See ``docs/scale.md``.  Imports are absolute: ``spark-submit`` runs the file as a script.

>>> command(["day.jsonl", "-o", "report"])
['dedupe', '--engine', 'spark', 'day.jsonl', '-o', 'report']
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["command", "main"]


def command(args: Sequence[str]) -> list[str]:
    """The ``newsclean`` command line that ``args`` (given to this file) stand for."""
    return ["dedupe", "--engine", "spark", *args]


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``newsclean dedupe --engine spark`` with ``argv`` (default: the command line);
    ``--path`` prints this file's path instead, for ``spark-submit``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--path"]:
        print(__file__)
        return
    from newsclean.cli import main as cli

    cli(command(args), prog_name="newsclean")


if __name__ == "__main__":
    main()
