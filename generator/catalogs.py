"""The interface's gettext catalogs: loaded from their ``.po`` files, and checked for gaps.

Templates are written in English and mark every interface string with ``_()``; each other
language has ``theme/translations/<lang>/LC_MESSAGES/messages.po``. The build compiles a
catalog in memory from its ``.po`` file, so a compiled ``.mo`` can never be older than the
text an editor just changed. ``make translations`` extracts the messages with Babel and adds
new ones to every catalog; :func:`catalog_gaps` is what the test suite checks after it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, TranslationError
from babel.messages.checkers import python_format
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"
#: The language templates are written in; it needs no catalog.
SOURCE_LANG = "en"
#: How Babel reads the templates: the same options as JINJA_ENVIRONMENT in pelicanconf.py.
METHOD_MAP = [("theme/templates/**.html", "jinja2")]
OPTIONS_MAP = {
    "theme/templates/**.html": {
        "extensions": "jinja2.ext.i18n",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
    }
}


def po_path(folder: Path, lang: str) -> Path:
    """Return where a language's catalog lives below the theme's ``translations`` folder."""
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(folder: Path, lang: str) -> NullTranslations:
    """Return the interface's translations into ``lang``, compiled from its ``.po`` in memory.

    The source language, or a language without a catalog, gets the strings as written.
    """
    path = po_path(folder, lang)
    if lang == SOURCE_LANG or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def extract_messages(root: Path) -> dict[str | tuple[str, ...], int]:
    """Return every interface message the templates mark, with how many times each appears."""
    found: dict[str | tuple[str, ...], int] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root), METHOD_MAP, OPTIONS_MAP
    ):
        key = message if isinstance(message, str) else tuple(message)
        found[key] = found.get(key, 0) + 1
    return found


def catalog_gaps(root: Path, langs: Iterable[str]) -> list[str]:
    """List what keeps the catalogs from matching the templates, one line per problem.

    A message the templates use but a catalog lacks, a catalog entry no template uses any
    more, an empty or fuzzy translation, and placeholders that differ between the English and
    the translation (``%(num)d`` becoming ``%(nombre)d`` would fail at render time).
    """
    wanted = set(extract_messages(root))
    gaps: list[str] = []
    for lang in langs:
        path = po_path(root / "theme" / "translations", lang)
        if not path.is_file():
            gaps.append(f"{path}: missing; run `make translations`")
            continue
        with path.open("rb") as po:
            catalog = read_po(po, locale=lang)
        gaps += _catalog_gaps(path, catalog, wanted)
    return gaps


def _catalog_gaps(path: Path, catalog: Catalog, wanted: set[str | tuple[str, ...]]) -> list[str]:
    gaps: list[str] = []
    present: set[str | tuple[str, ...]] = set()
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        present.add(key)
        name = key if isinstance(key, str) else key[0]
        if key not in wanted:
            gaps.append(f"{path}: {name!r}: no template uses it any more")
        strings = [message.string] if isinstance(message.string, str) else message.string
        if not all(strings):
            gaps.append(f"{path}: {name!r}: not translated")
        if message.fuzzy:
            gaps.append(f"{path}: {name!r}: marked fuzzy; check the translation")
        try:
            python_format(catalog, message)
        except TranslationError as error:
            gaps.append(f"{path}: {name!r}: {error}")
        if isinstance(key, str) and "{" in key:
            gaps += _brace_gaps(path, name, key, strings)
    for key in sorted(wanted - present, key=str):
        name = key if isinstance(key, str) else key[0]
        gaps.append(f"{path}: {name!r}: missing; run `make translations`")
    return gaps


def _brace_gaps(path: Path, name: str, source: str, strings: list[str]) -> list[str]:
    """Check the ``{shown}``-style placeholders that scripts fill in, which gettext ignores."""
    names = sorted(re.findall(r"\{(\w+)\}", source))
    return [
        f"{path}: {name!r}: placeholders {names} expected, found {sorted(found)}"
        for text in strings
        if text and sorted(found := re.findall(r"\{(\w+)\}", text)) != names
    ]
