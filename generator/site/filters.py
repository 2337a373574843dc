"""Jinja filters and globals that need the page being rendered: not for the content layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from ..content.dates import DISPLAY_LOCALES, format_number
from .languages import Alternate
from .search import part_paths, searchable
from .state import build_of


@pass_context
def number(context: Any, value: int) -> str:
    """Give templates counts in the page's language: ``{{ total|number }}``."""
    return format_number(value, context["DEFAULT_LANG"])


@pass_context
def page_languages(context: Any) -> tuple[Alternate, ...]:
    """Give templates the page being written in every language (``page_languages()``).

    The context is made from the run's settings, so it holds the build whose sites are known.
    """
    return build_of(context).languages.alternates(context["DEFAULT_LANG"], context["output_file"])


@pass_context
def search_parts(context: Any) -> list[str]:
    """Give the search page the addresses of the index's parts, after the first, in its language.

    The bundles live in the main site (``main_siteurl``), whichever language's site asks.
    Every run has planned its pages by the time any writes, so the counts are those the
    build indexes (:func:`generator.site.search.index_parts`): none for a single index.
    """
    counts = {
        lang: len(pages) for lang, pages in searchable(build_of(context).runs.values()).items()
    }
    lang = context["DEFAULT_LANG"]
    paths = part_paths(counts, context["TIMELINE_SEARCH_PAGES_PER_INDEX"], lang)
    return [f"{context['main_siteurl']}/{path}" for path in paths]


@dataclass(frozen=True)
class SocialMeta:
    """What Open Graph tags say of a page beyond its title and description."""

    #: The page's absolute address, or "" where the site has none (the local preview).
    url: str
    #: The page's locale, ``en_GB``, and those of its translations.
    locale: str
    alternate_locales: tuple[str, ...]


def og_locale(lang: str) -> str:
    """Give a language's locale as Open Graph writes it (``en_GB``): the one dates use."""
    return DISPLAY_LOCALES.get(lang, lang)


@pass_context
def social_meta(context: Any, path: str) -> SocialMeta:
    """Give ``partials/social-meta.html`` the page's address, locale and translations' locales.

    ``path`` is the page's below its site, as its ``canonical`` block writes it. Open Graph
    wants an absolute address: a preview, whose ``SITEURL`` is empty, gets none rather than
    a root-relative one that a link preview could not use.
    """
    site_url = str(context["SITEURL"])
    path = path.unescape() if isinstance(path, Markup) else path  # a rendered block
    absolute = site_url.startswith(("https://", "http://"))
    lang = str(context["DEFAULT_LANG"])
    versions = build_of(context).languages.alternates(lang, context["output_file"])
    return SocialMeta(
        url=f"{site_url}/{path}" if absolute else "",
        locale=og_locale(lang),
        alternate_locales=tuple(og_locale(v.lang) for v in versions if v.exists and not v.current),
    )


@pass_context
def year_url(context: Any, year: int) -> str:
    """Link a year to its archive page through Pelican's ``YEAR_ARCHIVE_URL``: ``years/2016/``.

    Templates call ``{{ year|year_url }}`` so the address is written once, in the settings.
    """
    return str(context["YEAR_ARCHIVE_URL"]).format(date=datetime(year, 1, 1, tzinfo=UTC))


#: The partial :func:`event_card` renders; ``partials/event-list.html`` calls it for each event.
EVENT_CARD_TEMPLATE = "partials/event-card.html"
#: What a card reads from the page's context besides its event and level: the links' base,
#: and the language (the ``number`` filter's).
CARD_CONTEXT = ("SITEURL", "DEFAULT_LANG")


@pass_context
def event_card(context: Any, article: Any, level: int) -> Markup:
    """Render an event's card once per run and page depth, and reuse it on every list page.

    An event is listed on seven or eight pages per language (home or decade, year, kind,
    each actor, place and thread); rendering its card each time was most of the list pages'
    cost. The card reads only the event, the level, ``SITEURL`` and the run's language, so
    the text is the same wherever it is shown; the key holds all that varies between pages.
    It is rendered with those alone (:data:`CARD_CONTEXT`), not a copy of the page's 200
    names, which its ``import … with context`` would copy again: a third of its cost. A name
    the card used and did not get would fail the build (``StrictUndefined``).
    """
    key = (article.slug, level, str(context["SITEURL"]))
    cards = build_of(context).run(context).cards
    card = cards.get(key)
    if card is None:
        template = context.environment.get_template(EVENT_CARD_TEMPLATE)
        card = cards[key] = template.render(
            {name: context[name] for name in CARD_CONTEXT}, article=article, level=level
        )
    return Markup(card)  # rendered, escaped, by the theme's autoescaping environment
