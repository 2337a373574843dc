"""Redirect pages for the old addresses of entries, so that renaming a file breaks no link.

An entry lists its old slugs or paths under ``aliases``; for each one this generator writes a
small page at the old address that sends the reader on (meta refresh, and a plain link for
those whose browser does not follow it) and names the new address as canonical. The check
has already refused an alias that is a live address, so no page is ever overwritten.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

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
                save_as = alias.path + "index.html" if alias.path.endswith("/") else alias.path
                writer.write_file(
                    save_as,
                    template,
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    article=article,
                    alias=alias,
                    url=alias.path,
                )


def redirect_generator(pelican: Any) -> type[Generator]:
    """Answer Pelican's ``get_generators`` signal with our generator class."""
    del pelican
    return RedirectGenerator
