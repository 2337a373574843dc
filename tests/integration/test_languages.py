"""The English site at / and the French one at /fr/, built by one command.

pelican-i18n-subsites has a history of wrong URLs, copies at the root and duplicate-slug
warnings; these tests look for each in the built output.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from pelican import signals

from generator.content.problems import ContentError
from generator.site.plan import PlannedPage
from generator.site.state import BuildState
from generator.tools.build import build_site
from tests.htmltree import parse_file
from tests.integration.conftest import FIXTURE_CONTENT, ROOT, build

SEED = "lavrov-ready-to-coordinate-on-raqqa"


def pages(site: Path) -> set[str]:
    """The HTML files of the English site: everything but the French folder."""
    return {
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] != "fr"
    }


def french_pages(site: Path) -> set[str]:
    return {str(p.relative_to(site / "fr")) for p in (site / "fr").rglob("*.html")}


def alternates(page) -> dict[str, str]:
    return {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in page.find("head").find_all("link", rel="alternate")
        if link.attrs.get("hreflang")
    }


def switch(page):
    return page.find("nav", class_="language-switch").find("a")


def test_the_french_site_holds_the_translated_entries_and_nothing_at_the_root(real_site: Path):
    entries = list(Path("content/events").rglob("*.md"))
    originals = [p for p in entries if not p.name.endswith(".fr.md")]
    english = {p.name for p in (real_site / "events").iterdir()}
    french = {p.name for p in (real_site / "fr" / "events").iterdir()}
    assert len(english) == len(originals)
    assert len(french) == len(entries) - len(originals)
    assert SEED in french
    assert french <= english  # every entry is translated now; none is French only
    # Every page at the root is English: no French copy under another name.
    for slug in english:
        html = (real_site / "events" / slug / "index.html").read_text(encoding="utf-8")
        assert '<html lang="en">' in html, slug
    # Theme files and the search bundle are written once, at the root.
    assert not (real_site / "fr" / "theme").exists()
    assert not (real_site / "fr" / "pagefind").exists()


def test_every_page_declares_its_language(real_site: Path):
    for name in pages(real_site):
        html = (real_site / name).read_text(encoding="utf-8")
        assert '<html lang="en">' in html, name
    for name in french_pages(real_site):
        html = (real_site / "fr" / name).read_text(encoding="utf-8")
        assert '<html lang="fr">' in html, name


def test_no_url_climbs_out_of_the_french_site(real_site: Path):
    offenders = [
        name
        for name in french_pages(real_site)
        if "/fr/../" in (real_site / "fr" / name).read_text(encoding="utf-8")
    ]
    assert offenders == []
    seed = (real_site / "fr" / "events" / SEED / "index.html").read_text(encoding="utf-8")
    assert 'href="/theme/css/site.css"' in seed


def test_alternates_point_both_ways_for_every_translated_page(real_site: Path):
    checked = 0
    for name in sorted(french_pages(real_site)):
        french = parse_file(real_site / "fr" / name)
        links = alternates(french)
        if not (real_site / name).is_file():
            assert links == {}, name
            continue
        english = parse_file(real_site / name)
        path = "" if name == "index.html" else name.removesuffix("index.html")
        expected = {"en": f"/{path}", "fr": f"/fr/{path}", "x-default": f"/{path}"}
        assert links == expected, name
        assert alternates(english) == expected, name
        assert switch(english).attrs["href"] == f"/fr/{path}"
        assert switch(french).attrs["href"] == f"/{path}"
        checked += 1
    assert checked > 100


def test_an_untranslated_page_leads_to_the_other_home_page_and_says_so(fixture_site: Path):
    """The real content is all translated; the fixture's has entries in English only."""
    english_only = sorted(
        p.name
        for p in (fixture_site / "events").iterdir()
        if not (fixture_site / "fr/events" / p.name).exists()
    )
    page = parse_file(fixture_site / "events" / english_only[0] / "index.html")
    link = switch(page)
    assert link.attrs["href"] == "/fr/"
    assert link.attrs["lang"] == "fr"
    assert "rel" not in link.attrs
    assert link.text() == "Français (accueil : cette page n'est pas traduite)"
    assert alternates(page) == {}


def test_french_pages_have_french_dates_and_names(real_site: Path):
    seed = parse_file(real_site / "fr" / "events" / SEED / "index.html")
    main = seed.find("main")
    assert "Lavrov" in main.find("h1").text()
    assert "24 mai 2016" in main.text()
    assert "Forces démocratiques syriennes" in main.text()
    assert "May 2016" not in main.text()
    # Our description of an untitled source comes from the English original, and says so.
    described = main.find("span", class_="described")
    assert described.attrs.get("lang") == "en"
    home = parse_file(real_site / "fr" / "index.html")
    assert home.find("p", class_="site-name").text().startswith("Coordination Russie")


def test_french_entries_link_to_french_pages_or_say_the_page_is_english(fixture_site: Path):
    french = parse_file(fixture_site / "fr" / "events" / "offer" / "index.html")
    body_links = french.find("div", class_="body").find_all("a")
    assert body_links, "the fixture's French body links to the refusal"
    # The refusal has no French version: the link goes to the English page and says so.
    assert body_links[0].attrs["href"] == "/events/refusal/"
    assert body_links[0].attrs["hreflang"] == "en"


def test_body_links_follow_an_absolute_site_address(tmp_path: Path):
    site = build(tmp_path / "out", FIXTURE_CONTENT, SITEURL="https://example.org/chronology")
    english = parse_file(site / "events" / "offer" / "index.html")
    hrefs = [a.attrs["href"] for a in english.find("div", class_="body").find_all("a")]
    assert hrefs == ["https://example.org/chronology/events/refusal/"]
    french = parse_file(site / "fr" / "events" / "offer" / "index.html")
    assert alternates(french)["en"] == "https://example.org/chronology/events/offer/"
    assert alternates(french)["fr"] == "https://example.org/chronology/fr/events/offer/"


#: What Pelican signalled it was about to write, by site and file, in the ``built`` build.
WRITES: Counter[tuple[str, str]] = Counter()


def _count_write(generator: Any, content: Any) -> None:
    WRITES[generator.settings["DEFAULT_LANG"], content.save_as] += 1


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildState]:
    """The fixture site, and the state its build leaves: sites, runs and plan."""
    site = tmp_path_factory.mktemp("planned") / "out"
    WRITES.clear()
    signals.article_generator_write_article.connect(_count_write)
    signals.page_generator_write_page.connect(_count_write)
    try:
        state = build_site(site, ROOT / "pelicanconf.py", {"PATH": str(FIXTURE_CONTENT)})
    finally:
        signals.article_generator_write_article.disconnect(_count_write)
        signals.page_generator_write_page.disconnect(_count_write)
    assert state is not None
    return site, state


def test_the_recorded_pages_are_exactly_the_pages_written(built: tuple[Path, BuildState]):
    site, state = built
    languages = state.languages
    assert set(languages.sites) == {"en", "fr"}
    assert languages.sites["en"].pages == pages(site) - {
        p for p in pages(site) if p.startswith("pagefind/")
    }
    assert languages.sites["fr"].pages == french_pages(site)
    # The French run read the French files only: the rest it would have left out anyway.
    french_read = [Path(path).name for path in state.runs["fr"].events]
    assert french_read == ["2016-05-24-offer.fr.md"]
    assert len(state.runs["en"].events) == 6  # five originals and the translation


def test_the_plan_says_which_entries_each_page_shows(built: tuple[Path, BuildState]):
    _, state = built
    plan = {(page.lang, page.path): page for page in state.plan}
    events = "content/events"
    offer, french = f"{events}/2016/2016-05-24-offer.md", f"{events}/2016/2016-05-24-offer.fr.md"
    month, refusal = f"{events}/2016/2016-05-month.md", f"{events}/2016/2016-05-20-refusal.md"
    later = f"{events}/2017/2017-09-21-later.md"
    path = "events/offer/index.html"
    assert plan["en", path] == PlannedPage(path, "en", "article", (offer,))
    assert plan["fr", path] == PlannedPage(path, "fr", "article", (french,))
    assert plan["en", "events/old-offer/index.html"].template == "redirect"
    assert plan["en", "2016/05/offer.html"].entries == (offer,)
    assert plan["en", "about/index.html"].entries == ("content/pages/about.md",)
    assert plan["en", "data/index.html"].template == "data"
    assert plan["en", "years/2016/index.html"].template == "period_archives"
    assert plan["en", "years/2016/index.html"].entries == (month, refusal, offer)
    assert plan["en", "actors/united-states/index.html"].entries == (month, refusal, later)
    assert plan["fr", "decades/2010s/index.html"].entries == (french,)
    # The direct templates are given every article of their site, as Pelican gives them.
    assert plan["fr", "index.html"].entries == (french,)
    assert len(plan) == len(state.plan), "no page is planned twice"
    assert {page.lang for page in state.plan} == {"en", "fr"}


def test_planning_sends_no_write_signal(built: tuple[Path, BuildState]):
    _, state = built
    # Pages and entries: the Data page is a page with a template of its own (`template: data`).
    contents = {(p.lang, p.path) for p in state.plan if p.template in {"article", "page", "data"}}
    assert set(WRITES) == contents
    assert set(WRITES.values()) == {1}


def test_a_failed_build_does_not_stop_the_next_from_writing_the_french_site(tmp_path: Path):
    broken = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, broken)
    entry = broken / "events" / "2016" / "2016-05-20-refusal.md"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("kind: refusal", "kind: refusall"), encoding="utf-8")
    with pytest.raises(ContentError):
        build(tmp_path / "out", broken)
    entry.write_text(good, encoding="utf-8")
    site = build(tmp_path / "out", broken)
    assert (site / "fr" / "events" / "offer" / "index.html").is_file()


#: Where the interface speaks besides text: attributes a reader hears or sees.
_SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def english_messages() -> list[str]:
    """The catalogue's English strings that French pages must not show.

    Every message counts, untranslated ones included, unless its French is the same word
    (such as "BibTeX").
    """
    with Path("theme/translations/fr/LC_MESSAGES/messages.po").open("rb") as po:
        french = {m.id: m.string for m in read_po(po, locale="fr") if m.id}
    with Path("theme/translations/messages.pot").open("rb") as pot:
        catalog = read_po(pot)
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = french.get(message.id)
        strings = strings if isinstance(strings, tuple) else (strings,)
        if strings != ids:
            found.extend(ids)
    return found


def page_texts(element, wanted: str, lang: str = ""):
    """Yield a page's text and spoken attributes in the ``wanted`` language, leaving out what
    is marked as another (the title of an English source on a French page, say)."""
    lang = element.attrs.get("lang") or lang
    if (lang and lang != wanted) or element.tag in {"script", "style"}:
        return
    for name in _SPOKEN_ATTRIBUTES:
        if element.attrs.get(name):
            yield element.attrs[name]
    if element.tag == "meta" and element.attrs.get("name") == "description":
        yield element.attrs.get("content") or ""
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                yield " ".join(child.split())
        else:
            yield from page_texts(child, wanted, lang)


def leaks(texts: set[str], messages: list[str]) -> set[str]:
    """English messages found whole as a text, or in part (three words or more) inside one."""
    found = set()
    for msgid in messages:
        fragments = [" ".join(f.split()) for f in _PLACEHOLDER.split(msgid)]
        if len(fragments) == 1 and fragments[0] in texts:
            found.add(msgid)
        for fragment in fragments:
            if len(fragment.split()) >= 3 and any(fragment in text for text in texts):
                found.add(msgid)
    return found


def test_leak_detection_finds_a_whole_message_and_a_sentence_inside_a_text():
    messages = ["Skip to content", "Showing %(shown)s of %(total)s events on this page"]
    assert leaks({"Skip to content"}, messages) == {"Skip to content"}
    assert leaks({"Aller au contenu", "Showing 3 of 9 events on this page"}, messages) == {
        messages[1]
    }
    assert leaks({"Aller au contenu"}, messages) == set()


def test_no_english_interface_string_leaks_into_french_pages(real_site: Path):
    messages = english_messages()
    assert len(messages) > 50
    # The same scan finds the English strings where they belong: it can see a leak.
    english_home = set(page_texts(parse_file(real_site / "index.html"), "en"))
    assert len(leaks(english_home, messages)) > 10
    found: dict[str, list[str]] = {}
    for name in sorted(french_pages(real_site)):
        texts = set(page_texts(parse_file(real_site / "fr" / name), "fr"))
        for msgid in leaks(texts, messages):
            found.setdefault(msgid, []).append(name)
    assert {msgid: names[:3] for msgid, names in found.items()} == {}


def test_the_two_runs_log_no_warning_not_even_about_duplicate_slugs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    # The build fails on any warning, except Pelican's duplicate-slug ones, which the check
    # reports itself for real duplicates; an entry and its translation must not cause them.
    with caplog.at_level("DEBUG"):
        build(tmp_path / "out", FIXTURE_CONTENT)
    pelican = [r for r in caplog.records if r.name.startswith("pelican")]
    assert [r.getMessage() for r in pelican if r.levelno >= logging.WARNING] == []
    # The capture saw the French run start, so it covers both runs.
    assert sum("i18n subsite for language 'fr'" in r.getMessage() for r in caplog.records) == 1
