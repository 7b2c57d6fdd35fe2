"""extract_source never raises on odd text and its result always points into the text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import clean, extract_source
from newsclean.source import MAX_SCAN

SEED_ORIGINAL = Path(__file__).resolve().parent.parent / "seeds" / "000_364726c1157b4527.txt"


def _check(text: str) -> None:
    res = extract_source(text)
    if res is not None:
        a, b = res.span
        assert 0 <= a < b <= len(text)
        assert text[a:b] == res.line
        assert res.agency not in res.via


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "12345 67.89 -- ++ ** // ((( )))",
        "()()()[][]«»«»",
        "(((((((((((((((((((((Reuters",
        "Reuters)))))))))))",
        "🙂🙂🙂 (AFP) 🙂",
        "\u200f\u200e\u0640\u064b\u200c",
        "ـــ (ـــ) ـــ",
        "AFP AFP AFP AFP",
        "Русский текст (ТАСС) - сообщение агентства.",
        "混合 text نص متن (رويترز) 日本語 Reuters",
        "İ" * 50 + " (AA)",
    ],
)
def test_odd_inputs_do_not_raise(text: str) -> None:
    _check(text)


def test_non_string_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="needs str"):
        extract_source(b"(Reuters)")  # type: ignore[arg-type]


def test_five_megabyte_text_is_fast_and_finds_the_footer() -> None:
    body = "Die Regierung hat am Montag beschlossen, die Steuern zu senken. " * 80_000
    text = "Überschrift\n\n" + body + "\n(APA, 1.2.2016)"
    assert len(text) > 5_000_000 > MAX_SCAN
    t0 = time.perf_counter()
    res = extract_source(text)
    elapsed = time.perf_counter() - t0
    assert res is not None and res.agency == "apa" and res.where == "footer"
    assert text[res.span[0] : res.span[1]] == res.line
    assert elapsed < 5.0


def test_five_megabyte_text_without_credit() -> None:
    assert extract_source("x" * 5_000_000) is None
    assert extract_source("لا يوجد مصدر هنا " * 300_000) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_raises(text: str) -> None:
    _check(text)


_PIECES = st.sampled_from(
    [
        "(Reuters)",
        "(AFP)",
        " - ",
        "واس",
        "«واس»",
        "أ ف ب",
        "(د.ب.أ)",
        "\n",
        "  ",
        "Kaynak:",
        "Source:",
        "Photo:",
        "المصدر :",
        "به گزارش",
        "خبرگزاری فارس",
        "according to",
        "AP",
        "LONDON",
        ".",
        "،",
        "Reuter",
        "(APA/dpa, 1.2.2016)",
        "İHA",
        "ANKARA",
        "told Reuters",
        "قالت",
        "وكالة",
        "selon l'AFP",
        "text ",
        "نص ",
        "متن ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_credit_like_soup_never_raises(text: str) -> None:
    _check(text)


def test_pipeline_returns_the_seed_attribution() -> None:
    art = clean(SEED_ORIGINAL.read_bytes())
    assert art.attribution is not None
    assert art.attribution.agency == "isna"
    assert art.attribution.via == ("aa",)
    step = next(s for s in art.steps if s.name == "source")
    assert "isna" in step.notes[0]
