"""Render a run's pages on every core: Pelican's writer, the rendering shared by forked workers.

Pelican renders and writes each page the moment a generator asks for it, one after the other,
on one core. Most of a build is that rendering (10,000 event pages, their list pages), and
each page depends only on the context it is given, so :class:`PooledWriter` takes the calls,
decides at once what Pelican's writer would decide (the file's name, whether it may be
overwritten), and renders them all at the end of the run's writing (:func:`finish_writing`,
Pelican's ``finalized``): the pages are dealt round-robin to the parent and to workers forked
from it, which share its memory as it was, context and all, and write their files themselves.

A worker sends back, through a pipe, the warnings logged while it rendered (so that they still
fail the build) or the error that stopped it; the parent fails the build with that error
after every worker has ended. ``TIMELINE_RENDER_WORKERS = 1`` leaves the writing to Pelican's
own writer: the plain path, which a test holds to give the same bytes. Paginated pages
(pagination is off in ``pelicanconf.py``) are written at once, as Pelican writes them.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from ..content.problems import ConfigError
from .search import die_with_parent
from .state import PELICAN_LOGGER, build_of, find_build

#: The setting that says how many processes render, the build's own included.
WORKERS_SETTING = "TIMELINE_RENDER_WORKERS"
#: The records a worker sends back, as (logger, level, message): those that fail the build.
_SENT_LEVEL = logging.WARNING


@dataclass
class PageJob:
    """One page to render: its template and context, and the file it goes to."""

    template: Any
    context: dict[str, Any]
    #: The file, below the output folder, as Pelican names it (``events/x/index.html``).
    name: str
    #: Where it is written: the file itself, or ``os.devnull`` for a write Pelican skips.
    path: str
    #: The generator's own context, which Pelican points at each page's site URL before
    #: rendering it, so that its articles' links are made for that page.
    shared: dict[str, Any]


class RenderError(ConfigError):
    """A page could not be rendered in a worker; the message has the worker's traceback."""


class PooledWriter(Writer):
    """Pelican's writer, rendering non-paginated pages later and on several cores."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        """Start with no page taken; the run's state keeps the writer for ``finish_writing``."""
        super().__init__(output_path, settings=settings)
        self.jobs: list[PageJob] = []
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
        return open(self.claim(filename, override), "w", encoding=encoding)

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
            super().write_file(
                name, template, context, relative_urls, paginated, template_name,
                override_output, url, **kwargs,
            )  # fmt: skip
            return
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            local["SITEURL"] = relative_url
            local["localsiteurl"] = relative_url
        local["output_file"] = name
        local.update(kwargs)
        path = self.claim(sanitised_join(self.output_path, name), override_output)
        self.jobs.append(PageJob(template, local, name, path, context))

    def render_all(self, workers: int) -> None:
        """Render and write every page taken, in ``workers`` processes, then forget them."""
        jobs, self.jobs = self.jobs, []
        if workers <= 1 or len(jobs) < 2 * workers:
            for job in jobs:
                render(job)
            return
        # Objects that exist now are never collected in the workers, so the pages of memory
        # they share with the parent are not copied only for the collector to look at them.
        gc.freeze()
        try:
            children = [_fork(jobs[index::workers]) for index in range(1, workers)]
        finally:
            gc.unfreeze()
        error: BaseException | None = None
        try:
            for job in jobs[0::workers]:
                render(job)
        except BaseException as exc:  # noqa: BLE001 - stop the workers, wait, then raise it
            error = exc
            for child in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child.pid, signal.SIGKILL)
        for child in children:
            failure = child.finish()
            error = error or failure
        if error is not None:
            raise error


def render(job: PageJob) -> None:
    """Render one page and write it, as Pelican's writer does, then say it was written."""
    context = job.context
    if context["localsiteurl"]:
        job.shared["localsiteurl"] = context["localsiteurl"]
    output = job.template.render(context)
    os.makedirs(os.path.dirname(job.path), exist_ok=True)
    with open(job.path, "w", encoding="utf-8") as handle:
        handle.write(output)
    signals.content_written.send(job.path, context=context)


@dataclass
class _Child:
    """A forked worker and the pipe it reports through."""

    pid: int
    report: IO[bytes]

    def finish(self) -> BaseException | None:
        """Wait for the worker; log what it logged; return its error, if it had one."""
        with self.report:
            data = self.report.read()
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        try:
            records, failure = pickle.loads(data) if data else ([], None)
        except Exception:  # noqa: BLE001 - a truncated report is reported as the failure below
            records, failure = [], None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if failure is not None:
            return RenderError(f"rendering pages failed in a worker:\n{failure}")
        if code != 0:
            return RenderError(f"a rendering worker ended with status {code}")
        return None


def _fork(jobs: Sequence[PageJob]) -> _Child:
    """Start a worker that renders ``jobs`` and reports its warnings or its error."""
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return _Child(pid, os.fdopen(read_end, "rb"))
    # In the worker: whatever happens, it ends here, with os._exit.
    code = 1
    try:
        os.close(read_end)
        die_with_parent(parent)
        with _kept_records() as records:
            failure = None
            try:
                for job in jobs:
                    render(job)
            except BaseException:  # noqa: BLE001 - sent to the parent, which raises it
                failure = traceback.format_exc()
        with os.fdopen(write_end, "wb") as report:
            pickle.dump((records, failure), report)
        code = 0 if failure is None else 1
    finally:
        os._exit(code)


@contextlib.contextmanager
def _kept_records() -> Iterator[list[tuple[str, int, str]]]:
    """Keep the warnings and errors Pelican's logger gets meanwhile: those that fail a build."""
    kept: list[tuple[str, int, str]] = []

    class Keeper(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept.append((record.name, record.levelno, record.getMessage()))

    handler = Keeper(level=_SENT_LEVEL)
    logger = logging.getLogger(PELICAN_LOGGER)
    logger.addHandler(handler)
    try:
        yield kept
    finally:
        logger.removeHandler(handler)


def writer_class(pelican: Any) -> type[PooledWriter] | None:
    """Pelican's ``get_writer``: each run writes with :class:`PooledWriter`, unless one worker.

    With one, Pelican's own writer does, so the plain path is Pelican's.
    """
    return PooledWriter if worker_count(pelican.settings) > 1 else None


def finish_writing(pelican: Any) -> None:
    """Pelican's ``finalized``: render every page the run's generators asked for, on all cores."""
    settings = pelican.settings
    writer = build_of(settings).run(settings).writer
    if isinstance(writer, PooledWriter):
        writer.render_all(worker_count(settings))


def worker_count(settings: dict[str, Any], cores: Callable[[], int] | None = None) -> int:
    """Return the processes that render: the setting, or one per core the build may use."""
    chosen = settings.get(WORKERS_SETTING)
    if chosen is not None:
        return int(chosen)
    if cores is not None:
        return cores()
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
