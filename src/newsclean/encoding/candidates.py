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
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from .charmodel import CharModels, Token

__all__ = ["Catalog", "Scored", "score_candidates"]

#: How many single-byte codecs (by unigram pre-ranking) get the full bigram score.
TOP_SBCS = 8
#: How many languages per pre-ranked codec get the full bigram score.
TOP_LANGS = 2
#: Codecs whose output needs NFC before scoring (they emit combining accents).
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
        self.prior = {**self.single, **self.multi}
        byte_codecs = [c for c in self.single if c not in COMBINING]
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


def _decode_sample(data: bytes, codec: str) -> str:
    """Decode a sample, tolerating a character cut at its end, replacing bad bytes."""
    return codecs.getincrementaldecoder(codec)("replace").decode(data, final=False)


def _score_text(cat: Catalog, text: str, codec: str, replaced_hint: int | None = None) -> Scored:
    if codec in COMBINING:
        text = unicodedata.normalize("NFC", text)
    cps = cat.models.codepoints(text)
    loglik, lang = cat.models.score_cps(cps)
    prior = cat.prior.get(codec, -3.0)
    replaced = int(np.count_nonzero(cps == 0xFFFD)) if replaced_hint is None else replaced_hint
    return Scored(loglik + prior, codec, lang, loglik, prior, replaced)


def _score_single_byte(cat: Catalog, arr: npt.NDArray[np.uint8]) -> list[Scored]:
    high = arr >= 0x80
    hist = np.bincount(arr[high] - 128, minlength=128).astype(np.float32)
    pair_uni = cat.uni_pairs @ hist  # (C, L)
    best_lang = np.argsort(-pair_uni, axis=1)[:, :TOP_LANGS]
    codec_uni = pair_uni.max(axis=1)
    priors = np.array([cat.single[c] for c in cat.byte_codecs], dtype=np.float32)
    order = np.argsort(-(codec_uni + priors))[:TOP_SBCS]
    sel = high[:-1] | high[1:]
    keys = arr[:-1].astype(np.int32)[sel] * 256 + arr[1:][sel]
    uniq, counts = np.unique(keys, return_counts=True)
    first, second = uniq >> 8, uniq & 0xFF
    weights = counts.astype(np.float32)
    out = []
    for ci in order:
        cps = cat.low_cp[ci]
        a, b = cps[first], cps[second]
        best = (-np.inf, "")
        for li in best_lang[ci]:
            model = cat.models.langs[cat.alpha_langs[li]]
            ll = float(model.table[model.lookup[a], model.lookup[b]] @ weights)
            if high[0]:
                ll += float(model.uni[model.lookup[cps[arr[0]]]])
            if ll > best[0]:
                best = (ll, model.code)
        codec = cat.byte_codecs[ci]
        replaced = int(hist[cat.raw_cp[ci, 128:] == 0xFFFD].sum())
        prior = cat.single[codec]
        out.append(Scored(best[0] + prior, codec, best[1], best[0], prior, replaced))
    return out


def score_candidates(sample: bytes, *, extra: tuple[str, ...] = ()) -> list[Scored]:
    """Score every plausible legacy decoding of ``sample`` (bytes with some >= 0x80), best first.

    ``extra`` names further codecs to score as text (for instance a declared charset that
    the pre-ranking dropped).

    >>> [s.codec for s in score_candidates("Привет из Москвы".encode("koi8-r"))][:1]
    ['koi8-r']
    """
    cat = Catalog.load()
    arr = np.frombuffer(sample, dtype=np.uint8)
    results = _score_single_byte(cat, arr)
    seen = {s.codec for s in results}
    for codec in (*cat.multi, "utf-8", *COMBINING, *extra):
        if codec in seen:
            continue
        seen.add(codec)
        try:
            sample.decode(codec)
        except UnicodeDecodeError as exc:
            # cheap rejection: a multi-byte codec that breaks early on mostly-invalid input
            if codec in cat.multi and exc.start < len(sample) - 4:
                text = _decode_sample(sample, codec)
                if text.count("\ufffd") * 20 > max(1, int(np.count_nonzero(arr >= 0x80))):
                    continue
                results.append(_score_text(cat, text, codec))
                continue
        except LookupError:
            continue
        results.append(_score_text(cat, _decode_sample(sample, codec), codec))
    results.sort(key=lambda s: -s.score)
    return results

