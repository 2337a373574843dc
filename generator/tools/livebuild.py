"""The preview's builder: one process that builds the site, keeps it, and updates it on each save.

``make serve`` (:mod:`generator.tools.serve`) runs it as a child and talks to it in lines. The
child builds the whole site first; then each line it reads is a JSON list of saved files, and
it brings the served site up to date: only the pages that show the saved entries when their
text alone changed (:class:`generator.site.live.LiveSite`), the whole site otherwise. It answers
each build or update with one line, :data:`ANSWER` then a JSON object, once the new pages are
in place:

- ``{"ok": true, "full": false, "pages": 14, "seconds": 0.4}``
- ``{"ok": false, "errors": "content/events/...md:3: date: ..."}``: nothing was changed, and
  the last good site is still served.

Everything else it prints is log. What lists every event comes after the answer, so that the
page is served first (:class:`FollowUp`): the calendars and data files, then the search index,
which Pagefind writes beside the index in use before it is replaced in one step
(:func:`generator.tools.build.index_later`).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import select
import shutil
import signal
import sys
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..content.problems import ContentError
from ..site.files import remove_partial_files
from ..site.live import LiveSite, NeedsRebuild
from ..site.search import BUNDLE
from ..site.state import BuildState
from ..site.workers import die_with_parent
from .build import build_site, index_later

logger = logging.getLogger(__name__)

#: What starts the line of each answer; any other line is log.
ANSWER = "@timeline-preview "
#: How often, while no save comes, the builder looks whether a follow-up can start.
POLL_SECONDS = 0.2
#: How much the follow-up (and the Pagefind it runs) yields the CPU to the builder.
FOLLOW_UP_NICENESS = 10
#: How long after a save the follow-up waits for another before it starts.
FOLLOW_UP_DELAY = 1.0


class FollowUp:
    """What lists every event, after each answer: calendars, data files, the search index.

    It runs in a child forked from the builder, which has the site in memory as it was at that
    moment, and it yields the CPU to the builder. It starts once no save has come for
    :data:`FOLLOW_UP_DELAY` seconds, and a save kills it (:meth:`interrupt`): what it was
    writing is out of date, and a child sharing the builder's memory would slow the next
    update (every page the builder writes to is copied for it); a signal it could handle
    would wait for the end of whatever long call it is in. The next follow-up writes
    everything changed since the last one that finished, after removing what the killed one
    left: files are replaced in one step (:mod:`generator.site.files`), so none is ever
    served cut short, and Pagefind's half-written bundle is beside the one served. A full
    build stops it for good, since it writes everything again into a folder it swaps in.
    """

    def __init__(self) -> None:
        """Start with nothing to do."""
        self.child: int | None = None
        #: Articles changed since the last follow-up finished, and whether one is due at all.
        self.changed: set[int] = set()
        self.running_changed: frozenset[int] = frozenset()
        self.due = False
        self.quiet_since = time.monotonic()

    def add(self, changed: Collection[int] = ()) -> None:
        """Note what an update changed (nothing, after a full build: the index alone is due)."""
        self.changed.update(changed)
        self.due = True
        self.quiet_since = time.monotonic()

    def running(self) -> bool:
        """Tell whether the child is still at work; report how it ended once it has."""
        if self.child is None:
            return False
        pid, status = os.waitpid(self.child, os.WNOHANG)
        if pid == 0:
            return True
        self.child = None
        if status != 0:
            logger.error("Calendars, data files or search index failed (status %d).", status)
        return False

    def start_when_free(self, site: LiveSite, build: BuildState, output: Path) -> None:
        """Start the follow-up that is due, once saves have paused and none is running."""
        if not self.due or time.monotonic() - self.quiet_since < FOLLOW_UP_DELAY:
            return
        if self.running():
            return
        changed, self.changed, self.due = frozenset(self.changed), set(), False
        self.running_changed = changed
        parent = os.getpid()
        pid = os.fork()  # the site is frozen for the collector (LiveBuilder.full)
        if pid == 0:  # the child: write, index, and leave without running the builder's exit
            code = 1
            try:
                die_with_parent(parent)
                # Behind the builder for the CPU: the next save's page comes first.
                os.nice(FOLLOW_UP_NICENESS)
                started = time.monotonic()
                remove_leftovers(output)
                site.write_lists(changed)
                index_later(build, output)
                logger.info("Calendars, data and search up to date in %.1f s.",
                            time.monotonic() - started)  # fmt: skip
                code = 0
            except BaseException:
                logger.exception("Calendars, data files or search index failed.")
            finally:
                logging.shutdown()
                os._exit(code)
        self.child = pid

    def interrupt(self) -> None:
        """Stop the follow-up under way, if any: a save came; the next one writes its part."""
        if self.child is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.child, signal.SIGKILL)
        _, status = os.waitpid(self.child, 0)
        self.child = None
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        if status == 0 or killed:  # done just now, or stopped: its part is due again
            self.changed.update(self.running_changed)
            self.due = True
        self.running_changed = frozenset()

    def stop(self) -> None:
        """Stop the follow-up under way, and forget what was due: a full build follows."""
        self.interrupt()
        self.changed.clear()
        self.due = False

    def wait(self) -> None:
        """Wait for the follow-up under way, if any (the builder is ending)."""
        if self.child is not None:
            os.waitpid(self.child, 0)
            self.child = None


class LiveBuilder:
    """The site as built and served from ``output``, and its updates."""

    def __init__(self, settings: Path, output: Path) -> None:
        """Build with this settings file into this folder; nothing is built yet."""
        self.settings = settings
        self.output = output
        self.site: LiveSite | None = None
        self.build: BuildState | None = None
        self.follow = FollowUp()

    def full(self) -> dict[str, Any]:
        """Build the whole site, put it in place, and keep it for the next updates."""
        started = time.monotonic()
        # Not while it writes into the folder the build replaces; what it had to write stays
        # due, in case the build fails and the site served stays this one.
        self.follow.interrupt()
        # The site kept so far may go once replaced (see below).
        gc.unfreeze()
        try:
            build = build_site(self.output, self.settings, index_later=True, keep_pages=True)
        except ContentError as exc:
            return {"ok": False, "errors": str(exc)}
        if build is None:
            return {"ok": False, "errors": f"{self.settings} does not use the timeline plugin"}
        self.follow.stop()  # the new site has everything but its search index
        self.build, self.site = build, LiveSite(build, self.output)
        # The site lives until the next full build: out of the collector's sight, a full
        # collection does not walk its millions of objects in the middle of an update, and a
        # forked follow-up shares its pages instead of having them copied for the collector.
        gc.collect()
        gc.freeze()
        self.follow.add()
        return {"ok": True, "full": True, "seconds": round(time.monotonic() - started, 3)}

    def saved(self, paths: Sequence[Path]) -> dict[str, Any]:
        """Bring the site up to date with these saved files: their pages, or all of it.

        What lists every event is left to the follow-up (:class:`FollowUp`), after the answer.
        """
        if self.site is None or self.build is None:
            return self.full()
        started = time.monotonic()
        try:
            done = self.site.update(paths)
        except NeedsRebuild as reason:
            logger.info("Building the whole site: %s.", reason)
            return self.full()
        except ContentError as exc:
            return {"ok": False, "errors": str(exc)}
        self.follow.add(done.changed)
        seconds = round(time.monotonic() - started, 3)
        return {"ok": True, "full": False, "pages": done.pages, "seconds": seconds}

    def follow_up(self) -> None:
        """Start the follow-up that is due, if the one before is done."""
        if self.site is not None and self.build is not None:
            self.follow.start_when_free(self.site, self.build, self.output)


def remove_leftovers(output: Path) -> None:
    """Remove what a killed follow-up left in the served site: partial files, Pagefind's bundle."""
    remove_partial_files(output)
    for bundle in output.glob(f".{BUNDLE}-*"):
        shutil.rmtree(bundle, ignore_errors=True)


def answer(message: dict[str, Any]) -> None:
    """Say how a build or update went, on one line the preview server reads."""
    sys.stdout.write(ANSWER + json.dumps(message) + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> None:
    """Build, answer, then update and answer for each line of saved files until stdin ends."""
    parser = argparse.ArgumentParser(prog="python -m generator.tools.livebuild")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    builder = LiveBuilder(args.settings, args.output)
    answer(builder.full())
    for paths in saves(sys.stdin.fileno(), builder.follow_up):
        builder.follow.interrupt()
        answer(builder.saved(paths))
    builder.follow.wait()


def saves(fd: int, idle: Callable[[], None]) -> Iterator[list[Path]]:
    """Yield each line of saved files read from ``fd``; call ``idle`` while none comes.

    Read without Python's buffering, so that a line waiting is never missed by ``select``.
    """
    pending = b""
    while True:
        while b"\n" not in pending:
            idle()
            ready, _, _ = select.select([fd], [], [], POLL_SECONDS)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return
                pending += chunk
        line, pending = pending.split(b"\n", 1)
        if line.strip():
            yield [Path(path) for path in json.loads(line)]


if __name__ == "__main__":
    main()
