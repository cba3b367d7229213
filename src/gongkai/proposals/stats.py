"""Statistics of a session's items by unit, and the government's summary sentence.

Counted from the records:

* 件数: items whose lead unit (主办) is the unit;
* 已办结: a reply letter has been sent and the item is not back in re-handling
  (states 已答复 and 已办结);
* 按期: items whose latest reply was sent on or before that round's deadline;
* 分类: the grade of the latest sent reply (A/B/C/D);
* 满意率: (满意 + 基本满意) ÷ items whose satisfaction is recorded, using the
  latest round's view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import DONE_STATES, Body, Grade, Proposal, Satisfaction, Session

SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)


@dataclass
class UnitStats:
    department_id: int | None
    name: str
    count: int = 0
    done: int = 0
    on_time: int = 0
    grades: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Grade.values, 0))
    satisfied: int = 0
    basically: int = 0
    unsatisfied: int = 0

    @property
    def rated(self) -> int:
        return self.satisfied + self.basically + self.unsatisfied

    @property
    def satisfaction_rate(self) -> str:
        return percent(self.satisfied + self.basically, self.rated)


def percent(part: int, whole: int) -> str:
    """98.5% / 100% / — (nothing to count)."""
    if not whole:
        return "—"
    value = round(part * 100 / whole, 1)
    return f"{value:g}%"


def by_unit(items) -> list[UnitStats]:
    """One row per lead unit, busiest first; unassigned items in a row of their own."""
    rows = (
        items.values("lead_department_id", "lead_department__name")
        .annotate(
            count=Count("id"),
            done=Count("id", filter=Q(state__in=DONE_STATES)),
            on_time=Count("id", filter=Q(state__in=DONE_STATES, replied_on_time=True)),
            a=Count("id", filter=Q(state__in=DONE_STATES, grade="A")),
            b=Count("id", filter=Q(state__in=DONE_STATES, grade="B")),
            c=Count("id", filter=Q(state__in=DONE_STATES, grade="C")),
            d=Count("id", filter=Q(state__in=DONE_STATES, grade="D")),
            satisfied=Count("id", filter=Q(state__in=DONE_STATES, satisfaction="satisfied")),
            basically=Count("id", filter=Q(state__in=DONE_STATES, satisfaction="basically")),
            unsatisfied=Count("id", filter=Q(state__in=DONE_STATES, satisfaction="unsatisfied")),
        )
        .order_by("-count", "lead_department__name")
    )
    result = []
    for row in rows:
        result.append(
            UnitStats(
                department_id=row["lead_department_id"],
                name=row["lead_department__name"] or "（尚未交办）",
                count=row["count"],
                done=row["done"],
                on_time=row["on_time"],
                grades={"A": row["a"], "B": row["b"], "C": row["c"], "D": row["d"]},
                satisfied=row["satisfied"],
                basically=row["basically"],
                unsatisfied=row["unsatisfied"],
            )
        )
    return result


def totals(rows: Iterable[UnitStats]) -> UnitStats:
    total = UnitStats(None, "合计")
    for row in rows:
        total.count += row.count
        total.done += row.done
        total.on_time += row.on_time
        for grade, n in row.grades.items():
            total.grades[grade] += n
        total.satisfied += row.satisfied
        total.basically += row.basically
        total.unsatisfied += row.unsatisfied
    return total


@dataclass(frozen=True)
class Summary:
    """What the summary sentence says, as numbers (the report card shows them one by one)."""

    suggestions: int  # 代表建议 of the congress sessions
    proposals: int  # 政协提案 of the CPPCC sessions
    done: int  # 已办结 (DONE_STATES)
    rated: int  # done items whose satisfaction is recorded
    satisfied: int  # of those, 满意 or 基本满意

    @property
    def handled(self) -> int:
        return self.suggestions + self.proposals

    @property
    def satisfaction_rate(self) -> str:
        return percent(self.satisfied, self.rated)


def summary(sessions: Iterable[Session]) -> Summary:
    """The figures of ``summary_sentence`` for ``sessions`` (three aggregate queries)."""
    sessions = list(sessions)
    items = Proposal.objects.filter(session__in=sessions)
    counts = dict(
        items.values_list("session__body").annotate(n=Count("id")).values_list("session__body", "n")
    )
    done = items.filter(state__in=DONE_STATES).aggregate(
        done=Count("id"),
        rated=Count("id", filter=~Q(satisfaction="")),
        satisfied=Count("id", filter=Q(satisfaction__in=SATISFIED)),
    )
    return Summary(
        suggestions=counts.get(Body.CONGRESS, 0),
        proposals=counts.get(Body.CPPCC, 0),
        done=done["done"],
        rated=done["rated"],
        satisfied=done["satisfied"],
    )


def summary_sentence(sessions: Iterable[Session]) -> str:
    """承办代表建议183件、政协提案221件，已办结N件，满意率X% (no full stop: callers embed it).

    Items of several sessions of the same body are added up; a body with no
    session is left out of the sentence.
    """
    figures = summary(sessions)
    parts = []
    if figures.suggestions:
        parts.append(f"代表建议{figures.suggestions}件")
    if figures.proposals:
        parts.append(f"政协提案{figures.proposals}件")
    if not parts:
        return "暂无承办的代表建议和政协提案。"
    sentence = f"承办{'、'.join(parts)}，已办结{figures.done}件"
    if figures.rated:
        sentence += f"，满意率{figures.satisfaction_rate}"
    return sentence
