"""Redirect pages for the old addresses of entries, so that renaming a file breaks no link.

An entry lists its old slugs or paths under ``aliases``; for each one a small page at the old
address (written by :mod:`generator.site.generators.redirects`) sends the reader on (meta
refresh, and a plain link for those whose browser does not follow it) and names the new
address as canonical. The check
has already refused an alias that is a live address, so no page is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..content.model import Alias

#: Template of the redirect pages, in the theme's templates folder.
TEMPLATE = "redirect"


def redirect_file(alias: Alias) -> str:
    """Return the file an alias's redirect page is written to, below its site's folder."""
    return alias.path + "index.html" if alias.path.endswith("/") else alias.path


def redirect_files(articles: Iterable[Any]) -> set[str]:
    """Return every redirect page written for these entries.

    They are not pages of their own (``noindex``, canonical to the new address): the sitemap
    leaves them out, and asks here rather than repeating how an alias becomes a file.
    """
    return {redirect_file(alias) for article in articles for alias in article.event.aliases}
