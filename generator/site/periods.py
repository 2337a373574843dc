"""The year pages: Pelican's period archives, grouped in one pass instead of quadratic time.

Pelican 4.12 builds each year's list as ``[a for a in articles if a in dates]``: for every
year, every article is looked up in a list. That costs about 2 s at 10,000 events and did not
finish in 25 minutes at 100,000. The site keeps Pelican's period archives as they are, the
``period_archives`` template, its context (``period``, ``period_num``, ``dates``,
``articles``) and ``YEAR_ARCHIVE_URL``; only the grouping is ours. Pelican's
``YEAR_ARCHIVE_SAVE_AS`` stays empty so that Pelican skips its own, and
``TIMELINE_YEAR_SAVE_AS`` says where the pages go; Pelican's ``generate_period_archives`` then
writes what :func:`add_year_archives` put in ``generator.period_archives``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any


def year_archives(
    dates: Sequence[Any], articles: Sequence[Any], save_as: str, url: str
) -> list[dict[str, Any]]:
    """Return one archive per year, as Pelican's ``_build_period_archives`` makes them.

    ``dates`` are the articles in archive order (Pelican's ``generator.dates``), ``articles``
    in the site's order; each year's ``articles`` keep the latter order, as Pelican's do.
    """
    by_year: dict[int, list[Any]] = {}
    for article in articles:
        by_year.setdefault(article.date.year, []).append(article)
    archives = []
    for year, group in groupby(dates, key=lambda article: article.date.year):
        in_year = list(group)
        first = in_year[0].date
        archives.append(
            {
                "dates": in_year,
                "articles": by_year[year],
                "save_as": save_as.format(date=first),
                "url": url.format(date=first),
                "period": (year,),
                "period_num": (year,),
            }
        )
    return archives


def add_year_archives(generator: Any) -> None:
    """Give the articles generator its year archives; Pelican writes them with the others.

    ``generator.context["period_archives"]`` is the same mapping, so the templates see them.
    """
    save_as = generator.settings["TIMELINE_YEAR_SAVE_AS"]
    if save_as:
        generator.period_archives["year"] = year_archives(
            generator.dates, generator.articles, save_as, generator.settings["YEAR_ARCHIVE_URL"]
        )
