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

Everything else it prints is log. The search index comes after the answer, in a thread, so that
the page is served first: Pagefind indexes the served pages beside the index in use, which is
replaced in one step (:func:`generator.tools.build.index_later`); saves that come meanwhile are
indexed once it is done.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..content.problems import ContentError
from ..site.live import LiveSite, NeedsRebuild
from ..site.state import BuildState
from .build import build_site, index_later

logger = logging.getLogger(__name__)

#: What starts the line of each answer; any other line is log.
ANSWER = "@timeline-preview "


class Indexer:
    """Brings the served site's search index up to date, in a thread, after each answer."""

    def __init__(self) -> None:
        """Start with nothing to index."""
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.again = False

    def start(self, build: BuildState, output: Path) -> None:
        """Index the served site now, or once the indexing under way is done."""
        with self.lock:
            if self.thread is not None and self.thread.is_alive():
                self.again = True
                return
            self.again = False
            self.thread = threading.Thread(
                target=self._run, args=(build, output), name="search-index", daemon=True
            )
            self.thread.start()

    def wait(self) -> None:
        """Wait for the index: a full build replaces the folder it writes into."""
        thread = self.thread
        if thread is not None:
            thread.join()

    def _run(self, build: BuildState, output: Path) -> None:
        while True:
            started = time.monotonic()
            try:
                index_later(build, output)
            except Exception:
                logger.exception("Search index failed; search answers from the one before.")
            else:
                logger.info("Search index up to date in %.1f s.", time.monotonic() - started)
            with self.lock:
                if not self.again:
                    return
                self.again = False


class LiveBuilder:
    """The site as built and served from ``output``, and its updates."""

    def __init__(self, settings: Path, output: Path) -> None:
        """Build with this settings file into this folder; nothing is built yet."""
        self.settings = settings
        self.output = output
        self.site: LiveSite | None = None
        self.build: BuildState | None = None
        self.indexer = Indexer()

    def full(self) -> dict[str, Any]:
        """Build the whole site, put it in place, and keep it for the next updates."""
        started = time.monotonic()
        self.indexer.wait()
        try:
            build = build_site(self.output, self.settings, index_later=True, keep_pages=True)
        except ContentError as exc:
            return {"ok": False, "errors": str(exc)}
        if build is None:
            return {"ok": False, "errors": f"{self.settings} does not use the timeline plugin"}
        self.build, self.site = build, LiveSite(build, self.output)
        self.indexer.start(build, self.output)
        return {"ok": True, "full": True, "seconds": round(time.monotonic() - started, 3)}

    def saved(self, paths: Sequence[Path]) -> dict[str, Any]:
        """Bring the site up to date with these saved files: their pages, or all of it."""
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
        self.indexer.start(self.build, self.output)
        seconds = round(time.monotonic() - started, 3)
        return {"ok": True, "full": False, "pages": done.pages, "seconds": seconds}


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
    for line in sys.stdin:
        if line.strip():
            answer(builder.saved([Path(path) for path in json.loads(line)]))
    builder.indexer.wait()


if __name__ == "__main__":
    main()
