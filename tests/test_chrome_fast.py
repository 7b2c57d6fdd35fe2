"""The fast paths of chrome stripping against their straightforward definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import chrome

# text made of the characters the shortcuts look at, so that the edge cases are common
_PIECES = st.sampled_from(["a", "b", " ", "/", ">", "»", "|", "›", "1", "٣", "²", ".", "\t"])
_LINE = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_LINE, st.text(max_size=60)))
def test_breadcrumb_pre_test_never_changes_the_answer(line: str) -> None:
    assert chrome._is_breadcrumb(line) == (chrome._BREADCRUMB.search(line) is not None)


def _phrase_words() -> list[str]:
    from newsclean.chrome_lexicon import default_lexicon

    words: set[str] = set()
    for _, hit in default_lexicon().entries:
        if hit.lang in {"en", "ar", "fr"}:
            words.update(hit.phrase.replace("...", " ").split())
    return sorted(words)


_WORDS = st.sampled_from([*_phrase_words(), "the", "minister", "said", "2024", ":", "©"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=14).map(" ".join), max_size=12))
def test_lexicon_pre_test_keeps_every_line_the_lexicon_matches(lines: list[str]) -> None:
    from newsclean.chrome_lexicon import default_lexicon

    lex = default_lexicon()
    n_words = [ln.count(" ") + 1 for ln in lines]
    cands = chrome._lexicon_candidates(lex, lines, n_words, [False] * len(lines))
    assert cands == sorted(set(cands))
    for k, line in enumerate(lines):
        if lex.match(line) is not None and n_words[k] <= chrome.MAX_LEXICON_WORDS:
            assert k in cands, line
