"""Build the real site once, serve it on 127.0.0.1 and drive it with Debian's Chromium.

Every test here is marked ``browser``.  Each ``page`` records console errors and warnings,
uncaught page errors and every request; requests to any host but 127.0.0.1 are aborted, so a
page that reaches for a CDN, a font service or an analytics script fails its test instead of
quietly depending on the network.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

from generator.content.problems import ContentError
from generator.tools.build import build_site

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = "127.0.0.1"
TIMEOUT_MS = 10_000

_CALL_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test below this folder ``browser``, so ``-m "not browser"`` skips them all."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[pytest.TestReport]:
    """Remember whether the test body failed, so the page check in teardown doesn't pile on."""
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


def _build(output_path: Path, overrides: dict[str, str] | None = None) -> None:
    """Build a site with the project's builder, turning content errors into one failure.

    The real content, unless ``overrides`` name another ``PATH``.

    ``ContentError`` carries one ``path:line: field: message`` line per problem; that text
    becomes the failure message instead of a traceback through the builder.
    """
    try:
        build_site(output_path, ROOT / "pelicanconf.py", overrides)
    except ContentError as exc:
        pytest.fail(f"The site does not build:\n{exc}", pytrace=False)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once per session (per worker under xdist) into a temporary folder."""
    output = tmp_path_factory.mktemp("site")
    _build(output)
    return output


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without one log line per request cluttering the test output."""

    def log_message(self, *args: object) -> None:
        """Drop the access log; failures show up in the browser's own records instead."""


@pytest.fixture(scope="session")
def fixture_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build tests/fixtures/minimal, whose entries are not all translated, once per session."""
    output = tmp_path_factory.mktemp("fixture-site")
    _build(output, {"PATH": str(ROOT / "tests" / "fixtures" / "minimal" / "content")})
    return output


@pytest.fixture(scope="session")
def split_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the site built with its search index in parts of 40 pages, as a large site's is."""
    output = tmp_path_factory.mktemp("split-site")
    _build(output, {"TIMELINE_SEARCH_PAGES_PER_INDEX": 40})  # type: ignore[dict-item]
    assert (output / "pagefind" / "part-3").is_dir()
    yield from _serve(output)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 on a free port, as a plain static host would."""
    yield from _serve(site_dir)


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site_dir: Path) -> Iterator[str]:
    """Serve the fixture site as :func:`site_url` serves the real one."""
    yield from _serve(fixture_site_dir)


def _serve(site_dir: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port until the generator is closed."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch Debian's Chromium once; Playwright's own browser downloads are never used."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make chromium` "
            "(it installs Debian's chromium package with apt-get), then rerun the tests.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What a page did while a test drove it."""

    console_errors: list[str] = field(default_factory=list)
    console_warnings: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """List console errors, uncaught errors and blocked external requests, one per line."""
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"external request (blocked): {url}" for url in self.blocked),
        ]


def assert_clean(log: PageLog) -> None:
    """Fail if the page logged a console error, threw, or tried to leave 127.0.0.1."""
    problems = log.problems()
    assert not problems, "The page misbehaved:\n" + "\n".join(problems)


@pytest.fixture
def page_log() -> PageLog:
    """Collect the current test page's console messages, errors and requests."""
    return PageLog()


@pytest.fixture
def assert_page_clean(page_log: PageLog) -> Callable[[], None]:
    """Let a test check the page mid-way (tests cannot import from a conftest)."""
    return functools.partial(assert_clean, page_log)


@pytest.fixture
def page(
    browser: Browser, site_url: str, page_log: PageLog, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """Open a fresh page on the served site, recording what it does and keeping it offline.

    After the test, the page must have logged no console error, thrown nothing and requested
    nothing outside 127.0.0.1; tests may call the ``assert_page_clean`` fixture to check earlier.
    """
    context = browser.new_context(base_url=site_url)
    context.set_default_timeout(TIMEOUT_MS)

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            page_log.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def on_console(message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        text = f"{message.text} ({where})" if where else message.text
        if message.type == "error":
            page_log.console_errors.append(text)
        elif message.type == "warning":
            page_log.console_warnings.append(text)

    def on_request(req: Request) -> None:
        page_log.requests.append(req.url)

    context.route("**/*", guard)
    new_page = context.new_page()
    new_page.on("console", on_console)
    new_page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    new_page.on("request", on_request)
    try:
        yield new_page
        if not request.node.stash.get(_CALL_FAILED, False):
            assert_clean(page_log)
    finally:
        context.close()
