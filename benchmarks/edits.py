"""The one-entry change of the warm and preview scenarios: a new title, another entry each run.

An entry's title line (``title: "…"`` in our and Hugo's front matter, ``Title: …`` in vanilla
Pelican's metadata) gets ``(revised N)`` at its end, replacing any earlier such ending, so each
edit really changes the file. Which entry is edited depends only on the run's number and the
entry count, and :class:`Editor` puts every edited file back as generated at the end, so that
the next benchmark starts from the same content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_TITLE = re.compile(r'^(?:title|Title): (?P<quote>"?)(?P<title>.*?)(?P=quote)$', re.MULTILINE)
_REVISED = re.compile(r" \(revised \d+\)$")
_FILE_NAME = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?-(?P<slug>.+)\.md$")
#: The golden ratio's fraction: successive multiples of it spread evenly over [0, 1).
_STRIDE = 0.6180339887498949


def retitled(text: str, number: int) -> tuple[str, str]:
    """Return ``text`` with ``(revised number)`` ending its first title, and that new title."""
    match = _TITLE.search(text)
    if match is None:
        raise ValueError("no title line")
    title = f"{_REVISED.sub('', match['title'])} (revised {number})"
    return text[: match.start("title")] + title + text[match.end("title") :], title


def pick(count: int, run: int) -> int:
    """Give the index of the entry that run ``run`` edits: a different one for each run."""
    return int(run * _STRIDE * count) % count


def slug_of(path: Path) -> str:
    """Read the slug in a file named ``<date>-<slug>.md`` (a slug never starts with a digit)."""
    match = _FILE_NAME.match(path.name)
    if match is None:
        raise ValueError(f"{path.name}: not <date>-<slug>.md")
    return match["slug"]


@dataclass
class Editor:
    """Retitles entry files and remembers what they held, to put them back with :meth:`restore`."""

    originals: dict[Path, bytes] = field(default_factory=dict)

    def retitle(self, path: Path, number: int) -> str:
        """Save ``path`` with a new title; return the title."""
        self.originals.setdefault(path, path.read_bytes())
        text, title = retitled(path.read_text(encoding="utf-8"), number)
        path.write_text(text, encoding="utf-8", newline="\n")
        return title

    def restore(self) -> None:
        """Write back every edited file as it was before its first edit."""
        for path, data in self.originals.items():
            path.write_bytes(data)
        self.originals.clear()
