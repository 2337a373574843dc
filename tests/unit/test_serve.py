"""The preview's options: which settings it builds with, where it builds, what it watches.

The server itself (serving, rebuilding, reloading) runs in tests/integration/test_serve.py.
"""

from __future__ import annotations

import asyncio
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.tools import serve


def test_by_default_the_preview_builds_the_project_and_only_logs_warnings():
    args = serve.parse_args([])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert serve.build_command(args.settings, args.output) == [
        sys.executable,
        *("-m", "generator.tools.livebuild"),
        *("--settings", "pelicanconf.py", "--output", "output"),
    ]


def test_settings_and_output_are_passed_to_the_build():
    args = serve.parse_args(["--settings", "benchconf.py", "--output", "public", "--port", "9"])
    assert args.port == 9
    command = serve.build_command(args.settings, args.output)
    assert command[command.index("--settings") + 1] == "benchconf.py"
    assert command[command.index("--output") + 1] == "public"


def test_an_edit_to_the_settings_file_given_calls_the_rebuild_with_no_argument(tmp_path: Path):
    settings = tmp_path / "benchconf.py"
    settings.write_text("PATH = 'content'\n")
    (tmp_path / "content").mkdir()
    entry = tmp_path / "content" / "entry.md"
    entry.write_text("text\n")
    calls: list[tuple] = []

    def rebuild(*args) -> bool:
        calls.append(args)
        return True

    server = serve.make_server(rebuild, [tmp_path / "content", settings])
    server.watcher.examine()  # learns the files as they are: older than the server
    assert calls == []
    later = settings.stat().st_mtime + 10
    os.utime(settings, (later, later))
    server.watcher.examine()
    assert calls == [()]
    os.utime(entry, (later, later))
    server.watcher.examine()
    assert calls == [(), ()]


def test_the_preview_refuses_to_start_without_its_settings_file(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # Its logging setup stops our loggers' records reaching the root, where caplog reads them.
    monkeypatch.setattr(serve, "_setup_logging", lambda: None)
    with pytest.raises(SystemExit) as stopped:
        serve.main(["--settings", "missing.py"])
    assert stopped.value.code == 2
    assert not (tmp_path / "output").exists()


def test_the_snapshot_tells_which_files_a_save_changed_and_skips_scratch_files(tmp_path: Path):
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    entry = content / "events" / "a.md"
    entry.write_text("one\n")
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("PATH = 'content'\n")
    before = serve.snapshot([content, settings])
    assert set(before) == {entry.resolve(), settings.resolve()}
    entry.write_text("two, longer\n")
    (content / "events" / "a.md.swp").write_text("editor scratch\n")
    (content / "__pycache__").mkdir()
    (content / "__pycache__" / "x.pyc").write_bytes(b"\0")
    after = serve.snapshot([content, settings])
    assert set(after) == set(before)
    assert [path for path in after if after[path] != before[path]] == [entry.resolve()]


def test_the_notify_watcher_runs_the_task_of_a_saved_file_and_names_it(tmp_path: Path):
    """Told by the kernel: no walk of the watched folders, and only the tasks that changed run."""
    content = tmp_path / "content"
    content.mkdir()
    entry = content / "entry.md"
    entry.write_text("text\n")
    (tmp_path / "theme").mkdir()
    calls: list[str] = []

    async def watch_one_save() -> tuple[str | None, float | None]:
        watcher = serve.NotifyWatcher()
        watcher.watch(str(content), lambda: calls.append("content"), ignore=serve._ignored)
        watcher.watch(str(tmp_path / "theme"), lambda: calls.append("theme"))
        woken = asyncio.Event()
        assert watcher.start(woken.set)
        try:
            await asyncio.sleep(0.3)  # let the watch begin
            (content / "entry.md.swp").write_text("scratch\n")  # ignored
            entry.write_text("changed\n")
            await asyncio.wait_for(woken.wait(), 10)
            await asyncio.sleep(0.2)  # a second batch, if the scratch file came alone
            return watcher.examine()
        finally:
            watcher.stop_event.set()

    # A thread with a loop of its own: Playwright's sync API may hold this thread's loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        path, delay = pool.submit(asyncio.run, watch_one_save()).result()
    assert calls == ["content"]
    assert path is not None and path.endswith("entry.md")
    assert delay is None


def test_restat_takes_only_the_files_named_and_forgets_removed_ones(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    kept, edited, removed = (content / f"{name}.md" for name in ("kept", "edited", "removed"))
    for path in (kept, edited, removed):
        path.write_text("one\n")
    before = serve.snapshot([content])
    edited.write_text("two, longer\n")
    removed.unlink()
    (content / "4913").write_text("")  # an editor's test of the folder, gone at once
    (content / "4913").unlink()
    (content / "new.md.swp").write_text("scratch\n")

    after = serve.restat(before, [str(edited), str(removed), str(content / "4913"),
                                  str(content / "new.md.swp")])  # fmt: skip

    assert after == serve.snapshot([content])
    assert after[kept.resolve()] == before[kept.resolve()]
    assert after[edited.resolve()] != before[edited.resolve()]


def test_the_notify_watcher_gives_the_changed_paths_to_a_task_that_takes_them(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    entry = content / "entry.md"
    entry.write_text("text\n")
    given: list[list[str]] = []

    async def watch_one_save() -> None:
        watcher = serve.NotifyWatcher()
        watcher.watch(str(content), given.append, ignore=serve._ignored)
        woken = asyncio.Event()
        assert watcher.start(woken.set)
        try:
            await asyncio.sleep(0.3)
            entry.write_text("changed\n")
            await asyncio.wait_for(woken.wait(), 10)
            watcher.examine()
        finally:
            watcher.stop_event.set()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, watch_one_save()).result()
    assert [[Path(p).resolve() for p in paths] for paths in given] == [[entry.resolve()]]
