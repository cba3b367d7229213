"""电子监察 (electronic supervision): issuing cards, and the department's and the
supervisor's actions on them.

Cards are issued by one sweep (``sweep``), run by the scheduled job
``services.card_sweep`` (``gongkai.services.jobs``) at 00:10 every day — after the
deemed acceptances (00:02) and the clocks' overdue marks (00:05) — and every hour
from 08:00 to 18:00, so a case that passes a limit or gets an anomaly during the
day is carded within the hour. The case actions are not changed: every rule
reads what a case records, so the sweep alone is enough and is idempotent
(a card already issued for a (case, reason, limit) is never issued again, in any
state: a withdrawn card stays withdrawn).

Limits (open cases only, in bulk; a case paused by a 特别程序 is not counted
against its decision and promise limits while paused):

* 待受理 without a 补正 notice: the 补正 window (``correction_notice_by``);
* 审查中: the legal limit (``decision_due``) and the promise (``promise_due``);
* 已决定: the certificate (``certificate_due``).

``rules.card(due, today, yellow_days)`` gives the colour, with the item's
``yellow_days`` or ``rules.YELLOW_DAYS``. A yellow card has reason 临近办理时限;
a red one 超过法定/承诺办结期限, or 环节超时 for the 补正 window and the certificate.
A yellow card becomes red by issuing a red card: the yellow stays on record.

Anomalies (any case, red):

* 体外办理 — the case was entered after the fact (``entered_late``);
* 环节超时 (补正告知期限) — the 补正 window passed without a notice (``deemed_accepted``);
* 对视为受理的申请不予受理 — refused after the 补正 window, when the law counts the
  application as accepted (Art. 32): the system's only sign of refusing a
  complete application;
* 未说明理由 — a refusal or a denial without reasons, or a 补正 notice listing nothing.

Not carded (the case does not record what would be needed): a fee not in the
guide (cases record no fee) and a second extension attempt (the one extension
is refused by the clock before anything is recorded).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q

from gongkai.core.dates import today as today_
from gongkai.workflow import timeline

from .. import rules
from ..card_flow import CARD_FLOW
from ..models import (
    CardColour,
    CardLimit,
    CardReason,
    Case,
    CaseState,
    Outcome,
    SpecialProcedure,
    SupervisionCard,
)

RED_REASON = {
    CardLimit.LEGAL: CardReason.OVERDUE_LAW,
    CardLimit.PROMISE: CardReason.OVERDUE_PROMISE,
    CardLimit.CORRECTION: CardReason.STAGE_LATE,
    CardLimit.CERTIFICATE: CardReason.STAGE_LATE,
}

ANOMALIES = [
    (CardReason.OUTSIDE_SYSTEM, CardLimit.NONE, Q(entered_late=True), "办件系事后补录"),
    (
        CardReason.STAGE_LATE,
        CardLimit.CORRECTION,
        Q(deemed_accepted=True),
        "补正告知期限届满未告知，视为受理",
    ),
    (
        CardReason.REFUSED_COMPLETE,
        CardLimit.NONE,
        Q(state=CaseState.REJECTED, correction__isnull=True)
        & Q(refused_on__gt=F("correction_notice_by")),
        "补正告知期限届满后不予受理",
    ),
    (
        CardReason.NO_REASONS,
        CardLimit.NONE,
        Q(state=CaseState.REJECTED, refusal_reasons="")
        | Q(outcome=Outcome.DENIED, outcome_reasons="")
        | Q(correction__missing=""),
        "不予受理、不予许可或补正告知未说明理由",
    ),
]


def _limits(case: dict):
    """The (limit, due) pairs counted for an open case now (a row of ``values``)."""
    state = case["state"]
    if state == CaseState.PENDING and not case["has_correction"]:
        yield CardLimit.CORRECTION, case["correction_notice_by"]
    elif state == CaseState.REVIEW and not case["paused"]:
        yield CardLimit.LEGAL, case["decision_due"]
        yield CardLimit.PROMISE, case["promise_due"]
    elif state == CaseState.DECIDED:
        yield CardLimit.CERTIFICATE, case["certificate_due"]


def due_cards(on: date) -> list[SupervisionCard]:
    """The limit cards the open cases should carry on ``on`` (unsaved, not deduplicated)."""
    from ..models.cases import Correction

    paused = SpecialProcedure.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)
    corrected = Correction.objects.filter(case=OuterRef("pk"))
    rows = (
        Case.objects.filter(state__in=[CaseState.PENDING, CaseState.REVIEW, CaseState.DECIDED])
        .annotate(paused=Exists(paused), has_correction=Exists(corrected))
        .values(
            "pk",
            "department_id",
            "state",
            "paused",
            "has_correction",
            "correction_notice_by",
            "decision_due",
            "promise_due",
            "certificate_due",
            "item__yellow_days",
        )
    )
    colour_of: dict[tuple[date, int], str] = {}  # one calendar count per (due, margin)
    cards = []
    for row in rows.iterator(chunk_size=2000):
        margin = row["item__yellow_days"]
        margin = rules.YELLOW_DAYS if margin is None else margin
        for limit, due in _limits(row):
            if due is None:
                continue
            key = (due, margin)
            if key not in colour_of:
                colour_of[key] = rules.card(due, on, margin)
            colour = colour_of[key]
            if colour == rules.GREEN:
                continue
            red = colour == rules.RED
            cards.append(
                SupervisionCard(
                    case_id=row["pk"],
                    department_id=row["department_id"],
                    colour=CardColour.RED if red else CardColour.YELLOW,
                    reason=RED_REASON[limit] if red else CardReason.NEAR_LIMIT,
                    limit=limit,
                    due=due,
                    issued_on=on,
                )
            )
    return cards


def anomaly_cards(on: date) -> list[SupervisionCard]:
    """Red cards for anomalies not yet carded (unsaved)."""
    cards = []
    for reason, limit, condition, detail in ANOMALIES:
        carded = SupervisionCard.objects.filter(case=OuterRef("pk"), reason=reason, limit=limit)
        rows = (
            Case.objects.filter(condition)
            .filter(~Exists(carded))
            .values_list("pk", "department_id")
            .distinct()
        )
        for pk, department_id in rows.iterator(chunk_size=2000):
            cards.append(
                SupervisionCard(
                    case_id=pk,
                    department_id=department_id,
                    colour=CardColour.RED,
                    reason=reason,
                    limit=limit,
                    issued_on=on,
                    detail=detail,
                )
            )
    return cards


def sweep(on: date | None = None) -> list[SupervisionCard]:
    """Issue the cards due on ``on`` (today by default); returns the cards issued."""
    on = on or today_()
    candidates = due_cards(on)
    if candidates:
        ids = {c.case_id for c in candidates}
        issued = set(
            SupervisionCard.objects.filter(case_id__in=ids).values_list(
                "case_id", "reason", "limit"
            )
        )
        candidates = [c for c in candidates if (c.case_id, c.reason, c.limit) not in issued]
    new = candidates + anomaly_cards(on)
    if not new:
        return []
    with transaction.atomic():
        created = SupervisionCard.objects.bulk_create(new, batch_size=1000)
        if any(c.pk is None for c in created):  # backends that do not return keys
            created = list(
                SupervisionCard.objects.filter(issued_on=on, state="issued").filter(
                    case_id__in={c.case_id for c in new}
                )
            )
        by_label: dict[str, list[SupervisionCard]] = {}
        for card in created:
            by_label.setdefault(issue_label(card), []).append(card)
        for label, cards in by_label.items():
            timeline.add_each(cards, "issued", label, workflow=CARD_FLOW.name, on=on)
    return created


def issue_label(card: SupervisionCard) -> str:
    text = f"系统发出{card.get_colour_display()}：{card.get_reason_display()}"
    if card.limit:
        text += f"（{card.get_limit_display()}"
        text += f"{card.due:%Y年%-m月%-d日}）" if card.due else "）"
    return text


# -- the department's and the supervisor's actions -------------------------------


def explain(card: SupervisionCard, *, actor, text: str, ip: str | None = None):
    """The department explains the card (H/R of the case's department)."""
    return CARD_FLOW.apply(
        card, "explain", actor=actor, comment=text, ip=ip, changes={"explanation": text.strip()}
    )


def confirm(card: SupervisionCard, *, actor, comment: str = "", ip: str | None = None):
    """The 监察 confirms the card: it counts in the department's assessment."""
    return CARD_FLOW.apply(card, "confirm", actor=actor, comment=comment, ip=ip)


def withdraw(card: SupervisionCard, *, actor, comment: str, ip: str | None = None):
    """The 监察 withdraws the card, saying why."""
    return CARD_FLOW.apply(card, "withdraw", actor=actor, comment=comment, ip=ip)


def measure(on: date | None = None) -> dict:
    """Benchmark the sweep's reading on the current database without writing: open cases
    read and coloured per second (``python -m gongkai shell -c`` on the demo or a
    generated database; not used by the job)."""
    import time

    on = on or today_()
    open_cases = Case.objects.filter(
        state__in=[CaseState.PENDING, CaseState.REVIEW, CaseState.DECIDED]
    ).count()
    began = time.perf_counter()
    limit_cards = due_cards(on)
    anomalies = anomaly_cards(on)
    seconds = time.perf_counter() - began
    return {
        "open_cases": open_cases,
        "cards_due": len(limit_cards) + len(anomalies),
        "seconds": round(seconds, 3),
        "cases_per_second": round(open_cases / seconds) if seconds else None,
    }
