"""Our ``TIMELINE_*`` settings, each declared once: its type, its default and what it does.

The one table :data:`SETTINGS` feeds the check the build runs when it starts, the defaults, the
content folders ``timeline check`` and ``new`` read, and the README's table (``make docs``).
As for the front matter (:mod:`generator.content.options`), each option turns a value into
what the build uses or raises :class:`~generator.content.options.Invalid`, and every problem is
collected before any is reported. A setting's value is the Python object the settings file
assigned; it is handed to its option in a :class:`~generator.content.frontmatter.Node`, so
that the schema's options that take text, such as :class:`~generator.content.options.Url`,
serve here as they are.
"""

from __future__ import annotations

import ast
import copy
import difflib
import re
import string
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..content.frontmatter import Node
from ..content.model import EVENT_PATH
from ..content.options import Context, Invalid, Option, Text, Url, describe
from ..content.problems import Problem, SettingsError

#: Where :func:`generator.tools.build.build_site` notes which settings file Pelican read: Pelican
#: keeps no record of it, and messages name it. Not a ``TIMELINE_*`` name, so not a setting.
SETTINGS_FILE = "_TIMELINE_SETTINGS_FILE"
#: Where :func:`generator.tools.build.build_site` says whether warnings fail the build too, as
#: they fail ``timeline check --strict``. Not a ``TIMELINE_*`` name, so not a setting.
STRICT = "_TIMELINE_STRICT"
#: Where :func:`generator.tools.build.build_site` names the folder the new site will replace,
#: whose unchanged pages it may reuse (:mod:`generator.site.pagereuse`). Not a setting either.
PREVIOUS_OUTPUT = "_TIMELINE_PREVIOUS_OUTPUT"
#: Where :func:`generator.tools.build.build_site` asks for the search index after the swap
#: (the preview's ``--index-later``): the build keeps the previous index and the pages to
#: index, and :func:`generator.tools.build.index_later` indexes them. Not a setting either.
INDEX_LATER = "_TIMELINE_INDEX_LATER"
#: Where :func:`generator.tools.build.build_site` asks the writers to keep every page they were
#: asked for, with its template and context, once written, so that the preview can render again
#: the pages that show an edited entry (:mod:`generator.site.live`). Not a setting either.
KEEP_PAGES = "_TIMELINE_KEEP_PAGES"
#: An address ``mailto:`` can carry: no spaces, one "@", a dot in the domain, nothing to escape.
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: What messages name when the settings did not come from a file (an override dict).
UNKNOWN_FILE = "settings"


class Count(Option):
    """A whole number of at least one."""

    expected = "a positive integer"

    def convert(self, node: Node, ctx: Context) -> int:
        """Refuse anything else, ``True`` included (Python counts it as 1)."""
        value = node.value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        hint = ""
        if isinstance(value, str) and value.strip().isdigit():
            hint = f"write {value.strip()} without quotes"
        raise Invalid(f"expected {self.expected}, got {describe(value)}", hint)


class Boolean(Option):
    """``True`` or ``False``."""

    expected = "True or False"

    def convert(self, node: Node, ctx: Context) -> bool:
        """Refuse the string ``"False"``, which Python would take as true."""
        value = node.value
        if isinstance(value, bool):
            return value
        hint = ""
        if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
            hint = f"write {value.strip().capitalize()} without quotes"
        raise Invalid(f"expected {self.expected}, got {describe(value)}", hint)


class Day(Option):
    """A calendar day, as a :class:`datetime.date`."""

    expected = "a datetime.date"

    def describe(self) -> str:
        """Show how to write one."""
        return "a datetime.date, e.g. date(2024, 1, 1)"

    def convert(self, node: Node, ctx: Context) -> date:
        """Refuse a string or a datetime: the checks compare it with dates, which would fail."""
        value = node.value
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        day: date | None = value.date() if isinstance(value, datetime) else None
        if isinstance(value, str):
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                day = None
        hint = ""
        if day is not None:
            hint = f"write date({day.year}, {day.month}, {day.day}), with from datetime import date"
        raise Invalid(f"expected {self.expected}, got {describe(value)}", hint)


class DatedPath(Option):
    """Where a dated page is written below the output folder: ``years/{date:%Y}/index.html``."""

    expected = "a relative path with a {date:...} placeholder"

    def describe(self) -> str:
        """Show how to write one."""
        return "a relative path with {date:...}, e.g. 'years/{date:%Y}/index.html', or ''"

    def convert(self, node: Node, ctx: Context) -> str:
        """Take ``""`` (no such pages); refuse a path that formatting a date would fail on."""
        value = node.value
        if value == "":
            return value
        if not isinstance(value, str) or value.startswith("/") or ".." in value.split("/"):
            raise Invalid(f"expected {self.expected}, got {describe(value)}")
        try:
            value.format(date=datetime(2000, 1, 1, tzinfo=UTC))
        except (KeyError, IndexError, ValueError) as exc:
            raise Invalid(f"expected {self.expected}, got {value!r}: {exc}") from None
        return value


class Folder(Option):
    """A folder inside the content folder (Pelican's ``PATH``), such as ``events``."""

    expected = "a folder inside PATH"

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse an absolute path or one that climbs out of ``PATH``; drop a trailing slash."""
        value = node.value
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"expected {self.expected}, such as 'events', got {describe(value)}")
        path = PurePosixPath(value)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise Invalid(f"expected {self.expected}, such as 'events', got {value!r}")
        return path.as_posix()


class AddressTemplate(Url):
    """An address with ``{path}`` and ``{commit}`` to fill in for each entry."""

    placeholders = ("path", "commit")

    def describe(self) -> str:
        """Name the placeholders."""
        return "an absolute http(s) URL template"

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse a placeholder that filling in would fail on, so it fails now, not mid-build."""
        text = super().convert(node, ctx)
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError:  # a lone "{" or "}"
            names = {"{"}
        unknown = sorted(names - set(self.placeholders))
        if unknown:
            message = f"expected only the placeholders {{path}} and {{commit}}, got {text!r}"
            raise Invalid(message, "write a literal brace as {{ or }}" if "{" in unknown else "")
        return text


class Repository(Url):
    """The address of a repository, below which its issue form lives: ``…/issues/new``."""

    def describe(self) -> str:
        """Say that only https is taken."""
        return "an absolute https URL"

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse plain http, a query and a fragment, which the form's address cannot follow.

        A trailing slash is dropped, so that paths can be added with one.
        """
        text = super().convert(node, ctx)
        parts = urlsplit(text)
        if parts.scheme != "https" or parts.query or parts.fragment:
            message = f"expected {self.describe()} without query or fragment, got {text!r}"
            raise Invalid(message, "e.g. 'https://github.com/OWNER/REPO'")
        return text.rstrip("/")


class Email(Option):
    """An email address, as a ``mailto:`` link takes it."""

    expected = "an email address"

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse anything but ``name@host.domain``: a ``mailto:`` link is built from it."""
        value = node.value
        if isinstance(value, str) and _EMAIL_RE.fullmatch(value.strip()):
            return value.strip()
        mailto = isinstance(value, str) and value.startswith("mailto:")
        hint = "leave out 'mailto:'" if mailto else ""
        raise Invalid(f"expected {self.expected}, got {describe(value)}", hint)


class Domain(Option):
    """What may follow an ``@``: a host name or a project's name, such as ``example.org``."""

    expected = "letters, digits, dots and hyphens"
    pattern = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse what a calendar UID could not carry unquoted: spaces, ``@``, slashes, ``:``."""
        value = node.value
        if isinstance(value, str) and self.pattern.fullmatch(value) and ".." not in value:
            return value
        hint = ""
        if isinstance(value, str) and "://" in value:
            hint = "write the host name alone, e.g. 'example.org'"
        raise Invalid(f"expected {self.expected}, got {describe(value)}", hint)


class OrNone(Option):
    """Another option's value, or ``None`` for "not set" (MkDocs' ``Optional``)."""

    def __init__(self, option: Option, **kwargs: Any) -> None:
        """Wrap the option that a value other than ``None`` must fit."""
        super().__init__(**kwargs)
        self.option = option

    def describe(self) -> str:
        """Say that ``None`` is allowed too."""
        return f"{self.option.describe()}, or None"

    def convert(self, node: Node, ctx: Context) -> Any:
        """Keep ``None``; check anything else with the wrapped option."""
        return None if node.value is None else self.option.convert(node, ctx)


#: Every setting the plugin reads; any other ``TIMELINE_*`` name is refused.
SETTINGS: dict[str, Option] = {
    "TIMELINE_EVENTS_PATH": Folder(
        default="events",
        doc="Folder of the event entries, inside `PATH`; every other Markdown file is a page.",
    ),
    "TIMELINE_DATA_PATH": Folder(
        default="data",
        doc="Folder of the registries (`kinds.yml`, `actors.yml`, …), inside `PATH`.",
    ),
    "TIMELINE_TODAY": OrNone(
        Day(),
        default=None,
        doc="The day the checks take as today (for dates in the future); None: today, in UTC.",
    ),
    "TIMELINE_HISTORY_URL": OrNone(
        AddressTemplate(),
        default=None,
        doc="Link to each entry's change history, e.g. "
        "`https://github.com/OWNER/REPO/commits/main/{path}` ({path}: its file in the "
        "repository, {commit}: its last commit); None: no link.",
    ),
    "TIMELINE_REPOSITORY_URL": OrNone(
        Repository(),
        default=None,
        doc="The GitHub repository the content lives in, e.g. `https://github.com/OWNER/REPO`: "
        'each event page gets "Suggest a correction", a new issue there with the entry\'s '
        "file and address filled in, and the About page names it; None: no such link.",
    ),
    "TIMELINE_CORRECTIONS_EMAIL": OrNone(
        Email(),
        default=None,
        doc="Address readers without an account on the repository's host can write corrections "
        "to, shown on the About page and on each event page; None: none is shown.",
    ),
    "TIMELINE_HOME_EVENTS": Count(
        default=150,
        doc="Most events the home page lists: the most recent whole years that fit (at least "
        "one); every year is on its decade's page.",
    ),
    "TIMELINE_SEARCH": Boolean(
        default=True,
        doc="Index the site with Pagefind and write the search page; False builds neither, "
        "nor the Search link.",
    ),
    "TIMELINE_SEARCH_PAGES_PER_INDEX": Count(
        default=20000,
        doc="Most pages one Pagefind run indexes: Pagefind holds about 125 KB per page until "
        "it writes, 12 GB for 120,000 pages. A larger site is indexed in parts of equal size "
        "(`pagefind/part-2/`…), which the search page merges; an index lacking a rare word "
        "may then add a near match to the results.",
    ),
    "TIMELINE_FACET_PAGE_EVENTS": Count(
        default=100,
        doc="Most events one page of a thread, kind, actor or place lists, oldest first; "
        "more are cut into numbered pages (`actors/<id>/page/2/`…), each labelled with its "
        "years.",
    ),
    "TIMELINE_FEED_AUTHOR": OrNone(
        Text(max_length=120),
        default=None,
        doc="The author the Atom feeds name; None: `SITENAME`. Pelican's `AUTHOR` must stay "
        "unset: it would make every event that author's, and Pelican groups the events of "
        "each author in quadratic time.",
    ),
    "TIMELINE_FEED_ITEMS": Count(
        default=50,
        doc="Most events in each Atom feed: those whose entries were first published (first "
        "commit) most recently, newest first.",
    ),
    "TIMELINE_FACET_FEED_MIN_EVENTS": Count(
        default=3,
        doc="Fewest events a thread, kind or actor needs on a language's site to get a feed "
        "and a calendar of its own there, linked from its page.",
    ),
    "TIMELINE_CALENDAR_UID_DOMAIN": Domain(
        default="rus-us-chronology",
        doc="What follows the `@` of every calendar UID (`<slug>.<lang>@<domain>`); fixed, "
        "not taken from `SITEURL`, so moving the site does not duplicate the events in "
        "subscribed calendars.",
    ),
    "TIMELINE_WORKERS": OrNone(
        Count(),
        default=None,
        doc="Processes that read the entries and render the pages, the build's own included; "
        "1: all in the build's process, with Pelican's own writer; None: one per core the "
        "build may use.",
    ),
    "TIMELINE_LICENSE_NAME": Text(
        max_length=80,
        default="CC BY 4.0",
        doc="Licence of the content and data (entries, registries, exports), as pages, feeds, "
        "`events.json` and JSON-LD name it; the code is under the MIT licence (`LICENSE`).",
    ),
    "TIMELINE_LICENSE_URL": Url(
        default="https://creativecommons.org/licenses/by/4.0/",
        doc="Address of the licence `TIMELINE_LICENSE_NAME` names.",
    ),
    "TIMELINE_ENTRY_CACHE": Boolean(
        default=True,
        doc="Keep what reading each entry gave in `CACHE_PATH/entries.pickle`, and read again "
        "only the entries whose files (or registries, or code) changed since.",
    ),
    "TIMELINE_YEAR_SAVE_AS": DatedPath(
        default="",
        doc="Where each year's page is written, e.g. `years/{date:%Y}/index.html`, with "
        "Pelican's `period_archives` template at `YEAR_ARCHIVE_URL`; '': no year pages. It "
        "replaces Pelican's `YEAR_ARCHIVE_SAVE_AS`, which must stay empty: Pelican groups "
        "the years in quadratic time (hours at 100,000 events).",
    ),
    "TIMELINE_PAGE_CACHE": Boolean(
        default=True,
        doc="Keep each page's inputs in `CACHE_PATH/pages.json`, and take from the previous "
        "site, instead of rendering, every page whose inputs and file are unchanged (needs "
        "`TIMELINE_ENTRY_CACHE`, and more than one `TIMELINE_WORKERS`).",
    ),
}


def checked_settings(settings: Mapping[str, Any], source: str | None = None) -> dict[str, Any]:
    """Return every declared setting, checked, with defaults for those left out.

    ``source`` is the settings file as Pelican was given it, for messages; by default the one
    :data:`SETTINGS_FILE` names. Raises :class:`~generator.content.problems.SettingsError` with
    every problem at once: unknown ``TIMELINE_*`` names (with the nearest known one) and bad values.
    """
    source = source or settings.get(SETTINGS_FILE) or UNKNOWN_FILE
    found: list[tuple[str, Invalid]] = [
        (name, Invalid("unknown setting", _nearest_setting(name)))
        for name in sorted(settings)
        if name.startswith("TIMELINE_") and name not in SETTINGS
    ]
    if settings.get("ARTICLE_URL", EVENT_PATH) != EVENT_PATH:
        # The checks find addresses that two files claim (an alias and an event) through it.
        message = f"must be {EVENT_PATH!r}, the event address the checks know"
        found.append(("ARTICLE_URL", Invalid(message, "set it to EVENT_PATH")))
    if settings.get("ARTICLE_TRANSLATION_ID") is not None:
        # Pelican's pairing searches a list for every entry; the plugin's pairs by slug.
        message = "must be None: the plugin pairs translations by slug, in linear time"
        found.append(("ARTICLE_TRANSLATION_ID", Invalid(message, "set it to None")))
    if settings.get("AUTHOR"):
        # Pelican gives every article the default author, then, for each author, tests every
        # article against that author's list: quadratic, and the feeds are all that name one.
        message = "must not be set: Pelican groups each author's events in quadratic time"
        found.append(("AUTHOR", Invalid(message, "set TIMELINE_FEED_AUTHOR")))
    if settings.get("YEAR_ARCHIVE_SAVE_AS"):
        # Pelican's grouping tests every event against a list for every year (periods.py).
        message = "must be empty: Pelican groups the years in quadratic time"
        found.append(("YEAR_ARCHIVE_SAVE_AS", Invalid(message, "set TIMELINE_YEAR_SAVE_AS")))
    values: dict[str, Any] = {}
    for name, option in SETTINGS.items():
        if name not in settings:
            values[name] = copy.deepcopy(option.default)
            continue
        try:
            values[name] = option.convert(Node(settings[name], 0), Context())
        except Invalid as exc:
            found.append((name, exc))
    if found:
        lines = assignment_lines(Path(source))
        raise SettingsError(
            Problem(source, lines.get(name, 0), name, exc.message, hint=exc.hint)
            for name, exc in found
        )
    return values


def _nearest_setting(name: str) -> str:
    """Suggest the closest declared name, compared without the prefix they all share."""
    short = {key.removeprefix("TIMELINE_"): key for key in SETTINGS}
    match = difflib.get_close_matches(name.removeprefix("TIMELINE_"), short, n=1, cutoff=0.6)
    return f"did you mean '{short[match[0]]}'?" if match else ""


def assignment_lines(path: Path) -> dict[str, int]:
    """Return the line of the last assignment to each ``TIMELINE_*`` name in a settings file.

    Cheap and approximate, which is all a message needs: a value that came from elsewhere (an
    override, a star-import) has no line, and a file that cannot be parsed gives none.
    """
    try:
        tree = ast.parse(path.read_bytes(), str(path))
    except (OSError, SyntaxError, ValueError):
        return {}
    lines: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id.startswith("TIMELINE_"):
                    lines[name.id] = max(lines.get(name.id, 0), node.lineno)
    return lines
