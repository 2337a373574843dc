"""The README's field tables come from the schema and must stay current."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.schemas import EVENT_SCHEMA
from generator.site.settings import SETTINGS
from generator.tools import docs

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_tables_are_current():
    assert docs.main([str(ROOT / "README.md"), "--check"]) == 0


def test_the_readme_has_every_table_the_check_covers():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in [*docs.SCHEMAS, docs.SETTINGS_BLOCK]:
        assert f"<!-- schema:{name} -->" in text, name


def test_every_setting_has_a_row_with_its_default_and_doc():
    rows = docs.settings_table(SETTINGS).splitlines()[2:]
    assert [row.split("|")[1].strip() for row in rows] == [f"`{n}`" for n in SETTINGS]
    assert rows[list(SETTINGS).index("TIMELINE_HOME_EVENTS")] == (
        "| `TIMELINE_HOME_EVENTS` | `150` | a positive integer | Most events the home page "
        "lists: the most recent whole years that fit (at least one); every year is on its "
        "decade's page. |"
    )
    assert all(row.split("|")[4].strip() for row in rows)


def test_every_event_field_has_a_row_with_its_doc():
    rows = docs.table(EVENT_SCHEMA).splitlines()[2:]
    assert [row.split("|")[1].strip() for row in rows] == [f"`{n}`" for n in EVENT_SCHEMA]
    assert rows[0] == ("| `title` | yes | text of at most 160 characters | Headline, plain text. |")
    assert all(row.split("|")[4].strip() for row in rows)


def test_a_stale_block_is_rewritten_and_check_says_so(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text("Intro\n<!-- schema:source -->\nold\n<!-- /schema:source -->\nEnd\n")
    assert docs.main([str(readme), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert docs.main([str(readme)]) == 0
    text = readme.read_text()
    assert "old" not in text
    assert "| `publisher` | yes | text of at most 200 characters |" in text
    assert text.startswith("Intro\n<!-- schema:source -->\n| Field |")
    assert text.endswith("<!-- /schema:source -->\nEnd\n")
    assert docs.main([str(readme), "--check"]) == 0


def test_an_unknown_block_is_refused(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("<!-- schema:evnt -->\n<!-- /schema:evnt -->\n")
    with pytest.raises(SystemExit, match="unknown schema block 'evnt'"):
        docs.main([str(readme)])
