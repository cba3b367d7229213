from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from gongkai.consultations import services
from gongkai.consultations.models import Consultation, Kind

TZ = ZoneInfo("Asia/Shanghai")

DRAFT_TEXT = """天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则（征求意见稿）

第一条 为改善城市环境空气质量，加快淘汰黄标车和老旧机动车，制定本细则。

第二条 本细则适用于本市行政区域内登记注册的黄标车和老旧机动车。

第三条 提前淘汰黄标车的，按车型给予一次性补贴，补贴标准为每辆三千元至一万八千元。

第四条 补贴资金由市财政局统一拨付，环保局负责核查车辆报废情况。
"""


def at(y, m, d, hh=0, mm=0, ss=0, us=0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, us, tzinfo=TZ)


def draft(kind=Kind.DRAFT, **overrides) -> services.Draft:
    values = {
        "kind": kind,
        "title": "《天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则》草案征求意见",
        "summary": "为做好黄标车淘汰工作，现将实施细则草案全文公布，征求社会各界意见。",
        "contact_name": "李明",
        "contact_phone": "0938-8212345",
        "opens_on": date(2026, 6, 1),
        "closes_on": date(2026, 6, 30),
        "draft_text": DRAFT_TEXT if kind == Kind.DRAFT else "",
        "subject": "" if kind == Kind.DRAFT else "道路名称",
    }
    values.update(overrides)
    return services.Draft(**values)


def published(world, kind=Kind.DRAFT, *, now=None, **overrides) -> Consultation:
    """A consultation of 财政局, published before its period (June 2026)."""
    consultation = services.create(
        world.finance, draft(kind, **overrides), actor=world.handler_finance
    )
    services.publish(consultation, actor=world.reviewer_finance, now=now or at(2026, 5, 20))
    return Consultation.objects.get(pk=consultation.pk)


def comment_data(clause=3, **overrides) -> dict:
    data = {
        "clause": clause,
        "text": "建议提高黄标车提前淘汰的补贴标准，三千元太低，群众积极性不高。",
        "name": "王小明",
        "phone": "13800001234",
        "email": "",
        "wants_public": True,
    }
    data.update(overrides)
    return data


def entry_data(**overrides) -> dict:
    data = {
        "title": "羲皇大道",
        "description": "取伏羲文化之意，彰显天水羲皇故里的城市特色。",
        "name": "赵敏",
        "phone": "13900002222",
        "wants_public": True,
    }
    data.update(overrides)
    return data


def live(world, kind=Kind.DRAFT, **overrides) -> Consultation:
    """A consultation published now and open from 5 days ago to 10 days ahead."""
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    overrides.setdefault("opens_on", today - timedelta(days=5))
    overrides.setdefault("closes_on", today + timedelta(days=10))
    consultation = services.create(
        world.finance, draft(kind, **overrides), actor=world.handler_finance
    )
    services.publish(consultation, actor=world.reviewer_finance)
    return Consultation.objects.get(pk=consultation.pk)


def close_now(consultation: Consultation) -> None:
    """End the current round's period a minute ago (the clock decides the phase)."""
    from datetime import timedelta

    from django.utils import timezone

    round = consultation.current_round()
    round.closes_at = timezone.now() - timedelta(minutes=1)
    round.opens_at = min(round.opens_at, round.closes_at - timedelta(days=1))
    round.save()
