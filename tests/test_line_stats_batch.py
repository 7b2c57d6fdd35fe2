"""LineStats.batch: the line counts of several documents read and written once; an index
file's line counts (from its documents' line hashes) are those of the counts in memory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsclean.article import Article
from newsclean.dedup import SQLiteStore
from newsclean.dedup.features import Doc, sketch
from newsclean.dedup.index import DuplicateIndex
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


def _pages(n: int) -> list[tuple[str, str]]:
    """Pages of one site: a header and a footer on every page, a category line on every
    third, and a different short story on each (some stories printed twice)."""
    out = []
    for i in range(n):
        story = i // 2 if i % 5 == 0 else i
        lines = ["Daily Courier - all the news", f"Story {story}: the council of town {story}"]
        lines += [f"Residents of district {story} met on day {story} to discuss item {story}."]
        if i % 3 == 0:
            lines.append("Category: local politics")
        lines.append("Copyright Daily Courier, all rights reserved")
        out.append((f"p{i:02d}", "\n".join(lines)))
    return out


def _line_state(index: DuplicateIndex) -> tuple[dict[int, tuple[int, list[str]]], set[int]]:
    hashes = sorted({h for d in index.store.docs() for h in d.features.line_hashes.tolist()})
    return index._lines._rows([h for h in hashes if h]), set(index._lines.frequent)


@pytest.mark.parametrize("batched", [False, True])
def test_an_index_file_counts_lines_as_memory_does(tmp_path: Path, batched: bool) -> None:
    pages = _pages(3 * SAMPLE)
    opts = {"chrome": False, "template_min_docs": 4}
    mem = DuplicateIndex(**opts)  # type: ignore[arg-type]
    disk = DuplicateIndex(SQLiteStore(tmp_path / "i.db"), **opts)  # type: ignore[arg-type]
    expected = [[m.b for m in mem.add(i, t)] for i, t in pages]
    if batched:
        features = [disk.features_of(Article(id=i, body=t)) for i, t in pages]
        got = [[m.b for m in ms] for ms in disk.add_batch(features[:5])]
        got += [[m.b for m in ms] for ms in disk.add_batch(features[5:])]
    else:
        got = [[m.b for m in disk.add(i, t)] for i, t in pages]
    assert got == expected
    state = _line_state(mem)
    assert _line_state(disk) == state
    assert max(n for n, _ in state[0].values()) > SAMPLE and len(state[1]) >= 3
    disk.close()
    again = DuplicateIndex(SQLiteStore(tmp_path / "i.db"), **opts)  # type: ignore[arg-type]
    assert _line_state(again) == state  # read back from the file
    for index in (mem, again):  # the last page is in no full sample: both forget it alike
        index.remove(pages[-1][0])
    assert _line_state(again) == _line_state(mem)
    again.close()


def test_an_index_file_samples_the_first_holders_left_after_a_removal(tmp_path: Path) -> None:
    pages = _pages(2 * SAMPLE)
    index = DuplicateIndex(SQLiteStore(tmp_path / "i.db"), chrome=False, template_min_docs=4)
    for doc_id, text in pages:
        index.add(doc_id, text)
    footer = int(index.store.get("p00").features.line_hashes[-1])
    index.remove("p00")
    # as find_templates samples a line: its first holders among the documents indexed
    count, sample = index._lines._rows([footer])[footer]
    assert count == len(pages) - 1 and sample == [i for i, _ in pages[1 : SAMPLE + 1]]
    index.close()


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


def test_an_index_file_counts_documents_stored_in_parts_once(tmp_path: Path) -> None:
    """Documents counted, then stored some at a time (not all those pending: one by one;
    then all the rest: at once), are counted once each, as in memory."""
    pages = _pages(2 * SAMPLE)
    disk = DuplicateIndex(SQLiteStore(tmp_path / "i.db"), chrome=False, template_min_docs=4)
    mem = LineStats(4)
    built = []
    for doc_id, text in pages:
        f = disk.features_of(Article(id=doc_id, body=text))
        disk._lines.add(doc_id, f.line_hashes)
        mem.add(doc_id, f.line_hashes)
        p = disk.params  # (the sketch is not what is tested: no template lines)
        built.append(Doc(f, sketch(f, set(), disk._hasher, k=p.k, window=p.window)))
    hashes = sorted({h for d in built for h in d.features.line_hashes.tolist()} - {0})
    store: SQLiteStore = disk.store  # type: ignore[assignment]
    store.put_many(built[:5])
    assert state(disk._lines, hashes) == state(mem, hashes)
    store.put_many(built[5:])
    assert not disk._lines._late and not disk._lines._late_docs  # type: ignore[attr-defined]
    assert state(disk._lines, hashes) == state(mem, hashes)
    disk.close()
