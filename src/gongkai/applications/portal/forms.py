"""Forms of the applicant's pages.

``ApplyForm`` is ``validation.ApplicationDataForm`` (every rule about the
applicant's data lives there) plus what only the web form has: the hidden
idempotency token, the optional attachments, and the guidance (``help_text``)
beside each field. The actions' forms (correction, payment, reasons,
withdrawal) only check their own inputs; the services decide the rest.
"""

from __future__ import annotations

import secrets

from django import forms

from gongkai.core.lookup import CodeLookupForm
from gongkai.core.widgets import FastSelect
from gongkai.files.forms import AttachmentField, MultipleFilesField, checked_uploads
from gongkai.files.kinds import ALL_KINDS
from gongkai.portal.site import departments_under, site_government

from ..validation import ApplicationDataForm

MAX_FILES = 5

# Guidance beside each field: what the Regulation (Art. 29) asks for, in the
# applicant's words. The chosen agency's own guide (指南) is shown beside the form.
GUIDANCE = {
    "department": "向掌握该政府信息的行政机关申请。不确定时，可先查看各机关的政府信息公开指南。",
    "applicant_kind": "以个人名义申请选“自然人”；以企业、事业单位、社会组织等名义申请选“法人或其他组织”。",
    "org_subtype": "仅法人或其他组织填写。年度报告按此分类统计申请数量。",
    "name": "自然人填写身份证件上的姓名；法人或其他组织填写营业执照或登记证书上的全称。",
    "id_type": "自然人一般选居民身份证；法人或其他组织一般选统一社会信用代码。",
    "id_number": "居民身份证号码为18位，末位可能是X；统一社会信用代码为18位。系统会核对校验位。",
    "contact_person": "法人或其他组织须填写经办联系人姓名。",
    "phone": "手机或固定电话，如 13800000000、0938-8212345。手机号码会收到办理进度短信；也可凭受理编号和此号码查询。",
    "email": "选择电子邮件获取时必填；填写后会收到办理进度邮件。",
    "address": "选择邮寄时必填，请写到门牌号。",
    "postcode": "6位数字，如 741000。",
    "description": "请写明所需政府信息的名称、文号，或者便于查询的其他特征（如年份、地点、事项），"
    "每件申请尽量只涉及一项内容。描述不清的，受理机关会一次性告知补正，答复期限自收到补正之日起重新计算。",
    "preferred_form": "纸质件或电子件。",
    "delivery_method": "选择“网上下载”的，答复后凭受理编号和查询密码在本网站下载答复书。",
    "id_copy": "可选。身份证件或营业执照复印件的扫描件、照片。",
    "authorisation": "可选。委托他人代为申请的，请上传授权委托书。",
}


def department_choices(departments) -> list:
    """The department select's options, grouped by government (<optgroup>)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for department in departments:
        groups.setdefault(department.government.full_name, []).append(
            (department.pk, department.name)
        )
    return [("", "请选择受理机关"), *groups.items()]


def portal_departments():
    """The agencies this portal takes applications for: the site's government and below."""
    return departments_under(site_government())


class ApplyForm(ApplicationDataForm):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    id_copy = AttachmentField(label="身份证明", allowed_kinds=ALL_KINDS, required=False)
    authorisation = AttachmentField(label="授权委托书", allowed_kinds=ALL_KINDS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = portal_departments()
        field = self.fields["department"]
        field.queryset = departments
        field.widget = FastSelect(attrs=field.widget.attrs)
        field.widget.choices = department_choices(departments)
        self.fields["org_subtype"].choices = [
            ("", "请选择（仅法人或其他组织）"),
            *self.fields["org_subtype"].choices[1:],
        ]
        self.fields["applicant_kind"].widget = forms.RadioSelect(
            choices=self.fields["applicant_kind"].choices
        )
        self.fields["preferred_form"].widget = forms.RadioSelect(
            choices=self.fields["preferred_form"].choices
        )
        self.fields["delivery_method"].widget = forms.RadioSelect(
            choices=self.fields["delivery_method"].choices
        )
        self.fields["description"].widget = forms.Textarea(attrs={"rows": 6})
        self.fields["phone"].widget = forms.TextInput(attrs={"type": "tel"})
        autocomplete = {
            "name": "name",
            "phone": "tel",
            "email": "email",
            "address": "street-address",
            "postcode": "postal-code",
        }
        for name, field in self.fields.items():
            if name in GUIDANCE:
                extra = field.help_text
                field.help_text = GUIDANCE[name] + (f" {extra}" if extra else "")
            if name in autocomplete:
                field.widget.attrs["autocomplete"] = autocomplete[name]
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["required"] = True
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = secrets.token_urlsafe(24)

    def files_to_attach(self) -> list[tuple[str, object]]:
        """(purpose, upload) pairs of the attachments given."""
        from ..models import FilePurpose

        pairs = []
        for name, purpose in (
            ("id_copy", FilePurpose.ID_COPY),
            ("authorisation", FilePurpose.AUTHORISATION),
        ):
            upload = self.cleaned_data.get(name)
            if upload:
                pairs.append((purpose, upload))
        return pairs


class LookupForm(CodeLookupForm):
    code_field = "tracking_number"
    submitted_as = "申请"
    receipt_hint = "回执上的8位查询密码（不区分大小写）。"

    tracking_number = forms.CharField(
        label="受理编号",
        max_length=40,
        help_text="提交申请后页面和回执上显示的编号，如 YSQ2026-0012-00035。",
        error_messages={"required": "请填写受理编号。"},
    )


class _FilesMixin:
    """Up to MAX_FILES uploads in one ``<input type=file multiple>``, each checked."""

    def clean_files(self):
        return checked_uploads(
            self.files.getlist("files") if self.files else [],
            allowed_kinds=ALL_KINDS,
            max_files=MAX_FILES,
            too_many=f"一次最多上传{MAX_FILES}个文件。",
        )


def _files_field(label: str, help_text: str) -> forms.Field:
    from gongkai.files.kinds import accept_attribute, describe

    field = MultipleFilesField(
        label=label,
        required=False,
        help_text=f"{help_text}支持 {describe(ALL_KINDS)}，最多{MAX_FILES}个文件。",
    )
    field.widget.attrs["accept"] = accept_attribute(ALL_KINDS)
    return field


class CorrectionForm(_FilesMixin, forms.Form):
    answer = forms.CharField(
        label="补正内容",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="按补正告知书的要求，写明所需信息的名称、文号、年份等。",
    )
    files = _files_field("补正材料", "可选。")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("answer") or "").strip() and not cleaned.get("files"):
            self.add_error("answer", "请填写补正内容或上传补正材料。")
        return cleaned


class PaymentForm(_FilesMixin, forms.Form):
    reference = forms.CharField(
        label="缴费凭证号",
        required=False,
        max_length=100,
        help_text="银行转账流水号或缴费票据号码。",
    )
    files = _files_field("缴费凭证", "可选。缴费凭证的照片或扫描件。")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("reference") or "").strip() and not cleaned.get("files"):
            self.add_error("reference", "请填写缴费凭证号或上传缴费凭证。")
        return cleaned


class ReasonsForm(forms.Form):
    reasons = forms.CharField(
        label="申请理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写理由。"},
        help_text="说明您申请这些政府信息的理由和用途（条例第三十五条）。",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回原因（可选）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label="我确认撤回本申请。撤回后本申请不再办理。",
        error_messages={"required": "请勾选确认后再撤回。"},
    )
