"""The one validation of an application's data, shared by the form, the API and staff registration.

``ApplicationDataForm`` holds every rule (Chinese messages per field);
``clean_applicant(data)`` runs it and raises ``ApplicationInvalid`` with the
messages, so nothing is created from invalid input. Text is kept as text:
HTML typed into a field is stored as typed and escaped wherever shown.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from gongkai.core.errors import DomainError
from gongkai.core.text import fold_identifier, fold_phone, scrub_text
from gongkai.core.validators import (
    validate_mobile,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)
from gongkai.orgs.models import Department

from .models import ApplicantKind, DeliveryMethod, IdType, OrgSubtype, PreferredForm

DESCRIPTION_MAX = 2000


class ApplicationInvalid(DomainError):
    """Invalid application data; ``errors`` maps field names to Chinese messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        first = next(iter(errors.values()), ["申请内容有误。"])[0]
        super().__init__(f"申请未提交：{first}", code="invalid")


def _strip_controls(value: str) -> str:
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable())


class ApplicationDataForm(forms.Form):
    department = forms.ModelChoiceField(
        label="受理机关",
        queryset=Department.objects.filter(active=True),
        error_messages={
            "required": "请选择向哪个行政机关申请。",
            "invalid_choice": "所选受理机关不存在或已停用，请重新选择。",
        },
    )
    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantKind.choices,
        error_messages={"required": "请选择申请人类型：自然人，或法人或其他组织。"},
    )
    org_subtype = forms.ChoiceField(
        label="组织类型", choices=[("", "—"), *OrgSubtype.choices], required=False
    )
    name = forms.CharField(
        label="姓名或名称",
        max_length=100,
        error_messages={"required": "请填写申请人姓名（法人或其他组织填写全称）。"},
    )
    id_type = forms.ChoiceField(
        label="证件类型",
        choices=IdType.choices,
        error_messages={"required": "请选择证件类型。"},
    )
    id_number = forms.CharField(
        label="证件号码", max_length=40, error_messages={"required": "请填写证件号码。"}
    )
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(
        label="联系电话",
        max_length=40,
        error_messages={"required": "请填写联系电话，以便受理机关与您联系。"},
    )
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        error_messages={"invalid": "电子邮箱地址格式不正确，如 name@example.com。"},
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码应为6位数字，如 741000。"},
    )
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        max_length=DESCRIPTION_MAX,
        error_messages={
            "required": "请描述您需要的政府信息：名称、文号，或者便于查找的其他特征。",
            "max_length": f"描述不能超过{DESCRIPTION_MAX}字；内容较多时请分别申请或上传附件。",
        },
    )
    preferred_form = forms.ChoiceField(
        label="提供形式", choices=PreferredForm.choices, initial=PreferredForm.ELECTRONIC
    )
    delivery_method = forms.ChoiceField(
        label="获取方式", choices=DeliveryMethod.choices, initial=DeliveryMethod.ONLINE
    )

    def clean_name(self):
        return _strip_controls(self.cleaned_data["name"]).strip()

    def clean_description(self):
        text = _strip_controls(self.cleaned_data["description"]).strip()
        if len(text) < 4:
            raise ValidationError(
                "描述太短，受理机关无法确定您需要的信息，请写明名称、文号或特征。"
            )
        return text

    def clean_phone(self):
        phone = fold_phone(self.cleaned_data["phone"])
        validate_phone(phone)
        return phone

    def clean_postcode(self):
        return fold_identifier(self.cleaned_data["postcode"])

    def clean_contact_person(self):
        return scrub_text(self.cleaned_data["contact_person"]).strip()

    def clean_address(self):
        return scrub_text(self.cleaned_data["address"]).strip()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("applicant_kind")
        id_type = cleaned.get("id_type")
        number = fold_identifier(cleaned.get("id_number") or "").upper().replace(" ", "")
        if kind == ApplicantKind.ORGANISATION:
            if not cleaned.get("org_subtype"):
                self.add_error(
                    "org_subtype",
                    "请选择组织类型：商业企业、科研机构、社会公益组织、法律服务机构或其他。",
                )
            if not (cleaned.get("contact_person") or "").strip():
                self.add_error("contact_person", "法人或其他组织请填写联系人姓名。")
            if id_type == IdType.RESIDENT_ID:
                self.add_error("id_type", "法人或其他组织请选择统一社会信用代码或其他有效证件。")
        elif kind == ApplicantKind.NATURAL:
            cleaned["org_subtype"] = ""
            if id_type == IdType.USCC:
                self.add_error("id_type", "自然人请选择居民身份证等个人证件。")
        if number and id_type:
            try:
                if id_type == IdType.RESIDENT_ID:
                    validate_resident_id(number)
                elif id_type == IdType.USCC:
                    validate_uscc(number)
                elif len(number) < 5:
                    raise ValidationError("证件号码太短，请核对。")
            except ValidationError as error:
                self.add_error("id_number", error)
        cleaned["id_number"] = number
        method = cleaned.get("delivery_method")
        if method == DeliveryMethod.EMAIL and not cleaned.get("email"):
            self.add_error("email", "选择通过电子邮件获取时，请填写电子邮箱。")
        if method == DeliveryMethod.POST:
            if not (cleaned.get("address") or "").strip():
                self.add_error("address", "选择邮寄时，请填写通信地址。")
            if not cleaned.get("postcode"):
                self.add_error("postcode", "选择邮寄时，请填写邮政编码。")
        return cleaned


def clean_applicant(data: dict) -> dict:
    """Validate ``data`` (a dict or QueryDict); return cleaned values or raise ``ApplicationInvalid``."""
    form = ApplicationDataForm(data)
    if not form.is_valid():
        raise ApplicationInvalid({k: [str(m) for m in v] for k, v in form.errors.items()})
    return form.cleaned_data


def is_mobile(phone: str) -> bool:
    try:
        validate_mobile(phone)
    except ValidationError:
        return False
    return True
