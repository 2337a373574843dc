"""The generator of the decade pages (``decades/<decade>s/``), from the context's chronology."""

from __future__ import annotations

from collections.abc import Iterator

from ..chronology import Chronology
from .base import PageGenerator, PageToWrite


class DecadeGenerator(PageGenerator):
    """Write ``decades/<decade>s/index.html`` for every decade that has events or eras."""

    def pages(self) -> Iterator[PageToWrite]:
        """Yield one page per decade, for the ``decade`` template; the plugin made the decades."""
        chronology: Chronology | None = self.context.get("timeline_chronology")
        if chronology is None:
            return
        for decade in chronology.decades:
            before, after = chronology.neighbours(decade)
            page = self.page(f"{decade.url}index.html", "decade", decade.articles)
            yield (
                page,
                {
                    "decade": decade,
                    "decade_before": before,
                    "decade_after": after,
                    "url": decade.url,
                },
            )
