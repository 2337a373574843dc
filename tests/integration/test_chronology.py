"""The chronology split by decade, era headings in the list, and the filters' markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with room for one event on the home page: 2017 alone fits."""
    output = tmp_path_factory.mktemp("split") / "output"
    return build(output, FIXTURE_CONTENT, TIMELINE_HOME_EVENTS=1)


def event_ids(page) -> list[str]:
    return [li.attrs["id"] for li in page.find("main").find_all("li", class_="event")]


def entry_ids(page) -> list[str]:
    """Events and era marks in the order the list shows them."""
    return [
        li.attrs["id"]
        for li in page.find("main").iter()
        if li.tag == "li" and {"event", "era-mark"} & set(li.classes())
    ]


def test_the_home_page_keeps_the_latest_years_and_says_where_the_rest_is(split_site: Path):
    home = parse_file(split_site / "index.html")
    assert event_ids(home) == ["later"]
    assert "most recent years, 2017 to 2017" in home.find("p", class_="period-note").text()
    jump = home.find("nav", class_="year-jump")
    assert [a.attrs["href"] for a in jump.find_all("a")] == [
        "/decades/2010s/",
        "/decades/2010s/#y2015",
        "/decades/2010s/#y2016",
        "/#y2017",
    ]
    # The overview on the home page links each year to wherever its heading is.
    svg_links = [a.attrs["href"] for a in home.find("svg", class_="overview").find_all("a")]
    assert svg_links == ["/decades/2010s/#y2015", "/decades/2010s/#y2016", "/#y2017"]


def test_a_decade_page_lists_all_its_years_with_their_era_marks(split_site: Path):
    page = parse_file(split_site / "decades" / "2010s" / "index.html")
    assert page.find("h1").text() == "2010s"
    assert entry_ids(page) == [
        "span",
        "month",
        "era-offers-2016-start",
        "refusal",
        "offer",
        "era-offers-2016-end",
        "era-after-2017-start",
        "later",
    ]
    jump = page.find("nav", class_="year-jump")
    assert [a.attrs["href"] for a in jump.find_all("a")][1:] == ["#y2015", "#y2016", "#y2017"]
    assert jump.find("a", class_="decade").attrs["aria-current"] == "page"
    end = page.find("li", id="era-offers-2016-end")
    assert end.find("h3").text() == "End: Offers of joint strikes"
    assert end.find("a").attrs["href"] == "/decades/2010s/#era-offers-2016-start"


def test_a_year_page_leads_back_to_its_place_in_the_chronology(split_site: Path):
    page = parse_file(split_site / "years" / "2016" / "index.html")
    assert page.find("nav", class_="breadcrumb").find("a").attrs["href"] == "/decades/2010s/#y2016"


def test_era_headings_say_when_the_era_ran(fixture_site: Path):
    home = parse_file(fixture_site / "index.html")
    start = home.find("li", id="era-offers-2016-start")
    assert start.find("h3").text() == "Offers of joint strikes"
    assert start.find("p").text() == (
        "From 20 May 2016 to 24 May 2016. From the refusal to the offer."
    )
    assert (
        home.find("li", id="era-after-2017-start")
        .find("p")
        .text()
        .startswith("From September 2017.")
    )


def test_each_card_carries_what_the_filters_match_and_its_sources(fixture_site: Path):
    home = parse_file(fixture_site / "index.html")
    for card in home.find("main").find_all("li", class_="event"):
        kind_link = card.find("a", class_="kind").attrs["href"]
        assert kind_link == f"/kinds/{card.attrs['data-kind']}/"
        actors = [
            a.attrs["href"].split("/")[2]
            for a in card.find("dl", class_="facts").find_all("a")
            if a.attrs["href"].startswith("/actors/")
        ]
        assert card.attrs["data-actors"].split() == actors
        assert card.find("time").attrs["datetime"].startswith(card.attrs["data-year"])
        sources = card.find("details", class_="card-sources")
        assert sources.find_all("li"), f"{card.attrs['id']} shows no source"


def test_the_filter_form_offers_what_is_on_the_page_and_links_work_without_it(
    split_site: Path,
):
    page = parse_file(split_site / "decades" / "2010s" / "index.html")
    form = page.find("form", id="filter-form")
    assert "hidden" in form.attrs  # shown by filter.js only
    options = {
        select.attrs["name"]: [o.attrs.get("value", o.text()) for o in select.find_all("option")]
        for select in form.find_all("select")
    }
    assert options == {
        "kind": ["", "agreement", "refusal", "statement"],
        "actor": ["", "russia", "sergei-lavrov", "united-states"],
        "from": ["", "2015", "2016", "2017"],
        "to": ["", "2015", "2016", "2017"],
    }
    for select in form.find_all("select"):
        assert form.find("label", for_=select.attrs["id"])
    kinds = [a.attrs["href"] for a in page.find("p", class_="browse-kinds").find_all("a")]
    assert kinds == ["/kinds/agreement/", "/kinds/refusal/", "/kinds/statement/"]
    for href in kinds:
        assert (split_site / href.strip("/") / "index.html").is_file()
    scripts = [s.attrs["src"] for s in page.find_all("script") if "src" in s.attrs]
    assert scripts == ["/theme/js/filter.js"]
    assert (split_site / "theme" / "js" / "filter.js").stat().st_size < 10_000
