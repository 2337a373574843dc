"""Entries are paired with their translations in one pass, as Pelican's own pairing pairs them."""

from __future__ import annotations

import copy
import logging
import random
from types import SimpleNamespace

import pytest
from pelican.utils import order_content, process_translations

from generator.site.translations import pair, pair_translations


def entry(slug: str, lang: str, day: int, **metadata: str) -> SimpleNamespace:
    return SimpleNamespace(
        slug=slug,
        lang=lang,
        in_default_lang=lang == "en",
        metadata=metadata,
        source_path=f"{slug}.{lang}.md",
        day=day,
        translations=[],
    )


def contents(count: int, seed: int) -> list[SimpleNamespace]:
    """Entries in reading order: every third translated, some days shared, some French only."""
    rng = random.Random(seed)
    made = []
    for i in range(count):
        day = rng.randint(1, count // 3)
        made.append(entry(f"e{i}", "fr" if i % 17 == 0 else "en", day))
        if i % 3 == 0 and i % 17:
            made.append(entry(f"e{i}", "fr", day))
    rng.shuffle(made)
    return made


def names(items) -> list[tuple[str, str]]:
    return [(item.slug, item.lang) for item in items]


def pelicans(items: list, order_by) -> tuple[list, list]:
    """Pelican 4.12's steps with ARTICLE_TRANSLATION_ID = "slug"."""
    originals, translations = process_translations(items, translation_id="slug")
    return order_content(originals, order_by), translations


@pytest.mark.parametrize("seed", range(4))
def test_the_pairs_are_those_pelican_makes_in_quadratic_time(seed):
    order_by = lambda item: (item.day, item.slug)  # noqa: E731  (ARTICLE_ORDER_BY's shape)
    ours_in = contents(400, seed)
    theirs_in = copy.deepcopy(ours_in)

    # Pelican with ARTICLE_TRANSLATION_ID = None only orders the articles, then we pair them.
    originals, translations = pair(order_content(ours_in, order_by), order_by)
    expected = pelicans(theirs_in, order_by)

    assert names(originals) == names(expected[0])
    assert names(translations) == names(expected[1])
    ours = {(i.slug, i.lang): names(i.translations) for i in ours_in}
    theirs = {(i.slug, i.lang): names(i.translations) for i in theirs_in}
    assert ours == theirs
    assert sum(1 for i in ours_in if i.translations) > 200


def test_a_slug_without_an_entry_in_the_default_language_warns_as_pelican_does(caplog):
    twins = [entry("a", "fr", 1), entry("a", "fr", 1)]
    with caplog.at_level(logging.WARNING):
        originals, translations = pair(twins, "slug")
    assert originals == twins and translations == []
    assert 'There are 2 items "with slug "a"" with lang fr' in caplog.text


def test_the_generator_lists_are_split_in_place():
    articles = [entry("a", "en", 2), entry("b", "en", 1), entry("a", "fr", 2)]
    generator = SimpleNamespace(
        settings={"ARTICLE_ORDER_BY": "day"},
        articles=articles,
        hidden_articles=[entry("h", "fr", 1), entry("h", "en", 1)],
        drafts=[],
    )

    pair_translations(generator)

    assert names(generator.articles) == [("b", "en"), ("a", "en")]
    assert names(generator.translations) == [("a", "fr")]
    assert names(generator.hidden_articles) == [("h", "en")]
    assert names(generator.hidden_translations) == [("h", "fr")]
    assert (generator.drafts, generator.drafts_translations) == ([], [])
    assert generator.translations[0].translations == [articles[0]]
