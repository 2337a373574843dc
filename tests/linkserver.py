"""A web server on 127.0.0.1 whose paths each answer one way, for the link checker's tests.

It counts every request by method and path, and records how many it was serving at once,
so tests can tell what the checker asked and how politely. Nothing here leaves the machine.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

#: How long ``/pause`` takes to answer: long enough for requests to overlap.
PAUSE = 0.2
#: The longest ``/slow`` waits before answering, should the test not stop it sooner.
STALL = 5.0


class LinkServer:
    """Serve the paths below until :meth:`close`; ``base`` is ``http://127.0.0.1:<port>``."""

    def __init__(self) -> None:
        """Start serving on a free port, in a thread."""
        self.hits: Counter[tuple[str, str]] = Counter()
        self.user_agents: set[str] = set()
        self.starts: list[float] = []
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.handle_error = lambda *args: None  # a client that gave up is expected here
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """Return the address of ``path`` on this server."""
        return self.base + path

    def count(self, path: str, method: str = "HEAD") -> int:
        """Return how many requests ``path`` got with ``method`` (query included in ``path``)."""
        return self.hits[(method, path)]

    def close(self) -> None:
        """Wake any stalled handler and stop serving."""
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def _handler(server: LinkServer) -> type[BaseHTTPRequestHandler]:
    """Make a handler class bound to ``server``'s counters."""

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_GET(self) -> None:
            self._serve(body=True)

        def log_message(self, *args: object) -> None:
            pass  # keep the test output to the tests

        def _serve(self, *, body: bool) -> None:
            with server.lock:
                server.hits[(self.command, self.path)] += 1
                server.user_agents.add(self.headers.get("User-Agent", ""))
                server.starts.append(time.monotonic())
                server.active += 1
                server.max_active = max(server.max_active, server.active)
            try:
                self._answer(urlsplit(self.path).path, body=body)
            finally:
                with server.lock:
                    server.active -= 1

        def _answer(self, path: str, *, body: bool) -> None:
            if path == "/pause":
                time.sleep(PAUSE)
            if path == "/slow":
                server.stop.wait(STALL)
            redirects = {
                "/moved": (301, "/ok"),
                "/moved-twice": (308, "/moved"),
                "/temporary": (302, "/ok"),
                "/moved-then-temporary": (301, "/temporary"),
                "/moved-to-missing": (301, "/missing"),
                "/loop": (301, "/loop"),
            }
            if path in redirects:
                status, location = redirects[path]
                return self._reply(status, location=location)
            if path == "/no-head" and not body:
                return self._reply(405)
            if path == "/forbidden-head" and not body:
                return self._reply(403)
            statuses = {"/missing": 404, "/error": 500, "/gone": 410}
            return self._reply(statuses.get(path, 200), body=body)

        def _reply(self, status: int, *, location: str = "", body: bool = False) -> None:
            text = b"<!doctype html><title>page</title>"
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            if body:
                self.wfile.write(text)

    return Handler
