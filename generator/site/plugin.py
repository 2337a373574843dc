"""The Pelican plugin: our reader, our checks, and the timeline context for the templates.

Pelican skips a file it cannot read and still exits 0; this plugin makes every content
problem, and every warning Pelican itself logs, fail the build before a page is written.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from ..content.checks import check_collection, stray_files
from ..content.model import Entity
from ..content.problems import ContentError, Problem, ProblemLog, relative
from ..content.registries import load_registries
from .catalogs import load_translations
from .chronology import Chronology, DecadeGenerator, build_chronology
from .exporters import ExportGenerator
from .facets import FacetGenerator
from .history import history_url, read_history
from .hosting import HeadersGenerator
from .languages import is_subsite, languages, planned_pages, prepare_subsites
from .overview import tabulate_overview
from .overview_layout import lay_out_overview
from .reader import EventReader
from .redirects import RedirectGenerator
from .relations import event_order, link_neighbours, link_related
from .search import index_site
from .settings import checked_settings
from .sitemap import SitemapGenerator

logger = logging.getLogger(__name__)

# The openings of pelican.utils.get_original_items' warnings about slugs used twice.
_DUPLICATE_SLUG_WARNINGS = ('There are %s items "%s" with lang', "There are %s original (not")


class _PelicanLogCounter(logging.Handler):
    """Keep every warning and error Pelican logs, so they fail the build instead of scrolling by."""

    def __init__(self, log: ProblemLog, content: Path) -> None:
        super().__init__(level=logging.WARNING)
        self.log = log
        self.content = content
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # A file our reader refused is already reported line by line; Pelican's
        # "Could not process" for it would only repeat it.
        if (
            record.msg == "Could not process %s"
            and isinstance(record.args, tuple)
            and record.args
            and str(self.content / str(record.args[0])) in self.log.rejected
        ):
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


class _SiteState:
    """What one site's run shares between receivers: its settings, registries and problems.

    The French site is a Pelican run nested in the English one (pelican-i18n-subsites), so
    there is one state per language; the main site's start forgets the previous build's.
    """

    def __init__(self, settings: dict[str, Any]) -> None:
        content = Path(settings["PATH"])
        self.settings = settings
        self.log = ProblemLog()
        self.registries = load_registries(content / settings["TIMELINE_DATA_PATH"], content.parent)
        # Every event read, by file: pelican-i18n-subsites takes the translations it moves
        # to their own language's site out of the generators, and the checks need them all.
        self.events: dict[str, Any] = {}
        self.counter = _PelicanLogCounter(self.log, content)


_sites: dict[str, _SiteState] = {}


def _state(settings: dict[str, Any]) -> _SiteState:
    return _sites[settings["DEFAULT_LANG"]]


def apply_settings(pelican: Any) -> None:
    """Check our settings, apply their defaults, and load the registries once per site.

    Every bad ``TIMELINE_*`` setting is reported at once, before any file is read (see
    :mod:`generator.site.settings`).
    """
    settings = pelican.settings
    settings.update(checked_settings(settings))
    if not settings["TIMELINE_SEARCH"]:
        # Without an index the search page would only fail; a new list leaves the user's alone.
        settings["DIRECT_TEMPLATES"] = [t for t in settings["DIRECT_TEMPLATES"] if t != "search"]
    pelican_logger = logging.getLogger("pelican")
    if not is_subsite(settings):
        for old in _sites.values():
            pelican_logger.removeHandler(old.counter)
        _sites.clear()
        languages.reset(Path(pelican.theme) / "translations")
        prepare_subsites(settings)
    state = _SiteState(settings)
    _sites[settings["DEFAULT_LANG"]] = state
    state.log.add(state.registries.problems)
    content = Path(settings["PATH"])
    state.log.add(stray_files(content / settings["TIMELINE_EVENTS_PATH"], content.parent))
    pelican_logger.addHandler(state.counter)


def install_reader(readers: Any) -> None:
    """Read ``.md`` files with our reader, sharing this site's registries and problem log.

    Readers made outside a run this plugin started (a generator a test builds by hand)
    keep Pelican's own.
    """
    state = _sites.get(readers.settings.get("DEFAULT_LANG", ""))
    if state is None or state.settings is not readers.settings:
        return
    readers.reader_classes["md"] = partial(
        EventReader, registries=state.registries, log=state.log, events=state.events
    )


def install_translations(generator: Any) -> None:
    """Give templates ``_()`` in the site's language, from the theme's catalogs.

    The i18n extension is added here rather than in JINJA_ENVIRONMENT: pelican-i18n-subsites
    installs catalogs itself when it sees the extension there, from compiled ``.mo`` files
    that this project does not keep (they could be older than the ``.po``).
    """
    env = generator.env
    if "gettext" in env.globals:
        return
    env.add_extension("jinja2.ext.i18n")
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
    eras = list(_state(generator.settings).registries.entities.get("eras", {}).values())
    settings = generator.settings
    chronology = build_chronology(
        generator.articles, eras, settings["TIMELINE_HOME_EVENTS"], settings["DEFAULT_LANG"]
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
    words = load_translations(Path(generator.theme) / "translations", lang)

    def year_href(year: int) -> str:
        return f"{siteurl}/{chronology.place(year)}"

    context = generator.context
    context["timeline_overview"] = lay_out_overview(events, eras, lang, words, year_href)
    context["timeline_overview_table"] = tabulate_overview(events, eras, lang, words, year_href)


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
    """Fail the build, before anything is written, if any file or setting had an error.

    The main site checks every entry in every language; a subsite reads its language's
    files again, so it only adds what Pelican itself logged while reading them.
    """
    settings = generators[0].settings
    state = _state(settings)
    if not is_subsite(settings):
        pages = {
            page.slug: relative(page.source_path, Path(settings["PATH"]).parent)
            for generator in generators
            if isinstance(generator, PagesGenerator)
            for page in (*generator.pages, *generator.hidden_pages)
        }
        state.log.add(check_collection(list(state.events.values()), pages))
        for problem in state.log.problems:
            if problem.severity == "warning":
                logger.warning("%s", problem)
    _fail_on_errors(state)


def add_languages(generators: list[Any]) -> None:
    """Note which pages this language's site writes, then point entries' links into it.

    Runs before any site writes (see :mod:`generator.site.languages`), so that every page can
    tell whether its translation exists.
    """
    settings = generators[0].settings
    lang = settings["DEFAULT_LANG"]
    languages.record(lang, settings["SITEURL"], planned_pages(generators))
    for generator in generators:
        for content in _written_contents(generator):
            content._content = languages.localize_links(content._content, lang)


def _written_contents(generator: Any) -> tuple[Any, ...]:
    """Return the entries and pages a generator writes in this site."""
    if isinstance(generator, ArticlesGenerator):
        return (*generator.articles, *generator.translations)
    if isinstance(generator, PagesGenerator):
        return (*generator.pages, *generator.hidden_pages, *generator.translations)
    return ()


def fail_on_late_warnings(pelican: Any) -> None:
    """Fail on warnings Pelican logged while writing; the build wrapper then discards the output."""
    state = _state(pelican.settings)
    try:
        _fail_on_errors(state)
    finally:
        logging.getLogger("pelican").removeHandler(state.counter)


def index_for_search(pelican: Any) -> None:
    """Index the written site for search, at least one page per event, before it is swapped in.

    The main site finishes last and its output holds every language's, so it alone indexes;
    Pagefind keeps one index per language, from each page's ``<html lang>``.
    """
    settings = pelican.settings
    if settings["TIMELINE_SEARCH"] and not is_subsite(settings):
        events = len(_state(settings).events)
        index_site(Path(pelican.output_path), minimum_pages=events)


def _fail_on_errors(state: _SiteState) -> None:
    """Raise every error found so far, Pelican's own log records included."""
    state.log.add(state.counter.take())
    if state.log.errors:
        errors = list(state.log.errors)
        state.log.reset()
        raise ContentError(errors)


def our_generators(pelican: Any) -> tuple[type[Generator], ...]:
    """Answer ``get_generators`` with all of our generators, in the order Pelican runs them.

    One receiver, so the order is written in one place; Pelican's own generators run first.
    """
    del pelican
    return (
        RedirectGenerator,
        FacetGenerator,
        DecadeGenerator,
        ExportGenerator,
        SitemapGenerator,
        HeadersGenerator,
    )


def register() -> None:
    """Connect one receiver per concern to Pelican's signals."""
    signals.initialized.connect(apply_settings)
    signals.readers_init.connect(install_reader)
    signals.get_generators.connect(our_generators)
    signals.generator_init.connect(install_translations)
    signals.article_generator_finalized.connect(add_timeline)
    signals.article_generator_finalized.connect(add_history)
    # all_generators_finalized comes after every file is read and before any is written.
    signals.all_generators_finalized.connect(check_content)
    signals.all_generators_finalized.connect(add_languages)
    signals.finalized.connect(fail_on_late_warnings)
    # After the check above, which stops the build first; build.py swaps the site in only after.
    signals.finalized.connect(index_for_search)
