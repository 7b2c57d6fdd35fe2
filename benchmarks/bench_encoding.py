"""Throughput of ``newsclean.decode`` against ``chardet.detect`` alone, side by side.

    python benchmarks/bench_encoding.py [DIR] [--repeat N]

DIR is an encoding eval set (``DIR/files/*``; default ``/work/shared/eval/encoding``), read
at run time and never copied.  Every file is run through ``newsclean.decode`` (detection
*and* decoding of the whole input) and through ``chardet.detect`` (detection only), each
timed over the whole set, best of ``--repeat`` runs after one warm-up (both libraries load
their models lazily).  faust-cchardet (in the ``bench`` extra) is shown too when installed, and
``fix_mojibake`` on the decoded texts.  Prints MB/s of each and the ratio to chardet.

Then the repair of broken text: every string of ``DIR/mojibake.jsonl`` (clean and broken
copies of real texts) through ``newsclean.fix_mojibake`` and ``ftfy.fix_text`` (in the
``bench`` extra), best of ``--repeat`` passes, each pass starting with empty score memos
(:data:`newsclean.encoding.charmodel.MEMO_RUN`): MB/s of each, the ratio, and the share of
strings each returns exactly as they were before breaking.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT = Path("/work/shared/eval/encoding")


def _load(root: Path) -> list[bytes]:
    files = sorted((root / "files").glob("*")) if (root / "files").is_dir() else []
    if not files:
        sys.exit(f"no files under {root / 'files'}")
    return [p.read_bytes() for p in files]


def _time(fn: Callable[[bytes], object], datas: list[bytes], repeat: int) -> float:
    for d in datas[:50]:  # warm-up: lazy model loading is not throughput
        _safe(fn, d)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in datas:
            _safe(fn, d)
        best = min(best, time.perf_counter() - t0)
    return best


def _safe(fn: Callable[[bytes], object], data: bytes) -> None:
    try:
        fn(data)
    except Exception as exc:  # binary junk raises DecodeError: still timed work
        if type(exc).__name__ != "DecodeError":
            raise


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("dir", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import chardet

    import newsclean

    datas = _load(Path(args.dir))
    mb = sum(map(len, datas)) / 1e6
    print(f"{len(datas)} files, {mb:.2f} MB, best of {args.repeat}")
    rows: list[tuple[str, float]] = []
    t_chardet = _time(chardet.detect, datas, args.repeat)
    rows.append(("chardet.detect (detect only)", t_chardet))
    rows.append(("newsclean.decode (detect + decode)", _time(newsclean.decode, datas, args.repeat)))
    try:
        import cchardet

        rows.append(("cchardet.detect (detect only)", _time(cchardet.detect, datas, args.repeat)))
    except ImportError:
        pass
    for name, t in rows:
        print(f"  {name:38s} {mb / t:8.2f} MB/s   x{t_chardet / t:5.2f} vs chardet")
    texts = []
    for d in datas:
        try:
            texts.append(newsclean.decode(d))
        except newsclean.DecodeError:
            continue
    tb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    for t in texts:
        newsclean.fix_mojibake(t)
    dt = time.perf_counter() - t0
    print(f"  {'newsclean.fix_mojibake (decoded texts)':38s} {tb / dt:8.2f} MB/s")
    dec = next(t for n, t in rows if n.startswith("newsclean"))
    print(f"RATIO decode/chardet = {t_chardet / dec:.2f}")
    _repair(Path(args.dir) / "mojibake.jsonl", args.repeat)


def _repair(path: Path, repeat: int) -> None:
    """``fix_mojibake`` against ftfy on the broken strings of ``path``, side by side."""
    import json

    import newsclean
    from newsclean.encoding.charmodel import CharModels

    if not path.is_file():
        print(f"no {path}: repair not measured")
        return
    rows = [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]
    broken = [str(r["mojibake"]) for r in rows]
    truth = [str(r["truth"]) for r in rows]
    mb = sum(len(t.encode("utf-8")) for t in broken) / 1e6
    models = CharModels.load()

    fixers: list[tuple[str, Callable[[str], str], Callable[[], None]]] = [
        ("newsclean.fix_mojibake", newsclean.fix_mojibake, models.forget_scores)
    ]
    try:
        import ftfy

        fixers.append(("ftfy.fix_text", ftfy.fix_text, lambda: None))
    except ImportError:
        print("ftfy not installed (pip install newsclean[bench]): no side-by-side repair")
    print(f"repair: {len(broken)} strings ({mb:.2f} MB) of {path.name}, best of {repeat}")
    times = {}
    for name, fn, reset in fixers:
        for t in broken[:20]:
            fn(t)  # warm-up: model loading is not throughput
        best = float("inf")
        for _ in range(repeat):
            reset()
            t0 = time.perf_counter()
            out = [fn(t) for t in broken]
            best = min(best, time.perf_counter() - t0)
        exact = sum(o == t for o, t in zip(out, truth, strict=True)) / len(truth)
        times[name] = best
        print(f"  {name:38s} {mb / best:8.3f} MB/s   exact {exact:.3f}")
    if len(times) == 2:
        ratio = times["ftfy.fix_text"] / times["newsclean.fix_mojibake"]
        print(f"RATIO fix_mojibake/ftfy speed = {ratio:.2f}")


if __name__ == "__main__":
    main()
