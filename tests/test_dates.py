"""Publication dates in the forms dumps give them, read into ISO 8601 (newsclean.dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.dates import (
    DateOnLine,
    day_before,
    parse_cues,
    parse_date,
    parse_months,
    parse_relative,
    read_date_line,
    read_relative,
)


@pytest.mark.parametrize(
    ("given_", "expected"),
    [
        # ISO 8601: days, instants (to UTC), times without a zone (as given)
        ("2026-11-29", "2026-11-29"),
        ("2026-11-29T12:00:00+02:00", "2026-11-29T10:00:00Z"),
        ("2026-11-29T10:00:00.123Z", "2026-11-29T10:00:00Z"),
        ("2026-11-29 10:00", "2026-11-29T10:00:00"),
        ("20261129T100000Z", "2026-11-29T10:00:00Z"),
        ("  2026-11-29  ", "2026-11-29"),
        # RSS / e-mail (RFC 2822)
        ("Sun, 29 Nov 2026 10:00:00 +0100", "2026-11-29T09:00:00Z"),
        ("Sun, 29 Nov 2026 23:30:00 -0500", "2026-11-30T04:30:00Z"),
        ("29 Nov 2026 10:00:00 GMT", "2026-11-29T10:00:00Z"),
        # digits: YYYYMMDD, web-archive timestamps, Unix seconds and milliseconds
        ("20261129", "2026-11-29"),
        ("20261129103000", "2026-11-29T10:30:00"),
        ("1795946400", "2026-11-29T10:00:00Z"),
        ("1795946400000", "2026-11-29T10:00:00Z"),
        ("1795946400.0", "2026-11-29T10:00:00Z"),
        # year first with other separators; day and month that cannot be swapped
        ("2026/11/29", "2026-11-29"),
        ("2026.11.29 10:30", "2026-11-29T10:30:00"),
        ("29.11.2026", "2026-11-29"),
        ("11/29/2026", "2026-11-29"),
        ("05.05.2026", "2026-05-05"),
        # written out
        ("November 29, 2026", "2026-11-29"),
        ("Mon, 30 Nov 2026", "2026-11-30"),
        ("29 Nov 2026 10:00", "2026-11-29T10:00:00"),
    ],
)
def test_forms_dumps_give(given_: str, expected: str) -> None:
    assert parse_date(given_) == expected


@pytest.mark.parametrize(
    "not_a_date",
    [
        "03.04.2026",  # April 3 or March 4
        "04/03/2026",
        "10:00",  # no day
        "November 2026",  # no day
        "2026",
        "yesterday",
        "منذ ساعتين",
        "",
        "   ",
        "12345",  # a count, not a time
        "0",
        "2026-13-45",
        "99999999999999",
        "1e30",
        "x" * 200,
    ],
)
def test_what_cannot_be_read_for_certain_is_no_date(not_a_date: str) -> None:
    assert parse_date(not_a_date) is None


def test_numbers_and_date_objects() -> None:
    assert parse_date(1795946400) == parse_date(1795946400.0) == "2026-11-29T10:00:00Z"
    assert parse_date(1795946400000) == "2026-11-29T10:00:00Z"
    assert parse_date(1.5) is None and parse_date(float("nan")) is None
    assert parse_date(float("inf")) is None and parse_date(True) is None
    assert parse_date(None) is None
    assert parse_date(date(2026, 11, 29)) == "2026-11-29"
    plus2 = timezone(timedelta(hours=2))
    assert parse_date(datetime(2026, 11, 29, 12, tzinfo=plus2)) == "2026-11-29T10:00:00Z"
    with pytest.raises(TypeError, match="parse_date"):
        parse_date(["2026-11-29"])  # type: ignore[arg-type]


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_every_form_of_one_instant_gives_one_date(moment: datetime) -> None:
    moment = moment.replace(microsecond=0, tzinfo=UTC)
    expected = moment.replace(tzinfo=None).isoformat() + "Z"
    forms = [
        moment.isoformat(),
        moment.astimezone(timezone(timedelta(hours=-5))).isoformat(),
        moment.strftime("%a, %d %b %Y %H:%M:%S +0000"),
        str(int(moment.timestamp())),
        str(int(moment.timestamp()) * 1000),
    ]
    assert {parse_date(f) for f in forms} == {expected}
    assert parse_date(expected) == expected  # its own output reads back unchanged


@given(st.text(max_size=40))
def test_any_text_gives_a_date_or_none(text: str) -> None:
    got = parse_date(text)
    assert got is None or date.fromisoformat(got[:10]).year >= 1900


# -- a page's date line (read_date_line) ----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        # Arabic: Egyptian, Levantine and Maghreb month names; Arabic-Indic digits; a Hijri
        # date beside the Gregorian one (only the Gregorian one is read)
        ("الثلاثاء 05 مايو 2020 - 11:42 ص", "ar", "2020-05-05"),
        ("الأربعاء، 18 تشرين الثاني 2020", "ar", "2020-11-18"),
        ("١٨ نوفمبر ٢٠٢٠", "ar", "2020-11-18"),
        ("الخميس 21 جوان 2022", "ar", "2022-06-21"),
        ("الثلاثاء 12 رمضان 1441 هـ الموافق 05 مايو 2020 م", "ar", "2020-05-05"),
        ("٢٠٢٠/١١/١٨", "ar", "2020-11-18"),
        ("تاريخ النشر: 29 - 11 - 2020", "ar", "2020-11-29"),
        ("الأحد 29/نوفمبر/2020 - 03:14 م", "ar", "2020-11-29"),
        # a month named in both its Levantine and its Egyptian name (UN and wire style)
        ("20 أيار/مايو 2020", "ar", "2020-05-20"),
        ("الاثنين 9 كانون الأول / ديسمبر 2019", "ar", "2019-12-09"),
        # Persian: Solar Hijri by month name or by year on a Persian page, Gregorian names
        ("۲۰ اردیبهشت ۱۴۰۰ - ۰۹:۴۵", "fa", "2021-05-10"),
        ("۱۴۰۰-۰۲-۲۰ ۰۹:۴۵", None, "2021-05-10"),
        ("1400/02/20", "fa", "2021-05-10"),
        ("تاریخ انتشار: ۱ فروردین ۱۴۰۳", "fa", "2024-03-20"),
        ("۱۰ مه ۲۰۲۱", "fa", "2021-05-10"),
        # Latin and Cyrillic scripts, abbreviations, ordinals, "de", periods
        ("Posted on May 5th, 2020 by Jane Doe", "en", "2020-05-05"),
        ("Friday, December 23, 2016", "en", "2016-12-23"),
        ("17 April 2012 • 2:54pm", "en", "2012-04-17"),
        ("Nov 18, 2019 @17:19 PM · Updated: Nov 18, 2019 @17:26 PM", "en", "2019-11-18"),
        ("5. Mai 2020, 10:42 Uhr", "de", "2020-05-05"),
        ("Veröffentlicht am 12. Juni 2017 von gizzmo", "de", "2017-06-12"),
        ("Publié le 19 février 2020 à 06h00", "fr", "2020-02-19"),
        ("Miércoles 4 de Mayo de 2022", "es", "2022-05-04"),
        ("4 de maio de 2022, 05:34 h", "pt", "2022-05-04"),
        ("21.dez.2018 às 12h55", "pt", "2018-12-21"),
        ("15 августа 2016, 13:43", "ru", "2016-08-15"),
        ("7 kwietnia 2021", "pl", "2021-04-07"),
        ("Zveřejněno 30. listopadu 2026", "cs", "2026-11-30"),  # Czech: November only
        ("06. kolovoz 2020. 15:56", "hr", "2020-08-06"),
        ("5 Mayıs 2020 Salı 10:42", "tr", "2020-05-05"),
        ("30 Maret 2015", "id", "2015-03-30"),
        # a theme that glues the time or the update's date to the year; a "Date" label
        (
            "Published Thu, Jul 23 202010:08 AM EDTUpdated Thu, Jul 23 202012:05 PM",
            "en",
            "2020-07-23",
        ),
        ("Veröffentlicht am 19. Dezember 202219. Dezember 2022 von Redaktion", "de", "2022-12-19"),
        ("Date 6. Dezember 2022", "de", "2022-12-06"),
        # numbers: year first, day first outside English, CJK
        ("2020-11-18 10:05", None, "2020-11-18"),
        ("27.01.2020 Soziales & Gesundheit", "de", "2020-01-27"),
        ("03/04/2026", "fr", "2026-04-03"),
        ("17/02/2022", "en", "2022-02-17"),  # 17 cannot be a month
        ("来源：央视财经 | 2020年08月03日 07:16", "zh", "2020-08-03"),
        ("2020년 8월 3일 07:16", "ko", "2020-08-03"),
    ],
)
def test_date_lines_in_many_languages_and_calendars(
    line: str, lang: str | None, expected: str
) -> None:
    got = read_date_line(line, lang=lang)
    assert got is not None and got.date == expected


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("03/04/2026", "en"),  # April 3 or March 4
        ("03/04/2026", None),
        ("Updated: 6 May 2020", "en"),  # an update is not the publication
        ("آخر تحديث: 06/05/2020 - 13:25", "ar"),
        (". The Seattle Times. 9 August 2017. Retrieved May 15, 2017.", "en"),  # a reference
        ("Joined: Fri Apr 20, 2012 9:03 am", "en"),  # a forum profile
        ("12 رمضان 1441 هـ", "ar"),  # a lunar Hijri date
        ("1441/09/12", "ar"),  # a lunar year is no Solar Hijri year outside Persian
        ("May 2020", "en"),  # no day
        ("31 June 2020", "en"),  # no such day
        ("9 كانون الأول/نوفمبر 2019", "ar"),  # two names of two months
        ("6. listopada 2020.", "hr"),  # October in Croatian, November in Polish: not read
        ("30 اسفند 1400", "fa"),  # 1400 was not a leap year: Esfand had 29 days
        ("5 May 1850", "en"),  # out of the years a publication date can fall in
        ("5 May 202012345", "en"),  # a year that runs into other digits
        ("10:42", "en"),
        ("Share this article", "en"),
        ("", None),
    ],
)
def test_what_is_not_a_publication_date(line: str, lang: str | None) -> None:
    assert read_date_line(line, lang=lang) is None


def test_the_date_after_a_publication_cue_comes_first() -> None:
    line = "Updated 6 May 2020 | Published 5 May 2020"
    assert read_date_line(line) == DateOnLine("2020-05-05", True, 1)
    both = "نُشر في: 05/05/2020 - 13:10 | آخر تحديث: 06/05/2020 - 13:25"
    assert read_date_line(both, lang="ar") == DateOnLine("2020-05-05", True, 2)
    # without a cue: the first date, and how deep in the line it sits
    assert read_date_line("By Jane Doe | May 5, 2020") == DateOnLine("2020-05-05", False, 0)
    deep = "Tareq Salem über sein Leben in Italien und Hamburg (12.02.2021)"
    got = read_date_line(deep, lang="de")
    assert got is not None and got.lead_words >= 9  # nine words and the parenthesis


def test_parse_date_reads_written_dates_of_other_languages() -> None:
    assert parse_date("05 مايو 2020") == "2020-05-05"
    assert parse_date("۱۴۰۰-۰۲-۲۰") == "2021-05-10"  # Persian digits: a Solar Hijri date
    assert parse_date("1441/09/12") is None
    assert parse_date("5 de mayo de 2020") == "2020-05-05"


def test_the_shipped_month_and_cue_files_load_and_bad_ones_are_refused() -> None:
    months = parse_months(
        (resources.files("newsclean") / "data/dates/months.txt").read_text("utf-8")
    )
    assert months["mayo"] == months["مايو"] == months["ايار"] == ("gregorian", 5)
    assert months["اردیبهشت".replace("ی", "ي")] == ("jalali", 2)
    assert len({m for cal, m in months.values() if cal == "gregorian"}) == 12
    with pytest.raises(ValueError, match="'May' names two months"):
        parse_months("[gregorian]\n5: may\n6: May")
    with pytest.raises(ValueError, match="unknown calendar"):
        parse_months("[lunar]\n9: رمضان")
    with pytest.raises(ValueError, match="is not 'N: name, name'"):
        parse_months("[gregorian]\n13: smarch")
    with pytest.raises(ValueError, match="outside a section"):
        parse_cues("published")
    with pytest.raises(ValueError, match="unknown section"):
        parse_cues("[printed]\nprinted")


@given(st.text(max_size=60))
def test_any_line_gives_a_real_day_or_none(line: str) -> None:
    got = read_date_line(line)
    assert got is None or 1900 <= date.fromisoformat(got.date).year <= 2200


# -- relative time stamps (read_relative) ---------------------------------------------------

_H, _D = 3600.0, 86400.0


@pytest.mark.parametrize(
    ("line", "seconds"),
    [
        ("منذ 3 ساعات", 3 * _H),
        ("منذ ساعة", _H),
        ("منذ ساعتين", 2 * _H),  # the Arabic dual
        ("منذ يومين", 2 * _D),
        ("قبل ٥ دقائق", 300.0),
        ("۳ ساعت پیش", 3 * _H),
        ("2 hours ago", 2 * _H),
        ("an hour ago", _H),
        ("3 days ago", 3 * _D),
        ("vor 15 Minuten", 900.0),
        ("il y a 2 heures", 2 * _H),
        ("hace 3 horas", 3 * _H),
        ("há 2 dias", 2 * _D),
        ("3 saat önce", 3 * _H),
        ("3 часа назад", 3 * _H),
        ("2 jam yang lalu", 2 * _H),
        ("3 ore fa", 3 * _H),
        ("před 2 hodinami", 2 * _H),
        ("Yesterday at 10:42", _D),
        ("أمس 10:42 م", _D),
    ],
)
def test_relative_stamps(line: str, seconds: float) -> None:
    assert read_relative(line) == seconds


@pytest.mark.parametrize(
    "line",
    [
        "منذ 3 سنوات",  # years name no day
        "2 weeks ago",
        "5 min read",  # a unit without "ago"
        "3 hours of talks",
        "Was gestern geschah",  # "yesterday" without a time of day, in a sentence
        "قبل 3",
        "",
        "Updated 1 hour ago",  # the time of an update
        "آخر تحديث: منذ ساعتين",
        "Updated yesterday at 10:42",
        "Joined 3 days ago",  # a profile, not the page
    ],
)
def test_what_is_no_relative_stamp(line: str) -> None:
    assert read_relative(line) is None


def test_a_relative_stamp_counts_back_from_the_fetch() -> None:
    assert day_before("2026-11-30T01:00:00Z", 3 * _H) == "2026-11-29"
    assert day_before("2026-11-30T10:00:00+02:00", 2 * _D) == "2026-11-28"
    assert day_before("not a date", _H) is None
    assert day_before("2026-11-30", _H) is None  # a day alone: no hour to count back from
    assert day_before("Mon, 30 Nov 2026 01:00:00 GMT", 3 * _H) == "2026-11-29"
    with pytest.raises(ValueError, match="unknown section"):
        parse_relative("[weeks]\nweeks")
    with pytest.raises(ValueError, match="is not 'unit: word'"):
        parse_relative("[dual]\nساعتين")


def test_a_line_of_many_stamps_is_read_in_one_walk() -> None:
    # every date after an update cue is skipped, then the cued publication date is taken
    line = "Updated 6 May 2020 | " * 5_000 + "Published 5 May 2020"
    assert read_date_line(line) == DateOnLine("2020-05-05", True, 1)
    assert read_date_line("5 May 2020 | " * 5_000) == DateOnLine("2020-05-05", False, 0)
