"""Each language's site publishes its events as data, read back here with real parsers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from generator.site.opendata import EVENT_COLUMNS, restore
from tests.htmltree import parse_file
from tests.unit.test_opendata import check_timeline

SITES = ("", "fr")


def data(site: Path, lang: str, name: str) -> Path:
    return site / lang / "data" / name


@pytest.mark.parametrize("lang", SITES)
def test_events_json_is_valid_against_the_schema_published_beside_it(fixture_site: Path, lang):
    document = json.loads(data(fixture_site, lang, "events.json").read_text(encoding="utf-8"))
    schema = json.loads(data(fixture_site, lang, "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.FormatChecker()
    jsonschema.Draft202012Validator(schema, format_checker=checker).validate(document)
    assert document["lang"] == (lang or "en")
    assert document["license"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert document["$schema"] == f"{'/fr' if lang else ''}/data/events.schema.json"
    assert [era["edtf"] for era in document["eras"]] == ["2016-05-20/2016-05-24", "2017-09/.."]


def test_every_event_is_exported_with_its_precision_and_translations(fixture_site: Path):
    english = json.loads(data(fixture_site, "", "events.json").read_bytes())["events"]
    french = json.loads(data(fixture_site, "fr", "events.json").read_bytes())["events"]
    by_id = {event["id"]: event for event in english}
    assert len(english) == 5 and [event["id"] for event in french] == ["offer"]
    assert by_id["month"]["edtf"] == "2016-05" and by_id["month"]["precision"] == "month"
    assert by_id["span"]["edtf"] == "2015~/2016~"
    assert by_id["offer"]["translations"] == [{"lang": "fr", "url": "/fr/events/offer/"}]
    assert french[0]["translations"] == [{"lang": "en", "url": "/events/offer/"}]
    assert french[0]["lang"] == "fr" and french[0]["url"] == "/fr/events/offer/"
    assert by_id["offer"]["body_html"].startswith("<p>")
    assert "<" not in by_id["offer"]["body_text"]


@pytest.mark.parametrize("lang", SITES)
def test_the_csv_files_read_back_into_the_json_values(fixture_site: Path, lang):
    events = json.loads(data(fixture_site, lang, "events.json").read_bytes())["events"]
    raw = data(fixture_site, lang, "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows] == [event["id"] for event in events]
    for row, event in zip(rows, events, strict=True):
        for name, _, take in EVENT_COLUMNS:
            value = take(event)
            expected = (
                "\n".join(map(str, value))
                if isinstance(value, list)
                else ""
                if value is None
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
            assert restore(row[name]) == expected, name
    sources = data(fixture_site, lang, "sources.csv").read_bytes().decode("utf-8-sig")
    source_rows = list(csv.DictReader(io.StringIO(sources, newline="")))
    expected_sources = [
        (event["id"], str(position), source["publisher"], source["url"] or "")
        for event in events
        for position, source in enumerate(event["sources"], 1)
    ]
    found = [
        (row["event_id"], row["position"], restore(row["publisher"]), row["url"])
        for row in source_rows
    ]
    assert found == expected_sources


@pytest.mark.parametrize("lang", SITES)
def test_timelinejs_opens_as_is_with_only_the_known_parts_of_dates(fixture_site: Path, lang):
    document = json.loads(data(fixture_site, lang, "timelinejs.json").read_bytes())
    check_timeline(document)
    events = json.loads(data(fixture_site, lang, "events.json").read_bytes())["events"]
    assert [slide["unique_id"] for slide in document["events"]] == [e["id"] for e in events]
    if not lang:
        month = next(s for s in document["events"] if s["unique_id"] == "month")
        assert month["start_date"] == {"year": 2016, "month": 5}
        assert month["group"] == "Agreement"
    # The era still going on ends at the latest event; with none after its start, it is left out.
    eras = [(era["text"]["headline"], era["end_date"]) for era in document["eras"]]
    if lang:
        assert eras == [("Les offres de frappes communes", {"year": 2016, "month": 5, "day": 24})]
    else:
        assert eras[1] == ("After September 2017", {"year": 2017, "month": 9, "day": 21})


def test_the_data_page_documents_every_file_its_fields_and_licence(fixture_site: Path):
    root = parse_file(fixture_site / "data" / "index.html")
    links = {a.attrs.get("href") for a in root.find_all("a")}
    for name in ("events.json", "events.schema.json", "events.csv", "sources.csv"):
        assert f"/data/{name}" in links
    assert "https://creativecommons.org/licenses/by/4.0/" in links
    fields = {th.text() for th in root.find_all("th", scope="row")}
    assert {"events[].edtf", "events[].sources[].url", "kind_id", "event_id"} <= fields
    footer = parse_file(fixture_site / "index.html").find("footer")
    assert "/data/" in {a.attrs.get("href") for a in footer.find_all("a")}
