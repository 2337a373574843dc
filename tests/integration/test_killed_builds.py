"""Builds killed with SIGKILL at random moments never change the published site.

Each build is killed at a moment drawn from a seeded generator, in turn: anywhere in the length
of an uninterrupted build; once it is reading, rendering or indexing (seen from its staging
folder); or inside a slowed-down swap, both the one-call exchange and the fallback of two
renames. After each kill the site is byte for byte the last good build, and the next build
leaves nothing else behind. Aiming at phases, rather than at times alone, keeps the test
meaningful on a machine whose speed varies.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.fixtures.slow_swap import PAUSE_SECONDS
from tests.integration.conftest import FIXTURE_CONTENT, ROOT, build
from tests.integration.test_atomic_build import snapshot

KILLS = 24
SEED = 20161
#: What the kills aim at, in turn: any moment, a phase of the build, or a slowed swap.
TARGETS = ("anywhere", "reading", "rendering", "indexing", "exchange", "renames")


def start(output: Path, settings: Path, mode: str, marker: Path) -> subprocess.Popen[bytes]:
    """Start a build as CI runs it, or through the slowed swap."""
    if mode == "plain":
        # Not strict: the fixture content has two warnings on purpose.
        command = ["-m", "generator", "build", "--no-strict", "--settings", str(settings)]
        command += ["--output", str(output)]
    else:
        command = ["-m", "tests.fixtures.slow_swap", str(output), str(FIXTURE_CONTENT), mode]
        command.append(str(marker))
    return subprocess.Popen(
        [sys.executable, *command], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def reached(target: str, output: Path, marker: Path, pages: int) -> bool:
    """Whether the build under way has reached ``target``, from its staging folder."""
    if target in {"exchange", "renames"}:
        return marker.exists()
    staging = list(output.parent.glob("output.build-*"))
    if not staging:
        return False
    written = sum(1 for _ in staging[0].rglob("*.html"))
    return {"reading": True, "rendering": written > 0, "indexing": written >= pages}[target]


def phase(output: Path, mode: str, returncode: int, pages: int) -> str:
    """Where the build was when it died, from what it left behind (``pages``: HTML files)."""
    if returncode == 0:
        return "finished"
    if mode != "plain":
        return f"swap ({mode})"
    staging = list(output.parent.glob("output.build-*"))
    if not staging:
        return "starting"
    written = sum(1 for _ in staging[0].rglob("*.html"))
    if written >= pages:
        return "indexing"  # or removing the previous site, after the exchange
    return "rendering" if written else "reading"


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_the_last_good_site(tmp_path: Path):
    output = tmp_path / "site" / "output"
    settings = tmp_path / "fixtureconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"PATH = {str(FIXTURE_CONTENT)!r}\n"
    )
    marker = tmp_path / "swap-began"
    began = time.monotonic()
    assert start(output, settings, "plain", marker).wait() == 0
    length = time.monotonic() - began
    good = snapshot(output)
    pages = sum(1 for _ in output.rglob("*.html"))
    assert (output / "pagefind" / "pagefind-entry.json").is_file()

    rng = random.Random(SEED)
    phases: Counter[str] = Counter()
    for i in range(KILLS):
        target = TARGETS[i % len(TARGETS)]
        mode = target if target in {"exchange", "renames"} else "plain"
        marker.unlink(missing_ok=True)
        process = start(output, settings, mode, marker)
        if target == "anywhere":
            # A little more than a whole build, so a late kill may find the build finished.
            time.sleep(rng.uniform(0, 1.2 * length))
        else:
            deadline = time.monotonic() + 60
            while not reached(target, output, marker, pages):
                assert process.poll() is None and time.monotonic() < deadline, f"no {target}"
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 2 * PAUSE_SECONDS if mode != "plain" else 0.05))
        process.send_signal(signal.SIGKILL)
        returncode = process.wait()
        phases[phase(output, mode, returncode, pages)] += 1

        if output.exists():
            assert snapshot(output) == good, f"kill {i}: the site changed"
        else:
            # Killed between the fallback's two renames: the previous site waits, whole.
            (retired,) = output.parent.glob("output.old-*")
            assert snapshot(retired) == good, f"kill {i}: the retired site changed"
        build(output, FIXTURE_CONTENT)
        assert os.listdir(output.parent) == ["output"], f"kill {i}: leftovers"
        assert snapshot(output) == good, f"kill {i}: the next build differs"

    logging.getLogger(__name__).warning(
        "%d kills over a %.2f s build: %s", KILLS, length, dict(sorted(phases.items()))
    )
    assert phases["swap (exchange)"] == phases["swap (renames)"] == KILLS // len(TARGETS)
    assert {"reading", "rendering", "indexing"} <= set(phases), phases
