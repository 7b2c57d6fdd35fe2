"""Mojibake repair (newsclean.encoding.mojibake): each kind undone, clean text untouched."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import fix_mojibake
from newsclean.encoding import fix_mojibake_explain

FIXTURES = Path(__file__).parent / "fixtures" / "encoding"
TEXTS: dict[str, str] = {
    k: str(v["text"])
    for k, v in json.loads((FIXTURES / "texts.json").read_text("utf-8")).items()
    if not k.startswith("_")
}
ARABIC = ("ar", "fa", "fa_modern", "ar_digits")


def sloppy(data: bytes, codec: str) -> str:
    """Decode like a browser: bytes the code page leaves undefined become U+0080..U+00FF."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def utf8_as(text: str, codec: str) -> str:
    return sloppy(text.encode("utf-8"), codec)


KINDS = {
    "utf8-as-cp1252": lambda t: utf8_as(t, "cp1252"),
    "utf8-as-latin1": lambda t: t.encode("utf-8").decode("latin-1"),
    "utf8-as-cp1256": lambda t: utf8_as(t, "cp1256"),
    "utf8-as-cp1251": lambda t: utf8_as(t, "cp1251"),
    "utf8-as-mac-roman": lambda t: utf8_as(t, "mac-roman"),
    "utf8-double-cp1252": lambda t: utf8_as(utf8_as(t, "cp1252"), "cp1252"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_utf8_mojibake_is_undone(kind: str, lang: str) -> None:
    text = TEXTS[lang]
    broken = KINDS[kind](text)
    if broken == text:
        pytest.skip("pure ASCII: nothing to break")
    fixed, notes = fix_mojibake_explain(broken)
    assert fixed == text
    assert notes and all("read as" in n for n in notes)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_cp1256_bytes_read_as_cp1252(lang: str) -> None:
    text = TEXTS[lang]
    broken = sloppy(text.encode("cp1256"), "cp1252")
    assert re.search("[ÇÚÑÈÉ]", broken)
    assert fix_mojibake(broken) == text


def test_cp1251_bytes_read_as_cp1252() -> None:
    text = TEXTS["ru"]
    assert fix_mojibake(sloppy(text.encode("cp1251"), "cp1252")) == text


@pytest.mark.parametrize("lost", ["", "?", "\ufffd"])
@pytest.mark.parametrize("lang", ["ar", "fa_modern", "fr", "ru"])
def test_utf8_as_cp1252_with_the_undefined_bytes_lost(lang: str, lost: str) -> None:
    text = TEXTS[lang]
    # a reader that drops (or marks) the five bytes windows-1252 leaves undefined
    broken = re.sub("[\x81\x8d\x8f\x90\x9d]", lost, utf8_as(text, "cp1252"))
    fixed = fix_mojibake(broken)
    # every lost byte is put back; which of the five it was is a guess from context: exact
    # for Arabic (ف is by far the likeliest), a few с/я swaps in Russian at worst
    wrong = sum(1 for a, b in zip(fixed, text, strict=False) if a != b)
    assert len(fixed) == len(text)
    assert wrong <= (0 if lang in ARABIC else 3 * len(text) // 100)


def test_lost_byte_of_arabic_feh_is_restored() -> None:
    # ف is D9 81 in UTF-8; windows-1252 has no 0x81 character
    assert fix_mojibake("Ø§Ù„Ù‚Ø§Ù†ÙˆÙ†ÙŠ Ø§Ù„Ø¹Ø±Ø§Ù‚ÙŠ Ù") != ""
    broken = utf8_as("في الفجر وصلت الوفود إلى فندق الفردوس", "cp1252").replace("\x81", "")
    assert fix_mojibake(broken) == "في الفجر وصلت الوفود إلى فندق الفردوس"


def test_arabic_indic_digits_in_mojibake() -> None:
    text = TEXTS["ar_digits"]
    assert fix_mojibake(utf8_as(text, "cp1256")) == text
    assert fix_mojibake(utf8_as(text, "cp1252")) == text


def test_partly_broken_text_is_repaired_run_by_run() -> None:
    broken = "Le barÃ¨me permet l’Ã©valuation des frais — dÃ©placement Ã\xa0 l’étranger"
    assert (
        fix_mojibake(broken) == "Le barème permet l’évaluation des frais — déplacement à l’étranger"
    )


def test_c1_controls_become_windows_1252_punctuation() -> None:
    assert fix_mojibake("il a dit \x93oui\x94 et c\x92est tout") == "il a dit “oui” et c’est tout"


def test_surrogate_pairs_written_as_utf8() -> None:
    emoji = "😀".encode("utf-16-be")
    cesu = b"".join(
        chr(int.from_bytes(emoji[i : i + 2], "big")).encode("utf-8", "surrogatepass")
        for i in (0, 2)
    )
    assert fix_mojibake("hello " + cesu.decode("latin-1")) == "hello 😀"


@pytest.mark.parametrize("lone", ["\ud83d", "\udfff"])
def test_lone_surrogates_are_kept_and_do_not_stop_the_repair(lone: str) -> None:
    # half an emoji from a JSON escape, in a text long enough to reach the char models
    broken = "La rÃ©gion de Dnepropetrovsk " + lone + " est grande, disent les habitants."
    assert fix_mojibake(broken) == (
        "La région de Dnepropetrovsk " + lone + " est grande, disent les habitants."
    )
    arabic = "Ã˜Â§Ã™â€žÃ˜Â®Ã˜Â¨Ã˜Â± " + lone + " Ã˜Â§Ã™â€žÃ˜Â®Ã˜Â¨Ã˜Â±"
    assert fix_mojibake(arabic) == "الخبر " + lone + " الخبر"
    clean = "Москва — столица России, сказал он журналистам " + lone + " в понедельник."
    assert fix_mojibake(clean) == clean


# ---------------------------------------------------------------- clean text stays clean
CLEAN_EXTRA = [
    "Ça coûte 15 € — «très cher», dit-il.",
    "Größe: 1,80 m; Preis: 3.500 €",
    "İstanbul'da hava güneşli, sıcaklık 25°C.",
    "Ελλάδα: «Όχι» στο νέο μέτρο",
    "Москва — столица России. №5",
    "Ï: the letter I with diaeresis; Ð and Þ are Icelandic letters.",
    "Voilà: le Château de Versailles, où l'on mange des crêpes à 5 €.",
    "MÄ£ÄM ÌÑÌ",  # shouting with decorations, not mojibake
    "├┤ box ┼┐ drawing",
    "日本語と中文と한국어",
    "سلام ۱۲۳ و ١٢٣",
    "¿Qué pasó? ¡Nada!",
    "naïve café résumé Ångström Øresund",
]


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_clean_fixture_texts_unchanged(lang: str) -> None:
    assert fix_mojibake(TEXTS[lang]) == TEXTS[lang]
    assert fix_mojibake_explain(TEXTS[lang])[1] == ()


@pytest.mark.parametrize("text", CLEAN_EXTRA)
def test_clean_short_texts_unchanged(text: str) -> None:
    assert fix_mojibake(text) == text


WORDS = sorted({w for t in TEXTS.values() for w in t.split()})


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_sentences_of_clean_words_unchanged(words: list[str]) -> None:
    text = " ".join(words)
    assert fix_mojibake(text) == text


def test_ascii_and_non_strings_pass_through() -> None:
    assert fix_mojibake("plain ascii") == "plain ascii"
    assert fix_mojibake("") == ""


def test_long_texts_clean_and_broken() -> None:
    clean = (TEXTS["ru"] + "\n") * 2000  # ~1 MB: judged on its beginning, left alone
    assert fix_mojibake(clean) == clean
    broken = utf8_as((TEXTS["ar"] + "\n") * 800, "cp1252")  # ~600 KB of mojibake
    assert fix_mojibake(broken) == (TEXTS["ar"] + "\n") * 800


def _screen_by_sets(text: str) -> list[str]:
    """The paths the screen must leave, by its definition on character sets (slow, plain)."""
    from newsclean.encoding.mojibake import _C1_CHARS, _MULTI, MIN_PAIR_SHARE, _paths

    paths, readers = _paths()
    chars = {ch for ch in text if ord(ch) >= 0x80}
    non_ascii = sum(1 for ch in text if ord(ch) >= 0x80)
    out = []
    for path in paths:
        if path.kind == "c1":
            ok = bool(chars & _C1_CHARS)
        elif path.read_as in _MULTI:
            ok = True
            for ch in chars:
                try:
                    ch.encode(path.read_as)
                except UnicodeEncodeError:
                    ok = False
        elif path.kind == "legacy":
            ok = chars <= readers[path.read_as].high_chars
        else:
            reader = readers[path.read_as]
            cont = chars & reader.cont_chars
            occurrences = sum(text.count(ch) for ch in cont)
            ok = bool(chars & reader.lead_chars and cont) and not (
                2 * occurrences < MIN_PAIR_SHARE * non_ascii
            )
        if ok:
            out.append(path.label)
    return out


def _precheck_agrees(text: str) -> None:
    """The screen leaves exactly the paths its set definition leaves, and whenever it rules
    a path out, the path's repair finds nothing."""
    from newsclean.encoding.charmodel import CharModels
    from newsclean.encoding.mojibake import _edits, _paths, _screen

    paths, readers = _paths()
    left = _screen().survivors(text)
    assert [p.label for p in left] == _screen_by_sets(text)
    for path in paths:
        if path not in left:
            assert _edits(text, path, readers, CharModels.load(), True) is None, path.label


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_precheck_never_rules_out_a_repair(lang: str) -> None:
    text = TEXTS[lang]
    variants = [text, *(kind(text) for kind in KINDS.values())]
    variants.append(text.encode("cp1256", errors="ignore").decode("cp1252", errors="replace"))
    variants.append("\x93" + text + "\x94")
    variants.append(text + " \U0001f600 \ud800")  # beyond the BMP; a lone surrogate
    for variant in variants:
        _precheck_agrees(variant)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "aé ØÙ§„ÇáطظР’“\x93\x81?\ufffdالعربيةКириллица中文日本語한국어\U0001f600\ud800"
        ),
        max_size=40,
    )
)
def test_precheck_never_rules_out_a_repair_on_any_mix(text: str) -> None:
    _precheck_agrees(text)


def _fresh_score(text: str) -> float:
    """:meth:`CharModels.score_mixed` computed without any remembered score."""
    from newsclean.encoding.charmodel import CharModels

    models = CharModels.load()
    models.forget_scores()
    return models.score_mixed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©",  # Arabic read as cp1252: short Latin-1 runs, repeated
        "Ã˜Â§Ã™â€žÃ˜Â®Ã˜Â¨Ã˜Â±",  # doubly encoded
        "Россия и Ελλάδα, 東京 — beأ­rod",  # scripts mixed inside and between words
        TEXTS["ar"][:600],  # a run longer than MEMO_RUN is scored without the memo
    ],
)
def test_remembered_scores_equal_fresh_ones(text: str) -> None:
    from newsclean.encoding.charmodel import CharModels

    models = CharModels.load()
    first = models.score_mixed(text)
    again = models.score_mixed(text)  # from the memos
    assert first == again == _fresh_score(text)


def test_score_memos_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.encoding import charmodel

    models = charmodel.CharModels.load()
    monkeypatch.setattr(charmodel, "MEMO_SIZE", 8)
    for i in range(40):
        models.score_mixed(f"Ø§ {chr(0x430 + i)}Ù„")
        assert len(models._run_memo) <= 8 and len(models._text_memo) <= 8


def test_a_broken_text_is_repaired_the_same_before_and_after_its_scores_are_remembered() -> None:
    from newsclean.encoding.charmodel import CharModels

    broken = utf8_as(TEXTS["ar"][:400], "cp1252")
    models = CharModels.load()
    models.forget_scores()
    cold = fix_mojibake_explain(broken)
    warm = fix_mojibake_explain(broken)
    assert cold == warm and cold[0] == TEXTS["ar"][:400]


@pytest.mark.parametrize(
    "text",
    ["Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©", "Россия", "ελληνικά κείμενα", "é", TEXTS["ar"][:300], TEXTS["fa"][:300]],
)
def test_languages_scored_together_score_as_each_alone(text: str) -> None:
    import numpy as np

    from newsclean.encoding.charmodel import CharModels

    models = CharModels.load()
    cps = CharModels.codepoints(f" {text} ")
    order = [i for i, lang in enumerate(models.langs) if not lang.cjk]
    together = models._bigram_scores(cps, order)
    alone = [models.score_lang(cps, i) for i in order]
    assert together == alone  # the same float32 sums, bit for bit
    top = models.prerank(cps)
    best = max((models.score_lang(cps, i), models.codes[i]) for i in top)
    assert models.score_cps(cps)[0] == best[0]
    # the short-run count of prerank ranks as np.unique's does
    high = cps[cps >= 0x80]
    if high.size:
        uniq, counts = np.unique(high, return_counts=True)
        rows = np.arange(len(models.langs))[:, None]
        scores = models.uni_matrix[rows, models.lookup_matrix[:, uniq]] @ counts.astype(np.float32)
        assert top == [int(i) for i in np.argsort(-scores)[:3]]
