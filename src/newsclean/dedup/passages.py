"""Passage fingerprints (winnowing) and the candidate pairs they give.

MinHash LSH finds pairs with a high Jaccard similarity; a teaser, a truncated copy or an
outlet that kept a third of a long press release has a low one.  Winnowing (Schleimer,
Wilkerson and Aiken, 2003) keeps the smallest shingle hash of every window of ``window``
consecutive shingles: any passage of ``window + k - 1`` tokens that two documents share
gives them at least one common fingerprint, whatever else they contain.  Documents that
share ``min_shared`` fingerprints become candidates for verification.

>>> import numpy as np
>>> winnow(np.array([5, 3, 9, 7, 1, 8], dtype=np.uint32), 3).tolist()
[1, 3]
>>> pairs, shared = passage_pairs([np.array([1, 2, 3]), np.array([2, 3]), np.array([9])], 2)
>>> pairs.tolist(), shared.tolist()
([[0, 1]], [2])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_WINDOW",
    "passage_pairs",
    "sorted_unique",
    "unique_first",
    "window_minima",
    "winnow",
]

U32 = npt.NDArray[np.uint32]
Pairs = npt.NDArray[np.int64]

DEFAULT_WINDOW = 12
"""Shingles per winnowing window: a shared passage of window + k - 1 tokens is always seen."""


def sorted_unique(values: U32) -> U32:
    """``np.unique`` for small arrays (a sort and a comparison; faster than hashing)."""
    if values.size < 2:
        return values.copy()
    s = np.sort(values)
    keep = np.empty(s.size, dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def unique_first(values: U32) -> tuple[U32, U32]:
    """Sorted distinct values and the index of each one's first occurrence."""
    order = np.argsort(values, kind="stable")
    s = values[order]
    keep = np.empty(s.size, dtype=bool)
    if s.size:
        keep[0] = True
        np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep], order[keep].astype(np.uint32)


def window_minima(values: U32, window: int) -> U32:
    """The minimum of every ``window`` consecutive values (``n - window + 1`` of them), by
    doubling: minima of 2, 4, 8... values, then one last step."""
    n = values.size
    out = values
    span = 1
    while span * 2 <= window:
        out = np.minimum(out[:-span], out[span:])
        span *= 2
    rest = window - span
    if rest:
        out = np.minimum(out[: n - window + 1], out[rest : rest + n - window + 1])
    return out[: n - window + 1]


def winnow(shingles: U32, window: int) -> U32:
    """The sorted distinct minima of every ``window`` consecutive shingle hashes."""
    if shingles.size <= window:
        return sorted_unique(shingles)
    minima = window_minima(shingles, window)
    change = np.empty(minima.size, dtype=bool)
    change[0] = True
    np.not_equal(minima[1:], minima[:-1], out=change[1:])
    return sorted_unique(minima[change])


def passage_pairs(
    fingerprints: Sequence[npt.NDArray[np.integer]],
    min_shared: int,
    *,
    max_postings: int = 64,
) -> tuple[Pairs, npt.NDArray[np.int64]]:
    """Pairs ``(i, j)``, ``i < j``, of documents sharing at least ``min_shared`` fingerprints.

    A fingerprint held by more than ``max_postings`` documents is a stock phrase, not
    evidence of copying, and is ignored.  Returns the pairs (an ``(n, 2)`` array sorted by
    ``i`` then ``j``) and the number of fingerprints each pair shares.
    """
    sizes = np.fromiter((f.size for f in fingerprints), dtype=np.int64, count=len(fingerprints))
    if sizes.sum() == 0:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    fp = np.concatenate([np.asarray(f, dtype=np.uint64) for f in fingerprints])
    doc = np.repeat(np.arange(len(fingerprints), dtype=np.int64), sizes)
    order = np.lexsort((doc, fp))
    fp, doc = fp[order], doc[order]
    starts = np.flatnonzero(np.concatenate(([True], fp[1:] != fp[:-1])))
    counts = np.diff(np.concatenate((starts, [fp.size])))
    keep = (counts >= 2) & (counts <= max_postings)
    keys = _group_pair_keys(doc, starts[keep], counts[keep])
    if keys.size == 0:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    uniq, shared = np.unique(keys, return_counts=True)
    good = shared >= min_shared
    uniq = uniq[good]
    pairs = np.stack((uniq >> 32, uniq & 0xFFFFFFFF), axis=1).astype(np.int64)
    return pairs, shared[good].astype(np.int64)


def _group_pair_keys(
    doc: npt.NDArray[np.int64], starts: npt.NDArray[np.intp], counts: npt.NDArray[np.intp]
) -> npt.NDArray[np.int64]:
    """``i << 32 | j`` for every pair of documents inside each group, all groups at once."""
    out = []
    for size in np.unique(counts):
        g_starts = starts[counts == size]
        ii, jj = np.triu_indices(int(size), k=1)
        a = doc[g_starts[:, None] + ii[None, :]].ravel()
        b = doc[g_starts[:, None] + jj[None, :]].ravel()
        out.append((np.minimum(a, b) << 32) | np.maximum(a, b))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)
