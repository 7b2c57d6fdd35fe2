"""Publication dates as dumps give them, read into one form that sorts in time order.

The canonical copy of a story is its earliest copy, and copies published far apart need
more evidence (:mod:`newsclean.dedup`): both compare dates.  Dumps give them in many forms
-- ISO 8601 from a CMS, RFC 2822 from RSS (``Sun, 29 Nov 2026 10:00:00 +0000``), Unix
times, ``29.11.2026`` -- and compared as they are, as strings, "Mon, 30 Nov" comes before
"Sun, 29 Nov".  :func:`parse_date` reads each into ISO 8601: ``2026-11-29`` for a day,
``2026-11-29T10:00:00Z`` for an instant (converted to UTC), ``2026-11-29T10:00:00`` for a
time without a zone (taken as given).  A value it cannot read for certain (no year, a
day and a month that could be either, "yesterday") is no date: a wrong date would choose
a wrong canonical copy, a missing one only leaves the choice to the other rules.

>>> parse_date("Sun, 29 Nov 2026 10:00:00 +0100")
'2026-11-29T09:00:00Z'
>>> parse_date("29.11.2026"), parse_date("03.04.2026"), parse_date("1795946400")
('2026-11-29', None, '2026-11-29T10:00:00Z')

A page's own date line is written for readers, in its language and calendar: "الثلاثاء 05
مايو 2020 - 11:42 ص", "نُشر في: 05/05/2020 | آخر تحديث: 06/05/2020", "۱۴۰۰-۰۲-۲۰ ۰۹:۴۵" (the
Solar Hijri calendar of Iranian sites).  :func:`read_date_line` reads such a line: month
names of many languages (``data/dates/months.txt``) and cue words that tell the date of
publication from the date of an update (``data/dates/cues.txt``).  Text-mode chrome
removal (:mod:`newsclean.chrome`) uses it on the lines around the headline.

>>> read_date_line("الثلاثاء 05 مايو 2020 - 11:42 ص")
DateOnLine(date='2020-05-05', cued=False, lead_words=1)
>>> read_date_line("نُشر في: 05/05/2020 - 13:10 | آخر تحديث: 06/05/2020 - 13:25", lang="ar")
DateOnLine(date='2020-05-05', cued=True, lead_words=2)
>>> read_date_line("۱۴۰۰-۰۲-۲۰ ۰۹:۴۵")
DateOnLine(date='2021-05-10', cued=False, lead_words=0)
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import jdatetime
from dateutil import parser as _dateutil

from .chrome_lexicon import fold as fold_letters
from .datafiles import read_sections

__all__ = [
    "DateOnLine",
    "day_before",
    "month_names",
    "parse_date",
    "read_date_line",
    "read_relative",
]

#: Years a publication date can fall in (anything else is a misread number).
MIN_YEAR, MAX_YEAR = 1900, 2200

#: A Unix time below this (March 1973) is more likely a count than a date.
_MIN_TIMESTAMP = 1e8
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# day and month in either order, then a four-digit year: 29.11.2026, 11/29/2026
_NUMERIC_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
# two defaults that differ in every field: what dateutil fills in from them was not given
_DEFAULTS = (datetime(1904, 1, 1, 0, 0, 0), datetime(1908, 2, 2, 1, 1, 1))


def parse_date(value: str | float | date | None) -> str | None:
    """``value`` (a date as a dump or caller gives it) in ISO 8601, or None when it is no
    date that can be read for certain (see the module's description).

    >>> parse_date("2026-11-29T12:00:00+02:00"), parse_date("2026-11-29")
    ('2026-11-29T10:00:00Z', '2026-11-29')
    >>> parse_date("November 29, 2026"), parse_date(1795946400000), parse_date("yesterday")
    ('2026-11-29', '2026-11-29T10:00:00Z', None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, date):  # a datetime too
        return _form(value)
    if isinstance(value, int | float):
        return _from_timestamp(float(value)) if value >= _MIN_TIMESTAMP else None
    if not isinstance(value, str):
        raise TypeError(f"parse_date() needs str, a number or a date, got {type(value).__name__}")
    return _parse(value.strip())


@lru_cache(maxsize=4096)  # a crawl's records share few distinct dates
def _parse(text: str) -> str | None:
    if not text or len(text) > 64:
        return None
    if _NUMBER.fullmatch(text):
        return _from_digits(text)
    year_first = _YEAR_FIRST.match(text)
    if year_first:  # 2026/11/29, 2026.11.29 (10:00): ISO with other separators
        y, m, d = year_first.groups()
        text = f"{y}-{int(m):02d}-{int(d):02d}{text[year_first.end() :]}"
    for read in (_iso, _rfc2822, _written):
        found = read(text)
        if found is not None:
            return found
    on_line = read_date_line(text)  # month names of other languages, other calendars
    return on_line.date if on_line is not None else None


def _form(moment: datetime | date) -> str | None:
    """The ISO 8601 form of a day or of an instant (UTC when its zone is known)."""
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    if not isinstance(moment, datetime):
        return moment.isoformat()
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        moment = moment.astimezone(UTC)
        return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"
    return moment.replace(microsecond=0).isoformat()


def _from_timestamp(seconds: float) -> str | None:
    """A Unix time in seconds, or in milliseconds when it is too large for seconds."""
    if seconds > 1e11:
        seconds /= 1000.0
    try:
        return _form(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        return None


def _from_digits(text: str) -> str | None:
    """Digits only: ``YYYYMMDD``, ``YYYYMMDDhhmmss`` (web-archive timestamps), else a Unix
    time (9 to 13 digits: seconds or milliseconds)."""
    if len(text) in (8, 14):
        fmt = "%Y%m%d" if len(text) == 8 else "%Y%m%d%H%M%S"
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            return None
        return _form(moment.date() if len(text) == 8 else moment)
    whole = text.split(".", 1)[0]
    if 9 <= len(whole) <= 13 and float(text) >= _MIN_TIMESTAMP:
        return _from_timestamp(float(text))
    return None


def _iso(text: str) -> str | None:
    try:
        if len(text) <= 10:
            return _form(date.fromisoformat(text))
        return _form(datetime.fromisoformat(text))
    except ValueError:
        return None


def _rfc2822(text: str) -> str | None:
    """RSS and e-mail dates: ``Sun, 29 Nov 2026 10:00:00 +0000``."""
    if not any(ch.isalpha() for ch in text):
        return None
    try:
        return _form(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _written(text: str) -> str | None:
    """Other forms (``November 29, 2026``, ``29 Nov 2026 10:00``, ``29.11.2026``), read by
    dateutil only when the year, month and day are all given and the day and month cannot
    be swapped (``03.04.2026`` is April 3 in most of the world and March 4 in the US)."""
    numeric = _NUMERIC_DMY.search(text)
    dayfirst = False
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first <= 12 and second <= 12 and first != second:
            return None  # either could be the month
        dayfirst = first > 12
    got = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an unknown zone name: the time is taken as given
        for default in _DEFAULTS:
            try:
                got.append(_dateutil.parse(text, default=default, dayfirst=dayfirst))
            except (ValueError, OverflowError):
                return None
    a, b = got
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None  # the year, the month or the day was not given
    if (a.hour, a.minute) != (b.hour, b.minute):
        return _form(a.date())  # no time of day: the day
    return _form(a)


# -- a page's date line ---------------------------------------------------------------------


class DateOnLine(NamedTuple):
    """The publication date a date line gives (ISO 8601, the day); whether a cue word
    says it is the publication date ("Published:", "نشر في") rather than the line only
    holding a date; and how many words precede the date since the line's start or the
    last separator (``|``, ``•``, ``·``, a dash): a byline's name, a weekday.  A date deep
    in a sentence ("... in Hamburg (12.02.2021)") is likely not the page's."""

    date: str
    cued: bool
    lead_words: int = 0


_PERSIAN_DIGITS = re.compile("[۰-۹]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_YEAR_DIGITS = re.compile(r"\d{4}")  # any script's digits
_SOLAR_HIJRI_YEARS = range(1300, 1500)  # as numbers alone, only read on Persian pages
_SEPARATOR = re.compile(r"[|•·—–]|\s-\s|^")


def _fold(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII ones, then the lexicons' folding: lower
    case, Arabic and Persian letter variants, diacritics, tatweel and zero-width characters
    (:func:`newsclean.chrome_lexicon.fold`)."""
    return fold_letters(text.translate(_DIGITS))


class _Lexicon(NamedTuple):
    months: dict[str, tuple[str, int]]  # folded name -> (calendar, month)
    cues: dict[str, str]  # folded cue -> published, updated or reference
    cue_re: re.Pattern[str]


def _alternation(words: Iterable[str]) -> str:
    """One regex alternation of folded words, the longest first, spaces as any space."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


def parse_months(text: str) -> dict[str, tuple[str, int]]:
    """Folded month name -> (calendar, month) from the text of ``data/dates/months.txt``.

    >>> parse_months("[gregorian]\\n5: May, mayo, أيار")["ايار"]
    ('gregorian', 5)
    >>> parse_months("[gregorian]\\n5: may\\n6: may")
    Traceback (most recent call last):
    ValueError: dates/months.txt: 'may' names two months
    """
    months: dict[str, tuple[str, int]] = {}
    for calendar, lines in read_sections(text, "dates/months.txt").items():
        if calendar not in ("gregorian", "jalali"):
            raise ValueError(f"dates/months.txt: unknown calendar [{calendar}]")
        for line in lines:
            number, sep, names = line.partition(":")
            if not sep or not number.strip().isdigit() or not 1 <= int(number) <= 12:
                raise ValueError(f"dates/months.txt: {line!r} is not 'N: name, name'")
            for raw in names.split(","):
                name = " ".join(_fold(raw).split())
                if not name:
                    continue
                got = (calendar, int(number))
                if months.setdefault(name, got) != got:
                    raise ValueError(f"dates/months.txt: {raw.strip()!r} names two months")
    return months


def parse_cues(text: str) -> dict[str, str]:
    """Folded cue -> ``published``, ``updated`` or ``reference``, from the text of
    ``data/dates/cues.txt``.

    >>> parse_cues("[published]\\nنُشر في\\n[updated]\\nLast updated")
    {'نشر في': 'published', 'last updated': 'updated'}
    """
    cues: dict[str, str] = {}
    known = ("published", "updated", "reference")
    for kind, lines in read_sections(text, "dates/cues.txt", known).items():
        for line in lines:
            cues[" ".join(_fold(line).split())] = kind
    return cues


def month_names() -> frozenset[str]:
    """Every month name of ``data/dates/months.txt`` (folded, as listed: "jan", "مايو",
    "كانون الثاني").

    >>> {"january", "jan", "مايو"} <= month_names()
    True
    """
    return frozenset(_lexicon().months)


def month_numbers() -> dict[str, tuple[str, int]]:
    """Every month name of ``data/dates/months.txt`` (folded, as listed) with its calendar
    and number.

    >>> month_numbers()["مايو"], month_numbers()["sept"]
    (('gregorian', 5), ('gregorian', 9))
    """
    return dict(_lexicon().months)


@cache
def _lexicon() -> _Lexicon:
    data = resources.files("newsclean").joinpath("data/dates")
    months = parse_months(data.joinpath("months.txt").read_text("utf-8"))
    cues = parse_cues(data.joinpath("cues.txt").read_text("utf-8"))
    cue_re = re.compile(rf"(?<!\w)(?:{_alternation(cues)})(?!\w)")
    return _Lexicon(months, cues, cue_re)


@cache
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Day month year ("5 May 2020", "5. Mai 2020", "5 de mayo de 2020", "05 مايو 2020"),
    month day year ("May 5th, 2020") and numbers alone (year first, or a day and a month
    in either order before the year; "2020年5月5日").  The month is any word or two (looked
    up in ``data/dates/months.txt`` after the match: one regex alternation of hundreds of
    names would be tried at every position of the line); before the day, it is the one or
    two words :func:`_words_before` finds."""
    # a month may be named twice, in two calendars' names ("أيار/مايو", "كانون الأول/ديسمبر")
    word = r"(?P<m>[^\W\d_]+(?:\s+[^\W\d_]+)?(?:\s*/\s*[^\W\d_]+)?)\.?"
    sep = r"(?:\s*[,./-]\s*|\s+(?:de\s+|del\s+)?)"
    # a year ends at a non-digit, or runs into a time or the next date a theme glued to it
    # ("Jul 23 202010:08 AM", "19. Dezember 202219. Dezember 2022")
    year = r"(?P<y>\d{4})(?:(?!\d)|(?=\d{1,2}(?::\d\d|\.?\s)))"
    day_month_year = re.compile(
        rf"(?<![\w.])(?P<d>\d{{1,2}})(?:\.|er|st|nd|rd|th)?{sep}{word}{sep}{year}"
    )
    # the month before the day is looked for once the day and the year are found (a word
    # pattern tried at every word of the line costs more than the rest of the reading)
    month_day_year = re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{year}")
    numbers = re.compile(
        r"(?<![\d.])(?:(?P<y>\d{4})\s*(?:[-/.]|年|년)\s*(?P<a>\d{1,2})\s*(?:[-/.]|月|월)\s*"
        r"(?P<b>\d{1,2})(?!\d)"
        r"|(?P<a2>\d{1,2}) ?(?P<s>[-/.]) ?(?P<b2>\d{1,2}) ?(?P=s) ?(?P<y2>\d{4}))(?!\d)"
    )
    return day_month_year, month_day_year, numbers


def _month(words: str, last: bool) -> tuple[str, int, int] | None:
    """The calendar and month a matched word or two name, and where the name starts in
    ``words``: both words ("تشرين الثاني"), else the one next to the day (the first after
    it, the last before it); a name and its other calendar's name ("أيار/مايو") when they
    name one month."""
    if "/" in words:  # "أيار/مايو": both names, of one month
        head, _, tail = words.partition("/")
        first, second = _month(head.strip(), last=False), _month(tail.strip(), last=False)
        if first is None or second is None or first[:2] != second[:2]:
            return None
        return first
    months = _lexicon().months
    parts = words.split()
    found = months.get(" ".join(parts))
    if found is not None:
        return (*found, 0)
    if len(parts) > 1:
        name = parts[-1] if last else parts[0]
        found = months.get(name)
        if found is not None:
            return (*found, words.rfind(name) if last else 0)
    return None


def _words_before(text: str, end: int) -> tuple[str, int]:
    """The last one or two words of letters before ``end`` (periods separate words), and
    where they start; ``("", end)`` when a non-letter comes first."""
    base = max(0, end - 40)
    head = text[base:end]
    tokens = head.replace(".", " ").split()  # "Nov. 30", "Nov.November 18" (a theme's glue)
    if not tokens or not tokens[-1].isalpha():
        return "", end
    words = tokens[-2:] if len(tokens) > 1 and tokens[-2].isalpha() else tokens[-1:]
    return " ".join(words), base + head.rfind(words[0])


def _day(calendar: str, year: int, month: int, day: int) -> str | None:
    try:
        if calendar == "jalali":
            moment = jdatetime.date(year, month, day).togregorian()
        else:
            moment = date(year, month, day)
    except ValueError:
        return None
    return _form(moment)


def _dates(folded: str, lang: str | None, persian: bool) -> list[tuple[int, str]]:
    """``(offset, ISO day)`` of each date read for certain on a folded line."""
    day_month_year, month_day_year, numbers = _date_patterns()
    found: list[tuple[int, str]] = []
    for pattern in (day_month_year, month_day_year):
        for m in pattern.finditer(folded):
            if pattern is day_month_year:
                words, start = m.group("m"), m.start("m")
            else:
                words, start = _words_before(folded, m.start())
            named = _month(words, last=pattern is month_day_year) if words else None
            if named is None:
                continue
            calendar, month, offset = named
            year = int(m.group("y"))
            if (calendar == "jalali") != (year in _SOLAR_HIJRI_YEARS):
                continue
            got = _day(calendar, year, month, int(m.group("d")))
            if got is not None:
                found.append((min(m.start("d"), start + offset), got))
    for m in numbers.finditer(folded):
        if m.group("y") is not None:
            year, month, day = int(m.group("y")), int(m.group("a")), int(m.group("b"))
        else:
            year, first, second = int(m.group("y2")), int(m.group("a2")), int(m.group("b2"))
            if first <= 12 and second <= 12 and first != second and lang in (None, "en"):
                continue  # 03/04/2026: April 3 in most of the world, March 4 in the US
            day, month = (second, first) if second > 12 else (first, second)
        persian_year = year in _SOLAR_HIJRI_YEARS
        if persian_year and not persian:
            continue  # a lunar Hijri year (1441) is no date read here
        got = _day("jalali" if persian_year else "gregorian", year, month, day)
        if got is not None:
            found.append((m.start(), got))
    found.sort()
    return found


def read_date_line(line: str, *, lang: str | None = None) -> DateOnLine | None:
    """The publication date a page's date line gives, or None.

    The date after a publication cue ("Published", "نشر في") comes first; a date after an
    update cue ("Updated", "آخر تحديث") is never taken; else the line's first date.  A line
    with a reference cue ("Retrieved", "Joined") gives none (see ``data/dates/cues.txt``).
    Numbers alone read day first on a page in any language but English (``lang``, ISO
    639-1; a US page writes the month first), and a year of 1300-1499 is a Solar Hijri year
    on a Persian page (``lang="fa"`` or Persian digits).  Years outside 1900-2200 and days
    that do not exist are no dates.

    >>> read_date_line("Posted: May 5th, 2020 | Updated: May 6th, 2020")
    DateOnLine(date='2020-05-05', cued=True, lead_words=1)
    >>> read_date_line("5. Mai 2020, 10:42 Uhr"), read_date_line("Updated 6 May 2020")
    (DateOnLine(date='2020-05-05', cued=False, lead_words=0), None)
    >>> read_date_line("03/04/2026"), read_date_line("03/04/2026", lang="fr")
    (None, DateOnLine(date='2026-04-03', cued=False, lead_words=0))
    >>> read_date_line("The Seattle Times. 9 August 2017. Retrieved May 15, 2017.") is None
    True
    """
    if _YEAR_DIGITS.search(line) is None:
        return None  # every form holds a year of four digits
    folded = _fold(line)
    persian = lang == "fa" or bool(_PERSIAN_DIGITS.search(line))
    dates = _dates(folded, lang, persian)
    if not dates:
        return None
    lexicon = _lexicon()
    cue_at = [
        (m.start(), lexicon.cues[" ".join(m.group().split())])
        for m in lexicon.cue_re.finditer(folded)
    ]
    if any(kind == "reference" for _, kind in cue_at):
        return None
    uncued: DateOnLine | None = None
    cue: str | None = None  # the last cue before the date
    next_cue = 0
    for at, iso in dates:  # both in line order: one walk
        while next_cue < len(cue_at) and cue_at[next_cue][0] < at:
            cue = cue_at[next_cue][1]
            next_cue += 1
        if cue == "updated":
            continue
        if cue is None and uncued is not None:
            continue
        head = folded[:at]
        lead = len(head[_last_separator(head) :].split())
        if cue is not None:
            return DateOnLine(iso, True, lead)
        uncued = DateOnLine(iso, False, lead)
    return uncued


def _last_separator(text: str) -> int:
    """Where the part of ``text`` after its last separator starts (0 when there is none)."""
    end = 0
    for m in _SEPARATOR.finditer(text):
        end = m.end()
    return end


# -- relative time stamps ("منذ 3 ساعات", "2 hours ago") -----------------------------------

_UNIT_SECONDS = {"minute": 60.0, "hour": 3600.0, "day": 86400.0}
_TIME_OF_DAY = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}")


class RelativeWords(NamedTuple):
    """The folded words of ``data/dates/relative.txt`` (:func:`parse_relative`)."""

    units: dict[str, float]  # folded word -> seconds of one unit
    duals: dict[str, float]  # folded Arabic dual -> seconds of two units
    before: tuple[tuple[str, ...], ...]  # folded marker words before the amount
    after: tuple[tuple[str, ...], ...]  # ... after the unit
    yesterday: frozenset[str]
    stamp_words: frozenset[str]  # units, duals and "yesterday": a stamp holds one


def parse_relative(text: str) -> RelativeWords:
    """The words of ``data/dates/relative.txt`` (see that file), folded.

    >>> parse_relative("[hour]\\nHours\\nساعات\\n[after]\\nago").units
    {'hours': 3600.0, 'ساعات': 3600.0}
    """
    known = (*_UNIT_SECONDS, "dual", "before", "after", "yesterday")
    sections = read_sections(text, "dates/relative.txt", known)
    units = {_fold(w): _UNIT_SECONDS[u] for u in _UNIT_SECONDS for w in sections.get(u, [])}
    duals: dict[str, float] = {}
    for line in sections.get("dual", []):
        unit, sep, word = line.partition(":")
        if not sep or unit.strip() not in _UNIT_SECONDS:
            raise ValueError(f"dates/relative.txt: {line!r} is not 'unit: word'")
        duals[_fold(word.strip())] = 2 * _UNIT_SECONDS[unit.strip()]

    def phrases(kind: str) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted({tuple(_fold(w).split()) for w in sections.get(kind, [])}, key=len))

    yesterday = frozenset(_fold(w) for w in sections.get("yesterday", []))
    stamp_words = frozenset(units) | frozenset(duals) | yesterday
    return RelativeWords(units, duals, phrases("before"), phrases("after"), yesterday, stamp_words)


@cache
def _relative() -> RelativeWords:
    path = resources.files("newsclean").joinpath("data/dates/relative.txt")
    return parse_relative(path.read_text("utf-8"))


_WORDS = re.compile(r"\d+|[^\W\d_]+")


def read_relative(line: str) -> float | None:
    """How long before the page was fetched a relative time stamp says it was published,
    in seconds, or None: an amount of minutes, hours or days and a word that says "ago"
    ("منذ 3 ساعات", "منذ ساعتين", "2 hours ago", "vor 15 Minuten", "۳ ساعت پیش", "an hour
    ago"), or "yesterday" with a time of day ("Yesterday at 10:42", "أمس 10:42 م").  Weeks,
    months and years name no day and are not read.

    >>> read_relative("منذ 3 ساعات"), read_relative("منذ ساعتين"), read_relative("2 days ago")
    (10800.0, 7200.0, 172800.0)
    >>> read_relative("vor 15 Minuten"), read_relative("Yesterday at 10:42")
    (900.0, 86400.0)
    >>> read_relative("منذ 3 سنوات") is None, read_relative("3 hours of talks") is None
    (True, True)

    A stamp after an update cue is the time of the update, not of publication:

    >>> read_relative("Updated 1 hour ago")
    >>> read_relative("Published 3 hours ago | Updated 1 hour ago")
    10800.0
    """
    rel = _relative()
    folded = _fold(line)
    found = list(_WORDS.finditer(folded))
    words = [m.group() for m in found]
    if rel.stamp_words.isdisjoint(words):
        return None  # no unit and no "yesterday": most lines (headlines) stop here
    cues = _lexicon()
    cue_at = [
        (m.start(), cues.cues[" ".join(m.group().split())]) for m in cues.cue_re.finditer(folded)
    ]
    cue_starts = [at for at, _ in cue_at]
    for i, w in enumerate(words):
        seconds = rel.duals.get(w)
        amount = 1.0
        if seconds is None:
            unit = rel.units.get(w)
            if unit is None:
                continue
            seconds = unit
            prev = words[i - 1] if i else ""
            if prev.isdigit():
                amount, start = float(prev), i - 1
            elif prev in ("a", "an", "one"):
                start = i - 1
            else:
                start = i
        else:
            start = i
        seconds *= amount
        before = any(
            tuple(words[start - len(m) : start]) == m for m in rel.before if start >= len(m)
        )
        if not before and not any(tuple(words[i + 1 : i + 1 + len(m)]) == m for m in rel.after):
            continue
        last_cue = bisect_left(cue_starts, found[start].start()) - 1
        if last_cue >= 0 and cue_at[last_cue][1] != "published":
            continue  # the time of an update
        return seconds
    if cue_at and cue_at[0][1] != "published":
        return None  # "Updated yesterday at 10:42"
    if rel.yesterday.intersection(words) and (len(words) <= 2 or _TIME_OF_DAY.search(line)):
        return _UNIT_SECONDS["day"]
    return None


def day_before(fetched: str, seconds: float) -> str | None:
    """The day ``seconds`` before the instant ``fetched`` (in any form :func:`parse_date`
    reads), or None when ``fetched`` is no instant (a day alone cannot be counted back
    from by hours).

    >>> day_before("2026-11-30T01:00:00Z", 3 * 3600)
    '2026-11-29'
    >>> day_before("Mon, 30 Nov 2026 01:00:00 GMT", 3 * 3600)
    '2026-11-29'
    >>> day_before("2026-11-30", 3 * 3600) is None
    True
    """
    instant = parse_date(fetched)
    if instant is None or "T" not in instant:
        return None
    moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    return _form((moment - timedelta(seconds=seconds)).date())
