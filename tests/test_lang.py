"""The language guesser's fast paths against their straightforward definitions."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import lang
from newsclean.lang import guess_language, script_counts, stopwords


def _plain_script_counts(text: str) -> dict[str, int]:
    """Letters per script, one character at a time (ASCII letters count as Latin; other
    characters are sampled every ``step``, as :func:`script_counts` documents)."""
    counts: dict[str, int] = {}
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if latin:
        counts["latin"] = latin
    if text.isascii():
        return counts
    step = max(1, len(text) // 256)
    for ch in text[::step]:
        for lo, hi, name in lang._RANGES:
            if lo <= ord(ch) <= hi:
                counts[name] = counts.get(name, 0) + step
                break
    return counts


def _plain_vote(words: list[str], candidates: list[str]) -> tuple[str | None, int]:
    hits = dict.fromkeys(candidates, 0)
    for word, n in Counter(words).items():
        for cand in candidates:
            if cand not in lang.CHAR_LANGS and word in stopwords(cand):
                hits[cand] += n
    best = max(hits, key=hits.__getitem__)
    return (best, hits[best]) if hits[best] else (None, 0)


def _plain_arabic(sample: str, words: list[str]) -> str:
    """Urdu, Persian or Arabic: every count taken up front, in the documented order."""
    fa = sum(sample.count(c) for c in lang._FA_LETTERS)
    ar = sum(sample.count(c) for c in lang._AR_LETTERS)
    ur = sum(sample.count(c) for c in lang._UR_LETTERS)
    best, n = _plain_vote(words, ["ar", "fa", "ur"])
    if ur > max(fa, ar) // 4 and ur >= 3:
        return "ur"
    if best is not None and n >= 3:
        return best
    return "fa" if fa > ar else "ar"


_ARABIC_WORDS = [
    *sorted(stopwords("ar"))[:30],
    *sorted(stopwords("fa"))[:30],
    *sorted(stopwords("ur"))[:30],
    "کتاب",
    "گفت",
    "ہے",
    "ٹیم",
    "كتب",
    "مدينة",
    "الحكومة",
]
_LATIN_WORDS = [*sorted(stopwords("en"))[:20], *sorted(stopwords("de"))[:20], "minister", "A"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ARABIC_WORDS + _LATIN_WORDS), max_size=60))
def test_arabic_script_guess_matches_its_definition(words: list[str]) -> None:
    sample = " ".join(words)
    got = guess_language(sample, words)
    counts = _plain_script_counts(sample)
    if not counts or sum(counts.values()) < lang._MIN_LETTERS:
        assert got is None
    elif max(counts, key=counts.__getitem__) == "arabic":
        assert got == _plain_arabic(sample, words)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_script_counts_match_their_definition(text: str) -> None:
    assert script_counts(text) == _plain_script_counts(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_ARABIC_WORDS + _LATIN_WORDS + ["xyz", "de", "la"]), max_size=80),
    st.sampled_from([["ar", "fa", "ur"], ["en", "de", "fr"], ["ru", "uk"]]),
)
def test_vote_matches_its_definition(words: list[str], candidates: list[str]) -> None:
    assert lang._vote(words, candidates) == _plain_vote(words, candidates)
