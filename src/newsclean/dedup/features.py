"""What the engine keeps of each document: tokens, lines and the sketch built from them.

:func:`prepare` turns raw texts into :class:`DocFeatures` (token hashes, line hashes,
which lines are prose); it does not depend on the rest of the corpus and runs in worker
processes.  The normalized text itself is not kept: the few checks and explanations that
need words normalize the source text again.  :func:`sketch` then drops the site-template lines (see
:mod:`newsclean.dedup.templates`) and builds the :class:`Sketch`: the ordered shingle hashes
that verification aligns, their sorted set for exact Jaccard, the winnowed passage
fingerprints and the MinHash signature.

>>> f = prepare([("a", "Headline\\nThe minister said on Monday that taxes would fall.")])[0]
>>> f.n_tokens, f.prose.tolist()
(10, [False, True])
>>> s = sketch(f, frozenset(), MinHasher(num_perm=8), k=3, window=4)
>>> s.body_start, s.shingles.size
(1, 8)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from ..article import Article, RemovedLine
from ..chrome import strip_chrome_explain
from ..normalize import fold_codepoints, normalize
from .passages import sorted_unique, unique_first, window_minima, winnow
from .shingles import MARK, shingle_hashes, tokenize_batch
from .signatures import MinHasher

__all__ = [
    "HEADLINE_MAX_TOKENS",
    "Doc",
    "DocFeatures",
    "Sketch",
    "prepare",
    "sketch",
    "sketch_batch",
]

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
Bools = npt.NDArray[np.bool_]

HEADLINE_MAX_TOKENS = 20
"""A first line this short (in tokens), followed by more text, is taken as the headline."""

PROSE_MIN_TOKENS = 8
"""A line ending a sentence with at least this many tokens is prose."""

PROSE_LONG_TOKENS = 14
"""A line this long is prose even without sentence punctuation (dumps that lost it)."""


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """The corpus-independent features of one document.

    ``source`` is the text the features were computed from (``chrome``: after stripping
    its chrome with :func:`newsclean.strip_chrome`),
    ``tokens`` its 32-bit token hashes, ``line_len`` the number of tokens of each line,
    ``line_hashes`` a 64-bit hash per line (0 for an empty line), ``prose`` whether each
    line is a paragraph (it ends a sentence or is long) rather than a headline, label or
    menu item, ``numeric`` whether each token holds a digit, and ``head_marker`` whether
    each of the first lines opens with an update marker.  ``date`` and ``agency`` come
    from an :class:`~newsclean.Article` input.
    """

    id: str
    source: str
    tokens: U32
    numeric: Bools
    line_len: npt.NDArray[np.uint32]
    line_hashes: U64
    prose: Bools
    head_marker: tuple[bool, ...] = ()
    date: str | None = None
    agency: str | None = None
    lang: str | None = None
    chrome: bool = False

    @property
    def n_tokens(self) -> int:
        return int(self.tokens.size)

    def token_lines(self) -> npt.NDArray[np.intp]:
        """The line index of every token."""
        return np.repeat(np.arange(self.line_len.size), self.line_len)

    def normalized(self) -> str:
        """The normalized text (tokens separated by blanks, lines by ``"\\n"``); its
        ``split()`` gives exactly the hashed tokens."""
        cps = fold_codepoints(_body(self.source, self.chrome, self.lang), lang=self.lang)
        plain = np.where(cps == MARK, np.uint32(0x20), cps)
        return str(plain.tobytes().decode("utf-32-le", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class Sketch:
    """The template-free view of a document used for candidates and verification.

    ``keep`` marks the tokens outside template lines; ``shingles`` are the ordered shingle
    hashes of the kept tokens, ``shingle_set`` their sorted unique values, ``fingerprints``
    the winnowed passage fingerprints, ``signature`` the MinHash, ``first_pos`` the position
    of each ``shingle_set`` value's first occurrence in ``shingles``, ``body_start`` the index
    (in kept tokens) where the body starts after a headline, and ``update_marker`` whether
    the headline opens with an update marker
    (``UPDATE 2-``, ``LATEST:``, ``تحديث:``; see ``data/dedup/update_markers.txt``).
    """

    keep: Bools
    shingles: U32
    shingle_set: U32
    first_pos: npt.NDArray[np.unsignedinteger[Any]]
    fingerprints: U32
    signature: U32
    body_start: int
    update_marker: bool = False

    @property
    def size(self) -> int:
        return int(self.shingle_set.size)


@lru_cache(maxsize=1)
def update_markers() -> frozenset[tuple[str, ...]]:
    """The normalized update markers of ``data/dedup/update_markers.txt``."""
    path = resources.files("newsclean").joinpath("data/dedup/update_markers.txt")
    out = set()
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words = tuple(normalize(line).split())
            if words:
                out.add(words)
    return frozenset(out)


def has_update_marker(headline: str) -> bool:
    """Whether a normalized headline opens with an update marker.

    >>> has_update_marker("update 2 oil prices rise"), has_update_marker("oil prices rise")
    (True, False)
    >>> has_update_marker("last updated 10 32 gmt")
    False
    """
    words = headline.split(maxsplit=4)[:4]
    if not words or words[0] not in _marker_starts():
        return False
    head = tuple(words)
    return any(head[: len(m)] == m for m in update_markers())


@lru_cache(maxsize=1)
def _marker_starts() -> frozenset[str]:
    return frozenset(m[0] for m in update_markers())


_HEAD_LINES = 4  # lines checked for an update marker
_HEAD_CHARS = 1200  # characters looked at for them


def _head_markers(cps: U32) -> tuple[bool, ...]:
    head = cps[:_HEAD_CHARS]
    head = np.where(head == MARK, np.uint32(0x20), head)
    lines = str(head.tobytes().decode("utf-32-le", "surrogatepass")).split("\n")
    return tuple(has_update_marker(line) for line in lines[:_HEAD_LINES])


#: The removals of :func:`newsclean.strip_chrome_explain` that fingerprinting applies: lines
#: with explicit evidence of being chrome.  Lines removed only for their position or shape
#: (``zone``, ``density``, ``menu``) and the headline (``title``) are kept: a missed chrome
#: line costs a copy a few shingles, but a short paragraph dropped from one copy and not
#: from another costs more, and the headline carries the update and follow-up markers.
SURE_CHROME = frozenset({"lexicon", "source-line", "breadcrumb", "punctuation", "site-template"})


def _without_sure_chrome(text: str, removed: Iterable[RemovedLine]) -> str:
    drop = {r.line_no for r in removed if r.reason in SURE_CHROME}
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(text.splitlines()) if i not in drop)


def _body(text: str, chrome: bool, lang: str | None) -> str:
    """``text`` without its sure chrome lines (see :data:`SURE_CHROME`)."""
    if not chrome:
        return text
    return _without_sure_chrome(text, strip_chrome_explain(text, lang=lang).removed)


def dedup_text(article: Article) -> tuple[str, bool]:
    """The text of a cleaned article that the engine fingerprints, and whether it still has
    to be stripped of chrome.

    A text dump that went through :func:`newsclean.clean` gives its decoded ``text`` without
    the lines the extract stage removed with sure evidence (:data:`SURE_CHROME`, read from
    ``article.removed``: no second chrome pass); an HTML page gives its extracted ``body``;
    an Article holding only raw ``text`` is stripped as the engine prepares it.

    >>> from newsclean import clean
    >>> dedup_text(clean("Breaking\\n\\nThe minister met his counterpart on Monday.\\n\\nShare"))
    ('\\nThe minister met his counterpart on Monday.\\n', False)
    """
    if article.raw_kind == "html" or not article.text:
        return article.body, False
    if article.body or article.removed:
        return _without_sure_chrome(article.text, article.removed), False
    return article.text, True


def prepare(
    items: Sequence[tuple[str, ...] | tuple[str, str, str | None, str | None, bool]],
    *,
    lang: str | None = None,
) -> list[DocFeatures]:
    """Features of a batch of ``(id, text)``, ``(id, text, date, agency)`` or ``(id, text,
    date, agency, strip)`` items (``strip``: remove chrome from ``text`` first)."""
    strip = [bool(item[4]) if len(item) > 4 else False for item in items]
    arrays = [
        fold_codepoints(_body(str(item[1]), s, lang), lang=lang)
        for item, s in zip(items, strip, strict=True)
    ]
    out = []
    for item, s, cps, ts in zip(items, strip, arrays, tokenize_batch(arrays), strict=True):
        line_len = ts.line_len
        prose = (line_len >= PROSE_LONG_TOKENS) | (ts.line_ends & (line_len >= PROSE_MIN_TOKENS))
        out.append(
            DocFeatures(
                id=str(item[0]),
                source=str(item[1]),
                tokens=ts.hashes,
                numeric=ts.numeric,
                line_len=line_len,
                line_hashes=ts.line_hashes,
                prose=prose,
                head_marker=_head_markers(cps),
                date=item[2] if len(item) > 2 else None,
                agency=item[3] if len(item) > 3 else None,
                lang=lang,
                chrome=s,
            )
        )
    return out


def template_mask(features: DocFeatures, templates: frozenset[int] | set[int]) -> Bools:
    """True for the lines of ``features`` that are site-template lines."""
    if not templates:
        return np.zeros(features.line_len.size, dtype=bool)
    return np.fromiter(
        (int(h) in templates for h in features.line_hashes),
        dtype=bool,
        count=features.line_hashes.size,
    )


def sketch(
    features: DocFeatures,
    templates: frozenset[int] | set[int],
    hasher: MinHasher,
    *,
    k: int,
    window: int,
) -> Sketch:
    """The sketch of one document with its template lines left out."""
    lines = features.token_lines()
    tpl = template_mask(features, templates)
    keep = ~tpl[lines] if tpl.any() else np.ones(lines.size, dtype=bool)
    kept_lines = lines[keep]
    sh = shingle_hashes(features.tokens[keep], k)
    # Headline: a short first line followed by more text.
    body_start = 0
    marker = False
    if kept_lines.size:
        first = kept_lines[0]
        n_first = int(np.searchsorted(kept_lines, first, side="right"))
        if n_first <= HEADLINE_MAX_TOKENS and n_first < kept_lines.size:
            body_start = n_first
            head = features.head_marker
            marker = int(first) < len(head) and head[int(first)]
    uniq, first_pos = unique_first(sh)
    if sh.size < 1 << 16:
        first_pos = first_pos.astype(np.uint16)
    return Sketch(
        keep=keep,
        shingles=sh,
        shingle_set=uniq,
        first_pos=first_pos,
        fingerprints=winnow(sh, window),
        signature=hasher.signature(sh),
        body_start=body_start,
        update_marker=marker,
    )


@dataclass(frozen=True, slots=True)
class Doc:
    """A document as the engine holds it: its features and its current sketch."""

    features: DocFeatures
    sketch: Sketch

    @property
    def id(self) -> str:
        return self.features.id

    def prose_tokens(self) -> Bools:
        """Whether each kept token lies in a prose line."""
        f = self.features
        return np.repeat(f.prose, f.line_len)[self.sketch.keep]

    def words(self, start: int, stop: int) -> list[str]:
        """Kept (non-template) words ``start:stop`` (without splitting the whole text)."""
        kept = np.flatnonzero(self.sketch.keep)
        if start >= kept.size or stop <= start:
            return []
        idx = kept[start : min(stop, kept.size)]
        words = self.features.normalized().split(maxsplit=int(idx[-1]) + 1)
        return [words[i] for i in idx.tolist()]

    def kept_words(self) -> list[str]:
        """The normalized words outside template lines (for explanations and checks)."""
        words = self.features.normalized().split()
        keep = self.sketch.keep
        if len(words) != keep.size:  # cannot happen: both come from one normalized text
            raise RuntimeError(f"token count mismatch in document {self.id!r}")
        return [w for w, k in zip(words, keep.tolist(), strict=True) if k]


def doc_nbytes(doc: Doc) -> int:
    """Bytes held for one indexed document (its arrays; the source text is the caller's)."""
    f, s = doc.features, doc.sketch
    arrays = (
        f.tokens,
        f.numeric,
        f.line_len,
        f.line_hashes,
        f.prose,
        s.keep,
        s.shingles,
        s.shingle_set,
        s.first_pos,
        s.fingerprints,
        s.signature,
    )
    return sum(a.nbytes for a in arrays)


def sketch_batch(
    feats: Sequence[DocFeatures],
    templates: frozenset[int] | set[int],
    hasher: MinHasher,
    *,
    k: int,
    window: int,
) -> list[Sketch]:
    """:func:`sketch` of many documents at once: shingle hashing, window minima and MinHash
    run once over the concatenated documents (the same sketches, with a fraction of the
    numpy calls)."""
    n = len(feats)
    if n == 0:
        return []
    keeps: list[Bools] = []
    kept: list[U32] = []
    heads: list[tuple[int, bool]] = []
    for f in feats:
        lines = f.token_lines()
        tpl = template_mask(f, templates)
        keep = ~tpl[lines] if tpl.any() else np.ones(lines.size, dtype=bool)
        kept_lines = lines[keep]
        body_start, marker = 0, False
        if kept_lines.size:
            first = int(kept_lines[0])
            n_first = int(np.searchsorted(kept_lines, first, side="right"))
            if n_first <= HEADLINE_MAX_TOKENS and n_first < kept_lines.size:
                body_start = n_first
                marker = first < len(f.head_marker) and f.head_marker[first]
        keeps.append(keep)
        kept.append(f.tokens[keep])
        heads.append((body_start, marker))
    sizes = np.fromiter((t.size for t in kept), dtype=np.int64, count=n)
    # Shingles of every document from one pass over the concatenated tokens; a document
    # shorter than k tokens has one shingle of all of them.
    all_tokens = np.concatenate(kept) if sizes.sum() else np.zeros(0, np.uint32)
    full = shingle_hashes(all_tokens, k) if all_tokens.size >= k else np.zeros(0, np.uint32)
    tok_off = np.concatenate(([0], np.cumsum(sizes)))
    shingles: list[U32] = []
    for d in range(n):
        size = int(sizes[d])
        if size >= k:
            shingles.append(full[tok_off[d] : tok_off[d] + size - k + 1])
        else:
            shingles.append(shingle_hashes(kept[d], k))
    n_sh = np.fromiter((s.size for s in shingles), dtype=np.int64, count=n)
    all_sh = np.concatenate(shingles) if n_sh.sum() else np.zeros(0, np.uint32)
    sh_off = np.concatenate(([0], np.cumsum(n_sh)))
    minima = window_minima(all_sh, window) if all_sh.size >= window else all_sh[:0]
    signatures = hasher.signatures_concat(all_sh, n_sh)
    out = []
    for d in range(n):
        sh = shingles[d]
        if sh.size <= window:
            fps = sorted_unique(sh)
        else:
            m = minima[sh_off[d] : sh_off[d] + sh.size - window + 1]
            change = np.empty(m.size, dtype=bool)
            change[0] = True
            np.not_equal(m[1:], m[:-1], out=change[1:])
            fps = sorted_unique(m[change])
        uniq, first_pos = unique_first(sh)
        if sh.size < 1 << 16:
            first_pos = first_pos.astype(np.uint16)
        out.append(
            Sketch(
                keep=keeps[d],
                shingles=sh,
                shingle_set=uniq,
                first_pos=first_pos,
                fingerprints=fps,
                signature=signatures[d],
                body_start=heads[d][0],
                update_marker=heads[d][1],
            )
        )
    return out


_PACKED_F = ("numeric", "line_len", "line_hashes", "prose")
_PACKED_S = ("keep", "shingles", "shingle_set", "first_pos", "fingerprints")


def pack_docs(feats: Sequence[DocFeatures], sketches: Sequence[Sketch]) -> dict[str, Any]:
    """Features (without source text and tokens) and sketches of many documents as a few
    concatenated arrays: what a worker process sends back, pickled at memcpy speed."""
    out: dict[str, Any] = {
        "ids": [f.id for f in feats],
        "meta": [(f.head_marker, f.date, f.agency, f.lang, f.chrome) for f in feats],
        "heads": np.array([(s.body_start, s.update_marker) for s in sketches], dtype=np.int64),
        "signature": np.stack([s.signature for s in sketches]) if sketches else None,
    }
    for prefix, objs, names in (("f.", feats, _PACKED_F), ("s.", sketches, _PACKED_S)):
        for name in names:
            arrays = [getattr(o, name) for o in objs]
            out[prefix + name] = np.concatenate(arrays) if arrays else np.zeros(0)
            out[prefix + name + ".n"] = np.fromiter((a.size for a in arrays), np.int64, len(arrays))
    return out


def unpack_docs(
    packed: dict[str, Any], sources: Sequence[str]
) -> tuple[list[DocFeatures], list[Sketch]]:
    """The inverse of :func:`pack_docs`, with each document's source text put back."""
    cols: dict[str, list[Any]] = {}
    for prefix, names in (("f.", _PACKED_F), ("s.", _PACKED_S)):
        for name in names:
            key = prefix + name
            bounds = np.concatenate(([0], np.cumsum(packed[key + ".n"]))).tolist()
            flat = packed[key]
            cols[key] = [flat[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]
    feats, sketches = [], []
    heads = packed["heads"].tolist()
    empty = np.zeros(0, dtype=np.uint32)
    for i, doc_id in enumerate(packed["ids"]):
        head_marker, date, agency, lang, chrome = packed["meta"][i]
        feats.append(
            DocFeatures(
                doc_id,
                sources[i],
                empty,
                cols["f.numeric"][i],
                cols["f.line_len"][i],
                cols["f.line_hashes"][i],
                cols["f.prose"][i],
                head_marker,
                date,
                agency,
                lang,
                chrome,
            )
        )
        first_pos = cols["s.first_pos"][i]
        sketches.append(
            Sketch(
                cols["s.keep"][i],
                cols["s.shingles"][i],
                cols["s.shingle_set"][i],
                first_pos if first_pos.size >= 1 << 16 else first_pos.astype(np.uint16),
                cols["s.fingerprints"][i],
                packed["signature"][i],
                heads[i][0],
                bool(heads[i][1]),
            )
        )
    return feats, sketches
