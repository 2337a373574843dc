"""Each language's site has an Atom feed of its latest events and a calendar of its dated ones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, ROOT, build, git

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
    assert uids["offer.en@rus-us-chronology"] == f"{PUBLIC}/events/offer/"
    french = feed(published_site / "fr")
    assert links(french) == [f"{PUBLIC}/fr/events/offer/"]
    (event,) = calendar(published_site / "fr").walk("VEVENT")
    assert str(event["url"]) == f"{PUBLIC}/fr/events/offer/"


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content in a repository of its own, its entries committed on known days.

    The 2015 event is committed last, long after the 2017 one: new to a subscriber although
    its event is older. The offer is corrected twice after it was first published.
    """
    repo = tmp_path_factory.mktemp("history") / "repo"
    content = Path(shutil.copytree(FIXTURE_CONTENT, repo / "content"))
    events = content / "events"
    git(repo, "init", "-q")
    git(repo, "add", "content/data", "content/pages", "content/events/2016")
    git(repo, "commit", "-q", "-m", "first", when="2020-01-02T10:00:00+00:00")
    git(repo, "add", "content/events/2017")
    git(repo, "commit", "-q", "-m", "2017", when="2020-06-01T08:00:00+00:00")
    git(repo, "add", "content/events/2015")
    git(repo, "commit", "-q", "-m", "2015", when="2022-09-09T09:09:09+00:00")
    offer = events / "2016" / "2016-05-24-offer.md"
    for day in ("2021-01-01", "2021-03-04"):
        offer.write_text(offer.read_text() + "\nA correction.\n")
        git(repo, "commit", "-q", "-am", "fix", when=f"{day}T12:00:00+00:00")
    return content


def built(content: Path, output: Path, **settings) -> Path:
    return build(
        output, content, TIMELINE_SEARCH=False, TIMELINE_FACET_FEED_MIN_EVENTS=2, **settings
    )


def test_the_feed_lists_what_was_published_last_with_its_commits(committed: Path, tmp_path: Path):
    site = built(committed, tmp_path / "output", SITEURL=PUBLIC)
    parsed = feedparser.parse((site / "feeds" / "events.atom.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    found = [(e.link.removeprefix(PUBLIC), e.published, e.updated) for e in parsed.entries]
    assert found == [
        ("/events/span/", "2022-09-09T09:09:09+00:00", "2022-09-09T09:09:09+00:00"),
        ("/events/later/", "2020-06-01T08:00:00+00:00", "2020-06-01T08:00:00+00:00"),
        # Published together: the later event first.
        ("/events/offer/", "2020-01-02T10:00:00+00:00", "2021-03-04T12:00:00+00:00"),
        ("/events/refusal/", "2020-01-02T10:00:00+00:00", "2020-01-02T10:00:00+00:00"),
        ("/events/month/", "2020-01-02T10:00:00+00:00", "2020-01-02T10:00:00+00:00"),
    ]
    assert all(e.id.startswith(f"{PUBLIC}/events/") for e in parsed.entries)
    assert parsed.feed.rights.startswith("Content and data under the CC BY 4.0 licence")
    french = feedparser.parse((site / "fr" / "feeds" / "events.atom.xml").read_bytes())
    assert french.feed.rights.startswith("Contenu et données sous licence CC BY 4.0")


def test_calendar_events_carry_their_commits_not_their_dates(committed: Path, tmp_path: Path):
    site = built(committed, tmp_path / "output")
    events = {str(e["uid"]): e for e in calendar(site).walk("VEVENT")}
    assert sorted(events) == [
        "later.en@rus-us-chronology",
        "offer.en@rus-us-chronology",
        "refusal.en@rus-us-chronology",
    ]
    offer = events["offer.en@rus-us-chronology"]
    assert str(offer.decoded("dtstamp")) == "2021-03-04 12:00:00+00:00"
    assert offer.decoded("last-modified") == offer.decoded("dtstamp")
    assert offer.decoded("sequence") == 2
    refusal = events["refusal.en@rus-us-chronology"]
    assert refusal.decoded("sequence") == 0
    for event in events.values():
        assert event.decoded("dtstamp").date() != event.decoded("dtstart")


def test_moving_the_site_keeps_every_uid(committed: Path, tmp_path: Path):
    here = built(committed, tmp_path / "here", SITEURL="https://one.example.org")
    there = built(committed, tmp_path / "there", SITEURL="https://two.example.net/chrono")
    for path in ("calendar.ics", "calendars/actors/russia.ics", "fr/calendar.ics"):
        before = [
            str(e["uid"]) for e in Calendar.from_ical((here / path).read_bytes()).walk("VEVENT")
        ]
        after = [
            str(e["uid"]) for e in Calendar.from_ical((there / path).read_bytes()).walk("VEVENT")
        ]
        assert before == after and before


def test_a_thread_can_be_followed_from_its_page(committed: Path, tmp_path: Path):
    site = built(committed, tmp_path / "output")
    for lang, prefix in (("en", ""), ("fr", "/fr")):
        root = site / prefix.lstrip("/")
        page = parse_file(root / "actors" / "russia" / "index.html")
        feeds = page.find("head").find_all("link", type="application/atom+xml")
        assert [link.attrs["href"] for link in feeds] == [
            f"{prefix}/feeds/events.atom.xml",
            f"{prefix}/feeds/actors/russia.atom.xml",
        ][: len(feeds)]
        follows = page.find("main").find_all("p", class_="follow")
        if lang == "fr":
            # One French entry: too few events for the French page to offer a feed.
            assert follows == [] and len(feeds) == 1
            assert not (root / "feeds" / "actors" / "russia.atom.xml").exists()
            continue
        assert len(feeds) == 2
        (follow,) = follows
        feed_link = follow.find("a", type="application/atom+xml").attrs["href"]
        calendar_link = follow.find("a", type="text/calendar").attrs["href"]
        assert (feed_link, calendar_link) == (
            "/feeds/actors/russia.atom.xml",
            "/calendars/actors/russia.ics",
        )
        parsed = feedparser.parse((root / feed_link.lstrip("/")).read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.feed.title == "Russia · Russia–US coordination: a chronology"
        assert len(parsed.entries) == 4
        own = Calendar.from_ical((root / calendar_link.lstrip("/")).read_bytes())
        assert len(own.walk("VEVENT")) == 2  # its events known to the day
    # A facet with fewer events has no link and no files.
    lavrov = parse_file(site / "actors" / "sergei-lavrov" / "index.html")
    assert lavrov.find("main").find_all("p", class_="follow") == []
    assert not (site / "feeds" / "actors" / "sergei-lavrov.atom.xml").exists()


def test_two_builds_write_the_same_exports(committed: Path, tmp_path: Path):
    sites = [built(committed, tmp_path / name) for name in ("one", "two")]
    files = [
        {p.relative_to(s): p.read_bytes() for p in s.rglob("*") if p.suffix in {".xml", ".ics"}}
        for s in sites
    ]
    assert len(files[0]) > 6
    assert files[0] == files[1]
