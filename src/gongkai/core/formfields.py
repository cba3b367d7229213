"""Form fields the workbench forms share, each with its messages in Chinese.

``date_field`` is a browser date input (ISO value, so it survives every
locale); ``text_field`` a textarea with the label in its "required" and
"too long" messages.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_INVALID = "日期格式不正确，请按“2026-03-17”的格式填写。"


def date_field(label: str, *, required=True, help_text="", initial_today=True) -> forms.DateField:
    """A date, today by default (most dates staff record are today's)."""
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        help_text=help_text,
        initial=timezone.localdate if initial_today else None,
        error_messages={"required": f"请填写{label}。", "invalid": DATE_INVALID},
    )


def text_field(
    label: str, *, required=True, rows=3, max_length: int | None = 2000, help_text=""
) -> forms.CharField:
    messages = {"required": f"请填写{label}。"}
    if max_length is not None:
        messages["max_length"] = f"{label}不能超过{max_length}字。"
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=messages,
    )
