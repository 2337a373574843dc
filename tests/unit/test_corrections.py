"""The correction route's addresses: every part percent-encoded, read back as it was written."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from babel.support import NullTranslations

from generator.site.catalogs import load_translations
from generator.site.corrections import (
    Message,
    entry_message,
    general_message,
    issue_url,
    mail_url,
    route,
)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "theme" / "translations"
REPOSITORY = "https://github.com/owner/chronology"

TITLES = [
    "Kerry & Lavrov agree #2 on Syria",
    "Lavrov says 100% ready?",
    "Raqqa\u00a0: Lavrov dit Moscou disposée à coordonner",
    "Путин и Трамп в Хельсинки",
    "a+b = c; /path/?q=1",
]


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)


@pytest.mark.parametrize("title", TITLES)
def test_an_issue_form_carries_the_title_and_body_as_written(title):
    path = "content/events/2016/2016-05-24-kerry & lavrov #2.md"
    message = entry_message(title, path, "https://example.org/events/x/", NullTranslations())
    url = issue_url(REPOSITORY, message)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        "/owner/chronology/issues/new",
    )
    assert parts.fragment == ""  # a "#" in the title stays inside the query
    assert query(url) == {
        "title": [f"Correction: {title}"],
        "body": [
            f"Entry: {path}\nPage: https://example.org/events/x/\n\n"
            "What is wrong, and a source that shows it:\n"
        ],
    }


def test_spaces_are_percent_encoded_and_nothing_is_left_raw():
    url = issue_url(REPOSITORY, Message("a b&c", "d/e"))
    assert url == f"{REPOSITORY}/issues/new?title=a%20b%26c&body=d%2Fe"


def test_a_repository_with_a_trailing_slash_gets_one_slash():
    assert issue_url(REPOSITORY + "/", Message("s", "b")).startswith(f"{REPOSITORY}/issues/new?")


def test_an_email_link_uses_crlf_line_breaks_and_keeps_the_address():
    url = mail_url("fixes+chronology@example.org", Message("Correction: A & B", "one\ntwo\n"))
    assert url.startswith("mailto:fixes%2Bchronology@example.org?")
    assert unquote(urlsplit(url).path) == "fixes+chronology@example.org"
    assert query(url) == {"subject": ["Correction: A & B"], "body": ["one\r\ntwo\r\n"]}


def test_the_french_message_is_in_french_with_french_spacing():
    words = load_translations(TRANSLATIONS, "fr")
    message = entry_message("Raqqa", "content/x.fr.md", "/fr/events/x/", words)
    assert message.subject == "Correction\u00a0: Raqqa"
    assert message.body.startswith("Entrée\u00a0: content/x.fr.md\nPage\u00a0: /fr/events/x/\n")
    assert general_message(words).subject == "Correction de la chronologie"


def test_a_route_has_only_what_is_set():
    message = Message("s", "b")
    assert not route(None, None, message)
    issue_only = route(REPOSITORY, None, message)
    assert issue_only and issue_only.issue and issue_only.mail is None and issue_only.email is None
    mail_only = route(None, "a@example.org", message)
    assert mail_only and mail_only.issue is None
    assert mail_only.mail == "mailto:a@example.org?subject=s&body=b"
    assert mail_only.email == "a@example.org"
