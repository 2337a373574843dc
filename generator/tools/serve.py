"""Preview the site on a local server that rebuilds it and reloads the browser on every edit."""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from tornado import web
from tornado.log import LogFormatter

from .cli import READY

logger = logging.getLogger(__name__)

SETTINGS_FILE = Path("pelicanconf.py")
OUTPUT_DIR = Path("output")
#: Watched besides the settings file, which the options name.
WATCHED = (Path("content"), Path("theme"), Path("generator"))
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
    published site carries no trace of it.
    """

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
        snippet = f'<script src="/livereload.js?port={port}"></script>'.encode()

        class Injector(LiveScriptInjector):
            script = snippet

        handlers = [
            (r"/livereload", LiveReloadHandler),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            *self.get_web_handlers(snippet),
        ]
        app = web.Application(handlers=handlers, debug=bool(debug), transforms=[Injector])
        app.listen(port, address=host)


def build_command(settings: Path = SETTINGS_FILE, output: Path = OUTPUT_DIR) -> list[str]:
    """``timeline build`` with these settings into this folder, run by this Python.

    Not strict: a preview shows an entry with a warning (a short summary, say) and logs it.
    The search index comes after the site is in place (``--index-later``), so that the saved
    page is served without waiting for it.
    """
    return [
        sys.executable,
        *("-m", "generator", "build", "--no-strict", "--index-later"),
        *("--settings", str(settings), "--output", str(output)),
    ]


class Builder:
    """The preview's builds, one at a time: each puts the site in place, then indexes it.

    Each build runs in a child process: it picks up edits to ``generator/`` and
    ``pelicanconf.py`` that an in-process build would not see, and an exception in it cannot
    take the preview down. The build replaces ``output/`` only when it succeeds, so after a
    failure the preview keeps showing the last good site while the errors
    (``path:line: field: message``) go to the log. A call returns as soon as the new site is
    in place, so that the browser reloads at once; the child goes on to index the site for
    search and put the index in place, until the next edit stops it.
    """

    def __init__(self, settings: Path = SETTINGS_FILE, output: Path = OUTPUT_DIR) -> None:
        """Build with these settings into this folder."""
        self.command = build_command(settings, output)
        self.output = output
        self.indexing: subprocess.Popen[str] | None = None

    def __call__(self) -> bool:
        """Build; return whether the new site is in place (its index may still be coming)."""
        self.stop_indexing()
        started = time.monotonic()
        process = subprocess.Popen(
            self.command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert process.stdout is not None
        log: list[str] = []
        for line in process.stdout:
            if line.strip() == READY:
                break
            log.append(line)
        else:
            code = process.wait()
            logger.error(
                "Build failed (exit code %d); still serving the last good %s/.\n%s",
                code,
                self.output,
                "".join(log).strip(),
            )
            return False
        if log:
            logger.debug("%s", "".join(log).strip())
        logger.info("Site ready in %.1f s; indexing it for search.", time.monotonic() - started)
        self.indexing = process
        threading.Thread(target=self._finish, args=(process, started), daemon=True).start()
        return True

    def stop_indexing(self) -> None:
        """Stop the previous build's indexing: the next build's site makes it out of date."""
        process, self.indexing = self.indexing, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait()

    def _finish(self, process: subprocess.Popen[str], started: float) -> None:
        """Wait for the index in the background and say how it went."""
        assert process.stdout is not None
        rest = process.stdout.read()
        code = process.wait()
        if code == 0:
            logger.info("Search index up to date in %.1f s.", time.monotonic() - started)
        elif code > 0:
            logger.error("Search index failed (exit code %d); search answers from the one "
                         "before.\n%s", code, rest.strip())  # fmt: skip


def _ignored(path: str) -> bool:
    """Skip build by-products and editor scratch files, which would trigger endless rebuilds."""
    return path.endswith(IGNORED_SUFFIXES)


def make_server(
    rebuild: Callable[[], bool], watched: Sequence[Path] = (*WATCHED, SETTINGS_FILE)
) -> CspFriendlyServer:
    """Create a server that calls ``rebuild`` whenever one of ``watched`` changes.

    ``rebuild`` takes no argument: livereload would pass the changed paths to one that did.
    """
    server = CspFriendlyServer()
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
    server = make_server(rebuild, (*WATCHED, args.settings))
    # Full-page reloads: every edit rebuilds the whole site, so swapping a stylesheet in place
    # would gain nothing and could show a page that no longer matches its HTML.
    server.serve(host=args.host, port=args.port, root=str(args.output), live_css=False)


if __name__ == "__main__":
    main()
