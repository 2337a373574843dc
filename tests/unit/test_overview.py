"""The overview drawing: well-formed, accessible, escaped, deterministic SVG and its table."""

from __future__ import annotations

import dataclasses
import gettext
import itertools
import random
import re
import runpy
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from generator.content.checks import check_tree
from generator.content.dates import EventDate, PartialDate
from generator.content.model import Entity, Event
from generator.site.catalogs import load_translations
from generator.site.overview import describe_overview, tabulate_overview, tally
from generator.site.overview_layout import COLOURS, MARKS, WIDTH, lay_out_overview

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2024, 1, 1)
ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "theme" / "translations"
#: The interface catalogs, as the build loads them: English as written, French from its .po.
EN = load_translations(TRANSLATIONS, "en")
FR = load_translations(TRANSLATIONS, "fr")
#: The theme's templates with the options pelicanconf.py gives Pelican's (autoescape above all).
THEME = Environment(
    loader=FileSystemLoader(ROOT / "theme" / "templates"),
    **runpy.run_path(str(ROOT / "pelicanconf.py"))["JINJA_ENVIRONMENT"],
)


def year_href(year: int) -> str:
    return f"/#y{year}"


@pytest.fixture(scope="module")
def fixture_events(minimal_site) -> list[Event]:
    """The minimal fixture's events: five English originals (2015, 2016 ×3, 2017) and the
    French translation of the 2016 offer."""
    events, problems = check_tree(minimal_site / "content", minimal_site, TODAY)
    assert not [p for p in problems if p.severity == "error"]
    return events


@pytest.fixture(scope="module")
def french_events(fixture_events) -> list[Event]:
    """A French chronology as full as the English one: every original, written in French."""
    return [replace(e, lang="fr") for e in fixture_events if not e.is_translation]


@pytest.fixture(scope="module")
def eras(registries) -> list[Entity]:
    return list(registries.entities["eras"].values())


def on(event: Event, day: str, slug: str, kind: Entity | None = None) -> Event:
    """A copy of a fixture event at another date, with another slug and maybe another kind."""
    start = PartialDate(*(int(part) for part in day.split("-")))
    return replace(event, slug=slug, date=EventDate(start), kind=kind or event.kind)


def render_overview(*args, **options) -> str:
    """Draw as the home page does: :func:`lay_out_overview` in the theme's partial."""
    partial = THEME.get_template("partials/overview.html").module
    return partial.overview(lay_out_overview(*args, **options))


def render_overview_table(*args) -> str:
    """Write the figures as the home page does: :func:`tabulate_overview` in the theme's partial."""
    partial = THEME.get_template("partials/overview-table.html").module
    return partial.overview_table(tabulate_overview(*args))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def parse_table(html: str) -> ET.Element:
    return ET.fromstring(f"<div>{html}</div>")


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def all_text(element: ET.Element) -> str:
    """The text a reader gets; line breaks between elements are layout, not text."""
    return "".join(element.itertext()).strip()


def cells(table: ET.Element) -> list[list[str]]:
    return [[all_text(cell) for cell in row] for row in table.iter("tr")]


def words_read(root: ET.Element) -> list[str]:
    """Every text a reader meets: text nodes, and the links' accessible names."""
    texts = [t.strip() for t in root.itertext() if t.strip()]
    return texts + [e.get("aria-label") for e in root.iter() if e.get("aria-label")]


def test_svg_is_well_formed_scalable_and_labelled(fixture_events, eras):
    root = parse(render_overview(fixture_events, eras, "en", EN, year_href))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")
    assert root.get("role") == "group"  # not "img": an image's links are hidden from readers
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Events per year, 2015–2017"
    assert list(root)[:2] == [title, desc]


def test_desc_counts_the_entries_of_its_language_only(fixture_events):
    assert sum(e.is_translation for e in fixture_events) == 1
    root = parse(render_overview(fixture_events, [], "en", EN, year_href))
    assert root.find("svg:desc", NS).text == "5 events from 2015 to 2017; most in 2016 (3)."
    assert describe_overview(fixture_events, [], "en", EN) == root.find("svg:desc", NS).text


def test_desc_names_tied_peaks_and_eras(fixture_events, eras):
    one = fixture_events[0]
    events = [on(one, "2010-01-01", "a"), on(one, "2012-01-01", "b"), on(one, "2012-02-01", "c")]
    events += [on(one, "2010-03-01", "d")]
    assert describe_overview(events, eras, "en", EN) == (
        "4 events from 2010 to 2012; most in 2010 and 2012 (2 each). Eras shown: "
        "Offers of joint strikes (2016); After September 2017 (from 2017)."
    )
    assert describe_overview(events[:1], [], "en", EN) == "1 event in 2010."
    three = [*events, on(one, "2014-01-01", "e"), on(one, "2014-02-01", "f")]
    assert describe_overview(three, [], "en", EN) == (
        "6 events from 2010 to 2014; most in 2010, 2012 and 2014 (2 each)."
    )


def test_french_desc_names_tied_peaks_and_eras(fixture_events, eras):
    one = replace(fixture_events[0], lang="fr")
    events = [on(one, "2010-01-01", "a"), on(one, "2012-01-01", "b"), on(one, "2012-02-01", "c")]
    events += [on(one, "2010-03-01", "d")]
    assert describe_overview(events, [], "fr", FR) == (
        "4 événements de 2010 à 2012\u202f; le plus grand nombre en 2010 et 2012 (2 chacune)."
    )
    assert describe_overview(events, eras, "fr", FR) == (
        "4 événements de 2010 à 2012\u202f; le plus grand nombre en 2010 et 2012 (2 chacune). "
        "Périodes représentées\u00a0: Les offres de frappes communes (2016)\u202f; "
        "Après septembre 2017 (depuis 2017)."
    )
    # ngettext: French says "1 événement", "2 événements".
    assert describe_overview(events[:1], [], "fr", FR) == "1 événement en 2010."
    assert describe_overview(events[1:3], [], "fr", FR) == "2 événements en 2012."
    assert describe_overview(events[:2], [], "fr", FR) == (
        "2 événements de 2010 à 2012\u202f; le plus grand nombre en 2010 et 2012 (1 chacune)."
    )


def test_one_link_per_year_with_events(fixture_events):
    one = fixture_events[0]
    events = [*fixture_events, on(one, "2010-06-01", "early"), on(one, "2012", "year-only")]
    root = parse(render_overview(events, [], "en", EN, year_href))
    links = root.findall(".//svg:a", NS)
    assert [a.get("href") for a in links] == [
        "/#y2010",
        "/#y2012",
        "/#y2015",
        "/#y2016",
        "/#y2017",
    ]
    assert [a.get("aria-label") for a in links] == [
        "2010: 1 event",
        "2012: 1 event",
        "2015: 1 event",
        "2016: 3 events",
        "2017: 1 event",
    ]
    # Every year of the span is accounted for: empty runs are named, not skipped.
    gaps = [all_text(g) for g in with_class(root, "ov-gap")]
    assert gaps == ["2011: no events", "2013–2014: no events"]


def test_bars_are_in_proportion_and_cut_by_kind(fixture_events):
    drawing = lay_out_overview(fixture_events, [], "en", EN, year_href)
    rows = {row.href: row for row in drawing.years.rows if not row.gap}
    segments = rows["/#y2016"].segments
    # 2016 holds one statement, one refusal and one agreement: one segment each, end to end.
    assert [s.title for s in segments] == ["Statement: 1", "Refusal: 1", "Agreement: 1"]
    assert [s.kind for s in segments] == ["statement", "refusal", "agreement"]
    assert {s.box.width for s in segments} == {rows["/#y2015"].segments[0].box.width}
    for before, after in itertools.pairwise(segments):
        assert after.box.x == pytest.approx(before.box.x + before.box.width, abs=0.01)
    # Each link row is at least 24 units high, a touch target at 360 px and at 320 px.
    assert rows["/#y2016"].hit.height * 320 / WIDTH >= 24
    # The drawing writes them so: a segment per kind in each year's link, a tooltip each.
    root = parse(render_overview(fixture_events, [], "en", EN, year_href))
    link = root.find(".//svg:a[@href='/#y2016']", NS)
    drawn = with_class(link, "ov-segment")
    assert [s.find("svg:title", NS).text for s in drawn] == [s.title for s in segments]
    assert [float(s.get("width")) for s in drawn] == [s.box.width for s in segments]
    hit = next(r for r in link if "ov-hit" in classes(r))
    assert float(hit.get("height")) == rows["/#y2016"].hit.height


def test_every_kind_used_has_a_pattern_and_a_legend_entry(fixture_events, registries):
    root = parse(render_overview(fixture_events, [], "en", EN, year_href))
    used = {e.kind.id for e in fixture_events}
    patterns = {p.get("id"): p for p in root.findall("svg:defs/svg:pattern", NS)}
    assert {c for p in patterns.values() for c in classes(p) if c.startswith("kind-")} == {
        f"kind-{k}" for k in used
    }
    legend = with_class(root, "ov-legend-item")
    names = {registries.lookup("kinds", k).name_in("en") for k in used}
    assert {all_text(item) for item in legend} == names
    for item in legend:
        swatch = item.find("svg:rect", NS)
        assert swatch.get("fill").removeprefix("url(#").removesuffix(")") in patterns
    # Segments use the pattern of their kind, so kinds differ by pattern, not colour alone.
    for segment in with_class(root, "ov-segment"):
        pattern = patterns[segment.get("fill").removeprefix("url(#").removesuffix(")")]
        kind_class = next(c for c in classes(segment) if c.startswith("kind-"))
        assert kind_class in classes(pattern)


def test_kinds_differ_by_marks_and_colour_up_to_the_palette_sizes(fixture_events):
    one = fixture_events[0]
    kinds = [Entity("kinds", f"k{i:02d}", {"en": f"Kind {i}"}, line=i) for i in range(12)]
    events = [on(one, f"2016-01-{i + 1:02d}", f"e{i}", kind) for i, kind in enumerate(kinds)]
    laid_out = lay_out_overview(events, [], "en", EN, year_href).patterns
    assert len(laid_out) == 12
    assert len({p.mark for p in laid_out}) == len(MARKS)
    assert {p.colour for p in laid_out} == set(COLOURS)
    root = parse(render_overview(events, [], "en", EN, year_href))
    patterns = root.findall("svg:defs/svg:pattern", NS)
    drawn = [ET.tostring(p[1], encoding="unicode") if len(p) > 1 else "" for p in patterns]
    assert len(patterns) == 12
    assert len(set(drawn)) == len(MARKS)
    assert {p[0].get("fill") for p in patterns} == set(COLOURS)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_style_no_script_anywhere(fixture_events, french_events, eras, lang):
    events, words = (fixture_events, EN) if lang == "en" else (french_events, FR)
    svg = render_overview(events, eras, lang, words, year_href)
    for element in parse(svg).iter():
        assert element.tag not in {f"{SVG}style", f"{SVG}script", f"{SVG}foreignObject"}
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)
    assert "style" not in svg
    table = render_overview_table(events, eras, lang, words, year_href)
    assert "style" not in table


def test_text_is_escaped(fixture_events):
    odd = Entity("kinds", "odd", {"en": 'A <b>&"kind"</b>'}, line=1)
    era = Entity("eras", "era", {"en": "<script>alert(1)</script> & co"}, start=PartialDate(2016))
    events = [replace(e, kind=odd) for e in fixture_events]
    svg = render_overview(events, [era], "en", EN, lambda year: f"/?year={year}&x=<y>")
    assert "<b>" not in svg
    assert "<script>" not in svg
    assert "&lt;b&gt;&amp;&#34;kind&#34;&lt;/b&gt;" in svg
    root = parse(svg)
    assert [all_text(i) for i in with_class(root, "ov-legend-item")] == ['A <b>&"kind"</b>']
    assert all_text(with_class(root, "ov-era-title")[0]).startswith("<script>alert(1)</script>")
    assert root.find(".//svg:a", NS).get("href") == "/?year=2015&x=<y>"
    table = render_overview_table(events, [era], "en", EN, lambda year: f"/?year={year}&x=<y>")
    assert "<b>" not in table
    assert "<script>" not in table
    assert 'href="/?year=2015&amp;x=&lt;y&gt;"' in table


def test_translated_words_are_escaped_too(french_events):
    """A catalog is text like any other: its apostrophes and markup are escaped."""

    class Marked(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return f"<i>{message}</i> l'été" if message == "Kinds of event" else message

    svg = render_overview(french_events, [], "fr", Marked(), year_href)
    assert "<i>" not in svg
    assert [all_text(e) for e in with_class(parse(svg), "ov-legend-heading")] == [
        "<i>Kinds of event</i> l'été"
    ]
    french = render_overview(french_events, [], "fr", FR, year_href)
    assert "Types d&#39;événement" in french


def test_output_is_deterministic(fixture_events, eras):
    laid_out = lay_out_overview(fixture_events, eras, "en", EN, year_href)
    shuffled = list(fixture_events)
    random.Random(4).shuffle(shuffled)
    assert lay_out_overview(shuffled, list(reversed(eras)), "en", EN, year_href) == laid_out
    first = render_overview(fixture_events, eras, "en", EN, year_href)
    shuffled = list(fixture_events)
    random.Random(4).shuffle(shuffled)
    assert render_overview(shuffled, list(reversed(eras)), "en", EN, year_href) == first
    assert render_overview(fixture_events, eras, "en", EN, year_href) == first
    assert re.search(r"\d\.\d{3}", first) is None  # coordinates are rounded


def test_eras_are_bands_with_titles(fixture_events, eras):
    laid_out = lay_out_overview(fixture_events, eras, "en", EN, year_href).eras
    titles = [" ".join(line.text for line in era.title) for era in laid_out.bands]
    assert titles == ["Offers of joint strikes (2016)", "After September 2017 (from 2017)"]
    closed, open_ended = (era.band for era in laid_out.bands)
    # The axis runs from 1 January 2015 to 31 December 2017: 2016-05-20 is about 46% along.
    assert 0.45 < (closed.x - 8) / (WIDTH - 16) < 0.47
    assert closed.width >= 3  # a five-day era stays visible
    # An era without an end runs to the end of the span.
    assert open_ended.x + open_ended.width == pytest.approx(WIDTH - 8)
    assert laid_out.ticks == ()  # 2015–2017 crosses no decade
    root = parse(render_overview(fixture_events, eras, "en", EN, year_href))
    drawn = with_class(root, "ov-era")
    assert [all_text(g.find("svg:text", NS)) for g in drawn] == titles
    bands = [next(r for r in g if "ov-era-band" in classes(r)) for g in drawn]
    assert [(float(b.get("x")), float(b.get("width"))) for b in bands] == [
        (band.x, band.width) for band in (closed, open_ended)
    ]
    assert [t.text for t in with_class(root, "ov-axis")[0].iter(f"{SVG}text")] == []


def test_long_era_titles_wrap_within_the_width(fixture_events):
    title = "The Syria air-safety memorandum, until its first suspension"
    era = Entity("eras", "long", {"en": title}, start=PartialDate(2015, 10, 20))
    era = replace(era, end=PartialDate(2017, 4, 7))
    (band,) = lay_out_overview(fixture_events, [era], "en", EN, year_href).eras.bands
    assert len(band.title) == 2
    assert " ".join(line.text for line in band.title) == f"{title} (2015–2017)"
    # The lines start where the block fits, one under the other.
    assert band.title[0].x == band.title[1].x
    assert band.title[0].x + 11 * 0.56 * max(len(line.text) for line in band.title) <= WIDTH - 8
    assert band.title[1].y > band.title[0].y
    root = parse(render_overview(fixture_events, [era], "en", EN, year_href))
    spans = list(with_class(root, "ov-era-title")[0])
    assert [t.text for t in spans] == [line.text for line in band.title]
    assert [float(t.get("y")) for t in spans] == [line.y for line in band.title]


def test_decade_ticks_on_a_long_span(fixture_events, eras):
    early = on(fixture_events[0], "1963-06-20", "hotline")
    ticks = lay_out_overview([early, *fixture_events], eras, "en", EN, year_href).eras.ticks
    assert [tick.year for tick in ticks] == [1970, 1980, 1990, 2000, 2010]
    # 1 January 1970 is 7 of the 55 years of 1963–2017 along the axis, from 8 to WIDTH - 8.
    assert ticks[0].x == pytest.approx(8 + (WIDTH - 16) * 7 / 55, abs=0.1)
    assert all(tick.top < tick.bottom < tick.label_y for tick in ticks)
    root = parse(render_overview([early, *fixture_events], eras, "en", EN, year_href))
    axis = with_class(root, "ov-axis")[0]
    assert axis.get("aria-hidden") == "true"
    assert [t.text for t in axis.iter(f"{SVG}text")] == ["1970", "1980", "1990", "2000", "2010"]
    assert [all_text(g) for g in with_class(root, "ov-gap")] == ["1964–2014: no events"]


@pytest.mark.parametrize("with_eras", [False, True])
def test_empty_event_list(eras, with_eras):
    shown = eras if with_eras else []
    laid_out = lay_out_overview([], shown, "en", EN, year_href)
    assert (laid_out.years, laid_out.legend, laid_out.patterns) == (None, None, ())
    assert laid_out.empty.text == "No events yet."
    assert laid_out.empty.x == WIDTH / 2
    svg = render_overview([], shown, "en", EN, year_href)
    root = parse(svg)
    assert root.findall(".//svg:a", NS) == []
    assert root.find("svg:title", NS).text == "Events per year"
    desc = root.find("svg:desc", NS).text
    assert desc.startswith("No events yet.")
    assert [all_text(e) for e in with_class(root, "ov-empty")] == ["No events yet."]
    assert len(with_class(root, "ov-era")) == (2 if with_eras else 0)
    assert root.find("svg:defs", NS) is None
    table = render_overview_table([], shown, "en", EN, year_href)
    assert '<p class="overview-empty">No events yet.</p>' in table
    assert ("overview-eras" in table) == with_eras


@pytest.mark.parametrize("with_eras", [False, True])
def test_french_empty_event_list(eras, with_eras):
    shown = eras if with_eras else []
    root = parse(render_overview([], shown, "fr", FR, year_href))
    assert root.find("svg:title", NS).text == "Événements par année"
    desc = root.find("svg:desc", NS).text
    assert desc.startswith("Aucun événement pour l'instant.")
    assert ("Périodes représentées\u00a0: " in desc) == with_eras
    assert [all_text(e) for e in with_class(root, "ov-empty")] == [
        "Aucun événement pour l'instant."
    ]
    table = parse_table(render_overview_table([], shown, "fr", FR, year_href))
    assert [all_text(p) for p in table.iter("p")] == ["Aucun événement pour l'instant."]
    assert [t.get("class") for t in table.iter("table")] == (["overview-eras"] if with_eras else [])


def test_another_language_only_is_empty(fixture_events):
    translations = [e for e in fixture_events if e.is_translation]
    assert describe_overview(translations, [], "en", EN) == "No events yet."
    assert describe_overview(translations, [], "fr", FR) == "1 événement en 2016."
    assert describe_overview(fixture_events[:0], [], "fr", FR) == (
        "Aucun événement pour l'instant."
    )


def test_table_lists_years_gaps_and_eras(fixture_events, eras):
    one = fixture_events[0]
    events = [*fixture_events, on(one, "2012-03", "early")]
    table = render_overview_table(events, eras, "en", EN, year_href)
    years, eras_table = parse_table(table).findall("table")
    assert years.find("caption").text == "Events per year, 2012–2017, by kind"
    assert cells(years) == [
        ["Year", "Events", "Kinds"],
        ["2012", "1", "Agreement: 1"],
        ["2013–2014", "0", ""],
        ["2015", "1", "Agreement: 1"],
        ["2016", "3", "Statement: 1, Refusal: 1, Agreement: 1"],
        ["2017", "1", "Agreement: 1"],
    ]
    assert [a.get("href") for a in years.iter("a")] == [f"/#y{y}" for y in (2012, 2015, 2016, 2017)]
    assert eras_table.find("caption").text == "Eras"
    assert cells(eras_table) == [
        ["Era", "From", "To", "Note"],
        ["Offers of joint strikes", "20 May 2016", "24 May 2016", "From the refusal to the offer."],
        ["After September 2017", "September 2017", "not ended", ""],
    ]


def test_french_table_lists_years_gaps_and_eras(french_events, eras):
    one = french_events[0]
    events = [*french_events, on(one, "2012-03", "early")]
    table = render_overview_table(events, eras, "fr", FR, year_href)
    years, eras_table = parse_table(table).findall("table")
    assert years.find("caption").text == "Événements par année, 2012–2017, par type"
    assert [th.get("scope") for th in years.find("thead").iter("th")] == ["col"] * 3
    assert cells(years) == [
        ["Année", "Événements", "Types"],
        ["2012", "1", "Accord\u00a0: 1"],
        ["2013–2014", "0", ""],
        ["2015", "1", "Accord\u00a0: 1"],
        ["2016", "3", "Déclaration\u00a0: 1, Refus\u00a0: 1, Accord\u00a0: 1"],
        ["2017", "1", "Accord\u00a0: 1"],
    ]
    assert [a.get("href") for a in years.iter("a")] == [f"/#y{y}" for y in (2012, 2015, 2016, 2017)]
    assert eras_table.find("caption").text == "Périodes"
    assert cells(eras_table) == [
        ["Période", "Début", "Fin", "Précisions"],
        ["Les offres de frappes communes", "20 mai 2016", "24 mai 2016", "Du refus à l'offre."],
        ["Après septembre 2017", "septembre 2017", "en cours", ""],
    ]


def test_french_overview_takes_its_words_from_the_catalog(french_events, eras):
    early = on(french_events[0], "2012-03", "early")
    root = parse(render_overview([early, *french_events], eras, "fr", FR, year_href))
    assert root.find("svg:title", NS).text == "Événements par année, 2012–2017"
    assert root.find("svg:desc", NS).text == (
        "6 événements de 2012 à 2017\u202f; le plus grand nombre en 2016 (3). "
        "Périodes représentées\u00a0: Les offres de frappes communes (2016)\u202f; "
        "Après septembre 2017 (depuis 2017)."
    )
    assert [all_text(e) for e in with_class(root, "ov-legend-heading")] == ["Types d'événement"]
    assert [all_text(e) for e in with_class(root, "ov-legend-item")] == [
        "Déclaration",
        "Refus",
        "Accord",
    ]
    assert [all_text(e) for e in with_class(root, "ov-eras-heading")] == ["Périodes"]
    assert [all_text(e) for e in with_class(root, "ov-years-heading")] == ["Événements par année"]
    assert [all_text(e) for e in with_class(root, "ov-era-title")] == [
        "Les offres de frappes communes (2016)",
        "Après septembre 2017 (depuis 2017)",
    ]
    assert [a.get("aria-label") for a in root.findall(".//svg:a", NS)] == [
        "2012\u00a0: 1 événement",
        "2015\u00a0: 1 événement",
        "2016\u00a0: 3 événements",
        "2017\u00a0: 1 événement",
    ]
    assert [all_text(g) for g in with_class(root, "ov-gap")] == ["2013–2014\u00a0: aucun événement"]
    year_2016 = root.find(".//svg:a[@href='/#y2016']", NS)
    segments = with_class(year_2016, "ov-segment")
    assert [s.find("svg:title", NS).text for s in segments] == [
        "Déclaration\u00a0: 1",
        "Refus\u00a0: 1",
        "Accord\u00a0: 1",
    ]
    # Nothing a reader meets is left in English.
    english = re.compile(r"\b(events?|Kinds?|Eras?|Years?|most|each|and|from|not ended)\b")
    assert [text for text in words_read(root) if english.search(text)] == []


def test_french_overview_counts_the_french_entries(fixture_events):
    """The French site lists the French entries: here only the translation of the offer."""
    root = parse(render_overview(fixture_events, [], "fr", FR, year_href))
    assert root.find("svg:title", NS).text == "Événements en 2016"
    assert root.find("svg:desc", NS).text == "1 événement en 2016."
    assert [a.get("aria-label") for a in root.findall(".//svg:a", NS)] == [
        "2016\u00a0: 1 événement"
    ]
    assert [all_text(e) for e in with_class(root, "ov-legend-item")] == ["Déclaration"]
    table = parse_table(render_overview_table(fixture_events, [], "fr", FR, year_href))
    assert cells(table.find("table")) == [
        ["Année", "Événements", "Types"],
        ["2016", "1", "Déclaration\u00a0: 1"],
    ]


def test_describe_counts_only_the_given_language(fixture_events):
    assert [e.lang for e in fixture_events].count("en") == 5
    assert [e.lang for e in fixture_events].count("fr") == 1
    assert describe_overview(fixture_events, [], "en", EN) == (
        "5 events from 2015 to 2017; most in 2016 (3)."
    )
    assert describe_overview(fixture_events, [], "fr", FR) == "1 événement en 2016."
    # A language without entries counts none, whatever the other languages hold.
    assert describe_overview(fixture_events, [], "ru", EN) == "No events yet."


def test_english_output_is_unchanged_by_the_catalogs(fixture_events, eras):
    """English is the source language: its catalog gives the messages exactly as written."""
    plain = gettext.NullTranslations()
    svg = render_overview(fixture_events, eras, "en", EN, year_href)
    assert svg == render_overview(fixture_events, eras, "en", plain, year_href)
    table = render_overview_table(fixture_events, eras, "en", EN, year_href)
    assert table == render_overview_table(fixture_events, eras, "en", plain, year_href)
    assert "événement" not in svg + table
    root = parse(svg)
    assert [all_text(e) for e in with_class(root, "ov-legend-heading")] == ["Kinds of event"]
    assert [all_text(e) for e in with_class(root, "ov-eras-heading")] == ["Eras"]
    assert [all_text(e) for e in with_class(root, "ov-years-heading")] == ["Events per year"]
    assert [a.get("aria-label") for a in root.findall(".//svg:a", NS)] == [
        "2015: 1 event",
        "2016: 3 events",
        "2017: 1 event",
    ]
    # Rendering French in between leaves English as it was: the catalogs are not shared state.
    render_overview(fixture_events, eras, "fr", FR, year_href)
    assert render_overview(fixture_events, eras, "en", EN, year_href) == svg


def test_a_language_without_a_catalog_gets_the_english_words(fixture_events):
    russian = [replace(e, lang="ru") for e in fixture_events if not e.is_translation]
    words = load_translations(TRANSLATIONS, "ru")
    root = parse(render_overview(russian, [], "ru", words, year_href))
    assert root.find("svg:title", NS).text == "Events per year, 2015–2017"
    assert [all_text(e) for e in with_class(root, "ov-legend-heading")] == ["Kinds of event"]
    # Kinds without a Russian name fall back to English ones.
    assert [all_text(e) for e in with_class(root, "ov-legend-item")] == [
        "Statement",
        "Refusal",
        "Agreement",
    ]


def test_tally_orders_kinds_as_the_registry_does(fixture_events):
    data = tally(fixture_events)
    assert [k.id for k in data.kinds] == ["statement", "refusal", "agreement"]
    assert data.total == 5
    assert data.span == (2015, 2017)


def test_tally_counts_only_the_given_language(fixture_events):
    assert tally(fixture_events, [], "en") == tally(fixture_events)
    french = tally(fixture_events, [], "fr")
    assert french.total == 1
    assert french.span == (2016, 2016)
    assert [k.id for k in french.kinds] == ["statement"]
    assert [(row.year, row.total) for row in french.rows] == [(2016, 1)]
    assert tally(fixture_events, [], "ru").total == 0
    assert tally(fixture_events, [], "ru").span is None


def test_two_drawings_on_one_page_keep_their_ids_apart(fixture_events):
    first = parse(render_overview(fixture_events, [], "en", EN, year_href))
    second = parse(render_overview(fixture_events, [], "en", EN, year_href, id_prefix="ov2"))
    ids = {e.get("id") for e in first.iter() if e.get("id")}
    other = {e.get("id") for e in second.iter() if e.get("id")}
    assert ids.isdisjoint(other)
    # Every reference inside a drawing points at one of its own ids.
    fills = {m for e in second.iter() for m in re.findall(r"url\(#([^)]+)\)", e.get("fill", ""))}
    assert fills
    assert fills | set(second.get("aria-labelledby").split()) <= other


def test_table_rows_hold_the_counts_and_leave_the_markup_to_the_theme(fixture_events, eras):
    table = tabulate_overview(fixture_events, eras, "en", EN, year_href)
    assert [(r.years, r.total, r.kinds, r.href, r.gap) for r in table.years] == [
        ("2015", 1, "Agreement: 1", "/#y2015", False),
        ("2016", 3, "Statement: 1, Refusal: 1, Agreement: 1", "/#y2016", False),
        ("2017", 1, "Agreement: 1", "/#y2017", False),
    ]
    assert [era.end for era in table.eras] == ["24 May 2016", "not ended"]
    # Without events the eras still span some years, but the table of years gives way to a note.
    empty = tabulate_overview([], eras, "en", EN, year_href)
    assert (empty.years, empty.empty) == ((), "No events yet.")
    assert [era.name for era in empty.eras] == ["Offers of joint strikes", "After September 2017"]


def test_every_number_of_the_layout_is_rounded_as_it_is_written(fixture_events, eras):
    early = on(fixture_events[0], "1963-06-20", "hotline")
    laid_out = lay_out_overview([early, *fixture_events], eras, "en", EN, year_href)

    def numbers(value):
        if dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                yield from numbers(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                yield from numbers(item)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield value

    found = list(numbers(laid_out))
    assert len(found) > 100
    assert [n for n in found if isinstance(n, float) and (n.is_integer() or n != round(n, 2))] == []
    assert any(isinstance(n, float) for n in found)  # not everything falls on whole units


def test_marks_are_drawn_as_their_data_says(fixture_events):
    one = fixture_events[0]
    kinds = [Entity("kinds", f"k{i:02d}", {"en": f"Kind {i}"}, line=i) for i in range(12)]
    events = [on(one, f"2016-01-{i + 1:02d}", f"e{i}", kind) for i, kind in enumerate(kinds)]
    svg = render_overview(events, [], "en", EN, year_href)
    # A stroked line, a filled dot, a ring (stroked, hollow), a filled path, a stroked zigzag.
    for shape in (
        '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#000000" stroke-width="1.5"/>',
        '<circle cx="4" cy="4" r="1.6" fill="#000000"/>',
        '<circle cx="4" cy="4" r="2.2" fill="none" stroke="#000000" stroke-width="1"/>',
        '<path d="M0,0 H4 V4 H0 Z M4,4 H8 V8 H4 Z" fill="#000000"/>',
        '<path d="M0,6 L2,2 L4,6 L6,2 L8,6" fill="none" stroke="#000000" stroke-width="1.2"/>',
        '<path d="M4,0 L4,8" stroke="#ffffff" stroke-width="1.5"/>',  # white ink on the blue
    ):
        assert shape in svg
    # The first kind is plain: its tile is its colour alone.
    assert '<rect width="8" height="8" fill="#E69F00"/></pattern>' in svg
