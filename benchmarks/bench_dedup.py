"""Speed and memory of newsclean.find_duplicates next to datasketch and rensa, in one run.

A corpus of generated news articles (Arabic and English, 300-800 words, about a third of
them copies of another article with chrome lines, datelines, dropped paragraphs, typos or
truncation) is deduplicated by each method in its own child process, so that every
method's peak RSS is its own:

* ``newsclean (1 worker)`` / ``newsclean (2 workers)`` -- ``find_duplicates`` end to end
  (chrome stripping, normalization, templates, MinHash, LSH and passage candidates,
  verification, clusters, canonical copies and explanations);
* ``newsclean engine, no chrome (1 worker)`` -- the same with ``chrome=False``: the
  near-duplicate engine alone, as it runs on articles the pipeline already cleaned (what
  ``newsclean dedupe`` gives it); the difference to the first row is the chrome stage;
* ``datasketch update_batch`` -- word 3-gram shingles, ``MinHash(num_perm=128)
  .update_batch`` and ``MinHashLSH(threshold=0.5)`` insert + query, end to end;
* ``rensa`` -- plain per-document ``RMinHash(num_perm=128)`` of the same shingles (a peer
  that only computes signatures: no LSH, no verification).

Usage::

    PYTHONPATH=src python benchmarks/bench_dedup.py --docs 24000

Prints docs/s, the peak memory of each method's process tree (the sum of its processes'
proportional set sizes, so that pages a forked worker shares with its parent count once;
polled from ``/proc``) and, for newsclean, the bytes held per indexed document, then the
ratios newsclean / datasketch and newsclean / rensa.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable

_AR_FUNCTION = [
    "في",
    "من",
    "على",
    "إلى",
    "أن",
    "التي",
    "الذي",
    "عن",
    "مع",
    "هذا",
    "هذه",
    "كان",
    "قال",
    "وقال",
    "أكد",
    "أوضح",
    "بين",
    "خلال",
    "بعد",
    "قبل",
    "حيث",
    "وزير",
    "الحكومة",
    "المملكة",
    "الرياض",
    "اليوم",
    "أمس",
    "العام",
    "رئيس",
    "مجلس",
    "وزارة",
    "الدولة",
    "الأمن",
    "عدد",
]
_EN_FUNCTION = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "that",
    "for",
    "on",
    "was",
    "with",
    "as",
    "by",
    "at",
    "from",
    "is",
    "it",
    "he",
    "it's",
    "were",
    "has",
    "minister",
    "government",
    "officials",
    "said",
    "on",
    "tuesday",
    "year",
    "president",
    "council",
    "ministry",
    "state",
]
_AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_EN_SYLLABLES = [
    c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ar", "en", "on")
]
_AR_CHROME = [
    "الرئيسية | أخبار محلية",
    "شارك الخبر",
    "اقرأ أيضاً",
    "جميع الحقوق محفوظة 2024",
    "تابعونا على تويتر وفيسبوك",
]
_EN_CHROME = [
    "Home | World | Business",
    "Share this article",
    "Related stories",
    "Copyright 2024 The Daily Example. All rights reserved.",
    "Sign up for our daily newsletter",
]


def _vocabulary(rng: random.Random, lang: str, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        if lang == "ar":
            words.add("".join(rng.choice(_AR_LETTERS) for _ in range(rng.randint(3, 7))))
        else:
            words.add("".join(rng.choice(_EN_SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def _article(rng: random.Random, lang: str, vocab: list[str], weights: list[float]) -> str:
    function = _AR_FUNCTION if lang == "ar" else _EN_FUNCTION
    n_words = rng.randint(300, 800)
    paragraphs, count = [], 0
    while count < n_words:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            length = rng.randint(8, 25)
            words = [
                rng.choice(function) if rng.random() < 0.35 else w
                for w in rng.choices(vocab, weights, k=length)
            ]
            sentences.append(" ".join(words) + ".")
            count += length
        paragraphs.append(" ".join(sentences))
    headline = " ".join(rng.choices(vocab, weights, k=rng.randint(5, 10)))
    return headline + "\n" + "\n".join(paragraphs)


def _copy(rng: random.Random, text: str, lang: str) -> str:
    lines = text.split("\n")
    head, body = lines[0], lines[1:]
    if rng.random() < 0.3 and len(body) > 3:
        del body[rng.randrange(1, len(body))]
    if rng.random() < 0.15:
        body = body[: max(1, len(body) // 3)]
    if rng.random() < 0.4:
        words = body[0].split()
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 3:
                j = rng.randrange(len(w) - 1)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        body[0] = " ".join(words)
    if rng.random() < 0.5:
        body[0] = ("الرياض - واس - " if lang == "ar" else "LONDON (Reuters) - ") + body[0]
    chrome = _AR_CHROME if lang == "ar" else _EN_CHROME
    top = rng.sample(chrome, rng.randint(0, 2))
    bottom = rng.sample(chrome, rng.randint(0, 3))
    return "\n".join([*top, head, *body, *bottom])


def corpus(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` generated articles; about one in three is a copy of an earlier one."""
    rng = random.Random(seed)
    vocabs = {lang: _vocabulary(rng, lang, 6000) for lang in ("ar", "en")}
    weights = [1.0 / (r + 1) for r in range(6000)]
    docs: list[tuple[str, str]] = []
    originals: list[tuple[str, str]] = []
    for i in range(n):
        if originals and rng.random() < 0.35:
            lang, text = rng.choice(originals)
            docs.append((f"d{i:06d}", _copy(rng, text, lang)))
        else:
            lang = "ar" if rng.random() < 0.5 else "en"
            text = _article(rng, lang, vocabs[lang], weights)
            originals.append((lang, text))
            docs.append((f"d{i:06d}", text))
    return docs


def _shingles(text: str, k: int = 3) -> list[str]:
    words = text.lower().split()
    return [" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))]


def run_newsclean(
    docs: list[tuple[str, str]], workers: int, chrome: bool = True
) -> dict[str, float]:
    from newsclean import find_duplicates

    t0 = time.perf_counter()
    result = find_duplicates(docs, workers=workers, chrome=chrome)
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "bytes_per_doc": float(result.stats.get("bytes_per_doc", 0.0)),
        "clusters_with_copies": float(len(result.duplicates())),
    }


def run_datasketch(docs: list[tuple[str, str]]) -> dict[str, float]:
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    pairs = 0
    for doc_id, text in docs:
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in _shingles(text)])
        pairs += len(lsh.query(m))
        lsh.insert(doc_id, m)
    return {"seconds": time.perf_counter() - t0, "candidate_pairs": float(pairs)}


def run_rensa(docs: list[tuple[str, str]]) -> dict[str, float]:
    from rensa import RMinHash

    t0 = time.perf_counter()
    for _, text in docs:
        m = RMinHash(num_perm=128, seed=42)
        m.update(_shingles(text))
        m.digest()
    return {"seconds": time.perf_counter() - t0}


METHODS: dict[str, Callable[[list[tuple[str, str]]], dict[str, float]]] = {
    "newsclean (1 worker)": lambda d: run_newsclean(d, 1),
    "newsclean (2 workers)": lambda d: run_newsclean(d, 2),
    "newsclean engine, no chrome (1 worker)": lambda d: run_newsclean(d, 1, chrome=False),
    "datasketch update_batch + MinHashLSH": run_datasketch,
    "rensa RMinHash": run_rensa,
}


def child(method: str, n: int) -> None:
    docs = corpus(n)
    out = METHODS[method](docs)
    print(json.dumps(out))


PSS_INTERVAL = 0.5  # seconds between two readings of the process tree's PSS


class TreeMemory:
    """Peak memory of a process tree, polled from /proc: the sum of the proportional set
    sizes (PSS) of the process and its descendants, and the process's own RSS."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_tree_kb = 0
        self.peak_main_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _field(path: str, name: str) -> int:
        try:
            with open(path) as fh:
                for line in fh:
                    if line.startswith(name):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _tree(self) -> list[int]:
        out, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            try:
                with open(f"/proc/{pid}/task/{pid}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
            except OSError:
                pass
        return out

    def _run(self) -> None:
        # VmRSS is cheap to read (every 50 ms); PSS makes the kernel walk each process's
        # page tables (about 10 ms for 500 MB), so it is read every PSS_INTERVAL seconds,
        # not to take CPU from the method being measured.
        next_pss = 0.0
        while not self._stop.is_set():
            if time.monotonic() >= next_pss:
                tree = sum(self._field(f"/proc/{p}/smaps_rollup", "Pss:") for p in self._tree())
                self.peak_tree_kb = max(self.peak_tree_kb, tree)
                next_pss = time.monotonic() + PSS_INTERVAL
            self.peak_main_kb = max(
                self.peak_main_kb, self._field(f"/proc/{self.pid}/status", "VmRSS:")
            )
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_child(method: str, n: int) -> tuple[dict[str, float] | None, str]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--docs", str(n), "--method", method],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    mem = TreeMemory(proc.pid)
    out, err = proc.communicate()
    mem.stop()
    if proc.returncode != 0:
        return None, err
    r: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    r["peak_mb"] = mem.peak_tree_kb / 1024
    r["peak_main_mb"] = mem.peak_main_kb / 1024
    return r, err


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=24000)
    ap.add_argument("--method", help=argparse.SUPPRESS)
    ap.add_argument("--skip", action="append", default=[], help="method name prefix to skip")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the methods round-robin this many times and keep each one's best run "
        "(a shared machine's load then weighs on every method alike)",
    )
    a = ap.parse_args()
    if a.method:
        child(a.method, a.docs)
        return
    print(f"corpus: {a.docs} generated articles (ar + en, 300-800 words, ~35% copies)")
    print(
        f"load average before the run: {os.getloadavg()[0]:.2f} (other processes share the cores)"
    )
    results: dict[str, dict[str, float]] = {}
    methods = [m for m in METHODS if not any(m.startswith(s) for s in a.skip)]
    for _ in range(max(1, a.repeat)):
        for method in methods:
            r, err = run_child(method, a.docs)
            if r is None:
                print(f"{method}: failed\n{err[-2000:]}")
                continue
            r["docs_per_s"] = a.docs / r["seconds"]
            if method not in results or r["docs_per_s"] > results[method]["docs_per_s"]:
                results[method] = r
    for method, r in results.items():
        extra = ""
        if "bytes_per_doc" in r:
            extra = f"  {r['bytes_per_doc']:.0f} bytes/indexed doc"
        print(
            f"{method:40s} {r['docs_per_s']:9.0f} docs/s  {r['seconds']:7.2f} s  "
            f"peak {r['peak_mb']:6.0f} MB (main process RSS {r['peak_main_mb']:.0f} MB){extra}"
        )
    base = results.get("datasketch update_batch + MinHashLSH")
    peer = results.get("rensa RMinHash")
    for method in [m for m in METHODS if m.startswith("newsclean")]:
        r = results.get(method)
        if r is None:
            continue
        ratios = []
        if base:
            ratios.append(f"{r['docs_per_s'] / base['docs_per_s']:.2f}x datasketch")
        if peer:
            ratios.append(f"{r['docs_per_s'] / peer['docs_per_s']:.2f}x rensa")
        print(f"{method}: " + ", ".join(ratios))


if __name__ == "__main__":
    main()
