"""The rules an item's metadata must meet, as per-field Chinese messages.

Forms and actions use the same function, so a form shows each problem beside
its field and an action called from elsewhere (API, import) refuses with the
same words.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from gongkai.core.errors import DomainError

from .models import VALIDITY_TYPES, DisclosureAttribute, InterpretationForm, ItemType
from .sanitize import clean_html

# Scalar fields a draft carries (the form's fields, less the many-to-many ones).
DRAFT_FIELDS = (
    "department",
    "document_number",
    "title",
    "written_on",
    "subject",
    "genre",
    "keywords",
    "summary",
    "body",
    "source",
    "disclosure_attribute",
    "exemption_reason",
    "exemption_note",
    "item_type",
    "formed_or_changed_on",
    "effective_on",
    "expires_on",
    "is_major_policy",
    "interpretation_form",
    "video_url",
    "expert_name",
    "scheduled_publish_at",
)
DRAFT_RELATIONS = ("publishing_departments", "key_areas", "content_categories", "interprets")

# What a correction (更正) of a published item may change. Not the owning
# department (its code is in the 索引号), the disclosure attribute (use
# withdrawal), the type, or the Art. 26 date.
CORRECTABLE_FIELDS = (
    "document_number",
    "title",
    "written_on",
    "subject",
    "genre",
    "keywords",
    "summary",
    "body",
    "source",
    "effective_on",
    "expires_on",
    "is_major_policy",
    "interpretation_form",
    "video_url",
    "expert_name",
)
CORRECTABLE_RELATIONS = ("publishing_departments", "key_areas", "content_categories", "interprets")

INTERPRETATION_FIELDS = ("interpretation_form", "video_url", "expert_name")
VALIDITY_FIELDS = ("effective_on", "expires_on")


class ItemInvalid(DomainError):
    """Metadata that breaks a rule; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("；".join(errors.values()), code="item_invalid")


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Clean values the rules make irrelevant, sanitise the body, trim text."""
    data = dict(data)
    for name in ("title", "document_number", "keywords", "source", "expert_name"):
        if isinstance(data.get(name), str):
            data[name] = data[name].strip()
    if "body" in data:
        data["body"] = clean_html(data.get("body") or "")
    if data.get("disclosure_attribute") == DisclosureAttribute.PROACTIVE:
        data["exemption_reason"] = ""
        data["exemption_note"] = ""
    item_type = data.get("item_type")
    if item_type is not None and item_type not in VALIDITY_TYPES:
        for name in VALIDITY_FIELDS:
            if name in data:
                data[name] = None
    if item_type is not None and item_type != ItemType.INTERPRETATION:
        for name in INTERPRETATION_FIELDS:
            if name in data:
                data[name] = ""
        if "interprets" in data:
            data["interprets"] = []
    department = data.get("department")
    publishers = data.get("publishing_departments")
    if department is not None and publishers is not None and department not in publishers:
        data["publishing_departments"] = [department, *publishers]
    return data


def problems(data: dict[str, Any], *, today: date | None = None, now: datetime | None = None):
    """Per-field messages for ``data`` (already normalised); empty when all is well."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if "title" in data and not data.get("title"):
        errors["title"] = "请填写标题。"
    attribute = data.get("disclosure_attribute")
    if (
        attribute
        and attribute != DisclosureAttribute.PROACTIVE
        and not data.get("exemption_reason")
    ):
        label = DisclosureAttribute(attribute).label
        errors["exemption_reason"] = (
            f"公开属性为“{label}”时，必须选择不主动公开的法定理由（条例第十四条至第十六条）。"
        )
    for name, label in (("formed_or_changed_on", "信息形成或变更日期"), ("written_on", "成文日期")):
        value = data.get(name)
        if value is not None and value > today:
            errors[name] = f"{label}不能晚于今天（{today:%Y年%m月%d日}）。"
    effective, expires = data.get("effective_on"), data.get("expires_on")
    if effective and expires and expires < effective:
        errors["expires_on"] = "有效期至不能早于生效日期。"
    if data.get("item_type") == ItemType.INTERPRETATION:
        form = data.get("interpretation_form")
        if "interpretation_form" in data and not form:
            errors["interpretation_form"] = (
                "政策解读须选择解读形式（文字、图解、视频、专家解读或问答）。"
            )
        if form == InterpretationForm.VIDEO and not data.get("video_url"):
            errors["video_url"] = "视频解读须填写视频链接（以 http:// 或 https:// 开头）。"
        if form == InterpretationForm.EXPERT and not data.get("expert_name"):
            errors["expert_name"] = "专家解读须填写解读专家的姓名。"
    scheduled = data.get("scheduled_publish_at")
    if scheduled is not None and scheduled <= now:
        errors["scheduled_publish_at"] = "定时发布时间须晚于当前时间；立即发布的请留空。"
    return errors


def check(data: dict[str, Any], **when) -> dict[str, Any]:
    """``normalise`` then refuse with ``ItemInvalid`` if any rule is broken."""
    data = normalise(data)
    errors = problems(data, **when)
    if errors:
        raise ItemInvalid(errors)
    return data
