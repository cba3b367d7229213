"""受理 (acceptance), 不予受理 (refusal) and the one 补正 (correction notice), Art. 32.

The law gives the department 5 working days from receipt to tell an applicant,
once and completely, what is missing; if it does not, the application counts
as accepted on the day it was received. Here that is enforced at the moment it
matters and by a daily job:

* ``accept`` after the window: the case is accepted as of the day received
  (视为受理, ``deemed_accepted``), so the decision clock runs from receipt;
* ``request_correction`` or ``refuse`` after the window: refused; the case is
  deemed accepted first (in its own transaction) and the clerk is told why;
* ``deem_overdue_cases`` (the job): every case still 待受理 past its window
  without a notice is deemed accepted, on the day received.

A second 补正 notice is refused whatever the date: the law asks for one notice
listing everything.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import complete_clock, start_clock

from ... import rules
from ...case_flow import CASE_FLOW
from ...models import Case, CaseMaterial, CaseState, Correction
from .common import (
    CORRECTION_NOTICE,
    DECISION,
    PROMISE,
    add_step,
    check_date,
    clock,
    staff_url,
    sync_due,
    today,
)

DEEMED = "deemed_accepted"  # the refusal code when a late act found the case deemed accepted


def decision_limit(case: Case) -> int:
    """The decision's limit in working days: joint handling 45, else the guide's legal
    limit (20 when the guide gives none)."""
    if case.joint:
        return rules.JOINT_DECISION_DAYS
    limit = case.guide.legal_limit
    return rules.DECISION_DAYS if limit is None else limit


def window_passed(case: Case, on: date) -> bool:
    """The 补正 window is over on ``on`` and no notice was sent."""
    return (
        case.correction_notice_by is not None
        and on > case.correction_notice_by
        and not Correction.objects.filter(case=case).exists()
    )


def _start_decision_clocks(case: Case, accepted_on: date, actor) -> None:
    limit = decision_limit(case)
    start_clock(
        case,
        stage=DECISION,
        label=f"作出决定 {case.number}",
        department=case.department,
        start_date=accepted_on,
        limit_days=max(limit, 1),  # 即办件 (0) is counted as one working day
        max_extensions=1,
        max_extension_days=rules.max_extension(limit, joint=case.joint),
        url=staff_url(case),
        actor=actor,
    )
    promised = case.guide.promised_limit
    if promised is not None and not case.joint:
        start_clock(
            case,
            stage=PROMISE,
            label=f"承诺时限 {case.number}",
            department=case.department,
            start_date=accepted_on,
            limit_days=max(promised, 1),
            url=staff_url(case),
            actor=actor,
        )


def _finish_correction_window(case: Case, on: date, actor) -> None:
    found = clock(case, CORRECTION_NOTICE)
    if found is not None and not found.is_finished:
        complete_clock(found, on=on, actor=actor)


def _deem(case: Case, *, on: date, actor=None) -> Case:
    with transaction.atomic():
        CASE_FLOW.apply(
            case,
            "deem_accept",
            actor=actor,
            changes={"accepted_on": case.received_on, "deemed_accepted": True},
            on=on,
        )
        _finish_correction_window(case, on, actor)
        _start_decision_clocks(case, case.received_on, actor)
        add_step(
            case,
            "deemed_accepted",
            "视为受理",
            on=on,
            actor=actor,
            text=f"补正告知期限已于{cn_date(case.correction_notice_by)}届满，未告知补正；"
            f"依《行政许可法》第三十二条，自收到申请之日（{cn_date(case.received_on)}）起即为受理，"
            "办理期限自该日起计算。",
        )
        sync_due(case)
    return case


def deem_if_late(case: Case, on: date, actor=None) -> bool:
    """Deem ``case`` accepted if it is 待受理 and its 补正 window passed; True if it was."""
    if case.state == CaseState.PENDING and window_passed(case, on):
        _deem(case, on=on, actor=actor)
        return True
    return False


def deem_overdue_cases(on: date | None = None) -> int:
    """The daily job: cases 待受理 whose 补正 window passed without a notice are accepted
    as of the day received. Returns how many."""
    on = on or today()
    late = Case.objects.filter(
        state=CaseState.PENDING, correction_notice_by__lt=on, correction__isnull=True
    )
    count = 0
    for case in late.select_related("guide"):
        count += deem_if_late(case, on)
    return count


def _refuse_late(case: Case, on: date, actor, what: str) -> None:
    if deem_if_late(case, on, actor):
        raise DomainError(
            f"补正告知期限已于{cn_date(case.correction_notice_by)}届满，依法自收到申请之日起"
            f"视为受理，不能再{what}；本件已转入审查，请在办理期限内作出决定。",
            code=DEEMED,
        )


def accept(case: Case, *, actor, on: date | None = None) -> Case:
    """受理 on ``on`` (today by default); after the 补正 window, as of the day received."""
    on = on or today()
    check_date(on, not_before=case.received_on, what="收到申请之日")
    CASE_FLOW.check(case, "accept", actor)
    if case.state == CaseState.PENDING and window_passed(case, on):
        return _deem(case, on=on, actor=actor)
    with transaction.atomic():
        CASE_FLOW.apply(case, "accept", actor=actor, changes={"accepted_on": on}, on=on)
        _finish_correction_window(case, on, actor)
        _start_decision_clocks(case, on, actor)
        add_step(
            case,
            "accepted",
            "受理",
            on=on,
            actor=actor,
            text="申请材料齐全、符合法定形式，予以受理。",
        )
        sync_due(case)
    return case


def refuse(case: Case, *, actor, reasons: str, on: date | None = None) -> Case:
    """不予受理, with the reasons the applicant is told (and their right to review)."""
    on = on or today()
    check_date(on, not_before=case.received_on, what="收到申请之日")
    reasons = (reasons or "").strip()
    CASE_FLOW.check(case, "refuse", actor, reasons)
    _refuse_late(case, on, actor, "作出不予受理决定")
    with transaction.atomic():
        CASE_FLOW.apply(
            case,
            "refuse",
            actor=actor,
            comment=reasons,
            changes={"refused_on": on, "refusal_reasons": reasons},
            on=on,
        )
        for c in case.clocks().values():
            if not c.is_finished:
                complete_clock(c, on=on, actor=actor)
        add_step(case, "refused", "不予受理", on=on, actor=actor, text=reasons)
        sync_due(case)
    return case


def request_correction(case: Case, *, actor, missing: str, on: date | None = None) -> Correction:
    """The one 补正 notice, listing everything missing (one item a line)."""
    on = on or today()
    check_date(on, not_before=case.received_on, what="收到申请之日")
    missing = (missing or "").strip()
    earlier = Correction.objects.filter(case=case).first()
    if earlier is not None:
        raise DomainError(
            f"本件已于{cn_date(earlier.issued_on)}告知补正。依《行政许可法》第三十二条，"
            "补正只能一次性告知，不能再次告知补正。",
            code="correction_once",
        )
    CASE_FLOW.check(case, "request_correction", actor, missing)
    _refuse_late(case, on, actor, "告知补正")
    with transaction.atomic():
        CASE_FLOW.apply(case, "request_correction", actor=actor, comment=missing, on=on)
        correction = Correction.objects.create(
            case=case, issued_on=on, missing=missing, issued_by=actor
        )
        _finish_correction_window(case, on, actor)
        add_step(
            case,
            "correction_requested",
            "一次性告知补正",
            on=on,
            actor=actor,
            text=missing,  # the notice's list, as the applicant reads it (and the comment)
        )
        sync_due(case)
    return correction


def supply_correction(
    case: Case, *, note: str = "", files: list = (), actor=None, on: date | None = None
) -> Correction:
    """The applicant supplies what the notice asked for (online, or at the counter with
    ``actor`` the clerk); the case waits for acceptance again."""
    from gongkai.files.services import store_upload

    from .intake import MATERIAL_KINDS

    on = on or today()
    note = (note or "").strip()
    files = list(files)
    correction = Correction.objects.filter(case=case).first()
    if case.state != CaseState.CORRECTION or correction is None:
        raise DomainError("本件目前不需要补正。", code="wrong_state")
    if not note and not files:
        raise DomainError("请上传补正材料，或写明补正的内容。", code="empty")
    with transaction.atomic():
        CASE_FLOW.apply(case, "supply_correction", actor=actor, on=on)
        Correction.objects.filter(pk=correction.pk).update(supplied_on=on, supply_note=note)
        for material, upload in files:
            stored = store_upload(upload, allowed_kinds=MATERIAL_KINDS)
            CaseMaterial.objects.create(
                case=case, material=material, file=stored, correction=correction
            )
        add_step(
            case,
            "correction_supplied",
            "提交补正材料",
            on=on,
            actor=actor,
            text=(note or "已上传补正材料。") + f"（{len(files)}个文件）" if files else note,
        )
    correction.refresh_from_db()
    return correction
