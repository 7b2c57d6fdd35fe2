"""DuplicateIndex: the near-duplicate engine for streaming use.

Documents arrive one at a time: :meth:`DuplicateIndex.add` indexes one and returns the
stored documents it copies (or that copy it); :meth:`DuplicateIndex.query` asks the same
question without indexing; :meth:`DuplicateIndex.remove` forgets a document.  Decisions are
made by the same verification as :func:`~newsclean.find_duplicates` (same parameters, same
evidence); what differs while documents arrive is only what is known about site templates
(a line becomes a template once it has been seen on enough pages).
:meth:`DuplicateIndex.result` clusters everything indexed exactly as ``find_duplicates``
would on the same documents in the same order.

Storage is pluggable (:mod:`newsclean.dedup.store`): in memory by default, or a SQLite file
(:class:`~newsclean.dedup.sqlite_store.SQLiteStore`) that survives restarts.

>>> index = DuplicateIndex()
>>> story = "The cabinet approved the new budget on Sunday, the ministry said."
>>> index.add("a", story)
[]
>>> [m.b for m in index.add("b", "RIYADH - " + story)]
['a']
>>> [m.b for m in index.query(story.upper())]
['a', 'b']
>>> index.result().assignments["a"] == index.result().assignments["b"]
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from ..article import Article, evolve
from ..errors import IndexStoreError, NewscleanError
from .compare import verdict
from .engine import dedup_docs, make_match, make_params, scores_match, sketch_docs
from .features import Doc, DocFeatures, dedup_text, prepare, sketch, sketch_batch
from .lsh import MAX_BUCKET, band_keys, lsh_params
from .params import DedupParams
from .signatures import MinHasher
from .store import DocStore, MemoryStore
from .templates import LineStats, content_fingerprints, find_templates
from .types import DedupResult, Match
from .verify import Evidence, capped, screen, screened_out, verify

__all__ = ["DuplicateIndex"]

_MAX_POSTINGS = 16  # as passage_pairs: larger groups link to their first holder ...
_MAX_COMMON = 4096  # ... and groups this large are stock phrases


def _inverses(shingles: Sequence[npt.NDArray[np.uint32]]) -> list[npt.NDArray[np.uint32]]:
    """For each array, the index of each of its values among its sorted distinct values
    (:func:`~newsclean.dedup.passages.unique_inverse`), all arrays sorted at once.

    >>> [x.tolist() for x in _inverses([np.array([7, 3, 7], np.uint32), np.array([5], np.uint32)])]
    [[1, 0, 1], [0]]
    """
    sizes = np.fromiter(map(len, shingles), np.int64, len(shingles))
    if not sizes.sum():
        return [np.zeros(0, dtype=np.uint32) for _ in shingles]
    owner = np.repeat(np.arange(len(shingles), dtype=np.uint64), sizes)
    keys = (owner << np.uint64(32)) | np.concatenate(shingles).astype(np.uint64)
    distinct, inverse = np.unique(keys, return_inverse=True)
    # each array's first distinct value, subtracted from its values' global positions
    first = np.searchsorted(distinct, np.arange(len(shingles), dtype=np.uint64) << np.uint64(32))
    local = (inverse.ravel() - np.repeat(first, sizes)).astype(np.uint32)
    return np.split(local, np.cumsum(sizes)[:-1])


def _run_starts(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Where each of consecutive runs of ``counts`` items starts."""
    out = np.zeros(counts.size, dtype=np.int64)
    np.cumsum(counts[:-1], out=out[1:])
    return out


def _bucket(stored: Sequence[str], before: Sequence[str] = ()) -> Sequence[str]:
    """The holders of a band key a new document is compared with: all of them (``stored``
    then the batch's documents ``before`` it), or only the first when the bucket, the new
    document included, holds more than :data:`~newsclean.dedup.lsh.MAX_BUCKET` -- as
    :func:`~newsclean.dedup.lsh.band_pairs` links it.  Without this, a thousand copies of
    one page (an error or consent page a crawl met everywhere) cost a million
    verifications.

    >>> _bucket(["a", "b"], ["c"]), len(_bucket([str(i) for i in range(64)]))
    (['a', 'b', 'c'], 1)
    """
    if len(stored) + len(before) < MAX_BUCKET:
        return [*stored, *before]
    return [stored[0] if stored else before[0]]


def _add_band_candidates(
    built: Sequence[Doc],
    keys: list[list[int]],
    store_bands: dict[int, list[str]],
    found_sets: list[set[str]],
) -> None:
    """Add to each document's candidates those sharing one of its band ``keys``: the
    stored holders (``store_bands``) and the documents before it in the batch -- found
    with numpy over the whole batch (most keys have no other holder), then each document
    drops itself."""
    lengths = np.fromiter(map(len, keys), np.int64, len(keys))
    flat = np.fromiter((k for ks in keys for k in ks), np.uint64, int(lengths.sum()))
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), lengths)
    # each key's holders in the batch, in order; only keys held twice in the batch or
    # held in the store give candidates: each holder gets the stored holders and those
    # before it (:func:`_bucket`)
    order = np.lexsort((owner, flat))
    sorted_keys, holders = flat[order], owner[order]
    if sorted_keys.size:
        first = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
        ends = np.append(first[1:], sorted_keys.size)
        wanted = ends - first > 1
        if store_bands:
            stored_keys = np.fromiter(store_bands, np.uint64, len(store_bands))
            wanted |= np.isin(sorted_keys[first], stored_keys)
        for a, b in zip(first[wanted].tolist(), ends[wanted].tolist(), strict=True):
            stored = store_bands.get(int(sorted_keys[a]), [])
            group = holders[a:b].tolist()
            ids = [built[d].id for d in group]
            for j, d in enumerate(group):
                found_sets[d].update(_bucket(stored, ids[:j]) if stored or j else ())
    for doc, found in zip(built, found_sets, strict=True):
        found.discard(doc.id)


class DuplicateIndex:
    """An index of documents that answers "which stored documents does this one copy?".

    ``store`` is a :class:`~newsclean.dedup.store.DocStore` (a new :class:`MemoryStore` by
    default); ``params`` or keyword options set the :class:`DedupParams`; raw text has its
    mojibake repaired and its chrome stripped, unless ``chrome=False`` (text a pipeline
    already cleaned); ``lang`` is passed to normalization.

    A store remembers the settings its index used last; without ``params``, the index
    takes them, with the keyword options over them (an index built with
    ``threshold=0.6`` stays at 0.6).
    Other shingle or signature settings (:data:`~newsclean.dedup.store.FIXED_SETTINGS`)
    than its data was computed with raise :class:`~newsclean.IndexStoreError`; other
    decision settings decide the documents added from then on (earlier decisions stay)
    and are listed in ``settings_changed`` (name -> (the store's, now)).

    >>> index = DuplicateIndex(threshold=0.6)
    >>> DuplicateIndex(index.store).params.threshold
    0.6
    >>> DuplicateIndex(index.store, threshold=0.7).settings_changed
    {'threshold': (0.6, 0.7)}
    """

    def __init__(
        self,
        store: DocStore | None = None,
        *,
        params: DedupParams | None = None,
        chrome: bool = True,
        lang: str | None = None,
        **options: Any,
    ) -> None:
        self.store: DocStore = store if store is not None else MemoryStore()
        stored = self.store.settings()
        if params is None:  # the settings the store was used with, and ``options``
            used = {f.name: stored[f.name] for f in fields(DedupParams) if f.name in stored}
            options = {**used, **options}
        self.params = make_params(params, None, options)
        self.chrome = chrome
        self.lang = lang
        self._hasher = MinHasher(self.params.num_perm, self.params.seed)
        self._bands, self._rows = lsh_params(self.params.lsh_threshold, self.params.num_perm)
        settings = {"hash": "newsclean-shingles/1", **asdict(self.params)}
        self.store.check_settings(settings)
        self.settings_changed: dict[str, tuple[Any, Any]] = {
            k: (stored[k], v) for k, v in settings.items() if k in stored and stored[k] != v
        }
        persistent = getattr(self.store, "line_stats", None)
        if persistent is not None:  # the store keeps the line counts (an index file)
            self._lines: LineStats = persistent(self.params.template_min_docs)
        else:
            self._lines = LineStats(self.params.template_min_docs)
            for doc in self.store.docs():
                self._lines.add(doc.id, doc.features.line_hashes)

    # -- inputs -------------------------------------------------------------------------

    def _features(
        self, doc: str | Article, text: str | None, date: str | None, agency: str | None
    ) -> DocFeatures:
        if isinstance(doc, Article):
            doc_id = doc.id
            if doc_id is None:
                raise NewscleanError("an Article added to an index needs an id")
            body, strip = dedup_text(doc)  # the text find_duplicates reads of an Article
            item = (doc_id, body, date or doc.date, agency or doc.agency, strip and self.chrome)
        else:
            if not isinstance(text, str):
                raise NewscleanError(
                    f"document {doc!r}: text must be str, got {type(text).__name__}"
                )
            item = (str(doc), text, date, agency, self.chrome)
        return prepare([item], lang=self.lang)[0]

    def features_of(self, article: Article) -> DocFeatures:
        """The features :meth:`add` computes for an Article given without them."""
        return self._features(article, None, None, None)

    def _content(
        self,
        candidates: set[int],
        current: DocFeatures,
        pending: dict[str, DocFeatures] | None = None,
    ) -> Any:
        p = self.params
        # a store that reads a document's features alone (not its sketch) says so
        read = getattr(self.store, "features", None) or (lambda d: self.store.get(d).features)

        def content(doc_id: str) -> Any:
            f = current if doc_id == current.id else None
            if f is None and pending is not None:
                f = pending.get(doc_id)
            if f is None:
                f = read(doc_id)
            return content_fingerprints(f, candidates, k=p.k, window=p.window)

        return content

    def _templates(self, f: DocFeatures, pending: dict[str, DocFeatures] | None = None) -> set[int]:
        """The template lines of ``f`` (once its lines are counted); ``pending`` holds the
        features of documents counted but not stored yet."""
        if not self._lines.candidates(f.line_hashes):
            return set()
        return self._lines.templates(
            f.line_hashes, self._content(self._all_candidates(), f, pending)
        )

    def _sketch(self, f: DocFeatures) -> Doc:
        p = self.params
        templates = self._templates(f)
        return Doc(f, sketch(f, templates, self._hasher, k=p.k, window=p.window))

    def _all_candidates(self) -> set[int]:
        return self._lines.frequent

    # -- candidates and verification ----------------------------------------------------

    def _band_keys(self, doc: Doc) -> list[int]:
        if doc.sketch.size == 0:
            return []
        keys = band_keys(doc.sketch.signature[None, :], self._bands, self._rows)[0]
        return [int(k) for k in keys.tolist()]

    def _band_keys_many(self, docs: Sequence[Doc]) -> list[list[int]]:
        """:meth:`_band_keys` of several documents, computed together."""
        some = [i for i, d in enumerate(docs) if d.sketch.size]
        out: list[list[int]] = [[] for _ in docs]
        if some:
            sigs = np.stack([docs[i].sketch.signature for i in some])
            for i, keys in zip(
                some, band_keys(sigs, self._bands, self._rows).tolist(), strict=True
            ):
                out[i] = keys
        return out

    def _candidates(self, doc: Doc) -> list[str]:
        p = self.params
        found: set[str] = set()
        keys = self._band_keys(doc)
        fps = [int(fp) for fp in doc.sketch.fingerprints.tolist()]
        by_band = self.store.band_groups(keys)
        by_fp = self.store.passage_groups(fps, _MAX_POSTINGS, _MAX_COMMON)
        for key in keys:
            members = by_band.get(key)
            if members:
                found.update(_bucket(members))
        shared: Counter[str] = Counter()
        for fp in fps:
            n, members = by_fp.get(fp, (0, []))
            if n < _MAX_POSTINGS:
                shared.update(members)
            elif n < _MAX_COMMON:
                shared[members[0]] += 1  # a big group: linked to its first holder only
        n_fp = doc.sketch.fingerprints.size
        enough = [other for other, count in shared.items() if count >= p.min_shared_passages]
        # the other's size matters only when the shared count is small for this document's
        need = {o for o in enough if shared[o] < 0.5 * p.min_containment * n_fp}
        sizes = self.store.passage_counts(sorted(need)) if need else {}
        for other in enough:
            smaller = min(n_fp, sizes.get(other, 0)) if other in need else n_fp
            if shared[other] >= 0.5 * p.min_containment * smaller:
                found.add(other)
        found.discard(doc.id)
        seqs = self.store.seqs(sorted(found))
        return sorted(found, key=seqs.__getitem__)

    def _capped(
        self, doc: Doc, candidates: list[str], sets: dict[str, npt.NDArray[np.uint32]]
    ) -> list[str]:
        """The ``candidates`` (in insertion order) that ``doc`` is verified against:
        :func:`~.verify.capped`, as :func:`~newsclean.find_duplicates` does."""
        limit = self.params.max_candidates
        if limit <= 0 or len(candidates) <= limit:
            return candidates
        own = doc.sketch.shingle_set
        keep = capped([(own, sets[c]) for c in candidates], self.params.min_containment, limit)
        return [c for c, k in zip(candidates, keep, strict=True) if k]

    def _matches(self, doc: Doc) -> tuple[list[Match], dict[str, Evidence]]:
        matches: list[tuple[float, int, Match]] = []
        evidence: dict[str, Evidence] = {}
        candidates = self._candidates(doc)
        # most candidates share too little: decided by their shingle sets, not read whole
        sets = self.store.shingle_sets(candidates)
        candidates = self._capped(doc, candidates, sets)
        for other_id in candidates:
            ev = screen(doc.sketch.shingle_set, sets[other_id], self.params)
            if ev is not None:
                evidence[other_id] = ev
                continue
            other = self.store.get(other_id)
            ev = verify(doc, other, self.params)
            evidence[other_id] = ev
            if ev.duplicate:
                est = self._hasher.jaccard(doc.sketch.signature, other.sketch.signature)
                m = make_match(doc, other, ev, est, "duplicate")
                matches.append((-ev.score, self.store.seq(other_id), m))
        matches.sort(key=lambda t: (t[0], t[1]))
        return [m for _, _, m in matches], evidence

    # -- public API ---------------------------------------------------------------------

    def add(
        self,
        doc: str | Article,
        text: str | None = None,
        *,
        date: str | None = None,
        agency: str | None = None,
        features: DocFeatures | None = None,
    ) -> list[Match]:
        """Index a document (``add(id, text)`` or ``add(article)``) and return the stored
        documents it copies, best first.  ``features`` are the document's features when
        already prepared (:func:`~newsclean.dedup.features.prepare` of the same text, in a
        worker process); they are used as given.

        Raises :class:`~newsclean.IndexStoreError` when the id is already indexed.
        """
        f = features if features is not None else self._features(doc, text, date, agency)
        if f.id in self.store:
            raise IndexStoreError(f"document {f.id!r} is already indexed")
        with self.store.transaction():  # the line counts change with the document
            self._lines.add(f.id, f.line_hashes)
            built = self._sketch(f)
            matches, evidence = self._matches(built)
            self.store.put(built)
            self.store.add_postings(
                f.id, self._band_keys(built), [int(x) for x in built.sketch.fingerprints.tolist()]
            )
            for other_id, ev in evidence.items():
                if ev.duplicate or ev.conflict:
                    self.store.put_evidence(f.id, other_id, ev)
        return matches

    def add_batch(
        self, features: Sequence[DocFeatures], *, explain: bool = True
    ) -> list[list[Match]]:
        """Index several documents, given their features, and return for each the stored
        documents it copies, best first: exactly what :meth:`add` of each in turn returns
        (the earlier documents of the batch are candidates of the later ones), with the
        same rows written, but with the posting tables read once for the whole batch, the
        candidates' shingle sets read in one pass and the postings written together.
        With ``explain=False`` the matches hold their ids and scores only, without the
        sample of the shared passage and the notes (which cost the normalized text of
        every document matched), for a caller that needs the decisions only.

        Each document's line counts and sketch are updated in input order first (a sketch
        depends on the lines seen before it); the candidates of document ``i`` are the
        stored documents the batch's postings point to, merged with those of documents
        ``0..i-1``.  All or nothing only inside a transaction the caller can roll back: on
        an exception the store may hold part of the batch (a
        :class:`~newsclean.crawl_index.CrawlIndex` rolls back and adds one by one).

        >>> index = DuplicateIndex()
        >>> story = "The cabinet approved the new budget on Sunday, the ministry said."
        >>> fs = prepare([("a", story), ("b", "RIYADH - " + story), ("c", "Other news.")])
        >>> [[m.b for m in ms] for ms in index.add_batch(fs)]
        [[], ['a'], []]
        """
        ids = [f.id for f in features]
        if len(set(ids)) != len(ids):
            raise IndexStoreError("a batch holds the same document id twice")
        if not ids:
            return []
        for doc_id in sorted(self.store.seqs(ids), key=ids.index)[:1]:  # one query
            raise IndexStoreError(f"document {doc_id!r} is already indexed")
        p = self.params
        with self.store.transaction():
            # 1. line counts and sketches, in order; the documents are stored at once (a
            # later sketch may read an earlier document's features), their postings not yet
            pending: dict[str, DocFeatures] = {}
            templates: list[set[int]] = []
            with self._lines.batch([f.line_hashes for f in features]):  # one read, one write
                for f in features:
                    self._lines.add(f.id, f.line_hashes)
                    templates.append(self._templates(f, pending))
                    pending[f.id] = f
            built = self._sketch_many(features, templates)
            put_many = getattr(self.store, "put_many", None)
            if put_many is not None:
                put_many(built)
            else:
                for doc in built:
                    self.store.put(doc)
            keys = self._band_keys_many(built)
            fps: list[list[int]] = [d.sketch.fingerprints.tolist() for d in built]
            # 2. the stored postings of the whole batch, then each document's candidates
            store_bands = self.store.band_groups(sorted({k for ks in keys for k in ks}))
            seqs = self.store.seqs(ids)
            found_sets: list[set[str]]
            if getattr(self.store, "passage_holders", None) is not None:
                found_sets = self._passage_candidates(built, [seqs[i] for i in ids])
                _add_band_candidates(built, keys, store_bands, found_sets)
            else:
                found_sets = self._batch_candidates_all(built, keys, fps, store_bands)
            # the insertion numbers of all the candidates in one read, then each in order
            missing = sorted({d for found in found_sets for d in found if d not in seqs})
            if missing:
                seqs.update(self.store.seqs(missing))
            found_all = [sorted(found, key=seqs.__getitem__) for found in found_sets]
            # 3. screening on shingle sets read in one pass, verification, evidence
            in_batch = {d.id: d for d in built}
            stored = sorted(
                {c for cs in found_all for c in cs if c not in in_batch}, key=seqs.__getitem__
            )
            sets = self.store.shingle_sets(stored)
            out: list[list[Match]] = []
            verified: list[tuple[str, str, Evidence]] = []  # the pairs kept, in order
            for doc, candidates in zip(built, found_all, strict=True):
                matches: list[tuple[float, int, Match]] = []
                evidence: dict[str, Evidence] = {}
                own = {
                    c: in_batch[c].sketch.shingle_set if c in in_batch else sets[c]
                    for c in candidates
                }
                for other_id in self._capped(doc, candidates, own):
                    mate = in_batch.get(other_id)
                    other_set = own[other_id]
                    if screened_out(doc.sketch.shingle_set, other_set, p.min_containment):
                        continue  # too little overlap: neither a copy nor a conflict
                    other = mate if mate is not None else self.store.get(other_id)
                    ev = verify(doc, other, p)
                    evidence[other_id] = ev
                    if ev.duplicate:
                        est = self._hasher.jaccard(doc.sketch.signature, other.sketch.signature)
                        if explain:
                            m = make_match(doc, other, ev, est, "duplicate")
                        else:
                            m = scores_match(doc.id, other_id, ev, est)
                        matches.append((-ev.score, seqs[other_id], m))
                matches.sort(key=lambda t: (t[0], t[1]))
                out.append([m for _, _, m in matches])
                verified.extend(
                    (doc.id, other_id, ev)
                    for other_id, ev in evidence.items()
                    if ev.duplicate or ev.conflict
                )
            put_evidence_many = getattr(self.store, "put_evidence_many", None)
            if put_evidence_many is not None:
                put_evidence_many(verified)
            else:
                for a, b, ev in verified:
                    self.store.put_evidence(a, b, ev)
            # 4. the postings, in document order (so each key keeps its insertion order)
            add_many = getattr(self.store, "add_postings_many", None)
            rows = list(zip(ids, keys, fps, strict=True))
            if add_many is not None:
                add_many(rows)
            else:
                for doc_id, ks, xs in rows:
                    self.store.add_postings(doc_id, ks, xs)
        return out

    def _sketch_many(
        self, features: Sequence[DocFeatures], templates: Sequence[set[int]]
    ) -> list[Doc]:
        """:func:`~newsclean.dedup.features.sketch` of each document with its own template
        lines, most of them at once (:func:`~newsclean.dedup.features.sketch_batch` with
        the union of the batch's template lines, for the documents whose lines meet no
        template line of another document of the batch), the others one by one."""
        p = self.params
        union: set[int] = set().union(*templates)
        together = [
            i
            for i, (f, t) in enumerate(zip(features, templates, strict=True))
            if not union or union.intersection(f.line_hashes.tolist()) == t
        ]
        out: list[Doc | None] = [None] * len(features)
        sketches = sketch_batch(
            [features[i] for i in together], union, self._hasher, k=p.k, window=p.window
        )
        inverses = _inverses([sk.shingles for sk in sketches])  # as sketch() gives them
        for i, sk, inverse in zip(together, sketches, inverses, strict=True):
            if sk.shingles.size < 1 << 16:
                inverse = inverse.astype(np.uint16)
            out[i] = Doc(features[i], evolve(sk, inverse=inverse))
        for i, f in enumerate(features):
            if out[i] is None:
                out[i] = Doc(f, sketch(f, templates[i], self._hasher, k=p.k, window=p.window))
        return [d for d in out if d is not None]

    def _batch_candidates_all(
        self,
        built: Sequence[Doc],
        keys: list[list[int]],
        fps: list[list[int]],
        store_bands: dict[int, list[str]],
    ) -> list[set[str]]:
        """:meth:`_batch_candidates` of each document of a batch, in order."""
        store_fps = self.store.passage_groups(
            sorted({x for xs in fps for x in xs}), _MAX_POSTINGS, _MAX_COMMON
        )
        sizes: dict[str, int] = {}
        batch_bands: dict[int, list[str]] = {}
        batch_fps: dict[int, list[str]] = {}
        found_sets: list[set[str]] = []
        for doc, ks, xs in zip(built, keys, fps, strict=True):
            found_sets.append(
                self._batch_candidates(
                    doc, ks, xs, (store_bands, store_fps), (batch_bands, batch_fps), sizes
                )
            )
            for k in ks:
                batch_bands.setdefault(k, []).append(doc.id)
            for x in xs:
                batch_fps.setdefault(x, []).append(doc.id)
            sizes[doc.id] = len(xs)
        return found_sets

    def _passage_candidates(self, built: Sequence[Doc], batch_seqs: list[int]) -> list[set[str]]:
        """The candidates each document of a batch finds through shared passages (what
        :meth:`_batch_candidates` finds besides band keys), counted with numpy over the
        whole batch: the store lists each fingerprint's holders by number
        (``passage_holders``), and document ``i`` counts, for each of its fingerprints, the
        stored holders and those among documents ``0..i-1`` exactly as the loop does."""
        p = self.params
        store: Any = self.store  # a store that lists holders by number
        n_docs = len(built)
        fps = [d.sketch.fingerprints for d in built]
        lengths = np.fromiter(map(len, fps), np.int64, n_docs)
        total = int(lengths.sum())
        out: list[set[str]] = [set() for _ in built]
        if total == 0:
            return out
        occ_doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        occ_fp = np.concatenate(fps).astype(np.uint64)
        keys, inverse = np.unique(occ_fp, return_inverse=True)
        n_stored, h_start, h_taken, h_seqs = store.passage_holders(keys, _MAX_POSTINGS, _MAX_COMMON)
        # each fingerprint's occurrences, by document: the earlier ones are the batch's holders
        order = np.argsort(inverse.ravel(), kind="stable")
        key = inverse.ravel()[order]
        doc = occ_doc[order]
        pos = np.arange(total, dtype=np.int64)
        new_key = np.ones(total, dtype=bool)
        new_key[1:] = key[1:] != key[:-1]
        new_run = new_key.copy()
        new_run[1:] |= doc[1:] != doc[:-1]
        group = np.maximum.accumulate(np.where(new_key, pos, 0))
        mine = np.maximum.accumulate(np.where(new_run, pos, 0)) - group
        n = n_stored[key] + mine
        few = n < _MAX_POSTINGS
        some = ~few & (n < _MAX_COMMON)
        batch_seq = np.asarray(batch_seqs, dtype=np.int64)
        # (document, holder) once per shared fingerprint: the stored holders ...
        cnt = np.where(few, h_taken[key], 0)
        within = np.arange(int(cnt.sum()), dtype=np.int64) - np.repeat(_run_starts(cnt), cnt)
        pairs = [(np.repeat(doc, cnt), h_seqs[np.repeat(h_start[key], cnt) + within])]
        # ... the batch's earlier holders ...
        cnt = np.where(few, mine, 0)
        within = np.arange(int(cnt.sum()), dtype=np.int64) - np.repeat(_run_starts(cnt), cnt)
        pairs.append((np.repeat(doc, cnt), batch_seq[doc[np.repeat(group, cnt) + within]]))
        # ... or, for a big group, its first holder only
        big_stored = some & (n_stored[key] > 0)
        pairs.append((doc[big_stored], h_seqs[h_start[key[big_stored]]]))
        big_batch = some & (n_stored[key] == 0)
        pairs.append((doc[big_batch], batch_seq[doc[group[big_batch]]]))
        pair = np.concatenate([(d << 32) | h for d, h in pairs])
        combined, shared = np.unique(pair, return_counts=True)
        enough = shared >= p.min_shared_passages
        combined, shared = combined[enough], shared[enough]
        who, holder = combined >> 32, combined & 0xFFFFFFFF
        n_fp = lengths[who]
        smaller = n_fp.copy()
        # the other's size matters only when the shared count is small for this document
        need = np.flatnonzero(shared < 0.5 * p.min_containment * n_fp)
        if need.size:
            in_batch = {s: i for i, s in enumerate(batch_seqs)}
            stored = [int(h) for h in holder[need].tolist() if int(h) not in in_batch]
            names = store.names(np.asarray(stored, dtype=np.int64)) if stored else []
            counts = store.passage_counts(names) if names else {}
            size_of = {s: counts.get(name, 0) for s, name in zip(stored, names, strict=True)}
            size_of.update((s, int(lengths[i])) for s, i in in_batch.items())
            sizes = np.fromiter((size_of[int(h)] for h in holder[need].tolist()), np.int64)
            smaller[need] = np.minimum(n_fp[need], sizes)
        passed = shared >= 0.5 * p.min_containment * smaller
        who, holder = who[passed], holder[passed]
        in_batch_ids = dict(zip(batch_seqs, (d.id for d in built), strict=True))
        is_batch = np.isin(holder, batch_seq)
        stored_names = iter(store.names(holder[~is_batch]) if (~is_batch).any() else [])
        for w, h, b in zip(who.tolist(), holder.tolist(), is_batch.tolist(), strict=True):
            out[w].add(in_batch_ids[h] if b else next(stored_names))
        return out

    def _batch_candidates(
        self,
        doc: Doc,
        keys: list[int],
        fps: list[int],
        stored: tuple[dict[int, list[str]], dict[int, tuple[int, list[str]]]],
        batch: tuple[dict[int, list[str]], dict[int, list[str]]],
        sizes: dict[str, int],
    ) -> set[str]:
        """:meth:`_candidates` of ``doc`` from the stored postings read for its batch
        (``stored``: band groups and passage groups) and the postings of the batch's
        earlier documents (``batch``: band key and fingerprint -> ids, in order), as the
        store would answer once those were written.  ``sizes`` caches passage counts."""
        p = self.params
        store_bands, store_fps = stored
        batch_bands, batch_fps = batch
        found: set[str] = set()
        for key in keys:
            held, before = store_bands.get(key, []), batch_bands.get(key, [])
            if held or before:
                found.update(_bucket(held, before))
        shared: Counter[str] = Counter()
        for fp in fps:
            n_stored, members = store_fps.get(fp, (0, []))
            mine = batch_fps.get(fp, [])
            n = n_stored + len(mine)
            if n < _MAX_POSTINGS:  # then every stored holder was read
                shared.update(members)
                shared.update(mine)
            elif n < _MAX_COMMON:  # a big group: linked to its first holder only
                shared[members[0] if n_stored else mine[0]] += 1
        n_fp = doc.sketch.fingerprints.size
        enough = [other for other, count in shared.items() if count >= p.min_shared_passages]
        need = {o for o in enough if shared[o] < 0.5 * p.min_containment * n_fp}
        unknown = sorted(o for o in need if o not in sizes)
        if unknown:
            counts = self.store.passage_counts(unknown)
            sizes.update((o, counts.get(o, 0)) for o in unknown)
        for other in enough:
            smaller = min(n_fp, sizes[other]) if other in need else n_fp
            if shared[other] >= 0.5 * p.min_containment * smaller:
                found.add(other)
        found.discard(doc.id)
        return found

    def memory_state(self) -> tuple[set[int], dict[int, tuple[int, bool]]]:
        """What the index keeps in memory besides its store (the frequent lines and the
        template decisions), to :meth:`restore_memory_state` when the caller rolls the
        store back."""
        return set(self._lines.frequent), dict(self._lines._confirmed)

    def restore_memory_state(self, state: tuple[set[int], dict[int, tuple[int, bool]]]) -> None:
        """Put back a :meth:`memory_state`."""
        self._lines.frequent, self._lines._confirmed = set(state[0]), dict(state[1])

    def add_many(self, docs: Iterable[tuple[str, str] | Article]) -> None:
        """Index several documents (``(id, text)`` pairs or Articles) in one transaction."""
        with self.store.transaction():
            for d in docs:
                if isinstance(d, Article):
                    self.add(d)
                else:
                    self.add(d[0], d[1])

    def query(
        self,
        text: str | Article,
        *,
        date: str | None = None,
        agency: str | None = None,
    ) -> list[Match]:
        """The stored documents that ``text`` copies (or that copy it), best first; each
        :class:`Match` has ``a="<query>"`` (or the Article's id) and ``b`` the stored id."""
        return self._matches(self._query_doc(text, date, agency))[0]

    def _query_doc(self, text: str | Article, date: str | None, agency: str | None) -> Doc:
        """A text or Article sketched as a query (named ``<query>`` unless an Article)."""
        if isinstance(text, Article):
            return self._sketch(self._features(text, None, date, agency))
        return self._sketch(self._features("<query>", text, date, agency))

    def compare(
        self,
        text: str | Article,
        doc_id: str,
        *,
        date: str | None = None,
        agency: str | None = None,
    ) -> Match:
        """Whether ``text`` copies the stored document ``doc_id``, and why, either way: the
        :class:`Match` :meth:`query` would list (``decision="duplicate"``), or the one it
        leaves out (``"different"``, the reason first in ``notes``) -- judged as
        :meth:`query` judges, with the site templates the index has learned (unlike
        :func:`~newsclean.compare` of two texts alone).  Nothing is stored.  Raises
        :class:`~newsclean.IndexStoreError` when ``doc_id`` is not indexed.

        >>> idx = DuplicateIndex()
        >>> story = "The cabinet approved the new budget on Sunday, the ministry said."
        >>> idx.add("a", story)
        []
        >>> idx.compare("Sport results of the weekend, in full.", "a").notes[0]
        'low overlap'
        """
        other = self.store.get(doc_id)
        built = self._query_doc(text, date, agency)
        return verdict(built, other, doc_id in self._candidates(built), self.params)

    def remove(self, doc_id: str) -> None:
        """Forget a document (its features, postings and verified pairs)."""
        doc = self.store.get(doc_id)
        with self.store.transaction():
            self.store.delete(doc_id)
            self._lines.remove(doc_id, doc.features.line_hashes)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.store

    def __len__(self) -> int:
        return len(self.store)

    def result(self, *, explain: bool = True) -> DedupResult:
        """Clusters of everything indexed, exactly as :func:`~newsclean.find_duplicates`
        makes them from the same documents in insertion order (templates, sketches and
        verification recomputed over the whole index)."""
        p = self.params
        feats = [self.store.get(i).features for i in self.store.ids()]
        templates = find_templates(feats, min_docs=p.template_min_docs, k=p.k, window=p.window)
        built = [Doc(f, s) for f, s in zip(feats, sketch_docs(feats, templates, p), strict=True)]
        result = dedup_docs(built, p, explain=explain)
        result.stats["template_lines"] = len(templates)
        return result

    def signature(self, doc_id: str) -> Any:
        """The stored document's MinHash as a ``datasketch.MinHash`` (for ``MinHashLSH``)."""
        return self._hasher.to_datasketch(self.store.get(doc_id).sketch.signature)

    def close(self) -> None:
        """Close the store (a SQLite store commits and closes its file)."""
        self.store.close()

    def __enter__(self) -> DuplicateIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
