"""Pagefind runs as a child process, and its bundle is read only once that process has exited."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.content.problems import SearchIndexError
from generator.site import search

REAL_PAGEFIND = search.get_executable()


def write_site(site: Path) -> None:
    for lang, path in (("en", "a"), ("en", "b"), ("fr", "c")):
        page = site / path / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<!doctype html><html lang="{lang}"><body><main data-pagefind-body>'
            f'<h1 data-pagefind-filter="Kind">Talks</h1><p>Raqqa {path}</p></main></body></html>'
        )


def fake_pagefind(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put a shell script in the place of Pagefind's binary, with the real one as $REAL."""
    path = folder / "fake-pagefind"
    path.write_text(f"#!/bin/sh\nREAL={REAL_PAGEFIND}\n{script}\n")
    path.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(path))


def test_the_entry_file_is_read_only_after_pagefind_has_exited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    site = tmp_path / "site"
    write_site(site)
    # Pagefind indexes, then the entry file stays empty for a second before its bytes land and
    # the process exits: what the service's early "written" made the build read before.
    fake_pagefind(
        tmp_path,
        '"$REAL" "$@" || exit $?\n'
        'mv "$4/pagefind-entry.json" "$4/entry"\n: > "$4/pagefind-entry.json"\n'
        'sleep 1\nmv "$4/entry" "$4/pagefind-entry.json"',
        monkeypatch,
    )
    started = time.monotonic()
    assert search.index_site(site, minimum_pages=3) == {"en": 2, "fr": 1}
    assert time.monotonic() - started >= 1


def test_a_pagefind_killed_by_a_signal_fails_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    fake_pagefind(tmp_path, "kill -9 $$", monkeypatch)
    with pytest.raises(
        SearchIndexError, match=r"Pagefind failed \(killed by SIGKILL\): no message"
    ):
        search.index_site(tmp_path)


def test_a_missing_binary_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere"))
    with pytest.raises(SearchIndexError, match=r"cannot run .*nowhere"):
        search.index_site(tmp_path)


def test_pagefind_dies_with_a_build_that_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pid_file = tmp_path / "pid"
    fake_pagefind(tmp_path, f"echo $$ > {pid_file}\nexec sleep 60", monkeypatch)
    build = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from pathlib import Path; from generator.site import search; "
            f"search.index_site(Path({str(tmp_path)!r}))",
        ],
        cwd=Path(__file__).resolve().parents[2],
    )
    deadline = time.monotonic() + 20
    while not (pid_file.is_file() and pid_file.read_text().strip()):
        assert time.monotonic() < deadline and build.poll() is None, "Pagefind never started"
        time.sleep(0.02)
    pagefind = int(pid_file.read_text())
    build.send_signal(signal.SIGKILL)
    build.wait()
    while _running(pagefind):
        assert time.monotonic() < deadline, "Pagefind outlived the build"
        time.sleep(0.02)


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting for its reaper counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def bundle_files(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def test_indexing_only_the_marked_pages_gives_the_index_of_the_whole_site(tmp_path: Path):
    whole, subset = tmp_path / "whole", tmp_path / "subset"
    for site in (whole, subset):
        write_site(site)
        unmarked = site / "list" / "index.html"
        unmarked.parent.mkdir()
        unmarked.write_text('<!doctype html><html lang="en"><body><p>Raqqa list</p></body></html>')
    assert search.index_site(whole) == {"en": 2, "fr": 1}
    pages = {"en": ["a/index.html", "b/index.html"], "fr": ["c/index.html"]}
    assert search.index_site(subset, pages=pages) == {"en": 2, "fr": 1}
    assert bundle_files(subset / "pagefind") == bundle_files(whole / "pagefind")
    # The links Pagefind read are gone; the pages themselves are not.
    assert sorted(p.name for p in subset.iterdir()) == ["a", "b", "c", "list", "pagefind"]
    assert (subset / "a" / "index.html").read_text().count("Raqqa a") == 1


PAGES = {"en": ["a/index.html", "b/index.html"], "fr": ["c/index.html"]}


def test_indexing_started_runs_pagefind_in_the_background_until_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    site, go = tmp_path / "site", tmp_path / "go"
    write_site(site)
    # This Pagefind indexes only once the test says so: start must return before that.
    fake_pagefind(
        tmp_path, f'while [ ! -e {go} ]; do sleep 0.01; done\nexec $REAL "$@"', monkeypatch
    )
    indexing = search.Indexing(site, PAGES, timeout=20)
    indexing.start()
    assert not (site / "pagefind").exists()
    [given] = [p.name for p in site.iterdir() if p.name.startswith(".search-input-")]
    go.touch()
    assert indexing.finish(minimum_pages=3) == {"en": 2, "fr": 1}
    assert (site / "pagefind" / search.ENTRY_FILE).is_file()
    assert not (site / given).exists()


def test_only_the_part_started_beside_the_build_has_its_threads_limited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    site, threads = tmp_path / "site", tmp_path / "threads"
    write_site(site)
    monkeypatch.delenv("TOKIO_WORKER_THREADS", raising=False)
    fake_pagefind(
        tmp_path,
        f'echo "${{TOKIO_WORKER_THREADS:-all}}" >> {threads}\nexec $REAL "$@"',
        monkeypatch,
    )
    indexing = search.Indexing(site, PAGES, pages_per_index=2)
    indexing.start(threads=1)
    assert indexing.finish(minimum_pages=3) == {"en": 2, "fr": 1}
    assert threads.read_text().split() == ["1", "all"]


def test_indexing_abandoned_stops_pagefind_and_removes_its_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    site, pid_file = tmp_path / "site", tmp_path / "pid"
    write_site(site)
    fake_pagefind(
        tmp_path,
        f"echo $$ > {pid_file}.new && mv {pid_file}.new {pid_file}\nexec sleep 60",
        monkeypatch,
    )
    indexing = search.Indexing(site, PAGES, timeout=20)
    indexing.start()
    deadline = time.monotonic() + 20
    while not pid_file.is_file():
        assert time.monotonic() < deadline, "Pagefind never started"
        time.sleep(0.02)
    indexing.abandon()
    assert not _running(int(pid_file.read_text()))
    assert sorted(p.name for p in site.iterdir()) == ["a", "b", "c"]
    indexing.abandon()  # again: nothing left to stop


def test_a_planned_page_that_is_missing_is_named(tmp_path: Path):
    write_site(tmp_path)
    with pytest.raises(SearchIndexError, match=r"no page d/index\.html to index"):
        search.index_site(tmp_path, pages={"en": ["a/index.html", "d/index.html"]})
    assert not (tmp_path / "pagefind").exists()


def test_the_searchable_templates_are_those_that_mark_text_for_pagefind():
    templates = Path(__file__).resolve().parents[2] / "theme" / "templates"
    marked = {
        path.stem
        for path in templates.glob("*.html")
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    }
    assert marked == set(search.SEARCHABLE_TEMPLATES)


def test_a_large_site_is_cut_into_parts_of_equal_size_each_with_every_language_it_can():
    pages = {
        "en": [f"events/{n:02}/index.html" for n in range(10)],
        "fr": ["fr/events/1/index.html"],
    }
    parts = search.index_parts(pages, 4)
    assert [len(part) for part in parts] == [5, 3, 3]
    assert sorted(page for part in parts for page in part) == sorted(pages["en"] + pages["fr"])
    assert parts[0][:2] == ["events/00/index.html", "events/01/index.html"]  # in path order
    assert "fr/events/1/index.html" in parts[0]  # the part every search page loads first
    # A language's search page merges only the parts that hold its language.
    assert search.part_paths({"en": 10, "fr": 1}, 4, "en") == [
        "pagefind/part-2/",
        "pagefind/part-3/",
    ]
    assert search.part_paths({"en": 10, "fr": 1}, 4, "fr") == []
    assert search.index_parts(pages, 11) == [sorted(pages["en"] + pages["fr"])]
    assert search.part_paths({"en": 10, "fr": 1}, 11, "en") == []


def test_each_part_is_indexed_on_its_own_and_the_counts_add_up(tmp_path: Path):
    write_site(tmp_path)
    pages = {"en": ["a/index.html", "b/index.html"], "fr": ["c/index.html"]}
    assert search.index_site(tmp_path, pages=pages, pages_per_index=2) == {"en": 2, "fr": 1}
    assert search.read_page_counts(tmp_path / "pagefind") == {"en": 1, "fr": 1}
    assert search.read_page_counts(tmp_path / "pagefind" / "part-2") == {"en": 1}


def test_a_part_of_unchanged_pages_is_taken_from_the_index_it_replaces(tmp_path: Path):
    pages = {"en": ["a/index.html", "b/index.html"], "fr": ["c/index.html"]}
    old, new, fresh = tmp_path / "old", tmp_path / "new", tmp_path / "fresh"
    for site in (old, new, fresh):
        write_site(site)
    made = search.KeptParts(old / "pagefind", {}, set())
    search.index_site(old, pages=pages, pages_per_index=2, kept=made)
    assert set(made.made) == {"", "part-2"}  # the first part holds a and c, the second b
    for site in (new, fresh):
        page = site / "b" / "index.html"
        page.write_text(page.read_text().replace("Raqqa b", "Raqqa bee"))

    # a is the file the build before wrote; c was written again, with the same bytes.
    before = bundle_files(old / "pagefind")
    kept = search.KeptParts(old / "pagefind", made.made, {"a/index.html"})
    assert search.index_site(new, pages=pages, pages_per_index=2, kept=kept) == {"en": 2, "fr": 1}
    entry = Path(search.ENTRY_FILE)
    assert inode(new / "pagefind" / entry) == inode(old / "pagefind" / entry)  # taken
    assert inode(new / "pagefind/part-2" / entry) != inode(old / "pagefind/part-2" / entry)
    search.index_site(fresh, pages=pages, pages_per_index=2)
    assert bundle_files(new / "pagefind") == bundle_files(fresh / "pagefind")
    assert bundle_files(old / "pagefind") == before  # the index it replaces is left alone

    # A part whose files changed since, or made by another Pagefind, is made again.
    again = tmp_path / "again"
    write_site(again)
    (old / "pagefind" / entry).touch()
    kept = search.KeptParts(old / "pagefind", made.made, set(pages["en"] + pages["fr"]))
    search.index_site(again, pages=pages, pages_per_index=2, kept=kept)
    assert inode(again / "pagefind" / entry) != inode(old / "pagefind" / entry)
    assert inode(again / "pagefind/part-2" / entry) == inode(old / "pagefind/part-2" / entry)
    assert search.part_digest(["a"]) != search.part_digest(["b"])


def inode(path: Path) -> int:
    return path.stat().st_ino
