"""What a host needs besides the files: response headers, and each language's not-found page.

Every page carries its Content-Security-Policy in a ``<meta>`` tag (``base.html``), the one
form GitHub Pages can serve. A ``<meta>`` policy cannot forbid framing, so hosts that read a
``_headers`` file (Netlify, Cloudflare Pages) get the same policy as a header with
``frame-ancestors 'none'`` added, ``nosniff`` and the referrer policy. The policy and the
referrer policy come from one setting each (``CONTENT_SECURITY_POLICY``, ``REFERRER_POLICY``
in ``pelicanconf.py``), read by the template and here; the README's nginx and Apache snippets
are rendered from them as well (``make docs``), so no copy of the policy can drift.

Only the files Pagefind names after their content get a year in every cache: a new index
gets new names. Its other files (``pagefind.js``, ``pagefind-entry.json``, ``wasm.en.pagefind``)
keep their names from one build to the next. Everything but the hashed files keeps the
host's default, ``public, max-age=0, must-revalidate`` on both hosts, and ``_headers`` sets
no ``Cache-Control`` for it: both hosts apply every rule whose pattern matches a path, and
Cloudflare joins a header set by two rules with a comma, which would give the bundle's
hashed files two contradictory ``max-age``. nginx and Apache choose one value per path.

The not-found page is a direct template (``404`` in ``DIRECT_TEMPLATES``), so both
languages' runs write one, ``404.html`` and ``fr/404.html``; it is not a page to index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..content.problems import ConfigError
from .search import BUNDLE

#: Where the main run writes the headers file, at the root of the whole site.
HEADERS_PATH = "_headers"

#: The direct template of the not-found page; Pelican writes it to ``404.html`` in each site.
NOT_FOUND_TEMPLATE = "404"

#: What a ``<meta>`` policy cannot say (browsers ignore it there): no site may frame a page.
FRAME_ANCESTORS = "frame-ancestors 'none'"

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"

#: Files of the search bundle that Pagefind names after a hash of their content.
HASHED_BUNDLE_FILES = ("fragment/*", "index/*", "filter/*", "*.pf_meta")


@dataclass(frozen=True)
class HostPolicy:
    """The headers and error pages of one site, as every host's configuration gives them."""

    content_security_policy: str
    referrer_policy: str
    #: The site's path on its host, without a trailing slash: ``""`` at the root.
    base: str = ""
    #: The languages built below the main site (``fr``), each with its own not-found page.
    subsites: tuple[str, ...] = ()
    search: bool = True
    #: The not-found page's file in each site, or None when the sites have none.
    not_found: str | None = "404.html"

    def headers(self) -> dict[str, str]:
        """Return the headers every response gets, error pages included."""
        return {
            "Content-Security-Policy": self.content_security_policy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": self.referrer_policy,
        }

    def immutable_patterns(self) -> list[str]:
        """Return the path patterns (``*`` for any characters) of the content-hashed files."""
        if not self.search:
            return []
        return [f"{self.base}/{BUNDLE}/{pattern}" for pattern in HASHED_BUNDLE_FILES]

    def not_found_page(self) -> str | None:
        """Return the main site's not-found page, which every missing address gets by default."""
        return None if self.not_found is None else f"{self.base}/{self.not_found}"

    def subsite_not_found_pages(self) -> list[tuple[str, str]]:
        """Return ``(path prefix, page)`` of each subsite: its own, for the addresses below it."""
        if self.not_found is None:
            return []
        prefixes = (f"{self.base}/{lang}/" for lang in self.subsites)
        return [(prefix, f"{prefix}{self.not_found}") for prefix in prefixes]


def host_policy(settings: Mapping[str, Any]) -> HostPolicy:
    """Read the policy from the settings; the header's CSP is the meta tag's plus framing.

    ``TIMELINE_SEARCH`` may be missing when the settings were read without the plugin (the
    README's snippets): search is on by default.
    """
    policy = _required(settings, "CONTENT_SECURITY_POLICY").strip().rstrip(";").rstrip()
    return HostPolicy(
        content_security_policy=f"{policy}; {FRAME_ANCESTORS}",
        referrer_policy=_required(settings, "REFERRER_POLICY").strip(),
        base=urlsplit(settings.get("SITEURL") or "").path.rstrip("/"),
        subsites=tuple(settings.get("I18N_SUBSITES", {})),
        search=bool(settings.get("TIMELINE_SEARCH", True)),
        not_found=not_found_file(settings),
    )


def _required(settings: Mapping[str, Any], key: str) -> str:
    value = settings.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected a non-empty string, got {value!r}")
    return value


def not_found_file(settings: Mapping[str, Any]) -> str | None:
    """Return the file a site's not-found page is written to, or None if it has none.

    The same rule as Pelican's for direct templates: ``<NAME>_SAVE_AS``, else ``<name>.html``.
    """
    if NOT_FOUND_TEMPLATE not in settings.get("DIRECT_TEMPLATES", ()):
        return None
    return settings.get(f"{NOT_FOUND_TEMPLATE}_SAVE_AS", f"{NOT_FOUND_TEMPLATE}.html") or None


def headers_file(policy: HostPolicy) -> str:
    """Return the ``_headers`` file: one rule for every path, one per hashed bundle pattern."""
    lines = [
        "# Response headers for Netlify and Cloudflare Pages, written by the build",
        "# (generator/site/hosting.py) from CONTENT_SECURITY_POLICY and REFERRER_POLICY.",
        "# Cache-Control is the host's default, revalidated, except on content-hashed files.",
        f"{policy.base}/*",
        *(f"  {name}: {value}" for name, value in policy.headers().items()),
    ]
    for pattern in policy.immutable_patterns():
        lines += ["", pattern, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def pattern_regex(pattern: str) -> str:
    r"""Translate a ``_headers`` pattern into the regular expression nginx and Apache take.

    ``*`` matches any characters, slashes included, as on both hosts:
    ``/pagefind/*.pf_meta`` → ``^/pagefind/.*\.pf_meta$``, ``/pagefind/index/*`` →
    ``^/pagefind/index/``.
    """
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
    return regex.removesuffix(".*$")


def nginx_snippet(policy: HostPolicy) -> str:
    """Return nginx configuration with the same headers, caching and not-found pages.

    The cache lifetime is chosen by a ``map`` rather than by ``add_header`` in a ``location``:
    a ``location`` with an ``add_header`` of its own drops every one from its ``server``.
    """
    lines = [
        "# In the http block: how long each path may be cached.",
        "map $uri $chronology_cache_control {",
        f'    default "{REVALIDATE}";',
        *(f'    "~{pattern_regex(p)}" "{IMMUTABLE}";' for p in policy.immutable_patterns()),
        "}",
        "",
        "server {",
        "    # listen, server_name, TLS...",
        "    root /srv/www;  # where make deploy copies output/",
        *(f'    add_header {name} "{value}" always;' for name, value in policy.headers().items()),
        "    add_header Cache-Control $chronology_cache_control always;",
        "",
    ]
    if policy.not_found_page():
        lines.append(f"    error_page 404 {policy.not_found_page()};")
    for prefix, page in policy.subsite_not_found_pages():
        lines += [f"    location {prefix} {{", f"        error_page 404 {page};", "    }"]
    hidden = f"{policy.base}/{HEADERS_PATH}"
    lines += [f"    location = {hidden} {{", "        return 404;", "    }", "}"]
    return "\n".join(lines) + "\n"


def apache_snippet(policy: HostPolicy) -> str:
    """Return an ``.htaccess`` (or ``<Directory>`` block) with the same headers and pages.

    ``always`` puts the headers on error responses too; each ``Cache-Control`` line has a
    condition, so that one value is sent whatever order Apache merges the lines in.
    """
    lines = ["# Needs mod_headers; in .htaccess, AllowOverride FileInfo."]
    lines += [f'Header always set {name} "{value}"' for name, value in policy.headers().items()]
    hashed = "|".join(pattern_regex(p) for p in policy.immutable_patterns())
    if hashed:
        for value, match in ((IMMUTABLE, "=~"), (REVALIDATE, "!~")):
            condition = f"expr=%{{REQUEST_URI}} {match} m#{hashed}#"
            lines.append(f'Header always set Cache-Control "{value}" "{condition}"')
    else:
        lines.append(f'Header always set Cache-Control "{REVALIDATE}"')
    if policy.not_found_page():
        lines.append(f"ErrorDocument 404 {policy.not_found_page()}")
    for prefix, page in policy.subsite_not_found_pages():
        condition = f"%{{REQUEST_URI}} =~ m#{pattern_regex(prefix + '*')}#"
        lines += [f'<If "{condition}">', f"    ErrorDocument 404 {page}", "</If>"]
    lines += [f'<Files "{HEADERS_PATH}">', "    Require all denied", "</Files>"]
    return "\n".join(lines) + "\n"
