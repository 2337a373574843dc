"""Schema options: what each accepts, the exact message for what it refuses, and check_mapping."""

from __future__ import annotations

import pytest

from generator.content.dates import PartialDate
from generator.content.frontmatter import Node
from generator.content.options import (
    Choice,
    Context,
    Date,
    Flag,
    Invalid,
    Lang,
    Localized,
    Records,
    Ref,
    RefList,
    Slug,
    Text,
    TextList,
    Url,
    check_mapping,
    describe,
    nearest,
)

A_LIST = [Node("x", 1)]
A_MAPPING = {"k": Node("v", 1)}
KINDS = {"statement": "the statement entity", "refusal": "the refusal entity"}


def registry_context() -> Context:
    known = {"kinds": KINDS}
    return Context(
        lookup=lambda registry, ident: known.get(registry, {}).get(ident),
        ids=lambda registry: list(known.get(registry, {})),
    )


def convert(option, value, ctx=None):
    return option.convert(Node(value, 7), ctx or Context())


def refused(option, value, ctx=None) -> tuple[str, str]:
    with pytest.raises(Invalid) as caught:
        convert(option, value, ctx)
    return caught.value.message, caught.value.hint


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        (Text(), "Plain title", "Plain title"),
        (Text(), "  spread\n over   lines ", "spread over lines"),
        (Text(max_length=5), "12345", "12345"),
        (Text(min_length=3), "abc", "abc"),
        (Flag(), "true", True),
        (Flag(), "false", False),
        (Flag(), "True", True),
        (Date(), "2016", PartialDate(2016)),
        (Date(), "2016-05", PartialDate(2016, 5)),
        (Date(), "2016-05-24", PartialDate(2016, 5, 24)),
        (Choice(("en", "fr")), "fr", "fr"),
        (Lang(), "en", "en"),
        (Lang(), "ru", "ru"),
        (Lang(), "ast", "ast"),
        (Slug(), "offer", "offer"),
        (Slug(), "raqqa-2016", "raqqa-2016"),
        (Slug(), "a" * 80, "a" * 80),
        (Url(), "https://news.example/one", "https://news.example/one"),
        (Url(), "http://a.b/c?d=1#e", "http://a.b/c?d=1#e"),
        (Ref("kinds"), "anything", "anything"),  # no registries: ids are kept as written
        (RefList("actors"), [Node("a", 1), Node("b", 2)], ("a", "b")),
        (RefList("actors"), "russia", ("russia",)),
        (
            TextList(),
            [Node("Sergey Lavrov", 1), Node("S. Lavrov", 2)],
            ("Sergey Lavrov", "S. Lavrov"),
        ),
        (TextList(), "one alias", ("one alias",)),
        (
            Localized(),
            {"en": Node("Raqqa", 1), "fr": Node("Raqqa", 1)},
            {"en": "Raqqa", "fr": "Raqqa"},
        ),
        (Localized(), "Plain text", {"en": "Plain text"}),
    ],
)
def test_accepted(option, value, expected):
    assert convert(option, value) == expected


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (Text(), "", "expected text, got ''"),
        (Text(), "   ", "expected text, got '   '"),
        (Text(), None, "expected text, got nothing"),
        (Text(), A_LIST, "expected text, got a list"),
        (Text(), A_MAPPING, "expected text, got a mapping"),
        (Text(), "x" * 201, "expected at most 200 characters, got 201"),
        (Text(max_length=5), "  123456  ", "expected at most 5 characters, got 6"),
        (Text(min_length=20), "short", "expected at least 20 characters, got 5"),
        (Flag(), "no", "expected true or false, got 'no'"),
        (Flag(), "yes", "expected true or false, got 'yes'"),
        (Flag(), "1", "expected true or false, got '1'"),
        (Flag(), A_LIST, "expected true or false, got a list"),
        (Date(), "soon", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'"),
        (Date(), "2016-02-30", "not a calendar date: February 2016 has 29 days, got '2016-02-30'"),
        (Date(), A_LIST, "expected YYYY, YYYY-MM or YYYY-MM-DD, got a list"),
        (Choice(("en", "fr")), "de", "expected one of 'en', 'fr', got 'de'"),
        (Choice(("en", "fr")), "EN", "expected one of 'en', 'fr', got 'EN'"),
        (Choice(("en", "fr")), A_MAPPING, "expected one of 'en', 'fr', got a mapping"),
        (Lang(), "e", "expected a language code such as 'en' or 'fr', got 'e'"),
        (Lang(), "EN", "expected a language code such as 'en' or 'fr', got 'EN'"),
        (Lang(), "en-GB", "expected a language code such as 'en' or 'fr', got 'en-GB'"),
        (Lang(), "fren", "expected a language code such as 'en' or 'fr', got 'fren'"),
        (
            Slug(),
            "Offer",
            "expected lowercase letters, digits and hyphens (at most 80), got 'Offer'",
        ),
        (Slug(), "a--b", "expected lowercase letters, digits and hyphens (at most 80), got 'a--b'"),
        (Slug(), "-a", "expected lowercase letters, digits and hyphens (at most 80), got '-a'"),
        (Slug(), "a-", "expected lowercase letters, digits and hyphens (at most 80), got 'a-'"),
        (
            Slug(),
            "raqqa_2016",
            "expected lowercase letters, digits and hyphens (at most 80), got 'raqqa_2016'",
        ),
        (Slug(), "é", "expected lowercase letters, digits and hyphens (at most 80), got 'é'"),
        (
            Slug(),
            "a" * 81,
            f"expected lowercase letters, digits and hyphens (at most 80), got '{'a' * 81}'",
        ),
        (
            Url(),
            "javascript:alert(1)",
            "expected an absolute http(s) URL, got 'javascript:alert(1)'",
        ),
        (
            Url(),
            "data:text/html,<b>x</b>",
            "expected an absolute http(s) URL, got 'data:text/html,<b>x</b>'",
        ),
        (Url(), "ftp://x", "expected an absolute http(s) URL, got 'ftp://x'"),
        (Url(), "https://localhost", "expected an absolute http(s) URL, got 'https://localhost'"),
        (Url(), "//news.example/a", "expected an absolute http(s) URL, got '//news.example/a'"),
        (Url(), "news.example/a", "expected an absolute http(s) URL, got 'news.example/a'"),
        (
            Url(),
            "https://news.example/a b",
            "expected an absolute http(s) URL, got 'https://news.example/a b'",
        ),
        (Url(), A_LIST, "expected an absolute http(s) URL, got a list"),
        (RefList("actors", min_items=1), [], "expected at least 1 id(s), got 0"),
        (RefList("actors"), [Node("a", 1), Node("a", 2)], "'a' is listed twice"),
        (
            RefList("actors"),
            [Node("a", 1), Node(None, 2)],
            "expected a list of ids from content/data/actors.yml, got nothing",
        ),
        (
            RefList("actors"),
            [Node(A_LIST, 1)],
            "expected a list of ids from content/data/actors.yml, got a list",
        ),
        (TextList(), [Node("ok", 1), Node("", 2)], "expected text, got ''"),
        (Localized(), {"fr": Node("Raqqa", 1)}, "expected an 'en' text at least"),
        (
            Localized(),
            {"EN": Node("Raqqa", 1)},
            "expected a language code such as 'en' or 'fr', got 'EN'",
        ),
        (Localized(), {"en": Node(None, 1)}, "expected text, got nothing"),
        (Localized(max_length=3), {"en": Node("abcd", 1)}, "expected at most 3 characters, got 4"),
        (
            Localized(),
            A_LIST,
            "expected a mapping of language to text, e.g. {en: ..., fr: ...}, got a list",
        ),
    ],
)
def test_refused(option, value, message):
    assert refused(option, value) == (message, "")


def test_text_with_markup_warns_but_is_kept():
    ctx = Context()
    assert convert(Text(), "A <em>title</em>", ctx) == "A <em>title</em>"
    assert ctx.warnings == [("", "contains markup, which is shown as plain text")]


@pytest.mark.parametrize("value", ["a < b", "3<4", "x > y", "<3 hearts"])
def test_text_comparison_signs_are_not_markup(value):
    ctx = Context()
    convert(Text(), value, ctx)
    assert ctx.warnings == []


def test_choice_names_the_nearest_choice():
    option = Choice(("person", "state", "government"))
    assert refused(option, "stat") == (
        "expected one of 'person', 'state', 'government', got 'stat'",
        "did you mean 'state'?",
    )


def test_date_keeps_the_hint():
    assert refused(Date(), "17.05.2016") == (
        "expected YYYY, YYYY-MM or YYYY-MM-DD, got '17.05.2016'",
        "did you mean 2016-05-17?",
    )


def test_ref_resolves_through_the_context():
    ctx = registry_context()
    assert convert(Ref("kinds"), "statement", ctx) == "the statement entity"
    assert convert(RefList("kinds"), [Node("refusal", 1), Node("statement", 2)], ctx) == (
        "the refusal entity",
        "the statement entity",
    )


@pytest.mark.parametrize(
    ("option", "value", "message", "hint"),
    [
        (
            Ref("kinds"),
            "statment",
            "unknown id 'statment', expected an id from content/data/kinds.yml",
            "did you mean 'statement'?",
        ),
        (
            Ref("kinds"),
            "zzz",
            "unknown id 'zzz', expected an id from content/data/kinds.yml",
            "",
        ),
        (
            RefList("kinds"),
            [Node("refusal", 1), Node("refusl", 2)],
            "unknown id 'refusl', expected an id from content/data/kinds.yml",
            "did you mean 'refusal'?",
        ),
        (
            Ref("threads"),
            "raqqa",
            "unknown id 'raqqa', expected an id from content/data/threads.yml",
            "",
        ),
    ],
)
def test_unknown_ids(option, value, message, hint):
    assert refused(option, value, registry_context()) == (message, hint)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "nothing"), ([], "a list"), ({}, "a mapping"), ("x", "'x'"), ("", "''")],
)
def test_describe(value, expected):
    assert describe(value) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("soruce", "did you mean 'sources'?"),
        ("sources", "did you mean 'sources'?"),
        ("titel", "did you mean 'title'?"),
        ("zzzzzz", ""),
    ],
)
def test_nearest(word, expected):
    assert nearest(word, ["date", "sources", "summary", "title"]) == expected


SOURCE = {
    "publisher": Text(required=True),
    "title": Text(required=True),
    "url": Url(),
}
SCHEMA = {
    "title": Text(required=True),
    "date": Date(required=True),
    "circa": Flag(),
    "sources": Records(SOURCE, required=True, min_items=1),
    "lang": Choice(("en", "fr"), required=True),
}


def check(fields, schema=SCHEMA):
    return check_mapping(fields, schema, Context(), "e.md", 1)


def test_check_mapping_valid():
    fields = {
        "title": Node("Offer", 2),
        "date": Node("2016-05-24", 3),
        "sources": Node([Node({"publisher": Node("P", 5), "title": Node("T", 6)}, 5)], 4),
        "lang": Node("en", 7),
    }
    values, problems = check(fields)
    assert problems == []
    assert values == {
        "title": "Offer",
        "date": PartialDate(2016, 5, 24),
        "sources": [{"publisher": "P", "title": "T"}],
        "lang": "en",
    }


def test_unknown_field_with_hint():
    fields = {"title": Node("T", 2), "date": Node("2016", 3), "lang": Node("en", 4)}
    fields["soruce"] = Node([], 5)
    _, problems = check(fields)
    assert messages(problems) == [
        "e.md:5: soruce: unknown field (hint: did you mean 'sources'?)",
        "e.md:1: sources: required",
    ]


def test_unknown_field_without_close_match():
    fields = {"title": Node("T", 2), "colour": Node("red", 3)}
    _, problems = check_mapping(fields, {"title": Text()}, Context(), "e.md", 1)
    assert messages(problems) == ["e.md:3: colour: unknown field"]


def test_required_field_written_empty_reports_its_own_line():
    fields = {"title": Node(None, 4)}
    _, problems = check_mapping(fields, {"title": Text(required=True)}, Context(), "e.md", 1)
    assert messages(problems) == ["e.md:4: title: required"]


def test_missing_required_fields_report_the_mapping_line():
    _, problems = check_mapping({}, SCHEMA, Context(), "e.md", 9)
    assert messages(problems) == [
        "e.md:9: title: required",
        "e.md:9: date: required",
        "e.md:9: sources: required",
        "e.md:9: lang: required",
    ]


def test_optional_field_left_empty_is_skipped():
    values, problems = check_mapping({"circa": Node(None, 2)}, {"circa": Flag()}, Context(), "e", 1)
    assert (values, problems) == ({}, [])


def test_all_problems_are_reported_at_once():
    fields = {
        "title": Node("Offer", 2),
        "date": Node("2016-13", 3),
        "circa": Node("yes", 4),
        "lang": Node("de", 5),
        "sources": Node([Node({"publisher": Node("P", 7), "title": Node("T", 8)}, 7)], 6),
    }
    values, problems = check(fields)
    assert messages(problems) == [
        "e.md:3: date: not a calendar date: there is no month 13, got '2016-13'",
        "e.md:4: circa: expected true or false, got 'yes'",
        "e.md:5: lang: expected one of 'en', 'fr', got 'de'",
    ]
    assert values == {"title": "Offer", "sources": [{"publisher": "P", "title": "T"}]}


def test_records_name_each_item():
    fields = {
        "title": Node("T", 2),
        "date": Node("2016", 3),
        "lang": Node("en", 4),
        "sources": Node(
            [
                Node({"publisher": Node("P", 6), "title": Node("T", 7)}, 6),
                Node({"title": Node("T", 8), "url": Node("ftp://x", 9), "pages": Node("3", 10)}, 8),
                Node("just text", 11),
            ],
            5,
        ),
    }
    _, problems = check(fields)
    assert messages(problems) == [
        "e.md:10: sources[2].pages: unknown field",
        "e.md:8: sources[2].publisher: required",
        "e.md:9: sources[2].url: expected an absolute http(s) URL, got 'ftp://x'",
        "e.md:11: sources[3]: expected 'field: value' lines, got 'just text'",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a text", "e.md:5: sources: expected a list, got 'a text'"),
        ({"publisher": Node("P", 6)}, "e.md:5: sources: expected a list, got a mapping"),
        ([], "e.md:5: sources: expected at least 1 entry, got 0"),
    ],
)
def test_records_shape(value, expected):
    fields = {"title": Node("T", 2), "date": Node("2016", 3), "lang": Node("en", 4)}
    fields["sources"] = Node(value, 5)
    _, problems = check(fields)
    assert messages(problems) == [expected]


def test_markup_warning_is_named_after_the_field():
    fields = {"title": Node("A <b>bold</b> title", 2)}
    values, problems = check_mapping(fields, {"title": Text()}, Context(), "e.md", 1)
    assert values == {"title": "A <b>bold</b> title"}
    assert messages(problems) == [
        "e.md:2: title: warning: contains markup, which is shown as plain text"
    ]
    assert problems[0].severity == "warning"


def test_markup_warning_in_a_record_is_named_after_the_item():
    fields = {"sources": Node([Node({"title": Node("<i>T</i>", 3)}, 3)], 2)}
    _, problems = check_mapping(fields, {"sources": Records({"title": Text()})}, Context(), "e", 1)
    assert messages(problems) == [
        "e:3: sources[1].title: warning: contains markup, which is shown as plain text"
    ]
