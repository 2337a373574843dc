"""The chronology as data: what each event's record holds, its EDTF date, CSV and TimelineJS.

Every export is made from the same records (:func:`event_record`), one per event of a
language's site, so ``events.json``, ``events.csv``, ``sources.csv`` and ``timelinejs.json``
cannot disagree. The records hold nothing from the build's clock: two builds of the same
content and commits give the same bytes. The JSON Schema of ``events.json`` is in
:mod:`generator.site.dataschema`; the generator that writes the files, in
:mod:`generator.site.generators.opendata`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup

from ..content.dates import EventDate, PartialDate
from ..content.model import Entity, Event
from .catalogs import N_
from .dataschema import FieldRow, field_rows, schema_rows
from .relations import event_order

#: Where each language's site writes its data, below its own output folder.
DATA_FOLDER = "data"
EVENTS_JSON = f"{DATA_FOLDER}/events.json"
EVENTS_SCHEMA = f"{DATA_FOLDER}/events.schema.json"
EVENTS_CSV = f"{DATA_FOLDER}/events.csv"
SOURCES_CSV = f"{DATA_FOLDER}/sources.csv"
TIMELINEJS_JSON = f"{DATA_FOLDER}/timelinejs.json"

#: A record: what ``events.json`` holds for one event, in JSON's own types.
Record = dict[str, Any]


@dataclass(frozen=True)
class Dataset:
    """What a language's site says of its data as a whole: name, address, licence."""

    title: str
    description: str
    lang: str
    siteurl: str
    license_name: str
    license_url: str

    def url(self, path: str) -> str:
        """Return a path's address as the site's links write it (root-relative in a preview)."""
        return f"{self.siteurl}/{path}"


# --- Dates ----------------------------------------------------------------------------------


def edtf(when: EventDate) -> str:
    """Write an event's date in the Library of Congress's EDTF: ``2016-05``, ``1972~``.

    A range is an interval, ``2016-05-20/2016-05-24``; an approximate date (``circa``)
    carries EDTF's ``~`` on each of its ends. Level 0 and 1 only, so any EDTF reader takes it.
    """
    mark = "~" if when.circa else ""
    text = when.start.iso + mark
    if when.end is not None:
        text += "/" + when.end.iso + mark
    return text


def era_edtf(start: PartialDate, end: PartialDate | None) -> str:
    """Write an era's span in EDTF; one that goes on is open at its end: ``2022-02-24/..``."""
    return f"{start.iso}/{end.iso if end is not None else '..'}"


def _timestamp(moment: datetime | None) -> str | None:
    """Write a commit's time in UTC as ISO 8601 (also EDTF level 0), or nothing."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment is not None else None


# --- Text -----------------------------------------------------------------------------------


#: Stands for a <br> until white space is collapsed: a character sanitized HTML never holds.
_BREAK = "\x00"


class _TextOf(HTMLParser):
    """Collect the text of sanitized HTML, a blank line between paragraphs and list items."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append(_BREAK)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """Return the body's text without markup, paragraphs apart, for programs that want no HTML."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    paragraphs = ("".join(parser.parts)).split("\n\n")
    # White space in the HTML (the source's line wrapping) is one space; a <br> is a line break.
    lines = (" ".join(p.split()).replace(f" {_BREAK}", _BREAK) for p in paragraphs)
    text = "\n\n".join(line for line in lines if line.strip(f" {_BREAK}"))
    return text.replace(f"{_BREAK} ", "\n").replace(_BREAK, "\n")


# --- Records --------------------------------------------------------------------------------


def _entity(entity: Entity, lang: str) -> dict[str, str]:
    return {"id": entity.id, "name": entity.name_in(lang)}


def event_record(
    article: Any, dataset: Dataset, translations: Sequence[tuple[str, str]] = ()
) -> Record:
    """Return everything the site knows of one event, in the site's language.

    ``article`` is Pelican's (its ``event``, ``url``, ``content`` and ``history``);
    ``translations`` the event's other languages, each with its page's address.
    """
    event: Event = article.event
    lang = dataset.lang
    history = getattr(article, "history", None)
    body = str(article.content or "")
    when = event.date
    return {
        "id": event.slug,
        "lang": event.lang,
        "url": dataset.url(article.url),
        "title": event.title,
        "summary": event.summary,
        "date": when.start.iso,
        "end": when.end.iso if when.end is not None else None,
        "circa": when.circa,
        "precision": when.precision,
        "edtf": edtf(when),
        "display_date": when.display(lang),
        "kind": _entity(event.kind, lang),
        "actors": [_entity(actor, lang) for actor in event.actors],
        "places": [_entity(place, lang) for place in event.places],
        "thread": _entity(event.thread, lang) if event.thread is not None else None,
        "body_html": body,
        "body_text": plain_text(body),
        "sources": [
            {
                "publisher": source.publisher,
                "title": source.title,
                "date": source.date.iso if source.date is not None else None,
                "undated": source.undated,
                "url": source.url,
                "archive": source.archive,
                "lang": source.lang,
            }
            for source in event.sources
        ],
        "first_published": _timestamp(history.first if history is not None else None),
        "last_changed": _timestamp(history.last if history is not None else None),
        "translations": [{"lang": other, "url": url} for other, url in translations],
        "aliases": ["/" + alias.path for alias in event.aliases],
    }


def era_record(era: Entity, lang: str) -> Record:
    """Return an era of ``eras.yml`` as ``events.json`` and the Data page list it."""
    assert era.start is not None  # the registry's schema requires it
    return {
        "id": era.id,
        "title": era.name_in(lang),
        "description": era.description_in(lang) or None,
        "start": era.start.iso,
        "end": era.end.iso if era.end is not None else None,
        "edtf": era_edtf(era.start, era.end),
    }


def records(
    articles: Iterable[Any],
    dataset: Dataset,
    translations: Callable[[Any], Sequence[tuple[str, str]]] = lambda _: (),
) -> list[Record]:
    """Return every event's record in the chronology's order (which does not depend on input)."""
    return [
        event_record(article, dataset, translations(article))
        for article in sorted(articles, key=event_order)
    ]


def events_document(
    events: list[Record], eras: list[Record], dataset: Dataset, schema_url: str
) -> dict[str, Any]:
    """Return ``events.json``: the dataset's name, licence and schema, then eras and events."""
    return {
        "$schema": schema_url,
        "title": dataset.title,
        "description": dataset.description,
        "lang": dataset.lang,
        "url": dataset.url(""),
        "license": {"name": dataset.license_name, "url": dataset.license_url},
        "eras": eras,
        "events": events,
    }


#: Characters escaped in JSON although JSON allows them raw: ``<``, ``>`` and ``&`` so that a
#: file pasted into a ``<script>`` cannot close it, U+2028 and U+2029 for JavaScript engines
#: older than ES2019, which end a string at them. Parsers read the same values either way.
_JSON_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}


def to_json(document: Any) -> bytes:
    """Write JSON the same way every time: sorted keys, two-space indent, UTF-8, final newline.

    One ``str.replace`` per escaped character: ``str.translate`` with a mapping looks up every
    character of the text in it, 6.6 s for the 43 MB ``events.json`` of 10,000 events, against
    0.2 s.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    for character, escape in _JSON_ESCAPES.items():
        text = text.replace(character, escape)
    return (text + "\n").encode("utf-8")


# --- CSV ------------------------------------------------------------------------------------

#: Joins the items of a list in one CSV cell. Names and titles are checked to one line
#: (white space collapsed), so a line feed never occurs inside an item.
LIST_SEPARATOR = "\n"
#: The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What a cell that starts with one of them (or with this mark) gets in front.
TEXT_MARK = "'"


def neutralize(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: ``=cmd|…`` becomes ``'=cmd|…``.

    A leading apostrophe is how spreadsheets mark a cell as text. A cell that already starts
    with one gets another, so a program recovers every value by dropping one leading
    apostrophe where there is one (:func:`restore`).
    """
    return TEXT_MARK + cell if cell.startswith((*FORMULA_STARTS, TEXT_MARK)) else cell


def restore(cell: str) -> str:
    """Undo :func:`neutralize`: what a program reading the CSV does to get the value back."""
    return cell.removeprefix(TEXT_MARK)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    return str(value)


def _names(field: str) -> Callable[[Record], Any]:
    return lambda record: [item["name"] for item in record[field]]


def _ids(field: str) -> Callable[[Record], Any]:
    return lambda record: [item["id"] for item in record[field]]


def _part(field: str, key: str) -> Callable[[Record], Any]:
    return lambda record: record[field][key] if record[field] is not None else None


def _key(field: str) -> Callable[[Record], Any]:
    return lambda record: record[field]


#: ``events.csv``'s columns, in order: each with the field of ``events.json`` it comes from
#: (the Data page describes it from there) and how its cell is taken from a record.
EVENT_COLUMNS: tuple[tuple[str, str, Callable[[Record], Any]], ...] = (
    ("id", "id", _key("id")),
    ("lang", "lang", _key("lang")),
    ("url", "url", _key("url")),
    ("title", "title", _key("title")),
    ("summary", "summary", _key("summary")),
    ("date", "date", _key("date")),
    ("end", "end", _key("end")),
    ("circa", "circa", _key("circa")),
    ("precision", "precision", _key("precision")),
    ("edtf", "edtf", _key("edtf")),
    ("display_date", "display_date", _key("display_date")),
    ("kind_id", "kind.id", _part("kind", "id")),
    ("kind_name", "kind.name", _part("kind", "name")),
    ("actor_ids", "actors[].id", _ids("actors")),
    ("actor_names", "actors[].name", _names("actors")),
    ("place_ids", "places[].id", _ids("places")),
    ("place_names", "places[].name", _names("places")),
    ("thread_id", "thread.id", _part("thread", "id")),
    ("thread_name", "thread.name", _part("thread", "name")),
    ("body_text", "body_text", _key("body_text")),
    ("body_html", "body_html", _key("body_html")),
    ("sources", "sources", lambda record: len(record["sources"])),
    ("first_published", "first_published", _key("first_published")),
    ("last_changed", "last_changed", _key("last_changed")),
    ("translation_langs", "translations[].lang", lambda r: [t["lang"] for t in r["translations"]]),
    ("translation_urls", "translations[].url", lambda r: [t["url"] for t in r["translations"]]),
    ("aliases", "aliases", _key("aliases")),
)

#: ``sources.csv``'s columns: one row per source, keyed by the event's id and its place.
SOURCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "id"),
    ("position", "sources[]"),
    *(
        (name, f"sources[].{name}")
        for name in ("publisher", "title", "date", "undated", "url", "archive")
    ),
    ("lang", "sources[].lang"),
)


def _write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Write RFC 4180 CSV (CRLF, quotes doubled) in UTF-8 with a BOM, so spreadsheets read it."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([neutralize(_cell(value)) for value in row] for row in rows)
    return stream.getvalue().encode("utf-8-sig")


def events_csv(events: Sequence[Record]) -> bytes:
    """Return ``events.csv``: one row per event, lists in one cell, a line per item."""
    header = [name for name, _, _ in EVENT_COLUMNS]
    return _write_csv(header, ([take(r) for _, _, take in EVENT_COLUMNS] for r in events))


def sources_csv(events: Sequence[Record]) -> bytes:
    """Return ``sources.csv``: one row per source of every event, in the order cited."""
    header = [name for name, _ in SOURCE_COLUMNS]
    rows = (
        [record["id"], position, *(source[name] for name, _ in SOURCE_COLUMNS[2:])]
        for record in events
        for position, source in enumerate(record["sources"], 1)
    )
    return _write_csv(header, rows)


# --- TimelineJS -----------------------------------------------------------------------------


def timeline_date(iso: str) -> dict[str, int]:
    """Return a TimelineJS date object with only the parts the date has: no day for a month."""
    return dict(zip(("year", "month", "day"), (int(p) for p in iso.split("-")), strict=False))


def timeline_text(record: Record, more: str) -> str:
    """Return a slide's HTML: the summary, then a link to the event's page, all escaped."""
    return str(
        Markup('<p>{}</p><p><a href="{}">{}</a></p>').format(record["summary"], record["url"], more)
    )


def timelinejs_document(
    events: Sequence[Record], eras: Sequence[Record], dataset: Dataset, more: str
) -> dict[str, Any]:
    """Return the events in Knight Lab's TimelineJS 3 JSON format, to open there as they are.

    ``group`` is the kind, so TimelineJS puts each kind on its own rows; ``display_date``
    shows the date as the site does ("c. 1972"). TimelineJS needs an end for every era, so an
    era that goes on ends at the last date of the chronology (and is left out with no event).
    ``more`` is the link text to each event's page, in the site's language.
    """
    # ISO dates of any precision sort as text: "2016" < "2016-01" < "2016-01-02".
    last = max((r["end"] or r["date"] for r in events), default=None)
    slides = []
    for record in events:
        slide: dict[str, Any] = {
            "unique_id": record["id"],
            "start_date": timeline_date(record["date"]),
            "text": {"headline": record["title"], "text": timeline_text(record, more)},
            "group": record["kind"]["name"],
            "display_date": record["display_date"],
        }
        if record["end"] is not None:
            slide["end_date"] = timeline_date(record["end"])
        slides.append(slide)
    timeline_eras = [
        {
            "start_date": timeline_date(era["start"]),
            "end_date": timeline_date(end),
            "text": {"headline": era["title"]},
        }
        for era in eras
        if (end := era["end"] or last) is not None and end >= era["start"]
    ]
    title_text = Markup('<p>{}</p><p><a href="{}">{}</a></p>').format(
        dataset.description, dataset.license_url, dataset.license_name
    )
    return {
        "title": {"text": {"headline": dataset.title, "text": str(title_text)}},
        "events": slides,
        "eras": timeline_eras,
        "scale": "human",
    }


def eras_of(entities: Mapping[str, Entity], lang: str) -> list[Record]:
    """Return the eras of ``eras.yml`` in order of their start, as records."""
    found = sorted(
        entities.values(), key=lambda era: (era.start.sort_key if era.start else (), era.id)
    )
    return [era_record(era, lang) for era in found]


# --- The Data page --------------------------------------------------------------------------


@dataclass(frozen=True)
class DataFile:
    """One file the Data page documents: where it is, what it is, and its fields."""

    path: str
    media_type: str
    description: str
    fields: tuple[FieldRow, ...] = ()


def data_files(schema: Mapping[str, Any]) -> tuple[DataFile, ...]:
    """Describe every file of the data, its fields read from the schema (in English, for ``_()``).

    The CSV columns take the description of the ``events.json`` field each comes from.
    """
    events = schema_rows(schema, "events")
    top = {row.name: row for row in field_rows(schema) if not row.name.startswith("events[]")}
    event_columns = tuple(
        FieldRow(name, "string", events[origin].description) for name, origin, _ in EVENT_COLUMNS
    )
    source_columns = tuple(
        FieldRow(name, "string", (events.get(origin, _POSITION)).description)
        for name, origin in SOURCE_COLUMNS
    )
    return (
        DataFile(
            EVENTS_JSON,
            "application/json",
            N_("Every event with every field, and the eras; the dataset's name and licence."),
            (
                *top.values(),
                *(FieldRow(f"events[].{r.name}", r.type, r.description) for r in events.values()),
            ),
        ),
        DataFile(
            EVENTS_SCHEMA,
            "application/schema+json",
            N_("The JSON Schema (2020-12) that events.json follows, to validate it."),
        ),
        DataFile(EVENTS_CSV, "text/csv", N_("One row per event, for spreadsheets."), event_columns),
        DataFile(
            SOURCES_CSV,
            "text/csv",
            N_("One row per source, keyed by the event's id and the source's place in its list."),
            source_columns,
        ),
        DataFile(
            TIMELINEJS_JSON,
            "application/json",
            N_("The events in the JSON format of Knight Lab's TimelineJS 3, to open there as is."),
        ),
    )


_POSITION = FieldRow("position", "string", N_("The source's place in the event's list, from 1."))
