"""Check the addresses the sources cite, and report each broken one where it is written.

This is ``timeline links``: the only part of the project that uses the network. The build
and CI never call it, so a server's bad day cannot fail them; run it by hand or on a
schedule. Each address is asked for once however often it is cited, and reported at every
place it is cited, as ``path:line: sources[2].url: 404 Not Found (hint: …)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urldefrag

from ..content.problems import Problem, summarize
from .citations import Citation, by_address, collect_citations
from .linkcache import DEFAULT_MAX_AGE, Cached, load_cache, save_cache
from .linkcheck import LinkResult, Policy, check_urls

#: The politeness and patience of a run; ``timeline links --timeout`` overrides the timeout.
POLICY = Policy()

HINT_URL = "add an archive link"
HINT_URL_ARCHIVED = "find its new address, or keep only the archive link"
HINT_ARCHIVE = "replace it with a working snapshot"


@dataclass(frozen=True)
class LinkReport:
    """The problems found, and how many addresses were asked for and taken from the cache."""

    problems: list[Problem]
    asked: int
    cached: int

    @property
    def errors(self) -> int:
        """Count the broken citations, which fail the run."""
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        """Count the moved addresses, which fail only a ``--strict`` run."""
        return len(self.problems) - self.errors

    def summary(self) -> str:
        """Return the last line of a text report, e.g. ``1 error in 1 file, 0 warnings; …``."""
        counts = f"{self.asked} addresses asked, {self.cached} from the cache"
        noun = "warning" if self.warnings == 1 else "warnings"
        return f"{summarize(self.problems)}, {self.warnings} {noun}; {counts}"


def check_links(
    events_dir: Path,
    base: Path,
    cache_path: Path,
    now: datetime,
    *,
    max_age: timedelta = DEFAULT_MAX_AGE,
    policy: Policy | None = None,
) -> LinkReport:
    """Check every address cited below ``events_dir``, asking only what the cache cannot answer.

    ``now`` (an aware UTC time) dates the new results and ages the cached ones.
    """
    grouped = by_address(collect_citations(events_dir, base))
    cache = load_cache(cache_path)
    results: dict[str, LinkResult] = {
        url: cache[url].result
        for url in grouped
        if url in cache and cache[url].is_fresh(now, max_age)
    }
    asked = check_urls([url for url in grouped if url not in results], policy or POLICY)
    results.update(asked)
    cache.update((url, Cached(result, now)) for url, result in asked.items())
    save_cache(cache_path, cache, now, max_age)
    problems = [
        problem
        for url, citations in grouped.items()
        for citation in citations
        if (problem := problem_for(citation, results[url])) is not None
    ]
    return LinkReport(sorted(problems), len(asked), len(grouped) - len(asked))


def problem_for(citation: Citation, result: LinkResult) -> Problem | None:
    """Return what to tell the editor about one citation, or None when its address works."""
    where = (citation.path, citation.line, citation.field)
    if result.outcome == "ok":
        return None
    if result.outcome == "moved":
        location = result.location or ""
        fragment = urldefrag(citation.url).fragment
        if fragment and "#" not in location:
            location += f"#{fragment}"  # the fragment is ours: no server sees or moves it
        hint = f"replace it with {location}"
        return Problem(*where, result.message, severity="warning", hint=hint)
    if citation.is_archive:
        hint = HINT_ARCHIVE
    else:
        hint = HINT_URL_ARCHIVED if citation.has_archive else HINT_URL
    return Problem(*where, result.message, hint=hint)
