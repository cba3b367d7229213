"""行政执法决定 (enforcement decisions) on their working-day clocks (双公示).

* ``record_decision``: entered by the body's staff; a 行政许可 (licence) or
  行政处罚 (penalty) decision must be published within 7 working days of the
  decision, another within 20 (``rules.publication_due``); a kernel clock
  (``gongkai.workdays.clocks``, stage ``publish``) counts it, so an unpublished
  decision past its day is overdue and supervised like any other.
* ``publish_decision``: public from that day; the clock completes (late when
  after the due day, flagged ``published_late``). The display period (公示期限)
  is fixed from the ``DisplayPeriod`` table.
* ``withdraw_decision``: a decision revoked or changed (撤销、变更) on a day
  leaves public view within 3 working days (``rules.withdrawal_due``) with the
  reason recorded; a clock (stage ``withdraw``) from the revoking day completes
  when it is withdrawn (late if after the due day).
* ``approve_credit_repair``: 信用修复 (credit repair) requested by the party and
  approved ends the display early, never before the period's minimum.

A natural person's ID number is never stored (``privacy.id_digest``); a legal
person's or 个体工商户's credit code is checked with its check digit.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.dates import today
from gongkai.core.errors import DomainError
from gongkai.core.validators import validate_resident_id, validate_uscc
from gongkai.search.jobs import schedule_reindex
from gongkai.workdays.clocks import complete_clock, start_clock
from gongkai.workdays.models import Clock

from .. import rules
from ..indexing_decisions import SEARCH_SOURCE as DECISIONS_SOURCE
from ..models import Decision, DecisionKind, DisplayPeriod, PartyType, Power, Severity
from ..privacy import id_digest

PUBLISH, WITHDRAW = "publish", "withdraw"
KIND_OF_TYPE = {"行政许可": DecisionKind.LICENCE, "行政处罚": DecisionKind.PENALTY}


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def kind_of(power: Power) -> str:
    """The decision kind of a power's type: 行政许可, 行政处罚, else other."""
    return KIND_OF_TYPE.get(power.power_type.name, DecisionKind.OTHER)


def display_period(kind: str, severity: str, field: str = "") -> DisplayPeriod | None:
    """The table's row for the field if any, else the general one."""
    rows = {
        row.field: row
        for row in DisplayPeriod.objects.filter(kind=kind, severity=severity, field__in=["", field])
    }
    return rows.get(field) or rows.get("")


def _check_party(party_type: str, name: str, uscc: str, id_number: str) -> tuple[str, str]:
    if not name.strip():
        raise DomainError("请填写当事人名称。", code="party")
    if party_type == PartyType.PERSON:
        if uscc:
            raise DomainError("自然人不填写统一社会信用代码。", code="party")
        if id_number:
            try:
                validate_resident_id(id_number)
            except ValidationError as bad:
                raise DomainError(bad.messages[0], code="party_id") from None
        return "", id_digest(id_number)
    code = (uscc or "").strip().upper()
    try:
        validate_uscc(code)
    except ValidationError as bad:
        raise DomainError(f"当事人{bad.messages[0]}", code="party_uscc") from None
    return code, ""


def record_decision(
    body,
    *,
    power: Power,
    case_name: str,
    document_number: str,
    party_type: str,
    party_name: str,
    facts: str,
    basis: str,
    content: str,
    decided_on: date,
    actor,
    party_uscc: str = "",
    party_id_number: str = "",
    legal_representative: str = "",
    amount: Decimal | None = None,
    severity: str = "general",
    field: str = "",
    system: bool = False,
) -> Decision:
    """Enter a decision (not yet public) and start its publication clock."""
    if not system:
        access.require(actor, "enforcement.record_decision", body)
    if decided_on > today():
        raise DomainError("决定日期不能晚于今天。", code="decided_on")
    if party_type not in PartyType.values:
        raise DomainError("当事人类别无效。", code="party")
    if severity not in Severity.values:
        raise DomainError("情节应为一般或严重。", code="severity")
    if not body.powers.filter(pk=power.pk).exists():
        raise DomainError(f"“{power.name}”不在{body.name}行使的行政权力中。", code="power")
    uscc, digest = _check_party(party_type, party_name, party_uscc, party_id_number)
    kind = kind_of(power)
    if Decision.objects.filter(body=body, document_number=document_number.strip()).exists():
        raise DomainError(f"决定书文号“{document_number}”已登记。", code="number")
    with transaction.atomic():
        decision = Decision.objects.create(
            body=body,
            power=power,
            kind=kind,
            severity=severity,
            field=field,
            case_name=case_name.strip(),
            document_number=document_number.strip(),
            party_type=party_type,
            party_name=party_name.strip(),
            party_uscc=uscc,
            party_id_digest=digest,
            legal_representative="" if party_type == PartyType.PERSON else legal_representative,
            facts=facts,
            basis=basis,
            content=content,
            amount=amount,
            decided_on=decided_on,
            publication_due=rules.publication_due(kind, decided_on),
        )
        start_clock(
            decision,
            stage=PUBLISH,
            label=f"公示{decision.get_kind_display()}决定：{decision.document_number}",
            department=body.department,
            start_date=decided_on,
            limit_days=rules.period_days(kind),
            actor=actor,
        )
        record("enforcement.decision_recorded", actor=actor, obj=decision)
    return decision


def _lock(decision: Decision) -> None:
    """Lock the row and refresh the caller's instance (a second click finds it moved on)."""
    Decision.objects.select_for_update().filter(pk=decision.pk).first()
    decision.refresh_from_db()


def _clock(decision: Decision, stage: str) -> Clock | None:
    return Clock.objects.for_subject(decision).filter(stage=stage).first()


def publish_decision(
    decision: Decision, *, actor, on: date | None = None, system=False
) -> Decision:
    """Publish from ``on`` (today by default); late when after ``publication_due``."""
    on = on or today()
    if not system:
        access.require(actor, "enforcement.publish_decision", decision)
    if on < decision.decided_on or on > today():
        raise DomainError("公示日期应在决定日期之后、不晚于今天。", code="published_on")
    period = display_period(decision.kind, decision.severity, decision.field)
    if period is None:
        raise DomainError(
            f"未设置{decision.get_kind_display()}（{decision.get_severity_display()}）的公示期限，"
            "请系统管理员在“公示期限”中补充后再公示。",
            code="display_period",
        )
    with transaction.atomic():
        _lock(decision)
        if decision.state != "draft":
            raise DomainError("该决定已公示或已撤下。", code="state")
        decision.published_on = on
        decision.display_min_until = add_months(on, period.min_months)
        decision.display_ends = add_months(on, period.max_months)
        decision.save(
            update_fields=["published_on", "display_min_until", "display_ends", "updated_at"]
        )
        clock = _clock(decision, PUBLISH)
        if clock is not None and clock.finished_on is None:
            complete_clock(clock, on=on, actor=actor)
        record("enforcement.decision_published", actor=actor, obj=decision)
        schedule_reindex(DECISIONS_SOURCE, decision.pk)
    return decision


def withdraw_decision(
    decision: Decision,
    *,
    revoked_on: date,
    reason: str,
    actor,
    on: date | None = None,
    system=False,
) -> Decision:
    """Take a revoked or changed decision out of public view on ``on`` (today by
    default; an earlier day only for records kept elsewhere), with the reason."""
    if not system:
        access.require(actor, "enforcement.withdraw_decision", decision)
    if not reason.strip():
        raise DomainError("请填写撤下原因（如被撤销、变更的决定文号）。", code="reason")
    on = on or today()
    if on > today():
        raise DomainError("撤下日期不能晚于今天。", code="withdrawn_on")
    if revoked_on < decision.decided_on or revoked_on > on:
        raise DomainError("撤销或变更日期应在决定日期之后、不晚于撤下日期。", code="revoked_on")
    with transaction.atomic():
        _lock(decision)
        if decision.state not in ("draft", "published"):
            raise DomainError("该决定已撤下或已信用修复。", code="state")
        decision.revoked_on = revoked_on
        decision.withdrawal_due = rules.withdrawal_due(revoked_on)
        decision.withdrawn_on = on
        decision.withdrawal_reason = reason.strip()
        decision.save()
        publish = _clock(decision, PUBLISH)
        if publish is not None and publish.finished_on is None:
            from gongkai.workdays.clocks import stop_clock

            stop_clock(publish, on=on, reason="决定被撤销或变更，不再公示", actor=actor)
        if decision.published_on is not None:
            clock = start_clock(
                decision,
                stage=WITHDRAW,
                label=f"撤下被撤销或变更的决定：{decision.document_number}",
                department=decision.body.department,
                start_date=revoked_on,
                limit_days=rules.period_days(rules.WITHDRAWAL),
                actor=actor,
            )
            complete_clock(clock, on=on, actor=actor)
        record(
            "enforcement.decision_withdrawn", actor=actor, obj=decision, after={"reason": reason}
        )
        schedule_reindex(DECISIONS_SOURCE, decision.pk)
    return decision


def approve_credit_repair(
    decision: Decision, *, requested_on: date, reason: str, actor, system=False
) -> Decision:
    """End the display on 信用修复 (credit repair) approved today; refused before the minimum."""
    if not system:
        access.require(actor, "enforcement.credit_repair", decision)
    on = today()
    if decision.state != "published":
        raise DomainError("只有公示中的决定可以信用修复。", code="state")
    if decision.display_min_until and on < decision.display_min_until:
        raise DomainError(
            f"未满最短公示期，不予信用修复：该决定自"
            f"{_day(decision.published_on)}起公示，{_day(decision.display_min_until)}起"
            f"方可申请信用修复。",
            code="too_early",
        )
    if not reason.strip():
        raise DomainError("请填写信用修复说明。", code="reason")
    if requested_on > on or (decision.published_on and requested_on < decision.published_on):
        raise DomainError("信用修复申请日期应在公示之后、不晚于今天。", code="requested_on")
    with transaction.atomic():
        _lock(decision)
        if decision.state != "published":
            raise DomainError("只有公示中的决定可以信用修复。", code="state")
        decision.repair_requested_on = requested_on
        decision.repaired_on = on
        decision.repair_reason = reason.strip()
        decision.save(
            update_fields=["repair_requested_on", "repaired_on", "repair_reason", "updated_at"]
        )
        record("enforcement.credit_repair", actor=actor, obj=decision, after={"reason": reason})
        schedule_reindex(DECISIONS_SOURCE, decision.pk)
    return decision
