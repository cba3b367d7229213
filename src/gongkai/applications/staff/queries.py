"""The queries behind the queue, the supervision page and the workbench card.

Every list starts from ``access.scope(user, "applications.view", ...)``. The
reply clock (答复期限, Art. 33; or the later deadline set under Art. 35) lives
in ``gongkai.workdays.models.Clock``; the queue reads its due date and state
through a subquery, the supervision page counts clocks with one aggregate
query per grouping.

Three points of the reply clock, disjoint, for a day ``today``:

* 已超期 overdue — due date before today, clock not finished;
* 今日到期 due today — due date is today;
* 临期 due soon — due within the next N working days after today
  (N = ``ApplicationRules.due_soon_days`` of the agency's government).

Paused clocks (征求意见, 补正, 缴费) have no due date and count in none. The filters
are the workbench's (``gongkai.workbench.filters.bucket_filters``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast

from gongkai import access
from gongkai.orgs.models import Department, Government
from gongkai.workbench.filters import bucket_filters
from gongkai.workdays import CalendarMissing, add_working_days
from gongkai.workdays.models import Clock, ClockState

from ..models import Application, ApplicationRules
from ..services.common import REPLY, REPLY_ART35

REPLY_STAGES = (REPLY, REPLY_ART35)
BUCKETS = (
    ("soon", "临期"),
    ("today", "今日到期"),
    ("overdue", "已超期"),
)


def application_type() -> ContentType:
    return ContentType.objects.get_for_model(Application)


def reply_clocks() -> QuerySet[Clock]:
    """Open reply clocks of applications (at most one per application is open)."""
    return Clock.objects.filter(
        content_type=application_type(),
        stage__in=REPLY_STAGES,
        finished_on__isnull=True,
        state__in=[ClockState.RUNNING, ClockState.PAUSED, ClockState.OVERDUE],
    )


def with_reply_clock(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate ``reply_due`` (date or None) and ``reply_state`` from the reply clock.

    The Art. 35 clock, when there is one, is the one the reply is due by
    (``Application.reply_clock``); "reply_art35" sorts after "reply".
    """
    clocks = Clock.objects.filter(
        content_type=application_type(),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        stage__in=REPLY_STAGES,
    ).order_by("-stage")
    return applications.annotate(
        reply_due=Subquery(clocks.values("due_date")[:1]),
        reply_state=Subquery(clocks.values("state")[:1]),
        reply_finished=Subquery(clocks.values("finished_on")[:1]),
    )


def horizons(government_ids, today: date) -> dict[int, date]:
    """The last day counted as "due soon" for each government (its own N working days)."""
    stored = {
        r.government_id: r.due_soon_days
        for r in ApplicationRules.objects.filter(government_id__in=government_ids)
    }
    default = ApplicationRules._meta.get_field("due_soon_days").default
    return {gid: add_working_days(today, stored.get(gid, default)) for gid in set(government_ids)}


def governments_in_scope(user) -> list[int]:
    """Ids of the governments whose departments' applications the user may see."""
    departments = access.scope(
        user, "applications.view", Department.objects.all(), department_field=None
    )
    return list(
        Government.objects.filter(departments__in=departments)
        .values_list("pk", flat=True)
        .distinct()
    )


def bucket_counts(applications: QuerySet[Application], filters: dict[str, Q]) -> dict[str, int]:
    """How many of ``applications`` (annotated with the reply clock) are at each point."""
    return applications.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})


def my_counts(user, today: date, department: Department) -> dict[str, int] | None:
    """The workbench card: the applications of the person's post at ``department`` (as
    ``access.scope(..., member_of=department)``: their department, or the 公开办's tree)
    at each point, and awaiting confirmation or review.

    已超期 is counted from ``gongkai.workbench.queries.overdue``, the same queryset as
    the page's 已超期 panel: the reply clocks among the panel's clocks.
    None when the calendar does not reach far enough to tell (CalendarMissing).
    """
    from gongkai.workbench.queries import overdue

    visible = access.scope(
        user, "applications.view", Application.objects.all(), member_of=department
    )
    try:
        filters = bucket_filters(
            today,
            horizons(governments_in_scope(user), today),
            due="reply_due",
            state="reply_state",
            finished="reply_finished",
        )
    except CalendarMissing:
        return None
    del filters["overdue"]
    filters["unconfirmed"] = Q(state="awaiting_confirmation")
    filters["review"] = Q(state="reply_review")
    counts = bucket_counts(with_reply_clock(visible), filters)
    counts["overdue"] = (
        overdue(user, department, today)
        .filter(content_type=application_type(), stage__in=REPLY_STAGES)
        .count()
    )
    return counts


# -- supervision -----------------------------------------------------------------


@dataclass
class Line:
    department: Department
    assignee: object | None
    soon: int = 0
    today: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.soon + self.today + self.overdue


@dataclass
class Supervision:
    today: date
    due_soon_days: dict[int, int]
    departments: list[Line] = field(default_factory=list)
    handlers: list[Line] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        return {
            key: sum(getattr(line, key) for line in self.departments)
            for key in ("soon", "today", "overdue")
        }

    @property
    def n_text(self) -> str:
        values = sorted(set(self.due_soon_days.values()))
        return "、".join(str(v) for v in values) if values else "3"


def supervision(user, today: date) -> Supervision:
    """Per department and per handler: reply clocks due soon, due today and overdue.

    Two aggregate queries over ``Clock`` (grouped by department, and by
    department and assignee) within what the person may see; raises
    ``CalendarMissing`` when the calendar does not cover the horizon.
    """
    government_ids = governments_in_scope(user)
    horizon = horizons(government_ids, today)
    filters = bucket_filters(today, horizon)
    clocks = access.scope(user, "applications.view", reply_clocks())
    measures = {key: Count("pk", filter=q) for key, q in filters.items()}
    any_point = filters["soon"] | filters["today"] | filters["overdue"]
    relevant = clocks.filter(any_point)
    by_department = list(relevant.values("department").annotate(**measures).order_by("department"))
    by_handler = list(
        relevant.values("department", "assignee")
        .annotate(**measures)
        .order_by("department", F("assignee").asc(nulls_last=True))
    )
    departments = Department.objects.select_related("government").in_bulk(
        {row["department"] for row in by_department}
    )
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk(
        {row["assignee"] for row in by_handler if row["assignee"]}
    )
    rules = {
        gid: ApplicationRules._meta.get_field("due_soon_days").default for gid in government_ids
    }
    rules.update(
        dict(
            ApplicationRules.objects.filter(government_id__in=government_ids).values_list(
                "government_id", "due_soon_days"
            )
        )
    )

    def line(row, assignee=None) -> Line:
        return Line(
            department=departments[row["department"]],
            assignee=assignee,
            soon=row["soon"],
            today=row["today"],
            overdue=row["overdue"],
        )

    result = Supervision(today=today, due_soon_days=rules)
    result.departments = sorted(
        (line(row) for row in by_department),
        key=lambda x: (-x.overdue, -x.today, -x.soon, x.department.pk),
    )
    result.handlers = [line(row, users.get(row["assignee"])) for row in by_handler]
    result.handlers.sort(key=lambda x: (-x.overdue, -x.today, -x.soon, x.department.pk))
    return result
