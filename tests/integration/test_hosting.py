"""What a built site gives its host: the ``_headers`` file."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from generator.hosting import IMMUTABLE
from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build
from tests.unit.test_hosting import rules

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


def test_the_header_policy_is_the_meta_tags_with_framing_forbidden(fixture_site: Path):
    everywhere = header_rules(fixture_site)["/*"]
    for path in ("index.html", "events/offer/index.html", "search/index.html", "fr/index.html"):
        head = parse_file(fixture_site / path).find("head")
        csp = head.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
        assert "frame-ancestors" not in csp, path
        assert everywhere["Content-Security-Policy"] == f"{csp}; frame-ancestors 'none'", path
        referrer = head.find("meta", name="referrer").attrs["content"]
        assert everywhere["Referrer-Policy"] == referrer == "strict-origin-when-cross-origin"
    assert everywhere["X-Content-Type-Options"] == "nosniff"
    # Everything else keeps the host's revalidating default (see generator/hosting.py).
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
