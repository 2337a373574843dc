"""Properties that hold for any input: parsers report problems and never crash."""

from __future__ import annotations

import calendar
import itertools
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.checks import CheckedEntries, check_event, check_translation
from generator.content.dates import EventDate, PartialDate, parse_date, parse_event_date
from generator.content.frontmatter import Document, Node, parse_text, read_document
from generator.content.options import Context, check_mapping
from generator.content.problems import Invalid, Problem
from generator.content.schemas import EVENT_SCHEMA, REGISTRY_SCHEMAS, TRANSLATION_SCHEMA

SETTINGS = settings(max_examples=300, deadline=None)

# Pieces that have broken front matter parsers: BOM, NBSP, zero-width space, bidi override,
# tabs, CR/CRLF, '---' lines, YAML indicators and a few control characters.
TRICKY = [
    "---", "--- ", " ---", "\ufeff", "\u00a0", "\u200b", "\u202e", "\u2066", "\t", "\r\n",
    "\r", "\n", "  ", "- ", ": ", "title: x", "date: 2016-05-24", "sources:", "  - publisher: P",
    "[", "]", "{", "}", "&a ", "*a", "!!str ", "'", '"', "#", "|", ">", "?", "%", "@", "`",
    "\x00", "\x01", "\x0b", "\x85", "\u2028", "é", "日本",
]  # fmt: skip
tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=5)), max_size=40).map(
    "".join
)
# Well-formed fences around tricky lines, so the YAML inside is reached.
fenced_text = st.tuples(
    st.lists(st.lists(st.sampled_from(TRICKY[4:]), max_size=4).map("".join), max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.text(max_size=20),
).map(lambda t: t[1].join(["---", *t[0], "---", t[2]]))
any_text = st.one_of(st.text(), tricky_text, tricky_text.map(lambda t: "---\n" + t), fenced_text)
date_like = st.one_of(
    st.text(),
    st.text(alphabet="0123456789-/. :T", max_size=20),
    st.text(
        alphabet=st.sampled_from("0123456789-") | st.characters(categories=["Nd"]), max_size=12
    ),
    st.from_regex(r"\s*-?\d{1,5}(-\d{1,3}(-\d{1,3})?)?\s*", fullmatch=True),
    st.sampled_from(["May 2016", "17 mai 2016", "24 May", "2016-05-24T10:00", "05/06/2016"]),
)


@st.composite
def partial_dates(draw) -> PartialDate:
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@SETTINGS
@given(date_like)
def test_parse_date_returns_a_date_or_raises_date_error(text):
    try:
        parsed = parse_date(text)
    except Invalid as exc:
        assert exc.message
        assert isinstance(exc.hint, str)
    else:
        assert isinstance(parsed, PartialDate)
        # Only our grammar, in ASCII digits, is accepted: the text is exactly the ISO form.
        assert parsed.iso == text.strip()


@SETTINGS
@given(partial_dates())
def test_iso_round_trip_keeps_precision(value):
    parsed = parse_date(value.iso)
    assert parsed == value
    assert parsed.precision == value.precision
    assert parsed.iso == value.iso


@SETTINGS
@given(partial_dates())
def test_first_and_last_day_bound_the_period(value):
    first, last = value.first_day, value.last_day
    assert first <= last
    assert first.year == last.year == value.year
    if value.precision == "year":
        assert (first, last) == (date(value.year, 1, 1), date(value.year, 12, 31))
    elif value.precision == "month":
        days = calendar.monthrange(value.year, value.month)[1]
        assert (first.day, last.day, last.month) == (1, days, value.month)
    else:
        assert first == last == date(value.year, value.month, value.day)


@SETTINGS
@given(partial_dates(), st.sampled_from(["en", "fr"]), st.booleans())
def test_display_never_fails(value, lang, circa):
    text = EventDate(value, circa=circa).display(lang)
    assert str(value.year) in text
    if circa:
        assert text.startswith("c. " if lang == "en" else "vers ")


@SETTINGS
@given(st.lists(partial_dates(), min_size=2, max_size=8))
def test_sort_key_follows_first_day_then_precision(values):
    event_dates = [EventDate(v) for v in values]
    for event_date in event_dates:
        assert event_date.sort_key[0] == event_date.start.first_day
    ordered = sorted(event_dates, key=lambda d: d.sort_key)
    firsts = [d.start.first_day for d in ordered]
    assert firsts == sorted(firsts)
    for a, b in itertools.pairwise(ordered):
        if a.start.first_day == b.start.first_day:
            assert a.sort_key[1] <= b.sort_key[1]
    # PartialDate's own order agrees with the events' order.
    assert sorted(values) == [d.start for d in ordered]


@SETTINGS
@given(partial_dates(), partial_dates(), st.booleans())
def test_event_date_range_is_ordered_or_refused(start, end, circa):
    try:
        event_date = parse_event_date(start.iso, end.iso, circa)
    except Invalid as exc:
        assert end.last_day < start.first_day or end == start
        assert exc.message.startswith(f"end {end.iso} ")
    else:
        assert end.last_day >= start.first_day
        assert event_date.sort_key == (start.first_day, event_date.sort_key[1])
        assert event_date.as_datetime().date() == start.first_day
        assert event_date.display("en")
        assert event_date.display("fr")


def assert_problems_are_well_formed(doc: Document) -> None:
    for problem in doc.problems:
        assert isinstance(problem, Problem)
        assert problem.path == doc.path
        assert problem.line >= 1
        assert str(problem).startswith(f"{doc.path}:{problem.line}: ")


@SETTINGS
@given(any_text)
def test_parse_text_never_raises(text):
    doc = Document("events/x.md")
    parse_text(text, doc)
    assert_problems_are_well_formed(doc)
    assert doc.body_line >= 1
    if not doc.problems:
        assert isinstance(doc.fields, dict)


@SETTINGS
@given(st.one_of(any_text.map(lambda t: t.encode("utf-8")), st.binary(max_size=200)))
def test_read_document_never_raises(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("doc") / "entry.md"
    path.write_bytes(data)
    doc = read_document(path, "events/entry.md")
    assert_problems_are_well_formed(doc)


keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10)
plain = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'", min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and not s.startswith(("'", ",")) and s.lower() != "null"
)


@SETTINGS
@given(st.dictionaries(keys, plain, min_size=1, max_size=10), st.sampled_from(["\n", "\r\n"]))
def test_field_lines_match_the_file(fields, newline):
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\nbody\n"
    doc = Document("events/x.md")
    parse_text("\ufeff" + text.replace("\n", newline), doc)
    assert doc.problems == []
    assert list(doc.fields) == list(fields)
    for line, (name, node) in enumerate(doc.fields.items(), 2):
        assert node == Node(fields[name], line)
    assert doc.body_line == len(fields) + 3


def nodes(max_leaves: int = 12) -> st.SearchStrategy[Node]:
    lines = st.integers(min_value=1, max_value=500)
    scalar = st.one_of(
        st.none(),
        st.text(max_size=30),
        st.sampled_from(["2016-05-24", "2016", "true", "russia", "statement", "https://a.b/c"]),
    )
    field_names = st.one_of(st.sampled_from([*sorted(EVENT_SCHEMA), "en", "fr"]), keys)
    return st.recursive(
        st.builds(Node, scalar, lines),
        lambda children: st.one_of(
            st.builds(Node, st.lists(children, max_size=4), lines),
            st.builds(Node, st.dictionaries(field_names, children, max_size=4), lines),
        ),
        max_leaves=max_leaves,
    )


def field_maps() -> st.SearchStrategy[dict[str, Node]]:
    names = st.one_of(st.sampled_from(sorted({*EVENT_SCHEMA, *TRANSLATION_SCHEMA})), keys)
    return st.dictionaries(names, nodes(), max_size=12)


@SETTINGS
@given(field_maps())
def test_check_mapping_never_raises(registries, fields):
    schemas = [(EVENT_SCHEMA, registries.context())]
    schemas += [(schema, Context()) for schema in REGISTRY_SCHEMAS.values()]
    for schema, ctx in schemas:
        values, problems = check_mapping(fields, schema, ctx, "e.md", 1)
        assert set(values) <= set(schema)
        for problem in problems:
            assert isinstance(problem, Problem)
            assert problem.severity in {"error", "warning"}
        required = [n for n, o in schema.items() if o.required]
        missing = [n for n in required if n not in fields or fields[n].value is None]
        reported = {p.field for p in problems if p.message == "required" and "[" not in p.field}
        assert reported == set(missing)


@SETTINGS
@given(field_maps(), st.text(max_size=50))
def test_check_event_never_raises(registries, fields, body):
    doc = Document("content/events/2016/2016-05-24-offer.md", fields=fields, body=body, body_line=9)
    event, problems = check_event(doc, registries, date(2024, 1, 1))
    errors = [p for p in problems if p.severity == "error"]
    assert (event is None) == bool(errors)
    if event is not None:
        assert event.slug == "offer"
        assert event.date.iso == "2016-05-24"


@SETTINGS
@given(field_maps(), st.text(max_size=50))
def test_check_translation_never_raises(registries, fields, body):
    minimal = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
    original_path = minimal / "content" / "events" / "2016" / "2016-05-24-offer.md"
    _, original, _ = CheckedEntries(registries, date(2024, 1, 1), minimal).original(original_path)
    assert original is not None
    doc = Document("content/events/2016/2016-05-24-offer.fr.md", fields=fields, body=body)
    for known in (original, None):
        event, problems = check_translation(doc, registries, date(2024, 1, 1), known, "missing")
        errors = [p for p in problems if p.severity == "error"]
        assert (event is None) == bool(errors)
        if event is not None:
            assert (event.slug, event.lang, event.date) == ("offer", "fr", original.date)
            assert event.actors == original.actors
            assert event.sources[: len(original.sources)] == original.sources
