"""The seed dump in ``seeds/`` and exactly what the pipeline must make of each file.

``SEED_TABLE`` below mirrors the table in ``seeds/README.md`` (a test checks that both list
the same files).  Every expectation lives in that table; the tests only read it.

Expectations that the stages still being built cannot meet yet are listed in ``PENDING``
and marked ``xfail(strict=True)``: the moment a stage lands and the check passes, the test
errors (XPASS strict), and its entry in ``PENDING`` must be removed.
"""

from __future__ import annotations

import codecs
import hashlib
import importlib.util
import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import newsclean
from newsclean import Article, DecodeError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
README = SEEDS / "README.md"
ORIGINAL = "000_364726c1157b4527.txt"
ORIGINAL_SHA256 = "3f3d3cfaf9ed1e28de9e79d028f74fab528d95d0f7d664cfba59cbe58ff79cb5"
SEED_FILE = re.compile(r"^\d{3}_[\w.-]+$")

LIBYA_ITALY = "libya-italy"  # the one story cluster: every copy of the Libya-Italy story

# The original dump: its headline, and its chrome lines in order (the registry of
# issue #3: category label, end-of-message marker, lone ".", source line, comment form,
# back-to-top).  Its clean body is the headline followed by every other non-empty line.
SEED_TITLE = "توقيع اتفاقية تعاون عسكري بين ليبيا وإيطاليا"
SEED_CHROME = (
    "عالمي",
    "نهاية الرسالة",
    ".",
    "المصدر : وكالة ايسنا للأنباء.",
    "اترك تعليقاً",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    "زر الذهاب إلى الأعلى",
)


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


_SEED_LINES = _lines((SEEDS / ORIGINAL).read_bytes().decode("utf-8"))
SEED_BODY = tuple(ln for ln in _SEED_LINES if ln not in SEED_CHROME)


@dataclass(frozen=True)
class Seed:
    """What the pipeline must make of one seed file (one row of seeds/README.md).

    ``kind`` is the expected ``Article.raw_kind``; ``codec`` the codec of the raw bytes
    (None for empty and binary files).  ``body`` is the exact clean body, line by line,
    when it is specified exactly; otherwise the body must contain every ``keep`` passage
    and none of the ``chrome`` strings.  ``agency``/``via``/``credit``/``where`` are the
    expected attribution (registry ids of agencies.json; ``credit`` compared without
    surrounding punctuation).  ``cluster`` names the story cluster (None: a singleton).
    ``date`` is the publication date the page gives (markup, or a text dump's date line).
    """

    name: str
    kind: str
    codec: str | None
    title: str | None = None
    body: tuple[str, ...] | None = None
    keep: tuple[str, ...] = ()
    chrome: tuple[str, ...] = ()
    agency: str | None = None
    via: tuple[str, ...] = ()
    credit: str | None = None
    where: str | None = None
    cluster: str | None = None
    date: str | None = None


_ISNA = Seed(
    name=ORIGINAL,
    kind="text",
    codec="utf-8",
    title=SEED_TITLE,
    body=SEED_BODY,
    chrome=SEED_CHROME,
    agency="isna",
    via=("aa",),
    credit="المصدر : وكالة ايسنا للأنباء.",
    where="footer",
    cluster=LIBYA_ITALY,
)
_BAWABAT = Seed(
    name="004_bawabat-alnil.html",
    kind="html",
    codec="utf-8",
    date="2020-05-05",
    title="توقيع اتفاقيـة تعاون عسكرى بين ليبيـا وإيطاليا",
    keep=(
        "وقعت ليبيـا وإيطاليا اتفاقيات تعاون عسكرى فى مختلف المجالات",
        "وتعتبر تركيا أكبر داعم خارجى لحكومة الوفاق الوطنى الليبية",
    ),
    chrome=(
        "المصدر : وكالة إيسنا للأنباء",
        "عرب وعالم",
        "شارك هذا المقال",
        "ذات صلة",
        "البرلمان العربى يطالب بوقف إطلاق النار",
        "أحدث الأخبار",
        "جميع الحقوق محفوظة",
        "صورة أرشيفية",
        "إعلان",
    ),
    agency="isna",
    via=("aa",),
    credit="المصدر : وكالة إيسنا للأنباء",
    where="footer",
    cluster=LIBYA_ITALY,
)

SEED_TABLE: tuple[Seed, ...] = (
    _ISNA,
    Seed(
        name="001_sada-almutawassit.html",
        kind="html",
        codec="utf-8",
        title="توقيع اتفاقية تعاون عسكري بين ليبيا وايطاليا",
        keep=(
            "وقعت ليبيا وإيطاليا اتفاقيات تعاون عسكري في مختلف المجالات",
            "وتعتبر تركيا أكبر داعم خارجي لحكومة الوفاق الوطني الليبية",
        ),
        chrome=(
            "عربي ودولي",
            "شاركها",
            "الوسوم",
            "مقالات ذات صلة",
            "ميناء مصراتة يستقبل",
            "اترك تعليقاً",
            "لن يتم نشر عنوان بريدك الإلكتروني",
            "النشرة البريدية",
            "جميع الحقوق محفوظة",
            "زر الذهاب إلى الأعلى",
        ),
        agency="aa",
        credit="طرابلس - الأناضول:",
        where="dateline",
        cluster=LIBYA_ITALY,
    ),
    Seed(
        name="002_alrased-news.txt",
        kind="text",
        codec="utf-8",
        date="2020-05-05",
        title="ليبيا وإيطاليا توقعان اتفاقية للتعاون العسكري تشمل التدريب وأمن الحدود",
        keep=(
            "وقعت ليبيا وإيطاليا اتفاقيات تعاون عسكري في مختلف المجالات",
            "وتشهد ليبيا انقسامات واضطرابات منذ الإطاحة بنظام معمر القذافي",
            "وتعتبر تركيا أكبر داعم خارجي لحكومة الوفاق الوطني الليبية",
        ),
        chrome=(
            "الراصد الإخباري",
            "عربي ودولي",
            "كتب: فريق التحرير",
            "المصدر: الأناضول",
            "شارك هذا الخبر",
            "واتساب",
            "اقرأ أيضا",
            "السراج يبحث مع وزير الخارجية الإيطالي",
            "الأكثر قراءة",
            "سياسة الخصوصية",
            "جميع الحقوق محفوظة",
        ),
        agency="aa",
        credit="المصدر: الأناضول",
        where="footer",
        cluster=LIBYA_ITALY,
    ),
    Seed(
        name="003_nabd-alkhabar-teaser.txt",
        kind="text",
        codec="utf-8",
        date="2020-05-05",
        title="توقيع اتفاقيّة تعاون عسكري بين ليبيا وإيطاليا",
        keep=(
            "وقعت ليبيا وإيطاليا اتفاقيات تعاون عسكري في مختلف المجالات",
            "وقال وزير الدفاع الليبي إن الاتفاقية مع إيطاليا تشمل أيضاً التعاون في مجال الطب",
        ),
        chrome=(
            "نبض الخبر",
            "القائمة",
            "نُشر في",
            "حجم الخط",
            "تابعونا على تليغرام",
            "تابعوا صفحتنا على فيسبوك",
            "الوسوم",
            "شارك:",
            "مواضيع قد تهمك",
            "جميع الحقوق محفوظة",
        ),
        cluster=LIBYA_ITALY,
    ),
    _BAWABAT,
    replace(_ISNA, name="005_isna-cp1256.txt", codec="cp1256"),
    replace(_ISNA, name="006_isna-ar-meta-lies.html", kind="html", codec="cp1256"),
    replace(_BAWABAT, name="007_bawabat-alnil-mojibake.html"),
    Seed(
        name="008_alwatan-alyawm-spa.txt",
        kind="text",
        codec="utf-8",
        date="2020-11-18",
        title='"البيئة" تطلق حملة لزراعة 200 ألف شجرة في حدائق الرياض وطرقها الرئيسية',
        keep=(
            "أطلقت وزارة البيئة والمياه والزراعة بالتعاون مع أمانة منطقة الرياض",
            "مؤكدة أن الحفاظ على الأشجار المزروعة مسؤولية مشتركة.",
        ),
        chrome=(
            "الوطن اليوم",
            "محليات",
            "2020-11-18 10:05",
            "واس- الرياض:",
            "شارك الخبر",
            "طباعة",
            "اقرأ أيضاً",
            "أمير الرياض يدشن",
            "جميع الحقوق محفوظة",
        ),
        agency="spa",
        credit="واس- الرياض:",
        where="dateline",
    ),
    Seed(
        name="009_nilewire-reuters.html",
        kind="html",
        codec="utf-8",
        date="2021-03-09T14:31:00Z",
        title="Egypt's wheat buyer books 240,000 tonnes in surprise tender",
        keep=(
            "Egypt’s state grains buyer bought 240,000 tonnes of wheat",
            "speaking on condition of anonymity because he was not authorised",
        ),
        chrome=(
            "Skip to main content",
            "Home",
            "Share this article",
            "Read more:",
            "Black Sea freight rates climb",
            "Our Standards",
            "Related stories",
            "newsletter",
            "All rights reserved",
            "We use cookies",
        ),
        agency="reuters",
        credit="CAIRO (Reuters) -",
        where="dateline",
    ),
    Seed(
        name="010_isna-fa-metro.txt",
        kind="text",
        codec="utf-8",
        date="2021-05-10",
        title="افتتاح دو ایستگاه جدید خط ۶ متروی تهران تا پایان خرداد",
        keep=(
            "مدیرعامل شرکت راه‌آهن شهری تهران و حومه از بهره‌برداری از دو ایستگاه جدید",
            "از ماسک استفاده کنند و فاصله اجتماعی را رعایت کنند.",
        ),
        chrome=(
            "خبرگزاری دانشجویان ایران",
            "صفحه اصلی",
            "اجتماعی / شهری",
            "کد خبر",
            "انتهای پیام",
            "اخبار مرتبط",
            "ارسال نظر",
            "نظرات ارسالی پس از تایید منتشر خواهد شد",
            "کلیه حقوق",
        ),
        agency="isna",
        credit="به گزارش ایسنا",
        where="lead",
    ),
    Seed(name="011_empty-response.html", kind="empty", codec=None),
    Seed(name="012_banner.png", kind="binary", codec=None),
)
BY_NAME = {s.name: s for s in SEED_TABLE}
ARTICLES = tuple(s for s in SEED_TABLE if s.kind in ("text", "html"))

# Derived files: (derived, source) pairs; see tools/make_seeds.py.
CP1256_COPY = ("005_isna-cp1256.txt", ORIGINAL)
META_LIES = "006_isna-ar-meta-lies.html"
MOJIBAKE_COPY = ("007_bawabat-alnil-mojibake.html", "004_bawabat-alnil.html")


# (check, file) -> reason: what the stubs on main cannot do yet.
PENDING: dict[tuple[str, str], str] = {}


def _params(check: str, seeds: tuple[Seed, ...]) -> list[Any]:
    return [pytest.param(s, id=s.name, marks=_pending(check, s.name)) for s in seeds]


def _pending(check: str, key: str) -> list[pytest.MarkDecorator]:
    reason = PENDING.get((check, key))
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def raw(name: str) -> bytes:
    return (SEEDS / name).read_bytes()


_CLEANED: dict[str, Article] = {}


def cleaned(name: str) -> Article:
    """``newsclean.clean`` of one seed file (cached: the pipeline is pure)."""
    if name not in _CLEANED:
        _CLEANED[name] = newsclean.clean(raw(name), id=name)
    return _CLEANED[name]


def make_seeds() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_seeds", SEEDS.parent / "tools" / "make_seeds.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme_files() -> list[str]:
    """File names in the first column of the table in seeds/README.md."""
    rows = re.findall(r"^\|\s*`([^`]+)`", README.read_text(encoding="utf-8"), re.MULTILINE)
    return rows


# --- the dump itself -------------------------------------------------------------------


def test_original_seed_is_byte_identical() -> None:
    assert hashlib.sha256(raw(ORIGINAL)).hexdigest() == ORIGINAL_SHA256


def test_readme_lists_every_seed_file_and_only_those() -> None:
    listed = readme_files()
    on_disk = sorted(p.name for p in SEEDS.iterdir() if SEED_FILE.match(p.name))
    assert len(listed) == len(set(listed)), "a file is listed twice in seeds/README.md"
    assert sorted(listed) == on_disk
    assert sorted(BY_NAME) == on_disk, "SEED_TABLE must mirror seeds/README.md"


def test_readme_states_the_table_expectations() -> None:
    """Each README row names the expected codec, agency and cluster of its file."""
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(r"^\|\s*`([^`]+)`.*$", README.read_text("utf-8"), re.MULTILINE)
    }
    for s in SEED_TABLE:
        row = rows[s.name]
        tokens = set(re.findall(r"`([^`]+)`", row))
        expected = {s.name, s.kind, *s.via}
        expected |= {t for t in (s.codec, s.agency, s.cluster, s.date) if t}
        assert expected <= tokens, (s.name, expected - tokens)


def test_seed_table_is_about_the_real_lines() -> None:
    """Every expected passage, chrome string, credit and headline occurs in its file."""
    for s in ARTICLES:
        text = raw(s.name).decode(s.codec or "utf-8")
        if s.name == MOJIBAKE_COPY[0]:  # undo the mangling make_seeds.py applied
            text = text.encode("cp1256").decode("utf-8")
        for passage in (*s.keep, *s.chrome, *(s.body or ()), s.title, s.credit):
            assert passage is None or passage in text, (s.name, passage)


def test_seed_body_is_headline_and_eleven_paragraphs() -> None:
    assert SEED_BODY[0] == SEED_TITLE
    assert len(SEED_BODY) == 12
    assert [ln for ln in _SEED_LINES if ln in SEED_CHROME] == list(SEED_CHROME)


def test_derived_files_are_what_make_seeds_builds() -> None:
    built = make_seeds().build()
    assert set(built) <= set(BY_NAME)
    for name, data in built.items():
        assert raw(name) == data, f"{name} differs from make_seeds.py's output"


# --- decoding --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", _params("decode", tuple(s for s in SEED_TABLE if s.codec)))
def test_decodes_with_expected_codec(seed: Seed) -> None:
    data = raw(seed.name)
    assert seed.codec is not None
    guess = newsclean.detect_encoding(data)
    assert codecs.lookup(guess.codec).name == codecs.lookup(seed.codec).name
    assert guess.replaced == 0
    assert newsclean.decode(data) == data.decode(seed.codec)


def test_cp1256_copy_decodes_to_the_original_text() -> None:
    derived, source = CP1256_COPY
    assert newsclean.decode(raw(derived)) == raw(source).decode("utf-8")


def test_lying_meta_page_decodes_to_the_page_text() -> None:
    data = raw(META_LIES)
    assert b'<meta charset="utf-8">' in data  # the declaration lies: the bytes are cp1256
    text = newsclean.decode(data)
    assert text == make_seeds().isna_page()
    assert SEED_TITLE in text


@pytest.mark.parametrize(
    "pair",
    [
        pytest.param(
            MOJIBAKE_COPY, id=MOJIBAKE_COPY[0], marks=_pending("mojibake", MOJIBAKE_COPY[0])
        )
    ],
)
def test_fix_mojibake_restores_the_page(pair: tuple[str, str]) -> None:
    mangled, source = pair
    text = newsclean.decode(raw(mangled))
    assert "ط§ظ„" in text  # UTF-8 read as windows-1256
    assert newsclean.fix_mojibake(text) == raw(source).decode("utf-8")


@pytest.mark.parametrize(
    "seed", [s for s in ARTICLES if s.name != MOJIBAKE_COPY[0]], ids=lambda s: s.name
)
def test_fix_mojibake_leaves_clean_text_unchanged(seed: Seed) -> None:
    text = newsclean.decode(raw(seed.name))
    assert newsclean.fix_mojibake(text) == text


def test_empty_file_is_an_empty_article() -> None:
    (seed,) = [s for s in SEED_TABLE if s.kind == "empty"]
    assert raw(seed.name) == b""
    art = cleaned(seed.name)
    assert art.raw_kind == "empty"
    assert (art.body, art.title, art.attribution, art.fingerprint) == ("", None, None, None)


def test_binary_file_is_an_error_with_a_reason() -> None:
    (seed,) = [s for s in SEED_TABLE if s.kind == "binary"]
    with pytest.raises(DecodeError) as exc:
        newsclean.decode(raw(seed.name))
    assert str(exc.value)
    art = cleaned(seed.name)
    assert art.raw_kind == "binary"
    assert art.body == "" and art.attribution is None
    assert art.meta.get("error") == str(exc.value)


# --- clean(): kind, headline, body, removed lines ---------------------------------------


@pytest.mark.parametrize("seed", _params("kind", SEED_TABLE))
def test_raw_kind(seed: Seed) -> None:
    assert cleaned(seed.name).raw_kind == seed.kind


@pytest.mark.parametrize("seed", _params("title", ARTICLES))
def test_headline(seed: Seed) -> None:
    assert cleaned(seed.name).title == seed.title


@pytest.mark.parametrize("seed", _params("date", ARTICLES))
def test_publication_date(seed: Seed) -> None:
    assert cleaned(seed.name).date == seed.date


@pytest.mark.parametrize("seed", _params("body", ARTICLES))
def test_body_is_the_article_and_nothing_else(seed: Seed) -> None:
    body = cleaned(seed.name).body
    if seed.body is not None:
        assert _lines(body) == list(seed.body)
    for passage in seed.keep:
        assert passage in body, f"article text lost: {passage!r}"
    for chrome in seed.chrome:
        # a lone punctuation line can only be checked as a whole line
        left = chrome in _lines(body) if len(chrome) < 3 else chrome in body
        assert not left, f"chrome left in the body: {chrome!r}"


@pytest.mark.parametrize("seed", _params("removed", (BY_NAME[ORIGINAL], BY_NAME[CP1256_COPY[0]])))
def test_seed_dump_removed_lines_and_reasons(seed: Seed) -> None:
    removed = cleaned(seed.name).removed
    assert tuple(r.text.strip() for r in removed) == seed.chrome
    assert all(r.reason for r in removed)


# --- clean(): agency source line -------------------------------------------------------

_PUNCT = " \t:-–.،"


@pytest.mark.parametrize("seed", _params("agency", SEED_TABLE))
def test_agency_and_via(seed: Seed) -> None:
    att = cleaned(seed.name).attribution
    if seed.agency is None:
        assert att is None
        return
    assert att is not None
    assert (att.agency, tuple(att.via), att.where) == (seed.agency, seed.via, seed.where)
    assert seed.credit is not None
    assert att.line.strip(_PUNCT) == seed.credit.strip(_PUNCT)


# --- find_duplicates over the cleaned dump ---------------------------------------------


def expected_clusters() -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for s in ARTICLES:
        groups.setdefault(s.cluster or s.name, set()).add(s.name)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("key", [pytest.param("dump", marks=_pending("clusters", "dump"))])
def test_find_duplicates_gives_the_story_clusters(key: str) -> None:
    result = newsclean.find_duplicates([cleaned(s.name) for s in ARTICLES])
    assert {frozenset(c.ids) for c in result.clusters} == expected_clusters()
    assert set(result.assignments) == {s.name for s in ARTICLES}
