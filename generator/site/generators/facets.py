"""The generator of each registry's index and of a page per entry that some event names."""

from __future__ import annotations

from collections.abc import Iterator

from ..facets import FACETS, collect, group, split
from ..subscriptions import subscription
from .base import PageGenerator, PageToWrite


class FacetGenerator(PageGenerator):
    """Write ``<registry>/index.html`` and ``<registry>/<id>/index.html`` for every facet.

    A facet with more events than ``TIMELINE_FACET_PAGE_EVENTS`` also gets
    ``<registry>/<id>/page/<n>/index.html`` (:func:`generator.site.facets.split`).
    """

    def pages(self) -> Iterator[PageToWrite]:
        """Yield each registry's index, then a page per entry that some event names.

        An index shows every event that names one of its entries (in its counts), in the
        chronology's order.
        """
        articles = self.context.get("articles", [])
        for registry in FACETS:
            facets = collect(articles, registry, self.settings["DEFAULT_LANG"])
            named = {id(article) for facet in facets for article in facet.articles}
            shown = [article for article in articles if id(article) in named]
            index = self.page(f"{registry}/index.html", "facets", shown)
            yield (
                index,
                {
                    "registry": registry,
                    "groups": group(facets, registry),
                    "facet_count": len(facets),
                    "url": f"{registry}/",
                },
            )
            for facet in facets:
                # Its feed and calendar, when it has them, for each of its pages to link.
                follow = subscription(facet, self.settings)
                parts = split(facet, self.settings["TIMELINE_FACET_PAGE_EVENTS"])
                neighbours = zip([None, *parts[:-1]], [*parts[1:], None], strict=True)
                for part, (before, after) in zip(parts, neighbours, strict=True):
                    page = self.page(f"{part.url}index.html", "facet", part.articles)
                    yield (
                        page,
                        {
                            "registry": registry,
                            "facet": facet,
                            "part": part,
                            "parts": parts,
                            "part_before": before,
                            "part_after": after,
                            "url": part.url,
                            "follow": follow,
                        },
                    )
