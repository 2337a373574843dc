"""Remember link results between runs, so the next run asks servers only what may have changed.

A result that worked is trusted for ``max_age`` (a week by default); a failure never is, as
it may have been a bad moment for the server. The file is JSON, written to a temporary file
beside it and renamed over it, so an interrupted run never leaves half a cache.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from .linkcheck import LinkResult

logger = logging.getLogger(__name__)

#: Bumped when the layout changes; a cache of another version is ignored, not misread.
CACHE_VERSION = 1
DEFAULT_PATH = Path("cache") / "links.json"
DEFAULT_MAX_AGE = timedelta(days=7)


@dataclass(frozen=True)
class Cached:
    """A result and when it was found (an aware UTC time)."""

    result: LinkResult
    checked: datetime

    def is_fresh(self, now: datetime, max_age: timedelta) -> bool:
        """Tell whether the result can stand without asking again: it worked, not long ago."""
        return self.result.outcome != "broken" and timedelta(0) <= now - self.checked < max_age


def load_cache(path: Path) -> dict[str, Cached]:
    """Read the cache; a missing file is empty, an unreadable one is ignored with a warning."""
    try:
        return _parse(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        # A cache only saves time: a damaged one is rebuilt rather than stopping the check.
        logger.warning("%s: unreadable link cache, checking every link again (%s)", path, exc)
        return {}


def _parse(data: dict) -> dict[str, Cached]:
    """Turn the file's JSON into entries; raise ValueError or a lookup error when it is not ours."""
    if data.get("version") != CACHE_VERSION:
        raise ValueError(f"expected version {CACHE_VERSION}, got {data.get('version')!r}")
    entries = {}
    for url, entry in data["links"].items():
        fields = {name: value for name, value in entry.items() if name != "checked"}
        entries[url] = Cached(LinkResult(**fields), datetime.fromisoformat(entry["checked"]))
    return entries


def save_cache(path: Path, entries: dict[str, Cached], now: datetime, max_age: timedelta) -> None:
    """Write the entries that are not yet too old, atomically (a temporary file, then rename).

    Those checked at ``now`` are kept even with a ``max_age`` of zero, which rechecks all.
    """
    kept = {url: c for url, c in sorted(entries.items()) if now - c.checked <= max_age}
    links = {url: {**asdict(c.result), "checked": c.checked.isoformat()} for url, c in kept.items()}
    text = json.dumps({"version": CACHE_VERSION, "links": links}, ensure_ascii=False, indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    # In the same folder, so the rename stays on one file system and is atomic.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
