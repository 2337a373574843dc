"""The generator of each language's Atom feeds and iCalendar files: the site's and its facets'."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from babel.support import NullTranslations

from ..catalogs import load_translations
from ..exporters import (
    CALENDAR_PATH,
    FEED_PATH,
    build_feed,
    build_stamp,
    calendar_bytes,
    feed_items,
)
from ..files import replace_file
from ..subscriptions import subscriptions
from .base import TimelineGenerator

logger = logging.getLogger(__name__)

#: The files each list of events gets: an Atom feed and an iCalendar file.
EXPORTS = frozenset({"feed", "calendar"})


class ExportGenerator(TimelineGenerator):
    """Write ``feeds/events.atom.xml`` and ``calendar.ics`` for the site of this run.

    And, for each thread, kind and actor with enough events (:mod:`..subscriptions`),
    ``feeds/<registry>/<id>.atom.xml`` and ``calendars/<registry>/<id>.ics``.
    """

    def generate_output(self, writer: Any) -> None:
        """Write the feeds and calendars into the writer's output folder; they are not pages.

        Each file is written on its own, with the events it lists, so that a build into the
        folder of the one before takes every file whose events did not change from there
        (:mod:`generator.site.pagereuse`) instead of writing it again.
        """
        output = Path(writer.output_path)
        translations = load_translations(Path(self.theme) / "translations", self.lang)
        stamp = build_stamp(os.environ)
        # Each event's VEVENT, serialized once for every calendar that lists it.
        vevents: dict[int, bytes] = {}
        for listing in self.listings():
            for kind, path in (("feed", listing.feed_path), ("calendar", listing.calendar_path)):
                write = partial(self.write_one, output, listing, kind, translations, stamp, vevents)
                self.write_file_later(writer, path, listing.articles, write, key=stamp.isoformat())

    @property
    def lang(self) -> str:
        """Return the language of this run's site."""
        return str(self.settings["DEFAULT_LANG"])

    def listings(self) -> list[Listing]:
        """Return each list of events that gets a feed and a calendar: the site's, then facets'."""
        articles = self.context.get("articles", [])
        found = [Listing(articles, FEED_PATH, CALENDAR_PATH)]
        for facet in subscriptions(articles, self.settings):
            title = f"{facet.facet.entity.name_in(self.lang)} · {self.settings['SITENAME']}"
            named = {"title": title, "page": facet.facet.url}
            found.append(Listing(facet.facet.articles, facet.feed_path, facet.calendar_path, named))
        return found

    def write(
        self,
        output: Path,
        showing: Callable[[Sequence[Any]], bool] | None = None,
        files: frozenset[str] = EXPORTS,
    ) -> None:
        """Write the feeds and calendars into ``output``.

        With ``showing``, only those whose events it accepts, and only the ``files`` named
        (``"feed"``, ``"calendar"``): the preview writes again only the feeds that show the
        entries just saved, and their calendars after the page is served
        (:mod:`generator.site.live`).
        """
        translations = load_translations(Path(self.theme) / "translations", self.lang)
        stamp = build_stamp(os.environ)
        vevents: dict[int, bytes] = {}
        for listing in self.listings():
            if showing is not None and not showing(listing.articles):
                continue
            for kind in sorted(files):
                self.write_one(output, listing, kind, translations, stamp, vevents)

    def write_one(  # noqa: PLR0917 - one file's every input, bound by partial
        self,
        output: Path,
        listing: Listing,
        kind: str,
        translations: NullTranslations,
        stamp: datetime,
        vevents: dict[int, bytes],
    ) -> None:
        """Write the listing's feed (``kind`` ``"feed"``) or its calendar (``"calendar"``)."""
        if kind == "feed":
            feed = build_feed(
                listing.articles,
                self.settings,
                translations,
                limit=feed_items(self.settings),
                stamp=stamp,
                path=listing.feed_path,
                **listing.facet,
            )
            text = io.StringIO()
            feed.write(text, "utf-8")
            data, path = text.getvalue().encode("utf-8"), output / listing.feed_path
        else:
            data = calendar_bytes(
                listing.articles,
                self.settings,
                translations,
                vevents,
                stamp=stamp,
                name=listing.facet.get("title"),
            )
            path = output / listing.calendar_path
        replace_file(path, data)
        logger.info("Writing %s", path)


@dataclass
class Listing:
    """A list of events with its own feed and calendar: the site's, or a facet's."""

    articles: Sequence[Any]
    feed_path: str
    calendar_path: str
    #: A facet's feed title and page address (``build_feed``'s ``title`` and ``page``).
    facet: dict[str, str] = field(default_factory=dict)
