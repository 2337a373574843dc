"""Preview the site on a local server that rebuilds it and reloads the browser on every edit."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from inspect import signature
from pathlib import Path
from typing import Any

import watchfiles
from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop
from tornado.log import LogFormatter

from .livebuild import ANSWER

logger = logging.getLogger(__name__)

SETTINGS_FILE = Path("pelicanconf.py")
OUTPUT_DIR = Path("output")
#: Watched besides the settings file, which the options name.
CONTENT_DIR = Path("content")
WATCHED = (CONTENT_DIR, Path("theme"), Path("generator"))
#: The error overlay's script and styles, served by the preview alone.
OVERLAY = Path(__file__).resolve().with_name("preview")
OVERLAY_TITLE = "The last save has errors; this is the last good version of the page."
#: watchfiles: how long a burst of changes may last before it is reported, and how often it looks.
NOTIFY_DEBOUNCE_MS = 50
NOTIFY_STEP_MS = 10
#: How many of the builder's last lines of log a failure shows.
LOG_LINES = 40
# Files that a build or an editor writes next to the sources: rebuilding on them would loop.
IGNORED_SUFFIXES = (".mo", ".pyc", ".pyo", ".swp", ".swx", ".tmp", "~")
IGNORED_DIRS = ("__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis")


class CspFriendlyServer(Server):
    """A livereload server whose injected snippet survives the site's Content-Security-Policy.

    Stock livereload injects an *inline* ``<script>`` that the site's ``script-src 'self'``
    refuses to run, so the page would never reload (and would log a CSP error).  Here the
    snippet is a plain same-origin ``<script src="/livereload.js">``, which ``script-src 'self'``
    allows; that script then opens its websocket back to the same host and port, which
    ``connect-src 'self'`` allows.  Only pages served by this preview get the snippet, so the
    published site carries no trace of it.  The snippet also loads the error overlay
    (``/_preview/overlay.js``), which shows the last save's errors over the last good page
    while there are any (:attr:`status`, served as ``/_preview/status.json``).
    """

    #: The errors of the last save, or None; the preview points it at its builder's.
    status: Callable[[], str | None] = staticmethod(lambda: None)

    def application(
        self,
        port: int,
        host: str,
        liveport: int | None = None,
        debug: bool | None = None,
        live_css: bool = True,
    ) -> None:
        """Listen on ``host:port`` for both the site and livereload's own endpoints.

        Overrides the library's version only to swap the injected snippet; ``liveport`` must
        stay unset, because a separate livereload port would be a different origin that the
        site's ``connect-src 'self'`` blocks.
        """
        if liveport not in (None, port):
            raise ValueError("a separate livereload port would be blocked by the site's CSP")
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        snippet = (
            f'<script src="/livereload.js?port={port}"></script>'
            '<script src="/_preview/overlay.js"></script>'
        ).encode()

        class Injector(LiveScriptInjector):
            script = snippet

        handlers = [
            (r"/livereload", LiveReloadHandler),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            (r"/_preview/status.json", StatusHandler, {"status": self.status}),
            (r"/_preview/(overlay\.(?:js|css))", web.StaticFileHandler, {"path": str(OVERLAY)}),
            *self.get_web_handlers(snippet),
        ]
        app = web.Application(handlers=handlers, debug=bool(debug), transforms=[Injector])
        app.listen(port, address=host)


class StatusHandler(web.RequestHandler):
    """Answer the overlay: the last save's errors, or none, never cached."""

    def initialize(self, status: Callable[[], str | None]) -> None:
        """Ask ``status`` on each request."""
        self.status = status

    def get(self) -> None:
        """Return ``{"errors": ..., "title": ...}``; ``errors`` is null when the site is good."""
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.write(json.dumps({"errors": self.status(), "title": OVERLAY_TITLE}))


class NotifyWatcher(Watcher):
    """livereload's watcher, told of saves by the kernel instead of walking every file.

    livereload polls every 0.8 s and walks each watched folder, 12,000 files at 10,000
    entries, on the server's only thread; unless pyinotify is installed, which Python 3.12
    cannot import. This one learns of changes from watchfiles (Pelican's own autoreload
    library), in a thread, and wakes the server at once; :meth:`examine` then runs the tasks
    of the paths that changed, and gives them to a task that takes an argument, so that the
    builder need not look for them either. Before :meth:`start` (a test calling
    :meth:`examine` by hand) it polls as livereload does.
    """

    def __init__(self) -> None:
        """Watch nothing yet."""
        super().__init__()
        self.lock = threading.Lock()
        self.changed: set[str] = set()
        self.stop_event = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self, callback: Callable[[], None]) -> bool:
        """Watch the tasks' paths in a thread that calls ``callback`` on the server's loop."""
        loop = IOLoop.current()
        paths = [path for path in self._tasks if os.path.exists(path)]

        def run() -> None:
            for changes in watchfiles.watch(
                *paths, debounce=NOTIFY_DEBOUNCE_MS, step=NOTIFY_STEP_MS,
                stop_event=self.stop_event, raise_interrupt=False,
            ):  # fmt: skip
                with self.lock:
                    self.changed.update(path for _, path in changes)
                loop.add_callback(callback)

        self.thread = threading.Thread(target=run, name="watch", daemon=True)
        self.thread.start()
        return True

    def examine(self) -> tuple[str | None, float | None]:
        """Run the task of each path with a change, and name one changed file for the reload."""
        if self.thread is None:
            return super().examine()
        with self.lock:
            changed, self.changed = self.changed, set()
        self.filepath = None
        for task, item in self._tasks.items():
            root = os.path.abspath(task)
            ignore = item["ignore"]
            hits = [
                path
                for path in sorted(changed)
                if (path == root or path.startswith(root + os.sep))
                and not self.ignore(path)
                and not (ignore and ignore(path))
                and not set(Path(path).parts) & set(self.ignored_dirs)
            ]
            if hits:
                self.filepath = os.path.relpath(hits[0])
                func = item["func"]
                # As livereload does: a task that takes an argument is given what changed.
                if func and signature(func).parameters:
                    func(hits)
                elif func:
                    func()
        return self.filepath, None


def build_command(settings: Path = SETTINGS_FILE, output: Path = OUTPUT_DIR) -> list[str]:
    """Return the command of the preview's builder (:mod:`generator.tools.livebuild`).

    Not strict: a preview shows an entry with a warning (a short summary, say) and logs it.
    """
    return [
        sys.executable,
        *("-m", "generator.tools.livebuild"),
        *("--settings", str(settings), "--output", str(output)),
    ]


def snapshot(watched: Sequence[Path]) -> dict[Path, tuple[int, int]]:
    """Return each watched file's modification time and size, to tell which ones a save changed.

    With ``os.scandir`` and each root resolved once: 12,000 entries take about 0.3 s.
    """
    files: dict[Path, tuple[int, int]] = {}
    folders = []
    for root in watched:
        if root.is_file():
            stat = root.stat()
            files[root.resolve()] = (stat.st_mtime_ns, stat.st_size)
        elif root.is_dir():
            folders.append(str(root.resolve()))
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in IGNORED_DIRS:
                        folders.append(entry.path)
                elif entry.is_file() and not _ignored(entry.name):
                    with contextlib.suppress(OSError):
                        stat = entry.stat()
                        files[Path(entry.path)] = (stat.st_mtime_ns, stat.st_size)
    return files


def restat(
    files: dict[Path, tuple[int, int]], changed: Iterable[str]
) -> dict[Path, tuple[int, int]]:
    """Return a :func:`snapshot` brought up to date for the files the watcher says changed.

    A file made and removed between two looks (an editor's test file) is in neither.
    """
    files = dict(files)
    for name in changed:
        path = Path(name).resolve()
        try:
            stat = path.stat()
        except OSError:
            files.pop(path, None)
            continue
        if path.is_file() and not _ignored(path.name):
            files[path] = (stat.st_mtime_ns, stat.st_size)
    return files


class Builder:
    """The preview's builder, a child process that keeps the site and updates it on each save.

    The child (:mod:`generator.tools.livebuild`) builds the whole site once, then, for each save
    of an entry's text, renders only the pages that show it (under two seconds at 10,000
    entries); it builds the whole site again when a save moves entries between pages. An edit
    to the code, the theme or the settings file starts a new child, which reads them anew, as
    does a child that died: an exception in it cannot take the preview down. A call returns once
    the new pages are in place, so that the browser reloads at once; the child then brings the
    search index up to date. A failed build or update leaves the last good site served; its
    errors (``path:line: field: message``) go to the log and to the overlay every page shows
    until they are fixed (:attr:`errors`).
    """

    def __init__(
        self,
        settings: Path = SETTINGS_FILE,
        output: Path = OUTPUT_DIR,
        watched: Sequence[Path] = WATCHED,
    ) -> None:
        """Build with these settings into this folder; watch these for saves."""
        self.command = build_command(settings, output)
        self.output = output
        self.watched = [*watched, settings]
        self.content = CONTENT_DIR.resolve()
        self.files: dict[Path, tuple[int, int]] = {}
        self.process: subprocess.Popen[str] | None = None
        self.answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.log: deque[str] = deque(maxlen=LOG_LINES)
        #: What the last build or update failed on, for the overlay; None when it succeeded.
        self.errors: str | None = None

    def __call__(self, changed: Sequence[str] | None = None) -> bool:
        """Bring the site up to date with what was saved; return whether it is in place.

        ``changed`` are the files the watcher was told of (:class:`NotifyWatcher`). Without
        them, as on the first call or under livereload's polling, every watched file is
        compared with the last :func:`snapshot`: about 0.3 s at 10,000 entries, on each save.
        """
        first = not self.files
        if changed is None:
            before, self.files = self.files, snapshot(self.watched)
        else:
            before, self.files = self.files, restat(self.files, changed)
        saved = sorted(
            p for p in before.keys() | self.files.keys() if before.get(p) != self.files.get(p)
        )
        alive = self.process is not None and self.process.poll() is None
        if not alive or first or any(not p.is_relative_to(self.content) for p in saved):
            return self._start()
        if not saved:
            return self.errors is None
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps([str(path) for path in saved]) + "\n")
            self.process.stdin.flush()
        except OSError:
            return self._start()
        return self._answer()

    def stop(self) -> None:
        """Stop the child, if it runs: its site stays served."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait()

    def _start(self) -> bool:
        """Start a new child, which builds the whole site, and wait for its answer."""
        self.stop()
        self.answers = queue.Queue()
        process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.process = process
        threading.Thread(target=self._read, args=(process, self.answers), daemon=True).start()
        return self._answer()

    def _read(self, process: subprocess.Popen[str], answers: queue.Queue[Any]) -> None:
        """Pass the child's answers on and keep its last lines of log, until it ends."""
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(ANSWER):
                answers.put(json.loads(line[len(ANSWER) :]))
            elif line.strip():
                self.log.append(line.rstrip())
                logger.debug("%s", line.rstrip())
        answers.put(None)

    def _answer(self) -> bool:
        """Wait for the child's answer to the last build or save, and say how it went."""
        answer = self.answers.get()
        if answer is None:
            code = self.process.wait() if self.process is not None else None
            self.errors = f"The preview's builder stopped (exit code {code}).\n" + "\n".join(
                self.log
            )
            logger.error("%s", self.errors)
            self.process = None
            return False
        if not answer["ok"]:
            self.errors = answer["errors"]
            logger.error(
                "Build failed; still serving the last good %s/.\n%s", self.output, self.errors
            )
            return False
        self.errors = None
        how = "whole site built" if answer["full"] else f"{answer['pages']} pages written"
        logger.info("Site ready in %.2f s (%s); indexing it for search.", answer["seconds"], how)
        return True


def _ignored(path: str) -> bool:
    """Skip build by-products and editor scratch files, which would trigger endless rebuilds."""
    return path.endswith(IGNORED_SUFFIXES)


def make_server(
    rebuild: Callable[[], bool],
    watched: Sequence[Path] = (*WATCHED, SETTINGS_FILE),
    status: Callable[[], str | None] | None = None,
) -> CspFriendlyServer:
    """Create a server that calls ``rebuild`` whenever one of ``watched`` changes.

    ``rebuild`` is given the paths that changed when it takes an argument (the watcher knows
    them); livereload's polling, before the watcher starts, calls it without. ``status``
    gives the overlay the last save's errors.
    """
    server = CspFriendlyServer(watcher=NotifyWatcher())
    if status is not None:
        server.status = status
    server.watcher.ignore_dirs(*IGNORED_DIRS)
    for path in watched:
        if path.exists():
            server.watch(str(path), rebuild, ignore=_ignored)
        else:
            logger.warning("Not watching %s: it does not exist.", path)
    return server


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the address and what to build; the default host keeps the preview private to this host.

    ``--settings`` and ``--output`` are ``timeline build``'s, so that the preview can show other
    content than the project's (the benchmark's synthetic entries, say).
    """
    parser = argparse.ArgumentParser(
        prog="python -m generator.tools.serve",
        description="Build the site, serve output/ and rebuild and reload on every edit.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: %(default)s)"
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="port to bind (default: %(default)s)"
    )
    parser.add_argument(
        "--settings",
        type=Path,
        default=SETTINGS_FILE,
        help="settings file to build with, watched too (default: %(default)s)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=OUTPUT_DIR,
        help="folder to build and serve (default: %(default)s)",
    )
    return parser.parse_args(argv)


def _setup_logging() -> None:
    """Log in the same format as livereload, which configures its own and tornado's loggers.

    Our messages get their own handler (not the root logger's) so that livereload's lines are
    not printed twice, and successful requests are hidden so that 404s for broken links stand out.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(LogFormatter())
    package_logger = logging.getLogger(__name__.partition(".")[0])
    package_logger.addHandler(handler)
    package_logger.setLevel(logging.INFO)
    package_logger.propagate = False
    logging.getLogger("tornado.access").setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> None:
    """Build once, then serve the output folder with live reload until interrupted."""
    args = parse_args(argv)
    _setup_logging()
    if not args.settings.is_file():
        logger.error("No %s here: run the preview from the project's root folder.", args.settings)
        sys.exit(2)
    rebuild = Builder(args.settings, args.output)
    if not rebuild() and not args.output.is_dir():
        logger.warning("No site to show until the errors above are fixed; watching for edits.")
    server = make_server(rebuild, (*WATCHED, args.settings), lambda: rebuild.errors)
    # Full-page reloads: a stylesheet swapped in place could show a page that no longer
    # matches its HTML.
    try:
        server.serve(host=args.host, port=args.port, root=str(args.output), live_css=False)
    finally:
        rebuild.stop()


if __name__ == "__main__":
    main()
