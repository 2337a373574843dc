"""The benchmark's synthetic content: valid for our checker, mirrored for vanilla Pelican and Hugo,
with a French translation of every fifth entry, and reproducible."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.content.checks import check_tree
from generator.content.frontmatter import read_document

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "benchmarks" / "generate.py"
ENTRIES = 30
TRANSLATIONS = 6  # entries 0, 5, 10, 15, 20 and 25
# Every generated date is before July 2026; a fixed day keeps the check reproducible.
TODAY = date(2026, 7, 1)


def generate(out: Path) -> Path:
    subprocess.run([sys.executable, str(GENERATE), str(ENTRIES), str(out)], check=True)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench"))


def originals(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if not p.name.endswith(".fr.md"))


def translations(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.fr.md"))


def title(path: Path) -> str:
    return re.search(r"^(?:title|Title): \"?(.*?)\"?$", path.read_text(), re.MULTILINE)[1]


def test_our_tree_passes_our_checker_without_errors_or_warnings(generated):
    content = generated / "ours" / "content"
    checked, problems = check_tree(content, content.parent, TODAY)
    assert [str(p) for p in problems] == []
    events = [e for e in checked if e.lang == "en"]
    assert len(events) == ENTRIES
    assert {e.kind.id for e in events} > {"agreement"}  # kinds from the real registry
    assert any(e.date.start.precision == "month" for e in events)
    assert any(e.thread for e in events)
    assert all(len(e.summary) >= 60 for e in events)
    for event in events:
        assert event.sources
        assert all(s.publisher and s.title and s.date for s in event.sources)
        assert all(s.url.startswith("https://example.org/") for s in event.sources)


def test_every_fifth_entry_has_a_french_translation_our_checker_accepts(generated):
    content = generated / "ours" / "content"
    checked, problems = check_tree(content, content.parent, TODAY)
    assert [str(p) for p in problems] == []
    french = [e for e in checked if e.lang == "fr"]
    assert len(french) == TRANSLATIONS
    english = {e.slug: e for e in checked if e.lang == "en"}
    numbers = sorted(int(e.slug.rsplit("-", 1)[1]) for e in french)
    assert numbers == list(range(0, ENTRIES, 5))
    for event in french:
        original = english[event.slug]
        assert event.original_path == original.source_path
        assert event.date == original.date
        assert event.actors == original.actors
        assert event.title != original.title
        assert " à " in event.title  # French text, not the English copied
        assert event.summary.startswith("À ")
        assert len(event.summary) >= 60  # long enough for the checker's advice
    for path in translations(content / "events"):
        doc = read_document(path, path.name)
        assert set(doc.fields) == {"title", "summary", "lang"}  # the facts are inherited
        # As many phrases as the original has words; a French noun comes with its article.
        assert len(doc.body.split("\n\n")) == 3
        assert 150 <= len(doc.body.split()) <= 250


def test_file_names_match_the_dates(generated):
    paths = originals(generated / "ours" / "content" / "events")
    assert len(paths) == ENTRIES
    slugs = set()
    for path in paths:
        doc = read_document(path, path.name)
        iso = doc.fields["date"].value
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", iso)
        assert path.name.startswith(f"{iso}-")
        assert not re.match(r"\d", path.name.removeprefix(f"{iso}-"))
        assert path.parent.name == iso[:4]
        assert 1960 <= int(iso[:4]) <= 2026
        slugs.add(path.name.removeprefix(f"{iso}-"))
    assert len(slugs) == ENTRIES


def test_vanilla_tree_has_the_same_entries_and_translations(generated):
    ours_dir = generated / "ours" / "content" / "events"
    vanilla_dir = generated / "vanilla" / "content"
    for pick in (originals, translations):
        ours = pick(ours_dir)
        vanilla = [p for p in pick(vanilla_dir) if "pages" not in p.parts]
        assert len(vanilla) == len(ours) > 0
        assert [title(p) for p in vanilla] == [title(p) for p in ours]
        assert [p.name for p in vanilla] == [p.name for p in ours]
    assert len(translations(vanilla_dir)) == TRANSLATIONS
    # Pelican links a translation to its original by the slug and the language.
    for path in translations(vanilla_dir):
        text = path.read_text()
        assert "\nLang: fr\n" in text
        original = path.with_name(path.name.replace(".fr.md", ".md")).read_text()
        slug = re.compile(r"^Slug: .*$", re.MULTILINE)
        assert slug.search(text)[0] == slug.search(original)[0]
    conf = (generated / "vanilla" / "pelicanconf.py").read_text()
    assert "RELATIVE_URLS = True" in conf
    assert "PLUGINS = []" in conf  # plain Pelican, not whatever plugins are installed
    cached = (generated / "vanilla" / "pelicanconf_cache.py").read_text()
    assert "from pelicanconf import *" in cached
    assert "CACHE_CONTENT = True" in cached
    assert "LOAD_CONTENT_CACHE = True" in cached


def test_hugo_tree_has_the_same_english_entries(generated):
    hugo = generated / "hugo"
    ours = originals(generated / "ours" / "content" / "events")
    entries = sorted((hugo / "content" / "events").glob("*.md"))
    assert [p.name for p in entries] == [p.name for p in ours]
    assert [title(p) for p in entries] == [title(p) for p in ours]
    for path in entries:
        front, body = path.read_text().removeprefix("---\n").split("\n---\n", 1)
        fields = yaml.safe_load(front)
        assert path.name.startswith(f"{fields['date'].isoformat()[:7]}")
        assert path.name.endswith(f"-{fields['slug']}.md")
        assert len(fields["categories"]) == 1
        assert fields["tags"]
        assert len(body.split()) == 150
    conf = tomllib.loads((hugo / "hugo.toml").read_text())
    assert conf["taxonomies"] == {"category": "categories", "tag": "tags"}
    assert conf["buildFuture"] is True
    layouts = sorted(p.relative_to(hugo).as_posix() for p in (hugo / "layouts").rglob("*"))
    assert layouts == [
        "layouts/_default",
        "layouts/_default/list.html",
        "layouts/_default/single.html",
    ]


def test_generation_is_deterministic(generated, tmp_path):
    again = generate(tmp_path / "again")
    assert files(again) == files(generated)
