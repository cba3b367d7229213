"""The look of the formal notices (告知书) an agency issues: its letterhead and blocks as data.

A ``NoticeLayout`` row belongs to a government; with a department it is that
agency's own layout, without one it is the government-wide default. Each field
is looked up department → government → the built-in default (``BUILT_IN``),
so a department row need only fill in what differs. Text fields may name the
agency with placeholders (``{机关名称}``, ``{机关简称}``, ``{政府名称}``): the
government default "{机关名称}" gives every department its own letterhead.

The remedies of a reply (救济途径: 行政复议 and 行政诉讼) name the
reconsideration body (复议机关) and the court (人民法院) from the same rows
(``reconsideration_body``, ``court``). When neither row names a
reconsideration body it is computed from the organisation tree, following
the 行政复议法 as revised in 2023 (in force 2024-01-01), Art. 24–25: a
department answers to the government it belongs to; an agency that answers
for its government (the general office, 政府办公室) to the government above,
and a provincial government to itself. A court is never invented: without
one the notice names 有管辖权的人民法院, and the admin lists the agencies
that lack one. Rows of the government default do not speak for the agency
that answers for the government: cases against a government go to another
body and, from the county level up, to the intermediate court (行政诉讼法
Art. 15), so only its own row counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from gongkai.core.concurrency import Versioned
from gongkai.orgs.models import DepartmentType, GovernmentLevel

from .documents import NoticeKind

PLACEHOLDERS = ("机关名称", "机关简称", "政府名称")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def validate_placeholders(value: str) -> None:
    unknown = [name for name in _PLACEHOLDER.findall(value) if name not in PLACEHOLDERS]
    if unknown:
        shown = "、".join(f"{{{name}}}" for name in unknown)
        choices = "、".join(f"{{{name}}}" for name in PLACEHOLDERS)
        raise ValidationError(f"含有不认识的占位符 {shown}；可用的占位符：{choices}。")
    if value.count("{") != value.count("}"):
        raise ValidationError("大括号不成对：占位符应写成 {机关名称} 这样的形式。")


def fill(value: str, department) -> str:
    """Replace the placeholders with the department's names."""
    names = {
        "机关名称": department.name,
        "机关简称": department.short_name,
        "政府名称": department.government.full_name,
    }
    return _PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), value)


# Closing paragraph field of each notice kind.
CLOSING_FIELDS = {
    NoticeKind.REPLY: "closing_reply",
    NoticeKind.CORRECTION: "closing_correction",
    NoticeKind.EXTENSION: "closing_extension",
    NoticeKind.FEE: "closing_fee",
    NoticeKind.CONSULTATION: "closing_consultation",
    NoticeKind.ART35: "closing_art35",
}

# What a notice looks like when neither the department nor its government stored a layout.
BUILT_IN = {
    "letterhead": "{机关名称}",
    "issuer_name": "{机关名称}",
    "seal_caption": "（印章）",
    "contact_office": "{机关名称}政府信息公开工作机构",
    "contact_address": "",  # then the department's 办公地址
    "contact_phone": "",  # then the department's 联系电话
    "contact_postcode": "",  # then the department's 邮政编码
    "closing_reply": "特此告知。",
    "closing_correction": "特此告知。",
    "closing_extension": "特此告知。",
    "closing_fee": "特此通知。",
    "closing_consultation": "特此函告。",
    "closing_art35": "特此告知。",
    "copy_to": "",
    "reconsideration_body": "",  # then computed from the organisation tree
    "court": "",  # then 有管辖权的人民法院
}

# The remedies: for the agency that answers for its government, the government
# default row does not count (see the module docstring).
REMEDY_FIELDS = ("reconsideration_body", "court")
UNNAMED_COURT = "有管辖权的人民法院"


def answers_for_government(department) -> bool:
    """Does this agency answer in the name of its government (the 政府办公室)?"""
    return department.kind == DepartmentType.GENERAL_OFFICE


def default_reconsideration_body(department) -> str:
    """The 复议机关 by the 2023 行政复议法 (Art. 24–25), from the organisation tree; "" if unknown.

    A department of a government: that government (Art. 24(1)). The agency
    answering for a government: the government above (Art. 24(2)); for a
    provincial government, itself (Art. 25(2)); unknown when the government
    above is not on the platform. Vertically managed offices (税务, 海关 …,
    Art. 27) and other exceptions are set in the layout.
    """
    government = department.government
    if not answers_for_government(department):
        return government.full_name
    if government.level == GovernmentLevel.PROVINCE:
        return government.full_name
    return government.parent.full_name if government.parent_id else ""


class NoticeLayout(Versioned):
    government = models.ForeignKey(
        "orgs.Government",
        verbose_name="政府",
        on_delete=models.CASCADE,
        related_name="notice_layouts",
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="部门",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notice_layouts",
        help_text="留空表示本级政府各部门通用的默认版式",
    )
    letterhead = models.CharField(
        "发文机关标志",
        max_length=60,
        blank=True,
        validators=[validate_placeholders],
        help_text="红色版头文字，如“天水市财政局”；可用 {机关名称}。留空则沿用上级设置或机关名称",
    )
    issuer_name = models.CharField(
        "署名机关",
        max_length=60,
        blank=True,
        validators=[validate_placeholders],
        help_text="落款处的机关名称；可用 {机关名称}",
    )
    seal_caption = models.CharField(
        "印章处提示文字",
        max_length=30,
        blank=True,
        validators=[validate_placeholders],
        help_text="印章虚线框内的文字，如“（印章）”“政府信息公开专用章”",
    )
    contact_office = models.CharField(
        "联系机构",
        max_length=80,
        blank=True,
        validators=[validate_placeholders],
        help_text="政府信息公开工作机构名称；可用 {机关名称}",
    )
    contact_address = models.CharField(
        "联系地址", max_length=200, blank=True, help_text="留空则用部门的办公地址"
    )
    contact_phone = models.CharField(
        "联系电话", max_length=40, blank=True, help_text="留空则用部门的联系电话"
    )
    contact_postcode = models.CharField(
        "邮政编码",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "邮政编码应为6位数字。")],
        help_text="留空则用部门的邮政编码",
    )
    closing_reply = models.TextField(
        "答复书结束语",
        blank=True,
        help_text="正文之后的段落，如“特此告知。”；复议机关和管辖法院在“救济途径”中填写",
    )
    closing_correction = models.TextField("补正申请告知书结束语", blank=True)
    closing_extension = models.TextField("延长答复期限告知书结束语", blank=True)
    closing_fee = models.TextField("收取信息处理费通知书结束语", blank=True)
    closing_consultation = models.TextField("征求第三方意见书结束语", blank=True)
    closing_art35 = models.TextField("说明理由告知书结束语", blank=True)
    copy_to = models.CharField(
        "抄送",
        max_length=200,
        blank=True,
        help_text="版记中的抄送机关，如“天水市人民政府办公室”；留空则不印抄送栏",
    )
    reconsideration_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        validators=[validate_placeholders],
        help_text=(
            "答复书救济途径中写明的复议机关，如“天水市人民政府”；可用 {政府名称}。"
            "留空则按行政复议法确定：部门为本级人民政府，政府办公室（以本级政府名义答复）"
            "为上一级人民政府。政府的默认版式不适用于政府办公室"
        ),
    )
    court = models.CharField(
        "管辖法院",
        max_length=100,
        blank=True,
        help_text=(
            "答复书救济途径中写明的人民法院，如“天水市秦州区人民法院”；留空则写"
            "“有管辖权的人民法院”。以县级以上人民政府为被告的案件由中级人民法院管辖，"
            "政府办公室请在本部门的版式中单独填写"
        ),
    )

    class Meta:
        verbose_name = "告知书版式"
        verbose_name_plural = "告知书版式"
        ordering = ["government", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["government"],
                condition=models.Q(department__isnull=True),
                name="notice_layout_one_default_per_government",
            ),
            models.UniqueConstraint(
                fields=["department"],
                condition=models.Q(department__isnull=False),
                name="notice_layout_one_per_department",
            ),
        ]

    def __str__(self) -> str:
        if self.department_id:
            return f"{self.department.name}告知书版式"
        return f"{self.government.name}告知书默认版式"

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.department_id
            and self.government_id
            and self.department.government_id != self.government_id
        ):
            errors["department"] = (
                f"{self.department.name}不属于{self.government.name}，请选择本级政府的部门。"
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.department_id and not self.government_id:
            self.government_id = self.department.government_id
        super().save(*args, **kwargs)


@dataclass(frozen=True)
class ResolvedLayout:
    """The layout of one department's notices, placeholders filled, every field decided."""

    letterhead: str
    issuer_name: str
    seal_caption: str
    contact_office: str
    contact_address: str
    contact_phone: str
    contact_postcode: str
    closings: dict
    copy_to: str
    reconsideration_body: str  # "" when it cannot be told (no government above on the platform)
    court: str  # "" when none is configured: the notice says 有管辖权的人民法院
    sources: dict  # field → "department" | "government" | "built_in" | "department_record"
    # | "computed" (reconsideration body from the organisation tree) | "missing"

    def closing_for(self, kind: str) -> str:
        return self.closings.get(kind, "")


def layout_for(department) -> ResolvedLayout:
    """Department row → government default row → built-in default, field by field."""
    rows = list(
        NoticeLayout.objects.filter(
            models.Q(department=department)
            | models.Q(government_id=department.government_id, department__isnull=True)
        )
    )
    own = next((r for r in rows if r.department_id == department.pk), None)
    default = next((r for r in rows if r.department_id is None), None)
    for_government = answers_for_government(department)
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name, built_in in BUILT_IN.items():
        origins = [("department", own), ("government", default)]
        if for_government and name in REMEDY_FIELDS:
            origins = origins[:1]
        for origin, row in origins:
            value = getattr(row, name, "").strip() if row is not None else ""
            if value:
                values[name], sources[name] = value, origin
                break
        else:
            values[name], sources[name] = built_in, "built_in"
    for name, attribute in (
        ("contact_address", "address"),
        ("contact_phone", "phone"),
        ("contact_postcode", "postcode"),
    ):
        if not values[name]:
            values[name] = getattr(department, attribute, "") or ""
            sources[name] = "department_record"
    if not values["reconsideration_body"]:
        values["reconsideration_body"] = default_reconsideration_body(department)
        sources["reconsideration_body"] = (
            "computed" if values["reconsideration_body"] else "missing"
        )
    if not values["court"]:
        sources["court"] = "missing"
    filled = {name: fill(value, department) for name, value in values.items()}
    return ResolvedLayout(
        letterhead=filled["letterhead"],
        issuer_name=filled["issuer_name"],
        seal_caption=filled["seal_caption"],
        contact_office=filled["contact_office"],
        contact_address=filled["contact_address"],
        contact_phone=filled["contact_phone"],
        contact_postcode=filled["contact_postcode"],
        closings={kind: filled[field] for kind, field in CLOSING_FIELDS.items()},
        copy_to=filled["copy_to"],
        reconsideration_body=filled["reconsideration_body"],
        court=filled["court"],
        sources=sources,
    )


def agencies_lacking_remedies(departments) -> tuple[list, list]:
    """Of ``departments``: those whose replies name no court, and those with no
    reconsideration body either — the admin's warning (two queries, no per-row lookups)."""
    departments = list(departments)
    rows = NoticeLayout.objects.filter(
        models.Q(department__in=departments)
        | models.Q(
            government_id__in={d.government_id for d in departments}, department__isnull=True
        )
    ).only("government_id", "department_id", *REMEDY_FIELDS)
    own = {r.department_id: r for r in rows if r.department_id}
    default = {r.government_id: r for r in rows if r.department_id is None}
    no_court, no_body = [], []
    for d in departments:
        chain = [own.get(d.pk)]
        if not answers_for_government(d):
            chain.append(default.get(d.government_id))

        def named(name, chain=chain):
            return any(row is not None and getattr(row, name).strip() for row in chain)

        if not named("court"):
            no_court.append(d)
        if not named("reconsideration_body") and not default_reconsideration_body(d):
            no_body.append(d)
    return no_court, no_body
