"""Template filters of the consultation pages."""

from django import template

from ..services.common import last_day as _last_day

register = template.Library()


@register.filter
def last_day(closes_at):
    """The last day of a period that ends at ``closes_at`` (24:00 is the day before's end)."""
    return _last_day(closes_at) if closes_at else None
