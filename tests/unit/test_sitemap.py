"""The sitemap: every page of both sites, their hreflang versions, no redirects, git's lastmod."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.writers import Writer

from generator.content.model import Alias
from generator.site.generators.sitemap import SitemapGenerator
from generator.site.history import FileHistory
from generator.site.languages import SiteLanguages
from generator.site.sitemap import (
    ROBOTS_PATH,
    SITEMAP_PATH,
    SitemapUrl,
    SiteNotes,
    build_sitemap,
    robots_txt,
    site_notes,
    sitemap_urls,
)
from generator.site.state import BuildState
from tests.factories import make_generator

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
EN = "https://example.org/chronology"
FR = f"{EN}/fr"
CHANGED = datetime(2021, 3, 5, 4, 30, tzinfo=UTC)


def two_sites(siteurl: str = EN) -> SiteLanguages:
    """English with an untranslated event and a redirect; French with the translated one."""
    sites = SiteLanguages()
    sites.record(
        "en",
        siteurl,
        {
            "index.html",
            "events/offer/index.html",
            "events/later/index.html",
            "events/old/index.html",
        },
    )
    sites.record("fr", f"{siteurl}/fr", {"index.html", "events/offer/index.html"})
    return sites


NOTES = {
    "en": SiteNotes(
        left_out={"events/old/index.html"}, lastmod={"events/offer/index.html": CHANGED}
    ),
    "fr": SiteNotes(),
}


def urls_by_loc(sites: SiteLanguages, notes: dict[str, SiteNotes] = NOTES) -> dict[str, SitemapUrl]:
    return {url.loc: url for url in sitemap_urls(sites.sites, notes)}


def parse(xml: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(xml)
    return {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}


def alternates(url: ET.Element) -> dict[str, str]:
    links = url.findall("xhtml:link", NS)
    assert all(link.get("rel") == "alternate" for link in links)
    return {link.get("hreflang"): link.get("href") for link in links}


def test_every_page_of_every_site_is_listed_main_site_first():
    assert [url.loc for url in sitemap_urls(two_sites().sites, NOTES)] == [
        f"{EN}/",
        f"{EN}/events/later/",
        f"{EN}/events/offer/",
        f"{FR}/",
        f"{FR}/events/offer/",
    ]


def test_a_translated_page_names_both_versions_both_ways_and_english_as_default():
    urls = urls_by_loc(two_sites())
    both = (
        ("en", f"{EN}/events/offer/"),
        ("fr", f"{FR}/events/offer/"),
        ("x-default", f"{EN}/events/offer/"),
    )
    assert urls[f"{EN}/events/offer/"].alternates == both
    assert urls[f"{FR}/events/offer/"].alternates == both
    assert urls[f"{FR}/"].alternates == (
        ("en", f"{EN}/"),
        ("fr", f"{FR}/"),
        ("x-default", f"{EN}/"),
    )


def test_an_untranslated_page_names_no_other_version_as_its_head_does():
    urls = urls_by_loc(two_sites())
    assert urls[f"{EN}/events/later/"].alternates == ()
    assert f"{FR}/events/later/" not in urls


def test_redirect_pages_are_left_out():
    assert f"{EN}/events/old/" not in urls_by_loc(two_sites())
    # Without the notes they would be listed: the left-out set is what keeps them out.
    assert f"{EN}/events/old/" in urls_by_loc(two_sites(), {})


def test_lastmod_where_git_knows_the_entry_and_nothing_elsewhere():
    urls = parse(build_sitemap(sitemap_urls(two_sites().sites, NOTES)))
    assert urls[f"{EN}/events/offer/"].findtext("s:lastmod", namespaces=NS) == (
        "2021-03-05T04:30:00+00:00"
    )
    for loc in (f"{EN}/", f"{EN}/events/later/", f"{FR}/events/offer/"):
        assert urls[loc].find("s:lastmod", NS) is None


def test_lastmod_is_written_in_utc_with_its_offset():
    eastern = CHANGED.astimezone(timezone(timedelta(hours=-5)))
    xml = build_sitemap([SitemapUrl(f"{EN}/", eastern)])
    assert parse(xml)[f"{EN}/"].findtext("s:lastmod", namespaces=NS) == "2021-03-05T04:30:00+00:00"


def test_the_xml_uses_the_sitemap_and_xhtml_namespaces():
    xml = build_sitemap(sitemap_urls(two_sites().sites, NOTES))
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<urlset ")
    assert b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"' in xml
    assert b'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    urls = parse(xml)
    assert alternates(urls[f"{FR}/events/offer/"]) == {
        "en": f"{EN}/events/offer/",
        "fr": f"{FR}/events/offer/",
        "x-default": f"{EN}/events/offer/",
    }
    assert urls[f"{EN}/events/later/"].findall("xhtml:link", NS) == []


def test_an_address_with_an_ampersand_is_escaped_and_reads_back_the_same():
    siteurl = "https://example.org/a&b<c"
    xml = build_sitemap(sitemap_urls(two_sites(siteurl).sites, NOTES))
    assert b"https://example.org/a&amp;b&lt;c/events/offer/" in xml
    assert b"a&b" not in xml
    urls = parse(xml)
    assert f"{siteurl}/events/offer/" in urls
    assert alternates(urls[f"{siteurl}/events/offer/"])["fr"] == f"{siteurl}/fr/events/offer/"


def test_robots_txt_allows_everything_and_names_the_sitemap():
    assert robots_txt(f"{EN}/sitemap.xml") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {EN}/sitemap.xml\n"
    )


# What each run notes


@dataclass
class Entry:
    """What the sitemap reads of a Pelican article: its file, aliases and git history."""

    save_as: str
    aliases: tuple[Alias, ...] = ()
    history: FileHistory | None = None

    @property
    def event(self) -> SimpleNamespace:
        return SimpleNamespace(aliases=self.aliases)


def test_a_run_notes_its_redirect_files_and_the_last_commit_of_each_entry():
    history = FileHistory(
        first=CHANGED - timedelta(days=9), last=CHANGED, commits=2, last_commit="a"
    )
    notes = site_notes(
        [
            Entry(
                "events/offer/index.html", (Alias("events/old/"), Alias("2016/05/x.html")), history
            ),
            Entry("events/later/index.html"),
        ]
    )
    assert notes.left_out == {"events/old/index.html", "2016/05/x.html"}
    assert notes.lastmod == {"events/offer/index.html": CHANGED}


# The generator


def generator_for(
    build: BuildState, siteurl: str, lang: str = "en", articles: list[Entry] | None = None
) -> SitemapGenerator:
    """The generator of one language's run of ``build``."""
    settings = {"SITEURL": siteurl, "DEFAULT_LANG": lang, "I18N_SUBSITES": {"fr": {}}}
    generator = make_generator(SitemapGenerator, settings, {"articles": articles or []})
    build.attach(generator.settings)
    return generator


@pytest.fixture
def built() -> BuildState:
    """A build with both sites recorded, as the two runs leave them before the main run writes."""
    build = BuildState()
    build.languages = two_sites()
    return build


def run_both(build: BuildState, siteurl: str, output: Path) -> None:
    """Read the English run, then the French one, then write the English run, as Pelican does."""
    english = generator_for(
        build, siteurl, "en", [Entry("events/offer/index.html", (Alias("events/old/"),))]
    )
    english.generate_context()
    generator_for(build, f"{siteurl}/fr", "fr").generate_context()
    english.generate_output(Writer(str(output), {}))


def test_the_main_run_writes_the_sitemap_and_robots_txt(built: BuildState, tmp_path: Path):
    run_both(built, EN, tmp_path)
    urls = parse((tmp_path / SITEMAP_PATH).read_bytes())
    assert sorted(urls) == [
        f"{EN}/",
        f"{EN}/events/later/",
        f"{EN}/events/offer/",
        f"{FR}/",
        f"{FR}/events/offer/",
    ]
    robots = (tmp_path / ROBOTS_PATH).read_text(encoding="utf-8")
    assert f"Sitemap: {EN}/sitemap.xml" in robots.splitlines()


@pytest.mark.parametrize("siteurl", ["", "/chronology", "//example.org"])
def test_nothing_is_written_without_an_absolute_siteurl(
    built: BuildState, tmp_path: Path, siteurl: str
):
    run_both(built, siteurl, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_french_run_and_the_page_planner_write_nothing(built: BuildState, tmp_path: Path):
    generator_for(built, FR, "fr").generate_output(Writer(str(tmp_path), {}))
    assert generator_for(built, EN).planned_pages() == ()  # neither file is a page
    assert list(tmp_path.iterdir()) == []


def test_a_build_starts_without_the_previous_builds_notes(built: BuildState):
    built.sitemap_notes["de"] = SiteNotes(left_out={"x.html"})
    build = BuildState()
    build.languages = two_sites()
    generator_for(build, EN).generate_context()
    assert list(build.sitemap_notes) == ["en"]
    generator_for(build, FR, "fr").generate_context()
    assert list(build.sitemap_notes) == ["en", "fr"]
