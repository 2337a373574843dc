"""What a page's digest holds, and the manifest that keeps digests between builds."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from generator.site.pagereuse import (
    Manifest,
    PageInputs,
    event_page_entries,
    identity,
    settings_version,
)
from generator.site.plan import PlannedPage


class Keys:
    """Stands in for the entry cache: a reading key per file."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys

    def key(self, path: Path) -> str:
        return self.keys[str(path)]


def article(path: str, **attributes) -> SimpleNamespace:
    fields = {"source_path": path, "translations": [], "history": None}
    return SimpleNamespace(**{**fields, **attributes})


def test_the_build_folder_is_not_in_the_settings_digest():
    one = {"OUTPUT_PATH": "/srv/out.build-1-abc", "SUBSITES": {"fr": "/srv/out.build-1-abc/fr"}}
    two = {"OUTPUT_PATH": "/srv/out.build-2-xyz", "SUBSITES": {"fr": "/srv/out.build-2-xyz/fr"}}
    assert settings_version(one, "/srv/out.build-1-abc") == settings_version(
        two, "/srv/out.build-2-xyz"
    )
    changed = {**two, "SITEURL": "https://example.org"}
    assert settings_version(changed, "/srv/out.build-2-xyz") != settings_version(
        two, "/srv/out.build-2-xyz"
    )


def test_objects_and_private_names_are_left_out_of_the_settings_digest():
    base = {"SITENAME": "x"}
    assert settings_version({**base, "JINJA_FILTERS": {"f": len}}, "/o") == settings_version(
        base, "/o"
    )
    assert settings_version({**base, "_TIMELINE_BUILD": object()}, "/o") == settings_version(
        base, "/o"
    )


def test_an_entry_digest_holds_its_key_history_and_translations():
    keys = Keys({"a.md": "k1", "b.md": "k2"})
    plain = PageInputs("run", (), keys, Path("/")).entry_digest(article("a.md"))  # type: ignore[arg-type]
    assert plain != PageInputs("run", (), keys, Path("/")).entry_digest(article("b.md"))  # type: ignore[arg-type]
    committed = article("a.md")
    committed.history = ("2020-01-01", "abc")
    assert PageInputs("run", (), keys, Path("/")).entry_digest(committed) != plain  # type: ignore[arg-type]
    translated = article("a.md", translations=[article("a.fr.md")])
    assert PageInputs("run", (), keys, Path("/")).entry_digest(translated) != plain  # type: ignore[arg-type]


def test_a_page_outside_the_plan_or_of_a_standalone_template_is_always_rendered():
    keys = Keys({"content/pages/about.md": "k"})
    plan = [PlannedPage("about/index.html", "en", "page", ("content/pages/about.md",))]
    inputs = PageInputs("run", plan, keys, Path("/"))  # type: ignore[arg-type]
    assert inputs.digest("about/index.html", {}) is None
    assert inputs.digest("unplanned.html", {}) is None


def test_a_list_page_digest_follows_its_entries_and_their_order():
    keys = Keys({"/r/a.md": "ka", "/r/b.md": "kb"})
    entries = [article("/r/a.md"), article("/r/b.md")]

    def digest(order: tuple[str, ...], run: str = "run") -> str | None:
        plan = [PlannedPage("years/2016/index.html", "en", "period_archives", order)]
        inputs = PageInputs(run, plan, keys, Path("/r"))  # type: ignore[arg-type]
        inputs.remember(entries)
        return inputs.digest("years/2016/index.html", {})

    assert digest(("a.md", "b.md")) == digest(("a.md", "b.md"))
    assert digest(("a.md", "b.md")) != digest(("b.md", "a.md"))
    assert digest(("a.md", "b.md")) != digest(("a.md",))
    assert digest(("a.md", "b.md")) != digest(("a.md", "b.md"), run="other")


def test_a_files_digest_follows_its_names_entries_and_key():
    keys = Keys({"a.md": "ka", "b.md": "kb"})
    inputs = PageInputs("run", (), keys, Path("/"))  # type: ignore[arg-type]
    a, b = article("a.md"), article("b.md")
    feed = inputs.files_digest(["feeds/x.atom.xml"], [a, b], "2024")
    assert feed == inputs.files_digest(["feeds/x.atom.xml"], [a, b], "2024")
    assert feed != inputs.files_digest(["calendars/x.ics"], [a, b], "2024")
    assert feed != inputs.files_digest(["feeds/x.atom.xml"], [a], "2024")
    assert feed != inputs.files_digest(["feeds/x.atom.xml"], [b, a], "2024")
    assert feed != inputs.files_digest(["feeds/x.atom.xml"], [a, b], "2025")  # the stamp
    other_run = PageInputs("other", (), keys, Path("/"))  # type: ignore[arg-type]
    assert feed != other_run.files_digest(["feeds/x.atom.xml"], [a, b], "2024")


def test_an_event_page_shows_its_neighbours_and_related_events():
    before, after, near = article("p.md"), article("n.md"), article("r.md")
    event = article("e.md", prev_event=before, next_event=after, related=[near])
    assert event_page_entries(event) == [event, before, after, near]
    first = article("x.md", prev_event=None, next_event=after, related=[])
    assert event_page_entries(first) == [first, after]


def test_the_manifest_is_kept_for_its_output_only(tmp_path: Path):
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text("x")
    found = identity(page)
    assert found is not None
    manifest = Manifest(str(tmp_path / "site"), {"index.html": ("d", found)})
    file = tmp_path / "cache" / "pages.json"
    manifest.save(file)
    assert Manifest.load(file, tmp_path / "site").pages == {"index.html": ("d", found)}
    assert Manifest.load(file, tmp_path / "elsewhere").pages == {}
    file.write_text("{not json")
    assert Manifest.load(file, tmp_path / "site").pages == {}
    assert identity(tmp_path / "missing") is None
