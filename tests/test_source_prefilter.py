"""The alias pre-filter (``source/prefilter.py``) never loses a match of the full trie scan."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.source import Registry, default_registry
from newsclean.source.fold import fold
from newsclean.source.prefilter import _CODES, CLITICS, AliasStarts, word_table


def _user_registry() -> Registry:
    """The packaged registry plus run-time additions of every shape the matcher supports."""
    reg = Registry.load()
    reg.add_agency(
        "newsco",
        "NewsCo Wire",
        aliases={"en": ["NewsCo", "NCW", "N.C.W.", "The NewsCo Wire Service"]},
        country="NZ",
    )
    reg.add_agency("khabar", "Khabar", aliases={"ar": ["خبر نيوز", "خ.ن", "وكالة خبر"]})
    reg.add_agency("dotted", "Dotted", aliases=["wire.example", "ap-plus", "x_y wire"])
    reg.add_alias("reuters", "Thomson Reuters Wire", lang="en")
    reg.add_alias("afp", "فرانس برس", lang="ar")
    reg.add_alias("tass", "ТАСС-Урал", lang="ru")
    reg.add_agency("math", "Math Wire", aliases=["\U0001d400\U0001d401 Wire", "MW"])
    return reg


@cache
def _registries() -> tuple[Registry, Registry]:
    return default_registry(), _user_registry()


def _surfaces(reg: Registry) -> list[str]:
    return sorted({a for agency in reg for a in agency.all_aliases()})


_FILLER = [
    "the",
    "news",
    "press",
    "agence",
    "france",
    "associated",
    "wire",
    "و",
    "ا",
    "وكالة",
    "الأنباء",
    "агентство",
    "новости",
    "x",
    "1",
    "é",
    "\U0001d400",  # an astral word character
    "\U0001f600",  # an astral non-word character
]
_GLUE = [
    " ",
    " ",
    "\n",
    "-",
    ".",
    ". ",
    ", ",
    "(",
    ")",
    "«",
    "»",
    "/",
    "—",
    "_",
    "'",
    "\u2019",
    "\u00a0",
    "\u200c",
    "\u0640",  # tatweel (folded away)
    "\u064e",  # a haraka (folded away)
    "",
]


def _variants(alias: str) -> st.SearchStrategy[str]:
    dotted = ".".join(alias.replace(" ", ""))
    spaced = " ".join(alias.replace(" ", ""))
    return st.sampled_from(
        [
            alias,
            alias.upper(),
            alias.lower(),
            alias.title(),
            dotted,
            spaced,
            alias + "s",
            alias.replace(" ", "  "),
            alias.replace(" ", "-"),
            alias.replace(" ", " \t-\u2010"),
            dotted.replace(".", ". "),
        ]
    )


def _texts(reg: Registry) -> st.SearchStrategy[str]:
    alias = st.sampled_from(_surfaces(reg)).flatmap(_variants)
    clitic = st.sampled_from(["", "", "", *CLITICS])
    word = st.one_of(
        st.tuples(clitic, alias).map("".join),
        st.sampled_from(_FILLER),
        st.text(alphabet="abcdeفرسаб ", max_size=4),
    )
    piece = st.tuples(st.sampled_from(_GLUE), word).map("".join)
    repeated = st.tuples(piece, st.integers(2, 9)).map(lambda t: t[0] * t[1])
    return st.lists(st.one_of(piece, piece, repeated), max_size=14).map("".join)


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [(m.span(), m.span(1)) for m in matches]


def _check_same(reg: Registry, text: str) -> None:
    reg.find("")  # compiled
    index = reg._index
    assert index is not None
    scan = "\n" + fold(text).folded
    full = reg._scan(scan)
    assert _spans(reg._matches(scan, index)) == _spans(full)
    starts = index.positions(scan)
    for m in full:  # every match starts where the pre-filter says one can
        assert starts is not None
        assert any(m.start() in group for group in starts)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_prefilter_finds_every_match_of_the_full_scan(data: st.DataObject) -> None:
    for reg in _registries():
        _check_same(reg, data.draw(_texts(reg)))


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=60))
def test_prefilter_on_arbitrary_text(text: str) -> None:
    for reg in _registries():
        _check_same(reg, text)
        _check_same(reg, "AFP " + text + " رويترز")


@pytest.mark.parametrize(
    "text",
    [
        "PARIS (AFP) - x",
        "وكالة الأنباء السعودية (واس)، ورويترز وبرويترز",
        "أ.ف.ب / ا ف ب / أ. ف. ب",
        "The Associated Press and the associated  press-release the press",
        "(NewsCo) NCW / N.C.W. ncw The NewsCo Wire Service",
        "wire.example, ap-plus x_y-wire x_y wire",
        "فرانس برس / خ.ن / خبر نيوز / لوكالة خبر",
        "Москва, ТАСС-Урал. ТАСС",
        "AFP AFP AFP AFP AFP AFP, afp afp (afp) afp afp",
        "ا ف ب ا ف ب ا ف ب ا ف ب ا ف ب ا ا ا ا ا ف ب",
        "the the the the the the associated press the associated  press the",
        "AFPAFP _AFP AFP_ AFP\U0001d400 \U0001d400AFP \U0001f600AFP\U0001f600",
        "ر\u064eو\u064eيترز ر\u0640ويترز",
        "(\U0001d400\U0001d401 Wire) \U0001d400\U0001d401-wire x\U0001d400\U0001d401 wire MW",
    ],
)
def test_prefilter_examples(text: str) -> None:
    for reg in _registries():
        _check_same(reg, text)


def test_user_aliases_are_found() -> None:
    reg = _user_registry()
    assert [h.ids for h in reg.find("(\U0001d400\U0001d401 Wire) - x")] == [("math",)]
    assert reg._index is not None and reg._index._wide
    assert default_registry()._index is not None and not default_registry()._index._wide
    hits = reg.find("Wellington (NewsCo) - ... Source: The NewsCo Wire Service; لخبر نيوز")
    assert [h.ids for h in hits] == [("newsco",), ("newsco",), ("khabar",)]
    assert hits[-1].clitic
    reg.add_alias("newsco", "Kiwi Desk")  # a change rebuilds the pre-filter
    assert [h.key for h in reg.find("by Kiwi-Desk staff")] == ["kiwi desk"]


def test_alias_not_starting_with_a_letter_falls_back_to_the_full_scan() -> None:
    reg = Registry()
    reg.add_agency("star", "Star", aliases=["*Star Wire", "SW"])
    reg.find("")
    assert reg._index is None  # no word to look for: every position is tried
    assert [h.ids for h in reg.find("x *Star Wire, SW")] == [("star",), ("star",)]


def test_case_sensitive_entries_keep_their_flag() -> None:
    hits = default_registry().find("AP reported, ap reported")
    assert [(h.key, h.exact) for h in hits] == [("ap", True), ("ap", False)]


def test_word_table_is_the_regex_word_class() -> None:
    table = word_table()
    assert len(table) == 0x110000
    assert (word_table(0x10000) == table[:0x10000]).all()
    for cp in [*range(0, 0x3000), *range(0xFB00, 0x10000), *range(0x1D400, 0x1D500), 0x10FFFF]:
        assert bool(table[cp]) == (re.match(r"\w", chr(cp)) is not None), hex(cp)


def test_codes_are_not_split_on() -> None:
    assert not any(bytes([b]).isspace() for b in _CODES)
    assert len(_CODES) == 250


def test_shared_bytes_only_add_candidates() -> None:
    # more distinct letters than bytes: tokens stand for several heads, none is lost
    letters = [chr(0x4E00 + i) for i in range(600)]
    keys = [a + b for a, b in zip(letters[::2], letters[1::2], strict=True)]
    starts = AliasStarts.build([[], [], keys])
    assert starts is not None
    text = "\n" + " ".join(keys[::7])
    assert starts.heads_in(text) >= set(keys[::7])
    found = starts.positions(text)
    assert found is not None
    assert found[2] == [i * 3 for i in range(len(keys[::7]))]


# ------------------------------------------------------------------ without folding first
_RAW_MIX = (
    "aZ 0.-'\n\tİIıiσς ’`´\u00a0\u2002\u200c أإآٱىیةۀکڪ الـعربية ً ٌ ٰ \u00ad\u200b\u200e"
    "\ufeff Ёё 日本 ÀÉßÿ©\u00b4"
)
_RAW_PIECES = st.one_of(
    st.text(alphabet=st.sampled_from(_RAW_MIX), max_size=8),
    st.sampled_from(
        ["Reuters", "REUTERS", "أ.ف.ب", "رويترز", "وكالة الأنباء", "ТАСС", "Σ", "\U0001d400"]
    ),
    st.sampled_from(["According to", "Selon", "به گزارش", "بحسب", "По данным", "d\u2019après"]),
    st.sampled_from([" فارش، ", " Reutres, ", " Reuter, ", " ایسنا، ", " Рейтерс, "]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_RAW_PIECES, max_size=12).map("".join), st.integers(1, 30))
def test_encode_unfolded_is_the_encoding_of_the_folded_text(text: str, times: int) -> None:
    for reg in _registries():
        index = reg.prefilter
        assert index is not None
        for t in (text, text * times):
            encoded = index.encode_unfolded(t)
            if encoded is None:  # only texts folding needs the steps for, or wide heads
                assert index._wide or "Σ" in t or any(ord(c) > 0xFFFF for c in t)
                continue
            assert encoded == index.encode("\n" + fold(t).folded)


# an "according to" lead with a misspelt agency ("به گزارش فارش،"), inside other pieces
_LEADS = st.tuples(
    st.sampled_from(["", "", "Title\n", "عنوان\n\n", "x\n \n", "\n\t", "\u200f", "\u00a0"]),
    st.sampled_from(
        [
            ("به گزارش", "فارش", "، ", "مدارس فردا تعطیل است."),
            ("به گزارش", "ایسنو", "، ", "مدارس فردا تعطیل است."),
            ("According to", "Reutres", ", ", "the talks went on."),
            ("Selon", "Agence", ", ", "x."),
            ("По данным", "Рейтерс", ", ", "переговоры продолжаются."),
        ]
    ),
    st.sampled_from([" ", "  ", "\u00a0"]),
    st.lists(_RAW_PIECES, max_size=3).map("".join),
).map(lambda t: t[0] + t[1][0] + t[2] + t[1][1] + t[1][2] + t[1][3] + t[3])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_LEADS, _RAW_PIECES, st.sampled_from(["\n", " \n ", "\n\t", "(", ","])),
        max_size=6,
    )
)
def test_line_start_check_never_misses_a_cue(pieces: list[str]) -> None:
    from newsclean.source.cues import get_cues
    from newsclean.source.extract import _cue_at_line_start

    text = "".join(pieces)
    cues = get_cues()
    assert cues.according_first is not None
    anywhere = _cue_at_line_start(cues.according_word.pattern)
    assert anywhere is not None
    index = default_registry().prefilter
    assert index is not None
    encoded = index.encode_unfolded(text)
    if encoded is not None and anywhere.search("\n" + fold(text).folded):
        assert index.line_starts_with(encoded, cues.according_first)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(_LEADS, _RAW_PIECES, st.sampled_from(["\n", "\n\n", ", ", ": "])),
        max_size=6,
    )
)
def test_extract_source_without_folding_is_the_same(pieces: list[str]) -> None:
    """The shortcut for texts without a possible credit changes no result."""
    from unittest import mock

    from newsclean.source import extract

    text = "".join(pieces)
    fast = extract.extract_source(text)
    with mock.patch.object(extract, "_unfolded", lambda text, registry: (False, None)):
        assert extract.extract_source(text) == fast


def test_line_starts_with_examples() -> None:
    index = default_registry().prefilter
    assert index is not None
    words = frozenset(["according", "به"])
    for text, expected in [
        ("Title\nAccording to Reutres, x", True),
        ("Title\n  (according to x", True),
        ("Title. According to x", False),
        ("Title\nNot according to x", False),
        ("\u200fبه گزارش فارش، x", True),
        ("x\n\u0640به گزارش", True),  # tatweel: folded away
    ]:
        encoded = index.encode_unfolded(text)
        assert encoded is not None
        assert index.line_starts_with(encoded, words) is expected, text
    assert not index.line_starts_with(b"\naccording", frozenset())
