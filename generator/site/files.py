"""Files replaced in one step, so that a reader of the served site never sees half of one.

The preview rewrites pages, feeds, calendars and data files in the folder it serves, and may
stop a follow-up half-way (:mod:`generator.tools.livebuild`); a file written in place would
then be served cut short. Each is written beside its final name and renamed over it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The mode of the files written: readable by the web server, as ``open()`` would make them.
FILE_MODE = 0o644
#: How a file being written ends, so that one left by a killed process can be found.
PARTIAL = ".partial"


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PARTIAL, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_partial_files(folder: Path) -> int:
    """Remove the files a killed writer left below ``folder``; return how many there were."""
    found = list(folder.rglob(f".*{PARTIAL}"))
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)
