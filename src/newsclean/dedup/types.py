"""Result types of the near-duplicate engine.

>>> c = Cluster(id=0, ids=("a", "b"), canonical="a", similarity={"a": 1.0, "b": 0.93})
>>> c.size
2
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Match:
    """Why two documents were judged copies of one story.

    ``jaccard_est`` is the MinHash estimate, ``jaccard`` the exact Jaccard of the stored
    shingle hashes, ``containment`` the share of the smaller document's shingles found in the
    larger one, and ``shared`` a sample of the shared passage.  ``decision`` is
    ``"duplicate"`` for a pair verified as copies, ``"linked"`` for a copy joined to the
    canonical one through other copies, and ``"different"`` (from
    :func:`~newsclean.compare` only) for a pair that is not; ``notes[0]`` is the reason.
    """

    a: str
    b: str
    jaccard_est: float
    jaccard: float
    containment: float
    shared: str = ""
    decision: str = "duplicate"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of copies of one story; singletons are clusters of one.

    ``similarity`` maps each member id to its similarity to the canonical copy, and
    ``canonical_reason`` says why that copy was chosen (the rule that set it apart from
    the next one: earliest date, agency credit, most complete text, first to arrive; empty
    for a cluster of one).
    """

    id: int
    ids: tuple[str, ...]
    canonical: str
    similarity: dict[str, float] = field(default_factory=dict)
    matches: tuple[Match, ...] = ()
    canonical_reason: str = ""

    @property
    def size(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class DedupResult:
    """All clusters, and the cluster id of every input document."""

    clusters: list[Cluster]
    assignments: dict[str, int]
    stats: dict[str, Any] = field(default_factory=dict)

    def duplicates(self) -> list[Cluster]:
        """Clusters with more than one member."""
        return [c for c in self.clusters if c.size > 1]
