"""Chrome stripping of naive text dumps: the seed, fixtures in several languages, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import RemovedLine, clean, strip_chrome, strip_chrome_explain
from newsclean.article import Article, Attribution, StepReport
from newsclean.chrome import (
    _KIND_OTHER,
    _KIND_PROSE,
    GALLERY_GAP,
    _features,
    gallery_slides,
    introduced_lines,
)
from newsclean.pipeline import Options, decode_stage, extract_stage, run_stages

FIXTURES = Path(__file__).parent / "fixtures" / "chrome"
HEADLINE = "توقيع اتفاقية تعاون عسكري بين ليبيا وإيطاليا"
SOURCE_LINE = "المصدر : وكالة ايسنا للأنباء."
# 0-based line numbers of the headline and the body paragraphs in the seed dump
SEED_BODY_LINES = (2, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25)


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def _seed_expected(seed: str) -> str:
    lines = seed.splitlines()
    return "\n\n".join(lines[i].strip() for i in SEED_BODY_LINES)


# -- the seed ----------------------------------------------------------------------------


def test_seed_exact_output(seed_bytes: bytes) -> None:
    seed = seed_bytes.decode("utf-8")
    res = strip_chrome_explain(seed)
    assert res.text == _seed_expected(seed)
    assert res.text.startswith(HEADLINE + "\n\n")
    assert res.title == HEADLINE
    assert res.lang == "ar"
    assert SOURCE_LINE not in res.text


def test_seed_exact_removed_lines(seed_bytes: bytes) -> None:
    res = strip_chrome_explain(seed_bytes.decode("utf-8"))
    assert list(res.removed) == [
        RemovedLine(0, "عالمي", "lexicon", "ar:category:عالمي"),
        RemovedLine(27, "نهاية الرسالة", "lexicon", "ar:end_marker:نهاية الرسالة"),
        RemovedLine(29, ".", "punctuation", "no letters or digits"),
        RemovedLine(31, SOURCE_LINE, "source-line", "ar:credit:المصدر: ..."),
        RemovedLine(33, "اترك تعليقاً", "lexicon", "ar:comment_form:اترك تعليقاً"),
        RemovedLine(
            35,
            "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
            "lexicon",
            "ar:comment_form:لن يتم نشر عنوان بريدك الإلكتروني ...",
        ),
        RemovedLine(37, "زر الذهاب إلى الأعلى", "lexicon", "ar:back_to_top:زر الذهاب إلى الأعلى"),
    ]


def test_strip_chrome_equals_explained_text(seed_bytes: bytes) -> None:
    seed = seed_bytes.decode("utf-8")
    assert strip_chrome(seed) == strip_chrome_explain(seed).text


def test_pipeline_body_of_the_seed(seed_bytes: bytes) -> None:
    art = clean(seed_bytes)
    assert art.body == _seed_expected(seed_bytes.decode("utf-8"))
    assert art.title == HEADLINE
    assert any(r.reason == "source-line" for r in art.removed)


def _credit_stage(article: Article, opts: Options) -> Article:
    """A stand-in for the source stage: credits the line the seed ends its story with."""
    line = "وكالة ايسنا للأنباء"
    start = article.text.index(line)
    attribution = Attribution("isna", "ISNA", (), line, "footer", (start, start + len(line)))
    from dataclasses import replace

    return replace(
        article,
        attribution=attribution,
        steps=(*article.steps, StepReport("source", False, ("test credit",))),
    )


def test_extract_stage_keeps_the_credit_line_out_of_the_body(seed_bytes: bytes) -> None:
    start = Article(meta={"raw": seed_bytes})
    art = run_stages(start, (decode_stage, _credit_stage, extract_stage), Options())
    assert art.attribution is not None and art.attribution.agency == "isna"
    assert SOURCE_LINE not in art.body
    credit = [r for r in art.removed if r.line_no == 31]
    assert credit and credit[0].reason == "source-line"
    assert "the credit found by the source stage" in credit[0].rule
    assert art.steps[-1].name == "extract"


def test_credit_hint_does_not_remove_a_dateline() -> None:
    text = (
        "PARIS (AFP) - The government announced on Monday a new plan for the railways, "
        "which unions said they would fight in the streets.\n"
        "The plan covers fares, timetables and the hiring of drivers over five years."
    )
    res = strip_chrome_explain(text, credit="(AFP)")
    assert res.text.startswith("PARIS (AFP) - The government")


@pytest.mark.parametrize(
    ("lead", "credit", "more"),
    [
        # a short lead sentence after the dateline is still the story's first paragraph
        (
            "WASHINGTON (Reuters) - The Senate passed the bill on Tuesday.",
            "WASHINGTON (Reuters) -",
            "The vote was 60 to 40 after a long debate in the chamber on Monday night, "
            "and the bill now goes to the House, where its fate is less certain.",
        ),
        # Chinese and Korean paragraphs have few spaces: their words are not counted by them
        (
            "新华社北京11月28日电（记者张三）国务院总理28日主持召开国务院常务会议，部署推进经济工作。",
            "新华社北京11月28日电",
            "会议指出，要加大宏观政策调控力度，着力扩大国内需求，推动经济持续回升向好。",
        ),
        (
            "(서울=연합뉴스) 김철수 기자 = 정부가 28일 내년도 예산안을 국회에 제출했다고 밝혔다.",
            "(서울=연합뉴스)",
            "예산안은 총 600조원 규모로 편성됐으며 복지와 국방 예산이 크게 늘어난 것으로 나타났다.",
        ),
        (
            "国务院总理28日主持召开国务院常务会议，部署推进经济工作。（新华社）",
            "（新华社）",
            "会议指出，要加大宏观政策调控力度，着力扩大国内需求，推动经济持续回升向好。",
        ),
    ],
)
def test_a_paragraph_holding_the_credit_is_kept(lead: str, credit: str, more: str) -> None:
    text = f"{lead}\n{more}"
    res = strip_chrome_explain(text, credit=credit)
    assert res.text == text
    art = clean(text)
    assert art.attribution is not None and art.attribution.line == credit
    assert art.body == text


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Source: AFP", "Source: AFP"),
        ("(واس).", "(واس)"),
        ("Kaynak: DHA ve AA Konular: Türkiye", "Kaynak: DHA ve AA"),
        ("来源：新华社", "来源：新华社"),
    ],
)
def test_a_credit_line_is_dropped_with_its_reason(line: str, credit: str) -> None:
    res = strip_chrome_explain(f"{HARBOUR_LINE}\n{HARBOUR_LINE} Again.\n{line}", credit=credit)
    assert [(r.text, r.reason) for r in res.removed] == [(line, "source-line")]


HARBOUR_LINE = (
    "Dock workers at the harbour ended a two-week strike on Wednesday after the port "
    "authority agreed to raise their pay by six percent over two years, the union said."
)


# -- fixtures: WordPress-style dumps in several languages ------------------------------


CASES = {
    "ar_wordpress.txt": (
        "افتتاح محطة جديدة لتحلية المياه في مدينة صور",
        [
            "افتتحت وزارة الطاقة والمياه صباح اليوم محطة جديدة",
            "وقال وزير الطاقة خلال حفل الافتتاح",
            "وأضاف الوزير أن العمل جار على إنشاء خزانات جديدة",
            "من جهته، أكد رئيس البلدية",
            "وكانت المدينة قد شهدت خلال الصيف الماضي",
        ],
        [
            "اقرأ أيضا",
            "المصدر:",
            "مقالات ذات صلة",
            "اترك تعليقاً",
            "لن يتم نشر عنوان بريدك",
            "جميع الحقوق محفوظة",
            "زر الذهاب إلى الأعلى",
            "الأكثر قراءة",
            "قراءة 2 دقائق",
        ],
    ),
    "fa_wordpress.txt": (
        "برگزاری نمایشگاه کتاب کودک در شیراز",
        [
            "نخستین نمایشگاه تخصصی کتاب کودک و نوجوان شیراز",
            "مدیرکل فرهنگ و ارشاد اسلامی استان",
            "کارگاه‌های قصه‌گویی، نقاشی",
            "به گفته برگزارکنندگان",
        ],
        ["بیشتر بخوانید", "انتهای پیام", "مطالب مرتبط", "دیدگاهتان را بنویسید", "بازگشت به بالا"],
    ),
    "fa_agency.txt": (
        "افزایش صادرات غیرنفتی از بندر بوشهر",
        ["به گزارش خبرنگار اقتصادی", "مدیرکل گمرک استان", "وی افزود که با راه‌اندازی"],
        ["انتهای پیام", "منبع:", "ارسال نظر", "نشانی ایمیل", "بازگشت به بالا"],
    ),
    "fr_wordpress.txt": (
        "Le conseil municipal de Nantes vote l'extension des pistes cyclables",
        [
            "Le conseil municipal de Nantes a adopté lundi soir",
            "Selon l'adjointe chargée des mobilités",
            "Le budget de l'opération est estimé",
            "L'opposition a salué l'objectif",
            "Les premiers travaux débuteront",
        ],
        [
            "Nous utilisons des cookies",
            "Accueil > Actualités",
            "À lire aussi",
            "Avec AFP",
            "Articles similaires",
            "Laisser un commentaire",
            "Tous droits réservés",
            "Retour en haut",
        ],
    ),
    "en_news.txt": (
        "Port of Halden approves $400 million expansion plan",
        [
            "The Port of Halden's board of commissioners",
            "Port officials said the project",
            '"This is about keeping good jobs',
            "Environmental groups have raised concerns",
            "Construction is scheduled to begin next spring",
            "The port will pay for most of the project",
        ],
        [
            "Skip to content",
            "Advertisement",
            "Harbor dredging study",
            "Reporting by",
            "Sign up for our newsletter",
            "Most popular",
            "All rights reserved",
            "We use cookies",
            "Back to top",
        ],
    ),
    "en_wire.txt": (
        "Flooding forces thousands from homes in northern Italy",
        ["Heavy rain swelled rivers", "Regional officials said", "Italy's civil protection"],
        ["Source: AFP", "Share this article", "Leave a Reply", "Back to top"],
    ),
    "tr_news.txt": (
        "İzmir'de yeni metro hattının temeli atıldı",
        ["İzmir Büyükşehir Belediyesi", "Belediye başkanı", "Projenin üç yıl içinde"],
        ["Kaynak: AA", "Etiketler", "Paylaş", "Yorum yap", "Tüm hakları saklıdır"],
    ),
}


# dumps whose headline sits right above the body (kept in the text); in the others a
# dek, byline or date line separates them, so the headline is only reported
HEADLINE_KEPT = {"fa_agency.txt", "en_wire.txt", "tr_news.txt", "fa_wordpress.txt"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_dumps(name: str) -> None:
    title, body, chrome = CASES[name]
    res = strip_chrome_explain(_fixture(name))
    assert res.title == title
    if name in HEADLINE_KEPT:
        assert res.text.splitlines()[0] == title
    else:
        assert title not in res.text
        assert [r.reason for r in res.removed if r.text == title] == ["title"]
    for part in body:
        assert part in res.text, part
    for part in chrome:
        assert part not in res.text, part
    removed = {r.text for r in res.removed}
    kept = set(res.text.splitlines()) - {""}
    inputs = {" ".join(ln.split()) for ln in _fixture(name).splitlines() if ln.strip()}
    assert kept | removed == inputs  # every line is either kept or explained


def test_persian_and_arabic_credit_lines_are_source_lines() -> None:
    reasons = {r.text: r.reason for r in strip_chrome_explain(_fixture("fa_agency.txt")).removed}
    assert reasons["منبع: خبرگزاری ایرنا"] == "source-line"
    assert reasons["انتهای پیام"] == "lexicon"
    reasons = {r.text: r.reason for r in strip_chrome_explain(_fixture("tr_news.txt")).removed}
    assert reasons["Kaynak: AA"] == "source-line"


def test_related_links_inside_the_article_are_removed_with_their_reason() -> None:
    # "Related" over two linked headlines, and the story goes on: each is a "link"
    res = strip_chrome_explain(_fixture("en_news.txt"))
    links = [r for r in res.removed if r.reason == "link"]
    assert all(r.rule == "a headline under 'Related'" for r in links)
    assert [r.text for r in links][:2] == [
        "Harbor dredging study finds limited impact on fish stocks",
        "Truck traffic complaints rise in Eastside neighborhoods",
    ]


def test_a_run_of_short_lines_inside_the_article_is_a_menu() -> None:
    prose = [
        "The harbour board approved the expansion of the container terminal on Monday after "
        "a debate that lasted most of the afternoon.",
        "Construction is scheduled to begin next spring, pending final permits from the "
        "state regulators, and should take about three years.",
        "The port will pay for most of the project with revenue bonds, while a federal grant "
        "approved last year covers the new rail spur to the terminal.",
    ]
    prose.append(
        "Environmental groups said they would study the final plans closely, in particular "
        "the dredging of the channel and the traffic of trucks through the old town."
    )
    links = ["Harbour news", "Ferry timetables", "Fishing reports"]
    dump = ["Home", *prose[:2], *links, *prose[2:], "Contact"]
    res = strip_chrome_explain("\n".join(dump))
    assert res.text.splitlines() == prose
    menu = [r for r in res.removed if r.reason == "menu"]
    assert [r.text for r in menu] == links
    assert menu[0].rule == "run of 3 short lines inside the article"


def test_breadcrumb_shape() -> None:
    reasons = {r.text: r.reason for r in strip_chrome_explain(_fixture("fr_wordpress.txt")).removed}
    crumb = next(t for t in reasons if t.startswith("Accueil >"))
    assert reasons[crumb] == "breadcrumb"


# -- teaser blocks printed twice ---------------------------------------------------------

TICKER = [
    "Council approves new budget for schools NEW YORK: The city council approved a budget "
    "that raises school spending by four percent, officials said on Tuesday.",
    "Storm cuts power to thousands in the north BOSTON: A winter storm left thousands of "
    "homes without power across the region, the utility said on Tuesday.",
    "Court delays ruling on the port expansion plan CHICAGO: A federal court delayed its "
    "ruling on the expansion of the port until next month, lawyers said.",
]
STORY = [
    "Harbour workers end strike after pay deal",
    "By Staff Reporter",
    "Dock workers at the city's harbour ended a two-week strike on Wednesday after the port "
    "authority agreed to raise their pay by six percent over two years.",
    "The union said its members voted by a large majority to accept the offer, which also "
    "includes new rules on overtime and on safety equipment for night shifts.",
    "Shipping companies said it would take several days to clear the backlog of containers "
    "that built up in the harbour while the workers were on strike.",
]


def test_a_ticker_printed_in_the_header_and_the_footer_is_not_the_article() -> None:
    # the ticker's first copy sits right above the story: its items read as prose, and
    # without the second copy (outside the article) they would join the run
    dump = ["Home", "World", "Breaking News", *TICKER, *STORY, "Related Articles", "Latest"]
    dump += ["Breaking News", *TICKER, "Contact us"]
    res = strip_chrome_explain("\n".join(dump))
    assert res.text.splitlines() == STORY[2:]
    teasers = [r for r in res.removed if r.reason == "teaser"]
    assert [r.line_no for r in teasers] == [3, 4, 5]
    assert teasers[0].rule.startswith(f"printed again at line {dump.index(TICKER[0], 6)}: ")
    # printed once, the same lines are not teasers: repetition is the evidence
    once = strip_chrome_explain("\n".join([*dump[:13], "Contact us"]))
    assert not [r for r in once.removed if r.reason == "teaser"]


def test_repeated_lines_that_belong_to_the_article_are_kept() -> None:
    body = STORY[2:]
    # a lead also printed as the summary above the story: one line, not a block
    summary = ["Home", body[0], "Share", *STORY, "Contact us"]
    assert strip_chrome("\n".join(summary)).splitlines()[-3:] == body
    # a page printing its article twice (a print version below): the article stays
    twice = ["Home", *STORY, "Print version", *body, "Contact us"]
    assert set(body) <= set(strip_chrome("\n".join(twice)).splitlines())
    # a passage quoted again inside the article (both copies inside it) stays twice
    quoted = ["Home", *STORY, body[0], body[1], TICKER[0], "Contact us"]
    kept = strip_chrome("\n".join(quoted)).splitlines()
    assert kept.count(body[0]) == 2 and kept.count(body[1]) == 2


# -- dated listings after the article ------------------------------------------------------

MORE_STORIES = [
    (
        "Council approves new budget for schools",
        "Jane Roe",
        "Tuesday November 19, 2019",
        "The city council approved a budget that raises school spending by four percent, "
        "officials said on Tuesday. The money will pay for new teachers, for repairs to old "
        "buildings and for free meals for the children of poor families.",
    ),
    (
        "Storm cuts power to thousands in the north",
        "Tom Poe",
        "Tuesday November 19, 2019",
        "A winter storm left thousands of homes without power across the region, the utility "
        "said on Tuesday. Crews were working through the night to restore the lines, and most "
        "homes should have power again by the end of the week.",
    ),
    (
        "Court delays ruling on the port expansion",
        "Ann Doe",
        "Monday November 18, 2019",
        "A federal court delayed its ruling on the expansion of the port until next month, "
        "lawyers said. The judge asked both sides for more documents on the impact of the new "
        "docks on the river and on the homes along its banks.",
    ),
    (
        "Museum reopens after two-year renovation",
        "Ben Moe",
        "Monday November 18, 2019",
        "The city museum reopened its doors on Monday after a renovation that took two years "
        "and cost more than planned. Visitors can now see the old collections in new rooms, "
        "and the entry is free for children and students.",
    ),
]


def test_a_dated_listing_of_other_stories_after_the_article_is_not_the_article() -> None:
    # each teaser's lead reads as prose, and three short lines between two leads cost less
    # than a lead weighs: without the dates, the list would join the article
    listing = [line for item in MORE_STORIES for line in item]
    page = ["Home", *STORY, *listing, "About us", "Contact"]
    res = strip_chrome_explain("\n".join(page))
    assert res.text.splitlines() == STORY[2:]
    leads = [r for r in res.removed if r.reason == "listing"]
    assert [r.text for r in leads] == [item[3] for item in MORE_STORIES]
    assert leads[0].rule == (
        f"4 items dated every 4 lines from line {page.index(MORE_STORIES[0][2])}: "
        "a listing of other stories or comments"
    )
    # comments (name, date and time, text) are a listing too
    comments = [
        line
        for i, item in enumerate(MORE_STORIES)
        for line in (f"reader{i}", f"November {20 + i}, 2019 at 5:2{i} pm", item[3])
    ]
    res = strip_chrome_explain("\n".join(["Home", *STORY, *comments, "Contact"]))
    assert res.text.splitlines() == STORY[2:]
    assert sum(r.reason == "listing" for r in res.removed) == len(MORE_STORIES)
    # the dates are the evidence: without them the leads join the article
    undated = [line for item in MORE_STORIES for line in (item[0], item[1], "Tuesday", item[3])]
    res = strip_chrome_explain("\n".join(["Home", *STORY, *undated, "Contact"]))
    assert MORE_STORIES[0][3] in res.text.splitlines()
    # three items are not enough evidence: the lines are judged as before
    three = [line for item in MORE_STORIES[:3] for line in item]
    res = strip_chrome_explain("\n".join(["Home", *STORY, *three, "Contact"]))
    assert not [r for r in res.removed if r.reason == "listing"]


def test_a_notice_at_the_end_of_a_run_that_shrank_is_looked_up() -> None:
    # the first run reaches into the subscription box (its confirmation texts read as
    # prose), so the newsletter call sits deep inside it and gets only the cheap tests; once
    # the box's lines are marked and the run ends before them, the call is at its edge and
    # is looked up in full
    story = [
        f"The company said on Monday that its product line number {i} would reach the shops "
        "in the spring, after a long delay caused by supply problems."
        for i in range(10)
    ]
    call = "Stay up to date with Acme. Subscribe to our newsletter."
    box = [
        "Subscribe",
        "No thanks",
        "Please, fill the form to subscribe to our newsletter",
        "You have successfully subscribed. Thank you!",
        "An email with an activation link has just been sent to your email address. Please "
        "activate your subscription by clicking on the link in the email.",
        "Acme offers to all interested persons a news service that brings the company's media "
        "releases directly to their inbox.",
    ]
    res = strip_chrome_explain("\n".join(["Home", *story, call, *box, "Quick Links"]))
    assert res.text.splitlines() == story
    assert any(
        r.text == call and r.rule == "en:newsletter:... subscribe to our newsletter ..."
        for r in res.removed
    )


def test_a_timeline_of_years_and_events_is_not_a_listing() -> None:
    events = [
        [
            str(year),
            f"In {year} the two governments signed a new agreement on the border "
            "crossings and on the trade between their regions.",
        ]
        for year in range(2001, 2006)
    ]
    timeline = [line for event in events for line in event]
    # the timeline as the article, and a timeline after the story (a year and its event: a
    # step of two lines, no headline or author)
    assert strip_chrome("\n".join(["Home", "Timeline of the dispute", *timeline, "Contact"]))
    after = strip_chrome_explain("\n".join(["Home", *STORY, *timeline, "Contact"]))
    assert set(STORY[2:]) | {event[1] for event in events} <= set(after.text.splitlines())
    assert not [r for r in after.removed if r.reason == "listing"]


TR_ARTICLE = [
    "Hükümet salı günü yeni bir ekonomi paketi açıkladı. Hazine ve Maliye Bakanı basın "
    "toplantısında paketin ayrıntılarını anlattı.",
    "Bakan, paketin dar gelirli ailelere doğrudan destek sağlayacağını ve enflasyonla "
    "mücadeleye katkı sunacağını söyledi.",
]


def test_a_short_closing_sentence_without_function_words_is_kept() -> None:
    # six Turkish words and none of them a function word: the article's last paragraph
    closing = "Paketin önümüzdeki ay yürürlüğe girmesi bekleniyor."
    page = ["Ana Sayfa", "Ekonomi", *TR_ARTICLE, closing, "İlgili Haberler", "Paylaş"]
    assert strip_chrome("\n".join(page)).splitlines() == [*TR_ARTICLE, closing]
    # a closing line that a lexicon phrase marks is still chrome, with its reason
    tags = "Tags: budget, parliament, regions, economy."
    res = strip_chrome_explain("\n".join(["Home", *STORY, tags, "Share"]))
    assert tags not in res.text.splitlines()
    assert any(r.text == tags and r.reason == "lexicon" for r in res.removed)


TH_ARTICLE = [
    "รัฐบาลได้อนุมัติงบประมาณสำหรับปีหน้าแล้วในการประชุมคณะรัฐมนตรีเมื่อวันอังคาร "
    "โดยรัฐมนตรีว่าการกระทรวงการคลังกล่าวว่างบประมาณดังกล่าวจะช่วยสนับสนุนเศรษฐกิจของประเทศ",
    "รัฐมนตรีกล่าวเพิ่มเติมว่า รัฐบาลจะเพิ่มการลงทุนในโครงสร้างพื้นฐานและการศึกษา "
    "รวมถึงให้ความช่วยเหลือแก่เกษตรกรที่ได้รับผลกระทบจากภัยแล้ง",
    "ทั้งนี้ ร่างงบประมาณจะถูกส่งไปยังสภาผู้แทนราษฎรเพื่อพิจารณาในวาระแรกภายในสัปดาห์หน้า",
]


def test_thai_headlines_after_the_article_are_not_paragraphs() -> None:
    # five code points of Thai make a word (a related story's headline is not a paragraph),
    # and the related-news heading is a boundary
    related = [
        "ข่าวที่เกี่ยวข้อง",
        "ธนาคารกลางคงอัตราดอกเบี้ยนโยบายไว้ที่ระดับเดิม",
        "นายกรัฐมนตรีเดินทางเยือนญี่ปุ่นเพื่อหารือด้านการค้า",
    ]
    page = ["หน้าแรก", "เศรษฐกิจ", *TH_ARTICLE, *related, "แชร์", "Facebook"]
    res = strip_chrome_explain("\n".join(page))
    assert res.text.splitlines() == TH_ARTICLE
    assert any(r.rule == "th:related:ข่าวที่เกี่ยวข้อง" for r in res.removed)
    # a headline of 43 code points is about 10 words (22 if every two counted as one): too short
    # to be a paragraph of its own
    headline = "ราคาน้ำมันในประเทศปรับลดลงเป็นสัปดาห์ที่สอง"
    doc = _features([*TH_ARTICLE, headline], "th", None, None)
    assert doc.size[3] == 1 + len(headline) / 5 < 10  # one run of letters, 43 code points
    assert list(doc.kind) == [_KIND_PROSE] * 3 + [_KIND_OTHER]


# -- language without lexicon or stopwords: shape and density alone ----------------------


def test_language_without_lexicon_falls_back_on_shape() -> None:
    text = "\n".join(
        [
            "Mwanzo",
            "Habari",
            "Michezo",
            "Burudani",
            "Serikali imetangaza mpango mpya wa kujenga barabara kuu kati ya miji miwili.",
            "Waziri alisema kwamba ujenzi utaanza mwezi ujao na utachukua miaka mitatu.",
            "Wakazi wa eneo hilo wamepokea habari hizo kwa furaha kubwa sana.",
            "Mawasiliano",
            "Kuhusu sisi",
        ]
    )
    res = strip_chrome_explain(text)
    assert res.text.splitlines() == text.splitlines()[4:7]
    assert {r.reason for r in res.removed} <= {"zone", "lexicon"}


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_empty_input(text: str) -> None:
    res = strip_chrome_explain(text)
    assert res.text == "" and res.removed == () and res.note == "empty input"
    assert strip_chrome(text) == ""


def test_chrome_only_page_gives_empty_text_and_a_reason() -> None:
    text = "Home\nWorld\nShare\nLeave a comment\n© 2024 Example News. All rights reserved."
    res = strip_chrome_explain(text)
    assert res.text == ""
    assert res.note == "no article text: every line is chrome"
    assert len(res.removed) == 5


def test_no_prose_at_all_is_density() -> None:
    res = strip_chrome_explain("alpha beta\ngamma delta\nepsilon")
    assert res.text == ""
    assert {r.reason for r in res.removed} == {"density"}


def test_big_dump_and_odd_line_breaks() -> None:
    para = "The committee met on Tuesday and agreed on the budget for the coming year."
    text = "\r\n".join(["Menu", *([para] * 2000), "Back to top"])
    res = strip_chrome_explain(text)
    assert res.text.count(para) == 2000
    assert [r.line_no for r in res.removed] == [0, 2001]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=30))
def test_never_raises_and_keeps_only_input_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    res = strip_chrome_explain(text)
    inputs = {" ".join(ln.split()) for ln in text.splitlines()}
    assert set(res.text.split("\n")) - {""} <= inputs
    assert all(isinstance(r, RemovedLine) and r.reason for r in res.removed)


def test_wrong_site_argument_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match=r"site must be a newsclean\.site\.SiteProfile"):
        strip_chrome("The council met on Tuesday to vote on the budget.", site={"x": 1})


def test_memoized_lexicon_answers_do_not_change_results(seed_bytes: bytes) -> None:
    from newsclean.chrome_lexicon import default_lexicon

    seed = seed_bytes.decode("utf-8")
    default_lexicon().memo.clear()
    cold = strip_chrome_explain(seed)
    assert default_lexicon().memo  # answers were remembered
    assert strip_chrome_explain(seed) == cold


def test_answers_do_not_depend_on_pages_seen_before() -> None:
    """A prose line deep inside an article is not searched for notices; an answer
    remembered from another page, where the same line sat at an edge and was searched,
    must not leak into it."""
    from newsclean.chrome_lexicon import default_lexicon

    notice = (
        "The estate said all rights reserved by the late painter were handed over to the "
        "city museum this spring."
    )
    body = [
        f"Paragraph {k}: the council met again on Tuesday and the members voted on the "
        "budget for the coming year after a long debate."
        for k in range(8)
    ]
    page = "\n".join(["Home", *body[:7], notice, *body[7:], *body[:7]])
    default_lexicon().memo.clear()
    cold = strip_chrome_explain(page)
    assert notice in cold.text.split("\n")
    assert strip_chrome_explain(notice).removed[0].reason == "lexicon"  # searched at an edge
    assert strip_chrome_explain(page) == cold


def test_every_kind_of_whitespace_inside_a_line_is_normalized() -> None:
    # The cheap test for "this text needs its spaces normalized" must know every
    # whitespace character a line can hold (Hypothesis found U+1680, the Ogham space mark).
    from newsclean.chrome import _ASCII_SPACES, _OTHER_SPACES

    inside = {
        chr(c)
        for c in range(0x110000)
        if chr(c).isspace() and len(f"a{chr(c)}b".splitlines()) == 1 and c != 0x20
    }
    assert inside == set(_ASCII_SPACES) | set(_OTHER_SPACES)
    for space in sorted(inside):
        line = f"The minister said{space}on Monday that the talks would resume."
        assert strip_chrome(line) == "The minister said on Monday that the talks would resume."
    assert strip_chrome_explain("0\u16800").text == "0 0"


def test_a_caption_inside_the_article_is_dropped_and_does_not_end_it() -> None:
    paragraphs = [
        "The two ministers signed the agreement on Monday in the capital after a week of talks.",
        "It covers training, the exchange of information and joint exercises next spring.",
        "Officials said the details would be published once both parliaments had approved it.",
        "The opposition said it would ask for a debate before the vote later this month.",
    ]
    dump = "\n".join(
        ["Home", "World", *paragraphs[:2], "Image caption The ministers at the signing",
         "Image copyright Reuters", *paragraphs[2:], "Share to Twitter", "Leave a comment"]
    )  # fmt: skip
    res = strip_chrome_explain(dump)
    assert res.text.split("\n") == paragraphs
    reasons = {r.text: (r.reason, r.rule) for r in res.removed}
    assert reasons["Image copyright Reuters"] == ("lexicon", "en:caption:Image copyright ...")
    assert reasons["Image caption The ministers at the signing"][0] == "lexicon"


# -- a slide show flattened into the page ----------------------------------------------------

SLIDES = [
    "1/4 Crowds gather in the main square before the march begins in the morning sun.",
    "2/4 Police officers close the road to traffic as the first marchers arrive, said a witness.",
    "3/4 Volunteers hand out water to the marchers waiting in the heat near the city hall.",
    "4/4 The march ends at the park where speakers address the crowd from a small stage.",
]


def test_a_slide_show_inside_the_article_is_dropped_and_does_not_split_it() -> None:
    body = STORY[2:]
    dump = ["Home", "World", *STORY[:1], body[0], *SLIDES, *body[1:], "Leave a comment"]
    res = strip_chrome_explain("\n".join(dump))
    assert res.text.splitlines() == [STORY[0], *body]  # the paragraphs on both sides stay
    slides = [r for r in res.removed if r.reason == "gallery"]
    assert [r.text for r in slides] == SLIDES
    assert slides[1].rule == "slide 2 of 4: the captions of a slide show (4 slides in a row)"


@pytest.mark.parametrize(
    "lines",
    [
        # dates, a repeated counter, fractions in a recipe, counters that skip: kept
        ["06/08 The council met on Monday to discuss the new budget for the schools.",
         "06/08 The mayor said the budget would be published later in the week.",
         "05/08 The opposition asked for a debate before the vote on the plan."],
        ["1 / 5 The council met on Monday to discuss the new budget for the schools.",
         "1 / 5 The mayor said the budget would be published later in the week.",
         "1 / 5 The opposition asked for a debate before the vote on the plan."],
        ["3/4 cup of flour is mixed with the butter until the dough is smooth and soft.",
         "1/4 cup of sugar is added to the dough, which then rests for an hour.",
         "1/2 cup of milk is poured in slowly while the dough is stirred again."],
        ["1/9 The council met on Monday to discuss the new budget for the schools.",
         "3/9 The mayor said the budget would be published later in the week.",
         "5/9 The opposition asked for a debate before the vote on the plan."],
    ],
)  # fmt: skip
def test_numbers_that_do_not_count_slides_are_not_a_gallery(lines: list[str]) -> None:
    dump = ["Home", "World", *STORY, *lines, "Leave a comment"]
    res = strip_chrome_explain("\n".join(dump))
    assert not [r for r in res.removed if r.reason == "gallery"]
    assert set(lines) <= set(res.text.splitlines())


def test_slides_may_have_credits_between_them_but_not_a_whole_section() -> None:
    credit = ["Photo: Reuters"]
    near = [SLIDES[0], *credit, SLIDES[1], *credit, SLIDES[2]]
    assert sorted(gallery_slides(near)) == [0, 2, 4]
    # more than GALLERY_GAP lines between two counters: not one slide show
    far = [SLIDES[0], *STORY * 2, SLIDES[1], SLIDES[2]]
    assert len(STORY * 2) > GALLERY_GAP and gallery_slides(far) == {}
    # "3 of 12", "3 von 12": the counter's word may be written out
    written = [s.replace("/4", " of 4", 1) for s in SLIDES]
    assert sorted(gallery_slides(written)) == [0, 1, 2, 3]


def test_a_traditional_chinese_dump() -> None:
    # Taiwan and Hong Kong sites write their chrome in traditional characters
    body = [
        "（中央社記者王明台北28日電）行政院今天通過明年度總預算案，總額達新台幣3兆元，"
        "將送立法院審議。行政院發言人表示，預算案著重於社會福利與國防。",
        "立法院預計下個月開始審查預算案，朝野黨團對部分項目仍有不同意見，審查過程可能延長。",
    ]
    head = [
        "首頁 > 政治 > 兩岸",
        "行政院通過明年度總預算案",
        "2024-11-28 15:13 記者王明／台北報導",
        "分享",
    ]
    tail = [
        "相關新聞",
        "立法院三讀通過修法",
        "版權所有 © 2024 中央通訊社",
        "回到頂部",
        "隱私權政策",
    ]
    dump = "\n".join([*head, *body, *tail])
    res = strip_chrome_explain(dump)
    assert res.text.splitlines() == body
    reasons = {r.text: (r.reason, r.rule) for r in res.removed}
    assert reasons["分享"] == ("lexicon", "zh:share:分享")
    assert reasons["相關新聞"] == ("lexicon", "zh:related:相關新聞")
    assert reasons["版權所有 © 2024 中央通訊社"] == ("lexicon", "zh:copyright:... 版權所有 ...")
    assert reasons["回到頂部"] == ("lexicon", "zh:back_to_top:回到頂部")
    assert reasons["隱私權政策"] == ("lexicon", "zh:footer:隱私權政策")


# -- the page's date line -------------------------------------------------------------------

_BODY = [
    "The city council approved the new budget on Tuesday after a long and heated debate.",
    "The plan raises spending on schools and roads, and it cuts the fees paid by small shops.",
    "Opposition members said the vote was rushed and asked for a review of the figures.",
    "The mayor said the budget would be published in full on the city's website next week.",
]


def _page(*head: str, tail: tuple[str, ...] = ()) -> str:
    return "\n".join([*head, *_BODY, *tail])


@pytest.mark.parametrize(
    ("name", "published", "line_no"),
    [
        ("002_alrased-news.txt", "2020-05-05", 11),  # الثلاثاء 05 مايو 2020 - 11:42 ص
        ("003_nabd-alkhabar-teaser.txt", "2020-05-05", 5),  # نُشر في: ... | آخر تحديث: ...
        ("008_alwatan-alyawm-spa.txt", "2020-11-18", 8),  # 2020-11-18 10:05
        ("010_isna-fa-metro.txt", "2021-05-10", 10),  # ۱۴۰۰-۰۲-۲۰ ۰۹:۴۵ (Solar Hijri)
        ("000_364726c1157b4527.txt", None, None),  # the original seed prints no date
    ],
)
def test_the_seed_dumps_date_lines(name: str, published: str | None, line_no: int | None) -> None:
    text = (Path(__file__).parent.parent / "seeds" / name).read_text("utf-8")
    res = strip_chrome_explain(text)
    assert res.published == published
    if line_no is None:
        assert res.dated_by == ""
    else:
        line = text.splitlines()[line_no].strip()
        assert res.dated_by == f"date line {line_no}: {line!r}"
        # the date line is still removed as chrome, and says why
        assert any(r.line_no == line_no for r in res.removed)
        # dated=False skips the reading, and nothing else changes
        undated = strip_chrome_explain(text, dated=False)
        assert undated.published is None and undated.dated_by == ""
        assert (undated.text, undated.removed) == (res.text, res.removed)


def test_the_date_line_is_read_around_the_headline_only() -> None:
    # below the headline, above it, and in the body's first lines
    below = _page("Home", "News", "Council approves budget", "Tuesday, May 5, 2020")
    assert strip_chrome_explain(below).published == "2020-05-05"
    above = _page("Home", "5 May 2020", "Politics", "Council approves budget", "By Jane Doe")
    assert strip_chrome_explain(above).published == "2020-05-05"
    # a site's date of the day in its top bar, far above the headline, is not the story's
    top_bar = _page(
        "Monday, 30 November 2026", "Home", "World", "Business", "Sport", "Opinion",
        "Council approves budget", "By Jane Doe",
    )  # fmt: skip
    assert strip_chrome_explain(top_bar).published is None
    # neither are the dates of the stories listed after the article
    listing = _page(
        "Council approves budget",
        tail=("More stories", "Schools reopen", "May 1, 2020", "Road works end", "May 2, 2020"),
    )
    assert strip_chrome_explain(listing).published is None
    # nor a date inside a sentence of the article
    assert strip_chrome_explain("\n".join(["Council approves budget", *_BODY])).published is None


def test_a_cued_date_wins_and_an_update_alone_is_no_publication_date() -> None:
    cued = _page("Council approves budget", "May 6, 2020", "Published: May 5, 2020")
    res = strip_chrome_explain(cued)
    assert res.published == "2020-05-05"
    assert res.dated_by == "date line 2: 'Published: May 5, 2020'"
    updated = _page("Council approves budget", "Updated: May 6, 2020")
    assert strip_chrome_explain(updated).published is None
    # an English page's 03/04/2026 is April 3 or March 4: no date; a French page's is April 3
    assert strip_chrome_explain(_page("Council approves budget", "03/04/2026")).published is None


def test_a_long_line_gives_its_date_only_near_its_start_or_a_separator() -> None:
    byline = "By Jane Doe, City Hall Reporter | May 5, 2020 | 3 min read"  # 12 words
    assert strip_chrome_explain(_page("Council approves budget", byline)).published == (
        "2020-05-05"
    )
    named = "By Joseph Tsidulko November 19, 2019, 07:47 PM EST"  # the name, then the date
    assert strip_chrome_explain(_page("Council approves budget", named)).published == ("2019-11-19")
    dek = "The mayor presented the plan to the council members in the old hall (05.05.2020)"
    assert strip_chrome_explain(_page("Council approves budget", dek)).published is None


def test_the_pipeline_dates_a_text_dump_by_its_date_line(seed_bytes: bytes) -> None:
    text = (Path(__file__).parent.parent / "seeds" / "002_alrased-news.txt").read_bytes()
    article = clean(text, explain=True)
    assert article.date == "2020-05-05"
    notes = [n for s in article.steps if s.name == "extract" for n in s.notes]
    assert "date 2020-05-05: the publication date in date line 11: " in "\n".join(notes)
    # the caller's date wins over the page's
    assert clean(text, date="2020-05-04").date == "2020-05-04"
    # a dump without a date line stays undated
    assert clean(seed_bytes).date is None


def test_a_relative_stamp_dates_the_article_only_against_the_fetch() -> None:
    page = _page("Home", "Council approves budget", "By Jane Doe", "2 hours ago")
    res = strip_chrome_explain(page)
    assert res.published is None and res.published_ago == 7200.0
    assert res.dated_by == "date line 3: '2 hours ago'"
    art = clean(page, fetched="2026-11-30T01:00:00Z", explain=True)
    assert art.date == "2026-11-29"  # two hours before 01:00 UTC
    notes = [n for s in art.steps if s.name == "extract" for n in s.notes]
    assert any(n.startswith("date 2026-11-29: 2 hours before the fetch") for n in notes)
    assert clean(page).date is None  # no fetch time: no date
    # a date line wins over a relative stamp; the fetch time is never the article's date
    both = _page("Council approves budget", "2 hours ago", "May 5, 2020")
    assert clean(both, fetched="2026-11-30T01:00:00Z").date == "2020-05-05"
    plain = _page("Council approves budget", "By Jane Doe")
    assert clean(plain, fetched="2026-11-30T01:00:00Z").date is None


def test_a_read_also_link_over_two_lines_inside_the_article_keeps_both_halves() -> None:
    # a related heading on a line of its own ("اقرأ أيضا.."), the linked headline under it,
    # an ad label, and the story goes on: an inline link, not the list the article ends at
    body = [
        *STORY[2:],
        "The port authority said it would hire two hundred more workers next year to cope "
        "with the growth in container traffic expected after the new terminal opens.",
    ]
    link = "Port authority names a new chairman for the harbour"
    dump = ["Home", "World", *STORY[:2], body[0], body[1], "Related articles", link]
    dump += ["Advertisement", body[2], body[3], "Contact us"]
    res = strip_chrome_explain("\n".join(dump))
    assert res.text.splitlines()[-4:] == body
    assert {r.text for r in res.removed} >= {"Related articles", link, "Advertisement"}
    # two linked headlines under the heading ("Also read" over two stories) are one too
    other = "Harbour pilots agree a new contract after a month of talks"
    two = [*dump[:7], other, *dump[7:]]
    res = strip_chrome_explain("\n".join(two))
    assert res.text.splitlines()[-4:] == body
    assert {r.text for r in res.removed} >= {"Related articles", link, other}
    # a heading over a list of links ends the article: "Latest" is no linked headline
    listed = ["Home", *STORY, "Related articles", "Latest", "Breaking News", *TICKER]
    assert strip_chrome("\n".join(listed)).splitlines()[-3:] == STORY[2:]
    # two such blocks one after the other ("Related articles", a headline, "Related
    # articles", another headline), then the story goes on
    stacked = [*dump[:8], "Related articles", other, *dump[8:]]
    res = strip_chrome_explain("\n".join(stacked))
    assert res.text.splitlines()[-4:] == body
    assert {r.text for r in res.removed} >= {"Related articles", link, other}


def test_a_caption_closing_with_its_photo_credit_is_removed() -> None:
    caption = "Dock workers leave the harbour on Wednesday. © John Smith/dpa"
    agency = "Containers stacked at the port on Wednesday. STEPHANE MAHE / REUTERS"
    body = STORY[2:]
    dump = ["Home", *STORY[:2], body[0], caption, body[1], agency, body[2], "Contact us"]
    res = strip_chrome_explain("\n".join(dump))
    assert res.text.splitlines()[-3:] == body
    reasons = {r.text: r.reason for r in res.removed}
    assert reasons[caption] == reasons[agency] == "caption"


def _post(user: str, joined: str, n: int, date: str, body: list[str]) -> list[str]:
    return [
        user,
        "Member",
        f"Joined {joined}",
        f"Messages {n}",
        date,
        f"#{n % 7 + 1}",
        *body,
        "Like",
        "Quote",
    ]


_THREAD_POSTS = [
    (
        "kettle_fan",
        "Jun 12, 2019",
        87,
        "Mar 2, 2024",
        [
            "My kettle started clicking off long before the water boils, about a minute in.",
            "I descaled it last week with citric acid and rinsed it three times, same problem.",
        ],
    ),
    (
        "repair_dave",
        "Jan 3, 2011",
        14502,
        "Mar 2, 2024",
        [
            "That sounds like the thermostat at the base. Scale under the element plate can "
            "fool it even after a descale, so check the underside too.",
        ],
    ),
    (
        "mo_tinker",
        "Sep 8, 2016",
        2311,
        "Mar 3, 2024",
        [
            "Mine did the same and it was the lid switch. Press the lid down firmly while it "
            "heats and see whether it still clicks off early.",
        ],
    ),
    (
        "kettle_fan",
        "Jun 12, 2019",
        88,
        "Mar 4, 2024",
        [
            "Update for anyone who finds this later: it was the lid switch after all, a new "
            "hinge fixed it for three pounds. Thanks everyone for the help.",
        ],
    ),
]


def test_a_forum_threads_posts_are_all_kept() -> None:
    lines = ["Home", "Forums", "Kitchen appliances", "Kettle clicks off early", "Watch"]
    for user, joined, n, date, body in _THREAD_POSTS:
        lines += _post(user, joined, n, date, body)
    lines += ["You must log in or register to reply here.", "Similar threads", "Contact us"]
    out = strip_chrome("\n".join(lines))
    for *_, body in _THREAD_POSTS:
        for paragraph in body:
            assert paragraph in out
    for chrome_line in ("Joined Jan 3, 2011", "Messages 2311", "Quote", "Similar threads"):
        assert chrome_line not in out.splitlines()


def test_comments_framed_like_posts_stay_out_of_a_long_article() -> None:
    # a blog platform prints the same menu around the article and around each comment;
    # the article is far longer than a comment, so the comments are not posts of a thread
    article = [
        f"Paragraph {i} of the article explains how the council will spend the new budget "
        "on roads, schools and the libraries of the county over the next three years."
        for i in range(12)
    ]
    menu = ["Edit", "Delete", "Invite", "Hide", "3/09/15 8:12am"]
    lines = ["Home", "News", *menu, *article, *menu, "Discussion"]
    comments = [
        "Good to see the libraries get something at last, they were neglected for years.",
        "Roads first, please. The potholes on the ring road are getting worse every week.",
        "I would rather they fixed the schools before anything else, to be honest here.",
    ]
    for c in comments:
        lines += ["reader_name", *menu, c]
    lines += [*menu, "Footer"]
    out = strip_chrome("\n".join(lines))
    assert article[0] in out and article[-1] in out
    assert not any(c in out for c in comments)


_RECIPE = """Home
Recipes
Soups
Prep Time 10 minutes
Cook Time 30 minutes
Servings 4
Print
Ingredients
For the soup
2 tbsp olive oil
1 large onion, finely chopped
2 carrots, diced
250g red lentils, rinsed
1.2 litres vegetable stock
Salt and black pepper
Method
Heat the oil in a large pan and cook the onion and carrots for eight minutes, until soft.
Add the lentils and the stock, bring to the boil and simmer for twenty minutes.
Season to taste and serve with a spoonful of yoghurt on each bowl.
Most read
1 Council votes to close the library
2 Storm brings down trees across town
3 School wins national science prize
4 Bus fares to rise in January
© 2024 The Soup Pot. All rights reserved."""


def test_a_recipes_ingredients_are_kept_with_its_steps() -> None:
    kept = strip_chrome(_RECIPE).splitlines()
    for line in ("2 tbsp olive oil", "250g red lentils, rinsed", "Salt and black pepper"):
        assert line in kept
    assert kept[-1].startswith("Season to taste")
    # the numbers of a "most read" list count up one by one: a ranking, not quantities
    assert not any(line.startswith(("1 Council", "4 Bus")) for line in kept)
    assert "Servings 4" not in kept


def test_a_list_a_sentence_introduces_with_a_colon_stays_in_the_article() -> None:
    prose = (
        "The company opened its new cold store near the town on Monday, the largest of its "
        "kind in the country, after two years of building work and a long wait for permits."
    )
    page = "\n".join(
        [
            "Home",
            "Business",
            "Fruit exporter opens the country's largest cold store",
            prose,
            "The main facts about the investment:",
            "capacity of 40,000 tonnes of fruit,",
            "96 rooms with a controlled atmosphere,",
            "a sorting line for 30 tonnes an hour,",
            "120 new jobs.",
            "Building took 22 months and was partly paid for by the national recovery plan, "
            "the company said, adding that it had already signed contracts with 300 growers.",
            "Newsletter",
            "Subscribe",
            "© 2024 Business Daily",
        ]
    )
    kept = strip_chrome(page).splitlines()
    assert "96 rooms with a controlled atmosphere," in kept
    assert kept[-1].startswith("Building took 22 months")
    # without their commas the items are still what the sentence introduces (the next
    # paragraph closes them: see introduced_lines); a menu of the site's sections is not
    bare = page.replace(",\n", "\n").replace("120 new jobs.", "120 new jobs")
    assert "96 rooms with a controlled atmosphere" in strip_chrome(bare).splitlines()
    sections = ["Home", "World", "Business", "Sport", "Weather"]
    menu = page.replace("capacity of 40,000 tonnes of fruit,\n", "\n".join(sections) + "\n")
    assert not set(sections) & set(strip_chrome(menu).splitlines())


def test_a_list_the_article_speaks_of_joins_its_intro_to_it() -> None:
    intro = (
        "Blackened, peeling sealant around a bath is more than an eyesore: water gets under "
        "it and mould grows behind the tiles, so it is worth replacing every few years."
    )
    steps = [
        "Cut the old silicone along both edges with the knife and pull it off by hand.",
        "Clean the joint with isopropyl alcohol and let it dry for an hour before you start.",
        "Apply the masking tape on both sides, then fill the joint with the sealant gun.",
    ]
    tools = [
        "What you need",
        "sanitary silicone sealant",
        "a sealant gun",
        "a sharp knife",
        "isopropyl alcohol",
        "masking tape",
    ]
    page = "\n".join(["Home", "DIY", "How to replace bath sealant", intro, *tools, *steps])
    kept = strip_chrome(page).splitlines()
    assert intro in kept and "masking tape" in kept and kept[-1] == steps[-1]
    # capitalised labels that name the article's words (tags, sections) stay chrome
    tags = ["Tags", "Silicone", "Bathroom", "Masking Tape", "Sealant Gun"]
    page = "\n".join(["Home", "How to replace bath sealant", intro, *tags, *steps])
    kept = strip_chrome(page).splitlines()
    assert kept[0] == steps[0] and intro not in kept and "Silicone" not in kept


def test_figures_a_sentence_introduces_stay_in_the_article() -> None:
    prose = [
        "The statistics office said on Friday that annual inflation fell to 44.4 percent in "
        "December, the lowest rate in more than a year, as price rises slowed in most groups.",
        "Economists said the fall was in line with expectations and would allow the central "
        "bank to continue the cuts in interest rates it began last month.",
        "The finance ministry said in a statement that the fight against inflation would go "
        "on with determination in the coming year, with a target of a single-digit rate.",
    ]
    figures = [
        "Housing: 85.5 percent",
        "Education: 76.8 percent",
        "Health: 52.1 percent",
        "Transport: 29.3 percent",
    ]
    intro = "The yearly change by main group was as follows:"
    page = "\n".join(["Home", "Economy", prose[0], intro, *figures, *prose[1:], "Contact"])
    kept = strip_chrome(page).splitlines()
    assert kept == [prose[0], intro, *figures, *prose[1:]]
    # a recipe card's "Servings: 4" under a heading of one word is no such list
    card = "\n".join(
        [
            "Home",
            prose[0],
            "Details:",
            "Servings: 4",
            "Prep time: 10 minutes",
            "Cook time: 30 minutes",
            *prose[1:],
        ]
    )
    assert "Servings: 4" not in strip_chrome(card).splitlines()


def test_a_table_flattened_between_two_paragraphs_stays_in_the_article() -> None:
    prose = [
        "The election commission published the final results of Sunday's by-election in the "
        "city's ninth ward on Monday, after a recount requested by two of the candidates.",
        "Turnout was 38 percent, up from 31 percent at the last municipal election in the "
        "ward, the commission said. The results were as follows:",
        "The winner will be sworn in at the next council meeting, which is due to take place "
        "on the first Thursday of next month, the city clerk said.",
    ]
    table = ["Candidate", "Party", "Votes", "Maria Lopez", "Independent", "2,914"]
    table += ["Peter Novak", "Civic Union", "2,377", "Ann Reyes", "Green List", "1,108"]
    page = "\n".join(["Home", "City", prose[0], prose[1], *table, prose[2], "Contact us"])
    assert strip_chrome(page).splitlines() == [*prose[:2], *table, prose[2]]
    # a widget's table under a heading of its own, after the article, stays out
    widget = ["Exchange rates", "USD", "0.92", "GBP", "1.17", "CHF", "1.05", "JPY", "0.0061"]
    page = "\n".join(["Home", *prose, *widget, "Contact us"])
    assert strip_chrome(page).splitlines() == prose


def test_quantities_may_open_with_a_vulgar_fraction() -> None:
    # "½ cup", "¾ teaspoon": a fraction opens a quantity as a digit does
    fractions = (
        _RECIPE.replace("250g red lentils, rinsed", "½ cup red lentils")
        .replace("1.2 litres vegetable stock", "¾ litre vegetable stock")
        .replace("Salt and black pepper", "¼ teaspoon ground cumin")
    )
    kept = strip_chrome(fractions).splitlines()
    assert {"½ cup red lentils", "¼ teaspoon ground cumin", "2 tbsp olive oil"} <= set(kept)
    assert kept[-1].startswith("Season to taste")


def test_what_a_paragraph_closing_with_a_colon_introduces_stays_in_the_article() -> None:
    intro = (
        "When the same setting is defined in more than one place, the tool uses the first "
        "value it finds, in this order:"
    )
    items = ["Flags given on the command line", "Variables of the current shell"]
    items += ["The file named with --env-file", "Defaults in the project's config file"]
    after = (
        "Values from later sources are ignored, so a flag always wins over a variable "
        "exported in the shell or written in one of the files."
    )
    page = "\n".join(["Docs", "Guides", "Search", intro, *items, after, "Edit this page"])
    assert strip_chrome(page).splitlines() == [intro, *items, after]
    # a video's label closing with a colon introduces its player's lines, not the article's
    video = ["WATCH | Transit workers rally outside city hall:", "Transit union rallies"]
    video += ["2 hours ago", "Duration", "2:03", after]
    for label in (video[0], "VIDEO: Transit workers rally outside city hall:"):
        lines = [label, *video[1:]]
        kind = bytearray([1, 0, 0, 0, 0, 1])  # the label and the last line read as prose
        assert introduced_lines(lines, [len(x.split()) for x in lines], kind) == []
    lines = [intro, *video[1:]]
    assert introduced_lines(lines, [len(x.split()) for x in lines], kind) == [1, 2, 3, 4]


def test_a_list_inside_the_article_that_it_speaks_of_is_no_menu() -> None:
    prose = [
        "Our gas boiler is almost twenty years old, and last winter I wanted to know when it "
        "actually runs, so I put two temperature sensors on its pipes.",
        "Both sensors hang on the same data wire, which the board reads once a minute; the "
        "resistor goes between the data wire and the power line.",
        "After two weeks the result was sobering: at night the boiler switches on and off "
        "every twelve minutes, even when nobody needs hot water.",
    ]
    parts = ["What I used", "an old board from the drawer", "two waterproof temperature sensors"]
    parts += ["a resistor of 4.7 kilohms", "cable ties and some tape"]
    page = "\n".join(["Blog", "Archive", prose[0], *parts, *prose[1:], "Leave a comment"])
    assert strip_chrome(page).splitlines() == [prose[0], *parts, *prose[1:]]
    # a menu inside the article speaks of nothing the article says
    menu = ["Home", "Archive", "About me", "Contact"]
    page = "\n".join(["Blog", prose[0], *menu, *prose[1:], "Leave a comment"])
    assert not set(menu) & set(strip_chrome(page).splitlines())


def test_a_threads_posts_framed_by_reply_buttons_are_all_kept() -> None:
    # each post: its author and date above it, "Reply" (a comment-form phrase) after it;
    # the phrase is looked up near the article run only, and counts as a frame either way
    posts = [
        (
            "maria_k",
            "Mar 3",
            "My bread machine stops halfway through the kneading cycle and shows an error "
            "code. It started after I moved it to a new kitchen counter last week.",
        ),
        (
            "dev_oven",
            "Mar 3",
            "Is the new socket on the same circuit as the kettle? A drop in voltage when "
            "both run at once trips the motor's protection, and the code you see is exactly "
            "that fault. Try another socket, or run the machine when nothing else is on, "
            "and check that the pan sits fully down on its drive shaft before you start.",
        ),
        (
            "maria_k",
            "Mar 4",
            "That was it: the dishwasher shares the circuit. On another socket it ran the "
            "whole programme without a single stop.",
        ),
        (
            "dev_oven",
            "Mar 4",
            "Glad it works. Worth knowing for anyone else: the same fault shows up with "
            "extension leads, so plug the machine straight into the wall.",
        ),
    ]
    lines = ["Home Cooks Forum", "Sign up", "Log in", "Bread machine stops mid-kneading"]
    for user, date, body in posts:
        lines += [user, date, body, "Reply"]
    lines += ["created", "Mar 3", "last reply", "Mar 4", "4", "replies"]  # the topic's stats
    lines += ["Related topics", "Bread too dense after the second rise", "Privacy"]
    kept = strip_chrome("\n".join(lines)).splitlines()
    assert [body for *_, body in posts] == [line for line in kept if len(line) > 40]
    assert not {"maria_k", "dev_oven", "Reply", "Related topics"} & set(kept)


def test_a_short_line_closing_with_a_colon_introduces_the_items_after_it() -> None:
    # NTV's layout: two paragraphs, "its features are as follows:" on a line of its own
    # (too short to read as prose), four bulletless items, then the story goes on
    first = [
        "Yerli imkânlarla geliştirilen yer gözlem uydusu, dün gece ABD'nin Kaliforniya "
        "eyaletindeki üsten fırlatıldı. Uydunun planlanan yörüngeye yerleştiği açıklandı.",
        "Proje yetkilileri, ilk sinyalin Ankara'daki yer istasyonuna başarıyla ulaştığını "
        "ve uydunun tüm alt sistemlerinin normal çalıştığını bildirdi.",
    ]
    intro = "Uydunun öne çıkan özellikleri şöyle:"
    items = ["0,8 metreye kadar çözünürlükte görüntüleme"]
    items += ["Günde birden fazla kez Türkiye üzerinden geçiş"]
    items += ["Tarım, afet yönetimi ve şehir planlaması için veri sağlama"]
    items += ["En az yedi yıllık görev ömrü"]
    rest = [
        "Projenin mühendislerinden Zeynep Arslan, uydunun kritik bileşenlerinin büyük "
        "kısmının yurt içinde tasarlandığını ve üretildiğini söyledi. Bu, ileride daha "
        "büyük projeler için önemli bir deneyim olacak.",
        "Uzmanlar, kendi gözlem uydusuna sahip olmanın özellikle deprem ve sel gibi "
        "afetlerden sonra hasar tespiti için hızlı veri sağlayacağını belirtiyor.",
        "Proje kapsamında yetiştirilen genç mühendislerin, bundan sonraki haberleşme ve "
        "gözlem uydusu projelerinde de görev alacağı bildirildi.",
    ]
    menu = ["NTV", "Canlı Yayın", "Son Dakika", "Türkiye", "Dünya", "Ekonomi", "Spor"]
    page = "\n".join([*menu, *first, intro, *items, *rest, "Takip Et", "Künye", "© NTV 2024"])
    assert strip_chrome(page).splitlines() == [*first, intro, *items, *rest]
    # only a line of a few words opens such a list, and no label ("VIDEO: ...")
    lines = ["A paragraph of prose.", "VIDEO: the rally outside city hall:", "Clip", "2:03"]
    lines += ["Another paragraph."]
    kind = bytearray([1, 0, 0, 0, 1])
    assert introduced_lines(lines, [len(x.split()) for x in lines], kind) == []
    lines[1] = "The rally outside city hall:"
    assert introduced_lines(lines, [len(x.split()) for x in lines], kind) == [1, 2, 3]


def test_a_recommended_carousel_inside_the_article_keeps_the_story_whole() -> None:
    # Al Jazeera's in-article carousel: a "Read also" heading, counters between its
    # headlines ("list 1 of 3"), "end of list", the article's next subheading, its text
    # (the block is looked for in the lexicon around the larger part of the story: here
    # the part after it)
    body = [
        *STORY[2:],
        "The port authority said it would hire two hundred more workers next year to cope "
        "with the growth in container traffic expected after the new terminal opens.",
        "Importers welcomed the end of the strike but asked for compensation for the goods "
        "that spoiled in the containers left on the quays during the two weeks.",
    ]
    block = ["Related articles", "list 1 of 3", "Port authority names a new chairman"]
    block += ["list 2 of 3", "Harbour pilots agree a new contract after talks"]
    block += ["list 3 of 3", "Dock workers end their strike at the container terminal"]
    block += ["end of list"]
    sub = "A record year"
    dump = ["Home", "World", *STORY[:2], *body[:2], *block, sub, *body[2:], "Contact us"]
    res = strip_chrome_explain("\n".join(dump))
    assert res.text.splitlines()[-len(body) - 1 :] == [*body[:2], sub, *body[2:]]
    assert {r.text for r in res.removed} >= set(block)


def test_a_pull_quote_repeating_the_text_is_removed() -> None:
    # an opinion column prints one of its sentences again in quotes, in large type; a
    # subheading that quotes a short phrase of the text stays
    prose = [
        "In the old photographs the tram crosses the square slowly while boys hang from "
        "its doors and the shops along the street keep their shutters open.",
        "Cities do not choke all at once, they choke on small decisions that pile up over "
        "the years until nobody remembers how the streets used to move.",
        "Nobody asks for a miracle: a regular bus line with published times, safe stops "
        "and one ticket for every line would already change the daily life of thousands.",
    ]
    pull = '"Cities do not choke all at once, they choke on small decisions"'
    sub = "'Small decisions'"
    disclaimer = "المقالات المنشورة تعبر عن رأي كاتبها ولا تعبر بالضرورة عن رأي الصحيفة."
    page = "\n".join(["Opinion", prose[0], prose[1], pull, sub, prose[2], disclaimer])
    res = strip_chrome_explain(page)
    assert res.text.splitlines() == [prose[0], prose[1], sub, prose[2]]
    reasons = {r.text: r.reason for r in res.removed}
    assert reasons[pull] == "pull-quote" and reasons[disclaimer] == "lexicon"


def test_a_product_table_of_labels_with_figures_stays_in_the_article() -> None:
    # a comparison table: a header of labels, then rows whose cells are labels with
    # figures in them ("6 TOPS", "ab 109 Euro"); the paragraph before it closes with a
    # colon, so the table may end in the page's chrome ("Related" and a headline)
    prose = [
        "Three makers have launched single-board computers with a neural processing unit in "
        "recent weeks, and all of them want to take on the best-known board of the kind.",
        "All three use ARM processors and keep to the familiar form factor, so that many "
        "cases and add-on boards fit them. Here is how they compare on paper:",
        "The figures are hard to compare, because each maker measures its accelerator in its "
        "own way, and we will test the boards as soon as we can get hold of them.",
        "All three boards should be in the shops before the end of the month, their makers "
        "said, although delivery dates for the largest memory versions were not given.",
    ]
    table = ["Model", "SoC", "NPU", "Price", "Orion Pi 5 Pro", "RK3588S", "6 TOPS"]
    table += ["from 109 euros", "BananaBoard M7", "RK3588", "6 TOPS", "from 139 euros"]
    table += ["Radxa Zero 4", "Dimensity 1200", "4 TOPS", "from 79 euros"]
    page = "\n".join(["Home", "Tech", prose[0], prose[1], *table, *prose[2:], "Contact us"])
    assert strip_chrome(page).splitlines() == [*prose[:2], *table, *prose[2:]]
    # ... and with a related story's headline after it, a sentence the gap ends at
    related = ["Related", "Cheap boards finally feel ready for a home server. Here is why."]
    page = "\n".join(["Home", "Tech", *prose[:2], *table, *related, *prose[2:], "Contact us"])
    assert set(table) <= set(strip_chrome(page).splitlines())
    # without figures in its rows, a run of short labels is a menu
    menu = ["Model", "SoC", "NPU", "Price", "News", "Tests", "Deals", "Forum"]
    menu += ["Videos", "Podcast", "Jobs", "Shop", "Events", "Contact", "About", "Help"]
    page = "\n".join(["Home", "Tech", prose[0], prose[1], *menu, *prose[2:], "Contact us"])
    assert not set(menu) & set(strip_chrome(page).splitlines())


def test_a_recipes_intro_heading_and_german_quotes_join_the_card() -> None:
    # the headings right above the first quantity ("Zutaten", "Für den Teig:") belong to
    # the list; a sentence closing with a German quote („...“) is a sentence
    intro = [
        "Wenn im Spätsommer die Zwetschgen reif sind, gibt es bei uns nur einen Kuchen, und "
        "das Rezept stammt noch von meiner Großmutter, die ihn jeden Sonntag gebacken hat.",
        "Das Wichtigste ist, die Zwetschgen dicht an dicht zu legen. Oma sagte immer: „Man "
        "darf keinen Teig mehr sehen.“",
    ]
    card = ["Zutaten", "Für den Teig:", "500 g Mehl", "1 Würfel Hefe", "200 ml Milch"]
    card += ["80 g Zucker", "80 g Butter", "1 Ei", "Zubereitung"]
    steps = [
        "Die Hefe in der lauwarmen Milch auflösen, etwas Zucker dazugeben und zehn Minuten "
        "stehen lassen, bis sich kleine Bläschen bilden.",
        "Mehl, Zucker, Butter und Ei in eine Schüssel geben, die Hefemilch dazugießen und "
        "alles zu einem glatten Teig kneten, der sich vom Rand der Schüssel löst.",
    ]
    page = "\n".join(["Startseite", "Rezepte", *intro, "Zwetschgendatschi", *card, *steps])
    kept = strip_chrome(page).splitlines()
    assert kept[:2] == intro
    assert [*card, *steps] == kept[-len(card) - len(steps) :]


def test_polish_function_words_make_a_quoted_paragraph_prose() -> None:
    prose = [
        "Nowy rozkład jazdy zacznie obowiązywać w niedzielę, a przewoźnik zapowiada więcej "
        "połączeń między największymi miastami oraz nowe pociągi nad morze.",
        "Najwięcej zmian dotyczy tras na południu kraju, gdzie pociągi będą kursować częściej "
        "i szybciej niż w zeszłym roku, poinformował przewoźnik.",
    ]
    quote = (
        "– Chcemy, żeby pociąg był pierwszym wyborem w podróżach między dużymi miastami – "
        "powiedział prezes spółki Janusz Malinowski."
    )
    page = "\n".join(
        [
            "Wiadomości",
            "Kraj",
            *prose,
            "Przeczytaj również:",
            "Ceny biletów pójdą w górę",
            "Nowy dworzec w Łodzi. Tak ma wyglądać",
            quote,
            prose[0].replace("Nowy", "Cały"),
            "Regulamin",
            "Kontakt",
        ]
    )
    kept = strip_chrome(page).splitlines()
    assert quote in kept
    assert "Ceny biletów pójdą w górę" not in kept


def test_a_french_papers_subscriber_notices_are_chrome() -> None:
    prose = [
        "Les premiers échouages d'algues vertes ont été constatés dès la mi-avril dans la "
        "baie, soit un mois plus tôt que l'an dernier, selon les associations.",
        "Les élus du littoral demandent à l'État de financer le ramassage quotidien des "
        "algues sur les plages avant l'arrivée des touristes au début de l'été.",
    ]
    notices = ["Article réservé aux abonnés", "Lecture du Journal en cours sur un autre appareil."]
    page = "\n".join(["Planète", notices[0], prose[0], *notices[1:], prose[1], "Contact"])
    assert strip_chrome(page).splitlines() == prose


def test_a_link_line_between_the_text_and_an_inline_related_block() -> None:
    # a gallery link stands between the paragraph and the block's heading: the block is
    # still an inline one between two parts of the article (the larger one below it)
    above = [
        "Ab Montag wird die Bundesstraße zwischen Freising und Attaching saniert. Für "
        "Autofahrer bedeutet das einen großen Umweg über die Dörfer im Norden.",
        "Das Staatliche Bauamt erneuert die Fahrbahn auf einer Länge von rund drei "
        "Kilometern, die Arbeiten sollen bis Ende Juni dauern.",
    ]
    below = [
        "Die Umleitung führt über die Staatsstraße und Hallbergmoos. Für viele Pendler "
        "bedeutet das morgens und abends eine Viertelstunde mehr im Auto.",
        "Anwohner in Attaching befürchten, dass viele Autofahrer stattdessen durch den Ort "
        "fahren, und fordern eine Tempo-30-Zone für die Dauer der Sperrung.",
        "Die Sanierung ist nach Angaben des Bauamts dringend notwendig, weil die Fahrbahn "
        "stark beschädigt ist und sich in den vergangenen Wintern tiefe Schlaglöcher "
        "gebildet haben, die immer wieder notdürftig geflickt werden mussten.",
    ]
    block = [
        "Bilder aus der Region Freising",
        "Das könnte Sie auch interessieren",
        "Biergarten am Domberg öffnet wieder mit neuem Wirt",
        "Mann fährt mit 2,4 Promille gegen eine Ampel",
        "Unfall auf der A92: Lkw-Fahrer schläft am Steuer ein",
    ]
    page = "\n".join(["Lokales", "Freising", *above, *block, *below, "Impressum"])
    assert strip_chrome(page).splitlines() == [*above, *below]
