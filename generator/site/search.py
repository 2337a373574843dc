"""Full-text search: index the built site with Pagefind, so that a static host can serve search.

Pagefind reads written HTML, and only the text inside ``data-pagefind-body`` (event pages and
standalone pages), so indexing runs once Pelican has written every page and before
``generator/tools/build.py`` swaps the staging folder into place: a failure here discards the
new site and leaves the previous one as it was. The binary comes from PyPI with
``pagefind[extended]``, so building needs no Node.js and no network.

Pagefind runs as its own command-line program, in a child process, and the bundle is read only
once that process has exited. Pagefind's Python API is not used: its service answers
``WriteFiles`` as soon as the last write has been handed to Tokio's blocking pool, not when the
bytes are on disk, and the API then stops the service with SIGTERM, so on a busy machine a file
(``pagefind-entry.json`` among them) could be left empty. The command-line program returns from
``main`` instead, and dropping Tokio's runtime finishes every pending file write first.
"""

from __future__ import annotations

import filecmp
import functools
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pagefind.service import get_executable

from ..content.problems import SearchIndexError
from .entrycache import code_version
from .pagereuse import Identity, identity, unchanged_pages
from .search_bundle import make_reproducible
from .workers import die_with_parent

if TYPE_CHECKING:
    from .state import BuildState

logger = logging.getLogger(__name__)

#: Folder of the search bundle inside the site; the search page loads Pagefind's UI from here.
BUNDLE = "pagefind"
#: The file of each part of the index that names its languages and their pages' count.
ENTRY_FILE = "pagefind-entry.json"
#: The start of the folder name of each part of the index after the first.
PART_PREFIX = "part-"
#: The distributions whose program and scripts make the index.
_PAGEFIND = ("pagefind", "pagefind_bin_extended")
#: The templates whose pages mark text with ``data-pagefind-body``: events and standalone
#: pages. Only their pages are given to Pagefind (a test holds this to the theme).
SEARCHABLE_TEMPLATES = ("article", "page")
#: The longest indexing may take; a Pagefind that hangs is killed and the build fails.
TIMEOUT_SECONDS = 300.0
#: Lines of Pagefind's own output quoted in an error.
_QUOTED_LINES = 5


def index_site(
    site: Path,
    minimum_pages: int = 0,
    timeout: float = TIMEOUT_SECONDS,
    pages: Mapping[str, Sequence[str]] | None = None,
    bundle: Path | None = None,
    *,
    pages_per_index: int | None = None,
    kept: KeptParts | None = None,
) -> dict[str, int]:
    """Write the search index of ``site`` into ``bundle``, by default ``site/pagefind``.

    Returns how many pages each language's index holds.

    With ``pages_per_index``, more ``pages`` than that are indexed in parts
    (:func:`index_parts`), one Pagefind run each, the first into ``bundle`` and the others
    into ``bundle/part-2``…, which the search page merges (:func:`part_paths`). Pagefind keeps
    every page it reads in memory until it writes, about 125 KB a page: 12 GB for the
    120,000 pages of 100,000 events.

    ``pages``, by language the HTML files (below ``site``) that carry ``data-pagefind-body``,
    are all that Pagefind is given to read, when known: it would otherwise parse every list
    page only to find nothing marked in it, which at 10,000 events took most of its time and
    memory. None gives it the whole site, in one index.

    With ``kept``, a part made of the same pages as one of the index being replaced, none of
    them changed since, is taken from it instead of made again (:class:`KeptParts`).

    Raises :class:`SearchIndexError` when Pagefind fails or takes longer than ``timeout``
    seconds, or when it indexed fewer than ``minimum_pages`` pages: Pagefind itself succeeds on
    a site where nothing is marked for indexing, e.g. after a template lost its
    ``data-pagefind-body``, by indexing every page whole.
    """
    site = site.resolve()
    bundle = bundle or site / BUNDLE
    if pages is None:
        run_pagefind(site, bundle, timeout)
        make_reproducible(bundle)
        parts = [bundle]
    else:
        total = sum(len(paths) for paths in pages.values())
        parts = []
        for number, part in enumerate(index_parts(pages, pages_per_index or total or 1), 1):
            name = _part_folder(number) if number > 1 else ""
            parts.append(bundle / name)
            if kept is not None and kept.take(name, part, site, parts[-1]):
                continue
            with tempfile.TemporaryDirectory(prefix=".search-input-", dir=site) as folder:
                run_pagefind(link_pages(site, part, Path(folder)), parts[-1], timeout)
            make_reproducible(parts[-1])
            if kept is not None:
                kept.note(name, parts[-1])
    counts: dict[str, int] = {}
    for part_bundle in parts:
        for lang, count in read_page_counts(part_bundle).items():
            counts[lang] = counts.get(lang, 0) + count
    total = sum(counts.values())
    if total < minimum_pages:
        raise SearchIndexError(
            f"search index: expected at least {minimum_pages} pages, got {total} "
            "(hint: event pages mark their text with data-pagefind-body)"
        )
    languages = ", ".join(f"{count} {lang}" for lang, count in sorted(counts.items()))
    logger.info("Search index: %d pages (%s)", total, languages or "none")
    return counts


@dataclass
class KeptParts:
    """The parts of the index being replaced, to take those whose pages did not change.

    Pagefind cannot update an index, only make it anew, and gives the same bytes from the same
    pages: a part is taken, as hard links, when it would be made of the same pages at the same
    paths, each page the very file the build before wrote (:mod:`generator.site.pagereuse`), by
    the same Pagefind and the same code, and its files are as that build left them.
    """

    #: The index being replaced: its first part's folder, which holds the others'.
    previous: Path
    #: Each part, by folder below the index ("" for the first), as the build before made it:
    #: its digest and the identity of its ``pagefind-entry.json``.
    known: Mapping[str, tuple[str, Identity]]
    #: The pages, below the site, that are the files the build before wrote.
    unchanged: Container[str]
    #: Each part this build made or took, for the build after.
    made: dict[str, tuple[str, Identity]] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def take(self, name: str, pages: Sequence[str], site: Path, bundle: Path) -> bool:
        """Link the previous part ``name`` at ``bundle`` if it holds these pages unchanged.

        A page rendered again (a standalone page is, every build) counts as unchanged when its
        bytes are the previous site's.
        """
        self._digests[name] = digest = part_digest(pages)
        known = self.known.get(name)
        previous = self.previous / name
        if known is None or known[0] != digest or identity(previous / ENTRY_FILE) != known[1]:
            return False
        previous_site = self.previous.parent
        for page in pages:
            if page not in self.unchanged and not _same_file(site / page, previous_site / page):
                return False
        # The other parts' folders are inside the first part's; each is taken on its own.
        shutil.copytree(
            previous, bundle, copy_function=os.link, ignore=_other_parts, dirs_exist_ok=True
        )
        self.note(name, bundle)
        return True

    def note(self, name: str, bundle: Path) -> None:
        """Record the part ``name`` as written at ``bundle``."""
        found = identity(bundle / ENTRY_FILE)
        if name in self._digests and found is not None:
            self.made[name] = (self._digests[name], found)


def _same_file(one: Path, other: Path) -> bool:
    """Tell whether both files are there with the same bytes."""
    try:
        return filecmp.cmp(one, other, shallow=False)
    except OSError:
        return False


def kept_parts(build: BuildState, previous_site: str | None) -> KeptParts | None:
    """Return what the build may take of the index it replaces; None when it takes no page."""
    if previous_site is None or build.previous_pages is None or build.pages_record is None:
        return None
    known = build.previous_pages.parts
    return KeptParts(Path(previous_site) / BUNDLE, known, unchanged_pages(build))


def part_digest(pages: Sequence[str]) -> str:
    """Hash what a part of the index is made from, besides its pages' bytes.

    The program is the one :func:`run_pagefind` would run, ``PAGEFIND_BINARY_PATH`` included.
    """
    digest = hashlib.sha256(code_version().encode())
    for name in _PAGEFIND:
        digest.update(f"{name}={metadata.version(name)}\n".encode())
    executable = get_executable()
    found = identity(executable) if executable is not None else None
    digest.update(f"{executable}={found}\n".encode())
    for page in pages:
        digest.update(f"{page}\n".encode())
    return digest.hexdigest()


def index_parts(pages: Mapping[str, Sequence[str]], pages_per_index: int) -> list[list[str]]:
    """Cut each language's ``pages`` into parts, so that no part has many more than the most.

    Part N holds the Nth share of every language's pages, in path order, for each language
    that has that many shares (:func:`part_counts`): a language's search page merges only the
    parts that hold its language, since Pagefind answers a part lacking the language asked
    for in another. The first part holds every language, as the search page loads it first.
    """
    counts = part_counts({lang: len(paths) for lang, paths in pages.items()}, pages_per_index)
    parts: list[list[str]] = [[] for _ in range(max(counts.values(), default=1))]
    for lang, paths in sorted(pages.items()):
        ordered = sorted(paths)
        size, larger = divmod(len(ordered), counts[lang] or 1)
        start = 0
        for number in range(counts[lang]):
            end = start + size + (1 if number < larger else 0)
            parts[number] += ordered[start:end]
            start = end
    return parts


def part_counts(page_counts: Mapping[str, int], pages_per_index: int) -> dict[str, int]:
    """Return how many parts hold each language: as many as the site needs, or its pages."""
    needed = max(1, -(-sum(page_counts.values()) // pages_per_index))
    return {lang: min(needed, count) for lang, count in page_counts.items()}


def searchable(runs: Iterable[Any]) -> dict[str, list[tuple[Any, Any]]]:
    """Return each language's planned pages that carry ``data-pagefind-body``, with their run."""
    found: dict[str, list[tuple[Any, Any]]] = {}
    for run in runs:
        pages = [page for page in run.plan if page.template in SEARCHABLE_TEMPLATES]
        found.setdefault(run.lang, []).extend((run, page) for page in pages)
    return found


def part_paths(page_counts: Mapping[str, int], pages_per_index: int, lang: str) -> list[str]:
    """Return the addresses, below the site, of the parts after the first that hold ``lang``."""
    count = part_counts(page_counts, pages_per_index).get(lang, 0)
    return [f"{BUNDLE}/{_part_folder(number)}/" for number in range(2, count + 1)]


def _part_folder(number: int) -> str:
    return f"{PART_PREFIX}{number}"


def _other_parts(folder: str, names: list[str]) -> list[str]:
    """Name the parts' folders among ``names``: Pagefind names none of its own so."""
    return [name for name in names if name.startswith(PART_PREFIX)]


def keep_index(previous_site: Path, site: Path) -> bool:
    """Give ``site`` the search index of ``previous_site``, as hard links; say if there was one.

    The preview serves a new site at once and indexes it afterwards: meanwhile search answers
    from the index of the site before, which differs by the entries just saved.
    """
    previous = previous_site / BUNDLE
    if not previous.is_dir():
        return False
    shutil.copytree(previous, site / BUNDLE, copy_function=os.link)
    return True


def link_pages(site: Path, pages: Iterable[str], folder: Path) -> Path:
    """Put ``pages`` into ``folder`` at the same paths, as hard links; return ``folder``.

    Pagefind names each result by its file's path below the folder it reads, so the same
    paths give the same index as reading the whole site. Where the file system refuses a
    hard link, the file is copied.
    """
    for page in pages:
        source, target = site / page, folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError as exc:
            if not source.is_file():
                raise SearchIndexError(f"search index: no page {page} to index") from exc
            shutil.copyfile(source, target)
    return folder


def run_pagefind(site: Path, bundle: Path, timeout: float = TIMEOUT_SECONDS) -> None:
    """Run Pagefind over ``site`` into ``bundle`` and return only once its process has exited.

    It runs in an empty working folder with no ``PAGEFIND_*`` variables, because the program
    reads a ``pagefind.yml`` from its working folder and options from the environment, and a
    build must not depend on either. It dies with the build: a build killed outright must not
    leave a Pagefind writing into a staging folder that the next build is removing.
    """
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("search index: no Pagefind binary (hint: make install)")
    command = [str(executable), "--site", str(site), "--output-path", str(bundle), "--silent"]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory(prefix="pagefind-") as workdir:
        try:
            completed = subprocess.run(
                command,
                cwd=workdir,
                env=environment,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
                preexec_fn=functools.partial(die_with_parent, os.getpid()),
            )
        except subprocess.TimeoutExpired as exc:
            # subprocess.run has killed Pagefind and waited for it by now.
            message = f"search index: Pagefind took longer than {timeout:g} s"
            raise SearchIndexError(message) from exc
        except OSError as exc:
            raise SearchIndexError(f"search index: cannot run {executable}: {exc}") from exc
    output = (completed.stderr + completed.stdout).decode("utf-8", "replace")
    if completed.returncode != 0:
        lines = [line for line in output.splitlines() if line.strip()][:_QUOTED_LINES]
        detail = " ".join(line.removeprefix("Error: ").strip() for line in lines)
        raise SearchIndexError(
            f"search index: Pagefind failed ({_exit_status(completed.returncode)}): "
            f"{detail or 'no message'}"
        )
    if output.strip():
        logger.debug("Pagefind: %s", output.strip())


def read_page_counts(bundle: Path) -> dict[str, int]:
    """Return how many pages each language's index holds, from ``pagefind-entry.json``.

    The entry file is what the search page loads first, so it alone says how many pages can
    actually be found.
    """
    entry = bundle / ENTRY_FILE
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        return {lang: int(info["page_count"]) for lang, info in languages.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SearchIndexError(f"search index: cannot read {entry}: {exc}") from exc


def _exit_status(code: int) -> str:
    """Say how a process ended, naming the signal that killed it if one did."""
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"
