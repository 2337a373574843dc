"""Pagefind under a saturated CPU: every run finishes its bundle before it is read, identically.

Pagefind's Python API answered "written" before the bytes were on disk and then stopped its
service, so on a busy machine ``pagefind-entry.json`` was read empty about once in ten runs.
Busy processes started here take every core while the real site is indexed again and again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.site.search import BUNDLE, index_site
from tests.integration.test_search import snapshot

RUNS = 12
#: No busy process outlives this, even if the test itself is stopped in a debugger.
BUSY_SECONDS = 240


@pytest.fixture
def saturated_cpus() -> Iterator[None]:
    """One busy process per core and one more, each ending by itself after BUSY_SECONDS."""
    loop = (
        f"import time\nend = time.monotonic() + {BUSY_SECONDS}\nwhile time.monotonic() < end: pass"
    )
    busy = [
        subprocess.Popen([sys.executable, "-c", loop]) for _ in range((os.cpu_count() or 1) + 1)
    ]
    try:
        time.sleep(0.2)  # let them start spinning
        assert all(p.poll() is None for p in busy)
        yield
    finally:
        for process in busy:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_indexing_under_load_always_completes_and_gives_the_same_bundle(
    real_site: Path, tmp_path: Path, saturated_cpus: None
):
    events = sum(1 for _ in (real_site / "events").glob("*/index.html"))
    bundles = []
    for run in range(RUNS):
        site = tmp_path / str(run)
        shutil.copytree(real_site, site, ignore=shutil.ignore_patterns(BUNDLE))
        pages = index_site(site, minimum_pages=events)
        assert pages["en"] >= events
        bundles.append(snapshot(site / BUNDLE))
        shutil.rmtree(site)
    assert all(bundle == bundles[0] for bundle in bundles), "the bundle differs between runs"
    assert len(bundles[0]) > 20
