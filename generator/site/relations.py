"""Arrange events for the templates: chronological order, neighbours and related events.

Sorting and grouping live here, in Python, so the templates only loop over what they get.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
#: scanned whole for each of its events: only the nearest in date of each of its buckets are
#: (see ``_LargeGroups``).
LARGE_GROUP_FACTOR = 4

#: An event naming more coarse actors than this is ranked the slow way, against every member
#: of its large groups, and is ranked whole by the events that share them: its subsets of
#: coarse actors, one bucket each, would be too many.
MAX_COARSE_ACTORS = 8


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
    """Events that all name a set of coarse actors (and a thread, for a thread's), by date."""

    days: list[int] = field(default_factory=list)
    members: list[int] = field(default_factory=list)


#: A bucket's key: the thread (``None`` for the actors' buckets) and the coarse actors its
#: members all name, in sorted order.
_BucketKey = tuple[str | None, tuple[str, ...]]


def link_related(articles: Sequence[Any], limit: int = 5) -> None:
    """Give each article ``related``: same thread first, then most shared actors, then nearest.

    The order is that of ranking every event that shares a thread or a distinctive actor
    (ties kept in the order the shared keys and then the articles come), but the work is
    linear in the number of events. Members of small groups are ranked one by one. A large
    group (a minor state named by a tenth of all events, a long thread) is not: its members
    share with an event only the event's coarse actors (the common and large-group ones),
    so the event looks into one bucket per subset of its coarse actors, the events naming
    all of them, most actors first, and takes only the nearest few of each (``_nearest``).
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
    groups = _LargeGroups(facts, by_key, common, large)
    for fact, article in zip(facts, articles, strict=True):
        keys = [key for key in fact.keys if key not in common]
        scores: dict[int, tuple[int, ...]] = {}
        for key in keys:
            if key not in large:
                _rank(by_key[key], fact, facts, keys, scores)
        if any(key in large for key in keys):
            groups.rank(fact, keys, limit, scores)
        best = sorted(scores.items(), key=lambda item: item[1])[:limit]
        article.related = [articles[other] for other, _ in best]


def _rank(
    members: Iterable[int],
    fact: _Facts,
    facts: list[_Facts],
    keys: list[tuple[str, str]],
    scores: dict[int, tuple[int, ...]],
) -> None:
    """Score each of ``members`` against ``fact`` into ``scores``, but the event and those done."""
    for other in members:
        if other != fact.index and other not in scores:
            scores[other] = _score(fact, facts[other], keys)


class _LargeGroups:
    """The members of every large group, in buckets by the coarse actors they all name."""

    def __init__(
        self,
        facts: list[_Facts],
        by_key: dict[tuple[str, str], list[int]],
        common: set[tuple[str, str]],
        large: set[tuple[str, str]],
    ) -> None:
        self.facts = facts
        self.by_key = by_key
        self.common = frozenset(actor for _, actor in common)
        self.large = large
        self.coarse = self.common | {actor for kind, actor in large if kind == "actor"}
        self.buckets: dict[_BucketKey, _Bucket] = {}
        #: Members naming too many coarse actors to bucket, by group, ranked whole.
        self.wide: dict[tuple[str, str], list[int]] = {}
        for fact in sorted(facts, key=lambda fact: fact.day):
            own = sorted(fact.actors & self.coarse)
            if len(own) > MAX_COARSE_ACTORS:
                for key in fact.keys:
                    if key in large:
                        self.wide.setdefault(key, []).append(fact.index)
                continue
            distinctive = set(own) - self.common
            in_large_thread = ("thread", fact.thread) in large
            for size in range(len(own) + 1):
                for subset in itertools.combinations(own, size):
                    if distinctive.intersection(subset):
                        self._add((None, subset), fact)
                    if in_large_thread:
                        self._add((fact.thread, subset), fact)

    def _add(self, key: _BucketKey, fact: _Facts) -> None:
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = _Bucket()
        bucket.days.append(fact.day)
        bucket.members.append(fact.index)

    def rank(
        self,
        fact: _Facts,
        keys: list[tuple[str, str]],
        limit: int,
        scores: dict[int, tuple[int, ...]],
    ) -> None:
        """Score the members of the event's large groups that can be among its first ``limit``.

        The thread's buckets come first, then the actors', each from the most coarse actors
        shared down, and once ``limit`` scored candidates beat anything the next buckets
        hold, those are not looked into. A member left out is outranked by ``limit`` members
        of the bucket of exactly the coarse actors it shares with the event: they are
        nearer, share at least as many actors, and are of the thread if it is.
        """
        facts = self.facts
        own = sorted(fact.actors & self.coarse)
        large_keys = [key for key in keys if key in self.large]
        if len(own) > MAX_COARSE_ACTORS:
            for key in large_keys:
                _rank(self.by_key[key], fact, facts, keys, scores)
            return
        for key in large_keys:
            _rank(self.wide.get(key, ()), fact, facts, keys, scores)
        if ("thread", fact.thread) in self.large:
            for size in range(len(own), -1, -1):
                for subset in itertools.combinations(own, size):
                    bucket = self.buckets.get((fact.thread, subset))
                    if bucket is not None:
                        _rank(_nearest(bucket, fact, limit, scores), fact, facts, keys, scores)
                if _beaten(scores, limit, size, thread=True):
                    return
        distinctive = set(own) - self.common
        for size in range(len(own), 0, -1):
            for subset in itertools.combinations(own, size):
                bucket = self.buckets.get((None, subset))
                if bucket is not None and distinctive.intersection(subset):
                    _rank(_nearest(bucket, fact, limit, scores), fact, facts, keys, scores)
            if _beaten(scores, limit, size, thread=False):
                return


def _beaten(scores: dict[int, tuple[int, ...]], limit: int, shared: int, *, thread: bool) -> bool:
    """Whether ``limit`` scored candidates beat every unscored one sharing fewer actors.

    In the thread's buckets (``thread``) only candidates of the thread sharing ``shared``
    actors or more are sure to; in the actors' buckets, any candidate of the thread is too.
    """
    if thread:
        beating = [score for score in scores.values() if score[0] == 0 and -score[1] >= shared]
    else:
        beating = [score for score in scores.values() if score[0] == 0 or -score[1] >= shared]
    return len(beating) >= limit


def _facts(index: int, event: Any) -> _Facts:
    return _Facts(
        index=index,
        day=event.date.start.first_day.toordinal(),
        actors=frozenset(a.id for a in event.actors),
        thread=event.thread.id if event.thread is not None else None,
        keys=tuple(_relation_keys(event)),
    )


def _nearest(bucket: _Bucket, fact: _Facts, limit: int, seen: dict[int, Any]) -> list[int]:
    """Return the members nearest ``fact`` in days, at least ``limit`` and every tie of the last.

    Members already ranked (``seen``) and the event itself are passed over: the rest of the
    bucket name the same coarse actors, so any member left out has ``limit`` others, nearer,
    that share at least as many actors with the event.
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
