"""The link cache: what it trusts, what it forgets, and how it is written."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.tools.linkcache import CACHE_VERSION, Cached, load_cache, save_cache
from generator.tools.linkcheck import LinkResult

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
WEEK = timedelta(days=7)
OK = LinkResult("ok", "200 OK", 200)
MOVED = LinkResult("moved", "permanent redirect (301)", 301, "https://new.example/")
BROKEN = LinkResult("broken", "404 Not Found", 404)


def test_what_is_saved_is_read_back(tmp_path: Path):
    path = tmp_path / "cache" / "links.json"
    entries = {"https://a.example/": Cached(OK, NOW), "https://b.example/": Cached(MOVED, NOW)}
    save_cache(path, entries, NOW, WEEK)
    assert load_cache(path) == entries
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == CACHE_VERSION
    assert data["links"]["https://b.example/"] == {
        "outcome": "moved",
        "message": "permanent redirect (301)",
        "status": 301,
        "location": "https://new.example/",
        "checked": "2026-11-30T12:00:00+00:00",
    }


@pytest.mark.parametrize(
    ("result", "age", "fresh"),
    [
        (OK, timedelta(days=6), True),
        (MOVED, timedelta(days=6), True),
        (OK, WEEK, False),
        (BROKEN, timedelta(0), False),
        (OK, -timedelta(days=1), False),  # checked "tomorrow": a clock went wrong; ask again
    ],
)
def test_only_a_recent_working_result_is_trusted(result, age, fresh):
    assert Cached(result, NOW - age).is_fresh(NOW, WEEK) is fresh


def test_saving_forgets_what_is_too_old_but_keeps_what_was_just_checked(tmp_path: Path):
    path = tmp_path / "links.json"
    entries = {
        "https://old.example/": Cached(OK, NOW - timedelta(days=8)),
        "https://new.example/": Cached(OK, NOW),
    }
    save_cache(path, entries, NOW, timedelta(0))
    assert list(load_cache(path)) == ["https://new.example/"]


def test_saving_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path):
    path = tmp_path / "links.json"
    path.write_text("old", encoding="utf-8")
    save_cache(path, {"https://a.example/": Cached(BROKEN, NOW)}, NOW, WEEK)
    assert [p.name for p in tmp_path.iterdir()] == ["links.json"]
    assert load_cache(path) == {"https://a.example/": Cached(BROKEN, NOW)}


def test_a_missing_cache_is_empty(tmp_path: Path):
    assert load_cache(tmp_path / "nowhere.json") == {}


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"version": 0, "links": {}}', '{"version": 1, "links": {"u": {}}}'],
)
def test_an_unreadable_cache_is_ignored_with_a_warning(tmp_path: Path, caplog, text):
    path = tmp_path / "links.json"
    path.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_cache(path) == {}
    assert caplog.messages[0].startswith(f"{path}: unreadable link cache, checking every link")
