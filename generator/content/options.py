"""The option types of the declared schemas, in the style of MkDocs' config options.

Each field is one :class:`Option` that turns the text an editor wrote into a value, or raises
:class:`Invalid` with an "expected X, got Y" message. :func:`check_mapping` runs a whole schema
and collects every problem instead of stopping at the first, so one run reports them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate, parse_date
from .frontmatter import Node
from .model import EVENT_PATH, Alias
from .problems import Invalid, Problem

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG_RE = re.compile(SLUG_PATTERN)
MAX_SLUG_LENGTH = 80
LANG_RE = re.compile(r"[a-z]{2,3}")
URL_RE = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+[^\s]*")
SITE_PATH_RE = re.compile(r"/(?:[A-Za-z0-9_~.-]+/)*(?:[A-Za-z0-9_~.-]+)?")


def is_slug(text: str) -> bool:
    """Tell whether ``text`` can be a slug or an id: a URL path segment that stays short."""
    return _SLUG_RE.fullmatch(text) is not None and len(text) <= MAX_SLUG_LENGTH


def describe(value: object) -> str:
    """Name what an editor wrote, for "expected X, got Y" messages."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return repr(value)


def nearest(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """Return ``did you mean 'x'?`` for the closest choice, or nothing if none is close."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


@dataclass
class Context:
    """What options may consult: the registries of ids, and where warnings go."""

    lookup: Callable[[str, str], Any] | None = None
    ids: Callable[[str], list[str]] | None = None
    #: The page templates the theme holds (``about`` for ``about.html``); None: no theme known.
    templates: frozenset[str] | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)


class Option:
    """One field: whether it is required, what it means, and how its text is converted."""

    expected = "a value"

    def __init__(self, *, required: bool = False, default: Any = None, doc: str = "") -> None:
        """Declare the field; ``doc`` feeds the generated documentation table."""
        self.required = required
        self.doc = doc
        # What a setting left out takes (copied when applied); front matter fields have none.
        self.default = default

    def convert(self, node: Node, ctx: Context) -> Any:
        """Return the converted value or raise :class:`Invalid`."""
        raise NotImplementedError

    def describe(self) -> str:
        """Say what the field takes, with its bounds, for the documentation table."""
        return self.expected

    def _text(self, node: Node) -> str:
        if not isinstance(node.value, str) or not node.value.strip():
            raise Invalid(f"expected {self.expected}, got {describe(node.value)}")
        return " ".join(node.value.split())


class Text(Option):
    """Plain text on one logical line, with its length bounded."""

    expected = "text"

    def __init__(self, *, max_length: int = 200, min_length: int = 1, **kwargs: Any) -> None:
        """Bound the length so a slip (a pasted article) is caught."""
        super().__init__(**kwargs)
        self.max_length = max_length
        self.min_length = min_length

    def describe(self) -> str:
        """Name the length bounds."""
        if self.min_length > 1:
            return f"text of {self.min_length} to {self.max_length} characters"
        return f"text of at most {self.max_length} characters"

    def convert(self, node: Node, ctx: Context) -> str:
        """Normalize white space and check the length."""
        text = self._text(node)
        if len(text) > self.max_length:
            raise Invalid(f"expected at most {self.max_length} characters, got {len(text)}")
        if len(text) < self.min_length:
            raise Invalid(f"expected at least {self.min_length} characters, got {len(text)}")
        if re.search(r"<[a-zA-Z/!]", text):
            ctx.warnings.append(("", "contains markup, which is shown as plain text"))
        return text


class Flag(Option):
    """A yes/no field written ``true`` or ``false``."""

    expected = "true or false"

    def convert(self, node: Node, ctx: Context) -> bool:
        """Accept only ``true`` and ``false``, so ``no`` or ``1`` are not silently read."""
        text = self._text(node).lower()
        if text not in ("true", "false"):
            raise Invalid(f"expected true or false, got {node.value!r}")
        return text == "true"


class Date(Option):
    """A date at year, month or day precision."""

    expected = "YYYY, YYYY-MM or YYYY-MM-DD"

    def convert(self, node: Node, ctx: Context) -> PartialDate:
        """Parse with our own grammar; see :mod:`generator.content.dates`."""
        return parse_date(self._text(node))


class Choice(Option):
    """One value out of a fixed set."""

    def __init__(self, choices: tuple[str, ...], **kwargs: Any) -> None:
        """Keep the choices to list them in messages."""
        super().__init__(**kwargs)
        self.choices = choices
        self.expected = "one of " + ", ".join(f"'{c}'" for c in choices)

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse a value outside the set, naming the nearest choice."""
        text = self._text(node)
        if text not in self.choices:
            raise Invalid(f"expected {self.expected}, got {text!r}", nearest(text, self.choices))
        return text


class Lang(Option):
    """A language code such as ``en``, ``fr`` or ``ru``."""

    expected = "a language code such as 'en' or 'fr'"

    def convert(self, node: Node, ctx: Context) -> str:
        """Accept two or three lowercase letters."""
        text = self._text(node)
        if not LANG_RE.fullmatch(text):
            raise Invalid(f"expected {self.expected}, got {text!r}")
        return text


class Slug(Option):
    """A permanent id: lowercase letters, digits and single hyphens."""

    expected = "lowercase letters, digits and hyphens"

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse anything that could not be a URL path segment."""
        text = self._text(node)
        if not is_slug(text):
            raise Invalid(f"expected {self.expected} (at most {MAX_SLUG_LENGTH}), got {text!r}")
        return text


class Template(Option):
    """A theme's template that renders a page instead of ``page.html``, as Pelican's field."""

    expected = "the name of a template in theme/templates"

    def convert(self, node: Node, ctx: Context) -> str:
        """Refuse a name the theme has no template for, now rather than as a failed build.

        Pelican adds ``.html`` itself, so a name written with it is refused too. Without a
        known theme (``ctx.templates`` None) only the form of the name is checked.
        """
        text = self._text(node)
        known = ctx.templates
        if text.endswith(".html"):
            hint = f"write {text.removesuffix('.html')!r}: Pelican adds '.html'"
            raise Invalid(f"expected {self.expected}, without '.html', got {text!r}", hint)
        if not is_slug(text.replace("_", "-")):
            raise Invalid(f"expected {self.expected}, got {text!r}")
        if known is not None and text not in known:
            hint = nearest(text, set(known)) or "the theme has " + ", ".join(sorted(known))
            raise Invalid(f"no template {text}.html in the theme", hint)
        return text


class Url(Option):
    """An absolute web address."""

    expected = "an absolute http(s) URL"

    def convert(self, node: Node, ctx: Context) -> str:
        """Accept only http and https, so no ``javascript:`` or ``data:`` link can reach a page."""
        text = self._text(node)
        if not URL_RE.fullmatch(text):
            raise Invalid(f"expected {self.expected}, got {text!r}")
        return text


class Ref(Option):
    """The id of an entry in a registry (a kind, an actor, a place, a thread)."""

    def __init__(self, registry: str, **kwargs: Any) -> None:
        """Name the registry the id must be found in."""
        super().__init__(**kwargs)
        self.registry = registry
        self.expected = f"an id from content/data/{registry}.yml"

    def convert(self, node: Node, ctx: Context) -> Any:
        """Resolve the id, suggesting the nearest known one when it is unknown."""
        return self._resolve(self._text(node), ctx)

    def _resolve(self, ident: str, ctx: Context) -> Any:
        if ctx.lookup is None or ctx.ids is None:
            return ident
        found = ctx.lookup(self.registry, ident)
        if found is None:
            message = f"unknown id {ident!r}, expected an id from content/data/{self.registry}.yml"
            raise Invalid(message, nearest(ident, ctx.ids(self.registry)))
        return found


class RefList(Ref):
    """A list of registry ids, in brackets or one per line."""

    def __init__(self, registry: str, *, min_items: int = 0, **kwargs: Any) -> None:
        """Say how many ids at least the list must hold."""
        super().__init__(registry, **kwargs)
        self.min_items = min_items
        self.expected = f"a list of ids from content/data/{registry}.yml"

    def describe(self) -> str:
        """Name the minimum number of ids."""
        return self.expected + (f" (at least {self.min_items})" if self.min_items else "")

    def convert(self, node: Node, ctx: Context) -> tuple[Any, ...]:
        """Resolve every id; a single id not in a list is accepted as a list of one."""
        items = node.value if isinstance(node.value, list) else [node]
        if len(items) < self.min_items:
            raise Invalid(f"expected at least {self.min_items} id(s), got {len(items)}")
        resolved, seen = [], set()
        for item in items:
            ident = self._text(item)
            if ident in seen:
                raise Invalid(f"{ident!r} is listed twice")
            seen.add(ident)
            resolved.append(self._resolve(ident, ctx))
        return tuple(resolved)


class TextList(Option):
    """A list of short texts, such as aliases."""

    expected = "a list of texts"

    def convert(self, node: Node, ctx: Context) -> tuple[str, ...]:
        """Accept one text or a list of them."""
        items = node.value if isinstance(node.value, list) else [node]
        return tuple(Text(max_length=200).convert(item, ctx) for item in items)


class Aliases(Option):
    """Old addresses of an entry: old slugs (``lavrov-offer``) or site paths (``/2016/x.html``)."""

    expected = "a list of old slugs or site paths starting with '/'"

    def convert(self, node: Node, ctx: Context) -> tuple[Alias, ...]:
        """Turn each item into the site path a redirect is written at, e.g. ``events/x/``."""
        items = node.value if isinstance(node.value, list) else [node]
        aliases, seen = [], set()
        for item in items:
            text = self._text(item)
            path = self.site_path(text)
            if path in seen:
                raise Invalid(f"{text!r} is listed twice")
            seen.add(path)
            aliases.append(Alias(path, item.line))
        return tuple(aliases)

    @staticmethod
    def site_path(text: str) -> str:
        """Return the path below the site root a redirect for ``text`` is written to."""
        if is_slug(text):
            return EVENT_PATH.format(slug=text)
        parts = text.split("/")
        if not SITE_PATH_RE.fullmatch(text) or any(p in {".", ".."} for p in parts):
            message = f"expected an old slug or a site path starting with '/', got {text!r}"
            raise Invalid(message)
        path = text.lstrip("/")
        if not path:
            raise Invalid("'/' is the home page; it cannot redirect")
        return path if path.endswith(("/", ".html")) else path + "/"


class Localized(Option):
    """A text given per language, e.g. ``{en: Raqqa, fr: Raqqa}``; English is required."""

    expected = "a mapping of language to text, e.g. {en: ..., fr: ...}"

    def __init__(self, *, max_length: int = 300, **kwargs: Any) -> None:
        """Bound each text's length."""
        super().__init__(**kwargs)
        self.text = Text(max_length=max_length)

    def convert(self, node: Node, ctx: Context) -> dict[str, str]:
        """Check every language code and text; a plain text is taken as English."""
        if isinstance(node.value, str):
            return {"en": self.text.convert(node, ctx)}
        if not isinstance(node.value, dict):
            raise Invalid(f"expected {self.expected}, got {describe(node.value)}")
        result = {}
        for lang, text in node.value.items():
            if not LANG_RE.fullmatch(lang):
                raise Invalid(f"expected a language code such as 'en' or 'fr', got {lang!r}")
            result[lang] = self.text.convert(text, ctx)
        if "en" not in result:
            raise Invalid("expected an 'en' text at least")
        return result


class Records(Option):
    """A list of mappings that each follow their own schema (an entry's sources)."""

    expected = "a list of entries"

    def __init__(self, schema: Mapping[str, Option], *, min_items: int = 0, **kwargs: Any):
        """Give the schema every item follows."""
        super().__init__(**kwargs)
        self.schema = schema
        self.min_items = min_items

    def describe(self) -> str:
        """Name the minimum number of entries; their fields have a table of their own."""
        least = f", at least {self.min_items}" if self.min_items else ""
        return f"a list of entries (fields in the next table{least})"


def check_mapping(  # noqa: PLR0917 - a private recursion, called positionally
    fields: Mapping[str, Node],
    schema: Mapping[str, Option],
    ctx: Context,
    path: str,
    line: int,
    prefix: str = "",
) -> tuple[dict[str, Any], list[Problem]]:
    """Check every field against the schema; return the values that passed and all problems.

    ``line`` is where the mapping starts, used for a missing required field.
    """
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, node in fields.items():
        if name not in schema:
            hint = nearest(name, list(schema))
            problems.append(Problem(path, node.line, prefix + name, "unknown field", hint=hint))
    for name, option in schema.items():
        label = prefix + name
        field = fields.get(name)
        if field is None or field.value is None:
            if option.required:
                where = field.line if field is not None else line
                problems.append(Problem(path, where, label, "required"))
            continue
        if isinstance(option, Records):
            values[name], found = _check_records(field, option, ctx, path, label)
            problems.extend(found)
            continue
        ctx.warnings.clear()
        try:
            values[name] = option.convert(field, ctx)
        except Invalid as exc:
            problems.append(Problem(path, field.line, label, exc.message, hint=exc.hint))
        for _, message in ctx.warnings:
            problems.append(Problem(path, field.line, label, message, severity="warning"))
        ctx.warnings.clear()
    return values, problems


def _check_records(
    node: Node, option: Records, ctx: Context, path: str, label: str
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Check each mapping of a list, naming items ``sources[2].title`` in messages."""
    if not isinstance(node.value, list):
        problem = Problem(path, node.line, label, f"expected a list, got {describe(node.value)}")
        return [], [problem]
    if len(node.value) < option.min_items:
        message = f"expected at least {option.min_items} entry, got {len(node.value)}"
        return [], [Problem(path, node.line, label, message)]
    records, problems = [], []
    for index, item in enumerate(node.value, 1):
        if not isinstance(item.value, dict):
            message = f"expected 'field: value' lines, got {describe(item.value)}"
            problems.append(Problem(path, item.line, f"{label}[{index}]", message))
            continue
        prefix = f"{label}[{index}]."
        values, found = check_mapping(item.value, option.schema, ctx, path, item.line, prefix)
        records.append(values)
        problems.extend(found)
    return records, problems
