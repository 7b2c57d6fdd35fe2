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
>>> explain_choice([Candidate("a", 0, "2024-05-02", None, 9), early])
('b', 'earliest date: 2024-05-01 (next: 2024-05-02)')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Candidate", "choose_canonical", "explain_choice", "rank_key"]


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


def explain_choice(members: Sequence[Candidate]) -> tuple[str, str]:
    """The id of the canonical copy among ``members``, and why: the first rule that sets
    it apart from the runner-up (the rules before it tie).

    >>> explain_choice([Candidate("a", 0, None, None, 120), Candidate("b", 1, None, "wam", 90)])
    ('b', 'no date known; credits an agency: wam')
    >>> explain_choice([Candidate("a", 0, None, None, 120), Candidate("b", 1, None, None, 90)])
    ('a', 'no date known, no agency credit; most complete text: 120 words (next: 90)')
    """
    if not members:
        raise ValueError("a cluster has at least one member")
    ranked = sorted(members, key=rank_key)
    best = ranked[0]
    if len(ranked) == 1:
        return best.id, "the only copy"
    nxt = ranked[1]
    if best.date and not nxt.date:
        return best.id, f"the only copy with a known date: {best.date}"
    if best.date != nxt.date:
        return best.id, f"earliest date: {best.date} (next: {nxt.date})"
    ties = [f"same date: {best.date}" if best.date else "no date known"]
    if best.agency and not nxt.agency:
        return best.id, f"{ties[0]}; credits an agency: {best.agency}"
    ties.append(f"credits an agency: {best.agency}" if best.agency else "no agency credit")
    if best.length != nxt.length:
        reason = f"most complete text: {best.length} words (next: {nxt.length})"
        return best.id, f"{', '.join(ties)}; {reason}"
    return best.id, f"{', '.join(ties)}, as long as the next copy; the first to arrive"
