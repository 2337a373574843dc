"""The benchmark's synthetic content: valid for our checker, mirrored for vanilla, reproducible."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.content.checks import check_tree
from generator.content.frontmatter import read_document

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "benchmarks" / "generate.py"
ENTRIES = 30
# Every generated date is before July 2026; a fixed day keeps the check reproducible.
TODAY = date(2026, 7, 1)


def generate(out: Path) -> Path:
    subprocess.run([sys.executable, str(GENERATE), str(ENTRIES), str(out)], check=True)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench"))


def test_our_tree_passes_our_checker_without_errors_or_warnings(generated):
    content = generated / "ours" / "content"
    events, problems = check_tree(content, content.parent, TODAY)
    assert [str(p) for p in problems] == []
    assert len(events) == ENTRIES
    assert {e.kind.id for e in events} > {"agreement"}  # kinds from the real registry
    assert any(e.date.start.precision == "month" for e in events)
    assert any(e.thread for e in events)
    assert all(len(e.summary) >= 60 for e in events)
    for event in events:
        assert event.sources
        assert all(s.publisher and s.title and s.date for s in event.sources)
        assert all(s.url.startswith("https://example.org/") for s in event.sources)


def test_file_names_match_the_dates(generated):
    paths = sorted((generated / "ours" / "content" / "events").rglob("*.md"))
    assert len(paths) == ENTRIES
    slugs = set()
    for path in paths:
        doc = read_document(path, path.name)
        iso = doc.fields["date"].value
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", iso)
        assert path.name.startswith(f"{iso}-")
        assert not re.match(r"\d", path.name.removeprefix(f"{iso}-"))
        assert path.parent.name == iso[:4]
        assert 1960 <= int(iso[:4]) <= 2026
        slugs.add(path.name.removeprefix(f"{iso}-"))
    assert len(slugs) == ENTRIES


def test_vanilla_tree_has_the_same_entries(generated):
    def titles(paths):
        return sorted(
            re.search(r"^(?:title|Title): \"?(.*?)\"?$", p.read_text(), re.MULTILINE)[1]
            for p in paths
        )

    ours = sorted((generated / "ours" / "content" / "events").rglob("*.md"))
    vanilla = sorted(
        p for p in (generated / "vanilla" / "content").rglob("*.md") if "pages" not in p.parts
    )
    assert len(vanilla) == len(ours) == ENTRIES
    assert titles(vanilla) == titles(ours)
    assert [p.name for p in vanilla] == [p.name for p in ours]
    assert (generated / "vanilla" / "pelicanconf.py").is_file()
    assert "RELATIVE_URLS = True" in (generated / "vanilla" / "pelicanconf.py").read_text()


def test_generation_is_deterministic(generated, tmp_path):
    again = generate(tmp_path / "again")
    assert files(again) == files(generated)
