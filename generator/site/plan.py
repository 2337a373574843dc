"""Which pages a run will write, from which template, showing which entries: before any is.

A page can lead to its translation only if, when it is written, the other language's site is
known to have that page (:mod:`generator.site.languages`). So each run makes its plan once its
content is read (Pelican's ``all_generators_finalized``), without rendering anything: each of
our generators declares its pages (``planned_pages()``), and the pages of Pelican's own
generators are worked out here from their content and the settings, the way
``ArticlesGenerator.generate_output``, ``PagesGenerator.generate_output`` and
``TemplatePagesGenerator.generate_output`` name the files they write. A generator that
declares nothing writes no page: static files, source copies, feeds.

Pagination is off here (``DEFAULT_PAGINATION = False``): the pages past a list's first, which
Pelican's writer would add itself, are not in the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pelican.generators import (
    ArticlesGenerator,
    PagesGenerator,
    PelicanTemplateNotFound,
    TemplatePagesGenerator,
)

from ..content.problems import relative


@dataclass(frozen=True)
class PlannedPage:
    """One file a run will write with a template, and the entries that template is given."""

    #: Where it is written, below its site's folder: ``events/offer/index.html``.
    path: str
    #: The language of the site it is in.
    lang: str
    #: The template, named as Pelican's ``get_template`` takes it: ``article``, ``decade``.
    template: str
    #: The entries it shows, each by its file below the repository, as problems name it
    #: (``content/events/2016/2016-05-24-offer.md``); a list page gives every entry it is
    #: given, in order, and Pelican gives its direct templates every article.
    entries: tuple[str, ...] = ()


@runtime_checkable
class DeclaresPages(Protocol):
    """A generator that says which pages it will write: each of ours."""

    def planned_pages(self) -> tuple[PlannedPage, ...]:
        """Return the pages the generator's ``generate_output`` will write."""
        ...


def event_entries(articles: Iterable[Any]) -> tuple[str, ...]:
    """Return the entries of these events' articles, as :attr:`PlannedPage.entries` has them."""
    return tuple(article.event.source_path for article in articles)


def planned_pages(generators: Iterable[Any]) -> tuple[PlannedPage, ...]:
    """Return the pages a run's generators will write, in the order Pelican runs them."""
    pages: list[PlannedPage] = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            pages += _article_generator_pages(generator)
        elif isinstance(generator, PagesGenerator):
            pages += _page_generator_pages(generator)
        elif isinstance(generator, TemplatePagesGenerator):
            pages += _template_pages(generator)
        elif isinstance(generator, DeclaresPages):
            pages += generator.planned_pages()
    return tuple(pages)


def html_files(pages: Iterable[PlannedPage]) -> set[str]:
    """Return the HTML files among planned pages: the pages a reader can switch between."""
    return {page.path for page in pages if page.path.endswith(".html")}


class _Planner:
    """Plans the pages of one of Pelican's generators, skipping those it would not write."""

    def __init__(self, generator: Any) -> None:
        settings = generator.settings
        self.lang: str = settings["DEFAULT_LANG"]
        self.base = Path(settings["PATH"]).parent

    def page(self, save_as: str, template: str, contents: Iterable[Any]) -> Iterator[PlannedPage]:
        """Yield the page, unless its ``save_as`` is empty: Pelican's writer skips those."""
        if save_as:
            entries = tuple(relative(content.source_path, self.base) for content in contents)
            yield PlannedPage(save_as, self.lang, template, entries)

    def contents(self, contents: Iterable[Any]) -> Iterator[PlannedPage]:
        """Yield the page of each article or page, with its own template."""
        for content in contents:
            yield from self.page(content.save_as, content.template, (content,))


def _article_generator_pages(generator: ArticlesGenerator) -> list[PlannedPage]:
    """Plan what ``ArticlesGenerator.generate_pages`` writes, in its order; not its feeds."""
    plan = _Planner(generator)
    settings = generator.settings
    pages = [
        *plan.contents(
            chain(
                generator.translations,
                generator.articles,
                generator.hidden_translations,
                generator.hidden_articles,
            )
        )
    ]
    template = _period_archives_template(generator)
    for periods in generator.period_archives.values():
        for period in periods:
            pages += plan.page(period["save_as"], template, period["articles"])
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        pages += plan.page(save_as, name, generator.articles)
    for tag, articles in generator.tags.items():
        pages += plan.page(tag.save_as, "tag", articles)
    for category, articles in generator.categories:
        pages += plan.page(category.save_as, "category", articles)
    for author, articles in generator.authors:
        pages += plan.page(author.save_as, "author", articles)
    pages += plan.contents(chain(generator.drafts_translations, generator.drafts))
    return pages


def _period_archives_template(generator: ArticlesGenerator) -> str:
    """Return the template period archives are written with: the theme's own, or ``archives``."""
    try:
        generator.get_template("period_archives")
    except PelicanTemplateNotFound:
        return "archives"
    return "period_archives"


def _page_generator_pages(generator: PagesGenerator) -> list[PlannedPage]:
    """Plan what ``PagesGenerator.generate_output`` writes, in its order."""
    return list(
        _Planner(generator).contents(
            chain(
                generator.translations,
                generator.pages,
                generator.hidden_translations,
                generator.hidden_pages,
                generator.draft_translations,
                generator.draft_pages,
            )
        )
    )


def _template_pages(generator: TemplatePagesGenerator) -> list[PlannedPage]:
    """Plan the ``TEMPLATE_PAGES``: each source template written to its destination."""
    plan = _Planner(generator)
    pages: list[PlannedPage] = []
    for source, dest in generator.settings["TEMPLATE_PAGES"].items():
        pages += plan.page(dest, source, ())
    return pages
