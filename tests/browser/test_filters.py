"""Filters on the chronology in Chromium: in place with JavaScript, links without it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

FACET_PAGE = re.compile(r"^/(kinds|actors|places|threads)/[^/]+/$")


def visible_kinds(page: Page) -> set[str]:
    return set(
        page.locator(".chronology li.event:visible").evaluate_all(
            "items => items.map(i => i.dataset.kind)"
        )
    )


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_filtering_by_kind_shows_only_that_kind_and_survives_a_reload(
    page: Page, site_url: str
) -> None:
    page.goto(f"{site_url}/")
    events = page.locator(".chronology li.event")
    total = events.count()
    refusals = page.locator(".chronology li.event[data-kind='refusal']").count()
    assert 0 < refusals < total

    form = page.locator("#filter-form")
    expect(form).to_be_visible()
    page.select_option("#filter-kind", "refusal")

    expect(page.locator(".chronology li.event:visible")).to_have_count(refusals)
    assert visible_kinds(page) == {"refusal"}
    assert query(page) == {"kind": ["refusal"]}
    expect(page.locator("#filter-status")).to_have_text(
        f"Showing {refusals} of {total} events on this page."
    )
    facet = page.locator("#filter-facet a")
    expect(facet).to_have_attribute("href", "/kinds/refusal/")
    # Years with no refusal are hidden with their headings.
    for section in page.locator(".chronology section.year").all():
        has_match = section.locator("li.event[data-kind='refusal']").count() > 0
        assert section.is_visible() == has_match

    page.reload()
    expect(page.locator("#filter-kind")).to_have_value("refusal")
    expect(page.locator(".chronology li.event:visible")).to_have_count(refusals)

    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator(".chronology li.event:visible")).to_have_count(total)
    assert query(page) == {}
    expect(page.locator("#filter-status")).to_be_hidden()


def test_a_shared_link_with_actor_and_years_opens_filtered(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/?actor=sergei-lavrov&from=2016&to=2017&unrelated=kept")
    expect(page.locator("#filter-actor")).to_have_value("sergei-lavrov")
    shown = page.locator(".chronology li.event:visible")
    expect(shown.first).to_be_visible()
    for item in shown.all():
        assert "sergei-lavrov" in item.get_attribute("data-actors").split()
        assert item.get_attribute("data-year") in {"2016", "2017"}
    lavrov = ".chronology li.event[data-actors~='sergei-lavrov']"
    expected = page.locator(f"{lavrov}:is([data-year='2016'],[data-year='2017'])").count()
    expect(shown).to_have_count(expected)
    # A value the page has no option for is ignored rather than hiding everything.
    page.goto(f"{site_url}/?kind=no-such-kind")
    expect(page.locator("#filter-kind")).to_have_value("")
    expect(page.locator(".chronology li.event:visible")).to_have_count(
        page.locator(".chronology li.event").count()
    )


def test_the_keyboard_alone_reaches_the_links_filters_and_search(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    reached: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.id || e.getAttribute('href') || e.textContent.trim(); }"
            )
        )
        if reached[-1] == "filter-to":
            break
    assert reached[0] == "#main", "the skip link comes first"
    assert "/search/" in reached, "the header's search link"
    assert "/actors/" in reached
    order = [reached.index(name) for name in ("filter-kind", "filter-actor", "filter-from")]
    assert order == sorted(order)

    # Choosing with the keyboard filters too.
    page.focus("#filter-kind")
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#filter-kind").input_value()
    assert chosen
    assert query(page) == {"kind": [chosen]}
    assert visible_kinds(page) == {chosen}


@pytest.fixture
def no_js_page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A page in a context with JavaScript switched off, still kept on 127.0.0.1."""
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname == "127.0.0.1"
            else route.abort("blockedbyclient")
        ),
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def test_without_javascript_every_facet_is_reachable_by_links(
    no_js_page: Page, site_url: str
) -> None:
    page = no_js_page
    page.goto(f"{site_url}/")
    expect(page.locator("#filter-form")).to_be_hidden()
    expect(page.locator(".chronology li.event").first).to_be_visible()
    kinds = page.locator(".browse-kinds a").evaluate_all("links => links.map(a => a.href)")
    indexes = page.locator(".site-header nav a").evaluate_all("links => links.map(a => a.href)")
    indexes = [
        url
        for url in indexes
        if urlsplit(url).path.strip("/") in {"kinds", "actors", "places", "threads"}
    ]
    assert len(indexes) == 4
    facets: set[str] = set(kinds)
    for index in indexes:
        page.goto(index)
        links = page.locator("main a").evaluate_all("links => links.map(a => a.href)")
        facets.update(url for url in links if FACET_PAGE.match(urlsplit(url).path))
    assert len(facets) > 40
    for url in sorted(facets):
        response = page.goto(url)
        assert response is not None and response.ok, url
        expect(page.locator("main li.event").first).to_be_visible()


def test_a_printed_chronology_lists_each_events_sources_as_notes(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/decades/2010s/")
    page.emulate_media(media="print")
    expect(page.locator("#filter-form")).to_be_hidden()
    first = page.locator(".chronology li.event").first
    notes = first.locator(".card-sources li")
    expect(notes.first).to_be_visible()
    url = notes.first.locator("a").first.get_attribute("href")
    after = notes.first.locator("a").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert url and url in after
    page.emulate_media(media="screen")
    expect(notes.first).to_be_hidden()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?kind=agreement",
        "/decades/2010s/",
        "/events/lavrov-ready-to-coordinate-on-raqqa/",
        "/actors/",
        "/search/?q=Raqqa",
        "/fr/",
        "/fr/events/lavrov-ready-to-coordinate-on-raqqa/",
        "/events/apollo-and-soyuz-dock-in-orbit/",
    ],
)
def test_a_360_pixel_screen_needs_no_sideways_scrolling(page: Page, site_url: str, path: str):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site_url}{path}")
    page.wait_for_load_state("load")
    if "search" in path:
        expect(page.locator(".pagefind-ui__result-link").first).to_be_visible()
    widest = page.evaluate("() => document.documentElement.scrollWidth")
    assert widest <= 360, f"{path} is {widest} px wide at 360 px"
    expect(page.locator("h1")).to_be_in_viewport()
