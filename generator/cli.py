"""The ``timeline`` command: build the site, or check the content, for editors and CI."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from .errors import ContentError, TimelineError, summarize

BUILD_HELP = "Build the site into the output folder; the old output stays if the build fails."
CHECK_HELP = "Check every entry and registry and print each problem as path:line: field: message."


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; exit 0 on success, 1 on content errors, 2 on usage errors."""
    parser = argparse.ArgumentParser(prog="timeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help=BUILD_HELP, description=BUILD_HELP)
    build.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    build.add_argument("--output", type=Path, default=Path("output"))
    check = commands.add_parser("check", help=CHECK_HELP, description=CHECK_HELP)
    check.add_argument("--content", type=Path, default=Path("content"))
    check.add_argument("--strict", action="store_true", help="Fail on warnings too.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        if args.command == "build":
            return _build(args.settings, args.output)
        return _check(args.content, args.strict)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"build failed: {summarize(exc.problems)}", file=sys.stderr)
        return 1
    except TimelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _build(settings: Path, output: Path) -> int:
    """Build the site atomically."""
    from .build import build_site  # noqa: PLC0415 - keeps `timeline check` free of Pelican's start-up

    build_site(output, settings)
    print(f"built {output}/")
    return 0


def _check(content: Path, strict: bool) -> int:
    """Check the content without building; warnings fail only with ``--strict``."""
    from .validation import check_tree  # noqa: PLC0415

    today = datetime.now(UTC).date()
    _, problems = check_tree(content, content.resolve().parent, today)
    for problem in sorted(problems):
        print(problem)
    failing = [p for p in problems if p.severity == "error" or strict]
    if failing:
        print(
            f"check failed: {summarize(p for p in problems if p.severity == 'error')}"
            f", {sum(p.severity == 'warning' for p in problems)} warnings"
        )
        return 1
    print(f"check passed: {sum(p.severity == 'warning' for p in problems)} warnings")
    return 0
