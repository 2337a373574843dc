"""The Pelican plugin: our reader, our checks, and the timeline context for the templates.

Pelican skips a file it cannot read and still exits 0; this plugin makes every content
problem, and every warning Pelican itself logs, fail the build before a page is written.
"""

from __future__ import annotations

import copy
import logging
from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .catalogs import load_translations
from .chronology import Chronology, build_chronology, decade_generator
from .errors import ConfigError, ContentError, Problem, ProblemLog, relative
from .facets import facet_generator
from .history import history_url, read_history
from .model import Entity
from .overview import render_overview, render_overview_table
from .reader import EventReader
from .redirects import redirect_generator
from .registry import load_registries
from .schema import nearest
from .search import index_site
from .timeline import event_order, link_neighbours, link_related
from .validation import check_collection, stray_files

logger = logging.getLogger(__name__)

#: Our settings and their defaults; any other ``TIMELINE_*`` name is a configuration error.
DEFAULTS: dict[str, Any] = {
    # Folder of event entries, inside PATH; every other Markdown file is a page.
    "TIMELINE_EVENTS_PATH": "events",
    # Folder of the registries (kinds.yml, actors.yml, places.yml, threads.yml), inside PATH.
    "TIMELINE_DATA_PATH": "data",
    # The day that counts as today for "date in the future" checks; None means today (UTC).
    "TIMELINE_TODAY": None,
    # Link to an entry's change history, e.g. "https://github.com/OWNER/REPO/commits/main/{path}"
    # ({path}: the file's path in the repository, {commit}: its latest commit); None: no link.
    "TIMELINE_HISTORY_URL": None,
    # Most events the home page lists: the most recent whole years that fit (at least one);
    # every year is on its decade's page (decades/2010s/) in any case.
    "TIMELINE_HOME_EVENTS": 150,
    # Index the built site with Pagefind (into pagefind/) and write the search page (search/);
    # False builds neither, nor the Search link, e.g. for tests that need no search.
    "TIMELINE_SEARCH": True,
}


# The openings of pelican.utils.get_original_items' warnings about slugs used twice.
_DUPLICATE_SLUG_WARNINGS = ('There are %s items "%s" with lang', "There are %s original (not")


class _PelicanLogCounter(logging.Handler):
    """Keep every warning and error Pelican logs, so they fail the build instead of scrolling by."""

    def __init__(self, log: ProblemLog) -> None:
        super().__init__(level=logging.WARNING)
        self.log = log
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # A file our reader refused is already reported line by line; Pelican's
        # "Could not process" for it would only repeat it.
        if record.msg == "Could not process %s" and record.args:
            content = Path(_build.settings["PATH"])
            if str(content / str(record.args[0])) in self.log.rejected:
                return
        # Two entries with one slug and language: check_collection reports it as an error,
        # with the file and line, so Pelican's own warning would say it twice.
        if isinstance(record.msg, str) and record.msg.startswith(_DUPLICATE_SLUG_WARNINGS):
            return
        self.records.append(record)

    def take(self) -> list[Problem]:
        """Return the records as problems and forget them."""
        problems = [
            Problem("pelican", 0, record.name, record.getMessage()) for record in self.records
        ]
        self.records.clear()
        return problems


class _BuildState:
    """What one build shares between receivers; reset at each build for autoreload."""

    def __init__(self) -> None:
        self.log = ProblemLog()
        self.settings: dict[str, Any] = {}
        self.registries: Any = None
        self.event_pages = 0
        self.counter = _PelicanLogCounter(self.log)


_build = _BuildState()


def apply_settings(pelican: Any) -> None:
    """Check our settings, apply their defaults, and load the registries once per build."""
    settings = pelican.settings
    for key in settings:
        if key.startswith("TIMELINE_") and key not in DEFAULTS:
            raise ConfigError(f"unknown setting {key!r}; {nearest(key, list(DEFAULTS))}".strip())
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    if not settings["TIMELINE_SEARCH"]:
        # Without an index the search page would only fail; a new list leaves the user's alone.
        settings["DIRECT_TEMPLATES"] = [t for t in settings["DIRECT_TEMPLATES"] if t != "search"]
    content = Path(settings["PATH"])
    _build.settings = settings
    _build.log.reset()
    _build.registries = load_registries(content / settings["TIMELINE_DATA_PATH"], content.parent)
    _build.log.add(_build.registries.problems)
    _build.log.add(stray_files(content / settings["TIMELINE_EVENTS_PATH"], content.parent))
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.removeHandler(_build.counter)
    _build.counter.records.clear()
    pelican_logger.addHandler(_build.counter)


def install_reader(readers: Any) -> None:
    """Read ``.md`` files with our reader, sharing this build's registries and problem log."""
    readers.reader_classes["md"] = partial(
        EventReader, registries=_build.registries, log=_build.log
    )


def install_translations(generator: Any) -> None:
    """Give templates ``_()`` in the site's language, from the theme's catalogs."""
    env = generator.env
    if "gettext" in env.globals:
        return
    folder = Path(generator.theme) / "translations"
    translations = load_translations(folder, generator.settings["DEFAULT_LANG"])
    env.install_gettext_translations(translations, newstyle=True)


def add_timeline(generator: Any) -> None:
    """Put the year groups in the context and link each event to its neighbours.

    A translation's neighbours are the entries translated into the same language.
    """
    link_neighbours(generator.articles)
    link_related(generator.articles)
    for lang in sorted({t.lang for t in generator.translations}):
        translated = sorted((t for t in generator.translations if t.lang == lang), key=event_order)
        link_neighbours(translated)
        link_related(translated)
    eras = list(_build.registries.entities.get("eras", {}).values())
    chronology = build_chronology(
        generator.articles, eras, generator.settings["TIMELINE_HOME_EVENTS"]
    )
    generator.context["timeline_chronology"] = chronology
    add_overview(generator, chronology, eras)


def add_overview(generator: Any, chronology: Chronology, eras: list[Entity]) -> None:
    """Draw the whole span once per build, with a table of the same figures for screen readers.

    Each year links to its heading: on the home page, or on its decade's page.
    """
    events = [article.event for article in generator.articles]
    lang = generator.settings["DEFAULT_LANG"]
    siteurl = generator.settings["SITEURL"]

    def year_href(year: int) -> str:
        return f"{siteurl}/{chronology.place(year)}"

    context = generator.context
    context["timeline_overview"] = render_overview(events, eras, lang, year_href)
    context["timeline_overview_table"] = render_overview_table(events, eras, lang, year_href)


def add_history(generator: Any) -> None:
    """Give each entry its first and last commit, read with one ``git log`` for the whole build.

    ``article.history`` is None for a file git does not know (new, or no repository).
    """
    settings = generator.settings
    repo = Path(settings["PATH"]).resolve().parent
    content = Path(settings["PATH"]).resolve().relative_to(repo)
    known = read_history(repo, content)
    template = settings["TIMELINE_HISTORY_URL"]
    for article in (*generator.articles, *generator.translations):
        path = relative(Path(article.source_path).resolve(), repo)
        article.history = known.get(path)
        article.history_url = (
            history_url(template, path, article.history.last_commit)
            if template and article.history
            else None
        )


def check_content(generators: list[Any]) -> None:
    """Fail the build, before anything is written, if any file or setting had an error."""
    events = [
        article.event
        for generator in generators
        if isinstance(generator, ArticlesGenerator)
        for article in (*generator.articles, *generator.translations)
    ]
    pages = {
        page.slug: relative(page.source_path, Path(_build.settings["PATH"]).parent)
        for generator in generators
        if isinstance(generator, PagesGenerator)
        for page in (*generator.pages, *generator.hidden_pages)
    }
    _build.event_pages = len(events)
    _build.log.add(check_collection(events, pages))
    for problem in _build.log.problems:
        if problem.severity == "warning":
            logger.warning("%s", problem)
    _fail_on_errors()


def fail_on_late_warnings(pelican: Any) -> None:
    """Fail on warnings Pelican logged while writing; the build wrapper then discards the output."""
    del pelican
    try:
        _fail_on_errors()
    finally:
        logging.getLogger("pelican").removeHandler(_build.counter)


def index_for_search(pelican: Any) -> None:
    """Index the written site for search, at least one page per event, before it is swapped in."""
    if pelican.settings["TIMELINE_SEARCH"]:
        index_site(Path(pelican.output_path), minimum_pages=_build.event_pages)


def _fail_on_errors() -> None:
    """Raise every error found so far, Pelican's own log records included."""
    _build.log.add(_build.counter.take())
    if _build.log.errors:
        errors = list(_build.log.errors)
        _build.log.reset()
        raise ContentError(errors)


def register() -> None:
    """Connect one receiver per concern to Pelican's signals."""
    signals.initialized.connect(apply_settings)
    signals.readers_init.connect(install_reader)
    signals.get_generators.connect(redirect_generator)
    signals.get_generators.connect(facet_generator)
    signals.get_generators.connect(decade_generator)
    signals.generator_init.connect(install_translations)
    signals.article_generator_finalized.connect(add_timeline)
    signals.article_generator_finalized.connect(add_history)
    # all_generators_finalized comes after every file is read and before any is written.
    signals.all_generators_finalized.connect(check_content)
    signals.finalized.connect(fail_on_late_warnings)
    # After the check above, which stops the build first; build.py swaps the site in only after.
    signals.finalized.connect(index_for_search)
