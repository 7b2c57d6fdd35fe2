"""Tokens and word shingles of normalized text, hashed with numpy.

A *token* is a maximal run of non-blank characters of normalized text (see
:func:`newsclean.normalize`), except that every Chinese character and every kana is a token
of its own (:func:`split_unspaced`: those scripts do not separate words by spaces, so a
shingle of them is ``k`` characters); a *shingle* is ``k`` consecutive tokens.  Hashing one token
or shingle at a time from Python costs about a microsecond each; here all the tokens of a
document are hashed with a few numpy operations on its code-point array:

* token hash: a polynomial over the token's code points, ``sum(cp[i] * P**i) mod 2**64``,
  computed for every token at once from one prefix sum over the text, mixed with the 64-bit
  MurmurHash3 finalizer and kept to 32 bits;
* shingle hash: the ``k`` token hashes combined with fixed odd multipliers and mixed again,
  kept to 32 bits -- the values fed to MinHash and stored for verification;
* line hash: the token hashes of a line combined by position (to find lines repeated
  across documents).

:func:`hash_shingle` computes the same hash for one shingle string, so a datasketch
``MinHash(hashfunc=hash_shingle)`` updated with shingle strings gives exactly the
signature :mod:`newsclean.dedup.signatures` computes from these arrays.

>>> toks = tokenize(["the quick brown fox\\njumps"])[0]
>>> toks.hashes.size, toks.line_len.tolist()
(5, [4, 1])
>>> sh = shingle_hashes(toks.hashes, 3)
>>> int(sh[0]) == hash_shingle("the quick brown")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from ..datafiles import read_sections
from ..lang import UNSPACED_RANGES
from ..normalize import normalize

__all__ = [
    "DEFAULT_K",
    "MARK",
    "TokenStream",
    "drop_percent_words",
    "hash_shingle",
    "hash_token",
    "join_tokens",
    "shingle_hashes",
    "split_unspaced",
    "token_unit",
    "tokenize",
    "tokenize_batch",
    "tokenize_codepoints",
]

DEFAULT_K = 3
"""Words per shingle."""

MARK = 0xE000
"""Code point standing for sentence-ending punctuation in a folded array (a blank)."""

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

_SPACE, _NEWLINE = 0x20, 0x0A
_P = np.uint64(0x100000001B3)  # odd: invertible modulo 2**64
_P_INV = np.uint64(pow(int(_P), -1, 1 << 64))
_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_MASK32 = np.uint64(0xFFFFFFFF)
_GOLD = np.uint64(0x9E3779B97F4A7C15)
_LINE_P = np.uint64(0x100000001B3)


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

    ``hashes`` are the 32-bit token hashes in text order, ``numeric`` whether each token
    holds a digit, ``line_len`` the number of tokens of each line (empty lines included),
    ``line_hashes`` a 64-bit hash per line (0 for an empty line) and ``line_ends`` whether
    each line's last character was sentence-ending punctuation (:data:`MARK`).
    """

    hashes: U32
    numeric: npt.NDArray[np.bool_]
    line_len: U32
    line_hashes: U64
    line_ends: npt.NDArray[np.bool_]

    @property
    def size(self) -> int:
        return int(self.hashes.size)


_pow_cache: list[U64] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _powers(n: int) -> tuple[U64, U64]:
    """``P**i`` and ``P**-i`` modulo 2**64 for ``i < n`` (cached, grown by doubling)."""
    pw, inv = _pow_cache
    if pw.size < n:
        size = max(n, 2 * pw.size, 1 << 16)
        pw = np.ones(size, dtype=np.uint64)
        inv = np.ones(size, dtype=np.uint64)
        with np.errstate(over="ignore"):
            np.cumprod(np.full(size - 1, _P, dtype=np.uint64), out=pw[1:])
            np.cumprod(np.full(size - 1, _P_INV, dtype=np.uint64), out=inv[1:])
        _pow_cache[:] = [pw, inv]
    return pw[:n], inv[:n]


def _token_hashes(cps: U32, starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]) -> U32:
    """``fmix64(sum(cp[i] * P**i))`` of every token (``i`` counted from the token start),
    from the prefix sums of ``cp[i] * P**i`` (``i`` counted from the start of ``cps``;
    modulo 2**64, so a token's sum is the difference of the sums at its ends), each then
    shifted back by ``P**-start``; low 32 bits.  ``starts`` and
    ``ends`` are increasing, and each token ends before the next one starts."""
    n = cps.size
    if starts.size == 0:
        return np.zeros(0, dtype=np.uint32)
    pw, inv = _powers(n + 1)
    # prefix[i]: the sum of cp[j] * P**j for j < i; a token's sum is a difference of two.
    prefix = np.empty(n + 1, dtype=np.uint64)
    prefix[0] = 0
    with np.errstate(over="ignore"):
        np.multiply(cps, pw[:n], out=prefix[1:])
        np.cumsum(prefix, out=prefix)
        poly = (prefix[ends] - prefix[starts]) * inv[starts]
        return (_fmix64(poly) & _MASK32).astype(np.uint32)


def _bounds(ranges: Sequence[tuple[int, int]]) -> U32:
    """Ranges (first, last) as sorted bounds, each first code point and the one after
    each last, touching ranges merged: a code point is inside when an odd number of bounds
    are at or below it.

    >>> _bounds([(5, 6), (1, 2), (3, 4)]).tolist()
    [1, 7]
    """
    merged: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi + 1)
        else:
            merged.append([lo, hi + 1])
    return np.array([b for pair in merged for b in pair], dtype=np.uint32)


_UNSPACED_BOUNDS = _bounds(UNSPACED_RANGES)
_UNSPACED_FIRST = int(_UNSPACED_BOUNDS[0])  # below it, no code point is unspaced


def split_unspaced(cps: U32) -> U32:
    """A folded code-point array with a space after every character of a script written
    without spaces (Chinese characters, kana), so that each is a token of its own: word
    shingles of such text are character shingles, the usual unit for Chinese and Japanese
    near-duplicates.  Other arrays are returned as they are.

    >>> import numpy as np
    >>> cps = np.frombuffer("新华社 ok".encode("utf-32-le"), np.uint32)
    >>> split_unspaced(cps).tobytes().decode("utf-32-le")
    '新 华 社  ok'
    """
    # only the few code points at or above the first range are tested against the ranges
    # (Arabic and Latin text has none but the line marks)
    high = np.flatnonzero(cps >= _UNSPACED_FIRST)
    if high.size == 0:
        return cps
    hit = np.searchsorted(_UNSPACED_BOUNDS, cps[high], side="right") & 1 == 1
    if not hit.any():
        return cps
    inside = np.zeros(cps.size, dtype=bool)
    inside[high[hit]] = True
    reps = inside.astype(np.intp) + 1
    out = np.repeat(cps, reps)
    out[(np.cumsum(reps) - 1)[inside]] = _SPACE  # the second copy of each becomes a blank
    return out


def _unspaced_char(token: str) -> bool:
    return len(token) == 1 and any(lo <= ord(token) <= hi for lo, hi in UNSPACED_RANGES)


def token_unit(tokens: Sequence[str]) -> str:
    """What a count of these tokens counts, for an explanation: ``"characters"`` when most
    are characters of a script written without spaces, else ``"words"``.

    >>> token_unit(["新", "华", "社", "ok"]), token_unit(["the", "port"])
    ('characters', 'words')
    """
    unspaced = sum(map(_unspaced_char, tokens))
    return "characters" if tokens and 2 * unspaced > len(tokens) else "words"


def join_tokens(tokens: Sequence[str]) -> str:
    """Tokens as text: separated by spaces, except two characters of a script written
    without spaces (:func:`split_unspaced` made each a token), which are joined again.

    >>> join_tokens(["新", "华", "社", "ok", "go"])
    '新华社 ok go'
    """
    out: list[str] = []
    prev = False
    for tok in tokens:
        cur = _unspaced_char(tok)
        if out and not (prev and cur):
            out.append(" ")
        out.append(tok)
        prev = cur
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _PercentWords:
    """The words of ``data/dedup/percent_words.txt``, normalized: one-word ``[after]``
    entries, the ``(first, second)`` pairs of two-word ones, one-word ``[before]``
    entries; ``ends`` the words a match ends on (looked for first), ``end_hashes`` their
    token hashes."""

    after: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    before: frozenset[str]
    ends: frozenset[str]
    end_hashes: U32


@lru_cache(maxsize=1)
def _percent_words() -> _PercentWords:
    path = resources.files("newsclean").joinpath("data/dedup/percent_words.txt")
    sections = read_sections(
        path.read_text("utf-8"), "dedup/percent_words.txt", known=("after", "before")
    )
    after: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    before: set[str] = set()
    for section, entries in sections.items():
        for entry in entries:
            words = normalize(entry).split()
            if len(words) == 1:
                (before if section == "before" else after).add(words[0])
            elif len(words) == 2 and section == "after":
                pairs.add((words[0], words[1]))
            else:
                raise ValueError(f"dedup/percent_words.txt: {entry!r} is not one word or two")
    ends = frozenset(after | before | {second for _, second in pairs})
    end_hashes = np.array(sorted({hash_token(w) for w in ends}), dtype=np.uint32)
    return _PercentWords(frozenset(after), frozenset(pairs), frozenset(before), ends, end_hashes)


def _percent_drops(
    n: int,
    found: Iterable[int],
    word: Callable[[int], str],
    numeric: Callable[[int], bool],
    line: Callable[[int], int],
) -> list[int]:
    """The rule of :func:`_percent_tokens` on ``n`` words read one at a time (``word``;
    ``numeric``: it holds a digit; ``line``: its line), checked at the indexes ``found``
    (at least those of the words a match ends on): the indexes to leave out."""
    words = _percent_words()

    def number_at(j: int, i: int) -> bool:  # word j holds a digit, on word i's line
        return 0 <= j < n and numeric(j) and line(j) == line(i)

    drop: list[int] = []
    for i in found:
        w = word(i)
        if w not in words.ends:
            continue  # (a token whose hash only looks like one of them)
        if w in words.after and number_at(i - 1, i):
            drop.append(i)
        elif i > 0 and (word(i - 1), w) in words.pairs and number_at(i - 2, i):
            drop += [i - 1, i]
        elif w in words.before and number_at(i + 1, i):
            drop.append(i)
    return sorted(set(drop))


def _percent_tokens(
    cps: U32,
    hashes: U32,
    numeric: npt.NDArray[np.bool_],
    starts: npt.NDArray[np.intp],
    ends: npt.NDArray[np.intp],
    nl_pos: npt.NDArray[np.intp],
) -> list[int]:
    """Indexes of the tokens that are words for "percent" next to a number on the same
    line (``data/dedup/percent_words.txt``): "5 percent", "5 per cent", "5 في المائة",
    "yüzde 5".  Left out of the tokens, they make "7.4%" and "7.4 percent" the same words
    (the sign is punctuation).  The words are looked for by hash with one vectorized test;
    only the few found are read and checked one by one."""
    found = np.flatnonzero(np.isin(hashes, _percent_words().end_hashes))
    if found.size == 0:
        return []
    line = np.searchsorted(nl_pos, starts)  # the line of every token (by its breaks)

    def word(i: int) -> str:
        return str(cps[starts[i] : ends[i]].tobytes().decode("utf-32-le", "surrogatepass"))

    return _percent_drops(
        hashes.size, found.tolist(), word, lambda j: bool(numeric[j]), lambda j: int(line[j])
    )


_DIGIT = re.compile("[0-9]")


def drop_percent_words(text: str) -> str:
    """A normalized text (words separated by blanks, lines by ``"\\n"``) without the
    words :func:`tokenize_batch` leaves out (percent words next to a number), each line's
    words then joined by one space: its words are exactly its tokens.

    >>> drop_percent_words("up 5 percent\\npercent 3 per cent")
    'up 5\\npercent 3'
    """
    words = _percent_words()
    if words.ends.isdisjoint(text.split()):
        return text
    lines = [ln.split() for ln in text.split("\n")]
    flat = [w for ws in lines for w in ws]
    line_of = [k for k, ws in enumerate(lines) for _ in ws]
    found = [i for i, w in enumerate(flat) if w in words.ends]
    drop = set(
        _percent_drops(
            len(flat),
            found,
            flat.__getitem__,
            lambda j: _DIGIT.search(flat[j]) is not None,
            line_of.__getitem__,
        )
    )
    if not drop:
        return text
    out: list[list[str]] = [[] for _ in lines]
    for i, (w, k) in enumerate(zip(flat, line_of, strict=True)):
        if i not in drop:
            out[k].append(w)
    return "\n".join(" ".join(ws) for ws in out)


def tokenize_batch(arrays: Sequence[U32]) -> list[TokenStream]:
    """Token streams of many folded code-point arrays (blanks: space, line break,
    :data:`MARK`), computed on their concatenation with one set of numpy operations."""
    if not arrays:
        return []
    sep = np.array([_NEWLINE], dtype=np.uint32)
    parts: list[U32] = []
    for a in arrays:
        parts.append(a)
        parts.append(sep)
    cps = np.concatenate(parts)
    sizes = np.fromiter((a.size + 1 for a in arrays), dtype=np.intp, count=len(arrays))
    doc_end = np.cumsum(sizes)  # one past each document's separator
    n = cps.size
    newline = cps == _NEWLINE
    # Blanks between two blank sentinels: neighbours differ where a token starts or ends
    # (exclusive), alternately, starting with a start.
    blank = np.empty(n + 2, dtype=bool)
    blank[0] = blank[-1] = True
    inner = blank[1:-1]
    np.equal(cps, _SPACE, out=inner)
    inner |= newline
    inner |= cps == MARK
    change = np.flatnonzero(blank[1:] != blank[:-1])
    starts, ends = change[0::2], change[1::2]
    hashes = _token_hashes(cps, starts, ends)
    digit_pos = np.flatnonzero(cps - np.uint32(0x30) < 10)  # wraps below "0": one test
    numeric = np.zeros(starts.size, dtype=bool)
    if digit_pos.size:
        numeric[np.searchsorted(starts, digit_pos, side="right") - 1] = True
    nl_pos = np.flatnonzero(newline)
    drop = _percent_tokens(cps, hashes, numeric, starts, ends, nl_pos) if digit_pos.size else []
    if drop:  # percent words next to a number are no tokens ("7.4%" = "7.4 percent")
        keep = np.ones(starts.size, dtype=bool)
        keep[drop] = False
        starts, hashes, numeric = starts[keep], hashes[keep], numeric[keep]
    # Lines: every line (the last of each document included) ends with a line break.
    n_lines = nl_pos.size
    # tokens per line: those starting before its break, less those before the previous one
    # (no token follows the last break)
    before_break = np.searchsorted(starts, nl_pos)
    line_len = np.diff(before_break, prepend=0).astype(np.uint32)
    # A line ends a sentence when the character before its break (or before one trailing
    # space) is MARK.
    before = cps[np.maximum(nl_pos - 1, 0)]
    before2 = cps[np.maximum(nl_pos - 2, 0)]
    line_ends = (before == MARK) | ((before == _SPACE) & (before2 == MARK))
    line_ends &= nl_pos > 0
    line_hashes = np.zeros(n_lines, dtype=np.uint64)
    if starts.size:
        first = np.concatenate(([0], np.cumsum(line_len)[:-1])).astype(np.intp)
        pos = np.arange(starts.size) - np.repeat(first, line_len)
        with np.errstate(over="ignore"):
            pw = np.ones(int(line_len.max()), dtype=np.uint64)
            np.cumprod(np.full(pw.size - 1, _LINE_P, dtype=np.uint64), out=pw[1:])
            terms = (hashes.astype(np.uint64) + np.uint64(1)) * pw[pos]
            nonempty = line_len > 0
            line_hashes[nonempty] = _fmix64(np.add.reduceat(terms, first[nonempty])) | np.uint64(1)
    tok_bounds = np.searchsorted(starts, np.concatenate(([0], doc_end))).tolist()
    line_bounds = np.searchsorted(nl_pos, np.concatenate(([0], doc_end))).tolist()
    out = []
    for d in range(len(arrays)):
        t0, t1 = tok_bounds[d], tok_bounds[d + 1]
        l0, l1 = line_bounds[d], line_bounds[d + 1]
        out.append(
            TokenStream(
                hashes[t0:t1],
                numeric[t0:t1],
                line_len[l0:l1],
                line_hashes[l0:l1],
                line_ends[l0:l1],
            )
        )
    return out


def tokenize_codepoints(cps: U32) -> TokenStream:
    """Tokens of one folded code-point array (blanks: space, line break, :data:`MARK`)."""
    return tokenize_batch([cps])[0]


def tokenize(texts: Sequence[str]) -> list[TokenStream]:
    """Token streams of normalized texts (lines separated by ``"\\n"``).

    >>> [t.size for t in tokenize(["a b\\nc", "", "d"])]
    [3, 0, 1]
    """
    return tokenize_batch(
        [
            split_unspaced(np.frombuffer(t.encode("utf-32-le", "surrogatepass"), np.uint32))
            for t in texts
        ]
    )


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
    """The 32-bit hash of one token (a string without blanks), as :func:`tokenize` computes.

    >>> hash_token("news") == int(tokenize(["news"])[0].hashes[0])
    True
    """
    cps = np.frombuffer(token.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if cps.size == 0:
        raise ValueError("a token needs at least one character")
    return int(_token_hashes(cps, np.array([0]), np.array([cps.size]))[0])


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
