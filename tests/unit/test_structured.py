"""Schema.org JSON-LD: what each page's block says, and that no text can break out of it."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from generator.content.dates import EventDate, PartialDate
from generator.content.model import Source
from generator.site.structured import (
    PageFacts,
    breadcrumb_list,
    event_data,
    list_data,
    page_data,
    plain,
    serialize,
    source_work,
)
from tests.factories import make_entity, make_event

PAGE = PageFacts(
    url="https://example.org/events/offer/",
    lang="en",
    site_name="Chronology",
    site_url="https://example.org",
    license_url="https://creativecommons.org/licenses/by/4.0/",
)

#: Text that would end a script block, open a comment, or end a line in old parsers.
PAYLOADS = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "<!-- <script>",
    "quotes \" and ' and \\ backslash",
    "line\u2028separator and paragraph\u2029separator",
    "&amp; &lt; & < >",
    "]]> }} {{ {% %}",
]


class ScriptText(HTMLParser):
    """Collect what an HTML parser takes as the text of each script element."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self.inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.scripts[-1] += data


def in_page(data: dict) -> list[str]:
    """Put ``data`` in a block as the partial does, and read back every script's text."""
    html = f'<head><script type="application/ld+json">{serialize(data)}</script></head><p>after'
    parser = ScriptText()
    parser.feed(html)
    parser.close()
    return parser.scripts


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_text_ends_the_block_and_json_gives_it_back(payload: str):
    data = {"name": payload, "list": [payload, {"nested": payload}]}
    text = serialize(data)
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in text
    scripts = in_page(data)
    assert len(scripts) == 1  # the payload opened no other script
    assert json.loads(scripts[0]) == data


def test_serialization_is_stable_and_keeps_non_ascii_text():
    text = serialize({"b": "États-Unis", "a": "Россия"})
    assert text == '{"a":"Россия","b":"États-Unis"}'
    assert isinstance(text, Markup)


def offer(**fields) -> object:
    sources = (
        Source(
            "Europe 1 (AFP)",
            "Syrie : la Russie prête à se coordonner",
            date=PartialDate(2016, 5, 24),
            url="http://www.europe1.fr/international/x",
            archive="https://web.archive.org/web/2016/x",
            lang="fr",
        ),
        Source("TASS", "[Report on Lavrov's remarks]"),
    )
    defaults = {
        "title": "Lavrov offers to coordinate on Raqqa",
        "summary": "In Tashkent, Lavrov said Russia was ready to coordinate.",
        "date": EventDate(PartialDate(2016, 5, 24)),
        "actors": (
            make_entity("actors", "sergei-lavrov", "Sergei Lavrov", type="person"),
            make_entity("actors", "russia", "Russia", type="state"),
            make_entity("actors", "sdf", "SDF", type="armed-group"),
        ),
        "places": (make_entity("places", "tashkent", "Tashkent", type="city"),),
        "sources": sources,
    }
    return make_event("offer", **{**defaults, **fields})


def test_an_event_holds_its_date_places_actors_translation_and_sources():
    data = event_data(offer(), PAGE, ["https://example.org/fr/events/offer/"], "2020-01-01")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Lavrov offers to coordinate on Raqqa"
    assert data["startDate"] == "2016-05-24"
    assert "endDate" not in data
    assert data["location"] == [{"@type": "City", "name": "Tashkent"}]
    assert data["about"] == [
        {"@type": "Person", "name": "Sergei Lavrov"},
        {"@type": "Country", "name": "Russia"},
        {"@type": "Organization", "name": "SDF"},
    ]
    assert data["inLanguage"] == "en"
    assert data["url"] == PAGE.url
    assert data["sameAs"] == ["https://example.org/fr/events/offer/"]
    page = data["subjectOf"]
    assert page["@type"] == "ItemPage"
    assert page["license"] == PAGE.license_url
    assert page["datePublished"] == "2020-01-01"
    assert "dateModified" not in page
    assert page["isPartOf"] == {
        "@type": "WebSite",
        "name": "Chronology",
        "url": "https://example.org/",
    }
    assert page["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Syrie : la Russie prête à se coordonner",
            "publisher": {"@type": "Organization", "name": "Europe 1 (AFP)"},
            "datePublished": "2016-05-24",
            "url": "http://www.europe1.fr/international/x",
            "archivedAt": "https://web.archive.org/web/2016/x",
            "inLanguage": "fr",
        },
        {
            "@type": "CreativeWork",
            "description": "Report on Lavrov's remarks",
            "publisher": {"@type": "Organization", "name": "TASS"},
        },
    ]


@pytest.mark.parametrize(
    ("date", "start", "end"),
    [
        (EventDate(PartialDate(2016, 5)), "2016-05", None),
        (EventDate(PartialDate(1972)), "1972", None),
        (EventDate(PartialDate(2015, 9, 30), PartialDate(2015, 10)), "2015-09-30", "2015-10"),
        (EventDate(PartialDate(1972), circa=True), "1972", None),
    ],
)
def test_dates_keep_their_precision(date: EventDate, start: str, end: str | None):
    data = event_data(offer(date=date), PAGE)
    assert data["startDate"] == start
    assert data.get("endDate") == end


def test_an_event_without_places_or_translation_says_nothing_of_them():
    data = event_data(offer(places=()), PAGE)
    assert "location" not in data
    assert "sameAs" not in data


def test_a_payload_in_every_field_of_an_event_survives_the_block():
    payload = PAYLOADS[0] + PAYLOADS[4]
    source = Source(payload, payload, url="https://x.example/?a=<b>&c=\u2028")
    event = offer(
        title=payload,
        summary=payload,
        actors=(make_entity("actors", "a", payload, type="person"),),
        places=(make_entity("places", "p", payload),),
        sources=(source, Source(payload, f"[{payload}]")),
    )
    data = event_data(event, PAGE, [payload])
    scripts = in_page(data)
    assert len(scripts) == 1
    assert json.loads(scripts[0]) == data
    assert json.loads(scripts[0])["subjectOf"]["citation"][1]["description"] == payload


def test_a_list_numbers_its_items_and_ends_its_breadcrumbs_with_itself():
    items = [("First", "/events/a/"), ("Second", "/events/b/")]
    data = list_data(
        PAGE, "2010s", items, description="Every event", breadcrumbs=[("Chronology", "/")]
    )
    assert data["@type"] == "CollectionPage"
    assert data["license"] == PAGE.license_url
    assert data["description"] == "Every event"
    assert data["mainEntity"] == {
        "@type": "ItemList",
        "numberOfItems": 2,
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "First", "url": "/events/a/"},
            {"@type": "ListItem", "position": 2, "name": "Second", "url": "/events/b/"},
        ],
    }
    assert data["breadcrumb"] == breadcrumb_list([("Chronology", "/"), ("2010s", PAGE.url)])
    assert [c["position"] for c in data["breadcrumb"]["itemListElement"]] == [1, 2]


def test_a_list_without_breadcrumbs_has_no_trail():
    assert "breadcrumb" not in list_data(PAGE, "Chronology", [])


def test_a_page_states_its_licence():
    data = page_data(PAGE, "About", "Who we are")
    assert data["@type"] == "WebPage"
    assert data["license"] == PAGE.license_url
    assert data["description"] == "Who we are"


def test_template_text_is_read_unescaped():
    assert plain(Markup("Types &amp; co &#39;x&#39;\n")) == "Types & co 'x'"
    assert plain("  a < b ") == "a < b"


def test_a_source_known_only_by_its_publisher_and_title():
    assert source_work(Source("Reuters", "Talks end")) == {
        "@type": "CreativeWork",
        "name": "Talks end",
        "publisher": {"@type": "Organization", "name": "Reuters"},
    }
