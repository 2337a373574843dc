"""The values an entry turns into: events, their sources, and registry entities."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import EventDate, PartialDate


@dataclass(frozen=True)
class Entity:
    """An entry of a registry: a kind, an actor, a place, a thread or an era, named per language.

    Only eras have ``start`` and ``end`` (``end`` is ``None`` while the era goes on).
    """

    registry: str
    id: str
    names: dict[str, str] = field(hash=False, compare=False)
    type: str | None = None
    descriptions: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    aliases: tuple[str, ...] = ()
    country: str | None = None
    start: PartialDate | None = field(default=None, hash=False, compare=False)
    end: PartialDate | None = field(default=None, hash=False, compare=False)
    line: int = field(default=0, hash=False, compare=False)

    def name_in(self, lang: str) -> str:
        """Return the name in ``lang``, falling back to English."""
        return self.names.get(lang) or self.names["en"]

    def description_in(self, lang: str) -> str:
        """Return the description in ``lang``, falling back to English, or nothing."""
        return self.descriptions.get(lang) or self.descriptions.get("en", "")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: publisher and title always; date, link and archive where known."""

    publisher: str
    title: str
    date: PartialDate | None = None
    url: str | None = None
    archive: str | None = None
    lang: str | None = None
    #: Why it has no date of its own (an undated reference page), so none is expected.
    undated: str | None = None
    #: The language of the entry that cites it, which a [description] is written in: a
    #: translation's page shows its original's sources, described in the original's language.
    written_in: str | None = None

    @property
    def described(self) -> bool:
        """Tell whether the title is our description in [brackets], not the published headline."""
        return self.title.startswith("[") and self.title.endswith("]")


#: Where an event's page lives below its language's site. ``pelicanconf.py`` builds Pelican's
#: ``ARTICLE_URL`` family from it, and the checks use it to find addresses two files claim.
EVENT_PATH = "events/{slug}/"


@dataclass(frozen=True)
class Alias:
    """An old address of an entry, kept so links to it still arrive: ``events/old-slug/``."""

    path: str
    line: int = field(default=0, hash=False, compare=False)


@dataclass(frozen=True)
class Event:
    """One coordination event as the site shows it."""

    slug: str
    lang: str
    title: str
    date: EventDate
    kind: Entity
    actors: tuple[Entity, ...]
    places: tuple[Entity, ...]
    thread: Entity | None
    summary: str
    sources: tuple[Source, ...]
    source_path: str
    aliases: tuple[Alias, ...] = ()
    #: For a translation, the path of the original entry it takes its facts from.
    original_path: str | None = None

    @property
    def is_translation(self) -> bool:
        """Tell whether this file translates another entry rather than standing alone."""
        return self.original_path is not None

    @property
    def sort_key(self) -> tuple[object, ...]:
        """Order events by start, then precision (coarser first), then slug: a stable order."""
        return (*self.date.sort_key, self.slug)
