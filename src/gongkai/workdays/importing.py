"""Importing one year's holiday arrangement from a small text format.

The State Council's General Office publishes next year's arrangement
(国务院办公厅关于某年部分节假日安排的通知) around November. An administrator
types it into a text file (UTF-8) and imports it with ``gongkai calendar import
FILE``. The format, one statement per line::

    # 国务院办公厅关于2027年部分节假日安排的通知        ← comment, ignored
    year 2027                                        ← required, before any day
    source 国办发明电〔2026〕X号                      ← optional: where it comes from
    note 根据通知录入                                 ← optional remark
    holiday 2027-01-01 元旦                          ← a day off
    holiday 2027-02-08..2027-02-12 春节              ← a range of days off (inclusive)
    workday 2027-02-07 春节                          ← a weekend day worked (调休上班)

Chinese keywords work too: 年度 / 来源 / 备注 / 放假 / 上班.

Rules (each violation is reported with its line number, all at once):

* dates are written ``YYYY-MM-DD`` and must lie in the declared year;
* a ``workday`` must be a Saturday or Sunday (a weekday is a working day anyway);
* a ``holiday`` may name weekend days: they are rest days anyway and are not
  stored. Inside a range this is silent (ranges usually span a weekend); a
  line that names only weekend days gets a note back, in case of a typo;
* a date may appear only once; a range spans at most 31 days;
* the file must list at least one holiday.

Importing replaces that year's rows atomically, writes an audit event and
recomputes every open clock (``calendar_changes.replace_year``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.core.errors import DomainError

from .calendar_changes import YearArrangement, replace_year

KEYWORDS = {
    "year": "year",
    "年度": "year",
    "source": "source",
    "来源": "source",
    "note": "note",
    "备注": "note",
    "holiday": "holiday",
    "放假": "holiday",
    "workday": "workday",
    "上班": "workday",
}
WEEKDAYS = "一二三四五六日"
MAX_RANGE_DAYS = 31
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ImportFormatError(DomainError):
    """The file does not follow the format. ``errors`` lists one Chinese sentence per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(
            "节假日安排文件有误，未导入：\n" + "\n".join(errors), code="calendar_format"
        )


@dataclass
class ImportResult:
    year: int
    holidays: int
    workdays: int
    notes: list[str] = field(default_factory=list)
    clocks_changed: int = 0


def _weekday(d: date) -> str:
    return "星期" + WEEKDAYS[d.weekday()]


def _parse_date(text: str, lineno: int, errors: list[str]) -> date | None:
    if not DATE_RE.match(text):
        errors.append(f"第{lineno}行：日期“{text}”格式不对，应写作 YYYY-MM-DD，如 2027-01-01。")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"第{lineno}行：日期“{text}”不存在。")
        return None


def parse_arrangement(text: str, *, filename: str = "") -> YearArrangement:
    """Parse the text format; raise ``ImportFormatError`` listing every problem."""
    errors: list[str] = []
    notes: list[str] = []
    year: int | None = None
    source = ""
    note = ""
    seen: dict[date, int] = {}
    days: list[tuple[date, str, str]] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        kind = KEYWORDS.get(keyword.lower())
        rest = rest.strip()
        if kind is None:
            errors.append(
                f"第{lineno}行：不认识“{keyword}”，每行应以 year、source、note、holiday 或 workday 开头。"
            )
            continue
        if kind == "year":
            if year is not None:
                errors.append(f"第{lineno}行：一个文件只能导入一个年度，年度已写为{year}。")
            elif not re.fullmatch(r"\d{4}", rest) or not 2000 <= int(rest) <= 2100:
                errors.append(f"第{lineno}行：年度“{rest}”不对，应为四位数字，如 year 2027。")
            elif days or seen:
                errors.append(f"第{lineno}行：year 必须写在所有日期之前。")
            else:
                year = int(rest)
            continue
        if kind in ("source", "note"):
            if not rest:
                errors.append(f"第{lineno}行：{keyword} 后面缺少内容。")
            elif kind == "source":
                source = rest
            else:
                note = rest
            continue
        if year is None:
            errors.append(f"第{lineno}行：请先在日期之前写明年度，如 year 2027。")
            continue
        span, _, name = rest.partition(" ")
        name = name.strip()
        if not span:
            errors.append(f"第{lineno}行：缺少日期。")
            continue
        if not name:
            errors.append(f"第{lineno}行：缺少节日名称，如 holiday {span} 春节。")
        first_text, sep, last_text = span.partition("..")
        first = _parse_date(first_text, lineno, errors)
        last = _parse_date(last_text, lineno, errors) if sep else first
        if first is None or last is None:
            continue
        if last < first:
            errors.append(f"第{lineno}行：日期范围 {span} 的结束日早于开始日。")
            continue
        if (last - first).days >= MAX_RANGE_DAYS:
            errors.append(f"第{lineno}行：日期范围 {span} 超过{MAX_RANGE_DAYS}天，请检查。")
            continue
        outside = [d for d in (first, last) if d.year != year]
        if outside:
            errors.append(
                f"第{lineno}行：{outside[0]} 不在{year}年内，本文件只能导入{year}年的安排。"
            )
            continue
        line_days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        if kind == "workday":
            weekdays = [d for d in line_days if d.weekday() < 5]
            for d in weekdays:
                errors.append(
                    f"第{lineno}行：{d} 是{_weekday(d)}，调休上班日必须是星期六或星期日。"
                )
            if weekdays:
                continue
        else:
            weekend = [d for d in line_days if d.weekday() >= 5]
            if len(weekend) == len(line_days):
                notes.append(
                    f"第{lineno}行：{span} 是周末，本来就休息，不单独登记（如有笔误请更正后重新导入）。"
                )
            line_days = [d for d in line_days if d.weekday() < 5]
        for d in line_days:
            if d in seen:
                errors.append(f"第{lineno}行：{d} 已在第{seen[d]}行出现过，同一天只能写一次。")
                continue
            seen[d] = lineno
            days.append((d, kind, name))
    if year is None and not errors:
        errors.append("文件中没有年度：请在第一条日期之前写明，如 year 2027。")
    if year is not None and not any(kind == "holiday" for _, kind, _ in days) and not errors:
        errors.append(f"文件没有列出{year}年任何占用工作日的放假日期，请检查。")
    if errors:
        raise ImportFormatError(errors)
    return YearArrangement(
        year=year,
        days=days,
        source=source or (f"导入文件 {filename}" if filename else "导入文件"),
        note=note,
        notes=notes,
    )


def import_arrangement_text(text: str, *, actor=None, filename: str = "") -> ImportResult:
    """Parse and import one year's arrangement, replacing that year; recompute open clocks."""
    arrangement = parse_arrangement(text, filename=filename)
    change = replace_year(arrangement, actor=actor, action="calendar.import")
    return ImportResult(
        year=arrangement.year,
        holidays=sum(1 for _, kind, _ in arrangement.days if kind == "holiday"),
        workdays=sum(1 for _, kind, _ in arrangement.days if kind == "workday"),
        notes=arrangement.notes,
        clocks_changed=change.clocks_changed,
    )
