"""Every page type passes axe-core's WCAG 2.2 AA rules, in light and dark colour schemes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# Cumulative WCAG A/AA tags; target-size (2.5.8) is off by default in axe, so it is named, and
# so is heading-order, a best-practice rule outside those tags (no level skipped, as vnu checks).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "rules": {"target-size": {"enabled": True}, "heading-order": {"enabled": True}},
    "resultTypes": ["violations"],
}
PAGES = [
    "/",
    "/events/lavrov-ready-to-coordinate-on-raqqa/",
    "/events/coalition-and-russian-officers-meet-over-deir-ez-zor/",  # month precision
    "/about/",
    # Listing pages: an index, then one page of each kind of facet and a year.
    "/actors/",
    "/actors/sergei-lavrov/",
    "/places/raqqa/",
    "/threads/strategic-arms-control/",
    "/kinds/agreement/",
    "/years/2016/",
    "/decades/1980s/",  # eras begin and end in the list
    "/?kind=agreement&from=2015",  # filtered in place
    "/fr/events/lavrov-ready-to-coordinate-on-raqqa/",
    "/fr/",
    "/fr/decades/2010s/",
    "/fr/about/",
    "/fr/actors/",
    "/fr/actors/sergei-lavrov/",
    "/fr/places/raqqa/",
    "/fr/threads/raqqa-2016/",
    "/fr/kinds/agreement/",
    "/fr/years/2016/",
    "/events/apollo-and-soyuz-dock-in-orbit/",  # untranslated: the switch says so
    "/fr/search/",
    "/search/",  # Pagefind's UI; test_search.py audits it again with results and filters
    "/404.html",  # what hosts serve at a missing address; test_search.py sends its search
    "/fr/404.html",
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(
    page: Page,
    site_url: str,
    axe: Axe,
    path: str,
    scheme: str,
    assert_page_clean: Callable[[], None],
) -> None:
    page.emulate_media(color_scheme=scheme)
    response = page.goto(f"{site_url}{path}")
    assert response is not None and response.status == 200
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert_page_clean()


def test_skip_link_is_the_first_tab_stop_and_reaches_main(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
