"""Front matter: line numbers survive every encoding quirk, and every mistake is reported."""

from __future__ import annotations

import pytest

from generator.content.frontmatter import (
    MAX_FILE_BYTES,
    Document,
    Node,
    compose_yaml,
    parse_text,
    read_document,
)
from generator.content.problems import Problem


def read(tmp_path, data: bytes | str, name: str = "entry.md") -> Document:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return read_document(path, f"events/{name}")


def messages(doc: Document) -> list[str]:
    return [str(problem) for problem in doc.problems]


def values(doc: Document) -> dict[str, tuple[object, int]]:
    return {name: (node.value, node.line) for name, node in doc.fields.items()}


def test_plain_document(tmp_path):
    doc = read(tmp_path, "---\ntitle: Offer\ndate: 2016-05-24\n---\nThe body.\nSecond line.\n")
    assert doc.path == "events/entry.md"
    assert doc.problems == []
    assert values(doc) == {"title": ("Offer", 2), "date": ("2016-05-24", 3)}
    assert doc.body == "The body.\nSecond line."
    assert doc.body_line == 5


def test_bom_and_crlf_keep_line_numbers(tmp_path):
    data = "\ufeff---\r\ntitle: Offer\r\ndate: 2016-05-24\r\n---\r\nBody\r\nmore\r\n"
    doc = read(tmp_path, data.encode("utf-8"))
    assert doc.problems == []
    assert values(doc) == {"title": ("Offer", 2), "date": ("2016-05-24", 3)}
    assert doc.body == "Body\nmore"
    assert doc.body_line == 5


def test_bom_and_crlf_keep_line_numbers_of_problems(tmp_path):
    data = "\ufeff---\r\ntitle: Offer\r\ntitle: Again\r\n---\r\nBody\r\n"
    doc = read(tmp_path, data.encode("utf-8"))
    assert messages(doc) == [
        "events/entry.md:3: title: duplicate field 'title' (first on line 2); keep one"
    ]


def test_old_mac_line_endings(tmp_path):
    doc = read(tmp_path, b"---\rtitle: a\r---\rbody")
    assert values(doc) == {"title": ("a", 2)}
    assert doc.body == "body"
    assert doc.body_line == 4


def test_latin1_file_reports_byte_and_line(tmp_path):
    data = "---\ntitle: café\n---\nbody\n".encode("latin-1")
    doc = read(tmp_path, data)
    assert data.index(b"\xe9") == 14
    assert messages(doc) == [
        "events/entry.md:2: file: not UTF-8 at byte 14; re-save the file as UTF-8"
    ]
    assert doc.fields == {}


def test_latin1_in_the_body_reports_its_line(tmp_path):
    data = "---\ntitle: x\n---\nfirst\nsecond é\n".encode("latin-1")
    doc = read(tmp_path, data)
    assert data.index(b"\xe9") == 30
    assert messages(doc) == [
        "events/entry.md:5: file: not UTF-8 at byte 30; re-save the file as UTF-8"
    ]


def test_file_too_large(tmp_path):
    data = b"---\ntitle: x\n---\n" + b"a" * MAX_FILE_BYTES
    doc = read(tmp_path, data)
    assert messages(doc) == [f"events/entry.md:1: file: larger than 1000000 bytes ({len(data)})"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "title: x\n---\nbody\n",
            "events/entry.md:1: front matter: expected '---' on the first line to open the "
            "front matter",
        ),
        (
            "",
            "events/entry.md:1: front matter: expected '---' on the first line to open the "
            "front matter",
        ),
        (
            "---\ntitle: x\nbody\n",
            "events/entry.md:1: front matter: not closed: add a line '---' after the last field",
        ),
        (
            "---\ntitle: x\n  ---\nbody\n",
            "events/entry.md:1: front matter: not closed: add a line '---' after the last field",
        ),
        (
            "---\ntitle: x\nsources:\n\t- a\n---\nbody\n",
            "events/entry.md:4: front matter: tab in indentation; YAML needs spaces",
        ),
        (
            "---\ntitle: x\u200by\n---\nbody\n",
            "events/entry.md:2: front matter: invisible character ZERO WIDTH SPACE (U+200B); "
            "delete it",
        ),
        (
            "---\ntitle: x\nkind: a\u202eb\n---\nbody\n",
            "events/entry.md:3: front matter: invisible character RIGHT-TO-LEFT OVERRIDE "
            "(U+202E); delete it",
        ),
        (
            "---\ntitle: x\ndate: [2016\nkind: a\n---\nbody\n",
            "events/entry.md:4: front matter: invalid YAML: expected ',' or ']', but got ':'",
        ),
        (
            "---\ntitle: a: b\n---\nbody\n",
            "events/entry.md:2: front matter: invalid YAML: mapping values are not allowed here",
        ),
        (
            "---\ntitle: a\nkind: b\ntitle: c\n---\nbody\n",
            "events/entry.md:4: title: duplicate field 'title' (first on line 2); keep one",
        ),
        (
            "---\n---\nbody\n",
            "events/entry.md:1: front matter: empty: no fields between the '---' lines",
        ),
        (
            "---\n- a\n---\nbody\n",
            "events/entry.md:2: front matter: expected 'field: value' lines",
        ),
        (
            "---\n[a]: b\n---\nbody\n",
            "events/entry.md:2: front matter: a field name must be text",
        ),
        # A control character stops PyYAML's reader; it must become a problem, not a crash.
        (
            "---\ntitle: x\nkind: a\x01b\n---\nbody\n",
            "events/entry.md:3: front matter: invalid YAML: unacceptable character U+0001; "
            "delete it",
        ),
        (
            "---\ntitle: x\nkind: a\x0bb\n---\nbody\n",
            "events/entry.md:3: front matter: invalid YAML: unacceptable character U+000B; "
            "delete it",
        ),
        # Aliases can repeat a value exponentially ("billion laughs"): refused where used.
        (
            "---\na: &x [1]\nb:\n  - *x\n---\nbody\n",
            "events/entry.md:4: front matter: invalid YAML: aliases (*name) are not supported; "
            "write the value out",
        ),
        (
            "---\n" + "[" * 5000 + "\n---\nbody\n",
            "events/entry.md:2: front matter: invalid YAML: nested too deeply",
        ),
    ],
)
def test_problems(tmp_path, data, expected):
    doc = read(tmp_path, data)
    assert messages(doc) == [expected]
    assert all(p.severity == "error" for p in doc.problems)


def test_problem_keeps_its_parts(tmp_path):
    doc = read(tmp_path, "---\ntitle: a\ntitle: b\n---\nbody\n")
    assert doc.problems == [
        Problem(
            "events/entry.md",
            3,
            "title",
            "duplicate field 'title' (first on line 2); keep one",
        )
    ]
    assert values(doc) == {"title": ("a", 2)}


def test_tab_and_invisible_characters_are_all_reported(tmp_path):
    doc = read(tmp_path, "---\ntitle: a\u200bb\nlist:\n\t- x\nkind: \u2066c\n---\nbody\n")
    assert messages(doc) == [
        "events/entry.md:2: front matter: invisible character ZERO WIDTH SPACE (U+200B); delete it",
        "events/entry.md:4: front matter: tab in indentation; YAML needs spaces",
        "events/entry.md:5: front matter: invisible character LEFT-TO-RIGHT ISOLATE (U+2066); "
        "delete it",
    ]
    assert doc.fields == {}


def test_invisible_character_in_the_body_is_not_a_front_matter_problem(tmp_path):
    doc = read(tmp_path, "---\ntitle: a\n---\nbody\u200b\n")
    assert doc.problems == []
    assert doc.body == "body\u200b"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2016-05-24", "2016-05-24"),
        ("2016", "2016"),
        ("no", "no"),
        ("yes", "yes"),
        ("true", "true"),
        ("1", "1"),
        ("1.5", "1.5"),
        ("0x10", "0x10"),
        ("'quoted'", "quoted"),
        ('"2016"', "2016"),
        ("null", None),
        ("~", None),
        ("", None),
        ("'null'", "null"),
    ],
)
def test_scalars_stay_the_text_written(tmp_path, written, value):
    doc = read(tmp_path, f"---\nfield: {written}\n---\nbody\n")
    assert doc.problems == []
    assert doc.fields == {"field": Node(value, 2)}


def test_lists_and_mappings_keep_line_numbers(tmp_path):
    text = (
        "---\n"
        "actors: [russia, united-states]\n"
        "sources:\n"
        "  - publisher: Reuters\n"
        "    title: One\n"
        "  - publisher: AP\n"
        "name: {en: Raqqa, fr: Raqqa}\n"
        "---\n"
        "body\n"
    )
    doc = read(tmp_path, text)
    assert doc.problems == []
    assert doc.fields["actors"] == Node([Node("russia", 2), Node("united-states", 2)], 2)
    assert doc.fields["sources"] == Node(
        [
            Node({"publisher": Node("Reuters", 4), "title": Node("One", 5)}, 4),
            Node({"publisher": Node("AP", 6)}, 6),
        ],
        3,
    )
    assert doc.fields["name"] == Node({"en": Node("Raqqa", 7), "fr": Node("Raqqa", 7)}, 7)


def test_tags_are_not_constructed(tmp_path):
    doc = read(tmp_path, "---\na: !!python/object/apply:os.system [echo hi]\nb: !!int 3\n---\nx\n")
    assert doc.problems == []
    assert doc.fields["a"] == Node([Node("echo hi", 2)], 2)
    assert doc.fields["b"] == Node("3", 3)


@pytest.mark.parametrize(
    ("after", "body", "body_line"),
    [
        ("Body\n", "Body", 4),
        ("\nBody\n", "Body", 5),
        ("\n\n\nBody\nline\n\n\n", "Body\nline", 7),
        ("", "", 4),
        ("\n\n", "", 4),
        ("\n   \n\n", "   ", 4),
        ("   \nBody\n", "   \nBody", 4),
    ],
)
def test_body_and_body_line(tmp_path, after, body, body_line):
    doc = read(tmp_path, "---\ntitle: x\n---\n" + after)
    assert doc.problems == []
    assert doc.body == body
    assert doc.body_line == body_line


def test_closing_line_may_have_trailing_spaces(tmp_path):
    doc = read(tmp_path, "---  \ntitle: a\n---  \nbody\n")
    assert doc.problems == []
    assert values(doc) == {"title": ("a", 2)}
    assert doc.body == "body"


def test_a_later_dashes_line_belongs_to_the_body(tmp_path):
    doc = read(tmp_path, "---\ntitle: a\n---\nabove\n---\nbelow\n")
    assert doc.body == "above\n---\nbelow"
    assert doc.body_line == 4


def test_parse_text_fills_the_given_document():
    doc = Document("p.md")
    parse_text("---\ntitle: a\n---\nbody", doc)
    assert doc.fields == {"title": Node("a", 2)}
    assert doc.body == "body"


@pytest.mark.parametrize(
    ("text", "first_line", "expected"),
    [
        (
            "- a\n- [b\n",
            1,
            "data.yml:3: yaml: invalid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        (
            "a: 1\nb: [\n",
            10,
            "data.yml:12: front matter: invalid YAML: expected the node content, but found "
            "'<stream end>'",
        ),
        ("a: 1\na: 2\n", 1, "data.yml:2: a: duplicate field 'a' (first on line 1); keep one"),
        (
            "- x\n- y\x07\n",
            1,
            "data.yml:2: yaml: invalid YAML: unacceptable character U+0007; delete it",
        ),
    ],
)
def test_compose_yaml_problems(text, first_line, expected):
    _, problems = compose_yaml(text, "data.yml", first_line)
    assert [str(p) for p in problems] == [expected]


def test_compose_yaml_offsets_lines():
    root, problems = compose_yaml("- id: a\n  name: A\n", "data.yml", first_line=5)
    assert problems == []
    assert root == Node([Node({"id": Node("a", 5), "name": Node("A", 6)}, 5)], 5)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_compose_yaml_empty(text):
    assert compose_yaml(text, "data.yml") == (None, [])
