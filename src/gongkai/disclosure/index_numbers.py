"""索引号 (index number): assigned once, at publication, from the government's pattern.

The serial comes from ``gongkai.numbering.next_value`` with the scope
``disclosure.index:<区划代码>`` and, when the pattern contains {年份}, the year
as period (a new series each year); without {年份} the series never restarts.
A number is never reused: a withdrawn item keeps its number, and a number
taken in a transaction that rolls back was never given to anything.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.errors import DomainError
from gongkai.numbering import next_value, render_pattern

from .models import DisclosureSettings, InformationItem


def sequence_scope(government) -> str:
    return f"disclosure.index:{government.code}"


def assign_index_number(item: InformationItem, on: date) -> str:
    """The next index number for ``item`` published on ``on`` (call inside the publishing transaction)."""
    pattern = DisclosureSettings.for_government(item.government).index_number_pattern
    period = str(on.year) if "{年份" in pattern else ""
    serial = next_value(sequence_scope(item.government), period)
    number = render_pattern(
        pattern,
        {
            "机构代码": item.department.uscc,
            "区划代码": item.government.code,
            "年份": on.year,
            "流水号": serial,
        },
    )
    if InformationItem.objects.filter(index_number=number).exists():
        # Only possible after the pattern was changed to one that collides with
        # numbers already given: refuse rather than publish a duplicate.
        raise DomainError(
            f"生成的索引号 {number} 已被使用：请系统管理员检查本级政府的索引号格式设置。",
            code="index_number_taken",
        )
    return number
