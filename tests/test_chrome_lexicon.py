"""Phrase lexicons (data files), site profiles and the language guesser."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpgen import STORY_EN
from newsclean import strip_chrome_explain
from newsclean.chrome_lexicon import (
    CATEGORIES,
    Lexicon,
    default_lexicon,
    line_key,
    parse_lexicon,
)
from newsclean.lang import STOPWORD_LANGS, detect_language, stopwords
from newsclean.site import SiteProfile

REQUIRED_LANGS = ("ar", "fa", "en", "fr", "de", "es", "tr", "ru", "zh")
REQUIRED_CATEGORIES = (
    "comment_form",
    "back_to_top",
    "share",
    "newsletter",
    "cookie",
    "copyright",
    "related",
    "category",
    "end_marker",
    "credit",
)


# -- the shipped data files -------------------------------------------------------------


@pytest.mark.parametrize("lang", REQUIRED_LANGS)
def test_lexicon_file_per_language_with_every_category(lang: str) -> None:
    path = resources.files("newsclean").joinpath("data", "chrome", f"{lang}.txt")
    entries = parse_lexicon(path.read_text("utf-8"), lang)
    cats = {hit.category for _, hit in entries}
    missing = set(REQUIRED_CATEGORIES) - cats - ({"end_marker"} if lang in ("ru", "tr") else set())
    assert not missing
    assert len(entries) >= 60


@pytest.mark.parametrize("lang", REQUIRED_LANGS)
def test_stopword_file_per_language(lang: str) -> None:
    assert lang in STOPWORD_LANGS
    assert len(stopwords(lang)) >= 40


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("اترك تعليقاً", "ar:comment_form:اترك تعليقاً"),
        ("اترك تعليقا", "ar:comment_form:اترك تعليقاً"),  # tanween dropped
        ("زر الذهاب إلى الأعلى", "ar:back_to_top:زر الذهاب إلى الأعلى"),
        ("اقرأ أيضاً: خطة جديدة للمياه", "ar:related:اقرأ أيضا: ..."),
        ("جميع الحقوق محفوظة © 2024 شبكة الأخبار", "ar:copyright:... جميع الحقوق محفوظة ..."),
        ("دیدگاه‌ها", "fa:comment_form:دیدگاه‌ها"),
        ("دیدگاه ها", "fa:comment_form:دیدگاه‌ها"),  # zero-width non-joiner or space
        ("۱۲ دیدگاه", "fa:comment_form:0 دیدگاه"),  # Persian digits
        ("انتهای پیام", "fa:end_marker:انتهای پیام"),
        ("Retour en haut", "fr:back_to_top:Retour en haut"),
        ("Partager sur Facebook", "fr:share:Partager sur Facebook"),
        ("Source: AFP", "en:credit:Source: ..."),
        ("SOURCE: afp", "en:credit:Source: ..."),
        ("Kaynak: AA", "tr:credit:Kaynak: ..."),
        ("Quelle: dpa", "de:credit:Quelle: ..."),
        ("Fuente: EFE", "es:credit:Fuente: ..."),
        ("Источник: ТАСС", "ru:credit:Источник: ..."),
        ("来源：新华社", "zh:credit:来源: ..."),
        ("返回顶部", "zh:back_to_top:返回顶部"),
        ("Читайте также: новости дня", "ru:related:Читайте также: ..."),
        ("12 Comments", "en:comment_form:0 comments"),
        ("© 2019 Hearst Communications, Inc.", "en:copyright:© ..."),
        ("Image caption The minister at the signing", "en:caption:Image caption ..."),
        ("Media caption Barack Obama: the talks went well", "en:caption:Media caption ..."),
        ("Share to Twitter", "en:share:Share to Twitter"),
        ("Sign Up for e-mail newsletters", "en:newsletter:Sign up for e-mail ..."),
        ("Baca juga: Presiden resmikan jalan tol", "id:related:Baca juga: ..."),
        ("Související", "cs:related:Související"),
        ("関連記事", "ja:related:関連記事"),
        ("ⓒ 연합뉴스 무단전재 및 재배포 금지", "ko:copyright:ⓒ ..."),
        (
            "Stay up to date with Ascom. Subscribe to our newsletter.",
            "en:newsletter:... subscribe to our newsletter ...",
        ),
        ("Image 3 of 12", "en:caption:Image 0 of 0"),
        (
            "Share All sharing options for: Star Trek 4 eyes Fargo creator Noah Hawley to direct",
            "en:share:Share All sharing options for: ...",
        ),
        ("Tekst se nastavlja ispod oglasa", "hr:advert:Tekst se nastavlja ispod oglasa"),
        ("Pročitajte i: Vlada donijela nove mjere", "hr:related:Pročitajte i: ..."),
        ("Alex Wong | Getty Images", "en:caption:... Getty Images"),
        ("Otras Noticias", "es:related:Otras noticias"),
        (
            "Para comentar debes registrarte y completar los datos generales.",
            "es:comment_form:Para comentar debes ...",
        ),
        ("Schreib einen Kommentar", "de:comment_form:Schreib einen Kommentar"),
        (
            "Wir respektieren deine Privatsphäre. Abmeldung jederzeit möglich.",
            "de:newsletter:Wir respektieren deine Privatsphäre ...",
        ),
        (
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of "
            "Service apply.",
            "en:newsletter:This site is protected by reCAPTCHA ...",
        ),
        # calls to install an app, join a channel or support the site, after the article
        ("Download our app for the latest updates.", "en:share:Download our app ..."),
        ("Have a news tip? Contact us at tips@example.com.", "en:footer:Have a news tip ..."),
        ("حمل تطبيق الموقع الآن لتصلك آخر الأخبار.", "ar:share:حمل تطبيق ..."),
        ("للمزيد من الأخبار تابعوا صفحتنا على فيسبوك.", "ar:share:للمزيد من الأخبار تابعوا ..."),
        (
            "Téléchargez notre application pour suivre l'actualité.",
            "fr:share:Téléchargez notre application ...",
        ),
        (
            "Laden Sie unsere App herunter, um nichts zu verpassen.",
            "de:share:Laden Sie unsere App ...",
        ),
        (
            "Descarga nuestra aplicación para estar informado.",
            "es:share:Descarga nuestra aplicación ...",
        ),
        ("Bu haber toplam 1234 kez okundu.", "tr:meta:Bu haber ... kez okundu ..."),
        ("برای دریافت آخرین اخبار به کانال ما بپیوندید.", "fa:share:... به کانال ما بپیوندید"),
        (
            "Перепечатка материалов без согласия редакции запрещена.",
            "ru:copyright:Перепечатка материалов ...",
        ),
        ("Baca berita lainnya di Google News.", "id:related:Baca berita lainnya ..."),
        (
            "Zapisz się na nasz newsletter i bądź na bieżąco",
            "pl:newsletter:Zapisz się na nasz newsletter ...",
        ),
        ("© Riproduzione riservata", "it:copyright:© Riproduzione riservata"),
        (
            "Meld je aan voor onze nieuwsbrief",
            "nl:newsletter:Meld je aan voor onze nieuwsbrief ...",
        ),
        ("Siga o Expresso no Instagram", "pt:share:Siga o ... no ..."),
        ("Mohlo by vás zajímat", "cs:related:Mohlo by vás zajímat"),
        # Turkish capitals: the dotted capital I lowers to "i" and a dot, dotless "ı" is "i"
        ("İLGİLİ HABERLER", "tr:related:İlgili haberler"),
        ("HABERİN DEVAMI", "tr:caption:Haberin devamı"),
        (
            "Also Read | Bengaluru water crisis: BWSSB caps bulk supply to four zones",
            "en:related:Also read | ...",
        ),
        (
            "Il vous reste 71.23% de cet article à lire. La suite est réservée aux abonnés.",
            "fr:newsletter:Il vous reste ... de cet article ...",
        ),
    ],
)
def test_phrases_match(line: str, rule: str) -> None:
    hit = default_lexicon().match(line)
    assert hit is not None and hit.rule == rule


def test_source_colon_label_needs_the_colon() -> None:
    # "SOURCE - afp" folds to "source afp": no colon, so no "Source: ..." match
    assert default_lexicon().match("SOURCE - afp") is None
    assert default_lexicon().match("Sources said the minister would resign.") is None


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the talks would resume next week.",
        "Share prices rose sharply on Monday after the announcement of the merger.",
        "Home Secretary Priti Patel said the plan would be published next month.",
        "Share to rise after the merger",  # a headline, not a share button
        "Under the new rules, users must be able to unsubscribe at any time from marketing.",
        "The agency said on Monday that it had sold its archive of old pictures to Getty Images.",
        "Para comentar la decisión, el ministro convocó a la prensa el lunes.",
        "وقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
    ],
)
def test_prose_does_not_match(line: str) -> None:
    assert default_lexicon().match(line) is None


def test_prefix_phrases_only_match_short_lines() -> None:
    long = "Published " + " ".join(["word"] * 20)
    assert default_lexicon().match(long) is None
    assert default_lexicon().match("Published June 3, 2024") is not None


def test_line_key_normalization() -> None:
    assert line_key("  Source :  AFP. ") == "source : afp"
    assert line_key("اقرأ أيضاً:") == line_key("اقرا ايضا :")
    assert line_key("© 2019 — All Rights Reserved") == line_key("© 2024 all rights reserved")
    assert line_key("ی ک") == line_key("ي ك")


def test_parse_errors_name_the_problem() -> None:
    with pytest.raises(ValueError, match="unknown category 'nope'"):
        parse_lexicon("[nope]\nx", "xx")
    with pytest.raises(ValueError, match="phrase before any"):
        parse_lexicon("orphan phrase", "xx")
    with pytest.raises(ValueError, match=r"line 2: a gap .* only allowed in a prefix phrase"):
        parse_lexicon("[newsletter]\n... sign up ... newsletter", "xx")


def test_a_prefix_phrase_with_a_gap() -> None:
    # the part after the gap is found later in the line, in order and as whole words
    lex = Lexicon.from_phrases({"newsletter": ["Sign up for ... newsletter ..."]}, lang="x")
    for line in ["Sign up for our daily newsletter today.", "Sign up for the Briefing newsletter"]:
        hit = lex.match(line)
        assert hit is not None and hit.rule == "x:newsletter:Sign up for ... newsletter ..."
    for line in ["Sign up for free", "Sign up for newsletters", "Newsletter: sign up for it"]:
        assert lex.match(line) is None
    # a one-word head is looked up by that word
    lex = Lexicon.from_phrases({"newsletter": ["Subscribe ... newsletter ..."]}, lang="x")
    assert lex.match("Subscribe to the weekly newsletter") is not None
    assert lex.match("Subscribe now") is None
    # and the packaged phrase written this way matches (it silently did not before)
    page = STORY_EN + "\nSign up for our daily newsletter today.\nShare"
    removed = strip_chrome_explain(page).removed
    assert any(r.rule == "en:newsletter:Sign up for ... newsletter ..." for r in removed)


def test_modes_of_a_user_lexicon() -> None:
    lex = Lexicon.from_phrases(
        {
            "related": ["More from Example Times ...", "... on Example TV"],
            "share": ["Pin this"],
            "copyright": ["... example media group ..."],
        },
        lang="example.com",
    )
    assert lex.match("More from Example Times: sport").rule.endswith("More from Example Times ...")
    assert lex.match("Watch it live on Example TV").category == "related"
    assert lex.match("Pin this").category == "share"
    assert lex.match("A service of Example Media Group, 2024").category == "copyright"
    assert lex.match("Pin this to your board and share it with friends today") is None
    assert set(CATEGORIES) >= {c for _, h in lex.entries for c in [h.category]}


def test_user_lexicon_extends_strip_chrome() -> None:
    text = (
        "Example Times Daily Digest\n"
        "The council approved the new budget on Tuesday after a long debate.\n"
        "Schools and roads get most of the money, the mayor said in a statement."
    )
    assert "Daily Digest" in strip_chrome_explain(text).text
    lex = default_lexicon() | Lexicon.from_phrases({"navigation": ["Example Times Daily Digest"]})
    res = strip_chrome_explain(text, lexicon=lex)
    assert "Daily Digest" not in res.text
    assert res.removed[0].rule == "user:navigation:Example Times Daily Digest"


def test_contains_phrases_found_in_every_spelling() -> None:
    # the pre-test looks for the distinctive word of "... کلیه حقوق ..." in the raw line,
    # which spells it with Persian letters while the key folds them to Arabic ones
    body = (
        "وزیر امور خارجه روز دوشنبه در تهران گفت که مذاکرات با طرف اروپایی ادامه دارد.\n"
        "او افزود که این گفتگوها در چارچوب همکاری های دوجانبه انجام می شود و نتایج آن "
        "به زودی اعلام خواهد شد.\n"
    )
    for footer in ("کلیه حقوق این سایت محفوظ است", "كلية حقوق این سایت محفوظ است"):
        res = strip_chrome_explain(body + footer)
        assert [(r.text, r.reason, r.rule) for r in res.removed] == [
            (footer, "lexicon", "fa:copyright:... کلیه حقوق ...")
        ]


def test_lexicon_files_load_from_disk(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sw.txt"
    path.write_text("[share]\nShiriki\n[back_to_top]\nRudi juu\n", "utf-8")
    lex = Lexicon.from_files([path])
    assert lex.match("Rudi juu").rule == "sw:back_to_top:Rudi juu"


# -- site profiles --------------------------------------------------------------------------


def _site_pages() -> list[str]:
    stories = [
        "The harbour reopened on Monday after repairs to the sea wall were finished.",
        "A new library opened in the old post office building on Main Street.",
        "Council members voted to extend the night bus service until midnight.",
        "The football club signed two young players from the regional academy.",
        "Heavy snow closed the mountain pass for the second time this winter.",
    ]
    chrome = ["Valley Gazette", "Read the e-paper", "Popular: Fishermen protest quota cuts"]
    return [
        "\n".join([*chrome, f"Story {i}", s, s.replace("The", "Officials said the", 1), "Ad"])
        for i, s in enumerate(stories)
    ]


def test_site_profile_learns_template_lines() -> None:
    prof = SiteProfile.learn(_site_pages(), host="gazette.example")
    assert prof.pages == 5
    assert prof.template_count("Valley Gazette") == 5
    assert prof.template_count("Popular: Fishermen protest quota cuts") == 5
    assert prof.template_count("Story 9") == 5  # digit runs fold: "Story 0".."Story 4" repeat
    assert prof.template_count("A new library opened in the old post office building.") == 0


def test_site_profile_removes_repeated_lines_with_reason() -> None:
    pages = _site_pages()
    prof = SiteProfile.learn(pages, host="gazette.example")
    page = pages[2]
    plain = strip_chrome_explain(page)
    with_site = strip_chrome_explain(page, site=prof)
    assert "Read the e-paper" not in with_site.text
    rules = {r.text: (r.reason, r.rule) for r in with_site.removed}
    assert rules["Popular: Fishermen protest quota cuts"] == (
        "site-template",
        "on 5 of 5 pages of gazette.example",
    )
    assert "Council members voted" in with_site.text
    assert plain.text.endswith(with_site.text.splitlines()[-1])


def test_site_profile_does_not_erase_a_story_published_twice() -> None:
    story = (
        "The regional parliament approved the water bill by a large majority on Thursday "
        "evening after three days of debate, sending it to the governor for signature."
    )
    pages = [f"Menu\nTitle {i}\n{story}\nFooter" for i in range(4)]
    pages += [
        f"Menu\nOther {i}\nA different story about the harbour and its boats.\nFooter"
        for i in range(6)
    ]
    prof = SiteProfile.learn(pages)
    assert prof.template_count(story) == 0  # 4 of 10 pages: long lines need half of them
    assert prof.template_count("Menu") == 10


def test_site_profile_json_roundtrip_and_errors() -> None:
    prof = SiteProfile.learn(_site_pages(), host="gazette.example", phrases={"advert": ["Ad"]})
    again = SiteProfile.from_json(prof.to_json())
    assert again == prof
    assert json.loads(prof.to_json())["host"] == "gazette.example"
    assert again.lexicon.match("Ad").rule == "gazette.example:advert:Ad"
    with pytest.raises(ValueError, match="not a site profile"):
        SiteProfile.from_json("{not json")
    with pytest.raises(ValueError, match="not a site profile"):
        SiteProfile.from_json("[1, 2]")
    with pytest.raises(ValueError, match="not a site profile"):
        SiteProfile.from_json('{"pages": "many"}')


def test_site_profile_learns_from_an_iterator_and_prunes() -> None:
    def word(i: int) -> str:
        return "".join(chr(97 + (i // 26**k) % 26) for k in range(3))

    pages = (f"Menu\nUnique line {word(i)} of the dump" for i in range(4500))
    prof = SiteProfile.learn(pages)
    assert prof.pages == 4500
    assert prof.template_count("Menu") == 4500
    assert list(prof.lines) == ["menu"]  # lines seen on one page only are not kept


# -- language guesser -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said that the agreement was signed on Monday in the capital.", "en"),
        ("Le ministre a déclaré que l'accord a été signé lundi dans la capitale.", "fr"),
        ("Der Minister sagte, dass die Vereinbarung am Montag unterzeichnet wurde.", "de"),
        ("El ministro dijo que el acuerdo fue firmado el lunes en la capital.", "es"),
        ("Bakan, anlaşmanın pazartesi günü başkentte imzalandığını söyledi ve bu önemli.", "tr"),
        ("Министр сказал, что соглашение было подписано в понедельник в столице.", "ru"),
        ("وقال الوزير إن الاتفاقية وقعت يوم الاثنين في العاصمة بحضور الوفدين.", "ar"),
        ("وزیر گفت که این توافق روز دوشنبه در پایتخت امضا شد و همکاری ادامه دارد.", "fa"),
        ("部长说，该协议于星期一在首都签署，双方将继续合作。", "zh"),
        ("大臣は、協定が月曜日に首都で署名されたと述べた。", "ja"),
        ("장관은 협정이 월요일 수도에서 서명되었다고 말했다.", "ko"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "12345 67", "!!!", "ok"])
def test_detect_language_needs_evidence(text: str) -> None:
    assert detect_language(text) is None


def test_site_profile_through_the_pipeline() -> None:
    from newsclean import clean

    pages = _site_pages()
    prof = SiteProfile.learn(pages, host="gazette.example")
    art = clean(pages[0].encode("utf-8"), site=prof)
    assert "Read the e-paper" not in art.body
    assert any(r.reason == "site-template" for r in art.removed)


def _contains_words() -> list[str]:
    from newsclean.chrome_lexicon import default_lexicon

    return sorted(default_lexicon().inner_words)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_contains_words()),
    st.lists(st.sampled_from(["ا", "أ", "ل", "ي", "ی", "ه", "ة", "ك", "ک", "و", "ؤ", " ", "x"])),
    st.lists(st.sampled_from(["ا", "أ", "ل", "ي", "ی", "ه", "ة", "ك", "ک", " ", "x"])),
    st.integers(0, 2**16),
)
def test_needle_finds_exactly_the_raw_spellings_of_its_word(
    word: str, left: list[str], right: list[str], pick: int
) -> None:
    from newsclean.chrome_lexicon import needles, spellings

    every = spellings(word, limit=10**6)
    inside = "".join(left) + every[pick % len(every)] + "".join(right)
    for text in (inside, "".join(left + right), inside[1:], inside[:-1]):
        want = any(sp in text for sp in every)
        assert needles([word])[0].found_in(text) == want, (word, text)
