"""A sitemap of every page in every language, and a ``robots.txt`` that names it.

One ``sitemap.xml`` at the site's root lists the pages of both sites, as Hugo's multilingual
mode does: each page whose translation exists names every version of itself, and the main
language's as ``x-default``, in Google's format (``<xhtml:link rel="alternate" hreflang>``),
the same links its own ``<head>`` has. A page in one language only names none, as in its head.

Which pages each site writes comes from :mod:`generator.site.languages`, complete before any site
writes. What that list does not say, each language's run notes here when it has read its
content: the files that are not pages of their own (``noindex``) and stay out, the redirects
of old addresses and the not-found page, and each event page's last commit, its ``<lastmod>``.
A page git knows nothing of has no ``<lastmod>``: the build's clock would make every build
differ and say nothing true.

Sitemaps take absolute addresses only, so both files are written only for a site with one
(``publishconf.py``); the local preview (``SITEURL = ""``) gets neither. Crawlers read
``robots.txt`` only at the root of a host: a site published below a path (a GitHub project
site) gets one that nobody reads, and its sitemap must be given to search engines directly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .languages import Site, page_path
from .redirects import redirect_files

#: Where the main run writes both files, at the root of its output folder.
SITEMAP_PATH = "sitemap.xml"
ROBOTS_PATH = "robots.txt"

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass
class SiteNotes:
    """What one language's run knows of its pages beyond their file names."""

    #: Files written that are not pages to index: the redirects of old addresses, the
    #: not-found page.
    left_out: set[str] = field(default_factory=set)
    #: Last commit of each event page's entry, by file (relative to that site's folder).
    lastmod: dict[str, datetime] = field(default_factory=dict)


@dataclass(frozen=True)
class SitemapUrl:
    """One ``<url>`` of the sitemap: the page, when it last changed, and its versions."""

    loc: str
    lastmod: datetime | None = None
    #: ``(hreflang, address)`` of every version, ``x-default`` last; empty when untranslated.
    alternates: tuple[tuple[str, str], ...] = ()


def site_notes(articles: Iterable[Any], unlisted: Iterable[str] = ()) -> SiteNotes:
    """Note a run's redirect files, its other ``unlisted`` files, and each entry's last commit."""
    articles = list(articles)
    lastmod = {
        article.save_as: article.history.last
        for article in articles
        if getattr(article, "history", None) is not None
    }
    return SiteNotes(left_out=redirect_files(articles) | set(unlisted), lastmod=lastmod)


def sitemap_urls(sites: Mapping[str, Site], notes: Mapping[str, SiteNotes]) -> list[SitemapUrl]:
    """List every indexable page of every site, main site first, each by address.

    The main site is the first of ``sites``: its version of a page is the ``x-default``.
    """
    listed = {
        lang: site.pages - notes.get(lang, SiteNotes()).left_out for lang, site in sites.items()
    }
    urls = []
    for lang, site in sites.items():
        lastmod = notes.get(lang, SiteNotes()).lastmod
        for file in sorted(listed[lang], key=page_path):
            path = page_path(file)
            versions = [
                (other.lang, other.url(path)) for key, other in sites.items() if file in listed[key]
            ]
            alternates = (*versions, ("x-default", versions[0][1])) if len(versions) > 1 else ()
            urls.append(SitemapUrl(site.url(path), lastmod.get(file), alternates))
    return urls


def w3c_datetime(when: datetime) -> str:
    """Write a moment as the sitemap protocol wants it (W3C Datetime), in UTC.

    ``2021-03-05T04:30:00+00:00``: with a time, the protocol requires the offset.
    """
    return when.astimezone(UTC).isoformat(timespec="seconds")


def build_sitemap(urls: Iterable[SitemapUrl]) -> bytes:
    """Return the sitemap's XML, UTF-8; ElementTree escapes ``&`` and ``<`` in addresses.

    The namespaces are written as plain attributes with fixed prefixes (``xhtml:link``), as
    Google's examples have them, rather than registered in ElementTree's global prefix map.
    """
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    for url in urls:
        element = ET.SubElement(root, "url")
        ET.SubElement(element, "loc").text = url.loc
        if url.lastmod is not None:
            ET.SubElement(element, "lastmod").text = w3c_datetime(url.lastmod)
        for hreflang, href in url.alternates:
            attributes = {"rel": "alternate", "hreflang": hreflang, "href": href}
            ET.SubElement(element, "xhtml:link", attributes)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(sitemap_url: str) -> str:
    """Return a ``robots.txt`` that lets every crawler read everything and names the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
