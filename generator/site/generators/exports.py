"""The generator of each language's Atom feeds and iCalendar files: the site's and its facets'."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.support import NullTranslations

from ..catalogs import load_translations
from ..exporters import (
    CALENDAR_PATH,
    FEED_PATH,
    build_calendar,
    build_feed,
    build_stamp,
    feed_items,
)
from ..subscriptions import subscriptions
from .base import TimelineGenerator

logger = logging.getLogger(__name__)


class ExportGenerator(TimelineGenerator):
    """Write ``feeds/events.atom.xml`` and ``calendar.ics`` for the site of this run.

    And, for each thread, kind and actor with enough events (:mod:`..subscriptions`),
    ``feeds/<registry>/<id>.atom.xml`` and ``calendars/<registry>/<id>.ics``.
    """

    def generate_output(self, writer: Any) -> None:
        """Write the feeds and calendars into the writer's output folder; they are not pages."""
        articles = self.context.get("articles", [])
        output = Path(writer.output_path)
        lang = self.settings["DEFAULT_LANG"]
        translations = load_translations(Path(self.theme) / "translations", lang)
        stamp = build_stamp(os.environ)
        self._write(
            output,
            articles,
            translations=translations,
            stamp=stamp,
            feed_path=FEED_PATH,
            calendar_path=CALENDAR_PATH,
            facet={},
        )
        for found in subscriptions(articles, self.settings):
            facet = found.facet
            title = f"{facet.entity.name_in(lang)} · {self.settings['SITENAME']}"
            self._write(
                output,
                facet.articles,
                translations=translations,
                stamp=stamp,
                feed_path=found.feed_path,
                calendar_path=found.calendar_path,
                facet={"title": title, "page": facet.url},
            )

    def _write(
        self,
        output: Path,
        articles: Sequence[Any],
        *,
        translations: NullTranslations,
        stamp: datetime,
        feed_path: str,
        calendar_path: str,
        facet: Mapping[str, str],
    ) -> None:
        """Write one feed and one calendar of these articles, creating their folders."""
        feed = build_feed(
            articles,
            self.settings,
            translations,
            limit=feed_items(self.settings),
            stamp=stamp,
            path=feed_path,
            **facet,
        )
        path = output / feed_path
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as stream:
            feed.write(stream, "utf-8")
        logger.info("Writing %s", path)
        calendar = build_calendar(
            articles, self.settings, translations, stamp=stamp, name=facet.get("title")
        )
        path = output / calendar_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar.to_ical())
        logger.info("Writing %s", path)
