"""Search in Chromium: Pagefind finds events offline, filters them, and a search can be linked."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_accessibility import AXE_OPTIONS

SEED = "/events/lavrov-ready-to-coordinate-on-raqqa/"
# Another event that mentions Raqqa, of another kind (refusal).
OTHER = "/events/pentagon-rules-out-joint-strikes-with-russia/"
INPUT = ".pagefind-ui__search-input"
RESULT = ".pagefind-ui__result-link"
LIST_PAGE = re.compile(r"^/((kinds|actors|places|threads|years|decades|search)/.*)?$")


def result_paths(page: Page) -> set[str]:
    """The pages the results link to (sub-results point at headings within them)."""
    hrefs = page.locator(RESULT).evaluate_all("links => links.map(a => a.href)")
    return {urlsplit(href).path for href in hrefs}


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_typing_a_word_finds_the_events_that_mention_it(
    page: Page, site_url: str, assert_page_clean: Callable[[], None]
) -> None:
    page.goto(f"{site_url}/search/")
    expect(page.locator("#search-needs-js")).to_be_hidden()
    page.locator(INPUT).fill("Raqqa")

    seed = page.locator(f"{RESULT}[href='{SEED}']")
    expect(seed).to_be_visible()
    assert {SEED, OTHER} <= result_paths(page)
    # Event pages and standalone pages only: no list of events found instead of the event.
    assert not [path for path in result_paths(page) if LIST_PAGE.match(path)]
    assert query(page) == {"q": ["Raqqa"]}

    seed.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == SEED
    expect(page.locator("h1")).to_contain_text("Raqqa")
    assert_page_clean()


def test_a_search_in_the_url_runs_on_load(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Raqqa")
    expect(page.locator(f"{RESULT}[href='{SEED}']")).to_be_visible()
    expect(page.locator(INPUT)).to_have_value("Raqqa")
    expect(page.locator(".pagefind-ui__message")).to_contain_text("Raqqa")
    # Every filter, though the search started as soon as the page loaded (see search.js).
    names = page.locator("summary.pagefind-ui__filter-name")
    expect(names).to_have_text(["Actors", "Kind", "Year"])


def test_a_publisher_finds_its_events_without_a_sources_sub_result(
    page: Page, site_url: str
) -> None:
    # The seed event's source is AFP's; the sources' text is indexed, their heading is not.
    page.goto(f"{site_url}/search/?q=AFP")
    expect(page.locator(f"{RESULT}[href='{SEED}']")).to_be_visible()
    nested = page.locator(".pagefind-ui__result-nested .pagefind-ui__result-title")
    assert "Sources" not in nested.all_text_contents()
    assert not [href for href in nested_links(page) if href.endswith("#sources-heading")]


def nested_links(page: Page) -> list[str]:
    """The addresses of every sub-result shown."""
    links = page.locator(".pagefind-ui__result-nested a")
    return links.evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_ten_results_show_before_load_more(page: Page, site_url: str) -> None:
    # Syria is in more than 40 events: the first ten are shown, then the button.
    page.goto(f"{site_url}/search/?q=Syria")
    expect(page.locator(".pagefind-ui__result")).to_have_count(10)
    expect(page.locator(".pagefind-ui__button", has_text="Load more")).to_be_visible()
    assert not nested_links(page)  # event pages fold their title's section into the result


def test_clearing_the_search_clears_the_url(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Raqqa")
    expect(page.locator(RESULT).first).to_be_visible()
    page.locator(".pagefind-ui__search-clear").click()
    expect(page.locator(INPUT)).to_have_value("")
    assert query(page) == {}


def test_results_can_be_narrowed_to_one_kind(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Raqqa")
    expect(page.locator(f"{RESULT}[href='{OTHER}']")).to_be_visible()

    page.locator("summary.pagefind-ui__filter-name", has_text="Kind").click()
    page.get_by_role("checkbox", name=re.compile(r"^Statement \(\d+\)$")).check()

    expect(page.locator(f"{RESULT}[href='{OTHER}']")).to_have_count(0)
    expect(page.locator(f"{RESULT}[href='{SEED}']")).to_be_visible()
    assert result_paths(page) == {SEED}


def found(page: Page, url: str) -> tuple[str, set[str], list[str]]:
    """Search from the URL; return the message, every result's page and the filters' labels."""
    page.goto(url)
    message = page.locator(".pagefind-ui__message")
    expect(message).to_have_text(re.compile(r"^\d+ r"))
    more = page.locator(".pagefind-ui__button", has_text=re.compile("Load more|Plus de"))
    while more.count():
        more.click()
    for summary in page.locator("summary.pagefind-ui__filter-name").all():
        summary.click()
    labels = page.locator(".pagefind-ui__filter-label").all_inner_texts()
    return message.inner_text(), result_paths(page), sorted(labels)


# Pagefind's matching depends a little on the words an index holds: an index without the word
# searched for may answer with a near match ("Lavrov" finds a page with "L."), so a site in
# parts can find more than the same site in one index, never less.
@pytest.mark.parametrize(
    ("path", "same"),
    [("/search/?q=Raqqa", True), ("/fr/search/?q=Raqqa", True), ("/search/?q=Lavrov", False)],
)
def test_an_index_in_parts_finds_and_filters_what_one_index_does(
    page: Page, site_url: str, split_site_url: str, path: str, same: bool
) -> None:
    whole = found(page, f"{site_url}{path}")
    assert len(whole[1]) > 1 and whole[2]
    parts = found(page, f"{split_site_url}{path}")
    if same:
        assert parts == whole
    else:
        assert whole[1] < parts[1]
        names = {label.rpartition(" (")[0] for label in whole[2]}
        assert names <= {label.rpartition(" (")[0] for label in parts[2]}


def test_a_translation_is_not_found_from_the_english_search_page(page: Page, site_url: str) -> None:
    # Pagefind searches the index of the page's language; French pages have their own.
    page.goto(f"{site_url}/search/?q=Raqqa")
    expect(page.locator(f"{RESULT}[href='{SEED}']")).to_be_visible()
    assert not any(path.startswith("/fr/") for path in result_paths(page))


def test_without_javascript_the_page_says_so_and_links_to_the_indexes(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/search/")
        expect(page.locator("#search-needs-js")).to_be_visible()
        expect(page.locator("#search-needs-js")).to_contain_text("needs JavaScript")
        browse = page.locator(".search-browse a")
        hrefs = browse.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert hrefs == ["/", "/threads/", "/actors/", "/kinds/", "/places/"]
        browse.nth(1).click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == "/threads/"
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "/fr"], ids=["en", "fr"])
def test_a_not_found_page_served_deep_in_the_site_sends_its_search_to_the_search_page(
    page: Page,
    site_url: str,
    site_dir: Path,
    prefix: str,
    page_log: Any,
    assert_page_clean: Callable[[], None],
) -> None:
    # As a host does: the not-found page, with a 404, at whatever address was asked for.
    missing = f"{site_url}{prefix}/events/no/such/entry/"
    not_found = site_dir / prefix.lstrip("/") / "404.html"
    page.route(missing, lambda route: route.fulfill(status=404, path=not_found))
    response = page.goto(missing)
    assert response is not None and response.status == 404
    # Chromium reports the 404 itself as a console error: the one error expected here.
    errors = page_log.console_errors
    errors[:] = [error for error in errors if not error.endswith(f"({missing})")]
    # Its stylesheet loads from the site's root, not from below the missing address.
    expect(page.locator(".search-form")).to_have_css("display", "flex")
    page.locator("#search-query").fill("Raqqa")
    page.locator("#search-query").press("Enter")
    page.wait_for_url(f"{site_url}{prefix}/search/?q=Raqqa")
    expect(page.locator(f"{RESULT}[href='{prefix}{SEED}']")).to_be_visible()
    assert_page_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_ui_with_results_and_filters_has_no_axe_violations(
    page: Page, site_url: str, scheme: str, assert_page_clean: Callable[[], None]
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}/search/?q=Raqqa")
    expect(page.locator(f"{RESULT}[href='{SEED}']")).to_be_visible()
    # Open a filter group, so that its checkboxes are audited too.
    page.locator("summary.pagefind-ui__filter-name", has_text="Kind").click()
    expect(page.get_by_role("checkbox").first).to_be_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert_page_clean()
