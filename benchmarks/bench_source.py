"""Throughput of ``extract_source`` on one core, next to the naive anchor.

The anchor is the "first registry alias wins" baseline (one alternation of every alias,
longest first, first match in the text), built from the same packaged registry and timed in
the same process on the same texts.

    python benchmarks/bench_source.py [--data ../shared/eval/source/dev.jsonl] [--repeat 5]

Without the data file it times the repository seed plus synthetic credit lines.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from collections.abc import Callable
from pathlib import Path

from newsclean.source import default_registry, extract_source

ROOT = Path(__file__).resolve().parents[1]


def load_texts(path: Path) -> list[str]:
    if path.exists():
        return [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    seed = (ROOT / "seeds" / "000_364726c1157b4527.txt").read_text(encoding="utf-8")
    base = [
        seed,
        "Headline\n\nWASHINGTON (Reuters) - The Senate voted on Tuesday to pass the bill.",
        "واس- الرياض: بدأت المديرية العامة للجوازات اليوم العمل على تصحيح الأوضاع.",
        "Titel\n\nWien – Die Regierung hat beschlossen.  (APA/dpa, 1.11.2015)",
        "Başlık\n\nMetin burada devam ediyor.  Kaynak: AA  Konular: Türkiye",
    ]
    return base * 50


def naive_anchor() -> Callable[[str], str | None]:
    amap: dict[str, str] = {}
    for agency in default_registry():
        for name in agency.all_aliases():
            amap.setdefault(name, agency.id)
    names = sorted(amap, key=len, reverse=True)
    pat = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")

    def naive(text: str) -> str | None:
        m = pat.search(text)
        return amap[m.group(1)] if m else None

    return naive


def rate(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    fn(texts[0])  # warm caches / compile
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return len(texts) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("/work/shared/eval/source/dev.jsonl"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = load_texts(args.data)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    default_registry().find("warm up")
    compile_ms = (time.perf_counter() - t0) * 1000
    ours = rate(extract_source, texts, args.repeat)
    naive = rate(naive_anchor(), texts, args.repeat)
    print(
        f"texts={len(texts)} size={mb:.2f} MB registry={len(default_registry())} agencies "
        f"(load+compile {compile_ms:.0f} ms)"
    )
    print(f"extract_source : {ours:9.0f} articles/s  {ours * mb / len(texts):6.2f} MB/s")
    print(f"naive anchor   : {naive:9.0f} articles/s  {naive * mb / len(texts):6.2f} MB/s")
    print(f"ratio ours/naive = {ours / naive:.2f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
