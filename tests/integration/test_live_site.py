"""The preview's update of the served site gives the bytes of a cold build of the same content.

One synthetic site (``benchmarks/generate.py``: events over six decades, actors, places,
threads, French translations) is built once, kept in memory (:class:`LiveSite`), and edited
again and again; after each update every file of the served folder is compared with a cold
build of the same content into a fresh folder. Only the search index is left out: the preview
brings it up to date after the page is served. Edits that move an entry between pages must
ask for a full build, and a broken entry must leave the served site as it was.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from benchmarks.generate import generate
from generator.content.problems import ContentError
from generator.site.live import LiveSite, NeedsRebuild
from generator.tools.build import build_site
from tests.integration.conftest import ROOT, build
from tests.integration.test_atomic_build import snapshot
from tests.integration.test_page_reuse import assert_same, replace
from tests.integration.test_page_reuse import events as originals

ENTRIES = 48
SEARCH_INDEX = "pagefind/"


def served(folder: Path) -> dict[str, bytes]:
    """Every file of a site but its search index."""
    files = snapshot(folder)
    return {name: data for name, data in files.items() if not name.startswith(SEARCH_INDEX)}


def translated(content: Path) -> list[Path]:
    """The originals that have a French translation."""
    return [p for p in originals(content) if p.with_name(p.name[:-3] + ".fr.md").exists()]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("live")
    generate(ENTRIES, root / "generated")
    content = root / "content"
    shutil.copytree(root / "generated" / "ours" / "content", content)
    output = root / "site" / "output"
    overrides = {"PATH": str(content), "CACHE_PATH": str(root / "cache")}
    done = build_site(output, ROOT / "pelicanconf.py", overrides, keep_pages=True)
    assert done is not None
    return {"root": root, "content": content, "output": output, "live": LiveSite(done, output)}


def update(site: dict, paths: list[Path]):
    """Update as the preview does: the pages first, then the calendars and data files."""
    done = site["live"].update(paths)
    site["live"].write_lists(done.changed)
    return done


def cold(site: dict) -> dict[str, bytes]:
    """Build the content as it is now into a fresh folder, and return its files."""
    site["cold"] = site.get("cold", 0) + 1
    folder = site["root"] / f"cold-{site['cold']}" / "output"
    return served(build(folder, site["content"]))


def test_a_retitled_entry_is_shown_everywhere_as_a_full_build_shows_it(site: dict):
    entry = originals(site["content"])[ENTRIES // 2]
    replace(entry, r'^title: "', 'title: "Retitled ')
    done = update(site, [entry])
    assert done.entries == 1
    updated = served(site["output"])
    assert_same(updated, cold(site))
    shown = {name for name, data in updated.items() if b"Retitled " in data}
    # its page, lists, feeds and data: more than one page, far fewer than all
    assert len(shown) > 5
    assert done.pages < len(updated) // 2


def test_a_summary_body_and_source_edited_together(site: dict):
    entry = originals(site["content"])[7]
    replace(entry, r"^summary: ", "summary: Amended, ")
    body = "---\nA new first paragraph & <em>no markup</em>.\n\n"
    replace(entry, r"^---\n(?![\s\S]*^---\n)", body)
    replace(entry, r"publisher: ", "publisher: Renamed ")
    update(site, [entry])
    assert_same(served(site["output"]), cold(site))


def test_a_translation_edited(site: dict):
    french = sorted((site["content"] / "events").rglob("*.fr.md"))[2]
    replace(french, r'^title: "', 'title: "Retouché ')
    update(site, [french])
    updated = served(site["output"])
    assert_same(updated, cold(site))
    shown = {name for name, data in updated.items() if "Retouché ".encode() in data}
    assert shown and all(name.startswith("fr/") for name in shown)


def test_an_original_edited_updates_its_translation_too(site: dict):
    entry = translated(site["content"])[3]
    replace(entry, r"publisher: ", "publisher: Cited by both ")
    update(site, [entry])
    updated = served(site["output"])
    assert_same(updated, cold(site))
    french = [name for name, data in updated.items() if b"Cited by both" in data]
    assert any(name.startswith("fr/events/") for name in french)


def test_two_entries_saved_at_once(site: dict):
    first, second = originals(site["content"])[1], originals(site["content"])[-2]
    replace(first, r'^title: "', 'title: "Both ')
    replace(second, r'^title: "', 'title: "Both ')
    assert update(site, [first, second]).entries == 2
    assert_same(served(site["output"]), cold(site))


def test_a_broken_entry_leaves_the_served_site_as_it_was(site: dict):
    entry = originals(site["content"])[11]
    before = served(site["output"])
    text = entry.read_text(encoding="utf-8")
    replace(entry, r"^kind: \S+", "kind: nonsense")
    try:
        with pytest.raises(ContentError) as raised:
            update(site, [entry])
        assert "kind" in str(raised.value)
        assert served(site["output"]) == before
    finally:
        entry.write_text(text, encoding="utf-8")


def approximate(text: str) -> str:
    return re.sub(r"^(date: \S+)$", r"\1\ncirca: true", text, count=1, flags=re.MULTILINE)


def another_kind(text: str) -> str:
    other = "agreement" if "\nkind: talks\n" in text else "talks"
    return re.sub(r"^kind: \S+", f"kind: {other}", text, count=1, flags=re.MULTILINE)


def another_actor(text: str) -> str:
    named = re.search(r"^actors: \[(.*)\]", text, flags=re.MULTILINE).group(1)  # type: ignore[union-attr]
    new = next(a for a in ("northland", "southland", "eastmark") if a not in named.split(", "))
    return text.replace("actors: [", f"actors: [{new}, ", 1)


@pytest.mark.parametrize("edit", [approximate, another_kind, another_actor])
def test_an_edit_that_moves_the_entry_asks_for_a_full_build(site: dict, edit):
    entry = originals(site["content"])[20]
    text = entry.read_text(encoding="utf-8")
    before = served(site["output"])
    try:
        entry.write_text(edit(text), encoding="utf-8")
        with pytest.raises(NeedsRebuild, match="more than its text"):
            update(site, [entry])
        assert served(site["output"]) == before
    finally:
        entry.write_text(text, encoding="utf-8")


def test_a_new_file_or_a_registry_asks_for_a_full_build(site: dict):
    content = site["content"]
    with pytest.raises(NeedsRebuild, match="new or removed"):
        site["live"].update([content / "events" / "2001" / "2001-01-01-not-built.md"])
    with pytest.raises(NeedsRebuild, match="not an entry"):
        site["live"].update([content / "data" / "actors.yml"])
