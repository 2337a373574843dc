"""Sites built once per test session: the real content and the small fixture site."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from generator.tools.build import build_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "minimal" / "content"
_CACHES = Path(tempfile.mkdtemp(prefix="timeline-test-caches-"))
atexit.register(shutil.rmtree, _CACHES, ignore_errors=True)


def build(output: Path, content: Path | None = None, *, strict: bool = False, **overrides) -> Path:
    """Build ``content`` (the real content by default) with the project's settings.

    Not strict unless asked: the fixture content has two warnings on purpose.
    """
    settings = dict(overrides)
    # Each output folder its own entry cache, outside the folder the tests look into: a build
    # is cold unless a test builds into the same output again.
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    settings.setdefault("CACHE_PATH", str(_CACHES / name))
    if content is not None:
        settings["PATH"] = str(content)
    build_site(output, ROOT / "pelicanconf.py", settings, strict=strict)
    return output


def git(repo: Path, *args: str, when: str = "2020-01-01T12:00:00+00:00") -> None:
    """Run git in ``repo`` with a fixed author and date, whatever the machine's configuration."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(repo),
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args]
    subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the repository's own content/."""
    return build(tmp_path_factory.mktemp("real") / "output")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from tests/fixtures/minimal."""
    return build(tmp_path_factory.mktemp("fixture") / "output", FIXTURE_CONTENT)
