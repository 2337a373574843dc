"""The Atom feed (newest first, cut, escaped, absolute links) and the iCalendar file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from icalendar import Calendar
from icalendar.parser import unescape_backslash
from pelican.writers import Writer

from generator.content.dates import PartialDate, make_event_date
from generator.content.model import Entity, Event, Source
from generator.content.problems import ConfigError
from generator.site.catalogs import load_translations
from generator.site.exporters import (
    CALENDAR_PATH,
    FALLBACK_STAMP,
    FEED_PATH,
    build_calendar,
    build_feed,
    build_stamp,
    calendar_bytes,
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
        "TIMELINE_FEED_AUTHOR": "The editors",
        "DEFAULT_LANG": lang,
        **more,
    }


def feed_text(items, limit: int = 50, **site: Any) -> str:
    config = settings(**site)
    translations = load_translations(ROOT / "theme" / "translations", config["DEFAULT_LANG"])
    return build_feed(items, config, translations, limit=limit).writeString("utf-8")


def feed_xml(items, limit: int = 50, **site: Any) -> ET.Element:
    return ET.fromstring(feed_text(items, limit, **site))


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


def x_text(calendar: Calendar, name: str) -> str:
    """Read an X-WR-* property as calendar applications do: TEXT, unescaped.

    icalendar keeps a property it has no type for as written, escapes included.
    """
    return unescape_backslash(str(calendar[name]))


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
    raw = feed_text([item("x", title=title, summary=summary)], 5)
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
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }


@pytest.mark.parametrize(
    ("siteurl", "expected"), [("", "/events/offer/"), ("/fr", "/fr/events/offer/")]
)
def test_a_local_preview_links_from_the_root_of_its_own_site(siteurl, expected):
    (entry,) = entries(feed_xml([item("offer")], siteurl=siteurl))
    assert entry.find(f"{ATOM}link").get("href") == expected
    assert entry.find(f"{ATOM}id").text == expected


def test_published_is_the_first_commit_and_updated_the_last_or_else_the_event_date():
    last = datetime(2021, 3, 5, 4, 30, tzinfo=UTC)
    history = FileHistory(datetime(2020, 1, 2, tzinfo=UTC), last, 2, "0" * 40)
    feed = feed_xml([item("known", "2017-01-01", history=history), item("new", "2016-05")])
    stamps = [e.find(f"{ATOM}updated").text for e in entries(feed)]
    assert stamps == ["2021-03-05T04:30:00+00:00", "2016-05-01T00:00:00+00:00"]
    published = [e.find(f"{ATOM}published").text for e in entries(feed)]
    assert published == ["2020-01-02T00:00:00+00:00", "2016-05-01T00:00:00+00:00"]
    assert feed.find(f"{ATOM}updated").text == "2021-03-05T04:30:00+00:00"


def commits(first: str, last: str | None = None, count: int = 1) -> FileHistory:
    """A history whose first and last commits are at these ISO times (UTC)."""
    start = datetime.fromisoformat(first).replace(tzinfo=UTC)
    end = datetime.fromisoformat(last).replace(tzinfo=UTC) if last else start
    return FileHistory(start, end, count, "0" * 40)


def test_the_feed_lists_what_was_published_most_recently_whatever_its_event_date():
    items = [
        # Written today about 1987: new to subscribers, so first.
        item("treaty", "1987-12-08", history=commits("2024-06-01T10:00")),
        item("recent", "2023-02-21", history=commits("2023-03-01T09:00", "2024-07-01T00:00")),
        item("old-news", "2017-09-21", history=commits("2020-01-01T00:00")),
        # Published together: the later event first.
        item("same-a", "2016-05-20", history=commits("2022-01-01T00:00")),
        item("same-b", "2016-05-24", history=commits("2022-01-01T00:00")),
    ]
    parsed = feedparser.parse(feed_text(items, 4, siteurl="https://example.org"))
    assert not parsed.bozo, parsed.bozo_exception
    assert [e.link for e in parsed.entries] == [
        "https://example.org/events/treaty/",
        "https://example.org/events/recent/",
        "https://example.org/events/same-b/",
        "https://example.org/events/same-a/",
    ]
    first = parsed.entries[0]
    assert first.published == "2024-06-01T10:00:00+00:00"
    assert first.updated == "2024-06-01T10:00:00+00:00"
    assert "8 December 1987" in first.summary  # the event's own date is in the text
    assert parsed.entries[1].updated == "2024-07-01T00:00:00+00:00"
    assert parsed.feed.updated == "2024-07-01T00:00:00+00:00"


def test_every_entry_has_published_updated_and_an_absolute_id_in_production():
    items = [item("known", history=commits("2021-01-01T00:00", "2022-01-01T00:00", 3))]
    items.append(item("uncommitted", "2015-03"))
    parsed = feedparser.parse(feed_text(items, siteurl="https://example.org/chrono"))
    assert not parsed.bozo, parsed.bozo_exception
    assert len(parsed.entries) == 2
    for entry in parsed.entries:
        assert entry.published_parsed is not None
        assert entry.updated_parsed is not None
        assert entry.published_parsed <= entry.updated_parsed
        assert entry.id.startswith("https://example.org/chrono/events/")


def test_the_feed_states_the_licence_of_its_content():
    parsed = feedparser.parse(feed_text([item("x")]))
    assert parsed.feed.rights == (
        "Content and data under the CC BY 4.0 licence: https://creativecommons.org/licenses/by/4.0/"
    )
    licence = [link.href for link in parsed.feed.links if link.rel == "license"]
    assert licence == ["https://creativecommons.org/licenses/by/4.0/"]
    other = feedparser.parse(
        feed_text(
            [],
            lang="fr",
            TIMELINE_LICENSE_NAME="CC0 1.0",
            TIMELINE_LICENSE_URL="https://creativecommons.org/publicdomain/zero/1.0/",
        )
    )
    assert other.feed.rights == (
        "Contenu et données sous licence CC0 1.0\u00a0: "
        "https://creativecommons.org/publicdomain/zero/1.0/"
    )


def test_an_empty_feed_is_stamped_by_the_build_never_by_the_clock():
    config = settings()
    first = build_feed([], config, ENGLISH, limit=5).writeString("utf-8")
    assert build_feed([], config, ENGLISH, limit=5).writeString("utf-8") == first
    assert feedparser.parse(first).feed.updated == "1970-01-01T00:00:00+00:00"
    stamp = datetime(2024, 5, 1, 12, tzinfo=UTC)
    stamped = build_feed([], config, ENGLISH, limit=5, stamp=stamp).writeString("utf-8")
    assert feedparser.parse(stamped).feed.updated == "2024-05-01T12:00:00+00:00"


def test_the_build_stamp_is_source_date_epoch_or_a_fixed_time():
    assert build_stamp({}) == FALLBACK_STAMP == datetime(1970, 1, 1, tzinfo=UTC)
    assert build_stamp({"SOURCE_DATE_EPOCH": ""}) == FALLBACK_STAMP
    assert build_stamp({"SOURCE_DATE_EPOCH": "1714564800"}) == datetime(2024, 5, 1, 12, tzinfo=UTC)
    with pytest.raises(ConfigError, match=r"SOURCE_DATE_EPOCH: expected a whole number .*'soon'"):
        build_stamp({"SOURCE_DATE_EPOCH": "soon"})
    with pytest.raises(ConfigError, match=r"SOURCE_DATE_EPOCH: '9+' is not a usable time"):
        build_stamp({"SOURCE_DATE_EPOCH": "9" * 30})


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
    description = x_text(calendar, "x-wr-caldesc")
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
    assert expected in x_text(calendar_of(items, lang=lang), "x-wr-caldesc")


def test_a_calendar_that_leaves_nothing_out_says_only_what_it_holds():
    calendar = calendar_of([item("day")])
    assert x_text(calendar, "x-wr-caldesc") == (
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
    assert uids == ["refusal.en@rus-us-chronology", "offer.en@rus-us-chronology"]
    french = calendar_of(items, siteurl="https://example.org/chrono/fr", lang="fr")
    assert sorted(str(e["uid"]) for e in french.walk("VEVENT")) == [
        "offer.fr@rus-us-chronology",
        "refusal.fr@rus-us-chronology",
    ]
    preview = calendar_of(items)
    assert str(vevents(preview)["offer"]["uid"]) == "offer.en@rus-us-chronology"


def test_uids_do_not_change_when_the_site_moves():
    items = [item("offer"), item("refusal", "2016-05-20")]
    before = calendar_of(items, siteurl="https://old.example.org")
    after = calendar_of(items, siteurl="https://new.example.net/chronology")
    uids = [str(e["uid"]) for e in before.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in after.walk("VEVENT")]
    assert not any("example" in uid for uid in uids)
    own = calendar_of(items, siteurl="https://x.org", TIMELINE_CALENDAR_UID_DOMAIN="chrono.example")
    assert sorted(str(e["uid"]) for e in own.walk("VEVENT")) == [
        "offer.en@chrono.example",
        "refusal.en@chrono.example",
    ]


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
    # Without history: the build's stamp, never the event's date nor the clock.
    assert event.decoded("dtstamp") == FALLBACK_STAMP
    assert event.decoded("sequence") == 0
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
    assert event.decoded("created") == datetime(2020, 1, 2, tzinfo=UTC)
    assert event.decoded("dtstamp").date() != event.decoded("dtstart")


def test_the_sequence_grows_with_each_commit_of_the_entry():
    history = commits("2020-01-02T00:00", "2021-03-05T04:30", 1)
    sequences = []
    for count in (1, 2, 5):
        changed = item("offer", history=replace(history, commits=count))
        sequences.append(vevents(calendar_of([changed]))["offer"].decoded("sequence"))
    assert sequences == [0, 1, 4]


def test_an_entry_without_history_is_stamped_with_the_build_stamp():
    stamp = datetime(2024, 5, 1, 12, tzinfo=UTC)
    calendar = build_calendar([item("offer")], settings(), ENGLISH, stamp=stamp)
    (event,) = Calendar.from_ical(calendar.to_ical()).walk("VEVENT")
    assert event.decoded("dtstamp") == stamp


# The generator


def generator_for(items, output: Path, **site: Any) -> ExportGenerator:
    """The generator as Pelican makes it, with the project's theme."""
    config = settings(site.pop("siteurl", "https://example.org"), **site)
    return make_generator(ExportGenerator, config, {"articles": items}, output)


LINE = Entity("threads", "line", {"en": "The line", "fr": "La ligne"})
RARE = Entity("threads", "rare", {"en": "Rare", "fr": "Rare"})


def threaded(slug: str, start: str, thread: Entity, commit: str) -> Item:
    """An entry of a thread, first committed at ``commit`` (ISO, UTC)."""
    found = item(slug, start, history=commits(commit))
    return Item(replace(found.event, thread=thread), found.url, found.history)


def thread_items() -> list[Item]:
    line = [
        threaded("l1", "2015-10-20", LINE, "2021-01-01T00:00"),
        threaded("l2", "2016-05", LINE, "2021-02-01T00:00"),
        threaded("l3", "2017-01-02", LINE, "2023-01-01T00:00"),
    ]
    return [*line, threaded("r1", "2016-06-01", RARE, "2022-01-01T00:00")]


def test_a_thread_with_enough_events_gets_its_own_feed_and_calendar(tmp_path: Path):
    generator = generator_for(thread_items(), tmp_path, TIMELINE_FACET_FEED_MIN_EVENTS=2)
    generator.generate_output(Writer(str(tmp_path), {}))
    parsed = feedparser.parse((tmp_path / "feeds/threads/line.atom.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "The line · The <chronology> & co"
    assert parsed.feed.link == "https://example.org/threads/line/"
    assert [e.link.rsplit("/", 2)[1] for e in parsed.entries] == ["l3", "l2", "l1"]
    calendar = Calendar.from_ical((tmp_path / "calendars/threads/line.ics").read_bytes())
    # One VEVENT per event known to the day; the month-precision one is counted, not shown.
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [
        "l1.en@rus-us-chronology",
        "l3.en@rus-us-chronology",
    ]
    assert x_text(calendar, "x-wr-calname") == "The line · The <chronology> & co (English)"
    assert "1 event dated only to the month" in x_text(calendar, "x-wr-caldesc")
    # Too few events: no files of its own; its events are in the site's feed and calendar.
    assert not (tmp_path / "feeds/threads/rare.atom.xml").exists()
    assert not (tmp_path / "calendars/threads/rare.ics").exists()
    site = feedparser.parse((tmp_path / FEED_PATH).read_bytes())
    assert len(site.entries) == 4


def test_a_facet_feed_keeps_to_the_feed_limit(tmp_path: Path):
    generator = generator_for(
        thread_items(), tmp_path, TIMELINE_FACET_FEED_MIN_EVENTS=2, TIMELINE_FEED_ITEMS=2
    )
    generator.generate_output(Writer(str(tmp_path), {}))
    parsed = feedparser.parse((tmp_path / "feeds/threads/line.atom.xml").read_bytes())
    assert [e.link.rsplit("/", 2)[1] for e in parsed.entries] == ["l3", "l2"]


def test_the_exports_are_the_same_bytes_from_the_same_content(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    outputs = []
    for run, items in enumerate((thread_items(), list(reversed(thread_items())))):
        output = tmp_path / str(run)
        generator = generator_for(items, output, TIMELINE_FACET_FEED_MIN_EVENTS=1)
        generator.generate_output(Writer(str(output), {}))
        outputs.append({p.relative_to(output): p.read_bytes() for p in output.rglob("*.*")})
    assert len(outputs[0]) == 2 + 2 * 3  # the site's two files, and two per facet
    assert outputs[0] == outputs[1]


def test_a_bad_source_date_epoch_stops_the_export(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        generator_for([item("offer")], tmp_path).generate_output(Writer(str(tmp_path), {}))


def test_the_generator_writes_the_feed_and_the_calendar(tmp_path: Path):
    generator_for([item("offer")], tmp_path).generate_output(Writer(str(tmp_path), {}))
    feed = ET.parse(tmp_path / FEED_PATH).getroot()
    assert [e.find(f"{ATOM}id").text for e in entries(feed)] == [
        "https://example.org/events/offer/"
    ]
    calendar = Calendar.from_ical((tmp_path / CALENDAR_PATH).read_bytes())
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == ["offer.en@rus-us-chronology"]


def test_the_plan_has_no_page_and_planning_writes_nothing(tmp_path: Path):
    # Feeds and calendars are not pages.
    assert generator_for([item("offer")], tmp_path).planned_pages() == ()
    assert list(tmp_path.iterdir()) == []


# Hostile text in every field


PAYLOAD = (
    "</summary>]]><script>alert(1)</script> &amp; \"q\" 'a' ;,:\\ "
    "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\n💥 \u202e"
)


def hostile_item(slug: str, start: str = "2016-05-24") -> Item:
    """An entry with the payload in its title, summary, kind, thread and every source field."""
    kind = Entity("kinds", "statement", {"en": PAYLOAD, "fr": PAYLOAD})
    thread = Entity("threads", "line", {"en": PAYLOAD, "fr": PAYLOAD})
    source = Source(PAYLOAD, PAYLOAD, PartialDate(2016, 5), f"https://e.org/{PAYLOAD}", lang="fr")
    event = make_event(
        slug, title=PAYLOAD, date=when(start), kind=kind, summary=PAYLOAD, sources=(source,)
    )
    return Item(replace(event, thread=thread), f"events/{slug}/")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_payload_in_every_field_stays_text_in_the_feed(lang):
    items = [hostile_item("one"), hostile_item("two", "2017-01-02")]
    text = feed_text(items, siteurl="https://example.org", lang=lang, SITENAME=PAYLOAD)
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.bozo_exception
    assert len(parsed.entries) == 2
    root = ET.fromstring(text)
    xml_text = PAYLOAD.replace("\r\n", "\n")  # what any XML parser reads back
    assert root.find(f"{ATOM}title").text == xml_text
    assert [e.find(f"{ATOM}title").text for e in entries(root)] == [xml_text, xml_text]
    html = summary_html(entries(root)[0])
    assert html.find_all("script") == []
    assert "</summary>]]><script>alert(1)</script> &amp;" in html.find("p").text()
    assert html.find("li").find("a").attrs["href"].startswith("https://e.org/</summary>")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_payload_in_every_field_stays_text_in_the_calendar(lang):
    items = [hostile_item("one"), hostile_item("two", "2017-01-02")]
    raw = build_calendar(
        items, settings("https://example.org", lang, SITENAME=PAYLOAD), ENGLISH
    ).to_ical()
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [
        f"one.{lang}@rus-us-chronology",
        f"two.{lang}@rus-us-chronology",
    ]
    text = PAYLOAD.replace("\r\n", "\n")  # a TEXT value's line break is written \n
    for event in events:
        assert str(event["summary"]) == text
        assert str(event["description"]).startswith(text)
        assert [str(c) for c in event["categories"].cats] == [text]
    assert x_text(calendar, "x-wr-calname").startswith(text)
    assert x_text(calendar, "name").startswith(text)
    # Every content line of the file is a property of ours, not one the payload made.
    lines = raw.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 2
    assert len([line for line in lines if line.startswith(b"UID:")]) == 2


def test_calendar_bytes_are_those_of_the_calendar_each_event_serialized_once():
    history = FileHistory(
        first=datetime(2020, 1, 1, tzinfo=UTC), last=datetime(2021, 2, 3, tzinfo=UTC), commits=3,
        last_commit="abc",
    )  # fmt: skip
    items = [
        item("offer", title="Ready, to coordinate; with a long title " * 3, history=history),
        item("refusal", "2016-05-20"),
        item("month", "2016-05"),  # left out: known to the month
        item("span", "2016-05-01", "2016-05-03"),
    ]
    site = settings("https://example.org/chrono", lang="fr")
    cache: dict[int, bytes] = {}
    lists = [(items, None), (items[1:], "A facet, with a comma"), (items[:2], "Another")]

    for listed, name in lists:
        expected = build_calendar(listed, site, ENGLISH, name=name).to_ical()
        assert calendar_bytes(listed, site, ENGLISH, cache, name=name) == expected
    # Built once each; the month-precision entry never.
    assert sorted(cache) == sorted(id(i) for i in (items[0], items[1], items[3]))
