"""The preview's site in memory: a save re-renders only the pages that show the saved entries.

A full build of 10,000 entries takes a minute; an editor fixing a word wants the page in about
a second, as ``hugo server`` gives it. A build asked to keep its pages (``KEEP_PAGES``) leaves
every page's template and context in memory (:class:`~generator.site.writer.PooledWriter`),
and those contexts hold the very article objects the templates read. :meth:`LiveSite.update`
reads and checks the saved entries again; when what changed is only what pages show of them
(title, summary, body, sources), the articles get the new text in place, and these are written
again into the served folder:

- each page the plan gives the entry (:attr:`~generator.site.plan.PlannedPage.entries`): its
  own page, its year, decade, kind, actors, places and thread, in each language it is in;
- the pages of the events that show it as a neighbour or a related event;
- the pages whose template may read any entry (standalone pages), and the paginated ones;
- the feeds that list it, in each language.

The calendars that list it and the data files (``data/events.json``…) hold every event of
their lists, and take seconds to write at 10,000 events: :meth:`LiveSite.write_lists` writes
them apart, after the page is served.

Anything else moves entries between pages or changes what every page shows (a new or removed
file, a changed date, kind, actor, place, thread or alias, a registry, the theme, the code):
:class:`NeedsRebuild` says so, and the caller builds anew. An entry that no longer reads raises
:class:`~generator.content.problems.ContentError` with every problem before anything is
written, so the last good site stays served. The search index is the caller's to bring up to
date. ``tests/integration/test_live_site.py`` holds every kind of edit to the bytes of a cold
build of the same content.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape
from pelican.contents import Content
from pelican.writers import Writer

from ..content.checks import original_of
from ..content.model import Event
from ..content.problems import ContentError, Problem, ProblemLog, relative
from .files import replace_file
from .generators.exports import ExportGenerator
from .generators.opendata import OpenDataGenerator
from .pagereuse import EVENT_TEMPLATE, LIST_TEMPLATES, event_page_entries
from .plugin import add_correction
from .reader import EventReader
from .state import BuildState, Run
from .writer import PageJob, PaginatedWrite, PooledWriter, render_page

logger = logging.getLogger(__name__)


class NeedsRebuild(Exception):
    """The saved files change more than entries' text: only a full build gives the right site."""


@dataclass
class _LiveRun:
    """One language's run as the preview keeps it, and where its site is served."""

    run: Run
    output: Path
    pages: dict[str, PageJob]
    paginated: list[PaginatedWrite]


@dataclass(frozen=True)
class Update:
    """What an update did: pages rendered again, entries read, and the articles they changed."""

    pages: int
    entries: int
    #: The article objects given new text (by ``id``), for :meth:`LiveSite.write_lists`.
    changed: frozenset[int]


def shape(event: Event) -> tuple[object, ...]:
    """Return what places an entry on pages, and what it links to: all an update may not change."""
    return (
        event.slug,
        event.lang,
        event.date,
        event.kind.id,
        tuple(actor.id for actor in event.actors),
        tuple(place.id for place in event.places),
        event.thread.id if event.thread else None,
        tuple(alias.path for alias in event.aliases),
        event.original_path,
    )


class LiveSite:
    """A build kept in memory, served from ``output``, brought up to date one save at a time."""

    def __init__(self, build: BuildState, output: Path) -> None:
        """Take a finished build whose writers kept their pages, and the folder it was swapped to.

        Raises ValueError for a build that did not keep its pages (``KEEP_PAGES``).
        """
        runs = list(build.runs.values())
        if not runs:
            raise ValueError("the build has no run")
        staged = Path(runs[0].settings["OUTPUT_PATH"])
        self.output = output
        self.build = build
        self.runs: list[_LiveRun] = []
        for run in runs:
            writer = run.writer
            if not isinstance(writer, PooledWriter) or not writer.keep:
                raise ValueError("the build did not keep its pages: build it with KEEP_PAGES")
            served = output / Path(run.settings["OUTPUT_PATH"]).relative_to(staged)
            pages = {job.name: job for job in writer.kept if job.path != os.devnull}
            self.runs.append(_LiveRun(run, served, pages, list(writer.paginated)))
        self.settings = runs[0].settings
        self.base = Path(self.settings["PATH"]).resolve().parent
        self.events_dir = (
            Path(self.settings["PATH"]) / self.settings["TIMELINE_EVENTS_PATH"]
        ).resolve()
        #: Each entry's article objects, by file: the files of a site never change in it.
        self.known: dict[Path, list[tuple[_LiveRun, Any]]] = {}
        for live, article in self.articles():
            self.known.setdefault(Path(article.source_path).resolve(), []).append((live, article))

    def articles(self) -> Iterator[tuple[_LiveRun, Any]]:
        """Yield every article object of every run: those it writes, and their translations."""
        for live in self.runs:
            seen: set[int] = set()
            for article in live.run.articles:
                for one in (article, *article.translations):
                    if id(one) not in seen:
                        seen.add(id(one))
                        yield live, one

    def update(self, saved: Iterable[Path]) -> Update:
        """Bring the served site up to date with these saved files, and say what was written.

        Raises :class:`NeedsRebuild` when a full build is needed, and
        :class:`~generator.content.problems.ContentError` when an entry has errors; either way
        nothing was written.
        """
        known = self.known
        paths = self._entries_to_read({Path(path).resolve() for path in saved}, known)
        read = self._read(paths)
        for path, (_, event) in read.items():
            old = known[path][0][1].event
            if shape(event) != shape(old):
                raise NeedsRebuild(f"{relative(path, self.base)}: more than its text changed")
        changed: set[int] = set()
        for path, (html, event) in read.items():
            for live, article in known[path]:
                self._give_text(live, article, html, event)
                changed.add(id(article))
        written = sum(self._write_pages(live, changed, set(read)) for live in self.runs)
        for live in self.runs:
            self._write_exports(live, changed, frozenset({"feed"}))
        return Update(pages=written, entries=len(read), changed=frozenset(changed))

    def _entries_to_read(
        self, saved: set[Path], known: dict[Path, list[tuple[_LiveRun, Any]]]
    ) -> set[Path]:
        """Return the saved entries and the translations of saved originals, which cite them."""
        paths = set(saved)
        for path in saved:
            where = relative(path, self.base)
            if not path.is_relative_to(self.events_dir):
                raise NeedsRebuild(f"{where} is not an entry")
            if path not in known or not path.is_file():
                raise NeedsRebuild(f"{where} is a new or removed entry")
            if original_of(path) is None:
                for _, article in known[path]:
                    paths.update(Path(t.source_path).resolve() for t in article.translations)
        return paths

    def _read(self, paths: Iterable[Path]) -> dict[Path, tuple[str, Event]]:
        """Read and check each entry as the build does; raise every error at once."""
        run = self.runs[0].run
        reader = EventReader(self.settings, registries=run.registries, log=ProblemLog())
        read: dict[Path, tuple[str, Event]] = {}
        errors: list[Problem] = []
        for path in sorted(paths):
            html, event, problems = reader.read_entry(path)
            errors += [problem for problem in problems if problem.severity == "error"]
            for problem in problems:
                if problem.severity == "warning":
                    logger.warning("%s", problem)
            if event is not None:
                read[path] = (html or "", event)
        if errors:
            raise ContentError(errors)
        return read

    def _give_text(self, live: _LiveRun, article: Any, html: str, event: Event) -> None:
        """Give an article its entry's new text, as reading and the plugin gave the old one."""
        written = any(article is one for one in live.run.articles)
        languages = self.build.languages
        article._content = languages.localize_links(html, live.run.lang) if written else html
        article.title = article.metadata["title"] = event.title
        article.metadata["summary"] = str(escape(event.summary))
        article.event = article.metadata["event"] = event
        catalogs = Path(live.run.settings["THEME"]) / "translations"
        add_correction(article, live.run.settings, catalogs)
        for name in ("get_content", "get_summary"):
            memo = Content.__dict__[name].cache
            for key in [key for key in memo if key[0] is article]:
                del memo[key]
        live.run.events[str(article.source_path)] = event
        for key in [key for key in live.run.cards if key[0] == article.slug]:
            del live.run.cards[key]

    def _write_pages(self, live: _LiveRun, changed: set[int], paths: set[Path]) -> int:
        """Render again this run's pages that show a changed article; return how many."""
        entries = {relative(path, self.base) for path in paths}
        names = {
            page.path
            for page in live.run.plan
            if not entries.isdisjoint(page.entries)
            or page.template not in LIST_TEMPLATES | {EVENT_TEMPLATE}
        }
        for article in live.run.articles:
            if any(id(shown) in changed for shown in event_page_entries(article)):
                names.add(article.save_as)
        jobs = [live.pages[name] for name in sorted(names) if name in live.pages]
        for job in jobs:
            replace_file(live.output / job.name, render_page(job).encode())
        writer = Writer(str(live.output), settings=live.run.settings)
        for write in live.paginated:
            writer.write_file(*write.args, **write.kwargs)
        return len(jobs) + len(live.paginated)

    def _write_exports(
        self, live: _LiveRun, changed: Collection[int], files: frozenset[str]
    ) -> None:
        """Write again this run's feeds or calendars that list a changed article."""

        def showing(articles: Iterable[Any]) -> bool:
            return any(id(article) in changed for article in articles)

        for generator in live.run.generators:
            if isinstance(generator, ExportGenerator):
                generator.write(live.output, showing, files)

    def write_lists(self, changed: Collection[int]) -> None:
        """Write again what lists every event: the calendars of changed articles, the data files.

        Kept out of :meth:`update`, since they take seconds at 10,000 events (a calendar
        holds every event of its list, the data files every event of the site): the preview
        writes them after the page is served, in a process of their own
        (:mod:`generator.tools.livebuild`). ``changed`` is every article changed since they
        were last written (:attr:`Update.changed`).
        """
        if not changed:
            return
        for live in self.runs:
            self._write_exports(live, changed, frozenset({"calendar"}))
            for generator in live.run.generators:
                if isinstance(generator, OpenDataGenerator):
                    generator.write(live.output)
