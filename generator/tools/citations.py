"""Find every web address an entry's sources cite, with the file and line it is written on.

The link checker reads front matter the way ``timeline check`` does (``read_document`` keeps
each field's line) rather than the checked :class:`~generator.content.model.Source`, which has lost
its lines, and which an entry with an unrelated error never gets. A value the schema refuses
is left to ``timeline check``: it is not an address we could ask for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag

from ..content.frontmatter import Node, read_document
from ..content.options import Context, Invalid
from ..content.problems import relative
from ..content.schemas import SOURCE_SCHEMA

#: The fields of a source that hold an address, in the order they are reported.
LINK_FIELDS = ("url", "archive")


@dataclass(frozen=True, order=True)
class Citation:
    """One place an address is written: ``path:line``, the field (``sources[2].url``) and it."""

    path: str
    line: int
    field: str
    url: str
    #: Whether the same source also has an archive link, so the hint can say what is left.
    has_archive: bool = False

    @property
    def address(self) -> str:
        """Return what is fetched: the URL without its ``#fragment``, which no server sees."""
        return urldefrag(self.url).url

    @property
    def is_archive(self) -> bool:
        """Tell whether this is the source's ``archive`` link rather than its ``url``."""
        return self.field.endswith(".archive")


def collect_citations(events_dir: Path, base: Path) -> list[Citation]:
    """Return every address cited in the entries below ``events_dir``, sorted by file and line.

    Paths are shown relative to ``base``, as ``timeline check`` shows them. Translations are
    read too: their own sources are numbered from 1 in their own file.
    """
    citations: list[Citation] = []
    for path in sorted(events_dir.rglob("*.md")):
        doc = read_document(path, relative(path, base))
        sources = doc.fields.get("sources")
        if sources is None or not isinstance(sources.value, list):
            continue
        for index, item in enumerate(sources.value, 1):
            if isinstance(item.value, dict):
                citations.extend(_source_citations(doc.path, f"sources[{index}]", item.value))
    return sorted(citations)


def _source_citations(path: str, label: str, fields: dict[str, Node]) -> list[Citation]:
    """Return the valid addresses of one source, each with its own line."""
    urls = {name: _valid_url(fields.get(name)) for name in LINK_FIELDS}
    has_archive = urls["archive"] is not None
    return [
        Citation(path, fields[name].line, f"{label}.{name}", url, has_archive)
        for name, url in urls.items()
        if url is not None
    ]


def _valid_url(node: Node | None) -> str | None:
    """Convert the field as the schema does; None when it is missing or refused."""
    if node is None or node.value is None:
        return None
    try:
        return SOURCE_SCHEMA["url"].convert(node, Context())
    except Invalid:
        return None


def by_address(citations: list[Citation]) -> dict[str, list[Citation]]:
    """Group citations by the address fetched, so each is checked once however often cited."""
    grouped: dict[str, list[Citation]] = {}
    for citation in citations:
        grouped.setdefault(citation.address, []).append(citation)
    return grouped
