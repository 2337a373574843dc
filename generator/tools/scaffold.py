"""Write the skeleton of a new entry, or of a translation, for an editor to fill in.

The arguments are checked with the same field schema as the entries, so ``timeline new`` refuses
an unknown actor or an impossible date with the message ``timeline check`` would give. The
comments in the skeleton are the schema's own field documentation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from ..content.checks import future_date_warning, original_of
from ..content.dates import make_event_date
from ..content.frontmatter import Node, read_document
from ..content.options import check_mapping, is_slug
from ..content.problems import Invalid, Problem
from ..content.registries import Registries
from ..content.schemas import EVENT_SCHEMA, SITE_LANGUAGES, SOURCE_SCHEMA, TRANSLATION_SCHEMA

#: Slugs made from titles are cut at a word boundary below this length: short URLs read well.
SLUG_TARGET = 60
#: Options of ``timeline new`` and the entry field each one fills.
ARGUMENT_FIELDS = {
    "title": "title",
    "--date": "date",
    "--end": "end",
    "--kind": "kind",
    "--actor": "actors",
    "--place": "places",
    "--thread": "thread",
}


@dataclass
class NewEntry:
    """What an editor asked ``timeline new`` for, as it was typed."""

    title: str
    date: str
    kind: str
    actors: list[str]
    places: list[str] = field(default_factory=list)
    thread: str | None = None
    end: str | None = None
    circa: bool = False
    slug: str | None = None

    @property
    def file_slug(self) -> str:
        """Return the slug the file will carry: the one given, or one made from the title."""
        return self.slug if self.slug is not None else slug_for(self.title)


def slug_for(title: str) -> str:
    """Make a slug from a title with Pelican's slugify, cut at a hyphen near the target length."""
    subs = [*DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"], ("_", "-"), ("-{2,}", "-")]
    slug = slugify(title, regex_subs=subs).strip("-")
    if len(slug) > SLUG_TARGET:
        cut = slug.rfind("-", 0, SLUG_TARGET + 1)
        slug = slug[: cut if cut > 0 else SLUG_TARGET]
    return slug


def check_arguments(entry: NewEntry, registries: Registries, today: date) -> list[Problem]:
    """Check the arguments with the entry schema; problems are named after the options."""
    names = {value: option for option, value in ARGUMENT_FIELDS.items()}
    given = {
        "title": entry.title,
        "date": entry.date,
        "end": entry.end,
        "kind": entry.kind,
        "actors": [Node(a, 0) for a in entry.actors] or None,
        "places": [Node(p, 0) for p in entry.places] or None,
        "thread": entry.thread,
    }
    fields = {name: Node(value, 0) for name, value in given.items() if value is not None}
    schema = {name: EVENT_SCHEMA[name] for name in given}
    values, found = check_mapping(fields, schema, registries.context(), "timeline new", 0)
    problems = [
        Problem("timeline new", 0, names[p.field], p.message, p.severity, p.hint) for p in found
    ]
    start = values.get("date")
    if start is not None and (message := future_date_warning(start, today)):
        problems.append(Problem("timeline new", 0, "--date", message, severity="warning"))
    end = values.get("end")
    if start is not None and end is not None:
        try:
            make_event_date(start, end, entry.circa)
        except Invalid as exc:
            problems.append(Problem("timeline new", 0, "--end", exc.message))
    slug = entry.file_slug
    if not is_slug(slug):
        message = f"expected lowercase letters, digits and hyphens, got {slug!r}"
        hint = "" if entry.slug else "pass --slug, as the title gives no usable slug"
        problems.append(Problem("timeline new", 0, "--slug", message, hint=hint))
    return problems


def entry_path(events_dir: Path, entry: NewEntry) -> Path:
    """Return ``<events>/<year>/<date>-<slug>.md`` for the entry."""
    return events_dir / entry.date[:4] / f"{entry.date}-{entry.file_slug}.md"


def entry_text(entry: NewEntry) -> str:
    """Compose the skeleton: the given fields filled, the others empty, each under its doc."""
    lang = SITE_LANGUAGES[0]
    filled: dict[str, str | None] = {
        "title": _quoted(entry.title),
        "date": entry.date,
        "end": entry.end,
        "circa": "true" if entry.circa else None,
        "kind": entry.kind,
        "actors": _flow(entry.actors),
        "places": _flow(entry.places) if entry.places else "[]",
        "thread": entry.thread or "",
        "summary": "",
        "sources": _source_skeleton(lang),
        "lang": lang,
    }
    lines = ["---"]
    for name, value in filled.items():
        if value is None:
            continue
        lines.append(f"# {_doc(EVENT_SCHEMA[name].doc)}")
        lines.append(f"{name}: {value}".rstrip() if not value.startswith("\n") else name + ":")
        if value.startswith("\n"):
            lines.append(value.strip("\n"))
    lines += ["---", ""]
    return "\n".join(lines)


def translation_text(original: Path, shown: str, lang: str) -> str:
    """Compose a translation's skeleton from its original's date and title."""
    doc = read_document(original, shown)
    title = doc.fields.get("title")
    lines = [
        "---",
        f"# Translation of {shown}"
        + (f": {json.dumps(title.value, ensure_ascii=False)}" if title else ""),
        "# Its date, kind, actors, places and thread come from the original: leave them out.",
        f"# {_doc(TRANSLATION_SCHEMA['title'].doc)}",
        "title:",
        f"# {_doc(TRANSLATION_SCHEMA['summary'].doc)}",
        "summary:",
        f"# {_doc(TRANSLATION_SCHEMA['sources'].doc)} Optional:",
        *(f"# {line}" for line in _source_skeleton(lang).strip("\n").split("\n")),
        f"lang: {lang}",
        "---",
        "",
    ]
    return "\n".join(lines)


def translation_path(original: Path, lang: str) -> Path:
    """Return where a translation goes: beside the original, ``<date>-<slug>.<lang>.md``."""
    return original.with_name(f"{original.stem}.{lang}.md")


def find_original(events_dir: Path, slug: str) -> list[Path]:
    """Find the original entries whose slug is ``slug`` (more than one is itself an error)."""
    return [path for path in slug_users(events_dir, slug) if original_of(path) is None]


def slug_users(events_dir: Path, slug: str) -> list[Path]:
    """Find the files, originals or translations, that already use ``slug``."""
    pattern = re.compile(rf"\d{{4}}(?:-\d{{2}}){{0,2}}-{re.escape(slug)}(?:\.[a-z]{{2}})?\.md")
    return sorted(p for p in events_dir.rglob("*.md") if pattern.fullmatch(p.name))


def _source_skeleton(lang: str) -> str:
    """One empty source, each key under its doc."""
    lines = []
    for index, name in enumerate(("publisher", "title", "date", "url")):
        lines.append(f"  {'- ' if index == 0 else '  '}# {_doc(SOURCE_SCHEMA[name].doc)}")
        lines.append(f"    {name}:")
    lines.append(f"    lang: {lang}")
    return "\n" + "\n".join(lines)


def _quoted(text: str) -> str:
    """Quote text as a YAML double-quoted scalar (JSON's escapes are valid there)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _flow(ids: list[str]) -> str:
    """Write ids as a YAML flow list: ``[a, b]``."""
    return "[" + ", ".join(ids) + "]"


def _doc(text: str) -> str:
    """Show a field's doc in a YAML comment, without the Markdown backticks."""
    return text.replace("`", "")
