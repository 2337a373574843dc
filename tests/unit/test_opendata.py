"""The data exports: EDTF dates, records valid against their schema, CSV and TimelineJS."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import UTC, datetime
from types import SimpleNamespace

import jsonschema
import pytest

from generator.content.dates import EventDate, PartialDate, parse_event_date
from generator.content.model import Alias, Entity, Event, Source
from generator.content.schemas import EVENT_SCHEMA, SOURCE_SCHEMA
from generator.site.dataschema import events_schema, field_rows
from generator.site.history import FileHistory
from generator.site.opendata import (
    EVENT_COLUMNS,
    LIST_SEPARATOR,
    SOURCE_COLUMNS,
    Dataset,
    data_files,
    edtf,
    era_edtf,
    eras_of,
    events_csv,
    events_document,
    neutralize,
    plain_text,
    records,
    restore,
    sources_csv,
    timelinejs_document,
    to_json,
)

#: What a careless or hostile entry could hold: markup, quotes, a comma, a line break, a
#: formula at the start of a cell, and U+2028, which ends a string in older JavaScript.
PAYLOAD = "=cmd|' /C calc'!A0 \"quoted\", comma\nline </script><b>&amp; \u2028 end"
#: The same in one line, for names: the checks collapse white space in names and titles.
ONE_LINE = '@SUM(1+1) "quoted", comma </script> & \u2028'
DATASET = Dataset(
    title='Site "</script>"',
    description="+subtitle, with a comma",
    lang="en",
    siteurl="https://example.org/chrono",
    license_name="CC BY 4.0",
    license_url="https://creativecommons.org/licenses/by/4.0/",
)


def entity(registry: str, ident: str, name: str = "") -> Entity:
    return Entity(registry, ident, {"en": name or ident.title(), "fr": f"{name or ident} (fr)"})


def article(slug: str, when: EventDate, text: str = "Text.", *, history: bool = True):
    event = Event(
        slug=slug,
        lang="en",
        title=f"{text[:100]} {slug}",
        date=when,
        kind=entity("kinds", "statement", ONE_LINE),
        actors=(entity("actors", "russia"), entity("actors", "united-states", ONE_LINE)),
        places=(entity("places", "raqqa"),),
        thread=entity("threads", "raqqa-2016", ONE_LINE) if history else None,
        summary=f"{text} A summary long enough.",
        sources=(
            Source(publisher=text, title=f"-{text}", date=PartialDate(2016, 5)),
            Source(
                publisher="'Quoted' publisher",
                title="[A description]",
                url='https://news.example/a?q="</script>',
                archive="https://archive.example/a",
                lang="fr",
            ),
        ),
        source_path=f"content/events/2016/{slug}.md",
        aliases=(Alias("events/old-slug/"),) if history else (),
    )
    moment = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    return SimpleNamespace(
        event=event,
        url=f"events/{slug}/",
        content=f"<p>{text.replace('<', '&lt;')}</p>\n<ul><li>one</li><li>two</li></ul>",
        history=FileHistory(moment, moment, 2, "a" * 40) if history else None,
        save_as=f"events/{slug}/index.html",
    )


ARTICLES = [
    article("month", parse_event_date("2016-05")),
    article("payload", parse_event_date("2016-05-20", "2016-05-24"), PAYLOAD),
    article("circa", parse_event_date("1972", circa=True), history=False),
    article("range-circa", parse_event_date("2016-05", "2016-06", circa=True)),
]
ERAS = {
    "war": Entity("eras", "war", {"en": ONE_LINE}, start=PartialDate(2022, 2, 24), end=None),
    "cold": Entity("eras", "cold", {"en": "Cold"}, start=PartialDate(1947), end=PartialDate(1991)),
}


def translations(item) -> list[tuple[str, str]]:
    return [("fr", f"https://example.org/chrono/fr/{item.url}")]


@pytest.fixture(scope="module")
def events():
    return records(ARTICLES, DATASET, translations)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (parse_event_date("2016-05-24"), "2016-05-24"),
        (parse_event_date("2016-05"), "2016-05"),
        (parse_event_date("1972", circa=True), "1972~"),
        (parse_event_date("2016-05-20", "2016-05-24"), "2016-05-20/2016-05-24"),
        (parse_event_date("2016-05", "2016-06", circa=True), "2016-05~/2016-06~"),
    ],
)
def test_each_date_has_its_edtf_form(when, expected):
    assert edtf(when) == expected


def test_an_era_that_goes_on_is_open_at_its_end():
    assert era_edtf(PartialDate(2016, 5, 24), None) == "2016-05-24/.."
    assert era_edtf(PartialDate(1947), PartialDate(1991)) == "1947/1991"


def test_records_follow_the_chronology_and_keep_every_field(events):
    # A month sorts before the days of that month; the same start, by slug.
    assert [r["id"] for r in events] == ["circa", "month", "range-circa", "payload"]
    payload = events[3]
    assert payload["title"].startswith("=cmd|")
    assert payload["summary"] == f"{PAYLOAD} A summary long enough."
    assert payload["edtf"] == "2016-05-20/2016-05-24"
    assert payload["display_date"] == "20–24 May 2016"
    assert payload["kind"] == {"id": "statement", "name": ONE_LINE}
    assert payload["actors"][1] == {"id": "united-states", "name": ONE_LINE}
    assert payload["thread"] == {"id": "raqqa-2016", "name": ONE_LINE}
    assert payload["url"] == "https://example.org/chrono/events/payload/"
    assert payload["sources"][0] == {
        "publisher": PAYLOAD,
        "title": f"-{PAYLOAD}",
        "date": "2016-05",
        "undated": None,
        "url": None,
        "archive": None,
        "lang": None,
    }
    assert payload["first_published"] == "2020-01-02T03:04:05Z"
    assert payload["translations"] == [
        {"lang": "fr", "url": "https://example.org/chrono/fr/events/payload/"}
    ]
    assert payload["aliases"] == ["/events/old-slug/"]
    assert payload["body_text"].endswith("\n\none\n\ntwo")
    circa = events[0]
    assert (circa["first_published"], circa["thread"], circa["aliases"]) == (None, None, [])


def test_the_plain_text_of_the_body_has_no_markup_and_keeps_its_paragraphs():
    html = "<p>One &amp; <em>two</em>,<br>three</p>\n<blockquote><p>Four</p></blockquote>"
    assert plain_text(html) == "One & two,\nthree\n\nFour"


def test_events_json_is_valid_against_its_schema_and_reads_back_the_same(events):
    schema = events_schema("https://example.org/chrono/data/events.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    eras = eras_of(ERAS, "en")
    document = events_document(events, eras, DATASET, schema["$id"])
    data = to_json(document)
    parsed = json.loads(data.decode("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(parsed)
    assert parsed == document
    assert parsed["license"] == {"name": "CC BY 4.0", "url": DATASET.license_url}
    assert [era["edtf"] for era in parsed["eras"]] == ["1947/1991", "2022-02-24/.."]
    # Nothing a <script> block or an old JavaScript engine would stop at.
    assert b"</script>" not in data
    assert "\u2028".encode() not in data
    assert b"<" not in data


def test_the_schema_refuses_what_the_entry_schema_refuses(events):
    schema = events_schema()
    validator = jsonschema.Draft202012Validator(schema)
    bad = json.loads(json.dumps(events_document(events, [], DATASET, "")))
    bad["events"][0]["title"] = "x" * (EVENT_SCHEMA["title"].max_length + 1)
    bad["events"][1]["date"] = "2016-5"
    bad["events"][2]["kind"]["id"] = "Not A Slug"
    bad["events"][3]["sources"] = []
    del bad["events"][3]["summary"]
    problems = sorted(".".join(map(str, e.path)) for e in validator.iter_errors(bad))
    assert problems == [
        "events.0.title",
        "events.1.date",
        "events.2.kind.id",
        "events.3",
        "events.3.sources",
    ]


def test_the_schema_is_made_from_the_entry_schema():
    record = events_schema()["properties"]["events"]["items"]
    properties = record["properties"]
    assert set(EVENT_SCHEMA) <= set(properties)
    assert properties["title"]["description"] == EVENT_SCHEMA["title"].doc
    assert properties["summary"]["minLength"] == EVENT_SCHEMA["summary"].min_length
    assert properties["lang"]["enum"] == list(EVENT_SCHEMA["lang"].choices)
    source = properties["sources"]["items"]["properties"]
    assert list(source) == list(SOURCE_SCHEMA)
    assert source["url"]["type"] == ["string", "null"]
    assert properties["thread"]["type"] == ["object", "null"]
    assert set(record["required"]) == set(properties)
    rows = {row.name: row for row in field_rows(record)}
    assert rows["sources[].url"].type == "string | null"
    assert rows["kind.id"].description


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_events_csv_reads_back_into_the_same_values(events):
    data = events_csv(events)
    rows = read_csv(data)
    assert [name for name, _, _ in EVENT_COLUMNS] == list(rows[0])
    assert len(rows) == len(events)
    for row, record in zip(rows, events, strict=True):
        for name, _, take in EVENT_COLUMNS:
            value = take(record)
            cell = restore(row[name])
            if isinstance(value, list):
                assert (cell.split(LIST_SEPARATOR) if cell else []) == [str(v) for v in value]
            elif value is None:
                assert cell == ""
            elif isinstance(value, bool):
                assert cell == str(value).lower()
            else:
                assert cell == str(value), name
    # RFC 4180: records end in CRLF; a line break inside a field stays inside its quotes.
    assert data.endswith(b"\r\n")
    assert data.split(b"\r\n")[0].decode("utf-8-sig").startswith("id,lang,url,title")
    assert b'"\'=cmd|\' /C calc\'!A0 ""quoted"", comma\nline' in data


def test_sources_csv_has_a_row_per_source_keyed_by_event(events):
    rows = read_csv(sources_csv(events))
    assert [name for name, _ in SOURCE_COLUMNS] == list(rows[0])
    assert len(rows) == sum(len(r["sources"]) for r in events)
    payload = [row for row in rows if row["event_id"] == "payload"]
    assert [row["position"] for row in payload] == ["1", "2"]
    assert restore(payload[0]["publisher"]) == PAYLOAD
    assert restore(payload[0]["title"]) == f"-{PAYLOAD}"
    assert restore(payload[1]["publisher"]) == "'Quoted' publisher"
    assert payload[1]["url"] == 'https://news.example/a?q="</script>'


def test_no_csv_cell_starts_as_a_formula(events):
    for data in (events_csv(events), sources_csv(events)):
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert neutralize("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert neutralize("'quoted") == "''quoted"
    assert restore(neutralize("'quoted")) == "'quoted"
    assert neutralize("plain, text") == "plain, text"


#: TimelineJS 3's documented JSON format (timeline.knightlab.com/docs/json-format.html).
TIMELINE_KEYS = {"events", "title", "eras", "scale"}
SLIDE_KEYS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}


def check_date(value: dict) -> None:
    assert set(value) <= DATE_KEYS and isinstance(value["year"], int)
    assert "day" not in value or "month" in value


def check_timeline(document: dict) -> None:
    """Hold a document to the shape TimelineJS 3 documents: raise if it strays from it."""
    assert set(document) <= TIMELINE_KEYS and isinstance(document["events"], list)
    for slide in document["events"]:
        assert set(slide) <= SLIDE_KEYS
        check_date(slide["start_date"])
        if "end_date" in slide:
            check_date(slide["end_date"])
        assert set(slide["text"]) <= {"headline", "text"}
    assert "start_date" not in document["title"] and "headline" in document["title"]["text"]
    for era in document.get("eras", []):
        assert set(era) <= {"start_date", "end_date", "text"}
        check_date(era["start_date"])
        check_date(era["end_date"])
    assert document.get("scale", "human") in {"human", "cosmological"}


def test_timelinejs_keeps_the_precision_and_the_documented_shape(events):
    eras = eras_of(ERAS, "en")
    document = json.loads(to_json(timelinejs_document(events, eras, DATASET, "More")))
    check_timeline(document)
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert slides["month"]["start_date"] == {"year": 2016, "month": 5}
    assert slides["circa"]["start_date"] == {"year": 1972}
    assert slides["circa"]["display_date"] == "c. 1972"
    assert slides["payload"]["end_date"] == {"year": 2016, "month": 5, "day": 24}
    assert slides["payload"]["group"] == ONE_LINE
    text = slides["payload"]["text"]["text"]
    assert "</script>" not in text and "&lt;/script&gt;" in text
    assert 'href="https://example.org/chrono/events/payload/"' in text
    # The era still going on has no end before its start: it is left out, no event after it.
    assert [era["text"]["headline"] for era in document["eras"]] == ["Cold"]
    assert document["eras"][0]["end_date"] == {"year": 1991}


def test_exports_are_the_same_bytes_whatever_the_order_read():
    shuffled = ARTICLES[:]
    random.Random(4).shuffle(shuffled)
    first, second = (records(items, DATASET, translations) for items in (ARTICLES, shuffled))
    for write in (events_csv, sources_csv, lambda e: to_json(events_document(e, [], DATASET, ""))):
        assert write(first) == write(second)


def test_the_data_page_describes_every_csv_column_from_the_schema():
    files = {file.path: file for file in data_files(events_schema())}
    assert set(files) == {
        "data/events.json",
        "data/events.schema.json",
        "data/events.csv",
        "data/sources.csv",
        "data/timelinejs.json",
    }
    columns = {row.name: row for row in files["data/events.csv"].fields}
    assert list(columns) == [name for name, _, _ in EVENT_COLUMNS]
    assert columns["title"].description == EVENT_SCHEMA["title"].doc
    assert all(row.description for row in files["data/sources.csv"].fields)
    fields = {row.name for row in files["data/events.json"].fields}
    assert {"license.url", "events[].edtf", "events[].sources[].archive"} <= fields
