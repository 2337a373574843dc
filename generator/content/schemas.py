"""The declared schemas of entries, translations, pages and registries, in MkDocs' style.

Declarations only: each field names its option type, whether it is required, and its doc (the
README's tables and ``timeline new``'s skeleton are generated from it). The option types are in
:mod:`~generator.content.options`; what checks an entry against them, in
:mod:`~generator.content.checks` and :mod:`~generator.content.registries`.
"""

from __future__ import annotations

from .options import (
    Aliases,
    Choice,
    Date,
    Flag,
    Lang,
    Localized,
    Option,
    Records,
    Ref,
    RefList,
    Slug,
    Template,
    Text,
    TextList,
    Url,
)


def N_(message: str) -> str:
    """Mark a doc for the interface's catalogs: the Data page shows it in each language.

    Babel's default keywords include ``N_`` (``make translations``); the text is unchanged.
    """
    return message


#: Languages the site is published in; the first is the default.
SITE_LANGUAGES = ("en", "fr")

SOURCE_SCHEMA: dict[str, Option] = {
    "publisher": Text(required=True, max_length=200, doc=N_("Who published it, e.g. 'Reuters'.")),
    "title": Text(
        required=True, max_length=400, doc=N_("Its title as published, or [a description].")
    ),
    "date": Date(doc=N_("Its publication date, at the precision known.")),
    "undated": Text(
        max_length=120,
        doc=N_(
            "Why it has no `date`, when it has none of its own, e.g. 'a reference page revised"
            " over time'; a source with neither is warned about."
        ),
    ),
    "url": Url(doc=N_("Where to read it; only a real, known address.")),
    "archive": Url(doc=N_("A snapshot of the page, for when the link rots.")),
    "lang": Lang(doc=N_("The language it is written in.")),
}

EVENT_SCHEMA: dict[str, Option] = {
    "title": Text(required=True, max_length=160, doc=N_("Headline, plain text.")),
    "date": Date(required=True, doc=N_("YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision.")),
    "end": Date(doc=N_("Last day of an event that spans time; same forms, not before `date`.")),
    "circa": Flag(doc=N_("`true` when the date is approximate.")),
    "kind": Ref("kinds", required=True, doc=N_("What sort of event: agreement, talks, refusal…")),
    "actors": RefList(
        "actors", required=True, min_items=1, doc=N_("Who took part: states, people, forces.")
    ),
    "places": RefList("places", doc=N_("Where it happened, and the places it was about.")),
    "thread": Ref("threads", doc=N_("The story it belongs to, e.g. one treaty from start to end.")),
    "summary": Text(
        required=True,
        min_length=20,
        max_length=400,
        doc=N_("One or two sentences in our own words: who did what, and where."),
    ),
    "sources": Records(
        SOURCE_SCHEMA,
        required=True,
        min_items=1,
        doc=N_("At least one: publisher and title always; date and url where known."),
    ),
    "lang": Choice(SITE_LANGUAGES, required=True, doc=N_("Language of this file.")),
    "aliases": Aliases(doc=N_("Old slugs or site paths; each gets a page redirecting here.")),
}

#: Facts a translation takes from its original; it may repeat them, but not contradict them.
INHERITED = ("date", "end", "circa", "kind", "actors", "places", "thread")

_SAME = "Taken from the original; if given, must be the same."
TRANSLATION_SCHEMA: dict[str, Option] = {
    "title": Text(required=True, max_length=160, doc="Headline in this language."),
    "summary": Text(
        required=True, min_length=20, max_length=400, doc="One or two sentences, in this language."
    ),
    "sources": Records(SOURCE_SCHEMA, doc="Sources in this language, cited after the original's."),
    "lang": Choice(SITE_LANGUAGES[1:], required=True, doc="Language of this translation."),
    "date": Date(doc=_SAME),
    "end": Date(doc=_SAME),
    "circa": Flag(doc=_SAME),
    "kind": Ref("kinds", doc=_SAME),
    "actors": RefList("actors", doc=_SAME),
    "places": RefList("places", doc=_SAME),
    "thread": Ref("threads", doc=_SAME),
}

PAGE_SCHEMA: dict[str, Option] = {
    "title": Text(required=True, max_length=160, doc="Page title."),
    "slug": Slug(required=True, doc="Permanent URL segment."),
    "lang": Choice(SITE_LANGUAGES, required=True, doc="Language of this file."),
    "summary": Text(max_length=400, doc="One sentence for search results and feeds."),
    "template": Template(
        doc="Render this page with `theme/templates/<value>.html` instead of `page.html`, "
        "e.g. `about`, for the parts that come from the data."
    ),
}

#: The types of actors and of places, in the order their indexes list them (states first,
#: people last; countries before the cities in them). The checks accept exactly these; the
#: facet indexes group by them; ``partials/labels.html`` names each one (a test holds it to
#: this list, since translatable names must be written out for Babel to extract).
ACTOR_TYPES = (
    "state",
    "government",
    "military",
    "coalition",
    "armed-group",
    "organization",
    "person",
)
PLACE_TYPES = ("country", "region", "city", "site", "airspace", "sea", "orbit")

#: One schema per registry file; the file is ``content/data/<name>.yml``.
REGISTRY_SCHEMAS: dict[str, dict[str, Option]] = {
    "kinds": {
        "id": Slug(required=True, doc="Permanent id, used in entries' `kind`."),
        "name": Localized(required=True, max_length=60, doc="Display name per language."),
        "description": Localized(required=True, doc="One-line meaning per language."),
    },
    "actors": {
        "id": Slug(required=True, doc="Permanent id, used in entries' `actors`."),
        "name": Localized(required=True, max_length=120, doc="Display name per language."),
        "type": Choice(ACTOR_TYPES, required=True, doc="What sort of actor this is."),
        "role": Localized(doc="Short description of the actor's role, per language."),
        "aliases": TextList(doc="Other names and spellings."),
    },
    "places": {
        "id": Slug(required=True, doc="Permanent id, used in entries' `places`."),
        "name": Localized(required=True, max_length=120, doc="Display name per language."),
        "type": Choice(PLACE_TYPES, required=True, doc="What sort of place this is."),
        "country": Slug(doc="Id of the place entry of the country it lies in."),
        "aliases": TextList(doc="Other names and spellings."),
    },
    "threads": {
        "id": Slug(required=True, doc="Permanent id, used in entries' `thread`."),
        "title": Localized(required=True, max_length=120, doc="Title of the story per language."),
        "description": Localized(doc="One sentence per language."),
    },
    "eras": {
        "id": Slug(required=True, doc="Permanent id of the era."),
        "title": Localized(required=True, max_length=120, doc="Title of the era per language."),
        "start": Date(required=True, doc="First day (or month, or year) of the era."),
        "end": Date(doc="Last day of the era; leave it out while the era goes on."),
        "description": Localized(doc="One sentence per language."),
    },
}
