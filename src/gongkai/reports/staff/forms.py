"""Forms of the annual report's workbench pages; every message in Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.core.concurrency import VersionedFormMixin

from ..models import AnnualReport
from ..obligation import report_years, reporting_year
from ..table_two import ENTERED_CELLS

ENTERED_HELP = (
    "表二 {block}。政务服务、行政执法模块建成前，由本机关根据业务统计填报；"
    "不填的在报告中显示为“未填报”。"
)
TEXT_HELP = {
    "overview": "可先点击“用自动生成的草稿填入”，再修改补充。",
    "problems": "没有需要报告的事项的，请写“无”。",
    "other": "没有需要报告的事项的，请写“无”。",
}


class ReportForm(VersionedFormMixin):
    """Sections 一, 五, 六 and the four figures of Table 二 entered by staff."""

    class Meta:
        model = AnnualReport
        fields = [
            "overview",
            "problems",
            "other",
            "carry_over_note",
            "licensing",
            "penalties",
            "enforcement",
            "fees",
        ]
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 10}),
            "problems": forms.Textarea(attrs={"rows": 6}),
            "other": forms.Textarea(attrs={"rows": 4}),
            "carry_over_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in TEXT_HELP.items():
            self.fields[name].help_text = text
        for key, block, row, column in ENTERED_CELLS:
            field = self.fields[key]
            field.label = f"{row}：{column}"
            field.help_text = ENTERED_HELP.format(block=block)
            field.error_messages["invalid"] = f"“{row}{column}”应为数字。"
            field.widget.attrs["inputmode"] = "decimal" if key == "fees" else "numeric"
        self.fields["fees"].error_messages["max_decimal_places"] = (
            "“行政事业性收费本年收费金额”最多保留四位小数（万元）。"
        )
        self.fields["carry_over_note"].help_text = (
            "仅在上年度报告的“结转下年度继续办理”与本年度“上年结转”不一致时填写，"
            "说明原因；说明随表三一并公开。"
        )
        if self.instance.government_id is not None:
            # A government's Table 二 figures are the sum of its agencies' reports.
            for key, *_ in ENTERED_CELLS:
                del self.fields[key]

    def entered(self) -> dict:
        return {key: self.cleaned_data.get(key) for key, *_ in ENTERED_CELLS if key in self.fields}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="修改意见",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "退回修改须写明修改意见。"},
        help_text="写明需要修改的内容，报送单位将在报告页面看到。",
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("退回修改须写明修改意见。")
        return comment


def year_choices(today=None) -> list[tuple[int, str]]:
    """Every year from the first with records or reports to the reporting year, newest first
    (``obligation.report_years``)."""
    return [(y, f"{y}年度") for y in report_years(today or timezone.localdate())]


class YearForm(forms.Form):
    """The year shown on the list (default: the reporting year, ``obligation.reporting_year``)."""

    year = forms.TypedChoiceField(
        label="年度", coerce=int, error_messages={"invalid_choice": "请选择列出的年度。"}
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(today)


class StartForm(forms.Form):
    """Start (or open) the report of one agency or government for a year."""

    scope = forms.ChoiceField(
        label="报告单位", error_messages={"invalid_choice": "不能为所选单位编写年度报告。"}
    )
    year = forms.TypedChoiceField(
        label="年度", coerce=int, error_messages={"invalid_choice": "请选择列出的年度。"}
    )

    def __init__(self, *args, scopes: dict, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.scopes = scopes  # "d<pk>" / "g<pk>" → Department / Government
        self.fields["scope"].choices = [(key, s.name) for key, s in scopes.items()]
        self.fields["year"].choices = year_choices(today)
        self.fields["year"].initial = reporting_year(today)

    def clean_scope(self):
        return self.scopes[self.cleaned_data["scope"]]
