"""Metadata in Chromium: an event page's JSON-LD parses in the page and breaks no CSP rule."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page

SEED = "/events/lavrov-ready-to-coordinate-on-raqqa/"

#: Runs before the page's own scripts: records every violation of the Content-Security-Policy.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_an_event_page_data_parses_in_the_page_and_the_csp_holds(
    page: Page, site_url: str, assert_page_clean: Callable[[], None]
) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{site_url}{SEED}")
    page.wait_for_load_state("load")
    # The browser's own JSON parser, on the block's text as the browser read it.
    blocks = page.locator('script[type="application/ld+json"]').evaluate_all(
        "blocks => blocks.map(b => JSON.stringify(JSON.parse(b.textContent)))"
    )
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "Event"
    assert data["startDate"] == "2016-05-24"
    assert data["sameAs"] == [f"/fr{SEED}"]
    citations = data["subjectOf"]["citation"]
    assert len(citations) == page.locator("#sources > li").count()
    hrefs = page.locator("#sources a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    cited = [work["url"] for work in citations if "url" in work]
    assert cited and all(url in hrefs for url in cited)
    # Executable inline scripts would be refused here, and reported; a data block is not one.
    assert page.evaluate("window.cspViolations") == []
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 1
    assert_page_clean()


def test_an_inline_script_would_be_refused(page: Page, site_url: str, page_log: Any) -> None:
    # The check above can fail: the same page, with an inline script added, reports it.
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{site_url}{SEED}")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.ran = true";
        document.body.append(script);
    }"""
    )
    page.wait_for_function("window.cspViolations.length > 0")
    assert page.evaluate("window.ran === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.cspViolations"))
    # Chromium reports it on the console too: that one error is this test's, and expected.
    refused = [e for e in page_log.console_errors if "Executing inline script violates" in e]
    assert len(refused) == 1
    page_log.console_errors.remove(refused[0])
