"""Entry addresses and paths: worked out once per build, as they would be each time."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from generator.site.plugin import below, pin_urls, resolved


def article(slug: str, lang: str = "en", **metadata: str) -> Article:
    settings = {
        **DEFAULT_CONFIG,
        "ARTICLE_URL": "events/{slug}/",
        "ARTICLE_LANG_URL": "{lang}/events/{slug}/",
    }
    return Article(
        "", metadata={"title": slug, "slug": slug, "lang": lang, **metadata}, settings=settings
    )


def test_each_address_is_the_one_pelican_gives_and_is_kept():
    english, french = article("offer"), article("offer", lang="fr")
    linked = article("talks", lang="fr")
    linked.override_url = "fr/events/talks/"  # as pelican-i18n-subsites points a translation
    expected = [english.url, french.url]
    pin_urls(SimpleNamespace(articles=[english], translations=[french, linked]))
    assert [english.url, french.url] == expected == ["events/offer/", "fr/events/offer/"]
    assert linked.url == "fr/events/talks/"
    english.slug = "renamed"  # never within a build: the address is not worked out again
    assert english.url == "events/offer/"


def test_a_resolved_path_is_the_one_pathlib_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("a")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "b.md").symlink_to(tmp_path / "real" / "a.md")
    paths = [
        tmp_path / "real" / "a.md",
        tmp_path / "link" / "a.md",  # through a linked folder
        tmp_path / "real" / "b.md",  # a linked file
        tmp_path / "link" / ".." / "real" / "a.md",
        tmp_path / "real" / "new.md",  # not there yet
    ]
    for path in paths:
        assert resolved(path) == resolved(str(path)) == str(path.resolve())
    # A relative path is resolved against the folder the process is in at the time.
    for folder in (tmp_path, tmp_path / "real"):
        monkeypatch.chdir(folder)
        assert resolved("a.md") == str(Path("a.md").resolve()) == str(folder / "a.md")


def test_a_path_below_a_folder_is_named_from_there():
    assert below("/repo/content/events/a.md", "/repo") == "content/events/a.md"
    assert below("/repo/content/a.md", "/repo/") == "content/a.md"
    assert below("/repository/a.md", "/repo") == "/repository/a.md"  # not below it
    assert below("/a.md", "/") == "a.md"
