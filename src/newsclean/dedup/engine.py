"""find_duplicates: cluster the copies of one story, choose the canonical copy, explain.

The stages, each in its own module:

1. :mod:`~newsclean.dedup.features` -- chrome stripping (for raw text), language-aware
   normalization, token and line hashes (in ``workers`` processes);
2. :mod:`~newsclean.dedup.templates` -- lines repeated across many pages of a site;
3. :mod:`~newsclean.dedup.features` -- sketches: ordered shingles without template lines,
   passage fingerprints, MinHash signatures (:mod:`~newsclean.dedup.signatures`);
4. candidates -- MinHash LSH bands (:mod:`~newsclean.dedup.lsh`) and shared passages
   (:mod:`~newsclean.dedup.passages`);
5. :mod:`~newsclean.dedup.verify` -- exact Jaccard and containment, new-lead, template and
   date checks on each candidate pair;
6. :mod:`~newsclean.dedup.clusters` -- union-find with cannot-links;
7. :mod:`~newsclean.dedup.canonical` -- the canonical copy, and a :class:`Match` explaining
   every member against it.

>>> r = find_duplicates([("a", "Same story."), ("b", "same story"), ("c", "Other.")])
>>> r.assignments["a"] == r.assignments["b"] != r.assignments["c"]
True
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

import numpy as np
import numpy.typing as npt

from ..article import Article
from ..errors import NewscleanError
from ..gc_policy import fewer_collections
from .canonical import Candidate, explain_choice
from .clusters import cluster, pair_tie
from .features import (
    Doc,
    DocFeatures,
    Sketch,
    dedup_text,
    doc_nbytes,
    prepare,
    sketch_batch,
    sketch_columns,
)
from .lsh import band_keys, band_pairs, lsh_params
from .params import DedupParams
from .passages import passage_pairs_flat
from .shingles import join_tokens, token_unit
from .signatures import MinHasher
from .table import DocTable
from .templates import (
    confirm_templates,
    content_fingerprints,
    find_templates,
    line_sets,
    template_candidates,
)
from .types import Cluster, DedupResult, Match, join_reason
from .verify import (
    RELATIVE_CONFLICTS,
    Evidence,
    capped,
    explained_by,
    screened_out,
    verify,
)

__all__ = [
    "Doc",
    "dedup_docs",
    "find_duplicates",
    "make_match",
    "make_params",
    "sketch_docs",
    "to_items",
]

Item = tuple[str, str, str | None, str | None, bool]
"""``(id, text, date, agency, strip)``: ``strip`` marks raw ``text``, to be repaired
(mojibake) and stripped of chrome as it is prepared."""
DocInput = tuple[str, str] | Article

_CHUNK = 256  # documents sketched together
_PREPARE_CHUNK = 32  # documents tokenized together (their arrays stay in cache)
_MIN_PARALLEL = 512  # below this, worker start-up costs more than it saves


def to_items(docs: Iterable[DocInput], *, chrome: bool = True) -> list[Item]:
    """``(id, text, date, agency, strip)`` for each input; raw text is to be repaired and
    stripped of chrome (when ``chrome``) as it is prepared -- the caller's string is kept,
    not a copy.

    An :class:`~newsclean.Article` contributes its ``date``, its credited agency and the
    text :func:`~newsclean.dedup.features.dedup_text` gives.
    """
    if isinstance(docs, (str, bytes)) or not isinstance(docs, Iterable):
        raise NewscleanError(
            f"docs must be an iterable of (id, text) pairs or Articles, got {type(docs).__name__}"
        )
    items: list[Item] = []
    seen: set[str] = set()
    for i, d in enumerate(docs):
        if isinstance(d, Article):
            doc_id = d.id if d.id is not None else str(i)
            text, strip = dedup_text(d)
            item: Item = (doc_id, text, d.date, d.agency, strip and chrome)
        elif isinstance(d, tuple) and len(d) == 2:
            doc_id, text = str(d[0]), d[1]
            if not isinstance(text, str):
                raise NewscleanError(
                    f"document {doc_id!r}: text must be str, got {type(text).__name__}"
                )
            item = (doc_id, text, None, None, chrome)
        else:
            raise NewscleanError(
                f"document #{i}: expected an (id, text) pair or an Article, got {type(d).__name__}"
            )
        if item[0] in seen:
            raise NewscleanError(f"duplicate document id {item[0]!r}")
        seen.add(item[0])
        items.append(item)
    return items


def _prepare_all(items: Sequence[Item], lang: str | None) -> list[DocFeatures]:
    step = _PREPARE_CHUNK
    return [f for i in range(0, len(items), step) for f in prepare(items[i : i + step], lang=lang)]


def sketch_docs(
    feats: Sequence[DocFeatures], templates: frozenset[int], p: DedupParams
) -> list[Sketch]:
    """Sketches of prepared documents, template lines left out."""
    hasher = MinHasher(p.num_perm, p.seed)
    return [
        s
        for i in range(0, len(feats), _CHUNK)
        for s in sketch_batch(feats[i : i + _CHUNK], templates, hasher, k=p.k, window=p.window)
    ]


def _sketch_into_table(
    feats: list[DocFeatures], templates: frozenset[int], p: DedupParams, table: DocTable
) -> None:
    """Sketch ``feats`` chunk by chunk into ``table``, dropping each chunk's features
    (their token hashes are needed only to sketch) so that tokens and sketches never all
    coexist; ``feats`` is left empty."""
    hasher = MinHasher(p.num_perm, p.seed)
    for lo in range(0, len(feats), _CHUNK):
        chunk = feats[lo : lo + _CHUNK]
        cols = sketch_columns(chunk, templates, hasher, k=p.k, window=p.window, sets=False)
        table.append(chunk, cols)
        feats[lo : lo + _CHUNK] = [None] * len(chunk)  # type: ignore[list-item]
    feats.clear()


def _shard_worker(
    conn: Connection, items: Sequence[Item], lang: str | None, p: DedupParams
) -> None:
    """One worker process: features of its shard, content fingerprints on request, then
    sketches, sent as table chunks.  Talks to :func:`build_docs` over ``conn``."""
    try:
        feats = _prepare_all(items, lang)
        conn.send(line_sets(feats))
        candidates, wanted = conn.recv()
        cand = set(candidates)
        conn.send({i: content_fingerprints(feats[i], cand, k=p.k, window=p.window) for i in wanted})
        templates = conn.recv()
        table = DocTable(())
        _sketch_into_table(feats, templates, p, table)
        chunks = table.chunks()
        conn.send(len(chunks))
        for chunk in chunks:  # one message per chunk: bounded pickling buffers
            conn.send(chunk)
    except BaseException as exc:  # reported to the parent, which raises it
        conn.send(exc)
    finally:
        conn.close()


def _recv(conn: Connection) -> Any:
    try:
        msg = conn.recv()
    except EOFError as exc:  # the process died without a word (killed, out of memory)
        raise NewscleanError("a dedup worker died") from exc
    if isinstance(msg, BaseException):
        raise NewscleanError(f"a dedup worker failed: {msg!r}") from msg
    return msg


def _serve(conn: Connection, produce: Callable[[], Iterable[Any]]) -> None:
    """The body of a forked worker that only answers: every message ``produce`` yields is
    sent to the parent, then the pipe is closed; a failure is sent instead, and the parent's
    :func:`_recv` raises it."""
    try:
        for message in produce():
            conn.send(message)
    except BaseException as exc:  # reported to the parent, which raises it
        conn.send(exc)
    finally:
        conn.close()


def _fork(ctx: Any, target: Callable[..., None], *args: Any) -> tuple[Connection, Any]:
    """A forked worker process running ``target(conn, *args)``, and the parent's end of
    its pipe."""
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=target, args=(child, *args), daemon=True)
    proc.start()
    child.close()
    return parent, proc


def _close(conns: list[Connection], procs: list[Any]) -> None:
    """Close the pipes and reap the worker processes (terminated if still running)."""
    for conn in conns:
        conn.close()
    for proc in procs:
        proc.join(timeout=10)
        if proc.is_alive():
            proc.terminate()


def _build_parallel(
    items: Sequence[Item], p: DedupParams, workers: int, lang: str | None
) -> tuple[DocTable, frozenset[int]]:
    """:func:`build_docs` in ``workers`` processes: the parent takes the first shard itself
    (its features never cross a pipe) and ``workers - 1`` forked workers the others, each
    through the steps of :func:`_shard_worker`."""
    ctx = multiprocessing.get_context("fork")
    bounds = np.linspace(0, len(items), workers + 1).astype(int)
    shards = [(int(bounds[w]), int(bounds[w + 1])) for w in range(workers)]
    own_lo, own_hi = shards[0]
    conns, procs = [], []
    try:
        for lo, hi in shards[1:]:
            conn, proc = _fork(ctx, _shard_worker, items[lo:hi], lang, p)
            conns.append(conn)
            procs.append(proc)
        feats = _prepare_all(items[own_lo:own_hi], lang)
        per_doc = line_sets(feats) + [h for conn in conns for h in _recv(conn)]
        candidates = template_candidates(per_doc, p.template_min_docs)
        del per_doc
        wanted = sorted({d for docs in candidates.values() for d in docs})
        for (lo, hi), conn in zip(shards[1:], conns, strict=True):
            conn.send((list(candidates), [d - lo for d in wanted if lo <= d < hi]))
        cand = set(candidates)
        content: dict[int, Any] = {
            d: content_fingerprints(feats[d - own_lo], cand, k=p.k, window=p.window)
            for d in wanted
            if own_lo <= d < own_hi
        }
        for (lo, _), conn in zip(shards[1:], conns, strict=True):
            content.update({lo + i: fp for i, fp in _recv(conn).items()})
        templates = confirm_templates(candidates, content.__getitem__)
        for conn in conns:
            conn.send(templates)
        table = DocTable([item[1] for item in items])
        _sketch_into_table(feats, templates, p, table)
        for conn in conns:
            table.extend([_recv(conn) for _ in range(int(_recv(conn)))])
    finally:
        _close(conns, procs)
    return table, templates


def build_docs(
    items: Sequence[Item],
    p: DedupParams,
    *,
    workers: int = 1,
    lang: str | None = None,
) -> tuple[DocTable, frozenset[int], dict[str, float]]:
    """Features, templates and sketches of all ``items``, as a :class:`DocTable`.

    With ``workers > 1`` each worker process takes a contiguous shard: it prepares its
    documents, reports their line hashes, computes the content fingerprints the template
    check asks for, and sketches its documents once the templates are known.  Only line
    hashes, a few fingerprints and the finished columns cross process boundaries; the
    result is identical to one worker's.  Token hashes are only needed to sketch: they are
    dropped afterwards (verification works on the sketches).
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if workers > 1 and len(items) >= _MIN_PARALLEL:
        table, templates = _build_parallel(items, p, workers, lang)
        timings["build_s"] = time.perf_counter() - t0
    else:
        feats = _prepare_all(items, lang)
        timings["prepare_s"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        templates = find_templates(feats, min_docs=p.template_min_docs, k=p.k, window=p.window)
        timings["templates_s"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        table = DocTable([item[1] for item in items])
        _sketch_into_table(feats, templates, p, table)
        timings["sketch_s"] = time.perf_counter() - t2
    return table, templates, timings


def candidate_pairs(docs: Sequence[Doc], p: DedupParams) -> tuple[npt.NDArray[np.int64], int, int]:
    """Candidate pairs from LSH bands and shared passages (sorted, unique), and how many
    each source proposed."""
    if len(docs) < 2:
        return np.zeros((0, 2), dtype=np.int64), 0, 0
    bands, rows = lsh_params(p.lsh_threshold, p.num_perm)
    if isinstance(docs, DocTable):
        sigs = docs.signatures
        nonempty = docs.n_shingles() > 0
        fp_flat, n_fp = docs.fingerprints()
    else:
        sigs = np.stack([d.sketch.signature for d in docs])
        nonempty = np.array([d.sketch.size > 0 for d in docs])
        fps = [d.sketch.fingerprints for d in docs]
        n_fp = np.fromiter((f.size for f in fps), dtype=np.int64, count=len(fps))
        fp_flat = np.concatenate(fps) if n_fp.sum() else np.zeros(0, np.uint32)

    def lsh_pairs() -> npt.NDArray[np.int64]:
        pairs = band_pairs(band_keys(sigs, bands, rows))
        if pairs.size:  # an empty text has the all-max signature: kept out of the buckets
            pairs = pairs[nonempty[pairs[:, 0]] & nonempty[pairs[:, 1]]]
        return pairs

    # The two sources side by side: their sorts release the GIL, so on two cores the LSH
    # buckets are formed in a thread while this one pairs the shared passages.
    with ThreadPoolExecutor(1) as pool:
        lsh_future = pool.submit(lsh_pairs)
        pas, shared = passage_pairs_flat(fp_flat, n_fp, p.min_shared_passages)
        lsh = lsh_future.result()
    if pas.size:
        # Drop pairs whose shared fingerprints are a small share of the smaller document's
        # (an estimate of containment): chance overlaps of stock phrases.
        smaller = np.minimum(n_fp[pas[:, 0]], n_fp[pas[:, 1]])
        pas = pas[shared >= 0.5 * p.min_containment * smaller]
    both = np.concatenate((lsh, pas)) if pas.size else lsh
    if both.size == 0:
        return np.zeros((0, 2), dtype=np.int64), 0, 0
    keys = np.unique((both[:, 0] << 32) | both[:, 1])
    return np.stack((keys >> 32, keys & 0xFFFFFFFF), axis=1), int(lsh.shape[0]), int(pas.shape[0])


def cap_candidates(
    docs: Sequence[Doc], pairs: npt.NDArray[np.int64], p: DedupParams
) -> tuple[npt.NDArray[np.int64], int]:
    """``pairs`` (sorted ``(i, j)``, ``i < j``) without those :func:`~.verify.capped` leaves
    unverified: each document ``j`` keeps at most ``p.max_candidates`` of its earlier
    candidates ``i`` that pass screening, the most similar.  Only documents with more
    candidates than that are looked at (none, in most collections).  Also how many pairs
    were dropped."""
    limit = p.max_candidates
    if limit <= 0 or pairs.shape[0] <= limit:
        return pairs, 0
    later = pairs[:, 1]
    heavy = np.bincount(later, minlength=len(docs)) > limit
    if not heavy[later].any():
        return pairs, 0
    keep = np.ones(pairs.shape[0], dtype=bool)
    rows = np.flatnonzero(heavy[later])  # grouped by j within each i: regroup by j
    rows = rows[np.argsort(later[rows], kind="stable")]  # by j, then i (pairs are sorted)
    js = later[rows]
    bounds = np.flatnonzero(np.concatenate(([True], js[1:] != js[:-1], [True])))
    if isinstance(docs, DocTable):
        wanted = np.unique(pairs[rows].ravel()).tolist()
        sets = {i: s[0] for i, s in docs.row_sets(wanted).items()}
    else:
        sets = {i: docs[i].sketch.shingle_set for i in np.unique(pairs[rows].ravel()).tolist()}
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        group = rows[a:b]
        j = int(js[a])
        verdicts = capped(
            [(sets[j], sets[int(i)]) for i in pairs[group, 0]], p.min_containment, limit
        )
        keep[group] = verdicts
    return pairs[keep], int(np.count_nonzero(~keep))


def make_match(a: Doc, b: Doc, ev: Evidence, hasher_jaccard: float, decision: str) -> Match:
    """The :class:`Match` explaining ``b`` against ``a`` (a sample of their longest shared
    passage, in ``a``'s normalized words)."""
    return _match(a.id, b.id, a.words, ev, hasher_jaccard, decision)


def _match(
    a: str,
    b: str,
    words: Callable[[int, int], list[str]],
    ev: Evidence,
    hasher_jaccard: float,
    decision: str,
) -> Match:
    """:func:`make_match` of ``a`` and ``b`` given by id, ``words(start, stop)`` giving
    ``a``'s kept words."""
    start, n = ev.shared_run
    sample, unit = "", "words"
    if n:
        shared = words(start, start + min(n, 30))
        sample = join_tokens(shared) + (" ..." if n > 30 else "")
        unit = token_unit(shared)  # Chinese and Japanese tokens are characters
    notes = [ev.reason]
    if ev.passage_cover:
        notes.append(f"shared passages cover {ev.passage_cover:.0%} of the smaller text")
    if ev.longest:
        notes.append(f"longest shared passage: {ev.longest} {unit}")
    if ev.names:
        notes.append(
            "replaced words: "
            + ", ".join(
                f"{join_tokens(x.split())} / {join_tokens(y.split())}" for x, y in ev.names[:5]
            )
        )
    return scores_match(
        a, b, ev, hasher_jaccard, shared=sample, decision=decision, notes=tuple(notes)
    )


def scores_match(a: str, b: str, ev: Evidence, hasher_jaccard: float, **explained: Any) -> Match:
    """The :class:`Match` of ``b`` against ``a`` with its scores (rounded as reports show
    them) and what ``explained`` adds (``shared``, ``decision``, ``notes``): without it,
    the scores only, for a caller that reads the decision and not its explanation."""
    return Match(
        a=a,
        b=b,
        jaccard_est=round(hasher_jaccard, 4),
        jaccard=round(ev.jaccard, 4),
        containment=round(ev.containment, 4),
        **explained,
    )


def _id(docs: Sequence[Doc], i: int) -> str:
    return docs.ids[i] if isinstance(docs, DocTable) else docs[i].id


def cannot_links(
    evidence: dict[tuple[int, int], Evidence], docs: Sequence[Doc], p: DedupParams
) -> list[tuple[int, int]]:
    """The pairs that must stay apart.

    A *new lead* is relative: when outlet A keeps paragraphs 1-3 of a story and outlet B
    paragraphs 2-5, A has a "new lead" for B.  So a new-lead (or update-marker) conflict
    between ``x`` and ``y`` is dropped when a third text copies both and holds ``x``'s
    "new" passage: it was the story's own (a borrowed-background conflict, when it holds
    a good part of it: :data:`~newsclean.dedup.verify.OWN_SPAN_HELD`).  So is a
    lead-figures conflict, when a third text copies both and gives both figures: the two
    kept different paragraphs of it; and a background conflict whose own opening is one
    sentence telling the other's story, when a third text copies both: two outlets kept
    different paragraphs of the story, one under a rewritten first sentence
    (:func:`~newsclean.dedup.verify.explained_by` decides all three).  Numbers, names and
    dates always stand.
    """
    neighbours: dict[int, set[int]] = {}
    for (i, j), ev in evidence.items():
        if ev.duplicate:
            neighbours.setdefault(i, set()).add(j)
            neighbours.setdefault(j, set()).add(i)
    out = []
    for (i, j), ev in evidence.items():
        if not ev.conflict:
            continue
        if ev.kind in RELATIVE_CONFLICTS or ev.kind == "figures":
            x, y = (i, j) if _id(docs, i) == ev.lead_side else (j, i)
            common = neighbours.get(i, set()) & neighbours.get(j, set())
            if any(explained_by(docs[z], docs[x], docs[y], ev, p.k) for z in sorted(common)):
                continue
        out.append((i, j))
    return out


def _candidate(docs: Sequence[Doc], ids: list[str], i: int) -> Candidate:
    """Row ``i`` as a canonical-copy candidate (from a table's columns when it is one)."""
    if isinstance(docs, DocTable):
        date, agency, kept = docs.rank_fields(i)
        return Candidate(ids[i], i, date, agency, kept)
    d = docs[i]
    return Candidate(
        ids[i], i, d.features.date, d.features.agency, int(np.count_nonzero(d.sketch.keep))
    )


def _row_access(
    docs: Sequence[Doc],
) -> tuple[
    Callable[[int], npt.NDArray[np.uint32]], Callable[[int], Callable[[int, int], list[str]]]
]:
    """The signature and the ``words(start, stop)`` of a row, read from a table's columns
    without building the row's :class:`Doc` when ``docs`` is one."""
    if isinstance(docs, DocTable):
        sigs = docs.signatures
        table = docs
        return sigs.__getitem__, lambda i: partial(table.words, i)
    return (lambda i: docs[i].sketch.signature), (lambda i: docs[i].words)


def assemble(
    docs: Sequence[Doc],
    evidence: dict[tuple[int, int], Evidence],
    p: DedupParams,
    *,
    explain: bool = True,
    checked: npt.NDArray[np.int64] | None = None,
) -> tuple[list[Cluster], dict[str, int]]:
    """Clusters (with canonical copies and explanations) from verified pairs.

    ``evidence`` may hold only the pairs that are copies or conflicts when ``checked``
    gives the keys (``i << 32 | j``, sorted) of the other verified pairs: the evidence of
    one of those is computed again when a cluster needs it (the same evidence)."""
    edges = [(ev.score, i, j) for (i, j), ev in evidence.items() if ev.duplicate]
    cannot = cannot_links(evidence, docs, p)
    signature, words = _row_access(docs)
    shingles = (
        partial(docs.ragged, "shingles")
        if isinstance(docs, DocTable)
        else (lambda i: docs[i].sketch.shingles)
    )
    uf = cluster(len(docs), edges, cannot, lambda i, j: pair_tie(shingles(i), shingles(j)))
    groups: dict[int, list[int]] = {}
    for i in range(len(docs)):
        groups.setdefault(uf.find(i), []).append(i)
    ordered = sorted(groups.values(), key=lambda g: g[0])
    hasher = MinHasher(p.num_perm, p.seed)
    clusters: list[Cluster] = []
    assignments: dict[str, int] = {}
    ids = docs.ids if isinstance(docs, DocTable) else [d.id for d in docs]
    for cid, members in enumerate(ordered):
        if len(members) == 1:  # a story without copies: nothing to choose or explain
            doc_id = ids[members[0]]
            assignments[doc_id] = cid
            clusters.append(
                Cluster(id=cid, ids=(doc_id,), canonical=doc_id, similarity={doc_id: 1.0})
            )
            continue
        chosen, why = explain_choice([_candidate(docs, ids, i) for i in members])
        ci = members[[ids[i] for i in members].index(chosen)]
        similarity = {ids[ci]: 1.0}
        reasons: dict[str, str] = {}
        matches = []
        for i in members:
            assignments[ids[i]] = cid
            if i == ci:
                continue
            key = (min(i, ci), max(i, ci))
            direct = evidence.get(key)
            if direct is None and checked is not None and _has_key(checked, key):
                direct = verify(docs[key[0]], docs[key[1]], p)
            ev = direct if direct is not None else verify(docs[ci], docs[i], p)
            decision = "duplicate" if direct is not None and direct.duplicate else "linked"
            similarity[ids[i]] = round(ev.score, 4)
            reasons[ids[i]] = join_reason(decision == "duplicate", ev.reason)
            if explain:
                first = key[0] if direct is not None else ci  # the side of shared_run
                est = hasher.jaccard(signature(ci), signature(i))
                matches.append(_match(ids[ci], ids[i], words(first), ev, est, decision))
        clusters.append(
            Cluster(
                id=cid,
                ids=tuple(ids[i] for i in members),
                canonical=ids[ci],
                similarity=similarity,
                matches=tuple(matches),
                canonical_reason=why,
                reasons=reasons,
            )
        )
    return clusters, assignments


def find_duplicates(
    docs: Iterable[DocInput],
    *,
    threshold: float | None = None,
    workers: int = 1,
    params: DedupParams | None = None,
    chrome: bool = True,
    lang: str | None = None,
    explain: bool = True,
    **options: Any,
) -> DedupResult:
    """Cluster ``docs`` (``(id, text)`` pairs or Articles) into copies of one story.

    ``threshold`` is the Jaccard similarity at which two texts are copies outright (0.5 by
    default); every other setting is a :class:`~newsclean.dedup.params.DedupParams` field, given in
    ``params`` or by name (``containment=0.8``...).  ``workers`` processes prepare the
    documents; the result is the same for any number.  Raw text has its mojibake repaired
    and its chrome stripped first; ``chrome=False`` takes it as it is (text a pipeline
    already cleaned); ``explain=False`` leaves ``Cluster.matches`` empty (faster).

    >>> r = find_duplicates([("a", "Same story."), ("b", "same story"), ("c", "Other.")])
    >>> [c.ids for c in r.clusters]
    [('a', 'b'), ('c',)]
    >>> r.clusters[0].matches[0].decision
    'duplicate'
    """
    if workers < 1:
        raise NewscleanError(f"workers must be at least 1, got {workers}")
    p = make_params(params, threshold, options)
    t0 = time.perf_counter()
    with fewer_collections():  # millions of short-lived objects, no cycles to collect
        items = to_items(docs, chrome=chrome)
        built, templates, timings = build_docs(items, p, workers=workers, lang=lang)
        result = dedup_docs(built, p, explain=explain, workers=workers)
    result.stats.update(timings)
    result.stats["template_lines"] = len(templates)
    result.stats["seconds"] = time.perf_counter() - t0
    return result


def make_params(
    params: DedupParams | None, threshold: float | None, options: dict[str, Any]
) -> DedupParams:
    """Parameters from a ``DedupParams`` and/or keyword overrides (clear error if invalid)."""
    try:
        base = params if params is not None else DedupParams()
        if threshold is not None:
            options = {"threshold": threshold, **options}
        return replace(base, **options) if options else base
    except (TypeError, ValueError) as exc:
        raise NewscleanError(f"invalid dedup settings: {exc}") from exc


_VERIFY_STATE: _VerifyShare | None = None  # inherited by forked workers
_MIN_PARALLEL_PAIRS = 2000


_PAIR_BLOCK = 512  # pairs verified together: their documents are built at once


def _has_key(keys: npt.NDArray[np.int64], pair: tuple[int, int]) -> bool:
    k = (pair[0] << 32) | pair[1]
    at = int(np.searchsorted(keys, k))
    return at < keys.size and int(keys[at]) == k


Kept = tuple[list[tuple[int, int, Evidence]], npt.NDArray[np.int64]]


def _verify_kept(docs: Sequence[Doc], pairs: npt.NDArray[np.int64], p: DedupParams) -> Kept:
    """Verification of ``pairs``, keeping the evidence of copies and conflicts only.

    On a :class:`DocTable`, block by block: the shingle sets of a block's rows are
    computed together (:meth:`DocTable.row_sets`), the pairs they decide (empty text, low
    overlap) are set aside on them alone, and only the rows of the other pairs get their
    documents built.  Passage fingerprints shared by unrelated texts (stock sentences,
    boilerplate) propose many pairs that end here."""
    kept: list[tuple[int, int, Evidence]] = []
    others: list[int] = []

    def check(i: int, j: int) -> None:
        ev = verify(docs[i], docs[j], p)
        if ev.duplicate or ev.conflict:
            kept.append((i, j, ev))
        else:
            others.append((i << 32) | j)

    rows = [(int(i), int(j)) for i, j in pairs.tolist()]
    if not isinstance(docs, DocTable):
        for i, j in rows:
            check(i, j)
        return kept, np.array(others, dtype=np.int64)  # in pair order: sorted
    for lo in range(0, len(rows), _PAIR_BLOCK):
        block = rows[lo : lo + _PAIR_BLOCK]
        sets = docs.row_sets([x for pair in block for x in pair])
        full = []
        for i, j in block:
            if screened_out(sets[i][0], sets[j][0], p.min_containment):
                others.append((i << 32) | j)
            else:
                full.append((i, j))
        docs.prefetch([x for pair in full for x in pair], sets)
        for i, j in full:
            check(i, j)
    others.sort()  # screened and checked keys interleave within a block
    return kept, np.array(others, dtype=np.int64)


class _VerifyShare:
    """What the verification workers share: the documents, the chunks of pairs and the
    number of the next chunk to take (in shared memory: the parent and the forked workers
    take chunks from one counter, so a slower process simply takes fewer)."""

    def __init__(
        self, docs: Sequence[Doc], p: DedupParams, chunks: list[npt.NDArray[np.int64]], ctx: Any
    ) -> None:
        self.docs, self.p, self.chunks = docs, p, chunks
        self.next = ctx.Value("q", 0)

    def work(self) -> dict[int, Kept]:
        """Verify chunks until none is left; their results by chunk number."""
        done: dict[int, Kept] = {}
        while True:
            with self.next.get_lock():
                c = int(self.next.value)
                self.next.value = c + 1
            if c >= len(self.chunks):
                return done
            done[c] = _verify_kept(self.docs, self.chunks[c], self.p)


def _verify_worker(conn: Connection) -> None:
    """A forked verification worker: its share of the chunks, sent back over ``conn``."""
    _serve(conn, _verify_share)


def _verify_share() -> Iterator[dict[int, Kept]]:
    if _VERIFY_STATE is None:  # cannot happen: set before the fork
        raise RuntimeError("verification worker started without documents")
    yield _VERIFY_STATE.work()


def verify_kept(
    built: Sequence[Doc], pairs: npt.NDArray[np.int64], p: DedupParams, workers: int = 1
) -> tuple[dict[tuple[int, int], Evidence], npt.NDArray[np.int64]]:
    """Verification of the candidate ``pairs`` in ``workers`` forked processes (which inherit
    the documents instead of receiving them; only pair indices and evidence travel), keeping
    only what clustering needs: the evidence of the pairs
    that are copies or conflicts (in pair order), and the sorted keys (``i << 32 | j``) of
    the other verified pairs -- no :class:`Evidence` object per candidate pair, which at
    hundreds of thousands of documents means millions of them."""
    global _VERIFY_STATE
    if workers <= 1 or len(pairs) < _MIN_PARALLEL_PAIRS:
        results = [_verify_kept(built, pairs, p)]
    else:
        # The parent verifies too, with workers - 1 forked helpers: one fork fewer, and
        # the parent's documents and caches are already warm.
        step = max(1, len(pairs) // (workers * 8))
        chunks = [pairs[k : k + step] for k in range(0, len(pairs), step)]
        ctx = multiprocessing.get_context("fork")
        share = _VERIFY_STATE = _VerifyShare(built, p, chunks, ctx)
        conns, procs = [], []
        try:
            for _ in range(workers - 1):
                conn, proc = _fork(ctx, _verify_worker)
                conns.append(conn)
                procs.append(proc)
            done = share.work()
            for conn in conns:
                done.update(_recv(conn))
        finally:
            _VERIFY_STATE = None
            _close(conns, procs)
        results = [done[c] for c in range(len(chunks))]
    evidence = {(i, j): ev for kept, _ in results for i, j, ev in kept}
    others = [o for _, o in results if o.size]
    checked = np.sort(np.concatenate(others)) if others else np.zeros(0, dtype=np.int64)
    return evidence, checked


def _nbytes(built: Sequence[Doc]) -> int:
    if isinstance(built, DocTable):
        return built.nbytes()
    return sum(doc_nbytes(d) for d in built)


def dedup_docs(
    built: Sequence[Doc], p: DedupParams, *, explain: bool = True, workers: int = 1
) -> DedupResult:
    """Candidates, verification (in ``workers`` processes), clusters and explanations over
    prepared documents (in their input order)."""
    timings: dict[str, float] = {}
    t1 = time.perf_counter()
    pairs, n_lsh, n_passages = candidate_pairs(built, p)
    pairs, n_capped = cap_candidates(built, pairs, p)
    timings["candidates_s"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    evidence, checked = verify_kept(built, pairs, p, workers)
    del pairs
    timings["verify_s"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    clusters, assignments = assemble(built, evidence, p, explain=explain, checked=checked)
    timings["assemble_s"] = time.perf_counter() - t3
    stats: dict[str, Any] = {
        "docs": len(built),
        "candidates_lsh": n_lsh,
        "candidates_passages": n_passages,
        "candidates_capped": n_capped,
        "verified_pairs": len(evidence) + int(checked.size),
        "duplicate_pairs": sum(ev.duplicate for ev in evidence.values()),
        "conflicts": sum(ev.conflict for ev in evidence.values()),
        "bytes_per_doc": _nbytes(built) / max(1, len(built)),
        **timings,
    }
    return DedupResult(clusters, assignments, stats)
