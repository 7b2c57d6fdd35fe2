"""The parts ``newsclean dedupe`` runs the engine with: features prepared one document at a
time (in the cleaning workers), a Collector of compact features with texts on disk, pair
screening, and the line counts a persistent index keeps in its file."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dedup_cases import (
    CHROME_EN,
    PORT_STORY,
    WATER_STORY,
    partial,
    relief_flight,
    syndicated,
    text,
    weather,
)
from newsclean import DuplicateIndex, find_duplicates
from newsclean.dedup import SQLiteStore, collect
from newsclean.dedup.collect import Collector
from newsclean.dedup.engine import _sketch_into_table, make_params
from newsclean.dedup.features import prepare
from newsclean.dedup.params import DedupParams
from newsclean.dedup.table import DocTable
from newsclean.dedup.templates import LineStats
from newsclean.dedup.texts import TextSpill
from newsclean.dedup.types import DedupResult
from newsclean.dedup.verify import screen, verify
from newsclean.errors import NewscleanError

FOOTER = "The Example Gazette reports on the coastal province and its ports every day."


def corpus() -> list[tuple[str, str]]:
    """Copies, partial copies, templated look-alikes, and one site's footer on many pages."""
    docs = [
        ("port", text(PORT_STORY)),
        ("port-syn", syndicated(PORT_STORY, chrome=CHROME_EN, dateline="(AFP) - ", seed=4)),
        ("water", text(WATER_STORY)),
        ("port-part", partial(PORT_STORY, 2, ["The port employs 12,000 people directly."])),
        ("water-part", text(WATER_STORY[:3])),
    ]
    docs += [(f"flight{n}", relief_flight(n, 20 + n, "Aden")) for n in range(3, 7)]
    docs += [(f"wx{d}", weather(d, {"Riyadh": 40 + i})) for i, d in enumerate(["Mon", "Tue"])]
    words = [" ".join(f"w{i}x{j}" for j in range(40)) for i in range(12)]
    docs += [(f"site{i}", f"Story {i} of the day.\n{w}.\n{FOOTER}") for i, w in enumerate(words)]
    return docs


def test_collector_gives_find_duplicates_result() -> None:
    docs = corpus()
    expected = find_duplicates(docs, explain=False, template_min_docs=8)
    params = make_params(None, None, {"template_min_docs": 8})
    collector = Collector(params)
    try:
        for doc_id, body in docs:  # one at a time, as the cleaning workers send them
            f = prepare([(doc_id, body, None, None, True)])[0]
            collector.add(replace(f, source=""), body)
        got = collector.finish(workers=1)
    finally:
        collector.close()
    assert got.stats["template_lines"] == expected.stats["template_lines"] >= 1
    assert got.assignments == expected.assignments
    assert [(c.ids, c.canonical, c.similarity) for c in got.clusters] == [
        (c.ids, c.canonical, c.similarity) for c in expected.clusters
    ]


def test_text_spill_reads_back_any_text(tmp_path: Path) -> None:
    spill = TextSpill(str(tmp_path))
    texts = ["", "plain", "عربي\nسطر", "x" * 3_000_000, "\ud800 lone surrogate"]
    assert [spill.append(t) for t in texts] == list(range(len(texts)))
    assert [spill[i] for i in range(len(texts))] == texts
    assert spill[-1] == texts[-1] and spill[1:3] == texts[1:3]
    spill.close()


def test_screen_gives_verify_evidence_for_the_pairs_it_decides() -> None:
    docs = corpus()
    params = DedupParams()
    feats = prepare([(i, t) for i, t in docs])
    table = DocTable([t for _, t in docs])
    _sketch_into_table(list(feats), frozenset(), params, table)
    decided = 0
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            quick = screen(table.shingle_set(i), table.shingle_set(j), params)
            if quick is not None:
                decided += 1
                assert quick == verify(table[i], table[j], params)
    assert decided > 0


def test_index_file_keeps_the_line_counts_of_a_rebuilt_index(tmp_path: Path) -> None:
    docs = corpus()
    path = tmp_path / "news.db"
    with DuplicateIndex(SQLiteStore(path), template_min_docs=8) as index:
        index.add_many(docs)
        index.remove("site3")
    memory = LineStats(8)
    for doc_id, body in docs:
        if doc_id != "site3":
            memory.add(doc_id, prepare([(doc_id, body, None, None, True)])[0].line_hashes)
    footer = {h for h, c in memory.counts.items() if c >= 8}
    assert footer and memory.frequent == footer

    def stored(p: Path) -> dict[int, int]:
        counts: dict[int, int] = {}
        with sqlite3.connect(p) as db:
            for (blob,) in db.execute("SELECT lines FROM doc_lines"):
                for h in np.frombuffer(blob, np.uint64).tolist():
                    counts[h] = counts.get(h, 0) + 1
        return counts

    assert stored(path) == memory.counts
    with DuplicateIndex(SQLiteStore(path), template_min_docs=8) as index:  # no document read
        assert index._lines.frequent == footer
        rows = index._lines._rows(sorted(memory.counts))
        assert {h: c for h, (c, _) in rows.items()} == memory.counts


def test_index_add_with_prepared_features_matches_add_of_the_text() -> None:
    docs = corpus()
    a, b = DuplicateIndex(), DuplicateIndex()
    for doc_id, body in docs:
        f = prepare([(doc_id, body, None, None, True)])[0]
        assert [m.b for m in a.add(doc_id, body)] == [m.b for m in b.add(doc_id, features=f)]
    assert a.result().assignments == b.result().assignments
    assert np.array_equal(a.signature("port"), b.signature("port"))


def _collect(docs: list[tuple[str, str]]) -> Collector:
    collector = Collector(make_params(None, None, {"template_min_docs": 8}))
    for doc_id, body in docs:
        f = prepare([(doc_id, body, None, None, True)])[0]
        collector.add(replace(f, source=""), body)
    return collector


def _finish(docs: list[tuple[str, str]], workers: int) -> DedupResult:
    collector = _collect(docs)
    try:
        return collector.finish(workers=workers)
    finally:
        collector.close()


def test_collector_sketches_in_two_processes_like_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # With workers, a forked helper sketches every other chunk: the same table, so the
    # same clusters, similarities and stats; and the helper really sketched its chunks.
    docs = corpus()
    monkeypatch.setattr(collect, "_CHUNK", 2)  # about a dozen chunks of two documents
    one = _finish(docs, 1)
    monkeypatch.setattr(collect, "_MIN_PARALLEL_CHUNKS", 2)
    real, parent, log = collect._sketch_into_table, os.getpid(), tmp_path / "helper.log"

    def logged(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent:
            with log.open("a") as fh:
                fh.write(f"{len(args[0])}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(collect, "_sketch_into_table", logged)
    two = _finish(docs, 2)
    assert two.assignments == one.assignments
    assert [(c.ids, c.canonical, c.similarity) for c in two.clusters] == [
        (c.ids, c.canonical, c.similarity) for c in one.clusters
    ]
    assert {k: v for k, v in two.stats.items() if not k.endswith("_s") and k != "seconds"} == {
        k: v for k, v in one.stats.items() if not k.endswith("_s") and k != "seconds"
    }
    helper_docs = [int(n) for n in log.read_text().split()]
    chunks = [docs[i : i + 2] for i in range(0, len(docs), 2)]
    assert helper_docs == [len(chunk) for chunk in chunks[1::2]]  # the odd chunks, in order


@pytest.mark.parametrize("how", ["fails", "dies"])
def test_a_failing_sketch_helper_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(collect, "_CHUNK", 2)
    monkeypatch.setattr(collect, "_MIN_PARALLEL_CHUNKS", 2)
    real, parent = collect._sketch_into_table, os.getpid()

    def broken(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent:
            if how == "dies":
                os._exit(1)
            raise RuntimeError("injected helper failure")
        return real(*args, **kwargs)  # the parent's own chunks

    monkeypatch.setattr(collect, "_sketch_into_table", broken)
    message = "a dedup worker died" if how == "dies" else r"worker failed.*injected helper"
    with pytest.raises(NewscleanError, match=message):
        _finish(corpus(), 2)
