"""Build the site into a temporary folder and put it in place only when the whole build succeeded.

Pelican writes straight into its output folder, so a build that fails half-way would leave a
half-built site. Here the site is built in a sibling folder, ``output.build-<pid>-*``, and
exchanged with ``output/`` in one atomic ``renameat2(RENAME_EXCHANGE)`` call; a failed build,
or one killed outright, leaves the previous output as it was. A killed build leaves its staging
folder behind; the next build removes it.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

from ..site.search import BUNDLE, index_site
from ..site.settings import INDEX_LATER, KEEP_PAGES, PREVIOUS_OUTPUT, SETTINGS_FILE, STRICT
from ..site.state import BuildState, end_build

logger = logging.getLogger(__name__)

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def build_site(
    output_path: Path,
    settings_file: Path = Path("pelicanconf.py"),
    overrides: dict[str, Any] | None = None,
    *,
    strict: bool = False,
    index_later: bool = False,
    keep_pages: bool = False,
) -> BuildState | None:
    """Build with Pelican into a sibling temporary folder, then swap it into ``output_path``.

    ``strict`` fails the build on warnings too, with every error and warning, as
    ``timeline check --strict`` reports them; otherwise warnings are only logged.
    ``index_later`` swaps the site in with the previous site's search index, for
    :func:`index_later` to replace (the preview serves the new page first). ``keep_pages``
    keeps every page's template and context in the returned build, for
    :class:`generator.site.live.LiveSite`.

    Returns the finished build (:class:`generator.site.state.BuildState`): which pages each
    language's site has, and what each run read; None for settings without our plugin.
    Raises :class:`generator.content.problems.ContentError` on bad content or settings;
    ``output_path`` is then left exactly as it was.
    """
    output_path = output_path.resolve()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output_path)
    staging = Path(
        tempfile.mkdtemp(prefix=f"{output_path.name}.build-{os.getpid()}-", dir=output_path.parent)
    )
    try:
        # The plugin's settings check names the file as Pelican was given it.
        override = {
            SETTINGS_FILE: str(settings_file),
            STRICT: strict,
            PREVIOUS_OUTPUT: str(output_path),
            INDEX_LATER: index_later,
            KEEP_PAGES: keep_pages,
            **(overrides or {}),
        }
        settings = read_settings(
            str(settings_file), override={**override, "OUTPUT_PATH": str(staging)}
        )
        try:
            Pelican(settings).run()
        finally:
            # Pelican sends no signal when a run raises: the build's log handlers go here.
            build = end_build(settings)
        swap_into_place(staging, output_path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return build


def index_later(build: BuildState, output_path: Path) -> None:
    """Index a site that :func:`build_site` swapped in with ``index_later``, then swap it in.

    The index is written beside the served one and exchanged with it in one call, so search
    always answers from a whole index. Raises
    :class:`~generator.content.problems.SearchIndexError` if Pagefind fails; the site then
    keeps the index it had.
    """
    if build.search_later is None:
        return
    output_path = output_path.resolve()
    later = build.search_later
    bundle = Path(tempfile.mkdtemp(prefix=f".{BUNDLE}-{os.getpid()}-", dir=output_path))
    try:
        index_site(
            output_path,
            minimum_pages=later.minimum,
            pages=later.pages,
            bundle=bundle,
            pages_per_index=later.pages_per_index,
        )
        swap_into_place(bundle, output_path / BUNDLE)
    except BaseException:
        shutil.rmtree(bundle, ignore_errors=True)
        raise


def swap_into_place(staging: Path, output_path: Path) -> None:
    """Replace the old output by the new so that no reader ever sees a mix of both or nothing."""
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    if not output_path.exists():
        os.rename(staging, output_path)
    elif _exchange(staging, output_path):
        shutil.rmtree(staging)  # now the previous site
    else:
        # No atomic exchange on this file system: two renames, undone by remove_leftovers
        # if the process dies between them.
        retired = output_path.with_name(f"{output_path.name}.old-{os.getpid()}")
        os.rename(output_path, retired)
        os.rename(staging, output_path)
        shutil.rmtree(retired)
    logger.info("Site written to %s", output_path)


def remove_leftovers(output_path: Path) -> None:
    """Tidy up after builds that were killed: restore a retired site, drop stale staging folders.

    A folder whose build process is still running is left alone, so two builds can share
    a parent folder.
    """
    for leftover in sorted(output_path.parent.glob(f"{output_path.name}.*-*")):
        kind, _, rest = leftover.name.removeprefix(f"{output_path.name}.").partition("-")
        pid = rest.split("-")[0]
        if kind not in {"build", "old"} or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not output_path.exists():
            os.rename(leftover, output_path)
            logger.warning("Restored the previous site from %s", leftover.name)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _alive(pid: int) -> bool:
    """Tell whether a process with this id is running (signal 0 checks without sending)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
