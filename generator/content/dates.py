"""Partial dates (year, month or day) that keep their precision, and their localized display.

Pelican's own ``get_date`` fills a missing day or month from today's date, so ``2016-05``
silently becomes the build day's date in May. We parse our own grammar instead and never
complete a partial date: a date is exactly as precise as the editor wrote it.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal
from dateutil import parser as dateutil_parser

from .problems import Invalid

Precision = Literal["year", "month", "day"]

#: Coarser precisions sort first within the same start day: the year, then the month, then days.
PRECISION_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}

#: Babel locale used to display dates for each site language ("25 May 2016", not "May 25, 2016").
DISPLAY_LOCALES: dict[str, str] = {"en": "en_GB", "fr": "fr_FR"}

#: How an approximate date is shown, per language.
CIRCA_FORMATS: dict[str, str] = {"en": "c. {date}", "fr": "vers {date}"}
#: The first day of a month where a language writes it as an ordinal: "1er juin 1988".
FIRST_DAY_PATTERNS: dict[str, str] = {"fr": "d'er'"}

# ASCII digits only: ``\d`` alone would also accept other scripts' digits, e.g. "٢٠١٦".
_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?", re.ASCII)
_NUMERIC_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_TWO_DIGIT_YEAR = re.compile(r"\d{2}[./-]\d{2}[./-]\d{2}")
_HAS_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")

EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"
MONTHS_IN_YEAR = 12


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __lt__(self, other: object) -> bool:
        """Order as events sort (comparing the fields would compare ``None`` with a number)."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[date, int]:
        """Order by the earliest day, then coarser before finer precision."""
        return (self.first_day, PRECISION_RANK[self.precision])

    @property
    def precision(self) -> Precision:
        """Say how far the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def first_day(self) -> date:
        """Return the earliest day the date can mean, used for sorting."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        """Return the latest day the date can mean, used to compare ranges."""
        if self.day is not None:
            return self.first_day
        month = self.month or 12  # computed in place: adding a month to 9999-12 would overflow
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def iso(self) -> str:
        """Return the ISO form, which is also a valid HTML ``datetime`` value at every precision."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def display(self, lang: str = "en") -> str:
        """Show the date as a reader expects it: "24 May 2016", "May 2016" or "2016"."""
        locale = DISPLAY_LOCALES.get(lang, lang)
        if self.precision == "day":
            return _format(
                self.first_day, f"{_day_pattern(self.first_day.day, lang)} MMMM y", locale
            )
        if self.precision == "month":
            return _format(self.first_day, "LLLL y", locale)
        return str(self.year)

    def __str__(self) -> str:
        """Return the ISO form, as written in an entry."""
        return self.iso


@dataclass(frozen=True)
class EventDate:
    """When an event happened: a start, an optional end, and whether it is approximate."""

    start: PartialDate
    end: PartialDate | None = None
    circa: bool = False

    @property
    def precision(self) -> Precision:
        """Return the precision of the start, which decides how the event sorts."""
        return self.start.precision

    @property
    def sort_key(self) -> tuple[date, int]:
        """Order events by their start."""
        return self.start.sort_key

    @property
    def year(self) -> int:
        """Return the year the event is filed under."""
        return self.start.year

    @property
    def iso(self) -> str:
        """Return the ISO form of the start, for ``<time datetime>``."""
        return self.start.iso

    def as_datetime(self) -> datetime:
        """Give Pelican a full datetime: the first day of the period at midnight UTC."""
        return datetime.combine(self.start.first_day, datetime.min.time(), tzinfo=UTC)

    def display(self, lang: str = "en") -> str:
        """Show the date or range at its precision, e.g. "20–24 May 2016" or "c. 1972"."""
        if self.end:
            # "vers du 20 au 24 mai" would not do: an approximate range keeps the dash.
            text = _display_range(self.start, self.end, lang, prose=not self.circa)
        else:
            text = self.start.display(lang)
        if self.circa:
            text = CIRCA_FORMATS.get(lang, CIRCA_FORMATS["en"]).format(date=text)
        return text


def _day_pattern(day: int, lang: str) -> str:
    """Return Babel's pattern for a day number: ``d``, or the language's ordinal for the 1st."""
    return FIRST_DAY_PATTERNS.get(lang, "d") if day == 1 else "d"


@functools.lru_cache(maxsize=16_384)
def _format(day: date, pattern: str, locale: str) -> str:
    """Babel's ``format_date``, remembered: each date shows on many pages of one build.

    At 10,000 entries a build formatted the same dates about 27 times each, 8% of its time.
    """
    return format_date(day, pattern, locale=locale)


def _display_range(start: PartialDate, end: PartialDate, lang: str, *, prose: bool = True) -> str:
    """Join two dates, sharing the month and year when both have them in common.

    French writes a range in words ("du 20 au 24 mai 2016") where ``prose`` allows.
    """
    locale = DISPLAY_LOCALES.get(lang, lang)
    same_precision = start.precision == end.precision
    tail = end.display(lang)
    tight = False
    if same_precision and start.precision == "day" and start.year == end.year:
        tight = start.month == end.month
        pattern = _day_pattern(start.first_day.day, lang)
        head = _format(start.first_day, pattern if tight else f"{pattern} MMMM", locale)
    elif same_precision and start.precision == "month" and start.year == end.year:
        head = _format(start.first_day, "LLLL", locale)
    elif same_precision and start.precision == "year":
        head, tail, tight = str(start.year), str(end.year), True
    else:
        head = start.display(lang)
    if lang == "fr" and prose:
        return _french_range(head, tail, start.precision, end.precision)
    return f"{head}–{tail}" if tight else f"{head} – {tail}"


def _french_range(head: str, tail: str, start: Precision, end: Precision) -> str:
    """Write a range as French prose does: "du 20 au 24 mai 2016", "d'avril à juin 2016"."""
    if start == "day":
        return f"du {head} {'au' if end == 'day' else 'à'} {tail}"
    opening = "d'" if head[:1].lower() in _FRENCH_ELIDING else "de "
    return f"{opening}{head} {'au' if end == 'day' else 'à'} {tail}"


#: Initials before which French "de" becomes "d'" (avril, août, octobre).
_FRENCH_ELIDING = frozenset("aàâeéèêiîoôuûh")


def parse_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, keeping the precision as written.

    Anything else raises :class:`Invalid`, with a suggested fix where one is certain.
    python-dateutil is used only to suggest, never to accept: it fills gaps from today.
    """
    value = text.strip()
    if not value:
        raise Invalid("required")
    match = _ISO.fullmatch(value)
    if not match:
        raise Invalid(f"{EXPECTED}, got {text!r}", _suggest(value))
    year = int(match["year"])
    if year < 1:
        raise Invalid(f"year must be 0001 or later, got {text!r}")
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= MONTHS_IN_YEAR:
        raise Invalid(f"not a calendar date: there is no month {month:02d}, got {text!r}")
    if month is not None and day is not None:
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            month_name = format_date(date(year, month, 1), "LLLL y", locale="en_GB")
            raise Invalid(
                f"not a calendar date: {month_name} has {days_in_month} days, got {text!r}"
            )
    return PartialDate(year, month, day)


def parse_event_date(start: str, end: str | None = None, circa: bool = False) -> EventDate:
    """Parse an event's start and optional end; an end before the start is an error."""
    return make_event_date(parse_date(start), parse_date(end) if end is not None else None, circa)


def make_event_date(start: PartialDate, end: PartialDate | None, circa: bool) -> EventDate:
    """Join a start and an end; mixed precisions compare at the coarser one."""
    if end is not None:
        if end.last_day < start.first_day:
            raise Invalid(f"end {end.iso} precedes date {start.iso}")
        if end == start:
            raise Invalid(f"end {end.iso} is the same as date; leave 'end' out")
    return EventDate(start, end, circa)


def _suggest(value: str) -> str:
    """Suggest the ISO form of a date written another way, or say why we cannot."""
    if value.startswith("-"):
        return "years before the common era are not supported"
    if _HAS_TIME.match(value):
        return f"write the day only: {value[:10]}"
    if _TWO_DIGIT_YEAR.fullmatch(value):
        return "the year needs 4 digits"
    numeric = _NUMERIC_DMY.fullmatch(value)
    if numeric:
        return _suggest_numeric(*(int(g) for g in numeric.groups()))
    return _suggest_from_words(value)


def _suggest_numeric(first: int, second: int, year: int) -> str:
    """Suggest a day-month order only where one reading alone is a real date."""
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day).isoformat())
        except ValueError:
            continue
    unique = sorted(set(readings))
    if len(unique) == 1:
        return f"did you mean {unique[0]}?"
    if unique:
        return f"day and month order is ambiguous: write {' or '.join(unique)}"
    return ""


def _suggest_from_words(value: str) -> str:
    """Read month names (English or French) to suggest an ISO date at the precision given.

    dateutil fills missing parts from a default date, so the text is parsed against two
    different defaults: a part that changes with the default was not in the text.
    """
    text = value.lower()
    for number, name in get_month_names("wide", locale="fr").items():
        text = re.sub(rf"\b{re.escape(name.lower())}\b", calendar.month_name[number], text)
    text = re.sub(r"\b1er\b", "1", text)
    defaults = (datetime(2001, 1, 1), datetime(2002, 2, 2))  # noqa: DTZ001 - calendar only
    try:
        first, second = (dateutil_parser.parse(text, default=d) for d in defaults)
    except (ValueError, OverflowError):
        return ""
    if first.year != second.year:
        return "the year is missing"
    if first.month != second.month:
        return f"did you mean {first.year:04d}?"
    if first.day != second.day:
        return f"did you mean {first.year:04d}-{first.month:02d}?"
    return f"did you mean {first.date().isoformat()}?"


@functools.lru_cache(maxsize=4_096)
def format_number(value: int, lang: str = "en") -> str:
    """Write a count as the language does: "10,000" in English, "10 000" in French.

    Kept per count and language: every event card shows its count of sources, and Babel
    takes about 30 µs to format one.
    """
    return format_decimal(value, locale=DISPLAY_LOCALES.get(lang, lang))


def display_day(moment: datetime | date, lang: str = "en") -> str:
    """Show the day of a timestamp (a commit's, say) as the site shows event days."""
    return PartialDate(moment.year, moment.month, moment.day).display(lang)
