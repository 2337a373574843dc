"""The ``timeline`` command: scaffold, check and count entries, and build the site.

Exit status: 0 on success, 1 when the content has errors (or warnings with ``--strict``, which
``build`` is by default), 2 when the command itself was used wrongly (argparse's convention).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..content.problems import (
    ConfigError,
    ContentError,
    Problem,
    TimelineError,
    relative,
    summarize,
    summarize_all,
)

BUILD_HELP = "Build the site into the output folder; the old output stays if the build fails."
BUILD_STRICT_HELP = (
    "Fail on warnings too, listing every error and warning as timeline check --strict does "
    "(the default); --no-strict only prints the warnings."
)
INDEX_LATER_HELP = (
    "Put the site in place with the previous search index, print 'site ready', then index it "
    "and put the new index in place (the preview's way: the page first, search after)."
)
#: What ``timeline build --index-later`` prints once the new site is in place.
READY = "site ready"
CHECK_HELP = "Check every entry and registry and print each problem as path:line: field: message."
LINKS_HELP = "Check every source's url and archive over the network and list the broken ones."
CACHE_HELP = "Where results are kept between runs. Default: cache/links.json."
MAX_AGE_HELP = "Trust a link that worked within this many days; 0 rechecks all. Default: 7."
TIMEOUT_HELP = "Give up on one request after this long, then retry. Default: 10."
NEW_HELP = "Write the skeleton of a new entry (or, with --translate, of a translation)."
STATS_HELP = "Count entries by year, kind and actor, and list what lacks a translation or a url."
SETTINGS_HELP = "The Pelican settings file (default: pelicanconf.py)."
CONTENT_HELP = "The content folder, instead of the settings' PATH."


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand and return its exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return args.run(args)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{args.command} failed: {summarize_all(exc.problems)}", file=sys.stderr)
        return 1
    except TimelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    from .report import FORMATS  # noqa: PLC0415 - light; kept next to its use

    parser = argparse.ArgumentParser(prog="timeline", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help=BUILD_HELP, description=BUILD_HELP)
    build.add_argument("--settings", type=Path, default=Path("pelicanconf.py"), help=SETTINGS_HELP)
    build.add_argument("--output", type=Path, default=Path("output"))
    build.add_argument(
        "--strict", action=argparse.BooleanOptionalAction, default=True, help=BUILD_STRICT_HELP
    )
    build.add_argument("--index-later", action="store_true", help=INDEX_LATER_HELP)
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help=CHECK_HELP, description=CHECK_HELP)
    check.add_argument("paths", nargs="*", type=Path, help="Report only these files or folders.")
    _add_site_options(check)
    check.add_argument("--strict", action="store_true", help="Fail on warnings too.")
    check.add_argument("--format", choices=FORMATS, default="text", help="Default: text.")
    check.add_argument(
        "--today", type=_iso_day, help="Check as if today were YYYY-MM-DD (for reproducible runs)."
    )
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help=NEW_HELP, description=NEW_HELP)
    new.add_argument("title", nargs="?", help="Headline of the entry, in quotes.")
    new.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY: as precise as the sources.")
    new.add_argument("--end", help="Last day, for an event that spans time.")
    new.add_argument("--circa", action="store_true", help="The date is approximate.")
    new.add_argument("--kind", help="An id from content/data/kinds.yml.")
    new.add_argument("--actor", action="append", default=[], help="Actor id; repeat for more.")
    new.add_argument("--place", action="append", default=[], help="Place id; repeat for more.")
    new.add_argument("--thread", help="An id from content/data/threads.yml.")
    new.add_argument("--slug", help="The permanent URL name; made from the title by default.")
    new.add_argument("--translate", metavar="SLUG", help="Translate the entry with this slug.")
    new.add_argument("--lang", help="Language of the translation, with --translate.")
    _add_site_options(new)
    new.set_defaults(run=_new)

    stats = commands.add_parser("stats", help=STATS_HELP, description=STATS_HELP)
    _add_site_options(stats)
    stats.set_defaults(run=_stats)

    links = commands.add_parser("links", help=LINKS_HELP, description=LINKS_HELP)
    _add_site_options(links)
    links.add_argument("--cache", type=Path, default=Path("cache/links.json"), help=CACHE_HELP)
    links.add_argument("--max-age", type=_days, default="7", metavar="DAYS", help=MAX_AGE_HELP)
    links.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help=TIMEOUT_HELP)
    links.add_argument("--strict", action="store_true", help="Fail on warnings too.")
    links.add_argument("--format", choices=FORMATS, default="text", help="Default: text.")
    links.set_defaults(run=_links)
    return parser


def _add_site_options(command: argparse.ArgumentParser) -> None:
    """Let a command that reads the content find it as the build does."""
    command.add_argument(
        "--settings", type=Path, default=Path("pelicanconf.py"), help=SETTINGS_HELP
    )
    command.add_argument("--content", type=Path, help=CONTENT_HELP)


@dataclass(frozen=True)
class _Site:
    """Where the content is and which day counts as today, as the build would have them."""

    content: Path
    events_folder: str
    data_folder: str
    today: date
    #: The page templates of the theme the build would use, which a page's ``template`` names.
    templates: frozenset[str] | None = None

    @property
    def base(self) -> Path:
        """Where shown paths start from: the content folder's parent."""
        return self.content.resolve().parent


def _site(args: argparse.Namespace) -> _Site:
    """Read ``PATH`` and our settings from the settings file, checked as the build checks them.

    Only the file is read, not the theme or the plugins, so a check needs nothing else.
    Raises :class:`~generator.content.problems.SettingsError` for a bad ``TIMELINE_*`` setting,
    as the build would, and :class:`~generator.content.problems.ConfigError` when there is no
    such file.
    """
    from pelican.settings import get_settings_from_file  # noqa: PLC0415 - runs the file

    from ..content.checks import theme_templates  # noqa: PLC0415
    from ..site.settings import checked_settings  # noqa: PLC0415

    source = str(_settings_file(args.settings))
    settings = get_settings_from_file(source)
    ours = checked_settings(settings, source)
    content = args.content
    if content is None:
        # As Pelican's read_settings: a PATH in the file is relative to the file's folder.
        path = settings.get("PATH")
        content = Path(os.path.join(os.path.dirname(source), path) if path else os.curdir)
    theme = _theme(settings, source)  # no theme here: a template's name is checked, not its file
    return _Site(
        content=content.resolve(),
        events_folder=ours["TIMELINE_EVENTS_PATH"],
        data_folder=ours["TIMELINE_DATA_PATH"],
        today=getattr(args, "today", None) or ours["TIMELINE_TODAY"] or _today(),
        templates=theme_templates(theme) if theme.is_dir() else None,
    )


def _theme(settings: dict[str, object], source: str) -> Path:
    """Find the theme as Pelican's ``read_settings`` does: beside the file, or a built-in one."""
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415 - loaded only to check

    theme = str(settings.get("THEME") or DEFAULT_CONFIG["THEME"])
    beside = Path(os.path.dirname(source)) / theme
    return beside if beside.is_dir() else Path(theme)


def _settings_file(path: Path) -> Path:
    """Refuse a settings file that is not there, before Pelican fails with a traceback."""
    if not path.is_file():
        raise ConfigError(
            f"no settings file {str(path)!r}: run from the site's folder or pass --settings FILE"
        )
    return path


def _today():
    return datetime.now(UTC).date()


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def _days(text: str) -> timedelta:
    try:
        days = float(text)
    except ValueError:
        days = -1.0
    if not 0 <= days < 36_500:  # noqa: PLR2004 - also refuses nan and inf
        raise argparse.ArgumentTypeError(f"expected a number of days, got {text!r}")
    return timedelta(days=days)


def _build(args: argparse.Namespace) -> int:
    """Build the site atomically."""
    from .build import build_site, index_later  # noqa: PLC0415 - loaded only to build

    settings = _settings_file(args.settings)
    done = build_site(args.output, settings, strict=args.strict, index_later=args.index_later)
    if args.index_later:
        print(READY, flush=True)
        if done is not None:
            index_later(done, args.output)
    print(f"built {args.output}/")
    return 0


def _check(args: argparse.Namespace) -> int:
    """Check the whole content (a translation needs its original, a slug all the others).

    With paths, only the problems in those files or folders are shown and counted.
    """
    from ..content.checks import check_tree  # noqa: PLC0415
    from . import report  # noqa: PLC0415

    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    site = _site(args)
    _, problems = check_tree(
        site.content,
        site.base,
        site.today,
        site.events_folder,
        site.data_folder,
        site.templates,
    )
    checked = _checked_files(site)
    if args.paths:
        wanted = [_shown(path, site.base) for path in args.paths]
        problems = [p for p in problems if _wanted(p.path, wanted)]
        checked = {
            kind: [p for p in paths if _wanted(p, wanted)] for kind, paths in checked.items()
        }
    errors = sum(p.severity == "error" for p in problems)
    failed = errors > 0 or (args.strict and len(problems) > errors)
    output = report.render(problems, args.format)
    if output:
        print(output)
    if args.format == "text":
        counts = {kind: len(paths) for kind, paths in checked.items()}
        print(report.check_summary(counts, problems, args.strict), file=sys.stderr)
    return 1 if failed else 0


def _checked_files(site: _Site) -> dict[str, list[str]]:
    """List the files the check read, by kind, spelled as problems spell their paths."""
    from ..content.checks import content_files  # noqa: PLC0415

    files = content_files(site.content, site.events_folder, site.data_folder)
    kinds = {
        "entry": files.entries,
        "translation": [path for path, _ in files.translations],
        "page": files.pages,
        "registry": files.registries,
    }
    return {
        kind: [relative(p.resolve(), site.base) for p in paths] for kind, paths in kinds.items()
    }


def _shown(path: Path, base: Path) -> str:
    """Spell a path the way problems spell theirs: relative to the content's parent."""
    return relative(path.resolve(), base).rstrip("/")


def _wanted(shown: str, wanted: list[str]) -> bool:
    """Tell whether a shown path is one of the files or folders asked for, or inside one."""
    return any(shown == w or shown.startswith(w + "/") for w in wanted)


def _new(args: argparse.Namespace) -> int:
    """Write a skeleton; refuse to overwrite, and refuse arguments the schema refuses."""
    from ..content.registries import load_registries  # noqa: PLC0415
    from . import scaffold  # noqa: PLC0415

    site = _site(args)
    base = site.base
    events_dir = site.content / site.events_folder
    if args.translate:
        return _new_translation(args, events_dir, base)
    missing = [
        option
        for option, value in (("TITLE", args.title), ("--date", args.date), ("--kind", args.kind))
        if not value
    ] + (["--actor"] if not args.actor else [])
    if missing:
        print(f"error: timeline new needs {', '.join(missing)}", file=sys.stderr)
        return 2
    entry = scaffold.NewEntry(
        title=args.title,
        date=args.date,
        kind=args.kind,
        actors=args.actor,
        places=args.place,
        thread=args.thread,
        end=args.end,
        circa=args.circa,
        slug=args.slug,
    )
    registries = load_registries(site.content / site.data_folder, base)
    problems = [*registries.problems, *scaffold.check_arguments(entry, registries, site.today)]
    _print_problems(problems)
    if any(p.severity == "error" for p in problems):
        return 2
    path = scaffold.entry_path(events_dir, entry)
    slug = entry.file_slug
    users = scaffold.slug_users(events_dir, slug)
    if users:
        shown = relative(users[0], base)
        print(f"error: the slug {slug!r} is already used by {shown}; pass --slug", file=sys.stderr)
        return 1
    return _write(path, scaffold.entry_text(entry), base)


def _new_translation(args: argparse.Namespace, events_dir: Path, base: Path) -> int:
    """Write a translation's skeleton beside its original."""
    from ..content.schemas import SITE_LANGUAGES  # noqa: PLC0415
    from . import scaffold  # noqa: PLC0415

    languages = SITE_LANGUAGES[1:]
    if args.lang not in languages:
        print(f"error: --lang must be one of {', '.join(languages)}", file=sys.stderr)
        return 2
    found = scaffold.find_original(events_dir, args.translate)
    if len(found) != 1:
        what = "no entry" if not found else f"{len(found)} entries"
        print(f"error: {what} with the slug {args.translate!r}", file=sys.stderr)
        return 1
    original = found[0]
    text = scaffold.translation_text(original, relative(original, base), args.lang)
    return _write(scaffold.translation_path(original, args.lang), text, base)


def _write(path: Path, text: str, base: Path) -> int:
    """Create the file, never replacing one; say what is left to fill in."""
    shown = relative(path.resolve(), base)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(f"error: {shown} already exists; it was left as it is", file=sys.stderr)
        return 1
    print(f"wrote {shown}")
    print(f"fill it in, then run: timeline check {shown}")
    return 0


def _print_problems(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        text = str(problem).removeprefix("timeline new: ")
        print(f"timeline new: {text}", file=sys.stderr)


def _stats(args: argparse.Namespace) -> int:
    """Print the counts of the content that checks clean (entries with errors are left out)."""
    from ..content.checks import check_tree  # noqa: PLC0415
    from . import stats  # noqa: PLC0415

    site = _site(args)
    events, problems = check_tree(
        site.content,
        site.base,
        site.today,
        site.events_folder,
        site.data_folder,
        site.templates,
    )
    print(stats.render(stats.collect(events)))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(f"note: {summarize(errors)} left out; run timeline check", file=sys.stderr)
    return 0


def _links(args: argparse.Namespace) -> int:
    """Check the sources' addresses over the network (the only command that uses it)."""
    from dataclasses import replace  # noqa: PLC0415

    from . import links, report  # noqa: PLC0415

    site = _site(args)
    found = links.check_links(
        site.content / site.events_folder,
        site.base,
        args.cache,
        datetime.now(UTC),
        max_age=args.max_age,
        policy=replace(links.POLICY, timeout=args.timeout),
    )
    failed = found.errors > 0 or (args.strict and found.warnings > 0)
    if output := report.render(found.problems, args.format):
        print(output)
    if args.format == "text":
        verdict = "links failed" if failed else "links passed"
        print(f"{verdict}: {found.summary()}", file=sys.stderr)
    return 1 if failed else 0
