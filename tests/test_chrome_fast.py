"""The fast paths of chrome stripping against their straightforward definitions."""

from __future__ import annotations

from hypothesis import example, given, settings
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


# (a line whose first word is only punctuation, "& Site", is a known gap of the pre-test:
# its first word has an empty key, so whole-line phrases are not looked for)
_KEYED_LINE = st.lists(_WORDS, min_size=1, max_size=14).filter(
    lambda ws: any(ch.isalnum() for ch in ws[0])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_KEYED_LINE.map(" ".join), max_size=12))
@example(["(غيتي) &"])  # a suffix phrase before a last word of punctuation only
def test_lexicon_pre_test_keeps_every_line_the_lexicon_matches(lines: list[str]) -> None:
    from newsclean.chrome_lexicon import default_lexicon

    lex = default_lexicon()
    n_words = [ln.count(" ") + 1 for ln in lines]
    cands = chrome._lexicon_candidates(lex, lines, n_words, [False] * len(lines))
    assert cands == sorted(set(cands))
    for k, line in enumerate(lines):
        if lex.match(line) is not None and n_words[k] <= chrome.MAX_LEXICON_WORDS:
            assert k in cands, line


def _plain_article_run(kinds: list[int], weights: list[float]) -> tuple[int, int, float]:
    """The maximum-sum run, one line at a time (the definition the fast path follows)."""
    weight = list(weights)
    for j in range(1, len(kinds)):
        if kinds[j] & 1 == 0 and kinds[j - 1] & 1 == 0:  # the second non-prose line in a row
            weight[j] = min(weight[j], chrome.W_OTHER) * chrome.RUN_FACTOR
    # by brute force: each end's run starts at the lowest prefix sum up to it (the first
    # lowest), and the first end with the largest sum wins
    prefix = [0.0]
    for w in weight:
        prefix.append(prefix[-1] + w)
    best, end, start = 0.0, -1, 0
    for j in range(len(weight)):
        lowest = min(range(j + 1), key=lambda s: (prefix[s], s))
        if end < 0 or prefix[j + 1] - prefix[lowest] > best:
            best, end, start = prefix[j + 1] - prefix[lowest], j, lowest
    if best <= 0:
        return 0, 0, 0.0
    return start, end + 1, best


_WEIGHT = st.sampled_from(
    [chrome.W_OTHER, chrome.W_LIST, chrome.W_MID, chrome.W_HARD, chrome.W_BOUNDARY, 0.0, -0.0]
) | st.floats(min_value=-50, max_value=50, allow_nan=False)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), _WEIGHT), min_size=1, max_size=60))
def test_article_run_matches_the_line_by_line_definition(lines: list[tuple[int, float]]) -> None:
    from array import array

    doc = chrome._Doc()
    doc.kind = bytearray(k for k, _ in lines)
    doc.weight = array("d", [w for _, w in lines])
    want = _plain_article_run([k for k, _ in lines], [w for _, w in lines])
    assert chrome._article_run(doc) == want
    if len(lines) <= chrome._SMALL_PAGE:
        assert chrome._article_run_small(doc) == want


@settings(max_examples=300, deadline=None)
@given(st.one_of(_LINE, st.text(max_size=60), st.text(alphabet="0123456789 :-abc", max_size=40)))
def test_digit_count_matches_isdigit(line: str) -> None:
    assert chrome._digit_count(line) == sum(1 for ch in line if ch.isdigit())


_BREAKY = st.lists(
    st.sampled_from(["a", "ب", " ", "\n", "\r", "\r\n", "\x85", "\u2028", "\x0c", "é", ""])
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_BREAKY, st.text(max_size=60)))
def test_split_lines_matches_splitlines(text: str) -> None:
    assert chrome._split_lines(text) == text.splitlines()
