"""Partial dates: the accepted grammar, the messages for everything else, display and order."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from generator.content.dates import (
    EventDate,
    PartialDate,
    _suggest,
    format_number,
    make_event_date,
    parse_date,
    parse_event_date,
)
from generator.content.problems import Invalid

EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"


@pytest.mark.parametrize(
    ("text", "parts", "precision", "iso", "en", "fr"),
    [
        ("2016", (2016, None, None), "year", "2016", "2016", "2016"),
        ("2016-05", (2016, 5, None), "month", "2016-05", "May 2016", "mai 2016"),
        ("2016-05-24", (2016, 5, 24), "day", "2016-05-24", "24 May 2016", "24 mai 2016"),
        ("2016-08-01", (2016, 8, 1), "day", "2016-08-01", "1 August 2016", "1er août 2016"),
        ("2016-12", (2016, 12, None), "month", "2016-12", "December 2016", "décembre 2016"),
        ("2016-02-29", (2016, 2, 29), "day", "2016-02-29", "29 February 2016", "29 février 2016"),
        ("0001", (1, None, None), "year", "0001", "1", "1"),
        ("9999-12-31", (9999, 12, 31), "day", "9999-12-31", "31 December 9999", "31 décembre 9999"),
        (" 2016-05 ", (2016, 5, None), "month", "2016-05", "May 2016", "mai 2016"),
    ],
)
def test_accepted_forms(text, parts, precision, iso, en, fr):
    parsed = parse_date(text)
    assert (parsed.year, parsed.month, parsed.day) == parts
    assert parsed.precision == precision
    assert parsed.iso == iso
    assert str(parsed) == iso
    assert parsed.display("en") == en
    assert parsed.display("fr") == fr


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("2016-05", date(2016, 5, 1), date(2016, 5, 31)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2015-02", date(2015, 2, 1), date(2015, 2, 28)),
        ("2016-12", date(2016, 12, 1), date(2016, 12, 31)),
        ("2016-05-24", date(2016, 5, 24), date(2016, 5, 24)),
    ],
)
def test_first_and_last_day(text, first, last):
    parsed = parse_date(text)
    assert parsed.first_day == first
    assert parsed.last_day == last


def test_partial_date_is_never_completed_from_today():
    # Pelican's get_date (dateutil) would give 2016-05-<today's day>; we keep the gap.
    month = parse_date("2016-05")
    assert month.day is None
    assert month.first_day == date(2016, 5, 1)
    assert month.last_day == date(2016, 5, 31)
    year = parse_date("2016")
    assert (year.month, year.day) == (None, None)
    assert year.first_day == date(2016, 1, 1)


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("2016-02-30", "not a calendar date: February 2016 has 29 days, got '2016-02-30'", ""),
        ("2015-02-29", "not a calendar date: February 2015 has 28 days, got '2015-02-29'", ""),
        ("2016-05-00", "not a calendar date: May 2016 has 31 days, got '2016-05-00'", ""),
        ("2016-04-31", "not a calendar date: April 2016 has 30 days, got '2016-04-31'", ""),
        ("2016-13-01", "not a calendar date: there is no month 13, got '2016-13-01'", ""),
        ("2016-00", "not a calendar date: there is no month 00, got '2016-00'", ""),
        (
            "05/06/2016",
            f"{EXPECTED}, got '05/06/2016'",
            "day and month order is ambiguous: write 2016-05-06 or 2016-06-05",
        ),
        ("13/05/2016", f"{EXPECTED}, got '13/05/2016'", "did you mean 2016-05-13?"),
        ("17.05.2016", f"{EXPECTED}, got '17.05.2016'", "did you mean 2016-05-17?"),
        ("16-05-17", f"{EXPECTED}, got '16-05-17'", "the year needs 4 digits"),
        ("24/05/16", f"{EXPECTED}, got '24/05/16'", "the year needs 4 digits"),
        ("17 mai 2016", f"{EXPECTED}, got '17 mai 2016'", "did you mean 2016-05-17?"),
        ("1er mai 2016", f"{EXPECTED}, got '1er mai 2016'", "did you mean 2016-05-01?"),
        ("mai 2016", f"{EXPECTED}, got 'mai 2016'", "did you mean 2016-05?"),
        ("May 2016", f"{EXPECTED}, got 'May 2016'", "did you mean 2016-05?"),
        ("24 May 2016", f"{EXPECTED}, got '24 May 2016'", "did you mean 2016-05-24?"),
        ("24 May", f"{EXPECTED}, got '24 May'", "the year is missing"),
        ("2016-5-1", f"{EXPECTED}, got '2016-5-1'", "did you mean 2016-05-01?"),
        (
            "-0500-01-01",
            f"{EXPECTED}, got '-0500-01-01'",
            "years before the common era are not supported",
        ),
        (
            "2016-05-24T10:00",
            f"{EXPECTED}, got '2016-05-24T10:00'",
            "write the day only: 2016-05-24",
        ),
        (
            "2016-05-24 10:00",
            f"{EXPECTED}, got '2016-05-24 10:00'",
            "write the day only: 2016-05-24",
        ),
        ("2016-05-24Z", f"{EXPECTED}, got '2016-05-24Z'", ""),
        ("12345", f"{EXPECTED}, got '12345'", ""),
        ("abc", f"{EXPECTED}, got 'abc'", ""),
        ("", "required", ""),
        ("   ", "required", ""),
        ("0000", "year must be 0001 or later, got '0000'", ""),
        ("0000-01-01", "year must be 0001 or later, got '0000-01-01'", ""),
        # Digits of other scripts are digits to ``\d`` but not to a reader of the file name.
        ("٢٠١٦", f"{EXPECTED}, got '٢٠١٦'", "did you mean 2016?"),
    ],
)
def test_rejected_forms(text, message, hint):
    with pytest.raises(Invalid) as caught:
        parse_date(text)
    assert caught.value.message == message
    assert caught.value.hint == hint
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        # Whatever the day the tests run, a partial date is suggested at the precision written.
        ("May 2016", "did you mean 2016-05?"),
        ("mai 2016", "did you mean 2016-05?"),
        ("June", "the year is missing"),
        ("24 May", "the year is missing"),
        ("2016 May 24", "did you mean 2016-05-24?"),
        ("31 décembre 2016", "did you mean 2016-12-31?"),
        ("août 2016", "did you mean 2016-08?"),
    ],
)
def test_suggestions_do_not_depend_on_today(value, hint):
    assert _suggest(value) == hint


@pytest.mark.parametrize(
    ("start", "end", "circa", "en", "fr"),
    [
        ("2016-05-24", None, False, "24 May 2016", "24 mai 2016"),
        ("2016-05-20", "2016-05-24", False, "20–24 May 2016", "du 20 au 24 mai 2016"),
        ("2016-05-30", "2016-06-02", False, "30 May – 2 June 2016", "du 30 mai au 2 juin 2016"),
        (
            "2016-12-30",
            "2017-01-02",
            False,
            "30 December 2016 – 2 January 2017",
            "du 30 décembre 2016 au 2 janvier 2017",
        ),
        ("2016-05", "2016-06", False, "May – June 2016", "de mai à juin 2016"),
        (
            "2015-11",
            "2016-02",
            False,
            "November 2015 – February 2016",
            "de novembre 2015 à février 2016",
        ),
        ("2015", "2016", False, "2015–2016", "de 2015 à 2016"),
        ("2016-05", "2016-06-03", False, "May 2016 – 3 June 2016", "de mai 2016 au 3 juin 2016"),
        ("2016-06-01", "2016-06-05", False, "1–5 June 2016", "du 1er au 5 juin 2016"),
        ("2016-05-01", "2016-06-01", False, "1 May – 1 June 2016", "du 1er mai au 1er juin 2016"),
        ("2016-04", "2016-06", False, "April – June 2016", "d'avril à juin 2016"),
        ("2016-08", "2016-10", False, "August – October 2016", "d'août à octobre 2016"),
        ("1972", None, True, "c. 1972", "vers 1972"),
        ("1972-03", None, True, "c. March 1972", "vers mars 1972"),
        ("2015", "2016", True, "c. 2015–2016", "vers 2015–2016"),
    ],
)
def test_event_date_display(start, end, circa, en, fr):
    event_date = parse_event_date(start, end, circa)
    assert event_date.display("en") == en
    assert event_date.display("fr") == fr


def test_event_date_properties():
    event_date = parse_event_date("2016-05", "2016-06", circa=True)
    assert event_date.start == PartialDate(2016, 5)
    assert event_date.end == PartialDate(2016, 6)
    assert event_date.circa is True
    assert event_date.precision == "month"
    assert event_date.year == 2016
    assert event_date.iso == "2016-05"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016", datetime(2016, 1, 1, tzinfo=UTC)),
        ("2016-05", datetime(2016, 5, 1, tzinfo=UTC)),
        ("2016-05-24", datetime(2016, 5, 24, tzinfo=UTC)),
    ],
)
def test_as_datetime_is_utc_midnight_of_first_day(text, expected):
    value = parse_event_date(text).as_datetime()
    assert value == expected
    assert value.utcoffset().total_seconds() == 0
    assert (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2016-05-24", "2016-05-20", "end 2016-05-20 precedes date 2016-05-24"),
        ("2016-05", "2016-04-30", "end 2016-04-30 precedes date 2016-05"),
        ("2016", "2015-12", "end 2015-12 precedes date 2016"),
        ("2016-05-24", "2016-05-24", "end 2016-05-24 is the same as date; leave 'end' out"),
        ("2016", "2016", "end 2016 is the same as date; leave 'end' out"),
    ],
)
def test_bad_ranges(start, end, message):
    with pytest.raises(Invalid) as caught:
        parse_event_date(start, end)
    assert caught.value.message == message
    with pytest.raises(Invalid) as caught:
        make_event_date(parse_date(start), parse_date(end), circa=False)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("start", "end"),
    [
        # Mixed precisions compare at the coarser one: the end may fall inside the start's period.
        ("2016-05", "2016-05-03"),
        ("2016", "2016-05"),
        ("2016-05-31", "2016-05"),
    ],
)
def test_mixed_precision_ranges_are_accepted(start, end):
    event_date = parse_event_date(start, end)
    assert event_date.end == parse_date(end)


def test_sort_order_year_before_month_before_day_on_same_start():
    texts = ["2016-01-01", "2016-01", "2016"]
    dates = sorted((parse_event_date(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.iso for d in dates] == ["2016", "2016-01", "2016-01-01"]
    assert [d.sort_key for d in dates] == [
        (date(2016, 1, 1), 0),
        (date(2016, 1, 1), 1),
        (date(2016, 1, 1), 2),
    ]


def test_sort_order_by_first_day_then_precision():
    texts = ["2017-09-21", "2016-05-24", "2016-05", "2015", "2016-05-20", "2016", "2015-12-31"]
    dates = sorted((parse_event_date(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.iso for d in dates] == [
        "2015",
        "2015-12-31",
        "2016",
        "2016-05",
        "2016-05-20",
        "2016-05-24",
        "2017-09-21",
    ]


def test_circa_and_end_do_not_change_sort_key():
    plain = parse_event_date("2016-05")
    assert parse_event_date("2016-05", "2016-07", circa=True).sort_key == plain.sort_key


def test_partial_dates_order_like_events_across_precisions():
    # Comparing the fields would compare None with a number and raise TypeError.
    texts = ["2016-05-24", "2016", "2016-05", "2015-12-31", "2016-05-01"]
    ordered = sorted(parse_date(t) for t in texts)
    assert [d.iso for d in ordered] == ["2015-12-31", "2016", "2016-05", "2016-05-01", "2016-05-24"]
    assert parse_date("2016") < parse_date("2016-01") < parse_date("2016-01-01")
    assert parse_date("2016-01-01") <= parse_date("2016-01-01")
    assert parse_date("2016-05") == PartialDate(2016, 5)


def test_event_date_equality_and_defaults():
    assert parse_event_date("2016") == EventDate(PartialDate(2016))
    assert parse_event_date("2016").end is None
    assert parse_event_date("2016").circa is False


@pytest.mark.parametrize(
    ("text", "last"),
    [("9999", date(9999, 12, 31)), ("9999-12", date(9999, 12, 31)), ("2016-02", date(2016, 2, 29))],
)
def test_last_day_at_the_end_of_the_calendar(text, last):
    # Found by Hypothesis: adding a month to 9999-12 overflowed.
    assert parse_date(text).last_day == last


def test_counts_are_written_as_each_language_writes_them():
    assert format_number(10_000, "en") == "10,000"
    assert format_number(10_000, "fr") == "10\u202f000"  # a narrow no-break space
    assert format_number(7, "fr") == "7"
