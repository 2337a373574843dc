"""The JSON Schema (2020-12) of ``events.json``, made from the entries' declared schema.

What an editor may write in an entry (a title of at most 160 characters, a date of one of three
forms, ids from the registries) is declared once, in :mod:`generator.content.schemas`, for the
checker and the README's tables; the schema of the export is derived from the same options, so
the two cannot drift apart. Fields the export adds (addresses, EDTF, the body as text, git's
dates) are declared here, each with its description. The Data page's field tables are read
from the finished schema (:func:`field_rows`), in the page's language.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..content.options import (
    SLUG_PATTERN,
    Aliases,
    Choice,
    Date,
    Flag,
    Lang,
    Option,
    Records,
    Ref,
    RefList,
    Text,
    Url,
)
from ..content.schemas import EVENT_SCHEMA, SITE_LANGUAGES
from .catalogs import N_

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
TIMESTAMP_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
EDTF_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?)?$"
ERA_EDTF_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?/([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|\.\.)$"

_ID = N_("Its permanent id in the registry (content/data/).")
_NAME = N_("Its name in this language.")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """Let a field the entry may leave out be ``null`` in the export."""
    kind = schema.get("type")
    if kind is None:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [kind, "null"]}


def _entity(description: str) -> dict[str, Any]:
    """Describe a registry entry as the export names it: its id and its name."""
    return _object(
        {
            "id": {"type": "string", "pattern": f"^{SLUG_PATTERN}$", "description": _ID},
            "name": {"type": "string", "minLength": 1, "description": _NAME},
        },
        description,
    )


def _object(properties: dict[str, dict[str, Any]], description: str = "") -> dict[str, Any]:
    """Describe an object whose every property is present (``null`` where unknown), no other."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def option_schema(option: Option) -> dict[str, Any]:
    """Return the JSON Schema of a value the option accepts, as the export writes it."""
    doc = option.doc
    if isinstance(option, Records):
        item = _object(
            {name: field_schema(sub) for name, sub in option.schema.items()}, N_("A source.")
        )
        return _array(item, option.min_items, doc)
    if isinstance(option, RefList):
        return _array(_entity(""), option.min_items, doc)
    if isinstance(option, Ref):
        return _entity(doc)
    if isinstance(option, Aliases):
        return _array({"type": "string", "pattern": "^/"}, 0, doc)
    schema: dict[str, Any]
    if isinstance(option, Text):
        schema = {"type": "string", "minLength": option.min_length, "maxLength": option.max_length}
    elif isinstance(option, Date):
        schema = {"type": "string", "pattern": DATE_PATTERN}
    elif isinstance(option, Flag):
        schema = {"type": "boolean"}
    elif isinstance(option, Choice):
        schema = {"type": "string", "enum": list(option.choices)}
    elif isinstance(option, Url):
        schema = {"type": "string", "format": "uri", "pattern": "^https?://"}
    elif isinstance(option, Lang):
        schema = {"type": "string", "pattern": "^[a-z]{2,3}$"}
    else:
        raise TypeError(f"no JSON Schema for {type(option).__name__}; add it to option_schema")
    return {**schema, "description": doc}


def field_schema(option: Option) -> dict[str, Any]:
    """Return the option's schema, ``null`` allowed where the entry may leave the field out.

    Lists are empty rather than ``null``, and a flag left out is ``false``.
    """
    schema = option_schema(option)
    if option.required or schema.get("type") in {"array", "boolean"}:
        return schema
    return _nullable(schema)


def _array(items: dict[str, Any], min_items: int, description: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _string(description: str, **more: Any) -> dict[str, Any]:
    return {"type": "string", **more, "description": description}


def event_schema() -> dict[str, Any]:
    """Return the schema of one event's record, in :func:`~.opendata.event_record`'s order."""
    entry = {name: field_schema(option) for name, option in EVENT_SCHEMA.items()}
    timestamp = _nullable(
        _string(
            N_("When its entry was first committed (UTC); null where git does not know."),
            pattern=TIMESTAMP_PATTERN,
        )
    )
    properties = {
        "id": _string(N_("Permanent id: the slug of its address."), pattern=f"^{SLUG_PATTERN}$"),
        "lang": {**entry["lang"], "description": N_("Language of this record.")},
        "url": _string(N_("Address of its page on the site.")),
        "title": entry["title"],
        "summary": entry["summary"],
        "date": entry["date"],
        "end": entry["end"],
        "circa": entry["circa"],
        "precision": _string(
            N_("How far the date is known: year, month or day."), enum=["year", "month", "day"]
        ),
        "edtf": _string(
            N_("The date, its end and circa in one EDTF value, e.g. 2016-05-20/2016-05-24."),
            pattern=EDTF_PATTERN,
        ),
        "display_date": _string(N_("The date as the site shows it, in this language.")),
        "kind": entry["kind"],
        "actors": entry["actors"],
        "places": entry["places"],
        "thread": entry["thread"],
        "body_html": _string(N_("Its text, as sanitized HTML.")),
        "body_text": _string(N_("Its text without markup, paragraphs apart.")),
        "sources": entry["sources"],
        "first_published": timestamp,
        "last_changed": {
            **timestamp,
            "description": N_("When its entry last changed (UTC); null where git does not know."),
        },
        "translations": _array(
            _object(
                {
                    "lang": _string(N_("Language of the translation.")),
                    "url": _string(N_("Address of its page.")),
                }
            ),
            0,
            N_("The same event in the site's other languages."),
        ),
        "aliases": entry["aliases"],
    }
    return _object(properties, N_("One event of the chronology."))


def era_schema() -> dict[str, Any]:
    """Return the schema of an era of ``eras.yml``, as ``events.json`` lists it."""
    nullable_date = _nullable(
        _string(N_("Its last day; null while it goes on."), pattern=DATE_PATTERN)
    )
    return _object(
        {
            "id": _string(N_("Permanent id of the era."), pattern=f"^{SLUG_PATTERN}$"),
            "title": _string(N_("Its title in this language.")),
            "description": _nullable(_string(N_("One sentence in this language."))),
            "start": _string(N_("Its first day, month or year."), pattern=DATE_PATTERN),
            "end": nullable_date,
            "edtf": _string(
                N_("Its span in EDTF; open at the end while it goes on, e.g. 2022-02-24/.."),
                pattern=ERA_EDTF_PATTERN,
            ),
        },
        N_("A period drawn on the overview."),
    )


def events_schema(schema_id: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of ``events.json``; ``schema_id`` is its address, where absolute."""
    document = _object(
        {
            "$schema": _string(N_("Address of this schema.")),
            "title": _string(N_("Name of the dataset.")),
            "description": _string(N_("What it holds.")),
            "lang": _string(N_("Language of the records."), enum=list(SITE_LANGUAGES)),
            "url": _string(N_("Address of the site it comes from.")),
            "license": _object(
                {
                    "name": _string(N_("Name of the licence.")),
                    "url": _string(N_("Address of its text.")),
                },
                N_("Licence of the data."),
            ),
            "eras": _array(era_schema(), 0, N_("The eras, in order of their start.")),
            "events": _array(event_schema(), 0, N_("Every event, in the chronology's order.")),
        },
        N_("The events of the chronology in one language."),
    )
    head: dict[str, Any] = {"$schema": DIALECT}
    if schema_id is not None:
        head["$id"] = schema_id
    head["title"] = "events.json"
    return {**head, **document}


@dataclass(frozen=True)
class FieldRow:
    """One row of a field table on the Data page: where the field is, its type and meaning."""

    name: str
    type: str
    description: str


def field_rows(schema: Mapping[str, Any], prefix: str = "") -> Iterator[FieldRow]:
    """Yield every field of an object schema, nested ones as ``kind.id`` and ``sources[].url``."""
    for name, sub in schema.get("properties", {}).items():
        path = prefix + name
        yield FieldRow(path, json_type(sub), sub.get("description", ""))
        target = sub.get("items", sub) if "array" in _types(sub) else sub
        if "object" in _types(target):
            inner = f"{path}[]." if target is not sub else f"{path}."
            yield from field_rows(target, inner)


def _types(schema: Mapping[str, Any]) -> list[str]:
    kind = schema.get("type")
    if kind is None and "anyOf" in schema:
        return [t for option in schema["anyOf"] for t in _types(option)]
    return kind if isinstance(kind, list) else [kind] if kind else []


def json_type(schema: Mapping[str, Any]) -> str:
    """Name a field's JSON type as the Data page shows it: ``string | null``, ``array``."""
    return " | ".join(_types(schema))


def schema_rows(schema: Mapping[str, Any], path: str) -> dict[str, FieldRow]:
    """Return the rows of one part of the schema by field, e.g. ``events`` for a record's."""
    part = schema["properties"][path]["items"]
    return {row.name: row for row in field_rows(part)}
