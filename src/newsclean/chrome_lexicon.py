"""Boilerplate phrase lexicons: the phrases that mark a line as site chrome.

The phrases live in data files, one per language (``data/chrome/<lang>.txt``), grouped by
category (``comment_form``, ``back_to_top``, ``share``, ``related``, ``credit``...; see
``data/chrome/README.md``).  A phrase matches a whole line, or with ``...`` the start or the
middle of a short line.  Lines and phrases are compared by :func:`line_key`, a normalized
form that ignores case, punctuation, the value of digits and Arabic/Persian letter variants.

>>> lex = default_lexicon()
>>> hit = lex.match("اترك تعليقاً")
>>> (hit.lang, hit.category, hit.phrase)
('ar', 'comment_form', 'اترك تعليقاً')
>>> lex.match("Source: AFP").category
'credit'
>>> lex.match("The minister said the talks would resume.") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from math import prod
from pathlib import Path
from typing import Any

from .lang import script_counts

__all__ = [
    "BOUNDARY_CATEGORIES",
    "CATEGORIES",
    "END_CATEGORIES",
    "INSIDE_CATEGORIES",
    "Lexicon",
    "Needle",
    "PhraseHit",
    "default_lexicon",
    "line_key",
    "parse_lexicon",
]

#: Every category a lexicon file may use.
CATEGORIES: tuple[str, ...] = (
    "comment_form",
    "back_to_top",
    "share",
    "newsletter",
    "cookie",
    "copyright",
    "related",
    "category",
    "end_marker",
    "credit",
    "footer",
    "navigation",
    "advert",
    "meta",
    "caption",
)
#: Categories after which the article does not go on: the main text never spans them.
END_CATEGORIES = frozenset({"comment_form", "back_to_top", "copyright", "end_marker"})
#: Categories after which an article rarely goes on (related lists, newsletter boxes).
BOUNDARY_CATEGORIES = frozenset({"newsletter", "related"})
#: Categories of lines that sit inside articles (photo captions and their credits): removed,
#: but weighed like a caption, so that they do not split the article in two.
INSIDE_CATEGORIES = frozenset({"caption"})
# Prefix / contains phrases only apply to short lines: a long line that happens to start
# with "Source:" is a sentence, not a footer.  Notices (comment form, cookies, copyright,
# newsletter) are longer than labels, so they get a larger limit.
_AFFIX_MAX_WORDS = 12
_AFFIX_MAX_WORDS_NOTICE = 80
_NOTICE = frozenset({"comment_form", "cookie", "copyright", "newsletter"})


# Arabic and Persian letter variants folded, diacritics, tatweel and zero-width characters
# removed; the Persian zero-width non-joiner separates word parts, so it becomes a space.
_FOLD: dict[int, str | None] = {
    **{ord(c): "ا" for c in "أإآٱ"},
    **{ord(c): "ي" for c in "ىیئ"},
    ord("ة"): "ه",
    ord("ک"): "ك",
    ord("ؤ"): "و",
    **{cp: None for cp in [*range(0x064B, 0x0660), 0x0670, 0x0640, 0x200B, 0x200D, 0xFEFF]},
    0x00AD: None,
    0x200C: " ",
    **{ord(c): " : " for c in "：﹕꞉"},
}
_FOLDED = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
#: Punctuation trimmed from both ends of every word of a key.
EDGE = "\"'“”‘’«»()[]{}<>.,;!?؟،؛…—–-_*/\\|•·►▶»«#@~^=+&%$"
_DIGIT = re.compile(r"\d+")


# Turkish dotted and dotless i are one letter: "İLGİLİ HABERLER" lowers to "i̇lgi̇li̇" (an i
# and a combining dot) and "DEVAMI" to "devami", so the dot goes and "ı" reads as "i" (kept
# out of ``_FOLD``: the pre-tests' spellings of every "i" would become patterns)
_DOTLESS = {ord("ı"): "i", 0x0307: None}


def dotless_i(text: str) -> str:
    """``text`` with Turkish dotless "ı" read as "i" and combining dots above removed.

    >>> dotless_i("İLGİLİ".lower()), dotless_i("devamı")
    ('ilgili', 'devami')
    """
    return text.translate(_DOTLESS) if "ı" in text or "\u0307" in text else text


def fold(text: str) -> str:
    """Lower case plus Arabic/Persian letter folding (only non-ASCII text pays for it).

    >>> fold("Ähnliche") == "ähnliche", fold("أضف تعليقاً") == "اضف تعليقا"
    (True, True)
    >>> fold("İLGİLİ HABERLER") == fold("İlgili haberler") == "ilgili haberler"
    True
    """
    text = text.lower()
    if text.isascii():
        return text
    text = dotless_i(text)
    if not _FOLDED.search(text):
        return text
    return text.translate(_FOLD)


def token(word: str) -> str:
    """The key of one folded word: edge punctuation trimmed, digit runs read as ``0``.

    >>> token("(2019),"), token("reserved."), token("—")
    ('0', 'reserved', '')
    """
    w = word.strip(EDGE)
    if w.isalpha() or not w:
        return w
    return _DIGIT.sub("0", w)


def key_words(text: str) -> list[str]:
    """The words of :func:`line_key`.

    >>> key_words("Source: AFP.")
    ['source', ':', 'afp']
    """
    t = fold(text)
    if ":" in t:
        t = t.replace(":", " : ")
    out = [token(w) for w in t.split()]
    return [w for w in out if w]


def line_key(text: str) -> str:
    """The normalized form lines and phrases are compared by: lower case, Arabic/Persian
    letter variants folded, punctuation trimmed from the words, digit runs read as ``0``.

    >>> line_key("  Source :  AFP. ")
    'source : afp'
    >>> line_key("© 2019 — All Rights Reserved")
    '© 0 all rights reserved'
    >>> line_key("اقرأ أيضاً:") == line_key("اقرا ايضا :")
    True
    """
    return " ".join(key_words(text))


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """One lexicon entry: the language file it came from, its category and the phrase as
    written there (with ``...`` when it is a prefix or contains pattern).

    >>> PhraseHit("en", "share", "Share on ...").rule
    'en:share:Share on ...'
    """

    lang: str
    category: str
    phrase: str

    @property
    def rule(self) -> str:
        """``lang:category:phrase``, the evidence string reported for a removed line."""
        return f"{self.lang}:{self.category}:{self.phrase}"


def parse_lexicon(text: str, lang: str) -> list[tuple[str, PhraseHit]]:
    """Parse one lexicon file into ``(mode, hit)`` pairs.

    ``mode`` is ``exact`` (whole line), ``prefix`` (``phrase ...``), ``suffix``
    (``... phrase``) or ``contains`` (``... phrase ...``).

    >>> parse_lexicon("[share]\\nShare on ...\\n# note\\nTweet", "en")[0][0]
    'prefix'
    """
    out: list[tuple[str, PhraseHit]] = []
    category = ""
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            category = line[1:-1].strip()
            if category not in CATEGORIES:
                raise ValueError(f"lexicon {lang!r} line {n}: unknown category {category!r}")
            continue
        if not category:
            raise ValueError(f"lexicon {lang!r} line {n}: phrase before any [category]")
        starts, ends = line.startswith("..."), line.endswith("...")
        mode = ("contains" if ends else "suffix") if starts else ("prefix" if ends else "exact")
        if "..." in line.removeprefix("...").removesuffix("...") and mode != "prefix":
            raise ValueError(
                f"lexicon {lang!r} line {n}: a gap ('...' inside a phrase) is only allowed "
                f"in a prefix phrase ('Sign up for ... newsletter ...'): {line!r}"
            )
        out.append((mode, PhraseHit(lang, category, line)))
    return out


#: Joins the parts of a prefix phrase with gaps in its key ("sign up for" GAP "newsletter").
GAP = "\x00"


def _phrase_key(hit: PhraseHit) -> str:
    """The key of a phrase; the parts of a phrase with gaps are joined by :data:`GAP`.

    >>> _phrase_key(PhraseHit("en", "newsletter", "Sign up for ... newsletter ...")).split(GAP)
    ['sign up for', 'newsletter']
    """
    core = hit.phrase.removeprefix("...").removesuffix("...")
    parts = [line_key(part) for part in core.split("...")]
    return GAP.join(part for part in parts if part)


def _gapped_prefix(key: str, pkey: str) -> bool:
    """Whether a line ``key`` starts with the first part of a gapped prefix key and holds
    the other parts after it, in order, as whole words.

    >>> _gapped_prefix("sign up for our daily newsletter today", "sign up for" + GAP + "newsletter")
    True
    >>> _gapped_prefix("sign up for free", "sign up for" + GAP + "newsletter")
    False
    """
    head, *rest = pkey.split(GAP)
    if not key.startswith(head + " "):
        return False
    padded, at = f" {key} ", len(head) + 1
    for part in rest:
        found = padded.find(f" {part} ", at)
        if found < 0:
            return False
        at = found + len(part) + 1
    return True


class Lexicon:
    """A set of chrome phrases compiled for fast line matching.

    Build one from the shipped files (:func:`default_lexicon`), from your own files
    (:meth:`from_files`) or from a mapping ``{category: [phrases]}`` (:meth:`from_phrases`,
    handy for one site); ``a | b`` merges two lexicons.

    >>> site = Lexicon.from_phrases({"related": ["More from Example Times ..."]}, lang="site")
    >>> site.match("More from Example Times: sport").rule
    'site:related:More from Example Times ...'
    """

    def __init__(self, entries: Iterable[tuple[str, PhraseHit]] = ()) -> None:
        self.entries: list[tuple[str, PhraseHit]] = []
        #: Answers for lines already looked up, ``{lang: {line: answer or None}}`` (filled,
        #: bounded and read by :mod:`newsclean.chrome`: the answer is what marking the line
        #: with its phrase writes).
        self.memo: dict[str | None, dict[str, Any]] = {}
        self._exact: dict[str, PhraseHit] = {}
        self._exact_by_lang: dict[tuple[str, str], PhraseHit] = {}
        self._prefix: dict[str, list[tuple[str, PhraseHit]]] = {}
        self._suffix: dict[str, list[tuple[str, PhraseHit]]] = {}
        self._contains: dict[str, list[tuple[str, PhraseHit]]] = {}
        for mode, hit in entries:
            self._add(mode, hit)
        for buckets in (self._prefix, self._suffix, self._contains):
            for bucket in buckets.values():
                bucket.sort(key=lambda kh: -len(kh[0]))
        # Pre-tests: a line can only match a whole-line or prefix phrase if its first word
        # starts a one-word phrase or its first two words start a longer one.
        heads = [*self._exact, *(k.split(GAP, 1)[0] for b in self._prefix.values() for k, _ in b)]
        #: First words of one-word whole-line and prefix phrases.
        self.first_words = frozenset(k for k in heads if " " not in k)
        #: First two words (``"w1 w2"``) of longer whole-line and prefix phrases.
        self.first_pairs = frozenset(" ".join(k.split(" ", 2)[:2]) for k in heads if " " in k)
        #: First words of the pairs.
        self.pair_heads = frozenset(p.split(" ", 1)[0] for p in self.first_pairs)
        #: Last words of suffix phrases: a line not ending with one cannot match them.
        self.last_words = tuple(sorted(self._suffix))
        #: The most words a line matching a suffix phrase may have.
        self.suffix_max_words = max(
            (_word_limit(h) for b in self._suffix.values() for _, h in b), default=0
        )
        #: The same as a raw line may end: every spelling of the folded letters, in lower
        #: case, capitalized and upper case.
        self.raw_ends = tuple(
            sorted({c for w in self.last_words for sp in spellings(w) for c in _cases(sp)})
        )
        #: Longest word of every contains phrase: a line that does not hold one of them
        #: (as a substring) cannot match those phrases.
        self.inner_words = tuple(sorted(self._contains))
        #: What a raw lower-cased line is searched for to find those words.
        self.inner_needles = needles(self.inner_words)
        self._needles_by_scripts: dict[frozenset[str], tuple[Needle, ...]] = {}
        self._anchors_by_scripts: dict[frozenset[str] | None, tuple[str, ...]] = {}
        self._unspaced = tuple(w for w in self.inner_words if _unspaced(w))

    def needles_for(self, scripts: frozenset[str] | None) -> tuple[Needle, ...]:
        """The :attr:`inner_needles` worth looking for on a page whose language is written
        in ``scripts``: Latin ones and those of ``scripts`` (all when it is None)."""
        if scripts is None:
            return self.inner_needles
        chosen = self._needles_by_scripts.get(scripts)
        if chosen is None:
            chosen = tuple(
                n for n in self.inner_needles if n.script == "latin" or n.script in scripts
            )
            self._needles_by_scripts[scripts] = chosen
        return chosen

    def anchors_for(self, scripts: frozenset[str] | None) -> tuple[str, ...]:
        """The anchors of :meth:`needles_for`, in the same order (searched for in one C
        loop: ``map(text.__contains__, anchors)``)."""
        anchors = self._anchors_by_scripts.get(scripts)
        if anchors is None:
            anchors = self._anchors_by_scripts[scripts] = tuple(
                n.anchor for n in self.needles_for(scripts)
            )
        return anchors

    def _add(self, mode: str, hit: PhraseHit) -> None:
        key = _phrase_key(hit)
        if not key:
            return
        self.entries.append((mode, hit))
        if mode == "exact":
            self._exact.setdefault(key, hit)
            self._exact_by_lang.setdefault((key, hit.lang), hit)
        elif mode == "prefix":
            self._prefix.setdefault(key.split(GAP, 1)[0].split(" ", 1)[0], []).append((key, hit))
        elif mode == "suffix":
            self._suffix.setdefault(key.rsplit(" ", 1)[-1], []).append((key, hit))
        else:
            self._contains.setdefault(max(key.split(), key=len), []).append((key, hit))

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> Lexicon:
        """Load lexicon files; the language of each is its file name (``de.txt`` -> de)."""
        entries: list[tuple[str, PhraseHit]] = []
        for p in paths:
            path = Path(p)
            entries.extend(parse_lexicon(path.read_text("utf-8"), path.stem))
        return cls(entries)

    @classmethod
    def from_phrases(cls, phrases: Mapping[str, Iterable[str]], *, lang: str = "user") -> Lexicon:
        """A lexicon from ``{category: [phrase, ...]}`` (same phrase syntax as the files)."""
        text = "\n".join(f"[{cat}]\n" + "\n".join(ps) for cat, ps in phrases.items())
        return cls(parse_lexicon(text, lang))

    def __or__(self, other: Lexicon) -> Lexicon:
        return Lexicon([*self.entries, *other.entries])

    def __len__(self) -> int:
        return len(self.entries)

    def match_key(self, key: str, n_words: int, *, lang: str | None = None) -> PhraseHit | None:
        """The entry matching a line given its :func:`line_key` and word count, or None.

        Whole-line phrases match any line; prefix, suffix and contains phrases only short
        lines (12 words, 80 for notices such as comment forms and copyright lines, and for
        labels ending with a colon).  When a whole line is in several language files, the
        entry of ``lang`` is preferred (it only changes the reported rule).
        """
        hit = self._exact.get(key)
        if hit is not None and lang is not None and hit.lang != lang:
            hit = self._exact_by_lang.get((key, lang), hit)
        if hit is not None or not key or n_words > _AFFIX_MAX_WORDS_NOTICE:
            return hit
        words = key.split(" ")
        for pkey, phit in self._prefix.get(words[0], ()):
            if (
                key == pkey
                or key.startswith(pkey + " ")
                or (GAP in pkey and _gapped_prefix(key, pkey))
            ) and _short_enough(phit, n_words):
                return phit
        for skey, shit in self._suffix.get(words[-1], ()):
            if (key == skey or key.endswith(" " + skey)) and _short_enough(shit, n_words):
                return shit
        padded = f" {key} "
        for w in words:
            for ckey, chit in self._contains.get(w, ()):
                if f" {ckey} " in padded and _short_enough(chit, n_words):
                    return chit
        for w in self._unspaced:
            if w in key:
                for ckey, chit in self._contains[w]:
                    if ckey in key and _short_enough(chit, n_words):
                        return chit
        return None

    def match(self, line: str) -> PhraseHit | None:
        """The entry matching ``line``, or None."""
        return self.match_key(line_key(line), len(line.split()))


# The raw letters every folded letter stands for (folding maps several letters to one).
_UNFOLD: dict[str, str] = {}
for _cp, _to in _FOLD.items():
    if isinstance(_to, str) and len(_to) == 1 and _to != " ":
        _UNFOLD[_to] = _UNFOLD.get(_to, _to) + chr(_cp)


@dataclass(frozen=True, slots=True)
class Needle:
    """What a raw lower-cased text is searched for to find a folded word: a plain
    ``anchor`` (the longest stretch of the word that folding leaves alone) and, when the
    word has letters that folding merges, a ``pattern`` accepting every raw spelling;
    ``script`` is the writing system of the word (``latin`` for ASCII)."""

    anchor: str
    pattern: re.Pattern[str] | None
    script: str

    def found_in(self, text: str) -> bool:
        """Whether ``text`` may hold the word (never False when it does)."""
        if self.anchor not in text:
            return False
        return self.pattern is None or self.pattern.search(text) is not None


def needles(words: Iterable[str]) -> tuple[Needle, ...]:
    """The needles that find any of the folded ``words`` in a raw lower-cased text: a word
    that holds a shorter one is covered by it (one search fewer).

    >>> [n.anchor for n in needles(["cookies", "cookie", "reserved"])]
    ['cookie', 'reserved']
    >>> n = needles(["كليه"])[0]
    >>> n.anchor, n.pattern.pattern, n.script
    ('ل', 'ل(?<=[كک]ل)[يىیئ][هة]', 'arabic')
    >>> n.found_in("کلیه حقوق"), n.found_in("كلية حقوق"), n.found_in("حقوق")
    (True, True, False)
    """
    chosen: list[str] = []
    for w in sorted(set(words), key=len):
        if not any(c in w for c in chosen):
            chosen.append(w)
    out: list[Needle] = []
    for w in sorted(chosen):
        counts = script_counts("".join(ch for ch in w if not ch.isascii()))
        script = max(counts, key=counts.__getitem__) if counts else "latin"
        if any(ch in _UNFOLD for ch in w):
            stretches = re.split("[" + re.escape("".join(_UNFOLD)) + "]", w)
            anchor = max(stretches, key=len)
            out.append(Needle(anchor, _spelling_pattern(w, stretches, anchor), script))
        else:
            out.append(Needle(w, None, script))
    return tuple(out)


def _spelling_pattern(word: str, stretches: list[str], anchor: str) -> re.Pattern[str]:
    """A pattern accepting every raw spelling of ``word`` (one character class per
    letter folding merges).  It starts with the ``anchor``, one of the ``stretches`` of the
    word between such letters, and checks the letters before it with a look-behind: the
    regex engine then scans the text for a plain string, far faster than for a class.

    >>> _spelling_pattern("كليه", ["", "ل", "", ""], "ل").pattern
    'ل(?<=[كک]ل)[يىیئ][هة]'
    """
    if not anchor:
        return re.compile("".join(_letter_class(ch) for ch in word))
    at = stretches.index(anchor)
    start = sum(map(len, stretches[:at])) + at  # the stretches are split by one letter
    end = start + len(anchor)
    before = "".join(_letter_class(ch) for ch in word[:start])
    behind = f"(?<={before}{re.escape(anchor)})" if before else ""
    after = "".join(_letter_class(ch) for ch in word[end:])
    return re.compile(re.escape(anchor) + behind + after)


def spellings(word: str, limit: int = 64) -> list[str]:
    """The raw spellings of a folded word (every letter folding merges, in every form),
    or just the word when there would be more than ``limit``.

    >>> spellings("كنيد")
    ['كنيد', 'كنىد', 'كنید', 'كنئد', 'کنيد', 'کنىد', 'کنید', 'کنئد']
    """
    options = [_UNFOLD.get(ch, ch) for ch in word]
    if prod(map(len, options)) > limit:
        return [word]
    return ["".join(p) for p in product(*options)]


def _cases(word: str) -> tuple[str, str, str]:
    return word, word.capitalize(), word.upper()


def _letter_class(ch: str) -> str:
    raw = _UNFOLD.get(ch)
    return f"[{re.escape(raw)}]" if raw else re.escape(ch)


def _unspaced(word: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\u0e00" <= ch <= "\u0eff" for ch in word)


def _word_limit(hit: PhraseHit) -> int:
    # a label ending with a colon or a bar ("Read also: ...", "Source: ...", "Also read |
    # ...") introduces what follows, so it may head a longer line than a bare prefix
    labelled = hit.phrase.removesuffix("...").rstrip().endswith((":", "：", "|"))
    return _AFFIX_MAX_WORDS_NOTICE if hit.category in _NOTICE or labelled else _AFFIX_MAX_WORDS


def _short_enough(hit: PhraseHit, n_words: int) -> bool:
    return n_words <= _word_limit(hit)


@cache
def default_lexicon() -> Lexicon:
    """The lexicon of every language file shipped in ``newsclean/data/chrome``."""
    root = resources.files("newsclean").joinpath("data", "chrome")
    entries: list[tuple[str, PhraseHit]] = []
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".txt"):
            entries.extend(parse_lexicon(item.read_text("utf-8"), item.name[:-4]))
    return Lexicon(entries)
