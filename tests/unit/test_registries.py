"""Registries of kinds, actors, places, threads and eras: the fixture loads, errors are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.dates import PartialDate
from generator.content.model import Entity
from generator.content.registries import Registries, load_registries

GOOD = {
    "kinds.yml": "- id: statement\n  name: {en: Statement}\n  description: {en: A statement.}\n",
    "actors.yml": "- id: russia\n  name: {en: Russia}\n  type: state\n",
    "places.yml": "- id: syria\n  name: {en: Syria}\n  type: country\n",
    "threads.yml": "- id: raqqa-2016\n  title: {en: 'Raqqa, 2016'}\n",
    "eras.yml": "- id: memorandum\n  title: {en: Memorandum}\n  start: 2015-10-20\n",
}


def write_data(tmp_path: Path, **files: str | bytes | None) -> Path:
    """Write the registry files, replacing some (``None`` leaves a file out)."""
    data = tmp_path / "content" / "data"
    data.mkdir(parents=True)
    for name, text in {**GOOD, **{f"{k}.yml": v for k, v in files.items()}}.items():
        if text is None:
            continue
        raw = text.encode("utf-8") if isinstance(text, str) else text
        (data / name).write_bytes(raw)
    return data


def load(tmp_path: Path, **files: str | bytes | None) -> tuple[Registries, list[str]]:
    registries = load_registries(write_data(tmp_path, **files), tmp_path)
    return registries, [str(p) for p in registries.problems]


def test_fixture_registries_load_without_problems(registries):
    assert registries.problems == []
    assert registries.ids("kinds") == ["statement", "refusal", "agreement"]
    assert registries.ids("actors") == ["sergei-lavrov", "russia", "united-states"]
    assert registries.ids("places") == ["syria", "raqqa"]
    assert registries.ids("threads") == ["raqqa-2016"]
    assert registries.ids("eras") == ["offers-2016", "after-2017"]


def test_fixture_entities_keep_their_fields(registries):
    lavrov = registries.lookup("actors", "sergei-lavrov")
    # Entities compare by registry, id, type, aliases and country; names are checked below.
    expected = Entity(
        "actors", "sergei-lavrov", names={}, type="person", aliases=("Sergey Lavrov",)
    )
    assert lavrov == expected
    assert lavrov.names == {"en": "Sergei Lavrov", "fr": "Sergueï Lavrov"}
    assert lavrov.name_in("fr") == "Sergueï Lavrov"
    assert lavrov.name_in("ru") == "Sergei Lavrov"
    assert lavrov.line == 1
    raqqa = registries.lookup("places", "raqqa")
    assert (raqqa.type, raqqa.country, raqqa.line) == ("city", "syria", 4)
    statement = registries.lookup("kinds", "statement")
    assert statement.description_in("fr") == (
        "Une déclaration publique d'une partie sur la coordination."
    )
    thread = registries.lookup("threads", "raqqa-2016")
    assert thread.names == {"en": "Raqqa, 2016", "fr": "Raqqa, 2016"}
    assert thread.description_in("en") == ""


def test_lookup_of_unknown_id_or_registry(registries):
    assert registries.lookup("actors", "nobody") is None
    assert registries.lookup("nothing", "russia") is None
    assert registries.ids("nothing") == []


def test_context_resolves_ids(registries):
    ctx = registries.context()
    assert ctx.lookup("kinds", "refusal") is registries.lookup("kinds", "refusal")
    assert ctx.ids("places") == ["syria", "raqqa"]


def test_good_files_load(tmp_path):
    registries, problems = load(tmp_path)
    assert problems == []
    assert {name: registries.ids(name) for name in registries.entities} == {
        "kinds": ["statement"],
        "actors": ["russia"],
        "places": ["syria"],
        "threads": ["raqqa-2016"],
        "eras": ["memorandum"],
    }


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "kinds": GOOD["kinds.yml"] + "- id: statement\n  name: {en: Again}\n"
                "  description: {en: Again.}\n"
            },
            ["content/data/kinds.yml:4: id: duplicate id 'statement'"],
        ),
        (
            {"actors": "- id: russia\n  name: {en: Russia}\n  type: stat\n"},
            [
                "content/data/actors.yml:3: type: expected one of 'state', 'government', "
                "'military', 'coalition', 'armed-group', 'organization', 'person', got 'stat' "
                "(hint: did you mean 'state'?)"
            ],
        ),
        (
            {
                "places": GOOD["places.yml"] + "- id: raqqa\n  name: {en: Raqqa}\n  type: city\n"
                "  country: syra\n"
            },
            [
                "content/data/places.yml:4: country: unknown country 'syra', expected a place of "
                "type 'country' (hint: did you mean 'syria'?)"
            ],
        ),
        (
            {
                "places": "- id: syria\n  name: {en: Syria}\n  type: region\n"
                "- id: raqqa\n  name: {en: Raqqa}\n  type: city\n  country: syria\n"
            },
            [
                "content/data/places.yml:4: country: unknown country 'syria', expected a place of "
                "type 'country'"
            ],
        ),
        (
            {"threads": None},
            ["content/data/threads.yml:1: file: missing registry file"],
        ),
        (
            {"threads": "id: raqqa-2016\ntitle: {en: Raqqa}\n"},
            ["content/data/threads.yml:1: file: expected a list of entries"],
        ),
        (
            {"threads": ""},
            ["content/data/threads.yml:1: file: empty registry"],
        ),
        (
            {"threads": "# nothing yet\n"},
            ["content/data/threads.yml:1: file: empty registry"],
        ),
        (
            {"threads": "- raqqa-2016\n"},
            ["content/data/threads.yml:1: entry: expected 'field: value' lines"],
        ),
        (
            {"threads": "- id: a\n  title: [x\n"},
            [
                "content/data/threads.yml:3: yaml: invalid YAML: expected ',' or ']', but got "
                "'<stream end>'"
            ],
        ),
        (
            {"threads": "- id: a\n  title: {en: A}\n  title: {en: B}\n"},
            [
                "content/data/threads.yml:3: title: duplicate field 'title' (first on line 2); "
                "keep one"
            ],
        ),
        (
            {"threads": "- id: caf\xe9\n  title: {en: A}\n".encode("latin-1")},
            ["content/data/threads.yml:1: file: not UTF-8 at byte 9; re-save the file as UTF-8"],
        ),
        (
            {"threads": "- id: Raqqa\n  title: {en: Raqqa}\n"},
            [
                "content/data/threads.yml:1: id: expected lowercase letters, digits and hyphens "
                "(at most 80), got 'Raqqa'"
            ],
        ),
        (
            {"threads": "- id: raqqa\n  titel: {en: Raqqa}\n"},
            [
                "content/data/threads.yml:2: titel: unknown field (hint: did you mean 'title'?)",
                "content/data/threads.yml:1: title: required",
            ],
        ),
        (
            {"kinds": "- id: statement\n  name: {fr: Déclaration}\n  description: {en: D.}\n"},
            ["content/data/kinds.yml:2: name: expected an 'en' text at least"],
        ),
        (
            {"actors": "- id: russia\n  name: {en: Russia}\n  type: state\n  aliases: ''\n"},
            ["content/data/actors.yml:4: aliases: expected text, got ''"],
        ),
        (
            {"threads": "- id: a\n  title: {en: A}\n  x: \x01\n"},
            [
                "content/data/threads.yml:3: yaml: invalid YAML: unacceptable character U+0001; "
                "delete it"
            ],
        ),
    ],
)
def test_broken_registries(tmp_path, files, expected):
    _, problems = load(tmp_path, **files)
    assert problems == expected


def test_broken_entry_keeps_its_id_and_the_rest_loads(tmp_path):
    actors = (
        "- id: russia\n  name: {en: Russia}\n  type: stat\n"
        "- id: united-states\n  name: {en: United States}\n  type: state\n"
        "- name: {en: Nobody}\n  type: state\n"
    )
    registries, problems = load(tmp_path, actors=actors)
    assert len(problems) == 2
    # Entries citing 'russia' are not reported too: the registry's own error fails the build.
    assert registries.ids("actors") == ["russia", "united-states"]
    assert registries.lookup("actors", "united-states").names == {"en": "United States"}


def test_duplicate_keeps_the_first(tmp_path):
    kinds = GOOD["kinds.yml"] + "- id: statement\n  name: {en: Again}\n  description: {en: B.}\n"
    registries, _ = load(tmp_path, kinds=kinds)
    assert registries.lookup("kinds", "statement").names == {"en": "Statement"}


def test_every_problem_of_every_file_is_collected(tmp_path):
    _, problems = load(
        tmp_path,
        kinds=None,
        actors="- id: russia\n  name: {en: Russia}\n  type: stat\n",
        threads="not: a list\n",
    )
    assert problems == [
        "content/data/kinds.yml:1: file: missing registry file",
        "content/data/actors.yml:3: type: expected one of 'state', 'government', "
        "'military', 'coalition', 'armed-group', 'organization', 'person', got 'stat' "
        "(hint: did you mean 'state'?)",
        "content/data/threads.yml:1: file: expected a list of entries",
    ]


def test_bom_is_accepted(tmp_path):
    registries, problems = load(tmp_path, threads=b"\xef\xbb\xbf" + GOOD["threads.yml"].encode())
    assert problems == []
    assert registries.ids("threads") == ["raqqa-2016"]


def test_paths_are_absolute_without_base(tmp_path):
    data = write_data(tmp_path, threads=None)
    registries = load_registries(data)
    assert [str(p) for p in registries.problems] == [
        f"{(data / 'threads.yml').as_posix()}:1: file: missing registry file"
    ]


def test_fixture_eras_keep_their_dates(registries):
    closed = registries.lookup("eras", "offers-2016")
    assert (closed.start, closed.end) == (PartialDate(2016, 5, 20), PartialDate(2016, 5, 24))
    assert closed.name_in("fr") == "Les offres de frappes communes"
    assert closed.description_in("en") == "From the refusal to the offer."
    open_ended = registries.lookup("eras", "after-2017")
    assert (open_ended.start, open_ended.end) == (PartialDate(2017, 9), None)
    # Other registries' entities have no dates.
    assert registries.lookup("threads", "raqqa-2016").start is None


def test_valid_eras_file(tmp_path):
    eras = (
        "- id: inf\n  title: {en: INF in force, fr: FNI en vigueur}\n"
        "  start: 1988-06-01\n  end: 2019-08-02\n"
        "  description: {en: One sentence., fr: Une phrase.}\n"
        "- id: month\n  title: {en: Same month}\n  start: 2016-05-20\n  end: 2016-05\n"
        "- id: open\n  title: Still going\n  start: '2022'\n"
    )
    registries, problems = load(tmp_path, eras=eras)
    assert problems == []
    inf, month, still = (registries.lookup("eras", i) for i in ("inf", "month", "open"))
    assert (inf.start, inf.end) == (PartialDate(1988, 6, 1), PartialDate(2019, 8, 2))
    assert inf.names == {"en": "INF in force", "fr": "FNI en vigueur"}
    assert inf.description_in("fr") == "Une phrase."
    # An end at a coarser precision that contains the start is not before it.
    assert month.end == PartialDate(2016, 5)
    assert (still.names, still.start, still.end) == ({"en": "Still going"}, PartialDate(2022), None)


@pytest.mark.parametrize(
    ("eras", "expected"),
    [
        (
            "- id: inf\n  title: {en: INF}\n  start: 2019-08-02\n  end: 1988-06-01\n",
            ["content/data/eras.yml:4: end: end 1988-06-01 precedes start 2019-08-02"],
        ),
        (
            "- id: a\n  title: {en: A}\n  end: 2016-04\n  start: 2016-05-20\n",
            ["content/data/eras.yml:3: end: end 2016-04 precedes start 2016-05-20"],
        ),
        (
            "- id: a\n  title: {en: A}\n  start: 2016\n  ends: 2017\n",
            ["content/data/eras.yml:4: ends: unknown field (hint: did you mean 'end'?)"],
        ),
        (
            "- id: a\n  title: {en: A}\n  start: 2016\n  descriptoin: {en: D.}\n",
            [
                "content/data/eras.yml:4: descriptoin: unknown field "
                "(hint: did you mean 'description'?)"
            ],
        ),
        (
            "- id: a\n  title: {en: A}\n",
            ["content/data/eras.yml:1: start: required"],
        ),
        (
            "- id: a\n  start: 2016\n",
            ["content/data/eras.yml:1: title: required"],
        ),
        (
            "- id: a\n  title: {en: A}\n  start: 2016-13\n",
            [
                "content/data/eras.yml:3: start: not a calendar date: there is no month 13, "
                "got '2016-13'"
            ],
        ),
        (
            "- id: a\n  title: {en: A}\n  start: 20/10/2015\n",
            [
                "content/data/eras.yml:3: start: expected YYYY, YYYY-MM or YYYY-MM-DD, "
                "got '20/10/2015' (hint: did you mean 2015-10-20?)"
            ],
        ),
        (
            None,
            ["content/data/eras.yml:1: file: missing registry file"],
        ),
    ],
)
def test_broken_eras(tmp_path, eras, expected):
    _, problems = load(tmp_path, eras=eras)
    assert problems == expected


def test_era_ending_before_it_starts_keeps_its_id(tmp_path):
    eras = "- id: inf\n  title: {en: INF}\n  start: 2019\n  end: 1988\n"
    registries, _ = load(tmp_path, eras=eras)
    # The stand-in keeps the id, without dates: the build fails on the registry's own error.
    assert registries.ids("eras") == ["inf"]
    assert registries.lookup("eras", "inf").start is None
