"""The canonical copy of a cluster, chosen deterministically.

1. the earliest publication date, when dates are known;
2. then a copy that credits a wire agency (the agency's own wording is most likely intact);
3. then the most complete text (most tokens outside site-template lines);
4. then the first document in input order (a stable tie-break).

>>> from newsclean.dedup.canonical import Candidate, choose_canonical
>>> choose_canonical([Candidate("a", 0, None, None, 120), Candidate("b", 1, None, "wam", 90)])
'b'
>>> early = Candidate("b", 1, "2024-05-01", None, 5)
>>> choose_canonical([Candidate("a", 0, "2024-05-02", None, 9), early])
'b'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Candidate", "choose_canonical", "rank_key"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the choice looks at: id, input order, date (ISO), credited agency, length."""

    id: str
    order: int
    date: str | None
    agency: str | None
    length: int


def rank_key(c: Candidate) -> tuple[int, str, int, int, int]:
    """Sort key: the smallest key is the canonical copy."""
    return (
        0 if c.date else 1,
        c.date or "",
        0 if c.agency else 1,
        -c.length,
        c.order,
    )


def choose_canonical(members: Sequence[Candidate]) -> str:
    """The id of the canonical copy among ``members``."""
    if not members:
        raise ValueError("a cluster has at least one member")
    return min(members, key=rank_key).id
