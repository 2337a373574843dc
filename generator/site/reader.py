"""A Pelican reader for our entry format: YAML front matter, then a Markdown body.

Pelican's own Markdown reader ends the metadata at the first line it cannot parse and skips a
file it cannot read with one log line. This reader checks each file against the declared
schema, records every problem with its line, and refuses the file as a whole instead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from markupsafe import escape
from pelican.readers import BaseReader

from ..content.checks import (
    CheckedEntries,
    check_page,
    content_files,
    original_of,
    theme_templates,
)
from ..content.frontmatter import read_document
from ..content.markup import MarkdownRenderer
from ..content.problems import ContentError, ProblemLog, relative
from ..content.registries import Registries
from ..content.typography import typeset_event, typeset_html, typeset_text
from .entrycache import EntryCache, EntryRead


class EventReader(BaseReader):
    """Read ``.md`` entries: events under the events folder, pages everywhere else."""

    enabled = True
    # Pelican makes an instance of every BaseReader subclass for the extensions it names, in
    # any run of the process, ours or not; this one needs the build's registries, so it names
    # none, and the plugin maps ``.md`` to it for its own runs (``plugin.install_reader``).
    file_extensions = ()

    def __init__(
        self,
        settings: dict[str, Any],
        *,
        registries: Registries,
        log: ProblemLog,
        events: dict[str, Any] | None = None,
        cache: EntryCache | None = None,
        workers: int = 1,
        read: set[str] | None = None,
    ) -> None:
        """Take the site's registries, problem log and record of events and files read.

        Pelican builds one reader per generator; ``events`` collects every event by file,
        for the checks that need them all at once, and ``read`` every file read. ``cache``
        (the build's) gives the entries already read, and is filled by ``workers`` processes
        before the first entry is read.
        """
        super().__init__(settings)
        self.registries = registries
        self.log = log
        self.events = {} if events is None else events
        self.read_files = set() if read is None else read
        self.content = Path(settings["PATH"])
        self.base = self.content.parent
        self.events_folder: str = settings["TIMELINE_EVENTS_PATH"]
        self.events_dir = self.content / self.events_folder
        self.today = reading_day(settings)
        self.cache = cache
        self.workers = workers
        self.renderer = MarkdownRenderer()
        self.entries = CheckedEntries(registries, self.today, self.base)
        self.templates = theme_templates(Path(settings["THEME"]))

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return sanitized HTML and Pelican metadata, or raise :class:`ContentError`.

        Everything the site shows of a file is typeset here, once, in its language (see
        :mod:`generator.content.typography`): the event as a whole, since pages, cards, feeds
        and the calendar all read its title and summary, and the body and a page's metadata.
        """
        self.read_files.add(source_path)
        path = Path(source_path)
        if path.is_relative_to(self.events_dir):
            html, event, problems = self._entry(path)
            if event is None:
                self.log.reject(source_path, problems)
                raise ContentError(p for p in problems if p.severity == "error")
            self.events[source_path] = event
            self.log.add(problems)
            return html or "", self._event_metadata(event)
        doc = read_document(path, relative(path, self.base))
        values, problems = check_page(doc, self.templates)
        if not values:
            self.log.reject(source_path, problems)
            raise ContentError(p for p in problems if p.severity == "error")
        self.log.add(problems)
        metadata = self._page_metadata(values)
        return typeset_html(self.renderer.render(doc.body), metadata["lang"]), metadata

    def read_entry(self, path: Path) -> EntryRead:
        """Read and check one entry: its body's HTML, its typeset event, or only problems."""
        original_path = original_of(path)
        if original_path is None:
            doc, event, problems = self.entries.original(path)
        else:
            doc, event, problems = self.entries.translation(path, original_path)
        if event is None:
            return None, None, problems
        event = typeset_event(event)
        return typeset_html(self.renderer.render(doc.body), event.lang), event, problems

    def _entry(self, path: Path) -> EntryRead:
        """Take the entry from the build's cache, filled on every core at the first call."""
        if self.cache is None:
            return self.read_entry(path)
        if not self.cache.filled:
            files = content_files(self.content, self.events_folder)
            every = [*files.entries, *(translation for translation, _ in files.translations)]
            self.cache.fill(every, self.read_entry, self.workers)
        found = self.cache.get(path)
        return found if found is not None else self.read_entry(path)

    def _event_metadata(self, event: Any) -> dict[str, Any]:
        """Hand Pelican a normal article: its date is the start of the period, at midnight UTC."""
        return {
            "title": event.title,
            "date": event.date.as_datetime(),
            "slug": event.slug,
            "lang": event.lang,
            "summary": str(escape(event.summary)),
            "event": event,
        }

    def _page_metadata(self, values: dict[str, Any]) -> dict[str, Any]:
        """Pages keep their title (typeset), slug, language and template; the summary is escaped."""
        lang = values["lang"]
        title = typeset_text(values["title"], lang)
        metadata = {"title": title, "slug": values["slug"], "lang": lang}
        if "template" in values:
            metadata["template"] = values["template"]
        if "summary" in values:
            metadata["summary"] = str(escape(typeset_text(values["summary"], lang)))
        return metadata


def reading_day(settings: dict[str, Any]) -> date:
    """Return the day the checks take as today: ``TIMELINE_TODAY``, or today in UTC."""
    return settings["TIMELINE_TODAY"] or datetime.now(UTC).date()
