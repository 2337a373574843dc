"""Which page exists in which language: addresses, alternates, and links in entries."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pytest

from generator.site.languages import (
    SiteLanguages,
    language_name,
    output_file,
    page_path,
    translations_only,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sites() -> SiteLanguages:
    sites = SiteLanguages(ROOT / "theme" / "translations")
    sites.record("en", "", {"index.html", "events/a/index.html", "events/b/index.html"})
    sites.record("fr", "/fr", {"index.html", "events/a/index.html"})
    return sites


@pytest.mark.parametrize(
    ("name", "path"),
    [("index.html", ""), ("events/a/index.html", "events/a/"), ("feeds/x.html", "feeds/x.html")],
)
def test_output_files_and_addresses_map_both_ways(name: str, path: str):
    assert page_path(name) == path
    assert output_file(path) == name


def test_an_address_with_a_fragment_or_query_is_the_same_page():
    assert output_file("events/a/#sources") == "events/a/index.html"
    assert output_file("?kind=refusal") == "index.html"


def test_a_translated_page_has_both_versions(sites: SiteLanguages):
    versions = sites.alternates("fr", "events/a/index.html")
    assert [(v.lang, v.url, v.exists, v.current) for v in versions] == [
        ("en", "/events/a/", True, False),
        ("fr", "/fr/events/a/", True, True),
    ]
    assert [v.name for v in versions] == ["English", "Français"]


def test_an_untranslated_page_leads_home_with_a_note_in_the_other_language(sites: SiteLanguages):
    english, french = sites.alternates("en", "events/b/index.html")
    assert (english.exists, english.current, english.note) == (True, True, "")
    assert (french.url, french.exists) == ("/fr/", False)
    assert french.note == "accueil\u00a0: cette page n'est pas traduite"


def test_a_later_page_of_a_shorter_list_leads_to_its_first_page(sites: SiteLanguages):
    sites.record(
        "en", "", {"index.html", *(f"actors/x/{p}index.html" for p in ("", "page/2/", "page/3/"))}
    )
    sites.record("fr", "/fr", {"index.html", "actors/x/index.html", "actors/x/page/2/index.html"})
    french = sites.alternates("en", "actors/x/page/3/index.html")[1]
    assert (french.url, french.exists) == ("/fr/actors/x/", False)
    assert french.note == "première page : cette liste est plus courte dans cette langue"
    assert sites.alternates("en", "actors/x/page/2/index.html")[1].url == "/fr/actors/x/page/2/"
    # A list the other language lacks altogether, or a page that only looks like a later one
    # of a list, leads home.
    sites.record("fr", "/fr", {"index.html"})
    assert sites.alternates("en", "actors/x/page/3/index.html")[1].url == "/fr/"
    assert sites.alternates("en", "page/2/index.html")[1].url == "/fr/"
    assert sites.alternates("en", "events/page/index.html")[1].url == "/fr/"


def test_links_in_a_french_entry_go_to_french_pages_where_there_are(sites: SiteLanguages):
    html = '<a href="/events/a/">a</a> <a href="/events/b/#x">b</a> <a href="https://e.org/">e</a>'
    assert sites.localize_links(html, "fr") == (
        '<a href="/fr/events/a/">a</a> <a href="/events/b/#x" hreflang="en">b</a> '
        '<a href="https://e.org/">e</a>'
    )


def test_links_in_an_english_entry_take_the_site_address(sites: SiteLanguages):
    sites.record("en", "https://example.org/chrono", sites.sites["en"].pages)
    html = '<a href="/events/b/">b</a> <a href="//cdn.example/x">x</a>'
    assert sites.localize_links(html, "en") == (
        '<a href="https://example.org/chrono/events/b/">b</a> <a href="//cdn.example/x">x</a>'
    )


def test_a_language_the_build_does_not_know_leaves_links_alone(sites: SiteLanguages):
    assert sites.localize_links('<a href="/events/a/">a</a>', "de") == '<a href="/events/a/">a</a>'


def test_language_names_are_written_in_their_own_language():
    assert (language_name("en"), language_name("fr"), language_name("de")) == (
        "English",
        "Français",
        "Deutsch",
    )


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("2016-05-24-lavrov.fr.md", True),
        ("2016-05-24-lavrov.md", False),
        ("2016-05-24-border.md", False),  # ends in "r" like ".fr"
        ("2016-05-24-chauffr.md", False),  # ends in "fr" without the dot
        ("about.fr.md", True),
        ("about.md", False),
        ("2016-05-24-x.de.md", False),
    ],
)
def test_a_subsite_reads_only_the_files_in_its_language(name: str, read: bool):
    ignored = any(fnmatch(name, pattern) for pattern in translations_only("fr"))
    assert ignored is not read
