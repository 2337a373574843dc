"""When each entry was first published and last changed, read from git in one pass.

A page's dates come from its file's commits, so they cannot drift from what was really
published. The whole content folder is read with a single ``git log``, never one git process
per page: a build with hundreds of entries would otherwise spend most of its time starting git.

Without usable history (no git binary, not a repository, a shallow clone, a file not yet
committed) the answer is simply incomplete: the caller shows the dates it has and leaves the
rest out. That is logged at INFO, not WARNING, because the build treats warnings as failures
and a tarball checkout is not a mistake.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from ..content.problems import ConfigError

logger = logging.getLogger(__name__)

#: Starts every commit record; a control character that a status letter never begins with.
_MARKER = "\x1e"

# Hash (SHA-1 or SHA-256), strict ISO author date, and "grafted" when git cannot see the
# commit's parents (the boundary of a shallow clone).
_HEADER = re.compile(rf"{_MARKER}(?P<hash>[0-9a-f]{{40,64}})\t(?P<date>[^\t]+)\t(?P<refs>.*)")
_STATUS = re.compile(r"[A-Z][0-9]*")

#: Seconds before giving up: a blob-less partial clone may fetch blobs to detect renames.
TIMEOUT = 60

_LOG_COMMAND = (
    "git",
    # The reader's own configuration must not change the output we parse.
    "-c", "log.showSignature=false",
    "-c", "log.follow=false",
    "--literal-pathspecs",
    "log",
    "-z",
    "--no-color",
    "--root",  # list the first commit's files even if log.showRoot is off
    "--topo-order",  # a parent before its children once reversed, whatever the clock said
    "--reverse",  # replay oldest first, so a rename hands its history on
    "--name-status",
    "-M",
    "--relative",
    # %D limited to refs that cannot exist leaves only the "grafted" marker.
    "--decorate-refs=refs/.none/",
    f"--format={_MARKER}%H%x09%aI%x09%D",
)  # fmt: skip


@dataclass(frozen=True)
class FileHistory:
    """The commits that touched one file, as the page shows them."""

    first: datetime  # author date (UTC) of the earliest commit: "first published"
    last: datetime  # author date (UTC) of the latest commit: "last changed"
    commits: int  # how many commits touched the file, across renames
    last_commit: str  # full hash of the newest commit, for a link to that version


@dataclass(frozen=True)
class _Commit:
    hash: str
    date: datetime
    grafted: bool  # its parents are hidden, so files it lists may be older than it says


@dataclass(frozen=True)
class _Change:
    status: str  # A, M, D, T, R or C
    paths: tuple[str, ...]  # (path,), or (old, new) for a rename or copy


def read_history(repo: Path, paths_under: str | Path = "content") -> dict[str, FileHistory]:
    """Read every file's history below ``paths_under`` with a single ``git log``.

    Keys are POSIX paths relative to ``repo``, the repository root in normal use
    (``content/events/2016/x.md``). A renamed file keeps the history of its old path, so moving
    an entry does not change its "first published" date; git pairs a rename when the content is
    at least half the same. A file missing from the answer has no usable history: it is not yet
    committed, or it lies before the first commit of a shallow clone.

    Return ``{}`` (and log one INFO line) when git is missing, ``repo`` is not in a
    repository, or git fails.
    """
    output = _run_git_log(repo, paths_under)
    if output is None:
        return {}
    try:
        return _replay(_parse(output))
    except ValueError as error:
        logger.info("no page history: cannot read git log output (%s)", error)
        return {}


def history_url(template: str, path: str, commit: str) -> str:
    """Fill a settings template such as ``https://github.com/OWNER/REPO/commits/main/{path}``.

    ``{path}`` is percent-encoded (slashes kept) so spaces and accented letters make a valid
    address; ``{commit}`` is the full hash of the file's latest commit.
    """
    try:
        return template.format(path=quote(path, safe="/"), commit=commit)
    except (KeyError, IndexError, ValueError) as error:
        raise ConfigError(
            f"history address template {template!r} is invalid ({error!r}); "
            "the only placeholders are {path} and {commit}"
        ) from error


def _run_git_log(repo: Path, paths_under: str | Path) -> bytes | None:
    """Run the one git command, or say at INFO why there is no history and return ``None``."""
    command = [*_LOG_COMMAND, "--", Path(paths_under).as_posix()]
    try:
        result = subprocess.run(
            command, cwd=repo, capture_output=True, check=False, timeout=TIMEOUT
        )
    except FileNotFoundError:
        logger.info("no page history: git is not installed (or %s does not exist)", repo)
        return None
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.info("no page history: cannot run git: %s", error)
        return None
    if result.returncode != 0:
        reason = os.fsdecode(result.stderr).strip().splitlines() or ["no message"]
        logger.info("no page history: git log failed in %s: %s", repo, reason[0])
        return None
    return result.stdout


def _parse(output: bytes) -> Iterator[tuple[_Commit, list[_Change]]]:
    """Split ``git log -z --name-status`` output into commits and their changes.

    With ``-z`` every field ends with NUL and paths are never quoted, so a path may hold spaces,
    accents, tabs or even newlines. Fields are read in order: a status is followed by one path,
    or two for a rename or copy, so a path that happens to start with the marker is still read
    as a path.
    """
    fields = iter(output.split(b"\0"))
    commit: _Commit | None = None
    changes: list[_Change] = []
    for raw in fields:
        field = os.fsdecode(raw).lstrip("\n")
        if not field:
            continue
        if field.startswith(_MARKER):
            if commit is not None:
                yield commit, changes
            commit, changes = _parse_header(field), []
        elif commit is not None and _STATUS.fullmatch(field):
            count = 2 if field[0] in "RC" else 1
            paths = tuple(os.fsdecode(next(fields, b"")) for _ in range(count))
            if not all(paths):
                raise ValueError(f"status {field} of commit {commit.hash} lacks a path")
            changes.append(_Change(field[0], paths))
        else:
            raise ValueError(f"unexpected field {field[:80]!r}")
    if commit is not None:
        yield commit, changes


def _parse_header(field: str) -> _Commit:
    """Read a commit's hash, author date (as UTC) and whether it is a shallow boundary."""
    match = _HEADER.fullmatch(field)
    if not match:
        raise ValueError(f"unexpected commit header {field[:80]!r}")
    date = datetime.fromisoformat(match["date"]).astimezone(UTC)
    grafted = "grafted" in match["refs"].split(", ")
    return _Commit(match["hash"], date, grafted)


def _replay(commits: Iterator[tuple[_Commit, list[_Change]]]) -> dict[str, FileHistory]:
    """Follow each path from its oldest commit to its newest, renames included.

    A file listed by a shallow clone's boundary commit existed before it, at a date we cannot
    see; it is left out rather than given a wrong "first published" date.
    """
    histories: dict[str, FileHistory] = {}
    hidden: set[str] = set()  # paths whose history starts before a shallow boundary
    for commit, changes in commits:
        for change in changes:
            _apply(change, commit, histories, hidden)
    if hidden:
        logger.info(
            "no page history for %d files older than this shallow clone; "
            "fetch the full history (git fetch --unshallow, or fetch-depth: 0) for their dates",
            len(hidden),
        )
    return dict(sorted(histories.items()))


def _apply(
    change: _Change, commit: _Commit, histories: dict[str, FileHistory], hidden: set[str]
) -> None:
    """Update the histories for one changed path in one commit."""
    if change.status == "D":
        histories.pop(change.paths[0], None)
        hidden.discard(change.paths[0])
        return
    path = change.paths[-1]
    if change.status == "R":  # the new path takes the old one's history
        before = histories.pop(change.paths[0], None)
        was_hidden = change.paths[0] in hidden
        hidden.discard(change.paths[0])
    elif change.status in {"A", "C"}:  # a new file (a copy is new too) starts its own history
        before, was_hidden = None, False
    else:
        before, was_hidden = histories.get(path), path in hidden
    if commit.grafted or was_hidden:
        histories.pop(path, None)
        hidden.add(path)
    else:
        hidden.discard(path)
        histories[path] = _touch(before, commit)


def _touch(before: FileHistory | None, commit: _Commit) -> FileHistory:
    """Add one commit to a file's history (author dates may be out of order after a rebase)."""
    if before is None:
        return FileHistory(commit.date, commit.date, 1, commit.hash)
    return FileHistory(
        first=min(before.first, commit.date),
        last=max(before.last, commit.date),
        commits=before.commits + 1,
        last_commit=commit.hash,
    )
