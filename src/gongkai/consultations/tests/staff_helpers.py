"""Helpers of the workbench page tests: consultations in the phases the pages act on,
built through the services (dates relative to today, since the pages read the clock)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.consultations import services
from gongkai.consultations.models import Consultation, Kind

from .helpers import close_now, comment_data, draft, entry_data, live

SUBSIDY = [
    "建议提高黄标车提前淘汰的补贴标准，三千元太低。",
    "黄标车补贴标准偏低，希望提高补贴标准到五千元以上。",
    "补贴标准应当按车辆使用年限提高，老旧车辆补贴标准太低。",
]
PAYMENT = [
    "补贴资金拨付太慢，建议财政局在一个月内拨付补贴资金。",
    "希望明确补贴资金拨付的时限，避免车主长期等待拨付。",
]


def url(name: str, *args) -> str:
    return reverse(f"workbench:consultations_staff:{name}", args=args)


def unpublished(world, kind=Kind.DRAFT, **overrides) -> Consultation:
    """A consultation of 财政局 saved by its handler, not yet published, period ahead."""
    today = timezone.localdate()
    overrides.setdefault("opens_on", today + timedelta(days=1))
    overrides.setdefault("closes_on", today + timedelta(days=20))
    consultation = services.create(
        world.finance, draft(kind, **overrides), actor=world.handler_finance
    )
    return Consultation.objects.get(pk=consultation.pk)


def with_comments(world, *, approve=True, pending=1) -> tuple[Consultation, list[int], list[int]]:
    """An open draft of 财政局 with five comments (three on subsidies, two on payment),
    approved unless ``approve`` is false, and ``pending`` more awaiting moderation."""
    consultation = live(world)
    round = consultation.current_round()
    ids = []
    for i, text in enumerate(SUBSIDY + PAYMENT):
        data = comment_data(clause=4 if text in SUBSIDY else 5, text=text, phone=f"1380000{i:04d}")
        ids.append(services.submit_comment(round, data).record.pk)
    waiting = [
        services.submit_comment(
            round, comment_data(text=f"第{i + 1}条还没有审核的意见。", phone=f"1390000{i:04d}")
        ).record.pk
        for i in range(pending)
    ]
    if approve:
        services.moderate(consultation, comment_ids=ids, approve=True, actor=world.handler_finance)
    return consultation, ids, waiting


def closed_with_comments(world, **kwargs):
    consultation, ids, waiting = with_comments(world, **kwargs)
    close_now(consultation)
    return Consultation.objects.get(pk=consultation.pk), ids, waiting


def closed_call(world, entries=3, *, approve=True) -> tuple[Consultation, list[int]]:
    """A call of 财政局 whose period is over, with ``entries`` entries (approved unless
    ``approve`` is false)."""
    consultation = live(world, Kind.CALL)
    round = consultation.current_round()
    ids = [
        services.submit_entry(
            round, entry_data(title=f"名称{i + 1}", phone=f"1390000{i:04d}")
        ).record.pk
        for i in range(entries)
    ]
    if approve:
        services.moderate(consultation, entry_ids=ids, approve=True, actor=world.handler_finance)
    close_now(consultation)
    return Consultation.objects.get(pk=consultation.pk), ids


__all__ = [
    "closed_call",
    "closed_with_comments",
    "unpublished",
    "url",
    "with_comments",
]
