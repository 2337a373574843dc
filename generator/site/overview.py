"""The overview's figures: events per year by kind, in one language, and the words they are said in.

:func:`tally` counts once what the drawing (:mod:`generator.site.overview_layout`) and its
table show; :func:`tabulate_overview` gives the table's rows, which
``partials/overview-table.html`` writes, and :func:`describe_overview` the drawing's
``<desc>``. Each language's overview counts the entries in that language, as its chronology
lists them.

Words come from the theme's gettext catalogs, as the templates' do: ``make translations``
extracts the messages of this module and of the layout too, and the functions take the page
language's translations. They are said here rather than in the templates because the layout
measures them (titles wrap, a rule follows a label), and because Jinja's ``_()`` would take a
translation as markup, unescaped; the templates' autoescape escapes them like any text. Names
of kinds and eras, and dates, follow the ``lang`` they are given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ..content.dates import format_number
from ..content.model import Entity, Event
from .catalogs import N_


class Translator(Protocol):
    """What the overview needs of a catalog.

    ``gettext.NullTranslations`` (English as written) and Babel's ``Translations`` (from
    :func:`generator.site.catalogs.load_translations`) both fit.
    """

    def gettext(self, message: str, /) -> str:
        """Return the translation of ``message``, or ``message`` itself."""
        ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        """Return the form of the message that the language uses for ``n``."""
        ...


# Messages said in more than one place.
EMPTY = N_("No events yet.")
EVENTS_PER_YEAR = N_("Events per year")
ERAS = N_("Eras")


@dataclass(frozen=True)
class Words:
    """A catalog that also fills in the placeholders, for the overview's modules.

    The methods keep gettext's names so that Babel, with its default keywords, extracts every
    message written here into the theme's catalogs (``make translations``).
    """

    catalog: Translator
    #: The language counts are written in ("1,234" or "1 234").
    lang: str = "en"

    def gettext(self, message: str, **values: object) -> str:
        """Translate ``message`` and fill in its ``values``."""
        text = self.catalog.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """Pick the form for ``n``; fill in ``num`` (``n``, as the language writes it)."""
        num = format_number(n, self.lang)
        return self.catalog.ngettext(singular, plural, n) % {"num": num, **values}


@dataclass(frozen=True)
class YearRow:
    """A year with events: how many of each kind, in legend order."""

    year: int
    kinds: tuple[tuple[Entity, int], ...]

    @property
    def total(self) -> int:
        """Return the number of events of the year."""
        return sum(count for _, count in self.kinds)


@dataclass(frozen=True)
class GapRow:
    """A run of years without events, from ``first`` to ``last`` inclusive."""

    first: int
    last: int


@dataclass(frozen=True)
class Tally:
    """What both the drawing and the table show, computed once from the events."""

    total: int
    kinds: tuple[Entity, ...]
    rows: tuple[YearRow | GapRow, ...]
    span: tuple[int, int] | None
    eras: tuple[Entity, ...]


def tally(events: Iterable[Event], eras: Iterable[Entity] = (), lang: str = "en") -> Tally:
    """Count the entries in ``lang`` by year and kind, as that language's chronology lists them.

    An entry and its translation are one event: each language's overview counts its own.
    """
    entries = [e for e in events if e.lang == lang]
    eras = tuple(sorted(eras, key=_era_key))
    by_year: dict[int, Counter[str]] = {}
    kinds: dict[str, Entity] = {}
    for event in entries:
        by_year.setdefault(event.date.year, Counter())[event.kind.id] += 1
        kinds.setdefault(event.kind.id, event.kind)
    ordered = tuple(sorted(kinds.values(), key=lambda k: (k.line, k.id)))
    span = _span(sorted(by_year), eras)
    rows: list[YearRow | GapRow] = []
    gap_start = None
    for year in range(span[0], span[1] + 1) if span else ():
        if year not in by_year:
            gap_start = year if gap_start is None else gap_start
            continue
        if gap_start is not None:
            rows.append(GapRow(gap_start, year - 1))
            gap_start = None
        counts = by_year[year]
        rows.append(YearRow(year, tuple((k, counts[k.id]) for k in ordered if counts[k.id])))
    if gap_start is not None and span:
        rows.append(GapRow(gap_start, span[1]))
    return Tally(len(entries), ordered, tuple(rows), span, eras)


@dataclass(frozen=True)
class TableRow:
    """A line of the years' table: a year and its counts, or a run of years without events."""

    years: str
    total: int
    #: How many of each kind, in legend order: "Statement: 1, Refusal: 1".
    kinds: str
    #: Where the year's events are listed; None for a run of empty years.
    href: str | None

    @property
    def gap(self) -> bool:
        """Return whether the row stands for years without events."""
        return self.href is None


@dataclass(frozen=True)
class EraRow:
    """A line of the eras' table."""

    name: str
    start: str
    end: str
    note: str


@dataclass(frozen=True)
class Table:
    """The drawing's figures, for ``partials/overview-table.html``: years, then eras.

    ``years`` is empty when there are no events, and the template says ``empty`` instead.
    """

    empty: str
    caption: str
    head: tuple[str, ...]
    years: tuple[TableRow, ...]
    eras_caption: str
    eras_head: tuple[str, ...]
    eras: tuple[EraRow, ...]


def tabulate_overview(
    events: Sequence[Event],
    eras: Sequence[Entity],
    lang: str,
    translations: Translator,
    year_href: Callable[[int], str],
) -> Table:
    """Give the drawing's figures as the rows of two tables: years (empty runs included), eras."""
    words = Words(translations, lang)
    data = tally(events, eras, lang)
    first, last = data.span or (0, 0)
    years = tuple(
        TableRow(years_label(row, words), 0, "", None)
        if isinstance(row, GapRow)
        else TableRow(
            str(row.year),
            row.total,
            ", ".join(kind_count(kind, count, lang, words) for kind, count in row.kinds),
            year_href(row.year),
        )
        for row in data.rows
    )
    return Table(
        empty=words.gettext(EMPTY),
        caption=words.gettext(
            "Events per year, %(first)s–%(last)s, by kind", first=first, last=last
        ),
        head=(words.gettext("Year"), words.gettext("Events"), words.gettext("Kinds")),
        years=years if data.total else (),
        eras_caption=words.gettext(ERAS),
        eras_head=(
            words.gettext("Era"),
            words.gettext("From"),
            words.gettext("To"),
            words.gettext("Note"),
        ),
        eras=tuple(
            EraRow(
                era.name_in(lang),
                era.start.display(lang) if era.start else "",
                # Translators: in the eras' table, the end of an era that goes on.
                era.end.display(lang) if era.end else words.gettext("not ended"),
                era.description_in(lang),
            )
            for era in data.eras
        ),
    )


def describe_overview(
    events: Sequence[Event],
    eras: Sequence[Entity],
    lang: str,
    translations: Translator,
) -> str:
    """Say in one or two sentences what the drawing shows, as its ``<desc>`` does."""
    return describe(tally(events, eras, lang), lang, Words(translations, lang))


def describe(data: Tally, lang: str, words: Words) -> str:
    """Say what the drawing of ``data`` shows, as :func:`describe_overview` does."""
    years = [row for row in data.rows if isinstance(row, YearRow)]
    if not years:
        summary = words.gettext(EMPTY)
    elif data.span and data.span[0] == data.span[1]:
        # Translators: the overview's description; "5 events in 2016."
        summary = words.gettext(
            "%(events)s in %(year)s.", events=count_events(data.total, words), year=data.span[0]
        )
    else:
        most = max(row.total for row in years)
        peak_years = [str(row.year) for row in years if row.total == most]
        joined = _join(peak_years, words)
        if len(peak_years) == 1:
            # Translators: the year with the most events, and how many: "2016 (3)".
            peak = words.gettext("%(years)s (%(count)d)", years=joined, count=most)
        else:
            # Translators: years tied for the most events: "2010 and 2012 (2 each)".
            peak = words.gettext("%(years)s (%(count)d each)", years=joined, count=most)
        first, last = data.span or (0, 0)
        # Translators: the overview's description: "5 events from 2015 to 2017; most in 2016 (3)."
        summary = words.gettext(
            "%(events)s from %(first)s to %(last)s; most in %(peak)s.",
            events=count_events(data.total, words),
            first=first,
            last=last,
            peak=peak,
        )
    if data.eras:
        labels = [era_label(era, lang, words) for era in data.eras]
        names = labels[0]
        for label in labels[1:]:
            # Translators: adds one more era to a list of eras: "New START (2011–2026); …".
            names = words.gettext("%(list)s; %(item)s", list=names, item=label)
        summary += " " + words.gettext("Eras shown: %(eras)s.", eras=names)
    return summary


def _span(years: list[int], eras: Sequence[Entity]) -> tuple[int, int] | None:
    """Return the years of the events; with no event, those of the eras, so they still show."""
    if years:
        return years[0], years[-1]
    bounds = [d.year for era in eras for d in (era.start, era.end) if d is not None]
    return (min(bounds), max(bounds)) if bounds else None


def _era_key(era: Entity) -> tuple[object, ...]:
    start = era.start.first_day if era.start else date.min
    end = era.end.last_day if era.end else date.max
    return (start, end, era.id)


def era_label(era: Entity, lang: str, words: Words) -> str:
    """Title and years of an era: "New START in force (2011–2026)"."""
    start = era.start.year if era.start else ""
    if era.end is None:
        # Translators: the years of an era that goes on: "from 2017".
        span = words.gettext("from %(year)s", year=start)
    elif era.end.year == start:
        span = str(start)
    else:
        span = _span_text(start, era.end.year, words)
    # Translators: an era's name and its years: "New START in force (2011–2026)".
    return words.gettext("%(name)s (%(years)s)", name=era.name_in(lang), years=span)


def count_events(count: int, words: Words) -> str:
    """Count events in words, with the plural rules of the catalog's language."""
    return words.ngettext("%(num)s event", "%(num)s events", count)


def kind_count(kind: Entity, count: int, lang: str, words: Words) -> str:
    """Say how many events of a kind a year has: "Refusal: 2"."""
    # Translators: how many events of a kind a year has: "Refusal: 2".
    return words.gettext("%(kind)s: %(count)d", kind=kind.name_in(lang), count=count)


def _join(items: list[str], words: Words) -> str:
    if len(items) == 1:
        return items[0]
    # Translators: the last two of a list of years: "2010, 2012 and 2015".
    return words.gettext("%(list)s and %(last)s", list=", ".join(items[:-1]), last=items[-1])


def years_label(row: GapRow, words: Words) -> str:
    """Name a run of empty years: "2013–2014", or "2011" alone."""
    if row.first == row.last:
        return str(row.first)
    return _span_text(row.first, row.last, words)


def _span_text(first: int | str, last: int, words: Words) -> str:
    # Translators: a span of years, both included: "2013–2014".
    return words.gettext("%(first)s–%(last)s", first=first, last=last)
