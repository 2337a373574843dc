"""The interface's gettext catalogs: loaded from their ``.po`` files, and checked for gaps.

Templates are written in English and mark every interface string with ``_()``, and so does
the Python that writes interface text into pages (``gettext``, ``ngettext``, or :func:`N_` for
a message translated later); each other language has
``theme/translations/<lang>/LC_MESSAGES/messages.po``. The build compiles a catalog in memory
from its ``.po`` file, so a compiled ``.mo`` can never be older than the text an editor just
changed. ``make translations`` extracts the messages with Babel and adds
new ones to every catalog; :func:`catalog_gaps` is what the test suite checks after it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, TranslationError
from babel.messages.checkers import python_format
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup

DOMAIN = "messages"
#: The language templates are written in; it needs no catalog.
SOURCE_LANG = "en"
#: How Babel reads the sources, as babel.cfg tells ``make translations``: templates with the
#: same options as JINJA_ENVIRONMENT in pelicanconf.py, and the generator's Python.
METHOD_MAP = [("theme/templates/**.html", "jinja2"), ("generator/**.py", "python")]
OPTIONS_MAP = {
    "theme/templates/**.html": {
        "extensions": "jinja2.ext.i18n",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
    }
}
#: What separates a message's context from its id, in a compiled catalog as here.
CONTEXT_SEPARATOR = "\x04"

#: A message as the checks compare it: its id, or its singular and plural forms; with a
#: ``pgettext`` context, the first is ``context + CONTEXT_SEPARATOR + id``.
MessageKey = str | tuple[str, ...]


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it, for code that translates later.

    Babel's default keywords include ``N_``, so ``make translations`` extracts it.
    """
    return message


def po_path(folder: Path, lang: str) -> Path:
    """Return where a language's catalog lives below the theme's ``translations`` folder."""
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(folder: Path, lang: str) -> NullTranslations:
    """Return the interface's translations into ``lang``, compiled from its ``.po`` in memory.

    The source language, or a language without a catalog, gets the strings as written. The
    templates and the overview both ask, on every build: a catalog is compiled once, and again
    only when its file changes (``make serve`` rebuilds in the same process). The object
    returned is shared, so callers must not ``add`` or ``merge`` into it.
    """
    path = po_path(folder, lang)
    if lang == SOURCE_LANG or not path.is_file():
        return NullTranslations()
    stat = path.stat()
    return _compile(path, lang, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _compile(path: Path, lang: str, mtime_ns: int, size: int) -> Translations:
    """Compile one version of a ``.po`` file; its time and size are there to key the cache."""
    del mtime_ns, size
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def template_gettext(translations: NullTranslations) -> Callable[..., str]:
    """Return templates' ``gettext`` (and ``_``), each message looked up once per environment.

    It gives what Jinja's "newstyle" gettext gives, the translation made ``Markup`` where
    autoescaping is on, then always %-formatted with the variables (so ``%%`` is ``%``), but
    a message without variables is kept once made. A page asks for about thirty messages
    (navigation, headings, labels), and Jinja's own makes each answer anew through two
    context calls: about 9 s of CPU in a 10,000-entry build. The environment is made for each
    run with its language's catalog, so a kept message never outlives its catalog.
    """
    made: dict[tuple[str, bool], str] = {}

    @pass_context
    def gettext(context: Any, message: str, **variables: Any) -> str:
        autoescape = bool(context.eval_ctx.autoescape)
        if variables:
            return _formatted(translations.gettext(message), autoescape, variables)
        key = (message, autoescape)
        text = made.get(key)
        if text is None:
            text = made[key] = _formatted(translations.gettext(message), autoescape, {})
        return text

    return gettext


def _formatted(text: str, autoescape: bool, variables: dict[str, Any]) -> str:
    """Format a translation as Jinja's newstyle gettext does."""
    return (Markup(text) if autoescape else text) % variables


def message_key(message: str | Iterable[str], context: str | None = None) -> MessageKey:
    """Return how the checks name a message, so that one id in two contexts counts twice."""
    key = message if isinstance(message, str) else tuple(message)
    if context is None:
        return key
    if isinstance(key, str):
        return f"{context}{CONTEXT_SEPARATOR}{key}"
    return (f"{context}{CONTEXT_SEPARATOR}{key[0]}", *key[1:])


def extract_messages(root: Path) -> dict[MessageKey, int]:
    """Return every interface message the sources mark, with how many times each appears."""
    found: dict[MessageKey, int] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(root), METHOD_MAP, OPTIONS_MAP
    ):
        key = message_key(message, context)
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


def _catalog_gaps(path: Path, catalog: Catalog, wanted: set[MessageKey]) -> list[str]:
    gaps: list[str] = []
    present: set[MessageKey] = set()
    for message in catalog:
        if not message.id:
            continue
        key = message_key(message.id, message.context)
        present.add(key)
        name = _name(key)
        if key not in wanted:
            gaps.append(f"{path}: {name!r}: no template uses it any more")
        # Babel gives one string, a tuple of plural forms, or None (then: not translated).
        forms = message.string
        strings = list(forms) if isinstance(forms, list | tuple) else [forms or ""]
        if not all(strings):
            gaps.append(f"{path}: {name!r}: not translated")
        if message.fuzzy:
            gaps.append(f"{path}: {name!r}: marked fuzzy; check the translation")
        try:
            python_format(catalog, message)
        except TranslationError as error:
            gaps.append(f"{path}: {name!r}: {error}")
        if isinstance(message.id, str) and "{" in message.id:
            gaps += _brace_gaps(path, name, message.id, strings)
    for key in sorted(wanted - present, key=str):
        gaps.append(f"{path}: {_name(key)!r}: missing; run `make translations`")
    return gaps


def _name(key: MessageKey) -> str:
    """Name a message in a report: its (singular) id, after its context if it has one."""
    name = key if isinstance(key, str) else key[0]
    return name.replace(CONTEXT_SEPARATOR, " | ")


def _brace_gaps(path: Path, name: str, source: str, strings: list[str]) -> list[str]:
    """Check the ``{shown}``-style placeholders that scripts fill in, which gettext ignores."""
    names = sorted(re.findall(r"\{(\w+)\}", source))
    return [
        f"{path}: {name!r}: placeholders {names} expected, found {sorted(found)}"
        for text in strings
        if text and sorted(found := re.findall(r"\{(\w+)\}", text)) != names
    ]
