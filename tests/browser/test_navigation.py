"""A reader can go from the home page to an event and see where its facts come from."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

EVENT_PATH = re.compile(r"^/events/[^/]+/$")


def test_home_page_leads_to_a_sourced_event(
    page: Page, site_url: str, assert_page_clean: Callable[[], None]
) -> None:
    page.goto(f"{site_url}/")
    expect(page.locator("h1")).to_have_count(1)

    event_links = page.locator("main a[href*='events/']")
    expect(event_links.first).to_be_visible()
    first = event_links.first
    target = first.evaluate("a => a.href")
    assert EVENT_PATH.match(urlsplit(target).path), f"not an event page link: {target}"

    first.click()
    page.wait_for_load_state("load")
    assert EVENT_PATH.match(urlsplit(page.url).path), f"landed on {page.url}"
    assert page.url == target

    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).not_to_be_empty()
    expect(page.locator("#sources li").first).to_be_visible()
    assert_page_clean()
