"""The transition table of an item (代表建议 / 政协提案).

    待交办 pending ─assign (交办: lead + co units, deadline)─▶ 办理中 handling
    handling ─reassign (改办: the office moves a misassigned item, reason required)─▶ handling
    handling ─submit_reply (答复函 drafted, graded)─▶ 答复函待审签 approval
    approval ─return_reply (comment)─▶ handling
    approval ─approve_reply (unit leader signs, letter sent)─▶ 已答复 replied
    replied ─close (满意 / 基本满意, or 不满意 once re-handling is used up)─▶ 已办结 closed
    replied ─reopen (不满意)─▶ handling (round + 1, new deadline)

Lead-unit steps are checked against the lead ``Assignment`` (``access_object``)
so co-handling units can read and give opinions but not reply.
"""

from gongkai.workflow import Transition, Workflow

from .models import ProposalState as S

FLOW = Workflow(
    "proposals.item",
    states=dict(S.choices),
    transitions=[
        Transition("assign", S.PENDING, S.HANDLING, "proposals.assign", "交办"),
        Transition(
            "reassign",
            S.HANDLING,
            S.HANDLING,
            "proposals.reassign",
            "改办",
            comment_required=True,
        ),
        Transition("submit_reply", S.HANDLING, S.APPROVAL, "proposals.handle", "答复函送审签"),
        Transition(
            "return_reply",
            S.APPROVAL,
            S.HANDLING,
            "proposals.approve_reply",
            "退回修改答复函",
            comment_required=True,
        ),
        Transition("approve_reply", S.APPROVAL, S.REPLIED, "proposals.approve_reply", "审签并答复"),
        Transition(
            "close", S.REPLIED, S.CLOSED, "proposals.record_satisfaction", "登记满意度并办结"
        ),
        Transition(
            "reopen", S.REPLIED, S.HANDLING, "proposals.record_satisfaction", "不满意，重新办理"
        ),
    ],
)
