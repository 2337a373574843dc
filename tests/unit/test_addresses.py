"""Entry addresses: worked out once per build, as Pelican would work them out each time."""

from __future__ import annotations

from types import SimpleNamespace

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from generator.site.plugin import pin_urls


def article(slug: str, lang: str = "en", **metadata: str) -> Article:
    settings = {
        **DEFAULT_CONFIG,
        "ARTICLE_URL": "events/{slug}/",
        "ARTICLE_LANG_URL": "{lang}/events/{slug}/",
    }
    return Article(
        "", metadata={"title": slug, "slug": slug, "lang": lang, **metadata}, settings=settings
    )


def test_each_address_is_the_one_pelican_gives_and_is_kept():
    english, french = article("offer"), article("offer", lang="fr")
    linked = article("talks", lang="fr")
    linked.override_url = "fr/events/talks/"  # as pelican-i18n-subsites points a translation
    expected = [english.url, french.url]
    pin_urls(SimpleNamespace(articles=[english], translations=[french, linked]))
    assert [english.url, french.url] == expected == ["events/offer/", "fr/events/offer/"]
    assert linked.url == "fr/events/talks/"
    english.slug = "renamed"  # never within a build: the address is not worked out again
    assert english.url == "events/offer/"
