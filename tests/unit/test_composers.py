"""libyaml and PyYAML's pure-Python composer give the same nodes, lines and messages.

:func:`~generator.content.frontmatter.compose_yaml` composes with libyaml where it can and
hands the rest to the pure-Python composer; these tests hold the two to the same answer on
every file of the site and the fixtures, on the texts that read differently in the two, and on
generated text, and check that the site's own entries take the fast path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import frontmatter
from generator.content.frontmatter import (
    MAX_DEPTH,
    Document,
    compose_pure_python,
    compose_yaml,
    read_document,
)

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted(
    path
    for folder in (ROOT / "content", ROOT / "tests" / "fixtures")
    for path in folder.rglob("*")
    if path.suffix in {".md", ".yml"}
)

# Front matter (or a registry) that libyaml and PyYAML read differently, or that must be
# refused however it is composed: each is composed by both and must give the same answer.
TEXTS = [
    "title: x\ndate: [2016\nkind: a\n",
    "title: a: b\n",
    "title: a\nkind: b\ntitle: c\n",
    "- a\n",
    "[a]: b\n",
    "kind: a\x01b\n",
    "kind: a\x0bb\n",
    "- x\n- y\x07\n",
    "a: 1\nb: [\n",
    "",
    "# only a comment\n",
    # Aliases: used, undefined, as a key, inside a duplicate's value, recursive.
    "a: &x [1]\nb:\n  - *x\n",
    "a: *x\n",
    "a: &x 1\n*x : 2\n",
    "a: &x 1\na: *x\n",
    "[a]: &x 1\nb: *x\n",
    "a: &x [*x]\n",
    "a: &x 1\nb: &x 2\n",
    "a: &x 1\n",
    # Tabs: PyYAML refuses some that libyaml accepts.
    "title: a\tb\n",
    "title:\ta\n",
    "a: [b,\tc]\n",
    # Line breaks editors do not show, and a BOM inside the text.
    "a: b\x85c: d\n",
    "a: b\u2028c: d\n",
    "a: b\u2029c: d\n",
    "a: \ufeffb\n",
    "a: b\r\nc: d\r\n",
    "a: b\rc: d\r",
    "a: b\r--- #c\n",
    # Tags and block scalars.
    "a: !!python/object/apply:os.system [echo hi]\nb: !!int 3\n",
    "a: !\nb: ! x\n",
    "a: !!null x\n",
    "a: !foo x\n",
    "a: !x!y z\n",
    "a: |-#\n  b\n",
    "a: >\n  b\n  c\n",
    "a: |\n  b\n",
    # Documents and directives.
    "---\n",
    "--- #c\na: b\n",
    "a: b\n...\n",
    "%YAML 1.1\n---\na: b\n",
    "a: b\n---\nc: d\n",
    # A '?' in a plain scalar inside a flow collection: PyYAML refuses it.
    "a: [http://e.org/a?b=c]\n",
    "a: {k?: v}\n",
    "a: ['x?y', \"z?\"]\n",
    "url: http://e.org/a?b=c\nactors: [a, b]\n",
    "? a\n: b\n",
    "a: [? , :b]\n",
    # Quoted scalars and escapes.
    "a: \"\\ud800\"\nb: 'it''s'\nc: \"\\'\"\n",
    'a: "x\\\n  y"\n',
    "a: 'x\n\n  y'\n",
    "a: x\n  y\n\n  z\n",
    "k" * 1030 + ": v\n",
    "a: " + "x" * 2000 + "\n",
    # Nesting around the limit, in each kind of collection.
    "[" * MAX_DEPTH + "]" * MAX_DEPTH,
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "[" * 1001,  # deeper than libyaml goes
    "- " * (MAX_DEPTH + 1) + "x",
    "".join("  " * i + "a:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "b",
    "".join("  " * i + "a:\n" for i in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "b",
]


def both(text: str, first_line: int = 1):
    """Return what each composer gives."""
    return compose_yaml(text, "p.yml", first_line), compose_pure_python(text, "p.yml", first_line)


def read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Document, Document]:
    """Read a file with libyaml where it can be used, then without libyaml at all."""
    fast = read_document(path, "shown.md")
    with monkeypatch.context() as patch:
        patch.setattr(frontmatter, "_FAST_LOADER", None)
        pure = read_document(path, "shown.md")
    return fast, pure


def test_the_corpus_has_the_site_and_the_fixtures():
    assert len([p for p in CORPUS if p.is_relative_to(ROOT / "content")]) > 100
    assert any("invalid" in p.parts for p in CORPUS)


@pytest.mark.parametrize("path", CORPUS, ids=[str(p.relative_to(ROOT)) for p in CORPUS])
def test_every_file_composes_alike(path, monkeypatch):
    if path.suffix == ".yml":
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        fast, pure = both(text)
    else:
        fast, pure = read_both(path, monkeypatch)
    assert fast == pure


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("first_line", [1, 2])
def test_texts_that_differ_in_the_two_compose_alike(text, first_line):
    fast, pure = both(text, first_line)
    assert fast == pure


@pytest.mark.parametrize("text", TEXTS)
def test_front_matter_reads_alike(text, monkeypatch, tmp_path):
    path = tmp_path / "entry.md"
    path.write_text(f"---\n{text}\n---\nbody\n", encoding="utf-8", newline="")
    fast, pure = read_both(path, monkeypatch)
    assert fast == pure


def test_nesting_deeper_than_the_limit_is_refused_by_both():
    text = "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2)
    fast, pure = both(text, 2)
    assert (
        fast
        == pure
        == (
            None,
            [frontmatter.Problem("p.yml", 2, "front matter", "invalid YAML: nested too deeply")],
        )
    )
    assert both("[" * MAX_DEPTH + "]" * MAX_DEPTH)[0][0] is not None


def test_the_site_entries_are_composed_by_libyaml_alone(monkeypatch):
    """The fast path is the one taken: PyYAML's composer reads no file of the site."""
    calls: list[str] = []

    def pure(text: str, path: str, first_line: int = 1):
        calls.append(path)
        return compose_pure_python(text, path, first_line)

    monkeypatch.setattr(frontmatter, "compose_pure_python", pure)
    entries = sorted((ROOT / "content").rglob("*.md"))
    docs = [read_document(path, str(path)) for path in entries]
    assert all(doc.fields for doc in docs)
    assert calls == []
    read_document_text = "---\na: &x [1]\nb: *x\n---\nbody\n"
    doc = Document("alias.md")
    frontmatter.parse_text(read_document_text, doc)
    assert calls == ["alias.md"]
    assert [p.line for p in doc.problems] == [3]


# Pieces of YAML, put together at random: indicators, quotes, escapes, anchors and aliases,
# keys, comments, line breaks and indentation.
PIECES = [
    "a", "title", "k", "x y", "2016-05-24", "null", "~", "yes", "1.5", "é", "日本", "a:b", "a#",
    "a?", "?a", "a?b", "http://e.org/a?b=c#d", "-a", "a-", ":", ": ", " ", "  ", "\n", "\n  ",
    "\n- ", "- ", "-", "[", "]", "{", "}", ",", ", ", "'", '"', "''", "#", " #", "&x ", "*x",
    "&y ", "*y", "?", "? ", "\\", "\\n", "\\'", "\\x41", "\\u00e9", "\\ud800", "\\ ", "\\\n",
    "\t", "\r", "\r\n", "\x85", "\u2028", "\ufeff", "\x01", "!", "!!str ", "|", ">", "|-", "%",
    "---", "...", "k" * 1030, "@", "`",
]  # fmt: skip
yamlish = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(text=yamlish, first_line=st.sampled_from([1, 2]))
@settings(max_examples=500, deadline=None)
def test_generated_text_composes_alike(text, first_line):
    fast, pure = both(text, first_line)
    assert fast == pure


# Front matter as editors write it: fields with scalars in every style and flow collections,
# nested lists of mappings; then one character inserted or deleted, to reach the mistakes.
WORDS = [
    "a", "title", "x y", "2016-05-24", "null", "~", "", "yes", "é", "a:b", "a:", ":a", "a#",
    "a #b", "a?", "a?b", "?a", "-a", "a-", "a,", "a]", "*", "&", "a&b", "k: v", "[x]", "{x}",
    "http://e.org/a?b=c#d", "'", '"', "%x", "`x", "@", "\x7f", "\x01", "k" * 1030,
]  # fmt: skip
ESCAPES = ["", "\\n", '\\"', "\\x41", "\\ud800", "\\'", "\\q", "\\\n", "\\ ", "\\/"]
plain = st.sampled_from(WORDS)
scalar = st.one_of(
    plain,
    plain.map(lambda w: "'" + w.replace("'", "''") + "'"),
    st.tuples(plain, st.sampled_from(ESCAPES)).map(
        lambda t: '"' + t[0].replace('"', "") + t[1] + '"'
    ),
    st.tuples(plain, st.sampled_from(["\n", "\n  ", "\n\n  "]), plain).map("".join),
    st.tuples(st.sampled_from(["&x ", "*x", "&y ", "*z"]), plain).map("".join),
)
flow = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(scalar, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=5,
)
key = st.sampled_from(["title", "date", "sources", "a", "x y", "'q'", "? k", "[a]", "k" * 1030])
after = st.sampled_from(["", " # c", "#c", "  "])
field = st.tuples(key, st.sampled_from([": ", ":", ":  "]), flow, after).map("".join)
item = st.one_of(
    flow.map(lambda value: "- " + value),
    st.lists(field, min_size=1, max_size=3).map(lambda fields: "- " + "\n  ".join(fields)),
)
block = st.one_of(
    st.lists(field, min_size=1, max_size=5).map("\n".join),
    st.tuples(key, st.lists(item, min_size=1, max_size=3)).map(
        lambda t: t[0] + ":\n" + "\n".join("  " + line for line in t[1])
    ),
)


@st.composite
def edited_front_matter(draw) -> str:
    """A block of fields, perhaps with one character inserted or deleted."""
    text = "\n".join(draw(st.lists(block, min_size=1, max_size=3)))
    where = draw(st.integers(min_value=0, max_value=len(text)))
    edit = draw(st.sampled_from(["", "delete", " ", ":", "-", "[", "]", "{", ",", "'", "\n", "?"]))
    if edit == "delete":
        return text[:where] + text[where + 1 :]
    return text[:where] + edit + text[where:]


@given(text=edited_front_matter(), first_line=st.sampled_from([1, 2]))
@settings(max_examples=500, deadline=None)
def test_generated_front_matter_composes_alike(text, first_line):
    fast, pure = both(text, first_line)
    assert fast == pure
