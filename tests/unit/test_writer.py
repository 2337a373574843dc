"""Pages rendered by forked workers: the same files, their warnings kept, their errors raised."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator.site.workers import WorkerError, map_in_workers, worker_count
from generator.site.writer import FileJob, PooledWriter

SETTINGS = {"PAGINATED_TEMPLATES": {}, "RELATIVE_URLS": False}


def warn(text: str) -> str:
    logging.getLogger("pelican.test").warning("page %s warns", text)
    return text


TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    "{{ SITEURL }}|{{ output_file }}|{{ n }}{% if n == bad %}{{ 1 // 0 }}{% endif %}"
    "{% if n == loud %}{{ warn(n|string) }}{% endif %}"
)


def pages(tmp_path: Path, workers: int, bad: int = -1, loud: int = -1) -> dict[str, str]:
    tmp_path.mkdir(exist_ok=True)
    writer = PooledWriter(str(tmp_path), settings=dict(SETTINGS))
    context = {"SITEURL": "", "bad": bad, "loud": loud, "warn": warn}
    for n in range(20):
        writer.write_file(f"p{n}/index.html", TEMPLATE, context, relative_urls=True, n=n)
    assert not list(tmp_path.iterdir())  # nothing is rendered before render_all
    writer.render_all(workers)
    return {p.parent.name: p.read_text() for p in sorted(tmp_path.glob("*/index.html"))}


def test_every_worker_count_writes_the_same_files(tmp_path: Path):
    serial = pages(tmp_path / "1", 1)
    assert serial["p3"] == "..|p3/index.html|3"
    assert len(serial) == 20
    for workers in (2, 3, 7):
        assert pages(tmp_path / str(workers), workers) == serial


@pytest.mark.parametrize("bad", [0, 1, 2])  # the parent's page, then each worker's
def test_an_error_in_any_process_fails_with_its_traceback(tmp_path: Path, bad: int):
    with pytest.raises((WorkerError, ZeroDivisionError)) as caught:
        pages(tmp_path, 3, bad=bad)
    if bad:  # from a worker: its traceback, in the parent's error
        assert isinstance(caught.value, WorkerError)
        assert "ZeroDivisionError" in str(caught.value)
    else:  # from the parent: the error itself
        assert isinstance(caught.value, ZeroDivisionError)


def test_a_warning_logged_in_a_worker_reaches_the_build_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.WARNING, logger="pelican"):
        pages(tmp_path, 2, loud=1)  # page 1 is the worker's
    assert [(r.name, r.getMessage()) for r in caplog.records] == [("pelican.test", "page 1 warns")]


def test_a_file_written_twice_is_refused_when_asked_not_when_rendered(tmp_path: Path):
    writer = PooledWriter(str(tmp_path), settings=dict(SETTINGS))
    writer.write_file("a.html", TEMPLATE, {"SITEURL": "", "n": 1, "bad": 0, "loud": 0})
    with pytest.raises(RuntimeError, match="already written"):
        writer.write_file("a.html", TEMPLATE, {"SITEURL": "", "n": 2, "bad": 0, "loud": 0})


def test_the_worker_count_is_the_setting_or_the_cores():
    assert worker_count({"TIMELINE_WORKERS": 1}) == 1
    assert worker_count({"TIMELINE_WORKERS": None}, count_cores=lambda: 6) == 6
    assert worker_count({}) >= 1


def test_a_worker_that_dies_halfway_through_its_report_fails_the_build_by_name(
    monkeypatch: pytest.MonkeyPatch,
):
    def half_a_report(value: object, stream: Any, protocol: int | None = None) -> None:
        data = pickle.dumps(value)
        stream.write(data[: len(data) // 2])
        stream.flush()

    monkeypatch.setattr(pickle, "dump", half_a_report)  # inherited by the forked worker
    with pytest.raises(WorkerError, match="ended with status 0"):
        map_in_workers(str, [0, 1, 2, 3], 2)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_deferred_files_are_written_with_the_pages_once_each(tmp_path: Path, workers: int):
    writer = PooledWriter(str(tmp_path), settings=dict(SETTINGS))
    context = {"SITEURL": "", "bad": -1, "loud": -1, "warn": warn}
    for n in range(10):
        writer.write_file(f"p{n}/index.html", TEMPLATE, context, n=n)
    for name in ("feed.xml", "data.json"):
        write = lambda name=name: (tmp_path / name).open("a").write(name)  # noqa: E731
        writer.defer(FileJob((name,), [], write))
    assert not list(tmp_path.iterdir())

    writer.render_all(workers)

    assert (tmp_path / "feed.xml").read_text() == "feed.xml"  # once, whichever process ran it
    assert (tmp_path / "data.json").read_text() == "data.json"
    assert len(list(tmp_path.glob("*/index.html"))) == 10
    writer.render_all(workers)  # a task runs once, not again with later pages
    assert (tmp_path / "feed.xml").read_text() == "feed.xml"


def test_a_failing_deferred_file_fails_the_build(tmp_path: Path):
    writer = PooledWriter(str(tmp_path), settings=dict(SETTINGS))
    context = {"SITEURL": "", "bad": -1, "loud": -1, "warn": warn}
    for n in range(10):
        writer.write_file(f"p{n}/index.html", TEMPLATE, context, n=n)
    writer.defer(FileJob(("fine",), [], lambda: None))
    writer.defer(FileJob(("broken",), [], lambda: 1 // 0))  # dealt to the first worker
    with pytest.raises(WorkerError, match="ZeroDivisionError"):
        writer.render_all(2)
