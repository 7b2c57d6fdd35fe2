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
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from dateutil import parser as _dateutil

__all__ = ["parse_date"]

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
    return None


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
