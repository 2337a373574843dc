"""The correction route on the built pages, and the About page made from the data."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.htmltree import Element, parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build

REPOSITORY = "https://github.com/owner/chronology"
EMAIL = "fixes@example.org"
SITEURL = "https://example.org/chronology"

ABOUT = """---
title: About this chronology
slug: about
lang: en
template: about
---
What this is. See [the offer](/events/offer/).
"""
ABOUT_FR = """---
title: À propos
slug: about
lang: fr
template: about
---
Ce que c'est. Voir [l'offre](/events/offer/).
"""


def with_about(folder: Path) -> Path:
    """Copy the fixture content and give it an About page in both languages."""
    content = Path(shutil.copytree(FIXTURE_CONTENT, folder / "content"))
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    (content / "pages" / "about.fr.md").write_text(ABOUT_FR, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def routed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with both routes set and an absolute address."""
    folder = tmp_path_factory.mktemp("routed")
    return build(
        folder / "output",
        with_about(folder),
        SITEURL=SITEURL,
        TIMELINE_REPOSITORY_URL=REPOSITORY,
        TIMELINE_CORRECTIONS_EMAIL=EMAIL,
    )


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with neither route set."""
    folder = tmp_path_factory.mktemp("plain")
    return build(folder / "output", with_about(folder))


def correction(site: Path, page: str) -> list[Element]:
    return parse_file(site / page).find_all("p", class_="correction")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, strict_parsing=True)


def test_an_event_page_links_to_an_issue_prefilled_with_its_file_and_address(routed_site):
    (block,) = correction(routed_site, "events/offer/index.html")
    issue, mail = block.find_all("a")
    assert issue.text() == "Suggest a correction"
    href = issue.attrs["href"]
    assert href.startswith(f"{REPOSITORY}/issues/new?")
    assert query(href) == {
        "title": ["Correction: A day-precision statement <em>with markup</em>"],
        "body": [
            "Entry: content/events/2016/2016-05-24-offer.md\n"
            f"Page: {SITEURL}/events/offer/\n\n"
            "What is wrong, and a source that shows it:\n"
        ],
    }
    assert mail.text() == "or by email"
    assert mail.attrs["href"].startswith(f"mailto:{EMAIL}?")
    assert query(mail.attrs["href"])["body"][0].startswith(
        "Entry: content/events/2016/2016-05-24-offer.md\r\n"
    )


def test_a_french_event_page_prefills_in_french_with_its_own_file(routed_site):
    (block,) = correction(routed_site, "fr/events/offer/index.html")
    issue = block.find_all("a")[0]
    assert issue.text() == "Proposer une correction"
    body = query(issue.attrs["href"])["body"][0]
    assert body.startswith(
        "Entrée\u00a0: content/events/2016/2016-05-24-offer.fr.md\n"
        f"Page\u00a0: {SITEURL}/fr/events/offer/\n"
    )


def test_without_the_settings_no_page_offers_a_route(plain_site):
    assert correction(plain_site, "events/offer/index.html") == []
    assert correction(plain_site, "fr/events/offer/index.html") == []
    about = parse_file(plain_site / "about" / "index.html")
    assert about.find_all("section", class_="corrections") == []
    assert "mailto:" not in (plain_site / "about" / "index.html").read_text(encoding="utf-8")


def test_the_about_page_names_the_route_and_shows_the_email_only_when_set(routed_site):
    about = parse_file(routed_site / "about" / "index.html")
    section = about.find("section", class_="corrections")
    links = {a.text(): a.attrs["href"] for a in section.find_all("a")}
    issue = links["Open an issue about something else, such as a missing event"]
    assert query(issue) == {
        "title": ["Correction to the chronology"],
        "body": ["What is wrong or missing, and a source that shows it:\n"],
    }
    assert links[EMAIL].startswith(f"mailto:{EMAIL}?subject=Correction%20to%20the%20chronology")
    assert "Without an account, write to" in section.text()


def test_the_about_page_states_the_licence_from_the_settings(routed_site, tmp_path):
    about = parse_file(routed_site / "about" / "index.html")
    licence = about.find("a", rel="license")
    assert (licence.text(), licence.attrs["href"]) == (
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    )
    assert "MIT licence" in about.find("section", class_="licence").text()
    other = build(
        tmp_path / "output",
        with_about(tmp_path),
        TIMELINE_LICENSE_NAME="CC0 1.0",
        TIMELINE_LICENSE_URL="https://creativecommons.org/publicdomain/zero/1.0/",
    )
    licence = parse_file(other / "fr" / "about" / "index.html").find("a", rel="license")
    assert (licence.text(), licence.attrs["href"]) == (
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    )


def test_each_about_page_counts_its_own_sites_entries(routed_site):
    def events_in(folder: Path) -> int:
        # Event pages, not the redirect pages that aliases put below events/ too.
        pages = (folder / "events").glob("*/index.html")
        return sum('class="event-page' in page.read_text(encoding="utf-8") for page in pages)

    english = parse_file(routed_site / "about" / "index.html").find("p", class_="lede")
    french = parse_file(routed_site / "fr" / "about" / "index.html").find("p", class_="lede")
    assert english.text() == f"This site holds {events_in(routed_site)} entries."
    count = events_in(routed_site / "fr")
    assert count == 1  # the fixture translates one entry
    assert french.text().startswith(f"Ce site compte {count} entrée. Ce sont les entrées traduites")
    assert french.find("a").attrs["href"] == f"{SITEURL}/"


def test_the_french_about_page_links_into_the_french_site(routed_site):
    page = parse_file(routed_site / "fr" / "about" / "index.html").find("article")
    event_links = [a.attrs["href"] for a in page.find_all("a") if "/events/" in a.attrs["href"]]
    assert event_links == [f"{SITEURL}/fr/events/offer/"]


def test_a_french_page_linking_to_an_untranslated_entry_fails_the_strict_build(tmp_path):
    content = with_about(tmp_path)
    page = content / "pages" / "about.fr.md"
    page.write_text(ABOUT_FR.replace("/events/offer/", "/events/refusal/"), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        build(tmp_path / "output", content, strict=True)
    assert (
        "content/pages/about.fr.md:7: body: warning: links to /events/refusal/, which has no "
        "'fr' version"
    ) in str(caught.value)


def test_a_page_naming_a_template_the_theme_lacks_fails_the_build(tmp_path):
    content = with_about(tmp_path)
    page = content / "pages" / "about.md"
    page.write_text(ABOUT.replace("template: about", "template: abuot"), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        build(tmp_path / "output", content)
    assert (
        "content/pages/about.md:5: template: no template abuot.html in the theme "
        "(hint: did you mean 'about'?)"
    ) in str(caught.value)
