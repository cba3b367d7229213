"""The forms of the gazette's workbench pages."""

from __future__ import annotations

from django import forms

from ..models import Section

TYPE_CHOICES = [
    ("normative", "规范性文件"),
    ("rule", "规章"),
    ("general", "普通信息"),
    ("interpretation", "政策解读"),
]


class SuggestForm(forms.Form):
    start = forms.DateField(label="发布日期自", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="至", widget=forms.DateInput(attrs={"type": "date"}))
    types = forms.MultipleChoiceField(
        label="信息类型",
        choices=TYPE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选则列出全部类型",
    )
    genres = forms.CharField(
        label="体裁",
        required=False,
        max_length=100,
        help_text="如 通知 意见 办法，多个以空格分隔；不填则不限",
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "截止日期不能早于起始日期。")
        return data


def _document_sections():
    return Section.objects.filter(holds_text=False)


class PlaceForm(forms.Form):
    index_number = forms.CharField(
        label="索引号", max_length=80, help_text="政府信息公开目录中该文件的索引号"
    )
    section = forms.ModelChoiceField(label="栏目", queryset=_document_sections(), empty_label=None)
    acknowledge = forms.BooleanField(
        label="确认刊登上级政府文件", required=False, help_text="仅上级政府的文件需要确认"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = _document_sections()


class TextForm(forms.Form):
    section = forms.ModelChoiceField(
        label="栏目", queryset=Section.objects.filter(holds_text=True), empty_label=None
    )
    title = forms.CharField(label="标题", max_length=120)
    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(holds_text=True)


class ConfirmForm(forms.Form):
    """A button with nothing to fill in (送审, 登记赠阅, 移除)."""


class ReturnForm(forms.Form):
    comment = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    on = forms.DateField(
        label="出版日期", widget=forms.DateInput(attrs={"type": "date"}), help_text="默认今日"
    )
