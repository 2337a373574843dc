"""Registries of kinds, actors, places, threads and eras, read from ``content/data/*.yml``.

Entries name actors and places by id; the registries give each id its names in every language,
its type and its aliases. Eras are spans of time (a treaty in force) drawn on the overview.
They are data, so editors extend them without touching code. Their fields are declared in
:mod:`~generator.content.schemas`; this module loads the files, checks them and looks ids up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .dates import PartialDate
from .frontmatter import Node, compose_yaml, decode_utf8
from .model import Entity
from .options import Context, Option, check_mapping, nearest
from .problems import Problem, relative
from .schemas import REGISTRY_SCHEMAS
from .typography import typeset_text


@dataclass
class Registries:
    """Every registry, by name and id."""

    entities: dict[str, dict[str, Entity]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def lookup(self, registry: str, ident: str) -> Entity | None:
        """Return the entity with that id, or ``None``."""
        return self.entities.get(registry, {}).get(ident)

    def ids(self, registry: str) -> list[str]:
        """Return every id of a registry, for suggestions."""
        return list(self.entities.get(registry, {}))

    def context(self) -> Context:
        """Give schema options access to these registries."""
        return Context(lookup=self.lookup, ids=self.ids)


def load_registries(data_dir: Path, base: Path | None = None) -> Registries:
    """Read every registry file; problems are collected on the result, not raised."""
    registries = Registries()
    for name, schema in REGISTRY_SCHEMAS.items():
        path = data_dir / f"{name}.yml"
        shown = relative(path, base)
        if not path.is_file():
            registries.problems.append(Problem(shown, 1, "file", "missing registry file"))
            registries.entities[name] = {}
            continue
        registries.entities[name] = _load(path, shown, name, schema, registries.problems)
    _check_countries(registries, relative(data_dir / "places.yml", base))
    return registries


def _load(
    path: Path, shown: str, name: str, schema: Mapping[str, Option], problems: list[Problem]
) -> dict[str, Entity]:
    """Read one registry file: a YAML list of mappings."""
    text, found = decode_utf8(path.read_bytes(), shown, "utf-8-sig")
    problems.extend(found)
    if text is None:
        return {}
    root, found = compose_yaml(text, shown)
    problems.extend(found)
    if root is None:
        if not found:
            problems.append(Problem(shown, 1, "file", "empty registry"))
        return {}
    if not isinstance(root.value, list):
        problems.append(Problem(shown, root.line, "file", "expected a list of entries"))
        return {}
    entities: dict[str, Entity] = {}
    for item in root.value:
        entity = _entity(item, shown, name, schema, problems)
        if entity is None:
            continue
        if entity.id in entities:
            problems.append(Problem(shown, item.line, "id", f"duplicate id {entity.id!r}"))
            continue
        entities[entity.id] = entity
    return entities


def _entity(
    item: Node, shown: str, name: str, schema: Mapping[str, Option], problems: list[Problem]
) -> Entity | None:
    """Check one registry entry and build its :class:`Entity`."""
    if not isinstance(item.value, dict):
        problems.append(Problem(shown, item.line, "entry", "expected 'field: value' lines"))
        return None
    values, found = check_mapping(item.value, schema, Context(), shown, item.line)
    found += _check_span(values, item, shown)
    problems.extend(found)
    if any(p.severity == "error" for p in found):
        if "id" not in values:
            return None
        # Keep the id known, so that entries citing it are not reported as well: the build
        # fails on this registry's own problems, and this stand-in never reaches a page.
        return Entity(registry=name, id=values["id"], names={"en": values["id"]}, line=item.line)
    return Entity(
        registry=name,
        id=values["id"],
        names=_typeset(values.get("name") or values["title"]),
        type=values.get("type"),
        descriptions=_typeset(values.get("description") or values.get("role") or {}),
        aliases=values.get("aliases", ()),
        country=values.get("country"),
        start=values.get("start"),
        end=values.get("end"),
        line=item.line,
    )


def _typeset(texts: Mapping[str, str]) -> dict[str, str]:
    """Space each language's text as that language's typography wants (French: "prolongé ;")."""
    return {lang: typeset_text(text, lang) for lang, text in texts.items()}


def _check_span(values: Mapping[str, object], item: Node, shown: str) -> list[Problem]:
    """Refuse an era that ends before it starts; mixed precisions compare at the coarser."""
    start, end = values.get("start"), values.get("end")
    if not isinstance(start, PartialDate) or not isinstance(end, PartialDate):
        return []
    if end.last_day >= start.first_day:
        return []
    fields = item.value
    line = fields["end"].line if isinstance(fields, dict) else item.line
    return [Problem(shown, line, "end", f"end {end.iso} precedes start {start.iso}")]


def _check_countries(registries: Registries, shown: str) -> None:
    """Check that a place's ``country`` names a place of type country."""
    places = registries.entities.get("places", {})
    countries = [p.id for p in places.values() if p.type == "country"]
    for place in places.values():
        if place.country and place.country not in countries:
            message = f"unknown country {place.country!r}, expected a place of type 'country'"
            hint = nearest(place.country, countries)
            registries.problems.append(Problem(shown, place.line, "country", message, hint=hint))
