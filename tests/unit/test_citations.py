"""Finding the addresses the sources cite, each with its file, line and field."""

from __future__ import annotations

from pathlib import Path

from generator.tools.citations import Citation, by_address, collect_citations

ENTRY = """\
---
title: Sources of every shape
date: 2016-05-24
kind: statement
actors: [russia]
summary: An entry whose sources have a url, an archive, both, neither or a bad one.
sources:
  - publisher: Example Wire
    title: Both links
    url: https://news.example/one#third-paragraph
    archive: https://archive.example/one
  - publisher: Example Wire
    title: No link at all
  - publisher: Example Wire
    title: An address the schema refuses
    url: javascript:alert(1)
  - publisher: Example Wire
    title: The same page again
    url: https://news.example/one
lang: en
---
Body.
"""


def test_the_fixture_sources_are_found_on_their_lines(minimal_site):
    found = collect_citations(minimal_site / "content" / "events", minimal_site)
    assert [(c.path, c.line, c.field, c.url) for c in found] == [
        ("content/events/2016/2016-05-20-refusal.md", 10, "sources[1].url", "https://news.example/two"),
        ("content/events/2016/2016-05-24-offer.fr.md", 8, "sources[1].url", "https://news.example/fr/un"),
        ("content/events/2016/2016-05-24-offer.md", 13, "sources[1].url", "https://news.example/one"),
        ("content/events/2016/2016-05-month.md", 10, "sources[1].url", "https://example.org/fixture/three"),
        ("content/events/2017/2017-09-21-later.md", 10, "sources[1].url", "https://example.org/fixture/five"),
    ]  # fmt: skip


def test_url_and_archive_are_found_and_refused_values_left_to_check(tmp_path: Path):
    events = tmp_path / "content" / "events" / "2016"
    events.mkdir(parents=True)
    (events / "2016-05-24-shapes.md").write_text(ENTRY, encoding="utf-8")
    path = "content/events/2016/2016-05-24-shapes.md"
    assert collect_citations(tmp_path / "content" / "events", tmp_path) == [
        Citation(path, 10, "sources[1].url", "https://news.example/one#third-paragraph", True),
        Citation(path, 11, "sources[1].archive", "https://archive.example/one", True),
        Citation(path, 19, "sources[4].url", "https://news.example/one", False),
    ]


def test_an_address_is_grouped_without_its_fragment(tmp_path: Path):
    events = tmp_path / "content" / "events" / "2016"
    events.mkdir(parents=True)
    (events / "2016-05-24-shapes.md").write_text(ENTRY, encoding="utf-8")
    grouped = by_address(collect_citations(tmp_path / "content" / "events", tmp_path))
    assert {url: [c.line for c in cs] for url, cs in grouped.items()} == {
        "https://news.example/one": [10, 19],
        "https://archive.example/one": [11],
    }
    assert [c.is_archive for c in grouped["https://archive.example/one"]] == [True]


def test_a_file_that_cannot_be_read_has_no_citations(tmp_path: Path):
    events = tmp_path / "events"
    events.mkdir()
    (events / "broken.md").write_text("no front matter\n", encoding="utf-8")
    (events / "list.md").write_text("---\nsources: just text\n---\nBody.\n", encoding="utf-8")
    assert collect_citations(events, tmp_path) == []
