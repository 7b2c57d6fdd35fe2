"""The in-memory posting index answers like a naive list of (key, document) postings, before
and after its recent postings are merged into the sorted arrays, and after removals."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsclean.dedup import posting_index
from newsclean.dedup.posting_index import PostingIndex


def _naive_groups(postings: list[tuple[int, int, str]], key: int) -> list[str]:
    return [doc for k, _, doc in postings if k == key]


@pytest.mark.parametrize("min_merge", [1 << 18, 50])
def test_lookups_match_a_naive_index(monkeypatch: pytest.MonkeyPatch, min_merge: int) -> None:
    monkeypatch.setattr(posting_index, "_MIN_MERGE", min_merge)
    rng = random.Random(5)
    # band keys share their high 32 bits often (the sorted array is keyed on them)
    highs = [rng.getrandbits(32) for _ in range(20)]
    band_pool = [(rng.choice(highs) << 32) | rng.getrandbits(32) for _ in range(60)]
    band_pool += [(1 << 64) - 1, 0]
    fp_pool = [rng.getrandbits(32) for _ in range(40)]
    bands: list[tuple[int, int, str]] = []
    fps: list[tuple[int, int, str]] = []
    rows = []
    for seq in range(1, 120):
        b = rng.sample(band_pool, 6)
        f = sorted(set(rng.choices(fp_pool, k=8)))
        doc = f"d{seq}"
        bands += [(k, seq, doc) for k in b]
        fps += [(k, seq, doc) for k in f]
        rows.append((seq, doc, np.array(b, np.uint64).tobytes(), np.array(f, np.uint32).tobytes()))
    idx = PostingIndex.from_rows(rows[:70])  # read from the file, then added to
    for seq, doc, b, f in rows[70:]:
        idx.add(seq, doc, np.frombuffer(b, np.uint64), np.frombuffer(f, np.uint32))
    for removed in (3, 75):
        idx.remove(removed)
        bands = [p for p in bands if p[1] != removed]
        fps = [p for p in fps if p[1] != removed]

    assert idx.band_groups(band_pool) == {
        k: _naive_groups(bands, k) for k in band_pool if _naive_groups(bands, k)
    }
    small, common = 6, 14
    expected = {}
    for k in fp_pool:
        held = _naive_groups(fps, k)
        n = len(held)
        if n:
            expected[k] = (n, held if n < small else held[:1] if n < common else [])
    assert idx.passage_groups(fp_pool, small, common) == expected
    counts = idx.passage_counts([f"d{i}" for i in range(130)])
    assert counts == {doc: sum(1 for _, _, d in fps if d == doc) for _, _, doc in fps} | {
        doc: 0 for _, doc, _, f in rows if not f and doc not in ("d3", "d75")
    }
    assert "d3" not in counts and idx.band_members(band_pool[0]) == _naive_groups(
        bands, band_pool[0]
    )


@pytest.mark.parametrize("min_merge", [1 << 18, 40])
def test_recent_postings_answer_as_the_sorted_ones(
    monkeypatch: pytest.MonkeyPatch, min_merge: int
) -> None:
    """Postings added after the index was read (kept apart until merged) give the same
    holders, counts and first holders as a naive list, for every lookup."""
    monkeypatch.setattr(posting_index, "_MIN_MERGE", min_merge)
    rng = random.Random(11)
    fp_pool = [rng.getrandbits(32) for _ in range(30)]
    line_pool = [rng.getrandbits(64) for _ in range(25)]
    fps: list[tuple[int, int, str]] = []
    lines: list[tuple[int, int, str]] = []
    rows, line_rows = [], []
    for seq in range(1, 90):
        doc = f"d{seq}"
        f = sorted(set(rng.choices(fp_pool, k=rng.randint(0, 9))))
        ls = sorted(set(rng.choices(line_pool, k=rng.randint(0, 6))))
        fps += [(k, seq, doc) for k in f]
        lines += [(k, seq, doc) for k in ls]
        rows.append((seq, doc, b"", np.array(f, np.uint32).tobytes()))
        line_rows.append((seq, doc, np.array(ls, np.uint64).tobytes()))
    idx = PostingIndex.from_rows(rows[:30], line_rows[:30])
    for (seq, doc, _, f), (_, _, ls) in zip(rows[30:], line_rows[30:], strict=True):
        idx.add_lines(seq, doc, np.frombuffer(ls, np.uint64))
        idx.add(seq, doc, [], np.frombuffer(f, np.uint32))
        if seq % 17 == 0:  # lookups between additions see every posting so far
            so_far = [p for p in lines if p[1] <= seq]
            assert idx.line_groups(line_pool, 2) == {
                k: (len(h), h[:2]) for k in line_pool if (h := _naive_groups(so_far, k))
            }
    idx.remove(50)
    fps = [p for p in fps if p[1] != 50]
    lines = [p for p in lines if p[1] != 50]

    small, common = 5, 12
    keys = np.array(sorted(set(fp_pool)), np.uint64)
    counts, starts, taken, seqs = idx.passage_holders(keys, small, common)
    for i, k in enumerate(keys.tolist()):
        held = [int(d[1:]) for d in _naive_groups(fps, k)]
        assert counts[i] == len(held)
        listed = seqs[starts[i] :][: taken[i]].tolist()
        assert listed == (held if len(held) < small else held[:1] if len(held) < common else [])
    for n in (1, 3, 40):
        assert idx.line_groups(line_pool, n) == {
            k: (len(h), h[:n]) for k in line_pool if (h := _naive_groups(lines, k))
        }
    for min_docs in (2, 9, 15):
        assert idx.frequent_lines(min_docs) == {
            k for k in line_pool if len(_naive_groups(lines, k)) >= min_docs
        }


def test_run_bounds_are_the_runs_of_keys() -> None:
    """Each key range's start and length in a sorted array, for keys present or not, at
    the ends of the range and in long runs, and in an empty array."""
    rng = np.random.default_rng(3)
    top = (1 << 64) - 1
    values = np.sort(
        np.concatenate(
            [
                rng.integers(0, 1 << 63, 3000, dtype=np.uint64) * np.uint64(2),
                np.full(40, 12345 << 40, np.uint64),
                np.array([0, 0, top, top], np.uint64),
            ]
        )
    )
    q = np.concatenate(
        [values[::7], values[::11] + np.uint64(1), np.array([0, 1, top - 1, top], np.uint64)]
    )
    lo, counts = posting_index._run_bounds(values, q, q)
    for k, start, n in zip(q.tolist(), lo.tolist(), counts.tolist(), strict=True):
        held = [i for i, v in enumerate(values.tolist()) if v == k]
        assert n == len(held) and (not held or start == held[0])
    assert counts.max() == 40
    lo, counts = posting_index._run_bounds(np.zeros(0, np.uint64), q, q)
    assert not lo.any() and not counts.any()
