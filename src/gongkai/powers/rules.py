"""The working-day rules of 行政执法公示 (publicity of administrative enforcement),
as a contract other checks can call.

* ``publication_due(kind, decided)``: a 行政许可 (licence) or 行政处罚 (penalty)
  decision is published within 7 working days of the decision (双公示,
  国办发〔2015〕51号); other enforcement decisions within 20 working days
  (国办发〔2018〕118号, 三项制度).
* ``withdrawal_due(revoked)``: a decision revoked or changed leaves public view
  within 3 working days (行政处罚法 Art. 48 and 85).

Counting is the kernel's (``gongkai.workdays``): the start day is not counted,
holidays are skipped and 调休 make-up days count. The numbers are data
(``PublicationPeriod`` rows, seeded by migration 0002); the statutory values
below answer when a row is missing.
"""

from __future__ import annotations

from datetime import date

from gongkai.workdays import add_working_days

KINDS = ("licence", "penalty", "other")
WITHDRAWAL = "withdrawal"

# Statutory defaults: (working days, basis). The table holds the values in force.
DEFAULTS: dict[str, tuple[int, str]] = {
    "licence": (7, "国办发〔2015〕51号：行政许可决定作出之日起7个工作日内公示"),
    "penalty": (7, "国办发〔2015〕51号：行政处罚决定作出之日起7个工作日内公示"),
    "other": (20, "国办发〔2018〕118号：其他行政执法决定作出之日起20个工作日内公开"),
    WITHDRAWAL: (3, "行政处罚法第四十八条、第八十五条：决定被撤销或变更的，3个工作日内撤下"),
}


class UnknownKind(ValueError):
    pass


def period_days(kind: str) -> int:
    """The working days of ``kind`` in force (the table's row, else the statutory default)."""
    if kind not in DEFAULTS:
        raise UnknownKind(f"未知的决定类别：{kind}（应为 licence、penalty 或 other）")
    from .models import PublicationPeriod

    stored = PublicationPeriod.objects.filter(kind=kind).values_list("working_days", flat=True)
    for days in stored:
        return days
    return DEFAULTS[kind][0]


def publication_due(kind: str, decided: date) -> date:
    """The last day to publish a decision of ``kind`` made on ``decided``."""
    if kind not in KINDS:
        raise UnknownKind(f"未知的决定类别：{kind}（应为 licence、penalty 或 other）")
    return add_working_days(decided, period_days(kind))


def withdrawal_due(revoked: date) -> date:
    """The last day to withdraw from public view a decision revoked or changed on ``revoked``."""
    return add_working_days(revoked, period_days(WITHDRAWAL))
