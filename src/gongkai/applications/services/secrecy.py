"""保密审查 (secrecy review) of a reply before information is released (条例 Art. 17).

Art. 17 asks every agency to review information for secrecy before it is
disclosed, proactively or on application. Proactive disclosure does it as its
own step with its own right (``disclosure.confidentiality_review``, the
保密审查员) before the leader's approval; a reply does the same:

* it is needed when the drafted reply releases information (予以公开, 部分公开)
  and the agency has an active 保密审查员 — an agency without the role
  approves as before, and replies that release nothing need none;
* it happens while the application is 答复待审核 (reply_review), so queues,
  counts and the reply clock are those of the review; the clock keeps
  running (the review is internal, not a pause the law allows);
* ``pass_secrecy_review`` records who, when, the conclusion and the note
  (a ``SecrecyReview`` row, a self-transition of the workflow with its
  history row and audit event, a line on the timeline) and lets the reviewer
  approve; ``return_secrecy_review`` sends the draft back to the handler
  (办理中) with the reason;
* the reviewer's approval (``approve_reply``) is refused until then; a draft
  submitted again needs a new review (``submit_reply`` clears the pointer).

A person holding both roles takes the two steps one after the other, as in
proactive disclosure: the record says which role concluded what.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.errors import DomainError
from gongkai.orgs.roles import Role

from ..flow import FLOW
from ..models import Application, SecrecyConclusion, SecrecyReview, StepKind, outcome_label
from ..models.taxonomy import DISCLOSING_OUTCOMES
from .common import add_step, check_date, locked, notify_staff, today


def has_secrecy_reviewer(department) -> bool:
    """Does the agency have someone in the 保密审查员 role (active)?"""
    from gongkai.orgs.models import Membership

    return Membership.objects.filter(
        department=department, role=Role.CONFIDENTIALITY, active=True, user__is_active=True
    ).exists()


def secrecy_review_needed(application: Application) -> bool:
    """Must the drafted reply pass 保密审查 before it is approved?"""
    return application.outcome in DISCLOSING_OUTCOMES and has_secrecy_reviewer(
        application.department
    )


def secrecy_review_pending(application: Application) -> bool:
    """In review, needing 保密审查, and not yet passed: the reviewer must wait."""
    return (
        application.state == "reply_review"
        and application.secrecy_review_id is None
        and secrecy_review_needed(application)
    )


def check_secrecy_passed(application: Application) -> None:
    """The guard of ``approve_reply`` (call it on the row locked for the approval)."""
    if application.secrecy_review_id is None and secrecy_review_needed(application):
        raise DomainError(
            f"拟答复“{outcome_label(application.outcome)}”将公开政府信息，须先经本机关保密审查员"
            "保密审查（条例第十七条），审查通过后才能审核出具答复书。",
            code="secrecy_pending",
        )


def _review(
    application: Application, action: str, *, actor, note: str, on: date | None
) -> SecrecyReview:
    on = on or today()
    FLOW.check(application, action, actor, note)
    check_date(on, not_before=application.received_on, what="收到申请之日")
    with transaction.atomic():
        current = locked(application)
        if not secrecy_review_needed(current):
            raise DomainError(
                "该答复不公开政府信息（或本机关未设保密审查员），不需要保密审查。",
                code="secrecy_not_needed",
            )
        if current.secrecy_review_id is not None:
            raise DomainError("该答复稿已经通过保密审查，请刷新页面。", code="decided")
        passed = action == "pass_secrecy_review"
        review = SecrecyReview.objects.create(
            application=current,
            outcome=current.outcome,
            conclusion=SecrecyConclusion.PASSED if passed else SecrecyConclusion.RETURNED,
            note=note.strip(),
            on=on,
            reviewer=actor,
        )
        FLOW.apply(
            application,
            action,
            actor=actor,
            comment=note,
            changes={"secrecy_review": review if passed else None},
        )
        text = f"拟答复：{outcome_label(current.outcome)}。" + (
            f"审查意见：{note.strip()}" if note.strip() else ""
        )
        add_step(
            application,
            StepKind.SECRECY_PASSED if passed else StepKind.SECRECY_RETURNED,
            on=on,
            text=text,
            public=False,
            actor=actor,
        )
        if passed:
            notify_staff(
                application,
                "答复已通过保密审查，待审核",
                f"拟答复：{outcome_label(current.outcome)}",
                roles=(Role.REVIEWER,),
            )
        else:
            notify_staff(application, "答复未通过保密审查，已退回修改", note.strip())
    return review


def pass_secrecy_review(
    application: Application, *, actor, note: str = "", on: date | None = None
) -> SecrecyReview:
    """保密审查通过: the reviewer may now approve the reply."""
    return _review(application, "pass_secrecy_review", actor=actor, note=note, on=on)


def return_secrecy_review(
    application: Application, *, actor, note: str, on: date | None = None
) -> SecrecyReview:
    """保密审查不通过: the draft goes back to the handler (办理中) with the reason."""
    return _review(application, "return_secrecy_review", actor=actor, note=note, on=on)
