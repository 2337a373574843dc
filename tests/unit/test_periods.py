"""The year pages are grouped in one pass and hold what Pelican's own grouping gives."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from operator import attrgetter
from types import SimpleNamespace

import pytest
from pelican.generators import ArticlesGenerator

from generator.site.periods import add_year_archives, year_archives

SAVE_AS = "years/{date:%Y}/index.html"
URL = "years/{date:%Y}/"


def articles(count: int, seed: int) -> list[SimpleNamespace]:
    """Articles over a few decades, several on a day, in a shuffled site order."""
    rng = random.Random(seed)
    made = [
        SimpleNamespace(
            slug=f"e{i}",
            date=datetime(
                rng.randint(1960, 2025), rng.randint(1, 12), rng.randint(1, 28), tzinfo=UTC
            ),
        )
        for i in range(count)
    ]
    rng.shuffle(made)
    return made


def pelicans(dates: list, site_order: list) -> list[dict]:
    """Pelican 4.12's own year archives of the same articles (its method needs no generator)."""
    settings = {
        "YEAR_ARCHIVE_SAVE_AS": SAVE_AS,
        "YEAR_ARCHIVE_URL": URL,
        "MONTH_ARCHIVE_SAVE_AS": "",
        "MONTH_ARCHIVE_URL": "",
        "DAY_ARCHIVE_SAVE_AS": "",
        "DAY_ARCHIVE_URL": "",
    }
    return ArticlesGenerator._build_period_archives(None, dates, site_order, settings)["year"]


@pytest.mark.parametrize("newest_first", [False, True])
@pytest.mark.parametrize("seed", range(5))
def test_the_years_are_those_pelican_groups_in_quadratic_time(seed, newest_first):
    site_order = articles(300, seed)
    dates = sorted(site_order, key=attrgetter("date"), reverse=newest_first)

    ours = year_archives(dates, site_order, SAVE_AS, URL)

    assert ours == pelicans(dates, site_order)
    assert len(ours) > 30
    # Each year's lists hold the same objects, not equal copies.
    for archive in ours:
        assert {id(a) for a in archive["articles"]} == {id(a) for a in archive["dates"]}


def test_a_year_keeps_the_site_order_and_its_own_address():
    first = SimpleNamespace(date=datetime(2016, 5, 20, tzinfo=UTC))
    second = SimpleNamespace(date=datetime(2016, 1, 2, tzinfo=UTC))
    other = SimpleNamespace(date=datetime(2017, 3, 1, tzinfo=UTC))

    (y2016, y2017) = year_archives([second, first, other], [other, first, second], SAVE_AS, URL)

    assert y2016["articles"] == [first, second]
    assert y2016["dates"] == [second, first]
    assert (y2016["save_as"], y2016["url"], y2016["period"]) == (
        "years/2016/index.html",
        "years/2016/",
        (2016,),
    )
    assert y2017["articles"] == [other]


def test_no_year_pages_unless_the_setting_names_where():
    events = articles(20, 0)
    generator = SimpleNamespace(
        settings={"TIMELINE_YEAR_SAVE_AS": "", "YEAR_ARCHIVE_URL": URL},
        dates=sorted(events, key=attrgetter("date")),
        articles=events,
        period_archives={},
    )
    add_year_archives(generator)
    assert generator.period_archives == {}

    generator.settings["TIMELINE_YEAR_SAVE_AS"] = SAVE_AS
    add_year_archives(generator)
    assert generator.period_archives["year"] == year_archives(generator.dates, events, SAVE_AS, URL)
