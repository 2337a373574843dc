"""The output folder is replaced in one step: a killed or failed build never shows through."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.tools import build as build_module
from tests.integration.conftest import FIXTURE_CONTENT, ROOT, build


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def dead_pid() -> int:
    """The id of a process that has already exited."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


@pytest.fixture
def slow_settings(tmp_path: Path) -> Path:
    """Project settings plus a plugin that pauses after each page, on the fixture content."""
    settings = tmp_path / "slowconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        "from tests.fixtures.plugins import slow_writer\n"
        "PLUGINS = [*PLUGINS, slow_writer]  # noqa: F405\n"
        f"PATH = {str(FIXTURE_CONTENT)!r}\n"
    )
    return settings


def test_a_build_killed_with_sigkill_leaves_the_previous_output(tmp_path, slow_settings):
    output = build(tmp_path / "site" / "output", FIXTURE_CONTENT)
    before = snapshot(output)
    # Not strict: the fixture content has two warnings on purpose.
    command = [sys.executable, "-m", "generator", "build", "--no-strict"]
    command += ["--settings", str(slow_settings)]
    process = subprocess.Popen(
        [*command, "--output", str(output)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    staging: list[Path] = []
    deadline = time.monotonic() + 60
    # Wait until the build has written some pages into its staging folder, then kill it.
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in output.parent.glob("output.build-*") if any(p.rglob("*.html"))]
        if staging:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert staging, "the build was killed before writing any page"
    assert snapshot(output) == before
    assert staging[0].exists()  # a killed process cannot tidy up after itself
    # The next build removes what the killed one left behind.
    build(output, FIXTURE_CONTENT)
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]
    assert snapshot(output) == before


def test_a_staging_folder_of_a_running_build_is_left_alone(tmp_path):
    output = tmp_path / "output"
    ours = tmp_path / f"output.build-{os.getpid()}-abc"
    ours.mkdir()
    stale = tmp_path / f"output.build-{dead_pid()}-def"
    stale.mkdir()
    unrelated = tmp_path / "output.build-notes"
    unrelated.mkdir()
    build_module.remove_leftovers(output)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ours.name, unrelated.name])


def test_a_site_retired_by_a_killed_swap_is_restored(tmp_path):
    output = tmp_path / "output"
    retired = tmp_path / f"output.old-{dead_pid()}"
    retired.mkdir()
    (retired / "index.html").write_text("previous site")
    build_module.remove_leftovers(output)
    assert (output / "index.html").read_text() == "previous site"
    assert not retired.exists()


def test_without_an_atomic_exchange_two_renames_still_replace_the_site(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "_exchange", lambda first, second: False)
    output = build(tmp_path / "output", FIXTURE_CONTENT)
    (output / "stale.html").write_text("from the previous build")
    build(output, FIXTURE_CONTENT)
    assert not (output / "stale.html").exists()
    assert (output / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_the_exchange_swaps_two_folders_in_one_call(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "name").write_text("a")
    (second / "name").write_text("b")
    if not build_module._exchange(first, second):
        pytest.skip("this file system has no renameat2 exchange; the fallback is tested above")
    assert (first / "name").read_text() == "b"
    assert (second / "name").read_text() == "a"


def test_the_new_output_is_readable_by_a_web_server(tmp_path):
    output = build(tmp_path / "output", FIXTURE_CONTENT)
    assert output.stat().st_mode & 0o777 == 0o755
