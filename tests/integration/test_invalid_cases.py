"""One fixture per kind of mistake: `timeline check` and the build report it with the same line.

A strict build (``timeline build``'s default) reports exactly what ``timeline check`` prints,
warnings included, so ``make build`` needs no check before it.

Each folder under tests/fixtures/invalid/ holds files laid over a copy of the minimal fixture
content, and ``expected.txt``: the exact lines ``timeline check`` adds to the fixture's own
report. An empty file means the case is accepted (a BOM and CRLF line endings, for example).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.content.problems import ContentError
from generator.tools.cli import main
from tests.integration.conftest import FIXTURE_CONTENT, ROOT, build

CASES = sorted((ROOT / "tests" / "fixtures" / "invalid").iterdir())
TODAY = date(2024, 1, 1)


def content_with(case: Path | None, tmp_path: Path) -> Path:
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    if case is not None:
        shutil.copytree(case / "content", content, dirs_exist_ok=True)
    return content


def check_lines(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--today", TODAY.isoformat(), "--content", str(content)])
    return code, capsys.readouterr().out.splitlines()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """What ``timeline check`` says of the untouched fixture (two warnings)."""
    content = content_with(None, tmp_path_factory.mktemp("baseline"))
    from generator.content.checks import check_tree  # noqa: PLC0415

    _, problems = check_tree(content, content.parent, TODAY)
    assert [p.severity for p in problems] == ["warning", "warning"]
    return [str(p) for p in sorted(problems)]


def test_there_is_a_case_for_each_mistake_the_issue_lists():
    assert len(CASES) >= 30
    assert all((case / "expected.txt").is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_exactly_the_expected_lines(case, tmp_path, capsys, baseline):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    code, lines = check_lines(content_with(case, tmp_path), capsys)
    assert [line for line in lines if line not in baseline] == expected
    has_errors = any(": warning: " not in line for line in expected)
    assert code == (1 if has_errors else 0)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_build_fails_with_the_same_errors_and_writes_nothing(case, tmp_path):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    errors = [line for line in expected if ": warning: " not in line]
    content = content_with(case, tmp_path)
    output = tmp_path / "output"
    if not errors:
        build(output, content, TIMELINE_TODAY=TODAY)
        assert (output / "index.html").is_file()
        return
    with pytest.raises(ContentError) as caught:
        build(output, content, TIMELINE_TODAY=TODAY)
    assert [str(p) for p in caught.value.problems] == errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_strict_build_fails_with_every_line_check_prints(case, tmp_path, capsys, baseline):
    content = content_with(case, tmp_path)
    _, lines = check_lines(content, capsys)
    assert set(baseline) <= set(lines)  # the fixture's two warnings fail a strict build too
    with pytest.raises(ContentError) as caught:
        build(tmp_path / "output", content, strict=True, TIMELINE_TODAY=TODAY)
    assert [str(p) for p in caught.value.problems] == lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]
