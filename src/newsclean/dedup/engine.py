"""find_duplicates: cluster copies of one story.

Placeholder of the foundation skeleton (exact duplicates of the normalized text only);
issue #5 brings MinHash LSH, verification, canonical choice and explanations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..article import Article
from ..normalize import normalize
from .signatures import exact_fingerprint
from .types import Cluster, DedupResult

Doc = tuple[str, str] | Article


def _pairs(docs: Iterable[Doc]) -> Iterable[tuple[str, str]]:
    for i, d in enumerate(docs):
        if isinstance(d, Article):
            yield (d.id if d.id is not None else str(i)), d.body
        else:
            doc_id, text = d
            yield str(doc_id), text


def find_duplicates(
    docs: Iterable[Doc], *, threshold: float = 0.5, workers: int = 1, **options: Any
) -> DedupResult:
    """Cluster ``docs`` (``(id, text)`` pairs or Articles) into copies of one story.

    >>> r = find_duplicates([("a", "Same story."), ("b", "same story"), ("c", "Other.")])
    >>> r.assignments["a"] == r.assignments["b"] != r.assignments["c"]
    True
    """
    groups: dict[int, list[str]] = {}
    order: list[int] = []
    for doc_id, text in _pairs(docs):
        fp = exact_fingerprint(normalize(text))
        if fp not in groups:
            groups[fp] = []
            order.append(fp)
        groups[fp].append(doc_id)
    clusters = []
    assignments: dict[str, int] = {}
    for cid, fp in enumerate(order):
        ids = tuple(groups[fp])
        clusters.append(Cluster(cid, ids, ids[0], {i: 1.0 for i in ids}))
        for i in ids:
            assignments[i] = cid
    return DedupResult(clusters, assignments)
