"""Markdown bodies become sanitized HTML: nothing that runs code survives, plain Markdown does."""

from __future__ import annotations

import re

import pytest

from generator.content.markup import MarkdownRenderer, sanitize

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
