"""Forms of the message staff pages. They parse input and say what is missing, in
Chinese; the rules of the boards are checked again by the actions in ``services``."""

from __future__ import annotations

from datetime import timedelta

from django import forms

from gongkai.core.formfields import date_field, text_field
from gongkai.orgs.models import Department
from gongkai.workdays.forms import DecideExtensionForm  # noqa: F401  (one form, in the kernel)

from ..models import Channel, Message, MessageState, MessageType, RefusalReason, Satisfaction
from ..services.handling import REPLY_MIN
from ..validation import MessageDataForm


def department_label(d: Department) -> str:
    return d.name


# -- the queue ---------------------------------------------------------------------

DUE_FILTERS = [
    ("", "不限"),
    ("soon", "临期"),
    ("today", "今日到期"),
    ("overdue", "已超期"),
]
SORTS = [
    ("due", "答复期限（最早在前）"),
    ("-due", "答复期限（最晚在前）"),
    ("-submitted", "留言时间（最新在前）"),
    ("submitted", "留言时间（最早在前）"),
]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label="查询码、标题或留言人", required=False, max_length=60)
    state = forms.ChoiceField(
        label="状态",
        choices=[("", "未办结"), ("all", "全部"), *MessageState.choices],
        required=False,
    )
    due = forms.ChoiceField(label="答复期限", choices=DUE_FILTERS, required=False)
    channel = forms.TypedChoiceField(label="渠道", required=False, coerce=int, empty_value=None)
    message_type = forms.TypedChoiceField(
        label="类型", required=False, coerce=int, empty_value=None
    )
    department = forms.TypedChoiceField(
        label="主办部门", required=False, coerce=int, empty_value=None
    )
    sort = forms.ChoiceField(label="排序", choices=SORTS, required=False)

    def __init__(self, *args, channels=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "全部"), *[(c.pk, c.name) for c in channels]]
        self.fields["message_type"].choices = [
            ("", "全部"),
            *[(t.pk, t.name) for t in MessageType.objects.all()],
        ]
        self.fields["department"].choices = [
            ("", "全部"),
            *[(d.pk, d.name) for d in departments],
        ]
        for name in ("state", "due", "channel", "message_type", "department", "sort"):
            self.fields[name].error_messages["invalid_choice"] = "所选条件不正确，已忽略。"


# -- triage (受理, 交办) -----------------------------------------------------------------


class ReleaseForm(forms.Form):
    pass


class RefuseForm(forms.Form):
    reason = forms.ModelChoiceField(
        label="不予受理理由",
        queryset=RefusalReason.objects.filter(is_duplicate=False),
        empty_label="请选择",
        help_text="理由的说明将告知留言人。重复留言请用“合并重复留言”。",
        error_messages={
            "required": "请选择不予受理的理由。",
            "invalid_choice": "所选理由不存在，请重新选择。",
        },
    )
    note = text_field("补充说明", required=False, rows=2, max_length=500)


class MergeForm(forms.Form):
    original = forms.CharField(
        label="原留言查询码",
        max_length=24,
        help_text="如 LY20260924-0001。本留言将与原留言合并，留言人会被告知查看原留言的办理结果。",
        error_messages={"required": "请填写原留言的查询码。"},
    )

    def __init__(self, *args, message: Message | None = None, visible=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.message = message
        self.visible = visible

    def clean_original(self):
        code = self.cleaned_data["original"].strip().upper()
        found = (self.visible if self.visible is not None else Message.objects).filter(
            query_code=code
        )
        original = found.first()
        if original is None:
            raise forms.ValidationError(f"没有查询码为 {code} 的留言，请核对。")
        if self.message is not None and original.pk == self.message.pk:
            raise forms.ValidationError("不能与本留言自身合并，请填写原留言的查询码。")
        return original


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(
        label="主办部门",
        queryset=Department.objects.none(),
        empty_label="请选择",
        error_messages={
            "required": "请选择主办部门。",
            "invalid_choice": "所选部门不在本级政府及所辖范围内或已停用。",
        },
    )
    co = forms.ModelMultipleChoiceField(
        label="协办部门",
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="可不选；协办部门提出协办意见，由主办部门统一答复。",
        error_messages={
            "invalid_choice": "所选协办部门不正确。",
            "invalid_pk_value": "所选协办部门不正确。",
        },
    )
    on = date_field("交办日期", help_text="签收、退回和答复期限自次日起按工作日计算。")

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = departments
        self.fields["co"].queryset = departments
        self.fields["lead"].label_from_instance = department_label
        self.fields["co"].label_from_instance = department_label

    def clean(self):
        cleaned = super().clean()
        lead, co = cleaned.get("lead"), cleaned.get("co")
        if lead is not None and co:
            cleaned["co"] = [d for d in co if d.pk != lead.pk]
        return cleaned


class IdentityForm(forms.Form):
    visible = forms.TypedChoiceField(
        label="承办部门可否看到留言人姓名和电话",
        choices=[("1", "可以看到"), ("0", "隐去")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择可以看到或隐去。"},
    )


# -- the lead department -------------------------------------------------------------


class SignForm(forms.Form):
    on = date_field("签收日期")


class ReturnMisroutedForm(forms.Form):
    reason = text_field(
        "退回理由",
        rows=2,
        max_length=500,
        help_text="写明为什么不属于本部门职责，以及建议由哪个部门办理。",
    )
    on = date_field("退回日期")


class CoOpinionForm(forms.Form):
    opinion = text_field("协办意见", rows=3, help_text="主办部门会看到本意见，并统一答复留言人。")


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label="延长工作日",
        min_value=1,
        error_messages={
            "required": "请填写延长的工作日数。",
            "min_value": "延长至少1个工作日。",
            "invalid": "请填写整数。",
        },
    )
    reason = text_field("延期理由", rows=2, max_length=500)

    def __init__(self, *args, max_days: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["days"]
        field.max_value = max_days
        field.initial = min(5, max_days)
        field.widget.attrs.update(min=1, max=max_days)
        field.validators.append(_max_days(max_days))
        field.help_text = f"每件留言只能申请延期一次，最多{max_days}个工作日，由受理办公室审批。"


def _max_days(max_days: int):
    def check(value):
        if value is not None and value > max_days:
            raise forms.ValidationError(f"延期为1至{max_days}个工作日。")

    return check


class ReplyForm(forms.Form):
    text = text_field(
        "答复内容",
        rows=8,
        max_length=5000,
        help_text=f"至少{REPLY_MIN}个字，写明办理情况和结果；提交后由受理办公室审核。",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < REPLY_MIN:
            raise forms.ValidationError(
                f"答复内容至少{REPLY_MIN}个字，请写明办理情况和结果（现有{len(text)}字）。"
            )
        return text


# -- review by the office -------------------------------------------------------------


class ReturnReplyForm(forms.Form):
    comment = text_field(
        "退回意见",
        rows=3,
        max_length=1000,
        help_text="写明需要修改的内容，主办部门修改后重新提交。",
    )


class ApproveForm(forms.Form):
    publish = forms.BooleanField(
        label="在留言板公开留言和答复（个人信息已遮蔽）", required=False, initial=True
    )
    masked_subject = forms.CharField(
        label="公开标题", max_length=100, required=False, help_text="可再遮蔽更多内容。"
    )
    masked_text = text_field(
        "公开留言内容", rows=6, required=False, max_length=5000, help_text="可再遮蔽更多内容。"
    )
    masked_reply = text_field(
        "公开答复内容", rows=6, required=False, max_length=5000, help_text="可再遮蔽更多内容。"
    )
    on = date_field("答复日期")

    def __init__(self, *args, confidential: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.confidential = confidential
        if confidential:
            for name in ("publish", "masked_subject", "masked_text", "masked_reply"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if not self.confidential and cleaned.get("publish"):
            for name, label in (("masked_text", "公开留言内容"), ("masked_reply", "公开答复内容")):
                if name in cleaned and not (cleaned.get(name) or "").strip():
                    self.add_error(name, f"公开的，{label}不能为空。")
        return cleaned

    def masked(self) -> dict[str, str] | None:
        if self.confidential or not self.cleaned_data.get("publish"):
            return None
        return {
            "subject": self.cleaned_data.get("masked_subject") or "",
            "text": self.cleaned_data.get("masked_text") or "",
            "reply": self.cleaned_data.get("masked_reply") or "",
        }


class CallbackForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="留言人评价",
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择满意、基本满意或不满意。"},
    )
    reason = text_field(
        "评价说明", rows=2, required=False, max_length=500, help_text="不满意的，须记录原因。"
    )
    on = date_field("回访日期")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("satisfaction") == Satisfaction.UNSATISFIED
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", "选择不满意的，请记录原因，以便重新办理。")
        return cleaned


# -- the office's reports -------------------------------------------------------------


class PeriodForm(forms.Form):
    start = date_field("起始日期", initial_today=False)
    end = date_field("截止日期", initial_today=False)

    MAX_DAYS = 366 * 3

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", "截止日期不能早于起始日期。")
            elif end - start > timedelta(days=self.MAX_DAYS):
                self.add_error("end", "统计期间最长三年，请缩短期间。")
        return cleaned


# -- hotline -----------------------------------------------------------------------------


class CallForm(MessageDataForm):
    """A hotline call (市长热线) as the operator records it: the message's own validation."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, channels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = (
            channels if channels is not None else Channel.objects.none()
        )
        self.fields["channel"].empty_label = None
        self.fields["channel"].label = "热线"
        self.fields["message_type"].empty_label = "请选择"
        self.fields["place"].empty_label = "不限"
        self.fields["subject"].label = "反映问题（标题）"
        self.fields["text"].label = "来电内容"
        self.fields["text"].widget.attrs["rows"] = 6
        self.fields["writer_name"].label = "来电人姓名"
        self.fields["writer_phone"].label = "来电号码"
        self.fields["wants_public"].label = "来电人同意公开（个人信息将自动遮蔽）"
        self.order_fields(
            [
                "channel",
                "message_type",
                "writer_name",
                "writer_phone",
                "subject",
                "text",
                "place",
                "wants_public",
            ]
        )
