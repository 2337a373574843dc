"""Browse by kind, actor, place and thread: one page per registry entry and one index each.

Pelican's own taxonomies offer one category and a flat list of tags; a chronology needs four
taxonomies whose entries have names in each language and a type (a person, a state, a city…).
The registries already hold all that, so the pages are made from them, in the chronological
order the articles generator has already established; :mod:`generator.site.generators.facets`
writes them. Years use Pelican's period archives, grouped by :mod:`generator.site.periods`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from ..content.model import Entity
from ..content.schemas import ACTOR_TYPES, PLACE_TYPES

#: The registries that get pages, in the order the site's navigation lists them; templates
#: read it as the ``FACETS`` global (``pelicanconf.py``).
FACETS = ("threads", "actors", "kinds", "places")
#: How the entries of a registry's index are grouped: by their type, in this order.
TYPE_ORDER = {"actors": ACTOR_TYPES, "places": PLACE_TYPES}


@dataclass(frozen=True)
class Facet:
    """One registry entry and the events that name it, in chronological order."""

    entity: Entity
    articles: tuple[Any, ...]

    @property
    def url(self) -> str:
        """Return the page's path below the site root, e.g. ``actors/sergei-lavrov/``."""
        return facet_url(self.entity)


@dataclass(frozen=True)
class FacetPart:
    """One page of a facet's events: all of them, or a slice when there are too many for one.

    A page with thousands of events (8.9 MB for an actor at 10,000) is too heavy for a phone,
    and the preview renders every page that shows an edited entry; so a facet's events, oldest
    first, are cut into pages of at most ``TIMELINE_FACET_PAGE_EVENTS``: the first at the
    facet's address, the others at ``page/2/``, ``page/3/``…, as Hugo and Pelican number them.
    """

    facet: Facet
    #: From 1, and how many pages the facet has.
    number: int
    count: int
    #: The events on this page, and the position of its first among all the facet's (from 0).
    articles: tuple[Any, ...]
    start: int

    @property
    def url(self) -> str:
        """Return this page's path below the site root: the facet's own, then ``page/N/``."""
        return part_url(self.facet, self.number)

    @property
    def years(self) -> str:
        """Return the years of this page's first and last events, its label in a list of pages.

        ``1962–1968``, or ``1962`` for a page within one year; the same in both languages.
        """
        first, last = self.articles[0].date.year, self.articles[-1].date.year
        return str(first) if first == last else f"{first}\u2013{last}"


@dataclass(frozen=True)
class FacetGroup:
    """Entries of one type on an index page (all states, all people…); ``type`` may be None."""

    type: str | None
    facets: tuple[Facet, ...]


def facet_url(entity: Entity) -> str:
    """Return the path of an entity's page; templates link every name they show through it."""
    return f"{entity.registry}/{entity.id}/"


def part_url(facet: Facet, number: int) -> str:
    """Return the path of a facet's page ``number``: page 1 is the facet's own address."""
    return facet.url if number == 1 else f"{facet.url}page/{number}/"


def split(facet: Facet, per_page: int) -> list[FacetPart]:
    """Cut a facet's events into pages of at most ``per_page``, in order; one page if they fit."""
    starts = range(0, len(facet.articles), per_page)
    return [
        FacetPart(facet, number, len(starts), facet.articles[start : start + per_page], start)
        for number, start in enumerate(starts, start=1)
    ]


def collect(articles: Sequence[Any], registry: str, lang: str = "en") -> list[Facet]:
    """Return the facets of one registry that at least one event names, sorted by name.

    The names are those the site shows, in ``lang`` (the site's language; by default English,
    which every entry is named in), so an index reads in alphabetical order in its own language:
    "États-Unis" among the E, not after "Z".
    """
    found: dict[str, tuple[Entity, list[Any]]] = {}
    for article in articles:
        for entity in _entities(article.event, registry):
            found.setdefault(entity.id, (entity, []))[1].append(article)
    facets = [Facet(entity, tuple(items)) for entity, items in found.values()]
    return sorted(facets, key=lambda f: (*alphabetical(f.entity.name_in(lang)), f.entity.id))


def alphabetical(name: str) -> tuple[str, str]:
    """Sort without case or accents first, as dictionaries do; then by the accented name."""
    folded = name.casefold()
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    return letters, folded


def group(facets: Sequence[Facet], registry: str) -> list[FacetGroup]:
    """Group an index by type, in :data:`TYPE_ORDER`; a registry without types is one group."""
    order = TYPE_ORDER.get(registry)
    if order is None:
        return [FacetGroup(None, tuple(facets))]
    rank = {kind: index for index, kind in enumerate(order)}
    ordered = sorted(facets, key=lambda f: rank.get(f.entity.type or "", len(rank)))
    return [
        FacetGroup(kind, tuple(items))
        for kind, items in groupby(ordered, key=lambda f: f.entity.type)
    ]


def _entities(event: Any, registry: str) -> tuple[Entity, ...]:
    if registry == "kinds":
        return (event.kind,)
    if registry == "threads":
        return (event.thread,) if event.thread else ()
    return getattr(event, registry)
