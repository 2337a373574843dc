"""Markdown bodies become sanitized HTML: nothing that runs code survives, plain Markdown does."""

from __future__ import annotations

import re
from pathlib import Path

import markdown as python_markdown
import pytest

from generator.content import markup
from generator.content.frontmatter import read_document
from generator.content.markup import EXTENSIONS, MarkdownRenderer, sanitize

REL = 'rel="noopener noreferrer"'


@pytest.fixture(scope="module")
def render():
    return MarkdownRenderer().render


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("<script>alert(1)</script>", ""),
        ("Hi <script>alert(1)</script> there", "<p>Hi  there</p>"),
        ("<img src=x onerror=alert(1)>", "<p></p>"),
        ("<iframe src='https://evil.example/'></iframe>", ""),
        ("[x](javascript:alert(1))", f"<p><a {REL}>x</a></p>"),
        ("[x](JaVaScRiPt:alert(1))", f"<p><a {REL}>x</a></p>"),
        ("[x](jav&#x09;ascript:alert(1))", f"<p><a {REL}>x</a></p>"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', f"<p><a {REL}>x</a></p>"),
        ('<a href="&#106;avascript:alert(1)">x</a>', f"<p><a {REL}>x</a></p>"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", f"<p><a {REL}>x</a></p>"),
        ("[x](vbscript:msgbox(1))", f"<p><a {REL}>x</a></p>"),
        ("<svg onload=alert(1)>", "<p></p>"),
        ("<svg><script>alert(1)</script></svg>", "<p></p>"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "<p>x</p>"),
        (
            "<a href='https://x.example/' onclick='steal()'>y</a>",
            f'<p><a href="https://x.example/" {REL}>y</a></p>',
        ),
        (
            '<a href="https://x.example/" target="_blank" rel="opener">t</a>',
            f'<p><a href="https://x.example/" {REL}>t</a></p>',
        ),
        ("<object data='x.swf'></object>", ""),
        ("<embed src='x.swf'>", "<p></p>"),
        ("<form action='https://evil.example/'><input name=q></form>", ""),
        ("<style>body{display:none}</style>", ""),
        ("<meta http-equiv=refresh content='0;url=https://evil.example/'>", "<p></p>"),
        ("<!-- a comment -->text", "\n<p>text</p>"),
        ("![alt](https://img.example/a.png)", "<p></p>"),
    ],
)
def test_dangerous_markup_is_removed(render, markdown, expected):
    assert render(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=//evil.example></iframe>",
        "[x](javascript:alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "<svg onload=alert(1)>",
        '<div style="color:red" onmouseover="x()">x</div>',
        '<a href="javascript&colon;alert(1)">x</a>',
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
    ],
)
def test_nothing_that_runs_code_survives(render, markdown):
    html = render(markdown).lower()
    for needle in ("<script", "<iframe", "<svg", "<img", "<object", "<embed", "style="):
        assert needle not in html
    assert re.search(r"\son\w+\s*=", html) is None
    assert "javascript:" not in html
    assert "data:" not in html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("*em* and **strong**", "<p><em>em</em> and <strong>strong</strong></p>"),
        (
            "[link](https://example.org/a?b=1)",
            f'<p><a href="https://example.org/a?b=1" {REL}>link</a></p>',
        ),
        (
            "[the refusal](/events/refusal/)",
            f'<p><a href="/events/refusal/" {REL}>the refusal</a></p>',
        ),
        (
            "[mail](mailto:desk@example.org)",
            f'<p><a href="mailto:desk@example.org" {REL}>mail</a></p>',
        ),
        (
            '[t](https://example.org "Title")',
            f'<p><a href="https://example.org" title="Title" {REL}>t</a></p>',
        ),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
        ("## Heading", "<h2>Heading</h2>"),
        ("### Sub", "<h3>Sub</h3>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("`code`", "<p><code>code</code></p>"),
        ("    <b>shown as code</b>", "<pre><code>&lt;b&gt;shown as code&lt;/b&gt;\n</code></pre>"),
        ('"quotes" -- and...', "<p>“quotes” – and…</p>"),
        ("A < B & C", "<p>A &lt; B &amp; C</p>"),
        (
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            "<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
        ),
        ("Term\n:   Definition", "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>"),
        ('<q lang="ru">да</q>', '<p><q lang="ru">да</q></p>'),
    ],
)
def test_normal_markdown_survives(render, markdown, expected):
    assert render(markdown) == expected


def test_h1_is_not_allowed_in_a_body(render):
    # The page title is the only h1; a body's "# x" keeps its text without the tag.
    assert render("# Title") == "Title"


def test_every_link_gets_rel(render):
    html = render("[a](https://a.example/) and [b](https://b.example/) and <https://c.example/>")
    assert html.count("<a ") == 3
    assert html.count(REL) == 3


def test_renderer_is_reusable_without_leaking_state(render):
    first = render("Text[^1].\n\n[^1]: A note.")
    again = render("Text[^1].\n\n[^1]: A note.")
    assert first == again
    assert render("plain") == "<p>plain</p>"


def test_sanitize_directly():
    assert sanitize('<a href="https://x.example/">x</a><script>1</script>') == (
        f'<a href="https://x.example/" {REL}>x</a>'
    )


# Bodies that leave state in a converter: footnotes, abbreviations, references, raw HTML,
# definition lists, tables, fenced code, attribute lists and Markdown inside HTML.
STATEFUL_BODIES = [
    "Text[^1] and HTML.\n\n[^1]: The note.\n\n*[HTML]: Hyper Text Markup Language",
    "See [the report][r].\n\n[r]: https://example.org/report",
    "Plain HTML text[^1], and [the report][r].",
    "Term\n:   Definition\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "```\n<b>code</b>\n```\n\nAfter.{: lang=fr }",
    '<div markdown="1">*inside*</div>\n\n<p>raw</p>',
    "Another[^note].\n\n[^note]: Second note.",
    "HTML again, no definition.",
]
ROOT = Path(__file__).resolve().parents[2]


def fresh_render(text: str) -> str:
    """Render with a converter made for this one body, as if no other had been converted."""
    md = python_markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    return sanitize(md.convert(text))


def test_a_body_after_one_with_footnotes_has_none(render):
    with_notes = render("Text[^1] and HTML.\n\n[^1]: The note.\n\n*[HTML]: Hyper Text")
    assert "The note." in with_notes
    assert "<abbr" in with_notes
    after = render("Plain HTML text[^1].")
    assert after == "<p>Plain HTML text[^1].</p>"
    assert after == fresh_render("Plain HTML text[^1].")


def test_the_shared_converter_renders_every_body_as_a_fresh_one_would():
    bodies = [*STATEFUL_BODIES, *STATEFUL_BODIES[::-1]]
    bodies += [read_document(path, path.name).body for path in sorted(ROOT.glob("content/**/*.md"))]
    renderer = MarkdownRenderer()
    assert [renderer.render(body) for body in bodies] == [fresh_render(body) for body in bodies]


def test_readers_share_one_converter(monkeypatch):
    made = []
    real = python_markdown.Markdown

    def counting(*args, **kwargs):
        made.append(kwargs["extensions"])
        return real(*args, **kwargs)

    markup.converter.cache_clear()
    monkeypatch.setattr(markup.markdown, "Markdown", counting)
    try:
        renderers = [MarkdownRenderer() for _ in range(3)]
        assert [r.render("*a*") for r in renderers] == ["<p><em>a</em></p>"] * 3
    finally:
        markup.converter.cache_clear()
    assert made == [list(EXTENSIONS)]
