"""Administrative reconsideration (行政复议) and litigation (行政诉讼) about an application (Table 四)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import access
from gongkai.core.errors import DomainError

from ..models import Application, Challenge, ChallengeKind, ChallengeResult, StepKind
from .common import add_step, audit, check_date


def record_challenge(
    application: Application,
    *,
    kind: str,
    filed_on: date,
    body: str,
    actor,
    case_number: str = "",
    result: str = ChallengeResult.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> Challenge:
    access.require(actor, "applications.record_challenge", application)
    if kind not in ChallengeKind.values:
        raise DomainError("请选择类型：行政复议、直接起诉或复议后起诉。", code="kind")
    if not (body or "").strip():
        raise DomainError("请填写复议机关或受理法院。", code="body")
    check_date(filed_on, not_before=application.concluded_on, what="答复日期")
    if (
        kind == ChallengeKind.LITIGATION_AFTER
        and not application.challenges.filter(kind=ChallengeKind.RECONSIDERATION).exists()
    ):
        raise DomainError("复议后起诉的，请先登记该申请的行政复议。", code="no_reconsideration")
    _check_result(result, decided_on, filed_on)
    with transaction.atomic():
        challenge = Challenge.objects.create(
            application=application,
            kind=kind,
            filed_on=filed_on,
            body=body.strip()[:100],
            case_number=case_number.strip()[:100],
            result=result,
            decided_on=decided_on,
            note=note.strip(),
            recorded_by=actor,
        )
        add_step(
            application,
            StepKind.CHALLENGE,
            on=filed_on,
            text=f"{ChallengeKind(kind).label}（{body.strip()}）：{ChallengeResult(result).label}",
            public=False,
            actor=actor,
        )
        audit(application, "challenge", actor=actor, after={"kind": kind, "result": result})
    return challenge


def _check_result(result: str, decided_on: date | None, filed_on: date) -> None:
    if result not in ChallengeResult.values:
        raise DomainError("请选择结果。", code="result")
    if result == ChallengeResult.PENDING and decided_on is not None:
        raise DomainError("尚未审结的案件不应填写审结日期。", code="decided_on")
    if result != ChallengeResult.PENDING:
        if decided_on is None:
            raise DomainError("已审结的，请填写审结日期。", code="decided_on")
        check_date(decided_on, not_before=filed_on, what="申请或起诉日期")


def record_challenge_result(
    challenge: Challenge, *, result: str, decided_on: date | None, actor
) -> Challenge:
    access.require(actor, "applications.record_challenge", challenge.application)
    _check_result(result, decided_on, challenge.filed_on)
    with transaction.atomic():
        before = {"result": challenge.result}
        Challenge.objects.filter(pk=challenge.pk).update(result=result, decided_on=decided_on)
        add_step(
            challenge.application,
            StepKind.CHALLENGE,
            on=decided_on or challenge.filed_on,
            text=f"{challenge.get_kind_display()}：{ChallengeResult(result).label}",
            public=False,
            actor=actor,
        )
        audit(
            challenge.application,
            "challenge_result",
            actor=actor,
            before=before,
            after={"result": result},
        )
    challenge.refresh_from_db()
    return challenge
