"""MinHash signatures as a uint32 matrix, interoperable with datasketch.

datasketch (>= 2.0) computes a MinHash with its default ``"affine32"`` scheme: every 32-bit
input hash ``h`` is pre-mixed with the 32-bit MurmurHash3 finalizer, then each of the
``num_perm`` permutations maps it to ``a * h + b mod 2**32`` (``a`` odd) and the minimum is
kept.  :class:`MinHasher` applies exactly that to a whole array of shingle hashes with one
numpy outer product (never one ``update`` call per shingle), using the permutation
parameters datasketch draws for the same ``seed``.  A signature row therefore equals
``datasketch.MinHash(num_perm, seed, hashfunc=hash_shingle)`` updated with the shingle
strings, and :meth:`MinHasher.to_datasketch` turns a row into a datasketch ``MinHash`` for
``MinHashLSH`` or ``jaccard``.

>>> from newsclean.dedup.shingles import shingle_hashes, tokenize
>>> mh = MinHasher(num_perm=16)
>>> sig = mh.signature(shingle_hashes(tokenize(["the cabinet approved the budget"])[0].hashes))
>>> sig.dtype, sig.shape
(dtype('uint32'), (16,))
>>> float(mh.jaccard(sig, sig))
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import xxhash

__all__ = ["MinHasher", "exact_fingerprint"]

U32 = npt.NDArray[np.uint32]
_EMPTY = np.uint32(0xFFFFFFFF)
_SLICE_VALUES = 1 << 18  # products computed at once by signatures_concat (1 MB)


def exact_fingerprint(normalized: str) -> int:
    """64-bit hash of normalized text: the exact-duplicate key.

    >>> exact_fingerprint("hello") == exact_fingerprint("hello")
    True
    """
    return int(xxhash.xxh3_64_intdigest(normalized.encode("utf-8")))


def _fmix32(h: U32) -> U32:
    """32-bit MurmurHash3 finalizer, as datasketch pre-mixes its inputs."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def _datasketch_permutations(num_perm: int, seed: int) -> tuple[U32, U32]:
    """The ``(a, b)`` parameters datasketch's ``affine32`` MinHash draws for ``seed``.

    Same generator and the same draws as ``MinHash._init_permutations``.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a.astype(np.uint32), b.astype(np.uint32)


class MinHasher:
    """Vectorized MinHash with datasketch's ``affine32`` permutations.

    ``signature`` takes the 32-bit shingle hashes of one document; ``signatures`` a list of
    them and returns an ``(n, num_perm)`` uint32 matrix.  An empty document gets the
    all-``0xFFFFFFFF`` signature, as an empty datasketch MinHash.
    """

    def __init__(self, num_perm: int = 64, seed: int = 1) -> None:
        if num_perm < 1:
            raise ValueError(f"num_perm must be positive, got {num_perm}")
        self.num_perm = num_perm
        self.seed = seed
        self.a, self.b = _datasketch_permutations(num_perm, seed)
        self._a_col = self.a[:, None]
        self._b_col = self.b[:, None]

    def signature(self, shingles: U32) -> U32:
        """The MinHash of one set of 32-bit shingle hashes (duplicates allowed)."""
        if shingles.size == 0:
            return np.full(self.num_perm, _EMPTY, dtype=np.uint32)
        h = _fmix32(shingles.astype(np.uint32, copy=False))
        with np.errstate(over="ignore"):
            phv = np.multiply.outer(self.a, h)  # (num_perm, n): rows reduce contiguously
            phv += self._b_col
        out: U32 = phv.min(axis=1)
        return out

    def signatures(self, shingle_sets: Sequence[U32]) -> U32:
        """Signatures of many documents as an ``(n, num_perm)`` uint32 matrix."""
        out = np.empty((len(shingle_sets), self.num_perm), dtype=np.uint32)
        for i, sh in enumerate(shingle_sets):
            out[i] = self.signature(sh)
        return out

    def signatures_concat(self, shingles: U32, sizes: npt.NDArray[np.int64]) -> U32:
        """Signatures of documents whose shingle hashes are concatenated in ``shingles``
        (``sizes[i]`` of them for document ``i``): one outer product and one segmented
        minimum per slice of documents, each slice's ``num_perm x n`` products about a
        megabyte (they stay in cache; larger slices are slower, not faster)."""
        n = sizes.size
        out = np.full((n, self.num_perm), _EMPTY, dtype=np.uint32)
        off = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        offsets = off.tolist()
        budget = max(1, _SLICE_VALUES // self.num_perm)
        buf = np.empty((self.num_perm, budget), dtype=np.uint32)
        d = 0
        while d < n:
            e = d + 1
            while e < n and offsets[e + 1] - offsets[d] <= budget:
                e += 1
            nonempty = np.flatnonzero(sizes[d:e] > 0) + d
            if nonempty.size:
                h = _fmix32(shingles[offsets[d] : offsets[e]])
                if h.size > buf.shape[1]:  # one document longer than the budget
                    buf = np.empty((self.num_perm, h.size), dtype=np.uint32)
                phv = buf[:, : h.size]
                np.multiply(self._a_col, h[None, :], out=phv)
                phv += self._b_col
                starts = off[nonempty] - offsets[d]
                out[nonempty] = np.minimum.reduceat(phv, starts, axis=1).T
            d = e
        return out

    @staticmethod
    def jaccard(a: U32, b: U32) -> float:
        """MinHash estimate of the Jaccard similarity of two signatures."""
        return float(np.count_nonzero(a == b)) / a.size if a.size else 0.0

    def to_datasketch(self, signature: U32) -> Any:
        """A ``datasketch.MinHash`` holding ``signature`` (for ``MinHashLSH``, ``jaccard``...).

        >>> from datasketch import MinHash
        >>> mh = MinHasher(num_perm=8)
        >>> isinstance(mh.to_datasketch(mh.signature(np.array([1, 2], np.uint32))), MinHash)
        True
        """
        from datasketch import MinHash

        return MinHash(
            num_perm=self.num_perm, seed=self.seed, hashvalues=signature, scheme="affine32"
        )
