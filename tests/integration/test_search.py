"""Search: Pagefind indexes the event pages and pages of a build, or the build fails."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import pytest

from generator.content.problems import SearchIndexError
from generator.site import search
from generator.site.generators import exports
from tests.htmltree import Element, parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build


def page_counts(site: Path) -> dict[str, int]:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: info["page_count"] for lang, info in entry["languages"].items()}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def search_attributes(page: Element, name: str) -> list[tuple[str, str]]:
    """Each (key, text) of the page's elements carrying ``data-pagefind-<name>``."""
    attribute = f"data-pagefind-{name}"
    return [(e.attrs[attribute] or "", e.text()) for e in page.iter() if attribute in e.attrs]


def test_only_event_pages_and_pages_are_indexed(fixture_site: Path):
    # Five events and the About page in English, one translation in French; the home, decade,
    # year, facet, redirect and search pages have nothing marked data-pagefind-body.
    assert page_counts(fixture_site) == {"en": 6, "fr": 1}
    assert (fixture_site / "pagefind" / "pagefind-ui.js").is_file()
    assert (fixture_site / "pagefind" / "pagefind-ui.css").is_file()


def test_an_event_page_gives_its_kind_actors_and_year_as_filters(fixture_site: Path):
    page = parse_file(fixture_site / "events" / "offer" / "index.html")
    assert [e.tag for e in page.iter() if "data-pagefind-body" in e.attrs] == ["article"]
    assert search_attributes(page, "filter") == [
        ("Kind", "Statement"),
        ("Actors", "Sergei Lavrov"),
        ("Actors", "Russia"),
        ("Year", "2016"),
    ]
    assert search_attributes(page, "meta") == [("date", "24 May 2016")]
    ignored = [
        e.attrs.get("id") or e.classes()[0]
        for e in page.iter()
        if "data-pagefind-ignore" in e.attrs
    ]
    # Related events and history appear only when there are some. The sources' heading would
    # make a sub-result titled "Sources" under every result; their list is indexed.
    everything = {"sources-heading", "related", "neighbours", "history", "cite"}
    assert {"sources-heading", "neighbours", "cite"} <= set(ignored) <= everything
    assert "data-pagefind-ignore" not in page.find("ol", id="sources").attrs


def test_a_translation_gives_its_filters_in_its_language(fixture_site: Path):
    page = parse_file(fixture_site / "fr" / "events" / "offer" / "index.html")
    assert page.find("html").attrs["lang"] == "fr"
    assert search_attributes(page, "filter") == [
        ("Type", "Déclaration"),
        ("Acteurs", "Sergueï Lavrov"),
        ("Acteurs", "Russie"),
        ("Année", "2016"),
    ]


def test_the_search_page_loads_pagefind_from_files_only(fixture_site: Path):
    page = parse_file(fixture_site / "search" / "index.html")
    assert page.find("link", rel="canonical").attrs["href"] == "/search/"
    assert [s.attrs.get("src") for s in page.find_all("script")] == [
        "/pagefind/pagefind-ui.js",
        "/theme/js/search.js",
    ]
    assert all(not s.children for s in page.find_all("script"))
    assert page.find_all("style") == []
    assert all(e.attrs.get("style") is None for e in page.iter())
    sheets = [link.attrs["href"] for link in page.find_all("link", rel="stylesheet")]
    assert sheets == ["/theme/css/site.css", "/pagefind/pagefind-ui.css"]
    assert page.find("div", id="search")


def test_without_javascript_the_search_page_leads_to_the_browse_pages(fixture_site: Path):
    page = parse_file(fixture_site / "search" / "index.html")
    assert "needs JavaScript" in page.find("p", id="search-needs-js").text()
    links = [a.attrs["href"] for a in page.find("nav", class_="search-browse").find_all("a")]
    assert links == ["/", "/threads/", "/actors/", "/kinds/", "/places/"]
    for href in links:
        assert (fixture_site / href.strip("/") / "index.html").is_file(), href


def test_every_page_links_to_search(fixture_site: Path):
    for path in ("index.html", "events/offer/index.html", "actors/index.html"):
        nav = parse_file(fixture_site / path).find("header").find("nav")
        assert "/search/" in [a.attrs["href"] for a in nav.find_all("a")], path


def test_search_can_be_switched_off(tmp_path: Path):
    site = build(tmp_path / "output", FIXTURE_CONTENT, TIMELINE_SEARCH=False)
    assert not (site / "pagefind").exists()
    assert not (site / "search").exists()
    nav = parse_file(site / "index.html").find("header").find("nav")
    assert "/search/" not in [a.attrs["href"] for a in nav.find_all("a")]
    assert (site / "events" / "offer" / "index.html").is_file()


def fake_pagefind(folder: Path, script: str) -> Path:
    """A stand-in for Pagefind's binary: a shell script, found through PAGEFIND_BINARY_PATH."""
    path = folder / "fake-pagefind"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)
    return path


def test_a_pagefind_failure_fails_the_build_and_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    output = build(tmp_path / "output", FIXTURE_CONTENT)
    before = snapshot(output)
    broken = fake_pagefind(tmp_path, "echo 'Error: Failed to parse file' >&2\nexit 1")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    with pytest.raises(
        SearchIndexError, match=r"Pagefind failed \(exit status 1\): Failed to parse file$"
    ):
        build(output, FIXTURE_CONTENT)
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-pagefind", "output"]


def test_the_index_starts_once_its_pages_are_written_and_the_rest_is_written_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    start_pagefind = search.start_pagefind
    seen: list[set[str]] = []
    limits: list[int | None] = []

    def start_and_look(
        site: Path, bundle: Path, timeout: float, threads: int | None
    ) -> search.PagefindRun:
        # ``site`` is the folder of links to the pages it reads, inside the staging site.
        seen.append({p.relative_to(site.parent).as_posix() for p in site.parent.rglob("*")})
        limits.append(threads)
        return start_pagefind(site, bundle, timeout, threads)

    monkeypatch.setattr(search, "start_pagefind", start_and_look)
    output = build(tmp_path / "output", FIXTURE_CONTENT, TIMELINE_WORKERS=2)
    [at_start] = seen
    assert limits == [1]  # one thread, beside the workers writing the rest
    assert {"events/offer/index.html", "about/index.html", "fr/events/offer/index.html"} <= at_start
    # Feeds, calendars and list pages were not written yet; the build wrote them meanwhile.
    later = {"calendar.ics", "years/2016/index.html", "kinds/statement/index.html"}
    assert later & at_start == set()
    assert all((output / name).is_file() for name in later)
    assert page_counts(output) == {"en": 6, "fr": 1}


def test_a_build_failing_while_pagefind_runs_stops_it_and_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    output = build(tmp_path / "output", FIXTURE_CONTENT, TIMELINE_WORKERS=2)
    before = snapshot(output)
    pid_file = tmp_path / "pid"
    slow = fake_pagefind(
        tmp_path, f"echo $$ > {pid_file}.new && mv {pid_file}.new {pid_file}\nexec sleep 60"
    )
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))

    calendar_bytes = exports.calendar_bytes

    def broken_calendar(
        articles: Any, settings: dict[str, Any], *args: Any, **kwargs: Any
    ) -> bytes:
        if settings["DEFAULT_LANG"] != "en":  # the French site is written before the index starts
            return calendar_bytes(articles, settings, *args, **kwargs)
        # The main site's are written after the pages search reads: by then Pagefind runs.
        deadline = time.monotonic() + 20
        while not pid_file.is_file():
            assert time.monotonic() < deadline, "Pagefind never started"
            time.sleep(0.02)
        raise RuntimeError("a calendar could not be written")

    monkeypatch.setattr(exports, "calendar_bytes", broken_calendar)
    with pytest.raises(Exception, match="a calendar could not be written"):
        # Every page and file written anew: none is taken from the site before.
        build(output, FIXTURE_CONTENT, TIMELINE_WORKERS=2, TIMELINE_PAGE_CACHE=False)
    pagefind = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):  # killed, and waited for, before the build ended
        os.kill(pagefind, 0)
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-pagefind", "output", "pid"]


def test_an_index_with_fewer_pages_than_events_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    start_pagefind = search.start_pagefind
    few = tmp_path / "few"
    write_page(few, "index.html", "en", "<p>one page, where the build has six</p>")

    def index_one_page(
        site: Path, bundle: Path, timeout: float, threads: int | None
    ) -> search.PagefindRun:
        # As if no template marked anything data-pagefind-body: Pagefind succeeds.
        return start_pagefind(few, bundle, timeout, threads)

    monkeypatch.setattr(search, "start_pagefind", index_one_page)
    with pytest.raises(SearchIndexError, match="expected at least 6 pages, got 1"):
        build(tmp_path / "output", FIXTURE_CONTENT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["few"]


def write_page(site: Path, path: str, lang: str, body: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f'<!doctype html><html lang="{lang}"><body>{body}</body></html>')


def test_index_site_writes_into_the_site_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    site = tmp_path / "site"
    write_page(site, "a/index.html", "en", "<main data-pagefind-body><h1>Raqqa</h1></main>")
    write_page(site, "b/index.html", "fr", "<main data-pagefind-body><h1>Raqqa</h1></main>")
    write_page(site, "index.html", "en", "<p>not marked, so not indexed</p>")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with caplog.at_level(logging.INFO, logger="generator.site.search"):
        assert search.index_site(site, minimum_pages=2) == {"en": 1, "fr": 1}
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert list(elsewhere.iterdir()) == []
    assert [r.getMessage() for r in caplog.records] == ["Search index: 2 pages (1 en, 1 fr)"]


def test_a_pagefind_that_hangs_is_killed_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    pid_file = tmp_path / "pid"
    hang = fake_pagefind(tmp_path, f"echo $$ > {pid_file}\nexec sleep 60")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(hang))
    with pytest.raises(SearchIndexError, match=r"took longer than 0\.5 s"):
        search.index_site(tmp_path, timeout=0.5)
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
        os.kill(int(pid_file.read_text()), 0)


def test_an_empty_site_is_a_pagefind_error(tmp_path: Path):
    with pytest.raises(SearchIndexError, match=r"exit status 1\): Pagefind was not able"):
        search.index_site(tmp_path)


def test_pagefind_ignores_a_config_file_and_variables_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    site = tmp_path / "site"
    write_page(site, "a/index.html", "en", "<main data-pagefind-body><h1>Raqqa</h1></main>")
    # Pagefind would fail on this file in its working folder, and index everything as French.
    (tmp_path / "pagefind.yml").write_text("output_subdir: [\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "fr")
    assert search.index_site(site) == {"en": 1}


@pytest.mark.parametrize("entry", ["not json", '{"languages": []}', None])
def test_an_unreadable_entry_file_is_an_error(tmp_path: Path, entry: str | None):
    if entry is not None:
        (tmp_path / "pagefind-entry.json").write_text(entry)
    with pytest.raises(SearchIndexError, match="cannot read"):
        search.read_page_counts(tmp_path)
