"""Related events and facets, on small hand-made events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.model import Event
from generator.site import relations
from generator.site.facets import collect, facet_url, group
from generator.site.relations import COMMON_ACTOR_SHARE, link_related
from tests.factories import make_entity, make_event, on_day

STATE = make_entity("actors", "state", type="state")


@dataclass
class Item:
    event: Event
    related: list | None = None


def item(slug: str, day: date, actors: tuple[str, ...] = (), thread: str | None = None) -> Item:
    event = make_event(
        slug,
        date=on_day(day),
        actors=(STATE, *(make_entity("actors", a, type="person") for a in actors)),
        thread=make_entity("threads", thread) if thread else None,
    )
    return Item(event)


def test_same_thread_first_then_shared_actors_then_nearest():
    items = [
        item("a", date(2016, 1, 1), ("lavrov", "kerry"), thread="t"),
        item("far-thread", date(2019, 1, 1), thread="t"),
        item("near-thread", date(2016, 2, 1), thread="t"),
        item("two-shared", date(2010, 1, 1), ("lavrov", "kerry")),
        item("one-shared", date(2016, 1, 2), ("kerry",)),
        item("one-shared-far", date(2000, 1, 2), ("lavrov",)),
        *(item(f"unrelated-{n}", date(2016, 1, n)) for n in range(1, 11)),
    ]
    link_related(items, limit=4)
    assert [i.event.slug for i in items[0].related] == [
        "near-thread",
        "far-thread",
        "two-shared",
        "one-shared",
    ]


def test_an_actor_in_most_events_relates_nothing():
    items = [item(s, date(2016, 1, n)) for n, s in enumerate("abcde", 1)]
    link_related(items)
    assert all(i.related == [] for i in items)


def test_an_event_naming_more_large_actors_than_are_bucketed_is_still_ranked():
    items = [
        item("one", date(2016, 1, 1), ("a",)),
        item("wide", date(2016, 1, 2), ("a", "b")),
        *(item(f"a-{n}", date(2017, 1, n), ("a",)) for n in range(1, 6)),
        *(item(f"b-{n}", date(2017, 2, n), ("b",)) for n in range(1, 6)),
        *(item(f"other-{n}", date(2016, 1, 2)) for n in range(20)),
    ]
    with patch.object(relations, "MAX_COARSE_ACTORS", 2):
        link_related(items, limit=1)
    assert [i.event.slug for i in items[0].related] == ["wide"]
    assert [i.event.slug for i in items[1].related] == ["one"]


def test_a_nearer_event_sharing_fewer_large_actors_beats_a_farther_one_sharing_as_many():
    # "a" and "minor" are large groups; "p" is small, so "far-p" is ranked from the start.
    # Sharing three actors, "both" comes first; then "near-a" and "far-p" share two, and
    # the nearer must win although it sits in the bucket of fewer large actors.
    items = [
        item("event", date(2016, 1, 1), ("minor", "a", "p")),
        item("both", date(2016, 3, 1), ("minor", "a")),
        item("near-a", date(2016, 1, 2), ("a",)),
        item("far-p", date(2017, 1, 1), ("p",)),
        *(item(f"a-{n}", date(2020, 1, n), ("a",)) for n in range(1, 9)),
        *(item(f"minor-{n}", date(2020, 2, n), ("minor",)) for n in range(1, 9)),
        *(item(f"other-{n}", date(2016, 1, 1)) for n in range(40)),
    ]
    link_related(items, limit=2)
    assert [i.event.slug for i in items[0].related] == ["both", "near-a"]


def test_facets_list_each_entity_once_with_its_events_in_order():
    items = [
        item("b", date(2016, 1, 2), ("lavrov",)),
        item("a", date(2016, 1, 1), ("lavrov", "kerry")),
    ]
    facets = collect(items, "actors")
    assert [(f.entity.id, [i.event.slug for i in f.articles]) for f in facets] == [
        ("kerry", ["a"]),
        ("lavrov", ["b", "a"]),  # the order the articles came in: the caller's chronology
        ("state", ["b", "a"]),
    ]
    assert [(g.type, [f.entity.id for f in g.facets]) for g in group(facets, "actors")] == [
        ("state", ["state"]),
        ("person", ["kerry", "lavrov"]),
    ]
    assert facet_url(facets[0].entity) == "actors/kerry/"
    assert [f.entity.id for f in collect(items, "threads")] == []
    assert [f.entity.id for f in collect(items, "kinds")] == ["talks"]


def reference_related(articles: list[Item], limit: int) -> list[list[str]]:
    """The ranking as first written: every candidate of every event ranked, quadratic."""

    def keys(event: Any) -> list[tuple[str, str]]:
        found = [("actor", a.id) for a in event.actors]
        return found + ([("thread", event.thread.id)] if event.thread else [])

    def rank(event: Any, other: Any) -> tuple[int, int, int]:
        same_thread = event.thread is not None and other.event.thread == event.thread
        shared = len({a.id for a in event.actors} & {a.id for a in other.event.actors})
        first, second = event.date.start.first_day, other.event.date.start.first_day
        return (0 if same_thread else 1, -shared, abs(second.toordinal() - first.toordinal()))

    by_key: dict[tuple[str, str], list[Item]] = {}
    for article in articles:
        for key in keys(article.event):
            by_key.setdefault(key, []).append(article)
    common = {
        key
        for key, members in by_key.items()
        if key[0] == "actor" and len(members) > COMMON_ACTOR_SHARE * len(articles)
    }
    result = []
    for article in articles:
        candidates = {
            id(other): other
            for key in keys(article.event)
            if key not in common
            for other in by_key[key]
            if other is not article
        }
        ranked = sorted(candidates.values(), key=partial(rank, article.event))[:limit]
        result.append([other.event.slug for other in ranked])
    return result


# Few days and few actors, so that ties in days and large groups (a minor state in a third
# of the events, a long thread) are the rule rather than the exception.
random_events = st.lists(
    st.tuples(
        st.integers(0, 40),
        st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"]), max_size=4),
        st.sampled_from([None, None, "t", "u"]),
        st.sets(st.sampled_from(["minor", "other"]), max_size=2),
    ),
    min_size=1,
    max_size=90,
)


@pytest.mark.parametrize("widest", [relations.MAX_COARSE_ACTORS, 2])
@settings(max_examples=300, deadline=None)
@given(events=random_events, limit=st.integers(1, 5))
def test_the_linear_ranking_gives_exactly_the_order_of_ranking_every_candidate(
    widest, events, limit
):
    """Exact on random events; with ``widest`` at 2, events naming more coarse actors than
    that (the common state and a minor one and a large actor, say) take the slow path."""
    items = []
    for number, (day, actors, thread, states) in enumerate(events):
        event = make_event(
            f"e{number}",
            date=on_day(date(2016, 1, 1) + timedelta(days=day)),
            actors=(
                STATE,
                *(make_entity("actors", s, type="state") for s in sorted(states)),
                *(make_entity("actors", a, type="person") for a in dict.fromkeys(actors)),
            ),
            thread=make_entity("threads", thread) if thread else None,
        )
        items.append(Item(event))
    with patch.object(relations, "MAX_COARSE_ACTORS", widest):
        link_related(items, limit=limit)
    assert [[r.event.slug for r in i.related] for i in items] == reference_related(items, limit)
