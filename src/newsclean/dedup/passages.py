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
    "passage_pairs_flat",
    "sorted_unique",
    "unique_first",
    "unique_inverse",
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


_POS_BITS = np.uint64(16)
_POS_MASK = np.uint64(0xFFFF)


def unique_first(values: U32) -> tuple[U32, U32]:
    """Sorted distinct values and the index of each one's first occurrence.

    >>> u, first = unique_first(np.array([7, 3, 7, 1], dtype=np.uint32))
    >>> u.tolist(), first.tolist()
    ([1, 3, 7], [3, 1, 0])
    """
    uniq, first, _ = unique_inverse(values)
    return uniq, first


def unique_inverse(values: U32) -> tuple[U32, U32, U32]:
    """Sorted distinct values, the index of each one's first occurrence, and for every
    value the index of its distinct value (``uniq[inverse] == values``).

    Up to 65,536 values, one sort of ``value << 16 | position`` keys (a plain sort is
    several times faster than a stable argsort); longer arrays use the stable argsort.

    >>> u, first, inv = unique_inverse(np.array([7, 3, 7, 1], dtype=np.uint32))
    >>> u.tolist(), first.tolist(), inv.tolist()
    ([1, 3, 7], [3, 1, 0], [2, 1, 2, 0])
    """
    n = values.size
    keep = np.empty(n, dtype=bool)
    if 0 < n <= 1 << 16:
        key = (values.astype(np.uint64) << _POS_BITS) | np.arange(n, dtype=np.uint64)
        key.sort()
        high = key >> _POS_BITS
        keep[0] = True
        np.not_equal(high[1:], high[:-1], out=keep[1:])
        order = (key & _POS_MASK).astype(np.intp)
        sorted_values = high.astype(np.uint32)
    else:
        order = np.argsort(values, kind="stable")
        sorted_values = values[order]
        if n:
            keep[0] = True
            np.not_equal(sorted_values[1:], sorted_values[:-1], out=keep[1:])
    inverse = np.empty(n, dtype=np.uint32)
    inverse[order] = np.cumsum(keep) - 1
    return sorted_values[keep], order[keep].astype(np.uint32), inverse


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
    if sizes.sum() == 0:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    fp = np.concatenate([np.asarray(f, dtype=np.uint32) for f in fingerprints])
    return passage_pairs_flat(
        fp, sizes, min_shared, max_postings=max_postings, max_common=max_common
    )


def passage_pairs_flat(
    fingerprints: npt.NDArray[np.uint32],
    sizes: npt.NDArray[np.int64],
    min_shared: int,
    *,
    max_postings: int = 16,
    max_common: int = 4096,
) -> tuple[Pairs, npt.NDArray[np.int64]]:
    """:func:`passage_pairs` of the documents whose fingerprints are concatenated in
    ``fingerprints`` (``sizes[i]`` of them for document ``i``)."""
    empty = np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    if fingerprints.size == 0:
        return empty
    fp = fingerprints.astype(np.uint32, copy=False)
    # Sorted by fingerprint, then document: one sort of ``fp << 32 | doc`` keys.
    key = np.repeat(np.arange(sizes.size, dtype=np.uint64), sizes)
    key |= fp.astype(np.uint64) << np.uint64(32)
    key.sort()
    fp = (key >> np.uint64(32)).astype(np.uint32)
    doc = (key & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    del key
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
