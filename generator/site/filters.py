"""Jinja filters that need the page being rendered, so they cannot live in the content layer."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context

from ..content.dates import format_number


@pass_context
def number(context: Any, value: int) -> str:
    """Give templates counts in the page's language: ``{{ total|number }}``."""
    return format_number(value, context["DEFAULT_LANG"])
