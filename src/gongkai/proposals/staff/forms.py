"""Forms of the proposals staff pages: parse input and say what is missing, in Chinese.

The date and text fields are the generic ones of the messages' staff forms.
"""

from __future__ import annotations

from django import forms

from gongkai.core.concurrency import VersionedFormMixin
from gongkai.core.formfields import date_field, text_field
from gongkai.orgs.models import Department

from ..models import Body, Grade, Proposal, ProposalState, Satisfaction, Session
from ..services.correcting import CORRECTABLE, REASON_MAX
from ..services.handling import REPLY_MIN


def units(session: Session):
    return (
        Department.objects.filter(active=True, government__path__startswith=session.government.path)
        .select_related("government")
        .order_by("government__code", "sort_order", "pk")
    )


class SessionForm(forms.Form):
    body = forms.ChoiceField(
        label="类别", choices=Body.choices, error_messages={"required": "请选择人大或政协。"}
    )
    name = forms.CharField(
        label="届次",
        max_length=100,
        help_text="如“市六届人大五次会议”“市政协六届五次会议”",
        error_messages={"required": "请填写届次名称。", "max_length": "届次名称不能超过100个字。"},
    )
    opened_on = date_field("开幕日期", initial_today=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="建议、提案清单（.xlsx）",
        help_text="第一行为表头：编号、标题、领衔人及附议人、内容、建议承办单位。有任何一行不符合要求的，整份文件都不导入。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
    )


class ItemFilterForm(forms.Form):
    session = forms.TypedChoiceField(label="届次", required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(
        label="状态", choices=[("", "全部"), *ProposalState.choices], required=False
    )
    unit = forms.TypedChoiceField(label="主办单位", required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label="只看已超期", required=False)
    q = forms.CharField(label="编号或标题", required=False, max_length=60)

    def __init__(self, *args, sessions=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", "全部届次")] + [(s.pk, s.name) for s in sessions]
        self.fields["unit"].choices = [("", "全部单位")] + [(d.pk, d.name) for d in departments]


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(
        label="主办单位",
        queryset=Department.objects.none(),
        error_messages={
            "required": "请选择主办单位。",
            "invalid_choice": "请从列表中选择主办单位。",
        },
    )
    joint = forms.ModelMultipleChoiceField(
        label="会办单位", queryset=Department.objects.none(), required=False
    )
    assist = forms.ModelMultipleChoiceField(
        label="协办单位", queryset=Department.objects.none(), required=False
    )
    complex = forms.BooleanField(label="复杂事项（办理期限按复杂事项计算）", required=False)
    limit_months = forms.TypedChoiceField(
        label="办理期限",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "按办理规则")] + [(n, f"{n}个月") for n in range(1, 13)],
    )
    on = date_field("交办日期")

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead", "joint", "assist"):
            self.fields[name].queryset = units(session)


class ReassignForm(AssignForm):
    """改办: other units, from the day of the change, with the reason."""

    reason = text_field(
        "改办理由", rows=2, max_length=500, help_text="如：职责不符。记入办理记录。"
    )
    on = date_field("改办日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["complex"], self.fields["limit_months"]


class CoOpinionForm(forms.Form):
    opinion = text_field("会办意见", rows=4, max_length=3000, help_text="至少10个字，送主办单位。")
    on = date_field("提出日期")

    def clean_opinion(self):
        text = self.cleaned_data["opinion"].strip()
        if len(text) < 10:
            raise forms.ValidationError(f"会办意见至少10个字（现有{len(text)}字）。")
        return text


class ReplyForm(forms.Form):
    text = text_field(
        "答复函正文",
        rows=10,
        max_length=10000,
        help_text=f"至少{REPLY_MIN}个字；提交后由本单位负责人审签。",
    )
    grade = forms.ChoiceField(
        label="办理结果分类",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择办理结果分类。"},
    )
    public = forms.BooleanField(
        label="公开答复函", required=False, initial=True, help_text="不公开的，须说明理由。"
    )
    not_public_reason = forms.CharField(label="不公开理由", required=False, max_length=300)
    on = date_field("起草日期")

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < REPLY_MIN:
            raise forms.ValidationError(f"答复函正文至少{REPLY_MIN}个字（现有{len(text)}字）。")
        return text

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("public") and not (cleaned.get("not_public_reason") or "").strip():
            self.add_error("not_public_reason", "答复函不公开的，请说明理由。")
        return cleaned


class ApproveForm(forms.Form):
    grade = forms.ChoiceField(
        label="办理结果分类（审签确认）",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请确认办理结果分类。"},
    )
    on = date_field("签发日期")


class ReturnReplyForm(forms.Form):
    comment = text_field("退回意见", rows=3, max_length=1000, help_text="写明需要修改的内容。")


class SatisfactionForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="代表、委员意见",
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择满意、基本满意或不满意。"},
    )
    comment = text_field(
        "具体意见",
        required=False,
        rows=3,
        max_length=1000,
        help_text="不满意的必须填写，将转主办单位重新办理。",
    )
    on = date_field("征询日期")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("satisfaction") == Satisfaction.UNSATISFIED and not cleaned.get("comment"):
            self.add_error("comment", "不满意的，请登记具体意见，以便重新办理。")
        return cleaned


class VisitForm(forms.Form):
    visited_on = date_field("督办日期")
    leaders = forms.CharField(
        label="督办领导",
        max_length=200,
        help_text="如“市人大常委会副主任张某某”",
        error_messages={"required": "请填写督办领导。"},
    )
    place = forms.CharField(
        label="地点或单位", max_length=200, error_messages={"required": "请填写督办地点或单位。"}
    )
    summary = text_field("督办情况", rows=5, max_length=5000, help_text="至少20个字。")


class CorrectionForm(VersionedFormMixin):
    """更正 of the imported text, opened at the item's version (a colleague's save in
    between is refused beside the form, with the typed text kept)."""

    reason = text_field(
        "更正理由",
        rows=2,
        max_length=REASON_MAX,
        help_text="如：交办会上发现标题有错字。记入审计日志。",
    )

    class Meta:
        model = Proposal
        fields = CORRECTABLE
        widgets = {
            "authors": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 8}),
            "suggested_units": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CORRECTABLE:
            field = self.fields[name]
            field.error_messages["required"] = f"请填写{field.label}。"
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = (
                    f"{field.label}不能超过{field.max_length}个字。"
                )
