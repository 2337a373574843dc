"""Write the README's field and settings tables from their declarations, so they never disagree.

``python -m generator.docs README.md`` rewrites each block between ``<!-- schema:NAME -->`` and
``<!-- /schema:NAME -->`` (``NAME``: a schema, or ``settings`` for the ``TIMELINE_*`` settings);
``--check`` only reports whether they are current (the tests use it).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from .schema import Option
from .settings import SETTINGS
from .validation import EVENT_SCHEMA, PAGE_SCHEMA, SOURCE_SCHEMA, TRANSLATION_SCHEMA

SCHEMAS: dict[str, Mapping[str, Option]] = {
    "event": EVENT_SCHEMA,
    "source": SOURCE_SCHEMA,
    "translation": TRANSLATION_SCHEMA,
    "page": PAGE_SCHEMA,
}
#: The block of the ``TIMELINE_*`` settings (generator/settings.py).
SETTINGS_BLOCK = "settings"
_BLOCK = re.compile(r"(<!-- schema:(?P<name>\w+) -->\n).*?(<!-- /schema:(?P=name) -->)", re.S)


def table(schema: Mapping[str, Option]) -> str:
    """Render one schema as a Markdown table: field, required, value, meaning."""
    rows = ["| Field | Required | Value | What it is |", "|---|---|---|---|"]
    for name, option in schema.items():
        required = "yes" if option.required else ""
        value = option.describe().replace("|", "\\|")
        rows.append(f"| `{name}` | {required} | {value} | {option.doc} |")
    return "\n".join(rows) + "\n"


def settings_table(settings: Mapping[str, Option]) -> str:
    """Render the settings as a Markdown table: name, default, value, meaning."""
    rows = ["| Setting | Default | Value | What it does |", "|---|---|---|---|"]
    for name, option in settings.items():
        value = option.describe().replace("|", "\\|")
        rows.append(f"| `{name}` | `{option.default!r}` | {value} | {option.doc} |")
    return "\n".join(rows) + "\n"


def render(text: str) -> str:
    """Return ``text`` with every schema block replaced by its current table."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name == SETTINGS_BLOCK:
            return match[1] + settings_table(SETTINGS) + match[3]
        if name not in SCHEMAS:
            known = ", ".join([*SCHEMAS, SETTINGS_BLOCK])
            raise SystemExit(f"unknown schema block {name!r}; known: {known}")
        return match[1] + table(SCHEMAS[name]) + match[3]

    return _BLOCK.sub(replace, text)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the file's schema blocks, or with ``--check`` fail if they are out of date."""
    parser = argparse.ArgumentParser(prog="python -m generator.docs", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--check", action="store_true", help="Change nothing; exit 1 if stale.")
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    current = render(text)
    if current == text:
        return 0
    if args.check:
        print(f"{args.file}: tables are out of date; run make docs", file=sys.stderr)
        return 1
    args.file.write_text(current, encoding="utf-8")
    print(f"updated the tables in {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
