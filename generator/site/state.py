"""One build's state: each language's run, the sites they write, and Pelican's log handlers.

A build is the main Pelican run and the run of each language's subsite, which
pelican-i18n-subsites starts inside it (from the main run's ``get_writer`` signal) with a copy
of the main run's settings. The main run's ``initialized`` starts the build and puts it in
those settings under :data:`BUILD_KEY`, so the copy hands the French run the same build, and
every receiver, generator and template finds it where it already looks (Pelican makes each
run's template context from its settings). Nothing else holds it: a build starts with no
site, note or problem of the one before (``make serve`` and the tests build many times in
one process), and a generator a test makes by hand belongs to no build.

Each run puts a handler on Pelican's logger that keeps its warnings and errors, so that they
fail the build (Pelican itself exits 0 after them). The main run's ``finalized`` removes every
handler when the build succeeds; Pelican sends no signal when a run raises, so whoever runs
Pelican calls :func:`end_build` afterwards, whatever happened (``generator.tools.build`` does).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.problems import ConfigError, Problem, ProblemLog
from ..content.registries import Registries, load_registries
from .languages import SiteLanguages
from .plan import PlannedPage
from .sitemap import SiteNotes

if TYPE_CHECKING:  # the cache's workers log through this module's logger name
    from .entrycache import EntryCache
    from .pagereuse import Manifest
    from .search import Indexing, LaterIndex

#: Where a run's settings (and so its templates' context) hold the build it belongs to. Not a
#: ``TIMELINE_*`` name, so not a setting anyone may write.
BUILD_KEY = "_TIMELINE_BUILD"

#: The logger whose warnings fail the build: Pelican's, and its plugins' below it.
PELICAN_LOGGER = "pelican"

# The openings of pelican.utils.get_original_items' warnings about slugs used twice.
_DUPLICATE_SLUG_WARNINGS = ('There are %s items "%s" with lang', "There are %s original (not")


class PelicanLogCounter(logging.Handler):
    """Keep every warning and error Pelican logs, so they fail the build instead of scrolling by."""

    def __init__(self, log: ProblemLog, content: Path) -> None:
        """Keep records at WARNING and above; ``log`` knows which files our reader refused."""
        super().__init__(level=logging.WARNING)
        self.log = log
        self.content = content
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record, unless it repeats a problem our own checks report better."""
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


@dataclass
class Run:
    """One language's Pelican run: its settings, registries, problems, and what it read."""

    settings: dict[str, Any]
    registries: Registries
    counter: PelicanLogCounter
    log: ProblemLog
    #: Every event read, by file: pelican-i18n-subsites takes the translations it moves to
    #: their own language's site out of the generators, and the checks need them all.
    events: dict[str, Any] = field(default_factory=dict)
    #: Every file our reader was given, so that the checks find the Markdown files none read.
    read: set[str] = field(default_factory=set)
    #: The pages the run will write, once its content is read (:mod:`generator.site.plan`).
    plan: tuple[PlannedPage, ...] = ()
    #: Each event card as rendered once, by (slug, heading level, ``SITEURL``): a card shows
    #: on its year's, decade's, kind's, actors', places' and thread's pages alike.
    cards: dict[tuple[str, int, str], str] = field(default_factory=dict)
    #: The run's writer, which renders its pages once every generator has asked for them.
    writer: Any = None
    #: Every entry the run writes a page for, in any of its languages, once content is read.
    articles: list[Any] = field(default_factory=list)
    #: The run's generators, once content is read: the preview writes some of them again.
    generators: list[Any] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """Return the language of the run's site."""
        return str(self.settings["DEFAULT_LANG"])


class BuildState:
    """What the runs of one build share: their sites and plans, and the sitemap's notes."""

    def __init__(self, translations_folder: Path = Path()) -> None:
        """Start with no run and no site; ``translations_folder`` is the theme's catalogs."""
        self.languages = SiteLanguages(translations_folder)
        #: Each language's run, main language first (the order the runs start in).
        self.runs: dict[str, Run] = {}
        #: What each run knows of its pages beyond their names, for the sitemap.
        self.sitemap_notes: dict[str, SiteNotes] = {}
        #: What reading each entry gave, shared by the runs (each reads every file).
        self.entries: EntryCache | None = None
        #: Each page of the site this build replaces, and each of its own, as they were written
        #: (:mod:`generator.site.pagereuse`); None until a run renders with page reuse.
        self.previous_pages: Manifest | None = None
        self.pages_record: Manifest | None = None
        #: The index to make after the swap (:func:`generator.tools.build.index_later`), for
        #: a build asked to index later; None otherwise.
        self.search_later: LaterIndex | None = None
        #: The search index being made while the main site writes its last pages, if it is.
        self.indexing: Indexing | None = None

    def attach(self, settings: dict[str, Any]) -> None:
        """Make these settings, and every copy made of them from now on, belong to this build."""
        settings[BUILD_KEY] = self

    def add_run(self, settings: dict[str, Any]) -> Run:
        """Start one language's run: load its registries and listen to Pelican's log."""
        content = Path(settings["PATH"])
        log = ProblemLog()
        run = Run(
            settings=settings,
            registries=load_registries(content / settings["TIMELINE_DATA_PATH"], content.parent),
            counter=PelicanLogCounter(log, content),
            log=log,
        )
        self.runs[run.lang] = run
        logging.getLogger(PELICAN_LOGGER).addHandler(run.counter)
        return run

    def run(self, settings: Mapping[str, Any]) -> Run:
        """Return the run these settings are the settings of."""
        return self.runs[settings["DEFAULT_LANG"]]

    def end_run(self, run: Run) -> None:
        """Stop keeping Pelican's log records for one run; what it kept was taken already."""
        logging.getLogger(PELICAN_LOGGER).removeHandler(run.counter)

    def close(self) -> None:
        """End the build: no handler of its runs stays on Pelican's logger. Safe to repeat."""
        for run in self.runs.values():
            self.end_run(run)

    @property
    def plan(self) -> tuple[PlannedPage, ...]:
        """Return the pages of every language's site, main language first, each as planned."""
        return tuple(page for run in self.runs.values() for page in run.plan)


def start_build(settings: dict[str, Any]) -> BuildState:
    """Start a build from the main run's settings, with the theme's catalogs for its notes."""
    build = BuildState(Path(settings["THEME"]) / "translations")
    build.attach(settings)
    return build


def find_build(settings: Mapping[str, Any]) -> BuildState | None:
    """Return the build these settings (or a template context made of them) belong to, if any."""
    build = settings.get(BUILD_KEY)
    return build if isinstance(build, BuildState) else None


def build_of(settings: Mapping[str, Any]) -> BuildState:
    """Return the build these settings belong to; there is one in every run the plugin is in."""
    build = find_build(settings)
    if build is None:
        raise ConfigError(
            "no timeline build in these settings: is generator.site.plugin in PLUGINS?"
        )
    return build


def end_build(settings: Mapping[str, Any]) -> BuildState | None:
    """End the build these settings belong to, if they have one, and return it."""
    build = find_build(settings)
    if build is not None:
        build.close()
        if build.indexing is not None:
            # A build that failed while Pagefind ran: stop it before its folder is removed.
            build.indexing.abandon()
    return build
