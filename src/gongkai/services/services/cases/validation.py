"""The applicant's identity on a case: name, ID number or credit code (check digits), phone.

The same rules for the online form, the counter's registration and any API,
so a case can only hold an identity whose check digit is right.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from gongkai.core.errors import InvalidFields
from gongkai.core.validators import validate_phone, validate_resident_id, validate_uscc

from ...models import ApplicantKind


class CaseInvalid(InvalidFields):
    """The application refused field by field; nothing was written."""

    def __init__(self, errors: dict[str, list[str]]):
        first = next(iter(errors.values()), ["申请内容有误。"])[0]
        super().__init__(errors, message=f"申请未提交：{first}")


def clean_applicant(data: dict) -> dict:
    """``applicant_kind``, ``name``, ``id_number``, ``phone`` checked; raises ``CaseInvalid``."""
    errors: dict[str, list[str]] = {}
    kind = (data.get("applicant_kind") or "").strip()
    name = " ".join((data.get("name") or "").split())
    number = (data.get("id_number") or "").strip().upper()
    phone = (data.get("phone") or "").strip()
    if kind not in ApplicantKind.values:
        errors["applicant_kind"] = ["请选择申请人类型：自然人，或法人或其他组织。"]
    if not name:
        errors["name"] = ["请填写申请人姓名或单位名称。"]
    elif len(name) > 100:
        errors["name"] = ["申请人姓名或名称不超过100个字。"]
    if not number:
        errors["id_number"] = [
            "请填写居民身份证号码。" if kind != ApplicantKind.LEGAL else "请填写统一社会信用代码。"
        ]
    elif kind in ApplicantKind.values:
        check = validate_uscc if kind == ApplicantKind.LEGAL else validate_resident_id
        try:
            check(number)
        except ValidationError as error:
            errors["id_number"] = list(error.messages)
    if not phone:
        errors["phone"] = ["请填写联系电话，以便办理中联系您。"]
    else:
        try:
            validate_phone(phone)
        except ValidationError as error:
            errors["phone"] = list(error.messages)
    if errors:
        raise CaseInvalid(errors)
    return {"applicant_kind": kind, "name": name, "id_number": number, "phone": phone}
