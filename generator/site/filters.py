"""Jinja filters and globals that need the page being rendered: not for the content layer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jinja2 import pass_context

from ..content.dates import format_number
from .languages import Alternate
from .state import build_of


@pass_context
def number(context: Any, value: int) -> str:
    """Give templates counts in the page's language: ``{{ total|number }}``."""
    return format_number(value, context["DEFAULT_LANG"])


@pass_context
def page_languages(context: Any) -> list[Alternate]:
    """Give templates the page being written in every language (``page_languages()``).

    The context is made from the run's settings, so it holds the build whose sites are known.
    """
    return build_of(context).languages.alternates(context["DEFAULT_LANG"], context["output_file"])


@pass_context
def year_url(context: Any, year: int) -> str:
    """Link a year to its archive page through Pelican's ``YEAR_ARCHIVE_URL``: ``years/2016/``.

    Templates call ``{{ year|year_url }}`` so the address is written once, in the settings.
    """
    return str(context["YEAR_ARCHIVE_URL"]).format(date=datetime(year, 1, 1, tzinfo=UTC))
