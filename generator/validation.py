"""Check entries and pages against their declared schemas, and the collection as a whole.

Every function here returns all the problems it finds; none stops at the first. The Pelican
reader and the ``timeline check`` command share these functions, so both report the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path, PurePosixPath

from .dates import make_event_date
from .errors import DateError, Problem, relative
from .frontmatter import Document, read_document
from .model import Event, Source
from .registry import Registries, load_registries
from .schema import (
    SLUG_PATTERN,
    Choice,
    Context,
    Date,
    Flag,
    Lang,
    Option,
    Records,
    Ref,
    RefList,
    Slug,
    Text,
    Url,
    check_mapping,
)

#: Languages the site is published in; the first is the default.
SITE_LANGUAGES = ("en", "fr")

SOURCE_SCHEMA: dict[str, Option] = {
    "publisher": Text(required=True, max_length=200, doc="Who published it, e.g. 'Reuters'."),
    "title": Text(required=True, max_length=400, doc="Its title as published."),
    "date": Date(doc="Its publication date, at the precision known."),
    "url": Url(doc="Where to read it; only a real, known address."),
    "archive": Url(doc="A snapshot of the page, for when the link rots."),
    "lang": Lang(doc="The language it is written in."),
}

EVENT_SCHEMA: dict[str, Option] = {
    "title": Text(required=True, max_length=160, doc="Headline, plain text."),
    "date": Date(required=True, doc="YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision."),
    "end": Date(doc="Last day of an event that spans time; same forms, not before `date`."),
    "circa": Flag(doc="`true` when the date is approximate."),
    "kind": Ref("kinds", required=True, doc="One id from `content/data/kinds.yml`."),
    "actors": RefList("actors", required=True, min_items=1, doc="Ids from `actors.yml`."),
    "places": RefList("places", doc="Ids from `content/data/places.yml`."),
    "thread": Ref("threads", doc="Id of the story it belongs to, from `threads.yml`."),
    "summary": Text(required=True, min_length=20, max_length=400, doc="One or two sentences."),
    "sources": Records(SOURCE_SCHEMA, required=True, min_items=1, doc="At least one source."),
    "lang": Choice(SITE_LANGUAGES, required=True, doc="Language of this file."),
}

PAGE_SCHEMA: dict[str, Option] = {
    "title": Text(required=True, max_length=160, doc="Page title."),
    "slug": Slug(required=True, doc="Permanent URL segment."),
    "lang": Choice(SITE_LANGUAGES, required=True, doc="Language of this file."),
    "summary": Text(max_length=400, doc="One sentence for search results and feeds."),
}

_RAW_HTML = re.compile(r"<(?:[a-zA-Z][\w-]*|!--)[^>]*>")


def check_event(
    doc: Document, registries: Registries, today: date
) -> tuple[Event | None, list[Problem]]:
    """Check one event entry; return the event only when it has no error."""
    problems = list(doc.problems)
    if doc.problems and not doc.fields:
        return None, problems
    values, found = check_mapping(doc.fields, EVENT_SCHEMA, registries.context(), doc.path, 1)
    problems.extend(found)
    event_date = _check_dates(doc, values, today, problems)
    slug = _check_file_name(doc, values, problems)
    problems.extend(check_body(doc))
    if any(p.severity == "error" for p in problems) or event_date is None or slug is None:
        return None, problems
    sources = tuple(Source(**record) for record in values["sources"])
    event = Event(
        slug=slug,
        lang=values["lang"],
        title=values["title"],
        date=event_date,
        kind=values["kind"],
        actors=values["actors"],
        places=values.get("places", ()),
        thread=values.get("thread"),
        summary=values["summary"],
        sources=sources,
        source_path=doc.path,
    )
    return event, problems


def _check_dates(doc: Document, values: dict, today: date, problems: list[Problem]):
    """Join date, end and circa; refuse a date in the future."""
    start = values.get("date")
    if start is None:
        return None
    try:
        event_date = make_event_date(start, values.get("end"), values.get("circa", False))
    except DateError as exc:
        problems.append(Problem(doc.path, doc.fields["end"].line, "end", exc.message))
        return None
    if start.first_day > today:
        message = f"{start.iso} is in the future (today is {today.isoformat()})"
        problems.append(Problem(doc.path, doc.fields["date"].line, "date", message))
    return event_date


def _check_file_name(doc: Document, values: dict, problems: list[Problem]) -> str | None:
    """Check the file is ``events/<year>/<date>-<slug>[.<lang>].md``; return its slug."""
    path = PurePosixPath(doc.path)
    start = values.get("date")
    if start is None:
        return None
    # Below day precision, a slug may not start like the missing month or day ("2016-05-24-x"
    # with date 2016-05), or a file named after a more precise date would pass.
    head = re.escape(start.iso) + ("-" if start.precision == "day" else r"-(?!\d{2}[-.])")
    pattern = rf"{head}(?P<slug>{SLUG_PATTERN})(?:\.(?P<lang>[a-z]{{2}}))?\.md"
    match = re.fullmatch(pattern, path.name)
    if not match:
        expected = f"{start.iso}-<slug>.md"
        message = f"file name {path.name!r} does not match the date: expected {expected!r}"
        problems.append(Problem(doc.path, 1, "file", message))
        return None
    if path.parent.name != f"{start.year:04d}":
        message = f"expected in a folder named {start.year:04d}, found in {path.parent.name!r}"
        problems.append(Problem(doc.path, 1, "file", message))
    lang = values.get("lang")
    suffix = match["lang"] or SITE_LANGUAGES[0]
    if lang is not None and suffix != lang:
        message = f"file name says language {suffix!r} but lang is {lang!r}"
        problems.append(Problem(doc.path, doc.fields["lang"].line, "lang", message))
    return match["slug"]


def check_body(doc: Document) -> list[Problem]:
    """Require a body, and warn that raw HTML in it is removed from the page."""
    if not doc.body.strip():
        message = "empty: write what happened, in our own words"
        return [Problem(doc.path, doc.body_line, "body", message)]
    problems = []
    for offset, line in enumerate(doc.body.split("\n")):
        if _RAW_HTML.search(line) and not line.startswith(("    ", "\t")):
            message = "raw HTML is removed from the page; use Markdown instead"
            problems.append(
                Problem(doc.path, doc.body_line + offset, "body", message, severity="warning")
            )
    return problems


def check_page(doc: Document) -> tuple[dict | None, list[Problem]]:
    """Check a page (such as About): title, slug, language and a body."""
    problems = list(doc.problems)
    if doc.problems and not doc.fields:
        return None, problems
    values, found = check_mapping(doc.fields, PAGE_SCHEMA, Context(), doc.path, 1)
    problems.extend(found)
    problems.extend(check_body(doc))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return values, problems


def check_collection(events: Iterable[Event]) -> list[Problem]:
    """Run the checks that need every event at once: no two files share a slug and language."""
    problems = []
    seen: dict[tuple[str, str], Event] = {}
    for event in sorted(events, key=lambda e: e.source_path):
        key = (event.slug, event.lang)
        if key in seen:
            other = seen[key].source_path
            message = f"slug {event.slug!r} is already used by {other}"
            problems.append(Problem(event.source_path, 1, "file", message))
        else:
            seen[key] = event
    return problems


def stray_files(events_dir: Path, base: Path) -> list[Problem]:
    """Every file under the events folder must be an entry: none is ignored without a word."""
    problems = []
    for path in sorted(events_dir.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            message = "not recognised as an entry: entries end in '.md'"
            problems.append(Problem(relative(path, base), 1, "file", message))
    return problems


def check_tree(
    content: Path, base: Path, today: date, events_folder: str = "events", data_folder: str = "data"
) -> tuple[list[Event], list[Problem]]:
    """Check a whole content folder the way a build reads it, without building."""
    registries = load_registries(content / data_folder, base)
    problems = list(registries.problems)
    events_dir = content / events_folder
    problems.extend(stray_files(events_dir, base))
    events = []
    for path in sorted(content.rglob("*.md")):
        doc = read_document(path, relative(path, base))
        if path.is_relative_to(events_dir):
            event, found = check_event(doc, registries, today)
            if event is not None:
                events.append(event)
        else:
            _, found = check_page(doc)
        problems.extend(found)
    problems.extend(check_collection(events))
    return events, problems
