"""compare: why two texts are, or are not, copies of one story.

:func:`~newsclean.find_duplicates` explains the pairs it joined; a user looking at two
articles it kept apart (a syndicated copy it missed, or an update it rightly kept out)
wants the reason too.  :func:`compare` runs the engine on the two texts alone -- the same
chrome stripping, normalization, candidate stage and verification -- and returns a
:class:`~newsclean.Match` whatever the verdict: ``decision`` is ``"duplicate"`` exactly when
``find_duplicates`` of the two texts puts them in one cluster, else ``"different"``, and
``notes`` start with the reason (``"new lead in b (35 words): an update or a follow-up
story"``, ``"numbers differ: 12 / 14"``, ``"low overlap"``...).

Only the two texts are seen: lines that repeat across many pages of a site (which
``find_duplicates`` and :class:`~newsclean.DuplicateIndex` learn from the whole corpus)
are not known here, so a pair whose copies share a site template can score higher here
than in the corpus.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..article import Article
from ..errors import NewscleanError
from .engine import DocInput, build_docs, candidate_pairs, make_match, make_params, to_items
from .features import Doc
from .lsh import lsh_params
from .params import DedupParams
from .signatures import MinHasher
from .types import Match
from .verify import verify

__all__ = ["compare", "verdict"]


def _as_input(doc: object, default_id: str) -> DocInput:
    """``doc`` as :func:`~newsclean.dedup.engine.to_items` takes it: a bare text, or an
    Article without an id, is named ``default_id``."""
    if isinstance(doc, str):
        return (default_id, doc)
    if isinstance(doc, Article):
        return doc if doc.id is not None else replace(doc, id=default_id)
    if isinstance(doc, tuple) and len(doc) == 2:
        return (str(doc[0]), doc[1])
    raise NewscleanError(
        f"{default_id} must be a text, an (id, text) pair or an Article, got {type(doc).__name__}"
    )


def compare(
    a: str | DocInput,
    b: str | DocInput,
    *,
    threshold: float | None = None,
    params: DedupParams | None = None,
    chrome: bool = True,
    lang: str | None = None,
    **options: Any,
) -> Match:
    """Whether ``a`` and ``b`` are copies of one story, with the evidence either way.

    Each of ``a`` and ``b`` is a text (named ``"a"`` and ``"b"``), an ``(id, text)`` pair
    or an :class:`~newsclean.Article` (whose date and agency count, as in
    :func:`~newsclean.find_duplicates`); the settings are those of ``find_duplicates``.
    The :class:`~newsclean.Match` is told from ``a``'s side (``shared`` is in ``a``'s
    normalized words); ``decision`` is ``"duplicate"`` when ``find_duplicates([a, b])``
    joins the two, else ``"different"``; ``notes[0]`` is the reason.  A pair the
    candidate stage never proposes is ``"different"`` whatever verification would say
    (``find_duplicates`` never verifies it); a note then says so.

    >>> story = ("The central bank raised its main interest rate by half a point to 5.5 "
    ...          "percent on Thursday, the third increase this year.")
    >>> m = compare(story + " Analysts had expected a smaller move.", story)
    >>> m.decision, m.notes[0], m.containment
    ('duplicate', 'near-identical text', 1.0)
    >>> m = compare(story, story.replace("5.5", "6.0").replace("third", "fourth"))
    >>> m.decision, m.notes[0]
    ('different', 'numbers differ: 5 5 / 6 0')
    """
    p = make_params(params, threshold, options)
    items = to_items([_as_input(a, "a"), _as_input(b, "b")], chrome=chrome)
    table, _, _ = build_docs(items, p, lang=lang)
    doc_a, doc_b = table[0], table[1]
    pairs, _, _ = candidate_pairs(table, p)
    return verdict(doc_a, doc_b, bool(pairs.shape[0]), p)


def verdict(a: Doc, b: Doc, candidate: bool, p: DedupParams) -> Match:
    """The :class:`~newsclean.Match` of the prepared documents ``a`` and ``b`` whatever the
    decision: ``"duplicate"`` when the candidate stage proposed the pair (``candidate``)
    and verification calls them copies, else ``"different"`` with the reason first (the
    candidate stage's when it alone kept them apart)."""
    ev = verify(a, b, p)
    est = MinHasher.jaccard(a.sketch.signature, b.sketch.signature)
    if candidate:
        return make_match(a, b, ev, est, "duplicate" if ev.duplicate else "different")
    m = make_match(a, b, ev, est, "different")
    if ev.reason == "empty text":
        return m
    bands, rows = lsh_params(p.lsh_threshold, p.num_perm)
    missed = (
        f"not a candidate pair: no LSH band in common ({bands} bands of {rows} rows) "
        "and too few shared passages"
    )
    if ev.duplicate:  # the reason is the candidate stage; verification's comes next
        return replace(m, notes=(missed, f"verification alone: {ev.reason}", *m.notes[1:]))
    return replace(m, notes=(*m.notes, missed))
