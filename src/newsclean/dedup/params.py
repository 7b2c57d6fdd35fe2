"""The parameters of the near-duplicate engine, in one frozen dataclass.

``docs/dedup.md`` explains how to choose them; the defaults are the measured trade-off.

>>> p = DedupParams(threshold=0.6)
>>> p.threshold, p.containment
(0.6, 0.7)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from numbers import Integral, Real

__all__ = ["DedupParams"]


@dataclass(frozen=True, slots=True)
class DedupParams:
    """Settings of :func:`~newsclean.find_duplicates` and
    :class:`~newsclean.DuplicateIndex`.

    Similarity (on the shingles of the text outside site-template lines):

    * ``threshold`` -- exact Jaccard at or above which two texts are copies;
    * ``containment`` -- share of the smaller text found in the larger one at or above
      which they are copies (teasers, truncated and extended copies);
    * ``partial_containment`` with ``passage_tokens`` -- a smaller share is still a copy
      when it comes in long verbatim passages (partial press releases): the shared runs of
      at least ``passage_tokens`` tokens must cover ``partial_containment`` of the smaller
      text and the longest be ``3 * passage_tokens`` tokens;
    * ``min_containment`` -- below this nothing is verified further.

    Negative evidence (a pair with any is never merged, not even through other copies):

    * ``lead_tokens`` -- a new lead of at least this many tokens before the other text's
      lead marks an update or a follow-up story;
    * ``number_conflicts`` -- aligned passages whose numbers differ (templated wire items:
      weather, market closes, numbered relief flights) more than this many times;
    * ``name_substitutions`` -- aligned passages where this many other words (names,
      countries) are replaced;
    * ``date_window_days`` -- copies published further apart than this need
      ``threshold_outside_window`` Jaccard (only when dates are known).

    Candidates: ``k`` words per shingle, ``num_perm`` MinHash permutations (``seed`` as in
    datasketch), LSH banding tuned for ``lsh_threshold``, winnowing ``window`` for passage
    fingerprints of which ``min_shared_passages`` must be shared.  A document is verified
    against at most ``max_candidates`` of the earlier documents it is a candidate of (the
    most similar; 0: all), which keeps a family of templated look-alikes (thousands of
    daily bulletins of one template) from costing a verification per pair.  Template lines must
    repeat in ``template_min_docs`` documents (0 disables template detection).
    """

    threshold: float = 0.5
    containment: float = 0.7
    partial_containment: float = 0.4
    passage_tokens: int = 10
    min_containment: float = 0.15
    lead_tokens: int = 16
    number_conflicts: int = 0
    name_substitutions: int = 3
    date_window_days: float = 3.0
    threshold_outside_window: float = 0.8
    k: int = 3
    num_perm: int = 64
    seed: int = 1
    lsh_threshold: float = 0.4
    window: int = 12
    min_shared_passages: int = 2
    template_min_docs: int = 8
    max_candidates: int = 16

    def __post_init__(self) -> None:
        for f in fields(self):  # the type of each default: a number, or a whole number
            value, whole = getattr(self, f.name), isinstance(f.default, int)
            if isinstance(value, bool) or not isinstance(value, Integral if whole else Real):
                kind = "a whole number" if whole else "a number"
                raise ValueError(f"{f.name} must be {kind}, got {type(value).__name__}")
            # stored as Python numbers (the settings are written to an index's header);
            # numpy numbers are welcome
            number = int(value) if isinstance(value, Integral) else float(value)
            object.__setattr__(self, f.name, number)
        for name in ("threshold", "containment", "partial_containment", "min_containment"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if self.max_candidates < 0:
            raise ValueError(f"max_candidates must be 0 or more, got {self.max_candidates}")
        for name in ("k", "num_perm", "window", "min_shared_passages", "passage_tokens"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
