"""Demo data of 互动交流 (citizen messages): Tianshui's message boards in 2016.

``load_messages(ctx)`` (a loader of ``gongkai.demo.loaders``) sets up the
boards as data — 市委书记留言板, 市长留言板, 市长信箱 (never published), 市长热线
(calls recorded by the operators) and each county's or district's 县（区）长留言板,
triaged by the government's general office — and the routing rules (交办规则),
then plays a year of messages through the real actions on their historical
dates (``on=``), as a day-by-day simulation: every day the night jobs run
first (overdue clocks, closing unrated replies, the 08:30 督办 reminders and
escalations), then each message's next step happens. So clocks, timelines
(``workflow.Entry``), supervision marks and the audit trail are what use would have
produced; timeline lines are re-dated to the simulated moment (the services
date what they write "now"), query codes are those of the day of writing,
and audit events keep the time of loading (append-only). Notices are
withheld (``gongkai.notices.services.withhold_notices``): no SMS to the
fictional writers, nothing about what was done in 2016; only the in-app
notices of the messages still open at the end are written, on their
simulated dates and unread. The query passwords, which nobody will know, are
hashed at argon2's lowest cost.

Included: every channel × type; held messages released and refused; a
refusal for each reason; duplicates merged into the original; misrouted
returns and re-assignment; co-handling opinions; extensions approved and
refused; replies returned by the office, then approved; published replies
(masked, a few with the reviewer's extra masks) and private ones (举报, the
mailbox, writers who said no); ratings of each kind online and by call-back,
不满意 reopened and answered again, unrated replies closed by the job; late
replies, escalations, and a dozen December messages still open at the end.
``BULLETIN_MONTH`` is a month whose 督办专报 (``supervision.bulletin``) lists
overdue and unsatisfied messages of several departments.

Published messages are indexed for search at the end (the reindex jobs the
approvals queued do the same again after commit, harmlessly).

Idempotent: channels by code, rules by keywords, messages by the idempotency
keys ``demo-2016-…``; when any demo message exists, no message is added.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from django.test import override_settings

from ..models import Message, MessageState
from .constants import BULLETIN_MONTH, DEMO_ARGON2, KEY_PREFIX, ORDINARY_COUNT, SEED, YEAR
from .planning import Planner
from .playing import Player
from .world import Setting, ensure_channels, ensure_routing_rules

__all__ = ["BULLETIN_MONTH", "KEY_PREFIX", "ORDINARY_COUNT", "load_messages"]


def _index_published() -> int:
    from gongkai.search import index_entries

    from ..indexing import SEARCH_SOURCE, iter_entries

    return index_entries(SEARCH_SOURCE, iter_entries())


def load_messages(ctx, *, ordinary: int = ORDINARY_COUNT) -> None:
    """The loader (``ordinary``: how many messages besides the scripted cases)."""
    started = time.monotonic()
    setting = Setting()
    channels = ensure_channels(setting)
    rules = ensure_routing_rules(setting)
    if Message.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
        ctx.out("  互动交流：演示留言已存在，未重复添加")
        return
    rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
    plans = Planner(setting, channels, rng, ordinary).all()
    player = Player(setting, channels, rng)
    # The query passwords made for the demo's messages are thrown away (nobody can use
    # them); hashing each at the production cost would add ~12 s to the load.
    with override_settings(QUERY_PASSWORD_ARGON2=DEMO_ARGON2):
        last_day = player.play(plans)
    indexed = _index_published()
    from ..supervision import bulletin

    year, month = BULLETIN_MONTH
    start = date(year, month, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    report = bulletin(setting.city, start, end)
    c = player.counts
    open_now = Message.objects.filter(
        idempotency_key__startswith=KEY_PREFIX,
        state__in=[MessageState.HELD, MessageState.TRIAGE, MessageState.ASSIGNED,
                   MessageState.HANDLING, MessageState.REPLY_REVIEW],
    ).count()  # fmt: skip
    ctx.out(
        f"  互动交流：{len(channels)} 个留言渠道，交办规则新增 {rules} 条；{len(plans)} 件{YEAR}年留言"
        f"（公开答复 {c.get('published', 0)}，不公开答复 {c.get('replied_private', 0)}，"
        f"不予受理 {sum(v for k, v in c.items() if k.startswith('refused:')) + c.get('held_refused', 0)}，"
        f"合并 {c.get('merged', 0)}，退回重新交办 {c.get('misrouted', 0)}，延期 "
        f"{c.get('extension:approved', 0)}+{c.get('extension:rejected', 0)}（不同意），超期答复 "
        f"{c.get('late', 0)}，不满意重办 {c.get('reopened', 0)}，催办督办 "
        f"{sum(v for k, v in c.items() if k.startswith('supervise:'))} 次，至今未办结 {open_now}）；"
        f"模拟至 {last_day:%Y-%m-%d}，检索索引 {indexed} 条；"
        f"{year}年{month}月督办专报：超期 {report.overdue_count} 件、不满意 {report.unsatisfied_count} 件；"
        f"用时 {time.monotonic() - started:.0f} 秒"
    )
