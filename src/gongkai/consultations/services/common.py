"""What the consultation actions share: the audit trail and timeline, periods in Beijing
time, fingerprints."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.audit.services import record, to_json
from gongkai.core.dates import cn_date
from gongkai.core.pagecache import content_changed
from gongkai.workflow import timeline

from ..timeline_text import LABELS, WORKFLOW, text_of


def audit(obj, action: str, *, actor=None, before=None, after=None, ip=None, at=None) -> None:
    """The audit event of a consultation action and, for a staff action on the
    consultation itself, the line on its timeline (dated ``at`` when the action
    takes effect at a time of its own, e.g. publishing as of a given moment)."""
    from ..models import Consultation

    record(f"consultations.{action}", actor=actor, obj=obj, before=before, after=after, ip=ip)
    if isinstance(obj, Consultation) and action in LABELS:
        content_changed()  # staff actions on a consultation change its public pages
        plain_before, plain_after = to_json(before), to_json(after)
        timeline.add(
            obj,
            action,
            LABELS[action],
            workflow=WORKFLOW,
            text=text_of(action, plain_before, plain_after),
            actor=actor,
            at=at,
            on=timezone.localdate(at) if at is not None else None,
        )


def period_from_dates(opens_on: date, closes_on: date) -> tuple[datetime, datetime]:
    """征集期 6月1日至6月30日: from 00:00 on the first day to 24:00 on the last (Beijing)."""
    tz = timezone.get_default_timezone()
    opens_at = datetime.combine(opens_on, time.min, tzinfo=tz)
    closes_at = datetime.combine(closes_on + timedelta(days=1), time.min, tzinfo=tz)
    return opens_at, closes_at


def last_day(closes_at: datetime) -> date:
    """The last day of a period ending at ``closes_at`` (24:00 of that day is 00:00 of the next)."""
    local = timezone.localtime(closes_at)
    if local.time() == time.min:
        return local.date() - timedelta(days=1)
    return local.date()


def period_text(opens_at: datetime, closes_at: datetime) -> str:
    """2016年6月1日至2016年6月30日 (the closing minute when it is not midnight)."""
    end = timezone.localtime(closes_at)
    text = f"{cn_date(timezone.localtime(opens_at).date())}至{cn_date(last_day(closes_at))}"
    if end.time() != time.min:
        text += f" {end:%H:%M}"
    return text


def fingerprint(round_id: int, phone: str, text: str) -> str:
    raw = f"{round_id}|{phone.strip()}|{' '.join(text.split())}"
    return hashlib.sha256(raw.encode()).hexdigest()
