"""Sites built once per test session: the real content and the small fixture site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "minimal" / "content"


def build(output: Path, content: Path | None = None, **overrides) -> Path:
    """Build ``content`` (the real content by default) with the project's settings."""
    settings = dict(overrides)
    if content is not None:
        settings["PATH"] = str(content)
    build_site(output, ROOT / "pelicanconf.py", settings)
    return output


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the repository's own content/."""
    return build(tmp_path_factory.mktemp("real") / "output")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from tests/fixtures/minimal."""
    return build(tmp_path_factory.mktemp("fixture") / "output", FIXTURE_CONTENT)
