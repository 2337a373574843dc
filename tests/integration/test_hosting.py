"""What a built site gives its host: the ``_headers`` file, and a not-found page per language."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from generator.site.hosting import IMMUTABLE
from generator.site.languages import output_file
from tests.htmltree import Element, parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build
from tests.unit.test_hosting import rules

NOT_FOUND = {"en": "404.html", "fr": "fr/404.html"}
#: How Pagefind names a file after its content: a language, then a hash.
HASHED_NAME = re.compile(r"[/.][a-z]+_[0-9a-f]{7,}\.pf_[a-z]+$")


@pytest.fixture(scope="module")
def without_search(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(
        tmp_path_factory.mktemp("hosting") / "output", FIXTURE_CONTENT, TIMELINE_SEARCH=False
    )


def header_rules(site: Path) -> dict[str, dict[str, str]]:
    return rules((site / "_headers").read_text(encoding="utf-8"))


def bundle_files(site: Path) -> set[str]:
    """Every file of the search bundle, by the path a browser asks for."""
    return {
        f"/{p.relative_to(site).as_posix()}" for p in (site / "pagefind").rglob("*") if p.is_file()
    }


def links(page: Element) -> list[str]:
    """Every address the page links to, loads or sends a form to; in-page anchors aside."""
    found = [
        e.attrs[name]
        for e in page.iter()
        for name in ("href", "src", "action")
        if e.attrs.get(name) is not None
    ]
    return [link for link in found if not link.startswith("#")]


def test_the_header_policy_is_the_meta_tags_with_framing_forbidden(fixture_site: Path):
    everywhere = header_rules(fixture_site)["/*"]
    for path in ("index.html", "events/offer/index.html", "search/index.html", *NOT_FOUND.values()):
        head = parse_file(fixture_site / path).find("head")
        csp = head.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
        assert "frame-ancestors" not in csp, path
        assert everywhere["Content-Security-Policy"] == f"{csp}; frame-ancestors 'none'", path
        referrer = head.find("meta", name="referrer").attrs["content"]
        assert everywhere["Referrer-Policy"] == referrer == "strict-origin-when-cross-origin"
    assert everywhere["X-Content-Type-Options"] == "nosniff"
    # Everything else keeps the host's revalidating default (see generator/site/hosting.py).
    assert "Cache-Control" not in everywhere
    assert not (fixture_site / "fr" / "_headers").exists()


def test_only_the_content_hashed_bundle_files_are_cached_for_good(fixture_site: Path):
    found = header_rules(fixture_site)
    cached = {pattern: headers for pattern, headers in found.items() if pattern != "/*"}
    assert cached and all(headers == {"Cache-Control": IMMUTABLE} for headers in cached.values())
    files = bundle_files(fixture_site)
    for pattern in cached:
        assert any(fnmatchcase(path, pattern) for path in files), f"{pattern} matches nothing"
    immutable = {path for path in files if any(fnmatchcase(path, p) for p in cached)}
    assert immutable == {path for path in files if HASHED_NAME.search(path)}
    # The files the search page asks for by a fixed name stay revalidated.
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text())
    fixed = {"/pagefind/pagefind.js", "/pagefind/pagefind-entry.json", "/pagefind/pagefind-ui.js"}
    fixed |= {f"/pagefind/wasm.{lang}.pagefind" for lang in entry["languages"]}
    assert fixed <= files - immutable
    # The index's metadata is found through the entry file, by the hash in its name.
    metas = {f"/pagefind/pagefind.{info['hash']}.pf_meta" for info in entry["languages"].values()}
    assert metas == {path for path in immutable if path.endswith(".pf_meta")}


def test_without_search_no_bundle_rule_is_written(without_search: Path):
    assert list(header_rules(without_search)) == ["/*"]


@pytest.mark.parametrize(("lang", "title"), [("en", "Page not found"), ("fr", "Page introuvable")])
def test_each_language_has_a_not_found_page_kept_out_of_search_engines(
    fixture_site: Path, lang: str, title: str
):
    page = parse_file(fixture_site / NOT_FOUND[lang])
    assert page.find("html").attrs["lang"] == lang
    assert page.find("head").find("meta", name="robots").attrs["content"] == "noindex"
    assert page.find("main").find("h1").text() == title
    assert page.find("header", class_="site-header") and page.find("footer", class_="site-footer")


@pytest.mark.parametrize(("lang", "search"), [("en", "/search/"), ("fr", "/fr/search/")])
def test_the_search_box_is_a_plain_form_sent_to_the_search_page(
    fixture_site: Path, lang: str, search: str
):
    page = parse_file(fixture_site / NOT_FOUND[lang])
    form = page.find("main").find("form", role="search")
    assert (form.attrs["action"], form.attrs["method"]) == (search, "get")
    query = form.find("input", name="q")
    assert query.attrs["type"] == "search"
    assert form.find("label").attrs["for"] == query.attrs["id"]
    assert form.find("button").attrs["type"] == "submit"
    # Nothing to run: the search page searches ?q= itself.
    assert page.find_all("script") == []
    assert (fixture_site / output_file(search.lstrip("/"))).is_file()


def test_without_search_there_is_no_search_box(without_search: Path):
    for path in NOT_FOUND.values():
        page = parse_file(without_search / path)
        assert page.find_all("form") == [], path
        assert not any("search/" in link for link in links(page)), path


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_link_starts_at_the_sites_root(fixture_site: Path, lang: str):
    page = parse_file(fixture_site / NOT_FOUND[lang])
    found = links(page)
    assert len(found) > 10
    for link in found:
        assert link.startswith("/") and not link.startswith("//"), link
    # The page's own links lead to pages of the site (the footer's "about" is a content page).
    for link in links(page.find("main")):
        assert (fixture_site / output_file(link.lstrip("/"))).is_file(), link
    browse = [a.attrs["href"] for a in page.find("nav", class_="browse-links").find_all("a")]
    prefix = "/" if lang == "en" else "/fr/"
    assert browse == [prefix, *(f"{prefix}{r}/" for r in ("threads", "actors", "kinds", "places"))]


def test_the_two_not_found_pages_name_each_other(fixture_site: Path):
    expected = {"en": "/404.html", "fr": "/fr/404.html", "x-default": "/404.html"}
    for path in NOT_FOUND.values():
        head = parse_file(fixture_site / path).find("head")
        found = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in head.find_all("link", rel="alternate")
            if link.attrs.get("hreflang")
        }
        assert found == expected, path
