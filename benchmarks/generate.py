"""Write N synthetic chronology entries three times: for our site, vanilla Pelican and Hugo.

usage: python benchmarks/generate.py N DIR

    DIR/ours/content/events/<year>/<date>-<slug>.md     our YAML front matter, valid for our schema
    DIR/ours/content/events/<year>/<date>-<slug>.fr.md  a French translation of every fifth entry
    DIR/ours/content/data/*.yml                         kinds (copied from content/data/kinds.yml),
                                                        synthetic actors, places, threads and eras
    DIR/ours/content/pages/about.md
    DIR/ours/benchconf.py                               the project's pelicanconf.py, this content
    DIR/vanilla/content/<year>/<date>-<slug>[.fr].md    the same events (and translations) as
                                                        ``Key: value`` metadata
    DIR/vanilla/content/pages/about.md
    DIR/vanilla/pelicanconf.py                          Pelican's defaults, relative URLs, no feeds
    DIR/vanilla/pelicanconf_cache.py                    the same with Pelican's content cache on
    DIR/hugo/content/events/<date>-<slug>.md            the same events (English) for Hugo
    DIR/hugo/hugo.toml, DIR/hugo/layouts/_default/{list,single}.html
                                                        taxonomies and two minimal templates

All trees get the same titles, dates, summaries and bodies (150 words in 3 paragraphs); the
French text is vanilla Pelican's too (as ``Lang: fr`` translations), while Hugo, with two
templates and no language setup, gets the English entries only. The output is deterministic:
the same N always gives byte-identical files. Existing ``content`` folders are replaced.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
#: The Hugo site's settings and two templates, as the research measured them
#: (hugo.toml, layouts/_default/list.html and single.html); copied next to the Hugo content.
HUGO_SITE = Path(__file__).resolve().parent / "hugo"
KINDS_FILE = REPO / "content" / "data" / "kinds.yml"

FIRST_DAY = date(1960, 1, 1)
LAST_DAY = date(2026, 6, 30)  # in the past, so no entry is "in the future" for the checker
MONTH_PRECISION_SHARE = 0.1
#: Every fifth entry gets a French translation (indexes 0, 5, 10…), as the issue asks.
TRANSLATED_EVERY = 5
THREAD_SHARE = 0.15
BODY_WORDS_PER_PARAGRAPH = 50
PARAGRAPHS = 3
THREAD_COUNT = 12
SHORTEST_SENTENCE = 8
LONGEST_SENTENCE = 16
SLUG_BASE_LENGTH = 60  # our slugs may have 80 characters; the entry number follows


def words(text: str) -> tuple[str, ...]:
    """Split a list of words written as one string."""
    return tuple(text.split())


# Our own vocabulary: diplomatic-register words with no meaning in combination.
NOUNS = words(
    "accord agenda arsenal backchannel blockade border briefing cable ceasefire channel "
    "charter checkpoint coalition commission communique conference convoy corridor crossing "
    "declaration delegation demarcation deployment directive dispatch embassy envoy escort "
    "exchange exercise flight frontier garrison guarantee hotline inspection interception "
    "liaison memorandum mission moratorium negotiation notice observer outpost patrol "
    "perimeter pipeline pledge protocol proposal ratification reconnaissance registry "
    "reprieve roadmap safeguard sanction settlement signal summit talks telegram treaty "
    "truce ultimatum verification waiver warhead withdrawal"
)
VERBS = words(
    "accepted announced approved blocked briefed cancelled confirmed convened debated "
    "declined delayed denied drafted endorsed extended hosted initialled monitored "
    "postponed proposed ratified rejected renewed reported requested resumed revised "
    "signed suspended verified welcomed"
)
FUNCTION_WORDS = words("the a of in and to with after before during under over for by on")
ADJECTIVES = words(
    "bilateral provisional joint naval strategic regional informal formal technical "
    "military civilian temporary renewed limited extended secret public"
)
PUBLISHERS = (
    "Example Wire",
    "The Daily Record",
    "Northern Gazette",
    "Evening Dispatch",
    "Foreign Affairs Bulletin",
    "Coastal Herald",
    "Capital Observer",
    "World Desk",
)
FIRST_NAMES = words(
    "Adela Boris Celine Darius Edith Fyodor Greta Hakon Irina Jonas Klara Leon Marta Nikolai "
    "Olga Pavel Quinn Rafael Sonja Tarek Ulla Vera Walter Xenia Yuri Zora Anton Beatrix "
    "Casimir Dora Emil Frida"
)
LAST_NAMES = words(
    "Albrecht Brandt Chernov Delacroix Engel Falk Gorin Holm Ilyin Jansen Kessler Lind "
    "Markov Nordin Orlov Pires Quist Roth Sokolov Thiel Ullman Volkov Wendt Yakovlev Zeller "
    "Arendt Berg Costa Dahl Ek Frei Graf"
)
STATES = (
    ("northland", "Northland", "Nordlande"),
    ("southland", "Southland", "Sudlande"),
    ("eastmark", "Eastmark", "Estmarche"),
    ("westmark", "Westmark", "Ouestmarche"),
    ("midland-league", "Midland League", "Ligue du Milieu"),
    ("coastal-union", "Coastal Union", "Union côtière"),
)
# Most events involve the two main states, as most real entries name both sides.
STATE_WEIGHTS = (40, 40, 6, 6, 4, 4)
PLACE_PREFIXES = words("North South East West New Old Upper Lower Port Saint Lake Fort Cape Grand")
PLACE_SUFFIXES = words(
    "haven ford bridge field market ridge harbor valley springs crossing hollow point gate "
    "mills bay"
)
COUNTRIES = (
    ("avaria", "Avaria"),
    ("borlandia", "Borlandia"),
    ("celestra", "Celestra"),
    ("dravonia", "Dravonia"),
    ("elmaria", "Elmaria"),
    ("fennoria", "Fennoria"),
    ("galdova", "Galdova"),
    ("hestria", "Hestria"),
    ("istrania", "Istrania"),
    ("jovenia", "Jovenia"),
)


# The French vocabulary of the translations, in the same register. Nouns carry their article,
# so that no agreement is needed; none of it has ``; : ! ?``, which French spaces apart.
NOUNS_FR = (
    "l'accord",
    "le blocus",
    "la frontière",
    "le cessez-le-feu",
    "la commission",
    "le communiqué",
    "la conférence",
    "le convoi",
    "le corridor",
    "la déclaration",
    "la délégation",
    "le déploiement",
    "la directive",
    "l'ambassade",
    "l'émissaire",
    "l'échange",
    "l'exercice",
    "la garnison",
    "la garantie",
    "la ligne directe",
    "l'inspection",
    "la mission",
    "le moratoire",
    "la négociation",
    "l'observateur",
    "la patrouille",
    "le protocole",
    "la proposition",
    "la ratification",
    "la sanction",
    "le sommet",
    "le télégramme",
    "le traité",
    "la trêve",
    "l'ultimatum",
    "la vérification",
    "le retrait",
)
VERBS_FR = words(
    "accepté annoncé approuvé bloqué convoqué débattu décliné différé rédigé confirmé "
    "prolongé accueilli paraphé proposé ratifié rejeté renouvelé signé suspendu vérifié"
)
FUNCTION_WORDS_FR = words("dans avec après avant pendant sous pour par sur vers contre")
ADJECTIVES_FR = words(
    "bilatéral provisoire conjoint naval stratégique régional informel formel technique "
    "militaire civil temporaire limité secret public"
)

# Word classes in the order sentences cycle through them.
SENTENCE_PATTERN = (NOUNS, FUNCTION_WORDS, ADJECTIVES, NOUNS, VERBS, FUNCTION_WORDS, ADJECTIVES)
SENTENCE_PATTERN_FR = (NOUNS_FR, ADJECTIVES_FR, VERBS_FR, FUNCTION_WORDS_FR, NOUNS_FR)


@dataclass
class Actor:
    """One synthetic actor: its id, its English name (a vanilla tag) and its type."""

    id: str
    name: str
    name_fr: str
    type: str


@dataclass
class Place:
    """One synthetic place."""

    id: str
    name: str
    type: str
    country: str | None


@dataclass
class Translation:
    """The French text of an entry: what a translation says in its own language."""

    title: str
    summary: str
    body: str


@dataclass
class Entry:
    """One synthetic event, as every tree writes it."""

    slug: str
    day: date
    month_only: bool
    title: str
    kind: str
    actors: list[Actor]
    places: list[Place]
    thread: str | None
    summary: str
    sources: list[dict[str, str]]
    body: str
    french: Translation | None = None

    @property
    def iso(self) -> str:
        """The date as written in our front matter: YYYY-MM-DD, or YYYY-MM for a month."""
        return self.day.strftime("%Y-%m" if self.month_only else "%Y-%m-%d")

    @property
    def file_name(self) -> str:
        """``<date>-<slug>.md``, as our checker requires."""
        return f"{self.iso}-{self.slug}.md"

    @property
    def french_file_name(self) -> str:
        """``<date>-<slug>.fr.md``: a translation is named after its original."""
        return f"{self.iso}-{self.slug}.fr.md"


def slugify(text: str) -> str:
    """Lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def quoted(text: str) -> str:
    """Quote text as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def make_actors(rng: random.Random, count: int) -> list[Actor]:
    """Make the states, then ``count`` people with distinct names."""
    actors = [Actor(ident, en, fr, "state") for ident, en, fr in STATES]
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    for index in range(count):
        name = names[index % len(names)]
        if index >= len(names):
            name = f"{name} {index // len(names) + 1}"
        actors.append(Actor(slugify(name), name, name, "person"))
    return actors


def make_places(count: int) -> list[Place]:
    """Make the countries, then ``count`` cities, each in one of them."""
    places = [Place(ident, name, "country", None) for ident, name in COUNTRIES]
    names = [
        f"{prefix} {suffix.capitalize()}" for prefix in PLACE_PREFIXES for suffix in PLACE_SUFFIXES
    ]
    for index in range(count):
        name = names[index % len(names)]
        if index >= len(names):
            name = f"{name} {index // len(names) + 1}"
        country = COUNTRIES[index % len(COUNTRIES)][0]
        places.append(Place(slugify(name), name, "city", country))
    return places


def sentence(
    rng: random.Random, count: int, pattern: tuple[tuple[str, ...], ...] = SENTENCE_PATTERN
) -> str:
    """Make a capitalised sentence of ``count`` words (or phrases) drawn from ``pattern``."""
    picked = [rng.choice(pattern[i % len(pattern)]) for i in range(count - 1)]
    text = " ".join([*picked, rng.choice(pattern[0])])  # a sentence ends on a noun
    return f"{text[0].upper()}{text[1:]}."


def paragraph(
    rng: random.Random, count: int, pattern: tuple[tuple[str, ...], ...] = SENTENCE_PATTERN
) -> str:
    """Make sentences of 8 to 16 words adding up to exactly ``count`` words."""
    sentences = []
    left = count
    while left:
        size = min(left, rng.randint(SHORTEST_SENTENCE, LONGEST_SENTENCE))
        if 0 < left - size < SHORTEST_SENTENCE:  # never leave a stub sentence at the end
            size = left
        sentences.append(sentence(rng, size, pattern))
        left -= size
    return " ".join(sentences)


@dataclass
class Pools:
    """What entries draw from: registry ids and entities."""

    kinds: list[str]
    actors: list[Actor]
    places: list[Place]
    threads: list[str]


def make_entry(rng: random.Random, index: int, width: int, pools: Pools) -> Entry:
    """Make one event, drawing every random choice from ``rng`` in a fixed order."""
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    month_only = rng.random() < MONTH_PRECISION_SHARE
    if month_only:
        day = day.replace(day=1)
    states = pools.actors[: len(STATES)]
    people = pools.actors[len(STATES) :]
    chosen_states = []
    for _ in range(rng.randint(1, 2)):
        state = rng.choices(states, weights=STATE_WEIGHTS)[0]
        if state not in chosen_states:
            chosen_states.append(state)
    event_actors = [*chosen_states, *rng.sample(people, rng.randint(1, 2))]
    event_places = rng.sample(pools.places[len(COUNTRIES) :], rng.randint(1, 2))
    thread = rng.choice(pools.threads) if rng.random() < THREAD_SHARE else None
    kind = rng.choice(pools.kinds)
    person = event_actors[len(chosen_states)]
    title = (
        f"{person.name} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} "
        f"{rng.choice(NOUNS)} in {event_places[0].name}"
    )
    slug = f"{slugify(title)[:SLUG_BASE_LENGTH].rstrip('-')}-{index:0{width}d}"
    sides = " and ".join(state.name for state in chosen_states)
    summary = (
        f"In {event_places[0].name}, {person.name} {rng.choice(VERBS)} a "
        f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} on behalf of {sides}, "
        f"after a {rng.choice(NOUNS)} on the {rng.choice(NOUNS)}."
    )
    sources = []
    for number in range(1, rng.randint(1, 2) + 1):
        published = day + timedelta(days=rng.randint(0, 3))
        sources.append(
            {
                "publisher": rng.choice(PUBLISHERS),
                "title": sentence(rng, rng.randint(6, 10)).rstrip("."),
                "date": published.isoformat(),
                "url": f"https://example.org/sources/{slug}/{number}",
            }
        )
    body = "\n\n".join(paragraph(rng, BODY_WORDS_PER_PARAGRAPH) for _ in range(PARAGRAPHS))
    return Entry(
        slug=slug,
        day=day,
        month_only=month_only,
        title=title,
        kind=kind,
        actors=event_actors,
        places=event_places,
        thread=thread,
        summary=summary,
        sources=sources,
        body=body,
    )


def make_translation(rng: random.Random, entry: Entry) -> Translation:
    """Make the French text of ``entry`` from its own generator, so English stays as it was.

    The names are the registries' French ones; the body has as many phrases as the original has
    words (a French noun comes with its article, so it is a little longer in words).
    """
    person = entry.actors[next(i for i, a in enumerate(entry.actors) if a.type == "person")]
    states = [actor.name_fr for actor in entry.actors if actor.type == "state"]
    place = entry.places[0].name
    title = (
        f"{person.name_fr} a {rng.choice(VERBS_FR)} {rng.choice(NOUNS_FR)} "
        f"{rng.choice(ADJECTIVES_FR)} à {place}"
    )
    summary = (
        f"À {place}, {person.name_fr} a {rng.choice(VERBS_FR)} {rng.choice(NOUNS_FR)} "
        f"{rng.choice(ADJECTIVES_FR)} au nom de {' et de '.join(states)}, après "
        f"{rng.choice(NOUNS_FR)} sur {rng.choice(NOUNS_FR)}."
    )
    body = "\n\n".join(
        paragraph(rng, BODY_WORDS_PER_PARAGRAPH, SENTENCE_PATTERN_FR) for _ in range(PARAGRAPHS)
    )
    return Translation(title=title, summary=summary, body=body)


def ours_text(entry: Entry) -> str:
    """Write the entry in our format: YAML front matter between ``---`` lines, then the body."""
    lines = [
        "---",
        f"title: {quoted(entry.title)}",
        f"date: {entry.iso}",
        f"kind: {entry.kind}",
        f"actors: [{', '.join(actor.id for actor in entry.actors)}]",
        f"places: [{', '.join(place.id for place in entry.places)}]",
    ]
    if entry.thread:
        lines.append(f"thread: {entry.thread}")
    lines.append(f"summary: {quoted(entry.summary)}")
    lines.append("sources:")
    for source in entry.sources:
        lines += [
            f"  - publisher: {quoted(source['publisher'])}",
            f"    title: {quoted(source['title'])}",
            f"    date: {source['date']}",
            f"    url: {source['url']}",
            "    lang: en",
        ]
    lines += ["lang: en", "---", entry.body, ""]
    return "\n".join(lines)


def ours_french_text(french: Translation) -> str:
    """Write a translation: its own title, summary, language and body; the facts are inherited."""
    lines = [
        "---",
        f"title: {quoted(french.title)}",
        f"summary: {quoted(french.summary)}",
        "lang: fr",
        "---",
        french.body,
        "",
    ]
    return "\n".join(lines)


def vanilla_text(entry: Entry, kind_names: dict[str, str]) -> str:
    """Write the entry as Pelican's ``Key: value`` metadata (a month becomes its 1st day)."""
    lines = [
        f"Title: {entry.title}",
        f"Date: {entry.day.isoformat()}",
        f"Slug: {entry.slug}",
        f"Category: {kind_names[entry.kind]}",
        f"Tags: {', '.join(actor.name for actor in entry.actors)}",
        f"Summary: {entry.summary}",
        f"Places: {', '.join(place.name for place in entry.places)}",
        f"Source: {entry.sources[0]['url']}",
        "",
        entry.body,
        "",
    ]
    return "\n".join(lines)


def vanilla_french_text(entry: Entry, french: Translation, kind_names: dict[str, str]) -> str:
    """Write a translation as Pelican links them: the same slug, ``Lang: fr``."""
    lines = [
        f"Title: {french.title}",
        f"Date: {entry.day.isoformat()}",
        f"Slug: {entry.slug}",
        "Lang: fr",
        f"Category: {kind_names[entry.kind]}",
        f"Tags: {', '.join(actor.name for actor in entry.actors)}",
        f"Summary: {french.summary}",
        f"Places: {', '.join(place.name for place in entry.places)}",
        f"Source: {entry.sources[0]['url']}",
        "",
        french.body,
        "",
    ]
    return "\n".join(lines)


def hugo_text(entry: Entry, kind_names: dict[str, str]) -> str:
    """Write the entry as the research's Hugo content: YAML front matter, categories and tags."""
    tags = ", ".join(quoted(actor.name) for actor in entry.actors)
    lines = [
        "---",
        f"title: {quoted(entry.title)}",
        f"date: {entry.day.isoformat()}",
        f"slug: {entry.slug}",
        f"summary: {quoted(entry.summary)}",
        f"categories: [{quoted(kind_names[entry.kind])}]",
        f"tags: [{tags}]",
        f"place: {quoted(', '.join(place.name for place in entry.places))}",
        f"source: {quoted(entry.sources[0]['url'])}",
        "---",
        entry.body,
        "",
    ]
    return "\n".join(lines)


def actors_yaml(actors: list[Actor]) -> str:
    """actors.yml in our registry format."""
    lines = []
    for actor in actors:
        lines += [
            f"- id: {actor.id}",
            f"  name: {{en: {actor.name}, fr: {actor.name_fr}}}",
            f"  type: {actor.type}",
        ]
    return "\n".join(lines) + "\n"


def places_yaml(places: list[Place]) -> str:
    """places.yml in our registry format."""
    lines = []
    for place in places:
        lines += [
            f"- id: {place.id}",
            f"  name: {{en: {place.name}, fr: {place.name}}}",
            f"  type: {place.type}",
        ]
        if place.country:
            lines.append(f"  country: {place.country}")
    return "\n".join(lines) + "\n"


def threads_yaml(threads: list[str]) -> str:
    """threads.yml: a title and a description per thread."""
    lines = []
    for number, ident in enumerate(threads, 1):
        lines += [
            f"- id: {ident}",
            f"  title: {{en: Synthetic story {number}, fr: Histoire synthétique {number}}}",
            "  description:",
            f"    en: The events of synthetic story number {number}, from start to end.",
            f"    fr: Les événements de l'histoire synthétique numéro {number}, du début à la fin.",
        ]
    return "\n".join(lines) + "\n"


def eras_yaml() -> str:
    """eras.yml: four spans over the generated years."""
    spans = (("1963-08-30", "1979-06-18"), ("1987-12-08", "2001-12-13"), ("2010-04-08", None))
    lines = []
    for number, (start, end) in enumerate(spans, 1):
        lines += [
            f"- id: synthetic-era-{number}",
            f"  title: {{en: Synthetic era {number}, fr: Ère synthétique {number}}}",
            f"  start: {start}",
        ]
        if end:
            lines.append(f"  end: {end}")
        lines += [
            "  description:",
            f"    en: A span drawn on the overview, number {number}.",
            f"    fr: Une période tracée sur la vue d'ensemble, numéro {number}.",
        ]
    return "\n".join(lines) + "\n"


ABOUT_OURS = """---
title: About this synthetic chronology
slug: about
lang: en
summary: A generated chronology used to measure how long the site takes to build.
---
Every entry here is generated by `benchmarks/generate.py`: the names, places and texts are made up.
"""

ABOUT_VANILLA = """Title: About this synthetic chronology
Slug: about
Summary: A generated chronology used to measure how long the site takes to build.

Every entry here is generated by `benchmarks/generate.py`: the names, places and texts are made up.
"""

VANILLA_CONF = '''"""Vanilla Pelican: default theme and settings, relative URLs, no feeds."""

AUTHOR = "Bench"
SITENAME = "Timeline"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Without this, Pelican would load every plugin installed in its environment (ours included).
PLUGINS = []
'''

VANILLA_CACHE_CONF = '''"""Vanilla Pelican with its content cache: rereads only changed files."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # this folder's pelicanconf.py, not another

from pelicanconf import *  # noqa: E402, F403

CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
'''

OURS_CONF = '''"""The project's own settings, building this synthetic content, not content/."""

import sys

sys.path.insert(0, {repo!r})

from pelicanconf import *  # noqa: E402, F403

PATH = "content"  # next to this file
THEME = {theme!r}
'''


def write(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix line ends, making the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def generate(count: int, out: Path) -> list[Entry]:
    """Write the three trees for ``count`` entries under ``out``; return the entries."""
    rng = random.Random(1960_2026 + count)
    kinds_text = KINDS_FILE.read_text(encoding="utf-8")
    kind_names = {kind["id"]: kind["name"]["en"] for kind in yaml.safe_load(kinds_text)}
    actors = make_actors(rng, max(50, count // 10))
    places = make_places(max(40, count // 40))
    threads = [f"synthetic-story-{number}" for number in range(1, THREAD_COUNT + 1)]
    width = max(5, len(str(count - 1)))
    pools = Pools(sorted(kind_names), actors, places, threads)
    entries = [make_entry(rng, index, width, pools) for index in range(count)]
    # The translations draw from a generator of their own: the English entries stay the same.
    french_rng = random.Random(2026_1960 + count)
    for entry in entries[::TRANSLATED_EVERY]:
        entry.french = make_translation(french_rng, entry)

    ours = out / "ours"
    vanilla = out / "vanilla"
    hugo = out / "hugo"
    for folder in (ours / "content", vanilla / "content", hugo / "content", hugo / "layouts"):
        shutil.rmtree(folder, ignore_errors=True)
    data = ours / "content" / "data"
    write(data / "kinds.yml", kinds_text)
    write(data / "actors.yml", actors_yaml(actors))
    write(data / "places.yml", places_yaml(places))
    write(data / "threads.yml", threads_yaml(threads))
    write(data / "eras.yml", eras_yaml())
    write(ours / "content" / "pages" / "about.md", ABOUT_OURS)
    write(ours / "benchconf.py", OURS_CONF.format(repo=str(REPO), theme=str(REPO / "theme")))
    write(vanilla / "content" / "pages" / "about.md", ABOUT_VANILLA)
    write(vanilla / "pelicanconf.py", VANILLA_CONF)
    write(vanilla / "pelicanconf_cache.py", VANILLA_CACHE_CONF)
    for source in sorted(HUGO_SITE.rglob("*")):
        if source.is_file():
            write(hugo / source.relative_to(HUGO_SITE), source.read_text(encoding="utf-8"))
    for entry in entries:
        year = f"{entry.day.year:04d}"
        events = ours / "content" / "events" / year
        write(events / entry.file_name, ours_text(entry))
        write(vanilla / "content" / year / entry.file_name, vanilla_text(entry, kind_names))
        write(hugo / "content" / "events" / entry.file_name, hugo_text(entry, kind_names))
        if entry.french:
            write(events / entry.french_file_name, ours_french_text(entry.french))
            write(
                vanilla / "content" / year / entry.french_file_name,
                vanilla_french_text(entry, entry.french, kind_names),
            )
    return entries


def main(argv: list[str]) -> int:
    """Parse ``N DIR`` and generate."""
    usage = "usage: python benchmarks/generate.py N DIR"
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < 1:  # noqa: PLR2004
        sys.stderr.write(usage + "\n")
        return 2
    count, out = int(argv[0]), Path(argv[1])
    generate(count, out)
    trees = ", ".join(str(out / tree) for tree in ("ours", "vanilla", "hugo"))
    sys.stdout.write(f"wrote {count} entries to {trees}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
