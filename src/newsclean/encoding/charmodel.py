"""Language-aware plausibility of decoded text: per-language character bigram models.

A wrong decoding of legacy bytes still gives *characters*, but implausible ones: Cyrillic
letters in an order no Russian writes, Latin-1 symbols between Arabic letters, box-drawing
characters in a news story.  :class:`CharModels` scores text by its log-likelihood under
character models of ~55 languages (built by ``tools/build_encoding_models.py`` from public
word-frequency lists into ``data/charmodels.npz``) and keeps the best language.

Every character is mapped to a *token*: a letter of the language's alphabet, or one of a
few classes (word boundary, common punctuation, a letter outside the alphabet, a rare symbol,
a control character, U+FFFD).  Bigrams where both characters are ASCII are skipped: every
ASCII-compatible codec decodes them the same way, so they carry no evidence.

Scores are sums of natural-log probabilities, so longer evidence weighs more, and two
decodings of the same bytes are directly comparable.

>>> m = CharModels.load()
>>> good = m.score_text("привет, как дела у тебя сегодня")
>>> bad = m.score_text("ОПХБЕР, ЙЮЙ ДЕКЮ С РЕАЪ ЯЕЦНДМЪ")  # KOI8-R bytes read as cp1251
>>> good[1], good[0] > bad[0]
('ru', True)
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

__all__ = ["CharModels", "Token"]

F32 = npt.NDArray[np.float32]
I32 = npt.NDArray[np.int32]


class Token:
    """Token ids of the character classes shared by every language model."""

    BOUND = 0  # whitespace, ASCII digits and punctuation: a word boundary
    COMMON = 1  # common non-ASCII punctuation / symbol / digit / space (acts as a boundary)
    OOV_SAME = 2  # a letter of the language's own script that its alphabet lacks
    OOV_OTHER = 3  # a non-ASCII letter of another script
    RARE = 4  # a rare symbol (box drawing, currency sign, pilcrow...): typical mojibake
    CONTROL = 5  # C0/C1 control, private use, unassigned
    REPLACED = 6  # U+FFFD: a byte the codec could not decode
    ASCII_LETTER = 7  # an ASCII letter in a language written in another script
    INVISIBLE = 8  # ZWNJ, RLM, soft hyphen...: ordinary format characters
    DIGIT = 9  # a decimal digit (ASCII, Arabic-Indic, Persian, full-width)
    N = 10


#: Log-probability cost of each class token (natural log); letters get model probabilities.
CLASS_COST = {
    Token.COMMON: -4.5,
    Token.OOV_SAME: -11.0,
    Token.OOV_OTHER: -13.0,
    Token.RARE: -10.0,
    Token.CONTROL: -20.0,
    Token.REPLACED: -12.0,
    Token.ASCII_LETTER: -5.0,
    Token.INVISIBLE: -7.0,
    Token.DIGIT: -4.5,
}
#: Log-probability of a boundary after a class token (and of any boundary in CJK text).
CLASS_TO_BOUND = -2.0
#: Cost of a capital letter right after a small one (a typical sign of a wrong code page).
CASE_BREAK = -5.0
#: Extra cost of a digit glued to a letter (``تخفی٠``: a letter misread as a digit).
DIGIT_IN_WORD = -4.0
#: Cost of switching script (and so language) inside a text in :meth:`CharModels.score_mixed`.
SCRIPT_SWITCH_COST = -3.0
#: Further cost when the switch happens inside a word (``beأ­rod``).
SCRIPT_SWITCH_IN_WORD = -7.0
#: Extra cost when a letter follows a letter of another script inside one word.
SCRIPT_SWITCH = -4.0
#: Weight of the bigram estimate against the unigram one (interpolated smoothing).
LAMBDA = 0.85
#: Floor under any single letter probability.
MIN_P = 1e-7
BMP = 0x10000
ASTRAL = 0xA000
#: :meth:`CharModels.score_mixed` remembers the score of every run of one script up to this
#: many code points, and of every text up to :data:`MEMO_TEXT` characters: mojibake is made
#: of a few short runs repeated ("Ã˜Â§", "â€"), and a repair scores the same few-character
#: contexts again and again (102,660 runs of which 20,151 distinct, 27,972 texts of which
#: 6,008 distinct, on 600 broken paragraphs).
MEMO_RUN = 64
MEMO_TEXT = 256
#: Entries each memo holds before it is emptied (at most a few MB each).
MEMO_SIZE = 16_384
#: :meth:`CharModels.prerank` counts the characters of a run up to this long in Python
#: (``np.unique`` costs more than the counting on a few characters).
COUNT_IN_PYTHON = 64


def _script_of(ch: str, groups: dict[str, str]) -> str:
    name = unicodedata.name(ch, "")
    word = name.split(" ", 1)[0] if name else ""
    return groups.get(word, word)


@cache
def _base_tables() -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int16], list[str]]:
    """Class token and script id of every BMP code point (language independent)."""
    raw = resources.files("newsclean.data").joinpath("encoding_chars.json").read_text("utf-8")
    spec = json.loads(raw)
    common = set(spec["common"])
    invisible = set(spec["invisible"])
    groups = {w: g for g, words in spec["scripts"].items() for w in words}
    cls = np.full(BMP, Token.RARE, dtype=np.int16)
    script = np.zeros(BMP, dtype=np.int16)
    names: list[str] = [""]
    index: dict[str, int] = {"": 0}
    for cp in range(BMP):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cp < 0x80:
            if ch.isalpha():
                cls[cp] = Token.ASCII_LETTER
                script[cp] = index.setdefault("LATIN", len(index))
            elif ch.isdigit():
                cls[cp] = Token.DIGIT
            elif cat == "Cc" and ch not in "\t\n\r\f\v":
                cls[cp] = Token.CONTROL
            else:
                cls[cp] = Token.BOUND
            continue
        if cat == "Nd":
            cls[cp] = Token.DIGIT
        elif ch in common:
            cls[cp] = Token.COMMON
        elif ch in invisible:
            cls[cp] = Token.INVISIBLE
        elif cp == 0xFFFD:
            cls[cp] = Token.REPLACED
        elif cat[0] in "LM":
            cls[cp] = Token.OOV_OTHER
            s = _script_of(ch, groups)
            script[cp] = index.setdefault(s, len(index))
        elif cat in ("Cc", "Co", "Cn", "Cs"):
            cls[cp] = Token.CONTROL
    names = [""] * len(index)
    for s, i in index.items():
        names[i] = s
    return cls, script, names


@dataclass(frozen=True, slots=True)
class _Case:
    """Single-code-point lower-casing and letter case of every BMP code point."""

    lower: I32
    is_lower: npt.NDArray[np.bool_]
    is_upper: npt.NDArray[np.bool_]

    @classmethod
    def build(cls) -> _Case:
        lower = np.arange(BMP, dtype=np.int32)
        is_lower = np.zeros(BMP, dtype=bool)
        is_upper = np.zeros(BMP, dtype=bool)
        for cp in range(BMP):
            ch = chr(cp)
            if ch.isupper():
                is_upper[cp] = True
                lo = ch.lower()
                if len(lo) == 1:
                    lower[cp] = ord(lo)
            elif ch.islower():
                is_lower[cp] = True
        return cls(lower, is_lower, is_upper)


CASE = _Case.build()


@dataclass(frozen=True, slots=True)
class _Lang:
    code: str
    cjk: bool
    lookup: npt.NDArray[np.int16]  # BMP code point -> token id
    table: F32  # (n_tok, n_tok) log P(next token | token); empty for CJK (unigram)
    uni: F32  # (n_tok,) log P(token) (unigram; class costs for class tokens)
    non_ascii_mass: float  # share of the language's letters that are not ASCII


class CharModels:
    """Character models of many languages, and fast scoring of decoded text.

    >>> CharModels.load().score_text("Ça m'a coûté très cher")[1] in ("fr", "ca", "pt")
    True
    """

    def __init__(self, langs: list[_Lang]) -> None:
        self.langs = langs
        self.codes = tuple(lang.code for lang in langs)
        self.by_code = {lang.code: lang for lang in langs}
        self.index = {lang.code: i for i, lang in enumerate(langs)}
        # one row per language: log-unigram of every token, padded; for vectorized pre-ranking
        width = max(len(lang.uni) for lang in langs)
        self.uni_matrix = np.full((len(langs), width), -30.0, dtype=np.float32)
        for i, lang in enumerate(langs):
            self.uni_matrix[i, : len(lang.uni)] = lang.uni
        self.lookup_matrix = np.stack([lang.lookup for lang in langs])
        self.script = _base_tables()[1]
        # every bigram table flattened into one array, for scoring many languages at once
        sizes = np.array([int(np.sqrt(lang.table.size)) for lang in langs], dtype=np.int64)
        self.table_size = sizes
        self.table_offset = np.concatenate([[0], np.cumsum(sizes**2)[:-1]]).astype(np.int64)
        self.flat_tables = np.concatenate([lang.table.ravel() for lang in langs])
        # scores already computed (see MEMO_RUN): a run's code points -> its score; a text
        # -> its mixed score
        self._run_memo: dict[bytes, float] = {}
        self._text_memo: dict[str, float] = {}

    @classmethod
    @cache
    def load(cls) -> CharModels:
        """Load the packaged models (cached; ~0.3 s the first time)."""
        base_cls, script, _names = _base_tables()
        with resources.files("newsclean.data").joinpath("charmodels.npz").open("rb") as fh:
            npz = np.load(fh)
            data = {k: npz[k] for k in npz.files}
        langs = [cls._build(str(code), data, base_cls, script) for code in data["langs"]]
        return cls(langs)

    @staticmethod
    def _build(
        code: str,
        data: dict[str, npt.NDArray[np.generic]],
        base_cls: npt.NDArray[np.int16],
        script: npt.NDArray[np.int16],
    ) -> _Lang:
        chars = data[f"{code}/chars"].astype(np.int64)
        p_uni = data[f"{code}/uni"].astype(np.float64)
        n_alpha = len(chars)
        n_tok = Token.N + n_alpha
        in_bmp = chars < BMP
        # scripts the language writes in (any with >= 1% of its letters)
        letter_scripts = script[chars[in_bmp]]
        mass = np.bincount(letter_scripts, weights=p_uni[in_bmp], minlength=int(script.max()) + 1)
        own = np.flatnonzero(mass >= 0.01 * mass[1:].sum())
        own = own[own > 0]
        lookup = base_cls.copy()
        same = np.isin(script, own) & (base_cls == Token.OOV_OTHER)
        lookup[same] = Token.OOV_SAME
        lookup[chars[in_bmp]] = Token.N + np.flatnonzero(in_bmp)
        cjk = f"{code}/bi_ij" not in data
        uni = np.empty(n_tok, dtype=np.float64)
        uni[: Token.N] = [CLASS_COST.get(t, -3.0) for t in range(Token.N)]
        uni[Token.N :] = np.log(np.maximum(p_uni, MIN_P))
        space = int(np.flatnonzero(chars == 32)[0]) + Token.N if (chars == 32).any() else None
        if space is not None:
            uni[Token.BOUND] = uni[space]
        if cjk:  # unigram model: ideographs carry their evidence one by one
            uni[Token.BOUND] = CLASS_TO_BOUND

            table = np.zeros((0, 0))
        else:
            table = np.empty((n_tok, n_tok), dtype=np.float64)
            ij = data[f"{code}/bi_ij"].astype(np.int64)
            p = data[f"{code}/bi_p"].astype(np.float64)
            counts = np.zeros((n_alpha, n_alpha))
            counts[ij[:, 0], ij[:, 1]] = p
            rows = counts.sum(axis=1, keepdims=True)
            cond = np.divide(counts, rows, out=np.zeros_like(counts), where=rows > 0)
            alpha = np.log(LAMBDA * cond + (1 - LAMBDA) * np.maximum(p_uni, MIN_P)[None, :])
            table[:] = uni[None, :]
            table[Token.N :, Token.N :] = alpha
            assert space is not None
            # boundary-like tokens behave as the space character
            for t in (Token.BOUND, Token.COMMON, Token.INVISIBLE):
                table[t, Token.N :] = alpha[space - Token.N]
            table[Token.N :, Token.BOUND] = alpha[:, space - Token.N]
            table[Token.N :, Token.COMMON] = alpha[:, space - Token.N] + CLASS_COST[Token.COMMON]
            # digits: cheap in runs and next to boundaries, costly glued to letters
            table[:, Token.DIGIT] = CLASS_COST[Token.DIGIT]
            table[Token.DIGIT, Token.DIGIT] = -1.0
            table[Token.N :, Token.DIGIT] += DIGIT_IN_WORD
            table[Token.DIGIT, Token.N :] = alpha[space - Token.N] + DIGIT_IN_WORD
            # a class token (symbol, digit, foreign letter...) before a boundary costs the same
            # in every language, CJK included, so that no language is preferred for them
            table[: Token.N, Token.BOUND] = CLASS_TO_BOUND
            table[Token.N :, Token.BOUND] = alpha[:, space - Token.N]
            # a letter glued to an ASCII letter (or vice versa): script switch inside a word
            table[Token.ASCII_LETTER, Token.N :] += SCRIPT_SWITCH
            table[Token.N :, Token.ASCII_LETTER] += SCRIPT_SWITCH
        non_ascii = float(p_uni[chars >= 0x80].sum()) or 1e-3
        return _Lang(code, cjk, lookup, table.astype(np.float32), uni.astype(np.float32), non_ascii)

    # ------------------------------------------------------------------ scoring
    @staticmethod
    def raw_codepoints(text: str) -> I32:
        """Code points of ``text`` as an int32 array; characters beyond the BMP (historic
        scripts, emoji) all become U+A000, a letter of a script no model knows.  A lone
        surrogate (half an emoji from a JSON escape) is kept as its code point, a character
        no model knows either."""
        raw = text.encode("utf-32-le", "surrogatepass")
        cps = np.frombuffer(raw, dtype="<u4").astype(np.int32)
        cps[cps >= BMP] = ASTRAL
        return cps

    @staticmethod
    def codepoints(text: str) -> I32:
        """Lower-cased code points of ``text`` (one code point per character)."""
        return CASE.lower[CharModels.raw_codepoints(text)]

    @staticmethod
    def case_breaks(raw: I32) -> int:
        """Capitals right after a small letter (``пРИВЕТ``, ``χρησιμοποιεΝ``), not both ASCII."""
        if len(raw) < 2:
            return 0
        brk = CASE.is_lower[raw[:-1]] & CASE.is_upper[raw[1:]] & ((raw[:-1] | raw[1:]) >= 0x80)
        return int(np.count_nonzero(brk))

    def prerank(self, cps: I32, top: int = 3) -> list[int]:
        """Indices of the ``top`` languages by unigram score of the non-ASCII characters."""
        high = cps[cps >= 0x80]
        if len(high) == 0:
            return [self.codes.index("en")]
        if len(high) <= COUNT_IN_PYTHON:
            # a short run: counted in Python, the same sorted values and counts as
            # np.unique gives, in a fraction of its time
            found = Counter(high.tolist())
            chars = sorted(found)
            uniq = np.array(chars, dtype=cps.dtype)
            counts = np.array([found[c] for c in chars], dtype=np.int64)
        else:
            uniq, counts = np.unique(high, return_counts=True)
        toks = self.lookup_matrix[:, uniq]  # (L, U)
        rows = np.arange(len(self.langs))[:, None]
        scores = self.uni_matrix[rows, toks] @ counts.astype(np.float32)
        order = np.argsort(-scores)[:top]
        return [int(i) for i in order]

    def unigram(self, text: str) -> float:
        """Unigram log-probability of ``text`` in the language that likes it best."""
        cps = self.codepoints(text)
        rows = np.arange(len(self.langs))[:, None]
        return float(self.uni_matrix[rows, self.lookup_matrix[:, cps]].sum(axis=1).max())

    def score_lang(self, cps: I32, lang: int) -> float:
        """Log-likelihood of the bigrams touching a non-ASCII character under one language."""
        if len(cps) < 2:
            return (
                float(self.langs[lang].uni[self.langs[lang].lookup[cps]].sum()) if len(cps) else 0.0
            )
        model = self.langs[lang]
        high = cps >= 0x80
        keep = np.flatnonzero(high[1:] | high[:-1])
        toks = model.lookup[cps]
        if model.cjk:
            total = float(model.uni[toks[keep + 1]].sum())
        else:
            total = float(model.table[toks[keep], toks[keep + 1]].sum())
        if high[0]:
            total += float(model.uni[toks[0]])
        return total

    def _bigram_scores(self, cps: I32, order: Sequence[int]) -> list[float]:
        """:meth:`score_lang` of ``cps`` (two code points or more) under each of the
        non-CJK languages ``order``, in one pass over the flattened tables."""
        high = cps >= 0x80
        keep = np.flatnonzero(high[1:] | high[:-1])
        rows = np.asarray(order, dtype=np.intp)
        toks = self.lookup_matrix[rows[:, None], cps[None, :]].astype(np.int64)
        flat = (
            self.table_offset[rows][:, None]
            + toks[:, keep] * self.table_size[rows][:, None]
            + toks[:, keep + 1]
        )
        # each row summed on its own: the same float32 sum, in the same order, as score_lang
        totals = [float(row.sum()) for row in self.flat_tables[flat]]
        if high[0]:
            totals = [
                t + float(self.langs[i].uni[toks[k, 0]])
                for k, (i, t) in enumerate(zip(order, totals, strict=True))
            ]
        return totals

    def score_cps(
        self, cps: I32, top: int = 3, langs: Sequence[str] | None = None
    ) -> tuple[float, str]:
        """Best (log-likelihood, language) over ``langs`` or the pre-ranked languages."""
        best = (-np.inf, "")
        order = [self.index[c] for c in langs] if langs else self.prerank(cps, top)
        if len(cps) >= 2 and not any(self.langs[i].cjk for i in order):
            scores = self._bigram_scores(cps, order)  # every language at once
        else:
            scores = [self.score_lang(cps, i) for i in order]
        for i, s in zip(order, scores, strict=True):
            if s > best[0]:
                best = (s, self.codes[i])
        return float(best[0]), best[1]

    def forget_scores(self) -> None:
        """Empty the memos of :meth:`score_mixed` (a benchmark's cold pass, a test's fresh
        score); scores stay the same, only slower to come by."""
        self._run_memo.clear()
        self._text_memo.clear()

    def score_mixed(self, text: str) -> float:
        """Log-likelihood of ``text`` letting each run of one script (Cyrillic, Arabic, Han...)
        pick its own language, at :data:`SCRIPT_SWITCH_COST` per switch; for text that mixes
        scripts, where one language model would call the other script's letters unknown.
        Short texts and short runs are scored once (see :data:`MEMO_RUN`)."""
        short = len(text) <= MEMO_TEXT
        if short:
            known = self._text_memo.get(text)
            if known is not None:
                return known
        raw = self.raw_codepoints(f" {text} ")  # the text starts and ends a word
        cps = CASE.lower[raw]
        sc = self.script[cps]
        letters = np.flatnonzero(sc > 0)
        cuts = letters[1:][sc[letters[1:]] != sc[letters[:-1]]]
        in_word = int(np.count_nonzero(sc[cuts - 1] > 0))  # no space between the scripts
        total = (
            CASE_BREAK * self.case_breaks(raw)
            + SCRIPT_SWITCH_COST * len(cuts)
            + SCRIPT_SWITCH_IN_WORD * in_word
        )
        memo = self._run_memo
        for seg in np.split(cps, cuts):
            if len(seg) > MEMO_RUN:
                total += self.score_cps(seg)[0]
                continue
            key = seg.tobytes()
            score = memo.get(key)
            if score is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                score = memo[key] = self.score_cps(seg)[0]
            total += score
        if short:
            if len(self._text_memo) >= MEMO_SIZE:
                self._text_memo.clear()
            self._text_memo[text] = total
        return total

    def score_text(self, text: str, top: int = 3) -> tuple[float, str]:
        """Best (log-likelihood, language) of ``text``; 0.0 for pure ASCII.  Case breaks
        inside words cost :data:`CASE_BREAK` each."""
        raw = self.raw_codepoints(f" {text} ")  # the text starts and ends a word
        score, lang = self.score_cps(CASE.lower[raw], top)
        return score + CASE_BREAK * self.case_breaks(raw), lang
