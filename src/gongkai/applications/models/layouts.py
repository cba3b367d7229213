"""The look of the formal notices (告知书) an agency issues: its letterhead and blocks as data.

A ``NoticeLayout`` row belongs to a government; with a department it is that
agency's own layout, without one it is the government-wide default. Each field
is looked up department → government → the built-in default (``BUILT_IN``),
so a department row need only fill in what differs. Text fields may name the
agency with placeholders (``{机关名称}``, ``{机关简称}``, ``{政府名称}``): the
government default "{机关名称}" gives every department its own letterhead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from gongkai.core.concurrency import Versioned

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
}


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
        help_text="正文之后的段落，如“特此告知。”，也可写明复议机关和管辖法院",
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
    sources: dict  # field → "department" | "government" | "built_in" | "department_record"

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
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name, built_in in BUILT_IN.items():
        for origin, row in (("department", own), ("government", default)):
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
        sources=sources,
    )
