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
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["DEFAULT_WINDOW", "passage_pairs", "winnow"]

U32 = npt.NDArray[np.uint32]
Pairs = npt.NDArray[np.int64]

DEFAULT_WINDOW = 12
"""Shingles per winnowing window: a shared passage of window + k - 1 tokens is always seen."""


def winnow(shingles: U32, window: int) -> U32:
    """The sorted distinct minima of every ``window`` consecutive shingle hashes."""
    if shingles.size <= window:
        return np.unique(shingles)
    return np.unique(sliding_window_view(shingles, window).min(axis=1))


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
