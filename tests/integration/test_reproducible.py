"""Two builds of the same content and commit are the same, byte for byte, search bundle included.

The second build runs in another process with another hash seed, time zone and locale, so that
neither set order, nor the clock's zone, nor the machine's language can reach the output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.integration.conftest import ROOT
from tests.integration.test_atomic_build import snapshot


def test_two_builds_of_the_real_content_are_identical(real_site: Path, tmp_path: Path):
    output = tmp_path / "output"
    environment = {
        **os.environ,
        "PYTHONHASHSEED": "2016",
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C",
        "LANG": "C",
    }
    command = [sys.executable, "-m", "generator", "build", "--output", str(output)]
    subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True)
    first, second = snapshot(real_site), snapshot(output)
    assert sorted(first) == sorted(second)
    differing = sorted(path for path in first if first[path] != second[path])
    assert differing == []
    assert any(path.startswith("pagefind/filter/") for path in first)
    assert {"data/events.json", "data/events.csv", "fr/data/timelinejs.json"} <= set(first)
    assert len(first) > 500
