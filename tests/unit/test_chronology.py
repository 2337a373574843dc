"""The chronology pages: the home page's years, decades, era marks and filter options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.content.dates import PartialDate
from generator.content.model import Entity, Event
from generator.site.catalogs import load_translations
from generator.site.chronology import EraMark, build_chronology, era_marks, filter_options
from tests.factories import make_entity, make_event, on_day
from tests.htmltree import parse


def era(ident: str, start: PartialDate, end: PartialDate | None = None) -> Entity:
    return Entity("eras", ident, {"en": ident}, start=start, end=end)


@dataclass
class Item:
    event: Event


def item(slug: str, day: date, kind: str = "talks", actors: tuple[str, ...] = ("russia",)) -> Item:
    event = make_event(
        slug,
        date=on_day(day),
        kind=make_entity("kinds", kind),
        actors=tuple(make_entity("actors", a) for a in actors),
    )
    return Item(event)


def per_year(counts: dict[int, int]) -> list[Item]:
    """``counts`` events in each year, in chronological order."""
    return [
        item(f"e{year}-{n}", date(year, 1, 1 + n))
        for year, count in sorted(counts.items())
        for n in range(count)
    ]


def slugs(entries) -> list[str]:
    return [e.event.slug if isinstance(e, Item) else e.anchor for e in entries]


def test_the_home_page_takes_the_most_recent_whole_years_that_fit():
    chronology = build_chronology(per_year({1985: 2, 2009: 3, 2015: 4, 2016: 5}), [], 10)
    assert [s.year for s in chronology.home] == [2015, 2016]
    assert chronology.split
    assert [d.label for d in chronology.decades] == ["1980s", "2000s", "2010s"]
    assert [s.year for s in chronology.decades[2].sections] == [2015, 2016]
    assert len(chronology.home_articles) == 9


def test_everything_is_on_the_home_page_while_it_fits():
    chronology = build_chronology(per_year({1985: 2, 2016: 5}), [], 7)
    assert [s.year for s in chronology.home] == [1985, 2016]
    assert not chronology.split


@pytest.mark.parametrize("limit", [0, 1, 4])
def test_the_home_page_always_has_the_latest_year_even_when_it_is_over_the_limit(limit):
    chronology = build_chronology(per_year({2015: 1, 2016: 5}), [], limit)
    assert [s.year for s in chronology.home] == [2016]


def test_a_year_is_linked_on_the_home_page_or_on_its_decades_page():
    chronology = build_chronology(per_year({1985: 1, 2016: 1}), [], 1)
    assert chronology.place(2016) == "#y2016"
    assert chronology.place(1985) == "decades/1980s/#y1985"
    assert chronology.locate(1985, "era-x-start") == "decades/1980s/#era-x-start"
    first, second = chronology.decades
    assert chronology.neighbours(first) == (None, second)
    assert chronology.neighbours(second) == (first, None)
    assert second.url == "decades/2010s/"


def jump_list(lang: str, chronology) -> list[tuple[str, str]]:
    """Render the theme's decade links as a page in ``lang`` shows them: (address, text)."""
    theme = Path(__file__).resolve().parents[2] / "theme"
    env = Environment(
        loader=FileSystemLoader(theme / "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(load_translations(theme / "translations", lang), newstyle=True)
    html = env.get_template("partials/jump-list.html").render(
        timeline_chronology=chronology, SITEURL=""
    )
    return [(a.attrs["href"], a.text()) for a in parse(html).find_all("a", class_="decade")]


def test_decades_are_named_in_the_page_language_and_keep_one_address():
    chronology = build_chronology(per_year({1985: 1, 2016: 1}), [], 1)
    assert [d.label for d in chronology.decades] == ["1980s", "2010s"]
    assert jump_list("en", chronology) == [
        ("/decades/1980s/", "1980s"),
        ("/decades/2010s/", "2010s"),
    ]
    assert jump_list("fr", chronology) == [
        ("/decades/1980s/", "années 1980"),
        ("/decades/2010s/", "années 2010"),
    ]


def test_eras_begin_before_and_end_after_the_events_of_their_days():
    items = [
        item("before", date(2016, 5, 19)),
        item("first-day", date(2016, 5, 20)),
        item("last-day", date(2016, 5, 24)),
        item("after", date(2016, 5, 25)),
    ]
    span = era("span", PartialDate(2016, 5, 20), PartialDate(2016, 5, 24))
    (section,) = build_chronology(items, [span], 100).home
    assert slugs(section.entries) == [
        "before",
        "era-span-start",
        "first-day",
        "last-day",
        "era-span-end",
        "after",
    ]


def test_an_era_still_going_has_no_end_mark_and_a_month_starts_on_its_first_day():
    open_era = era("open", PartialDate(2017, 9))
    (mark,) = era_marks([open_era])
    assert (mark.edge, mark.day) == ("start", date(2017, 9, 1))
    ended = era("ended", PartialDate(2015), PartialDate(2016, 2))
    assert [m.day for m in era_marks([ended])] == [date(2015, 1, 1), date(2016, 2, 29)]


def test_a_year_with_an_era_mark_and_no_event_gets_its_own_section():
    chronology = build_chronology(
        per_year({2010: 1, 2016: 1}), [era("x", PartialDate(2012, 3, 1))], 100
    )
    years = [(s.year, len(s.articles), len(s.marks)) for s in chronology.home]
    assert years == [(2010, 1, 0), (2012, 0, 1), (2016, 1, 0)]
    assert isinstance(chronology.home[1].entries[0], EraMark)


def test_filter_options_offer_only_what_the_events_on_the_page_have_sorted_by_name():
    items = [
        item("a", date(2016, 1, 1), "talks", ("russia", "lavrov")),
        item("b", date(2014, 1, 1), "agreement", ("kerry", "russia")),
    ]
    options = filter_options(items)
    assert [k.id for k in options.kinds] == ["agreement", "talks"]
    assert [a.id for a in options.actors] == ["kerry", "lavrov", "russia"]
    assert options.years == (2014, 2016)
