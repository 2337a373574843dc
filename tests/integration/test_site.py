"""Build the real content and read the HTML: every entry once, in order, under its year."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.content.checks import check_tree, original_of
from generator.tools.cli import main
from tests.htmltree import parse_file

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def real_events():
    events, problems = check_tree(CONTENT, ROOT, datetime.now(UTC).date())
    assert [p for p in problems if p.severity == "error"] == []
    return events


def page_of(site: Path, event) -> Path:
    """Where an event's page is built: translations under their language's folder."""
    folder = site / event.lang if event.is_translation else site
    return folder / "events" / event.slug / "index.html"


def home_cards(site: Path):
    home = parse_file(site / "index.html")
    return home, home.find("main").find_all("li", class_="event")


def test_the_real_content_passes_the_strict_check(capsys):
    assert main(["check", "--strict", "--content", str(CONTENT)]) == 0
    assert capsys.readouterr().out == ""


def test_every_entry_appears_once_on_the_home_page(real_site: Path):
    events = real_events()
    files = sorted(CONTENT.glob("events/*/*.md"))
    assert len(events) == len(files) >= 60
    originals = [e for e in events if not e.is_translation]
    assert len(originals) == len([f for f in files if original_of(f) is None])
    _, cards = home_cards(real_site)
    slugs = [card.attrs["id"] for card in cards]
    assert sorted(slugs) == sorted(e.slug for e in originals)
    assert len(slugs) == len(set(slugs))


def test_home_page_is_chronological_and_grouped_by_year(real_site: Path):
    home, _ = home_cards(real_site)
    sections = home.find("main").find_all("section", class_="year")
    years = [int(s.find("h2").text()) for s in sections]
    assert years == sorted(years) and len(years) == len(set(years))
    previous = ""
    for section, year in zip(sections, years, strict=True):
        assert section.find("h2").attrs["id"] == f"y{year}"
        for time in [c.find("time") for c in section.find_all("li", class_="event")]:
            stamp = time.attrs["datetime"]
            assert stamp.startswith(str(year))
            # ISO strings of mixed precision compare in calendar order ("2016-05" < "2016-05-20").
            assert stamp >= previous
            previous = stamp
    jump = home.find("nav", class_="year-jump")
    year_links = [a.attrs["href"] for a in jump.find_all("a") if "decade" not in a.classes()]
    assert year_links == [f"/#y{y}" for y in years]


def test_each_event_page_shows_all_its_sources(real_site: Path):
    for event in real_events():
        page = parse_file(page_of(real_site, event))
        assert page.find("h1").text() == event.title
        items = page.find("ol", id="sources").find_all("li")
        assert len(items) == len(event.sources)
        for item, source in zip(items, event.sources, strict=True):
            assert source.publisher in item.text()
            assert source.title in item.text()
            if source.url:
                assert item.find("a").attrs["href"] == source.url


def test_seed_event_is_dated_to_the_day_with_its_french_source(real_site: Path):
    originals = [e for e in real_events() if not e.is_translation]
    seed = next(e for e in originals if any("europe1.fr" in (s.url or "") for s in e.sources))
    assert seed.date.iso == "2016-05-24"
    page = parse_file(real_site / "events" / seed.slug / "index.html")
    assert page.find("time").text() == "24 May 2016"
    assert page.find("cite", lang="fr")


def test_pages_carry_no_inline_script_or_style_and_no_third_party_asset(real_site: Path):
    for path in real_site.rglob("*.html"):
        page = parse_file(path)
        assert page.find_all("style") == [], path
        assert all(e.attrs.get("style") is None for e in page.iter()), path
        for script in page.find_all("script"):
            # A schema.org data block is not run, and the CSP does not govern it; any other
            # script is a same-origin file, never inline code.
            if script.attrs.get("type") == "application/ld+json":
                assert "src" not in script.attrs, path
                continue
            assert script.attrs.get("src", "").startswith("/"), path
            assert not "".join(map(str, script.children)).strip(), path
        for link in page.find_all("link"):
            assert link.attrs["href"].startswith("/"), (path, link.attrs)
        csp = page.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp
