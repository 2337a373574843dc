"""The generator of the redirect pages at entries' old addresses."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from ..redirects import TEMPLATE, redirect_file


class RedirectGenerator(Generator):
    """Write one redirect page per alias of every entry the articles generator read."""

    def generate_context(self) -> None:
        """Nothing to read: the aliases come with the articles."""

    def generate_output(self, writer: Any) -> None:
        """Write ``<alias>/index.html`` (or the ``.html`` alias itself) for each alias."""
        template = self.get_template(TEMPLATE)
        for article in self.context.get("articles", []):
            for alias in article.event.aliases:
                writer.write_file(
                    redirect_file(alias),
                    template,
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    article=article,
                    alias=alias,
                    url=alias.path,
                )
