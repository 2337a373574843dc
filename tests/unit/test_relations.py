"""Related events and facets, on small hand-made events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.content.model import Event
from generator.site.facets import collect, facet_url, group
from generator.site.relations import link_related
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
