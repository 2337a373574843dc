"""Hand-made events, registry entities and generators for unit tests that need no content folder.

One factory, so that a field added to :class:`Event` gets its default here once rather than in
every test module, and each test names only the fields it is about.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG

from generator.content.dates import EventDate, PartialDate
from generator.content.model import Entity, Event
from generator.site.settings import checked_settings


def make_entity(registry: str, ident: str, name: str | None = None, **fields: Any) -> Entity:
    """Return a registry entity named, in English, ``name`` or its id in title case."""
    return Entity(registry, ident, {"en": name or ident.title()}, **fields)


def on_day(day: date) -> EventDate:
    """Return the event date of one known day."""
    return EventDate(PartialDate(day.year, day.month, day.day))


#: The kind of an event whose test is not about kinds.
TALKS = make_entity("kinds", "talks")


def make_event(slug: str, **fields: Any) -> Event:
    """Return an English event of 1 January 2016, titled and filed after its slug.

    Any field of :class:`Event` may be given; those left out are empty.
    """
    defaults: dict[str, Any] = {
        "lang": "en",
        "title": slug,
        "date": on_day(date(2016, 1, 1)),
        "kind": TALKS,
        "actors": (),
        "places": (),
        "thread": None,
        "summary": "",
        "sources": (),
        "source_path": f"{slug}.md",
    }
    return Event(slug=slug, **{**defaults, **fields})


ROOT = Path(__file__).resolve().parents[1]

G = TypeVar("G", bound=Generator)


def make_generator(
    cls: type[G],
    settings: dict[str, Any],
    context: dict[str, Any] | None = None,
    output: Path = Path(),
) -> G:
    """Return a generator made as Pelican makes one: the theme, Pelican's defaults and these.

    Our ``TIMELINE_*`` settings take their defaults, as the plugin gives them when Pelican
    starts. It belongs to no build until a test attaches one
    (``BuildState.attach(generator.settings)``).
    """
    full = {**copy.deepcopy(DEFAULT_CONFIG), **checked_settings(settings), **settings}
    return cls(context or {}, full, str(output), str(ROOT / "theme"), str(output))
