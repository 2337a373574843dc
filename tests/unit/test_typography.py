"""French text gets its no-break spaces; tags, addresses, code and other languages do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.dates import PartialDate, make_event_date
from generator.content.markup import MarkdownRenderer
from generator.content.model import Entity, Event, Source
from generator.content.typography import (
    NARROW_NBSP,
    NBSP,
    rule_for,
    typeset_event,
    typeset_html,
    typeset_text,
)
from tests.factories import make_event

N = NARROW_NBSP

TEXT_CASES = [
    # Each mark takes its space: U+00A0 before the colon, U+202F elsewhere.
    ("accueil : cette page n'est pas traduite", f"accueil{NBSP}: cette page n'est pas traduite"),
    ("un ; deux", f"un{N}; deux"),
    ("Vraiment ? Oui !", f"Vraiment{N}? Oui{N}!"),
    ("« Oui », dit-il", f"«{N}Oui{N}», dit-il"),
    ("Quoi ?!", f"Quoi{N}?!"),
    # A no-break space already there becomes the rule's one; a run of spaces becomes one.
    ("Pourquoi\u00a0?", f"Pourquoi{N}?"),
    ("Note\u202f: ceci", f"Note{NBSP}: ceci"),
    ("Note\u2009: ceci", f"Note{NBSP}: ceci"),
    ("trop   ; d'espaces", f"trop{N}; d'espaces"),
    ("«\u00a0a\u00a0»", f"«{N}a{N}»"),
    # Nothing is added where there was no space.
    ("voir http://example.org/a?b=1", "voir http://example.org/a?b=1"),
    ("à 12:30, heure de Damas", "à 12:30, heure de Damas"),
    ("«serré»", "«serré»"),
    ("?q=Raqqa", "?q=Raqqa"),
    # In plain text an entity is just text; its ";" has no space before it either way.
    ("AT&amp;T : x", f"AT&amp;T{NBSP}: x"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES)
def test_french_text_gets_the_rule(text: str, expected: str):
    assert typeset_text(text, "fr") == expected
    assert typeset_text(expected, "fr") == expected


@pytest.mark.parametrize("lang", ["en", None, "", "ru"])
def test_a_language_without_a_rule_is_left_alone(lang: str | None):
    assert typeset_text("Really ? Yes : « no »", lang) == "Really ? Yes : « no »"
    assert typeset_html("<p>Really ? Yes : no</p>", lang) == "<p>Really ? Yes : no</p>"


def test_a_regional_tag_takes_its_language_rule():
    assert rule_for("fr-CA") is rule_for("fr") is rule_for("FR")
    assert rule_for("en-GB") is None


HTML_CASES = [
    ("<p>accueil : cette page</p>", f"<p>accueil{NBSP}: cette page</p>"),
    # The sanitizer writes U+00A0 as an entity; it counts as the space before the mark.
    ("<p>Qu’est-ce&nbsp;?</p>", f"<p>Qu’est-ce{N}?</p>"),
    ("<p>a &#160;: b</p>", f"<p>a{NBSP}: b</p>"),
    # The ";" ending an entity follows no space, so it is never read as a mark.
    ("<p>AT&amp;T ; Procter &amp; Gamble</p>", f"<p>AT&amp;T{N}; Procter &amp; Gamble</p>"),
    ("<p>a&nbsp;b &lt; c</p>", "<p>a&nbsp;b &lt; c</p>"),
    # Attribute values and addresses are never touched, even with a raw ">" in a value.
    (
        '<p><a href="https://x.example/?q=a :b" title="a > b ?">lien</a> !</p>',
        f'<p><a href="https://x.example/?q=a :b" title="a > b ?">lien</a>{N}!</p>',
    ),
    ("<p>https://x.example/a?b=1 et 12:30</p>", "<p>https://x.example/a?b=1 et 12:30</p>"),
    # A space and its mark split by a tag are in one segment; a bare mark after a tag is not.
    ("<p><em>mot</em> : suite</p>", f"<p><em>mot</em>{NBSP}: suite</p>"),
    ("<p>mot <em>?</em></p>", "<p>mot <em>?</em></p>"),
    ("<p>«<em> a </em>»</p>", "<p>«<em> a </em>»</p>"),
    # Code is shown as written, however deeply nested, and the rule resumes after it.
    ("<p><code>a : b</code> : c</p>", f"<p><code>a : b</code>{NBSP}: c</p>"),
    (
        "<pre><code>x ; y\n<b>z ?</b></code></pre><p>z ?</p>",
        f"<pre><code>x ; y\n<b>z ?</b></code></pre><p>z{N}?</p>",
    ),
    # Text marked as another language follows that language's rule, until its element ends.
    (
        '<p>Il a dit <q lang="en">Ready ? Go !</q> ; puis</p>',
        f'<p>Il a dit <q lang="en">Ready ? Go !</q>{N}; puis</p>',
    ),
    (
        '<blockquote lang="en"><p>Why ? <i lang="fr">Pourquoi ?</i> Who ?</p></blockquote>',
        f'<blockquote lang="en"><p>Why ? <i lang="fr">Pourquoi{N}?</i> Who ?</p></blockquote>',
    ),
    # A void element opens nothing; an attribute merely containing "lang=" changes nothing.
    ("<p>un<br>deux ?<hr></p>", f"<p>un<br>deux{N}?<hr></p>"),
    ('<p><abbr title="x lang=en">A</abbr> ?</p>', f'<p><abbr title="x lang=en">A</abbr>{N}?</p>'),
    ('<p><a hreflang="en" href="/x">A</a> ?</p>', f'<p><a hreflang="en" href="/x">A</a>{N}?</p>'),
    # A stray end tag closes nothing that is not open.
    ("<p>a</em> ?</p> !", f"<p>a</em>{N}?</p>{N}!"),
]


@pytest.mark.parametrize(("html", "expected"), HTML_CASES)
def test_french_html_gets_the_rule_in_its_text_only(html: str, expected: str):
    assert typeset_html(html, "fr") == expected
    assert typeset_html(expected, "fr") == expected


def test_french_marked_inside_english_html_gets_the_french_rule():
    html = '<p>He said <q lang="fr">Pourquoi ?</q> ; then : <code lang="fr">a ?</code></p>'
    expected = f'<p>He said <q lang="fr">Pourquoi{N}?</q> ; then : <code lang="fr">a ?</code></p>'
    assert typeset_html(html, "en") == expected


def test_rendered_markdown_is_typeset_after_sanitizing():
    body = 'Qu’est-ce\u00a0? Voir [la page](https://x.example/?a=1 "Titre : x") : `a ; b`.'
    html = typeset_html(MarkdownRenderer().render(body), "fr")
    assert html == (
        f'<p>Qu’est-ce{N}? Voir <a href="https://x.example/?a=1" title="Titre : x" '
        f'rel="noopener noreferrer">la page</a>{NBSP}: <code>a ; b</code>.</p>'
    )


PIECES = [" ", "\u00a0", "\u202f", "&nbsp;", "&amp;", ":", ";", "?", "!", "«", "»", "a", "<b>"]
PIECES += ["</b>", '<q lang="en">', "</q>", "<code>", "</code>", "http://x/?q=1", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_typesetting_twice_changes_nothing_more(text: str):
    once = typeset_html(text, "fr")
    assert typeset_html(once, "fr") == once
    plain = typeset_text(text, "fr")
    assert typeset_text(plain, "fr") == plain


def spaces_and_rest(html: str) -> tuple[int, str]:
    """Count the spaces of any kind in ``html`` and return what is left without them."""
    rest = html.replace("&nbsp;", "\u00a0")
    count = sum(rest.count(space) for space in " \n\u00a0\u202f")
    return count, rest.translate(str.maketrans("", "", " \n\u00a0\u202f"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_only_spaces_change_and_none_is_added(text: str):
    before, rest = spaces_and_rest(text)
    after, rest_after = spaces_and_rest(typeset_html(text, "fr"))
    assert rest_after == rest
    assert after <= before


STATEMENT = Entity("kinds", "statement", {"en": "Statement", "fr": "Déclaration"})


def event(lang: str, sources: tuple[Source, ...] = ()) -> Event:
    start = PartialDate(2016, 5, 24)
    return make_event(
        "lavrov",
        lang=lang,
        title="Raqqa : Lavrov prêt ?",
        date=make_event_date(start, None, False),
        kind=STATEMENT,
        summary="Il se dit prêt ; Washington : « non ».",
        sources=sources,
    )


# The reader (generator/site/reader.py) is not imported here: Pelican instantiates every subclass of
# its BaseReader that has been imported, so importing ours would break the tests that build a
# generator by hand. Building the site checks the reader's part (the integration tests).
def test_an_event_is_typeset_in_its_language_and_each_source_in_its_own():
    sources = (
        Source("RIA", "Syrie : la Russie prête", lang="fr", written_in="en"),
        Source("Wire", "Syria: Russia ready ?", lang="en", written_in="fr"),
        Source("Agence", "[Compte rendu : pas de titre]", written_in="fr"),
        Source("Agency", "[Report : untitled]", lang="fr", written_in="en"),
    )
    french = typeset_event(event("fr", sources))
    assert french.title == f"Raqqa{NBSP}: Lavrov prêt{N}?"
    assert french.summary == f"Il se dit prêt{N}; Washington{NBSP}: «{N}non{N}»."
    assert [s.title for s in french.sources] == [
        f"Syrie{NBSP}: la Russie prête",
        "Syria: Russia ready ?",
        f"[Compte rendu{NBSP}: pas de titre]",
        "[Report : untitled]",
    ]
    english = typeset_event(event("en", sources[:1]))
    assert (english.title, english.summary) == ("Raqqa : Lavrov prêt ?", event("en").summary)
    assert english.sources[0].title == f"Syrie{NBSP}: la Russie prête"
