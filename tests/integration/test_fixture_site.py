"""The small fixture site: dates at every precision, neighbours, escaping."""

from __future__ import annotations

from pathlib import Path

from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build


def test_dates_show_their_own_precision(fixture_site: Path):
    home = parse_file(fixture_site / "index.html")
    shown = {
        card.attrs["id"]: (card.find("time").attrs["datetime"], card.find("time").text())
        for card in home.find_all("li", class_="event")
    }
    assert shown == {
        "span": ("2015", "c. 2015–2016"),
        "month": ("2016-05", "May 2016"),
        "refusal": ("2016-05-20", "20 May 2016"),
        "offer": ("2016-05-24", "24 May 2016"),
        "later": ("2017-09-21", "21 September 2017"),
    }
    # The month-only event sorts before the days of that month.
    assert list(shown) == ["span", "month", "refusal", "offer", "later"]


def test_event_page_links_previous_and_next_in_time(fixture_site: Path):
    page = parse_file(fixture_site / "events" / "offer" / "index.html")
    assert page.find("a", rel="prev").attrs["href"] == "/events/refusal/"
    assert page.find("a", rel="next").attrs["href"] == "/events/later/"
    first = parse_file(fixture_site / "events" / "span" / "index.html")
    assert first.find_all("a", rel="prev") == []


def test_markup_in_a_title_is_shown_as_text(fixture_site: Path):
    html = (fixture_site / "events" / "offer" / "index.html").read_text()
    assert "&lt;em&gt;with markup&lt;/em&gt;" in html
    assert "<em>with markup</em>" not in html


def test_a_source_without_link_says_so(fixture_site: Path):
    page = parse_file(fixture_site / "events" / "offer" / "index.html")
    items = page.find("ol", id="sources").find_all("li")
    assert items[0].find("a").attrs["href"] == "https://news.example/one"
    assert items[1].find_all("a") == []
    assert "no link known" in items[1].text()


def test_a_card_shown_at_two_depths_links_from_each(tmp_path: Path):
    """Cards are rendered once per page depth: with relative URLs, links differ by depth."""
    site = build(tmp_path / "output", FIXTURE_CONTENT, RELATIVE_URLS=True)
    card = 'class="event-title" id="title-later"><a href="{}events/later/">'
    assert card.format("./") in (site / "index.html").read_text(encoding="utf-8")
    # The decade page shows the same cards under the same year headings, two folders down.
    decade = (site / "decades" / "2010s" / "index.html").read_text(encoding="utf-8")
    assert card.format("../../") in decade
    assert card.format("./") not in decade
