"""The generator of the decade pages (``decades/<decade>s/``), from the context's chronology."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from ..chronology import Chronology


class DecadeGenerator(Generator):
    """Write ``decades/<decade>s/index.html`` for every decade that has events or eras."""

    def generate_context(self) -> None:
        """Nothing to read: the plugin puts the chronology in the context."""

    def generate_output(self, writer: Any) -> None:
        """Write one page per decade with the ``decade`` template."""
        chronology: Chronology | None = self.context.get("timeline_chronology")
        if chronology is None:
            return
        template = self.get_template("decade")
        for decade in chronology.decades:
            before, after = chronology.neighbours(decade)
            writer.write_file(
                f"{decade.url}index.html",
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                decade=decade,
                decade_before=before,
                decade_after=after,
                url=decade.url,
            )
