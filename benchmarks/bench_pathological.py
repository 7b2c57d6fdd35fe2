"""Inputs that once made newsclean quadratic, timed at two sizes: the time should double
with the size, not quadruple.

Real crawls hold such inputs: one error or consent page met thousands of times (crowded
LSH buckets, one huge story with cannot-links elsewhere in the corpus), and pages whose
markup repeats an unclosed ``<script>``, ``<!--`` or ``<title>``, wire listings with a
credit on every line, a line of many date stamps, a feed's thousands of bulletins of one
template (every one a candidate of every other), a run of Chinese agency names, and a
fragment of thousands of unclosed blocks. Each case prints its
seconds at size n and 2n and their ratio (about 2 when linear; 4 when quadratic).

    PYTHONPATH=src python benchmarks/bench_pathological.py
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

import newsclean
from newsclean.dates import read_date_line, read_relative
from newsclean.dedup.clusters import cluster
from newsclean.html import extract_html, markup_to_dump
from newsclean.markup import unmarkup

PAGE = "The page you requested could not be found. Please check the address and try again. " * 8
TEMPLATE = "Weather for Monday: highs of {} in Riyadh and {} in Jeddah, the centre said today."


def _copies(n: int) -> list[tuple[str, str]]:
    # n copies of one page, and two look-alikes that conflict (a cannot-link in the corpus)
    docs = [(f"c{i}", PAGE) for i in range(n)]
    return [*docs, ("w1", TEMPLATE.format(40, 35) * 4), ("w2", TEMPLATE.format(44, 31) * 4)]


def _find(n: int) -> None:
    newsclean.find_duplicates(_copies(n))


def _index(n: int) -> None:
    index = newsclean.DuplicateIndex()
    for i in range(n):
        index.add(f"c{i}", PAGE)


def _bulletins(n: int) -> None:
    # a feed's family of look-alikes: every bulletin a candidate of every other
    rng = random.Random(0)
    places = [a + b for a in ("Al", "Bir", "Kas", "Mon", "Tar") for b in ("ville", "abad", "ton")]
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    docs = [
        (
            f"b{i}",
            f"Weather bulletin\nThe weather office said temperatures in {rng.choice(places)} "
            f"would reach {rng.randint(10, 45)} degrees on {rng.choice(days)}, with winds of "
            f"{rng.randint(5, 60)} km/h and a {rng.randint(0, 100)} percent chance of rain. "
            "Residents were advised to drink water and avoid the sun between noon and four "
            "in the afternoon, the office said in its daily bulletin.",
        )
        for i in range(n)
    ]
    newsclean.find_duplicates(docs)


def _star(n: int) -> None:
    cluster(n + 2, [(1.0, 0, i) for i in range(1, n)], [(n, n + 1)])


CASES: dict[str, tuple[int, Callable[[int], object]]] = {
    "find_duplicates, n copies of one page": (5_000, _find),
    "DuplicateIndex.add, n copies of one page": (1_000, _index),
    "find_duplicates, n bulletins of one template": (1_000, _bulletins),
    "union-find, one story of n copies": (20_000, _star),
    "unmarkup, '<script>' * n": (20_000, lambda n: unmarkup("<script>" * n)),
    "unmarkup, '<!--' * n": (20_000, lambda n: unmarkup("<!--" * n)),
    "markup_to_dump, '<' * n": (50_000, lambda n: markup_to_dump("<" * n)),
    "extract_html, '<title>' * n": (15_000, lambda n: extract_html("<html><head>" + "<title>" * n)),
    # a wire listing page: one credit per line (every credit list once looked at every hit)
    "extract_source, n lines of '(Reuters)'": (
        10_000,
        lambda n: newsclean.extract_source("(Reuters)\n" * n),
    ),
    # n agency names of a script without spaces, one after the other
    "extract_source, '新华社' * n": (8_000, lambda n: newsclean.extract_source("新华社" * n)),
    # a fragment of n unclosed blocks, read as text (every '<' ... '>' a blank line start)
    "clean, '<div>' * n + 'text' + '</div>' * n": (
        5_000,
        lambda n: newsclean.clean("<div>" * n + "text" + "</div>" * n),
    ),
    # one line of n update stamps: each date once looked at every cue before it
    "read_date_line, n 'Updated 5 May 2020 |'": (
        8_000,
        lambda n: read_date_line("Updated 5 May 2020 | " * n),
    ),
    "read_relative, n 'Updated 1 hour ago |'": (
        8_000,
        lambda n: read_relative("Updated 1 hour ago | " * n),
    ),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    args = ap.parse_args()
    print(f"{'case':44s} {'n':>8s} {'s at n':>8s} {'s at 2n':>8s} {'ratio':>6s}")
    for name, (size, run) in CASES.items():
        n = max(2, int(size * args.scale))
        times = []
        for m in (n, 2 * n):
            t0 = time.perf_counter()
            run(m)
            times.append(time.perf_counter() - t0)
        ratio = times[1] / max(times[0], 1e-9)
        print(f"{name:44s} {n:8d} {times[0]:8.2f} {times[1]:8.2f} {ratio:6.1f}", flush=True)


if __name__ == "__main__":
    main()
