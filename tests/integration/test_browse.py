"""Browse pages: one per kind, actor, place, thread and year, each reachable in one click."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.htmltree import parse_file


def titles(page) -> list[str]:
    return [h.find("a").text() for h in page.find("main").find_all(class_="event-title")]


def dates(page) -> list[str]:
    """The dates of the events listed, not those of their sources."""
    metas = page.find("main").find_all("p", class_="event-meta")
    return [meta.find("time").attrs["datetime"] for meta in metas]


def test_each_registry_has_an_index_with_counts(fixture_site: Path):
    actors = parse_file(fixture_site / "actors" / "index.html")
    rows = {
        li.find("a").text(): li.find("span", class_="count").text()
        for li in actors.find("main").find_all("li")
    }
    assert rows == {"Russia": "4 events", "United States": "3 events", "Sergei Lavrov": "1 event"}
    groups = [h.text() for h in actors.find("main").find_all("h2")]
    assert groups == ["States", "People"]
    for registry in ("kinds", "places", "threads"):
        assert (fixture_site / registry / "index.html").is_file()


def test_an_actor_page_lists_its_events_oldest_first(fixture_site: Path):
    page = parse_file(fixture_site / "actors" / "russia" / "index.html")
    assert page.find("h1").text() == "Russia"
    assert dates(page) == ["2015", "2016-05", "2016-05-24", "2017-09-21"]
    assert "4 events, oldest first." in page.find("main").text()


def test_a_year_page_uses_pelicans_period_archive_in_chronological_order(fixture_site: Path):
    page = parse_file(fixture_site / "years" / "2016" / "index.html")
    assert page.find("h1").text() == "2016"
    assert dates(page) == ["2016-05", "2016-05-20", "2016-05-24"]
    home = parse_file(fixture_site / "index.html")
    headings = [s.find("h2") for s in home.find("main").find_all("section", class_="year")]
    year_links = [h.find("a").attrs["href"] for h in headings if h.find("a")]
    assert year_links == ["/years/2015/", "/years/2016/", "/years/2017/"]


def test_every_name_on_an_event_page_links_to_its_page(fixture_site: Path):
    page = parse_file(fixture_site / "events" / "offer" / "index.html")
    facts = page.find("dl", class_="facts")
    hrefs = [a.attrs["href"] for a in facts.find_all("a")]
    assert hrefs == [
        "/kinds/statement/",
        "/actors/sergei-lavrov/",
        "/actors/russia/",
        "/places/raqqa/",
        "/threads/raqqa-2016/",
        "/years/2016/",
    ]


def test_the_citation_gives_title_site_date_and_permalink(fixture_site: Path):
    page = parse_file(fixture_site / "events" / "offer" / "index.html")
    cite = page.find("section", class_="cite")
    assert "“A day-precision statement <em>with markup</em>”." in cite.find("p").text()
    assert "event date: 24 May 2016" in cite.find("p").text()
    assert cite.find("a").attrs["href"] == "/events/offer/"
    assert "note = {event date: 2016-05-24}" in cite.find("pre").text()
    assert "language = {en}" in cite.find("pre").text()


def test_related_events_start_with_the_same_thread_nearest_first(real_site: Path):
    page = parse_file(real_site / "events" / "lavrov-ready-to-coordinate-on-raqqa" / "index.html")
    related = [a.attrs["href"] for a in page.find("section", class_="related").find_all("a")]
    thread = parse_file(real_site / "threads" / "raqqa-2016" / "index.html")
    others = [
        h.find("a").attrs["href"]
        for h in thread.find("main").find_all(class_="event-title")
        if "lavrov-ready" not in h.find("a").attrs["href"]
    ]
    assert len(related) == 5
    assert set(related[: len(others)]) == set(others)


def internal_targets(site: Path):
    for path in site.rglob("*.html"):
        for element in parse_file(path).iter():
            href = element.attrs.get("href") or element.attrs.get("src")
            if href and href.startswith("/"):
                yield path, urlsplit(href).path


def resolve(site: Path, url_path: str) -> Path:
    target = site / url_path.lstrip("/")
    return target / "index.html" if url_path.endswith("/") else target


def test_no_internal_link_of_the_real_site_is_broken(real_site: Path):
    broken = [
        (str(page.relative_to(real_site)), href)
        for page, href in internal_targets(real_site)
        if not resolve(real_site, href).is_file()
    ]
    assert broken == []


def test_every_facet_page_of_the_real_site_is_linked_from_an_event(real_site: Path):
    linked = {href for page, href in internal_targets(real_site / "events")}
    for registry in ("kinds", "actors", "places", "threads"):
        pages = {
            f"/{p.parent.relative_to(real_site)}/"
            for p in (real_site / registry).glob("*/index.html")
        }
        assert pages, registry
        assert pages <= linked, pages - linked


def test_the_home_page_draws_the_whole_span_with_a_link_per_year(real_site: Path):
    home = parse_file(real_site / "index.html")
    svg = home.find("svg", class_="overview")
    sections = home.find("main").find_all("section", class_="year")
    years = [s.find("h2").attrs["id"] for s in sections if s.find_all("li", class_="event")]
    links = [a.attrs["href"] for a in svg.find_all("a")]
    assert links == [f"/#{anchor}" for anchor in years]
    assert svg.find("desc").text().startswith(f"{len(home_events(home))} events from 1963 to")
    assert home.find("figure", class_="overview-figure").find("details").find("table")


def home_events(home) -> list:
    return home.find("main").find_all("li", class_="event")
