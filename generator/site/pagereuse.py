"""Pages a build need not render again: those that would come out as they did last time.

A warm build, or the preview after one entry is saved, used to render all 20,000 pages of a
10,000-event site to change a handful. Each page is the same function of the same inputs
every time: its template, the run's context and the entries it shows. So each page gets a
digest of those inputs, and the build keeps, in ``CACHE_PATH/pages.json``, every page's digest
and the identity (size, modification time, inode) of the file it wrote. The next build into
the same folder links the previous file into its new site, instead of rendering it, when
both match: the page's inputs are unchanged and the file is the very one written for them.
Unchanged files keep their dates and inodes, so a deploy by modification time uploads only
what changed.

What a page's digest holds:

- the run's: this package's code and the libraries, the whole theme, the settings (the staging
  folder aside) and the settings file, the registries and the day
  (:func:`~generator.site.entrycache.fingerprint`), every language's planned pages (a body's
  links point into the other site only where it has the page), and the day of every event
  (the chronology's years and where each is listed);
- the page's own: its file, its template, and each entry it shows, in order, by the entry's
  reading key (its bytes, its original's), its git history and its translations. An event's
  page shows its neighbours' and related events' titles too, so it holds theirs.

Files that are not pages (a feed, a calendar, the data files) are taken the same way, by a
digest of the run's, their names and the events they list (:meth:`PageInputs.files_digest`);
the search index, part by part, when a part's pages are all as they were
(:class:`generator.site.search.KeptParts`, its record kept in the same manifest).

Pages whose templates may read more of the context than the entries they list (the
standalone pages, which may count or list any event, and anything not planned) are always
rendered. A page planned with every article (the home page) is rendered whenever any entry
changes. ``tests/integration/test_page_reuse.py`` holds a build that reuses pages to the bytes
of one that renders them all, across edits of every kind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.problems import relative
from .entrycache import EntryCache, code_version
from .plan import PlannedPage
from .settings import PREVIOUS_OUTPUT, SETTINGS_FILE

if TYPE_CHECKING:
    from .state import BuildState, Run

logger = logging.getLogger(__name__)

#: The file, inside Pelican's ``CACHE_PATH``, that keeps each page's digest and file identity.
MANIFEST_FILE = "pages.json"
#: Templates whose pages show nothing of the context but the run's and their planned entries'.
LIST_TEMPLATES = frozenset({"index", "decade", "period_archives", "facet", "facets", "search"})
#: The template of an event's page, which shows its neighbours and related events as well.
EVENT_TEMPLATE = "article"
#: Libraries whose output is in every page, besides those reading depends on.
_LIBRARIES = ("pelican", "jinja2", "markupsafe", "babel", "pelican-i18n-subsites")

#: A file's identity: if it is still this, it holds what was written.
Identity = tuple[int, int, int]


def identity(path: str | os.PathLike[str]) -> Identity | None:
    """Return the file's size, modification time and inode; None if it is not there."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def tree_version(folder: Path) -> str:
    """Hash every file below ``folder`` with its path: a theme's templates, catalogs, assets."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def settings_version(settings: Mapping[str, Any], output: str) -> str:
    """Hash the settings a template can show: plain values, the build's own folder put aside.

    ``output`` is the folder this build writes into, a new one each time, which settings
    name (``OUTPUT_PATH``, and each subsite's in ``I18N_SUBSITES``). Functions (Jinja filters,
    signal receivers) are this package's or Pelican's code, hashed with it; objects without a
    stable ``repr`` are left out the same way.
    """
    digest = hashlib.sha256()
    for name in sorted(settings):
        value = settings[name]
        if name.startswith("_") or not _plain(value):
            continue
        digest.update(f"{name}={value!r}\n".replace(output, "<output>").encode())
    return digest.hexdigest()


def _plain(value: object) -> bool:
    """Tell whether ``repr(value)`` is the same in every process: data, not objects."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(_plain(key) and _plain(item) for key, item in value.items())
    return False


@dataclass
class Manifest:
    """Each page of a site as last written: its digest and its file's identity, by site path."""

    #: The folder the site was swapped into, so that another output's pages are never taken.
    output: str
    pages: dict[str, tuple[str, Identity]] = field(default_factory=dict)
    #: Each part of the search index, by folder below it: its digest and its entry file's
    #: identity (:class:`generator.site.search.KeptParts`).
    parts: dict[str, tuple[str, Identity]] = field(default_factory=dict)

    @classmethod
    def load(cls, file: Path, output: Path) -> Manifest:
        """Read the manifest kept for ``output``; an empty one if there is none or is another's."""
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if data["output"] == str(output):
                known, parts = (
                    {name: (digest, tuple(ident)) for name, (digest, ident) in data[key].items()}
                    for key in ("pages", "parts")
                )
                return cls(str(output), known, parts)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            if file.exists():
                logger.info("Page manifest %s not read (%s); rendering every page", file, exc)
        return cls(str(output))

    def save(self, file: Path) -> None:
        """Write the manifest beside and rename it over, so a killed build leaves the old one."""
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".pages-", dir=file.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                kept = {"output": self.output, "pages": self.pages, "parts": self.parts}
                json.dump(kept, stream, sort_keys=True)
            os.replace(temporary, file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class PageInputs:
    """The digests of one run's pages, from its plan, its articles and the build's reading keys."""

    def __init__(
        self,
        run_digest: str,
        plan: Iterable[PlannedPage],
        entries: EntryCache,
        base: Path,
    ) -> None:
        """Take the run's digest and plan; ``base`` is what planned paths are relative to."""
        self.run_digest = run_digest
        self.plan = {page.path: page for page in plan}
        self.entries = entries
        self.base = base
        self._entry_digests: dict[str, str] = {}

    def digest(self, name: str, context: Mapping[str, Any]) -> str | None:
        """Return the digest of the page written to ``name``; None for one always rendered."""
        page = self.plan.get(name)
        if page is None:
            return None
        if page.template == EVENT_TEMPLATE and context.get("article") is not None:
            shown = [self.entry_digest(other) for other in event_page_entries(context["article"])]
        elif page.template in LIST_TEMPLATES:
            shown = [self._digest_of_path(path) for path in page.entries]
        else:
            return None
        digest = hashlib.sha256(f"{self.run_digest}\0{name}\0{page.template}".encode())
        for entry in shown:
            digest.update(entry.encode())
        return digest.hexdigest()

    def files_digest(self, names: Iterable[str], articles: Iterable[Any], key: str) -> str:
        """Return the digest of files that are not pages: a feed, a calendar, the data files.

        They show nothing of the context but the run's settings and their events, as a list
        page does, and ``key``, what else they depend on (the build's time stamp).
        """
        digest = hashlib.sha256(f"{self.run_digest}\0files\0{key}".encode())
        for name in names:
            digest.update(f"\0{name}".encode())
        digest.update(b"\0")
        for article in articles:
            digest.update(self.entry_digest(article).encode())
        return digest.hexdigest()

    def entry_digest(self, article: Any) -> str:
        """Hash what any page shows of an entry: its reading key, history and translations."""
        path = str(article.source_path)
        known = self._entry_digests.get(path)
        if known is None:
            digest = hashlib.sha256(self.entries.key(Path(path)).encode())
            digest.update(repr(getattr(article, "history", None)).encode())
            digest.update(repr(getattr(article, "history_url", None)).encode())
            for translation in sorted(str(t.source_path) for t in article.translations):
                digest.update(f"\0{translation}".encode())
            known = self._entry_digests[path] = digest.hexdigest()
        return known

    def remember(self, articles: Iterable[Any]) -> None:
        """Hash each of these articles now, so list pages can name them as the plan does."""
        for article in articles:
            name = f"planned:{relative(article.source_path, self.base)}"
            self._entry_digests.setdefault(name, self.entry_digest(article))

    def _digest_of_path(self, relative: str) -> str:
        """Return the digest of an entry named as the plan names it; a placeholder if unknown."""
        return self._entry_digests.get(f"planned:{relative}", f"unknown:{relative}")


def event_page_entries(article: Any) -> list[Any]:
    """Return the entries an event's page shows: itself, its neighbours and related events."""
    shown = [article]
    for name in ("prev_event", "next_event"):
        shown.append(getattr(article, name, None))
    shown += list(getattr(article, "related", None) or ())
    return [entry for entry in shown if entry is not None]


def run_digest(
    settings: Mapping[str, Any],
    output: str,
    fingerprint: str,
    plans: Mapping[str, Iterable[PlannedPage]],
    articles: Iterable[Any],
) -> str:
    """Hash what every page of a run depends on (see the module's docstring)."""
    digest = hashlib.sha256(code_version().encode())
    for name in _LIBRARIES:
        digest.update(f"{name}={metadata.version(name)}\n".encode())
    digest.update(tree_version(Path(settings["THEME"])).encode())
    digest.update(settings_version(settings, output).encode())
    # What the settings file computes is in the values above; a function it defines is not.
    settings_file = settings.get(SETTINGS_FILE)
    if settings_file and Path(settings_file).is_file():
        digest.update(Path(settings_file).read_bytes())
    digest.update(fingerprint.encode())
    for lang in sorted(plans):
        for page in sorted(page.path for page in plans[lang]):
            digest.update(f"{lang}:{page}\n".encode())
    for day in sorted(str(article.event.date) for article in articles):
        digest.update(f"{day}\n".encode())
    return digest.hexdigest()


def take_previous(previous: Path, new: Path) -> bool:
    """Put the previous build's file at ``new``: a hard link, or a copy where links fail."""
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(previous, new)
    except OSError:
        try:
            shutil.copy2(previous, new)
        except OSError:
            return False
    return True


class RunReuse:
    """One run's side of it: which of its pages to take from the previous site, and the record."""

    def __init__(
        self,
        inputs: PageInputs,
        previous: Manifest,
        record: Manifest,
        previous_folder: Path,
        prefix: str,
    ) -> None:
        """``prefix`` is the run's folder in the site (``fr/``, or empty for the main one)."""
        self.inputs = inputs
        self.previous = previous
        self.record = record
        self.previous_folder = previous_folder
        self.prefix = prefix
        self.digests: dict[str, str] = {}
        self.taken = 0

    def take(self, name: str, path: str, context: Mapping[str, Any]) -> bool:
        """Put the previous file for this page at ``path`` if it is still right; say if it was."""
        digest = self.inputs.digest(name, context)
        if digest is None or path == os.devnull:
            return False
        self.digests[path] = digest
        if not self._unchanged(name, digest) or not self._take(name, path):
            return False
        self.taken += 1
        return True

    def take_files(
        self, names: Sequence[str], paths: Sequence[str], articles: Sequence[Any], key: str
    ) -> bool:
        """Put the previous files at ``paths`` if they are all still right; say if they were.

        ``names`` are written together, so all are taken or none is written from there.
        """
        digest = self.inputs.files_digest(names, articles, key)
        for path in paths:
            self.digests[path] = digest
        if not all(self._unchanged(name, digest) for name in names):
            return False
        if not all(self._take(name, path) for name, path in zip(names, paths, strict=True)):
            return False  # those taken are replaced when the files are written
        self.taken += len(names)
        return True

    def _unchanged(self, name: str, digest: str) -> bool:
        """Tell whether the previous site has this file, written from the same inputs."""
        known = self.previous.pages.get(self.prefix + name)
        if known is None or known[0] != digest:
            return False
        return identity(self.previous_folder / name) == known[1]

    def _take(self, name: str, path: str) -> bool:
        """Link the previous site's file at ``path``; say if it could be."""
        return take_previous(self.previous_folder / name, Path(path))

    def note(self, name: str, path: str) -> None:
        """Record the page as this build wrote it (or took it), if it has a digest."""
        digest = self.digests.get(path)
        found = identity(path) if digest is not None else None
        if digest is not None and found is not None:
            self.record.pages[self.prefix + name] = (digest, found)


def reuse_for(build: BuildState, run: Run) -> RunReuse | None:
    """Return how the run takes pages from the site it replaces; None when it renders them all.

    Only a build that names the folder it replaces (``timeline build`` does) and keeps its
    caches (both settings on) reuses pages; the manifest is read once, by the first run to write.
    """
    settings = run.settings
    previous = settings.get(PREVIOUS_OUTPUT)
    caching = settings["TIMELINE_PAGE_CACHE"] and settings["TIMELINE_ENTRY_CACHE"]
    if not caching or previous is None or build.entries is None:
        return None
    main = next(iter(build.runs.values())).settings
    if build.previous_pages is None or build.pages_record is None:
        manifest = Path(main["CACHE_PATH"]) / MANIFEST_FILE
        build.previous_pages = Manifest.load(manifest, Path(previous))
        build.pages_record = Manifest(str(previous))
    folder = Path(settings["OUTPUT_PATH"]).relative_to(main["OUTPUT_PATH"]).as_posix()
    prefix = "" if folder == "." else f"{folder}/"
    plans = {other.lang: other.plan for other in build.runs.values()}
    output, fingerprint = main["OUTPUT_PATH"], build.entries.fingerprint
    digest = run_digest(settings, output, fingerprint, plans, run.articles)
    inputs = PageInputs(digest, run.plan, build.entries, Path(settings["PATH"]).parent)
    inputs.remember(run.articles)
    previous_folder = Path(previous) / folder
    return RunReuse(inputs, build.previous_pages, build.pages_record, previous_folder, prefix)


def unchanged_pages(build: BuildState) -> set[str]:
    """Return the pages, below the main site, that are the very files the build before wrote."""
    if build.previous_pages is None or build.pages_record is None:
        return set()
    before = build.previous_pages.pages
    return {name for name, now in build.pages_record.pages.items() if before.get(name) == now}


def keep_manifest(build: BuildState) -> None:
    """Keep the pages this build wrote for the next one, once the whole build has succeeded."""
    if build.pages_record is None:
        return
    main = next(iter(build.runs.values())).settings
    build.pages_record.save(Path(main["CACHE_PATH"]) / MANIFEST_FILE)
