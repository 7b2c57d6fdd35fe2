"""The Spark engine next to the local engine: identical clusters, speed, and what scales.

Two parts, each method in its own child process (its own peak RSS, its own JVM):

* ``--equivalence [PATH]`` (default ``../shared/eval/dedup/dev.jsonl.gz`` when present):
  the local ``find_duplicates`` and ``newsclean.spark.dedupe_dataframe`` (Spark
  ``local[2]``, the dump read with ``spark.read.json``: input order is the file's) on the
  same documents; prints whether the clusters, cluster ids, canonical copies and
  similarities are identical, and the differences if not.  ``--score`` also runs the dev
  scorer on the Spark clusters.
* ``--docs N [N ...]``: a generated corpus of N articles (``bench_dedup.corpus``: Arabic and
  English, 300-800 words, ~35% copies), written to Parquet; then the local engine with 1
  and 2 workers and the Spark engine on ``local[2]`` (reading the Parquet file, clustering,
  the result materialized), once as it plans a corpus of this size and once with shuffle
  joins only (no broadcast: the plan at 100 million articles).  Prints docs/s, peak RSS of
  the Python driver and of Spark's JVM, the Spark shuffle bytes per document (from the
  Spark UI's REST API), the bytes each document holds in the Spark stages (text,
  verification blob, band keys, fingerprints), the candidate pairs per document, and the
  machine's load average around each run (2 shared cores).

Usage::

    PYTHONPATH=src python benchmarks/bench_spark.py --equivalence
    PYTHONPATH=src python benchmarks/bench_spark.py --docs 24000 200000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "eval" / "dedup" / "dev.jsonl.gz"
if not DEV.exists():
    DEV = Path("/work/shared/eval/dedup/dev.jsonl.gz")
SPARK_CONF = {
    "spark.sql.shuffle.partitions": "16",
    "spark.ui.enabled": "true",
    "spark.ui.port": "4077",
    "spark.ui.retainedStages": "5000",
    "spark.ui.retainedJobs": "5000",
}


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def _peak_mb() -> float:
    """Peak RSS of this process (``VmHWM``).  Not ``ru_maxrss``: Linux carries it over
    ``exec`` from the process that forked the child (here the parent holding the corpus)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    return int(kb) / 1024


def _jvm_peak_mb(spark: Any) -> float | None:
    """Peak RSS of the Spark driver's JVM (``VmHWM``; in local mode it runs the executors
    too), or None where /proc is missing."""
    pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kb = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), None)
    return int(kb) / 1024 if kb else None


def _read_jsonl(path: str) -> list[tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [(r["id"], r["text"]) for r in map(json.loads, fh)]


def _session(memory: str) -> Any:
    from newsclean.spark import spark_session

    return spark_session("local[2]", driver_memory=memory, conf=SPARK_CONF)


def _shuffle_bytes(spark: Any) -> dict[str, int]:
    """Shuffle write and read bytes of every stage so far (Spark UI REST API)."""
    ui = spark.sparkContext.uiWebUrl
    app = spark.sparkContext.applicationId
    with urllib.request.urlopen(f"{ui}/api/v1/applications/{app}/stages?status=complete") as r:
        stages = json.load(r)
    return {
        "write": sum(int(s.get("shuffleWriteBytes", 0)) for s in stages),
        "read": sum(int(s.get("shuffleReadBytes", 0)) for s in stages),
        "input": sum(int(s.get("inputBytes", 0)) for s in stages),
    }


# -- children ------------------------------------------------------------------------------


def child_local_equivalence(path: str, out: str) -> dict[str, Any]:
    from newsclean import find_duplicates

    docs = _read_jsonl(path)
    t0 = time.perf_counter()
    result = find_duplicates(docs)
    seconds = time.perf_counter() - t0
    table = {
        i: [c.id, c.canonical, c.similarity[i], c.reasons.get(i)]
        for c in result.clusters
        for i in c.ids
    }
    Path(out).write_text(json.dumps(table))
    return {"seconds": seconds, "docs": len(docs), "stats": _plain(result.stats)}


def child_spark_equivalence(path: str, out: str, memory: str) -> dict[str, Any]:
    from newsclean.spark import SparkDedupStats, dedupe_dataframe

    spark = _session(memory)
    t0 = time.perf_counter()
    df = spark.read.json(path).select("id", "text")  # one gzip file: one task, file order
    stats = SparkDedupStats()
    result = dedupe_dataframe(df, stats=stats)
    from newsclean.dedup.types import join_reason

    rows = result.select(
        "id", "cluster_id", "canonical_id", "similarity", "match", "reason"
    ).collect()
    seconds = time.perf_counter() - t0
    table = {
        r.id: [
            r.cluster_id,
            r.canonical_id,
            r.similarity,
            None if r.match == "canonical" else join_reason(r.match == "duplicate", r.reason),
        ]
        for r in rows
    }
    Path(out).write_text(json.dumps(table))
    return {"seconds": seconds, "docs": len(rows), "stats": stats.counts}


def child_local_speed(parquet: str, workers: int) -> dict[str, Any]:
    import pyarrow.parquet as pq

    from newsclean import find_duplicates

    table = pq.read_table(parquet)
    docs = list(zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True))
    del table
    t0 = time.perf_counter()
    result = find_duplicates(docs, workers=workers, explain=False)
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "docs": len(docs),
        "clusters_with_copies": len(result.duplicates()),
        "stats": _plain(result.stats),
    }


def child_spark_speed(parquet: str, memory: str, plan: str = "broadcast") -> dict[str, Any]:
    """``plan`` "shuffle": no broadcast joins (neither the engine's nor Spark's own), the
    plan of a corpus whose candidate pairs are too many to broadcast (100 million articles:
    tens of millions of pairs), measured on a small one."""
    from pyspark.sql import functions as F

    from newsclean.spark import dedupe_dataframe, engine

    t0 = time.perf_counter()
    spark = _session(memory)
    if plan == "shuffle":
        engine.BROADCAST_ROWS = -1
        spark.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")
    # A first tiny run starts the Python workers and loads the code (not timed).
    warm = spark.createDataFrame(
        [("a", "Same story."), ("b", "same story")], "id string, text string"
    )
    dedupe_dataframe(warm).count()
    startup = time.perf_counter() - t0
    before = _shuffle_bytes(spark)
    t1 = time.perf_counter()
    df = spark.read.parquet(parquet)
    result = dedupe_dataframe(df, order_col="n")
    n_docs = result.count()
    copies = result.filter(F.col("cluster_size") > 1).select("cluster_id").distinct().count()
    seconds = time.perf_counter() - t1
    after = _shuffle_bytes(spark)
    return {
        "seconds": seconds,
        "startup_s": startup,
        "docs": n_docs,
        "clusters_with_copies": copies,
        "shuffle": {k: after[k] - before[k] for k in after},
        "jvm_peak_mb": _jvm_peak_mb(spark),
        "sizes": _stage_sizes(spark, parquet),
    }


def _stage_sizes(spark: Any, parquet: str) -> dict[str, float]:
    """Mean bytes per document of what the Spark stages hold: the text, the verification
    blob, the band keys and the passage fingerprints (one extra sketch pass, not timed)."""
    import functools

    from pyspark.sql import functions as F

    from newsclean.dedup.params import DedupParams
    from newsclean.spark import tasks

    docs = spark.read.parquet(parquet).limit(20000)
    items = docs.select(
        F.col("n").alias("_order"),
        "id",
        "text",
        F.lit(None).cast("string").alias("date"),
        F.lit(None).cast("string").alias("agency"),
        F.lit(True).alias("strip"),
    )
    feats = items.mapInPandas(
        functools.partial(tasks.prepare_batches, lang=None),
        "_order long, id string, text string, date string, agency string, "
        "features binary, lines array<long>",
    )
    sketched = feats.mapInPandas(
        functools.partial(tasks.sketch_batches, params=DedupParams(), lang=None),
        "_order long, id string, text string, date string, agency string, doc binary, "
        "bands array<long>, fps array<long>, n_fp long, size long, kept long",
    )
    row = sketched.agg(
        F.avg(F.length(F.encode("text", "utf-8"))).alias("text"),
        F.avg(F.length("doc")).alias("doc"),
        F.avg(F.size("bands") * 8).alias("bands"),
        F.avg(F.size("fps") * 8).alias("fps"),
    ).collect()[0]
    features = feats.agg(F.avg(F.length("features")).alias("f")).collect()[0]["f"]
    return {**row.asDict(), "features": features}


def _plain(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if isinstance(v, int | float)}


# -- parent --------------------------------------------------------------------------------


def _run(args: list[str]) -> dict[str, Any] | None:
    load = _load()
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        print(f"  failed ({args[1]}):\n{proc.stderr[-3000:]}")
        return None
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    out["load"] = f"{load} -> {_load()}"
    return out


def equivalence(path: str, memory: str, score: bool) -> None:
    print(f"equivalence on {path}")
    with tempfile.TemporaryDirectory() as tmp:
        local_out, spark_out = f"{tmp}/local.json", f"{tmp}/spark.json"
        local = _run(["--child", "local_equivalence", path, local_out])
        spark = _run(["--child", "spark_equivalence", path, spark_out, memory])
        if local is None or spark is None:
            return
        a, b = json.loads(Path(local_out).read_text()), json.loads(Path(spark_out).read_text())
        for name, r in (("local find_duplicates", local), ("spark local[2]", spark)):
            print(
                f"  {name:24s} {r['docs'] / r['seconds']:8.0f} docs/s  {r['seconds']:7.1f} s  "
                f"({r['load']})"
            )
        differ = sorted(i for i in a.keys() | b.keys() if a.get(i) != b.get(i))
        clusters = len({v[0] for v in a.values()})
        print(f"  local stats: {local['stats']}")
        print(f"  spark stats: {spark['stats']}")
        verdict = "IDENTICAL" if not differ else f"{len(differ)} documents differ"
        print(
            f"  clusters, cluster ids, canonical copies, similarities, reasons: {verdict} "
            f"({len(a)} documents, {clusters} clusters)"
        )
        for i in differ[:10]:
            print(f"    {i}: local {a.get(i)}  spark {b.get(i)}")
        scorer = Path(path).parent.parent / "score_dedup.py"
        if score and scorer.exists():
            pred = f"{tmp}/pred.jsonl"
            Path(pred).write_text(
                "".join(json.dumps({"id": i, "cluster": v[0]}) + "\n" for i, v in b.items())
            )
            proc = subprocess.run(
                [sys.executable, str(scorer), "--truth", path, "--pred", pred],
                capture_output=True,
                text=True,
                check=False,
            )
            print("  scorer on the Spark clusters:")
            print("    " + "\n    ".join(proc.stdout.strip().splitlines()[-8:]))


def speed(n: int, memory: str, skip: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    import pyarrow as pa
    import pyarrow.parquet as pq

    from bench_dedup import corpus

    docs = corpus(n)
    with tempfile.TemporaryDirectory() as tmp:
        parquet = f"{tmp}/corpus.parquet"
        pq.write_table(
            pa.table(
                {
                    "n": list(range(len(docs))),
                    "id": [d for d, _ in docs],
                    "text": [t for _, t in docs],
                }
            ),
            parquet,
            row_group_size=4096,
        )
        mb = sum(len(t.encode()) for _, t in docs) / 1e6
        del docs
        print(f"corpus: {n} generated articles ({mb:.0f} MB of text), {os.cpu_count()} cores")
        runs = {
            "local find_duplicates, 1 worker": ["local_speed", parquet, "1"],
            "local find_duplicates, 2 workers": ["local_speed", parquet, "2"],
            "spark local[2] dedupe_dataframe": ["spark_speed", parquet, memory],
            "spark local[2], shuffle joins only": ["spark_speed", parquet, memory, "shuffle"],
        }
        results = {}
        for name, args in runs.items():
            if any(name.startswith(s) for s in skip):
                continue
            r = _run(["--child", *args])
            if r is None:
                continue
            results[name] = r
            extra = f", startup {r['startup_s']:.0f} s" if "startup_s" in r else ""
            if r.get("jvm_peak_mb"):
                extra += f", JVM peak {r['jvm_peak_mb']:,.0f} MB"
            print(
                f"  {name:34s} {n / r['seconds']:7.0f} docs/s  {r['seconds']:7.1f} s  "
                f"peak {r['peak_mb']:5.0f} MB  ({r['load']}{extra})"
            )
        local = results.get("local find_duplicates, 1 worker")
        if local:
            s = local["stats"]
            print(
                f"  candidate pairs per document: LSH {s['candidates_lsh'] / n:.3f}, "
                f"passages {s['candidates_passages'] / n:.3f}, verified "
                f"{s['verified_pairs'] / n:.3f}, duplicates {s['duplicate_pairs'] / n:.3f}"
            )
        for name, spark in results.items():
            if not name.startswith("spark"):
                continue
            sh, sz = spark["shuffle"], spark["sizes"]
            print(
                f"  {name}: shuffle per document: write {sh['write'] / n:,.0f} B, read "
                f"{sh['read'] / n:,.0f} B (input read {sh['input'] / n:,.0f} B)"
            )
            print(
                "    bytes held per document: " + ", ".join(f"{k} {v:,.0f}" for k, v in sz.items())
            )
            if local:
                print(f"    spark / local (1 worker): {local['seconds'] / spark['seconds']:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--equivalence", nargs="?", const=str(DEV), metavar="PATH")
    ap.add_argument("--score", action="store_true", help="run the dev scorer on Spark's clusters")
    ap.add_argument("--docs", type=int, nargs="*", default=[])
    ap.add_argument("--driver-memory", default="6g")
    ap.add_argument("--skip", action="append", default=[], help="method name prefix to skip")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        kind, *rest = a.child
        if kind == "local_speed":
            out = child_local_speed(rest[0], int(rest[1]))
        elif kind == "spark_speed":
            out = child_spark_speed(*rest)
        elif kind == "local_equivalence":
            out = child_local_equivalence(rest[0], rest[1])
        else:
            out = child_spark_equivalence(rest[0], rest[1], rest[2])
        out["peak_mb"] = _peak_mb()
        print(json.dumps(out))
        return
    if a.equivalence is None and not a.docs:
        a.equivalence = str(DEV)
    if a.equivalence:
        if Path(a.equivalence).exists():
            equivalence(a.equivalence, a.driver_memory, a.score)
        else:
            print(f"{a.equivalence}: not found, equivalence check skipped")
    for n in a.docs:
        speed(n, a.driver_memory, a.skip)


if __name__ == "__main__":
    main()
