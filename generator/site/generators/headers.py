"""The generator of ``_headers``, at the root of the whole site."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..hosting import HEADERS_PATH, headers_file, host_policy
from ..languages import is_subsite
from .base import TimelineGenerator

logger = logging.getLogger(__name__)


class HeadersGenerator(TimelineGenerator):
    """Write ``_headers`` at the root of the site, from the main run only; it is not a page."""

    def generate_output(self, writer: Any) -> None:
        """Write the file once, for every language: hosts read it only at the site's root."""
        if is_subsite(self.settings):
            return
        path = Path(writer.output_path) / HEADERS_PATH
        path.write_text(headers_file(host_policy(self.settings)), encoding="utf-8")
        logger.info("Writing %s", path)
