"""Review before publishing (发布前审查): the one transition table of an item.

    草稿 draft ──submit──▶ 待保密审查 submitted ──pass_confidentiality──▶ 待领导审批 approval
        ▲                      │ return_confidentiality              │ approve ──▶ 已发布 published
        │                      ▼                                     │ schedule ─▶ 待定时发布 scheduled
    退回修改 returned ◀──────────┴──────────── return_approval ◀─────────┘
    (author edits, then submit again)

    scheduled ──publish_scheduled (the job, at the time)──▶ published
    scheduled ──publish_now──▶ published;   scheduled ──unschedule──▶ approval
    published ──correct (更正, reason)──▶ published (a new version)
    published ──withdraw (撤回, reason)──▶ withdrawn

Who may take each step is the access policy's ``disclosure.*`` rules. The
functions that take the steps (and do the side work) are in ``actions``.
"""

from __future__ import annotations

from gongkai.workflow import Transition, Workflow

from .models import ItemState as S

REVIEW = Workflow(
    "disclosure.item",
    states=dict(S.choices),
    transitions=[
        Transition("submit", {S.DRAFT, S.RETURNED}, S.SUBMITTED, "disclosure.submit", "提交审核"),
        Transition(
            "pass_confidentiality",
            S.SUBMITTED,
            S.APPROVAL,
            "disclosure.confidentiality_review",
            "保密审查通过",
        ),
        Transition(
            "return_confidentiality",
            S.SUBMITTED,
            S.RETURNED,
            "disclosure.confidentiality_review",
            "保密审查退回修改",
            comment_required=True,
        ),
        Transition("approve", S.APPROVAL, S.PUBLISHED, "disclosure.approve", "批准发布"),
        Transition("schedule", S.APPROVAL, S.SCHEDULED, "disclosure.approve", "批准定时发布"),
        Transition(
            "return_approval",
            S.APPROVAL,
            S.RETURNED,
            "disclosure.approve",
            "领导审批退回修改",
            comment_required=True,
        ),
        Transition("publish_scheduled", S.SCHEDULED, S.PUBLISHED, "disclosure.approve", "定时发布"),
        Transition("publish_now", S.SCHEDULED, S.PUBLISHED, "disclosure.approve", "立即发布"),
        Transition("unschedule", S.SCHEDULED, S.APPROVAL, "disclosure.approve", "取消定时发布"),
        Transition(
            "correct",
            S.PUBLISHED,
            S.PUBLISHED,
            "disclosure.correct",
            "更正",
            comment_required=True,
        ),
        Transition(
            "withdraw",
            S.PUBLISHED,
            S.WITHDRAWN,
            "disclosure.withdraw",
            "撤回",
            comment_required=True,
        ),
    ],
)

# Transitions a person takes with a button on the item page (the others need a
# form: the edit page for corrections, or run as a job).
BUTTON_ACTIONS = (
    "submit",
    "pass_confidentiality",
    "return_confidentiality",
    "approve",
    "schedule",
    "return_approval",
    "publish_now",
    "unschedule",
    "withdraw",
)
