"""Forms of the staff pages. They parse input and say what is missing, in Chinese;
the rules of the law are checked again by the actions in ``services``."""

from __future__ import annotations

from functools import partial

from django import forms
from django.utils import timezone

from gongkai.core import formfields
from gongkai.core.formfields import date_field
from gongkai.files.forms import AttachmentField, MultipleFileInput
from gongkai.files.kinds import ALL_KINDS
from gongkai.orgs.models import Department
from gongkai.workdays.forms import DecideExtensionForm  # noqa: F401  (one form, in the kernel)

from ..models import (
    EXTENSION_MAX_DAYS,
    OUTCOME_GROUPS,
    REPLY_OUTCOMES,
    ApplicationState,
    Art35Decision,
    ChallengeKind,
    ChallengeResult,
    Channel,
    ConsultationKind,
    ConsultationResult,
    DeliveryMethod,
    FeeMethod,
    SecrecyConclusion,
)
from ..validation import ApplicationDataForm

UPLOAD_KINDS = ALL_KINDS


text_field = partial(formfields.text_field, max_length=None)  # applications' texts are unbounded


class MultipleAttachmentField(AttachmentField):
    """Several files in one input, each checked as ``store_upload`` would."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# -- the queue -------------------------------------------------------------------

STATE_FILTERS = [
    ("", "待办（未办结）"),
    ("all", "全部"),
    *ApplicationState.choices,
]
DUE_FILTERS = [
    ("", "不限"),
    ("soon", "临期"),
    ("today", "今日到期"),
    ("overdue", "已超期"),
    ("paused", "暂停计时"),
]
SORTS = [
    ("due", "答复期限（最早在前）"),
    ("-due", "答复期限（最晚在前）"),
    ("-submitted", "提交时间（最新在前）"),
    ("submitted", "提交时间（最早在前）"),
]


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label="受理编号或申请人",
        required=False,
        max_length=60,
    )
    state = forms.ChoiceField(label="状态", choices=STATE_FILTERS, required=False)
    due = forms.ChoiceField(label="答复期限", choices=DUE_FILTERS, required=False)
    channel = forms.ChoiceField(
        label="申请渠道", choices=[("", "全部"), *Channel.choices], required=False
    )
    assignee = forms.ChoiceField(label="经办人", required=False)
    department = forms.TypedChoiceField(
        label="受理机关", required=False, coerce=int, empty_value=None
    )
    extension = forms.BooleanField(label="有待审批的延期申请", required=False)
    sort = forms.ChoiceField(label="排序", choices=SORTS, required=False)

    def __init__(self, *args, assignees=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", "全部"),
            ("me", "我本人"),
            ("none", "未指定"),
            *[(str(u.pk), u.get_full_name() or u.username) for u in assignees],
        ]
        self.fields["department"].choices = [
            ("", "全部"),
            *[(d.pk, d.name) for d in departments],
        ]
        if len(departments) <= 1:
            del self.fields["department"]


# -- intake (Art. 31) --------------------------------------------------------------

OFFLINE_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]
RECEIPT_RULES = [
    (Channel.IN_PERSON.label, "提交之日为收到申请之日，登记时即开始计算答复期限。"),
    (Channel.POST.label, "以申请人交邮的挂号信、快递签收之日为收到申请之日。"),
    (
        Channel.LETTER.label,
        "须与申请人确认，以双方确认之日为收到申请之日：登记后在申请页面“确认收到”。",
    ),
    (
        Channel.FAX.label,
        "须与申请人确认，以双方确认之日为收到申请之日：登记后在申请页面“确认收到”。",
    ),
]


class RegisterForm(ApplicationDataForm):
    """A paper, in-person, post or fax application typed in by staff."""

    field_order = ["channel", "received_on", "late_reason", "department"]

    channel = forms.ChoiceField(
        label="申请渠道",
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请渠道：当面提交、邮寄、平信或传真。"},
    )
    received_on = date_field(
        "收到申请之日",
        required=False,
        help_text="当面提交填提交当日；挂号信、快递填签收之日。平信、传真不填，登记后与申请人确认。",
    )
    late_reason = text_field(
        "补登记原因",
        rows=2,
        required=False,
        help_text="收到申请之日早于今天{days}个工作日以上的，须写明原因（如挂号信转交延误、登记遗漏），"
        "记入办理记录和审计日志。",
    )
    id_copy = AttachmentField(label="身份证明复印件", required=False, allowed_kinds=UPLOAD_KINDS)
    authorisation = AttachmentField(label="授权委托书", required=False, allowed_kinds=UPLOAD_KINDS)
    supporting = AttachmentField(label="其他申请材料", required=False, allowed_kinds=UPLOAD_KINDS)

    def __init__(self, *args, departments=None, **kwargs):
        from ..services.intake import late_registration_days

        super().__init__(*args, **kwargs)
        late = self.fields["late_reason"]
        late.help_text = late.help_text.format(days=late_registration_days())
        if departments is not None:
            self.fields["department"].queryset = departments
        self.fields["description"].widget = forms.Textarea(attrs={"rows": 5})
        self.fields["applicant_kind"].widget = forms.RadioSelect(
            choices=self.fields["applicant_kind"].choices
        )

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("channel")
        received_on = cleaned.get("received_on")
        if channel in (Channel.IN_PERSON, Channel.POST) and received_on is None:
            self.add_error(
                "received_on",
                "当面提交或邮寄的申请，请填写收到申请之日（提交当日或签收之日）。",
            )
        if received_on and received_on > timezone.localdate():
            self.add_error("received_on", "收到申请之日不能晚于今天。")
        elif received_on and channel in (Channel.IN_PERSON, Channel.POST):
            from ..services.intake import check_received_on

            problems = check_received_on(
                received_on, cleaned.get("late_reason", ""), timezone.localdate()
            )
            for name, messages in problems.items():
                for message in messages:
                    self.add_error(name, message)
        return cleaned

    def files_for_service(self) -> list:
        return [
            (purpose, self.cleaned_data[purpose])
            for purpose in ("id_copy", "authorisation", "supporting")
            if self.cleaned_data.get(purpose)
        ]


class ConfirmForm(forms.Form):
    on = date_field("确认收到之日", help_text="与申请人双方确认的日期（第三十一条），默认今天。")


class DiscardForm(forms.Form):
    reason = text_field(
        "作废理由", rows=2, help_text="如：测试数据、重复提交、明显不是政府信息公开申请。"
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="经办人",
        queryset=None,
        error_messages={
            "required": "请选择经办人。",
            "invalid_choice": "所选人员不是本机关的工作人员，请重新选择。",
        },
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username


# -- handling --------------------------------------------------------------------


class CorrectionForm(forms.Form):
    what = text_field(
        "需要补正的事项",
        rows=4,
        help_text="一次性写明全部需要补正的内容（第三十条），如所需信息的年份、文号、名称。",
    )
    on = date_field("告知日期")


class ReceiveCorrectionForm(forms.Form):
    answer = text_field("补正内容", rows=3, required=False)
    files = MultipleAttachmentField(label="补正材料", required=False, allowed_kinds=UPLOAD_KINDS)
    on = date_field("收到补正之日", help_text="答复期限自该日次日起重新计算。")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("answer") or "").strip() and not cleaned.get("files"):
            self.add_error("answer", "请填写补正内容或上传补正材料。")
        return cleaned


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(
        label="征求意见类型",
        choices=ConsultationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择征求意见的类型。"},
    )
    party = forms.CharField(
        label="被征求意见方", max_length=100, error_messages={"required": "请填写被征求意见方。"}
    )
    party_contact = forms.CharField(label="联系方式", max_length=200, required=False)
    question = text_field("征求意见内容", rows=3)
    on = date_field("发出日期")


class ConsultationReplyForm(forms.Form):
    result = forms.ChoiceField(
        label="意见",
        choices=[c for c in ConsultationResult.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择意见。"},
    )
    summary = text_field(
        "意见摘要", rows=2, required=False, help_text="不同意公开的，须摘要记录其理由。"
    )
    on = date_field("答复日期")


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label="延长工作日",
        min_value=1,
        max_value=EXTENSION_MAX_DAYS,
        initial=EXTENSION_MAX_DAYS,
        help_text=f"最多延长{EXTENSION_MAX_DAYS}个工作日，只能延长一次（第三十三条），须经政府信息公开工作机构负责人同意。",
        error_messages={
            "required": "请填写延长的工作日数。",
            "min_value": f"延长的期限为1至{EXTENSION_MAX_DAYS}个工作日。",
            "max_value": f"延长的期限为1至{EXTENSION_MAX_DAYS}个工作日（第三十三条）。",
            "invalid": "请填写整数。",
        },
    )
    reason = text_field(
        "延期理由", rows=2, help_text="写入延长答复期限告知书：“因……，不能在法定期限内作出答复”。"
    )


class ReasonsRequestForm(forms.Form):
    text = text_field(
        "要求说明理由的内容",
        rows=3,
        help_text="申请的数量、频次明显超过合理范围的，可以要求申请人说明理由（第三十五条）。",
    )
    on = date_field("要求日期")


class ReasonsForm(forms.Form):
    reasons = text_field("申请人说明的理由", rows=3)
    on = date_field("收到理由日期")


class Art35DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="处理决定",
        choices=[c for c in Art35Decision.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择处理决定。"},
    )
    new_deadline = date_field(
        "另行确定的答复期限",
        required=False,
        initial_today=False,
        help_text="理由合理但无法在法定期限内答复的，填写晚于现行期限的合理日期。",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Art35Decision.REASONABLE and not cleaned.get("new_deadline"):
            self.add_error("new_deadline", "理由合理的，请确定新的答复期限。")
        return cleaned


class FeeQuoteForm(forms.Form):
    """GET: how much the fee notice would charge, before anything is issued."""

    fee_method = forms.ChoiceField(
        label="计收方式",
        choices=FeeMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择计收方式。"},
    )
    fee_pages = forms.IntegerField(
        label="页数",
        required=False,
        min_value=1,
        help_text="按量计收时填写提供的政府信息页数；30页以内免费。",
        error_messages={"min_value": "页数至少为1。", "invalid": "请填写整数页数。"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fee_method") == FeeMethod.BY_PAGES and not cleaned.get("fee_pages"):
            self.add_error("fee_pages", "按量计收请填写提供的政府信息页数。")
        return cleaned


class FeeIssueForm(FeeQuoteForm):
    on = date_field("通知日期")


class PaymentForm(forms.Form):
    on = date_field("缴费日期", help_text="核实到账的日期；缴费后恢复计算答复期限。")


def outcome_choices():
    """The reply outcomes grouped exactly as Table 三 section 三 of the national format."""
    allowed = {o.value for o in REPLY_OUTCOMES}
    groups = [("", "请选择办理结果")]
    for _key, heading, outcomes in OUTCOME_GROUPS:
        options = [(o.value, o.label) for o in outcomes if o.value in allowed]
        if options:
            groups.append((heading, options))
    return groups


class ReplyForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=outcome_choices,
        help_text="按全国政府信息公开工作年度报告格式的分类选择。“逾期不补正”“逾期未缴费”由系统在期限届满时自动办结，不在此选择。",
        error_messages={
            "required": "请选择办理结果。",
            "invalid_choice": "请从全国统一的办理结果分类中选择一项。",
        },
    )
    legal_basis = text_field(
        "法律依据与理由",
        rows=3,
        required=False,
        help_text="除予以公开外，均须写明条例条款和理由，如“《中华人民共和国政府信息公开条例》第三十六条第（四）项”。",
    )
    reply_text = text_field(
        "答复内容",
        rows=5,
        required=False,
        help_text="予以公开、部分公开的，写明提供的信息或获取的方式、途径和时间。",
    )
    disclosed_files = MultipleAttachmentField(
        label="公开的政府信息（文件）", required=False, allowed_kinds=UPLOAD_KINDS
    )
    referred_agency_name = forms.CharField(
        label="负责公开的机关",
        max_length=100,
        required=False,
        help_text="不属于本机关负责公开的（本机关不掌握相关政府信息），写明负责公开该信息的机关。",
    )
    referred_agency_contact = forms.CharField(
        label="该机关联系方式", max_length=200, required=False
    )
    forward_to = forms.ModelChoiceField(
        label="转送本平台上的机关",
        queryset=Department.objects.none(),
        required=False,
        empty_label="不转送",
        help_text="负责机关在本平台上的，可在答复后将申请转送该机关，由其确认收到后办理。",
        error_messages={"invalid_choice": "所选机关不存在或已停用。"},
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is not None:
            self.fields["forward_to"].queryset = (
                Department.objects.filter(active=True)
                .exclude(pk=application.department_id)
                .select_related("government")
                .order_by("government__code", "sort_order", "pk")
            )
            self.fields["forward_to"].label_from_instance = lambda d: d.name


class ReturnForm(forms.Form):
    comment = text_field("退回意见", rows=3, help_text="写明需要修改的内容，经办人修改后重新提交。")


class SecrecyReviewForm(forms.Form):
    """保密审查 of a reply that releases information (条例第十七条)."""

    conclusion = forms.ChoiceField(
        label="审查结论",
        choices=SecrecyConclusion.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审查结论：通过或退回修改。"},
    )
    note = text_field(
        "审查意见",
        rows=2,
        required=False,
        help_text="退回修改的，须写明涉及国家秘密或其他不得公开的内容及修改要求。",
    )
    on = date_field("审查日期")

    def clean(self):
        cleaned = super().clean()
        returned = cleaned.get("conclusion") == SecrecyConclusion.RETURNED
        if returned and not (cleaned.get("note") or "").strip():
            self.add_error("note", "退回修改的，请写明审查意见。")
        return cleaned


class ApproveForm(forms.Form):
    on = date_field("答复日期", help_text="出具答复书的日期，默认今天。")


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(
        label="送达方式",
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择送达方式。"},
    )
    reference = forms.CharField(
        label="送达凭证",
        max_length=100,
        required=False,
        help_text="邮寄送达须填写邮件号码；电子邮件可填发送记录。",
    )
    on = date_field("送达日期")


class ChallengeForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型",
        choices=ChallengeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择类型。"},
    )
    filed_on = date_field("申请或起诉日期", initial_today=False)
    body = forms.CharField(
        label="复议机关或受理法院",
        max_length=100,
        error_messages={"required": "请填写复议机关或受理法院。"},
    )
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    result = forms.ChoiceField(
        label="结果", choices=ChallengeResult.choices, initial=ChallengeResult.PENDING
    )
    decided_on = date_field("审结日期", required=False, initial_today=False)
    note = text_field("备注", rows=2, required=False)


class ChallengeResultForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=ChallengeResult.choices)
    decided_on = date_field("审结日期", required=False, initial_today=False)
