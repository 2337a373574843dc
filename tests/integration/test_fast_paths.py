"""The fast ways of building give the same bytes as the plain one, file for file.

The plain path is Pelican's own writer, rendering every page in the build's process as it
is asked for (``TIMELINE_WORKERS = 1``); the default forks one rendering worker per
core, and an odd count deals the pages out differently again. Each language's site, the
search bundle, the feeds and calendars are all compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.conftest import FIXTURE_CONTENT, build
from tests.integration.test_atomic_build import snapshot


@pytest.mark.parametrize("workers", [2, 3])
def test_pages_rendered_by_workers_are_those_rendered_in_order(
    real_site: Path, tmp_path: Path, workers: int
):
    serial = snapshot(build(tmp_path / "serial", TIMELINE_WORKERS=1))
    pooled = snapshot(build(tmp_path / "pooled", TIMELINE_WORKERS=workers))
    assert sorted(pooled) == sorted(serial)
    assert sorted(path for path in serial if serial[path] != pooled[path]) == []
    assert snapshot(real_site) == serial  # the default (one per core) too
    assert len(serial) > 500


def test_relative_urls_survive_the_workers(tmp_path: Path):
    """With relative URLs each page's links depend on its depth, set just before rendering."""
    options = {"RELATIVE_URLS": True}
    serial = snapshot(build(tmp_path / "a", FIXTURE_CONTENT, TIMELINE_WORKERS=1, **options))
    pooled = snapshot(build(tmp_path / "b", FIXTURE_CONTENT, TIMELINE_WORKERS=2, **options))
    assert pooled == serial
