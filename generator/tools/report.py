"""Print problems for a person (``path:line: field: message``), for GitHub Actions, or as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from ..content.problems import Problem, summarize

FORMATS = ("text", "github", "json")
#: What ``timeline check`` counts, in the order its summary names them, with their plurals.
CHECKED_KINDS = {
    "entry": "entries",
    "translation": "translations",
    "page": "pages",
    "registry": "registries",
}


def render(problems: Iterable[Problem], fmt: str) -> str:
    """Render every problem, sorted by path and line, in one of :data:`FORMATS`."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([as_record(p) for p in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(github_annotation(p) for p in ordered)
    return "\n".join(str(p) for p in ordered)


def as_record(problem: Problem) -> dict[str, object]:
    """Return a problem as a JSON-ready mapping with stable keys."""
    return {
        "path": problem.path,
        "line": problem.line,
        "field": problem.field,
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint or None,
    }


def github_annotation(problem: Problem) -> str:
    """Return a workflow command that GitHub shows on the line of the file in a pull request.

    See "Workflow commands for GitHub Actions": properties escape ``%``, CR, LF, ``:`` and
    ``,``; the message escapes ``%``, CR and LF.
    """
    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    properties = [f"file={_property(problem.path)}"]
    if problem.line > 0:
        properties.append(f"line={problem.line}")
    properties.append(f"title={_property(problem.field)}")
    return f"::{problem.severity} {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def check_summary(counts: Mapping[str, int], problems: Sequence[Problem], strict: bool) -> str:
    """Say what was checked and what was found, for the last line of ``timeline check``.

    E.g. ``checked 70 entries, 45 translations and 5 registries: no errors, no warnings``;
    kinds of which nothing was checked are left out. ``strict`` says when warnings fail.
    """
    parts = [
        f"{count} {kind if count == 1 else CHECKED_KINDS[kind]}"
        for kind in CHECKED_KINDS
        if (count := counts.get(kind, 0))
    ]
    checked = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    found = summarize(errors) if errors else "no errors"
    if not warnings:
        found += ", no warnings"
    else:
        found += f", {warnings} warning" + ("s" if warnings > 1 else "")
        if strict and not errors:
            found += ", which fail with --strict"
    return f"checked {checked or 'nothing'}: {found}"
