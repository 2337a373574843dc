"""Split an entry into YAML front matter and Markdown body, keeping every field's line number.

``yaml.safe_load`` would lose line numbers, keep the last of two duplicate keys and turn
``2016-05-24`` into a ``date``. We compose the YAML node tree instead and keep every scalar
as the text the editor wrote, so the schema decides what it means.

Composing is done by libyaml (``yaml.CSafeLoader``) where PyYAML was built with it: it is
about nine times faster than PyYAML's pure-Python composer, which was most of the time spent
reading an entry. The two word mistakes differently and disagree on a few rare constructs, so
PyYAML's composer still reads any text that has one of those, that libyaml refuses, or that
holds an alias: every value, line and message is the one it gives. Without libyaml, it reads
everything. ``tests/unit/test_composers.py`` holds the two to the same answers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

#: Entries larger than this are refused before parsing, so one bad file cannot stall a build.
MAX_FILE_BYTES = 1_000_000
#: Values nested deeper than this are refused. A fixed limit, well below where PyYAML's
#: composer runs out of Python stack (about 300 levels, fewer when called from deep inside a
#: build), gives the same answer whichever composer read the text and wherever it was called.
MAX_DEPTH = 100

# Characters that render as nothing or reorder text: they can hide a different value
# from a reviewer (a "trojan source" style edit), so front matter may not contain them.
# YAML also counts U+0085, U+2028 and U+2029 as line breaks that editors do not show, which
# would shift every line number after them.
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069\u0085\u2028\u2029]"
)
_NULL_TAG = "tag:yaml.org,2002:null"
_FIELD = "front matter"
_NO_ALIASES = "aliases (*name) are not supported; write the value out"

Value = str | None | list["Node"] | dict[str, "Node"]


@dataclass(frozen=True)
class Node:
    """A YAML value with the 1-based line it was written on (a mapping key's own line)."""

    value: Value
    line: int


@dataclass
class Document:
    """A parsed entry: its fields, its Markdown body and where the body starts."""

    path: str
    fields: dict[str, Node] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: nested ``*name`` repeats grow a tree exponentially."""

    # ``index`` is a position in a sequence or the key node of a mapping, whatever the stubs say.
    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Refuse an alias where the composer would reuse the anchored node."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, _NO_ALIASES, mark)
        return super().compose_node(parent, index)


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # what YAML 1.1 resolves to null
_STR_TAG = "tag:yaml.org,2002:str"

if getattr(yaml, "__with_libyaml__", False):

    class _LibyamlLoader(yaml.CSafeLoader):
        """libyaml's composer, telling null from text only: the one tag :class:`Node` keeps.

        PyYAML's resolver tries a pattern per type on every scalar (int, float, bool, date…),
        a fifth of composing; its answer for null, which this one gives, is all we use.
        """

        # The stubs want the resolver's ``implicit`` as a bool pair; it is one.
        def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
            """Return the null tag for an unquoted null, else the text tag."""
            if kind is yaml.ScalarNode and implicit[0] and value in _NULLS:
                return _NULL_TAG
            return _STR_TAG


#: libyaml's loader, or None where PyYAML was built without it. Its composer is C code that
#: cannot be overridden like ``_Loader.compose_node``: an alias there makes the tree hold one
#: node twice (never a copy), which :class:`_Converter` notices.
_FAST_LOADER: type[yaml.CSafeLoader] | None = (
    _LibyamlLoader if getattr(yaml, "__with_libyaml__", False) else None
)


#: What libyaml reads otherwise than PyYAML, found by comparing the two on generated text:
#: tabs (libyaml accepts more of them), the line breaks U+0085, U+2028 and U+2029 and a BOM
#: inside the text, a tag or a block scalar's header (``!``, ``|``, ``>`` where a token can
#: start), an explicit key (``? ``), and a document's markers and directives (``---``,
#: ``...``, ``%`` opening a line); also a ``?`` inside ``[...]`` (see :func:`_question_in_flow`).
#: Entries seldom have any of them; a text that has one is composed by PyYAML alone (see
#: :func:`_read_otherwise`).
_DIFFERENT_CHARACTERS = re.compile("[\t\u0085\u2028\u2029\ufeff]")
# A tag or block scalar indicator where a token starts: first in the text, or after a space,
# a line break or a flow indicator (the lookbehind reads the character before it).
_TAG_OR_BLOCK = re.compile(r"[!|>](?<![^\s\[{,][!|>])")
# A "?" that is an explicit key's indicator rather than part of a word (as in a URL's query).
_KEY_INDICATOR = re.compile(r"\?(?![^\s,\[\]{}])")
_DOCUMENT_MARKS = ("---", "...", "%")
_LINE_STARTS = tuple(f"{end}{mark}" for end in "\n\r" for mark in _DOCUMENT_MARKS)


class _Shared(Exception):
    """The composed tree holds a node twice: the text has an alias, for ``_Loader`` to refuse."""


class _TooDeep(Exception):
    """A value is nested deeper than :data:`MAX_DEPTH`."""


def read_document(path: Path, display_path: str) -> Document:
    """Read a file into a :class:`Document`; every problem found is kept on it, none raised."""
    doc = Document(display_path)
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(
            Problem(display_path, 1, "file", f"larger than {MAX_FILE_BYTES} bytes ({len(raw)})")
        )
        return doc
    text, problems = decode_utf8(raw, display_path)
    doc.problems.extend(problems)
    if text is not None:
        parse_text(text, doc)
    return doc


def decode_utf8(raw: bytes, path: str, encoding: str = "utf-8") -> tuple[str | None, list[Problem]]:
    """Decode a file's bytes; if they are not UTF-8, say on which line and at which byte.

    Entries keep a BOM for :func:`parse_text` to drop; registries pass ``"utf-8-sig"``, which
    drops it first, and then the byte is counted from after the BOM.
    """
    try:
        return raw.decode(encoding), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"not UTF-8 at byte {exc.start}; re-save the file as UTF-8"
        return None, [Problem(path, line, "file", message)]


def parse_text(text: str, doc: Document) -> None:
    """Fill ``doc`` from the text of an entry; a BOM and CRLF line endings are accepted."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        message = "expected '---' on the first line to open the front matter"
        doc.problems.append(Problem(doc.path, 1, _FIELD, message))
        return
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
    if closing is None:
        message = "not closed: add a line '---' after the last field"
        doc.problems.append(Problem(doc.path, 1, _FIELD, message))
        return
    rest = "\n".join(lines[closing + 1 :])
    doc.body = rest.strip("\n")
    # The body starts after the blank lines that may follow the closing '---'.
    blank = len(rest) - len(rest.lstrip("\n")) if doc.body.strip() else 0
    doc.body_line = closing + 2 + blank
    header = lines[1:closing]
    header_text = "\n".join(header)
    if _check_characters(header, header_text, doc):
        return
    _compose(header_text, doc)


def _check_characters(header: list[str], header_text: str, doc: Document) -> bool:
    """Report tabs and invisible characters in the front matter; return whether any was found.

    ``header_text`` is the lines joined: searched whole first, so that a clean front matter
    (nearly every one) is not searched line by line.
    """
    if "\t" not in header_text and not _INVISIBLE.search(header_text):
        return False
    found = False
    for number, line in enumerate(header, 2):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            message = "tab in indentation; YAML needs spaces"
            doc.problems.append(Problem(doc.path, number, _FIELD, message))
            found = True
        hidden = _INVISIBLE.search(line)
        if hidden:
            name = unicodedata.name(hidden.group(), f"U+{ord(hidden.group()):04X}")
            message = f"invisible character {name} (U+{ord(hidden.group()):04X}); delete it"
            doc.problems.append(Problem(doc.path, number, _FIELD, message))
            found = True
    return found


def _compose(header_text: str, doc: Document) -> None:
    """Compose the front matter, which starts on the file's second line."""
    root, problems = compose_yaml(header_text, doc.path, first_line=2)
    doc.problems.extend(problems)
    if root is None:
        if not problems:
            message = "empty: no fields between the '---' lines"
            doc.problems.append(Problem(doc.path, 1, _FIELD, message))
        return
    if not isinstance(root.value, dict):
        message = "expected 'field: value' lines"
        doc.problems.append(Problem(doc.path, root.line, _FIELD, message))
        return
    doc.fields = root.value


def compose_yaml(text: str, path: str, first_line: int = 1) -> tuple[Node | None, list[Problem]]:
    """Compose YAML into :class:`Node` values; ``first_line`` is the line ``text`` starts on.

    libyaml composes the text when it can; whatever it refuses, and any alias, goes to the
    pure-Python composer, whose messages (and refusal of aliases) are the ones we report.
    """
    if _FAST_LOADER is not None and not _read_otherwise(text):
        try:
            return _compose_with_libyaml(text, _FAST_LOADER, _Converter(path, first_line))
        except (yaml.YAMLError, UnicodeError, RecursionError, _Shared, _TooDeep):
            pass
    return compose_pure_python(text, path, first_line)


def _read_otherwise(text: str) -> bool:
    """Tell whether ``text`` has something libyaml reads otherwise than PyYAML.

    Plain substring tests first: one search with all of it as a single pattern cost as much
    as composing the text.
    """
    if _DIFFERENT_CHARACTERS.search(text):
        return True
    if ("!" in text or "|" in text or ">" in text) and _TAG_OR_BLOCK.search(text):
        return True
    if "?" in text and _KEY_INDICATOR.search(text):
        return True
    return text.startswith(_DOCUMENT_MARKS) or any(start in text for start in _LINE_STARTS)


def _compose_with_libyaml(
    text: str, loader: type[yaml.CSafeLoader], converter: _Converter
) -> tuple[Node | None, list[Problem]]:
    """Compose with libyaml; raise where the pure-Python composer must have the last word."""
    root = yaml.compose(text, Loader=loader)
    if root is None:
        return None, converter.problems
    if "?" in text and _question_in_flow(root):
        raise _Shared
    return converter.convert(root), converter.problems


def compose_pure_python(
    text: str, path: str, first_line: int = 1
) -> tuple[Node | None, list[Problem]]:
    """Compose YAML as :func:`compose_yaml` does, with PyYAML's pure-Python composer only."""
    converter = _Converter(path, first_line)
    problems = converter.problems
    what = _FIELD if first_line > 1 else "yaml"
    try:
        root = yaml.compose(text, Loader=_Loader)
        if root is None:
            return None, problems
        return converter.convert(root), problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problems.append(Problem(path, line, what, f"invalid YAML: {exc.problem or exc.context}"))
    except yaml.reader.ReaderError as exc:  # a control character, e.g. U+0001 or U+000B
        line = text.count("\n", 0, exc.position) + first_line
        message = f"invalid YAML: unacceptable character U+{exc.character:04X}; delete it"
        problems.append(Problem(path, line, what, message))
    except (RecursionError, _TooDeep):
        problems.append(Problem(path, first_line, what, "invalid YAML: nested too deeply"))
    return None, problems


def _question_in_flow(root: yaml.Node) -> bool:
    """Tell whether a plain scalar inside ``[...]`` or ``{...}`` has a ``?``.

    libyaml takes ``[a?b]`` as a list of one, PyYAML refuses the ``?``: the text goes to PyYAML.
    """
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, in_flow = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if in_flow and not node.style and "?" in node.value:
                return True
        elif isinstance(node, yaml.CollectionNode):
            in_flow = in_flow or bool(node.flow_style)
            stack.extend((child, in_flow) for child in _children(node))
    return False


def _children(node: yaml.Node) -> list[yaml.Node]:
    """Return a collection's items, or a mapping's keys and values, in order."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _Converter:
    """Turns a composed tree into :class:`Node` values, collecting the problems it finds.

    It remembers the id of every node it meets: a node met twice is an alias, which libyaml
    composes as the anchored node itself, and raises :class:`_Shared`.
    """

    def __init__(self, path: str, first_line: int) -> None:
        """Name ``path`` in problems; ``first_line`` is the line the text starts on."""
        self.path = path
        self.first_line = first_line
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def convert(self, node: yaml.Node, depth: int = 0) -> Node:
        """Turn a YAML node into a :class:`Node`, keeping scalars as the text written."""
        if id(node) in self._seen:  # self._meet, written out: this runs for every node
            raise _Shared
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _TooDeep
        line = node.start_mark.line + self.first_line
        if isinstance(node, yaml.ScalarNode):
            return Node(None if node.tag == _NULL_TAG else node.value, line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item, depth + 1) for item in node.value], line)
        mapping: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + self.first_line
            if not isinstance(key_node, yaml.ScalarNode):
                message = "a field name must be text"
                self.problems.append(Problem(self.path, key_line, _FIELD, message))
                self._meet_all([key_node, value_node])
                continue
            self._meet(key_node)
            key = key_node.value
            if key in mapping:
                message = f"duplicate field '{key}' (first on line {mapping[key].line}); keep one"
                self.problems.append(Problem(self.path, key_line, key, message))
                self._meet_all([value_node])
                continue
            value = self.convert(value_node, depth + 1)
            mapping[key] = Node(value.value, key_line)
        return Node(mapping, line)

    def _meet(self, node: yaml.Node) -> None:
        """Remember a node; raise :class:`_Shared` if it was met before."""
        if id(node) in self._seen:
            raise _Shared
        self._seen.add(id(node))

    def _meet_all(self, nodes: list[yaml.Node]) -> None:
        """Meet every node of a part left out (a duplicate's value), which may hold an alias."""
        while nodes:
            node = nodes.pop()
            self._meet(node)
            nodes.extend(_children(node))
