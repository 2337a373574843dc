"""The live preview: it serves the built site, rebuilds on an edit and tells the browser to reload.

``generator/tools/serve.py`` overrides livereload's ``Server.application`` to inject a
same-origin ``<script src>`` instead of livereload's inline snippet, which the site's
Content-Security-Policy blocks; that override is what a livereload upgrade would break first.
The preview runs here as ``make serve`` runs it, in a project folder of its own.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

from tests.htmltree import parse
from tests.integration.conftest import FIXTURE_CONTENT, ROOT

OFFER = Path("content/events/2016/2016-05-24-offer.md")
#: livereload ignores a change within 3 s of the last reload (DEFAULT_RELOAD_TIME).
QUIET_SECONDS = 3.5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except OSError:
        return 0, ""


def wait_for(condition, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def settings_text(search: bool = False) -> str:
    """The project's settings for the fixture content, without search unless asked (faster)."""
    # Pelican loads a settings file as a module named after it (pelicanconf.py as "pelicanconf"),
    # so the project's own settings are loaded under another name before a few are changed.
    return (
        "import importlib.util, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"path = {str(ROOT / 'pelicanconf.py')!r}\n"
        "spec = importlib.util.spec_from_file_location('project_conf', path)\n"
        "conf = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(conf)\n"
        "globals().update({k: v for k, v in vars(conf).items() if k.isupper()})\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"TIMELINE_SEARCH = {search}\n"
    )


@contextmanager
def started(
    tmp_path: Path, settings: str, *options: str, search: bool = False
) -> Iterator[tuple[Path, str]]:
    """The preview of the fixture content, in its own folder, on a free loopback port."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    (project / settings).write_text(settings_text(search))
    port = free_port()
    log = (tmp_path / "preview.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.tools.serve", "--port", str(port), *options],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its builds are its children: stop them all at the end
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: process.poll() is None and get(f"{base}/")[0] == 200, "the first page")
        yield project, base
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The preview as ``make serve`` starts it: ./pelicanconf.py, into ./output."""
    with started(tmp_path, "pelicanconf.py") as running:
        yield running


async def reload_after(edit, url: str) -> dict:
    """Connect as livereload.js does, make ``edit``, and return the next reload message."""
    connection: WebSocketClientConnection = await websocket_connect(HTTPRequest(url))
    try:
        await connection.write_message(
            json.dumps(
                {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
            )
        )
        hello = json.loads(await connection.read_message())
        assert hello["command"] == "hello"
        # livereload counts a client as a waiter only once it has said where it is.
        await connection.write_message(json.dumps({"command": "info", "url": url}))
        edit()
        while True:
            message = await connection.read_message()
            assert message is not None, "the preview closed the connection"
            if json.loads(message)["command"] == "reload":
                return json.loads(message)
    finally:
        connection.close()


@pytest.mark.slow
def test_the_preview_serves_rebuilds_and_reloads(preview: tuple[Path, str]):
    project, base = preview
    status, html = get(f"{base}/events/offer/")
    assert status == 200
    page = parse(html)
    scripts = page.find_all("script")
    assert f"/livereload.js?port={base.rsplit(':', 1)[1]}" in [s.attrs.get("src") for s in scripts]
    # Only the page's schema.org data is inline, and it is data, not a script.
    inline = [s for s in scripts if s.children]
    assert all(s.attrs.get("type") == "application/ld+json" for s in inline), (
        "an inline script would break the CSP"
    )
    status, script = get(f"{base}/livereload.js")
    assert status == 200
    assert "LiveReload" in script
    assert "A day-precision statement" in html

    def retitle() -> None:
        entry = project / OFFER
        entry.write_text(entry.read_text().replace("A day-precision statement", "A retitled offer"))

    time.sleep(QUIET_SECONDS)
    ws = base.replace("http://", "ws://") + "/livereload"
    # A thread with a loop of its own: Playwright's sync API may hold this thread's loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        run = pool.submit(asyncio.run, asyncio.wait_for(reload_after(retitle, ws), 30))
        try:
            message = run.result()
        except TimeoutError:
            log = (project.parent / "preview.log").read_text(errors="replace")
            pytest.fail(f"no reload within 30 s of the edit; the preview said:\n{log[-3000:]}")
    assert message["command"] == "reload"
    assert message["path"].endswith(OFFER.name)  # the edited file
    assert message["liveCSS"] is False  # every edit rebuilds the whole site
    # The reload comes after the build, so the page it reloads is already the new one.
    status, html = get(f"{base}/events/offer/")
    assert "A retitled offer" in html
    assert "A day-precision statement" not in html


@pytest.mark.slow
def test_the_preview_builds_and_serves_what_its_options_name(tmp_path: Path):
    # As the benchmark starts it on its synthetic content: no pelicanconf.py in the folder.
    options = ("--settings", "benchconf.py", "--output", "public")
    with started(tmp_path, "benchconf.py", *options) as (project, base):
        status, html = get(f"{base}/events/offer/")
        assert status == 200
        assert "A day-precision statement" in html
        assert (project / "public" / "events" / "offer" / "index.html").is_file()
        assert not (project / "output").exists()
        assert not (project / "pelicanconf.py").exists()


def inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def indexed_text(bundle: Path) -> bytes:
    """Every fragment of a Pagefind bundle, uncompressed: the text each page was indexed with."""
    return b"".join(gzip.decompress(path.read_bytes()) for path in bundle.glob("fragment/*"))


@pytest.mark.slow
def test_the_preview_serves_the_page_first_and_brings_search_up_to_date_after(tmp_path: Path):
    with started(tmp_path, "pelicanconf.py", search=True) as (project, base):
        bundle = project / "output" / "pagefind"
        entry = bundle / "pagefind-entry.json"
        wait_for(entry.is_file, "the first search index")
        assert b"A day-precision statement" in indexed_text(bundle)
        first = entry.stat().st_ino

        def retitle() -> None:
            path = project / OFFER
            path.write_text(path.read_text().replace("A day-precision statement", "A new title"))

        time.sleep(QUIET_SECONDS)
        ws = base.replace("http://", "ws://") + "/livereload"
        with ThreadPoolExecutor(max_workers=1) as pool:
            run = pool.submit(asyncio.run, asyncio.wait_for(reload_after(retitle, ws), 30))
            assert run.result()["command"] == "reload"
        assert "A new title" in get(f"{base}/events/offer/")[1]
        # Search answers all along: from the index before until the new one is in place.
        assert get(f"{base}/pagefind/pagefind-entry.json")[0] == 200
        wait_for(lambda: inode(entry) not in {first, None}, "the new search index")
        assert b"A new title" in indexed_text(bundle)
        # The index it replaced is removed once exchanged: no folder is left behind.
        left = (project / "output").glob
        wait_for(lambda: not list(left(".pagefind-*")), "the replaced index to be removed", 10)


def save_and_wait_for_reload(project: Path, base: str, edit) -> None:
    """Make ``edit`` while connected as livereload.js is, and wait for the reload it causes."""
    time.sleep(QUIET_SECONDS)
    ws = base.replace("http://", "ws://") + "/livereload"
    with ThreadPoolExecutor(max_workers=1) as pool:
        run = pool.submit(asyncio.run, asyncio.wait_for(reload_after(edit, ws), 60))
        try:
            assert run.result()["command"] == "reload"
        except TimeoutError:
            log = (project.parent / "preview.log").read_text(errors="replace")
            pytest.fail(f"no reload within 60 s of the edit; the preview said:\n{log[-3000:]}")


def preview_log(project: Path) -> str:
    return (project.parent / "preview.log").read_text(errors="replace")


def logged_times(project: Path, text: str, count: int, timeout: float = 15.0) -> int:
    """Return how often the preview has logged ``text``, once that is ``count`` or time is up.

    The reload can reach the browser before the server's log line reaches the file.
    """
    deadline = time.monotonic() + timeout
    while (found := preview_log(project).count(text)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def status(base: str) -> dict:
    code, text = get(f"{base}/_preview/status.json")
    assert code == 200
    return json.loads(text)


@pytest.mark.slow
def test_a_text_save_writes_its_pages_and_a_kind_change_builds_the_whole_site(
    preview: tuple[Path, str],
):
    project, base = preview
    entry = project / OFFER
    text = entry.read_text()
    save_and_wait_for_reload(
        project, base, lambda: entry.write_text(text.replace("A day-precision statement", "Retold"))
    )
    assert "Retold" in get(f"{base}/events/offer/")[1]
    assert "Retold" in get(f"{base}/kinds/statement/")[1]  # its list pages too
    assert "pages written" in preview_log(project)
    assert preview_log(project).count("whole site built") == 1  # the first build only

    moved = entry.read_text().replace("kind: statement", "kind: agreement")
    save_and_wait_for_reload(project, base, lambda: entry.write_text(moved))
    assert "Retold" in get(f"{base}/kinds/agreement/")[1]
    assert "Retold" not in get(f"{base}/kinds/statement/")[1]
    assert logged_times(project, "whole site built", 2) == 2


@pytest.mark.slow
def test_a_broken_save_keeps_the_last_good_page_and_shows_its_errors(
    preview: tuple[Path, str],
):
    project, base = preview
    assert status(base)["errors"] is None
    code, script = get(f"{base}/_preview/overlay.js")
    assert code == 200
    assert "status.json" in script
    assert get(f"{base}/_preview/overlay.css")[0] == 200
    entry = project / OFFER
    text = entry.read_text()
    broken = text.replace("kind: statement", "kind: statment").replace(
        "A day-precision statement", "Never shown"
    )
    save_and_wait_for_reload(project, base, lambda: entry.write_text(broken))
    errors = status(base)["errors"]
    assert f"{OFFER}:" in errors
    assert "kind" in errors
    assert "did you mean 'statement'" in errors
    html = get(f"{base}/events/offer/")[1]
    assert "A day-precision statement" in html
    assert "Never shown" not in html
    assert '<script src="/_preview/overlay.js"></script>' in html

    save_and_wait_for_reload(project, base, lambda: entry.write_text(text))
    assert status(base)["errors"] is None
