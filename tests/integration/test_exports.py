"""Each language's site has an Atom feed of its latest events and a calendar of its dated ones."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PUBLIC = "https://example.org/chrono"


def feed(site: Path) -> ET.Element:
    return ET.parse(site / "feeds" / "events.atom.xml").getroot()


def entries(root: ET.Element, child: str) -> list[str]:
    return [entry.find(f"{ATOM}{child}").text for entry in root.findall(f"{ATOM}entry")]


def links(root: ET.Element) -> list[str]:
    return [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]


def calendar(site: Path) -> Calendar:
    return Calendar.from_ical((site / "calendar.ics").read_bytes())


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built with publishconf.py in a process of its own, as ``make publish``.

    A process of its own: publishconf.py imports pelicanconf by name, which gets the module an
    earlier build of this session loaded, and pelican-i18n-subsites wrote that build's French
    SITEURL and OUTPUT_PATH into its I18N_SUBSITES.
    """
    output = tmp_path_factory.mktemp("published") / "output"
    script = (
        "import sys; from pathlib import Path; from generator.tools.build import build_site; "
        "build_site(Path(sys.argv[1]), Path('publishconf.py'), "
        "{'PATH': sys.argv[2], 'TIMELINE_SEARCH': False})"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(output), str(FIXTURE_CONTENT)],
        cwd=ROOT,
        env={**os.environ, "SITEURL": PUBLIC},
        check=True,
        capture_output=True,
    )
    return output


def test_the_feed_lists_events_newest_first_with_their_dates_and_sources(fixture_site: Path):
    root = feed(fixture_site)
    assert root.get(XML_LANG) == "en"
    assert root.find(f"{ATOM}title").text == "Russia–US coordination: a chronology"
    assert entries(root, "title") == [
        "A later event",
        "A day-precision statement <em>with markup</em>",
        "A refusal four days earlier",
        "A month-precision event",
        "A year-precision event with a range and circa",
    ]
    assert links(root)[:2] == ["/events/later/", "/events/offer/"]
    assert entries(root, "id") == links(root)
    summaries = entries(root, "summary")
    assert summaries[1].startswith("<p><strong>24 May 2016</strong> — A fixture event")
    assert (
        '<a href="https://news.example/one"><cite lang="fr">Fixture report: one</cite></a>'
        in (summaries[1])
    )
    assert "Named Only, <cite>A source known by name only</cite>." in summaries[1]
    assert summaries[4].startswith("<p><strong>c. 2015–2016</strong>")
    assert not (fixture_site / "feeds" / "all.atom.xml").exists()


def test_the_calendar_holds_the_events_known_to_the_day(fixture_site: Path):
    cal = calendar(fixture_site)
    found = {
        str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend"), str(e["uid"]))
        for e in cal.walk("VEVENT")
    }
    assert found == {
        "A refusal four days earlier": (
            date(2016, 5, 20),
            date(2016, 5, 21),
            "refusal.en@rus-us-chronology",
        ),
        "A day-precision statement <em>with markup</em>": (
            date(2016, 5, 24),
            date(2016, 5, 25),
            "offer.en@rus-us-chronology",
        ),
        "A later event": (date(2017, 9, 21), date(2017, 9, 22), "later.en@rus-us-chronology"),
    }
    assert "2 events dated only to the month or the year" in str(cal["x-wr-caldesc"])
    assert str(cal["x-wr-calname"]) == "Russia–US coordination: a chronology (English)"


def test_every_page_links_to_the_feed_and_the_calendar(fixture_site: Path):
    for path in ("index.html", "events/offer/index.html", "actors/index.html"):
        page = parse_file(fixture_site / path)
        head = page.find("head")
        assert head.find("link", type="application/atom+xml").attrs["href"] == (
            "/feeds/events.atom.xml"
        )
        assert head.find("link", type="text/calendar").attrs["href"] == "/calendar.ics"
        footer = page.find("footer")
        assert footer.find("a", type="application/atom+xml").text() == "Feed"
        assert footer.find("a", type="text/calendar").text() == "Calendar"


def test_the_french_site_has_its_own_feed_and_calendar_in_french(fixture_site: Path):
    site = fixture_site / "fr"
    root = feed(site)
    assert root.get(XML_LANG) == "fr"
    assert root.find(f"{ATOM}title").text == "Coordination Russie–États-Unis\u00a0: une chronologie"
    assert entries(root, "title") == ["Une déclaration datée au jour près"]
    assert links(root) == ["/fr/events/offer/"]
    assert entries(root, "summary")[0].startswith("<p><strong>24 mai 2016</strong> — Un ")
    (event,) = calendar(site).walk("VEVENT")
    assert str(event["summary"]) == "Une déclaration datée au jour près"
    assert event["summary"].params["LANGUAGE"] == "fr"
    assert str(event["uid"]) == "offer.fr@rus-us-chronology"
    page = parse_file(site / "index.html")
    assert page.find("head").find("link", type="application/atom+xml").attrs["href"] == (
        "/fr/feeds/events.atom.xml"
    )
    footer = page.find("footer")
    assert footer.find("a", type="application/atom+xml").text() == "Flux"
    assert footer.find("a", type="text/calendar").text() == "Calendrier"


def test_a_published_site_has_absolute_links_and_no_pelican_feed(published_site: Path):
    assert not (published_site / "feeds" / "all.atom.xml").exists()
    root = feed(published_site)
    assert links(root)[0] == f"{PUBLIC}/events/later/"
    assert entries(root, "id")[0] == f"{PUBLIC}/events/later/"
    self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == f"{PUBLIC}/feeds/events.atom.xml"
    uids = {str(e["uid"]): str(e["url"]) for e in calendar(published_site).walk("VEVENT")}
    assert uids["offer.en@example.org"] == f"{PUBLIC}/events/offer/"
    french = feed(published_site / "fr")
    assert links(french) == [f"{PUBLIC}/fr/events/offer/"]
    (event,) = calendar(published_site / "fr").walk("VEVENT")
    assert str(event["url"]) == f"{PUBLIC}/fr/events/offer/"
