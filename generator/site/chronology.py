"""The chronology pages: the home page's recent years, a page per decade, eras and filters.

A home page that lists every event grows without bound (15 MB at 10,000 events with
Pelican's default theme), so the chronology is split by decade: each decade has its own page,
and the home page shows only the most recent whole years that fit under
``TIMELINE_HOME_EVENTS`` events, with a jump list to every year and decade. While the
content is small, the home page shows it all.

Eras (``eras.yml``) appear in the list as headings where they begin and end, and each
chronology page carries the options of its filter form, computed here so that templates
only loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import groupby
from typing import Any, Literal

from ..content.model import Entity
from .facets import alphabetical


@dataclass(frozen=True)
class EraMark:
    """Where an era begins or ends, placed among the events of its year."""

    era: Entity
    edge: Literal["start", "end"]

    @property
    def day(self) -> date:
        """Return the day the mark stands at: an era's first day, or its last."""
        if self.edge == "start":
            assert self.era.start is not None
            return self.era.start.first_day
        assert self.era.end is not None
        return self.era.end.last_day

    @property
    def anchor(self) -> str:
        """Return the mark's fragment id, e.g. ``era-new-start-in-force-end``."""
        return f"era-{self.era.id}-{self.edge}"

    @property
    def order(self) -> tuple[date, int]:
        """Sort key among events: a start before the events of its day, an end after them."""
        return (self.day, 0 if self.edge == "start" else 2)


def is_era_mark(value: object) -> bool:
    """Jinja test ``is era_mark``: tell an era heading from an event in a list."""
    return isinstance(value, EraMark)


def era_marks(eras: Iterable[Entity]) -> list[EraMark]:
    """Return a start mark for every era, and an end mark for every era that has ended."""
    marks = [EraMark(era, "start") for era in eras if era.start is not None]
    marks += [EraMark(era, "end") for era in eras if era.start is not None and era.end]
    return sorted(marks, key=lambda m: (*m.order, m.era.id))


@dataclass(frozen=True)
class Section:
    """A year's heading and its entries: events and era marks in the order of their days."""

    year: int
    articles: tuple[Any, ...]
    marks: tuple[EraMark, ...] = ()

    @property
    def anchor(self) -> str:
        """Return the fragment id of the year's heading, e.g. ``y2016``."""
        return f"y{self.year}"

    @property
    def entries(self) -> list[Any]:
        """Return the events with the marks among them; events keep their own order."""
        keyed = [((a.event.date.start.first_day, 1), a) for a in self.articles]
        keyed += [(m.order, m) for m in self.marks]
        return [entry for _, entry in sorted(keyed, key=lambda pair: pair[0])]


def sections(articles: Sequence[Any], marks: Iterable[EraMark]) -> list[Section]:
    """Group articles in chronological order by year, each year with its era marks.

    A year with marks but no event gets a section of its own.
    """
    by_year: dict[int, list[EraMark]] = {}
    for mark in marks:
        by_year.setdefault(mark.day.year, []).append(mark)
    result = [
        Section(year, tuple(items), tuple(by_year.pop(year, ())))
        for year, items in groupby(articles, key=lambda a: a.event.date.year)
    ]
    result += [Section(year, (), tuple(marks)) for year, marks in by_year.items()]
    return sorted(result, key=lambda s: s.year)


@dataclass(frozen=True)
class FilterOptions:
    """What the filter form of one page offers: only values that some event on it has."""

    kinds: tuple[Entity, ...]
    actors: tuple[Entity, ...]
    years: tuple[int, ...]


def filter_options(articles: Iterable[Any], lang: str = "en") -> FilterOptions:
    """Collect the kinds, actors and years of these events, each sorted for a menu."""
    kinds: dict[str, Entity] = {}
    actors: dict[str, Entity] = {}
    years: set[int] = set()
    for article in articles:
        event = article.event
        kinds.setdefault(event.kind.id, event.kind)
        for actor in event.actors:
            actors.setdefault(actor.id, actor)
        years.add(event.date.year)
    by_name = partial(_name_key, lang)
    return FilterOptions(
        tuple(sorted(kinds.values(), key=by_name)),
        tuple(sorted(actors.values(), key=by_name)),
        tuple(sorted(years)),
    )


def _name_key(lang: str, entity: Entity) -> tuple[str, ...]:
    return (*alphabetical(entity.name_in(lang)), entity.id)


@dataclass(frozen=True)
class Decade:
    """Ten years of the chronology, on a page of their own."""

    start: int
    sections: tuple[Section, ...]
    #: The language of the site the page is in, for the order of names in its filters.
    lang: str = "en"

    @property
    def label(self) -> str:
        """Return the decade as digits, e.g. ``2010s``, for its address in every language.

        Pages show a name in their own language instead ("années 2010"): templates write
        ``pgettext("decade", "%(decade)ss", decade=decade.start)``, from the catalogs.
        """
        return f"{self.start}s"

    @property
    def url(self) -> str:
        """Return the decade page's path below the site root, e.g. ``decades/2010s/``."""
        return f"decades/{self.label}/"

    @property
    def articles(self) -> list[Any]:
        """Return the decade's events in chronological order."""
        return [a for s in self.sections for a in s.articles]

    @property
    def filters(self) -> FilterOptions:
        """Return the options of the decade page's filter form."""
        return filter_options(self.articles, self.lang)


@dataclass(frozen=True)
class Chronology:
    """The whole chronology as pages: decades, and the recent years the home page shows."""

    decades: tuple[Decade, ...]
    home: tuple[Section, ...]
    lang: str = "en"

    @property
    def split(self) -> bool:
        """Tell whether the home page leaves earlier years to the decade pages."""
        return len(self.home) < sum(len(d.sections) for d in self.decades)

    @property
    def home_articles(self) -> list[Any]:
        """Return the events the home page lists."""
        return [a for s in self.home for a in s.articles]

    @property
    def home_filters(self) -> FilterOptions:
        """Return the options of the home page's filter form."""
        return filter_options(self.home_articles, self.lang)

    def place(self, year: int) -> str:
        """Return where a year's heading is, below the site root.

        That is ``#y2016`` on the home page, or ``decades/1980s/#y1985`` on its decade's page.
        """
        return self.locate(year, f"y{year}")

    def locate(self, year: int, anchor: str) -> str:
        """Return the link, below the site root, to ``anchor`` in the list of ``year``."""
        if any(s.year == year for s in self.home):
            return f"#{anchor}"
        return f"decades/{year // 10 * 10}s/#{anchor}"

    def neighbours(self, decade: Decade) -> tuple[Decade | None, Decade | None]:
        """Return the decades before and after ``decade`` that have a page."""
        index = self.decades.index(decade)
        before = self.decades[index - 1] if index > 0 else None
        after = self.decades[index + 1] if index + 1 < len(self.decades) else None
        return before, after


def build_chronology(
    articles: Sequence[Any], eras: Iterable[Entity], home_events: int, lang: str = "en"
) -> Chronology:
    """Split articles already in chronological order into decades and the home page's years.

    The home page takes whole years from the most recent back while their events add up to
    at most ``home_events``; it always has at least the most recent year.
    """
    all_sections = sections(articles, era_marks(eras))
    decades: dict[int, list[Section]] = {}
    for section in all_sections:
        decades.setdefault(section.year // 10 * 10, []).append(section)
    home: list[Section] = []
    total = 0
    for section in reversed(all_sections):
        total += len(section.articles)
        if home and total > home_events:
            break
        home.insert(0, section)
    return Chronology(
        tuple(Decade(y, tuple(s), lang) for y, s in decades.items()), tuple(home), lang
    )
