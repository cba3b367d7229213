"""Check-digit validation of Chinese identifiers.

* 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters,
  the last a check character over the first 17 (modulo 31).
* 组织机构代码 (organisation code, GB 11714-1997): 9 characters, the last a
  check character over the first 8 (modulo 11); it is characters 9–17 of a
  social credit code and is checked there too.
* 居民身份证号码 (resident ID number, GB 11643-1999): 18 characters, a valid
  birth date at 7–14 and an ISO 7064 MOD 11-2 check character.

Each ``is_valid_*`` returns a bool; each ``validate_*`` raises Django's
``ValidationError`` with a Chinese message saying what is wrong.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

from .text import fold_phone

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$", re.ASCII)

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY_RE = re.compile(r"^[0-9A-Z]{8}$", re.ASCII)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[0-9X]$", re.ASCII)

# ASCII digits only: "\d" would also take full-width and other scripts' digits.
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
_PHONE_RE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$", re.ASCII)


def org_code_check_char(body: str) -> str:
    """The check character of an 8-character organisation-code body."""
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w
        for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_char(first17: str) -> str:
    """The check character of the first 17 characters of a social credit code."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_org_code(code: str) -> bool:
    code = code.strip().upper().replace("-", "")
    if len(code) != 9 or not _ORG_BODY_RE.match(code[:8]):
        return False
    return org_code_check_char(code[:8]) == code[8]


def is_valid_uscc(code: str) -> bool:
    code = code.strip().upper()
    if not _USCC_RE.match(code):
        return False
    if uscc_check_char(code[:17]) != code[17]:
        return False
    # Characters 9-17 are the organisation code; where it is made of digits and
    # capitals (as GB 11714 requires) its own check character must agree.
    org = code[8:17]
    return not (_ORG_BODY_RE.match(org[:8]) and not is_valid_org_code(org))


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_valid_resident_id(number: str) -> bool:
    number = number.strip().upper()
    match = _ID_RE.match(number)
    if not match:
        return False
    year, month, day = (int(g) for g in match.groups())
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    if year < 1900 or born > date.today():
        return False
    return id_check_char(number[:17]) == number[17]


def validate_uscc(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位，当前为%(n)d位。", code="uscc_length", params={"n": len(code)}
        )
    if not _USCC_RE.match(code):
        raise ValidationError(
            "统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z，第3至8位为行政区划代码）。",
            code="uscc_chars",
        )
    if not is_valid_uscc(code):
        raise ValidationError("统一社会信用代码校验位不正确，请核对后重新输入。", code="uscc_check")


def validate_resident_id(value: str) -> None:
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise ValidationError(
            "居民身份证号码应为18位，当前为%(n)d位。", code="id_length", params={"n": len(number)}
        )
    match = _ID_RE.match(number)
    if not match:
        raise ValidationError(
            "居民身份证号码格式不正确（前17位为数字，末位为数字或X）。", code="id_chars"
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        born = date(year, month, day)
    except ValueError:
        raise ValidationError("居民身份证号码中的出生日期不存在。", code="id_birth") from None
    if year < 1900 or born > date.today():
        raise ValidationError("居民身份证号码中的出生日期不合理。", code="id_birth")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError("居民身份证号码校验位不正确，请核对后重新输入。", code="id_check")


def validate_division_code(value: str) -> None:
    """A 6-digit administrative division code (行政区划代码) such as 620500."""
    if not re.fullmatch(r"[1-8][0-9]{5}", value or ""):
        raise ValidationError("行政区划代码应为6位数字，如 620500。", code="division_code")


def validate_mobile(value: str) -> None:
    if not _MOBILE_RE.match((value or "").strip()):
        raise ValidationError("请输入11位手机号码，如 13800000000。", code="mobile")


def normal_phone(phone: str) -> str:
    """ASCII digits only (full-width ones folded), without a leading +86 / 0086: one
    phone, one key (rate limits, votes, lookups)."""
    digits = re.sub(r"[^0-9]", "", fold_phone(phone or ""))
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            digits = digits[len(prefix) :]
    return digits[:20]


def validate_phone(value: str) -> None:
    """A landline (0938-8212345, 8212345-801) or a mobile number."""
    value = (value or "").strip()
    if not (_MOBILE_RE.match(value) or _PHONE_RE.match(value)):
        raise ValidationError("电话号码格式不正确，如 0938-8212345 或 13800000000。", code="phone")
