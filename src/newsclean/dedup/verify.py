"""Verification of a candidate pair on the stored shingle hashes, with its evidence.

LSH and passage fingerprints only propose pairs.  Here each pair is decided on the exact
shingle sets and on an *alignment* of the two shingle sequences (the runs of consecutive
shingles found in the same order in both texts), which gives:

* **similarity** -- exact Jaccard, containment of the smaller text in the larger one, and
  how much of the smaller text is covered by long verbatim passages;
* **a new lead** -- one text opens with prose the other lacks and then continues with the
  other's lead: an updated version or a follow-up story quoting the original, not a copy;
* **template conflicts** -- passages aligned word for word except for numbers (weather,
  market closes, numbered relief flights) or names (congratulation cables): different
  stories written from one template;
* **dates** -- copies far apart in time need a higher similarity (when dates are known;
  else when both datelines give a date, more than a month apart: one template of
  statements, issued after each meeting).

:func:`verify` returns an :class:`Evidence` with the decision and the reason; a pair
rejected for negative evidence (``Evidence.conflict``) must not be joined even through other
copies.

>>> from newsclean.dedup.features import Doc, prepare, sketch
>>> from newsclean.dedup.signatures import MinHasher
>>> p = DedupParams()
>>> def doc(i, text):
...     f = prepare([(i, text)])[0]
...     return Doc(f, sketch(f, frozenset(), MinHasher(p.num_perm), k=p.k, window=p.window))
>>> body = "The ministry said on Sunday that 40 trucks of aid crossed the border at dawn."
>>> verify(doc("a", body), doc("b", body + " More trucks are expected.")).duplicate
True
>>> other = body.replace("40", "55")
>>> e = verify(doc("a", body), doc("c", other))
>>> e.duplicate, e.reason
(False, 'numbers differ: 40 / 55')
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as _date
from difflib import SequenceMatcher
from fractions import Fraction
from functools import cache, lru_cache, partial
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from ..datafiles import read_entries, read_sections
from ..dates import month_numbers
from ..lang import STOPWORD_LANGS, stopwords
from ..normalize import normalize
from .amounts import amount_spans, amount_word, amounts, number_scales
from .clock import readings, times
from .features import CUE_ORDINAL, CUE_STAGE, HEADLINE_MAX_TOKENS, Doc, body_of, phrases
from .ordinals import first_against, ordinal_teens, ordinals
from .params import DedupParams
from .stages import stage_change

__all__ = [
    "OWN_SPAN_HELD",
    "RELATIVE_CONFLICTS",
    "Alignment",
    "Evidence",
    "align",
    "covers",
    "explained_by",
    "figures_explained",
    "low_overlap",
    "screen",
    "screened_out",
    "verify",
]

IntArray = npt.NDArray[np.intp]

_LEAD_MIN_RUN = 4  # shingles: the first shared passage that counts as "the lead is shared"
_LEAD_SLACK = 6  # tokens: the shared passage may start this far into the other text's body
_CONTAINED = 0.9  # the other text is (nearly) all inside this one
# containment and passage cover at which a copy still counts when its shared passages lie
# in prose paragraphs (below ``partial_containment``: hard copies that keep two paragraphs)
_PROSE_PARTIAL = 0.33
# an outlet's own intro before the story ("Another weekend, another major marathon crown
# for a Kenyan runner."): one paragraph of at most this many words, no update marker on
# either side, the other text covered at least this much, and the intro about the story
# (``_INTRO_SHARED`` and ``_INTRO_SHARE`` of its content words in it) is a copy's intro,
# not an update's new lead (an update is marked: "UPDATE 1-", "LATEST:", "تحديث:"); a
# sentence of another story shares a few common words by chance (at most 13% of its
# content words in the dev set, 21% in a test case), an outlet's intro more (24-40% in a
# set of copies written blind)
_INTRO_TOKENS = 40
_INTRO_COVER = 0.4
_INTRO_SHARED = 2
_INTRO_SHARE = 0.22
# A longer top of its own, of any length and number of paragraphs (a local paper's lede,
# a quote from a local official, then the wire story from its lead on), is a copy's when it
# speaks of the story with _TOP_SHARED content words or more found in the other text (and
# _TOP_SHARE of its own, so that a long top does not pass on words it shares by chance): a
# lead taken from another story shares at most 5 in the dev set's updates and follow-ups;
# the local tops of copies written blind share 6 to 23 (a travel blog's chatty intro: 6 of
# its 33)
_TOP_SHARED = 6
_TOP_SHARE = 0.15
_RISE_WORDS = 40  # words of the body's opening read with the headline for a risen figure
_RISE_CHARS = 300  # characters of a text (its headline and lead) looked at for a rise phrase
_MOSTLY = 0.5  # share of the smaller text in shared passages that makes it a copy
_REPEAT_GAP = 16  # tokens: a template's blank replaced alike twice (an addressee and a title)
_MAX_GAP = 6  # tokens: gaps this short on both sides may hold substitutions
# tokens: gaps this short with digits on both sides are compared for numbers (a figure, its
# decimals and a day: "328 points or 1 41 percent on monday" / "314 points or 0 68 ...")
_MAX_NUMBER_GAP = 12
_MAX_NUMBER_DIFF = 6  # words: replaced words in such a gap (figures, a verb, a day)
_MAX_DIFF = 4  # words: replaced words per gap (a name, a number and its unit...)
_BLANK = 3  # words: a template's blank compared word by word (headlines and text)
_LONG_BLANK = 8  # words: a longer blank, compared as a whole run of words
_LEAD_BLANK_WORDS = 4  # content words: a blank in the lead of a short item
_LEAD_BLANK = (6, 40)  # words into both bodies: a blank there is in the lead, past the
# dateline or byline an outlet puts first ("London (Reuters) -", "جدة - واس")
_DATELINE_WORDS = 4  # words: a dateline's day stands this early ("rio de janeiro 20 jan")
# words: a dateline's date is looked for this early in the body ("الرياض 3 ذو القعده 1445
# ه الموافق 11 مايو 2024", the Gregorian day after the lunar one)
_DATELINE_DATE = 12
_NUMERIC_DATELINE_AT = 3  # words of a place before a numeric dateline's day ("الكويت - 12 - 6")
# days: datelines further apart than this are two stories.  A dateline is the outlet's,
# not the story's: one that republishes a wire story days later writes its own day
# ("London, 9 Jan (AFP)" / "London, 18 Jan (AFP)"), but not another month's
_DATELINE_APART = 31
# words into the body where the day a story tells of is read ("... ruled on Tuesday"): a
# next-day follow-up tells of another weekday there, a copy of the same one
_LEAD_DAY_WORDS = 80
_YEAR = re.compile(r"(?:19|20)\d\d")  # a year in a lead is no figure of the story
_WEEKDAY_CHARS = 5  # shorter day words are abbreviations or homographs ("sun", "sat")
_SHORT_ITEM = 200  # words: the longest item a lead blank is looked for in
_FEW_RUNS = 48  # runs marked one slice at a time (more: one sweep over the text)
_NO_RUN = np.iinfo(np.intp).max

#: The negative evidence that is relative to the pair (:attr:`Evidence.kind`): a text's
#: "own" lead or passage (``lead_span`` of ``lead_side``) may be the story's own after all,
#: when a third text copies both and holds it (outlets keeping different paragraphs of one
#: story); see :func:`newsclean.dedup.engine.cannot_links`.
RELATIVE_CONFLICTS = ("new_lead", "background", "update")


@dataclass(frozen=True, slots=True)
class Alignment:
    """Runs of consecutive shingles of ``a`` found in the same order in ``b``.

    Runs are in the order of ``a`` (``a_start`` ascending).  Run ``r`` covers the
    ``length[r]`` shingles starting at ``a_start[r]`` in ``a`` and at
    ``b_start[r]`` in ``b`` (``length[r] + k - 1`` tokens).  ``a_cover``/``b_cover`` mark
    the tokens of each text inside any shared shingle.
    """

    a_start: IntArray
    b_start: IntArray
    length: IntArray
    a_cover: npt.NDArray[np.bool_]
    b_cover: npt.NDArray[np.bool_]


def _cover(n_shingles: int, starts: IntArray, lengths: IntArray, k: int) -> npt.NDArray[np.bool_]:
    n_tokens = n_shingles + k - 1 if n_shingles else 0
    if starts.size <= _FEW_RUNS:  # a slice per run: fewer numpy calls than the sweep
        out = np.zeros(n_tokens, dtype=bool)
        for s, n in zip(starts.tolist(), lengths.tolist(), strict=True):
            out[s : s + n + k - 1] = True
        return out
    opened = np.bincount(starts, minlength=n_tokens + 1)
    closed = np.bincount(np.minimum(starts + lengths + k - 1, n_tokens), minlength=n_tokens + 1)
    return np.cumsum(opened[:-1] - closed[:-1]) > 0


def align(
    a: npt.NDArray[np.uint32],
    b: npt.NDArray[np.uint32],
    k: int,
    b_index: tuple[npt.NDArray[np.uint32], npt.NDArray[np.unsignedinteger[Any]]] | None = None,
    matched: tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]] | None = None,
    b_found: npt.NDArray[np.bool_] | None = None,
) -> Alignment:
    """Align two ordered shingle sequences (each shingle of ``a`` is matched to its first
    occurrence in ``b``).  ``b_index`` is ``b``'s sorted distinct values with their first
    positions, when already known (:attr:`Sketch.shingle_set`, :attr:`Sketch.first_pos`);
    ``matched`` the result of looking ``a`` up in them (:func:`lookup`).

    The runs are read from ``a``'s side, but both covers mark every token inside a shingle
    the other text holds (``b_found``: whether each shingle of ``b`` is in ``a``, when
    known), so a passage ``b`` repeats is covered in both places and the covers do not
    depend on which text is ``a``.

    >>> import numpy as np
    >>> al = align(np.array([1, 2, 3, 9, 4], np.uint32), np.array([7, 1, 2, 3, 4], np.uint32), 3)
    >>> al.a_start.tolist(), al.b_start.tolist(), al.length.tolist()
    ([0, 4], [1, 4], [3, 1])
    """
    empty = np.zeros(0, dtype=np.intp)
    if a.size == 0 or b.size == 0:
        return Alignment(
            empty, empty, empty, _cover(a.size, empty, empty, k), _cover(b.size, empty, empty, k)
        )
    if b_index is None:
        order = np.argsort(b, kind="stable")
        sorted_b = b[order]
        keep = np.concatenate(([True], sorted_b[1:] != sorted_b[:-1]))
        b_index = (sorted_b[keep], order[keep].astype(np.uint32))
    uniq, first = b_index
    pos, found = matched if matched is not None else lookup(a, uniq)
    jb = np.where(found, first[pos].astype(np.intp), -2)
    # cont[i]: shingle i continues the run of shingle i - 1 (cont[0] and cont[n] False).
    cont = np.zeros(a.size + 1, dtype=bool)
    cont[1:-1] = found[1:] & found[:-1] & (jb[1:] == jb[:-1] + 1)
    a_start = np.flatnonzero(found & ~cont[:-1])
    a_last = np.flatnonzero(found & ~cont[1:])  # a run's found shingles are consecutive
    length = a_last - a_start + 1
    b_start = jb[a_start].astype(np.intp)
    a_start, b_start, length = _through_repeats(a, b, a_start, b_start, length)
    if b_found is None:
        b_found = lookup(b, np.unique(a))[1]
    return Alignment(
        a_start,
        b_start,
        length,
        _cover(a.size, a_start, length, k),
        _found_cover(b_found, k),
    )


def _through_repeats(
    a: npt.NDArray[np.uint32],
    b: npt.NDArray[np.uint32],
    a_start: IntArray,
    b_start: IntArray,
    length: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """The runs of :func:`align` carried through the shingles ``b`` holds more than once.

    A shingle is matched to its first occurrence in ``b``, so a passage that repeats a
    phrase of the headline or of an earlier paragraph ("... the King Abdullah Economic
    City ..." twice) is cut in two there, and neither piece may be long enough to count
    as a shared passage.  A run goes on while the next shingles of ``a`` and ``b`` are
    equal (and starts earlier while the previous ones are); the runs it overlaps lose
    their overlapped part.  Most pairs have no such run: one vectorized test, no loop.

    >>> a = np.array([5, 1, 2, 3, 4, 1, 2, 6, 7], np.uint32)
    >>> al = align(a, a.copy(), 3)  # [1, 2] repeats: first occurrences cut the run
    >>> al.a_start.tolist(), al.b_start.tolist(), al.length.tolist()
    ([0], [0], [9])
    """
    na, nb = a.size, b.size
    if not a_start.size:
        return a_start, b_start, length
    a_end, b_end = a_start + length, b_start + length  # one past each run
    fwd = (a_end < na) & (b_end < nb)
    fwd[fwd] = a[a_end[fwd]] == b[b_end[fwd]]
    back = (a_start > 0) & (b_start > 0)
    back[back] = a[a_start[back] - 1] == b[b_start[back] - 1]
    if not (fwd.any() or back.any()):
        return a_start, b_start, length
    runs: list[tuple[int, int, int]] = []
    done = 0  # shingles of ``a`` before this index belong to the runs kept so far
    for s, bs, n in zip(a_start.tolist(), b_start.tolist(), length.tolist(), strict=True):
        if s < done:  # overlapped by the run before, which was carried through it
            cut = done - s
            if cut >= n:
                continue
            s, bs, n = s + cut, bs + cut, n - cut
        # backwards, down to the end of the previous run at the most
        room = min(s - done, bs)
        if room > 0 and a[s - 1] == b[bs - 1]:
            same = a[s - room : s][::-1] == b[bs - room : bs][::-1]
            back_n = int(np.argmin(same)) if not same.all() else room
            s, bs, n = s - back_n, bs - back_n, n + back_n
        room = min(na - (s + n), nb - (bs + n))
        if room > 0 and a[s + n] == b[bs + n]:
            same = a[s + n : s + n + room] == b[bs + n : bs + n + room]
            n += int(np.argmin(same)) if not same.all() else room
        runs.append((s, bs, n))
        done = s + n
    out = np.array(runs, dtype=np.intp).reshape(-1, 3)
    return out[:, 0], out[:, 1], out[:, 2]


def _found_cover(found: npt.NDArray[np.bool_], k: int) -> npt.NDArray[np.bool_]:
    """The tokens inside a ``found`` shingle (``k`` tokens each)."""
    if found.size == 0:
        return np.zeros(0, dtype=bool)
    out = np.zeros(found.size + k - 1, dtype=bool)
    for j in range(k):
        out[j : j + found.size] |= found
    return out


def lookup(
    values: npt.NDArray[np.uint32], sorted_set: npt.NDArray[np.uint32]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """Where each value would sit in ``sorted_set``, and whether it is there."""
    pos = np.searchsorted(sorted_set, values)
    if sorted_set.size:
        pos[pos >= sorted_set.size] = 0
        return pos, sorted_set[pos] == values
    return pos, np.zeros(values.size, dtype=bool)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything measured about one pair, the decision and its reason.

    ``jaccard`` and ``containment`` are exact (on the shingle sets); ``passage_cover`` is the
    share of the smaller text inside shared runs of at least ``passage_tokens`` tokens and
    ``longest`` the longest shared run in tokens.  ``new_lead`` is the number of tokens of
    new lead prose (and ``lead_side`` the text that has it), ``numbers`` and ``names`` the
    conflicting substitutions.  ``conflict`` is True for negative evidence, ``kind`` names it.
    """

    duplicate: bool
    reason: str
    jaccard: float = 0.0
    containment: float = 0.0
    passage_cover: float = 0.0
    longest: int = 0
    new_lead: int = 0
    lead_side: str = ""
    numbers: tuple[tuple[str, str], ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    conflict: bool = False
    kind: str = ""  # negative evidence: new_lead, background, update, numbers, figures,
    # names, dates
    lead_span: tuple[int, int] = (0, 0)  # kept-token span of the new lead in ``lead_side``
    shared_run: tuple[int, int] = (0, 0)  # (start, tokens) of the longest run in ``a``
    notes: tuple[str, ...] = field(default=())
    shared_run_b: tuple[int, int] = (0, 0)  # (start, tokens) of the same run in ``b``

    @property
    def score(self) -> float:
        """One number to order merges by: the larger of Jaccard and containment."""
        return max(self.jaccard, self.containment)


def _days_apart(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    try:
        da, db = _date.fromisoformat(a[:10]), _date.fromisoformat(b[:10])
    except ValueError:
        return None
    return float(abs((da - db).days))


def _new_lead(
    x: Doc,
    y: Doc,
    x_start: IntArray,
    y_start: IntArray,
    length: IntArray,
    x_cover: npt.NDArray[np.bool_],
    x_prose: Callable[[], npt.NDArray[np.bool_]],
    x_sorted: bool = False,
) -> tuple[int, tuple[int, int]]:
    """Tokens of new lead prose in ``x`` before the passage where ``y``'s lead starts, and
    the span of kept tokens they lie in (``x_prose`` gives ``x``'s prose mask, asked for
    only when there is such a span; ``x_sorted``: ``x_start`` is ascending)."""
    sx, sy = x.sketch, y.sketch
    clipped, body = _body_runs(x_start, length, sx.body_start)
    if x_sorted:  # the first body run is the first one marked
        first = int(body.argmax())
        if not body[first]:
            return 0, (0, 0)
    else:
        if not body.any():
            return 0, (0, 0)
        first = int(np.argmin(np.where(body, clipped, _NO_RUN)))
    i0 = int(clipped[first])
    j0 = int(y_start[first]) + i0 - int(x_start[first])
    if i0 <= sx.body_start or j0 - sy.body_start > _LEAD_SLACK:
        return 0, (0, 0)
    span = slice(sx.body_start, i0)
    return int(np.count_nonzero(x_prose()[span] & ~x_cover[span])), (sx.body_start, i0)


def _body_runs(
    starts: IntArray, length: IntArray, body_start: int
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Where each run starts in the body (a run from the headline into the body counts
    from the body's first token on), and whether that body part is a passage of
    :data:`_LEAD_MIN_RUN` shingles or more."""
    clipped = np.maximum(starts, body_start)
    return clipped, starts + length - clipped >= _LEAD_MIN_RUN


def _first_passage(starts: IntArray, length: IntArray, body_start: int) -> int | None:
    """Where the first shared passage of :data:`_LEAD_MIN_RUN` shingles or more starts in
    the body (kept-token index), or None."""
    clipped, body = _body_runs(starts, length, body_start)
    if not body.any():
        return None
    return int(clipped[body].min())


def _about(
    x: Doc,
    y: Doc,
    span: tuple[int, int],
    min_shared: int = _INTRO_SHARED,
    min_share: float = _INTRO_SHARE,
) -> bool:
    """Whether the new prose ``span`` of ``x`` speaks of ``y``'s story: at least
    ``min_shared`` and ``min_share`` of its content words occur in ``y`` outside its
    headline (another story's lead, put on top by a follow-up, shares a word or two by
    chance)."""
    style = style_words()
    own = x.words(span[0], span[1])
    content = {w for w in own if w not in style and not w.isdigit()}
    if len(content) < min_shared:
        return False
    story = set(y.words(y.sketch.body_start, int(y.sketch.keep.sum())))
    shared = len(content & story)
    return shared >= min_shared and shared >= min_share * len(content)


@cache
def rise_phrases() -> tuple[str, ...]:
    """The phrases of ``data/dedup/rise_phrases.txt``, normalized, each between spaces."""
    path = resources.files("newsclean").joinpath("data/dedup/rise_phrases.txt")
    return tuple(f" {normalize(e)} " for e in read_entries(path.read_text("utf-8")))


def _head_words(d: Doc) -> list[str]:
    """The headline and the first :data:`_RISE_WORDS` words of the body."""
    return d.words(0, d.sketch.body_start + _RISE_WORDS)


@lru_cache(maxsize=4096)
def _rise_in(head: str) -> bool:
    """Whether the opening ``head`` of a text holds a :func:`rise_phrases` phrase (memoized
    by text too: copies often open alike)."""
    joined = f" {normalize(head)} "
    return any(ph in joined for ph in rise_phrases())


def _rises(d: Doc) -> bool:
    """Whether the opening of ``d``'s text (its first :data:`_RISE_CHARS` characters, read
    in :meth:`DocFeatures.body`: the same text in every engine) holds a rise phrase."""
    return _rises_of(*d.features.body_key())


@lru_cache(maxsize=8192)
def _rises_of(
    source: str, chrome: bool, dropped: tuple[int, ...] | None, lang: str | None, plain: bool
) -> bool:
    """:func:`_rises` (memoized: a document meets many candidates)."""
    return _rise_in(body_of(source, chrome, dropped, lang, plain, _RISE_CHARS))


def _may_name_days(d: Doc) -> bool:
    """Whether ``d``'s text (:meth:`DocFeatures.body`) may name a weekday: it is not ASCII,
    or holds an ASCII weekday (the words are read only then)."""
    return _may_name_days_of(*d.features.body_key())


@lru_cache(maxsize=1024)
def _may_name_days_of(
    source: str, chrome: bool, dropped: tuple[int, ...] | None, lang: str | None, plain: bool
) -> bool:
    text = body_of(source, chrome, dropped, lang, plain)
    return not text.isascii() or any(map(text.lower().__contains__, _ascii_days()))


def _risen(x: Doc, y: Doc) -> tuple[Doc, str] | None:
    """``(x, figure)`` when ``x``'s headline or lead reports a figure risen since an earlier
    report (:func:`rise_phrases`: "toll rises to", "ارتفاع حصيلة") and ``y``'s does not,
    and ``x`` gives there a figure (``figure``) that ``y`` never gives: ``x`` is a later
    version of ``y``'s story, not a copy of it.  A copy that words the original's figure
    as a rise gives the original's figure.  The phrases are looked for in the first
    :data:`_RISE_CHARS` characters of each text (:meth:`DocFeatures.body`: its headline
    and first sentence)."""
    if not _rises(x) or _rises(y):
        return None
    head = _head_words(x)
    start = _first_shared_line(x, y, len(head))
    if start:
        # lines above the headline the two texts share are the page's (a teaser of
        # another story under "Read also"), not the story's headline or lead
        head = x.words(start, start + len(head))
        if not _rise_in(" ".join(head)):
            return None
    theirs = set(y.kept_words())
    months = month_words()
    # a day or a year next to a month, or a time of day, is the date of a dateline or a
    # time stamp, not a figure ("بورتسودان 17 أغسطس 2024 (سونا)", "7:15 مساءً": a copy
    # that drops them gives the same toll)
    stamp = {i for t in times(head) for i in range(t.start, t.stop)}
    new = [
        w
        for i, w in enumerate(head)
        if w.isdigit()
        and w not in theirs
        and i not in stamp
        and not (i > 0 and head[i - 1] in months)
        and not (i + 1 < len(head) and head[i + 1] in months)
    ]
    return (x, new[0]) if new else None


#: A first line of at most this many words is a label above the headline.
_LABEL_TOKENS = 3


def _headline_spans(d: Doc, lines: IntArray) -> list[tuple[int, int]]:
    """The kept tokens of ``d``'s headline (``lines``: the line of each kept token): its
    first line, and the next one when the first is a label of at most
    :data:`_LABEL_TOKENS` words (a section label the chrome pass kept, "إنسانيات", above
    the headline), up to :data:`~newsclean.dedup.features.HEADLINE_MAX_TOKENS` words."""
    start = d.sketch.body_start
    if start > _LABEL_TOKENS or start >= lines.size:
        return [(0, start)]
    stop = int(np.searchsorted(lines, lines[start], side="right"))
    return [(0, min(stop, start + HEADLINE_MAX_TOKENS))]


def _cued_spans(
    d: Doc, spans_of: Callable[[Doc, IntArray], list[tuple[int, int]]], cue: int
) -> list[tuple[int, int]] | None:
    """The kept-token spans ``spans_of`` gives for ``d`` (a headline, an opening), or None
    when none of their lines has the bit ``cue`` of :attr:`~newsclean.dedup.features.
    DocFeatures.cues` (no ordinal, no stage word there: sure, so the words need not be
    read; normalizing a text again is the costliest part of most checks)."""
    lines = _kept_lines(d)
    spans = spans_of(d, lines)
    cues = d.features.cues
    if cues is not None and not any((cues[lines[i:j]] & cue).any() for i, j in spans):
        return None
    return spans


def _words_in(d: Doc, spans: list[tuple[int, int]]) -> list[str]:
    """The kept words of ``d`` in ``spans``, in order."""
    return [w for span in spans for w in d.words(*span)]


def _headline_items(a: Doc, b: Doc) -> tuple[str, str] | None:
    """The ordinals of the two headlines (:func:`_headline_spans`,
    :func:`~newsclean.dedup.ordinals.ordinals`),
    shown, when each headline has some and they have none in common, or when one says
    "first" where the other has another ordinal (:func:`~newsclean.dedup.ordinals.
    first_against`: "المرحلة الأولى" / "المرحلة الثانية"): one item of a series and
    another (a copy that numbers the item numbers it alike, or not at all)."""
    if not (a.sketch.body_start and b.sketch.body_start):
        return None
    # each headline needs an ordinal (or "first") for the two to number different items
    sa = _cued_spans(a, _headline_spans, CUE_ORDINAL)
    sb = _cued_spans(b, _headline_spans, CUE_ORDINAL) if sa is not None else None
    if sa is None or sb is None:
        return None
    months = month_words()
    wa, wb = _words_in(a, sa), _words_in(b, sb)
    oa, ob = ordinals(wa, months), ordinals(wb, months)
    if oa and ob:
        return None if oa & ob else (",".join(map(str, sorted(oa))), ",".join(map(str, sorted(ob))))
    if not (oa or ob):
        return None
    style = style_words()
    if oa:
        first = first_against(wb, wa, months, style)
        return None if first is None else (str(first), "1")
    first = first_against(wa, wb, months, style)
    return None if first is None else ("1", str(first))


#: Tokens of the lead read for its story stage (:func:`_stage_moved`): its first sentence
#: or two, where an update says what changed.
_OPENING_LEAD_TOKENS = 60


def _opening_spans(d: Doc, lines: IntArray) -> list[tuple[int, int]]:
    """The kept tokens of ``d``'s opening (``lines``: the line of each kept token): its
    headline and the first :data:`_OPENING_LEAD_TOKENS` words of its first prose line (its
    lead)."""
    start = d.sketch.body_start
    if start >= lines.size:
        return [(0, start)]
    prose = np.flatnonzero(d.features.prose[lines[start:]])
    if prose.size == 0:
        return [(0, start)]
    first = start + int(prose[0])
    stop = int(np.searchsorted(lines, lines[first], side="right"))
    return [(0, start), (first, min(stop, first + _OPENING_LEAD_TOKENS))]


def _stage_moved(a: Doc, b: Doc) -> tuple[str, str] | None:
    """The stage words of the two openings (:func:`_opening_spans`) when they name different
    stages of one story and no stage in common (:func:`~newsclean.dedup.stages.
    stage_change`: "Man arrested after ..." / "Man charged with ...": the later version)."""
    sa = _cued_spans(a, _opening_spans, CUE_STAGE)  # each opening needs a stage word
    sb = _cued_spans(b, _opening_spans, CUE_STAGE) if sa is not None else None
    if sa is None or sb is None:
        return None
    return stage_change(_words_in(a, sa), _words_in(b, sb))


@cache
def closing_headings() -> frozenset[tuple[str, ...]]:
    """The headings of ``data/dedup/closing_headings.txt`` as the engine's words: those
    that open the closing boilerplate of a release (``about``, ``media contact``,
    ``نبذه عن``).

    >>> ("forward", "looking", "statements") in closing_headings()
    True
    """
    return phrases("closing_headings.txt")


#: A closing section starts past this share of a text's kept tokens ...
_CLOSING_FROM = 0.4
#: ... on a line of at most this many tokens that is no prose (a heading).
_CLOSING_HEAD_TOKENS = 6
#: Tokens at the top of a body that the boilerplate check leaves out: the issuer's
#: opening formula ("DENVER, March 11 -- Maple & Finch Software, Inc. (NYSE: MPLF), a
#: provider of ..., today announced"), which every release of the issuer repeats.
_FORMULA_TOKENS = 40
#: Two releases share only boilerplate when each shares less than this share of its
#: story (between the formula and the closing section) with the other.
_STORY_SHARE = 0.15


def _closing_start(d: Doc) -> int | None:
    """The kept-token index where ``d``'s closing boilerplate starts (the first heading
    of :func:`closing_headings` on a short line that is no prose, past
    :data:`_CLOSING_FROM` of the text), or None."""
    lines = _kept_lines(d)
    n = lines.size
    if n == 0:
        return None
    f = d.features
    after = np.unique(lines[int(n * _CLOSING_FROM) :])
    after = after[(f.line_len[after] <= _CLOSING_HEAD_TOKENS) & ~f.prose[after]]
    heads = closing_headings()
    for line in after.tolist():
        i = int(np.searchsorted(lines, line))
        words = d.words(i, int(np.searchsorted(lines, line, side="right")))
        if any(tuple(words[: len(h)]) == h for h in heads):
            return i
    return None


def _boilerplate_only(a: Doc, b: Doc, al: Alignment, p: DedupParams) -> bool:
    """Whether ``a`` and ``b`` are two releases of one issuer that share only its
    boilerplate: both end with a closing section (:func:`_closing_start`: "About ...",
    forward-looking statements, media contacts), and each has less than
    :data:`_STORY_SHARE` of its story -- the tokens between its opening formula (the first
    :data:`_FORMULA_TOKENS` of its body) and its closing section -- in passages of
    ``passage_tokens`` or more shared with the other (the issuer's phrases, "said Jennifer
    Aoki, chief executive officer of ...", are shorter).  A copy of a release, however much
    it cut, shares the story it kept."""
    long = al.length + p.k - 1 >= p.passage_tokens
    for d, starts in ((a, al.a_start), (b, al.b_start)):
        cover = _cover(d.sketch.shingles.size, starts[long], al.length[long], p.k)
        closing = _closing_start(d)
        if closing is None:
            return False
        start = d.sketch.body_start + _FORMULA_TOKENS
        if closing <= start:
            return False  # no story between: a short item, nothing to tell
        if np.count_nonzero(cover[start:closing]) >= _STORY_SHARE * (closing - start):
            return False
    return True


def _first_shared_line(x: Doc, y: Doc, stop: int) -> int:
    """The kept-token index where ``x``'s headline starts when ``y`` has the same one: the
    first line of ``x``'s first ``stop`` kept tokens that ``y`` also has, whole, and that
    is no prose and stands above ``x``'s first prose line (0 when there is none: an
    update's headline is its own)."""
    lines = _kept_lines(x)[:stop]
    if lines.size == 0:
        return 0
    theirs = set(y.features.line_hashes.tolist())
    theirs.discard(0)
    hashes, prose = x.features.line_hashes, x.features.prose
    for line in np.unique(lines).tolist():
        if prose[line]:
            return 0  # the lead comes first
        if int(hashes[line]) in theirs:
            return int(np.searchsorted(lines, line))
    return 0


def _kept_lines(d: Doc) -> IntArray:
    """The line of each kept (non-template) token of ``d``."""
    f = d.features
    return np.repeat(np.arange(f.line_len.size), f.line_len)[d.sketch.keep]


def _lines_in(d: Doc, span: tuple[int, int]) -> int:
    """How many lines of ``d`` its kept tokens ``span`` touch."""
    if span[1] <= span[0]:
        return 0
    return int(np.unique(_kept_lines(d)[span[0] : span[1]]).size)


def _prose_lines_before(d: Doc, body_start: int, stop: int) -> int:
    """How many prose lines of ``d`` lie wholly in its kept tokens ``body_start:stop``."""
    f = d.features
    kept_line = _kept_lines(d)
    if stop >= kept_line.size:
        return 0
    lines = np.unique(kept_line[body_start:stop])
    # the line holding the first shared token is not wholly before it
    lines = lines[lines != kept_line[stop]]
    return int(np.count_nonzero(f.prose[lines]))


def _borrowed(
    a: Doc, b: Doc, al: Alignment, prose_of: Callable[[Doc], npt.NDArray[np.bool_]], p: DedupParams
) -> tuple[Doc, Doc, int, tuple[int, int]] | None:
    """A related story, not a copy: ``x`` opens with a headline and a lead of its own, and
    all it shares with ``z`` lies deep in ``z``'s body -- after at least two prose paragraphs
    of ``z`` that ``x`` lacks, which hold at least half as many words as the two texts share
    (a follow-up quoting background paragraphs of an earlier story).  A copy with a
    rewritten headline and opening keeps the story from its second paragraph on, so its
    shared text starts right after ``z``'s lead; a copy that drops more keeps the larger
    part of the story.  Returns ``(x, z, own lead tokens, own lead span)``.

    Cheap tests first: most pairs share their lead, which ends the check at once."""
    first: list[int] = []
    own: list[int] = []
    for d, starts, cover in ((a, al.a_start, al.a_cover), (b, al.b_start, al.b_cover)):
        bs = d.sketch.body_start
        f = _first_passage(starts, al.length, bs)
        if f is None:
            return None
        n = int(np.count_nonzero(prose_of(d)[bs:f] & ~cover[bs:f])) if f > bs else 0
        if n < p.lead_tokens:
            return None  # this text's lead is shared (or too short to be a story's own)
        first.append(f)
        own.append(n)
    if _same_headline(a, b, p.k):
        return None
    for (x, fx, nx), (z, fz, nz, zc) in (
        ((a, first[0], own[0]), (b, first[1], own[1], al.b_cover)),
        ((b, first[1], own[1]), (a, first[0], own[0], al.a_cover)),
    ):
        if 2 * nz >= np.count_nonzero(zc) and _prose_lines_before(z, z.sketch.body_start, fz) >= 2:
            xc = al.a_cover if x is a else al.b_cover
            span = (x.sketch.body_start, fx)
            if _story_pieces(prose_of(x), xc, al, p) and short_opening(
                "background", nx, span, x, z
            ):
                continue  # an outlet's rewritten opening over pieces of the story
            return x, z, nx, span
    return None


#: A copy with a rewritten opening (:func:`short_opening`) shares at least this many
#: separate passages with the story ...
_OPENING_PASSAGES = 2
#: ... which cover at least this share of its prose; or one passage covering this share
#: (a site that kept the middle section of a long release under its own first sentence:
#: a related story quoting background has more words of its own than it quotes).
_OPENING_COVER = 0.33
_OPENING_ONE_BLOCK = 0.75


def _story_pieces(
    prose: npt.NDArray[np.bool_], cover: npt.NDArray[np.bool_], al: Alignment, p: DedupParams
) -> bool:
    """Whether a text (``prose`` and ``cover``: its prose tokens and those it shares) keeps
    :data:`_OPENING_PASSAGES` or more separate passages of the other that cover
    :data:`_OPENING_COVER` of its prose, or one passage covering :data:`_OPENING_ONE_BLOCK`
    of it.  A related story that quotes background has one quoted block among more words
    of its own; an outlet that rewrote the first sentence (:func:`short_opening`) and cut
    paragraphs keeps several pieces of the story, or one long piece and little else."""
    passages = int(np.count_nonzero(al.length + p.k - 1 >= p.passage_tokens))
    if passages < 1:
        return False
    n_prose = int(np.count_nonzero(prose))
    share = _OPENING_COVER if passages >= _OPENING_PASSAGES else _OPENING_ONE_BLOCK
    return n_prose > 0 and bool(np.count_nonzero(cover & prose) >= share * n_prose)


def short_opening(kind: str, own: int, span: tuple[int, int], x: Doc, y: Doc) -> bool:
    """Whether a conflict of ``kind`` is borrowed background resting on an opening of ``x``
    (its lead side: ``own`` tokens of its own in ``span``) of one sentence at most
    (:data:`_INTRO_TOKENS`) that tells ``y``'s story (its content words are ``y``'s:
    :func:`_about`): an outlet's rewrite of the story's opening, not the lead of another
    story, when the text keeps several pieces of the story (:func:`_borrowed`) or when a
    third text copies both (:func:`explained_by`)."""
    return (
        kind == "background"
        and own <= _INTRO_TOKENS
        and _about(x, y, span, _TOP_SHARED, _TOP_SHARE)
    )


#: The share of a text's own span that a third text copying both texts of a relative
#: conflict must hold to drop it (:func:`newsclean.dedup.engine.cannot_links`): most of a
#: new lead; a good part of borrowed background's, which runs from the body's start to the
#: first shared passage and so holds, besides an outlet's own paragraphs, the story's
#: paragraphs the other text dropped (a follow-up's own lead is in no copy of the story).
OWN_SPAN_HELD = {"new_lead": 0.8, "update": 0.8, "background": 0.4}


def explained_by(
    z: Doc,
    x: Doc,
    y: Doc,
    ev: Evidence,
    k: int,
) -> bool:
    """Whether ``z``, a copy of both ``x`` and ``y``, explains their conflict ``ev`` (``x``
    its lead side, if it has one), so that the two are copies that kept different parts of
    ``z``'s story:

    * a new lead, update or borrowed background (:data:`RELATIVE_CONFLICTS`) when ``z``
      holds :data:`OWN_SPAN_HELD` of ``x``'s own span, or when that is an opening of one
      sentence telling ``y``'s story (:func:`short_opening`), or a new lead that is an
      intro on ``z``'s story (:func:`_intro_on`);
    * different lead figures when ``z`` gives both (:func:`figures_explained`).

    Numbers, names and dates are never explained.  The local engine and the Spark engine
    both decide with this function."""
    if ev.kind in RELATIVE_CONFLICTS:
        return (
            short_opening(ev.kind, ev.new_lead, ev.lead_span, x, y)
            or covers(z, x, ev.lead_span, k, OWN_SPAN_HELD[ev.kind])
            or _intro_on(z, x, ev)
        )
    if ev.kind == "figures" and ev.numbers:
        return figures_explained(z, ev.numbers[0])
    return False


def _intro_on(z: Doc, x: Doc, ev: Evidence) -> bool:
    """Whether ``x``'s new lead (``ev``) is an outlet's intro on ``z``'s story: a new lead
    of at most :data:`_INTRO_TOKENS` words that speaks of ``z``'s story (:func:`_about`).
    Against a truncated copy ``y`` the intro's words ("Kenya is seeking to widen its
    access to the Gulf market for tea ...") may be found only in the paragraphs ``y``
    dropped; ``z``, a copy of both that kept them, shows that the intro is about this
    story, not another's lead."""
    return ev.kind == "new_lead" and 0 < ev.new_lead <= _INTRO_TOKENS and _about(x, z, ev.lead_span)


def covers(z: Doc, x: Doc, span: tuple[int, int], k: int, share: float = 0.8) -> bool:
    """Whether ``z`` holds ``share`` (most, by default) of the tokens ``span`` of ``x``
    (kept-token indices).

    >>> covers.__name__
    'covers'
    """
    if span[1] <= span[0]:
        return False
    sx, sz = x.sketch, z.sketch
    matched = None
    if sx.inverse is not None:
        set_pos, set_found = lookup(sx.shingle_set, sz.shingle_set)
        matched = (set_pos[sx.inverse], set_found[sx.inverse])
    al = align(sx.shingles, sz.shingles, k, (sz.shingle_set, sz.first_pos), matched)
    return bool(al.a_cover[span[0] : span[1]].mean() >= share)


def _novel_blocks(novel: npt.NDArray[np.bool_], min_run: int = 8) -> tuple[int, tuple[int, int]]:
    """Tokens in runs of at least ``min_run`` consecutive novel tokens (added or dropped
    passages; the scattered misses around edits and misspellings do not count), and the
    span of the longest run."""
    if not novel.any():
        return 0, (0, 0)
    edges = np.diff(np.concatenate(([0], novel.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - starts
    big = int(np.argmax(lengths))
    return int(lengths[lengths >= min_run].sum()), (int(starts[big]), int(ends[big]))


def _shared_opening(a: Doc, b: Doc, al: Alignment, k: int) -> int:
    """Tokens of the shared passage that opens both bodies (0 if the bodies open
    differently): an outlet that kept the lead of a story and cut or replaced the rest."""
    sa, sb = a.sketch, b.sketch
    near = (np.abs(al.a_start - sa.body_start) <= _LEAD_SLACK) & (
        np.abs(al.b_start - sb.body_start) <= _LEAD_SLACK
    )
    if not near.any():
        return 0
    return int(al.length[near].max()) + k - 1


def _same_headline(x: Doc, y: Doc, k: int) -> bool:
    """Whether the two headlines share most of their shingles (the shingles that start in
    the headline; for a headline shorter than ``k`` words, its first shingle), or are one
    line, word for word, which the corpus may have set aside as a template line (a
    templated item's headline, "Kingdom condemns terrorist attack", on hundreds of items)."""
    same_line = _headline_hash(x)
    if same_line is not None and same_line == _headline_hash(y):
        return True
    sx, sy = x.sketch, y.sketch
    if sx.body_start == 0 or sy.body_start == 0:
        return False
    hx = sx.shingles[: max(1, sx.body_start - k + 1)]
    hy = sy.shingles[: max(1, sy.body_start - k + 1)]
    shared = np.intersect1d(hx, hy).size
    return shared >= 0.6 * min(np.unique(hx).size, np.unique(hy).size)


def _headline_hash(doc: Doc) -> int | None:
    """The hash of the document's first line when it is a headline (short, with more lines
    after it), template line or not."""
    f = doc.features
    lines = np.flatnonzero(f.line_len)
    if lines.size < 2 or f.line_len[lines[0]] > HEADLINE_MAX_TOKENS:
        return None
    if lines[0] >= f.line_hashes.size:
        raise ValueError(f"document {doc.id!r} has no line hashes")  # a packing that lost them
    return int(f.line_hashes[lines[0]]) or None


def _set_aside_headlines(x: Doc, y: Doc) -> tuple[list[str], list[str]] | None:
    """The words of each headline that the other lacks, when a headline of the pair is a
    template line the corpus set aside (a templated item's headline repeated on many
    items: "King sends cable of congratulations to President of Belgium") and the two
    differ by a blank (:func:`_fills_blank`); else None.  The alignment sees only the
    kept words, so the headline's blank is read from the lines themselves."""
    if x.sketch.body_start and y.sketch.body_start:
        return None  # both headlines kept: the aligned gaps hold their blank
    if _headline_hash(x) is None or _headline_hash(y) is None:
        return None
    hx, hy = _headline_words(x), _headline_words(y)
    style = style_words()
    only_x = _content([w for w in hx if w not in hy], style)
    only_y = _content([w for w in hy if w not in hx], style)
    return (only_x, only_y) if _fills_blank(only_x, only_y) else None


def _headline_words(doc: Doc) -> list[str]:
    """The normalized words of the document's first line."""
    for line in doc.features.normalized().split("\n"):
        if line.strip():
            return line.split()
    return []


@cache
def month_words() -> frozenset[str]:
    """The month names of ``data/dates/months.txt``, normalized as the engine's words
    (each word of a two-word name: "كانون", "الثاني").

    >>> {"jan", "december", "مايو"} <= month_words()
    True
    """
    return frozenset(w for words in _months_by_words() for w in words)


def _dateline_day(
    words: list[str], start: int, stop: int, body: int, months: frozenset[str]
) -> bool:
    """Whether the gap ``words[start:stop]`` is the day of a dateline: among the first
    :data:`_DATELINE_WORDS` words of the body, day numbers only, a month name right before
    or after it, and a place before them, not a function word ("London, 20 Jan (AFP)" /
    "London, 21 Jan (AFP)": one story, dated by each outlet; but "said on 20 January" is
    a fact of the story)."""
    if not body <= start < body + _DATELINE_WORDS or stop - start > 2:
        return False
    if not all(w.isdigit() and len(w) <= 2 for w in words[start:stop]):
        return False
    after = words[stop] if stop < len(words) else ""
    first = start - 1 if after in months else start - 2  # "20 jan" / "jan 20"
    if first < body or (first + 1 < start and words[first + 1] not in months):
        return False
    return words[first] not in style_words()


def _other_months(a: str, b: str) -> bool:
    """Whether two words name two different months (in any calendar's names: "يونيو" /
    "يوليو" is June / July; "تموز" / "يوليو" is July twice)."""
    months = _months_by_words()
    ma, mb = months.get((a,)), months.get((b,))
    return ma is not None and mb is not None and ma[1] != mb[1]


@cache
def _months_by_words() -> dict[tuple[str, ...], tuple[str, int]]:
    """Month names normalized as the engine's words (a tuple of one or two words) ->
    (calendar, month)."""
    return {tuple(normalize(name).split()): got for name, got in month_numbers().items()}


@dataclass(frozen=True, slots=True)
class DatelineDate:
    """The date a dateline gives: calendar, month, day and, when it is written, year."""

    calendar: str
    month: int
    day: int
    year: int | None

    def __str__(self) -> str:
        return f"{self.day}/{self.month}" + (f"/{self.year}" if self.year else "")

    def order(self) -> tuple[int, int, int]:
        """Year (0 when none is written), month, day: the order dates are shown in."""
        return (self.year or 0, self.month, self.day)


def dateline_date(words: Sequence[str]) -> DatelineDate | None:
    """The first date among the first words of a body (its dateline): a day of one or two
    digits next to a month name ("cairo 10 may", "washington may 5", "الرياض 3 ذو القعده
    1445 ه الموافق 11 مايو 2024"), and the year of four digits that follows, if any; else
    a day and a month in digits right after the place and before an agency's name
    ("الكويت 12 6 كونا": :func:`agency_words`).
    Lunar Hijri months are no month names here (:func:`newsclean.dates.month_numbers`).

    >>> str(dateline_date("الدوحه في 18 سبتمبر قنا قرر".split()))
    '18/9'
    >>> str(dateline_date("الرياض 3 ذو القعده 1445 ه الموافق 11 مايو 2024 م واس".split()))
    '11/5/2024'
    >>> dateline_date("the central bank said on tuesday".split()) is None
    True
    >>> str(dateline_date("الكويت 12 6 كونا بعث سمو امير البلاد".split()))
    '12/6'
    >>> dateline_date("the score was 2 1 after".split()) is None
    True
    """
    months = _months_by_words()

    def day(i: int) -> int:
        w = words[i] if 0 <= i < len(words) else ""
        return int(w) if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31 else 0

    for i in range(len(words)):
        for n in (2, 1):
            got = months.get(tuple(words[i : i + n]))
            if got is None:
                continue
            before, after = day(i - 1), day(i + n)
            d, end = (before, i + n) if before else (after, i + n + 1)
            if not d:
                continue
            y = words[end] if end < len(words) else ""
            year = int(y) if y.isdigit() and len(y) == 4 and 1900 <= int(y) <= 2200 else None
            return DatelineDate(got[0], got[1], d, year)
    # a numeric dateline: a day and a month of one or two digits between the place and the
    # agency's name ("الكويت - 12 - 6 (كونا)", "KUWAIT, 12-6 (KUNA)")
    for i in range(1, min(len(words) - 2, _NUMERIC_DATELINE_AT + 1)):
        d, m = day(i), day(i + 1)
        if d and 1 <= m <= 12 and words[i + 2] in agency_words():
            return DatelineDate("gregorian", m, d, None)
    return None


@cache
def agency_words() -> frozenset[str]:
    """The agencies' names of one word, normalized (``كونا``, ``kuna``, ``qna``): the
    registry's aliases (:func:`newsclean.source.extract.default_registry`).

    >>> "كونا" in agency_words(), "reuters" in agency_words(), "the" in agency_words()
    (True, True, False)
    """
    from ..source.extract import default_registry

    found = set()
    for agency in default_registry():
        for alias in agency.all_aliases():
            key = normalize(alias)
            if key and " " not in key:
                found.add(key)
    return frozenset(found)


def _lead_weekdays(
    d: Doc, shared: npt.NDArray[np.bool_], prose: npt.NDArray[np.bool_]
) -> frozenset[str]:
    """The weekdays (:func:`weekdays`) named in the prose of the first
    :data:`_LEAD_DAY_WORDS` words of ``d``'s body outside the tokens ``shared`` with the
    other text (not in a time stamp: "الأربعاء 6 مارس 2024 - 3:12 م"), and not inside a
    name of :func:`named_days` ("Sunday Mirror")."""
    if not _may_name_days(d):
        return frozenset()  # (the text is searched first: the words need the normalized text)
    start = d.sketch.body_start
    words = d.words(start, start + _LEAD_DAY_WORDS)
    stop = start + len(words)
    own = (prose[start:stop] & ~shared[start:stop]).tolist()
    days, named = weekdays(), named_days()
    found = set()
    for j, w in enumerate(words):
        if own[j] and w in days and not _in_name(words, j, named):
            found.add(w)
    return frozenset(found)


def _lead_figures(
    d: Doc, shared: npt.NDArray[np.bool_], prose: npt.NDArray[np.bool_], reach: int
) -> dict[str, frozenset[str]]:
    """The figures (:func:`_figures_in`) in the prose of the first ``reach`` words (at
    most :data:`_LEAD_DAY_WORDS`) of ``d``'s body outside the tokens ``shared`` with the
    other text: what the lead reports in words of its own ("recovered the bodies of seven
    miners ... more than 20 hours after", "خمسة قتلى و73 جريحا").  Dates are not figures:
    a year, a day next to its month ("HANOI, Sept 11 (Reuters)"); nor are digits after a
    leading zero (a time's minutes)."""
    start = d.sketch.body_start
    stop = min(prose.size, start + min(reach, _LEAD_DAY_WORDS))
    own = prose[start:stop] & ~shared[start:stop]
    if not own.any():
        return {}
    at = 1 if start > 0 else 0
    words = d.words(start - at, stop + 1)  # one word of context on each side
    months = month_words()
    found: dict[str, frozenset[str]] = {}
    for w, figure, keys in _figures_in(words):
        if not (at <= w < at + own.size and own[w - at]):
            continue
        if _YEAR.fullmatch(figure) or figure[0] == "0":
            continue
        if (w > 0 and words[w - 1] in months) or (w + 1 < len(words) and words[w + 1] in months):
            continue  # a day of a month
        found[figure] = found.get(figure, frozenset()) | keys
    return found


def _figures_in(words: list[str]) -> list[tuple[int, str, frozenset[str]]]:
    """The figures among ``words``, as ``(index of the first word, figure, keys)``: the
    amounts they give (:func:`~newsclean.dedup.amounts.amount_spans`: digits with their
    thousands groups or decimals, number words of ``data/dedup/number_words.txt`` read
    together when they make one number, times a scale word: "أربعة عشر" 14, "1,350"
    1350, "89m" 89000000; one and two written as words count only in a compound: "one of
    the", "the two sides" are no figures).  The keys are the figure and the digits of
    its first word: a figure is given by a text that has either, so that one figure
    written two ways ("1,350" / "1350", "33 الف" / "33000") or with its words moved by
    an edit ("33 من الف") is still given.

    >>> [(i, f, sorted(k)) for i, f, k in _figures_in("killing seven of the 89m".split())]
    [(1, '7', ['7']), (4, '89000000', ['89', '89000000'])]
    >>> [f for _, f, _ in _figures_in(normalize("توفي أربعة عشر وأصيب 1,350").split())]
    ['14', '1350']
    """
    out: list[tuple[int, str, frozenset[str]]] = []
    # a time of day is no figure ("الساعة 14:30" / "2:30 ظهرا" is one time, not 14.3 / 2.3)
    timed = {i for t in times(words) if t.marked for i in range(t.start, t.stop)}
    # an ordinal of the teens is one figure ("الرابعة عشرة" 14, not the 10 of "عشرة")
    teens = ordinal_teens(words)
    for i, value in teens.items():
        out.append((i, str(value), frozenset({str(value)})))
    for a in amount_spans(words):
        if not a.digits and not (a.words and a.value > 2):
            continue
        if a.start in timed or a.start - 1 in teens:
            continue
        figure = _figure(a.value)
        written = _digits([words[a.start]])  # "33" of "33 الف", "1" of "1 350"
        out.append((a.start, figure, frozenset({figure, written} - {""})))
    return sorted(out, key=lambda f: f[0]) if teens else out


def _figure(value: Fraction) -> str:
    """A figure's value as text: ``"1350"``, ``"8.3"``."""
    if value.denominator == 1:
        return str(value.numerator)
    return format(float(value), ".12g")


def _lead_figures_conflict(
    a: Doc, b: Doc, al: Alignment, prose_of: Callable[[Doc], npt.NDArray[np.bool_]]
) -> tuple[str, str] | None:
    """A figure of each lead paragraph that the other text never gives (``(figure of a,
    figure of b)``): the two leads report different tolls, sums or counts, as a later
    version of a developing story does ("11 miners trapped" / "seven dead ... more than 20
    hours"), under another headline; a copy, even one that rewrites the opening, gives
    the figures of the story it copies."""
    # a figure further into one lead than the other text goes is not looked for (a teaser
    # stops before it)
    body_a = al.a_cover.size - a.sketch.body_start
    body_b = al.b_cover.size - b.sketch.body_start
    own_a = _lead_figures(a, al.a_cover, prose_of(a), body_b)
    if not own_a:
        return None
    own_b = _lead_figures(b, al.b_cover, prose_of(b), body_a)
    if not own_b:
        return None
    given_b = _figures_of(b)
    new_a = {f for f, keys in own_a.items() if keys.isdisjoint(given_b)}
    given_a = _figures_of(a) if new_a else set()
    new_b = {f for f, keys in own_b.items() if keys.isdisjoint(given_a)} if new_a else set()
    if not new_a or not new_b:
        return None
    title = _title_hash(a, prose_of(a))
    if title is not None and title == _title_hash(b, prose_of(b)):
        return None  # under the same headline: an outlet's own paragraph on top of the story
    return min(new_a), min(new_b)


def _title_hash(d: Doc, prose: npt.NDArray[np.bool_]) -> int | None:
    """The hash of the line right above ``d``'s first paragraph of prose: its headline,
    not a site's name above it."""
    first = np.flatnonzero(prose[: _LEAD_DAY_WORDS + d.sketch.body_start])
    if first.size == 0 or first[0] == 0:
        return None
    line = int(_kept_lines(d)[int(first[0]) - 1])
    return int(d.features.line_hashes[line]) or None


def figures_explained(z: Doc, figures: tuple[str, str]) -> bool:
    """Whether ``z`` gives both ``figures`` of a lead-figures conflict: then the two texts
    are copies that kept different paragraphs of ``z``'s story, not two versions of it."""
    return set(figures) <= _figures_of(z)


def _figures_of(d: Doc) -> set[str]:
    """The keys of the figures ``d`` gives (:func:`_figures_in`: "seven" and "7" give
    "7", "أربعة عشر" and "14" give "14", "1,350" gives "1350" and "1")."""
    return {key for _, _, keys in _figures_in(d.kept_words()) for key in keys}


def _in_name(words: list[str], j: int, named: frozenset[tuple[str, ...]]) -> bool:
    """Whether the weekday ``words[j]`` is part of a name of :func:`named_days` (a name
    of two or three words)."""
    return any(
        tuple(words[max(0, j - back) : j + size - back]) in named
        for size in (2, 3)
        for back in range(size)
    )


@cache
def _ascii_days() -> tuple[str, ...]:
    """The :func:`weekdays` written in ASCII (found as they are in a lower-cased ASCII
    text: normalization only folds its case and punctuation)."""
    return tuple(sorted(w for w in weekdays() if w.isascii()))


@cache
def named_days() -> frozenset[tuple[str, ...]]:
    """The ``[named]`` names of ``data/dedup/day_words.txt`` that hold a weekday and tell
    of no day ("sunday mirror", "good friday"), as tuples of normalized words.

    >>> ("good", "friday") in named_days()
    True
    """
    path = resources.files("newsclean").joinpath("data/dedup/day_words.txt")
    entries = read_sections(path.read_text("utf-8"), "dedup/day_words.txt")
    return frozenset(tuple(normalize(line).split()) for line in entries.get("named", ()))


@cache
def weekdays() -> frozenset[str]:
    """The weekdays of ``data/dedup/day_words.txt`` that are neither relative days nor
    abbreviations (:data:`_WEEKDAY_CHARS` letters or more).

    >>> "tuesday" in weekdays(), "tue" in weekdays(), "yesterday" in weekdays()
    (True, False, False)
    """
    relative, days = day_words()
    return frozenset(w for w in days - relative if len(w) >= _WEEKDAY_CHARS)


_MONTH_STARTS = {  # day of the year each month starts on (a common year; Solar Hijri)
    "gregorian": (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334),
    "jalali": (0, 31, 62, 93, 124, 155, 186, 216, 246, 276, 306, 336),
}


def _doc_dateline(d: Doc) -> DatelineDate | None:
    """The date of ``d``'s dateline (:func:`dateline_date` on the first
    :data:`_DATELINE_DATE` words of its body); when none of these words holds a digit, none
    (looked at first: the words need the normalized text)."""
    start, stop = d.sketch.body_start, d.sketch.body_start + _DATELINE_DATE
    if not d.features.numeric[np.flatnonzero(d.sketch.keep)[start:stop]].any():
        return None
    return dateline_date(d.words(start, stop))


def _dateline_days(a: DatelineDate, b: DatelineDate) -> float | None:
    """Days between two dateline dates of one calendar (None for two calendars), across a
    year's end when a year is missing ("30 dec" / "2 jan": 3 days).

    >>> g = partial(DatelineDate, "gregorian")
    >>> _dateline_days(g(12, 30, None), g(1, 2, None))
    3.0
    >>> _dateline_days(g(5, 11, 2024), g(8, 10, 2024))
    91.0
    """
    if a.calendar != b.calendar:
        return None
    if a.year and b.year and a.calendar == "gregorian":
        try:
            return float(abs((_date(a.year, a.month, a.day) - _date(b.year, b.month, b.day)).days))
        except ValueError:  # 31 june: no date
            return None
    starts = _MONTH_STARTS[a.calendar]
    gap = abs(starts[a.month - 1] + a.day - starts[b.month - 1] - b.day)
    return float(min(gap, 365 - gap))


@cache
def distinct_names() -> frozenset[frozenset[str]]:
    """The pairs of ``data/dedup/distinct_names.txt``: names one letter apart that are
    never a misspelling of one another, normalized.

    >>> frozenset(("iran", "iraq")) in distinct_names()
    True
    """
    path = resources.files("newsclean").joinpath("data/dedup/distinct_names.txt")
    entries = read_sections(path.read_text("utf-8"), "dedup/distinct_names.txt", ("pairs",))
    pairs = set()
    for line in entries.get("pairs", ()):
        a, sep, b = line.partition(" / ")
        if not sep or not a.strip() or not b.strip():
            raise ValueError(f"dedup/distinct_names.txt: {line!r} is not 'name / name'")
        pairs.add(frozenset((normalize(a).strip(), normalize(b).strip())))
    return frozenset(pairs)


@cache
def style_words() -> frozenset[str]:
    """Words an editor swaps when copying a story, normalized: the reporting verbs and
    connectives of ``data/dedup/style_words.txt`` and the function words of every
    ``data/stopwords`` list.  A gap whose replaced words are all of them ("said" /
    "stated") is a style edit, not a replaced name.

    >>> {"said", "stated", "the"} <= style_words(), "france" in style_words()
    (True, False)
    """
    path = resources.files("newsclean").joinpath("data/dedup/style_words.txt")
    words = {w for e in read_entries(path.read_text("utf-8")) for w in normalize(e).split()}
    for lang in STOPWORD_LANGS:
        words.update(w for sw in stopwords(lang) for w in normalize(sw).split())
    return frozenset(words)


@cache
def day_words() -> tuple[frozenset[str], frozenset[str]]:
    """The normalized ``[relative]`` day words ("yesterday", "أمس") and all day words
    (weekdays too) of ``data/dedup/day_words.txt``.

    >>> relative, days = day_words()
    >>> "yesterday" in relative, "monday" in relative, "monday" in days
    (True, False, True)
    """
    path = resources.files("newsclean").joinpath("data/dedup/day_words.txt")
    text = path.read_text("utf-8")
    entries = read_sections(text, "dedup/day_words.txt", known=("relative", "weekday", "named"))
    sections = {
        kind: {w for line in entries.get(kind, ()) for w in normalize(line).split()}
        for kind in ("relative", "weekday")
    }
    relative = frozenset(sections["relative"])
    return relative, relative | frozenset(sections["weekday"])


def _style_edit(wa: list[str], wb: list[str], style: frozenset[str]) -> bool:
    """Whether two runs of replaced words are an editor's wording, not a replaced name:
    only style and function words on both sides ("said" / "stated"), or one day told two
    ways ("on monday" / "yesterday": a relative day on one side, and only day, style and
    function words), or one month in two calendars' names ("تشرين الاول" / "اكتوبر"), or
    one unit of measure spelled two ways, in words (:func:`abbreviations`: "km h" /
    "kph").

    >>> _style_edit(["تشرين", "الاول"], ["اكتوبر"], frozenset())
    True
    >>> _style_edit(["نيسان"], ["اكتوبر"], frozenset())
    False
    >>> _style_edit(["km", "h"], ["kph"], frozenset())
    True"""
    if style.issuperset(wa) and style.issuperset(wb):
        return True
    months = _months_by_words()
    month = months.get(tuple(wa))
    if month is not None and month == months.get(tuple(wb)):
        return True  # one month named two ways: "تشرين الاول" / "اكتوبر", "غشت" / "اغسطس"
    forms = abbreviations()
    unit = forms.get(" ".join(wa))
    if unit is not None and unit == forms.get(" ".join(wb)):
        return True  # one unit written two ways: "km h" / "kph", "كم ساعه" / "كلم س"
    relative, days = day_words()
    if relative.isdisjoint(wa) and relative.isdisjoint(wb):
        return False
    return all(w in days or w in style for w in (*wa, *wb))


def _digits(words: list[str]) -> str:
    return "".join(ch for w in words for ch in w if ch.isdigit())


#: Arabic clitics that fuse with the next word (conjunctions, prepositions, the article):
#: an editor who adds or drops one has not replaced a name.  Longest first.
_CLITICS = ("وبال", "فبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def _stem(word: str) -> str:
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic) :]
    return word


def _one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of at most one (insert, delete or substitute one letter)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _common_run(a: str, b: str) -> int:
    """Length of the longest run of letters the two words share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


_VOWELS = frozenset("aeiouy")


def _abbreviation(a: str, b: str) -> bool:
    """Whether the shorter word is a newsroom abbreviation of the longer (Latin letters):
    two to four letters that start it (``dec``/``december``, ``tue``/``tuesday``), or that
    run through it in order from its first letter to its last with at most one vowel
    (``govt``/``government``, ``mln``/``million``).  Names of two places are not
    (``mali``/``malawi``, ``niger``/``nigeria``).

    >>> _abbreviation("dec", "december"), _abbreviation("government", "govt")
    (True, True)
    >>> _abbreviation("mali", "malawi"), _abbreviation("niger", "nigeria")
    (False, False)
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not 2 <= len(short) <= 4 or len(long) < len(short) + 2:
        return False
    if not (short.isascii() and short.isalpha() and long.isascii() and long.isalpha()):
        return False
    if long.startswith(short):
        return True
    if short[0] != long[0] or short[-1] != long[-1] or sum(c in _VOWELS for c in short) > 1:
        return False
    rest = iter(long)
    return all(c in rest for c in short)  # a subsequence: each letter found after the last


@cache
def abbreviations() -> dict[str, int]:
    """The forms of ``data/dedup/abbreviations.txt``, normalized, and the number of the
    group (line) each belongs to: units and titles written in full or abbreviated.

    >>> abbreviations()["km"] == abbreviations()["kilometres"]
    True
    """
    path = resources.files("newsclean").joinpath("data/dedup/abbreviations.txt")
    out: dict[str, int] = {}
    for group, line in enumerate(read_entries(path.read_text("utf-8"))):
        forms = [normalize(form) for form in line.split(" / ")]
        if len(forms) < 2 or not all(forms):
            raise ValueError(f"dedup/abbreviations.txt: {line!r} is not 'form / form ...'")
        for form in forms:
            out[form] = group
    return out


def _abbreviated(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are forms of one word of :func:`abbreviations` (``km`` /
    ``kilometres``, ``د`` / ``الدكتور``)."""
    forms = abbreviations()
    group = forms.get(a)
    return group is not None and group == forms.get(b)


@cache
def spelling_endings() -> tuple[tuple[str, str], ...]:
    """The pairs of ``data/dedup/spelling_endings.txt``: word endings that British and
    American spelling write more than one letter apart.

    >>> ("mme", "m") in spelling_endings()
    True
    """
    path = resources.files("newsclean").joinpath("data/dedup/spelling_endings.txt")
    out = []
    for line in read_entries(path.read_text("utf-8")):
        pair = [normalize(form) for form in line.split(" / ")]
        if len(pair) != 2 or not all(pair):
            raise ValueError(f"dedup/spelling_endings.txt: {line!r} is not 'ending / ending'")
        out.append((pair[0], pair[1]))
    return tuple(out)


def _ending_respelled(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one word with a British and an American ending of
    :func:`spelling_endings` (``programme`` / ``program``).

    >>> _ending_respelled("programmes", "programs"), _ending_respelled("programme", "pogrom")
    (True, False)
    """
    for british, american in spelling_endings():
        for x, y in ((a, b), (b, a)):
            if x.endswith(british) and y.endswith(american):
                stem = x[: -len(british)]
                if len(stem) >= _ENDING_STEM and stem == y[: -len(american)]:
                    return True
    return False


#: Letters that must come before a British or American ending ("manoeuvre" /
#: "maneuver"; a shorter stem is hardly a word).
_ENDING_STEM = 3


def _respelled(a: str, b: str) -> bool:
    """One word spelled two ways: the same letters, one letter off, an abbreviation, or a
    clitic added or dropped (:func:`_typo` without the shared run of an inflected Arabic
    verb, which two names of five letters share by chance: ``الجزائر`` / ``إيران`` share
    ``اير``, ``صربيا`` / ``ليبيا`` share ``بيا``).

    >>> _respelled("qaddafi", "gaddafi"), _respelled("وقعت", "ووقعت"), _respelled("جزاير", "ايران")
    (True, True, False)
    >>> _respelled("كينيا", "ليبيا")  # not "ك" and "ل" taken for clitics, then one letter off
    False
    >>> _respelled("iran", "iraq")  # data/dedup/distinct_names.txt
    False
    >>> _respelled("يونيو", "يوليو")  # June and July
    False
    """
    if _other_months(a, b):
        return False  # "يونيو" / "يوليو": one letter apart, a month apart
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    alike = (
        sorted(a) == sorted(b)
        or _unaccented(a) == _unaccented(b)
        or _one_edit(a, b)
        or _loan_spelled(a, b)
        or _abbreviation(a, b)
        or _abbreviated(a, b)
        or _ending_respelled(a, b)
        or _stem(a) == _stem(b)
        or any(long == clitic + short for clitic in _CLITICS)
    )
    return alike and frozenset((a, b)) not in distinct_names()


@cache
def _loan_table() -> dict[int, int]:
    """``data/dedup/loan_letters.txt`` as a translation table: each letter of a group to
    the group's first letter."""
    path = resources.files("newsclean").joinpath("data/dedup/loan_letters.txt")
    table: dict[int, int] = {}
    for line in read_entries(path.read_text("utf-8")):
        first, *rest = line.split()
        for letter in rest:
            table[ord(letter)] = ord(first)
    return table


#: A word needs at least this many letters to be one letter off another after the
#: loan-letter fold (short words collide: "قم" / "كم").
_LOAN_MIN_LETTERS = 4


def _loan_spelled(a: str, b: str) -> bool:
    """One foreign name or loanword written with the other letters Arabic newsrooms use for
    its sounds (:func:`_loan_table`): the same after the fold, or, for words of
    :data:`_LOAN_MIN_LETTERS` letters or more, one letter apart after it.

    >>> _loan_spelled("ميغاواط", "ميجاوات"), _loan_spelled("غوغل", "جوجل")
    (True, True)
    >>> _loan_spelled("جمال", "كمال"), _loan_spelled("قاسم", "جاسم")  # two names each
    (False, False)
    """
    if a.isascii() or b.isascii():
        return False
    table = _loan_table()
    fa, fb = a.translate(table), b.translate(table)
    if fa == a and fb == b:
        return False  # no loan letter on either side: the other tests said it all
    if fa == fb:
        return True
    return min(len(fa), len(fb)) >= _LOAN_MIN_LETTERS and _one_edit(fa, fb)


def _unaccented(word: str) -> str:
    """``word`` without its accents: a name transliterated with and without them
    (``öztüran`` / ``ozturan``, ``erdoğan`` / ``erdogan``).

    >>> _unaccented("öztüran"), _unaccented("erdoğan"), _unaccented("elazığ")
    ('ozturan', 'erdogan', 'elazig')
    """
    if word.isascii():
        return word
    plain = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED))
    return "".join(c for c in plain if not unicodedata.combining(c))


# letters with no accent to take off that a transliteration writes without their stroke
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h"})


def _typo(a: str, b: str) -> bool:
    """Two words that differ like a misspelling or an editor's inflection, not like a
    replaced name: the same letters, one letter off, an abbreviation
    (:func:`_abbreviation`), a clitic added or dropped (``وقعت``/``ووقعت``,
    ``معمر``/``بمعمر``), or -- in Arabic script, where verbs take prefixes and suffixes -- a
    shared run of at least three letters covering most of the shorter word
    (``شهدت``/``تشهد``).

    >>> _typo("وقعت", "ووقعت"), _typo("شهدت", "وتشهد"), _typo("الأردن", "البحرين")
    (True, True, False)
    """
    if _respelled(a, b):
        return True
    sa, sb = _stem(a), _stem(b)
    if "\u0600" <= sa[:1] <= "\u06ff" and "\u0600" <= sb[:1] <= "\u06ff":
        run = _common_run(sa, sb) if len(sa) <= len(sb) else _common_run(sb, sa)
        return run >= 3 and run >= 0.6 * min(len(sa), len(sb))
    return False


def _substitutions(
    x: Doc,
    y: Doc,
    al: Alignment,
    k: int,
    name_limit: int,
    prose_of: Callable[[Doc], npt.NDArray[np.bool_]] | None = None,
) -> tuple[
    list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]
]:
    """Number, name, slot and lead-blank substitutions between consecutive aligned runs.

    Between two runs aligned in both texts, a short gap on each side (up to
    :data:`_MAX_GAP` tokens) holds what was replaced; the words the two gaps share are set
    aside.  Digits that differ are a number conflict (also in a longer gap, up to
    :data:`_MAX_NUMBER_GAP` tokens, when both sides hold digits: a figure, its decimals and
    the day of a market close); words that differ and are not
    misspellings of each other are a replaced name.  Only prose lines count (not
    headlines, datelines or time stamps), except for the third list: the *slots*, words
    replaced alike in the headlines and in the text (``germany / france`` in "Crown Prince
    receives ambassador of Germany ... the ambassador of Germany presented"), the blank a
    template of protocol news fills in; and the fourth: the *lead blanks*, a name (one to
    eight words) replaced in the lead of two short items under one headline by words the
    other text never uses (``quetta`` / ``mogadishu`` in "Kingdom condemns terrorist
    attack ... the bombing that targeted ..."): a statement issued for each event.
    """
    if al.a_start.size < 1:
        return [], [], [], []
    # align() gives the runs in the order of ``a``; an empty run closes both texts, so the
    # words after the last shared run are a gap too ("... the ounce at 1908 dollars." /
    # "... at 1844 dollars.": the figure closing a market item)
    x_end, y_end = x.sketch.shingles.size + k - 1, y.sketch.shingles.size + k - 1
    a0 = np.append(al.a_start, x_end)
    ln = np.append(al.length, 1 - k)
    a_end = a0[:-1] + ln[:-1] + k - 1
    gap_a = a0[1:] - a_end
    sub_a = (gap_a >= 1) & (gap_a <= _MAX_NUMBER_GAP)
    if not sub_a.any():  # no short gap in ``a``: nothing to compare in ``b``
        return [], [], [], []
    b_runs = _reanchor(
        x.sketch.shingles, y.sketch.shingles, al.a_start, al.b_start.tolist(), al.length.tolist()
    )
    b0 = np.array([*b_runs, y_end], dtype=np.intp)
    b_end = b0[:-1] + ln[:-1] + k - 1
    gap_b = b0[1:] - b_end
    sub = sub_a & (gap_b >= 1) & (gap_b <= _MAX_NUMBER_GAP)
    if b_end.size > 1:
        # a run matched back into text of ``b`` that an earlier run has passed (a phrase
        # of a paragraph the other text dropped, found in another paragraph that repeats
        # it: "... على المناطق الداخلية بين 70 و90 بالمئة" / "... بين 30 و34 درجة") is no
        # alignment: the gap after it pairs words of two different paragraphs
        reach = np.maximum.accumulate(b_end)
        if (sub[1:] & (b0[1:-1] < reach[:-1])).any():
            sub &= _chained(b0[:-1].tolist(), b_end.tolist(), ln[:-1].tolist())
    if not sub.any():
        return [], [], [], []
    # Words are needed only for gaps with digits on both sides, for enough gaps to make
    # replaced names possible, or for a gap in both headlines and one in the text (a slot).
    # (Python lists: a few short slices per gap.)
    x_num = x.features.numeric[x.sketch.keep]
    y_num = y.features.numeric[y.sketch.keep]
    xn, yn = x_num.tolist(), y_num.tolist()
    ae, be, a1, b1 = a_end.tolist(), b_end.tolist(), a0.tolist(), b0.tolist()
    short = (gap_a <= _MAX_GAP) & (gap_b <= _MAX_GAP)
    gaps: list[tuple[int, int, int, int]] = []
    long_gaps: list[tuple[int, int, int, int]] = []  # for numbers and long blanks only
    for g in np.flatnonzero(sub).tolist():
        (gaps if short[g] else long_gaps).append((ae[g], a1[g + 1], be[g], b1[g + 1]))
    x_body, y_body = x.sketch.body_start, y.sketch.body_start
    heads = _headline_parts(gaps, a1[0], b1[0], x_body, y_body)
    long_heads = [h for h in _headline_parts(long_gaps, 0, 0, x_body, y_body) if h[0] == "head"]
    numeric_gap = [any(xn[ia:ja]) and any(yn[ib:jb]) for ia, ja, ib, jb in gaps]
    numeric_opening = any(
        any(xn[ia:ja]) and any(yn[ib:jb]) for kind, ia, ja, ib, jb in heads if kind == "opening"
    )
    in_body = [ja > x_body and jb > y_body for _, ja, _, jb in (*gaps, *long_gaps)]
    in_lead = _lead_blanks(x, y, gaps)
    blank_possible = any(in_lead) and _same_headline(x, y, k)
    set_aside = _set_aside_headlines(x, y)
    slot_possible = bool(heads or long_heads or set_aside) and any(in_body)
    long_gaps = [g for g, body in zip(long_gaps, in_body[len(gaps) :], strict=True) if body]
    n_other = numeric_gap.count(False)
    shared = int(np.count_nonzero(al.a_cover))
    names_wanted = any(numeric_gap) or _too_many_names(n_other, shared, name_limit)
    if (
        not names_wanted
        and not numeric_opening
        and not slot_possible
        and not blank_possible
        and not any(any(xn[ia:ja]) and any(yn[ib:jb]) for ia, ja, ib, jb in long_gaps)
    ):
        return [], [], [], []
    xw, yw = x.kept_words(), y.kept_words()
    x_prose = prose_of(x) if prose_of is not None else x.prose_tokens()
    y_prose = prose_of(y) if prose_of is not None else y.prose_tokens()
    # The numbers of each text outside its gaps that hold digits on both sides, counted: a
    # number of one gap that the other text has more often there than this one was moved
    # by an edit; found only in another such gap, it is one of two figures swapped by
    # coincidence ("flight 20 ... 22 tonnes" / "flight 22 ... 53 tonnes"), not moved; and
    # found there as often as here, it is the other text's own figure in its own place
    # ("reach 18 degrees ... winds of 18 km/h" / "reach 32 degrees ... winds of 18 km/h").
    x_out, y_out = x_num.copy(), y_num.copy()
    for ia, ja, ib, jb in (*gaps, *long_gaps):
        if any(xn[ia:ja]) and any(yn[ib:jb]):
            x_out[ia:ja] = False
            y_out[ib:jb] = False
    x_numbers = Counter(_digits([xw[i]]) for i in np.flatnonzero(x_out).tolist())
    y_numbers = Counter(_digits([yw[i]]) for i in np.flatnonzero(y_out).tolist())

    def replaced(ia: int, ja: int, ib: int, jb: int) -> tuple[list[str], list[str]]:
        """The words of the two gaps that the other does not have (none when the gaps
        hold the same letters spaced differently: :func:`_respaced`)."""
        ga, gb = xw[ia:ja], yw[ib:jb]
        if _respaced(ga, gb):
            return [], []
        common = set(ga) & set(gb)
        wa, wb = [w for w in ga if w not in common], [w for w in gb if w not in common]
        return ([], []) if _respaced(wa, wb) else _unjoined(wa, wb)

    def number_conflict(
        wa: list[str], wb: list[str], gap_a: tuple[int, int], gap_b: tuple[int, int]
    ) -> bool:
        """Whether the replaced words ``wa`` / ``wb`` (of the gaps ``gap_a`` of ``x`` and
        ``gap_b`` of ``y``) give different figures."""
        da, db = _digits(wa), _digits(wb)
        if da and db and da != db and same_amounts(xw, gap_a, yw, gap_b):
            return False  # one amount written two ways: "12 الف" / "12000"
        if da and db and da != db and same_times(xw, gap_a, yw, gap_b):
            return False  # one time of day written two ways: "16 47" / "4 47 مساء"
        # numbers moved by an edit, not different ones: each is found in the other text
        moved = all(y_numbers[d] > x_numbers[d] for w in wa if (d := _digits([w]))) or all(
            x_numbers[d] > y_numbers[d] for w in wb if (d := _digits([w]))
        )
        transposed = len(da) >= 3 and sorted(da) == sorted(db)
        return bool(da and db and da != db and not transposed and not moved)

    numbers, names, lead_blanks = [], [], []
    months = month_words()
    x_words, y_words = (set(xw), set(yw)) if blank_possible else (set(), set())
    style = style_words()
    in_text: list[tuple[str, str]] = []  # word pairs replaced in the text
    runs_in_text: set[tuple[str, str]] = set()  # and longer blanks, as runs of words
    for (ia, ja, ib, jb), lead in zip(gaps, in_lead, strict=True):
        if not (x_prose[ia:ja].all() and y_prose[ib:jb].all()):
            continue  # headlines, datelines, time stamps: not the story's facts
        wa, wb = replaced(ia, ja, ib, jb)
        # the blank's content words (function words fill every text: "the anniversary of
        # independence" / "his re election" is a blank of two words for two)
        ca, cb = _content(wa, style), _content(wb, style)
        if (
            lead
            and blank_possible
            and (_fills_lead_blank(ca, cb) or _fills_long_blank(ca, cb))
            and not (x_words.intersection(cb) or y_words.intersection(ca))  # never used there
            and not _digits(wa + wb)
            and not any(_respelled(p, q) for p in wa for q in wb)
            and not _style_edit(wa, wb, style)
        ):
            lead_blanks.append((" ".join(wa), " ".join(wb)))
        if _fills_long_blank(wa, wb):
            runs_in_text.add((" ".join(wa), " ".join(wb)))
        if not wa or not wb:
            continue  # an insertion or a deletion, not a substitution
        if len(wa) > _MAX_DIFF or len(wb) > _MAX_DIFF:
            # a rewrite, not a substitution of names; but figures replaced with a few
            # words around them ("الى 19 ايار" / "مره ثانيه الى 23 حزيران") are compared
            # as in a longer gap
            if (
                _digits(wa)
                and _digits(wb)
                and len(wa) <= _MAX_NUMBER_DIFF
                and len(wb) <= _MAX_NUMBER_DIFF
                and number_conflict(wa, wb, (ia, ja), (ib, jb))
            ):
                numbers.append((" ".join(wa), " ".join(wb)))
            continue
        if _fills_blank(ca, cb) and not _style_edit(wa, wb, style):
            # content words: "adviser in the royal court" / "minister"
            in_text += [(p, q) for p in ca for q in cb]
        if _digits(wa) or _digits(wb):
            dated = _dateline_day(xw, ia, ja, x_body, months) and _dateline_day(
                yw, ib, jb, y_body, months
            )
            if not dated and number_conflict(wa, wb, (ia, ja), (ib, jb)):
                numbers.append((" ".join(wa), " ".join(wb)))
            continue
        if any(_typo(p, q) for p in wa for q in wb):
            continue  # a misspelling, not a replaced name
        if _style_edit(wa, wb, style):
            continue  # the editor's wording ("said" / "stated", "monday" / "yesterday")
        names.append((" ".join(wa), " ".join(wb)))
    for ia, ja, ib, jb in long_gaps:  # numbers, long blanks, and blanks between words
        if not (x_prose[ia:ja].all() and y_prose[ib:jb].all()):
            continue
        wa, wb = replaced(ia, ja, ib, jb)
        if _fills_long_blank(wa, wb):
            runs_in_text.add((" ".join(wa), " ".join(wb)))
        in_text += _blanks_between(xw[ia:ja], yw[ib:jb], style)
        numeric = any(xn[ia:ja]) and any(yn[ib:jb])
        fits = 0 < len(wa) <= _MAX_NUMBER_DIFF and 0 < len(wb) <= _MAX_NUMBER_DIFF
        if numeric and fits and number_conflict(wa, wb, (ia, ja), (ib, jb)):
            numbers.append((" ".join(wa), " ".join(wb)))
    in_head: set[tuple[str, str]] = set()  # and in the headlines
    if set_aside is not None:
        in_head.update((p, q) for p in set_aside[0] for q in set_aside[1])
    runs_in_head: set[tuple[str, str]] = set()
    for _, ia, ja, ib, jb in long_heads:
        wa, wb = replaced(ia, ja, ib, jb)
        if _fills_long_blank(wa, wb):
            runs_in_head.add((" ".join(wa), " ".join(wb)))
        in_head.update(_blanks_between(xw[ia:ja], yw[ib:jb], style))
    for kind, ia, ja, ib, jb in heads:
        wa, wb = replaced(ia, ja, ib, jb)
        if kind == "head":
            ca, cb = _content(wa, style), _content(wb, style)
            if _fills_blank(ca, cb) and not _style_edit(wa, wb, style):
                in_head.update((p, q) for p in ca for q in cb)
            if _fills_long_blank(wa, wb):
                runs_in_head.add((" ".join(wa), " ".join(wb)))
        elif (
            x_prose[ia:ja].all()
            and y_prose[ib:jb].all()  # a lead, not a dateline or a time stamp
            and wa
            and wb
            and len(wa) <= _MAX_DIFF
            and number_conflict(wa, wb, (ia, ja), (ib, jb))
        ):
            numbers.append((" ".join(wa), " ".join(wb)))
    slots = [
        (p, q)
        for p, q in dict.fromkeys(in_text)
        if (p, q) in in_head
        and not _digits([p, q])
        and not _respelled(p, q)  # the same replacement twice is no inflection
        and not _style_edit([p], [q], style)
    ]
    # a longer blank (a full name and a title) counts when the same run of words is
    # replaced by the same run in the headlines and in the text
    for run_a, run_b in sorted(runs_in_text & runs_in_head):
        wa, wb = run_a.split(), run_b.split()
        spelled = all(_respelled(p, q) for p, q in zip(wa, wb, strict=False))  # respelled
        if not _digits(wa + wb) and not spelled and not _style_edit(wa, wb, style):
            slots.append((run_a, run_b))
    return numbers, names if names_wanted else [], slots, lead_blanks


#: Words of the shared runs around a gap read with it as parts of an amount: the number
#: a run ends on ("... بلغت 4" + "4 مليار" is 4.4 billion) and the scale word it starts with.
_AMOUNT_REACH = 2


def same_amounts(
    xw: list[str], gap_a: tuple[int, int], yw: list[str], gap_b: tuple[int, int]
) -> bool:
    """Whether the gap ``gap_a`` of the words ``xw`` and the gap ``gap_b`` of ``yw`` give
    the same amounts written two ways (:func:`~newsclean.dedup.amounts.amounts`:
    "12 الف" / "12000", "4 4 مليار" / "4 مليارات و400 مليون", "410 000" / "4 1 lakh"),
    each gap read with the number words right before it and the scale words right after
    it (up to :data:`_AMOUNT_REACH` of each); the amounts of one side may be among those
    of the other (an amount added next to the same one, such as a conversion).

    >>> same_amounts("بلغ 12 الف زائر".split(), (1, 3), "بلغ 12000 زائر".split(), (1, 2))
    True
    >>> same_amounts("rose 1 2 percent".split(), (1, 3), "rose 0 8 percent".split(), (1, 3))
    False
    """
    span_a, span_b = _amount_span(xw, *gap_a), _amount_span(yw, *gap_b)
    got_a, got_b = amounts(span_a), amounts(span_b)
    if not got_a or not got_b:
        return False
    # one side may add an amount of its own next to the same one (a conversion: "8,450
    # acres" / "8450 acres (3,420 hectares)")
    if set(got_a) <= set(got_b) or set(got_b) <= set(got_a):
        return True
    if len(got_a) == 1 and len(got_b) == 1 and _rounded_alike(got_a[0], got_b[0]):
        return True  # one amount rounded by a copy: "20 مليارا و907 ملايين" / "20 9 مليار"
    # "3m" is three metres as often as three million ("3m" / "three metres (10 feet)")
    metres_a, metres_b = _as_metres(span_a), _as_metres(span_b)
    if metres_a is None and metres_b is None:
        return False
    alt_a = set(amounts(metres_a)) if metres_a is not None else set(got_a)
    alt_b = set(amounts(metres_b)) if metres_b is not None else set(got_b)
    return bool(alt_a and alt_b) and (alt_a <= alt_b or alt_b <= alt_a)


#: An amount rounded by a copy keeps at least this many significant digits ("20.9
#: billion" for 20,907 million; "about 20 billion" is a figure of its own).
_ROUNDED_DIGITS = 2
#: ... and is rounded to a hundred thousand or more (a figure in millions or billions):
#: smaller figures are counts, which a copy gives exactly.
_ROUNDED_UNIT = 100_000


def _significant(value: Fraction) -> int:
    """The significant digits of a whole ``value`` (trailing zeros are not), or 0 for a
    value that is not whole."""
    if value.denominator != 1 or value <= 0:
        return 0
    return len(str(value.numerator).rstrip("0"))


def _rounded_alike(a: Fraction, b: Fraction) -> bool:
    """Whether one of two amounts is the other rounded to fewer significant digits, at
    least :data:`_ROUNDED_DIGITS` of them, and to :data:`_ROUNDED_UNIT` or more
    (20,907,000,000 / 20,900,000,000: "20 مليارا و907 ملايين" / "20.9 مليار").

    >>> _rounded_alike(Fraction(20907000000), Fraction(20900000000))
    True
    >>> _rounded_alike(Fraction(20907000000), Fraction(20000000000))  # one digit: no
    False
    >>> _rounded_alike(Fraction(1240), Fraction(1250))
    False
    >>> _rounded_alike(Fraction(1907), Fraction(1910))  # a count: exact
    False
    """
    da, db = _significant(a), _significant(b)
    if not da or not db or da == db:
        return False
    precise, rough, digits = (a, b, db) if da > db else (b, a, da)
    if digits < _ROUNDED_DIGITS:
        return False
    unit = 10 ** (len(str(precise.numerator)) - digits)
    if unit < _ROUNDED_UNIT:
        return False  # counts (1,907 / 1,910 cases: two days of a bulletin) are exact
    return bool((precise.numerator + unit // 2) // unit * unit == rough.numerator)


_METRES = re.compile(r"([0-9]+)m")


def _as_metres(words: list[str]) -> list[str] | None:
    """``words`` with each number glued to "m" read as metres (its digits alone), or
    None when there is none."""
    if not any(_METRES.fullmatch(w) for w in words):
        return None
    return [m.group(1) if (m := _METRES.fullmatch(w)) else w for w in words]


def same_times(
    xw: list[str], gap_a: tuple[int, int], yw: list[str], gap_b: tuple[int, int]
) -> bool:
    """Whether the gap ``gap_a`` of the words ``xw`` and the gap ``gap_b`` of ``yw`` give
    the same times of day and numbers (:func:`~newsclean.dedup.clock.readings`: "16 47" /
    "4 47 مساء", "15 00" / "3 p m"), each read with :data:`_CLOCK_REACH` words on either
    side (the hour or the minutes, or the word for the half of the day, that the two
    texts share); the readings of one side may be among those of the other (a time added
    next to the same one: "2 47am" / "2 47 a m 1847 gmt").

    >>> same_times("المد عند الساعه 16 47 والجزر".split(), (2, 5),
    ...            "المد عند 4 47 مساء والجزر".split(), (2, 5))
    True
    >>> same_times("at 16 47 on".split(), (1, 3), "at 5 47 pm on".split(), (1, 4))
    False
    """
    got_a = readings(xw[max(0, gap_a[0] - _CLOCK_REACH) : gap_a[1] + _CLOCK_REACH])
    got_b = readings(yw[max(0, gap_b[0] - _CLOCK_REACH) : gap_b[1] + _CLOCK_REACH])
    if not any(r[0] == "time" for r in got_a):
        return False
    # one side may add a time of its own next to the same one ("2:47 a.m. (1847 GMT)")
    return set(got_a) <= set(got_b) or set(got_b) <= set(got_a)


#: Words read on either side of a gap for the times of day it gives.
_CLOCK_REACH = 2


def _amount_span(words: list[str], start: int, stop: int) -> list[str]:
    scales = number_scales()
    lo = start
    while lo > max(0, start - _AMOUNT_REACH) and amount_word(words[lo - 1]):
        lo -= 1
    hi = stop
    while hi < min(len(words), stop + _AMOUNT_REACH) and words[hi] in scales:
        hi += 1
    return words[lo:hi]


def _lead_blanks(x: Doc, y: Doc, gaps: list[tuple[int, int, int, int]]) -> list[bool]:
    """For each gap ``(x start, x stop, y start, y stop)``, whether it may be a lead blank
    (see :func:`_substitutions`): in the lead of both bodies of two short items (a
    statement issued for each event is a few sentences; the words of longer texts are not
    built for it, which would cost a fifth of the verification)."""
    if min(x.sketch.shingles.size, y.sketch.shingles.size) > _SHORT_ITEM:
        return [False] * len(gaps)
    lo, hi = _LEAD_BLANK
    xb, yb = x.sketch.body_start, y.sketch.body_start
    return [lo <= ia - xb < hi and lo <= ib - yb < hi for ia, _, ib, _ in gaps]


def _respaced(wa: list[str], wb: list[str]) -> bool:
    """Whether two runs of words hold the same letters, only spaced differently: a
    hyphen or an apostrophe inside a word that one copy kept and the other dropped
    (``hi tech`` / ``hitech``, ``den s`` / ``dens``, ``13 7`` / ``137``).

    >>> _respaced(["hi", "tech"], ["hitech"]), _respaced(["germany"], ["france"])
    (True, False)
    """
    return "".join(wa) == "".join(wb)


def _unjoined(wa: list[str], wb: list[str]) -> tuple[list[str], list[str]]:
    """``wa`` and ``wb`` without each word of one that is two consecutive words of the
    other written together (a name one outlet spells in one word: ``بونتلاند`` / ``بونت
    لاند``, ``northwest`` / ``north west``), beside other replaced words of the gap.
    Words with digits are left alone ("12 5" is 12.5, not 125).

    >>> _unjoined(["بونتلاند", "ثلاثه"], ["بونت", "لاند", "3"])
    (['ثلاثه'], ['3'])
    >>> _unjoined(["12", "5"], ["125"])
    (['12', '5'], ['125'])
    """

    def split(one: list[str], two: list[str]) -> tuple[list[str], list[str]]:
        pairs = {
            two[i] + two[i + 1]: i
            for i in range(len(two) - 1)
            if two[i].isalpha() and two[i + 1].isalpha()
        }
        if not pairs:
            return one, two
        drop_one: set[int] = set()
        drop_two: set[int] = set()
        for j, word in enumerate(one):
            i = pairs.get(word)
            if i is not None and not drop_two.intersection((i, i + 1)):
                drop_one.add(j)
                drop_two.update((i, i + 1))
        if not drop_one:
            return one, two
        return (
            [w for j, w in enumerate(one) if j not in drop_one],
            [w for i, w in enumerate(two) if i not in drop_two],
        )

    wa, wb = split(wa, wb)
    wb, wa = split(wb, wa)
    return wa, wb


def _repeated_blank(a: Doc, b: Doc, al: Alignment, k: int) -> tuple[str, str] | None:
    """Content words of ``a`` replaced by content words of ``b`` in two places of the
    bodies, the same words or overlapping ones on each side (``لفخامته جمهوريه المانيا
    الاتحاديه`` / ``لجلالته مملكه اسبانيا`` in the greeting and again in the wishes of two
    cables of one template; a president's name with his country's in one place and alone
    in the next): the blank of a template filled in twice for another addressee.  Two
    words at least on one side, on each side one that the other text never uses, no
    digits, and not every word a respelling of the other side's (``Volodymyr Zelensky`` /
    ``Volodimir Zelenskiy`` twice is an outlet's spelling).  None when there is no such
    pair.
    """
    if al.a_start.size < 3:
        return None
    # (first, on the runs alone: two short gaps on both sides, two words on one)
    gap_a = al.a_start[1:] - (al.a_start[:-1] + al.length[:-1] + k - 1)
    gap_b = al.b_start[1:] - (al.b_start[:-1] + al.length[:-1] + k - 1)
    fits = (gap_a > 0) & (gap_b > 0) & (np.maximum(gap_a, gap_b) >= 2)
    fits &= (gap_a <= _REPEAT_GAP) & (gap_b <= _REPEAT_GAP)
    if np.count_nonzero(fits) < 2:
        return None
    ln = al.length.tolist()
    b0 = _reanchor(a.sketch.shingles, b.sketch.shingles, al.a_start, al.b_start.tolist(), ln)
    a0 = al.a_start.tolist()
    aw, bw = a.kept_words(), b.kept_words()
    a_words, b_words = set(aw), set(bw)
    style = style_words()
    seen: list[tuple[frozenset[str], frozenset[str], tuple[str, str]]] = []
    for r in range(len(ln) - 1):
        ia, ja = a0[r] + ln[r] + k - 1, a0[r + 1]
        ib, jb = b0[r] + ln[r] + k - 1, b0[r + 1]
        if not (0 < ja - ia <= _REPEAT_GAP and 0 < jb - ib <= _REPEAT_GAP):
            continue
        if ia < a.sketch.body_start or ib < b.sketch.body_start:
            continue
        ga, gb = aw[ia:ja], bw[ib:jb]
        common = set(ga) & set(gb)
        ca = _content([w for w in ga if w not in common], style)
        cb = _content([w for w in gb if w not in common], style)
        if not ca or not cb or max(len(ca), len(cb)) < 2 or _digits(ca + cb):
            continue
        if _respaced(ca, cb):
            continue  # "semi final" / "semifinal": one word written two ways
        if b_words.issuperset(ca) or a_words.issuperset(cb):
            continue  # words the other text uses too: an edit, not another filler
        if all(any(_respelled(p, q) or _typo(p, q) for q in cb) for p in ca):
            continue  # every word respelled: one name written two ways
        if _style_edit(ca, cb, style):
            continue  # one month in two calendars' names, wherever the text dates; one unit
            # spelled two ways wherever it comes back ("km h" / "kph")
        pair = (" ".join(ca), " ".join(cb))
        sa, sb = frozenset(ca), frozenset(cb)
        for pa, pb, earlier in seen:
            if pa & sa and pb & sb:
                # the blank again, alone or with the words around it ("فرديناند ماركوس
                # الابن رئيس جمهوريه الفلبين" / "جوزيف عون رئيس الجمهوريه اللبنانيه" in
                # the greeting, the names alone in the next cable's): the shorter is named
                return min(pair, earlier, key=lambda q: len(q[0]) + len(q[1]))
        seen.append((sa, sb, pair))
    return None


def _content(words: list[str], style: frozenset[str]) -> list[str]:
    """``words`` without the function and style words (:func:`style_words`)."""
    return [w for w in words if w not in style]


def _fills_lead_blank(ca: list[str], cb: list[str]) -> bool:
    """Whether two runs of replaced content words can be the blank in the lead of a
    statement issued for each event: one to four words each, as many give or take two
    ("country national day" / "year"); a title replaced by a full name is not one
    ("his highness" / "crown prince mohammed bin salman": one word for four).

    >>> _fills_lead_blank(["country", "national", "day"], ["year"])
    True
    >>> _fills_lead_blank(["highness"], ["crown", "prince", "mohammed", "salman"])
    False
    """
    n, m = len(ca), len(cb)
    return 0 < n <= _LEAD_BLANK_WORDS and 0 < m <= _LEAD_BLANK_WORDS and abs(n - m) <= 2


def _fills_long_blank(wa: list[str], wb: list[str]) -> bool:
    """Whether two runs of replaced words can be a longer blank of a template filled in
    twice: more words than :func:`_fills_blank` takes on both sides, up to
    :data:`_LONG_BLANK`, as many give or take one (a full name and a post for another; a
    title of three words an outlet replaces by a name of four is not one).

    >>> _fills_long_blank("fahd al samari adviser".split(), "khalid al anqari envoy".split())
    True
    """
    n, m = len(wa), len(wb)
    return _BLANK < n <= _LONG_BLANK and _BLANK < m <= _LONG_BLANK and abs(n - m) <= 1


def _blanks_between(ga: list[str], gb: list[str], style: frozenset[str]) -> list[tuple[str, str]]:
    """The content-word pairs of the blanks inside a long gap: its words aligned one by one
    (:class:`difflib.SequenceMatcher`), each run replaced by a run that can fill the same
    blank (:func:`_fills_blank`), without digits.  Between the passages of two protocol
    items the blanks come close together, with fewer than ``k`` shared words between them
    ("the president frank walter steinmeier president of germany on the unity day" / "the
    president alexander van der bellen president of austria on the national day").

    >>> _blanks_between("president x y of germany on unity day".split(),
    ...                 "president z of austria on national day".split(), frozenset({"of", "on"}))
    [('x', 'z'), ('y', 'z'), ('germany', 'austria'), ('unity', 'national')]
    """
    out: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, ga, gb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        ca, cb = _content(ga[i1:i2], style), _content(gb[j1:j2], style)
        if _fills_blank(ca, cb) and not _digits(ca + cb):
            out += [(p, q) for p in ca for q in cb]
    return out


def _fills_blank(wa: list[str], wb: list[str]) -> bool:
    """Whether two runs of replaced words can be a template's blank filled in twice (a
    name for a name: one to three words each, as many give or take one); a title
    replaced by the full name ("his highness" / "crown prince mohammed bin salman") is an
    editor's expansion, not another filler.

    >>> _fills_blank(["germany"], ["france"]), _fills_blank(["his"], ["crown", "prince", "x"])
    (True, False)
    """
    return 0 < len(wa) <= _BLANK and 0 < len(wb) <= _BLANK and abs(len(wa) - len(wb)) <= 1


def _headline_parts(
    gaps: list[tuple[int, int, int, int]], a_first: int, b_first: int, x_body: int, y_body: int
) -> list[tuple[str, int, int, int, int]]:
    """The parts of the gaps ``(x start, x stop, y start, y stop)`` that lie in both
    headlines (``"head"``: compared for slots), and of those that run on into both bodies
    by as many words (``"opening"``: compared for numbers: ``... in khartoum | the 22nd``
    / ``... in aden | the 26th``), as ``(kind, x start, x stop, y start, y stop)``.  The
    words before the first shared passage (at ``a_first`` / ``b_first``) count as a gap
    when both texts have a headline and the passage starts a few words into the bodies at
    most.

    >>> _headline_parts([(3, 8, 3, 8), (9, 10, 9, 11)], 2, 2, 5, 5)
    [('head', 0, 2, 0, 2), ('head', 3, 5, 3, 5), ('opening', 5, 8, 5, 8)]
    """
    spans = list(gaps)
    if (
        all((a_first, b_first, x_body, y_body))
        and max(a_first - x_body, b_first - y_body) <= _MAX_GAP
    ):
        spans.insert(0, (0, a_first, 0, b_first))
    parts = []
    for ia, ja, ib, jb in spans:
        if ia < x_body and ib < y_body:
            parts.append(("head", ia, min(ja, x_body), ib, min(jb, y_body)))
            oa, ob = max(ia, x_body), max(ib, y_body)
            if 0 < ja - oa == jb - ob:
                parts.append(("opening", oa, ja, ob, jb))
    return parts


def _reanchor(
    a: npt.NDArray[np.uint32],
    b: npt.NDArray[np.uint32],
    a0: IntArray,
    b0: list[int],
    ln: list[int],
) -> list[int]:
    """Move runs matched to an earlier repeat of their text (a phrase of the headline
    repeated in the lead) to the occurrence that follows the previous run: ``b0``, changed
    in place."""
    for r in range(1, len(b0)):
        expected = b0[r - 1] + ln[r - 1]
        if b0[r] >= expected:
            continue
        later = np.flatnonzero(b[expected:] == a[a0[r]])
        if later.size:
            b0[r] = expected + int(later[0])
    return b0


def _chained(starts: list[int], ends: list[int], weights: list[int]) -> npt.NDArray[np.bool_]:
    """Which runs (in the order of one text, at ``starts:ends`` in the other) make the
    heaviest chain in the order of both texts (the most shingles): the alignment; a run
    off it matched a repeat of its words elsewhere.

    >>> _chained([0, 40, 10, 50], [5, 45, 15, 60], [5, 1, 5, 10]).tolist()
    [True, False, True, True]
    """
    n = len(starts)
    best = weights[:]  # the heaviest chain ending at each run
    back = [-1] * n
    for j in range(n):
        for i in range(j):
            if ends[i] <= starts[j] and best[i] + weights[j] > best[j]:
                best[j], back[j] = best[i] + weights[j], i
    out = np.zeros(n, dtype=bool)
    j = max(range(n), key=best.__getitem__) if n else -1
    while j >= 0:
        out[j] = True
        j = back[j]
    return out


def _too_many_names(n: int, shared_tokens: int, limit: int) -> bool:
    """Replaced names that make two texts different stories: at least two and three per
    hundred shared words (short templated items), or ``limit`` and one per hundred."""
    dense = n >= 2 and n * 100 >= 3 * shared_tokens
    return dense or (n >= limit and n * 100 >= shared_tokens)


def low_overlap(inter: int, size_a: int, size_b: int, p: DedupParams) -> Evidence | None:
    """:func:`verify`'s first decision, from the number of distinct shingles two texts
    share (``inter``) and their numbers of distinct shingles: too little overlap to be
    copies (None: the pair needs the full check).

    >>> low_overlap(10, 100, 200, DedupParams()).reason
    'low overlap'
    """
    jaccard = inter / (size_a + size_b - inter)
    containment = inter / min(size_a, size_b)
    if containment < p.min_containment:
        return Evidence(False, "low overlap", jaccard, containment)
    return None


def screen(
    set_a: npt.NDArray[np.uint32], set_b: npt.NDArray[np.uint32], p: DedupParams
) -> Evidence | None:
    """:func:`verify`'s decision for a pair that is decided by its sorted shingle sets
    alone (an empty text, or low overlap) -- the same :class:`Evidence`, without the
    documents' other arrays; None when the pair needs :func:`verify`.

    >>> a = np.array([1, 2, 3, 4], dtype=np.uint32)
    >>> screen(a, np.array([5, 6, 7, 8], dtype=np.uint32), DedupParams()).reason
    'low overlap'
    >>> screen(a, a, DedupParams()) is None
    True
    """
    if set_a.size == 0 or set_b.size == 0:
        return Evidence(False, "empty text")
    return low_overlap(_shared(set_a, set_b), int(set_a.size), int(set_b.size), p)


def screened_out(
    set_a: npt.NDArray[np.uint32], set_b: npt.NDArray[np.uint32], min_containment: float
) -> bool:
    """Whether :func:`screen` decides the pair of these sorted shingle sets (an empty text,
    or a containment under ``min_containment``), without building its Evidence: for the
    callers that keep only copies and conflicts, which such a pair never is.

    >>> a = np.array([1, 2, 3, 4], dtype=np.uint32)
    >>> screened_out(a, np.array([5, 6, 7, 8], dtype=np.uint32), 0.15), screened_out(a, a, 0.15)
    (True, False)
    """
    if set_a.size == 0 or set_b.size == 0:
        return True
    return _shared(set_a, set_b) / min(set_a.size, set_b.size) < min_containment


def capped(
    sets: Sequence[tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]],
    min_containment: float,
    limit: int,
) -> list[bool]:
    """Which of one document's candidates are verified, given the shingle sets of each pair
    (``(this document's, the earlier candidate's)``, the candidates in insertion order):
    all of them, unless more than ``limit`` pass :func:`screened_out`; then the ``limit``
    most similar (the highest containment, then Jaccard: a teaser or a truncated copy ranks
    as high as a full one; ties: the earliest) and the screened ones (which are decided
    without verification).  The same rule in :func:`~newsclean.find_duplicates`
    and :class:`~newsclean.DuplicateIndex`: in a family of templated look-alikes (a
    thousand daily bulletins of one template) every item is a candidate of every other,
    and verifying them all is quadratic.  A copy of the document is among the most similar
    candidates, so it is still found.

    >>> a, b, c = (np.array(x, dtype=np.uint32) for x in ([1, 2, 3, 4], [1, 2, 3, 9], [1, 2, 3, 4]))
    >>> capped([(a, b), (a, c), (a, np.array([7], dtype=np.uint32))], 0.15, 1)
    [False, True, True]
    """
    keep = [True] * len(sets)
    if limit <= 0 or len(sets) <= limit:
        return keep
    scored = []
    for n, (x, y) in enumerate(sets):
        if x.size == 0 or y.size == 0:
            continue
        shared = _shared(x, y)
        contained = shared / min(x.size, y.size)
        if contained < min_containment:
            continue  # screened out: decided without verification, kept
        scored.append((-contained, -shared / (x.size + y.size - shared), n))
    if len(scored) <= limit:
        return keep
    scored.sort()
    for *_, n in scored[limit:]:
        keep[n] = False
    return keep


def _shared(set_a: npt.NDArray[np.uint32], set_b: npt.NDArray[np.uint32]) -> int:
    """How many values two sets of distinct values share: each shared value appears twice
    in a row in their sorted concatenation (for sets of a few hundred values, one sort is
    twice as fast as looking one set up in the other).

    >>> _shared(np.array([1, 5, 9], np.uint32), np.array([2, 5, 9, 11], np.uint32))
    2
    """
    both = np.concatenate((set_a, set_b))
    both.sort()
    return int(np.count_nonzero(both[1:] == both[:-1]))


class _ProseMasks:
    """The prose masks of a pair's two documents (:meth:`Doc.prose_tokens`), each built on
    first use: most pairs never need them."""

    __slots__ = ("a", "b", "masks")

    def __init__(self, a: Doc, b: Doc) -> None:
        self.a, self.b = a, b
        self.masks: dict[int, npt.NDArray[np.bool_]] = {}

    def __call__(self, x: Doc) -> npt.NDArray[np.bool_]:
        side = 0 if x is self.a else 1
        mask = self.masks.get(side)
        if mask is None:
            mask = self.masks[side] = x.prose_tokens()
        return mask


def _relative_conflict(
    m: dict[str, Any], kind: str, reason: str, side: Doc, own: int, span: tuple[int, int]
) -> Evidence:
    """The :data:`RELATIVE_CONFLICTS` evidence: ``side`` has ``own`` words of its own in
    ``span`` (kept tokens) that make it another story, unless a third text holds them."""
    return Evidence(
        False,
        **m,
        reason=reason,
        new_lead=own,
        lead_side=side.id,
        lead_span=span,
        conflict=True,
        kind=kind,
    )


def verify(a: Doc, b: Doc, params: DedupParams | None = None) -> Evidence:
    """Decide whether ``a`` and ``b`` are copies of one story, and why.

    The decision does not depend on the order of the two texts: they are always compared
    in one orientation (:func:`_in_order`), and the evidence is turned back to ``a``'s side
    (``shared_run`` in ``a``, substitutions as ``(word of a, word of b)``).  So
    :func:`~newsclean.find_duplicates` gives the same clusters for any order of its input,
    and :class:`~newsclean.DuplicateIndex` (which compares a new text with the stored ones)
    the same decisions as it."""
    if _in_order(a, b):
        return _verify(a, b, params or DedupParams())
    return _flipped(_verify(b, a, params or DedupParams()))


def _in_order(a: Doc, b: Doc) -> bool:
    """Whether ``a`` is the side the pair is verified from: the text with more shingles
    (its runs are read against the shorter one: on generated partial copies this joins a
    few more than the other way, with no more related stories merged), then the smaller
    shingle sequence (as bytes; not the signature, which the Spark engine's verification
    tasks do not hold); a tie (the same text) keeps the order given."""
    sa, sb = a.sketch, b.sketch
    if sa.shingles.size != sb.shingles.size:
        return sa.shingles.size > sb.shingles.size
    return sa.shingles.tobytes() <= sb.shingles.tobytes()


def _flipped(ev: Evidence) -> Evidence:
    """``ev`` of the pair ``(b, a)`` told from ``a``'s side."""
    numbers = tuple((y, x) for x, y in ev.numbers)
    names = tuple((y, x) for x, y in ev.names)
    reason = ev.reason
    if ev.kind in ("numbers", "figures", "names"):  # "...: x / y, x2 / y2" lists the pairs
        head, sep, shown = reason.partition(": ")
        pairs = [part.split(" / ", 1) for part in shown.split(", ")]
        if sep and all(len(pair) == 2 for pair in pairs):
            reason = head + sep + ", ".join(f"{y} / {x}" for x, y in pairs)
    return replace(
        ev,
        reason=reason,
        numbers=numbers,
        names=names,
        shared_run=ev.shared_run_b,
        shared_run_b=ev.shared_run,
    )


def _verify(a: Doc, b: Doc, p: DedupParams) -> Evidence:
    """:func:`verify` with ``a`` on the side the pair is verified from."""
    sa, sb = a.sketch, b.sketch
    if sa.size == 0 or sb.size == 0:
        return Evidence(False, "empty text")
    if sa.inverse is not None:  # look the sorted set up (fast), then spread to the sequence
        set_pos, set_found = lookup(sa.shingle_set, sb.shingle_set)
        inter = int(np.count_nonzero(set_found))  # distinct shingles of a in b
    else:
        matched = lookup(sa.shingles, sb.shingle_set)
        inter = int(np.count_nonzero(matched[1][sa.first_pos]))
    low = low_overlap(inter, sa.size, sb.size, p)
    if low is not None:
        return low
    jaccard = inter / (sa.size + sb.size - inter)
    containment = inter / min(sa.size, sb.size)
    if sa.shingles.size == sb.shingles.size and np.array_equal(sa.shingles, sb.shingles):
        n = int(sa.shingles.size) + p.k - 1
        return Evidence(
            True, "identical text", 1.0, 1.0, 1.0, n, shared_run=(0, n), shared_run_b=(0, n)
        )
    b_found = None
    if sa.inverse is not None:
        matched = (set_pos[sa.inverse], set_found[sa.inverse])
        if sb.inverse is not None:  # b's distinct shingles found in a, spread to b's sequence
            in_a = np.zeros(sb.size, dtype=bool)
            in_a[set_pos[set_found]] = True
            b_found = in_a[sb.inverse]
    al = align(sa.shingles, sb.shingles, p.k, (sb.shingle_set, sb.first_pos), matched, b_found)
    run_tokens = al.length + p.k - 1
    longest_i = int(np.argmax(run_tokens)) if run_tokens.size else 0
    longest = int(run_tokens[longest_i]) if run_tokens.size else 0
    shared_run = (int(al.a_start[longest_i]), longest) if run_tokens.size else (0, 0)
    shared_run_b = (int(al.b_start[longest_i]), longest) if run_tokens.size else (0, 0)
    long_runs = run_tokens >= p.passage_tokens
    small_is_a = sa.shingles.size <= sb.shingles.size
    starts = al.a_start if small_is_a else al.b_start
    n_small = (sa if small_is_a else sb).shingles.size
    cover_small = _cover(n_small, starts[long_runs], al.length[long_runs], p.k)
    passage_cover = np.count_nonzero(cover_small) / cover_small.size if cover_small.size else 0.0
    m: dict[str, Any] = {
        "jaccard": jaccard,
        "containment": containment,
        "passage_cover": passage_cover,
        "longest": longest,
        "shared_run": shared_run,
        "shared_run_b": shared_run_b,
    }

    # Negative evidence 1: a new lead on one side (update / follow-up story).
    days = _days_apart(a.features.date, b.features.date)
    prose_of = _ProseMasks(a, b)
    for x, y, xs, ys, xc, yc, x_sorted in (
        (a, b, al.a_start, al.b_start, al.a_cover, al.b_cover, True),
        (b, a, al.b_start, al.a_start, al.b_cover, al.a_cover, False),
    ):
        lead, span = _new_lead(x, y, xs, ys, al.length, xc, partial(prose_of, x), x_sorted)
        if lead == 0:
            continue
        y_inside = bool(yc.size) and np.count_nonzero(yc) / yc.size >= _CONTAINED
        if lead >= p.lead_tokens or (lead >= 0.75 * p.lead_tokens and not y_inside):
            x_date, y_date = x.features.date, y.features.date
            if days is not None and x_date and y_date and x_date[:10] < y_date[:10]:
                continue  # x is older: y dropped x's lead, it cannot be x's update
            if (
                y_inside
                and x.sketch.update_marker == y.sketch.update_marker
                and _same_headline(x, y, p.k)
            ):
                continue  # same story under the same headline: y dropped x's first paragraph
            if (
                not x.sketch.update_marker
                and not y.sketch.update_marker
                and (
                    (
                        lead <= _INTRO_TOKENS
                        and bool(yc.size)
                        and np.count_nonzero(yc) / yc.size >= _INTRO_COVER
                        and _lines_in(x, span) == 1
                        and _about(x, y, span)
                    )
                    or _about(x, y, span, _TOP_SHARED, _TOP_SHARE)
                )
            ):
                continue  # an outlet's own intro or local top, then the story
            reason = f"new lead in {x.id} ({lead} words): an update or a follow-up story"
            return _relative_conflict(m, "new_lead", reason, x, lead, span)

    # Negative evidence 1b: a story of its own that borrows a passage from deep in the other
    # (background paragraphs of an earlier story quoted by a follow-up or related story).
    borrowed = _borrowed(a, b, al, prose_of, p)
    if borrowed is not None:
        x, z, own, span = borrowed
        reason = (
            f"{x.id} has its own headline and lead ({own} words) and shares only passages "
            f"from deep in {z.id}: a related story quoting background"
        )
        return _relative_conflict(m, "background", reason, x, own, span)

    # Negative evidence 2: one headline says "updated" (or "analysis", "explainer": another
    # kind of story on the same events), and each text has prose the other lacks.
    if sa.update_marker != sb.update_marker:
        x, xc, y, yc = (
            (a, al.a_cover, b, al.b_cover) if sa.update_marker else (b, al.b_cover, a, al.a_cover)
        )
        new, new_span = _novel_blocks(prose_of(x) & ~xc)
        dropped, _ = _novel_blocks(prose_of(y) & ~yc)
        if new >= p.lead_tokens and dropped >= p.lead_tokens:
            reason = (
                f"updated version: {x.id} is marked as an update (or an analysis of the "
                f"story), adds {new} words and drops {dropped}"
            )
            return _relative_conflict(m, "update", reason, x, new, new_span)

    # Negative evidence 2b: one text reports a figure risen since the other ("death toll
    # rises to 61", "ارتفاع حصيلة ... إلى 7") and gives a figure the other never does.
    rise = _risen(a, b) or _risen(b, a)
    if rise is not None:
        x, figure = rise
        reason = f"update: {x.id} reports a figure risen since the other text ({figure})"
        return Evidence(False, **m, reason=reason, conflict=True, kind="numbers")

    # Negative evidence 2c: the headlines number different items of one series ("وصول
    # الطائرة الإغاثية الثانية" / "... الثالثة": one relief flight and the next).
    items = _headline_items(a, b)
    if items is not None:
        reason = f"the headlines number different items: {items[0]} / {items[1]}"
        m["numbers"] = (items,)
        return Evidence(False, **m, reason=reason, conflict=True, kind="numbers")

    # Negative evidence 2d: the openings tell of different stages of the story (a suspect
    # arrested / charged, a person injured / dead, missing / found): an update.
    moved = _stage_moved(a, b)
    if moved is not None:
        reason = f"the openings tell of different stages of the story: {moved[0]} / {moved[1]}"
        m["names"] = (moved,)
        return Evidence(False, **m, reason=reason, conflict=True, kind="names")

    # Negative evidence 3: template look-alikes (numbers or names swapped in place).
    numbers, names, slots, blanks = _substitutions(a, b, al, p.k, p.name_substitutions, prose_of)
    m["numbers"], m["names"] = tuple(numbers), tuple(dict.fromkeys(names + slots + blanks))
    if len(numbers) > p.number_conflicts:
        shown = ", ".join(f"{x} / {y}" for x, y in numbers[:3])
        return Evidence(
            False, **m, reason=f"numbers differ: {shown}", conflict=True, kind="numbers"
        )
    if _too_many_names(len(names), int(np.count_nonzero(al.a_cover)), p.name_substitutions):
        shown = ", ".join(f"{x} / {y}" for x, y in names[:3])
        return Evidence(False, **m, reason=f"names differ: {shown}", conflict=True, kind="names")
    if slots:  # one template, its blank filled in differently in the headline and the text
        shown = ", ".join(f"{x} / {y}" for x, y in slots[:3])
        reason = f"names differ in the headlines and the text: {shown}"
        return Evidence(False, **m, reason=reason, conflict=True, kind="names")
    if blanks:  # one statement under one headline, issued for another event
        shown = ", ".join(f"{x} / {y}" for x, y in blanks[:3])
        reason = f"names differ in the lead under the same headline: {shown}"
        return Evidence(False, **m, reason=reason, conflict=True, kind="names")

    # Negative evidence 4: far apart in time (the dates given, else the datelines' dates:
    # "الدوحة في 1 مايو /قنا/" / "الدوحة في 18 سبتمبر /قنا/", one template a month apart)
    if days is not None and days > p.date_window_days and jaccard < p.threshold_outside_window:
        return Evidence(
            False, **m, reason=f"published {days:.0f} days apart", conflict=True, kind="dates"
        )
    if days is None and jaccard < p.threshold_outside_window:
        da = _doc_dateline(a)
        db = _doc_dateline(b) if da is not None else None
        if da is not None and db is not None:
            apart = _dateline_days(da, db)
            if apart is not None and apart > _DATELINE_APART:
                first, last = sorted((da, db), key=DatelineDate.order)
                reason = f"datelines {apart:.0f} days apart ({first} / {last})"
                return Evidence(False, **m, reason=reason, conflict=True, kind="dates")

    shared_passages = (
        containment >= p.partial_containment
        and passage_cover >= p.partial_containment
        and (
            longest >= 3 * p.passage_tokens
            or _bridged_longest(a, b, al, p.k) >= 3 * p.passage_tokens
        )
    ) or (
        # a short copy (a teaser: a headline of its own, the lead, a line of its own) has
        # no passage that long, but most of it is passages of the other (never less than
        # partial_containment asks for)
        min(containment, passage_cover) >= max(_MOSTLY, p.partial_containment)
        and longest >= 2 * p.passage_tokens
    )
    if jaccard < p.threshold_outside_window and (
        jaccard >= p.threshold
        or containment >= p.containment
        or shared_passages
        or (containment >= _PROSE_PARTIAL and passage_cover >= _PROSE_PARTIAL)
    ):
        # a copy shares passages, and so do two items of one template, whose blank (the
        # addressee of a cable) is filled in alike wherever it comes back
        twice = _repeated_blank(a, b, al, p.k)
        if twice is not None:
            reason = f"the same words replaced in two places: {twice[0]} / {twice[1]}"
            return Evidence(False, **m, reason=reason, conflict=True, kind="names")
    copy = _copy_evidence(
        a, b, al, m, p, prose_of, (cover_small, small_is_a, run_tokens, shared_passages)
    )
    if copy is None:
        return Evidence(False, **m, reason="not enough shared text")
    if m["jaccard"] < p.threshold_outside_window and _boilerplate_only(a, b, al, p):
        reason = "they share only an issuer's boilerplate (an About paragraph, disclaimers)"
        return Evidence(False, **m, reason=reason)
    if m["jaccard"] < p.threshold_outside_window:
        figures = _lead_figures_conflict(a, b, al, prose_of)
        if figures is not None:
            reason = f"the leads give different figures: {figures[0]} / {figures[1]}"
            m["numbers"] = (figures,)
            return Evidence(False, **m, reason=reason, conflict=True, kind="figures")
    if m["jaccard"] >= p.threshold:
        return copy
    # Negative evidence 5: the leads tell of different weekdays in words of their own ("...
    # ruled on Tuesday" / "... said on Wednesday"): the next day's story, reusing background
    # paragraphs (a day in a shared passage is the story's: "Saudi Arabia said on Sunday").
    # Not looked for in a near-identical copy (a follow-up shares only a part of the story;
    # and the words need the normalized text).
    days_a = _lead_weekdays(a, al.a_cover, prose_of(a))
    days_b = _lead_weekdays(b, al.b_cover, prose_of(b)) if days_a else frozenset()
    if days_a and days_b and days_a.isdisjoint(days_b):
        shown = f"{'/'.join(sorted(days_a))} / {'/'.join(sorted(days_b))}"
        reason = f"the leads tell of different days: {shown}"
        return Evidence(False, **m, reason=reason, conflict=True, kind="dates")
    return copy


def _bridged_longest(a: Doc, b: Doc, al: Alignment, k: int) -> int:
    """The longest shared passage when runs are joined across a figure one text adds
    between them (up to :data:`_BRIDGE` words, each with a digit, and nothing dropped
    from the other: the conversion a copy writes beside the wire's amount, "between 2cm
    and 5cm (1-2in) of snow", "-8C (18F)").  Only the tokens of the runs count."""
    n = al.length.size
    best = int(al.length.max()) + k - 1 if n else 0
    if n < 2:
        return best
    a0, b0, ln = al.a_start.tolist(), al.b_start.tolist(), al.length.tolist()
    aw = bw = None
    run = ln[0] + k - 1
    for r in range(1, n):
        ga = a0[r] - (a0[r - 1] + ln[r - 1] + k - 1)
        gb = b0[r] - (b0[r - 1] + ln[r - 1] + k - 1)
        joined = False
        if 0 <= ga <= _BRIDGE and 0 <= gb <= _BRIDGE and min(ga, gb) == 0 < max(ga, gb):
            if ga:
                aw = aw if aw is not None else a.kept_words()
                added = aw[a0[r] - ga : a0[r]]
            else:
                bw = bw if bw is not None else b.kept_words()
                added = bw[b0[r] - gb : b0[r]]
            joined = all(any(ch.isdigit() for ch in w) for w in added)
        run = run + ln[r] + k - 1 if joined else ln[r] + k - 1
        best = max(best, run)
    return best


#: Words of an added figure that :func:`_bridged_longest` joins two passages across.
_BRIDGE = 3


#: Share of the smaller text that a shared opening must make for it alone to make a copy
#: (a teaser, a kept lead); the formula at the top of every statement of one office
#: ("صدر عن المديرية العامة لقوى الأمن الداخلي ... البلاغ الآتي: في إطار المتابعة
#: المستمرة ...") is a tenth of a long statement and the next one's too.
_OPENING_SHARE = 0.15


def _copy_evidence(
    a: Doc,
    b: Doc,
    al: Alignment,
    m: dict[str, Any],
    p: DedupParams,
    prose_of: _ProseMasks,
    passages: tuple[npt.NDArray[np.bool_], bool, IntArray, bool],
) -> Evidence | None:
    """The positive evidence of :func:`_verify` (None: not enough shared text);
    ``passages``: the smaller text's cover by long shared passages, whether it is ``a``,
    the tokens of each shared run and whether the shared passages make a copy."""
    cover_small, small_is_a, run_tokens, shared_passages = passages
    jaccard, containment = m["jaccard"], m["containment"]
    passage_cover, longest = m["passage_cover"], m["longest"]
    if jaccard >= p.threshold:
        return Evidence(True, **m, reason="near-identical text")
    if containment >= p.containment:
        return Evidence(True, **m, reason="one text contains the other")
    if shared_passages:
        return Evidence(True, **m, reason="partial copy: shared passages")
    if (
        containment >= _PROSE_PARTIAL
        and passage_cover >= _PROSE_PARTIAL
        and longest >= 3 * p.passage_tokens
        and np.count_nonzero(run_tokens >= 2 * p.passage_tokens) >= 2
    ):
        # a hard copy keeps less (a rewritten lead, two paragraphs of the story, a long
        # one of its own): still a copy when it shares two passages of twenty words or
        # more, in paragraphs of prose, not lists of headlines and footers that two pages
        # of one site share (two columns of the dev set quoting one statement share 30%)
        small = a if small_is_a else b
        prose = prose_of(small)[: cover_small.size]
        if np.count_nonzero(cover_small[: prose.size] & prose) >= _PROSE_PARTIAL * cover_small.size:
            return Evidence(True, **m, reason="partial copy: shared paragraphs")
    opening = _shared_opening(a, b, al, p.k)
    n_small = min(a.sketch.shingles.size, b.sketch.shingles.size) + p.k - 1
    if opening >= 3 * p.passage_tokens and opening >= _OPENING_SHARE * n_small:
        return Evidence(True, **m, reason=f"same opening: the first {opening} words are shared")
    return None
