"""A facet with more events than one page holds is cut into numbered pages, each labelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build
from tests.integration.test_browse import dates, internal_targets, resolve


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with three events a page: Russia's four take two pages."""
    output = tmp_path_factory.mktemp("facet-pages") / "output"
    return build(output, FIXTURE_CONTENT, TIMELINE_FACET_PAGE_EVENTS=3)


def page_links(page) -> list[tuple[str, str, str | None]]:
    nav = page.find("nav", class_="facet-pages")
    return [(a.text(), a.attrs["href"], a.attrs.get("aria-current")) for a in nav.find_all("a")]


def test_the_first_page_lists_the_oldest_events_and_every_page_by_its_years(split_site: Path):
    page = parse_file(split_site / "actors" / "russia" / "index.html")

    assert page.find("h1").text() == "Russia"
    assert page.find("title").text().startswith("Russia · ")
    assert dates(page) == ["2015", "2016-05", "2016-05-24"]
    text = page.find("main").text()
    assert "4 events, oldest first. Page 1 of 2: events 1 to 3 (2015–2016)." in text
    assert page_links(page) == [
        ("Page 1: 2015–2016", "/actors/russia/", "page"),
        ("Page 2: 2017", "/actors/russia/page/2/", None),
    ]
    steps = page.find("nav", class_="neighbours").find_all("a")
    assert [(a.attrs["rel"], a.attrs["href"]) for a in steps] == [
        ("next", "/actors/russia/page/2/")
    ]


def test_a_later_page_has_its_own_title_address_and_way_back(split_site: Path):
    page = parse_file(split_site / "actors" / "russia" / "page" / "2" / "index.html")

    assert dates(page) == ["2017-09-21"]
    assert page.find("title").text().startswith("Russia, page 2 of 2 · ")
    canonical = page.find("link", rel="canonical").attrs["href"]
    assert canonical.endswith("/actors/russia/page/2/")
    assert "Page 2 of 2: events 4 to 4 (2017)." in page.find("main").text()
    assert page_links(page)[1] == ("Page 2: 2017", "/actors/russia/page/2/", "page")
    steps = page.find("nav", class_="neighbours").find_all("a")
    assert [(a.attrs["rel"], a.text()) for a in steps] == [("prev", "Page 1: 2015–2016")]


def test_facets_that_fit_on_one_page_are_left_as_they_were(split_site: Path, fixture_site: Path):
    for path in ("actors/united-states/index.html", "kinds/statement/index.html"):
        assert (split_site / path).read_bytes() == (fixture_site / path).read_bytes(), path
    assert not (split_site / "actors" / "united-states" / "page").exists()
    assert not (fixture_site / "actors" / "russia" / "page").exists()


def test_every_link_from_and_between_the_pages_resolves_in_both_languages(split_site: Path):
    broken = [
        (str(page.relative_to(split_site)), href)
        for folder in (split_site / "actors", split_site / "fr" / "actors")
        for page, href in internal_targets(folder)
        # The fixture's French site has no About or Data page: only the actors' links count.
        if "/actors/" in href and not resolve(split_site, href).is_file()
    ]
    assert broken == []
    # The French site has fewer of Russia's events, on one page, and no page 2: the switch
    # leads to that page and says why.
    second = parse_file(split_site / "actors" / "russia" / "page" / "2" / "index.html")
    switch = second.find("nav", class_="language-switch")
    assert switch.find("a").attrs["href"] == "/fr/actors/russia/"
    assert "cette liste est plus courte dans cette langue" in switch.text()
    first = parse_file(split_site / "actors" / "russia" / "index.html")
    assert (
        first.find("nav", class_="language-switch").find("a").attrs["href"] == "/fr/actors/russia/"
    )
