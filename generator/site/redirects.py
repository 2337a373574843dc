"""Redirect pages for the old addresses of entries, so that renaming a file breaks no link.

An entry lists its old slugs or paths under ``aliases``; for each one this generator writes a
small page at the old address that sends the reader on (meta refresh, and a plain link for
those whose browser does not follow it) and names the new address as canonical. The check
has already refused an alias that is a live address, so no page is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pelican.generators import Generator

from ..content.model import Alias

#: Template of the redirect pages, in the theme's templates folder.
TEMPLATE = "redirect"


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


def redirect_file(alias: Alias) -> str:
    """Return the file an alias's redirect page is written to, below its site's folder."""
    return alias.path + "index.html" if alias.path.endswith("/") else alias.path


def redirect_files(articles: Iterable[Any]) -> set[str]:
    """Return every redirect page written for these entries.

    They are not pages of their own (``noindex``, canonical to the new address): the sitemap
    leaves them out, and asks here rather than repeating how an alias becomes a file.
    """
    return {redirect_file(alias) for article in articles for alias in article.event.aliases}
