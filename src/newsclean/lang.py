"""A small, fast language guesser: writing system first, then function words.

The script of the letters settles most languages outright (Hangul, Thai, Greek...).
Scripts shared by several languages are split by their own letters (Persian ``پ چ ژ گ``
and ``ی ک`` against Arabic ``ي ك ة``; Urdu ``ے ں ٹ``; Japanese kana inside Han text) and by
votes of function words from the stopword lists in ``data/stopwords/<lang>.txt``.  Only
a sample of the text is read, so the cost does not grow with the page.

>>> detect_language("The minister said that the agreement was signed on Monday.")
'en'
>>> detect_language("وقعت ليبيا وإيطاليا اتفاقيات تعاون عسكري في مختلف المجالات")
'ar'
>>> detect_language("این توافق در تهران امضا شد و وزیر گفت که همکاری ادامه دارد")
'fa'
>>> detect_language("12345") is None
True
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources
from itertools import compress

import numpy as np

__all__ = [
    "STOPWORD_LANGS",
    "UNSPACED_RANGES",
    "UNSPACED_SCRIPTS",
    "cased_stopwords",
    "detect_language",
    "guess_language",
    "known_languages",
    "script_class",
    "script_counts",
    "scripts_of",
    "stop_share",
    "stopwords",
    "word_tokens",
]

#: Languages that ship a stopword list (``data/stopwords/<lang>.txt``).
STOPWORD_LANGS: tuple[str, ...] = tuple(
    sorted(
        p.name[:-4]
        for p in resources.files("newsclean").joinpath("data", "stopwords").iterdir()
        if p.name.endswith(".txt")
    )
)
#: Languages whose function "words" are single characters (no spaces between words).
CHAR_LANGS = frozenset({"zh", "ja"})

_SAMPLE = 1200
_MIN_LETTERS = 12

# (first code point, last code point, script) of the writing systems told apart here.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x00C0, 0x024F, "latin"),
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x04FF, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1000, 0x109F, "myanmar"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"),
    (0x1E00, 0x1EFF, "latin"),
    (0x3040, 0x30FF, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xF900, 0xFAFF, "han"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)
#: Writing systems that put no spaces between words (Chinese characters, kana): there a
#: character is read as a word (agency names found inside runs of text, shingles).
UNSPACED_SCRIPTS = ("kana", "han")
#: Their code point ranges (first, last).
UNSPACED_RANGES: tuple[tuple[int, int], ...] = tuple(
    (lo, hi) for lo, hi, name in _RANGES if name in UNSPACED_SCRIPTS
)


def script_class(*scripts: str) -> str:
    """A regular-expression character class of the code points of ``scripts``.

    >>> import re
    >>> script_class("kana") == r"[\\u3040-\\u30ff]", bool(re.fullmatch(script_class("han"), "社"))
    (True, True)
    """
    return "[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi, n in _RANGES if n in scripts) + "]"


#: Script names by id (0: none) and the id of every code point of the Basic Multilingual
#: Plane (one more entry, 0, stands for every code point above it: none is told apart).
_SCRIPT_NAMES: tuple[str, ...] = ("", *dict.fromkeys(r[2] for r in _RANGES))
_SCRIPT_IDS = np.zeros(0x10001, dtype=np.uint8)
for _lo, _hi, _name in _RANGES:
    _SCRIPT_IDS[_lo : _hi + 1] = _SCRIPT_NAMES.index(_name)
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_SINGLE = {
    "greek": "el",
    "hebrew": "he",
    "hangul": "ko",
    "thai": "th",
    "myanmar": "my",
    "devanagari": "hi",
    "georgian": "ka",
    "armenian": "hy",
    "bengali": "bn",
}
_SCRIPT_LANGS = {
    "latin": (
        [
            "en",
            "fr",
            "de",
            "es",
            "it",
            "pt",
            "nl",
            "pl",
            "cs",
            "hr",
            "tr",
            "id",
            "sv",
            "da",
            "no",
            "fi",
            "hu",
            "ro",
            "lv",
        ]
    ),
    "cyrillic": ["ru", "uk"],
    "arabic": ["ar", "fa", "ur"],
}
# Letters that only one of the languages sharing a script uses: each occurrence is a vote.
_LANG_SCRIPTS: dict[str, frozenset[str]] = {
    **{lang: frozenset([script]) for script, langs in _SCRIPT_LANGS.items() for lang in langs},
    **{lang: frozenset([script]) for script, lang in _SINGLE.items()},
    "zh": frozenset(["han"]),
    "ja": frozenset(["han", "kana"]),
    "ko": frozenset(["hangul", "han"]),
}
_LETTER_VOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "latin": {
        "tr": tuple("ıİğĞşŞ"),
        "pl": tuple("łŁąęśźżńĄĘŚŹŻŃ"),
        "cs": tuple("řŘěĚůŮ"),
        "hu": tuple("őŐűŰ"),
        "ro": tuple("ăĂțȚșȘ"),
        "lv": tuple("āĀēĒīĪūŪļĻņŅķĶģĢ"),
        "pt": tuple("ãõÃÕ"),
        "es": tuple("ñÑ¿¡"),
        "de": tuple("ßäÄ"),
        "fr": tuple("œŒèêëîïûùÈÊ"),
        "da": tuple("æÆøØ"),
        "sv": tuple("åÅ"),
    },
    "cyrillic": {"uk": tuple("іїєґІЇЄҐ"), "ru": tuple("ыэъЫЭ")},
}
_LETTER_OWNER = {
    script: {ch: lang for lang, chars in table.items() for ch in chars}
    for script, table in _LETTER_VOTES.items()
}
_FA_LETTERS = "پچژگیک"
_AR_LETTERS = "يكة"
_UR_LETTERS = "ےںٹڈڑہ"
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?؟،؛…—–-*/|"


def scripts_of(lang: str | None) -> frozenset[str] | None:
    """The writing systems (as named by :func:`script_counts`) a language is written in,
    or None when it is not known here.

    >>> sorted(scripts_of("ja")), sorted(scripts_of("fa")), scripts_of("xx")
    (['han', 'kana'], ['arabic'], None)
    """
    if lang is None:
        return None
    return _LANG_SCRIPTS.get(lang)


def word_tokens(text: str) -> list[str]:
    """Case-folded whitespace-separated words, punctuation trimmed from their edges.

    Cheap on purpose (``str.split``): it runs on every line of every page.

    >>> word_tokens("Hello, World (2024)!")
    ['hello', 'world', '2024']
    """
    out = [w.strip(_EDGE_PUNCT) for w in text.casefold().split()]
    return [w for w in out if w]


def script_counts(text: str) -> dict[str, int]:
    """Letters per writing system in ``text`` (ASCII letters count as Latin).

    >>> script_counts("abc ابت")
    {'latin': 3, 'arabic': 3}
    """
    return _script_counts(text, _ascii_letters(text))


def _script_counts(text: str, latin: int) -> dict[str, int]:
    """:func:`script_counts`, given the number of ASCII letters of ``text``."""
    counts: dict[str, int] = {}
    if latin:
        counts["latin"] = latin
    if text.isascii():
        return counts
    step = max(1, len(text) // 256)  # every step-th character: a spread sample is plenty
    # the script id of every sampled character, counted per script in one pass; scripts
    # are listed in the order they first occur
    # (``take`` clips code points above the table to its last entry, 0: no script)
    ids = _SCRIPT_IDS.take(_code_points(text[::step]), mode="clip")
    per_id = np.bincount(ids, minlength=len(_SCRIPT_NAMES)).tolist()
    found = list(compress(range(1, len(per_id)), per_id[1:]))
    if len(found) > 1:
        found.sort(key=lambda k: int((ids == k).argmax()))
    for k in found:
        name = _SCRIPT_NAMES[k]
        counts[name] = counts.get(name, 0) + per_id[k] * step
    return counts


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates included) as a uint32 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


_ASCII_BYTES = bytes(range(128))


def _non_ascii(text: str) -> str:
    """The non-ASCII characters of ``text``, in order (ASCII bytes never occur inside the
    UTF-8 form of another character, so deleting them leaves whole characters)."""
    raw = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return raw.decode("utf-8", "surrogatepass")


def _ascii_letters(text: str) -> int:
    return len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))


@cache
def stop_share(lang: str | None, default: float) -> float:
    """The share of function words a prose line of ``lang`` has at least, from the
    ``# min_share: 0.08`` line of its stopword file (Arabic writes many function words as
    prefixes of the next word, so fewer of them stand alone); ``default`` otherwise.

    >>> stop_share("ar", 0.12) < stop_share("en", 0.12)
    True
    """
    if lang not in STOPWORD_LANGS:
        return default
    path = resources.files("newsclean").joinpath("data", "stopwords", f"{lang}.txt")
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# min_share:"):
            return float(line.split(":", 1)[1])
    return default


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The function words of ``lang`` (empty when no list ships for it).

    >>> "the" in stopwords("en"), len(stopwords("xx"))
    (True, 0)
    """
    if lang not in STOPWORD_LANGS:
        return frozenset()
    path = resources.files("newsclean").joinpath("data", "stopwords", f"{lang}.txt")
    words = (ln.strip().casefold() for ln in path.read_text("utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


@cache
def cased_stopwords(lang: str) -> frozenset[str]:
    """:func:`stopwords` as written in running text: lower case, capitalized and upper
    case (a line's words are looked up without lower-casing the line first), and with a
    full stop or a comma after them (a Turkish sentence closes on its verb: "açıkladı.").

    >>> {"the", "The", "THE", "açıkladı."} <= cased_stopwords("en") | cased_stopwords("tr")
    True
    """
    words = stopwords(lang)
    cased = words | {w.capitalize() for w in words} | {w.upper() for w in words}
    return cased | {w + "." for w in cased} | {w + "," for w in cased}


@cache
def _votes() -> dict[str, tuple[str, ...]]:
    """Word -> the languages whose stopword list holds it."""
    out: dict[str, list[str]] = {}
    for lang in STOPWORD_LANGS:
        if lang in CHAR_LANGS:
            continue
        for w in stopwords(lang):
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def _sample(text: str) -> str:
    """Up to ``_SAMPLE`` characters from the middle of the text, where the article is."""
    if len(text) <= _SAMPLE:
        return text
    mid = len(text) // 2
    return text[mid - _SAMPLE // 2 : mid + _SAMPLE // 2]


@cache
def _vote_langs() -> dict[str, tuple[str, ...]]:
    """Word -> the languages whose stopword list holds it (one tuple object per distinct
    group of languages, shared by its words)."""
    groups: dict[tuple[str, ...], tuple[str, ...]] = {}
    return {w: groups.setdefault(langs, langs) for w, langs in _votes().items()}


def _vote(
    words: list[str], candidates: list[str], bonus: dict[str, int] | None = None
) -> tuple[str | None, int]:
    """The candidate language whose function words (plus ``bonus`` votes, from letters
    only that language uses) occur most often in ``words``.

    Most words of a text are not function words: ``filter`` drops them in one C loop, and
    only the function words are counted, by group of languages.

    >>> _vote("the deal was signed in the capital".split(), ["en", "fr"])
    ('en', 4)
    """
    # the function words counted by group of languages (one C loop; the groups are few)
    found = Counter(filter(None, map(_vote_langs().get, words)))
    if not found and not bonus:
        return None, 0  # no function word and no letter vote: no candidate has a vote
    hits = dict.fromkeys(candidates, 0)
    for langs, n in found.items():
        for lang in langs:
            if lang in hits:
                hits[lang] += n
    if bonus:
        for lang, n in bonus.items():
            if lang in hits:
                hits[lang] += n
    best = max(hits, key=hits.__getitem__)
    return (best, hits[best]) if hits[best] else (None, 0)


@cache
def known_languages() -> frozenset[str]:
    """The ISO 639-1 codes newsclean knows something about: those :func:`detect_language`
    can answer and those with a stopword list (a language hint outside them is passed on,
    but no word list or rule of that language exists).

    >>> {"ar", "fa", "en", "zh"} <= known_languages(), "xx" in known_languages()
    (True, False)
    """
    out = set(STOPWORD_LANGS) | set(_SINGLE.values()) | {"ja", "zh"}
    for langs in _SCRIPT_LANGS.values():
        out.update(langs)
    return frozenset(out)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when there is too little evidence.

    >>> detect_language("Der Minister sagte, dass die Vereinbarung unterzeichnet wurde.")
    'de'
    >>> detect_language("两国签署了军事合作协议，这是双方关系的新阶段。")
    'zh'
    """
    sample = _sample(text)
    return guess_language(sample, sample.lower().split())


def _letter_count(text: str, letters: str) -> int:
    """How many characters of ``text`` are among ``letters``.

    >>> _letter_count("کیک يكة", _FA_LETTERS), _letter_count("کیک يكة", _AR_LETTERS)
    (3, 3)
    """
    return sum(map(text.count, letters))


def guess_language(sample: str, words: list[str]) -> str | None:
    """:func:`detect_language` from a text sample (for its writing system) and lower-cased
    words (for the function-word vote), when the caller already has both at hand.

    >>> text = "the minister said that the deal was signed"
    >>> guess_language(text, text.split())
    'en'
    """
    latin = _ascii_letters(sample)
    if latin * 2 > len(sample) and latin >= _MIN_LETTERS:
        script = "latin"  # most of the sample is ASCII letters: no other script can win
    else:
        counts = _script_counts(sample, latin)
        if not counts or sum(counts.values()) < _MIN_LETTERS:
            return None
        if counts.get("kana", 0) and counts["kana"] * 10 >= counts.get("han", 0):
            return "ja"
        script = max(counts, key=counts.__getitem__)
    if script == "kana":
        return "ja"
    if script == "han":
        return "zh"
    if script in _SINGLE:
        return _SINGLE[script]
    if script == "arabic":
        # Urdu letters win when there are 3 or more and over a quarter as many as the
        # Persian or the Arabic ones, then function words, then Persian against Arabic
        # letters; the Persian and Arabic letters are only counted when needed
        ur = _letter_count(sample, _UR_LETTERS)
        fa = ar = -1
        if ur >= 3:
            fa, ar = _letter_count(sample, _FA_LETTERS), _letter_count(sample, _AR_LETTERS)
            if ur > max(fa, ar) // 4:
                return "ur"
        lang, n = _vote(words, _SCRIPT_LANGS["arabic"])
        if lang is not None and n >= 3:
            return lang
        if fa < 0:
            fa, ar = _letter_count(sample, _FA_LETTERS), _letter_count(sample, _AR_LETTERS)
        return "fa" if fa > ar else "ar"
    bonus: dict[str, int] = {}
    if not sample.isascii() and script in _LETTER_OWNER:
        owner = _LETTER_OWNER[script]
        for ch, k in Counter(_non_ascii(sample)).items():
            if ch in owner:
                bonus[owner[ch]] = bonus.get(owner[ch], 0) + k
    lang, n = _vote(words, _SCRIPT_LANGS[script], bonus)
    if lang is None or n < 2:
        return "ru" if script == "cyrillic" else None
    return lang
