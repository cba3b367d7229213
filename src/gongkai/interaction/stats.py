"""Statistics of the message boards per channel and per department for a period.

For [start, end] (dates in Asia/Shanghai):

* 收到 received — messages written in the period (any state);
* 受理 accepted — of those, messages assigned to a department (refused, merged
  and still-held ones are not);
* 按时答复 on time / 超期答复 late — reply clocks finished in the period, met or
  overdue (a message reopened after 不满意 has two);
* 超期未答复 overdue open — reply clocks still open at the end of the period and
  past their due date then;
* 平均答复用时 — mean working days from assignment to reply over the finished
  clocks (the same working-day calendar as the deadlines);
* 满意度 — ratings given in the period: 满意 / 基本满意 / 不满意 and the rate
  (满意 + 基本满意) / rated.

Per department means per lead department of the reply clock (for the clock
figures) and of the message (for ratings).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from gongkai.workdays.engine import get_engine
from gongkai.workdays.models import Clock

from .models import Message, MessageState, Satisfaction


@dataclass
class Row:
    key: object
    label: str
    received: int = 0
    accepted: int = 0
    on_time: int = 0
    late: int = 0
    overdue_open: int = 0
    reply_days_total: int = 0
    satisfied: int = 0
    basically: int = 0
    unsatisfied: int = 0

    @property
    def replied(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.replied if self.replied else None

    @property
    def average_reply_days(self) -> float | None:
        return round(self.reply_days_total / self.replied, 1) if self.replied else None

    @property
    def rated(self) -> int:
        return self.satisfied + self.basically + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        return (self.satisfied + self.basically) / self.rated if self.rated else None


@dataclass
class Statistics:
    start: date
    end: date
    by_channel: list[Row] = field(default_factory=list)
    by_department: list[Row] = field(default_factory=list)
    total: Row | None = None


NOT_ACCEPTED = (MessageState.HELD, MessageState.TRIAGE, MessageState.REFUSED, MessageState.MERGED)


def message_statistics(government, start: date, end: date) -> Statistics:
    messages = Message.objects.filter(channel__government__path__startswith=government.path)
    written = messages.filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
    channels: dict[object, Row] = {}
    departments: dict[object, Row] = {}
    total = Row(None, "合计")

    def channel_row(pk, name):
        return channels.setdefault(pk, Row(pk, name))

    def department_row(pk, name):
        return departments.setdefault(pk, Row(pk, name))

    for r in written.values("channel_id", "channel__name").annotate(
        n=Count("id"), accepted=Count("id", filter=~Q(state__in=NOT_ACCEPTED))
    ):
        row = channel_row(r["channel_id"], r["channel__name"])
        row.received, row.accepted = r["n"], r["accepted"]
        total.received += r["n"]
        total.accepted += r["accepted"]
    for r in (
        written.exclude(lead_department=None)
        .values("lead_department_id", "lead_department__name")
        .annotate(n=Count("id"))
    ):
        row = department_row(r["lead_department_id"], r["lead_department__name"])
        row.received = row.accepted = r["n"]

    clocks = Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Message),
        stage__startswith="reply:",
        department__government__path__startswith=government.path,
    )
    channel_of = dict(messages.values_list("id", "channel_id"))
    channel_names = dict(messages.values_list("channel_id", "channel__name").distinct())
    engine = get_engine()
    finished = clocks.filter(
        finished_on__gte=start, finished_on__lte=end, state__in=["met", "overdue"]
    )
    for c in finished.values(
        "object_id",
        "department_id",
        "department__name",
        "state",
        "start_date",
        "restarted_on",
        "finished_on",
    ):
        days = engine.between(c["restarted_on"] or c["start_date"], c["finished_on"])
        channel_pk = channel_of.get(int(c["object_id"]))
        rows = [department_row(c["department_id"], c["department__name"]), total]
        if channel_pk is not None:
            rows.append(channel_row(channel_pk, channel_names.get(channel_pk, "")))
        for row in rows:
            if c["state"] == "met":
                row.on_time += 1
            else:
                row.late += 1
            row.reply_days_total += days
    still_open = clocks.filter(
        Q(finished_on__isnull=True) | Q(finished_on__gt=end), start_date__lte=end, due_date__lt=end
    )
    for c in still_open.values("object_id", "department_id", "department__name"):
        channel_pk = channel_of.get(int(c["object_id"]))
        rows = [department_row(c["department_id"], c["department__name"]), total]
        if channel_pk is not None:
            rows.append(channel_row(channel_pk, channel_names.get(channel_pk, "")))
        for row in rows:
            row.overdue_open += 1

    counts = defaultdict(int)
    for r in (
        messages.filter(rated_on__gte=start, rated_on__lte=end)
        .values("channel_id", "lead_department_id", "lead_department__name", "satisfaction")
        .annotate(n=Count("id"))
    ):
        field_name = {
            Satisfaction.SATISFIED: "satisfied",
            Satisfaction.BASICALLY: "basically",
            Satisfaction.UNSATISFIED: "unsatisfied",
        }[r["satisfaction"]]
        targets = [total, channel_row(r["channel_id"], channel_names.get(r["channel_id"], ""))]
        if r["lead_department_id"]:
            targets.append(department_row(r["lead_department_id"], r["lead_department__name"]))
        for row in targets:
            setattr(row, field_name, getattr(row, field_name) + r["n"])
        counts[field_name] += r["n"]

    return Statistics(
        start=start,
        end=end,
        by_channel=sorted(channels.values(), key=lambda r: r.label),
        by_department=sorted(departments.values(), key=lambda r: (-r.received, r.label)),
        total=total,
    )
