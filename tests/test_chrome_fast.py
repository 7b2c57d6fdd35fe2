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
