"""Split an entry into YAML front matter and Markdown body, keeping every field's line number.

``yaml.safe_load`` would lose line numbers, keep the last of two duplicate keys and turn
``2016-05-24`` into a ``date``. We compose the YAML node tree instead and keep every scalar
as the text the editor wrote, so the schema decides what it means.
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
    if _check_characters(header, doc):
        return
    _compose(header, doc)


def _check_characters(header: list[str], doc: Document) -> bool:
    """Report tabs and invisible characters in the front matter; return whether any was found."""
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


def _compose(header: list[str], doc: Document) -> None:
    """Compose the front matter, which starts on the file's second line."""
    root, problems = compose_yaml("\n".join(header), doc.path, first_line=2)
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
    """Compose YAML into :class:`Node` values; ``first_line`` is the line ``text`` starts on."""
    problems: list[Problem] = []
    what = _FIELD if first_line > 1 else "yaml"
    try:
        root = yaml.compose(text, Loader=_Loader)
        if root is None:
            return None, problems
        return _convert(root, path, first_line, problems), problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problems.append(Problem(path, line, what, f"invalid YAML: {exc.problem or exc.context}"))
    except yaml.reader.ReaderError as exc:  # a control character, e.g. U+0001 or U+000B
        line = text.count("\n", 0, exc.position) + first_line
        message = f"invalid YAML: unacceptable character U+{exc.character:04X}; delete it"
        problems.append(Problem(path, line, what, message))
    except RecursionError:
        problems.append(Problem(path, first_line, what, "invalid YAML: nested too deeply"))
    return None, problems


def _convert(node: yaml.Node, path: str, first_line: int, problems: list[Problem]) -> Node:
    """Turn a YAML node into a :class:`Node`, keeping scalars as the text written."""
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.ScalarNode):
        return Node(None if node.tag == _NULL_TAG else node.value, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, path, first_line, problems) for item in node.value], line)
    mapping: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + first_line
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, key_line, _FIELD, "a field name must be text"))
            continue
        key = key_node.value
        if key in mapping:
            message = f"duplicate field '{key}' (first on line {mapping[key].line}); keep one"
            problems.append(Problem(path, key_line, key, message))
            continue
        value = _convert(value_node, path, first_line, problems)
        mapping[key] = Node(value.value, key_line)
    return Node(mapping, line)
