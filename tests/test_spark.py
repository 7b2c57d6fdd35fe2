"""The Spark engine on real Spark (local[2], started here): clusters, canonical copies and
similarities identical to the local engine's on a generated corpus that exercises every
global or order-dependent part of it (site-template lines, big LSH buckets and passage
postings, cannot-links inside connected components, dates and agencies), the dump runner,
and connected components.

Skipped, with the reason, where Java or pyspark is missing.
"""

from __future__ import annotations

import bz2
import gzip
import itertools
import json
import lzma
import os
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dedup_cases import (
    CHROME_AR,
    CHROME_EN,
    FERRY_STORY,
    PORT_STORY,
    SCHOOL_STORY_AR,
    WATER_STORY,
    ZH_OTHER,
    ZH_STORY,
    bulletins,
    cable,
    cables,
    followup,
    partial,
    relief_flight,
    rewritten_opening,
    syndicated,
    text,
    update,
    weather,
    zh_copy,
)
from newsclean import NewscleanError, clean, find_duplicates
from newsclean.dedup.engine import build_docs, dedup_docs, make_params
from newsclean.dedup.features import dedup_text
from newsclean.dedup.lsh import MAX_BUCKET, band_keys, lsh_params
from newsclean.dedup.passages import MAX_POSTINGS
from newsclean.dedup.types import DedupResult, join_reason

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        pytest.skip("Java is not installed: the Spark engine needs Java 17 or later")
    for module in ("pyspark", "pandas", "pyarrow"):
        pytest.importorskip(
            module, reason=f"{module} is not installed: pip install newsclean[spark]"
        )
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsclean-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


# -- a corpus that exercises every corpus-wide decision ----------------------------------------

_EN = "bcdfghklmnprstvwz"
_AR = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_FUNCTION_EN = ["the", "of", "and", "to", "in", "said", "on", "for", "was", "with", "minister"]
_FUNCTION_AR = ["في", "من", "على", "إلى", "أن", "التي", "قال", "وزير", "الحكومة", "خلال"]


def _words(rng: random.Random, lang: str, n: int) -> list[str]:
    out = []
    for _ in range(n):
        if rng.random() < 0.3:
            out.append(rng.choice(_FUNCTION_AR if lang == "ar" else _FUNCTION_EN))
        elif lang == "ar":
            out.append("".join(rng.choice(_AR) for _ in range(rng.randint(3, 6))))
        else:
            out.append(
                "".join(rng.choice(_EN) + rng.choice("aeiou") for _ in range(rng.randint(1, 3)))
            )
    return out


def _story(rng: random.Random, lang: str) -> list[str]:
    """A headline and 4-7 paragraphs of 2-4 sentences."""
    paras = []
    for _ in range(rng.randint(4, 7)):
        sentences = [
            " ".join(_words(rng, lang, rng.randint(9, 20))) + "." for _ in range(rng.randint(2, 4))
        ]
        paras.append(" ".join(sentences))
    return [" ".join(_words(rng, lang, rng.randint(5, 9))), *paras]


def _copy(rng: random.Random, story: list[str], lang: str) -> str:
    """Another site's copy: its chrome, a dateline, typos, a dropped or cut paragraph."""
    head, body = story[0], list(story[1:])
    if rng.random() < 0.3 and len(body) > 3:
        del body[rng.randrange(1, len(body))]
    if rng.random() < 0.2:
        body = body[:2]
    if rng.random() < 0.5:
        words = body[0].split()
        for _ in range(3):
            i = rng.randrange(len(words))
            if len(words[i]) > 3:
                w = words[i]
                words[i] = w[0] + w[2] + w[1] + w[3:]
        body[0] = " ".join(words)
    if rng.random() < 0.5:
        body[0] = ("الرياض - واس - " if lang == "ar" else "LONDON (Reuters) - ") + body[0]
    chrome = CHROME_AR if lang == "ar" else CHROME_EN
    return "\n".join(
        [
            *rng.sample(chrome, rng.randint(0, 2)),
            head,
            *body,
            *rng.sample(chrome, rng.randint(0, 2)),
        ]
    )


def _chrome_only(rng: random.Random, story: list[str]) -> str:
    """A verbatim copy in another site's menu and footer."""
    top, bottom = rng.sample(CHROME_EN, rng.randint(0, 2)), rng.sample(CHROME_EN, rng.randint(0, 2))
    return "\n".join([*top, *story, *bottom])


def _site_pages(rng: random.Random, site: int, n: int) -> list[str]:
    """``n`` different short stories of one site, each in the site's own header and footer
    (lines no chrome lexicon knows: only the corpus shows they are the site's template)."""
    header = [" ".join(_words(rng, "en", 8)).title(), " | ".join(_words(rng, "en", 6))]
    footer = [
        " ".join(_words(rng, "en", 12)) + ".",
        f"Site {site} " + " ".join(_words(rng, "en", 7)),
    ]
    pages = []
    for _ in range(n):
        body = " ".join(_words(rng, "en", rng.randint(12, 20))) + "."
        pages.append("\n".join([*header, body, *footer]))
    return pages


PORT_UPDATE = update(
    PORT_STORY,
    "The national port authority raised its full-year forecast on Tuesday after container "
    "traffic in July also beat expectations, its chairman said.",
    [
        "The authority now expects traffic to grow by a fifth this year, he said in an "
        "interview, as three new shipping lines begin calling at the port.",
        "He also announced a tender for a fourth terminal to be built on reclaimed land south "
        "of the city.",
    ],
)


TIE_STORY = _story(random.Random(99), "en")


def corpus(seed: int = 3) -> list[tuple[str, str, str | None, str | None]]:
    """About 330 documents ``(id, text, date, agency)`` in input order."""
    rng = random.Random(seed)
    docs: list[tuple[str, str]] = [
        ("port", text(PORT_STORY)),
        (
            "port-syn",
            syndicated(PORT_STORY, chrome=CHROME_EN, dateline="DUBAI (Reuters) - ", seed=1),
        ),
        (
            "port-partial",
            partial(PORT_STORY, 3, ["The port opened in 1978 and employs 4,000 people."]),
        ),
        (
            "port-rewritten",
            rewritten_opening(
                PORT_STORY,
                "Container volumes at the country's ports hit an all-time high in the first "
                "six months of the year, officials said on Monday.",
            ),
        ),
        ("port-teaser", text(PORT_STORY[:3])),
        # a teaser contained in two texts whose figures differ: two edges of score 1.0 on
        # either side of a cannot-link, ordered by the texts' tie key in both engines
        ("tie-x", text([*TIE_STORY, "They handled 4.2 million boxes, up 12 percent."])),
        ("tie-y", text([*TIE_STORY, "They handled 3.9 million boxes, up 7 percent."])),
        ("tie-t", text(TIE_STORY[:4])),
        ("port-update", PORT_UPDATE),
        ("port-update-syn", "Home | World\n" + PORT_UPDATE + "\nShare this article"),
        (
            "port-followup",
            followup(
                "Truck drivers protest over port congestion",
                [
                    "Hundreds of truck drivers parked their vehicles along the main highway to "
                    "the port on Sunday in protest against long waiting times at the customs "
                    "gates, blocking traffic for several hours.",
                    "Police said the protest ended peacefully after officials promised to meet "
                    "representatives of the drivers later in the week.",
                ],
                PORT_STORY[2],
            ),
        ),
        ("water", text(WATER_STORY)),
        ("water-syn", syndicated(WATER_STORY, chrome=CHROME_EN, dateline="(AP) - ", seed=2)),
        ("school", text(SCHOOL_STORY_AR)),
        (
            "school-syn",
            syndicated(SCHOOL_STORY_AR, chrome=CHROME_AR, dateline="الرياض - واس - ", seed=3),
        ),
        # Chinese: every character a token of its own, in both engines
        ("zh", ZH_STORY),
        ("zh-copy", zh_copy(ZH_STORY)),
        ("zh-other", ZH_OTHER),
        ("empty", ""),
        ("blank", "  \n "),
        ("tiny-1", "Breaking news."),
        ("tiny-2", "Breaking news"),
    ]
    for day, base in (("Monday", 44), ("Tuesday", 45), ("Wednesday", 43), ("Thursday", 46)):
        docs.append((f"weather-{day}", weather(day, {"Riyadh": base, "Jeddah": base - 5})))
        docs.append(
            (
                f"weather-{day}-copy",
                "Home | World\n" + weather(day, {"Riyadh": base, "Jeddah": base - 5}),
            )
        )
    for n in range(25, 30):
        docs.append((f"flight-{n}", relief_flight(n, 20 + n, "Aden")))
    for country, leader in (
        ("France", "Emmanuel Macron"),
        ("Germany", "Frank-Walter Steinmeier"),
        ("Italy", "Sergio Mattarella"),
    ):
        docs.append(
            (f"cable-{country}", cable(country, leader, "the anniversary of the national day"))
        )
    for site in range(3):
        docs += [(f"site{site}-{i}", page) for i, page in enumerate(_site_pages(rng, site, 12))]
    # One story copied 70 times: LSH buckets above MAX_BUCKET, passages above MAX_POSTINGS.
    viral = _story(rng, "en")
    docs += [(f"viral-{i:02d}", _chrome_only(random.Random(i), viral)) for i in range(70)]
    originals: list[tuple[str, list[str]]] = []
    for n in range(170):
        if originals and rng.random() < 0.45:
            lang, story = rng.choice(originals)
            docs.append((f"gen-{n:03d}", _copy(rng, story, lang)))
        else:
            lang = "ar" if rng.random() < 0.5 else "en"
            story = _story(rng, lang)
            originals.append((lang, story))
            docs.append((f"gen-{n:03d}", "\n".join(story)))
    rng.shuffle(docs)  # input order is arbitrary, not grouped by story
    out = []
    for doc_id, body in docs:
        day = rng.randint(1, 9)
        # one day in the forms dumps give it: both engines read them alike (dates.py)
        forms = (f"2024-05-{day:02d}", f"May {day}, 2024", f"2024/05/{day:02d}")
        date = rng.choice(forms) if rng.random() < 0.3 else None
        if doc_id.startswith("port"):  # the update and the follow-up come later
            date = {"port-update": "2024-05-03", "port-followup": "2024-05-06"}.get(doc_id)
            date = date or ("2024-05-02" if rng.random() < 0.5 else None)
        agency = rng.choice(["wam", "spa", "reuters"]) if rng.random() < 0.2 else None
        out.append((doc_id, body, date, agency))
    return out


def _local(
    docs: list[tuple[str, str, str | None, str | None]], chrome: bool = True
) -> tuple[DedupResult, Any]:
    """The local engine on ``(id, text, date, agency)`` items (what ``find_duplicates``
    does with Articles), and its prepared documents."""
    p = make_params(None, None, {})
    built, templates, _ = build_docs([(i, t, d, a, chrome) for i, t, d, a in docs], p)
    result = dedup_docs(built, p)
    result.stats["template_lines"] = len(templates)
    return result, built


def _table(result: DedupResult) -> dict[str, tuple[int, str, float, str, str | None]]:
    out = {}
    for c in result.clusters:
        decisions = {m.b: m.decision for m in c.matches}
        for i in c.ids:
            match = "canonical" if i == c.canonical else decisions[i]
            out[i] = (c.id, c.canonical, c.similarity[i], match, c.reasons.get(i))
    return out


# -- the engine ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine_run(spark: Any) -> tuple[dict[str, Any], Any, list[Any]]:
    from newsclean.spark import SparkDedupStats, dedupe_dataframe

    docs = corpus()
    rows = [(n, i, t, d, a) for n, (i, t, d, a) in enumerate(docs)]
    random.Random(5).shuffle(rows)  # physical row order and partitions differ from input order
    df = spark.createDataFrame(
        rows, "n long, doc string, body string, day string, credit string"
    ).repartition(5)
    stats = SparkDedupStats()
    out = dedupe_dataframe(
        df,
        id_col="doc",
        text_col="body",
        date_col="day",
        agency_col="credit",
        order_col="n",
        stats=stats,
    )
    got = {
        r["doc"]: (
            r["cluster_id"],
            r["canonical_id"],
            r["similarity"],
            r["match"],
            None
            if r["match"] == "canonical"
            else join_reason(r["match"] == "duplicate", r["reason"]),
        )
        for r in out.collect()
    }
    return got, stats, docs


def test_clusters_are_identical_to_the_local_engine(engine_run: Any) -> None:
    got, _, docs = engine_run
    expected, _ = _local(docs)
    table = _table(expected)
    assert len(got) == len(docs)
    differ = {i: (table[i], got[i]) for i in table if table[i] != got[i]}
    assert not differ
    assert len(expected.duplicates()) >= 40


def test_the_corpus_exercises_every_corpus_wide_rule(engine_run: Any) -> None:
    """Template lines, cannot-links inside a component, big buckets and postings: the
    equivalence above would be hollow without them."""
    _, stats, docs = engine_run
    expected, built = _local(docs)
    assert stats.counts["docs"] == len(docs)
    assert stats.counts["template_lines"] == expected.stats["template_lines"] >= 8  # 3 sites
    assert stats.counts["conflicts"] >= 5
    assert stats.counts["split_components"] >= 1
    assert stats.counts["verified_pairs"] == expected.stats["verified_pairs"]
    assert stats.counts["duplicate_pairs"] == expected.stats["duplicate_pairs"]
    p = make_params(None, None, {})
    keys = band_keys(
        np.stack([d.sketch.signature for d in built]), *lsh_params(p.lsh_threshold, p.num_perm)
    )
    assert np.unique(keys, return_counts=True)[1].max() > MAX_BUCKET
    fps = np.concatenate([d.sketch.fingerprints for d in built])
    assert np.unique(fps, return_counts=True)[1].max() > MAX_POSTINGS
    # and the hard negatives stay apart
    a = expected.assignments
    assert a["port"] == a["port-syn"] == a["port-teaser"] != a["port-followup"]
    assert a["tie-x"] != a["tie-y"] and a["tie-t"] in (a["tie-x"], a["tie-y"])
    assert len({a[f"flight-{n}"] for n in range(25, 30)}) == 5
    assert a["zh"] == a["zh-copy"] != a["zh-other"]
    assert len({a[f"site0-{i}"] for i in range(12)}) == 12


def test_default_row_order_and_settings(spark: Any) -> None:
    """Without an order column the DataFrame's row order is the input order; the docstring
    example of the package."""
    from newsclean.spark import dedupe_dataframe

    docs = [("a", "Same story."), ("b", "same story"), ("c", "Other.")]
    df = spark.createDataFrame(docs, "id string, text string")
    out = dedupe_dataframe(df, threshold=0.5)
    rows = sorted(
        (r.id, r.cluster_id, r.canonical_id, r.similarity, r.cluster_size) for r in out.collect()
    )
    local = find_duplicates(docs, threshold=0.5)
    assert rows == [
        (i, local.assignments[i], c.canonical, c.similarity[i], c.size)
        for c in local.clusters
        for i in c.ids
    ]
    assert [r[1] for r in rows] == [0, 0, 1]


def test_bad_input_gives_a_clear_error(spark: Any) -> None:
    from newsclean.spark import dedupe_dataframe

    df = spark.createDataFrame([("a", "x"), ("a", "y")], "id string, text string")
    with pytest.raises(NewscleanError, match="duplicate document id 'a'"):
        dedupe_dataframe(df)
    with pytest.raises(NewscleanError, match="text_col='body': no such column"):
        dedupe_dataframe(df, text_col="body")
    nulls = spark.createDataFrame([("a", None)], "id string, text string")
    with pytest.raises(NewscleanError, match="a document has no text"):
        dedupe_dataframe(nulls)
    numbers = spark.createDataFrame([("a", 1)], "id string, text long")
    with pytest.raises(NewscleanError, match="must be a string column"):
        dedupe_dataframe(numbers)
    clash = spark.createDataFrame([("a", "x", 1)], "id string, text string, cluster_id long")
    with pytest.raises(NewscleanError, match="output columns"):
        dedupe_dataframe(clash)
    with pytest.raises(NewscleanError, match="invalid dedup settings"):
        dedupe_dataframe(df, no_such_setting=1)


# -- connected components ------------------------------------------------------------------


def test_connected_components_match_union_find(spark: Any) -> None:
    from newsclean.spark import connected_components

    rng = random.Random(11)
    nodes = rng.sample(range(10_000, 99_999), 400)
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(180)]
    path = rng.sample(nodes, 60)  # a long chain in random label order (many rounds)
    edges += list(itertools.pairwise(path))
    edges += [(nodes[0], nodes[0])]  # a self-loop
    parent = {n: n for n in nodes}

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    touched = {n for a, b in edges if a != b for n in (a, b)}
    expected: dict[int, int] = {}
    for n in touched:
        comp = [m for m in touched if find(m) == find(n)]
        expected[n] = min(comp)
    df = spark.createDataFrame(edges, "i long, j long")
    got = {r.node: r.comp for r in connected_components(df).collect()}
    assert got == expected


# -- the dump runner (newsclean dedupe --engine spark) -----------------------------------------


def _dump_docs() -> list[tuple[str, str]]:
    return [
        ("port", text(PORT_STORY)),
        (
            "port-syn",
            syndicated(PORT_STORY, chrome=CHROME_EN, dateline="DUBAI (Reuters) - ", seed=1),
        ),
        ("water", text(WATER_STORY)),
        ("water-syn", syndicated(WATER_STORY, chrome=CHROME_EN, dateline="(AP) - ", seed=2)),
        ("school", text(SCHOOL_STORY_AR)),
        ("flight-25", relief_flight(25, 30, "Aden")),
    ]


def _read_report(path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]
    return [json.loads(line) for f in sorted(path.glob("part-*")) for line in f.open()]


def test_dump_runner_reports_every_record(spark: Any, tmp_path: Path) -> None:
    from newsclean.spark import run_spark_dedupe
    from newsclean.spark.dumps import REPORT_COLUMNS

    docs = _dump_docs()
    lines = [json.dumps({"id": i, "text": t, "url": f"https://x.example/{i}"}) for i, t in docs[:4]]
    lines.insert(1, "")  # a blank line: no record, but it counts in line numbers
    lines.append("not json")
    lines.append(json.dumps({"id": "nothing", "body": "x"}))
    lines.append(json.dumps({"id": "port", "text": "a reused id"}))
    # an HTML page whose markup dates it: the earliest copy of its story, in both runs
    dated = '<meta property="article:published_time" content="2024-05-01T08:00:00+02:00">'
    page = f"<html><head>{dated}</head><body><p>{WATER_STORY[1]}</p></body></html>"
    lines.append(json.dumps({"html": page}))
    dump = tmp_path / "day1.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(
        pa.table({"id": [i for i, _ in docs[4:]], "text": [t for _, t in docs[4:]]}),
        tmp_path / "day2.parquet",
    )
    report = tmp_path / "report.jsonl"
    summary = run_spark_dedupe(
        [str(dump), str(tmp_path / "day2.parquet")], str(report), spark=spark
    )
    rows = _read_report(report, "jsonl")
    assert [list(r) for r in rows[:1]] == [list(REPORT_COLUMNS)]
    by_origin = {r["origin"].rsplit("/", 1)[-1]: r for r in rows}
    assert [r["origin"].rsplit("/", 1)[-1] for r in rows] == [
        "day1.jsonl.gz:1",
        "day1.jsonl.gz:3",
        "day1.jsonl.gz:4",
        "day1.jsonl.gz:5",
        "day1.jsonl.gz:6",
        "day1.jsonl.gz:7",
        "day1.jsonl.gz:8",
        "day1.jsonl.gz:9",
        "day2.parquet:1",
        "day2.parquet:2",
    ]
    assert by_origin["day1.jsonl.gz:6"]["error"].startswith("invalid JSON")
    assert by_origin["day1.jsonl.gz:7"]["error"].startswith("no text")
    assert by_origin["day1.jsonl.gz:8"]["error"].startswith("duplicate id")
    assert by_origin["day1.jsonl.gz:9"]["id"].endswith("day1.jsonl.gz:9")
    assert summary.records == 10 and summary.statuses["error"] == 3
    # The clusters are the local engine's on the same cleaned articles (body, agency).
    html_id = by_origin["day1.jsonl.gz:9"]["id"]
    raws = [(i, t, f"https://x.example/{i}") for i, t in docs[:4]]
    raws.append((html_id, page, None))
    raws += [(i, t, None) for i, t in docs[4:]]
    arts = [clean(raw, url=url, id=i) for i, raw, url in raws]
    local, _ = _local(
        [(a.id or "", dedup_text(a)[0], a.date, a.agency) for a in arts], chrome=False
    )
    ok = [r for r in rows if r["status"] != "error"]
    assert [r["id"] for r in ok] == [a.id for a in arts]
    table = _table(local)
    assert {r["id"]: (r["cluster"], r["canonical"], r["similarity"]) for r in ok} == {
        i: v[:3] for i, v in table.items()
    }
    assert {r["id"]: r["agency"] for r in ok} == {a.id: a.agency for a in arts}
    size = {c.id: c.size for c in local.clusters}
    expected_status = {
        i: "unique" if size[c] == 1 else ("canonical" if i == canon else "duplicate")
        for i, (c, canon, *_) in table.items()
    }
    assert {r["id"]: r["status"] for r in ok} == expected_status
    assert expected_status["port-syn"] == "canonical"  # it credits Reuters
    assert expected_status[html_id] == "canonical"  # the only water copy with a date
    assert expected_status["port"] == "duplicate" and expected_status["flight-25"] == "unique"
    # every duplicate says why it is a copy, as the local engine's cluster does
    reasons = {i: r for c in local.clusters for i, r in c.reasons.items()}
    assert {r["id"]: r["reason"] for r in ok if r["status"] == "duplicate"} == reasons
    assert all(r["reason"] is None for r in rows if r["status"] != "duplicate")
    # Row for row the report of the local `newsclean dedupe` on the same dumps.
    from click.testing import CliRunner

    from newsclean.cli import main

    local_report = tmp_path / "local.jsonl"
    day2 = str(tmp_path / "day2.parquet")
    run = CliRunner().invoke(
        main, ["dedupe", str(dump), day2, "-o", str(local_report), "-q", "--no-site-templates"]
    )
    assert run.exit_code == 0, run.output
    assert [json.loads(line) for line in local_report.open()] == rows


def test_report_formats_keep_the_columns_and_their_order(spark: Any, tmp_path: Path) -> None:
    from newsclean.spark.dumps import REPORT_COLUMNS, _write, report_format

    row = (
        "a", "d.jsonl:1", None, "2024-05-01", "duplicate", 0, "b", 0.93,
        "through other copies (against the canonical copy: numbers differ: 5, 6)", None, "wam",
        ' A "Title"', None, False,
    )  # fmt: skip
    schema = (
        "id string, origin string, url string, date string, status string, cluster long, "
        "canonical string, similarity double, reason string, encoding string, agency string, "
        "title string, error string, indexed_before boolean"
    )
    df = spark.createDataFrame([row], schema).coalesce(1)  # one part file
    for name in ("r.csv", "r.parquet", "r.jsonl"):
        _write(df, str(tmp_path / name), report_format(name))
    csv_text = next((tmp_path / "r.csv").glob("part-*.csv")).read_bytes().decode()
    assert csv_text == (  # RFC 4180, as the local report
        ",".join(REPORT_COLUMNS)
        + "\r\na,d.jsonl:1,,2024-05-01,duplicate,0,b,0.93,"
        + '"through other copies (against the canonical copy: numbers differ: 5, 6)",'
        + ',wam," A ""Title""",,false\r\n'
    )
    assert _read_report(tmp_path / "r.parquet", "parquet") == [
        dict(zip(REPORT_COLUMNS, row, strict=True))
    ]
    assert _read_report(tmp_path / "r.jsonl", "jsonl") == [
        dict(zip(REPORT_COLUMNS, row, strict=True))
    ]


def test_dump_runner_refuses_other_dumps(spark: Any, tmp_path: Path) -> None:
    from newsclean.spark import run_spark_dedupe

    (tmp_path / "notes.txt").write_text("a text file")
    with pytest.raises(NewscleanError, match="reads JSONL"):
        run_spark_dedupe([str(tmp_path / "notes.txt")], str(tmp_path / "r"), spark=spark)
    (tmp_path / "articles.csv").write_text("id,text\na,b\n")
    with pytest.raises(NewscleanError, match="a CSV dump is read by the local engine"):
        run_spark_dedupe([str(tmp_path / "articles.csv")], str(tmp_path / "r"), spark=spark)
    with pytest.raises(NewscleanError, match="no such file"):
        run_spark_dedupe([str(tmp_path / "missing.jsonl")], str(tmp_path / "r"), spark=spark)
    with pytest.raises(NewscleanError, match="unknown report format"):
        run_spark_dedupe([str(tmp_path / "notes.txt")], str(tmp_path / "r"), fmt="xml", spark=spark)
    (tmp_path / "a.jsonl.xz").write_bytes(lzma.compress(b'{"id": 1, "text": "x"}\n'))
    with pytest.raises(NewscleanError, match="Hadoop has no codec for this compression"):
        run_spark_dedupe([str(tmp_path / "a.jsonl.xz")], str(tmp_path / "r"), spark=spark)
    # in a directory beside shards Spark reads, it would be left out without a word
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": 1, "text": "x"}\n'))
    (tmp_path / "a.jsonl.xz").rename(shards / "b.jsonl.xz")
    with pytest.raises(NewscleanError, match=r"b\.jsonl\.xz: a dump file the Spark engine"):
        run_spark_dedupe([str(shards)], str(tmp_path / "r"), spark=spark)


def test_dump_runner_reads_zstd_dumps_and_leaves_out_a_damaged_file(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``.jsonl.zst`` dump (Hugging Face datasets ship them) is read as the local run reads
    it, row for row.  A file that cannot be read to its end (cut, damaged) is left out: the
    run reads the others and reports it as one error row naming the damage, not a Java stack
    trace (nor the records before a cut inside a Zstandard frame, where Spark's codec ends
    quietly: the frames are checked first)."""
    zstandard = pytest.importorskip("zstandard")
    from click.testing import CliRunner

    from newsclean.cli import main
    from newsclean.errors import DumpError
    from newsclean.spark import run_spark_dedupe

    docs = _dump_docs()
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs).encode()
    # two frames, as a dataset written in parts is
    half = len(lines) // 2
    packed = b"".join(
        zstandard.ZstdCompressor().compress(part) for part in (lines[:half], lines[half:])
    )
    dump = tmp_path / "shard.jsonl.zst"
    dump.write_bytes(packed)
    summary = run_spark_dedupe([str(dump)], str(tmp_path / "r.jsonl"), spark=spark)
    rows = _read_report(tmp_path / "r.jsonl", "jsonl")
    assert summary.records == len(docs) and "error" not in summary.statuses
    local = tmp_path / "local.jsonl"
    run = CliRunner().invoke(main, ["dedupe", str(dump), "-o", str(local), "-q"])
    assert run.exit_code == 0, run.output
    assert [json.loads(line) for line in local.open()] == rows
    # bzip2, which Hadoop reads too: the same report but for the file's name
    bzipped = tmp_path / "shard.jsonl.bz2"
    bzipped.write_bytes(bz2.compress(lines))
    run_spark_dedupe([str(bzipped)], str(tmp_path / "rb.jsonl"), spark=spark)
    renamed = [{**r, "origin": r["origin"].replace(str(dump), str(bzipped))} for r in rows]
    assert _read_report(tmp_path / "rb.jsonl", "jsonl") == renamed
    # a directory of shards, two of them damaged: the others are read, each damaged one is
    # an error row after them
    shards = tmp_path / "shards"
    shards.mkdir()
    others = "".join(json.dumps({"id": f"b-{i}", "text": t}) + "\n" for i, t in docs).encode()
    (shards / "a.jsonl.gz").write_bytes(gzip.compress(lines))
    packed_others = gzip.compress(others)
    (shards / "b.jsonl.gz").write_bytes(packed_others[: len(packed_others) // 3])
    (shards / "c.jsonl.zst").write_bytes(packed[: len(packed) * 3 // 4])
    summary = run_spark_dedupe([str(shards)], str(tmp_path / "r2.jsonl"), spark=spark)
    rows = _read_report(tmp_path / "r2.jsonl", "jsonl")
    assert [r["id"] for r in rows[: len(docs)]] == [i for i, _ in docs]
    assert all(r["status"] != "error" for r in rows[: len(docs)])
    left = rows[len(docs) :]
    assert [r["origin"] for r in left] == [str(shards / "b.jsonl.gz"), str(shards / "c.jsonl.zst")]
    assert all(r["status"] == "error" and r["id"] == r["origin"] for r in left)
    assert left[0]["error"].startswith("unreadable: java.io.EOFException")
    assert left[1]["error"].startswith("truncated zstd: the file ends at")
    assert all("the Spark engine left the file out" in r["error"] for r in left)
    assert sorted(summary.left_out) == [r["origin"] for r in left]
    assert summary.statuses["error"] == 2 and summary.records == len(docs) + 2
    run = CliRunner().invoke(
        main, ["dedupe", str(shards), "--engine", "spark", "-o", str(tmp_path / "r4.jsonl")]
    )
    assert run.exit_code == 0, run.output
    assert f"left out (damaged): {shards / 'b.jsonl.gz'}: unreadable: java.io.EOF" in run.output
    # a damaged file given alone is the run's one row
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(lines)[:-30])
    summary = run_spark_dedupe([str(cut)], str(tmp_path / "r3.jsonl"), spark=spark)
    (row,) = _read_report(tmp_path / "r3.jsonl", "jsonl")
    assert (row["origin"], row["status"]) == (str(cut), "error")
    # past the number of files a run leaves out, the run stops naming the file
    monkeypatch.setattr("newsclean.spark.dumps._MAX_LEFT_OUT", 0)
    with pytest.raises(DumpError, match=r"cut\.jsonl\.gz: cannot be read \(java.io.EOFExc"):
        run_spark_dedupe([str(cut)], str(tmp_path / "r3.jsonl"), spark=spark)


def test_a_parquet_file_whose_types_differ_from_its_directory_is_named(
    spark: Any, tmp_path: Path
) -> None:
    """Spark reads a directory of Parquet files with one schema: a file whose id column is
    text where the others' is a number stops the run with what to do, not a Java trace;
    given as dumps of their own, the files are read.  A damaged Parquet file is left out."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsclean.spark import run_spark_dedupe

    docs = _dump_docs()
    shards = tmp_path / "shards"
    shards.mkdir()
    texts = [t for _, t in docs[:4]]
    pq.write_table(pa.table({"id": [1, 2], "text": texts[:2]}), shards / "a.parquet")
    pq.write_table(pa.table({"id": ["x", "y"], "text": texts[2:]}), shards / "b.parquet")
    (shards / "README.md").write_text("# A dataset card beside the shards: not read\n")
    with pytest.raises(NewscleanError, match=r"b\.parquet: .*column \[id\].*a dump of its own"):
        run_spark_dedupe([str(shards)], str(tmp_path / "r.jsonl"), spark=spark)
    files = [str(shards / "a.parquet"), str(shards / "b.parquet")]
    summary = run_spark_dedupe(files, str(tmp_path / "r.jsonl"), spark=spark)
    assert summary.records == 4 and "error" not in summary.statuses
    (shards / "b.parquet").unlink()
    summary = run_spark_dedupe([str(shards)], str(tmp_path / "r.jsonl"), spark=spark)
    assert summary.records == 2 and "error" not in summary.statuses
    # a Parquet file cut short is damage, not a usage matter: it is left out, one error row
    (shards / "c.parquet").write_bytes((shards / "a.parquet").read_bytes()[:-100])
    summary = run_spark_dedupe([str(shards)], str(tmp_path / "r.jsonl"), spark=spark)
    assert summary.records == 3 and summary.statuses["error"] == 1
    assert list(summary.left_out) == [str(shards / "c.parquet")]


def test_dump_runner_reads_the_fetch_time_as_the_local_run(spark: Any, tmp_path: Path) -> None:
    """A fetch-time field or column (``Fields.fetched``) dates the records as the local run
    does: a relative stamp counts back from it, a page without a date takes it.  A Parquet
    timestamp column is read as the instant it is, whatever the session's time zone."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from newsclean.cli import main
    from newsclean.spark import Fields, run_spark_dedupe

    stamped = "\n".join(["Harbour news", "Port to double its capacity", "3 hours ago"])
    docs = [
        ("ago", f"{stamped}\n{text(PORT_STORY)}", "2024-05-03T01:00:00Z"),
        ("none", text(WATER_STORY[1:]), "2024-05-03T10:00:00Z"),  # its headline apart
    ]
    dump = tmp_path / "day1.jsonl"
    dump.write_text(
        "".join(json.dumps({"id": i, "text": t, "crawl": {"at": f}}) + "\n" for i, t, f in docs)
    )
    utc = dt.UTC
    pq.write_table(
        pa.table(
            {
                "id": [f"{i}-pq" for i, _, _ in docs],
                "text": [t for _, t, _ in docs],
                "headline": [None, WATER_STORY[0]],
                "crawled": pa.array(
                    [dt.datetime.fromisoformat(f[:-1]).replace(tzinfo=utc) for *_, f in docs],
                    pa.timestamp("s", tz="UTC"),
                ),
            }
        ),
        tmp_path / "day2.parquet",
    )
    zone = spark.conf.get("spark.sql.session.timeZone")
    spark.conf.set("spark.sql.session.timeZone", "Asia/Tehran")
    try:
        report = tmp_path / "r.jsonl"
        run_spark_dedupe([str(dump)], str(report), spark=spark, fields=Fields(fetched="crawl.at"))
        rows = _read_report(report, "jsonl")
        pq_report = tmp_path / "pq.jsonl"
        run_spark_dedupe(
            [str(tmp_path / "day2.parquet")],
            str(pq_report),
            spark=spark,
            fields=Fields(fetched="crawled", title="headline"),
        )
        pq_rows = _read_report(pq_report, "jsonl")
    finally:
        spark.conf.set("spark.sql.session.timeZone", zone)
    expected = {"ago": "2024-05-02", "none": "2024-05-03T10:00:00Z"}
    assert {r["id"]: r["date"] for r in rows} == expected
    assert {r["id"].removesuffix("-pq"): r["date"] for r in pq_rows} == expected
    local_report = tmp_path / "local.jsonl"
    run = CliRunner().invoke(
        main,
        ["dedupe", str(dump), "-o", str(local_report), "-q", "--fetched-field", "crawl.at"],
    )
    assert run.exit_code == 0, run.output
    assert [json.loads(line) for line in local_report.open()] == rows
    # the Parquet dump read by the local run: the same rows, the headline column above the text
    fields = ["--fetched-field", "crawled", "--title-field", "headline"]
    day2 = str(tmp_path / "day2.parquet")
    run = CliRunner().invoke(main, ["dedupe", day2, "-o", str(local_report), "-q", *fields])
    assert run.exit_code == 0, run.output
    assert [json.loads(line) for line in local_report.open()] == pq_rows
    assert pq_rows[1]["title"] == WATER_STORY[0] != rows[1]["title"]


def test_a_parquet_dump_without_a_text_column_says_which_columns_it_has(
    spark: Any, tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from newsclean.cli import main
    from newsclean.spark import run_spark_dedupe

    dump = tmp_path / "bare.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "body": ["x", "y"]}), dump)
    report = tmp_path / "r.jsonl"
    run_spark_dedupe([str(dump)], str(report), spark=spark)
    rows = _read_report(report, "jsonl")
    assert {r["error"] for r in rows} == {
        "no text: no 'text' or 'html' field (set --text-field / --html-field; it has 'id', 'body')"
    }
    local = tmp_path / "local.jsonl"
    run = CliRunner().invoke(main, ["dedupe", str(dump), "-o", str(local), "-q"])
    assert run.exit_code == 0, run.output
    assert [json.loads(line) for line in local.open()] == rows


def test_cli_engine_spark_wiring(spark: Any, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsclean.cli import main

    (tmp_path / "notes.txt").write_text("a text file")
    runner = CliRunner()
    no_report = runner.invoke(main, ["dedupe", str(tmp_path), "--engine", "spark"])
    assert no_report.exit_code == 2 and "give -o REPORT" in no_report.output
    wrong = runner.invoke(
        main, ["dedupe", str(tmp_path / "notes.txt"), "--engine", "spark", "-o", "r"]
    )
    assert wrong.exit_code == 1 and "reads JSONL" in wrong.output


MASTHEAD = [
    "Zorblax Daily is the newspaper of record for the twin valleys of Lower Vemmering.",
    "Our reporters cover the harbour, the council, the schools and the farms every day.",
    "Write to the editor at the newsroom on Market Street with your letters and tips.",
]
TOPICS = ["harbour", "council", "budget", "river", "bridge", "school", "market", "railway"]


def _site_page(seed: int) -> str:
    rng = random.Random(seed)
    story = [
        "The {} of the {} said on Monday that the {} would reopen the {}.".format(
            *rng.sample(TOPICS, 4)
        )
        for _ in range(2)
    ]
    return "\n".join(MASTHEAD + story)


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_dump_runner_learns_site_templates_as_the_local_run(
    spark: Any, tmp_path: Path, kind: str
) -> None:
    """From JSONL lines, and from Parquet rows whose text is a binary column (raw bytes)."""
    from click.testing import CliRunner

    from newsclean.cli import main
    from newsclean.spark import run_spark_dedupe

    pages = [
        {"id": f"z{i}", "url": f"https://www.zorblax.example/{i}", "text": _site_page(i)}
        for i in range(5)
    ]
    pages += [  # two pages of a host: too few to learn from
        {"id": f"o{i}", "url": f"https://other.example/{i}", "text": _site_page(50 + i)}
        for i in range(2)
    ]
    # the masthead alone: site chrome, once the host's template is known
    pages.append({"id": "z-index", "url": "https://zorblax.example/", "text": "\n".join(MASTHEAD)})
    dump = tmp_path / f"site.{kind}"
    if kind == "jsonl":
        dump.write_text("".join(json.dumps(p) + "\n" for p in pages))
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        raw = [{**p, "text": p["text"].encode()} for p in pages]
        pq.write_table(pa.Table.from_pylist(raw), dump)
    report = tmp_path / "spark.jsonl"
    summary = run_spark_dedupe([str(dump)], str(report), spark=spark)
    assert summary.sites == 1
    rows = _read_report(report, "jsonl")
    local = {}
    for flag in ("--site-templates", "--no-site-templates"):
        out = tmp_path / f"local{flag}.jsonl"
        run = CliRunner().invoke(main, ["dedupe", str(dump), "-o", str(out), "-q", flag])
        assert run.exit_code == 0, run.output
        local[flag] = [json.loads(line) for line in out.open()]
    assert local["--site-templates"] == rows
    assert (rows[-1]["status"], rows[-1]["error"]) == (
        "error",
        "no article text: every line was removed as site chrome",
    )
    # without the host's profile the masthead page is an article: the profile mattered
    assert local["--no-site-templates"][-1]["status"] == "unique"


def test_a_family_of_look_alikes_is_capped_as_the_local_engine_caps_it(spark: Any) -> None:
    """A document with more earlier candidates than ``max_candidates`` is verified against
    the most similar only, on Spark as locally: the same clusters and the same counts."""
    from newsclean.spark import SparkDedupStats, dedupe_dataframe

    docs = bulletins(60)
    docs += [(f"copy-of-{i}", docs[i][1].upper()) for i in (3, 40)]
    # and cables whose headlines are template lines (eight per president): the headline's
    # identity travels with the packed document
    docs += cables(("Belgium", "Sudan", "Cuba"), per=8)
    rows = [(n, i, t) for n, (i, t) in enumerate(docs)]
    df = spark.createDataFrame(rows, "n long, id string, text string").repartition(3)
    stats = SparkDedupStats()
    out = dedupe_dataframe(df, order_col="n", stats=stats, max_candidates=4)
    local = find_duplicates(docs, max_candidates=4)
    assert {r["id"]: r["cluster_id"] for r in out.collect()} == local.assignments
    assert stats.counts["candidates_capped"] == local.stats["candidates_capped"] > 0
    assert stats.counts["verified_pairs"] == local.stats["verified_pairs"]
    assert stats.counts["template_lines"] == local.stats["template_lines"] >= 1
    merged = [set(c.ids) for c in local.clusters if c.size > 1]
    assert merged == [{"b3", "copy-of-3"}, {"b40", "copy-of-40"}]


def test_conflicts_a_copy_of_both_explains_are_dropped_as_the_local_engine_drops_them(
    spark: Any,
) -> None:
    """Two outlets that kept different parts of one story conflict with each other (a
    rewritten one-sentence opening; an own span that is mostly the story's): the wire story
    both copy explains it, on Spark as locally."""
    from newsclean.spark import dedupe_dataframe

    f = FERRY_STORY
    closing = "Our correspondent on the island will send more news of the search tonight."
    docs = [
        ("wire", text(f)),
        ("trimmed", "\n".join(f[:7])),
        (
            "rewritten",
            "\n".join(
                [
                    "Ferry disaster off the island",
                    "A search went on into the night for people lost when an overloaded "
                    "ferry turned over in heavy swell near a reef off the island, with navy "
                    "ships and fishing boats taking part.",
                    *f[3:5],
                    f[7],
                    closing,
                ]
            ),
        ),
        (
            "local",
            "\n".join(
                [
                    "Island mourns after ferry tragedy",
                    "A coastal town was in shock on Thursday as families waited for word of "
                    "relatives who had boarded the doomed morning boat to the mainland.",
                    f[2],
                    f[3],
                    "The town's mayor said the community hall would stay open through the "
                    "night for relatives, and local churches held vigils for the missing.",
                    f[6],
                    f[7],
                ]
            ),
        ),
        ("other", text(PORT_STORY)),
    ]
    local = find_duplicates(docs)
    assert [sorted(c.ids) for c in local.clusters if c.size > 1] == [
        ["local", "rewritten", "trimmed", "wire"]
    ]
    assert local.stats["conflicts"] >= 1  # the conflicts were there, and were explained
    rows = [(n, i, t) for n, (i, t) in enumerate(docs)]
    df = spark.createDataFrame(rows, "n long, id string, text string").repartition(2)
    out = dedupe_dataframe(df, order_col="n")
    assert {r["id"]: r["cluster_id"] for r in out.collect()} == local.assignments
