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

    ``similarity`` maps each member id to its similarity to the canonical copy,
    ``canonical_reason`` says why that copy was chosen (the rule that set it apart from
    the next one: earliest date, agency credit, most complete text, first to arrive; empty
    for a cluster of one), and ``reasons`` maps each other member to why it is a copy
    (:func:`join_reason`: the verification's reason against the canonical copy, or how it
    joined through other copies), also when ``matches`` are not explained.
    """

    id: int
    ids: tuple[str, ...]
    canonical: str
    similarity: dict[str, float] = field(default_factory=dict)
    matches: tuple[Match, ...] = ()
    canonical_reason: str = ""
    reasons: dict[str, str] = field(default_factory=dict)

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


LINKED_REASON = "through other copies (against the canonical copy: {})"
"""The reason of a copy joined through other copies; ``{}`` is the direct comparison's."""


def join_reason(duplicate: bool, reason: str) -> str:
    """Why a member is a copy of its story's canonical copy, in one line: ``reason``
    (verification's, e.g. ``one text contains the other``) when the pair itself was
    verified as copies; else the member joined through other copies, and ``reason`` is
    what the direct comparison with the canonical copy said.

    >>> join_reason(True, "one text contains the other")
    'one text contains the other'
    >>> join_reason(False, "not enough shared text")
    'through other copies (against the canonical copy: not enough shared text)'
    """
    return reason if duplicate else LINKED_REASON.format(reason)
