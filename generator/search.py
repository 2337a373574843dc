"""Full-text search: index the built site with Pagefind, so that a static host can serve search.

Pagefind reads written HTML, and only the text inside ``data-pagefind-body`` (event pages and
standalone pages), so indexing runs once Pelican has written every page and before
``generator/build.py`` swaps the staging folder into place: a failure here discards the new site
and leaves the previous one as it was. The Python API drives the same binary as Pagefind's CLI,
installed from PyPI by ``pagefind[extended]``, so building needs no Node.js and no network.
"""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .errors import SearchIndexError

logger = logging.getLogger(__name__)

#: Folder of the search bundle inside the site; the search page loads Pagefind's UI from here.
BUNDLE = "pagefind"
#: The longest indexing may take. Pagefind's service waits for each answer without a limit, so a
#: backend that died half-way would otherwise hang the build instead of failing it.
TIMEOUT_SECONDS = 300.0


def index_site(
    site: Path, minimum_pages: int = 0, timeout: float = TIMEOUT_SECONDS
) -> dict[str, int]:
    """Write the search index of ``site`` into ``site/pagefind``; return its pages per language.

    Raises :class:`SearchIndexError` when Pagefind fails or takes longer than ``timeout``
    seconds, or when it indexed fewer than ``minimum_pages`` pages: Pagefind itself succeeds on
    a site with nothing to index, e.g. after a template lost its ``data-pagefind-body``.
    """
    site = site.resolve()
    bundle = site / BUNDLE
    try:
        # Pagefind's API is async. A thread of its own gives it a fresh event loop even when
        # the caller already runs one (Playwright's sync API does, in the browser tests).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind") as pool:
            pool.submit(_run_index, site, bundle, timeout).result()
    except TimeoutError as exc:
        raise SearchIndexError(f"search index: Pagefind took longer than {timeout:g} s") from exc
    except Exception as exc:
        # Pagefind's service reports its errors as a plain Exception(message, request).
        detail = exc.args[0] if type(exc) is Exception and exc.args else exc
        raise SearchIndexError(f"search index: Pagefind failed: {detail}") from exc
    pages = read_page_counts(bundle)
    total = sum(pages.values())
    if total < minimum_pages:
        raise SearchIndexError(
            f"search index: expected at least {minimum_pages} pages, got {total} "
            "(hint: event pages mark their text with data-pagefind-body)"
        )
    languages = ", ".join(f"{count} {lang}" for lang, count in sorted(pages.items()))
    logger.info("Search index: %d pages (%s)", total, languages or "none")
    return pages


def _run_index(site: Path, bundle: Path, timeout: float) -> None:
    """Run the indexing in this thread's own event loop, for at most ``timeout`` seconds."""
    asyncio.run(asyncio.wait_for(_write_index(site, bundle), timeout))


async def _write_index(site: Path, bundle: Path) -> None:
    """Index every HTML file below ``site``; leaving the block without an error writes the files.

    ``output_path`` is always given: Pagefind's API would otherwise write into ``pagefind/``
    below the current working directory, not below the site.
    """
    async with PagefindIndex(config=IndexConfig(output_path=str(bundle))) as index:
        await index.add_directory(str(site))


def read_page_counts(bundle: Path) -> dict[str, int]:
    """Return how many pages each language's index holds, from ``pagefind-entry.json``.

    ``add_directory`` counts the HTML files it read, indexed or not; only the entry file that
    the search page loads first says how many pages can actually be found.
    """
    entry = bundle / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        return {lang: int(info["page_count"]) for lang, info in languages.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SearchIndexError(f"search index: cannot read {entry}: {exc}") from exc
