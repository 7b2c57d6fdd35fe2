"""Collector: find_duplicates over documents that arrive one at a time, already prepared.

``newsclean dedupe`` cleans records in worker processes, and the workers also compute each
article's features (:func:`~newsclean.dedup.features.prepare`: normalization, token and
line hashes).  The parent process only collects them: a :class:`Collector` keeps the
features of every document as a few compact arrays per chunk of documents (no Python
object per document) and their texts in a :class:`~newsclean.dedup.texts.TextSpill` on
disk.  :meth:`Collector.finish` then does what :func:`~newsclean.find_duplicates` does
once its documents are prepared -- site templates, sketches (into a
:class:`~newsclean.dedup.table.DocTable`, dropping the token hashes chunk by chunk),
candidates, verification, clusters -- and gives the same result.

>>> from newsclean.dedup.features import prepare
>>> story = "The cabinet approved the new budget on Sunday, the ministry said in a statement."
>>> docs = [("a", story), ("b", "RIYADH - " + story), ("c", "Other news entirely today.")]
>>> collector = Collector(DedupParams())
>>> for doc_id, text in docs:
...     collector.add(prepare([(doc_id, text)])[0], text)
>>> result = collector.finish()
>>> [c.ids for c in result.clusters]
[('a', 'b'), ('c',)]
>>> collector.close()
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from .engine import _close, _fork, _recv, _serve, _sketch_into_table, dedup_docs
from .features import DocFeatures, FeatureChunk
from .params import DedupParams
from .table import DocTable
from .templates import confirm_templates, content_fingerprints, template_candidates_flat
from .texts import TextSpill
from .types import DedupResult

__all__ = ["Collector"]

_CHUNK = 256  # documents compacted together
_MIN_PARALLEL_CHUNKS = 8  # fewer chunks are sketched by the parent alone


class Collector:
    """Collects prepared documents (:meth:`add`), then clusters them (:meth:`finish`)
    exactly as :func:`~newsclean.find_duplicates` would clusters the same texts in the
    same order.  Texts go to a temporary file in ``tmp_dir`` (``None``: the system's)."""

    def __init__(self, params: DedupParams, *, tmp_dir: str | None = None) -> None:
        self.params = params
        self.texts = TextSpill(tmp_dir)
        self._chunks: list[FeatureChunk] = []
        self._pending: list[DocFeatures] = []
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def add(self, features: DocFeatures, text: str) -> None:
        """Collect one document: its features (``features.source`` is not kept) and the
        text its words are read from (``text``: what ``features`` were computed from)."""
        self.texts.append(text)
        self._pending.append(features)
        self._n += 1
        if len(self._pending) >= _CHUNK:
            self._compact()

    def _compact(self) -> None:
        if self._pending:
            self._chunks.append(FeatureChunk(self._pending))
            self._pending = []

    def _locate(self) -> Iterator[tuple[int, FeatureChunk]]:
        first = 0
        for chunk in self._chunks:
            yield first, chunk
            first += chunk.n

    def finish(self, *, workers: int = 1, explain: bool = False) -> DedupResult:
        """Templates, sketches, candidates, verification and clusters of everything
        collected (with ``workers`` > 1, two processes sketch and ``workers`` verify)."""
        p = self.params
        t0 = time.perf_counter()
        self._compact()
        starts = [first for first, _ in self._locate()]
        # Site templates: lines held by many documents whose other content differs.
        pairs = [chunk.line_pairs(first) for first, chunk in self._locate()]
        hashes = np.concatenate([h for h, _ in pairs]) if pairs else np.zeros(0, np.uint64)
        docs = np.concatenate([d for _, d in pairs]) if pairs else np.zeros(0, np.int64)
        del pairs
        candidates = template_candidates_flat(hashes, docs, p.template_min_docs)
        del hashes, docs
        cand = set(candidates)
        cache: dict[int, Any] = {}

        def content(d: int) -> Any:
            if d not in cache:
                c = int(np.searchsorted(starts, d, side="right")) - 1
                f = self._chunks[c].features(d - starts[c])
                cache[d] = content_fingerprints(f, cand, k=p.k, window=p.window)
            return cache[d]

        templates = confirm_templates(candidates, content)
        cache.clear()
        t1 = time.perf_counter()
        # Sketches, chunk by chunk; each chunk's token hashes are dropped once sketched.
        self.texts.flush()
        table = DocTable(self.texts)
        chunks: list[FeatureChunk | None] = list(self._chunks)
        self._chunks = []
        if workers > 1 and len(chunks) >= _MIN_PARALLEL_CHUNKS:
            _sketch_in_two(chunks, templates, p, table)
        else:
            for c, chunk in enumerate(chunks):  # each chunk freed once sketched
                chunks[c] = None
                _sketch_into_table(_features_of(chunk), templates, p, table)
        del chunks
        t2 = time.perf_counter()
        result = dedup_docs(table, p, explain=explain, workers=workers)
        result.stats.update(
            {
                "templates_s": t1 - t0,
                "sketch_s": t2 - t1,
                "template_lines": len(templates),
                "seconds": time.perf_counter() - t0,
            }
        )
        return result

    def close(self) -> None:
        """Delete the texts' temporary file."""
        self.texts.close()


def _features_of(chunk: FeatureChunk | None) -> list[DocFeatures]:
    if chunk is None:  # cannot happen: each chunk is taken once
        raise RuntimeError("a chunk of documents was sketched twice")
    return chunk.all_features()


#: What the forked sketching helper inherits: the chunks, the templates and the parameters.
_SKETCH_STATE: tuple[list[FeatureChunk | None], frozenset[int], DedupParams] | None = None


def _sketch_worker(conn: Connection) -> None:
    """The forked helper of :func:`_sketch_in_two`: the table rows of the odd chunks (their
    sketches and the features the table keeps), sent in order."""
    _serve(conn, _odd_chunks)


def _odd_chunks() -> Iterator[list[dict[str, Any]]]:
    if _SKETCH_STATE is None:  # cannot happen: set before the fork
        raise RuntimeError("sketching helper started without documents")
    chunks, templates, p = _SKETCH_STATE
    for c in range(1, len(chunks), 2):
        feats = _features_of(chunks[c])
        chunks[c] = None
        part = DocTable(())  # the rows as the parent's table holds them: ready to add
        _sketch_into_table(feats, templates, p, part)
        yield part.chunks()


def _sketch_in_two(
    chunks: list[FeatureChunk | None], templates: frozenset[int], p: DedupParams, table: DocTable
) -> None:
    """Sketch ``chunks`` into ``table`` on two cores: the parent sketches the even chunks
    and a forked helper the odd ones, which it sends as soon as they are done.  The helper
    sketches chunk ``2m + 1`` while the parent sketches chunk ``2m``, so the two run side
    by side with one chunk in flight (no more memory than one process), and the rows are
    appended in their order: the same table as one process builds."""
    global _SKETCH_STATE
    ctx = multiprocessing.get_context("fork")
    _SKETCH_STATE = (chunks, templates, p)
    conn, proc = _fork(ctx, _sketch_worker)
    _SKETCH_STATE = None
    try:
        for c, chunk in enumerate(chunks):
            chunks[c] = None  # freed once appended (the helper holds its own reference)
            if c % 2 == 0:
                _sketch_into_table(_features_of(chunk), templates, p, table)
            else:
                table.extend(_recv(conn))
            del chunk
    finally:
        _close([conn], [proc])
