"""Check entries and pages against their declared schemas, and the collection as a whole.

Every function here returns all the problems it finds; none stops at the first. The Pelican
reader and the ``timeline check`` command share these functions, so both report the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from .dates import PartialDate, make_event_date
from .frontmatter import Document, read_document
from .model import EVENT_PATH, Event, Source
from .options import MAX_SLUG_LENGTH, SLUG_PATTERN, Context, check_mapping, nearest
from .problems import Invalid, Problem, relative
from .registries import Registries, load_registries
from .schemas import (
    EVENT_SCHEMA,
    INHERITED,
    PAGE_SCHEMA,
    REGISTRY_SCHEMAS,
    SITE_LANGUAGES,
    TRANSLATION_SCHEMA,
)

#: A summary shorter than this is accepted with a warning: it rarely says who did what.
SHORT_SUMMARY = 60
#: A summary longer than this is accepted with a warning: lists and cards show it whole, so
#: the detail belongs in the text (the schema's maximum, above it, is a hard error).
LONG_SUMMARY = 300
#: Site folders an alias may not redirect from, as the build writes them itself.
RESERVED_PATHS = ("theme/", "feeds/", "pagefind/", "fr/", "decades/", "search/")

_RAW_HTML = re.compile(r"<(?:[a-zA-Z][\w-]*|!--)[^>]*>")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_TRANSLATION_NAME = re.compile(r"(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md")


def original_of(path: Path) -> Path | None:
    """Return the original a translation file belongs beside (``x.fr.md`` → ``x.md``), or None."""
    match = _TRANSLATION_NAME.fullmatch(path.name)
    if match is None or match["lang"] == SITE_LANGUAGES[0]:
        return None
    return path.with_name(f"{match['stem']}.md")


def check_event(
    doc: Document, registries: Registries, today: date
) -> tuple[Event | None, list[Problem]]:
    """Check one original entry; return the event only when it has no error."""
    problems = list(doc.problems)
    if doc.problems and not doc.fields:
        return None, problems
    values, found = check_mapping(doc.fields, EVENT_SCHEMA, registries.context(), doc.path, 1)
    problems.extend(found)
    event_date = _check_dates(doc, values, today, problems)
    slug = _check_file_name(doc, values, problems)
    problems.extend(check_body(doc))
    problems.extend(_advice(doc, values, values.get("sources", [])))
    problems.extend(check_source_dates(doc))
    if any(p.severity == "error" for p in problems) or event_date is None or slug is None:
        return None, problems
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
        sources=tuple(Source(**record, written_in=values["lang"]) for record in values["sources"]),
        source_path=doc.path,
        aliases=values.get("aliases", ()),
    )
    return event, problems


def check_translation(
    doc: Document, registries: Registries, today: date, original: Event | None, missing: str = ""
) -> tuple[Event | None, list[Problem]]:
    """Check a translation against its original, whose facts it shares.

    ``original`` is None when it could not be read; ``missing`` then says why, as the message.
    """
    problems = list(doc.problems)
    if doc.problems and not doc.fields:
        return None, problems
    ctx = registries.context()
    values, found = check_mapping(doc.fields, TRANSLATION_SCHEMA, ctx, doc.path, 1)
    problems.extend(found)
    if original is not None:
        problems.extend(_contradictions(doc, values, original))
        # The file is named after the original, whose date is the one that counts.
        values = {**values, "date": original.date.start}
    event_date = _check_dates(doc, values, today, problems)
    slug = _check_file_name(doc, values, problems)
    problems.extend(check_body(doc))
    if original is None:
        problems.append(Problem(doc.path, 1, "file", missing))
        return None, problems
    own = values.get("sources", [])
    problems.extend(_advice(doc, values, [*(vars(s) for s in original.sources), *own]))
    # Only its own sources: the original's are reported in the original's file.
    problems.extend(check_source_dates(doc))
    if any(p.severity == "error" for p in problems) or event_date is None or slug is None:
        return None, problems
    sources = [*original.sources, *(Source(**r, written_in=values["lang"]) for r in own)]
    event = replace(
        original,
        slug=slug,
        lang=values["lang"],
        title=values["title"],
        summary=values["summary"],
        sources=tuple(sources),
        source_path=doc.path,
        aliases=(),
        original_path=original.source_path,
    )
    return event, problems


def _contradictions(doc: Document, values: dict[str, Any], original: Event) -> list[Problem]:
    """Refuse a fact a translation repeats differently from its original."""
    theirs = {
        "date": original.date.start.iso,
        "end": original.date.end.iso if original.date.end else None,
        "circa": original.date.circa,
        "kind": original.kind.id,
        "actors": sorted(a.id for a in original.actors),
        "places": sorted(p.id for p in original.places),
        "thread": original.thread.id if original.thread else None,
    }
    ours = {
        "date": values["date"].iso if "date" in values else None,
        "end": values["end"].iso if "end" in values else None,
        "circa": values.get("circa"),
        "kind": values["kind"].id if "kind" in values else None,
        "actors": sorted(a.id for a in values["actors"]) if "actors" in values else None,
        "places": sorted(p.id for p in values["places"]) if "places" in values else None,
        "thread": values["thread"].id if "thread" in values else None,
    }
    problems = []
    for name in INHERITED:
        if name in doc.fields and name in values and ours[name] != theirs[name]:
            shown = theirs[name] if theirs[name] not in (None, []) else "nothing"
            message = f"differs from the original, which has {shown} ({original.source_path})"
            hint = "delete the field: a translation takes it from the original"
            problems.append(Problem(doc.path, doc.fields[name].line, name, message, hint=hint))
    return problems


def _advice(doc: Document, values: dict[str, Any], sources: list[dict]) -> list[Problem]:
    """Warn about what is allowed but weak: a very short summary, no source a reader can open."""
    problems = []
    summary = values.get("summary")
    if summary is not None and len(summary) < SHORT_SUMMARY:
        message = f"very short ({len(summary)} characters); say who did what, and where"
        problems.append(
            Problem(doc.path, doc.fields["summary"].line, "summary", message, severity="warning")
        )
    if summary is not None and len(summary) > LONG_SUMMARY:
        message = (
            f"long ({len(summary)} characters); keep it to {LONG_SUMMARY} and put the detail "
            "in the text"
        )
        problems.append(
            Problem(doc.path, doc.fields["summary"].line, "summary", message, severity="warning")
        )
    if sources and not any(s.get("url") or s.get("archive") for s in sources):
        message = "no source has a url, so readers cannot check the entry; add one where known"
        problems.append(
            Problem(doc.path, doc.fields["sources"].line, "sources", message, severity="warning")
        )
    return problems


def check_source_dates(doc: Document) -> list[Problem]:
    """Warn about each source with no date, unless it says why it has none.

    A reader judges a source partly by when it appeared: a report of the day and a
    retrospective years later do not weigh the same. A source with both a date and a reason
    for having none contradicts itself, which is an error.
    """
    node = doc.fields.get("sources")
    if node is None or not isinstance(node.value, list):
        return []  # the schema reports that
    problems = []
    for index, item in enumerate(node.value, 1):
        if not isinstance(item.value, dict):
            continue  # the schema reports that too
        dated = _given(item.value.get("date"))
        undated = item.value.get("undated")
        if dated and undated is not None and _given(undated):
            message = "the source has a date, so it needs no reason for having none"
            hint = "remove 'undated', or 'date' if the source shows none"
            problems.append(
                Problem(doc.path, undated.line, f"sources[{index}].undated", message, hint=hint)
            )
        elif not dated and not _given(undated):
            message = "no date: give its publication date, at the precision known"
            hint = "if it has none of its own, say why in 'undated'"
            empty = item.value.get("date")  # ``date:`` left empty, as in a skeleton
            problems.append(
                Problem(
                    doc.path,
                    empty.line if empty is not None else item.line,
                    f"sources[{index}].date",
                    message,
                    severity="warning",
                    hint=hint,
                )
            )
    return problems


def _given(node: Any) -> bool:
    """Tell whether a field is there with a value (``date:`` left empty is not)."""
    return node is not None and node.value is not None and str(node.value).strip() != ""


def _check_dates(doc: Document, values: dict, today: date, problems: list[Problem]):
    """Join date, end and circa; warn about a date in the future."""
    start = values.get("date")
    if start is None:
        return None
    try:
        event_date = make_event_date(start, values.get("end"), values.get("circa", False))
    except Invalid as exc:
        problems.append(Problem(doc.path, doc.fields["end"].line, "end", exc.message))
        return None
    for name in ("date", "end"):
        value = values.get(name)
        if value is not None and (message := future_date_warning(value, today)):
            problems.append(
                Problem(doc.path, doc.fields[name].line, name, message, severity="warning")
            )
    return event_date


def future_date_warning(value: PartialDate, today: date) -> str:
    """Say that a date starts after today, or nothing: a typo in the year, most likely."""
    if value.first_day <= today:
        return ""
    return f"{value.iso} is in the future (today is {today.isoformat()})"


#: What follows ``<date>-`` in an entry's file name; one pattern for every date, compiled once.
_FILE_NAME_TAIL = re.compile(rf"(?P<slug>{SLUG_PATTERN})(?:\.(?P<lang>[a-z]{{2}}))?\.md")
#: A month or day after a date below day precision: ``2016-05-24-x.md`` dated ``2016-05``.
_MORE_PRECISE = re.compile(r"\d{2}[-.]")


def _check_file_name(doc: Document, values: dict, problems: list[Problem]) -> str | None:
    """Check the file is ``events/<year>/<date>-<slug>[.<lang>].md``; return its slug."""
    path = PurePosixPath(doc.path)
    start = values.get("date")
    if start is None:
        return None
    # Below day precision, a slug may not start like the missing month or day ("2016-05-24-x"
    # with date 2016-05), or a file named after a more precise date would pass.
    prefix = f"{start.iso}-"
    rest = path.name[len(prefix) :] if path.name.startswith(prefix) else None
    dated = rest is not None and (start.precision == "day" or not _MORE_PRECISE.match(rest))
    match = _FILE_NAME_TAIL.fullmatch(rest) if dated and rest is not None else None
    if not match:
        if dated:
            message = (
                f"file name {path.name!r}: after the date, expected a slug of lowercase "
                "letters, digits and hyphens, then '.md'"
            )
        else:
            expected = f"{start.iso}-<slug>.md"
            message = f"file name {path.name!r} does not match the date: expected {expected!r}"
        problems.append(Problem(doc.path, 1, "file", message))
        return None
    if path.parent.name != f"{start.year:04d}":
        message = f"expected in a folder named {start.year:04d}, found in {path.parent.name!r}"
        problems.append(Problem(doc.path, 1, "file", message))
    if len(match["slug"]) > MAX_SLUG_LENGTH:
        message = f"slug is {len(match['slug'])} characters long; keep it to {MAX_SLUG_LENGTH}"
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
    fenced = False
    for offset, line in enumerate(doc.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or line.startswith(("    ", "\t")):
            continue  # code shows HTML as text; it is not removed
        if _RAW_HTML.search(_CODE_SPAN.sub("", line)):
            message = "raw HTML is removed from the page; use Markdown instead"
            problems.append(
                Problem(doc.path, doc.body_line + offset, "body", message, severity="warning")
            )
    return problems


def check_page(
    doc: Document, templates: frozenset[str] | None = None
) -> tuple[dict | None, list[Problem]]:
    """Check a page (such as About): title, slug, language, template and a body.

    ``templates`` are the page templates the theme holds (:func:`theme_templates`), which a
    ``template`` field must name; None checks only the name's form.
    """
    problems = list(doc.problems)
    if doc.problems and not doc.fields:
        return None, problems
    ctx = Context(templates=templates)
    values, found = check_mapping(doc.fields, PAGE_SCHEMA, ctx, doc.path, 1)
    problems.extend(found)
    problems.extend(check_body(doc))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return values, problems


def theme_templates(theme: Path) -> frozenset[str]:
    """Return the templates a page's ``template`` field may name: ``about`` for ``about.html``.

    Those at the top of the theme's ``templates`` folder; partials below it render no page.
    """
    return frozenset(path.stem for path in (theme / "templates").glob("*.html") if path.is_file())


#: A link to an event's page in Markdown, inline (``](/events/x/)``) or as a reference
#: definition (``[x]: /events/x/``), written from the site's root as editors write them.
_EVENT_PREFIX = re.escape("/" + EVENT_PATH.split("{slug}", 1)[0])
_EVENT_LINK = re.compile(
    rf"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?){_EVENT_PREFIX}(?P<slug>[^/\s)>#?]+)/"
)


def check_page_links(paths: Iterable[Path], base: Path, events: Iterable[Event]) -> list[Problem]:
    """Hold each page's links to events to the entries that exist in the page's language.

    The site's pages are its own prose in each language: a French page that sends readers to
    an English page mid-sentence is a mistake, not a fallback (an entry's text may, and its
    link says so). A link to no entry at all is a broken link. Both are warnings, which a
    strict check or build fails on.
    """
    versions: dict[str, set[str]] = {}
    for event in events:
        versions.setdefault(event.slug, set()).add(event.lang)
    problems = []
    for path in paths:
        doc = read_document(path, relative(path, base))
        lang_node = doc.fields.get("lang")
        lang = lang_node.value if lang_node is not None else None
        for offset, line in enumerate(doc.body.split("\n")):
            for match in _EVENT_LINK.finditer(line):
                slug = match["slug"]
                target = "/" + EVENT_PATH.format(slug=slug)
                found = versions.get(slug)
                if not found:
                    message = f"links to {target}, which is no entry (or one with errors)"
                    hint = nearest(slug, set(versions))
                elif isinstance(lang, str) and lang not in found:
                    message = f"links to {target}, which has no {lang!r} version"
                    hint = f"link an entry translated into {lang!r}, or leave the words unlinked"
                else:
                    continue
                line_no = doc.body_line + offset
                problem = Problem(doc.path, line_no, "body", message, severity="warning", hint=hint)
                problems.append(problem)
    return problems


def check_collection(
    events: Iterable[Event], pages: Mapping[str, str] | None = None
) -> list[Problem]:
    """Run the checks that need every entry at once.

    No two files may share a slug and language, and no alias may take an address that a page,
    an entry or another alias already has. ``pages`` maps each page's slug to its file.
    """
    problems = []
    seen: dict[tuple[str, str], Event] = {}
    events = sorted(events, key=lambda e: e.source_path)
    for event in events:
        key = (event.slug, event.lang)
        if key in seen:
            other = seen[key].source_path
            message = f"slug {event.slug!r} is already used by {other}"
            problems.append(Problem(event.source_path, 1, "file", message))
        else:
            seen[key] = event
    owners = {f"{slug}/": path for slug, path in (pages or {}).items()}
    originals = (e for e in events if not e.is_translation)
    owners.update((EVENT_PATH.format(slug=e.slug), e.source_path) for e in originals)
    claimed: dict[str, str] = {}
    for event in events:
        for alias in event.aliases:
            if alias.path in owners:
                message = f"'/{alias.path}' is the address of {owners[alias.path]}"
            elif alias.path in claimed:
                message = f"'/{alias.path}' is already an alias in {claimed[alias.path]}"
            elif alias.path.startswith(RESERVED_PATHS):
                message = f"'/{alias.path}' is in a folder the build writes itself"
            else:
                claimed[alias.path] = event.source_path
                continue
            problems.append(Problem(event.source_path, alias.line, "aliases", message))
    return problems


def stray_files(events_dir: Path, base: Path) -> list[Problem]:
    """Every file under the events folder must be an entry: none is ignored without a word."""
    problems = []
    for path in sorted(events_dir.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            message = "not recognised as an entry: entries end in '.md'"
            problems.append(Problem(relative(path, base), 1, "file", message))
    return problems


@dataclass
class ContentFiles:
    """The files a check reads, by what they are, as a build sorts them."""

    entries: list[Path] = field(default_factory=list)
    #: Each translation with the original it belongs beside (which may be missing).
    translations: list[tuple[Path, Path]] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    #: The registry files that exist; a missing one is a problem of its own.
    registries: list[Path] = field(default_factory=list)


def content_files(
    content: Path, events_folder: str = "events", data_folder: str = "data"
) -> ContentFiles:
    """Sort a content folder's Markdown files into entries, translations and pages."""
    events_dir = content / events_folder
    registries = [content / data_folder / f"{name}.yml" for name in REGISTRY_SCHEMAS]
    files = ContentFiles(registries=[path for path in registries if path.is_file()])
    for path in sorted(content.rglob("*.md")):
        if not path.is_relative_to(events_dir):
            files.pages.append(path)
        elif (original_path := original_of(path)) is not None:
            files.translations.append((path, original_path))
        else:
            files.entries.append(path)
    return files


def check_tree(  # noqa: PLR0917 - the settings a build reads, in their order
    content: Path,
    base: Path,
    today: date,
    events_folder: str = "events",
    data_folder: str = "data",
    templates: frozenset[str] | None = None,
) -> tuple[list[Event], list[Problem]]:
    """Check a whole content folder the way a build reads it, without building.

    ``templates`` are the theme's page templates (:func:`theme_templates`).
    """
    registries = load_registries(content / data_folder, base)
    problems = list(registries.problems)
    problems.extend(stray_files(content / events_folder, base))
    files = content_files(content, events_folder, data_folder)
    events, pages, found = check_files(files, registries, today, base, templates)
    problems.extend(found)
    problems.extend(check_collection(events, pages))
    problems.extend(check_page_links(files.pages, base, events))
    return events, problems


def check_files(
    files: ContentFiles,
    registries: Registries,
    today: date,
    base: Path,
    templates: frozenset[str] | None = None,
) -> tuple[list[Event], dict[str, str], list[Problem]]:
    """Check entries, pages and translations, each file once.

    Returns the events without errors, each valid page's slug with its file (the first file
    with a slug keeps it), and every problem. The build checks here the Markdown files its
    generators did not read, so that it reports what ``timeline check`` reports.
    """
    problems: list[Problem] = []
    events: list[Event] = []
    pages: dict[str, str] = {}
    originals = CheckedEntries(registries, today, base)
    for path in files.entries:
        _, event, found = originals.original(path)
        events.extend([event] if event else [])
        problems.extend(found)
    for path in files.pages:
        doc = read_document(path, relative(path, base))
        values, found = check_page(doc, templates)
        if values is not None:
            pages.setdefault(values["slug"], doc.path)
        problems.extend(found)
    for path, original_path in files.translations:
        _, event, found = originals.translation(path, original_path)
        events.extend([event] if event else [])
        problems.extend(found)
    return events, pages, problems


#: What reading one entry gives: the document, its event if it has no error, and its problems.
Checked = tuple[Document, Event | None, list[Problem]]


class CheckedEntries:
    """A cache of checked originals: each is read and checked once, however often it is needed.

    A translation takes its facts from its original, and a build may reach the translation
    first; both then get the same result. Translations are checked on each call, not kept.
    """

    def __init__(self, registries: Registries, today: date, base: Path) -> None:
        """Keep what every check needs; ``base`` is where shown paths start from."""
        self.registries = registries
        self.today = today
        self.base = base
        self._originals: dict[Path, Checked] = {}

    def original(self, path: Path) -> Checked:
        """Check an original entry (once, however often it is asked for)."""
        if path not in self._originals:
            doc = read_document(path, relative(path, self.base))
            self._originals[path] = (doc, *check_event(doc, self.registries, self.today))
        return self._originals[path]

    def translation(self, path: Path, original_path: Path) -> Checked:
        """Check a translation against its original (see :func:`original_of`)."""
        doc = read_document(path, relative(path, self.base))
        shown = relative(original_path, self.base)
        original, missing = None, ""
        if not original_path.is_file():
            missing = f"no original entry: expected {shown} beside it"
        else:
            _, original, _ = self.original(original_path)
            if original is None:
                missing = f"its original {shown} has errors; fix those first"
        return (doc, *check_translation(doc, self.registries, self.today, original, missing))
