"""The staff form deciding a clock's extension request (``workdays.extensions``)."""

from __future__ import annotations

from django import forms

from gongkai.core.formfields import text_field


class DecideExtensionForm(forms.Form):
    decision = forms.ChoiceField(
        label="审批意见",
        choices=[("approve", "同意延期"), ("refuse", "不同意延期")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择同意或不同意。"},
    )
    comment = text_field(
        "意见", rows=2, required=False, max_length=500, help_text="不同意延期的，须填写意见。"
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", "不同意延期的，请填写意见。")
        return cleaned
