"""The preview's error overlay in Chromium: the errors over the last good page, the CSP kept.

The page fixture fails the test on any console error, which a style or script the site's
Content-Security-Policy refused would be.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.integration.test_serve import OFFER, get, started, wait_for


def errors(base: str) -> str | None:
    code, text = get(f"{base}/_preview/status.json")
    return json.loads(text)["errors"] if code == 200 else None


def test_a_broken_save_shows_its_errors_over_the_last_good_page(page: Page, tmp_path: Path):
    with started(tmp_path, "pelicanconf.py") as (project, base):
        page.goto(f"{base}/events/offer/")
        expect(page.locator(".preview-errors")).to_have_count(0)
        entry = project / OFFER
        entry.write_text(entry.read_text().replace("kind: statement", "kind: statment"))
        wait_for(lambda: errors(base), "the preview to report the errors", 60)
        page.goto(f"{base}/events/offer/")
        overlay = page.get_by_role("alert")
        expect(overlay).to_contain_text(f"{OFFER}:4: kind")
        expect(overlay).to_contain_text("did you mean 'statement'?")
        expect(page.locator("h1")).to_contain_text("A day-precision statement")
        hide = overlay.get_by_role("button", name="Hide")
        expect(hide).to_be_focused()
        hide.click()
        expect(page.locator(".preview-errors")).to_have_count(0)
