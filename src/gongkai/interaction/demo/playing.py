"""Playing the plans day by day through the real services and jobs."""

from __future__ import annotations

import heapq
import itertools
import random
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from gongkai.orgs.models import Department
from gongkai.workdays import add_working_days
from gongkai.workdays.models import ExtensionRequest
from gongkai.workflow.models import Entry

from .. import services
from ..models import (
    Channel,
    Message,
    MessageState,
    Satisfaction,
    SupervisionMark,
)
from ..services.intake import query_code_for
from .constants import BEIJING, KEY_PREFIX
from .planning import Plan, _wd_before
from .texts import (
    CITY_STREETS,
    CO_OPINIONS,
    EXTENSION_REASONS,
    REOPEN_REASONS,
    RETURN_COMMENTS,
    SECOND_REPLY,
)
from .world import Setting


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


class Player:
    """Runs the plans day by day through the real actions, with the night and morning jobs."""

    def __init__(self, setting: Setting, channels: list[Channel], rng: random.Random):
        from gongkai.notices.models import Notice

        self.s = setting
        self.office_of = {c.pk: setting.office_user[c.office_id] for c in channels}
        self.rng = rng
        self.messages: dict[int, Message] = {}
        self.slot: dict[date, int] = {}
        self.step_mark = Entry.objects.aggregate(m=Max("pk"))["m"] or 0
        self.notice_mark = Notice.objects.aggregate(m=Max("pk"))["m"] or 0
        # Whose step is being played, and each message's plan: which notices are of the present.
        self.playing: Plan | None = None
        self.plan_of: dict[str, Plan] = {}
        self.counts: dict[str, int] = {}
        self.warning_days: int | None = None

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    # -- time ---------------------------------------------------------------------------------
    def _office_time(self, day: date) -> datetime:
        k = self.slot.get(day, 0)
        self.slot[day] = k + 1
        return _at(day, 9) + timedelta(minutes=(k * 3) % 540)

    def _stamp(self, moment: datetime) -> None:
        """Timeline lines and notices written just now belong to ``moment``.

        Plain SQL (a few hundred thousand ORM round trips less): only rows
        above the last mark, which this loader wrote since the last stamp.
        """
        from gongkai.notices.models import Notice

        ops = connection.ops
        at, on = ops.adapt_datetimefield_value(moment), ops.adapt_datefield_value(moment.date())
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model, sets, params, mark in [
                (Entry, f"{q('on')} = %s, {q('at')} = %s", [on, at], "step_mark"),
                (Notice, f"{q('created_at')} = %s, {q('sent_at')} = CASE WHEN {q('sent_at')} "
                 "IS NULL THEN NULL ELSE %s END", [at, at], "notice_mark"),
            ]:  # fmt: skip
                table = q(model._meta.db_table)
                cursor.execute(
                    f"UPDATE {table} SET {sets} WHERE {q('id')} > %s",  # noqa: S608 (names from the models)
                    [*params, getattr(self, mark)],
                )
                if cursor.rowcount:
                    cursor.execute(f"SELECT MAX({q('id')}) FROM {table}")  # noqa: S608
                    setattr(self, mark, cursor.fetchone()[0])

    def _act(self, m: Message, day: date, action, **fields) -> datetime:
        """Run ``action`` on a fresh copy of the message at an office moment of ``day``."""
        moment = self._office_time(day)
        m.refresh_from_db()
        action(m)
        self._stamp(moment)
        if fields:
            Message.objects.filter(pk=m.pk).update(
                **{k: moment if v is True else v for k, v in fields.items()}
            )
        return moment

    def jobs(self, day: date) -> None:
        """The night and morning jobs of ``day``: 00:05 overdue clocks, 00:10 unrated replies,
        08:30 督办 (skipped on days when it would find nothing to send, see ``_quiet``)."""
        from gongkai.workdays.recompute import mark_overdue_clocks

        from ..supervision import supervise

        mark_overdue_clocks(today=day)
        if services.close_unrated(on=day):
            self._stamp(_at(day, 0, 10))
        if self._quiet(day):
            return
        sent = supervise(on=day)
        if any(sent.values()):
            moment = _at(day, 8, 30)
            self._stamp(moment)
            SupervisionMark.objects.filter(on=day).update(at=moment)
            for point, n in sent.items():
                self.counts[f"supervise:{point}"] = self.counts.get(f"supervise:{point}", 0) + n

    def _quiet(self, day: date) -> bool:
        """True when ``supervise(on=day)`` would send nothing: no open reply clock is due within
        the warning days, and every overdue one has been escalated already. (It runs in
        production every day; here, skipping the quiet days saves most of its cost.)"""
        from ..models import InteractionRules, SupervisionPoint
        from ..supervision import open_reply_clocks

        if self.warning_days is None:
            stored = InteractionRules.objects.aggregate(m=Max("due_soon_days"))["m"]
            self.warning_days = max(stored or 0, InteractionRules().due_soon_days)
        escalated = SupervisionMark.objects.filter(point=SupervisionPoint.ESCALATED)
        return not (
            open_reply_clocks()
            .filter(due_date__lte=add_working_days(day, self.warning_days))
            .exclude(pk__in=escalated.values("clock_id"))
            .exists()
        )

    # -- people ----------------------------------------------------------------------------------
    def office(self, m: Message):
        return self.office_of[m.channel_id]

    def handler(self, dept: Department):
        return self.s.handler[dept.pk]

    # -- the story of one message (a generator: yields the day of its next step) -----------------
    def story(self, p: Plan):
        rng = self.rng
        day = yield p.on
        m = self.submit(p)
        if p.held:
            if p.held == "open":
                return
            day = yield add_working_days(day, 1)
            if p.held == "refuse":
                self._act(m, day, lambda m: services.refuse(
                    m, reason=self.s.reasons[p.refusal], actor=self.office(m)))  # fmt: skip
                self.count("held_refused")
                return
            self._act(m, day, lambda m: services.release(m, actor=self.office(m)))
            self.count("held_released")
        else:
            if p.stop == "triage":
                return
            day = yield add_working_days(day, rng.choice([1, 1, 1, 2]))
        if p.refusal:
            self._act(m, day, lambda m: services.refuse(
                m, reason=self.s.reasons[p.refusal], actor=self.office(m),
                note="" if rng.random() < 0.5 else "如有新的情况，欢迎重新留言。"))  # fmt: skip
            self.count(f"refused:{p.refusal}")
            return
        if p.duplicate_of is not None:
            original = self.messages[p.duplicate_of]
            self._act(m, day, lambda m: services.merge(m, original=original, actor=self.office(m)))
            self.count("merged")
            return
        if p.identity_visible:
            self._act(m, day, lambda m: services.set_identity_visibility(
                m, visible=True, actor=self.office(m)))  # fmt: skip
        if p.misroute:
            wrong, reason = p.misroute
            self._act(m, day, lambda m: services.assign(
                m, lead=wrong, actor=self.office(m), on=day), accepted_at=True)  # fmt: skip
            day = yield add_working_days(day, rng.choice([1, 2]))
            self._act(m, day, lambda m: services.return_misrouted(
                m, reason=reason, actor=self.handler(wrong), on=day))  # fmt: skip
            self.count("misrouted")
        assigned_on = day
        self._act(
            m, day,
            lambda m: services.assign(m, lead=p.lead, co=p.co, actor=self.office(m), on=day),
            **({} if p.misroute else {"accepted_at": True}),
        )  # fmt: skip
        self.count("assigned")
        if p.stop == "assigned":
            return
        day = yield add_working_days(day, rng.choice([2, 3]) if p.late_sign else 1)
        self._act(m, day, lambda m: services.sign(m, actor=self.handler(p.lead), on=day))
        due = m.reply_clock().due_date
        if p.co_opinion:
            day = yield min(add_working_days(day, rng.randint(1, 3)), max(day, _wd_before(due, 2)))
            for co in p.co:
                self._act(m, day, lambda m, co=co: services.give_co_opinion(
                    m, department=co, opinion=rng.choice(CO_OPINIONS), actor=self.handler(co)))  # fmt: skip
            self.count("co_opinion")
        if p.extension:
            day = yield max(day, _wd_before(due, 3))
            request = None

            def ask(m):
                nonlocal request
                request = services.request_extension(
                    m, days=rng.choice([5, 10]), reason=rng.choice(EXTENSION_REASONS),
                    actor=self.handler(p.lead))  # fmt: skip

            moment = self._act(m, day, ask)
            ExtensionRequest.objects.filter(pk=request.pk).update(requested_at=moment)
            day = yield add_working_days(day, 1)
            approve = p.extension == "approved"
            moment = self._act(m, day, lambda m: services.decide_extension(
                request, approve=approve, actor=self.office(m),
                comment="" if approve else "该事项不复杂，请在原期限内办结。"))  # fmt: skip
            ExtensionRequest.objects.filter(pk=request.pk).update(decided_at=moment)
            self.count(f"extension:{p.extension}")
            due = m.reply_clock().due_date
        if p.stop == "handling":
            return
        yield from self.reply(m, p, day, due, p.late, first_day=assigned_on)
        if p.stop == "reply_review":
            return
        yield from self.rate(m, p, p.rating, p.callback)
        m.refresh_from_db()
        if m.round == 2 and m.state == MessageState.HANDLING:
            self.count("reopened")
            day = m.rated_on
            due = m.reply_clock().due_date
            late = 2 if rng.random() < 0.2 else 0
            yield from self.reply(m, p, day, due, late, first_day=day, second=True)
            yield from self.rate(m, p, p.second_rating, False)

    def submit(self, p: Plan) -> Message:
        kind = self.s.types[p.type_code]
        data = {
            "channel": p.channel.pk,
            "message_type": kind.pk,
            "subject": p.subject,
            "text": p.text,
            "place": p.place.pk if p.place else "",
            "writer_name": p.writer[0],
            "writer_phone": p.writer[1],
            "wants_public": p.wants_public,
        }
        key = f"{KEY_PREFIX}{p.n:04d}"
        if p.channel.staff_recorded:
            recorder = self.handler(p.channel.office)
            message = services.record_call(data, actor=recorder).message
            moment = _at(p.on, 9) + timedelta(minutes=self.rng.randint(0, 540))
        else:
            message = services.submit_message(data, idempotency_key=key).message
            moment = _at(p.on, 7) + timedelta(minutes=self.rng.randint(0, 16 * 60))
        Message.objects.filter(pk=message.pk).update(
            submitted_at=moment,
            created_at=moment,
            idempotency_key=key,
            query_code=query_code_for(p.channel, p.on),
        )
        self._stamp(moment)
        message.refresh_from_db()
        self.messages[p.n] = message
        self.plan_of[str(message.pk)] = p
        self.count(f"channel:{p.channel.code}")
        return message

    def reply(
        self, m: Message, p: Plan, day: date, due: date, late: int, *, first_day, second=False
    ):
        """Draft (maybe returned once by the office), then approval on time or ``late`` days late."""
        rng = self.rng
        if late:
            approve_on = add_working_days(due, late)
        else:
            earliest = add_working_days(max(day, first_day), 1)
            span = [d for d in (add_working_days(earliest, i) for i in range(12)) if d <= due]
            approve_on = rng.choice(span) if span else max(day, due)
        approve_on = max(approve_on, day)
        steps = 3 if p.returned and not second else 1
        draft_on = max(day, _wd_before(approve_on, steps))
        dept = p.lead
        words = (SECOND_REPLY if second else p.reply).format(
            dept=dept.name,
            place=(p.place.name if p.place else "天水市"),
            street=rng.choice(CITY_STREETS),
        )
        day = yield draft_on

        def draft(text):
            return lambda m: services.submit_reply(
                m, text=text, actor=self.handler(dept), expected_version=m.version
            )

        if p.returned and not second:
            first = (
                "经核查，您反映的问题已转相关单位处理，请耐心等待。"
                + "感谢您对我们工作的关心和支持。"
            )
            self._act(m, day, draft(first))
            day = yield max(day, _wd_before(approve_on, 2))
            self._act(m, day, lambda m: services.return_reply(
                m, actor=self.office(m), comment=rng.choice(RETURN_COMMENTS)))  # fmt: skip
            self.count("reply_returned")
            day = yield max(day, _wd_before(approve_on, 1))
        self._act(m, day, draft(words))
        if p.stop == "reply_review":
            return
        day = yield max(day, approve_on)
        m.refresh_from_db()
        publish = p.publish and not m.is_confidential
        masked = None
        if publish and p.company:
            auto = services.masked_versions(m)
            masked = {k: v.replace(p.company, "某企业") for k, v in auto.items()}
            self.count("masked_by_hand")
        fields = {"replied_at": True, **({"published_at": True} if publish else {})}
        self._act(m, day, lambda m: services.approve_reply(
            m, actor=self.office(m), publish=publish, masked=masked, on=day), **fields)  # fmt: skip
        self.count("published" if publish else "replied_private")
        if late:
            self.count("late")

    def rate(self, m: Message, p: Plan, satisfaction: str, callback: bool):
        m.refresh_from_db()
        if not satisfaction:
            self.count("unrated")
            return
        replied_on = timezone.localtime(m.replied_at).date()
        day = yield add_working_days(replied_on, self.rng.randint(1, 6))
        reason = self.rng.choice(REOPEN_REASONS) if satisfaction == Satisfaction.UNSATISFIED else ""
        if callback:
            self._act(m, day, lambda m: services.record_callback(
                m, satisfaction=satisfaction, reason=reason, actor=self.office(m), on=day),
                rated_at=True)  # fmt: skip
        else:
            moment = _at(day, 19) + timedelta(minutes=self.rng.randint(0, 180))
            m.refresh_from_db()
            services.rate(m, satisfaction=satisfaction, reason=reason, on=day)
            self._stamp(moment)
            Message.objects.filter(pk=m.pk).update(rated_at=moment)
        self.count(f"rated:{satisfaction}" + (":callback" if callback else ""))

    # -- the year ----------------------------------------------------------------------------------
    def play(self, plans: list[Plan]) -> date:
        """The year, day by day. Of the notices the actions and jobs send, only the in-app
        notices of messages still open at the end are written (unread: what the workbench
        shows a newcomer to the demo); the others would tell nobody anything now."""
        from gongkai.notices.services import withhold_notices

        heap: list = []
        order = itertools.count()
        for p in plans:
            story = self.story(p)
            heapq.heappush(heap, (next(story), next(order), story, p))
        day = heap[0][0]
        tail_end = None
        with withhold_notices(keep=self._of_the_present):
            while heap or day <= tail_end:
                self.playing = None
                self.jobs(day)
                while heap and heap[0][0] == day:
                    _, _, story, self.playing = heapq.heappop(heap)
                    try:
                        following = story.send(day)
                    except StopIteration:
                        continue
                    if following < day:  # pragma: no cover - a planning mistake
                        raise AssertionError(f"step on {following} after {day}")
                    heapq.heappush(heap, (following, next(order), story, self.playing))
                if not heap and tail_end is None:
                    tail_end = self._quiet_after(day)
                day += timedelta(days=1)
        return day - timedelta(days=1)

    def _of_the_present(self, notice) -> bool:
        """An in-app notice about a message still open at the end of the play."""
        from django.contrib.contenttypes.models import ContentType

        from gongkai.notices.models import NoticeChannel

        if notice.channel != NoticeChannel.INAPP:
            return False
        if notice.content_type_id != ContentType.objects.get_for_model(Message).pk:
            return False
        # A message being written is not known by its id yet: it is the one being played.
        plan = self.plan_of.get(notice.object_id, self.playing)
        return plan is not None and plan.open_at_end

    def _quiet_after(self, day: date) -> date:
        """The day after which the jobs change nothing more: every open reply clock past due
        (reminded and escalated) and every unrated reply past its rating period."""
        from ..supervision import open_reply_clocks

        last_due = open_reply_clocks().aggregate(m=Max("due_date"))["m"] or day
        last_rating = (
            Message.objects.filter(state=MessageState.REPLIED).aggregate(m=Max("rating_due"))["m"]
            or day
        )
        return max(day, last_due + timedelta(days=3), last_rating + timedelta(days=1))
