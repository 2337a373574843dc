"""The Atom feed (newest first, cut, escaped, absolute links) and the iCalendar file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pelican.writers import Writer

from generator.content.dates import PartialDate, make_event_date
from generator.content.model import Entity, Event, Source
from generator.site.catalogs import load_translations
from generator.site.exporters import (
    CALENDAR_PATH,
    FEED_PATH,
    build_calendar,
    build_feed,
    calendar_days,
    feed_items,
)
from generator.site.generators.exports import ExportGenerator
from generator.site.history import FileHistory
from generator.site.settings import SETTINGS
from tests.factories import make_event, make_generator
from tests.htmltree import Element, parse

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = load_translations(ROOT / "theme" / "translations", "en")

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATEMENT = Entity("kinds", "statement", {"en": "Statement", "fr": "Déclaration"})


@dataclass
class Item:
    """What the exporters read of a Pelican article: its event, address and git history."""

    event: Event
    url: str
    history: FileHistory | None = None


def when(start: str, end: str | None = None, circa: bool = False):
    parts = [PartialDate(*(int(p) for p in text.split("-"))) for text in (start, end) if text]
    return make_event_date(parts[0], parts[1] if end else None, circa)


def item(
    slug: str,
    start: str = "2016-05-24",
    end: str | None = None,
    *,
    circa: bool = False,
    title: str | None = None,
    summary: str = "A summary of the event.",
    sources: tuple[Source, ...] = (Source("Example Wire", "A report"),),
    history: FileHistory | None = None,
) -> Item:
    event = make_event(
        slug,
        title=title or f"Title of {slug}",
        date=when(start, end, circa),
        kind=STATEMENT,
        summary=summary,
        sources=sources,
    )
    return Item(event, f"events/{slug}/", history)


def settings(siteurl: str = "", lang: str = "en", **more: Any) -> dict[str, Any]:
    return {
        "SITEURL": siteurl,
        "SITENAME": "The <chronology> & co",
        "SITESUBTITLE": "Sourced",
        "AUTHOR": "The editors",
        "DEFAULT_LANG": lang,
        **more,
    }


def feed_xml(items, limit: int = 50, **site: Any) -> ET.Element:
    return ET.fromstring(build_feed(items, settings(**site), limit).writeString("utf-8"))


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def summary_html(entry: ET.Element) -> Element:
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"
    return parse(summary.text or "")


def calendar_of(items, **site: Any) -> Calendar:
    config = settings(**site)
    translations = load_translations(ROOT / "theme" / "translations", config["DEFAULT_LANG"])
    return Calendar.from_ical(build_calendar(items, config, translations).to_ical())


def vevents(calendar: Calendar) -> dict[str, Any]:
    return {str(e["uid"]).split(".")[0]: e for e in calendar.walk("VEVENT")}


# The feed


def test_the_feed_lists_the_most_recent_events_first_and_stops_at_the_limit():
    items = [
        item("month", "2016-05"),  # sorts before the days of May, so after them when reversed
        item("early", "2016-05-20"),
        item("latest", "2017-09-21"),
        item("oldest", "1972-05-26"),
        item("late", "2016-05-24"),
    ]
    slugs = [e.find(f"{ATOM}link").get("href") for e in entries(feed_xml(items, limit=3))]
    assert slugs == ["/events/latest/", "/events/late/", "/events/early/"]
    everything = [e.find(f"{ATOM}link").get("href") for e in entries(feed_xml(items))]
    assert everything[3:] == ["/events/month/", "/events/oldest/"]


def test_the_number_of_items_is_a_setting_with_a_default_of_50():
    assert feed_items({}) == SETTINGS["TIMELINE_FEED_ITEMS"].default == 50
    assert feed_items({"TIMELINE_FEED_ITEMS": 7}) == 7
    many = [item(f"e{n}", f"2001-01-{n % 28 + 1:02d}") for n in range(60)]
    assert len(entries(feed_xml(many, limit=feed_items({})))) == 50


def test_titles_and_summaries_with_markup_characters_stay_text():
    title = 'Lavrov says "no" to <Kerry> & co'
    summary = "Tom & Jerry said <b>not bold</b>."
    raw = build_feed([item("x", title=title, summary=summary)], settings(), 5).writeString("utf-8")
    assert "&lt;Kerry&gt; &amp; co" in raw
    (entry,) = entries(ET.fromstring(raw))
    assert entry.find(f"{ATOM}title").text == title
    html = summary_html(entry)
    assert html.find_all("b") == []  # the summary's "<b>" is text, not an element
    assert html.find("p").text() == "24 May 2016 — Tom & Jerry said <b>not bold</b>."
    assert ET.fromstring(raw).find(f"{ATOM}title").text == "The <chronology> & co"


def test_each_item_has_the_event_date_as_shown_and_its_sources():
    sources = (
        Source(
            "Reuters", "Talks & <more>", PartialDate(2016, 5, 25), "https://r.example/a?b=1&c=2"
        ),
        Source("TASS", "[Report on the call]"),
        Source("Le Monde", "Un titre", lang="fr"),
    )
    (entry,) = entries(feed_xml([item("x", "2016-05-20", "2016-05-24", sources=sources)]))
    html = summary_html(entry)
    assert html.find("strong").text() == "20–24 May 2016"
    first, second, third = html.find("ul").find_all("li")
    assert first.text() == "Reuters, Talks & <more> , 25 May 2016."
    assert first.find("a").attrs["href"] == "https://r.example/a?b=1&c=2"
    assert first.find("cite").text() == "Talks & <more>"
    assert second.text() == "TASS, [Report on the call]."
    assert second.find_all("cite") == []  # a description is not a published title
    assert third.find("cite").attrs["lang"] == "fr"


def test_links_and_ids_are_absolute_when_the_site_has_an_address():
    feed = feed_xml([item("offer")], siteurl="https://example.org/chrono")
    (entry,) = entries(feed)
    assert entry.find(f"{ATOM}link").get("href") == "https://example.org/chrono/events/offer/"
    assert entry.find(f"{ATOM}id").text == "https://example.org/chrono/events/offer/"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://example.org/chrono/",
        "self": "https://example.org/chrono/feeds/events.atom.xml",
    }


@pytest.mark.parametrize(
    ("siteurl", "expected"), [("", "/events/offer/"), ("/fr", "/fr/events/offer/")]
)
def test_a_local_preview_links_from_the_root_of_its_own_site(siteurl, expected):
    (entry,) = entries(feed_xml([item("offer")], siteurl=siteurl))
    assert entry.find(f"{ATOM}link").get("href") == expected
    assert entry.find(f"{ATOM}id").text == expected


def test_updated_is_the_last_commit_or_else_the_event_date():
    last = datetime(2021, 3, 5, 4, 30, tzinfo=UTC)
    history = FileHistory(datetime(2020, 1, 2, tzinfo=UTC), last, 2, "0" * 40)
    feed = feed_xml([item("known", "2017-01-01", history=history), item("new", "2016-05")])
    stamps = [e.find(f"{ATOM}updated").text for e in entries(feed)]
    assert stamps == ["2021-03-05T04:30:00+00:00", "2016-05-01T00:00:00+00:00"]
    assert feed.find(f"{ATOM}updated").text == "2021-03-05T04:30:00+00:00"


def test_the_feed_speaks_the_language_of_its_site():
    feed = feed_xml([item("x", "2016-06-01", circa=True)], lang="fr")
    assert feed.get(XML_LANG) == "fr"
    assert summary_html(entries(feed)[0]).find("strong").text() == "vers 1er juin 2016"


# The calendar


def test_events_known_to_the_day_are_all_day_events_with_an_exclusive_end():
    items = [
        item("day", "2016-05-24"),
        item("range", "2016-05-20", "2016-05-24"),
        item("across", "2016-12-30", "2017-01-02"),
    ]
    found = vevents(calendar_of(items))
    for slug, start, end in [
        ("day", date(2016, 5, 24), date(2016, 5, 25)),
        ("range", date(2016, 5, 20), date(2016, 5, 25)),
        ("across", date(2016, 12, 30), date(2017, 1, 3)),
    ]:
        event = found[slug]
        assert type(event.decoded("dtstart")) is date  # DATE, not DATE-TIME
        assert event["dtstart"].params["VALUE"] == "DATE"
        assert (event.decoded("dtstart"), event.decoded("dtend")) == (start, end)
        assert event["transp"] == "TRANSPARENT"


def test_events_not_known_to_the_day_are_left_out_and_counted():
    items = [
        item("day", "2016-05-24"),
        item("month", "2016-05"),
        item("year", "2015"),
        item("circa", "2016-05-24", circa=True),
        item("vague-end", "2016-05-24", "2016-06"),
    ]
    assert [calendar_days(i.event.date) for i in items[1:]] == [None] * 4
    calendar = calendar_of(items)
    assert list(vevents(calendar)) == ["day"]
    description = str(calendar["x-wr-caldesc"])
    assert "4 events dated only to the month or the year, or approximately, are left out" in (
        description
    )
    assert str(calendar["description"]) == description


@pytest.mark.parametrize(
    ("lang", "left_out", "expected"),
    [
        ("en", 1, "1 event dated only to the month or the year, or approximately, is left out"),
        ("fr", 1, "1 événement daté seulement au mois ou à l'année"),
        ("fr", 2, "2 événements datés seulement au mois ou à l'année"),
    ],
)
def test_the_calendar_says_how_many_events_it_leaves_out_in_its_language(lang, left_out, expected):
    items = [item("day"), *(item(f"y{n}", f"{2000 + n}") for n in range(left_out))]
    assert expected in str(calendar_of(items, lang=lang)["x-wr-caldesc"])


def test_a_calendar_that_leaves_nothing_out_says_only_what_it_holds():
    calendar = calendar_of([item("day")])
    assert str(calendar["x-wr-caldesc"]) == (
        "Events of the chronology known to the day, as all-day events."
    )


def test_the_calendar_is_named_after_the_site_and_its_language():
    assert str(calendar_of([], lang="fr")["x-wr-calname"]) == "The <chronology> & co (Français)"
    assert str(calendar_of([])["x-wr-calname"]) == "The <chronology> & co (English)"


def test_uids_are_stable_and_distinct_per_event_and_language():
    items = [item("offer"), item("refusal", "2016-05-20")]
    site = settings("https://example.org/chrono")
    first = build_calendar(items, site, ENGLISH).to_ical()
    again = build_calendar(list(reversed(items)), site, ENGLISH).to_ical()
    assert first == again  # same bytes: no clock, no dependence on input order
    uids = [str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert uids == ["refusal.en@example.org", "offer.en@example.org"]
    french = calendar_of(items, siteurl="https://example.org/chrono/fr", lang="fr")
    assert sorted(str(e["uid"]) for e in french.walk("VEVENT")) == [
        "offer.fr@example.org",
        "refusal.fr@example.org",
    ]
    preview = calendar_of(items)
    assert str(vevents(preview)["offer"]["uid"]) == "offer.en@rus-us-chronology"


def test_each_event_has_its_title_summary_and_page_address():
    title, summary = 'A "title", with; commas & <marks>', "One line, with; punctuation."
    found = vevents(
        calendar_of([item("offer", title=title, summary=summary)], siteurl="https://ex.org")
    )
    event = found["offer"]
    assert str(event["summary"]) == title
    assert event["summary"].params["LANGUAGE"] == "en"
    assert str(event["description"]) == f"{summary}\n\nhttps://ex.org/events/offer/"
    assert str(event["url"]) == "https://ex.org/events/offer/"
    assert event.decoded("dtstamp") == datetime(2016, 5, 24, tzinfo=UTC)
    assert "last-modified" not in event


def test_a_preview_calendar_has_no_url_property_but_names_the_page():
    event = vevents(calendar_of([item("offer")]))["offer"]
    assert "url" not in event
    assert str(event["description"]).endswith("\n\n/events/offer/")


def test_dtstamp_and_last_modified_come_from_the_last_commit():
    last = datetime(2021, 3, 5, 4, 30, tzinfo=UTC)
    history = FileHistory(datetime(2020, 1, 2, tzinfo=UTC), last, 2, "0" * 40)
    event = vevents(calendar_of([item("offer", history=history)]))["offer"]
    assert event.decoded("dtstamp") == last
    assert event.decoded("last-modified") == last


# The generator


def generator_for(items, output: Path) -> ExportGenerator:
    """The generator as Pelican makes it, with the project's theme."""
    return make_generator(
        ExportGenerator, settings("https://example.org"), {"articles": items}, output
    )


def test_the_generator_writes_the_feed_and_the_calendar(tmp_path: Path):
    generator_for([item("offer")], tmp_path).generate_output(Writer(str(tmp_path), {}))
    feed = ET.parse(tmp_path / FEED_PATH).getroot()
    assert [e.find(f"{ATOM}id").text for e in entries(feed)] == [
        "https://example.org/events/offer/"
    ]
    calendar = Calendar.from_ical((tmp_path / CALENDAR_PATH).read_bytes())
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == ["offer.en@example.org"]


def test_the_plan_has_no_page_and_planning_writes_nothing(tmp_path: Path):
    # Feeds and calendars are not pages.
    assert generator_for([item("offer")], tmp_path).planned_pages() == ()
    assert list(tmp_path.iterdir()) == []
