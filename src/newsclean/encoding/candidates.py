"""Candidate codecs for legacy bytes, each scored by how plausible its decoding is.

The catalogue (``data/encoding_codecs.json``) lists ~50 single-byte code pages and ~14
multi-byte CJK codecs with a small prior each.  :func:`score_candidates` returns every
codec that is worth considering, best first, with the log-likelihood of its decoding
under the best-fitting language (:mod:`newsclean.encoding.charmodel`) plus its prior.

Single-byte codecs are scored straight from byte statistics without decoding anything:
a 128-bin histogram of the high bytes ranks every (codec, language) pair at once with one
matrix product, and only the best few pairs get the full bigram score over the distinct
byte pairs of the sample.  Multi-byte codecs (and UTF-8 with errors) are decoded and
scored as text.

>>> best = score_candidates("Съобщение от агенцията".encode("cp1251"))[0]
>>> best.codec, best.lang
('cp1251', 'bg')
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from .charmodel import CASE, CASE_BREAK, CharModels, Token

__all__ = ["Catalog", "Scored", "score_candidates"]

#: How many single-byte codecs (by unigram pre-ranking) get the full bigram score.
TOP_SBCS = 8
#: How many languages per pre-ranked codec get the full bigram score.
TOP_LANGS = 2
#: Run-parity gates (see :func:`odd_runs`): with at least MIN_RUNS runs, more than
#: MAX_ODD_DOUBLE odd runs rules the double-byte codecs out, fewer than MIN_ODD_SINGLE
#: rules the single-byte ones out (observed: CJK text <= 0.03, other scripts >= 0.2).
MIN_RUNS = 12
MAX_ODD_DOUBLE = 0.10
MIN_ODD_SINGLE = 0.04
#: Bytes of the sample that the codecs scored as decoded text look at.
TEXT_SAMPLE = 16384
#: Bytes after the first UTF-8 error that may already rule UTF-8 out (see _decode_sample).
UTF8_PROBE = 256
#: Codecs that emit combining accents (their output is composed to NFC when decoding).
COMBINING = frozenset({"cp1258"})


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate decoding: total score (log-likelihood + prior), codec, language."""

    score: float
    codec: str
    lang: str
    loglik: float
    prior: float
    replaced: int = 0


class Catalog:
    """The candidate codecs, their priors, and byte -> code point tables of the 8-bit ones."""

    def __init__(self) -> None:
        raw = resources.files("newsclean.data").joinpath("encoding_codecs.json").read_text("utf-8")
        spec = json.loads(raw)
        self.single: dict[str, float] = spec["single_byte"]
        self.multi: dict[str, float] = spec["multi_byte"]
        self.seven_bit: dict[str, list[str]] = spec["seven_bit"]
        self.aliases: dict[str, str] = spec["aliases"]
        self.supersets: dict[str, list[str]] = spec.get("supersets", {})
        self.text_langs: dict[str, list[str]] = spec.get("text_langs", {})
        self.prior = {**self.single, **self.multi}
        byte_codecs = list(self.single)
        self.byte_codecs = byte_codecs
        raw_cp = np.empty((len(byte_codecs), 256), dtype=np.int32)
        low_cp = np.empty_like(raw_cp)
        for i, name in enumerate(byte_codecs):
            for b in range(256):
                try:
                    ch = bytes([b]).decode(name)
                except UnicodeDecodeError:
                    ch = "\ufffd"
                raw_cp[i, b] = ord(ch)
                lo = ch.lower()
                low_cp[i, b] = ord(lo) if len(lo) == 1 else ord(ch)
        self.raw_cp = raw_cp
        self.low_cp = np.minimum(low_cp, 0xFFFF)
        models = CharModels.load()
        self.models = models
        self.alpha_langs = [i for i, m in enumerate(models.langs) if not m.cjk]
        # unigram log-probability of every high byte, for every (codec, language) pair
        look = models.lookup_matrix[self.alpha_langs][:, self.low_cp[:, 128:]]  # (L, C, 128)
        rows = np.asarray(self.alpha_langs)[:, None, None]
        uni = models.uni_matrix[rows, look]  # (L, C, 128)
        # condition on "the character is not ASCII": the accented letters of a Latin language
        # are rare in absolute terms but make up all of its high bytes
        mass = np.array([m.non_ascii_mass for m in models.langs])[self.alpha_langs]
        letters = look >= Token.N
        uni = np.where(letters, uni - np.log(mass)[:, None, None], uni)
        self.uni_pairs = np.ascontiguousarray(uni.transpose(1, 0, 2)).astype(np.float32)
        self.alpha_index = np.asarray(self.alpha_langs, dtype=np.int64)
        # the bigram-table token of every byte, for every (codec, alphabetic language) pair
        self.byte_tokens = models.lookup_matrix[
            self.alpha_index[None, :, None], self.low_cp[:, None, :]
        ]  # (C, L, 256)
        self.single_priors = np.array([self.single[c] for c in byte_codecs], dtype=np.float32)
        self.undefined = (raw_cp[:, 128:] == 0xFFFD).astype(np.float32)
        clipped = np.minimum(raw_cp, 0xFFFF)
        # (C, 256): 1.0 where the byte decodes to a small letter / a capital
        self.lower_f = CASE.is_lower[clipped].astype(np.float64)
        self.upper_f = CASE.is_upper[clipped].astype(np.float64)

    @classmethod
    @cache
    def load(cls) -> Catalog:
        """The packaged catalogue (cached)."""
        return cls()

    def normalize(self, label: str | None) -> str | None:
        """Python codec name for a charset label (``"Windows-1256"`` -> ``"cp1256"``)."""
        if not label:
            return None
        key = label.strip().strip("\"'").lower()
        key = self.aliases.get(key, key)
        try:
            return codecs.lookup(key).name
        except LookupError:
            return None


def _decode_sample(data: bytes, codec: str, n_high: int) -> str | None:
    """Decode a sample (a character cut at its end is fine), or ``None`` when more than 5%
    of its characters do not decode.  Cheap for wrong multi-byte codecs: the strict decoder
    stops at the first error, and only a window after it is examined for the error rate."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        start = exc.start
    if start >= len(data) - 4:  # only the tail is cut: a sample boundary
        try:
            return data[:start].decode(codec)
        except UnicodeDecodeError:
            pass
    window = data[start : start + 2048]
    high = max(1, int(np.count_nonzero(np.frombuffer(window, dtype=np.uint8) >= 0x80)))
    if codec == "utf-8" and len(window) > UTF8_PROBE:
        # legacy bytes read as UTF-8 fail nearly everywhere: a prefix often decides.  Cutting
        # the window adds one U+FFFD at most (the character cut off at its end), so a prefix
        # with too many already has too many for the whole window
        early = window[:UTF8_PROBE].decode(codec, errors="replace").count("\ufffd") - 1
        if early * 20 > high:
            return None
    bad = window.decode(codec, errors="replace").count("\ufffd")
    if bad * 20 > high:
        return None
    text = codecs.getincrementaldecoder(codec)("replace").decode(data, final=False)
    return None if text.count("\ufffd") * 20 > n_high else text


def _score_text(cat: Catalog, text: str, codec: str) -> Scored:
    langs = cat.text_langs.get(codec)
    raw = cat.models.raw_codepoints(text)
    cps = CASE.lower[raw]
    loglik, lang = cat.models.score_cps(cps, langs=langs)
    loglik += CASE_BREAK * cat.models.case_breaks(raw)
    prior = cat.prior.get(codec, -3.0)
    return Scored(loglik + prior, codec, lang, loglik, prior, int(np.count_nonzero(cps == 0xFFFD)))


def _high_pairs(
    arr: npt.NDArray[np.uint8], high: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.intp]]:
    """The distinct pairs of adjacent bytes with at least one high byte, as
    ``first * 256 + second`` in ascending order, and how often each occurs: what
    ``np.unique(keys, return_counts=True)`` gives, in fewer steps.

    >>> arr = np.frombuffer(b"a\\xe9a\\xe9", np.uint8)
    >>> [a.tolist() for a in _high_pairs(arr, arr >= 0x80)]  # a+é twice, é+a once
    [[25065, 59745], [2, 1]]
    """
    sel = high[:-1] | high[1:]
    keys = np.sort(arr[:-1].astype(np.int32)[sel] * 256 + arr[1:][sel])
    bounds = np.empty(len(keys) + 1, dtype=bool)  # where a run of equal keys starts or ends
    bounds[0] = bounds[-1] = True
    np.not_equal(keys[1:], keys[:-1], out=bounds[1:-1])
    edges = np.flatnonzero(bounds)
    return keys[edges[:-1]], edges[1:] - edges[:-1]


def _score_single_byte(cat: Catalog, arr: npt.NDArray[np.uint8]) -> list[Scored]:
    models = cat.models
    hist = np.bincount(arr, minlength=256)[128:].astype(np.float32)  # the high bytes
    # 1. rank every (codec, language) pair by the unigram fit of the high bytes
    pair_uni = cat.uni_pairs @ hist  # (C, L)
    order = np.argsort(-(pair_uni.max(axis=1) + cat.single_priors))[:TOP_SBCS]
    langs = np.argsort(-pair_uni[order], axis=1)[:, :TOP_LANGS]  # (K, TOP_LANGS)
    # 2. full bigram score of the best pairs over the distinct byte pairs of the sample
    high = arr >= 0x80
    uniq, counts = _high_pairs(arr, high)
    first, second = uniq >> 8, uniq & 0xFF
    pc = np.repeat(order, langs.shape[1])  # codec of each pair
    pl = cat.alpha_index[langs.ravel()]  # model index of each pair
    tokens = cat.byte_tokens[pc, langs.ravel()]  # (pairs, 256): byte -> token
    # the row offset of every first byte in its table, once per byte rather than per pair
    rows = tokens * models.table_size[pl][:, None] + models.table_offset[pl][:, None]
    flat = rows.take(first, axis=1) + tokens.take(second, axis=1)  # C order, like the
    weights = counts.astype(np.float32)  # scores' summation order
    ll = models.flat_tables[flat] @ weights
    # case breaks (a small letter, then a capital) depend on the codec only, and their
    # weighted count is an integer: counted once per codec, exactly (0/1 products)
    breaks = (
        cat.lower_f[order].take(first, axis=1) * cat.upper_f[order].take(second, axis=1)
    ) @ counts.astype(np.float64)
    ll = ll + CASE_BREAK * np.repeat(breaks, langs.shape[1]).astype(np.float32)
    if high[0]:  # the first byte starts the text: its unigram (its tokens are at hand)
        ll = ll + models.uni_matrix[pl, tokens[:, arr[0]]]
    ll = ll.reshape(len(order), -1)
    best = ll.argmax(axis=1)
    picked = np.arange(len(order))
    lls = ll[picked, best].tolist()
    lang_of = pl.reshape(len(order), -1)[picked, best].tolist()
    replaced = (cat.undefined[order] @ hist).tolist()
    out = []
    for k, ci in enumerate(order.tolist()):
        codec = cat.byte_codecs[ci]
        prior = cat.single[codec]
        out.append(
            Scored(lls[k] + prior, codec, models.codes[lang_of[k]], lls[k], prior, int(replaced[k]))
        )
    return out


def odd_runs(arr: npt.NDArray[np.uint8]) -> tuple[float, int]:
    """Share of odd-length runs of high bytes among those followed by a byte below 0x30.

    In the double-byte CJK codecs a byte below 0x30 (space, punctuation, newline) is never
    part of a character, so a run of high bytes before it is made of whole
    two-byte characters: even.  Words of single-byte scripts end in odd and even runs alike.

    >>> odd_runs(np.frombuffer("日本語のニュース。 東京 2024".encode("euc_jp"), np.uint8))
    (0.0, 2)
    """
    n = len(arr)
    h = np.zeros(n + 2, dtype=bool)
    h[1:-1] = arr >= 0x80
    change = np.flatnonzero(h[1:] != h[:-1])  # where runs start and end, alternately
    starts, ends = change[0::2], change[1::2]
    if len(ends) and ends[-1] == n:  # the last run ends the input: no byte follows it
        starts, ends = starts[:-1], ends[:-1]
    term = arr[ends] < 0x30  # not digits: GB18030's 4-byte form uses them
    lengths = (ends - starts)[term]
    if not len(lengths):
        return 0.0, 0
    return float(np.count_nonzero(lengths & 1)) / len(lengths), len(lengths)


def score_candidates(sample: bytes, *, extra: tuple[str, ...] = ()) -> list[Scored]:
    """Score every plausible legacy decoding of ``sample`` (bytes with some >= 0x80), best first.

    ``extra`` names further codecs to score as text (for instance a declared charset that
    the pre-ranking dropped).

    >>> [s.codec for s in score_candidates("Привет из Москвы".encode("koi8-r"))][:1]
    ['koi8-r']
    """
    cat = Catalog.load()
    arr = np.frombuffer(sample, dtype=np.uint8)
    odd, runs = odd_runs(arr)
    double_byte = runs < MIN_RUNS or odd <= MAX_ODD_DOUBLE  # CJK codecs still possible
    single_byte = runs < MIN_RUNS or odd >= MIN_ODD_SINGLE  # not clearly CJK
    results = _score_single_byte(cat, arr) if single_byte else []
    seen = {s.codec for s in results}
    n_high = int(np.count_nonzero(arr >= 0x80))
    text_codecs = [*(cat.multi if double_byte else ()), "utf-8", *extra]
    done: dict[str, Scored] = {}  # decoded text -> its score (codec families agree mostly)
    if len(sample) > TEXT_SAMPLE:  # decoding is costlier than byte statistics: look at less
        sample = sample[:TEXT_SAMPLE]
        n_high = int(np.count_nonzero(arr[:TEXT_SAMPLE] >= 0x80))
    for codec in text_codecs:
        if codec in seen:
            continue
        seen.add(codec)
        try:
            text = _decode_sample(sample, codec, n_high)
        except LookupError:
            continue
        if text is None:
            continue  # breaks on more than 5% of the input
        same = done.get(text)
        if same is None:
            same = done[text] = _score_text(cat, text, codec)
        prior = cat.prior.get(codec, -3.0)
        results.append(
            Scored(same.loglik + prior, codec, same.lang, same.loglik, prior, same.replaced)
        )
    results.sort(key=lambda s: -s.score)
    return results
