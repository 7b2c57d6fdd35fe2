"""End-to-end benchmark of ``newsclean dedupe``: docs/s and peak memory on a generated dump.

Generates a scrape of N articles (Arabic and English naive text dumps with per-site chrome,
a share of them copies of earlier stories on other sites, some Arabic pages saved as
windows-1256 bytes), runs ``newsclean dedupe`` on it in a subprocess with W workers, and
prints the throughput, the peak resident memory of the newsclean process (RSS) and of its
whole process tree (PSS sum), the CPU time per article, and the report's row count (which
must equal N).

Side by side, in this process: the anchor is the cleaning pipeline alone
(``newsclean.clean`` in a loop, one core, no I/O), so the ratio shows what reading,
parallelism, de-duplication and the report add or gain.

    python benchmarks/bench_cli.py                    # 200,000 articles, 2 workers
    python benchmarks/bench_cli.py --n 20000          # smaller
    python benchmarks/bench_cli.py --kind jsonl       # a JSONL dump instead of a directory
    python benchmarks/bench_cli.py --warc-readers     # FastWARC vs warcio on one WARC file
    python benchmarks/bench_cli.py --incremental 10000 --index-only   # the persistent index

Targets (issue #6): >= 2,000 docs/s end to end, peak RSS <= 2 GB.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
EN_SYLLABLES = [
    c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ar", "en", "on")
]


def _vocabulary(rng: random.Random, lang: str, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        if lang == "ar":
            words.add("".join(rng.choice(AR_LETTERS) for _ in range(rng.randint(3, 7))))
        else:
            words.add("".join(rng.choice(EN_SYLLABLES) for _ in range(rng.randint(1, 3))))
    return sorted(words)


def _sentences(rng: random.Random, vocab: list[str], n: int, lang: str) -> list[str]:
    out = []
    for _ in range(n):
        words = rng.choices(vocab, k=rng.randint(9, 22))
        text = " ".join(words)
        out.append((text[0].upper() + text[1:] if lang == "en" else text) + ".")
    return out


def _site_chrome(rng: random.Random, lang: str, site: int) -> tuple[list[str], list[str]]:
    if lang == "ar":
        top = ["الرئيسية", "أخبار", "سياسة", "اقتصاد", f"موقع الخبر {site}"]
        bottom = ["شارك هذا الخبر", "اترك تعليقاً", f"جميع الحقوق محفوظة © {site}"]
    else:
        top = ["Home", "News", "Politics", "Business", f"The Daily {site}"]
        bottom = ["Share this article", "Leave a comment", f"© 2024 The Daily {site}"]
    rng.shuffle(top)
    return top[: rng.randint(2, 5)], bottom


def generate(
    n: int, out: Path, kind: str, copy_share: float, seed: int = 6, start: int = 0
) -> dict[str, int]:
    """Write articles ``start`` to ``n - 1`` of the (deterministic) scrape; return counts.

    With ``start``, the earlier articles are generated but not written: the later ones
    (a "next day" crawl) copy stories of the earlier ones like any crawl does."""
    rng = random.Random(seed)
    pools = {
        lang: _sentences(rng, _vocabulary(rng, lang, 6000), 40_000, lang) for lang in ("ar", "en")
    }
    chrome = {(lang, s): _site_chrome(rng, lang, s) for lang in ("ar", "en") for s in range(60)}
    stories: list[tuple[str, str, list[str]]] = []  # (lang, title, paragraphs)
    counts = {"articles": n - start, "copies": 0, "cp1256": 0}
    jsonl_fh = None
    if kind == "jsonl":
        jsonl_fh = open(out, "wb")  # noqa: SIM115
    else:
        out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if stories and rng.random() < copy_share:
            lang, title, paras = stories[rng.randrange(max(0, len(stories) - 5000), len(stories))]
            if rng.random() < 0.5 and len(paras) > 3:
                paras = paras[:-1]  # a shorter copy
            counts["copies"] += i >= start
        else:
            lang = "ar" if rng.random() < 0.6 else "en"
            pool = pools[lang]
            paras = [
                " ".join(rng.choices(pool, k=rng.randint(2, 4))) for _ in range(rng.randint(4, 9))
            ]
            title = " ".join(rng.choice(pool).split()[:8])
            stories.append((lang, title, paras))
        top, bottom = chrome[(lang, rng.randrange(60))]
        text = "\n\n".join([*top, title, *paras, *bottom]) + "\n"
        url = f"https://site{rng.randrange(60)}.example/{lang}/{i}"
        cp1256 = lang == "ar" and rng.random() < 0.2
        if i < start:
            continue
        if jsonl_fh is not None:
            line = {"id": f"a{i}", "url": url, "text": text}
            jsonl_fh.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
            continue
        data = text.encode("utf-8")
        if cp1256:
            data = text.encode("cp1256")
            counts["cp1256"] += 1
        sub = out / f"{i // 1000:04d}"
        if i % 1000 == 0 or i == start:
            sub.mkdir(exist_ok=True)
        (sub / f"{i:07d}.txt").write_bytes(data)
    if jsonl_fh is not None:
        jsonl_fh.close()
    return counts


PSS_INTERVAL = 0.5  # seconds between two readings of the process tree's PSS


class TreeRss:
    """Peak resident memory of a process (RSS) and of its whole process tree (the sum of
    the processes' proportional set sizes, so that copy-on-write pages a forked worker
    shares with its parent count once), and the CPU time of the process and of its
    children, polled from /proc."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.peak_main = 0
        self.peak_tree = 0
        self.cpu: dict[int, float] = {}  # pid -> last seen user+system seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _proc_kb(path: str, field: str) -> int:
        """The kB value of ``field`` in a /proc file (0 when the process is gone)."""
        try:
            with open(path) as fh:
                for line in fh:
                    if line.startswith(field):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _rss_kb(self, pid: int) -> int:
        return self._proc_kb(f"/proc/{pid}/status", "VmRSS:")

    def _pss_kb(self, pid: int) -> int:
        """Proportional set size: pages shared with forked workers count once in a sum."""
        return self._proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")

    @staticmethod
    def _cpu_s(pid: int) -> float | None:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    @property
    def cpu_main(self) -> float:
        return self.cpu.get(self.pid, 0.0)

    @property
    def cpu_children(self) -> float:
        return sum(v for k, v in self.cpu.items() if k != self.pid)

    def _children(self, pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as fh:
                return [int(c) for c in fh.read().split()]
        except OSError:
            return []

    def _run(self) -> None:
        # RSS and CPU times are cheap to read: every 50 ms.  A process's PSS is not: the
        # kernel walks its page tables (about 15 ms for a 700 MB process), so reading it
        # every 50 ms would take a tenth of two cores from the run being measured; it is
        # read every PSS_INTERVAL seconds (the peak of a process tree grows slowly).
        next_pss = 0.0
        while not self._stop.is_set():
            main = self._rss_kb(self.pid)
            pss = time.monotonic() >= next_pss
            tree, todo = 0, [self.pid]
            while todo:
                p = todo.pop()
                if pss:
                    tree += self._pss_kb(p)
                cpu = self._cpu_s(p)
                if cpu is not None:
                    self.cpu[p] = cpu
                todo.extend(self._children(p))
            self.peak_main = max(self.peak_main, main)
            if pss:
                self.peak_tree = max(self.peak_tree, tree)
                next_pss = time.monotonic() + PSS_INTERVAL
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_cli(args: list[str]) -> tuple[float, TreeRss, subprocess.CompletedProcess[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclean", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    rss = TreeRss(proc.pid)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    rss.stop()
    return elapsed, rss, subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def anchor_pipeline(dump: Path, kind: str, sample: int) -> float:
    """Docs/s of newsclean.clean alone on the first ``sample`` records, one core, in memory."""
    sys.path.insert(0, str(SRC))
    import newsclean

    raws: list[bytes | str] = []
    if kind == "jsonl":
        with open(dump, "rb") as fh:
            for line in fh:
                raws.append(json.loads(line)["text"])
                if len(raws) >= sample:
                    break
    else:
        for path in sorted(dump.rglob("*.txt"))[:sample]:
            raws.append(path.read_bytes())
    start = time.perf_counter()
    for raw in raws:
        newsclean.clean(raw)
    return len(raws) / (time.perf_counter() - start)


def bench_warc_readers(n: int) -> None:
    """FastWARC against warcio on one generated WARC (plain and gzip): records/s."""
    from fastwarc.warc import ArchiveIterator as FastIterator
    from fastwarc.warc import WarcRecordType
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator

    sys.path.insert(0, str(ROOT / "tests"))
    from dumpgen import html_page, http_response, warc_record

    rng = random.Random(1)
    pool = _sentences(rng, _vocabulary(rng, "en", 3000), 5000, "en")
    records = [
        warc_record(
            http_response(html_page(f"T{i}", "\n\n".join(rng.choices(pool, k=12))).encode())
        )
        for i in range(n)
    ]
    for gz in (False, True):
        data = b"".join(gzip.compress(r, compresslevel=6) if gz else r for r in records)
        t = time.perf_counter()
        count = 0
        for rec in FastIterator(io.BytesIO(data), record_types=WarcRecordType.response):
            rec.reader.read()
            count += 1
        fast = count / (time.perf_counter() - t)
        t = time.perf_counter()
        count = 0
        for rec in WarcioIterator(io.BytesIO(data)):
            if rec.rec_type == "response":
                rec.content_stream().read()
                count += 1
        slow = count / (time.perf_counter() - t)
        label = "gzip " if gz else "plain"
        print(
            f"warc readers ({label}, {n:,} responses, {len(data) / 1e6:.0f} MB): "
            f"fastwarc {fast:,.0f} rec/s, warcio {slow:,.0f} rec/s, ratio {fast / slow:.1f}x"
        )


def bench_incremental(args: argparse.Namespace, dump: Path, tmp: Path) -> None:
    """Index the dump (--index), then time M new articles against the index."""
    index = tmp / "news.db"
    elapsed, rss, proc = run_cli(
        ["dedupe", str(dump), "--index", str(index), "-o", os.devnull, "-j", str(args.workers)]
    )
    if proc.returncode != 0:
        sys.exit(f"newsclean --index failed: {proc.stderr.decode(errors='replace')}")
    print(
        f"index build ({args.n:,} articles, --index): {elapsed:.1f} s, "
        f"{args.n / elapsed:,.0f} docs/s, peak RSS {rss.peak_main / 1024:,.0f} MB, "
        f"index file {index.stat().st_size / 1e6:,.0f} MB"
    )
    new = tmp / ("new.jsonl" if args.kind == "jsonl" else "new")
    generate(args.n + args.incremental, new, args.kind, args.copies, start=args.n)
    # The index build and the new dump leave gigabytes of written pages for the kernel to
    # write back; flushed now, so that the timed run does not pay for the previous steps'
    # writes (a crawl a day later would not either).
    os.sync()
    report = tmp / "new-report.jsonl"
    elapsed, rss, proc = run_cli(
        ["dedupe", str(new), "--index", str(index), "-o", str(report), "-j", str(args.workers)]
    )
    if proc.returncode != 0:
        sys.exit(f"newsclean --index failed: {proc.stderr.decode(errors='replace')}")
    with open(report, "rb") as fh:
        found = [json.loads(line) for line in fh]
    new_ids = {r["id"] for r in found}
    against_old = sum(
        1 for r in found if r["status"] == "duplicate" and r["canonical"] not in new_ids
    )
    print(
        f"incremental: {args.incremental:,} new articles against a {args.n:,}-article index: "
        f"{elapsed:.1f} s ({args.incremental / elapsed:,.0f} docs/s), peak RSS "
        f"{rss.peak_main / 1024:,.0f} MB (process tree {rss.peak_tree / 1024:,.0f} MB); "
        f"{sum(r['status'] == 'duplicate' for r in found):,} duplicates ({against_old:,} of "
        f"them of indexed articles); target <= 10 s {'MET' if elapsed <= 10 else 'NOT MET'}"
    )
    print(
        f"incremental CPU: main process {rss.cpu_main:.1f} s "
        f"({rss.cpu_main / args.incremental * 1e3:.2f} ms/article), workers "
        f"{rss.cpu_children:.1f} s ({rss.cpu_children / args.incremental * 1e3:.2f} ms/article); "
        f"load average {os.getloadavg()[0]:.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000, help="articles in the dump")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kind", choices=["dir", "jsonl"], default="dir")
    ap.add_argument("--copies", type=float, default=0.3, help="share of articles that are copies")
    ap.add_argument("--dump", type=Path, help="keep the generated dump here (reused if present)")
    ap.add_argument("--anchor-sample", type=int, default=2000)
    ap.add_argument("--warc-readers", action="store_true", help="only compare the WARC readers")
    ap.add_argument(
        "--incremental",
        type=int,
        metavar="M",
        default=0,
        help="also build a persistent index of the N articles (--index), then time a run of "
        "M new articles against it (issue target: 10,000 against 200,000 in <= 10 s)",
    )
    ap.add_argument(
        "--index-only",
        action="store_true",
        help="with --incremental: skip the run without an index (only the index build and "
        "the incremental run)",
    )
    args = ap.parse_args()

    if args.warc_readers:
        bench_warc_readers(min(args.n, 20_000))
        return

    tmp = Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    try:
        dump = args.dump or tmp / ("dump.jsonl" if args.kind == "jsonl" else "dump")
        if not dump.exists():
            t = time.perf_counter()
            counts = generate(args.n, dump, args.kind, args.copies)
            took = time.perf_counter() - t
            print(
                f"generated {counts['articles']:,} articles ({counts['copies']:,} copies, "
                f"{counts['cp1256']:,} cp1256 files) as {args.kind} in {took:.1f} s"
            )
        if args.incremental and args.index_only:
            bench_incremental(args, dump, tmp)
            return
        report = tmp / "report.jsonl"
        load_before = os.getloadavg()[0]
        elapsed, rss, proc = run_cli(
            ["dedupe", str(dump), "-o", str(report), "-j", str(args.workers)]
        )
        if proc.returncode != 0:
            sys.exit(f"newsclean failed: {proc.stderr.decode(errors='replace')}")
        with open(report, "rb") as fh:
            rows = sum(1 for _ in fh)
        summary = proc.stderr.decode(errors="replace").strip().splitlines()
        print(summary[0] if summary else "")
        print(
            f"newsclean dedupe ({args.kind}, {args.workers} workers): {rows:,} rows "
            f"({'==' if rows == args.n else '!='} {args.n:,} records), {elapsed:.1f} s, "
            f"{rows / elapsed:,.0f} docs/s, peak RSS {rss.peak_main / 1024:,.0f} MB "
            f"(process tree, PSS sum {rss.peak_tree / 1024:,.0f} MB)"
        )
        print(
            f"CPU: newsclean main process {rss.cpu_main:.1f} s "
            f"({rss.cpu_main / rows * 1e6:,.0f} us/doc), workers {rss.cpu_children:.1f} s "
            f"({rss.cpu_children / rows * 1e6:,.0f} us/doc); load average before the run "
            f"{load_before:.2f} (other processes share these cores)"
        )
        anchor = anchor_pipeline(dump, args.kind, args.anchor_sample)
        print(
            f"anchor: newsclean.clean alone, 1 core, in memory: {anchor:,.0f} docs/s; "
            f"end to end / anchor = {rows / elapsed / anchor:.2f}"
        )
        print(
            f"targets: >= 2,000 docs/s {'MET' if rows / elapsed >= 2000 else 'NOT MET'}; "
            f"peak RSS <= 2 GB {'MET' if rss.peak_tree <= 2 * 1024 * 1024 else 'NOT MET'}"
        )
        if args.incremental:
            bench_incremental(args, dump, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
