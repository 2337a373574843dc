"""Render an entry's Markdown body to HTML that is safe to put in a page.

Python-Markdown passes raw HTML through by design, so its output is always cleaned with nh3
(the Rust ammonia sanitizer) before it reaches a template: only a small set of tags, no
attributes that run code, and links limited to http, https and mailto.
"""

from __future__ import annotations

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
_EXTENSIONS = ["extra", "sane_lists", "smarty"]


class MarkdownRenderer:
    """One Markdown converter for every file: building one per file costs a third of reading."""

    def __init__(self) -> None:
        """Build the converter once."""
        self._md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")

    def render(self, text: str) -> str:
        """Convert Markdown to sanitized HTML."""
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
