"""The generator of each registry's index and of a page per entry that some event names."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from ..facets import FACETS, collect, group


class FacetGenerator(Generator):
    """Write ``<registry>/index.html`` and ``<registry>/<id>/index.html`` for every facet."""

    def generate_context(self) -> None:
        """Nothing to read: the facets come from the articles."""

    def generate_output(self, writer: Any) -> None:
        """Write each registry's index, then a page per entry that some event names."""
        articles = self.context.get("articles", [])
        index, page = self.get_template("facets"), self.get_template("facet")
        for registry in FACETS:
            facets = collect(articles, registry, self.settings["DEFAULT_LANG"])
            writer.write_file(
                f"{registry}/index.html",
                index,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                registry=registry,
                groups=group(facets, registry),
                facet_count=len(facets),
                url=f"{registry}/",
            )
            for facet in facets:
                writer.write_file(
                    f"{facet.url}index.html",
                    page,
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    registry=registry,
                    facet=facet,
                    url=facet.url,
                )
