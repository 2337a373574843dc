"""A build that reuses the entries read by the one before gives the same site as a cold one.

Each case builds a copy of the fixture content twice with one cache folder, changing
something in between, and compares the second build with a cold build of the same content.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from generator.site.entrycache import CACHE_FILE
from tests.integration.conftest import FIXTURE_CONTENT, build
from tests.integration.test_atomic_build import snapshot

LATER = Path("events/2017/2017-09-21-later.md")


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    return content


def warm_and_cold(tmp_path: Path, content: Path, change) -> tuple[dict, dict]:
    cache = tmp_path / "cache"
    build(tmp_path / "first" / "output", content, CACHE_PATH=str(cache))
    assert (cache / CACHE_FILE).is_file()
    change(content)
    warm = build(tmp_path / "warm" / "output", content, CACHE_PATH=str(cache))
    cold = build(tmp_path / "cold" / "output", content, CACHE_PATH=str(tmp_path / "empty"))
    return snapshot(warm), snapshot(cold)


def test_nothing_changed(tmp_path: Path):
    warm, cold = warm_and_cold(tmp_path, copy_content(tmp_path), lambda content: None)
    assert warm == cold


def test_an_entry_changed_is_read_again(tmp_path: Path):
    def retitle(content: Path) -> None:
        path = content / LATER
        path.write_text(path.read_text().replace("A later event", "A retitled event"))

    warm, cold = warm_and_cold(tmp_path, copy_content(tmp_path), retitle)
    assert warm == cold
    assert b"A retitled event" in warm["events/later/index.html"]


def test_a_registry_changed_reads_every_entry_again(tmp_path: Path):
    """An event keeps its actors' names: a renamed actor must reach every page."""

    def rename(content: Path) -> None:
        path = content / "data" / "actors.yml"
        path.write_text(path.read_text().replace("{en: Russia,", "{en: Russian Federation,"))

    warm, cold = warm_and_cold(tmp_path, copy_content(tmp_path), rename)
    assert warm == cold
    assert b"Russian Federation" in warm["events/later/index.html"]


def test_an_original_changed_reads_its_translation_again(tmp_path: Path):
    """A translation takes its date and actors from its original."""

    def redate(content: Path) -> None:
        path = content / "events/2016/2016-05-24-offer.md"
        path.write_text(path.read_text().replace("actors: [", "actors: [united-states, ", 1))

    warm, cold = warm_and_cold(tmp_path, copy_content(tmp_path), redate)
    assert warm == cold


def test_an_entry_broken_meanwhile_fails_the_build_as_without_cache(tmp_path: Path):
    content = copy_content(tmp_path)
    cache = tmp_path / "cache"
    build(tmp_path / "first" / "output", content, CACHE_PATH=str(cache))
    path = content / LATER
    path.write_text(path.read_text().replace("kind: agreement", "kind: agrement"))
    try:
        build(tmp_path / "warm" / "output", content, CACHE_PATH=str(cache))
    except Exception as exc:  # noqa: BLE001 - compared below
        message = str(exc)
    else:
        raise AssertionError("the build should have failed")
    assert "2017-09-21-later.md:4: kind:" in message


def test_a_damaged_or_foreign_cache_file_is_ignored(tmp_path: Path):
    content = copy_content(tmp_path)
    cold = snapshot(build(tmp_path / "cold" / "output", content, CACHE_PATH=str(tmp_path / "a")))
    for name, data in (("damaged", b"not a pickle"), ("foreign", pickle.dumps(("other", {})))):
        cache = tmp_path / name
        cache.mkdir()
        (cache / CACHE_FILE).write_bytes(data)
        site = build(tmp_path / name / "output", content, CACHE_PATH=str(cache))
        assert snapshot(site) == cold


def test_no_cache_is_kept_when_switched_off(tmp_path: Path):
    cache = tmp_path / "cache"
    build(
        tmp_path / "output",
        copy_content(tmp_path),
        CACHE_PATH=str(cache),
        TIMELINE_ENTRY_CACHE=False,
    )
    assert not cache.exists()
