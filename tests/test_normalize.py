"""Language-aware normalization: every fold, explained, and the line-aware variants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.normalize import (
    fold_codepoints,
    normalize,
    normalize_explain,
    normalize_lines,
)


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أحمد", "احمد"),  # alef with hamza above
        ("إسلام", "اسلام"),  # alef with hamza below
        ("آخر", "اخر"),  # alef with madda
        ("ٱلله", "الله"),  # alef wasla
        ("مؤتمر", "موتمر"),  # waw with hamza
        ("رئيس", "رييس"),  # yeh with hamza
        ("على", "علي"),  # alef maqsura
        ("مدرسة", "مدرسه"),  # ta marbuta
        ("کتاب", "كتاب"),  # Persian keheh
        ("ایران", "ايران"),  # Persian yeh
        ("مُحَمَّدٌ", "محمد"),  # tashkeel
        ("جـــديد", "جديد"),  # tatweel
        ("٢٠٢٤", "2024"),  # Arabic-Indic digits
        ("۱۴۰۳", "1403"),  # Persian digits
        ("ﻻ", "لا"),  # lam-alef ligature (NFKC)
    ],
)
def test_arabic_and_persian_folds(variant: str, plain: str) -> None:
    assert normalize(variant) == normalize(plain) == plain


def test_zero_width_punctuation_case_and_spaces() -> None:
    assert normalize("Ne\u200bws\u200c,  «BREAKING»\u00a0— today!") == "news breaking today"
    assert normalize("ＦＵＬＬ－ｗｉｄｔｈ") == "full width"
    assert normalize("\u0661\u0662 \u0968\u096a") == "12 24"  # Arabic-Indic and Devanagari


def test_turkic_case_folding_only_with_lang() -> None:
    assert normalize("IĞDIR", lang="tr") == "ığdır"
    assert normalize("IĞDIR") == "iğdir"


def test_copies_with_different_spelling_normalize_equal() -> None:
    a = "أعلنت الوزارة يوم الأحد عن خطة جديدة للمدارس."
    b = "اعلنت الوزاره يوم الاحد عن خطه جديده للمدارس"
    assert normalize(a) == normalize(b)


def test_explain_counts_each_group() -> None:
    r = normalize_explain("قالَ الرئيس، ٣ مرات")
    assert r.text == normalize("قالَ الرئيس، ٣ مرات")
    assert r.changes == {"tashkeel": 1, "hamza": 1, "digits": 1, "punctuation": 1}
    assert normalize_explain("").changes == {}


def test_keep_lines_and_sentence_ends() -> None:
    raw = "Headline here\n\n  The minister said so.  \n*** \nLast line"
    assert normalize(raw, keep_lines=True) == "headline here\nthe minister said so\nlast line"
    text, ends = normalize_lines(raw)
    assert text == normalize(raw, keep_lines=True)
    assert ends.tolist() == [False, True, False]


def test_fold_codepoints_keeps_blanks_that_split_like_normalize() -> None:
    raw = "Hello,  WORLD!\nSecond\u200b line."
    cps = fold_codepoints(raw)
    plain = "".join(" " if c == 0xE000 else chr(c) for c in cps.tolist())
    assert plain.split() == normalize(raw).split()


def test_empty_and_odd_inputs() -> None:
    assert normalize("") == ""
    assert normalize("   \n\t ") == ""
    assert normalize("😀 \ud800 x") == "x"  # emoji and a lone surrogate become blanks
    assert normalize("𝐁𝐨𝐥𝐝") == "bold"  # mathematical letters via NFKC


def test_fold_codepoints_of_ascii_text_equals_the_general_path() -> None:
    ascii_text = "".join(chr(c) for c in range(128)) + " Title: IT'S A TEST, isn't it?\n"
    # The same text with one non-ASCII character takes the general path.
    general = fold_codepoints(ascii_text + "\u00e9")
    assert fold_codepoints(ascii_text).tolist() == general[:-1].tolist()
    assert fold_codepoints("ISTANBUL", lang="tr").tolist() == [ord(c) for c in "ıstanbul"]


_MIXED = (
    "aZ 09.!?\n\t ÀÉßẞİIıΣσςΆΐ ﬁﬀ Ꭰꭰ և ŉ ǅ Ａ１ ٠١ الْعَرَبِيَّةُ ی ک \u200c\u200d\u200f\ufeff"
    "Русский Ё ё 日本語 한국어 ｶﾀｶﾅ \u0301e\u0301 \U0001d400 \U0001f600 \ud800 ¹²½ ™ …"
)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(_MIXED), max_size=80),
    st.sampled_from([None, "en", "tr", "az", "de", "ar"]),
)
def test_fold_codepoints_fast_path_equals_the_steps(text: str, lang: str | None) -> None:
    """The table composed with case folding gives what NFKC, case folding and the table
    give one after the other (expanding folds, Turkic, astral, deleted, unnormalized)."""
    from newsclean.normalize import _fold_codepoints_general, fold_codepoints

    fast = fold_codepoints(text, lang=lang)
    assert fast.dtype == np.uint32
    if text:
        assert fast.tolist() == _fold_codepoints_general(text, lang).tolist()


@pytest.mark.parametrize(
    "text",
    [
        "Économie — «Le Monde»",  # the composed table, nothing deleted
        "خبر\u200cها و الْأَخْبَار",  # the composed table, format characters deleted
        "Straße",  # ß folds to ss: the steps
        "ﬁnance Ａ",  # not NFKC: the steps
        "\U0001d400 bold",  # beyond the BMP: the steps
    ],
)
def test_fold_codepoints_each_path(text: str) -> None:
    from newsclean.normalize import _fold_codepoints_general, fold_codepoints

    for lang in (None, "tr"):
        assert fold_codepoints(text, lang=lang).tolist() == (
            _fold_codepoints_general(text, lang).tolist()
        )
    assert "".join(map(chr, fold_codepoints("Straße").tolist())) == "strasse"
