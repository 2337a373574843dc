"""Each event page says when it was first published and last changed, from git."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, build, git


def history_of(site: Path, slug: str):
    return parse_file(site / "events" / slug / "index.html").find_all("p", class_="history")


def test_first_published_and_last_changed_come_from_the_commits(tmp_path: Path):
    repo = tmp_path / "repo"
    content = Path(shutil.copytree(FIXTURE_CONTENT, repo / "content"))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", when="2020-01-02T10:00:00+00:00")
    entry = content / "events" / "2016" / "2016-05-24-offer.md"
    entry.write_text(entry.read_text() + "\nA correction.\n")
    git(repo, "commit", "-q", "-am", "fix", when="2021-03-04T23:30:00-05:00")
    site = build(
        tmp_path / "output",
        content,
        TIMELINE_HISTORY_URL="https://example.org/commits/main/{path}",
    )
    (changed,) = history_of(site, "offer")
    assert [t.attrs["datetime"] for t in changed.find_all("time")] == ["2020-01-02", "2021-03-05"]
    assert changed.text().startswith("First published 2 January 2020 · last changed 5 March 2021")
    link = changed.find("a").attrs["href"]
    assert link == "https://example.org/commits/main/content/events/2016/2016-05-24-offer.md"
    (once,) = history_of(site, "refusal")
    assert [t.attrs["datetime"] for t in once.find_all("time")] == ["2020-01-02"]


def test_without_git_history_the_dates_are_left_out(tmp_path: Path):
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "plain" / "content"))
    site = build(tmp_path / "output", content)
    assert history_of(site, "offer") == []
    assert parse_file(site / "events" / "offer" / "index.html").find("h1")
