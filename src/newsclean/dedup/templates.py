"""Site-template lines: lines repeated across many documents that are not one story.

A site prints the same header, category label, share buttons, "related stories" heading
and copyright footer on every page.  Two different stories from one site share those lines
and can look alike; two copies of one story from different sites differ by them.  Chrome
stripping (:mod:`newsclean.chrome`) removes what it recognizes; this module finds the rest
from the corpus itself.

A line is a *template candidate* when it appears in at least ``min_docs`` documents.  The
paragraphs of a story republished by many sites repeat just as often, so a candidate is
confirmed only when the documents holding it are *diverse*: the rest of their content (the
text outside candidate lines, as passage fingerprints) is mostly different.  With ``n``
sampled documents holding the line, the union of their fingerprints is about ``n`` times a
single document's for different stories, and about one document's for copies of one story.

>>> import numpy as np
>>> same = [np.arange(10, dtype=np.uint32)] * 4
>>> different = [np.arange(i * 10, i * 10 + 10, dtype=np.uint32) for i in range(4)]
>>> is_diverse(same), is_diverse(different)
(False, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt

from .features import DocFeatures
from .passages import winnow
from .shingles import shingle_hashes

__all__ = [
    "DEFAULT_MIN_DOCS",
    "LineStats",
    "confirm_templates",
    "content_fingerprints",
    "distinct_lines",
    "find_templates",
    "is_diverse",
    "line_sets",
    "template_candidates",
    "template_candidates_flat",
]

U32 = npt.NDArray[np.uint32]

DEFAULT_MIN_DOCS = 8
"""A line must appear in this many documents to be a template candidate."""

SAMPLE = 12
"""Documents holding a candidate line that are compared to confirm it."""

_MIN_FINGERPRINTS = 3


def is_diverse(fingerprints: Sequence[U32]) -> bool:
    """Whether these documents (their content outside candidate lines) are different texts.

    Documents with fewer than three fingerprints left say nothing; with fewer than two
    informative documents the answer is False (keep the line: it may be the story itself).
    """
    informative = [f for f in fingerprints if f.size >= _MIN_FINGERPRINTS]
    if len(informative) < 2:
        return False
    union = np.unique(np.concatenate(informative)).size
    mean = sum(f.size for f in informative) / len(informative)
    return union / mean >= max(2.0, len(informative) / 3.0)


def content_fingerprints(f: DocFeatures, candidates: set[int], *, k: int, window: int) -> U32:
    """Passage fingerprints of a document's text outside the ``candidates`` lines."""
    cand = np.fromiter((int(h) in candidates for h in f.line_hashes), bool, f.line_hashes.size)
    keep = ~cand[f.token_lines()]
    return winnow(shingle_hashes(f.tokens[keep], k), window)


def distinct_lines(line_hashes: Iterable[npt.NDArray[np.uint64]]) -> set[int]:
    """The distinct non-empty line hashes of several documents together."""
    hashes: set[int] = set()
    for lh in line_hashes:
        hashes.update(lh.tolist())
    hashes.discard(0)
    return hashes


def line_sets(features: Sequence[DocFeatures]) -> list[npt.NDArray[np.uint64]]:
    """The distinct non-empty line hashes of each document."""
    return [h[h != 0] for h in (np.unique(f.line_hashes) for f in features)]


def template_candidates(
    per_doc: Sequence[npt.NDArray[np.uint64]], min_docs: int
) -> dict[int, list[int]]:
    """Lines held by at least ``min_docs`` documents, each with the first :data:`SAMPLE`
    documents holding it (indices into ``per_doc``, the distinct non-empty line hashes of
    each document)."""
    if not per_doc:
        return {}
    hashes = np.concatenate(per_doc)
    doc = np.repeat(np.arange(len(per_doc)), [h.size for h in per_doc])
    return _candidates_of_pairs(hashes, doc, min_docs)


def template_candidates_flat(
    hashes: npt.NDArray[np.uint64], docs: npt.NDArray[np.int64], min_docs: int
) -> dict[int, list[int]]:
    """:func:`template_candidates` from every (line hash, document) of a corpus, non-empty
    lines only, repeats within a document allowed.

    >>> h = np.array([5, 5, 7, 5, 7], dtype=np.uint64)
    >>> template_candidates_flat(h, np.array([0, 0, 0, 1, 2]), 2)
    {5: [0, 1], 7: [0, 2]}
    """
    if hashes.size == 0 or min_docs < 2:
        return {}
    order = np.lexsort((docs, hashes))
    h, d = hashes[order], docs[order]
    distinct = np.ones(h.size, dtype=bool)
    distinct[1:] = (h[1:] != h[:-1]) | (d[1:] != d[:-1])
    return _candidates_of_pairs(h[distinct], d[distinct], min_docs)


def _candidates_of_pairs(
    hashes: npt.NDArray[np.uint64], doc: npt.NDArray[np.int64], min_docs: int
) -> dict[int, list[int]]:
    """Candidates from distinct (line hash, document) pairs."""
    if hashes.size == 0 or min_docs < 2:
        return {}
    uniq, counts = np.unique(hashes, return_counts=True)
    cand = uniq[counts >= min_docs]
    if cand.size == 0:
        return {}
    is_cand = np.isin(hashes, cand)
    ch, cd = hashes[is_cand], doc[is_cand]
    order = np.lexsort((cd, ch))
    ch, cd = ch[order], cd[order]
    starts = np.flatnonzero(np.concatenate(([True], ch[1:] != ch[:-1])))
    ends = np.concatenate((starts[1:], [ch.size]))
    return {
        int(ch[s]): cd[s : min(e, s + SAMPLE)].tolist() for s, e in zip(starts, ends, strict=True)
    }


def confirm_templates(
    candidates: dict[int, list[int]], content: Callable[[int], U32]
) -> frozenset[int]:
    """The candidates whose sampled documents are diverse; ``content(i)`` gives document
    ``i``'s fingerprints outside all candidate lines."""
    return frozenset(h for h, docs in candidates.items() if is_diverse([content(d) for d in docs]))


def find_templates(
    features: Sequence[DocFeatures],
    *,
    min_docs: int = DEFAULT_MIN_DOCS,
    k: int = 3,
    window: int = 12,
) -> frozenset[int]:
    """The hashes of the template lines of a corpus (all documents known at once)."""
    candidates = template_candidates(line_sets(features), min_docs)
    if not candidates:
        return frozenset()
    cand = set(candidates)
    cache: dict[int, U32] = {}

    def content(d: int) -> U32:
        if d not in cache:
            cache[d] = content_fingerprints(features[d], cand, k=k, window=window)
        return cache[d]

    return confirm_templates(candidates, content)


class LineStats:
    """Streaming line counts for :class:`~newsclean.dedup.index.DuplicateIndex`.

    Keeps the number of documents holding each line and the first :data:`SAMPLE` of them;
    :meth:`templates` confirms candidates with :func:`is_diverse`, given a function that
    returns a stored document's content fingerprints.  The counts live in memory here; a
    subclass keeps them elsewhere by overriding :meth:`_rows` and :meth:`_save`, or derives
    them from its documents (an index file:
    :class:`~newsclean.dedup.sqlite_store.SQLiteLineStats`).
    """

    def __init__(self, min_docs: int = DEFAULT_MIN_DOCS) -> None:
        self.min_docs = min_docs
        self.counts: dict[int, int] = {}
        self.postings: dict[int, list[str]] = {}
        self.frequent: set[int] = set()  # the lines held by at least ``min_docs`` documents
        self._confirmed: dict[int, tuple[int, bool]] = {}
        # inside :meth:`batch`: the rows of the batch's lines (None: unknown line) and
        # the lines changed since the batch began
        self._overlay: dict[int, tuple[int, list[str]] | None] | None = None
        self._dirty: set[int] = set()

    # -- storage (in memory) --------------------------------------------------------------

    def _rows(self, hashes: list[int]) -> dict[int, tuple[int, list[str]]]:
        """``(count, sample)`` of the known lines among ``hashes``."""
        return {h: (self.counts[h], self.postings[h]) for h in hashes if h in self.counts}

    def _save(self, rows: dict[int, tuple[int, list[str]]]) -> None:
        """Store new ``(count, sample)`` of lines (a count of 0 forgets the line)."""
        for h, (count, sample) in rows.items():
            if count <= 0:
                self.counts.pop(h, None)
                self.postings.pop(h, None)
            else:
                self.counts[h] = count
                self.postings[h] = sample

    # -- storage, through the batch overlay ---------------------------------------------

    def _get(self, hashes: list[int]) -> dict[int, tuple[int, list[str]]]:
        """:meth:`_rows`, answered from the batch overlay when one is open."""
        overlay = self._overlay
        if overlay is None:
            return self._rows(hashes)
        out: dict[int, tuple[int, list[str]]] = {}
        missing = []
        for h in hashes:
            if h in overlay:
                row = overlay[h]
                if row is not None:
                    out[h] = row
            else:
                missing.append(h)
        if missing:
            read = self._rows(missing)
            for h in missing:
                overlay[h] = read.get(h)
            out.update(read)
        return out

    def _put(self, rows: dict[int, tuple[int, list[str]]]) -> None:
        """:meth:`_save`, kept in the batch overlay when one is open."""
        overlay = self._overlay
        if overlay is None:
            self._save(rows)
            return
        for h, row in rows.items():
            overlay[h] = row if row[0] > 0 else None
            self._dirty.add(h)

    @contextmanager
    def batch(self, line_hashes: Sequence[npt.NDArray[np.uint64]]) -> Iterator[None]:
        """Count the lines of several documents with one read and one write of the
        stored rows: the rows of all ``line_hashes`` are read on entry, kept in memory
        while documents are added (each sees the counts of those added before it) and
        written on exit, also when an exception leaves (as adding them one by one would
        have written them)."""
        if self._overlay is not None:  # nested: the open batch already holds the rows
            yield
            return
        wanted = sorted(distinct_lines(line_hashes))
        read = self._rows(wanted)
        self._overlay = {h: read.get(h) for h in wanted}
        self._dirty = set()
        try:
            yield
        finally:
            rows = {h: self._overlay.get(h) or (0, []) for h in sorted(self._dirty)}
            self._overlay, self._dirty = None, set()
            if rows:
                self._save(rows)

    # -- counting --------------------------------------------------------------------------

    def add(self, doc_id: str, line_hashes: npt.NDArray[np.uint64]) -> None:
        hashes = sorted(set(line_hashes.tolist()) - {0})
        known = self._get(hashes)
        rows = {}
        for h in hashes:
            count, sample = known.get(h, (0, []))
            count += 1
            if count >= self.min_docs:
                self.frequent.add(h)
            rows[h] = (count, [*sample, doc_id] if len(sample) < SAMPLE else sample)
        self._put(rows)

    def remove(self, doc_id: str, line_hashes: npt.NDArray[np.uint64]) -> None:
        hashes = sorted(set(line_hashes.tolist()) - {0})
        rows = {}
        for h, (count, sample) in self._get(hashes).items():
            count -= 1
            if count < self.min_docs:
                self.frequent.discard(h)
            if count <= 0:
                self._confirmed.pop(h, None)
            rows[h] = (count, [d for d in sample if d != doc_id] if doc_id in sample else sample)
        self._put(rows)

    def candidates(self, line_hashes: npt.NDArray[np.uint64]) -> set[int]:
        if self.min_docs < 2:
            return set()
        frequent = self.frequent
        return {h for h in line_hashes.tolist() if h in frequent}

    def templates(
        self, line_hashes: npt.NDArray[np.uint64], content: Callable[[str], U32]
    ) -> set[int]:
        """The template lines among ``line_hashes``; ``content(id)`` gives a stored
        document's fingerprints.  A decision is cached until the line's count doubles."""
        out = set()
        candidates = self.candidates(line_hashes)
        rows = self._get(sorted(candidates)) if candidates else {}
        for h in candidates:
            count, sample = rows[h]
            cached = self._confirmed.get(h)
            if cached is None or count >= 2 * cached[0]:
                decision = is_diverse([content(d) for d in sample])
                self._confirmed[h] = (count, decision)
            elif cached is not None:
                decision = cached[1]
            if decision:
                out.add(h)
        return out
