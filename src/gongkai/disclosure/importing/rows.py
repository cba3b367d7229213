"""Checking each row of an import file: per-row, per-column Chinese messages.

``check_rows(table, department)`` returns one ``CheckedRow`` per data row:
either the values the import action takes, or the problems found, each
naming its column. The metadata rules are those of every other way in
(``gongkai.disclosure.validation``), plus what only an import has: a 发布日期
in the past, 索引号 unique in the file and in the catalogue.
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from gongkai.numbering import peek_value
from gongkai.orgs.models import Department

from .. import validation
from ..index_numbers import sequence_scope
from ..models import (
    VALIDITY_TYPES,
    DisclosureAttribute,
    DisclosureSettings,
    ExemptionReason,
    Genre,
    InformationItem,
    InterpretationForm,
    ItemType,
    KeyArea,
    SubjectCategory,
    Validity,
)
from .columns import FIELD_COLUMNS
from .reader import Table

SEPARATORS = re.compile(r"[、，,；;\n]+")
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
EXCEL_EPOCH = date(1899, 12, 30)
MAX_LENGTHS = {"标题": 300, "文号": 80, "关键词": 200, "信息来源": 100, "索引号": 80}


@dataclass
class CheckedRow:
    number: int
    title: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    index_number: str | None = None
    published_on: date | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def parse_date(value: Any) -> date | None:
    """A date from a cell: a real date, an Excel serial number or common Chinese notations."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:  # Excel's serial dates (1900-01-01 … 9999-12-31)
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError
    text = str(value).strip()
    if text.isdigit() and len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    match = DATE_TEXT.match(text)
    if not match:
        raise ValueError
    return date(*(int(part) for part in match.groups()))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _body_html(text: str) -> str:
    if not text:
        return ""
    if re.search(r"<\s*[a-zA-Z][^>]*>", text):
        return text  # HTML: sanitised by the validation rules
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


class _Lookups:
    """Reference data, read once per file."""

    def __init__(self, department: Department):
        self.department = department
        self.subjects = {s.name: s for s in SubjectCategory.objects.filter(active=True)}
        self.genres = {g.name: g for g in Genre.objects.filter(active=True)}
        self.areas = {}
        for area in KeyArea.objects.filter(active=True):
            self.areas[area.name] = self.areas[area.slug] = area
            self.areas[area.name.replace("“", '"').replace("”", '"')] = area
        self._departments: dict[str, Department | None] = {}
        pattern = DisclosureSettings.for_government(department.government).index_number_pattern
        self.own_numbers = _pattern_regex(pattern, department.government.code)
        self.year_in_pattern = "{年份" in pattern

    def department_named(self, name: str) -> Department | None:
        if name not in self._departments:
            candidates = list(
                Department.objects.filter(Q(name=name) | Q(short_name=name), active=True)
                .select_related("government")
                .order_by("pk")
            )
            same_government = [
                d for d in candidates if d.government_id == self.department.government_id
            ]
            chosen = same_government or candidates
            self._departments[name] = chosen[0] if len(chosen) == 1 else None
        return self._departments[name]


def _pattern_regex(pattern: str, division_code: str) -> re.Pattern | None:
    """A regex matching numbers the platform itself would generate with ``pattern``."""
    parts = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return None
    for literal, name, _spec, _conv in parsed:
        parts.append(re.escape(literal))
        if name == "机构代码":
            parts.append(r"[0-9A-Z]{18}")
        elif name == "区划代码":
            parts.append(re.escape(division_code))
        elif name == "年份":
            parts.append(r"(?P<year>\d{4})")
        elif name == "流水号":
            parts.append(r"(?P<serial>\d+)")
    return re.compile("^" + "".join(parts) + "$")


def _exemption(text: str) -> str | None:
    if text in ExemptionReason.values:
        return text
    matches = [value for value, label in ExemptionReason.choices if text == label or text in label]
    return matches[0] if len(matches) == 1 else None


def _choice_by_label(text: str, choices) -> str | None:
    for value, label in choices:
        if text in (value, label):
            return value
    return None


def _check_one(row, lookups: _Lookups, today: date) -> CheckedRow:
    values = row.values
    checked = CheckedRow(number=row.number)
    errors = checked.errors

    def text(heading: str) -> str:
        value = _text(values.get(heading))
        limit = MAX_LENGTHS.get(heading)
        if limit and len(value) > limit:
            errors.append((heading, f"不能超过 {limit} 个字符（现有 {len(value)} 个）。"))
        return value

    def day(heading: str) -> date | None:
        try:
            return parse_date(values.get(heading))
        except (ValueError, OverflowError):
            errors.append(
                (
                    heading,
                    f"“{_text(values.get(heading))}”不是有效的日期，请写成 2016-05-20 的形式。",
                )
            )
            return None

    title = checked.title = text("标题")
    if not title:
        errors.append(("标题", "必须填写。"))
    published_on = checked.published_on = day("发布日期")
    if published_on is None and not any(c == "发布日期" for c, _ in errors):
        errors.append(("发布日期", "必须填写（原发布日期）。"))
    elif published_on is not None and published_on > today:
        errors.append(
            ("发布日期", f"不能晚于今天（{today:%Y-%m-%d}）：尚未发布的信息请在工作台起草并送审。")
        )
    written_on = day("成文日期")
    if written_on and published_on and written_on > published_on:
        errors.append(("成文日期", "不能晚于发布日期。"))

    subject = lookups.subjects.get(text("主题分类"))
    if subject is None:
        errors.append(
            (
                "主题分类",
                f"“{text('主题分类')}”不是有效的主题分类。" if text("主题分类") else "必须填写。",
            )
        )
    genre = lookups.genres.get(text("体裁"))
    if genre is None:
        errors.append(
            ("体裁", f"“{text('体裁')}”不是有效的体裁。" if text("体裁") else "必须填写。")
        )

    attribute = DisclosureAttribute.PROACTIVE
    if text("公开属性"):
        attribute = _choice_by_label(text("公开属性"), DisclosureAttribute.choices)
        if attribute is None:
            errors.append(("公开属性", "只能是 主动公开、依申请公开 或 不予公开。"))
    reason = ""
    if text("不公开理由"):
        reason = _exemption(text("不公开理由")) or ""
        if not reason:
            errors.append(
                ("不公开理由", f"无法对应到条例第十四至十六条的法定理由：“{text('不公开理由')}”。")
            )

    validity = ""
    if text("有效性"):
        validity = _choice_by_label(text("有效性"), Validity.choices) or ""
        if not validity:
            errors.append(("有效性", "只能是 有效、失效、废止 或 已修订。"))
    effective_on, expires_on = day("生效日期"), day("有效期至")
    item_type = ItemType.NORMATIVE if (validity or effective_on or expires_on) else ItemType.GENERAL
    if text("信息类型"):
        item_type = _choice_by_label(text("信息类型"), ItemType.choices)
        if item_type is None:
            errors.append(
                ("信息类型", "不是有效的信息类型（如 普通信息、规范性文件、规章、政策解读）。")
            )
            item_type = ItemType.GENERAL
    if item_type not in VALIDITY_TYPES and (validity or effective_on or expires_on):
        errors.append(("有效性", "只有规范性文件和规章填写有效性、生效日期和有效期至。"))

    areas = []
    for name in SEPARATORS.split(text("重点领域")):
        if name.strip():
            area = lookups.areas.get(name.strip())
            if area is None:
                errors.append(("重点领域", f"“{name.strip()}”不是有效的重点领域。"))
            else:
                areas.append(area)
    publishers = [lookups.department]
    for name in SEPARATORS.split(text("发布机构")):
        name = name.strip()
        if not name or name in (lookups.department.name, lookups.department.short_name):
            continue
        found = lookups.department_named(name)
        if found is None:
            errors.append(
                ("发布机构", f"找不到名为“{name}”的部门（或简称对应多个部门，请写全称）。")
            )
        elif found not in publishers:
            publishers.append(found)

    number = text("索引号")
    if number and (any(ch.isspace() for ch in number) or any(ord(ch) < 32 for ch in number)):
        errors.append(("索引号", "不能含有空格或换行。"))
    checked.index_number = number or None

    data = {
        "department": lookups.department,
        "title": title,
        "document_number": text("文号"),
        "written_on": written_on,
        "subject": subject,
        "genre": genre,
        "keywords": " ".join(w for w in re.split(r"[\s、，,；;]+", text("关键词")) if w),
        "summary": _text(values.get("内容概述")),
        "body": _body_html(_text(values.get("正文"))),
        "source": text("信息来源"),
        "disclosure_attribute": attribute or DisclosureAttribute.PROACTIVE,
        "exemption_reason": reason,
        "item_type": item_type,
        "effective_on": effective_on,
        "expires_on": expires_on,
        "publishing_departments": publishers,
        "key_areas": areas,
    }
    if item_type == ItemType.INTERPRETATION:
        data["interpretation_form"] = InterpretationForm.TEXT
    if not errors:
        data = validation.normalise(data)
        for name, message in validation.problems(data).items():
            errors.append((FIELD_COLUMNS.get(name, name), message))
    if item_type in VALIDITY_TYPES:
        data["validity"] = validity or Validity.VALID
    checked.data = data
    return checked


def _check_numbers(rows: list[CheckedRow], lookups: _Lookups, today: date) -> None:
    given = [r for r in rows if r.index_number]
    first_row: dict[str, int] = {}
    for row in given:
        if row.index_number in first_row:
            row.errors.append(("索引号", f"与第 {first_row[row.index_number]} 行重复。"))
        else:
            first_row[row.index_number] = row.number
    taken = set(
        InformationItem.objects.filter(index_number__in=list(first_row)).values_list(
            "index_number", flat=True
        )
    )
    scope = sequence_scope(lookups.department.government)
    for row in given:
        if row.index_number in taken:
            row.errors.append(("索引号", f"“{row.index_number}”已被本平台的其他信息使用。"))
            continue
        match = lookups.own_numbers.match(row.index_number) if lookups.own_numbers else None
        if match is None:
            continue
        year = match.groupdict().get("year")
        if lookups.year_in_pattern and year and int(year) < today.year:
            continue  # past years: the platform only numbers them on import, and skips taken ones
        period = year if lookups.year_in_pattern else ""
        if int(match.group("serial")) > peek_value(scope, period or ""):
            row.errors.append(
                (
                    "索引号",
                    f"“{row.index_number}”与本平台自动生成的索引号格式相同且流水号尚未使用，"
                    "今后发布新信息时会重复：请留空，由系统生成。",
                )
            )


def _check_already_imported(rows: list[CheckedRow], department: Department) -> None:
    """A row whose title and 发布日期 match an item of the department was imported before."""
    titles = {row.title for row in rows if row.title}
    existing: dict[tuple[str, date], str] = {}
    for title, published_at, number in InformationItem.objects.filter(
        department=department, title__in=titles, published_at__isnull=False
    ).values_list("title", "published_at", "index_number"):
        existing[(title, timezone.localdate(published_at))] = number or ""
    for row in rows:
        number = existing.get((row.title, row.published_on))
        if number is not None:
            row.errors.append(
                ("标题", f"本部门已有同名、同一发布日期的信息（索引号 {number}），可能已经导入过。")
            )


def check_rows(
    table: Table, department: Department, *, today: date | None = None
) -> list[CheckedRow]:
    today = today or timezone.localdate()
    lookups = _Lookups(department)
    rows = [_check_one(row, lookups, today) for row in table.rows]
    _check_numbers(rows, lookups, today)
    _check_already_imported(rows, department)
    return rows
