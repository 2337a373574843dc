"""Fixtures shared by the tests: the minimal content tree, its registries, a local web server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content.registries import Registries, load_registries
from tests.linkserver import LinkServer

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@pytest.fixture(scope="session")
def minimal_site() -> Path:
    """The folder holding the minimal fixture's ``content/``; paths are shown relative to it."""
    return MINIMAL


@pytest.fixture(scope="session")
def registries() -> Registries:
    """The fixture's kinds, actors, places and threads."""
    return load_registries(MINIMAL / "content" / "data", MINIMAL)


@pytest.fixture
def link_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LinkServer]:
    """A web server on 127.0.0.1 for the link checker, reached directly whatever proxy is set."""
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    server = LinkServer()
    yield server
    server.close()
