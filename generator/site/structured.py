"""Schema.org JSON-LD for every page: what search engines and other readers take as data.

Each page carries one ``<script type="application/ld+json">`` block
(``partials/structured-data.html``). An event page's is the ``Event``, dated at the precision
its entry gives (schema.org takes ISO 8601's reduced forms, ``2016-05`` or ``1972``, as they
are), with its places, actors and translation, and the page about it (``subjectOf``), which
cites every source and states the content's licence: ``citation`` and ``license`` belong to
creative works, not to events. A list page's is a ``CollectionPage`` whose main entity is the
``ItemList`` of what it lists, with its ``BreadcrumbList`` where the page shows breadcrumbs.

The objects are built here from the model, never from strings in a template, and serialized
by :func:`serialize` so that no text in them can end the block or the script around it.
Addresses are ``SITEURL`` and a path, as every link of the site is: absolute in a published
site, from the root in the local preview, where a JSON-LD reader resolves them against the
page's own address.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from ..content.dates import EventDate
from ..content.model import Entity, Event, Source
from .state import build_of

#: The vocabulary every block is written in.
CONTEXT = "https://schema.org"

#: Schema.org types of the actors' registry types; any other is an ``Organization``.
ACTOR_TYPES: dict[str, str] = {
    "person": "Person",
    "state": "Country",
    "government": "GovernmentOrganization",
    "military": "GovernmentOrganization",
}
#: Schema.org types of the places' registry types; any other is a ``Place``.
PLACE_TYPES: dict[str, str] = {
    "country": "Country",
    "city": "City",
    "region": "AdministrativeArea",
    "sea": "BodyOfWater",
}

#: What JSON may hold and HTML must not see inside a ``<script>`` block: ``<`` (``</script>``,
#: ``<!--``), ``>`` and ``&`` for good measure, and the line and paragraph separators, which
#: older JavaScript parsers take as line ends. Each becomes its JSON escape, the same value.
_UNSAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def serialize(data: dict[str, Any]) -> Markup:
    """Write ``data`` as JSON safe inside a ``<script type="application/ld+json">`` block.

    Keys are sorted, so a page is the same byte for byte on every build; non-ASCII text stays
    as it is (the page is UTF-8). Escaping is JSON's own, so ``json.loads`` gives back exactly
    ``data``, and HTML's, which does not apply inside a script, is not used.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # One ``str.replace`` per character, not ``str.translate``: translate looks up every
    # character of the text in a dict, 35 times slower on a page's block (180 µs against 5).
    # No escape holds a character of the table, so the order of the replacements is free.
    for unsafe, escaped in _UNSAFE:
        text = text.replace(unsafe, escaped)
    return Markup(text)  # escaped above for a script block


@dataclass(frozen=True)
class PageFacts:
    """What every block says about the page it is on."""

    url: str
    lang: str
    site_name: str
    site_url: str
    license_url: str


def date_range(date: EventDate) -> dict[str, str]:
    """Give ``startDate`` and, for a span, ``endDate``, each at the precision written.

    An approximate date (``circa``) is given as its entry writes it: schema.org has no way
    to say "about", and a made-up range would claim more than the sources do.
    """
    found = {"startDate": date.start.iso}
    if date.end is not None:
        found["endDate"] = date.end.iso
    return found


def actor_thing(actor: Entity, lang: str) -> dict[str, Any]:
    """Describe an actor: a person, a state, a government or another organization."""
    return {"@type": ACTOR_TYPES.get(actor.type or "", "Organization"), "name": actor.name_in(lang)}


def place_thing(place: Entity, lang: str) -> dict[str, Any]:
    """Describe a place: a country, a city, a region, a sea or another place."""
    return {"@type": PLACE_TYPES.get(place.type or "", "Place"), "name": place.name_in(lang)}


def source_work(source: Source) -> dict[str, Any]:
    """Describe a source as the creative work it is, with what the entry knows of it.

    A title in [brackets] is our description of an untitled source, so it is its
    ``description``, not its ``name``.
    """
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.described:
        work["description"] = source.title[1:-1]
    else:
        work["name"] = source.title
    if source.date is not None:
        work["datePublished"] = source.date.iso
    if source.url:
        work["url"] = source.url
    if source.archive:
        work["archivedAt"] = source.archive
    if source.lang:
        work["inLanguage"] = source.lang
    return work


def website(page: PageFacts) -> dict[str, Any]:
    """Name the site a page is part of."""
    return {"@type": "WebSite", "name": page.site_name, "url": f"{page.site_url}/"}


def event_data(
    event: Event,
    page: PageFacts,
    translations: Sequence[str] = (),
    published: str | None = None,
    modified: str | None = None,
) -> dict[str, Any]:
    """Describe an event page: the event, and the page about it that cites the sources.

    ``translations`` are the addresses of the same event's pages in other languages;
    ``published`` and ``modified`` the entry's first and last commit days, where git knows.
    """
    about: dict[str, Any] = {
        "@type": "ItemPage",
        "name": event.title,
        "url": page.url,
        "inLanguage": page.lang,
        "license": page.license_url,
        "isPartOf": website(page),
        "citation": [source_work(source) for source in event.sources],
    }
    if published:
        about["datePublished"] = published
    if modified:
        about["dateModified"] = modified
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        **date_range(event.date),
        "about": [actor_thing(actor, event.lang) for actor in event.actors],
        "inLanguage": page.lang,
        "url": page.url,
        "subjectOf": about,
    }
    if event.places:
        data["location"] = [place_thing(place, event.lang) for place in event.places]
    if translations:
        data["sameAs"] = list(translations)
    return data


def breadcrumb_list(crumbs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """List the trail to a page, as ``(name, address)`` pairs from the top, the page last."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def list_data(
    page: PageFacts,
    name: str,
    items: Iterable[tuple[str, str]],
    description: str = "",
    breadcrumbs: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Describe a list page: its items (``(name, address)`` pairs) in the order shown.

    ``breadcrumbs`` are those the page shows, from the top; the page itself is added last.
    """
    elements = [
        {"@type": "ListItem", "position": position, "name": item_name, "url": url}
        for position, (item_name, url) in enumerate(items, start=1)
    ]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": page.url,
        "inLanguage": page.lang,
        "license": page.license_url,
        "isPartOf": website(page),
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(elements),
            "itemListElement": elements,
        },
    }
    if description:
        data["description"] = description
    if breadcrumbs:
        data["breadcrumb"] = breadcrumb_list([*breadcrumbs, (name, page.url)])
    return data


def page_data(page: PageFacts, name: str, description: str = "") -> dict[str, Any]:
    """Describe a standalone page (about, method…): a web page under the content's licence."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "WebPage",
        "name": name,
        "url": page.url,
        "inLanguage": page.lang,
        "license": page.license_url,
        "isPartOf": website(page),
    }
    if description:
        data["description"] = description
    return data


# The templates' side: the page being rendered, from Jinja's context.


def _facts(context: Any, path: str) -> PageFacts:
    """Gather what every block says about the page at ``path`` below this language's site."""
    site_url = str(context["SITEURL"])
    return PageFacts(
        url=f"{site_url}/{path}",
        lang=str(context["DEFAULT_LANG"]),
        site_name=str(context["SITENAME"]),
        site_url=site_url,
        license_url=str(context["TIMELINE_LICENSE_URL"]),
    )


@pass_context
def event_structured_data(context: Any, article: Any) -> dict[str, Any]:
    """Give ``partials/structured-data.html`` an event page's data, with its translations."""
    lang = str(context["DEFAULT_LANG"])
    versions = build_of(context).languages.alternates(lang, context["output_file"])
    translations = [v.url for v in versions if v.exists and not v.current]
    history = getattr(article, "history", None)
    return event_data(
        article.event,
        _facts(context, article.url),
        translations,
        published=history.first.date().isoformat() if history else None,
        modified=history.last.date().isoformat() if history else None,
    )


@pass_context
def list_structured_data(
    context: Any,
    path: str,
    name: str,
    articles: Iterable[Any] = (),
    *,
    description: str = "",
    breadcrumbs: Sequence[tuple[str, str]] = (),
    groups: Iterable[Any] = (),
) -> dict[str, Any]:
    """Give a list page's data: the events it lists (``articles``), or a registry's ``groups``.

    Paths (``path`` and the second of each breadcrumb) are below this language's site, as the
    templates write them after ``SITEURL``.
    """
    site_url = str(context["SITEURL"])
    lang = str(context["DEFAULT_LANG"])
    items = [(plain(a.title), f"{site_url}/{a.url}") for a in articles]
    items += [
        (facet.entity.name_in(lang), f"{site_url}/{facet.url}")
        for group in groups
        for facet in group.facets
    ]
    crumbs = [(plain(crumb), f"{site_url}/{crumb_path}") for crumb, crumb_path in breadcrumbs]
    return list_data(_facts(context, plain(path)), plain(name), items, plain(description), crumbs)


@pass_context
def page_structured_data(context: Any, page: Any) -> dict[str, Any]:
    """Give a standalone page's data: ``page_structured_data(page)``."""
    return page_data(_facts(context, page.url), page.title, page_summary(page))


def plain(value: object) -> str:
    """Return text as a reader reads it: a template's rendered block or macro, unescaped.

    Names a template gives (``_("Chronology")``, a macro's output, ``self.description()``)
    arrive as escaped markup; the data must hold the text itself, which :func:`serialize`
    makes safe in its own way.
    """
    if isinstance(value, Markup):
        return value.unescape().strip()
    return str(value).strip()


def page_summary(page: Any) -> str:
    """Return a standalone page's own summary as plain text, or nothing.

    Only the one its file gives: Pelican would otherwise make one from the start of the
    text, headings and all. Our reader keeps it escaped (Pelican takes summaries as HTML).
    """
    summary = page.metadata.get("summary")
    return Markup(summary).unescape() if summary else ""  # escaped by our reader
