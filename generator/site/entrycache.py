"""Each entry read once per build, on every core, and not at all when it has not changed.

Reading an entry (front matter, checks, Markdown, sanitizing, typesetting) is a third of a
build. What it gives, the body's HTML, the event and the problems found, depends only on:

- the file's bytes, and for a translation its original's;
- the registries, the day taken as today, and where the content lives (paths in messages);
- the code that reads (this package) and the libraries it uses.

:class:`EntryCache` keys each result by a hash of exactly that, so a result is reused only
when reading again would give the same, and is shared by both languages' runs of a build
(each run of pelican-i18n-subsites reads every file). Before the first entry is read, every
entry not already known is read by :func:`~generator.site.workers.map_in_workers` on every
core. Between builds the results are kept in ``CACHE_PATH/entries.pickle`` (Pelican's cache
folder) when ``TIMELINE_ENTRY_CACHE`` is on; a file from another version of the code is
never read back, since the code is in every key. Pelican's own content cache is not used:
it keys a file by its own modification time only, so it would keep a translation whose
original changed, or an event whose actor was renamed in a registry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from ..content.checks import original_of
from ..content.problems import Problem
from .workers import map_in_workers

logger = logging.getLogger(__name__)

#: The file, inside Pelican's ``CACHE_PATH``, that keeps the results between builds.
CACHE_FILE = "entries.pickle"
#: What reading an entry gives: its body as HTML (None when refused), its event, its problems.
EntryRead = tuple[str | None, Any, list[Problem]]
#: The libraries whose output is in a result.
_LIBRARIES = ("markdown", "nh3", "PyYAML", "babel", "python-dateutil")
_PACKAGE = Path(__file__).resolve().parents[1]


def code_version() -> str:
    """Hash this package's source and the versions of the libraries reading depends on."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        digest.update(f"{name}={metadata.version(name)}".encode())
    return digest.hexdigest()


def fingerprint(settings: dict[str, Any], today: object, data_dir: Path) -> str:
    """Hash what every entry's result depends on besides its own files."""
    digest = hashlib.sha256(code_version().encode())
    for name in ("PATH", "TIMELINE_EVENTS_PATH", "TIMELINE_DATA_PATH"):
        digest.update(f"{name}={settings[name]}\n".encode())
    digest.update(f"today={today}\n".encode())
    for path in sorted(data_dir.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class EntryCache:
    """Results of reading entries, by file, each with the key it is valid for."""

    def __init__(self, fingerprint: str, folder: Path | None = None) -> None:
        """Start from the results kept in ``folder`` (None: keep nothing between builds)."""
        self.fingerprint = fingerprint
        self.file = folder / CACHE_FILE if folder is not None else None
        self.results: dict[str, tuple[str, EntryRead]] = self._load()
        self.filled = False
        self.hits = 0

    def key(self, path: Path) -> str:
        """Hash the file, its original's bytes if it is a translation, and the fingerprint."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(_bytes(path))
        original = original_of(path)
        if original is not None:
            digest.update(b"\0original\0" + _bytes(original))
        return digest.hexdigest()

    def get(self, path: Path) -> EntryRead | None:
        """Return the result for the file as it is now, if one is known."""
        found = self.results.get(str(path))
        if found is None or found[0] != self.key(path):
            return None
        self.hits += 1
        return found[1]

    def fill(self, paths: Iterable[Path], read: Callable[[Path], EntryRead], workers: int) -> None:
        """Read, on ``workers`` cores, every file whose result is not known; once per build."""
        if self.filled:
            return
        self.filled = True
        missing = [path for path in paths if self._stale(path)]
        # An original and its translations in one share: the translation's check reads the
        # original's event, which the same worker then has in memory.
        groups: dict[Path, list[Path]] = {}
        for path in missing:
            groups.setdefault(original_of(path) or path, []).append(path)
        shares = sorted(groups.values())

        def read_share(share: list[Path]) -> list[tuple[str, str, EntryRead]]:
            return [(str(path), self.key(path), read(path)) for path in share]

        for results in map_in_workers(read_share, shares, workers):
            for name, key, result in results:
                self.results[name] = (key, result)

    def save(self, paths: Iterable[Path]) -> None:
        """Keep the results of ``paths`` that were read without error, for the next build."""
        if self.file is None:
            return
        names = {str(path) for path in paths}
        kept = {
            name: found
            for name, found in self.results.items()
            if name in names and found[1][1] is not None
        }
        self.file.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed over, so a build killed meanwhile leaves the old file.
        handle, temporary = tempfile.mkstemp(prefix=".entries-", dir=self.file.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((self.fingerprint, kept), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _stale(self, path: Path) -> bool:
        found = self.results.get(str(path))
        return found is None or found[0] != self.key(path)

    def _load(self) -> dict[str, tuple[str, EntryRead]]:
        """Read the kept results, if they were made with this fingerprint; else start empty."""
        if self.file is None or not self.file.is_file():
            return {}
        try:
            with self.file.open("rb") as stream:
                kept_fingerprint, results = pickle.load(stream)  # our own file, in our cache folder
        except Exception as exc:  # noqa: BLE001 - a damaged cache is only a slower build
            logger.info("Entry cache %s not read (%s); reading every entry", self.file, exc)
            return {}
        return results if kept_fingerprint == self.fingerprint else {}


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0missing\0"
