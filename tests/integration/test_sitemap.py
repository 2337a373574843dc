"""A published build has one sitemap of both languages' pages, and a robots.txt naming it."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.site.languages import output_file
from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build, git

SITEURL = "https://example.org/chronology"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site at a public address, from a repository whose commit dates are known.

    Everything is committed on 2 January 2020; the French offer is corrected in March 2021.
    """
    repo = tmp_path_factory.mktemp("sitemap") / "repo"
    content = Path(shutil.copytree(FIXTURE_CONTENT, repo / "content"))
    git(repo, "init", "-q", when="2020-01-02T10:00:00+00:00")
    git(repo, "add", ".", when="2020-01-02T10:00:00+00:00")
    git(repo, "commit", "-q", "-m", "first", when="2020-01-02T10:00:00+00:00")
    entry = content / "events" / "2016" / "2016-05-24-offer.fr.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nUne correction.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "fix", when="2021-03-04T23:30:00-05:00")
    return build(repo.parent / "output", content, SITEURL=SITEURL)


def sitemap(site: Path) -> dict[str, ET.Element]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}


def file_of(site: Path, url: str) -> Path:
    assert url.startswith(f"{SITEURL}/"), url
    return site / output_file(url.removeprefix(f"{SITEURL}/"))


def alternates(url: ET.Element) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}


def is_noindex(page: Path) -> bool:
    return bool(parse_file(page).find_all("meta", name="robots", content="noindex"))


def test_every_listed_address_is_a_page_of_the_output(published: Path):
    urls = sitemap(published)
    for loc, url in urls.items():
        assert file_of(published, loc).is_file(), loc
        for href in alternates(url).values():
            assert href in urls, href


def test_every_page_of_both_languages_but_the_noindex_ones_is_listed(published: Path):
    pages = {page.relative_to(published) for page in published.rglob("*.html")}
    noindex = {page for page in pages if is_noindex(published / page)}
    redirects = {Path("events/old-offer/index.html"), Path("2016/05/offer.html")}
    assert noindex == redirects | {Path("404.html"), Path("fr/404.html")}
    listed = {file_of(published, loc).relative_to(published) for loc in sitemap(published)}
    assert listed == pages - noindex
    # The search pages are real pages of each site, in its language; only ?q= views are not.
    assert {Path("search/index.html"), Path("fr/search/index.html")} <= listed


def test_the_event_page_and_its_translation_name_each_other(published: Path):
    urls = sitemap(published)
    both = {
        "en": f"{SITEURL}/events/offer/",
        "fr": f"{SITEURL}/fr/events/offer/",
        "x-default": f"{SITEURL}/events/offer/",
    }
    assert alternates(urls[f"{SITEURL}/events/offer/"]) == both
    assert alternates(urls[f"{SITEURL}/fr/events/offer/"]) == both
    assert alternates(urls[f"{SITEURL}/events/later/"]) == {}


def test_the_sitemap_says_what_each_page_says_in_its_head(published: Path):
    for loc, url in sitemap(published).items():
        head = parse_file(file_of(published, loc)).find("head")
        links = head.find_all("link", rel="alternate")
        in_head = {
            link.attrs["hreflang"]: link.attrs["href"] for link in links if "hreflang" in link.attrs
        }
        assert alternates(url) == in_head, loc


def test_lastmod_is_each_file_s_last_commit_and_only_where_git_knows_it(published: Path):
    urls = sitemap(published)

    def lastmod(loc: str) -> str | None:
        return urls[f"{SITEURL}/{loc}"].findtext("s:lastmod", namespaces=NS)

    assert lastmod("events/offer/") == "2020-01-02T10:00:00+00:00"
    assert lastmod("fr/events/offer/") == "2021-03-05T04:30:00+00:00"
    assert lastmod("events/later/") == "2020-01-02T10:00:00+00:00"
    assert lastmod("") is None
    assert lastmod("about/") is None


def test_the_not_found_pages_link_from_the_sites_public_address(published: Path):
    for path in ("404.html", "fr/404.html"):
        page = parse_file(published / path)
        found = [
            e.attrs[name]
            for e in page.iter()
            for name in ("href", "src", "action")
            if e.attrs.get(name) and not e.attrs[name].startswith("#")
        ]
        assert found and all(link.startswith(f"{SITEURL}/") for link in found), path
    assert "/chronology/pagefind/index/*" in (published / "_headers").read_text(encoding="utf-8")


def test_robots_txt_allows_everything_and_names_the_sitemap(published: Path):
    lines = (published / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Allow: /" in lines
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines
    assert not (published / "fr" / "sitemap.xml").exists()
    assert not (published / "fr" / "robots.txt").exists()


def test_the_local_preview_has_neither(fixture_site: Path):
    assert not (fixture_site / "sitemap.xml").exists()
    assert not (fixture_site / "robots.txt").exists()
