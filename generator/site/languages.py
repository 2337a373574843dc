"""Which page exists in which language, so that every page can lead to its translation.

The English site is built at the root and each other language as a site of its own below it
(``/fr/``), by a nested Pelican run of the pelican-i18n-subsites plugin. Both runs write the
same paths for the same things (``events/<slug>/``, ``decades/2010s/``, ``actors/<id>/``),
so a page's translation is the page at the same path in the other site, when that site has
it: an untranslated event, or an actor no French entry names, has none, and the language
switch then leads to that language's home page and says why. A later page of a long list
(``actors/<id>/page/3/``) that the other language's shorter list lacks leads to that list's
first page instead.

Each run plans the pages it will write once its content is read and before any site writes
(Pelican's ``all_generators_finalized``; :mod:`generator.site.plan`), and records their files
here. pelican-i18n-subsites starts the French run from the English run's ``get_writer``
signal: the English list exists before the French run begins, and the French one before
either site writes a page.
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from markupsafe import escape

from .catalogs import N_, load_translations

#: Shown after the other language's name when the page has no translation, in that language.
UNTRANSLATED_NOTE = N_("home page: this page is not translated")
#: Shown instead when a later page of a list leads to the first page of the shorter list.
SHORTER_LIST_NOTE = N_("first page: this list is shorter in this language")

#: A later page of a split list, and the list's first page: ``actors/x/page/3/index.html``.
_LATER_PAGE = re.compile(r"(?P<first>(?:.+/)?)page/[0-9]+/index\.html")


@dataclass
class Site:
    """One language's site: where it lives and the files it writes (relative to its folder)."""

    lang: str
    siteurl: str
    pages: set[str] = field(default_factory=set)

    def url(self, path: str) -> str:
        """Return the address of a path below this site (``""`` is its home page)."""
        return f"{self.siteurl}/{path}"


@dataclass(frozen=True)
class Alternate:
    """The page being written, in one language: the link a switch or ``hreflang`` needs."""

    lang: str
    name: str
    url: str
    exists: bool
    current: bool
    note: str


class SiteLanguages:
    """The sites of one build, main language first (one per build: :mod:`generator.site.state`)."""

    def __init__(self, translations_folder: Path = Path()) -> None:
        """Start with no site; ``translations_folder`` has the catalogs the notes come from."""
        self.sites: dict[str, Site] = {}
        self.translations_folder = translations_folder
        self._notes: dict[tuple[str, str], str] = {}
        self._last: tuple[str, str, tuple[Alternate, ...]] | None = None

    def record(self, lang: str, siteurl: str, pages: set[str]) -> None:
        """Remember what one language's site writes."""
        self.sites[lang] = Site(lang, siteurl, pages)
        self._last = None

    def alternates(self, lang: str, output_file: str) -> tuple[Alternate, ...]:
        """Return the page written to ``output_file`` in every language, the current one too.

        A page asks three times as it renders (its language switch, its Open Graph tags, its
        structured data), so the last answer is kept for the next question.
        """
        if self._last is not None and self._last[:2] == (lang, output_file):
            return self._last[2]
        found = []
        for site in self.sites.values():
            exists = output_file in site.pages
            target, note = output_file, ""
            if not exists:
                target, note = _stand_in(site, output_file)
                note = self._note(site.lang, note)
            found.append(
                Alternate(
                    lang=site.lang,
                    name=language_name(site.lang),
                    url=site.url(page_path(target)),
                    exists=exists,
                    current=site.lang == lang,
                    note=note,
                )
            )
        self._last = (lang, output_file, tuple(found))
        return self._last[2]

    def _note(self, lang: str, message: str) -> str:
        """Return a note in ``lang``: the reader of that language may not read the page's."""
        key = (lang, message)
        if key not in self._notes:
            catalog = load_translations(self.translations_folder, lang)
            self._notes[key] = catalog.gettext(message)
        return self._notes[key]

    def localize_links(self, html: str, lang: str) -> str:
        """Point an entry's site links (``/events/<slug>/``) into its own language's site.

        Editors write links from the site's root, the same in every language. A link whose
        page exists in ``lang`` goes there; any other goes to the main site, marked with its
        language. Either way it gets the site's address, which may have a path of its own.
        """
        if lang not in self.sites:
            return html
        own = self.sites[lang]
        main = next(iter(self.sites.values()))

        def replace(match: re.Match[str]) -> str:
            path = match.group("path")
            if own is main or output_file(path) in own.pages:
                return f'href="{escape(own.url(path))}"'
            return f'href="{escape(main.url(path))}" hreflang="{escape(main.lang)}"'

        return _ROOT_LINK.sub(replace, html)


#: A link written from the site's root in rendered (already sanitized) Markdown.
_ROOT_LINK = re.compile(r'href="/(?P<path>(?!/)[^"]*)"')


def page_path(output_file: str) -> str:
    """Return where an output file is served below its site: ``events/x/``, ``""``."""
    if output_file == "index.html":
        return ""
    return output_file.removesuffix("index.html")


def output_file(path: str) -> str:
    """Return the file a site path is served from: ``events/x/`` → ``events/x/index.html``."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def translations_only(lang: str) -> list[str]:
    """Return ``IGNORE_FILES`` patterns that leave a language's run its own files only.

    A subsite drops every entry and page that has no translation into its language (the
    "remove" policy), so reading them is wasted: at 1,000 untranslated entries, a quarter of
    the build. fnmatch cannot say "not ``*.fr.md``", so a name is left out when any one of the
    characters before ``.md`` differs: ``*[!r].md``, ``*[!f]r.md``, ``*[!.]fr.md``.
    """
    marker = f".{lang}"
    return [f"*[!{char}]{marker[index + 1 :]}.md" for index, char in enumerate(marker)]


def is_subsite(settings: dict[str, Any]) -> bool:
    """Tell whether these are the settings of a language's subsite, not of the main site."""
    return settings["DEFAULT_LANG"] in settings.get("I18N_SUBSITES", {})


def prepare_subsites(settings: dict[str, Any]) -> None:
    """Set up the main site's settings for pelican-i18n-subsites, before it reads them.

    Three things the plugin gets wrong when a process builds more than once (``make serve``,
    the tests), or costs for nothing:

    - it writes each subsite's SITEURL and OUTPUT_PATH into ``I18N_SUBSITES`` itself, so the
      next build would inherit this one's folders: it gets a copy;
    - it keeps a build's state in module globals and clears them only once a build reaches
      its writing stage, so after a build that failed earlier the next one would skip the
      French site and fail on the leftovers: they are cleared here;
    - where untranslated content is left out of a subsite ("remove"), the subsite reads only
      its own language's files (:func:`translations_only`).
    """
    settings["I18N_SUBSITES"] = copy.deepcopy(settings.get("I18N_SUBSITES", {}))
    module = sys.modules.get("pelican.plugins.i18n_subsites.i18n_subsites")
    if module is not None:
        vars(module)["_MAIN_SETTINGS"] = None
    policies = (settings.get("I18N_UNTRANSLATED_ARTICLES"), settings.get("I18N_UNTRANSLATED_PAGES"))
    if policies == ("remove", "remove"):
        for lang, overrides in settings["I18N_SUBSITES"].items():
            ignored = [*settings["IGNORE_FILES"], *translations_only(lang)]
            overrides.setdefault("IGNORE_FILES", ignored)


@cache
def language_name(lang: str) -> str:
    """Return a language's name in itself, as a switch shows it: "English", "Français"."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def _stand_in(site: Site, output_file: str) -> tuple[str, str]:
    """Return the page of ``site`` that stands in for a missing one, and the note that says so.

    That is the first page of a list, when the missing page is a later one and the list
    exists (its other language has fewer events), and otherwise the home page.
    """
    later = _LATER_PAGE.fullmatch(output_file)
    if later is not None and f"{later['first']}index.html" in site.pages:
        return f"{later['first']}index.html", SHORTER_LIST_NOTE
    return "index.html", UNTRANSLATED_NOTE
