"""办件公示 (the public case list) and its statistics per department and year.

The list: cases accepted (受理), with the applicant masked (``Case.masked_name``),
the item, the dates received, accepted and completed (办结, ``issued_on``), and the
result. Refused and pending cases are not listed.

The statistics of a year, per department (definitions, also in docs/services.md):

* 受理 (accepted): cases whose ``accepted_on`` falls in the year;
* 办结 (completed): cases whose ``issued_on`` falls in the year;
* 按承诺时限办结 / 按法定时限办结 (on time against the promise / the law): of the
  completed cases, those decided (``decided_on``, when the decision and promise
  clocks stop) on or before ``promise_due`` / ``decision_due`` (the due dates
  copied from the clocks, so pauses and the extension count);
* 好评率: ratings 非常满意, 满意 or 基本满意 over all ratings given in the year at
  acceptance or completion (re-ratings after a rectification are not counted);
* 差评整改率: named 差评 (not anonymous) of the year whose follow-up has been
  rectified (已整改 or 已复评) over all named 差评 of the year; anonymous 差评 are
  left out of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, QuerySet

from .models import (
    BAD_GRADES,
    Case,
    CaseState,
    FollowUpState,
    Rating,
    RatingStage,
)
from .models.ratings import GOOD_GRADES

LISTED_STATES = (CaseState.REVIEW, CaseState.DECIDED, CaseState.COMPLETED, CaseState.DELIVERED)
FIRST_RATINGS = (RatingStage.ACCEPTANCE, RatingStage.COMPLETION)
RECTIFIED = (FollowUpState.RECTIFIED, FollowUpState.RERATED)


def public_cases(government=None) -> QuerySet[Case]:
    cases = Case.objects.filter(state__in=LISTED_STATES, accepted_on__isnull=False)
    if government is not None:
        cases = cases.filter(department__government__path__startswith=government.path)
    return cases.select_related("item", "department").order_by("-accepted_on", "-pk")


def rate(part: int, whole: int) -> str:
    """A percentage with one decimal, or “—” when there is nothing to count."""
    if not whole:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value}%"


@dataclass
class DepartmentYear:
    department_id: int
    name: str
    accepted: int = 0
    completed: int = 0
    on_time_promise: int = 0
    on_time_law: int = 0
    ratings: int = 0
    good: int = 0
    named_bad: int = 0
    rectified: int = 0

    @property
    def promise_rate(self) -> str:
        return rate(self.on_time_promise, self.completed)

    @property
    def law_rate(self) -> str:
        return rate(self.on_time_law, self.completed)

    @property
    def good_rate(self) -> str:
        return rate(self.good, self.ratings)

    @property
    def rectified_rate(self) -> str:
        return rate(self.rectified, self.named_bad)


def statistics(year: int, government=None) -> list[DepartmentYear]:
    """One row per department with cases or ratings in ``year``, by department order."""
    cases = Case.objects.all()
    ratings = Rating.objects.filter(stage__in=FIRST_RATINGS, rated_at__year=year)
    if government is not None:
        cases = cases.filter(department__government__path__startswith=government.path)
        ratings = ratings.filter(case__department__government__path__startswith=government.path)
    rows: dict[int, DepartmentYear] = {}

    def row(values, key="department_id", name="department__name"):
        found = rows.get(values[key])
        if found is None:
            found = rows[values[key]] = DepartmentYear(values[key], values[name])
        return found

    completed_q = Q(issued_on__year=year)
    for values in (
        cases.filter(Q(accepted_on__year=year) | completed_q)
        .values("department_id", "department__name")
        .annotate(
            accepted=Count("pk", filter=Q(accepted_on__year=year)),
            completed=Count("pk", filter=completed_q),
            on_time_promise=Count("pk", filter=completed_q & Q(decided_on__lte=F("promise_due"))),
            on_time_law=Count("pk", filter=completed_q & Q(decided_on__lte=F("decision_due"))),
        )
    ):
        r = row(values)
        r.accepted, r.completed = values["accepted"], values["completed"]
        r.on_time_promise, r.on_time_law = values["on_time_promise"], values["on_time_law"]
    named_bad = Q(grade__in=BAD_GRADES, anonymous=False)
    for values in ratings.values("case__department_id", "case__department__name").annotate(
        total=Count("pk"),
        good=Count("pk", filter=Q(grade__in=GOOD_GRADES)),
        named_bad=Count("pk", filter=named_bad),
        rectified=Count("pk", filter=named_bad & Q(follow_up__state__in=RECTIFIED)),
    ):
        r = row(values, "case__department_id", "case__department__name")
        r.ratings, r.good = values["total"], values["good"]
        r.named_bad, r.rectified = values["named_bad"], values["rectified"]
    from gongkai.orgs.models import Department

    order = dict(Department.objects.filter(pk__in=rows).values_list("pk", "sort_order"))
    return sorted(rows.values(), key=lambda r: (order.get(r.department_id, 0), r.department_id))


def totals(rows: list[DepartmentYear]) -> DepartmentYear:
    total = DepartmentYear(0, "合计")
    for r in rows:
        for name in (
            "accepted",
            "completed",
            "on_time_promise",
            "on_time_law",
            "ratings",
            "good",
            "named_bad",
            "rectified",
        ):
            setattr(total, name, getattr(total, name) + getattr(r, name))
    return total
