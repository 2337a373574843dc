"""Counts an editor plans with: entries by year, kind and actor, and what is still missing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..content.model import Event
from ..content.schemas import SITE_LANGUAGES


@dataclass
class Stats:
    """The figures ``timeline stats`` prints; every list is sorted so two runs compare."""

    entries: int = 0
    by_year: dict[int, int] = field(default_factory=dict)
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_actor: list[tuple[str, int]] = field(default_factory=list)
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    without_url: list[str] = field(default_factory=list)
    sources: int = 0
    sources_without_url: int = 0
    #: Each source with no date, as ``(entry, "publisher: title", why)``; ``why`` is its
    #: ``undated`` reason, or nothing when it gives none (which the checker warns about).
    undated: list[tuple[str, str, str]] = field(default_factory=list)


def collect(events: Iterable[Event]) -> Stats:
    """Count the originals; a translation counts only towards its language's coverage."""
    events = list(events)
    originals = sorted((e for e in events if not e.is_translation), key=lambda e: e.sort_key)
    translated = {(e.slug, e.lang) for e in events if e.is_translation}
    stats = Stats(entries=len(originals))
    stats.by_year = dict(sorted(Counter(e.date.start.year for e in originals).items()))
    stats.by_kind = _ranked(Counter(e.kind.id for e in originals))
    stats.by_actor = _ranked(Counter(a.id for e in originals for a in e.actors))
    for lang in SITE_LANGUAGES[1:]:
        stats.untranslated[lang] = [
            e.source_path for e in originals if (e.slug, lang) not in translated
        ]
    stats.without_url = [
        e.source_path for e in originals if not any(s.url or s.archive for s in e.sources)
    ]
    stats.sources = sum(len(e.sources) for e in originals)
    stats.sources_without_url = sum(
        1 for e in originals for s in e.sources if not (s.url or s.archive)
    )
    stats.undated = [
        (e.source_path, f"{s.publisher}: {s.title}", s.undated or "")
        for e in originals
        for s in e.sources
        if s.date is None
    ]
    return stats


def render(stats: Stats) -> str:
    """Lay the figures out as plain text, one table after another."""
    lines = [f"{stats.entries} entries"]
    lines += ["", "By year:"]
    lines += [f"  {year}  {count:4d}" for year, count in stats.by_year.items()]
    lines += ["", "By kind:"]
    lines += [f"  {kind:<24} {count:4d}" for kind, count in stats.by_kind]
    lines += ["", "By actor:"]
    lines += [f"  {actor:<36} {count:4d}" for actor, count in stats.by_actor]
    for lang, paths in stats.untranslated.items():
        done = stats.entries - len(paths)
        lines += ["", f"Translated into {lang}: {done} of {stats.entries}; missing:"]
        lines += [f"  {path}" for path in paths] or ["  none"]
    lines += [
        "",
        f"Sources: {stats.sources}, of which {stats.sources_without_url} without a url.",
        f"Entries with no source url: {len(stats.without_url)}",
    ]
    lines += [f"  {path}" for path in stats.without_url]
    explained = sum(1 for _, _, why in stats.undated if why)
    lines += [
        "",
        f"Sources without a date: {len(stats.undated)}, of which {explained} say why:",
    ]
    lines += [
        f"  {path}: {source} ({why or 'no reason given'})" for path, source, why in stats.undated
    ]
    return "\n".join(lines)


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    """Most frequent first, ties in alphabetical order."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))
