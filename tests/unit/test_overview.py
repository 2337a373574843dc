"""The overview drawing: well-formed, accessible, escaped, deterministic SVG and its table."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

import pytest

from generator.dates import EventDate, PartialDate
from generator.model import Entity, Event
from generator.overview import (
    COLOURS,
    LABELS,
    MARKS,
    WIDTH,
    describe_overview,
    render_overview,
    render_overview_table,
    tally,
)
from generator.validation import check_tree

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2024, 1, 1)


def year_href(year: int) -> str:
    return f"/#y{year}"


@pytest.fixture(scope="module")
def fixture_events(minimal_site) -> list[Event]:
    """The minimal fixture's events: five originals (2015, 2016 ×3, 2017) and a translation."""
    events, problems = check_tree(minimal_site / "content", minimal_site, TODAY)
    assert not [p for p in problems if p.severity == "error"]
    return events


@pytest.fixture(scope="module")
def eras(registries) -> list[Entity]:
    return list(registries.entities["eras"].values())


def on(event: Event, day: str, slug: str, kind: Entity | None = None) -> Event:
    """A copy of a fixture event at another date, with another slug and maybe another kind."""
    start = PartialDate(*(int(part) for part in day.split("-")))
    return replace(event, slug=slug, date=EventDate(start), kind=kind or event.kind)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def all_text(element: ET.Element) -> str:
    """The text a reader gets; line breaks between elements are layout, not text."""
    return "".join(element.itertext()).strip()


def test_svg_is_well_formed_scalable_and_labelled(fixture_events, eras):
    root = parse(render_overview(fixture_events, eras, "en", year_href))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")
    assert root.get("role") == "group"  # not "img": an image's links are hidden from readers
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Events per year, 2015–2017"
    assert list(root)[:2] == [title, desc]


def test_desc_counts_originals_only(fixture_events, eras):
    assert sum(e.is_translation for e in fixture_events) == 1
    root = parse(render_overview(fixture_events, [], "en", year_href))
    assert root.find("svg:desc", NS).text == "5 events from 2015 to 2017; most in 2016 (3)."
    assert describe_overview(fixture_events, [], "en") == root.find("svg:desc", NS).text


def test_desc_names_tied_peaks_and_eras(fixture_events, eras):
    one = fixture_events[0]
    events = [on(one, "2010-01-01", "a"), on(one, "2012-01-01", "b"), on(one, "2012-02-01", "c")]
    events += [on(one, "2010-03-01", "d")]
    assert describe_overview(events, eras, "en") == (
        "4 events from 2010 to 2012; most in 2010 and 2012 (2 each). Eras shown: "
        "Offers of joint strikes (2016); After September 2017 (from 2017)."
    )
    assert describe_overview(events[:1], [], "en") == "1 event in 2010."
    assert describe_overview(events, [], "fr") == (
        "4 événements de 2010 à 2012 ; le plus grand nombre en 2010 et 2012 (2 chacune)."
    )


def test_one_link_per_year_with_events(fixture_events):
    one = fixture_events[0]
    events = [*fixture_events, on(one, "2010-06-01", "early"), on(one, "2012", "year-only")]
    root = parse(render_overview(events, [], "en", year_href))
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
    root = parse(render_overview(fixture_events, [], "en", year_href))
    rows = {a.get("href"): a for a in root.findall(".//svg:a", NS)}
    segments = rows["/#y2016"].findall("svg:rect[@class]", NS)
    segments = [s for s in segments if "ov-segment" in classes(s)]
    # 2016 holds one statement, one refusal and one agreement: one segment each.
    assert sorted(s.find("svg:title", NS).text for s in segments) == [
        "Agreement: 1",
        "Refusal: 1",
        "Statement: 1",
    ]
    widths = {float(s.get("width")) for s in segments}
    one_year = [s for s in rows["/#y2015"] if "ov-segment" in classes(s)]
    assert widths == {float(one_year[0].get("width"))}
    # Each link row is at least 24 units high, a touch target at 360 px and at 320 px.
    hit = next(r for r in rows["/#y2016"] if "ov-hit" in classes(r))
    assert float(hit.get("height")) * 320 / WIDTH >= 24


def test_every_kind_used_has_a_pattern_and_a_legend_entry(fixture_events, registries):
    root = parse(render_overview(fixture_events, [], "en", year_href))
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
    root = parse(render_overview(events, [], "en", year_href))
    patterns = root.findall("svg:defs/svg:pattern", NS)
    drawn = [ET.tostring(p[1], encoding="unicode") if len(p) > 1 else "" for p in patterns]
    assert len(patterns) == 12
    assert len(set(drawn)) == len(MARKS)
    assert {p[0].get("fill") for p in patterns} == set(COLOURS)


def test_no_style_no_script_anywhere(fixture_events, eras):
    svg = render_overview(fixture_events, eras, "en", year_href)
    for element in parse(svg).iter():
        assert element.tag not in {f"{SVG}style", f"{SVG}script", f"{SVG}foreignObject"}
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)
    assert "style" not in svg
    table = render_overview_table(fixture_events, eras, "en", year_href)
    assert "style" not in table


def test_text_is_escaped(fixture_events):
    odd = Entity("kinds", "odd", {"en": 'A <b>&"kind"</b>'}, line=1)
    era = Entity("eras", "era", {"en": "<script>alert(1)</script> & co"}, start=PartialDate(2016))
    events = [replace(e, kind=odd) for e in fixture_events]
    svg = render_overview(events, [era], "en", lambda year: f"/?year={year}&x=<y>")
    assert "<b>" not in svg
    assert "<script>" not in svg
    assert "&lt;b&gt;&amp;&#34;kind&#34;&lt;/b&gt;" in svg
    root = parse(svg)
    assert [all_text(i) for i in with_class(root, "ov-legend-item")] == ['A <b>&"kind"</b>']
    assert all_text(with_class(root, "ov-era-title")[0]).startswith("<script>alert(1)</script>")
    assert root.find(".//svg:a", NS).get("href") == "/?year=2015&x=<y>"
    table = render_overview_table(events, [era], "en", lambda year: f"/?year={year}&x=<y>")
    assert "<b>" not in table
    assert "<script>" not in table
    assert 'href="/?year=2015&amp;x=&lt;y&gt;"' in table


def test_output_is_deterministic(fixture_events, eras):
    first = render_overview(fixture_events, eras, "en", year_href)
    shuffled = list(fixture_events)
    random.Random(4).shuffle(shuffled)
    assert render_overview(shuffled, list(reversed(eras)), "en", year_href) == first
    assert render_overview(fixture_events, eras, "en", year_href) == first
    assert re.search(r"\d\.\d{3}", first) is None  # coordinates are rounded


def test_eras_are_bands_with_titles(fixture_events, eras):
    root = parse(render_overview(fixture_events, eras, "en", year_href))
    drawn = with_class(root, "ov-era")
    assert [all_text(g.find("svg:text", NS)) for g in drawn] == [
        "Offers of joint strikes (2016)",
        "After September 2017 (from 2017)",
    ]
    bands = [next(r for r in g if "ov-era-band" in classes(r)) for g in drawn]
    closed, open_ended = ((float(b.get("x")), float(b.get("width"))) for b in bands)
    # The axis runs from 1 January 2015 to 31 December 2017: 2016-05-20 is about 46% along.
    assert 0.45 < (closed[0] - 8) / (WIDTH - 16) < 0.47
    assert closed[1] >= 3  # a five-day era stays visible
    # An era without an end runs to the end of the span.
    assert open_ended[0] + open_ended[1] == pytest.approx(WIDTH - 8)
    assert [t.text for t in with_class(root, "ov-axis")[0].iter(f"{SVG}text")] == []


def test_long_era_titles_wrap_within_the_width(fixture_events):
    title = "The Syria air-safety memorandum, until its first suspension"
    era = Entity("eras", "long", {"en": title}, start=PartialDate(2015, 10, 20))
    era = replace(era, end=PartialDate(2017, 4, 7))
    root = parse(render_overview(fixture_events, [era], "en", year_href))
    lines = [t.text for t in with_class(root, "ov-era-title")[0]]
    assert len(lines) == 2
    assert " ".join(lines) == f"{title} (2015–2017)"


def test_decade_ticks_on_a_long_span(fixture_events, eras):
    early = on(fixture_events[0], "1963-06-20", "hotline")
    root = parse(render_overview([early, *fixture_events], eras, "en", year_href))
    axis = with_class(root, "ov-axis")[0]
    assert axis.get("aria-hidden") == "true"
    assert [t.text for t in axis.iter(f"{SVG}text")] == ["1970", "1980", "1990", "2000", "2010"]
    assert [all_text(g) for g in with_class(root, "ov-gap")] == ["1964–2014: no events"]


@pytest.mark.parametrize("with_eras", [False, True])
def test_empty_event_list(eras, with_eras):
    shown = eras if with_eras else []
    svg = render_overview([], shown, "en", year_href)
    root = parse(svg)
    assert root.findall(".//svg:a", NS) == []
    assert root.find("svg:title", NS).text == "Events per year"
    desc = root.find("svg:desc", NS).text
    assert desc.startswith("No events yet.")
    assert [all_text(e) for e in with_class(root, "ov-empty")] == ["No events yet."]
    assert len(with_class(root, "ov-era")) == (2 if with_eras else 0)
    assert root.find("svg:defs", NS) is None
    table = render_overview_table([], shown, "en", year_href)
    assert '<p class="overview-empty">No events yet.</p>' in table
    assert ("overview-eras" in table) == with_eras


def test_translations_only_is_empty(fixture_events):
    translations = [e for e in fixture_events if e.is_translation]
    assert describe_overview(translations, [], "en") == "No events yet."


def test_table_lists_years_gaps_and_eras(fixture_events, eras):
    one = fixture_events[0]
    events = [*fixture_events, on(one, "2012-03", "early")]
    table = render_overview_table(events, eras, "en", year_href)
    root = ET.fromstring(f"<div>{table}</div>")
    years, eras_table = root.findall("table")
    assert years.find("caption").text == "Events per year, 2012–2017, by kind"
    rows = [[all_text(cell) for cell in row] for row in years.iter("tr")]
    assert rows == [
        ["Year", "Events", "Kinds"],
        ["2012", "1", "Agreement: 1"],
        ["2013–2014", "0", ""],
        ["2015", "1", "Agreement: 1"],
        ["2016", "3", "Statement: 1, Refusal: 1, Agreement: 1"],
        ["2017", "1", "Agreement: 1"],
    ]
    assert [a.get("href") for a in years.iter("a")] == [f"/#y{y}" for y in (2012, 2015, 2016, 2017)]
    assert [[all_text(cell) for cell in row] for row in eras_table.iter("tr")] == [
        ["Era", "From", "To", "Note"],
        ["Offers of joint strikes", "20 May 2016", "24 May 2016", "From the refusal to the offer."],
        ["After September 2017", "September 2017", "not ended", ""],
    ]


def test_french_labels_and_overrides(fixture_events, eras):
    root = parse(render_overview(fixture_events, eras, "fr", year_href))
    assert root.find("svg:title", NS).text == "Événements par année, 2015–2017"
    assert [all_text(e) for e in with_class(root, "ov-legend-heading")] == ["Types d'événement"]
    assert root.find(".//svg:a", NS).get("aria-label") == "2015 : 1 événement"
    assert all_text(with_class(root, "ov-era-title")[1]) == "Après septembre 2017 (depuis 2017)"
    custom = render_overview(fixture_events, [], "ru", year_href, {"legend": "Виды"})
    assert [all_text(e) for e in with_class(parse(custom), "ov-legend-heading")] == ["Виды"]
    assert set(LABELS["fr"]) == set(LABELS["en"])


def test_tally_orders_kinds_as_the_registry_does(fixture_events):
    data = tally(fixture_events)
    assert [k.id for k in data.kinds] == ["statement", "refusal", "agreement"]
    assert data.total == 5
    assert data.span == (2015, 2017)


def test_two_drawings_on_one_page_keep_their_ids_apart(fixture_events):
    first = parse(render_overview(fixture_events, [], "en", year_href))
    second = parse(render_overview(fixture_events, [], "en", year_href, id_prefix="ov2"))
    ids = {e.get("id") for e in first.iter() if e.get("id")}
    other = {e.get("id") for e in second.iter() if e.get("id")}
    assert ids.isdisjoint(other)
