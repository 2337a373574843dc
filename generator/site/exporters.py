"""Follow the chronology elsewhere: an Atom feed of the latest events and an iCalendar file.

Pelican's own feeds list articles in ``ARTICLE_ORDER_BY`` order, which is chronological here,
and cut at ``FEED_MAX_ITEMS``: they would publish the oldest events. Ours lists them newest
first instead, and a calendar has every event known to the day. Their generator
(:mod:`generator.site.generators.exports`) runs once per Pelican run, so each language's site
(``/fr/`` is a run of its own) gets its own feed and calendar from its own articles, in its
own language.

Events known only to the month or the year, or dated approximately, stay out of the calendar:
shown as all-day spans they would cover a whole month or year, and a calendar has no way to
say "some day in May". The calendar's description says how many were left out, and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from babel.support import NullTranslations
from feedgenerator import Atom1Feed
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from markupsafe import Markup

from ..content.dates import EventDate, format_number
from ..content.model import Event, Source
from .languages import language_name
from .relations import event_order
from .settings import SETTINGS

#: Where each site writes its exports, below its own output folder.
FEED_PATH = "feeds/events.atom.xml"
CALENDAR_PATH = "calendar.ics"

#: How many of the most recent events the feed lists (declared in settings.py's SETTINGS).
FEED_ITEMS_SETTING = "TIMELINE_FEED_ITEMS"

#: The domain part of calendar UIDs when the site has no absolute address (a local preview).
UID_FALLBACK_DOMAIN = "rus-us-chronology"
PRODID = "-//rus-us-chronology//Chronology calendar//EN"


def feed_items(settings: Mapping[str, Any]) -> int:
    """Return how many events the feed lists; the build checked the setting when it started."""
    return settings.get(FEED_ITEMS_SETTING, SETTINGS[FEED_ITEMS_SETTING].default)


def is_absolute(siteurl: str) -> bool:
    """Tell whether the site has a public address, or is served from wherever it is previewed."""
    parts = urlsplit(siteurl)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def page_url(siteurl: str, path: str) -> str:
    """Return a page's address as the site's own links write it.

    Absolute in production; root-relative (``/events/x/``) in a local preview, where
    ``SITEURL`` is empty: a feed reader resolves it against the feed's own address.
    """
    return f"{siteurl}/{path}"


def updated(article: Any) -> datetime:
    """Return when an entry last changed: its last commit, else the event's own date.

    A build without git history (a tarball, an uncommitted entry) still needs a date, and the
    event's date is at least stable from one build to the next, unlike the build's clock.
    """
    history = getattr(article, "history", None)
    return history.last if history is not None else article.event.date.as_datetime()


def newest_first(articles: Iterable[Any], limit: int) -> list[Any]:
    """Return the ``limit`` most recent events, the exact reverse of the chronology's order."""
    return sorted(articles, key=event_order, reverse=True)[:limit]


def item_summary(event: Event, lang: str) -> Markup:
    """Return an entry's summary as escaped HTML: the date as the site shows it, then sources.

    Atom's ``<summary type="html">`` is how feed readers show a list; every value is escaped
    by :class:`~markupsafe.Markup`, so a title with ``<`` or ``&`` stays text.
    """
    head = Markup("<p><strong>{}</strong> — {}</p>").format(event.date.display(lang), event.summary)
    sources = Markup("").join(
        Markup("<li>{}</li>").format(_source_html(s, lang)) for s in event.sources
    )
    return head + (Markup("<ul>{}</ul>").format(sources) if sources else Markup(""))


def _source_html(source: Source, lang: str) -> Markup:
    """Write one source as its page does: publisher, title (a link where known), date."""
    if source.described:
        title = Markup("{}").format(source.title)
    elif source.lang:
        title = Markup('<cite lang="{}">{}</cite>').format(source.lang, source.title)
    else:
        title = Markup("<cite>{}</cite>").format(source.title)
    if source.url:
        title = Markup('<a href="{}">{}</a>').format(source.url, title)
    text = Markup("{}, {}").format(source.publisher, title)
    if source.date is not None:
        text += Markup(", {}").format(source.date.display(lang))
    return text + "."


def build_feed(articles: Sequence[Any], settings: Mapping[str, Any], limit: int) -> Atom1Feed:
    """Return the Atom feed of the ``limit`` most recent events, in the site's language."""
    siteurl, lang = settings["SITEURL"], settings["DEFAULT_LANG"]
    feed = Atom1Feed(
        title=settings["SITENAME"],
        link=page_url(siteurl, ""),
        feed_url=page_url(siteurl, FEED_PATH),
        description=settings.get("SITESUBTITLE") or "",
        language=lang,
        author_name=settings.get("AUTHOR") or settings["SITENAME"],
    )
    for article in newest_first(articles, limit):
        event, link = article.event, page_url(siteurl, article.url)
        feed.add_item(
            title=event.title,
            link=link,
            unique_id=link,
            description=str(item_summary(event, lang)),
            updateddate=updated(article),
        )
    return feed


def calendar_days(when: EventDate) -> tuple[date, date] | None:
    """Return an event's first day and the day after its last (iCalendar's exclusive end).

    ``None`` for an event not known to the day, at its start or its end, or dated only
    approximately: a calendar would show it on a day nobody knows.
    """
    if when.circa or when.start.precision != "day":
        return None
    if when.end is not None and when.end.precision != "day":
        return None
    last = when.end.last_day if when.end is not None else when.start.first_day
    return when.start.first_day, last + timedelta(days=1)


def calendar_description(left_out: int, translations: NullTranslations, lang: str = "en") -> str:
    """Say, in the site's language, what the calendar holds and how many events it leaves out.

    The words come from the interface's catalogs, with the templates' (``make translations``
    extracts them from here).
    """
    intro = translations.gettext("Events of the chronology known to the day, as all-day events.")
    if not left_out:
        return intro
    note = translations.ngettext(
        "%(num)s event dated only to the month or the year, or approximately, is left out "
        "rather than shown on an invented day; the chronology lists it.",
        "%(num)s events dated only to the month or the year, or approximately, are left out "
        "rather than shown on invented days; the chronology lists them.",
        left_out,
    ) % {"num": format_number(left_out, lang)}
    return f"{intro} {note}"


def calendar_name(sitename: str, lang: str) -> str:
    """Name the calendar after the site and its language, to tell two subscriptions apart."""
    return f"{sitename} ({language_name(lang)})"


def build_calendar(
    articles: Sequence[Any], settings: Mapping[str, Any], translations: NullTranslations
) -> Calendar:
    """Return the calendar of every event known to the day, in chronological order."""
    siteurl, lang = settings["SITEURL"], settings["DEFAULT_LANG"]
    domain = urlsplit(siteurl).hostname if is_absolute(siteurl) else UID_FALLBACK_DOMAIN
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = calendar_name(settings["SITENAME"], lang)
    left_out = 0
    for article in sorted(articles, key=event_order):
        days = calendar_days(article.event.date)
        if days is None:
            left_out += 1
            continue
        calendar.add_component(_calendar_event(article, days, siteurl, lang, domain))
    description = calendar_description(left_out, translations, lang)
    # X-WR-* for the calendars most people use, NAME and DESCRIPTION for RFC 7986 ones.
    for key, value in (("x-wr-calname", name), ("name", name)):
        calendar.add(key, value)
    for key, value in (("x-wr-caldesc", description), ("description", description)):
        calendar.add(key, value)
    return calendar


def _calendar_event(
    article: Any, days: tuple[date, date], siteurl: str, lang: str, domain: str
) -> CalendarEvent:
    """Return one all-day VEVENT; its UID stays the same from build to build."""
    event = article.event
    link = page_url(siteurl, article.url)
    entry = CalendarEvent()
    # The site's language is in the UID: the French calendar's event is another object.
    entry.add("uid", f"{event.slug}.{lang}@{domain}")
    # DTSTAMP from the entry, not the clock, so an unchanged entry gives the same bytes.
    entry.add("dtstamp", updated(article))
    if getattr(article, "history", None) is not None:
        entry.add("last-modified", article.history.last)
    entry.add("dtstart", days[0])
    entry.add("dtend", days[1])
    entry.add("summary", event.title, parameters={"LANGUAGE": lang})
    entry.add("description", f"{event.summary}\n\n{link}", parameters={"LANGUAGE": lang})
    entry.add("categories", [event.kind.name_in(lang)])
    # An address without a host is no URI a calendar application can open.
    if is_absolute(siteurl):
        entry.add("url", link)
    # Informational: the events must not make their days look busy.
    entry.add("transp", "TRANSPARENT")
    return entry
