"""The generator of the redirect pages at entries' old addresses."""

from __future__ import annotations

from collections.abc import Iterator

from ..redirects import TEMPLATE, redirect_file
from .base import PageGenerator, PageToWrite


class RedirectGenerator(PageGenerator):
    """Write one redirect page per alias of every entry the articles generator read."""

    def pages(self) -> Iterator[PageToWrite]:
        """Yield ``<alias>/index.html`` (or the ``.html`` alias itself) for each alias."""
        for article in self.context.get("articles", []):
            for alias in article.event.aliases:
                page = self.page(redirect_file(alias), TEMPLATE, (article,))
                yield page, {"article": article, "alias": alias, "url": alias.path}
