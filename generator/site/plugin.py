"""The Pelican plugin: our reader, our checks, and the timeline context for the templates.

Pelican skips a file it cannot read and still exits 0; this plugin makes every content
problem, and every warning Pelican itself logs, fail the build before a page is written. A
strict build (``timeline build``'s default) fails on our warnings too, so that it reports
exactly what ``timeline check --strict`` does and ``make build`` need not run both.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from ..content.checks import (
    ContentFiles,
    check_collection,
    check_files,
    check_page_links,
    content_files,
    stray_files,
    theme_templates,
)
from ..content.model import Entity
from ..content.problems import ContentError, relative
from .catalogs import load_translations, template_gettext
from .chronology import Chronology, build_chronology
from .corrections import entry_message, general_message, route
from .entrycache import EntryCache, fingerprint
from .generators.decades import DecadeGenerator
from .generators.exports import ExportGenerator
from .generators.facets import FacetGenerator
from .generators.headers import HeadersGenerator
from .generators.opendata import OpenDataGenerator
from .generators.redirects import RedirectGenerator
from .generators.sitemap import SitemapGenerator
from .history import history_url, read_history
from .languages import is_subsite, prepare_subsites
from .overview import tabulate_overview
from .overview_layout import lay_out_overview
from .pagereuse import keep_manifest
from .periods import add_year_archives
from .plan import html_files, planned_pages
from .reader import EventReader, reading_day
from .relations import event_order, link_neighbours, link_related
from .search import Indexing, LaterIndex, keep_index, kept_parts, searchable
from .settings import INDEX_LATER, PREVIOUS_OUTPUT, STRICT, checked_settings
from .state import BuildState, Run, build_of, find_build, start_build
from .translations import pair_translations
from .workers import worker_count
from .writer import FirstPages, finish_writing, writer_class

logger = logging.getLogger(__name__)


def apply_settings(pelican: Any) -> None:
    """Check our settings, apply their defaults, and start this language's run of the build.

    Every bad ``TIMELINE_*`` setting is reported at once, before any file is read (see
    :mod:`generator.site.settings`). The main site starts the build; a subsite's settings are
    a copy of the main site's, so its run joins the same build (:mod:`generator.site.state`).
    """
    settings = pelican.settings
    settings.update(checked_settings(settings))
    if not settings["TIMELINE_SEARCH"]:
        # Without an index the search page would only fail; a new list leaves the user's alone.
        settings["DIRECT_TEMPLATES"] = [t for t in settings["DIRECT_TEMPLATES"] if t != "search"]
    if is_subsite(settings):
        build = build_of(settings)
    else:
        prepare_subsites(settings)
        build = start_build(settings)
    run = build.add_run(settings)
    run.log.add(run.registries.problems)
    content = Path(settings["PATH"])
    run.log.add(stray_files(content / settings["TIMELINE_EVENTS_PATH"], content.parent))


def install_reader(readers: Any) -> None:
    """Read ``.md`` files with our reader, sharing this site's registries and problem log.

    Readers made outside a build this plugin started (a generator a test builds by hand)
    keep Pelican's own.
    """
    build = find_build(readers.settings)
    run = build.runs.get(readers.settings.get("DEFAULT_LANG", "")) if build else None
    if build is None or run is None:
        return
    settings = readers.settings
    if build.entries is None:
        content = Path(settings["PATH"])
        folder = Path(settings["CACHE_PATH"]) if settings["TIMELINE_ENTRY_CACHE"] else None
        key = fingerprint(settings, reading_day(settings), content / settings["TIMELINE_DATA_PATH"])
        build.entries = EntryCache(key, folder)
    readers.reader_classes["md"] = partial(
        EventReader,
        registries=run.registries,
        log=run.log,
        events=run.events,
        cache=build.entries,
        workers=worker_count(settings),
        read=run.read,
    )


def install_translations(generator: Any) -> None:
    """Give templates ``_()`` in the site's language, from the theme's catalogs.

    The i18n extension is added here rather than in JINJA_ENVIRONMENT: pelican-i18n-subsites
    installs catalogs itself when it sees the extension there, from compiled ``.mo`` files
    that this project does not keep (they could be older than the ``.po``). Jinja's
    ``gettext`` is then replaced by one that keeps each message made (:func:`template_gettext`).
    """
    env = generator.env
    if "gettext" in env.globals:
        return
    env.add_extension("jinja2.ext.i18n")
    folder = Path(generator.theme) / "translations"
    translations = load_translations(folder, generator.settings["DEFAULT_LANG"])
    env.install_gettext_translations(translations, newstyle=True)
    env.globals["gettext"] = env.globals["_"] = template_gettext(translations)


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
    settings = generator.settings
    registries = build_of(settings).run(settings).registries
    eras = list(registries.entities.get("eras", {}).values())
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
    content = Path(resolved(settings["PATH"]))
    repo = content.parent
    known = read_history(repo, content.relative_to(repo))
    template = settings["TIMELINE_HISTORY_URL"]
    for article in (*generator.articles, *generator.translations):
        path = below(resolved(article.source_path), str(repo))
        article.history = known.get(path)
        article.history_url = (
            history_url(template, path, article.history.last_commit)
            if template and article.history
            else None
        )


def add_corrections(generator: Any) -> None:
    """Give each entry its "Suggest a correction" route, and the site its general one.

    ``article.correction`` names the entry's file below the repository and its page's address,
    in the entry's language; ``timeline_corrections`` in the context, for the About page, names
    no entry. Either is false when neither ``TIMELINE_REPOSITORY_URL`` nor
    ``TIMELINE_CORRECTIONS_EMAIL`` is set.
    """
    settings = generator.settings
    folder = Path(generator.theme) / "translations"
    for article in (*generator.articles, *generator.translations):
        add_correction(article, settings, folder)
    words = load_translations(folder, settings["DEFAULT_LANG"])
    route_to = route(
        settings["TIMELINE_REPOSITORY_URL"],
        settings["TIMELINE_CORRECTIONS_EMAIL"],
        general_message(words),
    )
    generator.context["timeline_corrections"] = route_to


def pin_urls(generator: Any) -> None:
    """Work out each entry's address once, where Pelican works it out on every read.

    ``Content.url`` formats ``ARTICLE_URL`` from the entry's metadata each time it is read,
    and the templates read it for every card, neighbour, related event and feed item: an
    eighth of an event page's rendering. Pelican takes an ``override_url`` as the address,
    so the address it would give is kept there. It cannot change within a build (it depends
    on the slug, the language and the settings), and pelican-i18n-subsites, which later
    points translations at their own site, sets its own overrides over these.
    """
    for article in (*generator.articles, *generator.translations):
        if not hasattr(article, "override_url"):
            article.override_url = article.url


def add_correction(article: Any, settings: dict[str, Any], catalogs: Path) -> None:
    """Give one entry its "Suggest a correction" route, which names its title (the preview too)."""
    repo = os.path.dirname(resolved(settings["PATH"]))
    words = load_translations(catalogs, article.lang)
    path = below(resolved(article.source_path), repo)
    page = f"{settings['SITEURL']}/{article.url}"
    message = entry_message(article.title, path, page, words)
    article.correction = route(
        settings["TIMELINE_REPOSITORY_URL"], settings["TIMELINE_CORRECTIONS_EMAIL"], message
    )


def check_content(generators: list[Any]) -> None:
    """Fail the build, before anything is written, if any file or setting had an error.

    The main site checks every entry in every language, and the Markdown files no generator
    read (a page outside the pages folder) as ``timeline check`` does; a subsite reads its
    language's files again, so it only adds what Pelican itself logged while reading them.
    A strict build fails on warnings too; otherwise they are logged.
    """
    settings = generators[0].settings
    run = build_of(settings).run(settings)
    strict = bool(settings.get(STRICT)) and not is_subsite(settings)
    if not is_subsite(settings):
        content = Path(settings["PATH"])
        pages = {
            page.slug: relative(page.source_path, content.parent)
            for generator in generators
            if isinstance(generator, PagesGenerator)
            for page in (*generator.pages, *generator.hidden_pages)
        }
        files = content_files(
            content, settings["TIMELINE_EVENTS_PATH"], settings["TIMELINE_DATA_PATH"]
        )
        unread = _unread_files(files, run.read)
        templates = theme_templates(Path(settings["THEME"]))
        events, more_pages, problems = check_files(
            unread, run.registries, reading_day(settings), content.parent, templates
        )
        run.log.add(problems)
        events = [*run.events.values(), *events]
        run.log.add(check_collection(events, {**more_pages, **pages}))
        run.log.add(check_page_links(files.pages, content.parent, events))
        if not strict:
            for problem in run.log.problems:
                if problem.severity == "warning":
                    logger.warning("%s", problem)
    _fail_on_errors(run, strict=strict)


def _unread_files(files: ContentFiles, read: set[str]) -> ContentFiles:
    """Return the Markdown ``files`` (``timeline check``'s) that no generator gave our reader."""
    done = {resolved(path) for path in read}
    return ContentFiles(
        entries=[path for path in files.entries if resolved(path) not in done],
        translations=[pair for pair in files.translations if resolved(pair[0]) not in done],
        pages=[path for path in files.pages if resolved(path) not in done],
    )


def resolved(path: str | os.PathLike[str]) -> str:
    """Return ``os.path.realpath(path)``, resolving each folder once rather than once per file.

    Resolving looks up every part of the path: for the 20,000 files of a 10,000-event site,
    each resolved three times a build, that was 4 s. A file that is itself a link is
    resolved whole.
    """
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.join(os.getcwd(), text)
    folder, name = os.path.split(text)
    if name in {"", ".", ".."} or os.path.islink(text):
        return os.path.realpath(text)
    return os.path.join(_real_folder(folder), name)


@lru_cache(maxsize=1024)
def _real_folder(folder: str) -> str:
    """Return an absolute folder resolved: the content's folders are few, the same all build."""
    return os.path.realpath(folder)


def below(path: str, folder: str) -> str:
    """Return resolved ``path`` relative to resolved ``folder``, as :func:`relative` does."""
    start = folder.rstrip(os.sep) + os.sep
    return path[len(start) :] if path.startswith(start) else relative(path, folder)


def add_languages(generators: list[Any]) -> None:
    """Plan the pages this language's site writes, then point entries' links into it.

    Runs before any site writes (see :mod:`generator.site.languages`), so that every page can
    tell whether its translation exists; the plan stays in the build
    (:mod:`generator.site.plan`).
    """
    settings = generators[0].settings
    lang = settings["DEFAULT_LANG"]
    build = build_of(settings)
    run = build.run(settings)
    run.plan = planned_pages(generators)
    run.generators = list(generators)
    run.articles = [
        article
        for generator in generators
        if isinstance(generator, ArticlesGenerator)
        for article in _written_contents(generator)
    ]
    languages = build.languages
    languages.record(lang, settings["SITEURL"], html_files(run.plan))
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
    """Fail on warnings Pelican logged while writing; the build wrapper then discards the output.

    The run's handler leaves Pelican's logger either way; the main run finishes last, so its
    end is the build's, and no handler of the build stays.
    """
    settings = pelican.settings
    build = build_of(settings)
    run = build.run(settings)
    try:
        _fail_on_errors(run)
    finally:
        if is_subsite(settings):
            build.end_run(run)
        else:
            build.close()


def write_pages(pelican: Any) -> None:
    """Pelican's ``finalized``: render every page the run's generators asked for, on all cores.

    The main site writes the pages search reads first, and starts the search index on them
    (:func:`start_search_index`) before it writes the others.
    """
    settings = pelican.settings
    first = None
    if _indexes_now(settings):
        pages = search_pages(build_of(settings), Path(pelican.output_path))
        names = {name for paths in pages.values() for name in paths}
        first = FirstPages(names, partial(start_search_index, pelican, pages, threads=1))
    finish_writing(pelican, first)


def search_pages(build: BuildState, site: Path) -> dict[str, list[str]]:
    """Return, by language, the pages below ``site`` that carry ``data-pagefind-body``."""
    return {
        lang: [
            (Path(run.settings["OUTPUT_PATH"]) / page.path).relative_to(site).as_posix()
            for run, page in planned
        ]
        for lang, planned in searchable(build.runs.values()).items()
    }


def start_search_index(
    pelican: Any, pages: dict[str, list[str]], threads: int | None = None
) -> None:
    """Start indexing ``pages`` for search (:class:`Indexing`), once they are written.

    It takes what it may of the index it replaces, so every page it reads must be recorded.
    ``threads`` limits Pagefind's while the workers write the other pages.
    """
    settings = pelican.settings
    build = build_of(settings)
    kept = kept_parts(build, settings.get(PREVIOUS_OUTPUT))
    per_index = settings["TIMELINE_SEARCH_PAGES_PER_INDEX"]
    build.indexing = Indexing(
        Path(pelican.output_path), pages, pages_per_index=per_index, kept=kept
    )
    build.indexing.start(threads)


def index_for_search(pelican: Any) -> None:
    """Index the written site for search, at least one page per event, before it is swapped in.

    The main site finishes last and its output holds every language's, so it alone indexes;
    Pagefind keeps one index per language, from each page's ``<html lang>``. The index was
    started once the pages it reads were written (:func:`write_pages`), unless Pelican's own
    writer wrote them (one worker); here it is finished. A build asked to index later (the
    preview) keeps the previous site's index instead, to serve until then.
    """
    settings = pelican.settings
    if not settings["TIMELINE_SEARCH"] or is_subsite(settings):
        return
    build = build_of(settings)
    site = Path(pelican.output_path)
    minimum = len(build.run(settings).events)
    if settings.get(INDEX_LATER):
        per_index = settings["TIMELINE_SEARCH_PAGES_PER_INDEX"]
        build.search_later = LaterIndex(search_pages(build, site), minimum, per_index)
        keep_index(Path(settings[PREVIOUS_OUTPUT]), site)
        return
    if build.indexing is None:
        start_search_index(pelican, search_pages(build, site))
    assert build.indexing is not None
    build.indexing.finish(minimum)
    kept = build.indexing.kept
    if kept is not None and build.pages_record is not None:
        build.pages_record.parts = kept.made


def _indexes_now(settings: dict[str, Any]) -> bool:
    """Tell whether this run makes the search index during the build: the main site's does."""
    return (
        bool(settings["TIMELINE_SEARCH"])
        and not is_subsite(settings)
        and not settings.get(INDEX_LATER)
    )


def keep_entries(pelican: Any) -> None:
    """Keep what reading gave, and the pages written, for the next build, once it has succeeded."""
    settings = pelican.settings
    build = build_of(settings)
    if build.entries is not None and not is_subsite(settings):
        build.entries.save(Path(path) for run in build.runs.values() for path in run.events)
    if not is_subsite(settings):
        keep_manifest(build)


def _fail_on_errors(run: Run, *, strict: bool = False) -> None:
    """Raise every error found so far, Pelican's own log records included.

    With ``strict``, a warning fails too, and every warning is raised with the errors.
    """
    run.log.add(run.counter.take())
    failing = run.log.problems if strict else run.log.errors
    if failing:
        problems = list(failing)
        run.log.reset()
        raise ContentError(problems)


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
        OpenDataGenerator,
        SitemapGenerator,
        HeadersGenerator,
    )


def register() -> None:
    """Connect one receiver per concern to Pelican's signals."""
    signals.initialized.connect(apply_settings)
    signals.readers_init.connect(install_reader)
    signals.get_generators.connect(our_generators)
    signals.generator_init.connect(install_translations)
    # Before pelican-i18n-subsites' receiver of the same signal, which reads the pairs.
    signals.article_generator_pretaxonomy.connect(pair_translations)
    # Addresses first, so that the receivers after read them pinned.
    signals.article_generator_finalized.connect(pin_urls)
    signals.article_generator_finalized.connect(add_year_archives)
    signals.article_generator_finalized.connect(add_timeline)
    signals.article_generator_finalized.connect(add_history)
    signals.article_generator_finalized.connect(add_corrections)
    # all_generators_finalized comes after every file is read and before any is written.
    signals.all_generators_finalized.connect(check_content)
    signals.all_generators_finalized.connect(add_languages)
    signals.get_writer.connect(writer_class)
    # Receivers run in the order they are connected: the pages are rendered first.
    signals.finalized.connect(write_pages)
    signals.finalized.connect(fail_on_late_warnings)
    # After the check above, which stops the build first; build.py swaps the site in only after.
    signals.finalized.connect(index_for_search)
    signals.finalized.connect(keep_entries)
