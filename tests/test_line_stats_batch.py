"""LineStats.batch: the line counts of several documents read and written once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from newsclean.dedup import SQLiteStore
from newsclean.dedup.templates import SAMPLE, LineStats

U64 = np.uint64


def docs() -> list[tuple[str, np.ndarray]]:
    """Documents sharing a footer line (1), a header held by some (2), and own lines."""
    out = []
    for i in range(SAMPLE + 6):
        own = [1000 + i, 2000 + i]
        shared = [1, 2] if i % 2 else [1]
        out.append((f"d{i}", np.array([0, *shared, *own, 1], dtype=U64)))
    return out


def state(stats: LineStats, hashes: list[int]) -> tuple[dict[int, tuple[int, list[str]]], set[int]]:
    return stats._rows(hashes), set(stats.frequent)


def all_hashes() -> list[int]:
    return sorted({h for _, lh in docs() for h in lh.tolist()} - {0})


def test_batch_counts_as_one_by_one_in_memory() -> None:
    one, many = LineStats(4), LineStats(4)
    for doc_id, lh in docs():
        one.add(doc_id, lh)
    one.remove("d3", docs()[3][1])
    with many.batch([lh for _, lh in docs()]):
        for doc_id, lh in docs():
            many.add(doc_id, lh)
            # a later document sees the counts of the earlier ones while the batch is open
            assert many._get([1])[1][0] == int(doc_id[1:]) + 1
        many.remove("d3", docs()[3][1])
        assert many.counts == {}  # nothing written before the batch closes
    assert state(many, all_hashes()) == state(one, all_hashes())
    assert one.counts == many.counts and one.postings == many.postings


def test_batch_writes_the_rows_of_one_by_one_to_the_index_file(tmp_path: Path) -> None:
    def table(path: Path) -> list[tuple[int, int, str]]:
        with sqlite3.connect(path) as db:
            return sorted(db.execute("SELECT hash, count, sample FROM lines").fetchall())

    paths = tmp_path / "one.db", tmp_path / "many.db"
    for path, batched in zip(paths, (False, True), strict=True):
        store = SQLiteStore(path)
        stats = store.line_stats(4)
        with store.transaction():
            if batched:
                with stats.batch([lh for _, lh in docs()]):
                    for doc_id, lh in docs():
                        stats.add(doc_id, lh)
                    stats.remove("d5", docs()[5][1])
            else:
                for doc_id, lh in docs():
                    stats.add(doc_id, lh)
                stats.remove("d5", docs()[5][1])
        store.close()
    assert table(paths[0]) == table(paths[1])
    assert table(paths[0])  # the lines were written


def test_an_exception_in_a_batch_still_writes_the_documents_counted() -> None:
    one, many = LineStats(4), LineStats(4)
    for doc_id, lh in docs()[:3]:
        one.add(doc_id, lh)
    with pytest.raises(RuntimeError), many.batch([lh for _, lh in docs()]):
        for doc_id, lh in docs()[:3]:
            many.add(doc_id, lh)
        raise RuntimeError("stop")
    assert one.counts == many.counts and one.postings == many.postings
    assert many._overlay is None  # the batch is closed
