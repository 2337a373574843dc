"""Run one function over many items on every core, in workers forked from the build.

A fork shares the build's memory as it is (settings, registries, templates, the whole
context), so nothing has to be sent to a worker but the index of its share, and a worker
starts in a millisecond. Items are dealt round-robin to the workers and to the build's own
process; each worker sends back, through a pipe, its results, the warnings Pelican's logger
got meanwhile (so that they still fail the build) and the error that stopped it, if any. The
build waits for every worker, logs their warnings, and raises the first error.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from ..content.problems import ConfigError
from .state import PELICAN_LOGGER

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Linux's prctl option: the signal a child gets when its parent dies.
_PR_SET_PDEATHSIG = 1
#: The records a worker sends back, as (logger, level, message): those that fail the build.
_SENT_LEVEL = logging.WARNING


class WorkerError(ConfigError):
    """A worker failed; the message has its traceback."""


def cores() -> int:
    """Return the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def map_in_workers(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int
) -> list[Result]:
    """Return ``[function(item) for item in items]``, computed in ``workers`` processes.

    Results must pickle. With one worker, or too few items to share, nothing is forked.
    """
    if workers <= 1 or len(items) < 2 * workers:
        return [function(item) for item in items]
    # Objects that exist now are never collected in the workers, so the pages of memory they
    # share with the build are not copied only for the collector to look at them.
    gc.freeze()
    try:
        children = [_fork(function, items[share::workers]) for share in range(1, workers)]
    finally:
        gc.unfreeze()
    results: list[Any] = [None] * len(items)
    error: BaseException | None = None
    try:
        results[0::workers] = [function(item) for item in items[0::workers]]
    except BaseException as exc:  # noqa: BLE001 - stop the workers, wait for them, raise it
        error = exc
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGKILL)
    for share, child in enumerate(children, start=1):
        found, failure = child.finish()
        error = error or failure
        if failure is None and error is None:
            results[share::workers] = found
    if error is not None:
        raise error
    return results


@dataclass
class _Child:
    """A forked worker and the pipe it reports through."""

    pid: int
    report: IO[bytes]

    def finish(self) -> tuple[list[Any], BaseException | None]:
        """Wait for the worker; log what it logged; return its results or its error."""
        with self.report:
            data = self.report.read()
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        results, records, failure = [], [], None
        try:
            if data:
                results, records, failure = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError):  # it died while reporting
            data = b""
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if failure is not None:
            return [], WorkerError(f"a worker of the build failed:\n{failure}")
        if code != 0 or not data:
            return [], WorkerError(f"a worker of the build ended with status {code}")
        return results, None


def _fork(function: Callable[[Any], Any], items: Sequence[Any]) -> _Child:
    """Start a worker that computes ``function`` over ``items`` and reports back."""
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return _Child(pid, os.fdopen(read_end, "rb"))
    code = 1  # in the worker: whatever happens, it ends here, with os._exit
    try:
        os.close(read_end)
        die_with_parent(parent)
        results: list[Any] = []
        failure = None
        with _kept_records() as records:
            try:
                results = [function(item) for item in items]
            except BaseException:  # noqa: BLE001 - sent to the build, which raises it
                failure = traceback.format_exc()
                results = []
        with os.fdopen(write_end, "wb") as report:
            pickle.dump((results, records, failure), report, protocol=pickle.HIGHEST_PROTOCOL)
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


#: The setting that says how many processes read and render, the build's own included.
WORKERS_SETTING = "TIMELINE_WORKERS"


def worker_count(settings: Mapping[str, Any], count_cores: Callable[[], int] = cores) -> int:
    """Return the processes that read and render: the setting, or one per core."""
    chosen = settings.get(WORKERS_SETTING)
    return int(chosen) if chosen is not None else count_cores()


def die_with_parent(parent: int) -> None:
    """In a child of the build (Pagefind, a rendering worker): ask Linux to kill it with the build.

    Only a system call runs here, since the child of a threaded process may run little else.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: a killed build may leave Pagefind running
        return
    if os.getppid() != parent:  # the build died before the request took effect
        os._exit(1)
