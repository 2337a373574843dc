"""Fixtures shared by the unit tests: the minimal content tree and its registries."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.registry import Registries, load_registries

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@pytest.fixture(scope="session")
def minimal_site() -> Path:
    """The folder holding the minimal fixture's ``content/``; paths are shown relative to it."""
    return MINIMAL


@pytest.fixture(scope="session")
def registries() -> Registries:
    """The fixture's kinds, actors, places and threads."""
    return load_registries(MINIMAL / "content" / "data", MINIMAL)
