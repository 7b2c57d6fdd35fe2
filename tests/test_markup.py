"""Markup a scraper left in the text: tags and character references, and what the
near-duplicate engine makes of a copy saved with them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import find_duplicates
from newsclean.html import _DROP_OPEN, markup_to_dump
from newsclean.markup import SKIP_ELEMENTS, drop_skipped, strip_markup, unmarkup
from newsclean.normalize import fold_codepoints, normalize, normalize_explain


def test_block_tags_become_line_breaks_and_inline_tags_vanish() -> None:
    res = strip_markup('<h1>Pact signed</h1><p>The <a href="/x">ministers</a> met.<br/>Then</p>')
    assert res.text.split("\n") == ["", "Pact signed", "", "The ministers met.", "Then", ""]
    assert res.tags == 7
    assert res.references == 0


def test_script_style_and_comments_go_with_their_content() -> None:
    text = "Lead.<script>var a = 1 < 2;</script><!-- ad slot -->Body<style>p {}</style>."
    assert " ".join(unmarkup(text).split()) == "Lead. Body ."


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("&quot;Yes&quot; &amp; no", '"Yes" & no'),
        ("&#8220;quoted&#8221;", "\u201cquoted\u201d"),
        ("&#x627;&#x644;", "\u0627\u0644"),
        ("Tottenham bid &#163;8m", "Tottenham bid £8m"),
        ("&amp;quot;twice&amp;quot;", '"twice"'),  # escaped twice
        ("&lt;p&gt;Escaped tag&lt;/p&gt;", "\nEscaped tag\n"),  # a tag written as text
    ],
)
def test_references_are_decoded(text: str, plain: str) -> None:
    assert unmarkup(text) == plain


@pytest.mark.parametrize(
    "text",
    [
        "AT&T and R&D; Q&A",  # ampersands that start no reference
        "&copy2024 &foo; &#;",  # no ";" after a name, an unknown name, no number
        "if x<y and y>z",  # comparisons
        "<<quoted>> and <note to editor>",  # not the name of an HTML element
        "ليبيا: خبر عاجل",
    ],
)
def test_text_that_is_not_markup_stays(text: str) -> None:
    res = strip_markup(text)
    assert (res.text, res.tags, res.references) == (text, 0, 0)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"<>/&#;ampqutbrx19 \n", "&amp;", "&lt;", "&gt;", "<p>"])).map(
        "".join
    )
)
def test_a_second_pass_changes_nothing(text: str) -> None:
    once = unmarkup(text)
    assert unmarkup(once) == once


def test_normalize_reads_through_markup_and_explains_it() -> None:
    assert normalize("<p>&quot;Talks&quot; &amp; deals</p>") == normalize('"Talks" & deals')
    changes = normalize_explain("<b>Talks</b> &#8220;now&#8221;").changes
    assert changes["markup"] == 2
    assert changes["references"] == 2
    plain = fold_codepoints("Title\nBody text.").tolist()
    assert fold_codepoints("<h1>Title</h1>Body text.").tolist()[1:] == plain


_LIST_STORY = [
    "Most downloaded apps of the week",
    "Here are the apps downloaded most in the two big stores worldwide last week, "
    "ranked by the figures of an analytics firm.",
    "Free apps",
    "1. Musical.ly",
    "2. Facebook Messenger",
    "3. Facebook",
    "4. Layout from Instagram",
    "5. YouTube",
    "6. Instagram",
    "Paid apps",
    "1. Minecraft Pocket Edition",
    "2. Heads Up",
    "3. Facetune",
    "4. Geometry Dash",
    "5. Plague Inc.",
]


def test_a_copy_saved_with_its_markup_joins_the_original() -> None:
    """A list story (short lines, few words each) whose copy kept its tags and entities:
    read as words, ``p``, ``li`` and ``quot`` break every shingle of the short lines."""
    original = "\n".join(_LIST_STORY)
    copy = "<h1>{}</h1><p>{}</p><ul>{}</ul>".format(
        _LIST_STORY[0],
        _LIST_STORY[1].replace("big", "&quot;big&quot;"),
        "".join(f"<li>{line}</li>" for line in _LIST_STORY[2:]),
    )
    other = "\n".join(
        [
            "Most downloaded games of the week",
            "Here are the games downloaded most in the two big stores worldwide last week, "
            "ranked by the figures of an analytics firm.",
            *[f"{i}. Game number {i * 7}" for i in range(1, 14)],
        ]
    )
    result = find_duplicates([("orig", original), ("copy", copy), ("other", other)])
    assert result.assignments["orig"] == result.assignments["copy"]
    assert result.assignments["other"] != result.assignments["orig"]
    (cluster,) = [c for c in result.clusters if "copy" in c.ids]
    assert all("quot" not in m.shared.split() for m in cluster.matches)


# the lazy regular expression the scanner replaces (it said the same, in quadratic time on
# unclosed openings): the scanner must give exactly its answers
_LAZY = re.compile(
    r"<!--.*?-->|<({})\b[^<>]{{0,2000}}>.*?</\1\s*>".format("|".join(sorted(SKIP_ELEMENTS))),
    re.I | re.S,
)
_LAZY_HTML = re.compile(
    r"<({})\b.*?</\1\s*>|<!--.*?-->".format("|".join(SKIP_ELEMENTS)), re.S | re.I
)
_PIECES = [
    "<script>", "</script>", "<SCRIPT type='x'>", "</script >", "<style>", "</style>",
    "<!--", "-->", "<!---->", "<!-->", "<head>", "</head>", "<svg>", "</svg>", "<math>",
    "</math\n>", "<scripts>", "</scriptx>", "<script", ">", "<", "<p>", "text ", "\n",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_skipped_elements_are_dropped_as_the_lazy_pattern_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert drop_skipped(text) == _LAZY.subn(" ", text)
    assert drop_skipped(text, _DROP_OPEN)[0] == _LAZY_HTML.sub(" ", text)


def test_unclosed_openings_are_read_once() -> None:
    # "<script>" repeated with no closing: no opening swallows the rest of the text
    text = "Story. " + "<script>" * 2000 + " End of story."
    assert drop_skipped(text) == (text, 0)
    assert unmarkup(text).endswith(" End of story.")
    dump = markup_to_dump("<p>Story.</p>" + "<!--" * 2000 + "<p>End.</p>")
    assert dump.startswith("Story.\n") and dump.endswith("End.")
