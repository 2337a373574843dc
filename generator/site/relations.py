"""Arrange events for the templates: chronological order, neighbours and related events.

Sorting and grouping live here, in Python, so the templates only loop over what they get.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any


def event_order(article: Any) -> tuple[object, ...]:
    """Sort key for Pelican's ``ARTICLE_ORDER_BY``: start, then precision, then slug."""
    return article.event.sort_key


def link_neighbours(articles: Sequence[Any]) -> None:
    """Give each article ``prev_event`` and ``next_event`` in chronological order."""
    for index, article in enumerate(articles):
        article.prev_event = articles[index - 1] if index > 0 else None
        article.next_event = articles[index + 1] if index + 1 < len(articles) else None


#: Actors named by more than this share of all events (the two states, say) relate
#: everything to everything, so they do not count towards relatedness.
COMMON_ACTOR_SHARE = 0.25


def link_related(articles: Sequence[Any], limit: int = 5) -> None:
    """Give each article ``related``: same thread first, then most shared actors, then nearest.

    Candidates come from an index of threads and distinctive actors, so the work grows with
    the size of those groups rather than with the square of the number of events.
    """
    by_key: dict[tuple[str, str], list[Any]] = {}
    for article in articles:
        for key in _relation_keys(article.event):
            by_key.setdefault(key, []).append(article)
    common = {
        key
        for key, members in by_key.items()
        if key[0] == "actor" and len(members) > COMMON_ACTOR_SHARE * len(articles)
    }
    for article in articles:
        event = article.event
        candidates = {
            id(other): other
            for key in _relation_keys(event)
            if key not in common
            for other in by_key[key]
            if other is not article
        }
        article.related = sorted(candidates.values(), key=partial(_rank, event))[:limit]


def _rank(event: Any, other: Any) -> tuple[int, int, int]:
    """Sort key of a candidate: same thread, then more shared actors, then fewer days apart."""
    same_thread = event.thread is not None and other.event.thread == event.thread
    shared = len({a.id for a in event.actors} & {a.id for a in other.event.actors})
    days = abs(
        other.event.date.start.first_day.toordinal() - event.date.start.first_day.toordinal()
    )
    return (0 if same_thread else 1, -shared, days)


def _relation_keys(event: Any) -> list[tuple[str, str]]:
    keys = [("actor", a.id) for a in event.actors]
    if event.thread is not None:
        keys.append(("thread", event.thread.id))
    return keys
