"""Page history from git: dates, renames, odd paths, one process, and every fallback."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.problems import ConfigError
from generator.site.history import FileHistory, history_url, read_history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

FIRST = "2016-05-24T10:00:00+03:00"
SECOND = "2017-01-02T08:30:00-05:00"
THIRD = "2018-03-04T12:00:00+00:00"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def git(repo: Path, *args: str, date: str = FIRST) -> str:
    env = os.environ | {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    result = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def write(repo: Path, path: str, text: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def commit(repo: Path, date: str, message: str = "change") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a surrounding git (a hook running the tests) and the user's config out of the repos."""
    for name in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


def test_file_edited_twice(repo):
    write(repo, "content/events/2016/x.md", "one\n")
    commit(repo, FIRST)
    write(repo, "content/events/2016/x.md", "one\ntwo\n")
    second = commit(repo, SECOND)

    history = read_history(repo)

    assert history == {
        "content/events/2016/x.md": FileHistory(utc(FIRST), utc(SECOND), 2, second),
    }
    assert history["content/events/2016/x.md"].first.tzinfo is UTC
    assert history["content/events/2016/x.md"].first == datetime(2016, 5, 24, 7, tzinfo=UTC)


def test_renamed_file_keeps_its_first_date(repo):
    body = "".join(f"line {n}\n" for n in range(20))
    write(repo, "content/events/2016/old-name.md", body)
    commit(repo, FIRST)
    (repo / "content/events/2017").mkdir()
    (repo / "content/events/2016/old-name.md").rename(repo / "content/events/2017/new-name.md")
    commit(repo, SECOND)
    write(repo, "content/events/2017/new-name.md", body + "one more\n")
    third = commit(repo, THIRD)

    history = read_history(repo)

    assert history == {
        "content/events/2017/new-name.md": FileHistory(utc(FIRST), utc(THIRD), 3, third),
    }


def test_deleted_file_is_gone_and_a_new_file_at_its_path_starts_again(repo):
    write(repo, "content/a.md", "first life\n")
    commit(repo, FIRST)
    (repo / "content/a.md").unlink()
    commit(repo, SECOND)
    write(repo, "content/a.md", "a different entry\n")
    third = commit(repo, THIRD)

    assert read_history(repo) == {"content/a.md": FileHistory(utc(THIRD), utc(THIRD), 1, third)}


def test_path_with_space_and_accent(repo):
    path = "content/events/2016/réunion à Genève.md"
    write(repo, path, "x\n")
    head = commit(repo, FIRST)

    history = read_history(repo)

    assert history == {path: FileHistory(utc(FIRST), utc(FIRST), 1, head)}
    assert history_url("https://example.org/commits/main/{path}", path, head) == (
        "https://example.org/commits/main/content/events/2016/r%C3%A9union%20%C3%A0%20Gen%C3%A8ve.md"
    )


def test_only_files_under_the_folder_are_listed(repo):
    write(repo, "content/events/a.md", "a\n")
    write(repo, "README.md", "readme\n")
    write(repo, "contents-elsewhere/b.md", "b\n")
    write(repo, "theme/content/c.md", "c\n")
    head = commit(repo, FIRST)

    assert read_history(repo) == {
        "content/events/a.md": FileHistory(utc(FIRST), utc(FIRST), 1, head),
    }
    assert list(read_history(repo, Path("theme"))) == ["theme/content/c.md"]


def test_uncommitted_file_is_absent(repo):
    write(repo, "content/a.md", "a\n")
    commit(repo, FIRST)
    write(repo, "content/new.md", "not committed yet\n")
    git(repo, "add", "content/new.md")

    assert list(read_history(repo)) == ["content/a.md"]


def test_repository_without_commits_gives_nothing(repo, caplog):
    write(repo, "content/a.md", "a\n")
    with caplog.at_level(logging.INFO, logger="generator.site.history"):
        assert read_history(repo) == {}
    assert [r.levelno for r in caplog.records] == [logging.INFO]


def test_not_a_repository_gives_nothing(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "content").mkdir()
    with caplog.at_level(logging.INFO, logger="generator.site.history"):
        assert read_history(tmp_path) == {}
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "git log failed" in caplog.text


def test_git_missing_gives_nothing(repo, tmp_path, monkeypatch, caplog):
    write(repo, "content/a.md", "a\n")
    commit(repo, FIRST)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with caplog.at_level(logging.INFO, logger="generator.site.history"):
        assert read_history(repo) == {}
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "git is not installed" in caplog.text


def test_shallow_clone_leaves_out_what_it_cannot_date(repo, tmp_path, caplog):
    write(repo, "content/old.md", "old\n")
    commit(repo, FIRST)
    write(repo, "content/old.md", "old, edited\n")
    commit(repo, SECOND)
    write(repo, "content/new.md", "new\n")
    third = commit(repo, THIRD)
    one = tmp_path / "depth1"
    two = tmp_path / "depth2"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(one))
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(two))

    with caplog.at_level(logging.INFO, logger="generator.site.history"):
        assert read_history(one) == {}
        # old.md existed before the clone's first commit; new.md was made inside it.
        assert read_history(two) == {
            "content/new.md": FileHistory(utc(THIRD), utc(THIRD), 1, third),
        }
    assert [r.levelno for r in caplog.records] == [logging.INFO, logging.INFO]
    assert "shallow" in caplog.text


def test_one_git_process_for_many_files(repo, monkeypatch):
    for n in range(30):
        write(repo, f"content/events/{2000 + n % 5}/entry {n}.md", f"{n}\n")
    commit(repo, FIRST)
    for n in range(0, 30, 3):
        write(repo, f"content/events/{2000 + n % 5}/entry {n}.md", f"{n} edited\n")
    commit(repo, SECOND)

    calls = []
    real_run = subprocess.run

    def counting_run(*args, **kwargs):
        calls.append(args[0] if args else kwargs.get("args"))
        return real_run(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    history = read_history(repo)

    assert len(calls) == 1
    assert calls[0][0] == "git"
    assert len(history) == 30
    assert sum(h.commits == 2 for h in history.values()) == 10


def test_history_url_fills_path_and_commit():
    assert history_url("https://h.example/{commit}/{path}", "content/a.md", "abc") == (
        "https://h.example/abc/content/a.md"
    )
    with pytest.raises(ConfigError, match=r"\{path\} and \{commit\}"):
        history_url("https://h.example/{branch}/{path}", "content/a.md", "abc")
