"""Render an entry's Markdown body to HTML that is safe to put in a page.

Python-Markdown passes raw HTML through by design, so its output is always cleaned with nh3
(the Rust ammonia sanitizer) before it reaches a template: only a small set of tags, no
attributes that run code, and links limited to http, https and mailto.
"""

from __future__ import annotations

from functools import cache

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang", "title"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# Headings in a body start at h2, because the page's title is the only h1.
EXTENSIONS = ("extra", "sane_lists", "smarty")


@cache
def converter(extensions: tuple[str, ...] = EXTENSIONS) -> markdown.Markdown:
    """Return the one converter of a configuration, made on first use.

    Making one costs about two thirds of converting a body, and Pelican makes a reader per
    generator and per language, so readers share this one, across builds in one process too.
    :meth:`MarkdownRenderer.render` resets it before each body; Pelican reads in one thread.
    """
    return markdown.Markdown(extensions=list(extensions), output_format="html")


class MarkdownRenderer:
    """Renders bodies with the shared converter of our configuration."""

    def __init__(self) -> None:
        """Take the shared converter (see :func:`converter`)."""
        self._md = converter()

    def render(self, text: str) -> str:
        """Convert Markdown to sanitized HTML, with nothing kept from the body converted before.

        ``reset`` clears the references, the stash of raw HTML and every extension's state
        (footnotes, abbreviations), so a body never shows another's.
        """
        self._md.reset()
        return sanitize(self._md.convert(text))


def sanitize(html: str) -> str:
    """Keep only harmless markup; every link gets ``rel="noopener noreferrer"``."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
