"""What the engine keeps of each document: tokens, lines and the sketch built from them.

:func:`prepare` turns raw texts into :class:`DocFeatures` (token hashes, line hashes,
which lines are prose); it does not depend on the rest of the corpus and runs in worker
processes.  The normalized text itself is not kept: the few checks and explanations that
need words normalize the source text again.  :func:`sketch` then drops the site-template lines (see
:mod:`newsclean.dedup.templates`) and builds the :class:`Sketch`: the ordered shingle hashes
that verification aligns, their sorted set for exact Jaccard, the winnowed passage
fingerprints and the MinHash signature.

>>> f = prepare([("a", "Headline\\nThe minister said on Monday that taxes would fall.")])[0]
>>> f.n_tokens, f.prose.tolist()
(10, [False, True])
>>> s = sketch(f, frozenset(), MinHasher(num_perm=8), k=3, window=4)
>>> s.body_start, s.shingles.size
(1, 8)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from ..article import Article, RemovedLine, copied_by_slots, pickled_by_fields
from ..chrome import strip_chrome_explain
from ..datafiles import read_entries
from ..dates import parse_date
from ..encoding import fix_mojibake
from ..markup import unmarkup
from ..normalize import fold_codepoints, normalize
from .ordinals import ordinal_keys
from .passages import unique_first, unique_inverse, window_minima, winnow
from .shingles import (
    MARK,
    TokenStream,
    drop_percent_words,
    shingle_hashes,
    split_unspaced,
    tokenize_batch,
)
from .signatures import MinHasher
from .stages import stage_keys

__all__ = [
    "HEADLINE_MAX_TOKENS",
    "Doc",
    "DocFeatures",
    "FeatureChunk",
    "Sketch",
    "prepare",
    "sketch",
    "sketch_batch",
]

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
Bools = npt.NDArray[np.bool_]

HEADLINE_MAX_TOKENS = 20
"""A first line this short (in tokens), followed by more text, is taken as the headline."""

PROSE_MIN_TOKENS = 8
"""A line ending a sentence with at least this many tokens is prose."""

PROSE_LONG_TOKENS = 14
"""A line this long is prose even without sentence punctuation (dumps that lost it)."""

CUE_ORDINAL = 1
"""A bit of :attr:`DocFeatures.cues`: the line may hold an ordinal (a token with a digit,
or the hash of a word :func:`~newsclean.dedup.ordinals.ordinal_keys` lists)."""
CUE_STAGE = 2
"""A bit of :attr:`DocFeatures.cues`: the line may name a story stage (the hash of a word
:func:`~newsclean.dedup.stages.stage_keys` lists)."""
ALL_CUES = CUE_ORDINAL | CUE_STAGE


@copied_by_slots
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DocFeatures:
    """The corpus-independent features of one document.

    ``source`` is the text the features were computed from (with ``chrome``, raw text:
    the features are those of its :func:`readable` version without its sure chrome lines),
    ``tokens`` its 32-bit token hashes, ``line_len`` the number of tokens of each line,
    ``line_hashes`` a 64-bit hash per line (0 for an empty line), ``prose`` whether each
    line is a paragraph (it ends a sentence or is long) rather than a headline, label or
    menu item, ``numeric`` whether each token holds a digit, and ``head_marker`` whether
    each of the first lines opens with an update marker.  ``date`` (in ISO 8601, as
    :func:`newsclean.dates.parse_date` reads it; None when it cannot) and ``agency`` come
    from an :class:`~newsclean.Article` input.  ``dropped`` are the lines of ``source``
    that chrome stripping removed with sure evidence (None when not known: they are found
    again when the words are needed); ``plain`` says that ``source`` already reads as a
    reader sees it (:func:`readable` leaves it as it is: no mojibake, no markup), so that
    its text is found again without repairing it.  ``cues`` has the bits
    :data:`CUE_ORDINAL` and :data:`CUE_STAGE` of each line (:func:`line_cues`): a line
    without a bit holds no such word, so a check looking for one need not read its words
    (None: not known, every line may hold one).
    """

    id: str
    source: str
    tokens: U32
    numeric: Bools
    line_len: npt.NDArray[np.uint32]
    line_hashes: U64
    prose: Bools
    head_marker: tuple[bool, ...] = ()
    date: str | None = None
    agency: str | None = None
    lang: str | None = None
    chrome: bool = False
    dropped: tuple[int, ...] | None = None
    plain: bool = False
    cues: npt.NDArray[np.uint8] | None = None

    @property
    def n_tokens(self) -> int:
        return int(self.tokens.size)

    def token_lines(self) -> npt.NDArray[np.intp]:
        """The line index of every token."""
        return np.repeat(np.arange(self.line_len.size), self.line_len)

    def normalized(self) -> str:
        """The normalized text (tokens separated by blanks, lines by ``"\\n"``); its
        ``split()`` gives exactly the hashed tokens."""
        return _normalized(*self.body_key(), tokens=self.n_tokens)

    def body_key(self) -> tuple[str, bool, tuple[int, ...] | None, str | None, bool]:
        """What :meth:`body` depends on, in :func:`body_of`'s order (a memo's key)."""
        return self.source, self.chrome, self.dropped, self.lang, self.plain

    def body(self) -> str:
        """The text the features were computed from, before normalization: ``source``,
        or with ``chrome`` its :func:`readable` version without its sure chrome lines (the
        text the Spark engine holds as ``source``, so that a rule reading the text reads
        the same in both engines)."""
        return body_of(*self.body_key())


def body_of(
    source: str,
    chrome: bool,
    dropped: tuple[int, ...] | None,
    lang: str | None,
    plain: bool = False,
    chars: int | None = None,
) -> str:
    """:meth:`DocFeatures.body` of a document's columns; with ``chars``, its first
    ``chars`` characters only (the lines after them are not joined).

    >>> text = "Share\\nThe minister said on Monday that taxes would fall."
    >>> body_of(text, True, (0,), None, chars=12)
    'The minister'
    """
    if not (chrome and dropped is not None):
        return _body(source, chrome, lang)[:chars]
    text = source if plain else readable(source, raw=True)
    if chars is None or not dropped:
        return _drop_lines(text, dropped)[:chars]
    skip, out, size = set(dropped), [], 0
    for i, line in enumerate(text.splitlines()):
        if i not in skip:
            out.append(line)
            size += len(line) + 1
            if size > chars:
                break
    return "\n".join(out)[:chars]


@lru_cache(maxsize=256)
def _normalized(
    source: str,
    chrome: bool,
    dropped: tuple[int, ...] | None,
    lang: str | None,
    plain: bool = False,
    *,
    tokens: int | None = None,
) -> str:
    """:meth:`DocFeatures.normalized` (cached: a canonical copy's words are read once for
    every member it explains).  ``tokens``, the document's token count when known, tells
    whether the tokenizer left words out (percent words next to a number: counting the
    words of the code points is cheaper than looking for them)."""
    text = body_of(source, chrome, dropped, lang, plain)
    cps = split_unspaced(fold_codepoints(text, lang=lang))
    spaced = np.where(cps == MARK, np.uint32(0x20), cps)
    out = str(spaced.tobytes().decode("utf-32-le", "surrogatepass"))
    if tokens is not None and tokens == _word_count(spaced):
        return out
    return drop_percent_words(out)


#: Bits of a token hash that index :func:`_cue_buckets` (the top ones).
_CUE_BUCKET_BITS = 18


@lru_cache(maxsize=1)
def _cue_buckets() -> npt.NDArray[np.uint8]:
    """The cue bits of the words of :func:`~newsclean.dedup.ordinals.ordinal_keys` and
    :func:`~newsclean.dedup.stages.stage_keys`, by the top :data:`_CUE_BUCKET_BITS` bits
    of their hashes: a token whose bucket is 0 (nearly all) is none of them, and the few
    others are looked up."""
    out = np.zeros(1 << _CUE_BUCKET_BITS, dtype=np.uint8)
    shift = 32 - _CUE_BUCKET_BITS
    for bit, keys in ((CUE_ORDINAL, ordinal_keys()), (CUE_STAGE, stage_keys())):
        out[np.array(sorted(keys), dtype=np.uint32) >> shift] |= bit
    return out


def line_cues(ts: TokenStream) -> npt.NDArray[np.uint8]:
    """The :data:`CUE_ORDINAL` and :data:`CUE_STAGE` bits of each line of ``ts``, from its
    token hashes: a line has a bit when one of its tokens has a digit or the hash of a word
    the bit stands for (a hash may be another word's: a bit says "may").

    >>> from newsclean.dedup.shingles import tokenize
    >>> line_cues(tokenize(["man charged\\nthird convoy\\nquiet day\\n5 dead"])[0]).tolist()
    [2, 1, 0, 3]
    """
    return line_cues_batch([ts])[0]


def line_cues_batch(streams: Sequence[TokenStream]) -> list[npt.NDArray[np.uint8]]:
    """:func:`line_cues` of each stream (the arrays of a batch looked at together)."""
    if not streams:
        return []
    h = np.concatenate([ts.hashes for ts in streams])
    line_len = np.concatenate([ts.line_len for ts in streams])
    bits = np.concatenate([ts.numeric for ts in streams]).view(np.uint8)  # CUE_ORDINAL
    found = np.flatnonzero(_cue_buckets()[h >> np.uint32(32 - _CUE_BUCKET_BITS)])
    if found.size:
        ordinal, stage = ordinal_keys(), stage_keys()
        for i, key in zip(found.tolist(), h[found].tolist(), strict=True):
            bits[i] |= (CUE_ORDINAL if key in ordinal else 0) | (CUE_STAGE if key in stage else 0)
    out = np.zeros(line_len.size, dtype=np.uint8)
    full = np.flatnonzero(line_len)  # a line without tokens has no bit
    if full.size:
        starts = np.zeros(line_len.size, dtype=np.int64)
        np.cumsum(line_len[:-1], out=starts[1:])
        out[full] = np.bitwise_or.reduceat(bits, starts[full])
    bounds = np.cumsum([ts.line_len.size for ts in streams])
    return np.split(out, bounds[:-1].tolist())


def cues_of(f: DocFeatures) -> npt.NDArray[np.uint8]:
    """``f.cues``, or every bit on each line when they are not known."""
    if f.cues is not None:
        return f.cues
    return np.full(f.line_len.size, ALL_CUES, dtype=np.uint8)


def _word_count(cps: U32) -> int:
    """How many words the code points hold (runs of non-blanks; blanks: space and line
    break)."""
    if cps.size == 0:
        return 0
    blank = (cps == 0x20) | (cps == 0x0A)
    return int(np.count_nonzero(blank[1:] < blank[:-1])) + (not bool(blank[0]))


@dataclass(frozen=True, slots=True)
class Sketch:
    """The template-free view of a document used for candidates and verification.

    ``keep`` marks the tokens outside template lines; ``shingles`` are the ordered shingle
    hashes of the kept tokens, ``shingle_set`` their sorted unique values, ``fingerprints``
    the winnowed passage fingerprints, ``signature`` the MinHash, ``first_pos`` the position
    of each ``shingle_set`` value's first occurrence in ``shingles``, ``body_start`` the index
    (in kept tokens) where the body starts after a headline, and ``update_marker`` whether
    the headline opens with an update marker
    (``UPDATE 2-``, ``LATEST:``, ``تحديث:``; see ``data/dedup/update_markers.txt``).
    ``inverse``, when known, gives for each shingle the index of its value in
    ``shingle_set`` (verification then looks the sorted set up instead of the sequence).
    """

    keep: Bools
    shingles: U32
    shingle_set: U32
    first_pos: npt.NDArray[np.unsignedinteger[Any]]
    fingerprints: U32
    signature: U32
    body_start: int
    update_marker: bool = False
    inverse: npt.NDArray[np.unsignedinteger[Any]] | None = None

    @property
    def size(self) -> int:
        return int(self.shingle_set.size)


def phrases(name: str) -> frozenset[tuple[str, ...]]:
    """The entries of the data file ``data/dedup/{name}``, each as the engine's words
    (normalized, split)."""
    path = resources.files("newsclean").joinpath(f"data/dedup/{name}")
    entries = (tuple(normalize(e).split()) for e in read_entries(path.read_text("utf-8")))
    return frozenset(e for e in entries if e)


@lru_cache(maxsize=1)
def update_markers() -> frozenset[tuple[str, ...]]:
    """The normalized update markers of ``data/dedup/update_markers.txt``."""
    return phrases("update_markers.txt")


def has_update_marker(headline: str) -> bool:
    """Whether a normalized headline opens with an update marker.

    >>> has_update_marker("update 2 oil prices rise"), has_update_marker("oil prices rise")
    (True, False)
    >>> has_update_marker("last updated 10 32 gmt")
    False
    """
    words = headline.split(maxsplit=4)[:4]
    if not words or words[0] not in _marker_starts():
        return False
    head = tuple(words)
    return any(head[: len(m)] == m for m in update_markers())


@lru_cache(maxsize=1)
def _marker_starts() -> frozenset[str]:
    return frozenset(m[0] for m in update_markers())


_HEAD_LINES = 4  # lines checked for an update marker
_HEAD_CHARS = 1200  # characters looked at for them


def _head_markers(cps: U32) -> tuple[bool, ...]:
    head = str(cps[:_HEAD_CHARS].tobytes().decode("utf-32-le", "surrogatepass"))
    lines = head.replace(_MARK_CHR, " ").split("\n", _HEAD_LINES)[:_HEAD_LINES]
    return tuple(has_update_marker(line) for line in lines)


_MARK_CHR = chr(MARK)


#: The removals of :func:`newsclean.strip_chrome_explain` that fingerprinting applies: lines
#: with explicit evidence of being chrome (a slide show's captions count: their counters
#: ``1/N, 2/N, 3/N ...`` are such evidence).  Lines removed only for their position or
#: shape (``zone``, ``density``, ``menu``, ``teaser``) and the headline (``title``) are
#: kept: a missed chrome line costs a copy a few shingles, but a short paragraph dropped
#: from one copy and not from another costs more, and the headline carries the update and
#: follow-up markers.
SURE_CHROME = frozenset(
    {"lexicon", "source-line", "breadcrumb", "punctuation", "site-template", "gallery"}
)


def _drop_lines(text: str, drop: Iterable[int]) -> str:
    """``text`` without the lines numbered ``drop`` (numbers past the last line are
    ignored), the others joined by ``"\\n"``: what
    ``"\\n".join(line for i, line in enumerate(text.splitlines()) if i not in drop)`` gives,
    with the few dropped lines deleted from the list instead of every line tested.

    >>> _drop_lines("a\\nb\\r\\nc\\n", [1, 7])
    'a\\nc'
    """
    skip = set(drop)
    if not skip:
        return text
    lines = text.splitlines()
    for i in sorted(skip, reverse=True):  # from the end: the numbers before stay valid
        if 0 <= i < len(lines):
            del lines[i]
    return "\n".join(lines)


def _without_sure_chrome(text: str, removed: Iterable[RemovedLine]) -> str:
    return _drop_lines(text, _sure_lines(removed))


def _sure_lines(removed: Iterable[RemovedLine]) -> tuple[int, ...]:
    return tuple(sorted({r.line_no for r in removed if r.reason in SURE_CHROME}))


def _sure_chrome_lines(text: str, lang: str | None) -> tuple[int, ...]:
    """The lines of ``text`` chrome stripping removes with sure evidence."""
    return _sure_lines(strip_chrome_explain(text, lang=lang, dated=False).removed)


def readable(text: str, *, raw: bool) -> str:
    """``text`` as a reader sees it: without the markup a scraper left in
    (:func:`~newsclean.markup.unmarkup`) and, when it is ``raw`` (not the output of
    :func:`newsclean.clean`, which decoded it), with its mojibake repaired first
    (:func:`newsclean.fix_mojibake`: clean text comes back unchanged), so that the copy an
    outlet served in the wrong charset still shares its words with the others.

    >>> readable("La rÃ©gion &amp; <b>Kiev</b>", raw=True)
    'La région & Kiev'
    """
    return unmarkup(fix_mojibake(text) if raw else text)


def _body(text: str, chrome: bool, lang: str | None) -> str:
    """``text`` as a reader sees it (:func:`readable`) and, with ``chrome`` (raw text),
    without its sure chrome lines (see :data:`SURE_CHROME`)."""
    text = readable(text, raw=chrome)
    if not chrome:
        return text
    return _drop_lines(text, _sure_chrome_lines(text, lang))


def dedup_text(article: Article) -> tuple[str, bool]:
    """The text of a cleaned article that the engine fingerprints, and whether it still has
    to be stripped of chrome.

    A text dump that went through :func:`newsclean.clean` gives its decoded ``text`` without
    the lines the extract stage removed with sure evidence (:data:`SURE_CHROME`, read from
    ``article.removed``: no second chrome pass); an HTML page gives its extracted ``body``;
    an Article holding only raw ``text`` is stripped as the engine prepares it.

    >>> from newsclean import clean
    >>> dedup_text(clean("Breaking\\n\\nThe minister met his counterpart on Monday.\\n\\nShare"))
    ('\\nThe minister met his counterpart on Monday.\\n', False)
    """
    if article.raw_kind == "html" or not article.text:
        return article.body, False
    if article.body or article.removed:
        return _without_sure_chrome(article.text, article.removed), False
    return article.text, True


def prepare(
    items: Sequence[tuple[str, ...] | tuple[str, str, str | None, str | None, bool]],
    *,
    lang: str | None = None,
    keep_source: bool = True,
) -> list[DocFeatures]:
    """Features of a batch of ``(id, text)``, ``(id, text, date, agency)`` or ``(id, text,
    date, agency, strip)`` items (``strip``: ``text`` is raw, repair its mojibake and
    remove its chrome first).
    ``keep_source=False`` leaves every ``source`` empty (a caller that keeps the text
    elsewhere, such as the cleaning workers)."""
    strip = [bool(item[4]) if len(item) > 4 else False for item in items]
    # mojibake and markup a scraper left in go first, so that chrome is read on the lines a
    # reader sees
    texts = [readable(str(item[1]), raw=s) for item, s in zip(items, strip, strict=True)]
    drops = [
        _sure_chrome_lines(text, lang) if s else None for text, s in zip(texts, strip, strict=True)
    ]
    arrays = [
        split_unspaced(fold_codepoints(text if d is None else _drop_lines(text, d), lang=lang))
        for text, d in zip(texts, drops, strict=True)
    ]
    out = []
    streams = tokenize_batch(arrays)
    for item, s, t, d, cps, ts, cues in zip(
        items, strip, texts, drops, arrays, streams, line_cues_batch(streams), strict=True
    ):
        line_len = ts.line_len
        prose = (line_len >= PROSE_LONG_TOKENS) | (ts.line_ends & (line_len >= PROSE_MIN_TOKENS))
        out.append(
            DocFeatures(
                id=str(item[0]),
                source=str(item[1]) if keep_source else "",
                tokens=ts.hashes,
                numeric=ts.numeric,
                line_len=line_len,
                line_hashes=ts.line_hashes,
                prose=prose,
                head_marker=_head_markers(cps),
                date=parse_date(item[2]) if len(item) > 2 else None,
                agency=item[3] if len(item) > 3 else None,
                lang=lang,
                chrome=s,
                dropped=d,
                # (readable() returns its input when it has nothing to repair or strip)
                plain=s and t is item[1],
                cues=cues,
            )
        )
    return out


def template_mask(features: DocFeatures, templates: frozenset[int] | set[int]) -> Bools:
    """True for the lines of ``features`` that are site-template lines."""
    if not templates:
        return np.zeros(features.line_len.size, dtype=bool)
    return np.fromiter(
        (int(h) in templates for h in features.line_hashes),
        dtype=bool,
        count=features.line_hashes.size,
    )


def sketch(
    features: DocFeatures,
    templates: frozenset[int] | set[int],
    hasher: MinHasher,
    *,
    k: int,
    window: int,
) -> Sketch:
    """The sketch of one document with its template lines left out."""
    lines = features.token_lines()
    tpl = template_mask(features, templates)
    keep = ~tpl[lines] if tpl.any() else np.ones(lines.size, dtype=bool)
    kept_lines = lines[keep]
    sh = shingle_hashes(features.tokens[keep], k)
    # Headline: a short first line followed by more text.
    body_start = 0
    marker = False
    if kept_lines.size:
        first = kept_lines[0]
        n_first = int(np.searchsorted(kept_lines, first, side="right"))
        if n_first <= HEADLINE_MAX_TOKENS and n_first < kept_lines.size:
            body_start = n_first
            head = features.head_marker
            marker = int(first) < len(head) and head[int(first)]
    uniq, first_pos, inverse = unique_inverse(sh)
    if sh.size < 1 << 16:
        first_pos = first_pos.astype(np.uint16)
        inverse = inverse.astype(np.uint16)
    return Sketch(
        keep=keep,
        shingles=sh,
        shingle_set=uniq,
        first_pos=first_pos,
        fingerprints=winnow(sh, window),
        signature=hasher.signature(sh),
        body_start=body_start,
        update_marker=marker,
        inverse=inverse,
    )


@dataclass(frozen=True, slots=True)
class Doc:
    """A document as the engine holds it: its features and its current sketch."""

    features: DocFeatures
    sketch: Sketch

    @property
    def id(self) -> str:
        return self.features.id

    def prose_tokens(self) -> Bools:
        """Whether each kept token lies in a prose line."""
        f = self.features
        return np.repeat(f.prose, f.line_len)[self.sketch.keep]

    def words(self, start: int, stop: int) -> list[str]:
        """Kept (non-template) words ``start:stop`` (without splitting the whole text)."""
        return select_words(self.sketch.keep, self.features.normalized, start, stop)

    def kept_words(self) -> list[str]:
        """The normalized words outside template lines (for explanations and checks)."""
        words = self.features.normalized().split()
        keep = self.sketch.keep
        if len(words) != keep.size:  # cannot happen: both come from one normalized text
            raise RuntimeError(f"token count mismatch in document {self.id!r}")
        return [w for w, k in zip(words, keep.tolist(), strict=True) if k]


def select_words(keep: Bools, text: Callable[[], str], start: int, stop: int) -> list[str]:
    """Kept words ``start:stop`` of the normalized text ``text()`` whose tokens ``keep``
    marks (:meth:`Doc.words`; the text is only asked for when words are wanted)."""
    kept = np.flatnonzero(keep)
    if start >= kept.size or stop <= start:
        return []
    idx = kept[start : min(stop, kept.size)]
    words = text().split(maxsplit=int(idx[-1]) + 1)
    return [words[i] for i in idx.tolist()]


def doc_nbytes(doc: Doc) -> int:
    """Bytes held for one indexed document (its arrays; the source text is the caller's)."""
    f, s = doc.features, doc.sketch
    arrays = (
        f.tokens,
        f.numeric,
        f.line_len,
        f.line_hashes,
        f.prose,
        s.keep,
        s.shingles,
        s.shingle_set,
        s.first_pos,
        s.fingerprints,
        s.signature,
    )
    return sum(a.nbytes for a in arrays) + (f.cues.nbytes if f.cues is not None else 0)


def _offsets(sizes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    out = np.zeros(sizes.size + 1, dtype=np.int64)
    np.cumsum(sizes, out=out[1:])
    return out


class FeatureChunk:
    """The features of a batch of documents as a few concatenated arrays (no array object
    per document): how the main process of ``newsclean dedupe`` keeps what it collects,
    and how a batch of features crosses from a cleaning worker (pickling a handful of
    arrays, not five per document).  :meth:`features` gives a document back as views.

    >>> feats = prepare([("a", "One line of text.\\nAnd another one."), ("b", "Short.")])
    >>> chunk = FeatureChunk(feats)
    >>> back = chunk.all_features()
    >>> [f.id for f in back], back[0].tokens.tolist() == feats[0].tokens.tolist()
    (['a', 'b'], True)
    """

    __slots__ = ("cols", "meta", "n")

    def __init__(self, feats: list[DocFeatures]) -> None:
        self.n = len(feats)
        self.meta = [
            (f.id, f.source, f.head_marker, f.date, f.agency, f.lang, f.chrome, f.dropped, f.plain)
            for f in feats
        ]
        cols: dict[str, Any] = {}
        for name, dtype in (
            ("tokens", np.uint32),
            ("line_len", np.uint32),
            ("line_hashes", np.uint64),
            ("prose", np.bool_),
        ):
            arrays = [getattr(f, name) for f in feats]
            cols[name] = np.concatenate(arrays).astype(dtype, copy=False)
            cols[name + ".off"] = _offsets(np.fromiter((a.size for a in arrays), np.int64))
        cols["cues"] = np.concatenate([cues_of(f) for f in feats])  # line_len's offsets
        cols["numeric"] = np.packbits(np.concatenate([f.numeric for f in feats]))
        self.cols = cols

    def features(self, d: int, numeric: npt.NDArray[np.uint8] | None = None) -> DocFeatures:
        """Document ``d`` of the chunk (its arrays are views); ``numeric`` is the chunk's
        unpacked digit flags when already at hand."""
        c = self.cols
        t0, t1 = int(c["tokens.off"][d]), int(c["tokens.off"][d + 1])
        l0, l1 = int(c["line_len.off"][d]), int(c["line_len.off"][d + 1])
        if numeric is None:
            bits = np.unpackbits(c["numeric"][t0 >> 3 : (t1 + 7) >> 3])
            digits = bits[t0 & 7 : (t0 & 7) + t1 - t0]
        else:
            digits = numeric[t0:t1]
        doc_id, source, head, date, agency, lang, chrome, dropped, plain = self.meta[d]
        return DocFeatures(
            id=doc_id,
            source=source,
            tokens=c["tokens"][t0:t1],
            numeric=digits.view(np.bool_),
            line_len=c["line_len"][l0:l1],
            line_hashes=c["line_hashes"][l0:l1],
            prose=c["prose"][l0:l1],
            cues=c["cues"][l0:l1],
            head_marker=head,
            date=date,
            agency=agency,
            lang=lang,
            chrome=chrome,
            dropped=dropped,
            plain=plain,
        )

    def all_features(self) -> list[DocFeatures]:
        numeric = np.unpackbits(self.cols["numeric"], count=int(self.cols["tokens.off"][-1]))
        return [self.features(d, numeric) for d in range(self.n)]

    def line_pairs(self, first: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
        """Every (line hash, document) of the chunk, non-empty lines only; documents
        numbered from ``first``."""
        c = self.cols
        hashes = c["line_hashes"]
        doc = np.repeat(
            np.arange(first, first + self.n, dtype=np.int64), np.diff(c["line_len.off"])
        )
        nonempty = hashes != 0
        return hashes[nonempty], doc[nonempty]


def _segment_ids(sizes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return np.repeat(np.arange(sizes.size, dtype=np.int64), sizes)


def _distinct_per_doc(
    values: U32, doc: npt.NDArray[np.int64], n_docs: int
) -> tuple[U32, npt.NDArray[np.int64]]:
    """The sorted distinct values of each document (``doc[i]`` holds ``values[i]``),
    concatenated, and how many each document has."""
    key = (doc.astype(np.uint64) << np.uint64(32)) | values.astype(np.uint64)
    key.sort()
    keep = np.empty(key.size, dtype=bool)
    if key.size:
        keep[0] = True
        np.not_equal(key[1:], key[:-1], out=keep[1:])
    key = key[keep]
    counts = np.bincount((key >> np.uint64(32)).astype(np.int64), minlength=n_docs)
    return (key & np.uint64(0xFFFFFFFF)).astype(np.uint32), counts.astype(np.int64)


def _first_positions(
    sh: U32, sh_sizes: npt.NDArray[np.int64], sh_off: npt.NDArray[np.int64]
) -> tuple[U32, npt.NDArray[np.uint32], npt.NDArray[np.int64]]:
    """:func:`unique_first` of every document's shingles, concatenated: one sort of
    ``document << 48 | value << 16 | position`` keys for the documents of up to 65,536
    shingles, the others one by one."""
    n = sh_sizes.size
    small = sh_sizes <= 1 << 16
    counts = np.zeros(n, dtype=np.int64)
    uniq_parts: dict[int, tuple[U32, npt.NDArray[np.uint32]]] = {}
    if small.all():
        doc = _segment_ids(sh_sizes)
        pos = np.arange(sh.size, dtype=np.int64) - np.repeat(sh_off[:-1], sh_sizes)
        key = (
            (doc.astype(np.uint64) << np.uint64(48))
            | (sh.astype(np.uint64) << np.uint64(16))
            | pos.astype(np.uint64)
        )
        key.sort()
        high = key >> np.uint64(16)
        keep = np.empty(key.size, dtype=bool)
        if key.size:
            keep[0] = True
            np.not_equal(high[1:], high[:-1], out=keep[1:])
        key = key[keep]
        counts = np.bincount((key >> np.uint64(48)).astype(np.int64), minlength=n).astype(np.int64)
        uniq = ((key >> np.uint64(16)) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        first = (key & np.uint64(0xFFFF)).astype(np.uint32)
        return uniq, first, counts
    for d in range(n):
        uniq_parts[d] = unique_first(sh[sh_off[d] : sh_off[d + 1]])
        counts[d] = uniq_parts[d][0].size
    uniq = np.concatenate([uniq_parts[d][0] for d in range(n)])
    first = np.concatenate([uniq_parts[d][1] for d in range(n)])
    return uniq, first, counts


def sketch_columns(
    feats: Sequence[DocFeatures],
    templates: frozenset[int] | set[int],
    hasher: MinHasher,
    *,
    k: int,
    window: int,
    sets: bool = True,
) -> dict[str, Any]:
    """The sketches of many documents as concatenated columns: for each of ``keep``,
    ``shingles``, ``shingle_set``, ``first_pos`` (uint32) and ``fingerprints`` the flat
    array and its per-document sizes (key ``name + ".n"``), the ``signature`` matrix and
    the ``body_start`` and ``update_marker`` arrays.  Template masks, headlines, shingle
    hashing, sorted sets, window minima and MinHash each run once over the whole batch;
    :func:`sketch_batch` gives the same values as :class:`Sketch` objects.  ``sets=False``
    leaves out the sorted shingle sets and first positions (a
    :class:`~newsclean.dedup.table.DocTable` rebuilds them when it needs them)."""
    n = len(feats)
    tok_sizes = np.fromiter((f.tokens.size for f in feats), dtype=np.int64, count=n)
    line_counts = np.fromiter((f.line_len.size for f in feats), dtype=np.int64, count=n)
    all_tokens = np.concatenate([f.tokens for f in feats]) if n else np.zeros(0, np.uint32)
    line_len = (
        np.concatenate([f.line_len for f in feats]).astype(np.int64)
        if line_counts.sum()
        else np.zeros(0, np.int64)
    )
    line_off = _offsets(line_counts)
    tpl_lines = np.zeros(line_len.size, dtype=bool)
    if templates and line_len.size:
        hashes = np.concatenate([f.line_hashes for f in feats])
        wanted = np.fromiter(templates, dtype=np.uint64, count=len(templates))
        tpl_lines = np.isin(hashes, wanted)
    all_kept = None
    if tpl_lines.any():
        keep = ~np.repeat(tpl_lines, line_len)
        kept_tokens = all_tokens[keep]
    else:
        keep = all_kept = np.ones(all_tokens.size, dtype=bool)
        kept_tokens = all_tokens
    tok_off = _offsets(tok_sizes)
    kept_cum = np.zeros(keep.size + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_cum[1:])
    sizes = kept_cum[tok_off[1:]] - kept_cum[tok_off[:-1]]
    kept_off = _offsets(sizes)

    # Headline: a short first line followed by more text.  Template lines are whole lines,
    # so the first kept line is kept whole.
    body_start = np.zeros(n, dtype=np.int64)
    marker = np.zeros(n, dtype=bool)
    has = np.flatnonzero(sizes > 0)
    if has.size:
        # The line of each document's first kept token: the last line starting at or
        # before it (empty lines start where the next line does).
        first_kept = kept_off[has] if keep is all_kept else np.flatnonzero(keep)[kept_off[has]]
        first = np.searchsorted(_offsets(line_len), first_kept, side="right") - 1
        n_first = line_len[first]
        head = (n_first <= HEADLINE_MAX_TOKENS) & (n_first < sizes[has])
        body_start[has[head]] = n_first[head]
        local = first - line_off[has]
        for d, line in zip(has[head].tolist(), local[head].tolist(), strict=True):
            markers = feats[d].head_marker
            marker[d] = line < len(markers) and markers[line]

    # Shingles of every document from one pass over the concatenated kept tokens; a
    # document shorter than k tokens has one shingle of all of them.
    sh_sizes = np.where(sizes >= k, sizes - k + 1, np.minimum(sizes, 1))
    sh_off = _offsets(sh_sizes)
    shingles = np.empty(int(sh_off[-1]), dtype=np.uint32)
    long = sizes >= k
    if long.all() and sizes.size:
        # Every document has k tokens: the shingles of the concatenation without the
        # k - 1 that straddle each boundary between documents.
        full = shingle_hashes(kept_tokens, k)
        straddle = (kept_off[1:-1, None] - np.arange(k - 1, 0, -1)[None, :]).ravel()
        shingles = np.delete(full, straddle) if straddle.size else full
    elif long.any():
        full = shingle_hashes(kept_tokens, k)
        gather = np.arange(shingles.size, dtype=np.int64) - np.repeat(
            sh_off[:-1] - kept_off[:-1], sh_sizes
        )
        in_long = np.repeat(long, sh_sizes)
        shingles[in_long] = full[gather[in_long]]
    for d in np.flatnonzero((sizes > 0) & ~long).tolist():
        lo = int(kept_off[d])
        shingles[sh_off[d]] = shingle_hashes(kept_tokens[lo : lo + int(sizes[d])], k)[0]

    # Passage fingerprints: the distinct minima of each window of a document (all its
    # shingles when it has no more than one window).
    doc_of = _segment_ids(sh_sizes)
    pos = np.arange(shingles.size, dtype=np.int64) - np.repeat(sh_off[:-1], sh_sizes)
    if shingles.size >= window:
        minima = window_minima(shingles, window)
        in_window = (
            np.repeat(sh_sizes > window, sh_sizes) & (pos <= np.repeat(sh_sizes - window, sh_sizes))
        )[: minima.size]
        w_idx = np.flatnonzero(in_window)
        m = minima[w_idx]
        change = np.ones(m.size, dtype=bool)
        if m.size > 1:
            np.not_equal(m[1:], m[:-1], out=change[1:])
            change[1:] |= doc_of[w_idx[1:]] != doc_of[w_idx[:-1]]
        short = np.flatnonzero(np.repeat(sh_sizes <= window, sh_sizes))
        fp_vals = np.concatenate((m[change], shingles[short]))
        fp_docs = np.concatenate((doc_of[w_idx[change]], doc_of[short]))
    else:
        fp_vals, fp_docs = shingles, doc_of
    fingerprints, fp_counts = _distinct_per_doc(fp_vals, fp_docs, n)
    if sets:
        shingle_set, first_pos, set_sizes = _first_positions(shingles, sh_sizes, sh_off)
    else:
        shingle_set, first_pos = shingles[:0], np.zeros(0, np.uint32)
        set_sizes = np.zeros(n, dtype=np.int64)
    return {
        "keep": keep,
        "keep.n": tok_sizes,
        "shingles": shingles,
        "shingles.n": sh_sizes,
        "shingle_set": shingle_set,
        "shingle_set.n": set_sizes,
        "first_pos": first_pos,
        "first_pos.n": set_sizes,
        "fingerprints": fingerprints,
        "fingerprints.n": fp_counts,
        "signature": hasher.signatures_concat(shingles, sh_sizes),
        "body_start": body_start,
        "update_marker": marker,
    }


def _splits(flat: npt.NDArray[Any], sizes: npt.NDArray[np.int64]) -> list[npt.NDArray[Any]]:
    bounds = _offsets(sizes).tolist()
    return [flat[bounds[i] : bounds[i + 1]] for i in range(sizes.size)]


def sketches_of(columns: dict[str, Any]) -> list[Sketch]:
    """:class:`Sketch` objects (views into the columns) of :func:`sketch_columns`."""
    cols = {name: _splits(columns[name], columns[name + ".n"]) for name in _SKETCH_RAGGED}
    out = []
    for d, (bs, mk) in enumerate(
        zip(columns["body_start"].tolist(), columns["update_marker"].tolist(), strict=True)
    ):
        first_pos = cols["first_pos"][d]
        if cols["shingles"][d].size < 1 << 16:
            first_pos = first_pos.astype(np.uint16)
        out.append(
            Sketch(
                keep=cols["keep"][d],
                shingles=cols["shingles"][d],
                shingle_set=cols["shingle_set"][d],
                first_pos=first_pos,
                fingerprints=cols["fingerprints"][d],
                signature=columns["signature"][d],
                body_start=bs,
                update_marker=mk,
            )
        )
    return out


_SKETCH_RAGGED = ("keep", "shingles", "shingle_set", "first_pos", "fingerprints")


def sketch_batch(
    feats: Sequence[DocFeatures],
    templates: frozenset[int] | set[int],
    hasher: MinHasher,
    *,
    k: int,
    window: int,
) -> list[Sketch]:
    """:func:`sketch` of many documents at once: shingle hashing, window minima and MinHash
    run once over the concatenated documents (the same sketches, with a fraction of the
    numpy calls; see :func:`sketch_columns`)."""
    if not feats:
        return []
    return sketches_of(sketch_columns(feats, templates, hasher, k=k, window=window))
