"""Our exception tree and the one shape every content problem takes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, addressed like compiler output: ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"
    hint: str = ""

    def __str__(self) -> str:
        """Render as one line an editor's tools can jump to; line 0 means none is known."""
        where = f"{self.path}:{self.line}" if self.line > 0 else self.path
        text = f"{where}: {self.field}: {self.message}"
        if self.severity == "warning":
            text = f"{where}: {self.field}: warning: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


def summarize(problems: Iterable[Problem]) -> str:
    """Count errors and files, e.g. ``3 errors in 2 files``, for the last line of a report."""
    errors = [p for p in problems if p.severity == "error"]
    files = {p.path for p in errors}
    noun = "error" if len(errors) == 1 else "errors"
    fnoun = "file" if len(files) == 1 else "files"
    return f"{len(errors)} {noun} in {len(files)} {fnoun}"


def summarize_all(problems: Iterable[Problem]) -> str:
    """Count errors and files, then warnings if there are any: ``0 errors in 0 files, 1 warning``.

    For a report that fails on warnings too (a strict build), whose last line must count them.
    """
    problems = list(problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if not warnings:
        return summarize(problems)
    return f"{summarize(problems)}, {warnings} warning" + ("s" if warnings > 1 else "")


def relative(path: str | PurePath, base: str | PurePath | None) -> str:
    """Show a path relative to ``base`` when it lies below it, so messages stay short."""
    p = PurePath(path)
    if base is not None:
        try:
            return p.relative_to(base).as_posix()
        except ValueError:
            pass
    return p.as_posix()


class TimelineError(Exception):
    """Base of every error this package raises on purpose."""

    exitcode = 1


class ConfigError(TimelineError):
    """A ``TIMELINE_*`` setting has a value we cannot use."""


class SearchIndexError(TimelineError):
    """Pagefind could not index the built site, or indexed fewer pages than were written."""


class Invalid(TimelineError):
    """A value does not fit its field (an option, a date); the message fits after ``field:``."""

    def __init__(self, message: str, hint: str = "") -> None:
        """Keep the hint apart, to show after the message."""
        super().__init__(message)
        self.message = message
        self.hint = hint


class ContentError(TimelineError):
    """The content has errors; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Sort the problems by file and line, as an editor reads them."""
        self.problems = sorted(set(problems))
        lines = [str(p) for p in self.problems]
        lines.append(summarize_all(self.problems))
        super().__init__("\n".join(lines))


class SettingsError(ContentError, ConfigError):
    """Settings have values we cannot use; every problem is reported as the content's are."""


class ProblemLog:
    """Problems gathered during one build, by whichever part found them."""

    def __init__(self) -> None:
        """Start empty; :meth:`reset` starts again for the next build (autoreload)."""
        self.problems: list[Problem] = []
        self.rejected: set[str] = set()

    def reset(self) -> None:
        """Forget the previous build's problems."""
        self.problems.clear()
        self.rejected.clear()

    def add(self, problems: Iterable[Problem]) -> None:
        """Record problems."""
        self.problems.extend(problems)

    def reject(self, source_path: str, problems: Iterable[Problem]) -> None:
        """Record the problems of a file the build refused, and remember the file."""
        self.rejected.add(source_path)
        self.add(problems)

    @property
    def errors(self) -> list[Problem]:
        """Return only the problems that fail a build."""
        return [p for p in self.problems if p.severity == "error"]
