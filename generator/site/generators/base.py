"""What our generators have in common: they read nothing, and each says which pages it writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from pelican.generators import Generator

from ..plan import PlannedPage, event_entries
from ..writer import FileJob, PooledWriter

#: A page to write and the variables its template gets besides the run's context.
PageToWrite = tuple[PlannedPage, dict[str, Any]]


class TimelineGenerator(Generator):
    """One of our generators: it makes its output from what Pelican's own have read."""

    def generate_context(self) -> None:
        """Read nothing: the articles and the chronology are in the context already."""

    def planned_pages(self) -> tuple[PlannedPage, ...]:
        """Return the pages this generator will write: none, for one that writes other files.

        Feeds, calendars, sitemaps and headers files are not pages a reader switches between
        languages on (:mod:`generator.site.plan`).
        """
        return ()

    def write_file_later(
        self,
        writer: Any,
        names: str | tuple[str, ...],
        articles: Sequence[Any],
        write: Callable[[], None],
        key: str = "",
    ) -> None:
        """Write files that are not pages (``write``), with the pages when the writer can.

        ``names`` are the files ``write`` writes, below the output folder, ``articles`` the
        events they show and ``key`` whatever else of theirs the run's settings do not hold.
        A writer that renders the pages later, on every core, runs ``write`` among them, or
        takes the files from the site it replaces when none of that changed
        (:meth:`~generator.site.writer.PooledWriter.defer`); Pelican's own writer, on the plain
        path, has ``write`` run now.
        """
        if isinstance(writer, PooledWriter):
            names = (names,) if isinstance(names, str) else names
            writer.defer(FileJob(names, articles, write, key))
        else:
            write()


class PageGenerator(TimelineGenerator):
    """A generator of pages, each from a template: the plan and the writing share one list."""

    def pages(self) -> Iterator[PageToWrite]:
        """Yield each page to write, in order, with the variables its template gets."""
        raise NotImplementedError

    def page(self, path: str, template: str, articles: Iterable[Any]) -> PlannedPage:
        """Return a page of this run's site that shows these events."""
        return PlannedPage(path, self.settings["DEFAULT_LANG"], template, event_entries(articles))

    def planned_pages(self) -> tuple[PlannedPage, ...]:
        """Return the pages :meth:`generate_output` will write, without rendering any."""
        return tuple(page for page, _ in self.pages())

    def generate_output(self, writer: Any) -> None:
        """Write every page with its template, the run's context and its own variables."""
        for page, variables in self.pages():
            writer.write_file(
                page.path,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                **variables,
            )
