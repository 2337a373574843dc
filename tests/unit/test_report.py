"""The last line of `timeline check` says what was checked and what was found."""

from __future__ import annotations

import pytest

from generator.content.problems import Problem
from generator.tools.report import check_summary

ERROR = Problem("content/events/a.md", 3, "date", "bad")
WARNING = Problem("content/events/b.md", 2, "summary", "short", severity="warning")
ALL = {"entry": 70, "translation": 45, "page": 2, "registry": 5}


@pytest.mark.parametrize(
    ("counts", "problems", "strict", "expected"),
    [
        (ALL, [], False, "checked 70 entries, 45 translations, 2 pages and 5 registries: "
         "no errors, no warnings"),
        ({"entry": 1}, [ERROR], False, "checked 1 entry: 1 error in 1 file, no warnings"),
        ({"entry": 2, "registry": 1}, [ERROR, ERROR, WARNING], True,
         "checked 2 entries and 1 registry: 2 errors in 1 file, 1 warning"),
        ({"translation": 1}, [WARNING, WARNING], True,
         "checked 1 translation: no errors, 2 warnings, which fail with --strict"),
        ({"entry": 0}, [], False, "checked nothing: no errors, no warnings"),
    ],
)  # fmt: skip
def test_the_summary_names_what_was_checked(counts, problems, strict, expected):
    assert check_summary(counts, problems, strict) == expected
