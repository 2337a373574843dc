"""Both languages in Chromium: the switch leads to the same page; search keeps to its language."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.browser.test_search import INPUT, RESULT, result_paths

SEED = "/events/lavrov-ready-to-coordinate-on-raqqa/"
# Every entry of the chronology is translated; the fixture site's refusal is not.
ENGLISH_ONLY = "/events/refusal/"


def switch(page: Page):
    return page.locator("nav.language-switch a")


def test_the_switch_goes_to_the_same_event_and_back(
    page: Page, site_url: str, assert_page_clean: Callable[[], None]
) -> None:
    page.goto(f"{site_url}{SEED}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch(page).click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"/fr{SEED}"
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_contain_text("Lavrov")
    expect(page.locator("main")).to_contain_text("24 mai 2016")
    # The French page has its styles from the one copy at the root.
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    switch(page).click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == SEED
    assert_page_clean()


def test_the_switch_of_an_untranslated_page_says_it_leads_home(
    page: Page, fixture_site_url: str
) -> None:
    page.goto(f"{fixture_site_url}{ENGLISH_ONLY}")
    link = switch(page)
    expect(link).to_have_text("Français (accueil\u00a0: cette page n'est pas traduite)")
    link.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/fr/"
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_the_switch_is_reached_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/fr/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('nav.language-switch') !== null"):
            break
    else:
        raise AssertionError("Tab never reached the language switch")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_french_search_finds_french_pages_only(
    page: Page, site_url: str, assert_page_clean: Callable[[], None]
) -> None:
    page.goto(f"{site_url}/fr/search/?q=coordonner")
    expect(page.locator(f"{RESULT}[href='/fr{SEED}']")).to_be_visible()
    paths = result_paths(page)
    assert paths
    assert all(path.startswith("/fr/") for path in paths), paths
    # Pagefind's own words are French on a French page, as are the filter names.
    expect(page.locator(INPUT)).to_have_attribute("placeholder", "Rechercher")
    expect(page.locator("summary.pagefind-ui__filter-name").first).to_be_visible()
    names = page.locator("summary.pagefind-ui__filter-name").all_inner_texts()
    assert names == ["Acteurs", "Année", "Type"], names
    assert_page_clean()


def test_an_english_search_finds_no_french_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Raqqa")
    expect(page.locator(f"{RESULT}[href='{SEED}']")).to_be_visible()
    assert not [path for path in result_paths(page) if path.startswith("/fr/")]
