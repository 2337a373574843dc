"""The `timeline` command as an editor and CI use it: new, check, stats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.tools.cli import main
from generator.tools.scaffold import slug_for

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "minimal" / "content"
NEW = [
    "new",
    "Lavrov offers talks on Raqqa",
    "--date",
    "2016-05-26",
    "--kind",
    "statement",
    "--actor",
    "sergei-lavrov",
    "--actor",
    "russia",
    "--place",
    "raqqa",
    "--thread",
    "raqqa-2016",
]
NEW_PATH = "content/events/2016/2016-05-26-lavrov-offers-talks-on-raqqa.md"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture content, with the working directory beside it as editors have it."""
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    shutil.copy(ROOT / "pelicanconf.py", tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_writes_a_skeleton_that_check_turns_into_a_todo_list(site, capsys):
    code, out, _ = run(capsys, *NEW)
    assert code == 0
    assert out.splitlines() == [
        f"wrote {NEW_PATH}",
        f"fill it in, then run: timeline check {NEW_PATH}",
    ]
    text = (site / NEW_PATH).read_text()
    assert 'title: "Lavrov offers talks on Raqqa"\n' in text
    assert "actors: [sergei-lavrov, russia]\n" in text
    assert "# One or two sentences in our own words: who did what, and where.\nsummary:\n" in text
    code, out, _ = run(capsys, "check", NEW_PATH)
    assert code == 1
    assert out.splitlines() == [
        f"{NEW_PATH}:15: summary: required",
        f"{NEW_PATH}:17: sources: warning: no source has a url, so readers cannot check the "
        "entry; add one where known",
        f"{NEW_PATH}:19: sources[1].publisher: required",
        f"{NEW_PATH}:21: sources[1].title: required",
        f"{NEW_PATH}:23: sources[1].date: warning: no date: give its publication date, at the "
        "precision known (hint: if it has none of its own, say why in 'undated')",
        f"{NEW_PATH}:30: body: empty: write what happened, in our own words",
    ]


def test_a_filled_in_skeleton_passes(site, capsys):
    run(capsys, *NEW)
    path = site / NEW_PATH
    text = path.read_text()
    text = text.replace("summary:\n", "summary: In Tashkent, Lavrov offers to talk about Raqqa.\n")
    text = text.replace("publisher:\n", "publisher: Example Wire\n", 1)
    text = text.replace("    title:\n", "    title: Lavrov offers talks\n", 1)
    text = text.replace("url:\n", "url: https://news.example/talks\n", 1)
    text = text.replace("    date:\n", "    date: 2016-05-26\n", 1)
    path.write_text(text + "Lavrov offered talks.\n")
    code, out, _ = run(capsys, "check", "--strict", NEW_PATH)
    assert (code, out) == (
        1,
        f"{NEW_PATH}:15: summary: warning: very short (47 characters); "
        "say who did what, and where\n",
    )
    code, out, _ = run(capsys, "check", NEW_PATH)
    assert code == 0


def test_new_never_overwrites(site, capsys):
    run(capsys, *NEW)
    path = site / NEW_PATH
    path.write_text("edited by hand")
    code, _, err = run(capsys, *NEW, "--slug", "lavrov-offers-talks-on-raqqa")
    assert code == 1
    assert err == (
        "error: the slug 'lavrov-offers-talks-on-raqqa' is already used by "
        f"{NEW_PATH}; pass --slug\n"
    )
    assert path.read_text() == "edited by hand"


def test_new_refuses_a_slug_used_on_another_date(site, capsys):
    code, _, err = run(capsys, *NEW, "--slug", "offer")
    assert code == 1
    assert err == (
        "error: the slug 'offer' is already used by "
        "content/events/2016/2016-05-24-offer.fr.md; pass --slug\n"
    )


def test_new_checks_its_arguments_with_the_entry_schema(site, capsys):
    argv = [*NEW]
    argv[argv.index("statement")] = "statment"
    argv[argv.index("russia")] = "rusia"
    argv[argv.index("2016-05-26")] = "2016-02-30"
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "timeline new: --actor: unknown id 'rusia', expected an id from "
        "content/data/actors.yml (hint: did you mean 'russia'?)",
        "timeline new: --date: not a calendar date: February 2016 has 29 days, got '2016-02-30'",
        "timeline new: --kind: unknown id 'statment', expected an id from "
        "content/data/kinds.yml (hint: did you mean 'statement'?)",
    ]
    assert not (
        site / "content" / "events" / "2016" / "2016-02-30-lavrov-offers-talks-on-raqqa.md"
    ).exists()


def test_new_needs_title_date_kind_and_actor(site, capsys):
    code, _, err = run(capsys, "new", "--date", "2016-05-26")
    assert code == 2
    assert err == "error: timeline new needs TITLE, --kind, --actor\n"


def test_new_refuses_an_end_before_the_date_and_a_bad_slug(site, capsys):
    code, _, err = run(capsys, *NEW, "--end", "2016-05-01", "--slug", "Bad_Slug")
    assert code == 2
    assert err.splitlines() == [
        "timeline new: --end: end 2016-05-01 precedes date 2016-05-26",
        "timeline new: --slug: expected lowercase letters, digits and hyphens, got 'Bad_Slug'",
    ]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Lavrov says Moscow is ready", "lavrov-says-moscow-is-ready"),
        ("Kerry & Lavrov: the “Geneva” arrangement", "kerry-lavrov-the-geneva-arrangement"),
        ("Sergueï Lavrov à Tachkent", "serguei-lavrov-a-tachkent"),
        ("snake_case and  double  spaces", "snake-case-and-double-spaces"),
        ("A" * 30 + " " + "b" * 40, "a" * 30),
    ],
)
def test_slugs_made_from_titles(title, slug):
    assert slug_for(title) == slug


def test_translate_writes_the_translation_beside_its_original(site, capsys):
    original = site / "content" / "events" / "2016" / "2016-05-20-refusal.md"
    code, out, _ = run(capsys, "new", "--translate", "refusal", "--lang", "fr")
    assert code == 0
    path = original.with_name("2016-05-20-refusal.fr.md")
    assert out.startswith(f"wrote {path.relative_to(site)}\n")
    text = path.read_text()
    assert text.startswith(
        "---\n# Translation of content/events/2016/2016-05-20-refusal.md: "
        '"A refusal four days earlier"\n'
    )
    assert "\nlang: fr\n---\n" in text
    shown = str(path.relative_to(site))
    code, out, _ = run(capsys, "check", shown)
    assert code == 1
    assert [line.split(": ", 2)[1] for line in out.splitlines()] == ["title", "summary", "body"]
    path.write_text(
        text.replace("title:\n", "title: Un refus quatre jours plus tôt\n").replace(
            "summary:\n",
            "summary: Un refus daté au jour près, quatre jours avant l'offre de test.\n",
        )
        + "Le refus.\n"
    )
    assert run(capsys, "check", "--strict", shown)[:2] == (0, "")


def test_translate_needs_an_existing_slug_and_a_site_language(site, capsys):
    assert run(capsys, "new", "--translate", "nowhere", "--lang", "fr")[0] == 1
    code, _, err = run(capsys, "new", "--translate", "refusal", "--lang", "de")
    assert (code, err) == (2, "error: --lang must be one of fr\n")
    code, _, err = run(capsys, "new", "--translate", "offer", "--lang", "fr")
    assert code == 1
    assert err.endswith("already exists; it was left as it is\n")


def test_check_with_paths_reports_only_those(site, capsys):
    code, out, _ = run(capsys, "check", "content/events/2015")
    assert code == 0
    assert out.splitlines() == [
        "content/events/2015/2015-span.md:9: sources: warning: no source has a url, "
        "so readers cannot check the entry; add one where known"
    ]
    assert run(capsys, "check", "content/events/2017")[:2] == (0, "")
    code, _, err = run(capsys, "check", "content/events/1999")
    assert (code, err) == (2, "error: no such file or folder: content/events/1999\n")


def test_strict_fails_on_warnings(site, capsys):
    code, _, err = run(capsys, "check")
    assert code == 0
    checked = "checked 5 entries, 1 translation, 2 pages and 5 registries"
    assert err == f"{checked}: no errors, 2 warnings\n"
    code, _, err = run(capsys, "check", "--strict")
    assert code == 1
    assert err == f"{checked}: no errors, 2 warnings, which fail with --strict\n"


def test_check_as_json(site, capsys):
    entry = site / "content" / "events" / "2016" / "2016-05-20-refusal.md"
    entry.write_text(entry.read_text().replace("kind: refusal", "kind: refusl"))
    code, out, err = run(capsys, "check", "--format", "json")
    assert (code, err) == (1, "")
    records = json.loads(out)
    assert records[1] == {
        "path": "content/events/2016/2016-05-20-refusal.md",
        "line": 4,
        "field": "kind",
        "severity": "error",
        "message": "unknown id 'refusl', expected an id from content/data/kinds.yml",
        "hint": "did you mean 'refusal'?",
    }
    assert [r["severity"] for r in records] == ["warning", "error", "warning"]


def test_check_as_github_annotations(site, capsys):
    entry = site / "content" / "events" / "2016" / "2016-05-20-refusal.md"
    entry.write_text(entry.read_text().replace("kind: refusal", "kind: refusl"))
    code, out, _ = run(capsys, "check", "--format", "github", "content/events/2016")
    assert code == 1
    assert out.splitlines() == [
        "::error file=content/events/2016/2016-05-20-refusal.md,line=4,title=kind::"
        "unknown id 'refusl', expected an id from content/data/kinds.yml "
        "(hint: did you mean 'refusal'?)",
        "::warning file=content/events/2016/2016-05-24-offer.md,line=2,title=title::"
        "contains markup, which is shown as plain text",
    ]


def test_stats(site, capsys):
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert out.split("\n\n")[:3] == [
        "5 entries",
        "By year:\n  2015     1\n  2016     3\n  2017     1",
        "By kind:\n  agreement                   3\n  refusal                     1\n"
        "  statement                   1",
    ]
    assert "Translated into fr: 1 of 5; missing:\n  content/events/2015/2015-span.md\n" in out
    assert "Sources: 6, of which 2 without a url.\nEntries with no source url: 1\n" in out
    assert out.split("\n\n")[-1] == (
        "Sources without a date: 5, of which 5 say why:\n"
        "  content/events/2015/2015-span.md: Example Wire: Fixture report four"
        " (a test report with no date of its own)\n"
        "  content/events/2016/2016-05-month.md: Example Wire: Fixture report three"
        " (a test report with no date of its own)\n"
        "  content/events/2016/2016-05-20-refusal.md: Example Wire: Fixture report two"
        " (a test report with no date of its own)\n"
        "  content/events/2016/2016-05-24-offer.md: Named Only: A source known by name only"
        " (known by name only, its date with it)\n"
        "  content/events/2017/2017-09-21-later.md: Example Wire: Fixture report five"
        " (a test report with no date of its own)\n"
    )


def test_stats_lists_the_sources_without_a_date(site, capsys):
    entry = site / "content" / "events" / "2016" / "2016-05-20-refusal.md"
    entry.write_text(
        entry.read_text().replace("    undated: a test report with no date of its own\n", "")
    )
    entry = site / "content" / "events" / "2016" / "2016-05-month.md"
    text = entry.read_text().replace(
        "undated: a test report with no date of its own", "date: 2016-05"
    )
    entry.write_text(text)
    code, out, _ = run(capsys, "stats")
    assert code == 0
    lines = out.split("\n\n")[-1].splitlines()
    assert lines[0] == "Sources without a date: 4, of which 3 say why:"
    assert (
        "  content/events/2016/2016-05-20-refusal.md: Example Wire: Fixture report two"
        " (no reason given)" in lines
    )
    assert not any("2016-05-month.md" in line for line in lines)


@pytest.fixture
def renamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture content with other folder names, set in a settings file in its own folder."""
    source = tmp_path / "site" / "source"
    shutil.copytree(FIXTURE_CONTENT / "events", source / "entries")
    shutil.copytree(FIXTURE_CONTENT / "data", source / "registries")
    shutil.copytree(FIXTURE_CONTENT / "pages", source / "pages")
    # The project's theme: the fixture's Data page names a template of it (data.html).
    (tmp_path / "site" / "conf.py").write_text(
        'PATH = "source"\nTIMELINE_EVENTS_PATH = "entries"\nTIMELINE_DATA_PATH = "registries"\n'
        f"THEME = {str(ROOT / 'theme')!r}\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_and_new_read_the_folders_from_the_settings_file(renamed, capsys):
    settings = ["--settings", "site/conf.py"]
    code, out, err = run(capsys, "check", *settings)
    assert code == 0
    assert out.splitlines()[0].startswith("source/entries/2015/2015-span.md:9: sources: warning")
    assert (
        err == "checked 5 entries, 1 translation, 2 pages and 5 registries: no errors, 2 warnings\n"
    )
    code, out, _ = run(capsys, *NEW, *settings)
    written = "source/entries/2016/2016-05-26-lavrov-offers-talks-on-raqqa.md"
    assert (code, out.splitlines()[0]) == (0, f"wrote {written}")
    assert (renamed / "site" / written).is_file()
    code, out, _ = run(capsys, "new", "--translate", "refusal", "--lang", "fr", *settings)
    assert (code, out.splitlines()[0]) == (0, "wrote source/entries/2016/2016-05-20-refusal.fr.md")
    code, out, err = run(capsys, "stats", *settings)
    assert "Entries with no source url: 1\n  source/entries/2015/2015-span.md\n" in out
    assert err == "note: 7 errors in 2 files left out; run timeline check\n"  # the skeletons


def test_content_overrides_the_settings_path(renamed, capsys):
    shutil.copytree(renamed / "site" / "source", renamed / "copy")
    argv = ["check", "--settings", "site/conf.py", "--content", "copy"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.splitlines()[0].startswith("copy/entries/2015/2015-span.md:9:")


def test_a_bad_setting_stops_check_and_new_as_it_stops_the_build(site, capsys):
    conf = site / "pelicanconf.py"
    conf.write_text(
        conf.read_text() + "TIMELINE_DATA_PATH = '/srv/data'\nTIMELINE_EVENT_PATH = 1\n"
    )
    line = len(conf.read_text().splitlines()) - 1
    expected = [
        f"pelicanconf.py:{line}: TIMELINE_DATA_PATH: expected a folder inside PATH, such as "
        "'events', got '/srv/data'",
        f"pelicanconf.py:{line + 1}: TIMELINE_EVENT_PATH: unknown setting "
        "(hint: did you mean 'TIMELINE_EVENTS_PATH'?)",
    ]
    code, out, err = run(capsys, "check")
    assert (code, out, err.splitlines()) == (1, "", [*expected, "check failed: 2 errors in 1 file"])
    code, out, err = run(capsys, *NEW)
    assert (code, out, err.splitlines()) == (1, "", [*expected, "new failed: 2 errors in 1 file"])
    assert not (site / NEW_PATH).exists()


def test_a_missing_settings_file_is_named(site, capsys):
    (site / "pelicanconf.py").unlink()
    code, _, err = run(capsys, "check")
    assert (code, err) == (
        1,
        "error: no settings file 'pelicanconf.py': run from the site's folder or pass "
        "--settings FILE\n",
    )
    assert run(capsys, "stats", "--settings", "nowhere.py")[0] == 1


def test_check_takes_today_from_the_settings_unless_told(site, capsys):
    conf = site / "pelicanconf.py"
    conf.write_text(
        conf.read_text() + "from datetime import date\nTIMELINE_TODAY = date(2016, 1, 1)\n"
    )
    code, out, _ = run(capsys, "check", "content/events/2017")
    assert code == 0
    assert "2017-09-21 is in the future (today is 2016-01-01)" in out
    assert run(capsys, "check", "--today", "2020-01-01", "content/events/2017")[:2] == (0, "")


def test_the_summary_counts_errors_and_only_the_files_asked_for(site, capsys):
    entry = site / "content" / "events" / "2016" / "2016-05-20-refusal.md"
    entry.write_text(entry.read_text().replace("kind: refusal", "kind: refusl"))
    code, _, err = run(capsys, "check", "content/events/2016/2016-05-20-refusal.md")
    assert (code, err) == (1, "checked 1 entry: 1 error in 1 file, no warnings\n")
    code, _, err = run(capsys, "check", "content/events/2016", "content/data/kinds.yml")
    assert (code, err) == (
        1,
        "checked 3 entries, 1 translation and 1 registry: 1 error in 1 file, 1 warning\n",
    )
