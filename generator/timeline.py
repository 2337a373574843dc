"""Arrange events for the templates: chronological order, year groups and neighbours.

Sorting and grouping live here, in Python, so the templates only loop over what they get.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any


def event_order(article: Any) -> tuple[object, ...]:
    """Sort key for Pelican's ``ARTICLE_ORDER_BY``: start, then precision, then slug."""
    return article.event.sort_key


@dataclass(frozen=True)
class YearGroup:
    """The events of one year, for a heading and its list."""

    year: int
    articles: tuple[Any, ...]

    @property
    def anchor(self) -> str:
        """Return the fragment id of the year's heading, e.g. ``y2016``."""
        return f"y{self.year}"


def group_by_year(articles: Sequence[Any]) -> list[YearGroup]:
    """Group articles already in chronological order by the year they are filed under."""
    return [
        YearGroup(year, tuple(items))
        for year, items in groupby(articles, key=lambda a: a.event.date.year)
    ]


def link_neighbours(articles: Sequence[Any]) -> None:
    """Give each article ``prev_event`` and ``next_event`` in chronological order."""
    for index, article in enumerate(articles):
        article.prev_event = articles[index - 1] if index > 0 else None
        article.next_event = articles[index + 1] if index + 1 < len(articles) else None
