"""The interface catalogs match the templates, and a French catalog really translates."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2 import DictLoader, Environment

from generator.content.typography import typeset_text
from generator.site.catalogs import (
    catalog_gaps,
    extract_messages,
    load_translations,
    message_key,
    po_path,
    template_gettext,
)

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "theme" / "translations"


def test_every_template_message_is_translated_into_french():
    assert catalog_gaps(ROOT, ["fr"]) == []


def test_the_template_catalog_is_current():
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        listed = {message_key(m.id, m.context) for m in read_po(pot) if m.id}
    assert listed == set(extract_messages(ROOT)), "run `make translations`"


def test_the_generator_python_is_extracted_too():
    found = extract_messages(ROOT)
    assert found["Kinds of event"] == 1  # generator/site/overview_layout.py
    assert ("%(num)s event", "%(num)s events") in found  # templates and overview.py alike
    assert message_key("%(decade)ss", "decade") in found


def test_french_strings_follow_french_typography():
    """No ordinary space before ; : ! ? » or after «, where a line could break (see typography)."""
    with po_path(TRANSLATIONS, "fr").open("rb") as po:
        catalog = read_po(po)
    strings = [
        text
        for message in catalog
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
    ]
    assert [text for text in strings if typeset_text(text, "fr") != text] == []
    assert "accueil\u00a0: cette page n'est pas traduite" in strings


def test_french_strings_and_plurals_come_from_the_po_file():
    french = load_translations(TRANSLATIONS, "fr")
    assert french.gettext("Chronology") == "Chronologie"
    assert french.ngettext("%(num)s event", "%(num)s events", 1) == "%(num)s événement"
    assert french.ngettext("%(num)s event", "%(num)s events", 2) == "%(num)s événements"
    # French counts 0 as singular.
    assert french.ngettext("%(num)s event", "%(num)s events", 0) == "%(num)s événement"
    assert french.pgettext("decade", "%(decade)ss") % {"decade": 2010} == "années 2010"
    english = load_translations(TRANSLATIONS, "en")
    assert english.gettext("Chronology") == "Chronology"
    assert english.pgettext("decade", "%(decade)ss") % {"decade": 2010} == "2010s"


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_templates_gettext_gives_what_jinjas_newstyle_gettext_gives(lang: str, autoescape: bool):
    page = (
        "{{ _('Chronology') }}|{{ _('Chronology') }}|{{ gettext('Search') }}|{{ _('50%% <b>') }}"
        "|{{ _('%(num)s event', num='<i>') }}|{% trans %}Actors{% endtrans %}"
        "|{% trans n=2 %}{{ n }} & more{% endtrans %}|{{ _('Chronology') is string }}"
    )
    translations = load_translations(TRANSLATIONS, lang)

    def render(replace: bool) -> str:
        env = Environment(
            loader=DictLoader({"page": page}),
            extensions=["jinja2.ext.i18n"],
            autoescape=autoescape,
        )
        env.install_gettext_translations(translations, newstyle=True)
        if replace:
            env.globals["gettext"] = env.globals["_"] = template_gettext(translations)
        return env.get_template("page").render()

    jinjas = render(replace=False)
    assert render(replace=True) == jinjas
    assert jinjas.split("|")[0] == ("Chronologie" if lang == "fr" else "Chronology")
    assert "|50% <b>|" in jinjas  # a message is trusted markup; %% is %
    assert ("&lt;i&gt;" if autoescape else "<i>") in jinjas


def test_templates_gettext_makes_each_message_once():
    asked: list[str] = []

    class Counting:
        def gettext(self, message: str) -> str:
            asked.append(message)
            return message.upper()

    env = Environment(loader=DictLoader({"page": "{{ _('a') }}{{ _('a') }}{{ _('b', x=1) }}"}))
    env.add_extension("jinja2.ext.i18n")
    env.globals["_"] = template_gettext(Counting())  # type: ignore[arg-type]
    assert env.get_template("page").render() == "AAB"
    assert env.get_template("page").render() == "AAB"
    assert asked == ["a", "b", "b"]


def test_a_catalog_is_compiled_again_when_its_file_changes(tmp_path: Path):
    write_tree(tmp_path, "", 'msgid "Kept"\nmsgstr "Gardé"\n')
    folder = tmp_path / "theme" / "translations"
    first = load_translations(folder, "fr")
    assert load_translations(folder, "fr") is first
    path = po_path(folder, "fr")
    path.write_text(path.read_text(encoding="utf-8").replace("Gardé", "Conservé"), "utf-8")
    assert load_translations(folder, "fr").gettext("Kept") == "Conservé"


def write_tree(root: Path, template: str, po: str) -> None:
    (root / "theme" / "templates").mkdir(parents=True)
    (root / "theme" / "templates" / "page.html").write_text(template, encoding="utf-8")
    path = po_path(root / "theme" / "translations", "fr")
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        + po,
        encoding="utf-8",
    )


def test_gaps_name_missing_unused_empty_fuzzy_and_broken_placeholders(tmp_path: Path):
    write_tree(
        tmp_path,
        '{{ _("Kept") }} {{ _("New") }} {{ _("Empty") }} {{ _("Fuzzy") }}'
        ' {{ _("From %(start)s.", start=1) }} {{ _("Showing {shown}.") }}'
        ' {{ pgettext("month", "May") }}',
        'msgid "Kept"\nmsgstr "Gardé"\n\n'
        'msgctxt "verb"\nmsgid "May"\nmsgstr "Pouvoir"\n\n'
        'msgid "Gone"\nmsgstr "Parti"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Flou"\n\n'
        '#, python-format\nmsgid "From %(start)s."\nmsgstr "Début : %(debut)s."\n\n'
        'msgid "Showing {shown}."\nmsgstr "{affiches} affichés."\n',
    )
    path = po_path(tmp_path / "theme" / "translations", "fr")
    gaps = [line.removeprefix(f"{path}: ") for line in catalog_gaps(tmp_path, ["fr"])]
    assert "'Gone': no template uses it any more" in gaps
    assert "'Empty': not translated" in gaps
    assert "'Fuzzy': marked fuzzy; check the translation" in gaps
    assert "'New': missing; run `make translations`" in gaps
    assert any(line.startswith("'From %(start)s.': ") for line in gaps)
    assert "'Showing {shown}.': placeholders ['shown'] expected, found ['affiches']" in gaps
    # One id in two contexts is two messages.
    assert "'verb | May': no template uses it any more" in gaps
    assert "'month | May': missing; run `make translations`" in gaps
    assert not any(line.startswith("'Kept'") for line in gaps)


def test_a_language_without_a_catalog_is_reported(tmp_path: Path):
    (tmp_path / "theme" / "templates").mkdir(parents=True)
    path = po_path(tmp_path / "theme" / "translations", "de")
    assert catalog_gaps(tmp_path, ["de"]) == [f"{path}: missing; run `make translations`"]
