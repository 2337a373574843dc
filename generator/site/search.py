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

import contextlib
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
import time
from collections.abc import Container, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

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
#: What tells Pagefind's runtime how many threads to run work on.
_THREADS_VARIABLE = "TOKIO_WORKER_THREADS"
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

    Returns how many pages each language's index holds. This is :class:`Indexing` started
    and finished at once; see there for the arguments.
    """
    indexing = Indexing(
        site, pages, bundle, pages_per_index=pages_per_index, kept=kept, timeout=timeout
    )
    indexing.start()
    return indexing.finish(minimum_pages)


@dataclass(frozen=True)
class LaterIndex:
    """An index to make once the site is in place (the preview's): what :func:`index_site` takes."""

    #: By language, the pages below the site that carry ``data-pagefind-body``.
    pages: dict[str, list[str]]
    #: How many pages it must hold at least: one per event.
    minimum: int
    pages_per_index: int


class Indexing:
    """The search index of a site, made part by part, whose first Pagefind runs in the background.

    :meth:`start` takes the parts it may and starts Pagefind on the first it must make, then
    returns: the build writes its other pages meanwhile (Pagefind reads only the pages it
    searches, so those are written first). :meth:`finish` waits for it, makes the other parts
    one after the other, and checks the whole; :meth:`abandon` stops it, for a build that
    failed meanwhile. At 10,000 events the index took 20 s on its own after every page was
    written, with one core idle for most of it.

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
    """

    def __init__(
        self,
        site: Path,
        pages: Mapping[str, Sequence[str]] | None = None,
        bundle: Path | None = None,
        *,
        pages_per_index: int | None = None,
        kept: KeptParts | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        """Prepare the index of ``site`` into ``bundle``; nothing runs before :meth:`start`."""
        self.site = site.resolve()
        self.bundle = bundle or self.site / BUNDLE
        self.pages = pages
        self.pages_per_index = pages_per_index
        self.kept = kept
        self.timeout = timeout
        #: Each part's folder, as it is taken or made.
        self.parts: list[Path] = []
        self._steps: Generator[PagefindRun, None, None] | None = None
        self._running: PagefindRun | None = None
        self._threads: int | None = None

    def start(self, threads: int | None = None) -> None:
        """Take what parts may be taken, up to the first to make, and start its Pagefind.

        ``threads`` limits that Pagefind's threads, for a build whose workers keep every core
        busy meanwhile. Pagefind's work is mostly on one thread anyway (21 s of CPU for 12,000
        pages); with Tokio's default of one thread per core it fought the two workers, and a
        10,000-event build took 8 s longer and 18 s more CPU. A part made once the build
        waits has them all.
        """
        self._threads = threads
        self._steps = self._make_parts()
        self._advance()

    def finish(self, minimum_pages: int = 0) -> dict[str, int]:
        """Make the rest of the index; return how many pages each language's index holds.

        Raises :class:`SearchIndexError` when Pagefind fails or takes longer than the timeout,
        or when it indexed fewer than ``minimum_pages`` pages: Pagefind itself succeeds on a
        site where nothing is marked for indexing, e.g. after a template lost its
        ``data-pagefind-body``, by indexing every page whole.
        """
        if self._steps is None:
            self.start()
        try:
            while self._running is not None:
                self._running.wait()
                self._threads = None
                self._advance()
        except BaseException:
            self.abandon()
            raise
        counts: dict[str, int] = {}
        for part_bundle in self.parts:
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

    def abandon(self) -> None:
        """Stop the Pagefind running, if any, and remove its input; safe to repeat."""
        running, self._running = self._running, None
        if running is not None:
            running.kill()
        if self._steps is not None:
            self._steps.close()

    def _advance(self) -> None:
        assert self._steps is not None
        self._running = next(self._steps, None)

    def _make_parts(self) -> Generator[PagefindRun, None, None]:
        """Take or make each part in turn, yielding each Pagefind run to be waited for."""
        if self.pages is None:
            yield start_pagefind(self.site, self.bundle, self.timeout, self._threads)
            make_reproducible(self.bundle)
            self.parts.append(self.bundle)
            return
        total = sum(len(paths) for paths in self.pages.values())
        per_index = self.pages_per_index or total or 1
        for number, part in enumerate(index_parts(self.pages, per_index), 1):
            name = _part_folder(number) if number > 1 else ""
            folder = self.bundle / name
            self.parts.append(folder)
            if self.kept is not None and self.kept.take(name, part, self.site, folder):
                continue
            with tempfile.TemporaryDirectory(prefix=".search-input-", dir=self.site) as given:
                given_pages = link_pages(self.site, part, Path(given))
                yield start_pagefind(given_pages, folder, self.timeout, self._threads)
            # Right after its run and never on a taken part: it rewrites files in place.
            make_reproducible(folder)
            if self.kept is not None:
                self.kept.note(name, folder)


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

    The program is the one :func:`start_pagefind` would run, ``PAGEFIND_BINARY_PATH`` included.
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


def start_pagefind(
    site: Path, bundle: Path, timeout: float = TIMEOUT_SECONDS, threads: int | None = None
) -> PagefindRun:
    """Start Pagefind over ``site`` into ``bundle``; :meth:`PagefindRun.wait` waits for it.

    ``threads`` sets how many threads its runtime (Tokio) runs work on: by default one per
    core. The index is the same either way.

    It runs in an empty working folder with no ``PAGEFIND_*`` variables, because the program
    reads a ``pagefind.yml`` from its working folder and options from the environment, and a
    build must not depend on either. It dies with the build: a build killed outright must not
    leave a Pagefind writing into a staging folder that the next build is removing. What it
    prints goes to files, not pipes, which no one reads while the build writes its pages.
    """
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("search index: no Pagefind binary (hint: make install)")
    command = [str(executable), "--site", str(site), "--output-path", str(bundle), "--silent"]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    if threads is not None:
        environment[_THREADS_VARIABLE] = str(threads)
    with contextlib.ExitStack() as opened:
        workdir = opened.enter_context(tempfile.TemporaryDirectory(prefix="pagefind-"))
        stdout = opened.enter_context(tempfile.TemporaryFile())
        stderr = opened.enter_context(tempfile.TemporaryFile())
        try:
            process = subprocess.Popen(
                command,
                cwd=workdir,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                # The builds run no threads (the preview's server runs its builder apart).
                preexec_fn=functools.partial(die_with_parent, os.getpid()),  # noqa: PLW1509
            )
        except OSError as exc:
            raise SearchIndexError(f"search index: cannot run {executable}: {exc}") from exc
        held = opened.pop_all()  # kept until Pagefind has ended; removed here if it cannot start
    deadline = time.monotonic() + timeout
    return PagefindRun(process, deadline, timeout, (stderr, stdout), held)


@dataclass
class PagefindRun:
    """A Pagefind process started by :func:`start_pagefind`, and what it holds until it ends."""

    process: subprocess.Popen[bytes]
    #: When, on the monotonic clock, it must have finished.
    deadline: float
    timeout: float
    #: Where its standard error and output go, read in that order once it has ended.
    output: tuple[IO[bytes], IO[bytes]]
    #: Its working folder and those files, removed once it has ended.
    held: contextlib.ExitStack

    def wait(self) -> None:
        """Wait for Pagefind to exit; raise :class:`SearchIndexError` if it failed or overran."""
        with self.held:
            try:
                code = self.process.wait(timeout=max(0.0, self.deadline - time.monotonic()))
            except subprocess.TimeoutExpired as exc:
                self.process.kill()
                self.process.wait()
                message = f"search index: Pagefind took longer than {self.timeout:g} s"
                raise SearchIndexError(message) from exc
            text = b""
            for written in self.output:
                written.seek(0)
                text += written.read()
        output = text.decode("utf-8", "replace")
        if code != 0:
            lines = [line for line in output.splitlines() if line.strip()][:_QUOTED_LINES]
            detail = " ".join(line.removeprefix("Error: ").strip() for line in lines)
            raise SearchIndexError(
                f"search index: Pagefind failed ({_exit_status(code)}): {detail or 'no message'}"
            )
        if output.strip():
            logger.debug("Pagefind: %s", output.strip())

    def kill(self) -> None:
        """Stop Pagefind and wait for it, for a build that no longer needs its index."""
        with self.held:
            self.process.kill()
            self.process.wait()


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
