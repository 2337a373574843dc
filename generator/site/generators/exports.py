"""The generator of each language's Atom feed and iCalendar file."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..catalogs import load_translations
from ..exporters import CALENDAR_PATH, FEED_PATH, build_calendar, build_feed, feed_items
from .base import TimelineGenerator

logger = logging.getLogger(__name__)


class ExportGenerator(TimelineGenerator):
    """Write ``feeds/events.atom.xml`` and ``calendar.ics`` for the site of this run."""

    def generate_output(self, writer: Any) -> None:
        """Write the feed and the calendar into the writer's output folder; they are not pages."""
        articles = self.context.get("articles", [])
        output = Path(writer.output_path)
        feed = build_feed(articles, self.settings, feed_items(self.settings))
        path = output / FEED_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as stream:
            feed.write(stream, "utf-8")
        logger.info("Writing %s", path)
        path = output / CALENDAR_PATH
        lang = self.settings["DEFAULT_LANG"]
        translations = load_translations(Path(self.theme) / "translations", lang)
        path.write_bytes(build_calendar(articles, self.settings, translations).to_ical())
        logger.info("Writing %s", path)
