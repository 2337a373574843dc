"""The generator of each language's Atom feeds and iCalendar files: the site's and its facets'."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

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
        """Write the feeds and calendars into the writer's output folder; they are not pages."""
        self.write_files(writer, partial(self.write, Path(writer.output_path)))

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
        articles = self.context.get("articles", [])
        lang = self.settings["DEFAULT_LANG"]
        translations = load_translations(Path(self.theme) / "translations", lang)
        stamp = build_stamp(os.environ)
        lists: list[tuple[Sequence[Any], str, str, dict[str, str]]] = [
            (articles, FEED_PATH, CALENDAR_PATH, {})
        ]
        for found in subscriptions(articles, self.settings):
            title = f"{found.facet.entity.name_in(lang)} · {self.settings['SITENAME']}"
            named = {"title": title, "page": found.facet.url}
            lists.append((found.facet.articles, found.feed_path, found.calendar_path, named))
        # Each event's VEVENT, serialized once for every calendar that lists it.
        vevents: dict[int, bytes] = {}
        for listed, feed_path, calendar_path, facet in lists:
            if showing is not None and not showing(listed):
                continue
            if "feed" in files:
                feed = build_feed(
                    listed,
                    self.settings,
                    translations,
                    limit=feed_items(self.settings),
                    stamp=stamp,
                    path=feed_path,
                    **facet,
                )
                path = output / feed_path
                text = io.StringIO()
                feed.write(text, "utf-8")
                replace_file(path, text.getvalue().encode("utf-8"))
                logger.info("Writing %s", path)
            if "calendar" in files:
                calendar = calendar_bytes(
                    listed,
                    self.settings,
                    translations,
                    vevents,
                    stamp=stamp,
                    name=facet.get("title"),
                )
                path = output / calendar_path
                replace_file(path, calendar)
                logger.info("Writing %s", path)
