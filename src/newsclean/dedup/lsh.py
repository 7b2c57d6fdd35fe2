"""Locality-sensitive hashing of MinHash signatures: bands, and the candidate pairs they give.

The signature matrix is cut into ``bands`` bands of ``rows`` values; two documents whose
values agree on a whole band land in the same bucket and become a candidate pair.  The
probability of that is ``1 - (1 - J**rows)**bands`` for Jaccard similarity ``J``: an S-curve
whose steep part sits near ``(1 / bands) ** (1 / rows)``.  :func:`lsh_params` picks
``bands`` and ``rows`` for a threshold with datasketch's own optimizer, so an index built
here and a ``datasketch.MinHashLSH(threshold, num_perm)`` make the same trade-off (the
same objective, integrated with numpy instead of scipy).

>>> lsh_params(0.4, 64)
(16, 4)
>>> import numpy as np
>>> sigs = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 7, 7]], dtype=np.uint32)
>>> band_pairs(band_keys(sigs, 2, 2)).tolist()
[[0, 1]]
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .shingles import _fmix64

__all__ = ["MAX_BUCKET", "band_keys", "band_pairs", "lsh_params"]

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

MAX_BUCKET = 64
"""A bucket with more documents links each to its first document only (linear pairs)."""


@lru_cache(maxsize=64)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` minimizing the equal-weight sum of the false-positive area below
    ``threshold`` and the false-negative area above it -- datasketch's ``_optimal_param``
    objective, integrated here with numpy for all ``(bands, rows)`` at once.

    >>> lsh_params(0.5, 128)
    (25, 5)
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"LSH threshold must be in (0, 1), got {threshold}")
    best, best_err = (1, 1), float("inf")
    lo = np.linspace(0.0, threshold, 1001)
    hi = np.linspace(threshold, 1.0, 1001)
    for bands in range(1, num_perm + 1):
        rows = np.arange(1, num_perm // bands + 1, dtype=np.float64)
        if rows.size == 0:
            continue
        p_lo = 1.0 - (1.0 - lo[None, :] ** rows[:, None]) ** bands
        p_hi = 1.0 - (1.0 - hi[None, :] ** rows[:, None]) ** bands
        fp = np.trapezoid(p_lo, lo, axis=1)
        fn = np.trapezoid(1.0 - p_hi, hi, axis=1)
        err = np.asarray(0.5 * fp + 0.5 * fn, dtype=np.float64)
        i = int(np.argmin(err))
        if float(err[i]) < best_err - 1e-12:
            best, best_err = (bands, i + 1), float(err[i])
    return best


def band_keys(signatures: U32, bands: int, rows: int) -> U64:
    """One 64-bit bucket key per document and band: an ``(n, bands)`` uint64 matrix.

    The key of band ``i`` hashes its ``rows`` values together with ``i``, so equal values in
    different bands never collide.
    """
    n = signatures.shape[0]
    if signatures.shape[1] < bands * rows:
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} permutations")
    vals = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    with np.errstate(over="ignore"):
        key = np.broadcast_to(np.arange(1, bands + 1, dtype=np.uint64), (n, bands)).copy()
        for r in range(rows):
            key = _fmix64(key * np.uint64(0x9E3779B97F4A7C15) + vals[:, :, r])
    return key


def band_pairs(keys: U64, *, max_bucket: int = MAX_BUCKET) -> npt.NDArray[np.int64]:
    """Candidate pairs ``(i, j)``, ``i < j``, of documents sharing a bucket in any band.

    A bucket holding more than ``max_bucket`` documents (many copies of one text) links each
    member to the bucket's first document only, which keeps the number of pairs linear.
    """
    n, bands = keys.shape
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    flat = keys.ravel()
    # By key, then document: ``flat`` lists the documents in order, so a stable sort of
    # the keys alone keeps each bucket's documents sorted.
    order = np.argsort(flat, kind="stable")
    flat, doc = flat[order], order // bands
    starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1])))
    counts = np.diff(np.concatenate((starts, [flat.size])))
    out = []
    small = (counts >= 2) & (counts <= max_bucket)
    for size in np.unique(counts[small]):
        g = starts[small & (counts == size)]
        ii, jj = np.triu_indices(int(size), k=1)
        out.append((doc[g[:, None] + ii[None, :]].ravel() << 32) | doc[g[:, None] + jj].ravel())
    for s, c in zip(starts[counts > max_bucket], counts[counts > max_bucket], strict=True):
        members = doc[s : s + c]
        out.append((members[0] << 32) | members[1:])
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    uniq = np.unique(np.concatenate(out))
    return np.stack((uniq >> 32, uniq & 0xFFFFFFFF), axis=1)
