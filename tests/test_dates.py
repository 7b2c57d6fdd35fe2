"""Publication dates in the forms dumps give them, read into ISO 8601 (newsclean.dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.dates import parse_date


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
