"""Requests to extend a clock, and their decision: one mechanism for every module.

A person asks for ``days`` more working days with a reason
(``request_extension``); someone else approves or refuses
(``decide_extension``). On approval the clock is extended (``extend_clock``).
The clock's caps decide what may be asked: ``max_extensions`` approved
extensions in all, ``max_extension_days`` working days in all; one request
waits for a decision at a time; a finished clock is not extended.

A module whose clocks may be extended registers ``ExtensionRules`` for the
model the clocks belong to (``register_extension_rules``): the access actions
asked for requesting and deciding (the rules themselves live in
``gongkai.access``), the prefix of its audit events, rules of its own beyond
the clock's caps, and what follows a request or a decision in the module
(timeline step, notices, formal notice). The hooks run inside the action's
transaction, after the row is written and before the audit event.

Both actions write an audit event about the subject:
``<prefix>.request_extension`` (``after={"days": …}``) and
``<prefix>.decide_extension`` (``after={"approved": …}``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError

from .clocks import extend_clock
from .models import Clock, ExtensionRequest

__all__ = [
    "ExtensionRules",
    "decide_extension",
    "extension_possible",
    "pending_extension",
    "pending_extension_since",
    "register_extension_rules",
    "request_extension",
    "with_pending_extension",
]


def _no_check(subject, clock: Clock, days: int) -> None:
    return None


def _nothing(*args) -> None:
    return None


@dataclass(frozen=True)
class ExtensionRules:
    """What a module says about extending the clocks of one model."""

    request_permission: str  # access action, asked about ``request_object(subject)``
    decide_permission: str  # access action, asked about the subject
    audit_prefix: str  # "applications" → "applications.request_extension"
    what: str = "期限"  # the clock's name in messages: "答复期限"
    basis: str = ""  # the rule's source appended to messages: "（第三十三条）"
    request_object: Callable[[models.Model], object] = field(default=lambda subject: subject)
    # Rules of the module beyond the clock's caps; raises DomainError.
    check: Callable[[models.Model, Clock, int], None] = _no_check
    # (request, subject, actor): timeline step, notices
    requested: Callable[..., None] = _nothing
    # (request, subject, clock, actor): the clock is already extended when approved
    decided: Callable[..., None] = _nothing


_RULES: dict[str, ExtensionRules] = {}


def register_extension_rules(model: type[models.Model], rules: ExtensionRules) -> None:
    _RULES[model._meta.label_lower] = rules


def rules_for(clock: Clock) -> ExtensionRules:
    model = clock.content_type.model_class()
    found = _RULES.get(model._meta.label_lower) if model is not None else None
    if found is None:
        raise DomainError("该时限不能申请延长。", code="clock_extension")
    return found


def _granted(clock: Clock) -> list[int]:
    return list(clock.extensions.values_list("days", flat=True))


def _check_caps(clock: Clock, days: int, rules: ExtensionRules) -> None:
    """The clock's caps: how many extensions and how many working days in all."""
    granted = _granted(clock)
    if clock.max_extensions == 0:
        raise DomainError(f"该{rules.what}依规定不得延长。", code="clock_extension")
    if len(granted) >= clock.max_extensions:
        if clock.max_extensions == 1:
            text = f"{rules.what}已经延长过一次，不能再次延长{rules.basis}。"
        else:
            text = (
                f"{rules.what}最多延长{clock.max_extensions}次，已经延长过{len(granted)}次"
                f"（共{sum(granted)}个工作日），不能再延长{rules.basis}。"
            )
        raise DomainError(text, code="extension_once")
    left = clock.max_extension_days - sum(granted)
    if not 1 <= days <= left:
        raise DomainError(f"延长的期限为1至{left}个工作日{rules.basis}。", code="days")


def request_extension(clock: Clock, *, days: int, reason: str, actor) -> ExtensionRequest:
    """Ask for ``days`` more working days on ``clock``; the request waits for a decision."""
    rules = rules_for(clock)
    subject = clock.subject
    access.require(actor, rules.request_permission, rules.request_object(subject))
    reason = (reason or "").strip()
    days = int(days)
    rules.check(subject, clock, days)
    if not reason:
        raise DomainError(f"请写明需要延长{rules.what}的理由。", code="reason")
    with transaction.atomic():
        # The clock's row lock orders concurrent requests: the second finds the first pending.
        locked = Clock.objects.select_for_update().get(pk=clock.pk)
        _check_caps(locked, days, rules)
        if locked.is_finished:
            raise DomainError(f"{rules.what}已经结束，不能延长。", code="clock_finished")
        if locked.extension_requests.pending().exists():
            raise DomainError("已有一份延期申请在等待审批。", code="extension_pending")
        request = ExtensionRequest.objects.create(
            clock=locked, days=days, reason=reason, requested_by=actor
        )
        rules.requested(request, subject, actor)
        record(
            f"{rules.audit_prefix}.request_extension",
            actor=actor,
            obj=subject,
            after={"days": days},
        )
    return request


def decide_extension(
    request: ExtensionRequest, *, approve: bool, actor, comment: str = ""
) -> ExtensionRequest:
    """Approve (the clock is extended) or refuse (with a comment) a pending request.

    The decision is claimed with one conditional UPDATE: of two people deciding
    at the same time, one wins and the other is told it is decided.
    """
    clock = request.clock
    rules = rules_for(clock)
    subject = clock.subject
    access.require(actor, rules.decide_permission, subject)
    if request.approved is not None:
        raise DomainError("该延期申请已经审批。", code="decided")
    comment = (comment or "").strip()
    if not approve and not comment:
        raise DomainError("不同意延期的，请填写意见。", code="comment")
    now = timezone.now()
    with transaction.atomic():
        claimed = ExtensionRequest.objects.filter(pk=request.pk, approved__isnull=True).update(
            approved=approve, decided_by=actor, decided_at=now, comment=comment
        )
        if not claimed:
            raise DomainError("该延期申请已被他人审批，请刷新页面。", code="decided")
        request.approved, request.decided_by, request.decided_at = approve, actor, now
        request.comment = comment
        if approve:
            clock = extend_clock(clock, days=request.days, reason=request.reason, approver=actor)
        rules.decided(request, subject, clock, actor)
        record(
            f"{rules.audit_prefix}.decide_extension",
            actor=actor,
            obj=subject,
            after={"approved": approve},
        )
    request.refresh_from_db()
    return request


def extension_possible(clock: Clock | None) -> bool:
    """An unfinished clock with an extension left and no request waiting for a decision."""
    if clock is None or clock.is_finished:
        return False
    return (
        clock.max_extensions > clock.extensions.count()
        and clock.max_extension_days > clock.extension_days()
        and not clock.extension_requests.pending().exists()
    )


def _pending_of_row(model: type[models.Model]):
    return ExtensionRequest.objects.pending().filter(
        clock__content_type=ContentType.objects.get_for_model(model),
        clock__object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )


def pending_extension(model: type[models.Model]) -> Exists:
    """``Exists`` for a queryset of ``model``: one of the row's clocks has a pending request."""
    return Exists(_pending_of_row(model))


def with_pending_extension(model: type[models.Model]) -> models.QuerySet:
    """The (integer) primary keys of the ``model`` rows with a pending request, for ``pk__in=``
    (also where ``OuterRef`` cannot reach the row, e.g. in an aggregate's ``filter``)."""
    return (
        ExtensionRequest.objects.pending()
        .for_model(model)
        .annotate(subject_pk=Cast("clock__object_id", output_field=models.BigIntegerField()))
        .values("subject_pk")
    )


def pending_extension_since(model: type[models.Model]) -> Subquery:
    """For a queryset of ``model``: when its oldest pending request was made (else NULL)."""
    return Subquery(
        _pending_of_row(model).order_by("requested_at", "pk").values("requested_at")[:1]
    )
