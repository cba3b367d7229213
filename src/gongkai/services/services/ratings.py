"""好差评: rating a case (online, by the SMS link, at a counter device) and the
follow-up of a named 差评 (the call, the rectification on a working-day clock,
the applicant's re-rating). See ``gongkai.services.models.ratings``.

The SMS link carries a signed token (``django.core.signing``) naming one case;
it expires after ``SMS_LINK_MAX_AGE`` and opens the rating form for exactly that
case without the query password.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.dates import today
from gongkai.core.errors import DomainError, InvalidFields
from gongkai.workdays.clocks import complete_clock, start_clock
from gongkai.workdays.models import Clock

from ..models import (
    BAD_GRADES,
    Case,
    CaseState,
    FollowUpState,
    Grade,
    Rating,
    RatingChannel,
    RatingFollowUp,
    RatingSettings,
    RatingStage,
)
from ..models.ratings import DEFAULT_RECTIFY_DAYS
from ..rating_flow import FOLLOW_UP_FLOW

RECTIFICATION = "rectification"  # the follow-up's clock stage
SMS_LINK_SALT = "gongkai.services.rating"
SMS_LINK_MAX_AGE = 30 * 24 * 3600  # 30 days, in seconds
RATABLE_AT_COMPLETION = frozenset({CaseState.COMPLETED, CaseState.DELIVERED})


class AlreadyRated(DomainError):
    pass


def rectify_days(case: Case) -> int:
    found = RatingSettings.objects.filter(government_id=case.department.government_id).first()
    return found.rectify_days if found is not None else DEFAULT_RECTIFY_DAYS


def can_rate(case: Case, stage: str = RatingStage.COMPLETION) -> bool:
    """Whether the applicant may rate ``case`` at ``stage`` now (not yet rated)."""
    if stage == RatingStage.COMPLETION:
        ready = case.state in RATABLE_AT_COMPLETION
    elif stage == RatingStage.ACCEPTANCE:
        ready = case.accepted_on is not None and case.state != CaseState.REJECTED
    else:
        ready = False
    return ready and not Rating.objects.filter(case=case, stage=stage).exists()


def existing(case: Case, stage: str = RatingStage.COMPLETION) -> Rating | None:
    return Rating.objects.filter(case=case, stage=stage).first()


def _clean(grade, comment: str) -> tuple[int, str]:
    try:
        grade = int(grade)
    except (TypeError, ValueError):
        grade = None
    if grade not in Grade.values:
        raise InvalidFields(
            {"grade": ["请选择评价：非常满意、满意、基本满意、不满意或非常不满意。"]}
        )
    comment = (comment or "").strip()
    if len(comment) > 500:
        raise InvalidFields({"comment": ["评价意见不超过500字。"]})
    return grade, comment


def rate(
    case: Case,
    *,
    grade,
    comment: str = "",
    channel: str = RatingChannel.ONLINE,
    anonymous: bool = False,
    stage: str = RatingStage.COMPLETION,
    actor=None,
    at: datetime | None = None,
) -> Rating:
    """The applicant's rating of ``case`` (``actor``: the clerk at a counter device).
    ``at``: when it was given, only when loading history (the demo); now otherwise.

    A second rating of the same case and stage is refused (``AlreadyRated``): a
    double submission makes one rating. A named 差评 opens its follow-up.
    """
    grade, comment = _clean(grade, comment)
    if stage not in (RatingStage.ACCEPTANCE, RatingStage.COMPLETION):
        raise DomainError("没有这一评价环节。")
    if stage == RatingStage.COMPLETION and case.state not in RATABLE_AT_COMPLETION:
        raise DomainError("办件办结后才能评价。", code="not_completed")
    if stage == RatingStage.ACCEPTANCE and case.accepted_on is None:
        raise DomainError("办件受理后才能评价受理环节。", code="not_accepted")
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                case=case,
                stage=stage,
                grade=grade,
                channel=channel,
                comment=comment,
                anonymous=anonymous,
                rated_at=at or timezone.now(),
                recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            record(
                "services.rating.create",
                actor=actor,
                obj=rating,
                after={"grade": grade, "stage": stage, "channel": channel},
            )
            if grade in BAD_GRADES and not anonymous:
                open_follow_up(rating, actor=actor)
    except IntegrityError:
        raise AlreadyRated("该办件已经评价过，感谢您的评价。", code="already_rated") from None
    return rating


def open_follow_up(rating: Rating, *, actor=None) -> RatingFollowUp:
    case = rating.case
    follow_up = RatingFollowUp.objects.create(rating=rating, department=case.department)
    clock = start_clock(
        follow_up,
        stage=RECTIFICATION,
        label=f"差评整改 {case.number}",
        department=case.department,
        start_date=timezone.localdate(rating.rated_at),
        limit_days=rectify_days(case),
        url=f"/workbench/services/cases/{case.pk}/#follow-up",
        actor=actor,
    )
    follow_up.rectify_due = clock.due_date
    follow_up.save(update_fields=["rectify_due"])
    return follow_up


def rectification_clock(follow_up: RatingFollowUp) -> Clock | None:
    return Clock.objects.for_subject(follow_up).filter(stage=RECTIFICATION).first()


def record_call(
    follow_up: RatingFollowUp, *, actor, notes: str, on: date | None = None
) -> RatingFollowUp:
    """The call to the applicant (回访): date, who, what they said."""
    on = on or today()
    notes = (notes or "").strip()
    if not notes:
        raise InvalidFields({"notes": ["请记录回访情况：申请人反映的问题和诉求。"]})
    FOLLOW_UP_FLOW.apply(
        follow_up,
        "record_call",
        actor=actor,
        comment=notes,
        changes={"called_on": on, "called_by": actor, "call_notes": notes},
        on=on,
    )
    return follow_up


def rectify(
    follow_up: RatingFollowUp, *, actor, answer: str, on: date | None = None
) -> RatingFollowUp:
    """The department's answer: what was rectified. Completes the clock (met or late)."""
    on = on or today()
    answer = (answer or "").strip()
    if not answer:
        raise InvalidFields({"answer": ["请填写整改情况。"]})
    with transaction.atomic():
        FOLLOW_UP_FLOW.apply(
            follow_up,
            "rectify",
            actor=actor,
            comment=answer,
            changes={"rectified_on": on, "answer": answer},
            on=on,
        )
        clock = rectification_clock(follow_up)
        if clock is not None and not clock.is_finished:
            complete_clock(clock, on=on, actor=actor)
    return follow_up


def rerate(
    follow_up: RatingFollowUp,
    *,
    grade,
    comment: str = "",
    channel=RatingChannel.ONLINE,
    at: datetime | None = None,
):
    """The applicant's re-rating after the rectification (a ``Rating`` of stage
    ``rerating``); it opens no further follow-up."""
    grade, comment = _clean(grade, comment)
    if follow_up.state != FollowUpState.RECTIFIED:
        raise DomainError("整改答复后才能复评。", code="not_rectified")
    with transaction.atomic():
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    case=follow_up.rating.case,
                    stage=RatingStage.RERATING,
                    grade=grade,
                    channel=channel,
                    comment=comment,
                    rated_at=at or timezone.now(),
                )
        except IntegrityError:
            raise AlreadyRated("已经复评过，感谢您的评价。", code="already_rated") from None
        FOLLOW_UP_FLOW.apply(
            follow_up,
            "rerate",
            actor=None,
            changes={"rerating": rating},
            at=at,
            on=timezone.localdate(at) if at else None,
        )
    return rating


def pending_rerating(case: Case) -> RatingFollowUp | None:
    return (
        RatingFollowUp.objects.filter(rating__case=case, state=FollowUpState.RECTIFIED)
        .select_related("rating")
        .first()
    )


# -- the SMS link --------------------------------------------------------------


def sms_token(case: Case) -> str:
    return signing.dumps({"case": case.pk}, salt=SMS_LINK_SALT, compress=True)


def case_from_token(token: str) -> Case | None:
    """The case the token names, or ``None`` when tampered with or expired."""
    try:
        data = signing.loads(token, salt=SMS_LINK_SALT, max_age=SMS_LINK_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    pk = data.get("case") if isinstance(data, dict) else None
    return Case.objects.select_related("item", "department").filter(pk=pk).first()


def sms_text(case: Case, base_url: str) -> str:
    from django.urls import reverse

    link = base_url.rstrip("/") + reverse("services_cases_portal:rate", args=[sms_token(case)])
    return f"您的办件{case.number}已办结，请对办理服务进行评价：{link}（30天内有效）"
