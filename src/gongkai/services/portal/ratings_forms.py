"""The applicant's rating form (好差评): five grades as an accessible radio group."""

from __future__ import annotations

from django import forms

from ..models import Grade

GRADE_CHOICES = [(str(g.value), g.label) for g in sorted(Grade, reverse=True)]


class RatingForm(forms.Form):
    grade = forms.ChoiceField(
        label="您对本次办理服务的评价",
        choices=GRADE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择评价。", "invalid_choice": "请选择评价。"},
    )
    comment = forms.CharField(
        label="评价意见",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="选填，不超过500字。选择“不满意”或“非常不满意”的，办理部门将回访并整改。",
        error_messages={"max_length": "评价意见不超过500字。"},
    )
    anonymous = forms.BooleanField(
        label="匿名评价（匿名的差评不安排回访）",
        required=False,
    )


class RerateForm(forms.Form):
    grade = RatingForm.base_fields["grade"]
    comment = RatingForm.base_fields["comment"]
