"""Statistics of the message boards per channel and per department for a period.

For [start, end] (dates in Asia/Shanghai), every figure but 满意度 is about one set
of messages, those written in the period, so that no column can exceed 受理:

* 收到 received — messages written in the period (any state);
* 受理 accepted — of those, messages taken on and assigned to a department (refused,
  merged and still-held or waiting ones are not);
* 按时答复 on time / 超期答复 late — of the accepted, those whose first reply was given
  by the last day of the period, on or before its due date / after it (a message
  reopened after 不满意 and answered again still counts once, by its first reply);
* 超期未答复 overdue open — of the accepted, those not yet answered on the last day
  of the period whose reply clock was past its due date then;
  the rest of the accepted were still within their time on that day;
* 平均答复用时 — mean working days from assignment to the first reply over the
  answered ones (the same working-day calendar as the deadlines);
* 满意度 — ratings given in the period: 满意 / 基本满意 / 不满意 and the rate
  (满意 + 基本满意) / rated.

The reply columns are counted on the accepted messages' own queryset with one more
condition each, so 按时答复 + 超期答复 + 超期未答复 ≤ 受理 ≤ 收到 by construction,
and a reply in the next period is not counted there without its message.
Per department means per lead department of the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce

from gongkai.workdays.engine import get_engine
from gongkai.workdays.models import Clock, ClockState

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
ANSWERED = (ClockState.MET, ClockState.OVERDUE)


def _with_first_reply(messages, end: date):
    """``messages`` annotated, as of ``end``, with their first reply (``reply_state`` met or
    overdue, ``reply_from`` the day counting started, ``reply_on``) and whether a reply
    clock was open and past its due date on ``end`` (``late_open``)."""
    clocks = Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Message),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        stage__startswith="reply:",
    )
    first = clocks.filter(state__in=ANSWERED, finished_on__lte=end).order_by("finished_on", "id")
    late_open = clocks.filter(start_date__lte=end, due_date__lt=end).filter(
        Q(finished_on__isnull=True) | Q(finished_on__gt=end)
    )
    return messages.annotate(
        reply_state=Subquery(first.values("state")[:1]),
        reply_from=Subquery(first.values(day=Coalesce("restarted_on", "start_date"))[:1]),
        reply_on=Subquery(first.values("finished_on")[:1]),
        late_open=Exists(late_open),
    )


MEASURES = {
    "accepted": Q(),
    "on_time": Q(reply_state=ClockState.MET),
    "late": Q(reply_state=ClockState.OVERDUE),
    "overdue_open": Q(reply_state__isnull=True, late_open=True),
}


def message_statistics(government, start: date, end: date) -> Statistics:
    messages = Message.objects.filter(channel__government__path__startswith=government.path)
    written = messages.filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
    accepted = _with_first_reply(written.exclude(state__in=NOT_ACCEPTED), end)
    channels: dict[object, Row] = {}
    departments: dict[object, Row] = {}
    total = Row(None, "合计")
    channel_names = dict(messages.values_list("channel_id", "channel__name").distinct())

    def channel_row(pk):
        return channels.setdefault(pk, Row(pk, channel_names.get(pk, "")))

    def department_row(pk, name):
        return departments.setdefault(pk, Row(pk, name))

    for r in written.values("channel_id").annotate(n=Count("id")).order_by():
        channel_row(r["channel_id"]).received = r["n"]
        total.received += r["n"]
    counts = {key: Count("id", filter=q) for key, q in MEASURES.items()}
    for r in accepted.values("channel_id").annotate(**counts).order_by():
        _add(channel_row(r["channel_id"]), r)
        _add(total, r)
    led = accepted.exclude(lead_department=None)  # all of them: accepted means assigned
    for r in (
        led.values("lead_department_id", "lead_department__name").annotate(**counts).order_by()
    ):
        row = department_row(r["lead_department_id"], r["lead_department__name"])
        _add(row, r)
        row.received = row.accepted  # a message has a department once it is accepted
    engine = get_engine()
    for r in accepted.filter(reply_state__in=ANSWERED).values(
        "channel_id", "lead_department_id", "lead_department__name", "reply_from", "reply_on"
    ):
        days = engine.between(r["reply_from"], r["reply_on"])
        rows = [total, channel_row(r["channel_id"])]
        if r["lead_department_id"]:
            rows.append(department_row(r["lead_department_id"], r["lead_department__name"]))
        for row in rows:
            row.reply_days_total += days

    for r in (
        messages.filter(rated_on__gte=start, rated_on__lte=end)
        .values("channel_id", "lead_department_id", "lead_department__name", "satisfaction")
        .annotate(n=Count("id"))
        .order_by()
    ):
        field_name = {
            Satisfaction.SATISFIED: "satisfied",
            Satisfaction.BASICALLY: "basically",
            Satisfaction.UNSATISFIED: "unsatisfied",
        }[r["satisfaction"]]
        targets = [total, channel_row(r["channel_id"])]
        if r["lead_department_id"]:
            targets.append(department_row(r["lead_department_id"], r["lead_department__name"]))
        for row in targets:
            setattr(row, field_name, getattr(row, field_name) + r["n"])

    return Statistics(
        start=start,
        end=end,
        by_channel=sorted(channels.values(), key=lambda r: r.label),
        by_department=sorted(departments.values(), key=lambda r: (-r.received, r.label)),
        total=total,
    )


def _add(row: Row, counted: dict) -> None:
    for key in MEASURES:
        setattr(row, key, getattr(row, key) + counted[key])
