"""A broken entry fails the build loudly, names the place, and leaves the old site untouched."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from generator.content.problems import ConfigError, ContentError, SettingsError
from generator.tools.build import build_site
from generator.tools.cli import main
from tests.integration.conftest import FIXTURE_CONTENT, ROOT, build


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the fixture content."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_every_error_in_every_file_is_reported_at_once(content: Path, tmp_path: Path):
    entry = content / "events" / "2016" / "2016-05-20-refusal.md"
    entry.write_text(entry.read_text().replace("kind: refusal", "kind: refusl"))
    other = content / "events" / "2017" / "2017-09-21-later.md"
    text = other.read_text().replace("date: 2017-09-21", "date: 2017-02-30")
    other.write_text(text.replace("actors: [united-states, russia]", "actor: [russia]"))
    with pytest.raises(ContentError) as caught:
        build(tmp_path / "output", content)
    assert [str(p) for p in caught.value.problems] == [
        "content/events/2016/2016-05-20-refusal.md:4: kind: unknown id 'refusl', "
        "expected an id from content/data/kinds.yml (hint: did you mean 'refusal'?)",
        "content/events/2017/2017-09-21-later.md:1: actors: required",
        "content/events/2017/2017-09-21-later.md:3: date: not a calendar date: "
        "February 2017 has 28 days, got '2017-02-30'",
        "content/events/2017/2017-09-21-later.md:5: actor: unknown field "
        "(hint: did you mean 'actors'?)",
    ]
    assert str(caught.value).endswith("4 errors in 2 files")


def test_a_failed_build_leaves_the_previous_output_byte_identical(content: Path, tmp_path: Path):
    output = build(tmp_path / "output", content)
    before = snapshot(output)
    entry = content / "events" / "2016" / "2016-05-month.md"
    entry.write_text(entry.read_text().replace("sources:", "sourcs:"))
    with pytest.raises(ContentError):
        build(output, content)
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_a_pelican_warning_while_writing_fails_the_build(content: Path, tmp_path: Path):
    entry = content / "events" / "2016" / "2016-05-month.md"
    entry.write_text(entry.read_text() + "\nSee [a missing entry]({filename}/events/nowhere.md).\n")
    with pytest.raises(ContentError) as caught:
        build(tmp_path / "output", content)
    assert any("nowhere.md" in p.message for p in caught.value.problems)
    assert not (tmp_path / "output").exists()


def test_no_build_leaves_a_handler_on_pelicans_log(content: Path, tmp_path: Path):
    pelican_log = logging.getLogger("pelican")
    before = list(pelican_log.handlers)
    build(tmp_path / "built", content)
    assert pelican_log.handlers == before
    entry = content / "events" / "2016" / "2016-05-month.md"
    good = entry.read_text()
    entry.write_text(good.replace("sources:", "sourcs:"))  # refused before anything is written
    with pytest.raises(ContentError):
        build(tmp_path / "checked", content)
    assert pelican_log.handlers == before
    # Pelican logs a warning only once per process (its LimitFilter): another missing file.
    entry.write_text(good + "\nSee [a missing entry]({filename}/events/elsewhere.md).\n")
    with pytest.raises(ContentError):  # Pelican warns while writing
        build(tmp_path / "written", content)
    assert pelican_log.handlers == before


def test_a_file_that_is_not_an_entry_is_reported(content: Path, tmp_path: Path):
    (content / "events" / "2016" / "notes.txt").write_text("draft")
    with pytest.raises(ContentError) as caught:
        build(tmp_path / "output", content)
    assert [str(p) for p in caught.value.problems] == [
        "content/events/2016/notes.txt:1: file: not recognised as an entry: entries end in '.md'"
    ]


def test_an_unknown_timeline_setting_is_refused(tmp_path: Path):
    with pytest.raises(ConfigError, match="TIMELINE_EVENT_PATH"):
        build(tmp_path / "output", FIXTURE_CONTENT, TIMELINE_EVENT_PATH="x")


def write_settings(path: Path, content: Path, *lines: str) -> Path:
    """Write a settings file: the project's, for ``content``, then ``lines`` from line 6 on."""
    path.write_text(
        f"from pathlib import Path\nimport sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        f"exec(Path({str(ROOT / 'pelicanconf.py')!r}).read_text())\n"
        f"PATH = {str(content)!r}; THEME = {str(ROOT / 'theme')!r}\n" + "".join(lines)
    )
    return path


def test_bad_settings_are_all_reported_and_leave_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    output = build(tmp_path / "output", FIXTURE_CONTENT, TIMELINE_SEARCH=False)
    before = snapshot(output)
    settings = write_settings(
        tmp_path / "conf.py",
        FIXTURE_CONTENT,
        "TIMELINE_HOME_EVENTS = '150'\n",
        "TIMELINE_TODAY = '2024-01-01'\n",
    )
    expected = [
        f"{settings}:6: TIMELINE_HOME_EVENTS: expected a positive integer, got '150' "
        "(hint: write 150 without quotes)",
        f"{settings}:7: TIMELINE_TODAY: expected a datetime.date, got '2024-01-01' "
        "(hint: write date(2024, 1, 1), with from datetime import date)",
    ]
    with pytest.raises(SettingsError) as caught:
        build_site(output, settings)
    assert [str(p) for p in caught.value.problems] == expected
    code = main(["build", "--settings", str(settings), "--output", str(output)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [*expected, "build failed: 2 errors in 1 file"]
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conf.py", "output"]


WARNINGS = [
    "content/events/2015/2015-span.md:9: sources: warning: no source has a url, so readers "
    "cannot check the entry; add one where known",
    "content/events/2016/2016-05-24-offer.md:2: title: warning: contains markup, which is shown "
    "as plain text",
]


def test_the_build_command_fails_on_a_warning_and_names_each(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """The fixture content has two warnings and no error: strict by default, the build fails."""
    settings = write_settings(
        tmp_path / "conf.py",
        content,
        "from datetime import date\n",
        "TIMELINE_TODAY = date(2024, 1, 1)\n",
    )
    output = tmp_path / "out"
    code = main(["build", "--settings", str(settings), "--output", str(output)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [*WARNINGS, "build failed: 0 errors in 0 files, 2 warnings"]
    assert not output.exists()
    code = main(["build", "--no-strict", "--settings", str(settings), "--output", str(output)])
    assert code == 0
    assert (output / "index.html").is_file()


def test_a_strict_build_names_the_errors_of_two_files_and_every_warning(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    entry = content / "events" / "2016" / "2016-05-20-refusal.md"
    entry.write_text(entry.read_text().replace("kind: refusal", "kind: refusl"))
    other = content / "events" / "2017" / "2017-09-21-later.md"
    other.write_text(other.read_text().replace("date: 2017-09-21", "date: 2017-02-30"))
    settings = write_settings(
        tmp_path / "conf.py",
        content,
        "from datetime import date\n",
        "TIMELINE_TODAY = date(2024, 1, 1)\n",
    )
    code = main(["build", "--settings", str(settings), "--output", str(tmp_path / "out")])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        WARNINGS[0],
        "content/events/2016/2016-05-20-refusal.md:4: kind: unknown id 'refusl', "
        "expected an id from content/data/kinds.yml (hint: did you mean 'refusal'?)",
        WARNINGS[1],
        "content/events/2017/2017-09-21-later.md:3: date: not a calendar date: "
        "February 2017 has 28 days, got '2017-02-30'",
        "build failed: 2 errors in 2 files, 2 warnings",
    ]


def test_the_build_command_prints_each_problem_and_exits_1(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
):
    entry = content / "events" / "2016" / "2016-05-month.md"
    entry.write_text(entry.read_text().replace("date: 2016-05", "date: May 2016"))
    settings = write_settings(tmp_path / "conf.py", content)
    monkeypatch.chdir(tmp_path)
    code = main(["build", "--settings", str(settings), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "content/events/2016/2016-05-month.md:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, "
        "got 'May 2016' (hint: did you mean 2016-05?)" in err
    )
    assert "Traceback" not in err
