"""Every JSON-LD block of every built page parses, and says what the page shows.

The fixture site is read with the content checks' own model of its entries; a second build
puts a payload in every field an entry and a registry have, with an absolute ``SITEURL``, and
reads back every page, the feeds, the calendar and the sitemap.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from generator.content.checks import check_tree
from tests.htmltree import Element, parse_file
from tests.integration.conftest import FIXTURE_CONTENT, ROOT, build

LD_JSON = "application/ld+json"
PAYLOAD = "</script><script>alert(1)</script>\u2028\u2029\"'&amp;<!--"
#: What the checks make of it in a one-line field: its line and paragraph separators folded
#: into a space (the unit tests hold the block's escaping of them).
SHOWN = " ".join(PAYLOAD.split())
PUBLIC = "https://example.org/chronology"


def blocks(page: Element) -> list[dict]:
    """Parse every JSON-LD block of a page with the standard JSON parser."""
    scripts = [s for s in page.find_all("script") if s.attrs.get("type") == LD_JSON]
    return [json.loads("".join(map(str, s.children))) for s in scripts]


def executable_scripts(page: Element, site: str = "/") -> list[Element]:
    """Every script a browser would run that is not a file of the ``site``: none is allowed."""
    return [
        s
        for s in page.find_all("script")
        if s.attrs.get("type") != LD_JSON
        and (not s.attrs.get("src", "").startswith(site) or "".join(map(str, s.children)).strip())
    ]


def events_of(content: Path):
    events, _problems = check_tree(content, ROOT, date(2030, 1, 1))
    return events


def event_page(site: Path, event) -> Path:
    folder = site / event.lang if event.is_translation else site
    return folder / "events" / event.slug / "index.html"


def test_every_page_has_one_block_that_parses(fixture_site: Path):
    pages = sorted(fixture_site.rglob("*.html"))
    without = []
    for path in pages:
        page = parse_file(path)
        found = blocks(page)
        assert len(found) <= 1, path
        if not found:
            without.append(path.relative_to(fixture_site).as_posix())
            continue
        assert found[0]["@context"] == "https://schema.org", path
        assert found[0]["license"] if "license" in found[0] else found[0]["subjectOf"]["license"]
    # Only pages that are no content of their own: search, not-found pages and redirects.
    assert all(
        name.endswith(("search/index.html", "404.html")) or "old-offer" in name or "2016/05" in name
        for name in without
    ), without


def test_every_event_block_holds_its_date_places_and_sources(fixture_site: Path):
    events = events_of(FIXTURE_CONTENT)
    assert len(events) >= 5
    for event in events:
        (data,) = blocks(parse_file(event_page(fixture_site, event)))
        assert data["@type"] == "Event"
        assert data["name"] == event.title
        assert data["startDate"] == event.date.start.iso
        assert data.get("endDate") == (event.date.end.iso if event.date.end else None)
        assert data["inLanguage"] == event.lang
        assert len(data.get("location", [])) == len(event.places)
        assert len(data["about"]) == len(event.actors)
        page = data["subjectOf"]
        assert page["license"] == "https://creativecommons.org/licenses/by/4.0/"
        # A translation's page cites its original's sources too, as it shows them.
        shown = parse_file(event_page(fixture_site, event)).find("ol", id="sources")
        assert len(page["citation"]) == len(shown.find_all("li"))
        publishers = {work["publisher"]["name"] for work in page["citation"]}
        assert {source.publisher for source in event.sources} <= publishers
        urls = {work.get("url") for work in page["citation"]}
        assert {source.url for source in event.sources if source.url} <= urls


def test_a_translated_event_names_its_other_page(fixture_site: Path):
    (english,) = blocks(parse_file(fixture_site / "events" / "offer" / "index.html"))
    (french,) = blocks(parse_file(fixture_site / "fr" / "events" / "offer" / "index.html"))
    assert english["sameAs"] == ["/fr/events/offer/"]
    assert french["sameAs"] == ["/events/offer/"]
    assert french["inLanguage"] == "fr"
    # A month-precision date stays a month.
    (month,) = blocks(parse_file(fixture_site / "events" / "month" / "index.html"))
    assert month["startDate"] == "2016-05"


def test_lists_number_what_they_show_and_trail_their_breadcrumbs(fixture_site: Path):
    (decade,) = blocks(parse_file(fixture_site / "decades" / "2010s" / "index.html"))
    assert decade["@type"] == "CollectionPage"
    shown = parse_file(fixture_site / "decades" / "2010s" / "index.html")
    cards = shown.find("main").find_all("li", class_="event")
    items = decade["mainEntity"]["itemListElement"]
    assert len(items) == len(cards) == decade["mainEntity"]["numberOfItems"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    trail = decade["breadcrumb"]["itemListElement"]
    assert [(c["name"], c["item"]) for c in trail] == [
        ("Chronology", "/"),
        ("2010s", "/decades/2010s/"),
    ]
    (actor,) = blocks(parse_file(fixture_site / "actors" / "sergei-lavrov" / "index.html"))
    assert actor["breadcrumb"]["itemListElement"][0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Actors",
        "item": "/actors/",
    }
    (french_home,) = blocks(parse_file(fixture_site / "fr" / "index.html"))
    assert french_home["name"] == "Chronologie"
    assert all(
        i["url"].startswith("/fr/events/") for i in french_home["mainEntity"]["itemListElement"]
    )


def test_open_graph_in_the_preview_has_no_address_and_names_the_locales(fixture_site: Path):
    page = parse_file(fixture_site / "events" / "offer" / "index.html")
    meta = {
        m.attrs.get("property") or m.attrs.get("name"): m.attrs["content"]
        for m in page.find_all("meta")
        if "content" in m.attrs
    }
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "A day-precision statement <em>with markup</em>"
    assert meta["og:description"] == meta["description"]
    assert meta["description"].startswith("A fixture event at day precision")
    assert meta["og:locale"] == "en_GB"
    assert meta["og:locale:alternate"] == "fr_FR"
    assert meta["twitter:card"] == "summary"
    assert "og:url" not in meta  # the preview has no absolute address
    later = parse_file(fixture_site / "events" / "later" / "index.html")
    assert not later.find_all("meta", property="og:locale:alternate")
    home = parse_file(fixture_site / "index.html")
    assert home.find("meta", property="og:type").attrs["content"] == "website"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, published, with the payload in every text field of one entry."""
    content = tmp_path_factory.mktemp("payload") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    quoted = json.dumps(PAYLOAD)  # a YAML double-quoted string, escapes included
    (content / "events" / "2016" / "2016-05-24-offer.md").write_text(
        f"""---
title: {quoted}
date: 2016-05-24
kind: statement
actors: [sergei-lavrov, russia]
places: [raqqa]
summary: {json.dumps("A summary with " + PAYLOAD)}
sources:
  - publisher: {quoted}
    title: {quoted}
    date: 2016-05-24
    url: "https://news.example/one?a=%3C/script%3E&b=1"
    lang: fr
  - publisher: {quoted}
    title: {json.dumps("[" + PAYLOAD + "]")}
lang: en
---
Body with {PAYLOAD}.
""",
        encoding="utf-8",
    )
    actors = content / "data" / "actors.yml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace(
            "{en: Sergei Lavrov, fr: Sergueï Lavrov}", "{en: " + quoted + ", fr: " + quoted + "}"
        ),
        encoding="utf-8",
    )
    return build(tmp_path_factory.mktemp("payload-out") / "output", content, SITEURL=PUBLIC)


def test_a_payload_in_every_field_breaks_no_page(payload_site: Path):
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = parse_file(path)
        assert not executable_scripts(page, f"{PUBLIC}/"), path
        for data in blocks(page):
            assert data["@context"] == "https://schema.org", path
    (data,) = blocks(parse_file(payload_site / "events" / "offer" / "index.html"))
    assert data["name"] == SHOWN
    assert data["description"] == "A summary with " + SHOWN
    assert data["about"][0]["name"] == SHOWN
    citations = data["subjectOf"]["citation"]
    assert citations[0]["name"] == citations[0]["publisher"]["name"] == SHOWN
    assert citations[0]["url"] == "https://news.example/one?a=%3C/script%3E&b=1"
    assert citations[1]["description"] == SHOWN


def test_a_published_site_gives_absolute_addresses(payload_site: Path):
    page = parse_file(payload_site / "fr" / "events" / "offer" / "index.html")
    (data,) = blocks(page)
    assert data["url"] == f"{PUBLIC}/fr/events/offer/"
    assert data["sameAs"] == [f"{PUBLIC}/events/offer/"]
    assert data["subjectOf"]["isPartOf"]["url"] == f"{PUBLIC}/fr/"
    assert page.find("meta", property="og:url").attrs["content"] == f"{PUBLIC}/fr/events/offer/"
    assert page.find("meta", property="og:locale").attrs["content"] == "fr_FR"


def test_a_payload_breaks_no_export(payload_site: Path):
    for feed in (payload_site / "feeds" / "events.atom.xml", payload_site / "sitemap.xml"):
        ET.parse(feed)  # raises on anything not well-formed
    atom = ET.parse(payload_site / "feeds" / "events.atom.xml")
    titles = [e.text for e in atom.iter("{http://www.w3.org/2005/Atom}title")]
    assert SHOWN in titles
    calendar = (payload_site / "calendar.ics").read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and calendar.rstrip().endswith("END:VCALENDAR")
    assert "\u2028" not in calendar.split("SUMMARY:")[0]
