"""``{{ clock.due_date|date:"Y年n月j日" }}{{ clock.due_date|provisional }}``: marks a date
counted on the provisional calendar (预估) wherever a deadline is shown."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.html import format_html

from gongkai.workdays import is_provisional

register = template.Library()

EXPLANATION = (
    "该年度的正式节假日安排尚未导入，此日期按法定节假日预估（不含调休上班日），"
    "正式安排导入后将自动重算，可能变化。"
)


@register.simple_tag
def provisional_note() -> str:
    """The explanation, as text, for pages that show it under a provisional date."""
    return EXPLANATION


@register.filter
def provisional(value) -> str:
    """「（预估）」 with its explanation after a date in a provisional year; else nothing."""
    if not isinstance(value, date) or isinstance(value, datetime):
        return ""
    if not is_provisional(value):
        return ""
    return format_html('<span class="provisional" title="{}">（预估）</span>', EXPLANATION)
