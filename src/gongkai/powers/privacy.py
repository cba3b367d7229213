"""What of a person is never public: masking of names and digests of ID numbers.

* A natural person's name is shown with the given name masked: 张三丰 → 张**
  (a two-character surname of a four-character name keeps both: 欧阳修文 → 欧阳**).
* An ID number (居民身份证号码) is never stored: a salted HMAC of it is kept, only
  to match records of the same person, and is never shown.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
    ]
)


def mask_person(name: str) -> str:
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    keep = 2 if len(name) >= 4 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "*" * (len(name) - keep)


def id_digest(number: str) -> str:
    """A salted digest of an ID number (upper-cased, stripped); empty for empty."""
    number = (number or "").strip().upper()
    if not number:
        return ""
    key = ("gongkai.powers.id:" + settings.SECRET_KEY).encode()
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()
