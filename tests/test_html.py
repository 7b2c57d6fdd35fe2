"""HTML mode: trafilatura main text plus the clean-up, on WordPress-style pages and bad input."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml.html import fromstring
from trafilatura.utils import load_html

from newsclean import clean, html_to_text
from newsclean import html as html_module
from newsclean.html import extract_html, html_to_dump, markup_to_dump, page_dump

FIXTURES = Path(__file__).parent / "fixtures" / "chrome"

PAGES = {
    "ar_wordpress.html": (
        "افتتاح محطة جديدة لتحلية المياه في مدينة صور",
        [
            "افتتحت وزارة الطاقة والمياه صباح اليوم محطة جديدة",
            "وقال وزير الطاقة خلال حفل الافتتاح",
            "وأضاف الوزير أن العمل جار على إنشاء خزانات جديدة",
            "من جهته، أكد رئيس البلدية",
            "وكانت المدينة قد شهدت خلال الصيف الماضي",
        ],
        ["اقرأ أيضا", "المصدر:", "مقالات ذات صلة", "اترك تعليقاً", "زر الذهاب إلى الأعلى", "الوسوم"],
    ),
    "fa_wordpress.html": (
        "برگزاری نمایشگاه کتاب کودک در شیراز",
        [
            "نخستین نمایشگاه تخصصی کتاب کودک و نوجوان شیراز",
            "نمایشگاه‌های بین‌المللی",  # zero-width non-joiners kept
            "کارگاه‌های قصه‌گویی، نقاشی",
            "به گفته برگزارکنندگان",
        ],
        ["بیشتر بخوانید", "انتهای پیام", "لینک کوتاه", "دیدگاهتان را بنویسید", "بازگشت به بالا"],
    ),
    "fr_wordpress.html": (
        "Le conseil municipal de Nantes vote l'extension des pistes cyclables",
        [
            "Le conseil municipal de Nantes a adopté lundi soir",
            "Selon l'adjointe chargée des mobilités",
            "Le budget de l'opération est estimé",
            "L'opposition a salué l'objectif",
            "Les premiers travaux débuteront",
        ],
        ["À lire aussi", "Avec AFP", "Laisser un commentaire", "Nous utilisons des cookies"],
    ),
    "en_news.html": (
        "Port of Halden approves $400 million expansion plan",
        [
            "The Port of Halden's board of commissioners",
            "Environmental groups have raised concerns",
            "Construction is scheduled to begin next spring",
            "The port will pay for most of the project",
        ],
        ["Advertisement", "Sign up for our newsletter", "Most popular", "All rights reserved"],
    ),
}


def _page(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_fixture_pages(name: str) -> None:
    title, body, chrome = PAGES[name]
    res = extract_html(_page(name))
    assert res.title == title
    assert title not in res.text  # the headline is reported, not repeated in the body
    for part in body:
        assert part in res.text, part
    for part in chrome:
        assert part not in res.text, part
    assert html_to_text(_page(name)) == res.text


def test_removed_lines_say_why() -> None:
    res = extract_html(_page("ar_wordpress.html"))
    reasons = {r.reason: r for r in res.removed}
    assert reasons["title"].text == "افتتاح محطة جديدة لتحلية المياه في مدينة صور"
    assert reasons["source-line"].rule == "ar:credit:المصدر: ..."
    assert reasons["lexicon"].rule == "ar:related:اقرأ أيضا: ..."
    res = extract_html(_page("fa_wordpress.html"))
    end = [r for r in res.removed if r.text == "انتهای پیام"]
    assert end and end[0].rule == "fa:end_marker:انتهای پیام"
    assert all(r.reason == "zone" for r in res.removed if r.text.startswith("لینک کوتاه"))


def test_credit_hint_in_html_mode() -> None:
    page = _page("fr_wordpress.html").replace("<p>Avec AFP</p>", "<p>Ouest Agence Presse</p>")
    assert "Ouest Agence Presse" in html_to_text(page)
    res = extract_html(page, credit="Ouest Agence Presse")
    assert "Ouest Agence Presse" not in res.text
    assert any(r.reason == "source-line" for r in res.removed)


def test_dump_of_a_fixture_is_the_text_fixture() -> None:
    for name in ("ar_wordpress", "fa_wordpress", "fr_wordpress", "en_news"):
        tree = load_html(_page(f"{name}.html"))
        assert html_to_dump(tree) + "\n" == _page(f"{name}.txt")


def test_dump_drops_scripts_and_breaks_blocks() -> None:
    tree = fromstring("<div><p>One <b>two</b></p><script>x()</script>three<br>four</div>")
    assert html_to_dump(tree) == "One two\nthree\nfour"
    assert markup_to_dump("<p>a &amp; b</p><style>p{}</style><div>c</div>") == "a & b\nc"


def test_pipeline_on_html_bytes() -> None:
    art = clean(_page("en_news.html").encode("utf-8"))
    assert art.raw_kind == "html"
    assert art.title == "Port of Halden approves $400 million expansion plan"
    # the body has the shape of a text dump's: the headline line, then the paragraphs
    headline, first = art.body.splitlines()[:2]
    assert headline == art.title
    assert first.startswith("The Port of Halden's board of commissioners")
    assert art.lang == "en"


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["", "   ", b"", b"\n"])
def test_empty_page(page: str | bytes) -> None:
    res = extract_html(page)
    assert res.text == "" and res.note == "empty input"


def test_chrome_only_page() -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><p>Share</p>"
        "<footer>© 2024 Example. All rights reserved.</footer></body></html>"
    )
    res = extract_html(page)
    assert res.text == ""
    assert res.note


def test_malformed_html() -> None:
    page = (
        "<html><body><div><p>The storm damaged dozens of homes along the coast on Sunday, "
        "officials said<div><span>Repairs are expected to take several weeks, the mayor "
        "added.</b></i><p>"
    )
    text = html_to_text(page)
    assert "The storm damaged dozens of homes" in text


def test_deeply_nested_markup() -> None:
    sentence = "Deep text inside many divs, and it is a sentence of prose."
    page = "<html><body>" + "<div>" * 5000 + f"<p>{sentence}</p>" + "</div>" * 5000
    res = extract_html(page + "</body></html>")
    assert res.text == sentence
    assert "tags stripped" in res.note


def test_ten_megabyte_page() -> None:
    rng = random.Random(7)
    words = [
        "the",
        "minister",
        "said",
        "agreement",
        "would",
        "be",
        "signed",
        "next",
        "week",
        "in",
        "capital",
        "officials",
        "added",
        "that",
        "talks",
        "continue",
        "after",
        "months",
        "of",
        "negotiations",
        "between",
        "both",
        "sides",
    ]
    paras = "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(60)) + ".</p>" for _ in range(25_000)
    )
    page = f"<html><body><nav>Home | News</nav><article><h1>Big</h1>{paras}</article></body></html>"
    assert len(page) > 9_000_000
    text = html_to_text(page)
    assert len(text) > 8_000_000


def test_page_in_a_language_without_lexicon() -> None:
    paras = [
        "Serikali imetangaza mpango mpya wa kujenga barabara kuu kati ya miji miwili mikubwa.",
        "Waziri alisema kwamba ujenzi utaanza mwezi ujao na utachukua miaka mitatu kukamilika.",
        "Wakazi wa eneo hilo wamepokea habari hizo kwa furaha na matumaini makubwa sana.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paras)
    page = (
        "<html><head><title>Barabara mpya</title></head><body><nav><a>Mwanzo</a>"
        f"<a>Habari</a></nav><article><h1>Barabara mpya</h1>{body}</article>"
        "<footer><a>Mawasiliano</a></footer></body></html>"
    )
    assert html_to_text(page) == "\n".join(paras)


def test_plain_text_given_as_html() -> None:
    # the parser finds no document: the text is read as a text dump, and the note says so
    res = extract_html("just a few words, not a page")
    assert res.text == "just a few words, not a page"
    assert "found no document" in res.note


def test_fragments_and_tiny_pages_are_not_lost() -> None:
    # scraped JSON often holds the article body as a fragment; the HTML parser gives up on
    # short ones, which are then read with their tags stripped
    sentence = "The minister said on Monday that taxes would fall sharply next year."
    res = extract_html(f"<p>{sentence}</p>")
    assert res.text == sentence and "tags stripped" in res.note
    assert html_to_text(f"<div><p>{sentence}</p></div>") == sentence
    only_chrome = extract_html("<p>Share</p>")
    assert only_chrome.text == "" and "chrome" in only_chrome.note
    assert extract_html("<p></p>").text == ""


def test_page_dump_keeps_the_footer_credit() -> None:
    page = _page("fr_wordpress.html")
    dump = page_dump(page)
    assert "Avec AFP" in dump and "Avec AFP" not in html_to_text(page)
    assert page_dump(page.encode("utf-8")) == dump
    assert page_dump("") == ""


HARBOUR = [
    "Dock workers at the city's harbour ended a two-week strike on Wednesday after the port "
    "authority agreed to raise their pay by six percent over two years, the union said.",
    "The union said its members voted by a large majority to accept the offer, which also "
    "includes new rules on overtime and on safety equipment for night shifts at the terminal.",
    "Shipping companies said it would take several days to clear the backlog of containers "
    "that built up in the harbour while the workers were on strike, and some ships left.",
    "The strike began two weeks ago after talks on a new contract broke down, and it quickly "
    "spread from the container terminal to the bulk cargo docks on the north side.",
    "Local businesses said the stoppage had cost them millions in lost sales, as goods for "
    "the holiday season sat in containers that could not be unloaded from waiting ships.",
    "The port authority said it would hire more staff next year to reduce overtime, which "
    "the union had called dangerous, and would review the safety rules with the workers.",
    "The mayor welcomed the deal and said she hoped both sides would now work together to "
    "win back the shipping lines that had moved their calls to other ports during the strike.",
    "Analysts said the harbour would need several months to recover its share of the "
    "regional container trade, which had grown steadily over the past five years.",
]


def test_a_slide_show_inside_the_article_is_dropped_with_its_reason() -> None:
    paragraphs = HARBOUR[:3]
    slides = [
        f"{k}/5 Workers leave the harbour gate on the last day of the strike, scene {k} of "
        "the day as the ships wait at anchor outside the port. Getty Images"
        for k in range(1, 6)
    ]
    gallery = "".join(f"<li>{s}</li>" for s in slides)
    page = (
        "<html><head><title>Harbour workers end strike</title></head><body><article>"
        f"<h1>Harbour workers end strike</h1><p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>"
        f"<ul class='gallery'>{gallery}</ul><p>{paragraphs[2]}</p></article></body></html>"
    )
    res = extract_html(page)
    assert res.text.splitlines() == paragraphs
    removed = [r for r in res.removed if r.reason == "gallery"]
    assert len(removed) == 5 and removed[0].text.endswith(slides[0])
    assert removed[0].rule == "slide 1 of 5: the captions of a slide show (5 slides in a row)"


def _split_article(first: list[str], second: list[str]) -> str:
    """A page whose body is cut in two by a full-width advert row (as on Wired): trafilatura
    keeps the first part only."""
    a, b = ("".join(f"<p>{p}</p>" for p in part) for part in (first, second))
    return (
        "<html><head><title>Harbour workers end strike</title></head><body><nav><a href='/'>"
        "Home</a> <a href='/world'>World</a></nav><main><article><h1>Harbour workers end "
        f"strike</h1><div class='grid'><div class='grid--item body article__body'>{a}</div>"
        "<div class='grid--item aside'><div class='ad ad--rail'><div class='ad__slot'></div>"
        "</div></div></div><div class='row full-bleed-ad'><div class='ad ad--mid-content'>"
        "<span class='ad-label'>Advertisement</span><div class='ad__slot'></div></div></div>"
        f"<div class='grid narrow'><div class='grid--item body article__body'>{b}</div></div>"
        "</article></main><footer><p>All rights reserved.</p></footer></body></html>"
    )


@pytest.mark.parametrize("cut", [3, 4])
def test_an_article_cut_in_two_by_an_advert_row_is_read_whole(cut: int) -> None:
    # cut after 3 paragraphs the extraction covers under 40 % of the page's prose; after
    # 4 it covers half, and what tells is the prose that goes on after its last line
    res = extract_html(_split_article(HARBOUR[:cut], HARBOUR[cut:]))
    assert res.text.splitlines() == HARBOUR
    assert res.note.startswith("text-mode reading: it holds the extraction")
    if cut == 4:
        assert res.note.endswith("words of prose after where the extraction stopped")


def _scripted(
    monkeypatch: pytest.MonkeyPatch, answers: dict[tuple[bool, bool], str]
) -> list[tuple[bool, bool]]:
    """Replace trafilatura by scripted answers per (precision, fallback); returns the list
    the calls are recorded in."""
    calls: list[tuple[bool, bool]] = []

    def fake(tree: object, url: str | None, *, precision: bool, fallback: bool = False) -> str:
        calls.append((precision, fallback))
        return answers[(precision, fallback)]

    monkeypatch.setattr(html_module, "_trafilatura", fake)
    html_module._main_text.cache_clear()  # the extraction of a page is memoized
    return calls


@pytest.fixture(autouse=True)
def _forget_extractions() -> Iterator[None]:
    """No test sees another's memoized extraction (some replace trafilatura)."""
    yield
    html_module._main_text.cache_clear()


def _harbour_page() -> str:
    body = "".join(f"<p>{p}</p>" for p in HARBOUR)
    return f"<html><body><nav>Home | World</nav><article>{body}</article></body></html>"


ADVERT = "Subscribe to our newsletter for the best deals on holidays and cruises this winter."


def test_no_second_opinion_when_the_fast_text_agrees_with_the_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _scripted(monkeypatch, {(False, False): "\n".join(HARBOUR)})
    assert html_module.extract_html(_harbour_page()).text.splitlines() == HARBOUR
    assert calls == [(False, False)]


def test_the_precision_mode_runs_without_fallback_when_the_fast_text_is_not_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the fast text holds half of the article and as much again of an advert: it
    # disagrees with the reading, but it is not much too short
    fast = "\n".join(HARBOUR[:4] + [ADVERT] * 8)
    calls = _scripted(monkeypatch, {(False, False): fast, (True, False): "\n".join(HARBOUR)})
    res = html_module.extract_html(_harbour_page())
    assert calls == [(False, False), (True, False)]
    assert res.text.splitlines() == HARBOUR
    assert res.note.startswith("trafilatura precision mode: agrees 0.99 with the text-mode")
    assert res.note.endswith("the fast mode 0.58")


def test_the_fallback_extractors_run_when_the_fast_text_is_much_too_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _scripted(monkeypatch, {(False, False): ADVERT, (True, True): "\n".join(HARBOUR)})
    res = html_module.extract_html(_harbour_page())
    assert calls == [(False, False), (True, True)]
    assert res.text.splitlines() == HARBOUR


def test_the_fallback_extractors_run_when_the_precision_mode_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast = "\n".join(HARBOUR[:4] + [ADVERT] * 8)
    answers = {(False, False): fast, (True, False): "", (True, True): "\n".join(HARBOUR)}
    calls = _scripted(monkeypatch, answers)
    res = html_module.extract_html(_harbour_page())
    assert calls == [(False, False), (True, False), (True, True)]
    assert res.text.splitlines() == HARBOUR
