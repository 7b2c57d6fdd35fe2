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

from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_WINDOW",
    "MAX_COMMON",
    "MAX_POSTINGS",
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

MAX_POSTINGS = 16
"""A fingerprint held by more documents pairs each holder with the first one only."""

MAX_COMMON = 4096
"""A fingerprint held by more documents (a stock phrase) gives no pairs."""


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
    max_postings: int = MAX_POSTINGS,
    max_common: int = MAX_COMMON,
) -> tuple[Pairs, npt.NDArray[np.int64]]:
    """Pairs ``(i, j)``, ``i < j``, of documents sharing at least ``min_shared`` fingerprints.

    A fingerprint held by up to ``max_postings`` documents pairs them all.  One held by more
    (a big cluster of copies, or a stock phrase) only pairs each holder with the first, and
    one held by more than ``max_common`` documents is ignored: this keeps the work linear.
    Returns the pairs (an ``(n, 2)`` array sorted by ``i`` then ``j``) and the number of
    fingerprints each pair shares.
    """
    sizes = np.fromiter((f.size for f in fingerprints), dtype=np.int64, count=len(fingerprints))
    empty = np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    if sizes.sum() == 0:
        return empty
    fp = np.concatenate([np.asarray(f, dtype=np.uint32) for f in fingerprints])
    doc = np.repeat(np.arange(len(fingerprints), dtype=np.uint32), sizes)
    order = np.lexsort((doc, fp))
    fp, doc = fp[order], doc[order]
    del order
    starts = np.flatnonzero(np.concatenate(([True], fp[1:] != fp[:-1])))
    counts = np.diff(np.concatenate((starts, [fp.size])))
    del fp
    partial_keys, partial_counts = [], []
    for keys in _group_pair_keys(doc, starts, counts, max_postings, max_common):
        k, c = np.unique(keys, return_counts=True)
        partial_keys.append(k)
        partial_counts.append(c)
    if not partial_keys:
        return empty
    keys = np.concatenate(partial_keys)
    weights = np.concatenate(partial_counts)
    uniq, inverse = np.unique(keys, return_inverse=True)
    shared = np.bincount(inverse, weights=weights).astype(np.int64)
    good = shared >= min_shared
    uniq = uniq[good]
    pairs = np.stack((uniq >> np.uint64(32), uniq & np.uint64(0xFFFFFFFF)), axis=1)
    return pairs.astype(np.int64), shared[good]


_CHUNK_PAIRS = 1 << 20  # pair keys built at once (bounds memory)


def _group_pair_keys(
    doc: npt.NDArray[np.uint32],
    starts: npt.NDArray[np.intp],
    counts: npt.NDArray[np.intp],
    max_postings: int,
    max_common: int,
) -> Iterator[npt.NDArray[np.uint64]]:
    """``i << 32 | j`` (``i < j``) for the document pairs of each group, in chunks."""
    small = (counts >= 2) & (counts <= max_postings)
    for size in np.unique(counts[small]):
        g_starts = starts[small & (counts == size)]
        ii, jj = np.triu_indices(int(size), k=1)
        per_group = ii.size
        step = max(1, _CHUNK_PAIRS // per_group)
        for lo in range(0, g_starts.size, step):
            g = g_starts[lo : lo + step, None]
            a = doc[g + ii[None, :]].ravel().astype(np.uint64)
            b = doc[g + jj[None, :]].ravel().astype(np.uint64)
            yield (a << np.uint64(32)) | b
    big = (counts > max_postings) & (counts <= max_common)
    if big.any():
        g_starts, g_counts = starts[big], counts[big]
        first = np.repeat(doc[g_starts].astype(np.uint64), g_counts - 1)
        members = np.concatenate(
            [doc[s + 1 : s + c] for s, c in zip(g_starts.tolist(), g_counts.tolist(), strict=True)]
        ).astype(np.uint64)
        yield (first << np.uint64(32)) | members
