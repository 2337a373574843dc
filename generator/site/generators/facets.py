"""The generator of each registry's index and of a page per entry that some event names."""

from __future__ import annotations

from collections.abc import Iterator

from ..facets import FACETS, collect, group
from ..subscriptions import subscription
from .base import PageGenerator, PageToWrite


class FacetGenerator(PageGenerator):
    """Write ``<registry>/index.html`` and ``<registry>/<id>/index.html`` for every facet."""

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
                page = self.page(f"{facet.url}index.html", "facet", facet.articles)
                # Its feed and calendar, when it has them, for the page to link.
                follow = subscription(facet, self.settings)
                yield (
                    page,
                    {
                        "registry": registry,
                        "facet": facet,
                        "url": facet.url,
                        "follow": follow,
                    },
                )
