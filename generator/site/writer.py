"""Render a run's pages on every core: Pelican's writer, the rendering shared by forked workers.

Pelican renders and writes each page the moment a generator asks for it, one after the other,
on one core. Most of a build is that rendering (10,000 event pages, their list pages), and
each page depends only on the context it is given, so :class:`PooledWriter` takes the calls,
decides at once what Pelican's writer would decide (the file's name, whether it may be
overwritten), and renders them all at the end of the run's writing (:func:`finish_writing`,
Pelican's ``finalized``): the pages are dealt to the build and to workers forked from it
(:mod:`generator.site.workers`), which share its memory, context and all, and write their
files themselves. ``TIMELINE_WORKERS = 1`` leaves the writing to Pelican's
own writer: the plain path, which a test holds to give the same bytes. Paginated pages
(pagination is off in ``pelicanconf.py``) are written at once, as Pelican writes them.

A build for the preview (``KEEP_PAGES``) has its writers keep every page once written, job
and paginated call alike, so that :mod:`generator.site.live` can render again the pages that
show an edited entry; that build renders with this writer even on one worker.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import IO, Any

from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .pagereuse import RunReuse, reuse_for
from .settings import KEEP_PAGES
from .state import build_of, find_build
from .workers import map_in_workers, worker_count

logger = logging.getLogger(__name__)


@dataclass
class PageJob:
    """One page to render: its template and context, and the file it goes to.

    The context is the generator's, shared by all its pages, with the page's own variables on
    top, as Pelican's writer makes it; it is put together only when asked for. A copy per page
    (200 names) held 6.5 KB for each of 25,000 pages at 10,000 events, all held until the
    pages were rendered, and for as long as the preview keeps them.
    """

    template: Any
    #: The generator's own context, which Pelican points at each page's site URL before
    #: rendering it, so that its articles' links are made for that page. Complete before
    #: the first page is written: generators fill it in ``generate_context``.
    shared: dict[str, Any]
    #: What the page's context has besides or instead of the shared one's.
    own: dict[str, Any]
    #: The file, below the output folder, as Pelican names it (``events/x/index.html``).
    name: str
    #: Where it is written: the file itself, or ``os.devnull`` for a write Pelican skips.
    path: str

    @property
    def context(self) -> dict[str, Any]:
        """Return the context the page is rendered with: the shared one, its own on top."""
        return {**self.shared, **self.own}


@dataclass(frozen=True)
class FirstPages:
    """Pages to write before all others, and what to start once they are written.

    The search index reads only the pages it searches: once they are written, Pagefind runs
    while the workers write the rest (:class:`generator.site.search.Indexing`).
    """

    #: The pages, as :attr:`PageJob.name` names them.
    names: Container[str]
    then: Callable[[], None]


@dataclass
class FileJob:
    """Files that are not pages (feeds, calendars, data), which ``write`` writes together.

    What a build that takes unchanged files from the site it replaces compares
    (:mod:`generator.site.pagereuse`): the files' names, the events they show and ``key``,
    whatever else they depend on that the run's settings do not hold.
    """

    #: The files, below the output folder, as a page's name is.
    names: tuple[str, ...]
    articles: Sequence[Any]
    write: Callable[[], None]
    key: str = ""


@dataclass
class PaginatedWrite:
    """A page Pelican's writer wrote at once, as its generator asked for it: to write it again."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]


class PooledWriter(Writer):
    """Pelican's writer, rendering non-paginated pages later and on several cores."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        """Start with no page taken; the run's state keeps the writer for ``finish_writing``."""
        super().__init__(output_path, settings=settings)
        self.jobs: list[PageJob] = []
        #: Files other than pages (feeds, calendars, data) that generators asked to write
        #: with the pages: on every core, while they render (:meth:`defer`).
        self.files: list[FileJob] = []
        #: With ``KEEP_PAGES``: every page once rendered, and every paginated write, in order.
        self.keep = bool((settings or {}).get(KEEP_PAGES))
        self.kept: list[PageJob] = []
        self.paginated: list[PaginatedWrite] = []
        build = find_build(settings or {})
        if build is not None:  # a writer a test makes by hand belongs to no build
            build.run(settings or {}).writer = self

    def claim(self, filename: str, override: bool = False) -> str:
        """Decide, as Pelican's writer does on opening, where a write goes; return that path.

        A file may be written once, or once more by a write that overrides it, after which
        further writes go nowhere (``os.devnull``).
        """
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            return os.devnull
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return filename

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> IO[str]:
        """Open a file Pelican writes directly (a feed, a paginated page) through :meth:`claim`."""
        path = self.claim(filename, override)
        unlink_taken(path)
        return open(path, "w", encoding=encoding)

    def write_file(  # noqa: PLR0917 - Pelican's signature
        self,
        name: str,
        template: Any,
        context: dict[str, Any],
        relative_urls: bool = False,
        paginated: dict[str, Any] | None = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Take the page for later, with the context Pelican's writer would render it with."""
        if not name:
            return
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            args = (
                name, template, context, relative_urls, paginated, template_name,
                override_output, url,
            )  # fmt: skip
            super().write_file(*args, **kwargs)
            if self.keep:
                self.paginated.append(PaginatedWrite(args, kwargs))
            return
        own = {"localsiteurl": context.get("localsiteurl")}
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            own["SITEURL"] = relative_url
            own["localsiteurl"] = relative_url
        own["output_file"] = name
        own.update(kwargs)
        path = self.claim(sanitised_join(self.output_path, name), override_output)
        self.jobs.append(PageJob(template, context, own, name, path))

    def defer(self, files: FileJob) -> None:
        """Write ``files`` with the pages: a generator's files that are not pages.

        Writing the feeds, calendars and data files of 10,000 events takes 21 s on one core;
        dealt to the workers with the pages, it no longer waits for them, nor they for it.
        """
        self.files.append(files)

    def render_all(
        self, workers: int, reuse: RunReuse | None = None, first: FirstPages | None = None
    ) -> None:
        """Render and write every page taken, and write every other file, in ``workers`` processes.

        With ``reuse``, a page or file the site being replaced has as it would be written is
        taken from there instead (:mod:`generator.site.pagereuse`), and every one is recorded.
        The other files come first, so that each worker starts with some. With ``first``, its
        pages come before all else, and its ``then`` runs once they are written and recorded.
        """
        jobs, self.jobs = self.jobs, []
        files, self.files = self.files, []
        if self.keep:
            self.kept += jobs
        early: list[PageJob] = []
        late = jobs
        if first is not None:
            early = [job for job in jobs if job.name in first.names]
            late = [job for job in jobs if job.name not in first.names]
        rendered_early, rendered_late, written = early, late, files
        if reuse is not None:
            rendered_early, rendered_late = (
                [job for job in group if not reuse.take(job.name, job.path, job.context)]
                for group in (early, late)
            )
            written = [
                job
                for job in files
                if not reuse.take_files(job.names, self._paths(job), job.articles, job.key)
            ]
        if first is not None:
            map_in_workers(render_or_run, rendered_early, workers)
            if reuse is not None:
                for job in early:
                    reuse.note(job.name, job.path)
            first.then()
        items: list[PageJob | Callable[[], None]] = [
            *(job.write for job in written),
            *rendered_late,
        ]
        map_in_workers(render_or_run, items, workers)
        if reuse is None:
            return
        for job in late:
            reuse.note(job.name, job.path)
        for file_job in files:
            for name, path in zip(file_job.names, self._paths(file_job), strict=True):
                reuse.note(name, path)
        logger.info(
            "Rendered %d pages and wrote %d other files; took %d unchanged",
            len(rendered_early) + len(rendered_late),
            sum(len(job.names) for job in written),
            reuse.taken,
        )

    def _paths(self, files: FileJob) -> list[str]:
        """Return where each of these files is written."""
        return [sanitised_join(self.output_path, name) for name in files.names]


def render_or_run(item: PageJob | Callable[[], None]) -> None:
    """Render a page, or write the files of a :class:`FileJob`."""
    if isinstance(item, PageJob):
        render(item)
    else:
        item()


def render(job: PageJob) -> None:
    """Render one page and write it, as Pelican's writer does, then say it was written."""
    context = job.context
    output = render_page(job, context)
    os.makedirs(os.path.dirname(job.path), exist_ok=True)
    unlink_taken(job.path)
    with open(job.path, "w", encoding="utf-8") as handle:
        handle.write(output)
    signals.content_written.send(job.path, context=context)


def render_page(job: PageJob, context: dict[str, Any] | None = None) -> str:
    """Return the page's text, its generator's context pointed at its site URL as Pelican does.

    ``context`` is ``job.context`` when the caller has merged it already.
    """
    context = job.context if context is None else context
    if context["localsiteurl"]:
        job.shared["localsiteurl"] = context["localsiteurl"]
    return str(job.template.render(context))


def unlink_taken(path: str) -> None:
    """Remove a file before writing it anew, in case it is a link to the previous site's.

    A page taken from the previous site is a hard link to its file
    (:mod:`generator.site.pagereuse`); writing into it would change that site too, which
    must stay as it was until the new one replaces it. A new file leaves the old alone.
    """
    if path != os.devnull:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def writer_class(pelican: Any) -> type[PooledWriter] | None:
    """Pelican's ``get_writer``: each run writes with :class:`PooledWriter`, unless one worker.

    With one, Pelican's own writer does, so the plain path is Pelican's; a build that keeps its
    pages for the preview needs ours either way.
    """
    settings = pelican.settings
    return PooledWriter if worker_count(settings) > 1 or settings.get(KEEP_PAGES) else None


def finish_writing(pelican: Any, first: FirstPages | None = None) -> None:
    """Render every page the run's generators asked for, on all cores, ``first`` first."""
    settings = pelican.settings
    build = build_of(settings)
    run = build.run(settings)
    if isinstance(run.writer, PooledWriter):
        run.writer.render_all(worker_count(settings), reuse_for(build, run), first)
