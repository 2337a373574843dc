"""Entries, pages and the collection, checked against the minimal fixture's registries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.content.checks import (
    check_collection,
    check_event,
    check_page,
    check_page_links,
    check_translation,
    check_tree,
    content_files,
    stray_files,
    theme_templates,
)
from generator.content.dates import EventDate, PartialDate
from generator.content.frontmatter import read_document
from generator.content.model import Event, Source
from tests.factories import make_event

TODAY = date(2024, 1, 1)
NAME = "events/2016/2016-05-24-offer.md"
SHOWN = "content/" + NAME

# One field per line, so line numbers are known: title is line 2, ... lang is line 14.
FIELDS = {
    "title": "Lavrov offers to coordinate strikes",
    "date": "2016-05-24",
    "kind": "statement",
    "actors": "[sergei-lavrov, russia]",
    "places": "[raqqa]",
    "thread": "raqqa-2016",
    "summary": "In Tashkent, Russia proposes joint strikes with the United States on Raqqa.",
    "sources": (
        "\n  - publisher: Reuters\n    title: Russia proposes joint strikes"
        "\n    date: 2016-05-24\n    url: https://www.reuters.com/world/one"
    ),
    "lang": "en",
}
BODY = "Lavrov said Russia was ready to coordinate."


def entry_text(fields: dict[str, str | None], body: str = BODY) -> str:
    merged = {**FIELDS, **fields}
    lines = "".join(f"{k}: {v}\n" for k, v in merged.items() if v is not None)
    return f"---\n{lines}---\n{body}\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(tmp_path, registries, *, name=NAME, body=BODY, today=TODAY, **fields):
    path = write(tmp_path, name, entry_text(fields, body))
    doc = read_document(path, path.relative_to(tmp_path).as_posix())
    event, problems = check_event(doc, registries, today)
    return event, [str(p) for p in problems]


def test_valid_entry(tmp_path, registries):
    event, problems = check(tmp_path, registries)
    assert problems == []
    assert isinstance(event, Event)
    assert event.slug == "offer"
    assert event.lang == "en"
    assert event.title == "Lavrov offers to coordinate strikes"
    assert event.date == EventDate(PartialDate(2016, 5, 24))
    assert event.kind is registries.lookup("kinds", "statement")
    assert [a.id for a in event.actors] == ["sergei-lavrov", "russia"]
    assert [p.id for p in event.places] == ["raqqa"]
    assert event.thread.id == "raqqa-2016"
    assert event.summary == (
        "In Tashkent, Russia proposes joint strikes with the United States on Raqqa."
    )
    assert event.sources == (
        Source(
            publisher="Reuters",
            title="Russia proposes joint strikes",
            date=PartialDate(2016, 5, 24),
            url="https://www.reuters.com/world/one",
            written_in="en",
        ),
    )
    assert event.source_path == SHOWN
    assert event.sort_key == (date(2016, 5, 24), 2, "offer")


def test_valid_entry_with_every_optional_field(tmp_path, registries):
    sources = (
        "\n  - publisher: Reuters\n    title: One\n    date: 2016-05"
        "\n    url: https://www.reuters.com/one\n    archive: https://web.archive.org/x/one"
        "\n    lang: ru\n  - publisher: Named Only\n    title: Two\n    undated: known by name only"
    )
    event, problems = check(
        tmp_path,
        registries,
        name="events/2016/2016-05-offer.fr.md",
        date="2016-05",
        end="2016-06",
        circa="true",
        lang="fr",
        sources=sources,
    )
    assert problems == []
    assert (event.slug, event.lang) == ("offer", "fr")
    assert event.date == EventDate(PartialDate(2016, 5), PartialDate(2016, 6), circa=True)
    assert event.sources == (
        Source(
            "Reuters",
            "One",
            PartialDate(2016, 5),
            "https://www.reuters.com/one",
            "https://web.archive.org/x/one",
            "ru",
            written_in="fr",
        ),
        Source("Named Only", "Two", undated="known by name only", written_in="fr"),
    )


def test_optional_fields_may_be_left_out(tmp_path, registries):
    event, problems = check(tmp_path, registries, places=None, thread=None)
    assert problems == []
    assert event.places == ()
    assert event.thread is None


def test_a_single_actor_need_not_be_in_brackets(tmp_path, registries):
    event, problems = check(tmp_path, registries, actors="russia")
    assert problems == []
    assert [a.id for a in event.actors] == ["russia"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"kind": "statment"},
            f"{SHOWN}:4: kind: unknown id 'statment', expected an id from content/data/kinds.yml "
            "(hint: did you mean 'statement'?)",
        ),
        (
            {"actors": "[sergei-lavrof]"},
            f"{SHOWN}:5: actors: unknown id 'sergei-lavrof', expected an id from "
            "content/data/actors.yml (hint: did you mean 'sergei-lavrov'?)",
        ),
        (
            {"actors": "[]"},
            f"{SHOWN}:5: actors: expected at least 1 id(s), got 0",
        ),
        (
            {"actors": "[russia, russia]"},
            f"{SHOWN}:5: actors: 'russia' is listed twice",
        ),
        (
            {"actors": None},
            f"{SHOWN}:1: actors: required",
        ),
        (
            {"places": "[raqa]"},
            f"{SHOWN}:6: places: unknown id 'raqa', expected an id from content/data/places.yml "
            "(hint: did you mean 'raqqa'?)",
        ),
        (
            {"thread": "aleppo"},
            f"{SHOWN}:7: thread: unknown id 'aleppo', expected an id from content/data/threads.yml",
        ),
        (
            {"summary": "Too short."},
            f"{SHOWN}:8: summary: expected at least 20 characters, got 10",
        ),
        (
            {"sources": None},
            f"{SHOWN}:1: sources: required",
        ),
        (
            {"sources": "[]"},
            f"{SHOWN}:9: sources: expected at least 1 entry, got 0",
        ),
        (
            {"sources": "\n  - title: Russia proposes joint strikes"},
            f"{SHOWN}:10: sources[1].publisher: required",
        ),
        (
            {"sources": "\n  - publisher: P\n    title: T\n    url: javascript:alert(1)"},
            f"{SHOWN}:12: sources[1].url: expected an absolute http(s) URL, got "
            "'javascript:alert(1)'",
        ),
        (
            {"sources": "\n  - publisher: P\n    title: T\n    url: ftp://x"},
            f"{SHOWN}:12: sources[1].url: expected an absolute http(s) URL, got 'ftp://x'",
        ),
        (
            {"sources": "\n  - publisher: P\n    title: T\n    sorce: https://a.example/x"},
            f"{SHOWN}:12: sources[1].sorce: unknown field",
        ),
        (
            {"lang": "de"},
            f"{SHOWN}:14: lang: expected one of 'en', 'fr', got 'de'",
        ),
        (
            {"end": "2016-05-20"},
            f"{SHOWN}:15: end: end 2016-05-20 precedes date 2016-05-24",
        ),
        (
            {"end": "2016-05-24"},
            f"{SHOWN}:15: end: end 2016-05-24 is the same as date; leave 'end' out",
        ),
        (
            {"circa": "yes"},
            f"{SHOWN}:15: circa: expected true or false, got 'yes'",
        ),
        (
            {"date": "24/05/2016"},
            f"{SHOWN}:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '24/05/2016' "
            "(hint: did you mean 2016-05-24?)",
        ),
        (
            {"sumary": "x"},
            f"{SHOWN}:15: sumary: unknown field (hint: did you mean 'summary'?)",
        ),
    ],
)
def test_bad_entries(tmp_path, registries, fields, expected):
    event, problems = check(tmp_path, registries, **fields)
    assert event is None
    # The sources written for a case give no date: that warning is not what the case is about.
    weak = ("sources: warning: no source has a url", "sources[1].date: warning: no date")
    assert [p for p in problems if not any(w in p for w in weak)] == [expected]


@pytest.mark.parametrize(
    ("name", "fields", "expected"),
    [
        (
            "events/2016/2016-05-25-offer.md",
            {},
            "content/events/2016/2016-05-25-offer.md:1: file: file name '2016-05-25-offer.md' "
            "does not match the date: expected '2016-05-24-<slug>.md'",
        ),
        (
            "events/2016/offer.md",
            {},
            "content/events/2016/offer.md:1: file: file name 'offer.md' does not match the "
            "date: expected '2016-05-24-<slug>.md'",
        ),
        (
            "events/2016/2016-05-24-Offer.md",
            {},
            "content/events/2016/2016-05-24-Offer.md:1: file: file name '2016-05-24-Offer.md': "
            "after the date, expected a slug of lowercase letters, digits and hyphens, then '.md'",
        ),
        (
            "events/2016/2016-05-24-offer.markdown.md",
            {},
            "content/events/2016/2016-05-24-offer.markdown.md:1: file: file name "
            "'2016-05-24-offer.markdown.md': after the date, expected a slug of lowercase "
            "letters, digits and hyphens, then '.md'",
        ),
        # A file named after a more precise date than its ``date:`` is not read as a slug
        # "24-offer" or "05-offer".
        (
            "events/2016/2016-05-24-offer.md",
            {"date": "2016-05"},
            "content/events/2016/2016-05-24-offer.md:1: file: file name '2016-05-24-offer.md' "
            "does not match the date: expected '2016-05-<slug>.md'",
        ),
        (
            "events/2016/2016-05-offer.md",
            {"date": "2016"},
            "content/events/2016/2016-05-offer.md:1: file: file name '2016-05-offer.md' "
            "does not match the date: expected '2016-<slug>.md'",
        ),
        (
            "events/2016/2016-05-24.md",
            {"date": "2016-05"},
            "content/events/2016/2016-05-24.md:1: file: file name '2016-05-24.md' "
            "does not match the date: expected '2016-05-<slug>.md'",
        ),
        (
            "events/2017/2016-05-24-offer.md",
            {},
            "content/events/2017/2016-05-24-offer.md:1: file: expected in a folder named 2016, "
            "found in '2017'",
        ),
        (
            "events/2016-05-24-offer.md",
            {},
            "content/events/2016-05-24-offer.md:1: file: expected in a folder named 2016, "
            "found in 'events'",
        ),
        (
            "events/2016/2016-05-24-offer.fr.md",
            {},
            "content/events/2016/2016-05-24-offer.fr.md:14: lang: file name says language 'fr' "
            "but lang is 'en'",
        ),
        (
            "events/2016/2016-05-24-offer.md",
            {"lang": "fr"},
            "content/events/2016/2016-05-24-offer.md:14: lang: file name says language 'en' "
            "but lang is 'fr'",
        ),
    ],
)
def test_file_naming(tmp_path, registries, name, fields, expected):
    event, problems = check(tmp_path, registries, name=name, **fields)
    assert event is None
    assert problems == [expected]


@pytest.mark.parametrize(
    ("name", "date_text", "lang", "slug"),
    [
        ("events/2016/2016-05-24-offer.md", "2016-05-24", "en", "offer"),
        ("events/2016/2016-05-24-offer.en.md", "2016-05-24", "en", "offer"),
        ("events/2016/2016-05-24-offer.fr.md", "2016-05-24", "fr", "offer"),
        ("events/2016/2016-05-offer.md", "2016-05", "en", "offer"),
        ("events/2016/2016-offer.md", "2016", "en", "offer"),
        ("events/2016/2016-05-24-10-things.md", "2016-05-24", "en", "10-things"),
        ("events/2016/2016-05-1000-strikes.md", "2016-05", "en", "1000-strikes"),
        ("events/2016/2016-g20-summit.md", "2016", "en", "g20-summit"),
    ],
)
def test_file_names_that_match(tmp_path, registries, name, date_text, lang, slug):
    event, problems = check(tmp_path, registries, name=name, date=date_text, lang=lang)
    assert problems == []
    assert (event.slug, event.lang) == (slug, lang)


@pytest.mark.parametrize(
    ("date_text", "today", "expected"),
    [
        ("2016-05-24", date(2016, 5, 23), "2016-05-24 is in the future (today is 2016-05-23)"),
        ("2016-06", date(2016, 5, 31), "2016-06 is in the future (today is 2016-05-31)"),
        ("2017", date(2016, 12, 31), "2017 is in the future (today is 2016-12-31)"),
    ],
)
def test_future_dates_are_warnings(tmp_path, registries, date_text, today, expected):
    name = f"events/{date_text[:4]}/{date_text}-offer.md"
    event, problems = check(tmp_path, registries, name=name, date=date_text, today=today)
    assert event is not None
    assert problems == [f"content/{name}:3: date: warning: {expected}"]


@pytest.mark.parametrize(
    ("date_text", "today"),
    [
        ("2016-05-24", date(2016, 5, 24)),  # today itself is not the future
        ("2016-05", date(2016, 5, 1)),  # a period that has begun
        ("2016", date(2016, 1, 1)),
    ],
)
def test_dates_up_to_today_are_accepted(tmp_path, registries, date_text, today):
    name = f"events/2016/{date_text}-offer.md"
    event, problems = check(tmp_path, registries, name=name, date=date_text, today=today)
    assert problems == []
    assert event is not None


def test_empty_body_is_an_error(tmp_path, registries):
    event, problems = check(tmp_path, registries, body="")
    assert event is None
    assert problems == [f"{SHOWN}:16: body: empty: write what happened, in our own words"]


def test_blank_body_is_an_error(tmp_path, registries):
    event, problems = check(tmp_path, registries, body="\n   \n\n")
    assert event is None
    assert problems == [f"{SHOWN}:16: body: empty: write what happened, in our own words"]


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("Text <b>bold</b>", [16]),
        ("First.\n\n<div>block</div>\n\nLast <!-- note -->", [18, 20]),
        # Blank lines after the closing '---' do not shift the reported line.
        ("\n\n<b>x</b>", [18]),
        ("Fine.\n\n    <b>indented code</b>\n\nA < B and C > D.", []),
    ],
)
def test_raw_html_in_body_is_a_warning(tmp_path, registries, body, lines):
    event, problems = check(tmp_path, registries, body=body)
    assert event is not None
    message = "body: warning: raw HTML is removed from the page; use Markdown instead"
    assert problems == [f"{SHOWN}:{line}: {message}" for line in lines]


def test_title_with_markup_is_a_warning(tmp_path, registries):
    event, problems = check(tmp_path, registries, title="A <em>title</em>")
    assert event is not None
    assert event.title == "A <em>title</em>"
    assert problems == [f"{SHOWN}:2: title: warning: contains markup, which is shown as plain text"]


def test_all_mistakes_are_reported_together(tmp_path, registries):
    event, problems = check(
        tmp_path,
        registries,
        kind="statment",
        actors="[]",
        lang="de",
        body="",
    )
    assert event is None
    assert problems == [
        f"{SHOWN}:4: kind: unknown id 'statment', expected an id from content/data/kinds.yml "
        "(hint: did you mean 'statement'?)",
        f"{SHOWN}:5: actors: expected at least 1 id(s), got 0",
        f"{SHOWN}:14: lang: expected one of 'en', 'fr', got 'de'",
        f"{SHOWN}:16: body: empty: write what happened, in our own words",
    ]


def test_front_matter_problems_stop_the_check(tmp_path, registries):
    path = write(tmp_path, NAME, "---\ntitle: x\nno closing line\n")
    event, problems = check_event(read_document(path, SHOWN), registries, TODAY)
    assert event is None
    assert [str(p) for p in problems] == [
        f"{SHOWN}:1: front matter: not closed: add a line '---' after the last field"
    ]


def test_front_matter_problems_are_kept_with_the_others(tmp_path, registries):
    path = write(tmp_path, NAME, entry_text({}).replace("kind: statement\n", "kind: a\nkind: b\n"))
    event, problems = check_event(read_document(path, SHOWN), registries, TODAY)
    assert event is None
    assert [str(p) for p in problems] == [
        f"{SHOWN}:5: kind: duplicate field 'kind' (first on line 4); keep one",
        f"{SHOWN}:4: kind: unknown id 'a', expected an id from content/data/kinds.yml",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: About\nslug: about\nlang: en\n---\nText.\n", []),
        (
            "---\ntitle: About\nlang: en\n---\nText.\n",
            ["pages/about.md:1: slug: required"],
        ),
        (
            "---\ntitle: About\nslug: About Us\nlang: en\n---\n\n",
            [
                "pages/about.md:3: slug: expected lowercase letters, digits and hyphens "
                "(at most 80), got 'About Us'",
                "pages/about.md:6: body: empty: write what happened, in our own words",
            ],
        ),
        (
            "---\ntitle: About\nslug: about\nlang: en\ndate: 2016\n---\nText.\n",
            ["pages/about.md:5: date: unknown field"],
        ),
        (
            "no front matter\n",
            [
                "pages/about.md:1: front matter: expected '---' on the first line to open the "
                "front matter"
            ],
        ),
    ],
)
def test_check_page(tmp_path, text, expected):
    path = write(tmp_path, "pages/about.md", text)
    values, problems = check_page(read_document(path, "pages/about.md"))
    assert [str(p) for p in problems] == expected
    if expected:
        assert values is None
    else:
        assert values == {"title": "About", "slug": "about", "lang": "en"}


def test_check_collection_duplicate_slug_names_the_other_file(tmp_path, registries):
    first, _ = check(tmp_path, registries)
    second, _ = check(
        tmp_path, registries, name="events/2016/2016-05-20-offer.md", date="2016-05-20"
    )
    french, _ = check(tmp_path, registries, name="events/2016/2016-05-24-offer.fr.md", lang="fr")
    assert None not in (first, second, french)
    problems = check_collection([first, second, french])
    assert [str(p) for p in problems] == [
        "content/events/2016/2016-05-24-offer.md:1: file: slug 'offer' is already used by "
        "content/events/2016/2016-05-20-offer.md"
    ]


def test_check_collection_of_distinct_slugs(tmp_path, registries):
    first, _ = check(tmp_path, registries)
    second, _ = check(tmp_path, registries, name="events/2016/2016-05-24-other.md")
    assert check_collection([first, second]) == []
    assert check_collection([]) == []


def test_stray_files(tmp_path):
    events = tmp_path / "content" / "events"
    for name in ("2016/x.MD", "2016/x.markdown.txt", "2016/2016-05-24-ok.md", "README"):
        write(tmp_path, "events/" + name, "x")
    problems = stray_files(events, tmp_path)
    message = "file: not recognised as an entry: entries end in '.md'"
    assert [str(p) for p in problems] == [
        f"content/events/2016/x.MD:1: {message}",
        f"content/events/2016/x.markdown.txt:1: {message}",
        f"content/events/README:1: {message}",
    ]


def test_no_stray_files_in_the_fixture(minimal_site):
    assert stray_files(minimal_site / "content" / "events", minimal_site) == []


def test_check_tree_on_the_fixture(minimal_site):
    events, problems = check_tree(minimal_site / "content", minimal_site, TODAY)
    assert [e.source_path for e in events] == [
        "content/events/2015/2015-span.md",
        "content/events/2016/2016-05-20-refusal.md",
        "content/events/2016/2016-05-24-offer.md",
        "content/events/2016/2016-05-month.md",
        "content/events/2017/2017-09-21-later.md",
        "content/events/2016/2016-05-24-offer.fr.md",
    ]
    assert [e.slug for e in sorted(events, key=lambda e: e.sort_key) if not e.is_translation] == [
        "span",
        "month",
        "refusal",
        "offer",
        "later",
    ]
    assert [p for p in problems if p.severity == "error"] == []
    assert [str(p) for p in problems] == [
        "content/events/2015/2015-span.md:9: sources: warning: no source has a url, "
        "so readers cannot check the entry; add one where known",
        "content/events/2016/2016-05-24-offer.md:2: title: warning: contains markup, "
        "which is shown as plain text",
    ]


def test_content_files_sorts_entries_translations_pages_and_registries(minimal_site):
    files = content_files(minimal_site / "content")
    names = [p.name for p in files.entries]
    assert names == [
        "2015-span.md",
        "2016-05-20-refusal.md",
        "2016-05-24-offer.md",
        "2016-05-month.md",
        "2017-09-21-later.md",
    ]
    assert [(t.name, o.name) for t, o in files.translations] == [
        ("2016-05-24-offer.fr.md", "2016-05-24-offer.md")
    ]
    assert [p.name for p in files.pages] == ["about.md", "data.md"]
    assert [p.name for p in files.registries] == [
        "kinds.yml",
        "actors.yml",
        "places.yml",
        "threads.yml",
        "eras.yml",
    ]


def test_check_tree_respects_today(minimal_site):
    events, problems = check_tree(minimal_site / "content", minimal_site, date(2017, 1, 1))
    assert len(events) == 6
    assert [str(p) for p in problems if "future" in p.message] == [
        "content/events/2017/2017-09-21-later.md:3: date: warning: 2017-09-21 is in the future "
        "(today is 2017-01-01)"
    ]


def test_check_tree_collects_problems_of_every_kind(tmp_path, minimal_site, registries):
    content = tmp_path / "content"
    data = content / "data"
    data.mkdir(parents=True)
    for source in (minimal_site / "content" / "data").iterdir():
        (data / source.name).write_bytes(source.read_bytes())
    (data / "threads.yml").unlink()
    write(tmp_path, NAME, entry_text({"thread": None}))
    write(
        tmp_path,
        "events/2016/2016-05-20-offer.md",
        entry_text({"date": "2016-05-20", "thread": None}),
    )
    write(tmp_path, "events/2016/2016-05-21-thread.md", entry_text({"date": "2016-05-21"}))
    write(tmp_path, "events/2016/notes.txt", "x")
    write(tmp_path, "pages/about.md", "---\ntitle: About\nlang: en\n---\nText.\n")
    events, problems = check_tree(content, tmp_path, TODAY)
    assert [e.source_path for e in events] == [
        "content/events/2016/2016-05-20-offer.md",
        "content/events/2016/2016-05-24-offer.md",
    ]
    assert [str(p) for p in problems] == [
        "content/data/threads.yml:1: file: missing registry file",
        "content/events/2016/notes.txt:1: file: not recognised as an entry: entries end in '.md'",
        "content/events/2016/2016-05-21-thread.md:7: thread: unknown id 'raqqa-2016', expected "
        "an id from content/data/threads.yml",
        "content/pages/about.md:1: slug: required",
        "content/events/2016/2016-05-24-offer.md:1: file: slug 'offer' is already used by "
        "content/events/2016/2016-05-20-offer.md",
    ]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("about", []),
        (
            "abuot",
            ["pages/about.md:5: template: no template abuot.html in the theme "
             "(hint: did you mean 'about'?)"],
        ),
        (
            "about.html",
            ["pages/about.md:5: template: expected the name of a template in "
             "theme/templates, without '.html', got 'about.html' (hint: write 'about': "
             "Pelican adds '.html')"],
        ),
        (
            "zzz",
            ["pages/about.md:5: template: no template zzz.html in the theme "
             "(hint: the theme has about, page)"],
        ),
    ],
)  # fmt: skip
def test_a_page_template_must_be_in_the_theme(tmp_path, template, expected):
    text = f"---\ntitle: About\nslug: about\nlang: en\ntemplate: {template}\n---\nText.\n"
    path = write(tmp_path, "pages/about.md", text)
    values, problems = check_page(
        read_document(path, "pages/about.md"), frozenset({"about", "page"})
    )
    assert [str(p) for p in problems] == expected
    if not expected:
        assert values == {"title": "About", "slug": "about", "lang": "en", "template": template}


def test_theme_templates_are_the_top_level_templates(tmp_path):
    (tmp_path / "templates" / "partials").mkdir(parents=True)
    for name in ("page.html", "about.html", "partials/date.html", "notes.txt"):
        (tmp_path / "templates" / name).write_text("x", encoding="utf-8")
    assert theme_templates(tmp_path) == frozenset({"page", "about"})
    assert {"about", "page", "article"} <= theme_templates(Path(__file__).parents[2] / "theme")


def test_a_french_page_links_only_to_entries_in_french(tmp_path):
    body = (
        "See [the offer](/events/offer/) and [the refusal](/events/refusal/).\n"
        "\n"
        "[gone]: /events/ofer/\n"
    )
    french = write(
        tmp_path, "pages/about.fr.md", f"---\ntitle: À propos\nslug: about\nlang: fr\n---\n{body}"
    )
    english = write(
        tmp_path, "pages/about.md", f"---\ntitle: About\nslug: about\nlang: en\n---\n{body}"
    )
    events = [
        make_event("offer"),
        make_event("offer", lang="fr"),
        make_event("refusal"),
    ]
    problems = check_page_links([french, english], tmp_path, events)
    assert [str(p) for p in problems] == [
        "content/pages/about.fr.md:6: body: warning: links to /events/refusal/, which has no 'fr' "
        "version (hint: link an entry translated into 'fr', or leave the words unlinked)",
        "content/pages/about.fr.md:8: body: warning: links to /events/ofer/, which is no entry "
        "(or one with errors) (hint: did you mean 'offer'?)",
        "content/pages/about.md:8: body: warning: links to /events/ofer/, which is no entry "
        "(or one with errors) (hint: did you mean 'offer'?)",
    ]


# Sources a reader can judge: each carries its date, or says why it has none.
UNDATED = (
    "warning: no date: give its publication date, at the precision known "
    "(hint: if it has none of its own, say why in 'undated')"
)


def test_a_source_without_a_date_is_a_warning_on_its_line(tmp_path, registries):
    sources = (
        "\n  - publisher: Reuters\n    title: One\n    date: 2016-05-24"
        "\n    url: https://www.reuters.com/one"
        "\n  - publisher: TASS\n    title: Two\n    url: https://tass.com/two"
    )
    event, problems = check(tmp_path, registries, sources=sources)
    assert event is not None  # a warning, not an error
    assert problems == [f"{SHOWN}:14: sources[2].date: {UNDATED}"]


def test_an_empty_date_is_reported_where_it_was_left(tmp_path, registries):
    sources = "\n  - publisher: Reuters\n    title: One\n    date:\n    url: https://a.example/x"
    _, problems = check(tmp_path, registries, sources=sources)
    assert problems == [f"{SHOWN}:12: sources[1].date: {UNDATED}"]


def test_a_reason_for_having_no_date_silences_the_warning(tmp_path, registries):
    sources = (
        "\n  - publisher: Wikipedia\n    title: Battle of Khasham"
        "\n    undated: a wiki page revised over time\n    url: https://en.wikipedia.org/wiki/X"
    )
    event, problems = check(tmp_path, registries, sources=sources)
    assert problems == []
    assert event.sources[0].undated == "a wiki page revised over time"
    assert event.sources[0].date is None


def test_a_date_and_a_reason_for_none_contradict_each_other(tmp_path, registries):
    sources = (
        "\n  - publisher: Reuters\n    title: One\n    date: 2016-05-24"
        "\n    undated: no date shown\n    url: https://a.example/x"
    )
    event, problems = check(tmp_path, registries, sources=sources)
    assert event is None
    assert problems == [
        f"{SHOWN}:13: sources[1].undated: the source has a date, so it needs no reason for "
        "having none (hint: remove 'undated', or 'date' if the source shows none)"
    ]


def test_the_reason_is_checked_as_text(tmp_path, registries):
    sources = (
        "\n  - publisher: Reuters\n    title: One\n    undated: "
        + "x" * 121
        + "\n    url: https://a.example/x"
    )
    _, problems = check(tmp_path, registries, sources=sources)
    assert problems == [f"{SHOWN}:12: sources[1].undated: expected at most 120 characters, got 121"]


def test_a_translation_is_warned_only_about_its_own_sources(tmp_path, registries):
    original_sources = "\n  - publisher: Reuters\n    title: One\n    url: https://a.example/x"
    original, problems = check(tmp_path, registries, sources=original_sources)
    assert problems == [f"{SHOWN}:10: sources[1].date: {UNDATED}"]
    translation = (
        "---\ntitle: Lavrov propose des frappes conjointes\n"
        "summary: À Tachkent, la Russie propose aux États-Unis des frappes conjointes sur Raqqa.\n"
        "sources:\n  - publisher: Le Monde\n    title: Un\n    url: https://a.example/fr\n"
        "lang: fr\n---\nLavrov a proposé.\n"
    )
    path = write(tmp_path, "events/2016/2016-05-24-offer.fr.md", translation)
    doc = read_document(path, path.relative_to(tmp_path).as_posix())
    event, found = check_translation(doc, registries, TODAY, original)
    assert event is not None
    assert [str(p) for p in found] == [
        f"content/events/2016/2016-05-24-offer.fr.md:5: sources[1].date: {UNDATED}"
    ]


@pytest.mark.parametrize("length", [300, 301])
def test_a_summary_above_300_characters_is_a_warning(tmp_path, registries, length):
    summary = "In Tashkent, Lavrov spoke" + "." * (length - 25)
    assert len(summary) == length
    event, problems = check(tmp_path, registries, summary=summary)
    assert event is not None
    long = (
        f"{SHOWN}:8: summary: warning: long ({length} characters); keep it to 300 and put the "
        "detail in the text"
    )
    assert problems == ([long] if length > 300 else [])


def test_a_summary_above_the_maximum_is_still_an_error(tmp_path, registries):
    event, problems = check(tmp_path, registries, summary="x" * 401)
    assert event is None
    assert problems == [f"{SHOWN}:8: summary: expected at most 400 characters, got 401"]
