"""A build that takes unchanged pages from the site it replaces gives the bytes of a full one.

One synthetic site (``benchmarks/generate.py``: events over six decades, actors, places,
threads, French translations) is built into one folder again and again, a change made before
each build; after each, every file is compared with a cold build of the same content into a
fresh folder. A page taken from the previous site keeps its inode, so each case also shows
that pages were taken, and which: never a page whose inputs changed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from benchmarks.generate import generate
from generator.site.pagereuse import MANIFEST_FILE
from tests.integration.conftest import build
from tests.integration.test_atomic_build import snapshot

ENTRIES = 48
#: The file of each part of the search index that names its languages and pages.
ENTRY = "pagefind-entry.json"


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def events(content: Path) -> list[Path]:
    return sorted(p for p in (content / "events").rglob("*.md") if not p.name.endswith(".fr.md"))


def replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("reuse")
    generate(ENTRIES, root / "generated")
    content = root / "content"
    shutil.copytree(root / "generated" / "ours" / "content", content)
    output = root / "site" / "output"
    cache = root / "cache"
    build(output, content, CACHE_PATH=str(cache))
    return {"root": root, "content": content, "output": output, "cache": cache, "cold": 0}


def rebuild(site: dict) -> tuple[dict[str, bytes], dict[str, bytes], set[str]]:
    """Build warm into the same folder and cold into a new one; return both and what was taken."""
    before = inodes(site["output"])
    build(site["output"], site["content"], CACHE_PATH=str(site["cache"]))
    after = inodes(site["output"])
    taken = {name for name, inode in after.items() if before.get(name) == inode}
    site["cold"] += 1
    cold = site["root"] / f"cold-{site['cold']}" / "output"
    build(cold, site["content"], CACHE_PATH=str(site["root"] / f"cold-cache-{site['cold']}"))
    return snapshot(site["output"]), snapshot(cold), taken


def assert_same(warm: dict[str, bytes], cold: dict[str, bytes]) -> None:
    assert sorted(warm) == sorted(cold)
    assert sorted(name for name in warm if warm[name] != cold[name]) == []


def test_nothing_changed_takes_every_page_it_can(site: dict):
    warm, cold, taken = rebuild(site)
    assert_same(warm, cold)
    event_pages = {name for name in warm if re.fullmatch(r"(fr/)?events/[^/]+/index.html", name)}
    assert len(event_pages) > ENTRIES
    assert event_pages <= taken
    for name in ("actors/index.html", "years/1990/index.html", "fr/kinds/index.html"):
        if name in warm:
            assert name in taken
    # The feeds, calendars and data files too, each language's.
    exports = {name for name in warm if re.search(r"\.(atom\.xml|ics)$|^(fr/)?data/", name)}
    assert {"calendar.ics", "fr/calendar.ics", "data/events.json", "fr/data/events.csv"} <= exports
    assert exports <= taken
    # And the search index, made of the same pages.
    index = {name for name in warm if name.startswith("pagefind/")}
    assert "pagefind/pagefind-entry.json" in index
    assert index <= taken
    manifest = json.loads((site["cache"] / MANIFEST_FILE).read_text())
    assert manifest["output"] == str(site["output"].resolve())


def test_a_retitled_entry_renders_its_page_its_lists_and_its_neighbours(site: dict):
    entry = events(site["content"])[ENTRIES // 2]
    replace(entry, r'^title: "', 'title: "Retitled ')
    warm, cold, taken = rebuild(site)
    assert_same(warm, cold)
    page = next(name for name, text in warm.items() if b"Retitled " in text and "events/" in name)
    assert page not in taken
    showing = {name for name, text in warm.items() if b"Retitled " in text}
    assert showing.isdisjoint(taken)  # every page that shows the new title was rendered
    assert len(taken) > len(warm) // 2  # and most were not
    # The site's calendar and data files list it; a calendar of a facet it is not in is taken.
    assert {"calendar.ics", "data/events.json", "feeds/events.atom.xml"} <= showing
    assert any(name.startswith("calendars/") for name in taken)
    assert any(name.startswith("calendars/") for name in showing)
    assert "pagefind/pagefind-entry.json" not in taken  # one index, made again


def test_a_translation_edited(site: dict):
    french = sorted((site["content"] / "events").rglob("*.fr.md"))[1]
    replace(french, r'^title: "', 'title: "Retouché ')
    warm, cold, taken = rebuild(site)
    assert_same(warm, cold)
    showing = {name for name, text in warm.items() if "Retouché ".encode() in text}
    assert showing and showing.isdisjoint(taken)
    assert all(name.startswith("fr/") for name in showing if name.endswith(".html"))


def test_a_kind_changed_moves_the_entry_between_kind_pages(site: dict):
    entry = events(site["content"])[3]
    text = entry.read_text(encoding="utf-8")
    kind = re.search(r"^kind: (\S+)", text, flags=re.MULTILINE).group(1)  # type: ignore[union-attr]
    other = "talks" if kind != "talks" else "agreement"
    replace(entry, r"^kind: \S+", f"kind: {other}")
    warm, cold, taken = rebuild(site)
    assert_same(warm, cold)
    assert f"kinds/{other}/index.html" not in taken
    assert f"kinds/{kind}/index.html" not in taken or f"kinds/{kind}/index.html" not in warm


def test_a_date_changed_to_another_decade(site: dict):
    """The file moves with its date (the checks want them to agree); its slug stays."""
    entry = events(site["content"])[-1]
    replace(entry, r"^date: \S+", "date: 1961-02-03")
    folder = site["content"] / "events" / "1961"
    folder.mkdir(exist_ok=True)
    for old in (entry, entry.with_name(entry.name.replace(".md", ".fr.md"))):
        if old.exists():  # YYYY-MM-DD- is 11 characters
            old.rename(folder / f"1961-02-03-{old.name[11:]}")
    warm, cold, _ = rebuild(site)
    assert_same(warm, cold)
    assert any(name.startswith("years/1961/") for name in warm)


def test_an_entry_added_and_another_removed(site: dict):
    first, second = events(site["content"])[5:7]
    added = first.with_name(first.name.replace(".md", "-again.md"))
    shutil.copy(first, added)
    replace(added, r'^title: "', 'title: "Another ')
    second.unlink()
    french = second.with_name(second.name.replace(".md", ".fr.md"))
    if french.exists():
        french.unlink()
    warm, cold, _ = rebuild(site)
    assert_same(warm, cold)


def test_a_registry_renamed_renders_every_page(site: dict):
    actors = site["content"] / "data" / "actors.yml"
    replace(actors, r"en: ([A-Z][a-z]+) ", r"en: \1-Renamed ")
    warm, cold, taken = rebuild(site)
    assert_same(warm, cold)
    assert not any(re.fullmatch(r"(fr/)?events/[^/]+/index.html", name) for name in taken)


def test_another_output_folder_takes_nothing(site: dict, tmp_path: Path):
    """The manifest names the folder it was written for: another build starts from nothing."""
    elsewhere = tmp_path / "output"
    shutil.copytree(site["output"], elsewhere)
    before = inodes(elsewhere)
    build(elsewhere, site["content"], CACHE_PATH=str(site["cache"]))
    after = inodes(elsewhere)
    assert not any(before.get(name) == inode for name, inode in after.items())


def test_a_page_changed_on_disk_is_rendered_again(site: dict):
    """A file edited or replaced in the output since is not the one the manifest knows."""
    page = next(p for p in sorted((site["output"] / "events").rglob("index.html")))
    good = page.read_bytes()
    page.unlink()
    page.write_bytes(b"<p>edited by hand</p>")
    os.utime(page, ns=(1, 1))
    build(site["output"], site["content"], CACHE_PATH=str(site["cache"]))
    assert page.read_bytes() == good


def test_an_index_in_parts_makes_again_only_the_parts_of_changed_pages(tmp_path: Path):
    """Pagefind makes an index anew or not at all; a part of unchanged pages is taken whole."""
    content = tmp_path / "content"
    shutil.copytree(site_content(tmp_path), content)
    parts = {"TIMELINE_SEARCH_PAGES_PER_INDEX": 20}
    output, cache = tmp_path / "site" / "output", tmp_path / "cache"
    build(output, content, CACHE_PATH=str(cache), **parts)
    entries = {p.relative_to(output).parent.as_posix() for p in output.rglob(ENTRY)}
    assert len(entries) >= 3, entries  # the first part and the others in pagefind/part-N/

    replace(events(content)[-1], r'^title: "', 'title: "Retitled ')
    before = inodes(output)
    build(output, content, CACHE_PATH=str(cache), **parts)
    after = inodes(output)
    cold = build(tmp_path / "cold" / "output", content, CACHE_PATH=str(tmp_path / "c"), **parts)
    assert_same(snapshot(output), snapshot(cold))
    made = {part for part in entries if before[f"{part}/{ENTRY}"] != after[f"{part}/{ENTRY}"]}
    assert made, "the part with the retitled page is made again"
    assert made != entries, "the others are taken"
    for part in entries - made:  # every file of a part taken is the one before
        files = part_files(after, part)
        assert files and all(before.get(name) == after[name] for name in files)


def part_files(names: Iterable[str], part: str) -> list[str]:
    """The files of one part of the index: below its folder, not in another part's."""
    inside = [name.removeprefix(f"{part}/") for name in names if name.startswith(f"{part}/")]
    return [f"{part}/{rest}" for rest in inside if not rest.startswith("part-")]


def site_content(tmp_path: Path) -> Path:
    generate(ENTRIES, tmp_path / "generated")
    return tmp_path / "generated" / "ours" / "content"
