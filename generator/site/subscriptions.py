"""Which threads, kinds and actors get a feed and a calendar of their own, and where.

A reader who follows one story ("everything about the deconfliction line") should not have to
subscribe to the whole chronology. Each language's site gives a feed and a calendar to every
thread, kind and actor that names enough of its events (``TIMELINE_FACET_FEED_MIN_EVENTS``):
a handful of events is better read on the page than subscribed to, and a file per rarely
named actor would only multiply files. Places are left out: a city's events seldom form a
story one follows. The facet's page links both (:mod:`generator.site.generators.facets`), and
:mod:`generator.site.generators.exports` writes them, so both read the same list from here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .facets import Facet, collect
from .settings import SETTINGS

#: The registries whose entries may get a feed and a calendar, in the navigation's order.
FOLLOWED = ("threads", "kinds", "actors")
#: The fewest events a facet needs for them (declared in settings.py's SETTINGS).
MIN_EVENTS_SETTING = "TIMELINE_FACET_FEED_MIN_EVENTS"


@dataclass(frozen=True)
class Subscription:
    """One facet's feed and calendar, as paths below its language's site."""

    facet: Facet
    feed_path: str  # feeds/threads/<id>.atom.xml
    calendar_path: str  # calendars/threads/<id>.ics


def min_events(settings: Mapping[str, Any]) -> int:
    """Return how many events a facet needs; the build checked the setting when it started."""
    return settings.get(MIN_EVENTS_SETTING, SETTINGS[MIN_EVENTS_SETTING].default)


def subscription(facet: Facet, settings: Mapping[str, Any]) -> Subscription | None:
    """Return the facet's feed and calendar, or None when it has too few events for them."""
    entity = facet.entity
    if entity.registry not in FOLLOWED or len(facet.articles) < min_events(settings):
        return None
    return Subscription(
        facet,
        feed_path=f"feeds/{entity.registry}/{entity.id}.atom.xml",
        calendar_path=f"calendars/{entity.registry}/{entity.id}.ics",
    )


def subscriptions(articles: Sequence[Any], settings: Mapping[str, Any]) -> Iterator[Subscription]:
    """Yield the feed and calendar of every followed facet of this site with enough events."""
    for registry in FOLLOWED:
        for facet in collect(articles, registry, settings["DEFAULT_LANG"]):
            found = subscription(facet, settings)
            if found is not None:
                yield found
