"""Follow the chronology elsewhere: Atom feeds of what is new in it, and iCalendar files.

Pelican's own feeds list articles in ``ARTICLE_ORDER_BY`` order, which is chronological here,
and cut at ``FEED_MAX_ITEMS``: they would publish the oldest events. A subscriber wants what is
new in the chronology instead, and an entry written today about 1987 is new: ours lists the
entries first published most recently (their first commit), newest first, each with its first
and last commit as ``published`` and ``updated`` and the event's own date in its text. A
calendar has every event known to the day. Their generator
(:mod:`generator.site.generators.exports`) runs once per Pelican run, so each language's site
(``/fr/`` is a run of its own) gets its own feed and calendar from its own articles, in its
own language, and one of each per followed thread, kind and actor
(:mod:`generator.site.subscriptions`).

Nothing here reads the clock, so the same content and history give the same bytes: a time
that stands for "this build" (an empty feed's ``updated``, an uncommitted entry's ``DTSTAMP``)
is ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) when set, else :data:`FALLBACK_STAMP`.

Events known only to the month or the year, or dated approximately, stay out of the calendar:
shown as all-day spans they would cover a whole month or year, and a calendar has no way to
say "some day in May". The calendar's description says how many were left out, and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from babel.support import NullTranslations
from feedgenerator import Atom1Feed
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent
from markupsafe import Markup

from ..content.dates import EventDate, format_number
from ..content.model import Event, Source
from ..content.problems import ConfigError
from .languages import language_name
from .relations import event_order
from .settings import SETTINGS

#: Where each site writes its exports, below its own output folder.
FEED_PATH = "feeds/events.atom.xml"
CALENDAR_PATH = "calendar.ics"

#: How many of the most recent events the feed lists (declared in settings.py's SETTINGS).
FEED_ITEMS_SETTING = "TIMELINE_FEED_ITEMS"

#: The part of calendar UIDs after the ``@`` (declared in settings.py's SETTINGS).
UID_DOMAIN_SETTING = "TIMELINE_CALENDAR_UID_DOMAIN"
PRODID = "-//rus-us-chronology//Chronology calendar//EN"

#: What stands for "this build" without ``SOURCE_DATE_EPOCH``: a fixed time, so that two builds
#: of the same content are the same bytes. It only shows where nothing better is known: an
#: empty feed's ``updated``, the ``DTSTAMP`` of an entry git does not know yet.
FALLBACK_STAMP = datetime(1970, 1, 1, tzinfo=UTC)


def feed_items(settings: Mapping[str, Any]) -> int:
    """Return how many events the feed lists; the build checked the setting when it started."""
    return settings.get(FEED_ITEMS_SETTING, SETTINGS[FEED_ITEMS_SETTING].default)


def uid_domain(settings: Mapping[str, Any]) -> str:
    """Return what follows the ``@`` of every UID: a fixed name, never the site's host.

    A UID made from ``SITEURL`` would change when the site moves, and every subscribed calendar
    would then show each event twice, the old object and the new.
    """
    return settings.get(UID_DOMAIN_SETTING, SETTINGS[UID_DOMAIN_SETTING].default)


def build_stamp(environ: Mapping[str, str]) -> datetime:
    """Return the time that stands for this build: ``SOURCE_DATE_EPOCH``, else a fixed one.

    The variable is the reproducible-builds convention (seconds since 1970, UTC), which CI can
    set to the last commit's time; a value that is not a whole number stops the build rather
    than being ignored.
    """
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return FALLBACK_STAMP
    if not value.isdigit():
        raise ConfigError(
            f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970, got {value!r}"
        )
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise ConfigError(f"SOURCE_DATE_EPOCH: {value!r} is not a usable time ({error})") from error


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


def published(article: Any) -> datetime:
    """Return when an entry was first published: its first commit, else the event's own date.

    A build without git history (a tarball, an uncommitted entry) still needs a date, and the
    event's date is at least stable from one build to the next, unlike the build's clock.
    """
    history = getattr(article, "history", None)
    return history.first if history is not None else article.event.date.as_datetime()


def updated(article: Any) -> datetime:
    """Return when an entry last changed: its last commit, else the event's own date."""
    history = getattr(article, "history", None)
    return history.last if history is not None else article.event.date.as_datetime()


def newest_first(articles: Iterable[Any], limit: int) -> list[Any]:
    """Return the ``limit`` entries first published most recently, newest first.

    Entries published together (one commit) follow the chronology's order, reversed, so the
    order never depends on the order Pelican read the files in.
    """
    return sorted(articles, key=lambda a: (published(a), event_order(a)), reverse=True)[:limit]


class ChronologyFeed(Atom1Feed):
    """Atom with a licence link (RFC 4946), whose ``updated`` never comes from the clock.

    feedgenerator gives an empty feed (a language with no events yet) the current time as its
    ``updated``, so two builds would differ; ours gives it the build's stamp instead.
    """

    def __init__(self, *args: Any, empty_updated: datetime, license_url: str, **kwargs: Any):
        """Keep the stamp of an empty feed and the licence's address; the rest is Atom1Feed's."""
        super().__init__(*args, **kwargs)
        self.empty_updated = empty_updated
        self.license_url = license_url

    def latest_post_date(self) -> datetime:
        """Return the newest item's ``updated`` (or ``published``), else the build's stamp."""
        dates = [
            when for item in self.items for when in (item["updateddate"], item["pubdate"]) if when
        ]
        return max(dates, default=self.empty_updated)

    def add_root_elements(self, handler: Any) -> None:
        """Add ``<link rel="license">`` after the title, links, id, author and ``rights``."""
        super().add_root_elements(handler)
        handler.addQuickElement("link", "", {"rel": "license", "href": self.license_url})


def rights(settings: Mapping[str, Any], translations: NullTranslations) -> str:
    """Say, in the site's language, under which licence the feed's content may be reused."""
    name = settings.get("TIMELINE_LICENSE_NAME", SETTINGS["TIMELINE_LICENSE_NAME"].default)
    url = settings.get("TIMELINE_LICENSE_URL", SETTINGS["TIMELINE_LICENSE_URL"].default)
    text = translations.gettext("Content and data under the %(licence)s licence: %(url)s")
    return text % {"licence": name, "url": url}


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


def build_feed(
    articles: Sequence[Any],
    settings: Mapping[str, Any],
    translations: NullTranslations,
    *,
    limit: int,
    stamp: datetime = FALLBACK_STAMP,
    title: str | None = None,
    page: str = "",
    path: str = FEED_PATH,
) -> ChronologyFeed:
    """Return the Atom feed of the ``limit`` entries first published most recently.

    By default the whole site's feed; a facet's gives its own ``title``, its ``page`` (the
    feed's alternate) and ``path``. ``stamp`` is the ``updated`` of a feed with no entry.
    """
    siteurl, lang = settings["SITEURL"], settings["DEFAULT_LANG"]
    feed = ChronologyFeed(
        title=title or settings["SITENAME"],
        link=page_url(siteurl, page),
        feed_url=page_url(siteurl, path),
        description=settings.get("SITESUBTITLE") or "",
        language=lang,
        author_name=settings.get("TIMELINE_FEED_AUTHOR") or settings["SITENAME"],
        feed_copyright=rights(settings, translations),
        empty_updated=stamp,
        license_url=settings.get("TIMELINE_LICENSE_URL", SETTINGS["TIMELINE_LICENSE_URL"].default),
    )
    for article in newest_first(articles, limit):
        event, link = article.event, page_url(siteurl, article.url)
        feed.add_item(
            title=event.title,
            link=link,
            unique_id=link,
            description=str(item_summary(event, lang)),
            pubdate=published(article),
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


def calendar_name(title: str, lang: str) -> str:
    """Name the calendar after the site (or facet) and its language, to tell them apart."""
    return f"{title} ({language_name(lang)})"


def build_calendar(
    articles: Sequence[Any],
    settings: Mapping[str, Any],
    translations: NullTranslations,
    *,
    stamp: datetime = FALLBACK_STAMP,
    name: str | None = None,
) -> Calendar:
    """Return the calendar of every event known to the day, in chronological order.

    By default the whole site's; a facet's gives its own ``name``. ``stamp`` is the
    ``DTSTAMP`` of an entry that git does not know.
    """
    dated, left_out = calendar_events(articles)
    calendar = _calendar_shell(settings, translations, name, left_out)
    for article, days in dated:
        calendar.add_component(_vevent(article, days, settings, stamp))
    return calendar


def calendar_bytes(
    articles: Sequence[Any],
    settings: Mapping[str, Any],
    translations: NullTranslations,
    vevents: dict[int, bytes],
    *,
    stamp: datetime = FALLBACK_STAMP,
    name: str | None = None,
) -> bytes:
    """Return ``build_calendar(…).to_ical()``, each event's VEVENT serialized only once.

    An event is in the site's calendar and in those of its thread, kind and actors; at 10,000
    events, building and serializing every VEVENT of every calendar took 25 s. ``vevents``
    keeps each event's bytes, by article, for the calendars that follow. iCalendar writes a
    component's properties, then its subcomponents, then its ``END`` line, so the events'
    bytes go before the shell's last line.
    """
    dated, left_out = calendar_events(articles)
    shell = _calendar_shell(settings, translations, name, left_out).to_ical()
    end = b"END:VCALENDAR\r\n"
    parts = [shell.removesuffix(end)]
    for article, days in dated:
        found = vevents.get(id(article))
        if found is None:
            found = vevents[id(article)] = _vevent(article, days, settings, stamp).to_ical()
        parts.append(found)
    parts.append(end)
    return b"".join(parts)


def calendar_events(articles: Sequence[Any]) -> tuple[list[tuple[Any, tuple[date, date]]], int]:
    """Return the events a calendar shows, in order, with their days; and how many it leaves out.

    Those left out are not known to the day (:func:`calendar_days`).
    """
    dated = []
    left_out = 0
    for article in sorted(articles, key=event_order):
        days = calendar_days(article.event.date)
        if days is None:
            left_out += 1
        else:
            dated.append((article, days))
    return dated, left_out


def _calendar_shell(
    settings: Mapping[str, Any], translations: NullTranslations, name: str | None, left_out: int
) -> Calendar:
    """Return a calendar's own properties, without its events."""
    lang = settings["DEFAULT_LANG"]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = calendar_name(name or settings["SITENAME"], lang)
    description = calendar_description(left_out, translations, lang)
    # X-WR-* for the calendars most people use, NAME and DESCRIPTION for RFC 7986 ones. As
    # TEXT values, escaped: icalendar writes a property it has no type for as it is, so a
    # comma or a line break in a name would otherwise end the value or the line.
    for key, value in (("x-wr-calname", name), ("name", name)):
        calendar.add(key, vText(value))
    for key, value in (("x-wr-caldesc", description), ("description", description)):
        calendar.add(key, vText(value))
    return calendar


def _vevent(
    article: Any, days: tuple[date, date], settings: Mapping[str, Any], stamp: datetime
) -> CalendarEvent:
    """Return one event's VEVENT for this site's settings."""
    siteurl, lang = settings["SITEURL"], settings["DEFAULT_LANG"]
    return _calendar_event(article, days, siteurl, lang, domain=uid_domain(settings), stamp=stamp)


def _calendar_event(
    article: Any, days: tuple[date, date], siteurl: str, lang: str, *, domain: str, stamp: datetime
) -> CalendarEvent:
    """Return one all-day VEVENT; its UID stays the same from build to build, and site to site.

    RFC 5545 wants ``DTSTAMP`` to say when the object was last changed, not when the event
    happens: the entry's last commit, else the build's stamp (never the clock, so an unchanged
    entry gives the same bytes). ``SEQUENCE`` counts the entry's commits after its first, so it
    grows with every change and a calendar application takes the new version.
    """
    event = article.event
    link = page_url(siteurl, article.url)
    history = getattr(article, "history", None)
    entry = CalendarEvent()
    # The site's language is in the UID: the French calendar's event is another object.
    entry.add("uid", f"{event.slug}.{lang}@{domain}")
    entry.add("dtstamp", history.last if history is not None else stamp)
    if history is not None:
        entry.add("created", history.first)
        entry.add("last-modified", history.last)
    entry.add("sequence", history.commits - 1 if history is not None else 0)
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
