"""Filters of the service guide pages."""

from django import template

from ..flowchart import limit_text

register = template.Library()


@register.filter
def workdays(limit):
    """A limit in working days in words: 即办 for 0, “—” when not set."""
    return limit_text(limit) or "—"
