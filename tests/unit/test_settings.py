"""Every TIMELINE_* setting is declared once and checked when the build starts, all at once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator.content.problems import ConfigError, ContentError, SettingsError
from generator.site.settings import SETTINGS, SETTINGS_FILE, assignment_lines, checked_settings


def problems(settings: dict, source: str | None = None) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        checked_settings(settings, source)
    return [str(p) for p in caught.value.problems]


def test_left_out_settings_take_their_defaults():
    assert checked_settings({}) == {
        "TIMELINE_EVENTS_PATH": "events",
        "TIMELINE_DATA_PATH": "data",
        "TIMELINE_TODAY": None,
        "TIMELINE_HISTORY_URL": None,
        "TIMELINE_REPOSITORY_URL": None,
        "TIMELINE_CORRECTIONS_EMAIL": None,
        "TIMELINE_HOME_EVENTS": 150,
        "TIMELINE_SEARCH": True,
        "TIMELINE_FACET_PAGE_EVENTS": 100,
        "TIMELINE_SEARCH_PAGES_PER_INDEX": 20000,
        "TIMELINE_FEED_AUTHOR": None,
        "TIMELINE_FEED_ITEMS": 50,
        "TIMELINE_FACET_FEED_MIN_EVENTS": 3,
        "TIMELINE_CALENDAR_UID_DOMAIN": "rus-us-chronology",
        "TIMELINE_WORKERS": None,
        "TIMELINE_LICENSE_NAME": "CC BY 4.0",
        "TIMELINE_LICENSE_URL": "https://creativecommons.org/licenses/by/4.0/",
        "TIMELINE_ENTRY_CACHE": True,
        "TIMELINE_YEAR_SAVE_AS": "",
        "TIMELINE_PAGE_CACHE": True,
    }


def test_good_values_are_kept_and_folders_normalized():
    settings = {
        "TIMELINE_EVENTS_PATH": "entries/",
        "TIMELINE_DATA_PATH": "registries/v2",
        "TIMELINE_TODAY": date(2024, 1, 1),
        "TIMELINE_HISTORY_URL": "https://example.org/{commit}/{path}",
        "TIMELINE_REPOSITORY_URL": "https://github.com/o/r",
        "TIMELINE_CORRECTIONS_EMAIL": "fixes@example.org",
        "TIMELINE_HOME_EVENTS": 1,
        "TIMELINE_SEARCH": False,
        "TIMELINE_SEARCH_PAGES_PER_INDEX": 500,
        "TIMELINE_FACET_PAGE_EVENTS": 25,
        "TIMELINE_FEED_AUTHOR": "The editors",
        "TIMELINE_FEED_ITEMS": 7,
        "TIMELINE_FACET_FEED_MIN_EVENTS": 1,
        "TIMELINE_CALENDAR_UID_DOMAIN": "chronology.example.org",
        "TIMELINE_WORKERS": 2,
        "TIMELINE_ENTRY_CACHE": False,
        "TIMELINE_PAGE_CACHE": False,
        "TIMELINE_YEAR_SAVE_AS": "archive/{date:%Y}.html",
        "TIMELINE_LICENSE_NAME": "CC0 1.0",
        "TIMELINE_LICENSE_URL": "https://creativecommons.org/publicdomain/zero/1.0/",
        "SITENAME": "not ours, left alone",
    }
    values = checked_settings(settings)
    assert values == {
        **{k: v for k, v in settings.items() if k.startswith("TIMELINE_")},
        "TIMELINE_EVENTS_PATH": "entries",
    }


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TIMELINE_HOME_EVENTS", "150", "expected a positive integer, got '150' "
         "(hint: write 150 without quotes)"),
        ("TIMELINE_HOME_EVENTS", 0, "expected a positive integer, got 0"),
        ("TIMELINE_HOME_EVENTS", True, "expected a positive integer, got True"),
        ("TIMELINE_HOME_EVENTS", None, "expected a positive integer, got nothing"),
        ("TIMELINE_FEED_ITEMS", -1, "expected a positive integer, got -1"),
        ("TIMELINE_FEED_ITEMS", 2.5, "expected a positive integer, got 2.5"),
        ("TIMELINE_FACET_FEED_MIN_EVENTS", 0, "expected a positive integer, got 0"),
        ("TIMELINE_FACET_PAGE_EVENTS", 0, "expected a positive integer, got 0"),
        ("TIMELINE_CALENDAR_UID_DOMAIN", "https://example.org", "expected letters, digits, "
         "dots and hyphens, got 'https://example.org' (hint: write the host name alone, "
         "e.g. 'example.org')"),
        ("TIMELINE_CALENDAR_UID_DOMAIN", "my site", "expected letters, digits, dots and "
         "hyphens, got 'my site'"),
        ("TIMELINE_CALENDAR_UID_DOMAIN", "a@b", "expected letters, digits, dots and "
         "hyphens, got 'a@b'"),
        ("TIMELINE_CALENDAR_UID_DOMAIN", "", "expected letters, digits, dots and hyphens, "
         "got ''"),
        ("TIMELINE_CALENDAR_UID_DOMAIN", None, "expected letters, digits, dots and hyphens, "
         "got nothing"),
        ("TIMELINE_SEARCH", "False", "expected True or False, got 'False' "
         "(hint: write False without quotes)"),
        ("TIMELINE_SEARCH", 0, "expected True or False, got 0"),
        ("TIMELINE_TODAY", "2024-01-01", "expected a datetime.date, got '2024-01-01' "
         "(hint: write date(2024, 1, 1), with from datetime import date)"),
        ("TIMELINE_TODAY", datetime(2024, 3, 5, 12, tzinfo=UTC), "expected a datetime.date, got "
         "datetime.datetime(2024, 3, 5, 12, 0, tzinfo=datetime.timezone.utc) "
         "(hint: write date(2024, 3, 5), with from datetime import date)"),
        ("TIMELINE_TODAY", "soon", "expected a datetime.date, got 'soon'"),
        ("TIMELINE_EVENTS_PATH", "/srv/events", "expected a folder inside PATH, such as "
         "'events', got '/srv/events'"),
        ("TIMELINE_DATA_PATH", "../data", "expected a folder inside PATH, such as 'events', "
         "got '../data'"),
        ("TIMELINE_DATA_PATH", "", "expected a folder inside PATH, such as 'events', got ''"),
        ("TIMELINE_DATA_PATH", ["data"], "expected a folder inside PATH, such as 'events', "
         "got a list"),
        ("TIMELINE_HISTORY_URL", "github.com/o/r/{path}", "expected an absolute http(s) URL, "
         "got 'github.com/o/r/{path}'"),
        ("TIMELINE_HISTORY_URL", "https://example.org/{file}", "expected only the "
         "placeholders {path} and {commit}, got 'https://example.org/{file}'"),
        ("TIMELINE_HISTORY_URL", "https://example.org/{path", "expected only the "
         "placeholders {path} and {commit}, got 'https://example.org/{path' "
         "(hint: write a literal brace as {{ or }})"),
        ("TIMELINE_REPOSITORY_URL", "http://github.com/o/r", "expected an absolute https URL "
         "without query or fragment, got 'http://github.com/o/r' "
         "(hint: e.g. 'https://github.com/OWNER/REPO')"),
        ("TIMELINE_REPOSITORY_URL", "https://github.com/o/r#readme", "expected an absolute "
         "https URL without query or fragment, got 'https://github.com/o/r#readme' "
         "(hint: e.g. 'https://github.com/OWNER/REPO')"),
        ("TIMELINE_REPOSITORY_URL", "github.com/o/r", "expected an absolute http(s) URL, "
         "got 'github.com/o/r'"),
        ("TIMELINE_CORRECTIONS_EMAIL", "mailto:a@example.org", "expected an email address, "
         "got 'mailto:a@example.org' (hint: leave out 'mailto:')"),
        ("TIMELINE_CORRECTIONS_EMAIL", "a b@example.org", "expected an email address, "
         "got 'a b@example.org'"),
        ("TIMELINE_CORRECTIONS_EMAIL", "someone", "expected an email address, got 'someone'"),
        ("TIMELINE_YEAR_SAVE_AS", "/years/{date:%Y}/index.html", "expected a relative path "
         "with a {date:...} placeholder, got '/years/{date:%Y}/index.html'"),
        ("TIMELINE_YEAR_SAVE_AS", "../{date:%Y}.html", "expected a relative path with a "
         "{date:...} placeholder, got '../{date:%Y}.html'"),
        ("TIMELINE_YEAR_SAVE_AS", "years/{year}.html", "expected a relative path with a "
         "{date:...} placeholder, got 'years/{year}.html': 'year'"),
        ("TIMELINE_YEAR_SAVE_AS", None, "expected a relative path with a {date:...} "
         "placeholder, got nothing"),
    ],
)  # fmt: skip
def test_each_bad_value_is_refused_with_what_was_expected(name, value, message):
    assert problems({name: value}) == [f"settings: {name}: {message}"]


def test_a_repository_address_loses_its_trailing_slash():
    values = checked_settings({"TIMELINE_REPOSITORY_URL": "https://github.com/o/r/"})
    assert values["TIMELINE_REPOSITORY_URL"] == "https://github.com/o/r"


def test_an_unknown_name_is_refused_with_the_nearest_known_one():
    assert problems({"TIMELINE_EVENT_PATH": "x", "TIMELINE_COLOUR": "red", "OTHER": 1}) == [
        "settings: TIMELINE_COLOUR: unknown setting",
        "settings: TIMELINE_EVENT_PATH: unknown setting "
        "(hint: did you mean 'TIMELINE_EVENTS_PATH'?)",
    ]


def test_every_problem_is_reported_at_once_with_the_line_of_its_assignment(tmp_path, monkeypatch):
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(
        "from datetime import date\n"
        "TIMELINE_HOME_EVENTS = 150\n"
        "TIMELINE_TODAY = '2024-01-01'\n"
        "if True:\n"
        "    TIMELINE_HOME_EVENTS = '150'\n"
        "TIMELINE_SERACH: bool = False\n"
    )
    monkeypatch.chdir(tmp_path)
    settings = {
        "TIMELINE_HOME_EVENTS": "150",
        "TIMELINE_TODAY": "2024-01-01",
        "TIMELINE_SERACH": False,
        "TIMELINE_FEED_ITEMS": 0,  # as from an override: the file has no line for it
    }
    with pytest.raises(SettingsError) as caught:
        checked_settings(settings, "pelicanconf.py")
    assert str(caught.value).splitlines() == [
        "pelicanconf.py: TIMELINE_FEED_ITEMS: expected a positive integer, got 0",
        "pelicanconf.py:3: TIMELINE_TODAY: expected a datetime.date, got '2024-01-01' "
        "(hint: write date(2024, 1, 1), with from datetime import date)",
        "pelicanconf.py:5: TIMELINE_HOME_EVENTS: expected a positive integer, got '150' "
        "(hint: write 150 without quotes)",
        "pelicanconf.py:6: TIMELINE_SERACH: unknown setting "
        "(hint: did you mean 'TIMELINE_SEARCH'?)",
        "4 errors in 1 file",
    ]


def test_the_file_is_the_one_the_build_noted():
    settings = {SETTINGS_FILE: "publishconf.py", "TIMELINE_SEARCH": "no"}
    assert problems(settings) == [
        "publishconf.py: TIMELINE_SEARCH: expected True or False, got 'no'"
    ]


def test_a_settings_error_is_both_a_content_error_and_a_config_error():
    with pytest.raises(SettingsError) as caught:
        checked_settings({"TIMELINE_SEARCH": None})
    assert isinstance(caught.value, ContentError)
    assert isinstance(caught.value, ConfigError)


def test_assignment_lines_of_a_file_that_does_not_parse_or_exist(tmp_path: Path):
    broken = tmp_path / "broken.py"
    broken.write_text("TIMELINE_SEARCH = (\n")
    assert assignment_lines(broken) == {}
    assert assignment_lines(tmp_path / "missing.py") == {}


def test_assignment_lines_find_augmented_and_tuple_assignments(tmp_path: Path):
    conf = tmp_path / "conf.py"
    conf.write_text("TIMELINE_A, TIMELINE_B = 1, 2\nTIMELINE_A += 1\nOTHER = 3\n")
    assert assignment_lines(conf) == {"TIMELINE_A": 2, "TIMELINE_B": 1}


def test_every_setting_has_a_doc_and_a_default_that_passes_its_own_check():
    for name, option in SETTINGS.items():
        assert option.doc.endswith("."), name
    assert checked_settings({name: option.default for name, option in SETTINGS.items()})


def test_an_event_address_other_than_the_one_the_checks_know_is_refused():
    assert problems({"ARTICLE_URL": "{slug}.html"}) == [
        "settings: ARTICLE_URL: must be 'events/{slug}/', the event address the checks know "
        "(hint: set it to EVENT_PATH)"
    ]
    assert "ARTICLE_URL" not in checked_settings({"ARTICLE_URL": "events/{slug}/"})


def test_pelicans_own_year_archives_are_refused_for_their_quadratic_grouping():
    assert problems({"YEAR_ARCHIVE_SAVE_AS": "years/{date:%Y}/index.html"}) == [
        "settings: YEAR_ARCHIVE_SAVE_AS: must be empty: Pelican groups the years in quadratic "
        "time (hint: set TIMELINE_YEAR_SAVE_AS)"
    ]
    assert "YEAR_ARCHIVE_SAVE_AS" not in checked_settings({"YEAR_ARCHIVE_SAVE_AS": ""})


def test_pelicans_own_pairing_of_translations_is_refused_for_its_quadratic_time():
    assert problems({"ARTICLE_TRANSLATION_ID": "slug"}) == [
        "settings: ARTICLE_TRANSLATION_ID: must be None: the plugin pairs translations by "
        "slug, in linear time (hint: set it to None)"
    ]
    assert "ARTICLE_TRANSLATION_ID" not in checked_settings({"ARTICLE_TRANSLATION_ID": None})


def test_pelicans_default_author_is_refused_for_its_quadratic_grouping():
    assert problems({"AUTHOR": "The editors"}) == [
        "settings: AUTHOR: must not be set: Pelican groups each author's events in quadratic "
        "time (hint: set TIMELINE_FEED_AUTHOR)"
    ]
