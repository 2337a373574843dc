"""What a link's result tells the editor at each place it is cited."""

from __future__ import annotations

import pytest

from generator.content.problems import Problem
from generator.tools.citations import Citation
from generator.tools.linkcheck import LinkResult
from generator.tools.links import problem_for

PATH = "content/events/2016/2016-05-24-offer.md"
BROKEN = LinkResult("broken", "404 Not Found", 404)


@pytest.mark.parametrize(
    ("field", "has_archive", "hint"),
    [
        ("sources[1].url", False, "add an archive link"),
        ("sources[1].url", True, "find its new address, or keep only the archive link"),
        ("sources[1].archive", True, "replace it with a working snapshot"),
    ],
)
def test_a_broken_link_is_an_error_with_a_hint_for_what_the_source_has(field, has_archive, hint):
    citation = Citation(PATH, 12, field, "https://a.example/x", has_archive)
    assert problem_for(citation, BROKEN) == Problem(PATH, 12, field, "404 Not Found", hint=hint)


def test_a_moved_link_is_a_warning_that_keeps_the_cited_fragment():
    moved = LinkResult("moved", "permanent redirect (308)", 308, "https://b.example/y")
    citation = Citation(PATH, 12, "sources[1].url", "https://a.example/x#para")
    assert str(problem_for(citation, moved)) == (
        f"{PATH}:12: sources[1].url: warning: permanent redirect (308) "
        "(hint: replace it with https://b.example/y#para)"
    )


def test_a_working_link_says_nothing():
    citation = Citation(PATH, 12, "sources[1].url", "https://a.example/x")
    assert problem_for(citation, LinkResult("ok", "200 OK", 200)) is None
