"""Pelican settings for the chronology; `publishconf.py` adds what production needs."""

from jinja2 import StrictUndefined

from generator.content.dates import display_day
from generator.content.model import EVENT_PATH
from generator.site import plugin
from generator.site.chronology import is_era_mark
from generator.site.exporters import CALENDAR_PATH, FEED_PATH
from generator.site.facets import FACETS, facet_url
from generator.site.filters import (
    event_card,
    number,
    page_languages,
    search_parts,
    social_meta,
    year_url,
)
from generator.site.relations import event_order
from generator.site.structured import (
    event_structured_data,
    list_structured_data,
    page_structured_data,
    page_summary,
    serialize,
)

SITENAME = "Russia–US coordination: a chronology"
SITESUBTITLE = "Deconfliction lines, joint statements, agreements, talks and refusals, sourced"
SITEURL = ""
# The feeds' author. Not Pelican's AUTHOR, which would make every event that author's and
# have Pelican group them by author in quadratic time (generator/site/settings.py).
TIMELINE_FEED_AUTHOR = "The chronology editors"
PATH = "content"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PLUGINS = [plugin, "pelican.plugins.i18n_subsites"]

# The French site: the same content and theme, built at /fr/ by a second Pelican run in the
# same command (pelican-i18n-subsites). It holds the entries translated into French (an
# entry and its translation share their slug); the others stay in English at /. Theme files
# are written once, at the root, and every page takes them from there (main_siteurl).
I18N_SUBSITES = {
    "fr": {
        "SITENAME": "Coordination Russie–États-Unis\u00a0: une chronologie",
        "SITESUBTITLE": (
            "Lignes de déconfliction, déclarations communes, accords, pourparlers et refus, "
            "sources à l'appui"
        ),
        "THEME_STATIC_PATHS": [],
    }
}
# An entry or page without a translation is left out of that language's site, not shown
# there in English; the language switch says so and leads to that site's home page.
I18N_UNTRANSLATED_ARTICLES = "remove"
I18N_UNTRANSLATED_PAGES = "remove"

# Entries: content/events/<year>/<date>-<slug>.md; pages: content/pages/*.md.
ARTICLE_PATHS = ["events"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
# Our reader gives every date, slug and category; Pelican must not guess them from paths.
FILENAME_METADATA = "(?!)"  # a pattern that never matches
USE_FOLDER_AS_CATEGORY = False
DEFAULT_DATE = None

ARTICLE_ORDER_BY = event_order
# The plugin pairs each entry with its translations by slug (Pelican's own pairing takes
# quadratic time: generator/site/translations.py), so Pelican pairs nothing.
ARTICLE_TRANSLATION_ID = None
ARTICLE_URL = EVENT_PATH
ARTICLE_SAVE_AS = EVENT_PATH + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A translation (content/events/<year>/<date>-<slug>.fr.md) lives under its language's folder.
ARTICLE_LANG_URL = "{lang}/" + EVENT_PATH
ARTICLE_LANG_SAVE_AS = "{lang}/" + EVENT_PATH + "index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
INDEX_SAVE_AS = "index.html"
DEFAULT_PAGINATION = False

# Only the pages this theme has templates for. The search page finds what Pagefind indexed
# (generator/site/search.py; TIMELINE_SEARCH = False builds neither). 404.html is the page a host
# serves at an address that has none, in each language (generator/site/hosting.py; not indexed).
DIRECT_TEMPLATES = ["index", "search", "404"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
# One page per year, oldest event first: Pelican's period archives, which the plugin groups
# (Pelican's own grouping takes quadratic time), so YEAR_ARCHIVE_SAVE_AS stays empty.
YEAR_ARCHIVE_URL = "years/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = ""
TIMELINE_YEAR_SAVE_AS = "years/{date:%Y}/index.html"
NEWEST_FIRST_ARCHIVES = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# Pelican's own feeds list articles in ARTICLE_ORDER_BY order (oldest first) and would publish
# the oldest events: generator/site/exporters.py writes each language's feed and calendar instead.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Pelican does not escape by default; every value is escaped here, and an undefined
# name in a template is an error rather than an empty string.
JINJA_FILTERS = {
    "facet_url": facet_url,
    "display_day": display_day,
    "number": number,
    "year_url": year_url,
    "json_ld": serialize,
}
JINJA_TESTS = {"era_mark": is_era_mark}
# Lists and paths the templates share with the code, declared once in the modules named.
JINJA_GLOBALS = {
    "page_languages": page_languages,
    "search_parts": search_parts,
    "FACETS": FACETS,
    "FEED_PATH": FEED_PATH,
    "CALENDAR_PATH": CALENDAR_PATH,
    "event_card": event_card,
    "social_meta": social_meta,
    "event_structured_data": event_structured_data,
    "list_structured_data": list_structured_data,
    "page_structured_data": page_structured_data,
    "page_summary": page_summary,
}
# The i18n extension (`_()`) is added by generator/site/plugin.py with the site's catalog.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Each build, and each preview builder, loads the theme anew: no file date is looked up
    # again at every include of every page (4 s of a cold build at 10,000 events).
    "auto_reload": False,
}

# Content-Security-Policy of every page: no inline script or style, nothing third-party. A
# meta tag in each page, and a header (with frame-ancestors, which a meta tag cannot carry)
# where the host reads _headers or the README's nginx and Apache snippets
# (generator/site/hosting.py).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; "
    "form-action 'self'"
)
# What a link out of the site (to a source, mostly) tells the page it leads to: the site's
# address without the page's path, and nothing from HTTPS to plain HTTP. Meta tag and header.
REFERRER_POLICY = "strict-origin-when-cross-origin"
