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
