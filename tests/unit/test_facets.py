"""Facet indexes list their entries in the alphabetical order of the site's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

from generator.content.model import Entity, Event
from generator.content.schemas import ACTOR_TYPES, PLACE_TYPES
from generator.site.facets import FACETS, Facet, collect, split
from generator.site.filters import number
from generator.site.generators.facets import FacetGenerator
from tests.factories import make_event, make_generator

ROOT = Path(__file__).resolve().parents[2]

KIND = Entity("kinds", "talks", {"en": "Talks", "fr": "Pourparlers"})
# Three orders: English (G, R, U), French (A, É, R), and French by code point, which would put
# "États-Unis" after "Russie".
ACTORS = (
    Entity("actors", "russia", {"en": "Russia", "fr": "Russie"}, type="state"),
    Entity("actors", "united-states", {"en": "United States", "fr": "États-Unis"}, type="state"),
    Entity("actors", "germany", {"en": "Germany", "fr": "Allemagne"}, type="state"),
)


@dataclass
class Item:
    event: Event


def item(slug: str, actors: tuple[Entity, ...] = ACTORS) -> Item:
    return Item(make_event(slug, kind=KIND, actors=actors))


def ids(facets) -> list[str]:
    return [f.entity.id for f in facets]


def test_entries_sort_by_their_names_in_the_language_asked():
    items = [item("a")]
    assert ids(collect(items, "actors", "en")) == ["germany", "russia", "united-states"]
    assert ids(collect(items, "actors", "fr")) == ["germany", "united-states", "russia"]


def test_case_and_accents_count_only_to_break_ties():
    names = ("Eu", "été", "Ete", "etat", "Éte")
    actors = tuple(
        Entity("actors", f"a{n}", {"en": name}, type="state") for n, name in enumerate(names)
    )
    assert [f.entity.name_in("en") for f in collect([item("a", actors)], "actors", "en")] == [
        "etat",
        "Ete",
        "Éte",
        "été",
        "Eu",
    ]


class Writer:
    """Records what the generator would write, instead of rendering it."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, Any]] = {}

    def write_file(self, name: str, template: Any, context: Any, **values: Any) -> None:
        self.pages[name] = values


def test_the_generator_sorts_in_the_site_language(tmp_path: Path):
    settings = {
        "DEFAULT_LANG": "fr",
        "JINJA_FILTERS": {"number": number},  # the templates' own filter, as pelicanconf sets it
    }
    context = {"articles": [item("a"), item("b")]}
    generator = make_generator(FacetGenerator, settings, context, tmp_path)
    writer = Writer()
    generator.generate_output(writer)
    (actors,) = writer.pages["actors/index.html"]["groups"]
    assert ids(actors.facets) == ["germany", "united-states", "russia"]
    assert writer.pages["actors/united-states/index.html"]["facet"].entity.name_in("fr") == (
        "États-Unis"
    )


def test_the_generator_plans_exactly_the_pages_it_writes(tmp_path: Path):
    only_russia = Item(make_event("c", kind=KIND, actors=ACTORS[:1]))
    context = {"articles": [item("a"), only_russia, item("b")]}
    settings = {"DEFAULT_LANG": "fr", "JINJA_FILTERS": {"number": number}}
    generator = make_generator(FacetGenerator, settings, context, tmp_path)
    writer = Writer()
    generator.generate_output(writer)
    planned = {page.path: page for page in generator.planned_pages()}
    assert list(planned) == list(writer.pages)
    assert {page.lang for page in planned.values()} == {"fr"}
    assert planned["actors/index.html"].template == "facets"
    assert planned["actors/index.html"].entries == ("a.md", "c.md", "b.md")
    assert planned["actors/germany/index.html"].template == "facet"
    assert planned["actors/germany/index.html"].entries == ("a.md", "b.md")
    assert planned["places/index.html"].entries == ()


def test_every_registry_and_type_the_code_knows_has_an_interface_name_in_the_theme():
    """The names must be written out in labels.html for Babel; the lists live in the code."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "theme" / "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    labels = env.get_template("partials/labels.html").module
    for type_ in ACTOR_TYPES + PLACE_TYPES:
        assert str(labels.type_name(type_)) not in {"", type_}, type_
    for registry in FACETS:
        assert str(labels.registry_name(registry)).strip(), registry


def _dated(*years: int) -> tuple[Any, ...]:
    return tuple(SimpleNamespace(date=datetime(year, 6, 1, tzinfo=UTC)) for year in years)


def test_a_facet_is_cut_into_pages_of_at_most_so_many_events_in_order():
    facet = Facet(ACTORS[0], _dated(1990, 1991, 1991, 1995, 1995, 1995, 2001))

    parts = split(facet, 3)

    assert [len(p.articles) for p in parts] == [3, 3, 1]
    assert [p.start for p in parts] == [0, 3, 6]
    assert sum((p.articles for p in parts), ()) == facet.articles
    assert all(p.count == 3 and p.facet is facet for p in parts)
    assert [p.url for p in parts] == [
        "actors/russia/",
        "actors/russia/page/2/",
        "actors/russia/page/3/",
    ]
    assert [p.years for p in parts] == ["1990–1991", "1995", "2001"]


def test_a_facet_that_fits_is_one_page_at_its_own_address():
    facet = Facet(ACTORS[1], _dated(2016, 2017))
    (only,) = split(facet, 2)
    assert (only.number, only.count, only.url, only.articles) == (
        1,
        1,
        "actors/united-states/",
        facet.articles,
    )
