"""The generator of ``_headers``, at the root of the whole site."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator
from pelican.writers import Writer

from ..hosting import HEADERS_PATH, headers_file, host_policy
from ..languages import is_subsite

logger = logging.getLogger(__name__)


class HeadersGenerator(Generator):
    """Write ``_headers`` at the root of the site, from the main run only."""

    def generate_context(self) -> None:
        """Nothing to read: the headers come from the settings."""

    def generate_output(self, writer: Any) -> None:
        """Write the file once, for every language: hosts read it only at the site's root.

        A writer that is not Pelican's only plans pages (``languages.planned_pages``).
        """
        if not isinstance(writer, Writer) or is_subsite(self.settings):
            return
        path = Path(writer.output_path) / HEADERS_PATH
        path.write_text(headers_file(host_policy(self.settings)), encoding="utf-8")
        logger.info("Writing %s", path)
