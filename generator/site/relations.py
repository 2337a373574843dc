"""Arrange events for the templates: chronological order, neighbours and related events.

Sorting and grouping live here, in Python, so the templates only loop over what they get.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
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


#: A group (an actor's or a thread's events) larger than this many times the limit is not
#: scanned whole for each of its events: only the nearest in date of each of its buckets are.
LARGE_GROUP_FACTOR = 4


@dataclass(frozen=True)
class _Facts:
    """What ranking needs of one event, computed once rather than for every pair."""

    index: int
    day: int
    actors: frozenset[str]
    thread: str | None
    keys: tuple[tuple[str, str], ...]


@dataclass
class _Bucket:
    """Members of a large group that share the same common or large-group actors, by date."""

    days: list[int]
    members: list[int]


def link_related(articles: Sequence[Any], limit: int = 5) -> None:
    """Give each article ``related``: same thread first, then most shared actors, then nearest.

    The order is that of ranking every event that shares a thread or a distinctive actor
    (ties kept in the order the shared keys and then the articles come), but the work is
    linear: members of small groups are ranked one by one; a large group (a minor state
    named by a tenth of all events, a long thread) is split into buckets whose members
    share the same coarse actors, so all in a bucket rank alike but for their distance in
    days, and only the nearest few of each bucket can be among the first ``limit``.
    """
    facts = [_facts(index, article.event) for index, article in enumerate(articles)]
    by_key: dict[tuple[str, str], list[int]] = {}
    for fact in facts:
        for key in fact.keys:
            by_key.setdefault(key, []).append(fact.index)
    common = {
        key
        for key, members in by_key.items()
        if key[0] == "actor" and len(members) > COMMON_ACTOR_SHARE * len(articles)
    }
    large = {
        key
        for key, members in by_key.items()
        if key not in common and len(members) > LARGE_GROUP_FACTOR * limit
    }
    coarse = frozenset(key[1] for key in common | large if key[0] == "actor")
    buckets = {key: _buckets(by_key[key], facts, coarse) for key in large}
    for fact, article in zip(facts, articles, strict=True):
        keys = [key for key in fact.keys if key not in common]
        scores: dict[int, tuple[int, ...]] = {}
        for key in keys:
            if key not in large:
                for other in by_key[key]:
                    if other != fact.index and other not in scores:
                        scores[other] = _score(fact, facts[other], keys)
        for key in keys:
            if key in large:
                for bucket in buckets[key]:
                    for other in _nearest(bucket, fact, limit, scores):
                        scores[other] = _score(fact, facts[other], keys)
        best = sorted(scores.items(), key=lambda item: item[1])[:limit]
        article.related = [articles[other] for other, _ in best]


def _facts(index: int, event: Any) -> _Facts:
    return _Facts(
        index=index,
        day=event.date.start.first_day.toordinal(),
        actors=frozenset(a.id for a in event.actors),
        thread=event.thread.id if event.thread is not None else None,
        keys=tuple(_relation_keys(event)),
    )


def _buckets(members: list[int], facts: list[_Facts], coarse: frozenset[str]) -> list[_Bucket]:
    """Split a large group by its members' coarse actors, each part in date order."""
    parts: dict[frozenset[str], list[tuple[int, int]]] = {}
    for member in members:
        fact = facts[member]
        parts.setdefault(fact.actors & coarse, []).append((fact.day, member))
    buckets = []
    for part in parts.values():
        part.sort()
        buckets.append(_Bucket([day for day, _ in part], [member for _, member in part]))
    return buckets


def _nearest(bucket: _Bucket, fact: _Facts, limit: int, seen: dict[int, Any]) -> list[int]:
    """Return the members nearest ``fact`` in days, at least ``limit`` and every tie of the last.

    Members already ranked (``seen``) and the event itself are passed over: the rest of the
    bucket shares as many actors with the event as each other, and at most the same thread
    (events of its thread are ranked through the thread's own group), so any member left out
    has ``limit`` others that rank strictly before it.
    """
    right = bisect.bisect_left(bucket.days, fact.day)
    left = right - 1
    found: list[int] = []
    last = -1
    end = len(bucket.days)
    while left >= 0 or right < end:
        take_left = right >= end or (
            left >= 0 and fact.day - bucket.days[left] <= bucket.days[right] - fact.day
        )
        position = left if take_left else right
        distance = abs(bucket.days[position] - fact.day)
        if len(found) >= limit and distance != last:
            break
        if take_left:
            left -= 1
        else:
            right += 1
        member = bucket.members[position]
        if member != fact.index and member not in seen:
            found.append(member)
            last = distance
    return found


def _score(fact: _Facts, other: _Facts, keys: list[tuple[str, str]]) -> tuple[int, ...]:
    """Sort key of a candidate: same thread, more shared actors, fewer days apart, then order.

    The last two give the order a candidate is first met in (the event's first key it
    shares, then its place in the list), which is how the ranking breaks ties.
    """
    same_thread = fact.thread is not None and other.thread == fact.thread
    shared = len(fact.actors & other.actors)
    first_key = next(n for n, key in enumerate(keys) if key in other.keys)
    return (0 if same_thread else 1, -shared, abs(other.day - fact.day), first_key, other.index)


def _relation_keys(event: Any) -> list[tuple[str, str]]:
    keys = [("actor", a.id) for a in event.actors]
    if event.thread is not None:
        keys.append(("thread", event.thread.id))
    return keys
