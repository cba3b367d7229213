"""Forms of the consultation workbench pages. They parse input and say what is wrong
field by field, in Chinese; the rules themselves are checked again by the actions in
``consultations.services`` (whose refusals the views show beside the form)."""

from __future__ import annotations

from functools import partial

from django import forms
from django.utils import timezone

from gongkai.core import formfields
from gongkai.core.concurrency import StaleEdit, VersionedFormMixin
from gongkai.core.formfields import text_field
from gongkai.core.validators import validate_phone
from gongkai.files.forms import MultipleFilesField, checked_uploads
from gongkai.files.kinds import DOCUMENT_KINDS

from .. import clauses as clause_text
from ..models import Consultation, Kind, Outcome, Phase
from ..services.common import last_day
from ..services.moderating import NOTE_MAX

date_field = partial(formfields.date_field, initial_today=False)  # periods are chosen, not today
DRAFT_TEXT_HELP = (
    "粘贴草案全文。系统按“第X条”（没有时按“一、二、”，再没有时按段落）拆分为条款，"
    "公众可以针对具体条款提出意见；保存后可在详情页核对拆分结果。"
)


def _period_errors(form, opens_field="opens_on", closes_field="closes_on") -> None:
    opens_on = form.cleaned_data.get(opens_field)
    closes_on = form.cleaned_data.get(closes_field)
    if opens_on and closes_on and closes_on < opens_on:
        form.add_error(closes_field, "截止日期不能早于开始日期。")


# -- the list ------------------------------------------------------------------------

PHASE_FILTERS = [("", "全部"), ("todo", "待办"), *Phase.choices]


class ListFilterForm(forms.Form):
    phase = forms.ChoiceField(label="阶段", choices=PHASE_FILTERS, required=False)
    q = forms.CharField(label="标题", required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].error_messages["invalid_choice"] = "所选阶段不正确，已忽略。"


# -- new and edit --------------------------------------------------------------------


class ConsultationForm(VersionedFormMixin):
    """A consultation's summary, contact, period and draft text (``services.Draft``)."""

    opens_on = date_field("开始日期", help_text="从当日0时起接受意见（北京时间）。")
    closes_on = date_field("截止日期", help_text="至当日24时止。")
    draft_text = forms.CharField(
        label="草案条文",
        required=False,
        max_length=200_000,
        help_text=DRAFT_TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"max_length": "草案条文不能超过20万字，全文请作为附件另行公布。"},
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Consultation
        fields = [
            "kind",
            "subject",
            "title",
            "summary",
            "contact_name",
            "contact_phone",
            "contact_email",
            "contact_address",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = field.label or name
            field.error_messages["required"] = f"请填写{label}。"
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = f"{label}不能超过{field.max_length}字。"
        self.fields["kind"].error_messages["required"] = "请选择征集类型。"
        self.fields["kind"].error_messages["invalid_choice"] = "征集类型不正确，请重新选择。"
        self.fields["contact_email"].error_messages["invalid"] = "电子邮箱格式不正确。"
        self.fields[
            "subject"
        ].help_text = "方案征集必填：征集的对象，如“道路名称”“设计方案”“标识”“吉祥物”。"
        if self.instance.pk is not None and not self.is_bound:
            current = self.instance.current_round()
            if current is not None:
                self.initial.setdefault("opens_on", timezone.localtime(current.opens_at).date())
                self.initial.setdefault("closes_on", last_day(current.closes_at))
                self.initial.setdefault("draft_text", clause_text.joined(current.clauses.all()))

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        try:
            validate_phone(phone)
        except forms.ValidationError:
            raise forms.ValidationError(
                "联系电话格式不正确，请填写手机号码或带区号的固定电话（如0938-8212345）。"
            ) from None
        return phone

    def clean(self):
        cleaned = super().clean()
        _period_errors(self)
        kind = cleaned.get("kind")
        if kind == Kind.DRAFT and not clause_text.split(cleaned.get("draft_text", "")):
            self.add_error("draft_text", "草案征求意见须填写草案条文，以便公众对具体条款提出意见。")
        if kind == Kind.CALL and not (cleaned.get("subject") or "").strip():
            self.add_error("subject", "方案征集须填写征集内容，如“道路名称”“设计方案”。")
        return cleaned

    def draft(self):
        from ..services import Draft

        data = self.cleaned_data
        return Draft(
            kind=data["kind"],
            title=data["title"].strip(),
            summary=data["summary"].strip(),
            contact_name=data["contact_name"].strip(),
            contact_phone=data["contact_phone"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            draft_text=data.get("draft_text", "") if data["kind"] == Kind.DRAFT else "",
            subject=(data.get("subject") or "").strip(),
            contact_email=data.get("contact_email") or "",
            contact_address=(data.get("contact_address") or "").strip(),
        )


# -- actions on the detail page ------------------------------------------------------


class PublishForm(forms.Form):
    pass


class ExtendForm(forms.Form):
    closes_on = date_field(
        "新的截止日期", help_text="至当日24时止；可以延长，也可以提前，但不能早于今天。"
    )
    reason = text_field("调整理由", rows=2, max_length=500, help_text="理由记入操作记录。")


class NewRoundForm(forms.Form):
    draft_text = forms.CharField(
        label="修改后的草案条文",
        max_length=200_000,
        help_text=DRAFT_TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={
            "required": "请填写修改后的草案条文。",
            "max_length": "草案条文不能超过20万字。",
        },
    )
    changes_note = text_field(
        "修改说明", rows=3, help_text="根据上一轮意见作了哪些修改，将在新一轮页面上公布。"
    )
    opens_on = date_field("开始日期")
    closes_on = date_field("截止日期")

    def clean(self):
        cleaned = super().clean()
        _period_errors(self)
        if cleaned.get("draft_text") and not clause_text.split(cleaned["draft_text"]):
            self.add_error("draft_text", "请填写修改后的草案条文。")
        return cleaned


class VoteForm(forms.Form):
    entries = forms.TypedMultipleChoiceField(
        label="入围作品",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="至少选择两件已审核通过的作品。",
        error_messages={
            "required": "请选择入围投票的作品。",
            "invalid_choice": "所选作品不存在或未审核通过，请重新选择。",
        },
    )
    opens_on = date_field("投票开始日期", help_text="最早为征集截止之时。")
    closes_on = date_field("投票截止日期", help_text="至当日24时止。")

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [
            (e.pk, f"{e.title}（{timezone.localtime(e.submitted_at):%m月%d日}提交）")
            for e in entries
        ]

    def clean(self):
        cleaned = super().clean()
        _period_errors(self)
        if cleaned.get("entries") is not None and len(cleaned["entries"]) < 2:
            self.add_error("entries", "请至少选择两件作品入围投票。")
        return cleaned


# -- moderation ----------------------------------------------------------------------


class ModerationForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    comments = forms.TypedMultipleChoiceField(coerce=int, required=False)
    entries = forms.TypedMultipleChoiceField(coerce=int, required=False)
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[(APPROVE, "通过"), (REJECT, "不予采用")],
        error_messages={"required": "请选择通过或不予采用。", "invalid_choice": "审核结果不正确。"},
    )
    note = forms.CharField(
        label="不予采用的理由",
        required=False,
        max_length=NOTE_MAX,
        help_text="如：广告、与征集无关、含有侮辱性内容。通过时不必填写。",
        error_messages={"max_length": f"理由不能超过{NOTE_MAX}字。"},
    )

    def __init__(self, *args, comments=(), entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(c.pk, c.pk) for c in comments]
        self.fields["entries"].choices = [(e.pk, e.pk) for e in entries]
        for name in ("comments", "entries"):
            self.fields[name].error_messages["invalid_choice"] = (
                "所选内容已被他人审核或不存在，请刷新页面后重新选择。"
            )

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("comments")
            and not cleaned.get("entries")
            and not self.errors.get("comments")
            and not self.errors.get("entries")
        ):
            raise forms.ValidationError("请先勾选要审核的意见或作品。")
        if cleaned.get("decision") == self.APPROVE and (cleaned.get("note") or "").strip():
            # Enter in the reason field submits with the first button (通过): ask, do not guess.
            self.add_error(
                "note",
                "已填写不予采用的理由：如要不予采用，请点击“所选不予采用”；如要通过，请清空理由。",
            )
        if cleaned.get("decision") == self.REJECT and not (cleaned.get("note") or "").strip():
            self.add_error("note", "不予采用须说明理由（如广告、与征集无关、含有侮辱性内容）。")
        return cleaned


# -- feedback ------------------------------------------------------------------------


class SeenMixin(forms.Form):
    """A decision form remembers the version of the decision it was opened at
    (``seen``); the service claims that version in the same transaction as the
    save, so a colleague's decision saved in between (or at the same instant)
    is refused with ``StaleEdit``, never overwritten."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def check_seen(self, current: str) -> None:
        seen = self.cleaned_data.get("seen") or ""
        if seen and seen != current:
            raise StaleEdit()

    def seen_version(self) -> int | None:
        seen = self.cleaned_data.get("seen") or ""
        return int(seen) if seen.isdigit() else None


class GroupForm(SeenMixin):
    """Confirm a group: its summary, 采纳 / 部分采纳 / 未采纳 and the reason."""

    title = forms.CharField(
        label="意见概要",
        max_length=200,
        error_messages={"required": "请填写意见概要。", "max_length": "意见概要不能超过200字。"},
    )
    outcome = forms.ChoiceField(
        label="采纳情况",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择采纳情况：采纳、部分采纳或未采纳。",
            "invalid_choice": "采纳情况不正确，请重新选择。",
        },
    )
    reason = text_field(
        "理由", rows=3, help_text="采纳的说明如何体现；未采纳的说明原因。将在反馈中公布。"
    )


class NewGroupForm(forms.Form):
    title = forms.CharField(
        label="意见概要",
        max_length=200,
        error_messages={
            "required": "请填写新归类的意见概要。",
            "max_length": "意见概要不能超过200字。",
        },
    )


class MoveForm(forms.Form):
    """Move selected comments into a group (or out of every group)."""

    UNGROUP = "none"

    comments = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": "请先勾选要移动的意见。",
            "invalid_choice": "所选意见不存在或未审核通过，请刷新页面后重新选择。",
        },
    )
    target = forms.ChoiceField(
        label="移至",
        error_messages={
            "required": "请选择要移入的归类。",
            "invalid_choice": "目标归类已不存在，请刷新页面后重新选择。",
        },
    )

    def __init__(self, *args, comments=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(c.pk, c.pk) for c in comments]
        self.fields["target"].choices = [
            ("", "请选择"),
            *[(str(g.pk), g.title) for g in groups],
            (self.UNGROUP, "移出归类（未归类）"),
        ]


class MergeForm(forms.Form):
    groups = forms.TypedMultipleChoiceField(
        label="要合并的归类",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "请勾选要合并的归类。",
            "invalid_choice": "所选归类已不存在，请刷新页面后重新选择。",
        },
    )
    into = forms.TypedChoiceField(
        label="合并到",
        coerce=int,
        error_messages={
            "required": "请选择合并到哪个归类。",
            "invalid_choice": "目标归类已不存在，请刷新页面后重新选择。",
        },
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(g.pk, g.title) for g in groups]
        self.fields["groups"].choices = choices
        self.fields["into"].choices = [("", "请选择"), *choices]

    def clean(self):
        cleaned = super().clean()
        sources = [g for g in cleaned.get("groups") or [] if g != cleaned.get("into")]
        if "groups" in cleaned and "into" in cleaned and not sources:
            self.add_error("groups", "请至少勾选一个与目标不同的归类。")
        return cleaned


class DeleteGroupForm(forms.Form):
    pass


class EntryDecisionForm(SeenMixin):
    outcome = forms.ChoiceField(
        label="采纳情况",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择采纳情况。",
            "invalid_choice": "采纳情况不正确，请重新选择。",
        },
    )
    reason = text_field("理由", rows=2, max_length=1000)


class PublishFeedbackForm(forms.Form):
    summary = text_field(
        "反馈说明",
        rows=6,
        max_length=5000,
        help_text="征集的总体情况和意见采纳的总体说明，与各归类的采纳情况一并公布。",
    )


class AttachForm(forms.Form):
    """Documents of the draft (全文、图纸、说明), checked by content before they are stored."""

    MAX_FILES = 5

    files = MultipleFilesField(
        label="选择文件",
        help_text=f"PDF、OFD、Word、Excel、图片，每次最多{MAX_FILES}个。",
        error_messages={"required": "请选择要上传的文件。"},
    )

    def clean_files(self):
        return checked_uploads(
            self.files.getlist(self.add_prefix("files")),
            allowed_kinds=DOCUMENT_KINDS,
            max_files=self.MAX_FILES,
            too_many=f"每次最多上传{self.MAX_FILES}个文件。",
        )


class RemoveFileForm(forms.Form):
    pass
