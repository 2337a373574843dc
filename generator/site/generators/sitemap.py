"""The generator of ``sitemap.xml`` and ``robots.txt``, and of each run's notes for them."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..exporters import is_absolute
from ..hosting import not_found_file
from ..languages import is_subsite
from ..sitemap import ROBOTS_PATH, SITEMAP_PATH, build_sitemap, robots_txt, site_notes, sitemap_urls
from ..state import build_of
from .base import TimelineGenerator

logger = logging.getLogger(__name__)


class SitemapGenerator(TimelineGenerator):
    """Note each run's pages; in the main run, write ``sitemap.xml`` and ``robots.txt``."""

    def generate_context(self) -> None:
        """Note this language's unlisted pages and last commits in the build, once read.

        The main run reads its content before the French run starts (from its writer), so
        both runs' notes are there when the main run writes.
        """
        not_found = not_found_file(self.settings)
        unlisted = [not_found] if not_found else []
        notes = site_notes(self.context.get("articles", []), unlisted)
        build_of(self.settings).sitemap_notes[self.settings["DEFAULT_LANG"]] = notes

    def generate_output(self, writer: Any) -> None:
        """Write both files for every language, from the main run, when the site has an address.

        The subsites are done by the time the main run writes: it alone writes, once. Neither
        file is a page, so the generator plans none.
        """
        siteurl = self.settings["SITEURL"]
        if is_subsite(self.settings):
            return
        if not is_absolute(siteurl):
            logger.info("No sitemap.xml or robots.txt: SITEURL %r is not absolute", siteurl)
            return
        output = Path(writer.output_path)
        path = output / SITEMAP_PATH
        build = build_of(self.settings)
        path.write_bytes(build_sitemap(sitemap_urls(build.languages.sites, build.sitemap_notes)))
        logger.info("Writing %s", path)
        path = output / ROBOTS_PATH
        path.write_text(robots_txt(f"{siteurl}/{SITEMAP_PATH}"), encoding="utf-8")
        logger.info("Writing %s", path)
