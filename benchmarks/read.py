"""Time reading entries, phase by phase, in microseconds per file: what a build does per entry.

usage: python benchmarks/read.py EVENTS_DIR [--runs 3] [--limit N] [--code DIR] [--pure-python]

EVENTS_DIR is an events folder, e.g. one that ``benchmarks/generate.py`` wrote
(``DIR/ours/content/events``); its registries are read from ``../data``. Each original entry
(translations are left out) goes through the three phases the build's reader runs:

- front matter: ``read_document`` (read the file, decode it, compose the YAML);
- checks:       ``check_event`` against the schema and the registries;
- Markdown:     ``MarkdownRenderer.render`` (Python-Markdown, then nh3).

Each phase runs over every file in turn, ``--runs`` times; the best run of each phase is
quoted, as microseconds per file, since a shared machine only ever adds time. ``--code DIR``
reads with another checkout's ``generator`` package (to compare before and after a change);
``--pure-python`` composes YAML with PyYAML's pure-Python composer even where libyaml is there.
There is no time limit to pass: the script only reports what it measured.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 7, 1)  # after generate.py's last day, so no entry is "in the future"
MICROSECONDS = 1e6


def out(text: str = "") -> None:
    """Print a line of the report."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def best_of(runs: int, phase: Callable[[], list[Any]]) -> tuple[float, list[Any]]:
    """Run a phase ``runs`` times; return its shortest time in seconds and its last results."""
    best = float("inf")
    results: list[Any] = []
    for _ in range(runs):
        started = time.perf_counter()
        results = phase()
        best = min(best, time.perf_counter() - started)
    return best, results


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("events", type=Path, help="An events folder, e.g. DIR/ours/content/events.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of each phase (default 3).")
    parser.add_argument("--limit", type=int, help="Read only the first N entries.")
    parser.add_argument("--code", type=Path, default=REPO, help="The checkout to read with.")
    parser.add_argument("--pure-python", action="store_true", help="Never compose with libyaml.")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.code.resolve()))
    generator = importlib.import_module("generator")
    frontmatter = importlib.import_module("generator.content.frontmatter")
    checks = importlib.import_module("generator.content.checks")
    markup = importlib.import_module("generator.content.markup")
    registries_module = importlib.import_module("generator.content.registries")
    if args.pure_python:
        if not hasattr(frontmatter, "_FAST_LOADER"):
            parser.error(f"{args.code} has no libyaml path to turn off")
        setattr(frontmatter, "_FAST_LOADER", None)  # noqa: B010 - the switch this option is for
    composer = "libyaml" if getattr(frontmatter, "_FAST_LOADER", None) else "pure Python"

    events_dir = args.events.resolve()
    content = events_dir.parent
    base = content.parent
    paths = sorted(p for p in events_dir.rglob("*.md") if checks.original_of(p) is None)
    paths = paths[: args.limit] if args.limit else paths
    if not paths:
        parser.error(f"no entries under {events_dir}")
    registries = registries_module.load_registries(content / "data", base)
    renderer = markup.MarkdownRenderer()
    shown = [os.path.relpath(p, base) for p in paths]

    read_s, docs = best_of(
        args.runs,
        lambda: [frontmatter.read_document(p, s) for p, s in zip(paths, shown, strict=True)],
    )
    check_s, checked = best_of(
        args.runs, lambda: [checks.check_event(doc, registries, TODAY) for doc in docs]
    )
    render_s, _ = best_of(args.runs, lambda: [renderer.render(doc.body) for doc in docs])
    errors = sum(p.severity == "error" for _, problems in checked for p in problems)

    count = len(paths)
    out(f"reading {count} entries from {events_dir}")
    out(f"code: {Path(str(generator.__file__)).parent} (YAML composed by {composer})")
    out(f"python {platform.python_version()}, {os.cpu_count()} CPUs, best of {args.runs} runs")
    if errors:
        out(f"note: {errors} errors in the entries; their checks stop early")
    total = 0.0
    for name, seconds in (("front matter", read_s), ("checks", check_s), ("Markdown", render_s)):
        total += seconds
        out(f"  {name:<13} {seconds / count * MICROSECONDS:8.1f} µs/file  ({seconds:.2f} s)")
    out(f"  {'total':<13} {total / count * MICROSECONDS:8.1f} µs/file  ({total:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
