"""Write the field and settings tables and host snippets of the README from their sources.

``python -m generator.tools.docs README.md`` rewrites each block between
``<!-- schema:NAME -->`` and ``<!-- /schema:NAME -->`` from the declared schema (``NAME``: a
schema, or ``settings`` for the ``TIMELINE_*`` settings), and each block between
``<!-- host:NAME -->`` and ``<!-- /host:NAME -->`` from the settings next to the file
(``pelicanconf.py``), as the build's ``_headers`` is; ``--check`` only reports whether they are
current (the tests use it).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from pelican.settings import read_settings

from ..content.options import Option
from ..content.schemas import EVENT_SCHEMA, PAGE_SCHEMA, SOURCE_SCHEMA, TRANSLATION_SCHEMA
from ..site.hosting import HostPolicy, apache_snippet, host_policy, nginx_snippet
from ..site.settings import SETTINGS

SCHEMAS: dict[str, Mapping[str, Option]] = {
    "event": EVENT_SCHEMA,
    "source": SOURCE_SCHEMA,
    "translation": TRANSLATION_SCHEMA,
    "page": PAGE_SCHEMA,
}
#: The block of the ``TIMELINE_*`` settings (generator/site/settings.py).
SETTINGS_BLOCK = "settings"
#: Each host's configuration: the language of its code block, and how to write it.
SNIPPETS: dict[str, tuple[str, Callable[[HostPolicy], str]]] = {
    "nginx": ("nginx", nginx_snippet),
    "apache": ("apache", apache_snippet),
}
_BLOCK = re.compile(r"(<!-- schema:(?P<name>\w+) -->\n).*?(<!-- /schema:(?P=name) -->)", re.S)
_HOST_BLOCK = re.compile(r"(<!-- host:(?P<name>\w+) -->\n).*?(<!-- /host:(?P=name) -->)", re.S)


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


def snippet(name: str, policy: HostPolicy) -> str:
    """Render one host's configuration as a fenced code block."""
    language, write = SNIPPETS[name]
    return f"```{language}\n{write(policy)}```\n"


@cache
def _policy(settings_file: Path) -> HostPolicy:
    """Read the settings file once, only when the text has a host block."""
    return host_policy(read_settings(str(settings_file)))


def render(text: str, settings_file: Path = Path("pelicanconf.py")) -> str:
    """Return ``text`` with every schema table and host snippet replaced by its current form."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name == SETTINGS_BLOCK:
            return match[1] + settings_table(SETTINGS) + match[3]
        if name not in SCHEMAS:
            known = ", ".join([*SCHEMAS, SETTINGS_BLOCK])
            raise SystemExit(f"unknown schema block {name!r}; known: {known}")
        return match[1] + table(SCHEMAS[name]) + match[3]

    def replace_host(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in SNIPPETS:
            raise SystemExit(f"unknown host block {name!r}; known: {', '.join(SNIPPETS)}")
        return match[1] + snippet(name, _policy(settings_file.resolve())) + match[3]

    return _HOST_BLOCK.sub(replace_host, _BLOCK.sub(replace, text))


def main(argv: list[str] | None = None) -> int:
    """Rewrite the file's generated blocks, or with ``--check`` fail if they are out of date."""
    parser = argparse.ArgumentParser(prog="python -m generator.tools.docs", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--check", action="store_true", help="Change nothing; exit 1 if stale.")
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    current = render(text, args.file.parent / "pelicanconf.py")
    if current == text:
        return 0
    if args.check:
        message = "tables or host snippets are out of date; run make docs"
        print(f"{args.file}: {message}", file=sys.stderr)
        return 1
    args.file.write_text(current, encoding="utf-8")
    print(f"updated the tables and host snippets in {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
