"""The preview builder's follow-up: after the answer, stopped by a save, its part never lost.

The follow-up is forked from the builder; here from the test process, with a site that only
records what it was asked to write (the real writing is held to a full build's bytes in
tests/integration/test_live_site.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.tools import livebuild


class RecordingSite:
    """Writes the changed ids it is given to a file, then takes ``seconds``."""

    def __init__(self, record: Path, seconds: float) -> None:
        self.record = record
        self.seconds = seconds

    def write_lists(self, changed) -> None:
        self.record.write_text(" ".join(str(i) for i in sorted(changed)))
        time.sleep(self.seconds)


def wait_until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def follow(monkeypatch: pytest.MonkeyPatch) -> livebuild.FollowUp:
    monkeypatch.setattr(livebuild, "FOLLOW_UP_DELAY", 0)
    monkeypatch.setattr(livebuild, "index_later", lambda build, output: None)
    return livebuild.FollowUp()


def test_a_save_kills_the_follow_up_and_what_it_was_writing_is_due_again(
    follow: livebuild.FollowUp, tmp_path: Path
):
    record = tmp_path / "record"
    follow.add({1, 2})
    follow.start_when_free(RecordingSite(record, 60), None, tmp_path)  # type: ignore[arg-type]
    wait_until(record.exists)
    assert follow.running()
    assert not follow.due  # taken by the running one
    follow.interrupt()
    assert not follow.running()
    assert follow.due
    assert follow.changed == {1, 2}

    follow.add({3})
    record.unlink()
    follow.start_when_free(RecordingSite(record, 0), None, tmp_path)  # type: ignore[arg-type]
    wait_until(lambda: not follow.running())
    assert record.read_text() == "1 2 3"
    assert not follow.due
    assert follow.changed == set()
    follow.interrupt()  # nothing under way: nothing due again
    assert not follow.due


def test_the_follow_up_waits_for_saves_to_pause(
    follow: livebuild.FollowUp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(livebuild, "FOLLOW_UP_DELAY", 30)
    record = tmp_path / "record"
    follow.add({1})
    follow.start_when_free(RecordingSite(record, 0), None, tmp_path)  # type: ignore[arg-type]
    assert follow.child is None
    assert follow.due


def test_a_full_build_forgets_what_was_due(follow: livebuild.FollowUp, tmp_path: Path):
    record = tmp_path / "record"
    follow.add({5})
    follow.start_when_free(RecordingSite(record, 60), None, tmp_path)  # type: ignore[arg-type]
    wait_until(record.exists)
    follow.add({6})
    follow.stop()
    assert follow.child is None
    assert not follow.due
    assert follow.changed == set()


def test_what_a_killed_follow_up_left_is_removed_before_the_next_writes(tmp_path: Path):
    (tmp_path / "data").mkdir()
    partial = tmp_path / "data" / ".events.json.x1y2.partial"
    partial.write_text("half")
    bundle = tmp_path / ".pagefind-123-abc"
    (bundle / "fragment").mkdir(parents=True)
    kept = [tmp_path / "data" / "events.json", tmp_path / "pagefind" / "pagefind.js"]
    for path in kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("whole")
    livebuild.remove_leftovers(tmp_path)
    assert not partial.exists()
    assert not bundle.exists()
    assert all(path.read_text() == "whole" for path in kept)
