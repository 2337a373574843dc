"""Build the site into a temporary folder and put it in place only when the whole build succeeded.

Pelican writes straight into its output folder, so a build that fails half-way would leave a
half-built site. Here a failed or interrupted build leaves the previous output untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

logger = logging.getLogger(__name__)


def build_site(
    output_path: Path,
    settings_file: Path = Path("pelicanconf.py"),
    overrides: dict[str, Any] | None = None,
) -> None:
    """Build with Pelican into a sibling temporary folder, then swap it into ``output_path``.

    Raises :class:`generator.errors.ContentError` on bad content; ``output_path`` is then
    left exactly as it was.
    """
    output_path = output_path.resolve()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{output_path.name}.build-", dir=output_path.parent))
    try:
        settings = read_settings(
            str(settings_file), override={**(overrides or {}), "OUTPUT_PATH": str(staging)}
        )
        Pelican(settings).run()
        _swap_into_place(staging, output_path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_into_place(staging: Path, output_path: Path) -> None:
    """Replace the old output by the new with two renames, so no reader sees a mix of both."""
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    if not output_path.exists():
        os.rename(staging, output_path)
        return
    retired = output_path.with_name(f"{output_path.name}.old-{os.getpid()}")
    os.rename(output_path, retired)
    os.rename(staging, output_path)
    shutil.rmtree(retired, ignore_errors=True)
    logger.info("Site written to %s", output_path)
