"""The JSON a department's system submits, checked field by field in Chinese.

``parse_submission(raw_bytes)`` returns the data ``actions.create_draft``
takes (reference data looked up, keywords joined …) or raises
``FieldErrors`` mapping each API field name to a Chinese message, which the
endpoint returns as HTTP 422. The same field names are used for the
metadata rules the actions check (``ItemInvalid``), so a client sees one
vocabulary.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Literal

from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gongkai.orgs.models import Department

from ..models import (
    ContentCategory,
    DisclosureAttribute,
    ExemptionReason,
    Genre,
    InformationItem,
    InterpretationForm,
    ItemType,
    KeyArea,
    SubjectCategory,
)

MAX_BODY_BYTES = 2 * 1024 * 1024
# Types a department's system may submit (guides and annual reports are made in the workbench).
SUBMITTABLE_TYPES = tuple(
    t for t in ItemType.values if t not in (ItemType.GUIDE, ItemType.ANNUAL_REPORT)
)

LABELS = {
    "title": "标题",
    "document_number": "文号",
    "written_on": "成文日期",
    "subject": "主题分类",
    "genre": "体裁",
    "keywords": "关键词",
    "summary": "内容概述",
    "body": "正文",
    "source": "信息来源",
    "disclosure_attribute": "公开属性",
    "exemption_reason": "不主动公开的理由",
    "exemption_note": "理由说明",
    "item_type": "信息类型",
    "formed_or_changed_on": "信息形成或变更日期",
    "effective_on": "生效日期",
    "expires_on": "有效期至",
    "key_areas": "重点领域",
    "content_categories": "法定公开内容",
    "publishing_departments": "发布机构",
    "is_major_policy": "重大政策",
    "interpretation_form": "解读形式",
    "video_url": "视频链接",
    "expert_name": "解读专家",
    "interprets": "所解读的政策",
    "scheduled_publish_at": "定时发布时间",
    "submit": "是否立即提交审核",
    "department": "主办机构",
}


class SubmissionIn(BaseModel):
    """政府信息稿件。提交后进入保密审查，经领导审批后才会发布。"""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=300, description="标题")
    document_number: str = Field("", max_length=80, description="文号，如 天政办发〔2016〕71号")
    written_on: date | None = Field(None, description="成文日期")
    subject: int | str = Field(description="主题分类：编号或名称（见 /api/v1/documents/subjects）")
    genre: int | str = Field(description="体裁：编号或名称（见 /api/v1/documents/genres）")
    keywords: str | list[str] = Field("", description="关键词：以空格分隔的文本，或文本数组")
    summary: str = Field("", max_length=5000, description="内容概述")
    body: str = Field("", max_length=1_000_000, description="正文（HTML，保存时清理不安全内容）")
    source: str = Field("", max_length=100, description="信息来源")
    disclosure_attribute: Literal["proactive", "on_request", "not_disclosed"] = Field(
        "proactive",
        description="公开属性：proactive 主动公开、on_request 依申请公开、not_disclosed 不予公开",
    )
    exemption_reason: Literal[("", *ExemptionReason.values)] = Field(  # type: ignore[valid-type]
        "", description="不主动公开的法定理由（条例第十四条至第十六条）"
    )
    exemption_note: str = Field("", max_length=2000, description="理由说明")
    item_type: Literal[SUBMITTABLE_TYPES] = Field(  # type: ignore[valid-type]
        "general", description="信息类型"
    )
    formed_or_changed_on: date | None = Field(
        None, description="信息形成或变更日期（主动公开的须填写；条例第二十六条：20个工作日内公开）"
    )
    effective_on: date | None = Field(None, description="生效日期（规范性文件、规章）")
    expires_on: date | None = Field(None, description="有效期至（规范性文件、规章）")
    key_areas: list[str] = Field([], max_length=20, description="重点领域标识或名称")
    content_categories: list[str] = Field(
        [], max_length=30, description="法定公开内容代码，如 art20-07"
    )
    publishing_departments: list[int] = Field(
        [], max_length=20, description="联合发布机构的部门编号（本部门自动包含）"
    )
    is_major_policy: bool = Field(False, description="是否为重大政策（发布后应及时解读）")
    interpretation_form: Literal[("", *InterpretationForm.values)] = Field(  # type: ignore[valid-type]
        "", description="解读形式（政策解读）"
    )
    video_url: str = Field("", max_length=200, description="视频链接（视频解读）")
    expert_name: str = Field("", max_length=60, description="解读专家（专家解读）")
    interprets: list[str] = Field(
        [], max_length=20, description="所解读政策的索引号（须为已公开的信息）"
    )
    scheduled_publish_at: datetime | None = Field(
        None, description="定时发布时间（审批通过后到点发布）；不带时区的按北京时间"
    )
    submit: bool = Field(
        True, description="是否立即提交审核；为 false 时保存为草稿，可先上传附件再提交"
    )


class FieldErrors(Exception):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("；".join(errors.values()))


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "必须填写。"
    if kind == "extra_forbidden":
        return "不是可提交的字段，请检查字段名。"
    if kind == "string_too_long":
        return f"过长：最多 {ctx.get('max_length')} 个字符。"
    if kind == "too_long":
        return f"最多 {ctx.get('max_length')} 项。"
    if kind.startswith("date"):
        return "日期格式应为 YYYY-MM-DD（如 2016-05-20），且须是真实存在的日期。"
    if kind.startswith("datetime") or kind.startswith("timezone"):
        return "时间格式应为 ISO 8601，如 2016-05-20T09:00:00+08:00。"
    if kind == "literal_error":
        return f"取值无效：可选值为 {ctx.get('expected', '')}。"
    if kind.startswith("bool"):
        return "应为 true 或 false。"
    if kind.startswith("int"):
        return "应为整数编号。"
    if kind == "list_type":
        return "应为数组。"
    if kind in ("string_type", "string_unicode"):
        return "应为文本。"
    return "取值无效。"


def _translate(error: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in error.errors():
        loc = problem.get("loc") or ("",)
        name = str(loc[0])
        if name in errors:
            continue
        position = next((p for p in loc[1:] if isinstance(p, int)), None)
        where = f"第 {position + 1} 项" if position is not None else ""
        label = LABELS.get(name, name)
        errors[name] = f"{label}{where}：{_message(problem)}"
    return errors


def _has_control_characters(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_control_characters(v) for v in value)
    if isinstance(value, dict):
        return any(
            _has_control_characters(k) or _has_control_characters(v) for k, v in value.items()
        )
    return False


def _lookup(model, value, name: str, errors: dict[str, str], where: str):
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        found = (
            model.objects.filter(pk=int(value), active=True).first() if int(value) < 2**31 else None
        )
    else:
        found = model.objects.filter(name=str(value).strip(), active=True).first()
    if found is None:
        errors[name] = f"{LABELS[name]}：未找到“{value}”，可选值见 {where}。"
    return found


def parse_submission(raw: bytes, *, department) -> dict[str, Any]:
    """Action data for ``create_draft`` (plus ``submit``), or ``FieldErrors``."""
    if len(raw) > MAX_BODY_BYTES:
        raise FieldErrors({"body": "请求内容过大（超过 2 MB）：附件请通过附件接口单独上传。"})
    try:
        payload = json.loads(raw.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError):
        raise FieldErrors({"__all__": "请求内容不是有效的 JSON（UTF-8 编码）。"}) from None
    if not isinstance(payload, dict):
        raise FieldErrors({"__all__": '请求内容应为 JSON 对象，如 {"title": "…"}。'})
    if _has_control_characters(payload):
        raise FieldErrors({"__all__": "请求内容含有不允许的 NUL 字符。"})
    try:
        parsed = SubmissionIn.model_validate(payload)
    except ValidationError as error:
        raise FieldErrors(_translate(error)) from None

    errors: dict[str, str] = {}
    data: dict[str, Any] = parsed.model_dump(
        exclude={"subject", "genre", "keywords", "key_areas", "content_categories"}
        | {"publishing_departments", "interprets", "submit"}
    )
    data["subject"] = _lookup(
        SubjectCategory, parsed.subject, "subject", errors, "/api/v1/documents/subjects"
    )
    data["genre"] = _lookup(Genre, parsed.genre, "genre", errors, "/api/v1/documents/genres")
    words = parsed.keywords if isinstance(parsed.keywords, list) else [parsed.keywords]
    data["keywords"] = " ".join(
        w for text in words for w in text.replace("，", " ").replace(",", " ").split()
    )
    if len(data["keywords"]) > 200:
        errors["keywords"] = "关键词：合计最多 200 个字符。"

    areas = []
    for value in parsed.key_areas:
        area = (
            KeyArea.objects.filter(active=True, slug=value).first()
            or KeyArea.objects.filter(active=True, name=value).first()
        )
        if area is None:
            errors["key_areas"] = (
                f"重点领域：未找到“{value}”，可选值见 /api/v1/documents/key-areas。"
            )
            break
        areas.append(area)
    data["key_areas"] = areas

    categories = list(
        ContentCategory.objects.filter(active=True, code__in=parsed.content_categories)
    )
    unknown = set(parsed.content_categories) - {c.code for c in categories}
    if unknown:
        errors["content_categories"] = f"法定公开内容：未知的代码“{sorted(unknown)[0]}”。"
    data["content_categories"] = categories

    ids = [pk for pk in parsed.publishing_departments if 0 < pk < 2**31]
    publishers = list(Department.objects.filter(pk__in=ids, active=True))
    if len(publishers) != len(set(parsed.publishing_departments)):
        errors["publishing_departments"] = "发布机构：含有不存在或已停用的部门编号。"
    data["publishing_departments"] = [department, *[d for d in publishers if d.pk != department.pk]]

    policies = list(
        InformationItem.objects.public().filter(
            index_number__in=[v[:80] for v in parsed.interprets]
        )
    )
    missing = set(parsed.interprets) - {p.index_number for p in policies}
    if missing:
        errors["interprets"] = f"所解读的政策：未找到索引号为“{sorted(missing)[0]}”的已公开信息。"
    data["interprets"] = policies

    moment = parsed.scheduled_publish_at
    if moment is not None and timezone.is_naive(moment):
        data["scheduled_publish_at"] = timezone.make_aware(moment)
    if parsed.disclosure_attribute != DisclosureAttribute.PROACTIVE and not parsed.exemption_reason:
        errors.setdefault(
            "exemption_reason", "不主动公开的理由：公开属性不是主动公开时必须选择法定理由。"
        )
    if errors:
        raise FieldErrors(errors)
    data["submit"] = parsed.submit
    return data


def json_schema() -> dict[str, Any]:
    """The request body schema for OpenAPI (flat: no ``$defs``)."""
    schema = SubmissionIn.model_json_schema()
    schema.pop("$defs", None)
    return schema
