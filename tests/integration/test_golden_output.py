"""The fixture site is built byte for byte as the committed manifest says (``make golden``)."""

from __future__ import annotations

from pathlib import Path

from tests.golden import MANIFEST, manifest, read_manifest


def test_the_fixture_site_matches_its_manifest(fixture_site: Path):
    expected, built = read_manifest(MANIFEST), manifest(fixture_site)
    missing = sorted(set(expected) - set(built))
    extra = sorted(set(built) - set(expected))
    changed = sorted(p for p in set(expected) & set(built) if expected[p] != built[p])
    assert (missing, extra, changed) == ([], [], []), (
        "the output differs from tests/fixtures/minimal/expected-output.sha256; if that is "
        f"meant, run make golden.\nmissing: {missing}\nextra: {extra}\nchanged: {changed}"
    )
    assert len(expected) > 50
    assert "pagefind/pagefind-entry.json" in expected
