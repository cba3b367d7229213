"""Forms of the guide editor: a new item, the guide's elements, its materials,
steps and questions (inline formsets, saved by ``services.editing.save_rows``),
and the review actions."""

from __future__ import annotations

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from gongkai.core.concurrency import VersionedFormMixin
from gongkai.files.forms import AttachmentField
from gongkai.files.kinds import DOCUMENT_KINDS

from ..models import Audience, GuideVersion, Level, Material, Question, Step, Theme


class ItemForm(forms.Form):
    department = forms.ModelChoiceField(label="实施主体", queryset=None)
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    level = forms.ChoiceField(label="行使层级", choices=Level.choices)
    audiences = forms.MultipleChoiceField(
        label="服务对象", choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        label="主题", queryset=Theme.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    power_code = forms.CharField(
        label="对应职权编码",
        max_length=40,
        help_text="本事项实施的权责清单职权编码（如 62052400MZ-XK-0001）；发布时须在清单中有效",
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        governments = departments.values("government_id")
        self.fields["themes"].queryset = Theme.objects.filter(government_id__in=governments)

    def clean(self):
        data = super().clean()
        department, themes = data.get("department"), data.get("themes") or []
        if department and any(t.government_id != department.government_id for t in themes):
            self.add_error("themes", "只能选择实施主体所在政府的主题。")
        return data


class GuideForm(VersionedFormMixin):
    online_url = forms.URLField(
        label="网上办理地址",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="零跑动事项必填，以 http:// 或 https:// 开头",
    )

    class Meta:
        model = GuideVersion
        fields = [
            "change_note",
            "basis",
            "conditions",
            "free",
            "fee_basis",
            "fee_standard",
            "legal_limit",
            "promised_limit",
            "visits",
            "place",
            "hours",
            "online_url",
            "consult_phone",
            "complaint_phone",
        ]
        widgets = {
            "basis": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "fee_basis": forms.Textarea(attrs={"rows": 2}),
            "fee_standard": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        legal, promised = data.get("legal_limit"), data.get("promised_limit")
        if legal is not None and promised is not None and promised > legal:
            self.add_error(
                "promised_limit", f"承诺办结时限不得长于法定办结时限（{legal}个工作日）。"
            )
        if data.get("free") is False and not (
            (data.get("fee_basis") or "").strip() and (data.get("fee_standard") or "").strip()
        ):
            self.add_error("fee_standard", "收费事项须填写收费依据和收费标准。")
        return data


class MaterialForm(forms.ModelForm):
    blank_form_upload = AttachmentField(
        label="上传空白表格", allowed_kinds=DOCUMENT_KINDS, required=False
    )
    sample_upload = AttachmentField(
        label="上传示范文本", allowed_kinds=DOCUMENT_KINDS, required=False
    )

    class Meta:
        model = Material
        fields = ["name", "required", "medium", "original", "copies", "shared_from", "note"]


class RowsFormSet(BaseInlineFormSet):
    """An inline formset the staff action runner can put a refusal on (above the rows)."""

    def add_error(self, field, error) -> None:
        self.non_form_errors()  # builds the list the first time
        self._non_form_errors.append(error)

    def non_field_errors(self):
        return self.non_form_errors()


def _formset(model, form=None, fields=None):
    return inlineformset_factory(
        GuideVersion,
        model,
        form=form or forms.ModelForm,
        formset=RowsFormSet,
        fields=fields,
        extra=2,
        can_delete=True,
    )


MaterialFormSet = _formset(Material, form=MaterialForm)
StepFormSet = _formset(Step, fields=["name", "actor", "limit", "description"])
QuestionFormSet = _formset(Question, fields=["question", "answer"])


class ExpectedVersionForm(forms.Form):
    """The guide's version as the clerk opened it, sent with each formset."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ConfirmForm(forms.Form):
    pass


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="退回意见", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class PublishForm(forms.Form):
    on = forms.DateField(label="发布日期", widget=forms.DateInput(attrs={"type": "date"}))


class NewDraftForm(forms.Form):
    change_note = forms.CharField(
        label="修订说明", max_length=300, help_text="例如：按市政发〔2026〕3号压缩承诺时限"
    )


class WithdrawForm(forms.Form):
    on = forms.DateField(label="停止办理日期", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label="原因",
        max_length=300,
        help_text="如权责清单取消、下放的决定文件名称和文号",
    )
