"""Tokens and word shingles of normalized text, hashed in numpy batches.

A *token* is a maximal run of non-blank characters of :func:`newsclean.normalize` output; a
*shingle* is ``k`` consecutive tokens.  Hashing one token or shingle at a time from Python
costs about a microsecond each; here a whole batch of documents is hashed with a handful
of numpy operations:

* token hash: a polynomial over the token's code points, ``sum(cp[i] * P**i) mod 2**64``,
  computed for every token at once from prefix sums over the concatenated text, mixed with
  the 64-bit MurmurHash3 finalizer and kept to 32 bits;
* shingle hash: the ``k`` token hashes combined with fixed odd multipliers and mixed again;
  the low 32 bits are the shingle hash fed to MinHash and stored for verification.

:func:`hash_shingle` computes the same hash for one shingle string, so a datasketch
``MinHash(hashfunc=hash_shingle)`` updated with shingle strings gives exactly the signature
:mod:`newsclean.dedup.signatures` computes from these arrays.

>>> toks = tokenize(["the quick brown fox\\njumps"])[0]
>>> toks.hashes.size, toks.line.tolist()
(5, [0, 0, 0, 0, 1])
>>> sh = shingle_hashes(toks.hashes, 3)
>>> int(sh[0]) == hash_shingle("the quick brown")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_K",
    "TokenStream",
    "hash_shingle",
    "hash_token",
    "shingle_hashes",
    "tokenize",
]

DEFAULT_K = 3
"""Words per shingle."""

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

_P = np.uint64(0x100000001B3)  # odd: invertible modulo 2**64
_P_INV = np.uint64(pow(int(_P), -1, 1 << 64))
_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_MASK32 = np.uint64(0xFFFFFFFF)
_BLANK = (0x20, 0x0A)

_pow_cache: list[U64] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _powers(n: int) -> tuple[U64, U64]:
    """``P**i`` and ``P**-i`` modulo 2**64 for ``i < n`` (cached, grown by doubling)."""
    pw, inv = _pow_cache
    if pw.size < n:
        size = max(n, 2 * pw.size, 4096)
        with np.errstate(over="ignore"):
            pw = np.ones(size, dtype=np.uint64)
            inv = np.ones(size, dtype=np.uint64)
            np.cumprod(np.full(size - 1, _P, dtype=np.uint64), out=pw[1:])
            np.cumprod(np.full(size - 1, _P_INV, dtype=np.uint64), out=inv[1:])
        _pow_cache[:] = [pw, inv]
    return pw[:n], inv[:n]


def _fmix64(h: U64) -> U64:
    """MurmurHash3 64-bit finalizer (a bijection that spreads every input bit)."""
    h = h ^ (h >> _S33)
    h *= _M1
    h ^= h >> _S33
    h *= _M2
    h ^= h >> _S33
    return h


def _coefficients(k: int) -> U64:
    """Odd multipliers of the k token hashes of a shingle (fixed, derived from 1..k)."""
    return _fmix64(np.arange(1, k + 1, dtype=np.uint64)) | np.uint64(1)


@dataclass(frozen=True, slots=True)
class TokenStream:
    """The tokens of one normalized document.

    ``hashes`` are the 32-bit token hashes in text order, ``line`` the 0-based line of each
    token, ``numeric`` whether the token holds a digit, and ``line_hashes`` one 64-bit hash
    per line (the hash of its token sequence), used to find lines repeated across documents.
    """

    hashes: U32
    line: npt.NDArray[np.uint32]
    numeric: npt.NDArray[np.bool_]
    line_hashes: U64

    @property
    def size(self) -> int:
        return int(self.hashes.size)


def tokenize(texts: Sequence[str]) -> list[TokenStream]:
    """Token streams of a batch of normalized texts (lines separated by ``"\\n"``).

    >>> [t.size for t in tokenize(["a b\\nc", "", "d"])]
    [3, 0, 1]
    """
    if not texts:
        return []
    joined = "\n".join(texts) + "\n"
    cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = cps.size
    blank = (cps == _BLANK[0]) | (cps == _BLANK[1])
    newline = cps == _BLANK[1]
    pw, inv = _powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(cps.astype(np.uint64) * pw[:n], out=prefix[1:])
    # Token boundaries: a token starts at a non-blank after a blank (or at 0).
    nb = ~blank
    starts = np.flatnonzero(nb & np.concatenate(([True], blank[:-1])))
    ends = np.flatnonzero(nb & np.concatenate((blank[1:], [True]))) + 1
    with np.errstate(over="ignore"):
        tok = (_fmix64((prefix[ends] - prefix[starts]) * inv[starts]) & _MASK32).astype(np.uint32)
    digit = (cps >= 0x30) & (cps <= 0x39)
    dprefix = np.concatenate(([0], np.cumsum(digit, dtype=np.int64)))
    numeric = (dprefix[ends] - dprefix[starts]) > 0
    # Line and document of every token.
    nl_pos = np.flatnonzero(newline)  # every line ends with "\n" (one added at the end)
    line_of_tok = np.searchsorted(nl_pos, starts)  # global line index
    doc_end_line = np.cumsum([t.count("\n") + 1 for t in texts])  # lines per doc, cumulative
    doc_of_tok = np.searchsorted(doc_end_line, line_of_tok, side="right")
    bounds = np.searchsorted(doc_of_tok, np.arange(len(texts) + 1))
    first_line = np.concatenate(([0], doc_end_line[:-1]))
    line_hashes_all = _line_hashes(tok, line_of_tok, int(doc_end_line[-1]))
    out = []
    for d in range(len(texts)):
        lo, hi = bounds[d], bounds[d + 1]
        fl = int(first_line[d])
        lines = line_of_tok[lo:hi] - fl
        out.append(
            TokenStream(
                hashes=tok[lo:hi],
                line=lines.astype(np.uint32),
                numeric=numeric[lo:hi],
                line_hashes=line_hashes_all[fl : int(doc_end_line[d])],
            )
        )
    return out


def _line_hashes(tok: U32, line_of_tok: npt.NDArray[np.intp], n_lines: int) -> U64:
    """One hash per line: the polynomial of its token hashes (0 for an empty line)."""
    out = np.zeros(n_lines, dtype=np.uint64)
    if tok.size == 0:
        return out
    pw, _ = _powers(tok.size)
    first = np.searchsorted(line_of_tok, line_of_tok)  # index of each line's first token
    with np.errstate(over="ignore"):
        terms = tok.astype(np.uint64) * pw[np.arange(tok.size) - first]
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(terms, dtype=np.uint64)))
        line_ids = np.unique(line_of_tok)
        lo = np.searchsorted(line_of_tok, line_ids)
        hi = np.searchsorted(line_of_tok, line_ids, side="right")
        out[line_ids] = _fmix64(prefix[hi] - prefix[lo])
        return out


def shingle_hashes(tokens: U32, k: int = DEFAULT_K) -> U32:
    """32-bit hashes of the ``k``-token shingles of a token-hash sequence, in text order.

    A document with fewer than ``k`` (but at least one) tokens gives a single shingle of all
    its tokens; an empty one gives none.

    >>> toks = tokenize(["one two"])[0].hashes
    >>> shingle_hashes(toks, 3).size, int(shingle_hashes(toks, 3)[0]) == hash_shingle("one two")
    (1, True)
    """
    n = int(tokens.size)
    if n == 0:
        return np.zeros(0, dtype=np.uint32)
    m = min(k, n)
    coef = _coefficients(m)
    width = n - m + 1
    wide = tokens.astype(np.uint64)
    with np.errstate(over="ignore"):
        acc = wide[:width] * coef[0]
        for j in range(1, m):
            acc += wide[j : j + width] * coef[j]
        return (_fmix64(acc) & _MASK32).astype(np.uint32)


def hash_token(token: str) -> int:
    """The 32-bit hash of one token (a string without blanks), as :func:`tokenize` computes it.

    >>> hash_token("news") == int(tokenize(["news"])[0].hashes[0])
    True
    """
    cps = np.frombuffer(token.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    pw, _ = _powers(cps.size)
    with np.errstate(over="ignore"):
        poly = np.sum(cps.astype(np.uint64) * pw, dtype=np.uint64)
        return int(_fmix64(np.array([poly], dtype=np.uint64))[0] & _MASK32)


def hash_shingle(shingle: str | bytes) -> int:
    """The 32-bit hash of one shingle (its tokens separated by spaces, already normalized).

    This is the ``hashfunc`` to give datasketch so that its MinHash of shingle strings equals
    ours: ``datasketch.MinHash(num_perm, seed, hashfunc=hash_shingle)``.

    >>> hash_shingle("a b c") == hash_shingle(b"a b c")
    True
    """
    text = shingle.decode("utf-8") if isinstance(shingle, bytes) else shingle
    toks = np.array([hash_token(t) for t in text.split()], dtype=np.uint32)
    if toks.size == 0:
        raise ValueError("a shingle needs at least one token")
    return int(shingle_hashes(toks, toks.size)[0])
