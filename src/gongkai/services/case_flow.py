"""The transition table of a case (办件).

    待受理 pending ──accept (受理)──▶ 审查中 review
    pending ──refuse (不予受理, reasons)──▶ 不予受理 rejected
    pending ──request_correction (补正, once, ≤5 working days after receipt)──▶ 待补正 correction
    correction ──supply_correction (the applicant online, or staff at the counter)──▶ pending
    pending ──deem_accept (system: the 补正 window passed, Art. 32)──▶ review
    review ──decide (准予 / 不予许可, reasons)──▶ 已决定 decided
    decided ──issue (制证 or the decision letter, 办结)──▶ 已办结 completed
    completed ──deliver (送达)──▶ 已送达 delivered

特别程序 (special procedures) and the extension happen while the case is 审查中
and do not change its state: they pause or extend the decision clock
(``services.cases.procedures``, ``services.cases.extension``). Transitions with
no permission are taken by a job or by the applicant, whom the calling service
has authenticated with the query password.
"""

from gongkai.workflow import Transition, Workflow

from .models import CaseState as S

CASE_FLOW = Workflow(
    "services.case",
    states=dict(S.choices),
    transitions=[
        Transition("accept", S.PENDING, S.REVIEW, "services.handle_case", "受理"),
        Transition(
            "refuse",
            S.PENDING,
            S.REJECTED,
            "services.handle_case",
            "不予受理",
            comment_required=True,
        ),
        Transition(
            "request_correction",
            S.PENDING,
            S.CORRECTION,
            "services.handle_case",
            "一次性告知补正",
            comment_required=True,
        ),
        Transition("supply_correction", S.CORRECTION, S.PENDING, None, "提交补正材料"),
        Transition("deem_accept", S.PENDING, S.REVIEW, None, "逾期未告知补正，视为受理"),
        Transition(
            "decide", S.REVIEW, S.DECIDED, "services.decide_case", "作出决定", comment_required=True
        ),
        Transition("issue", S.DECIDED, S.COMPLETED, "services.handle_case", "制证办结"),
        Transition("deliver", S.COMPLETED, S.DELIVERED, "services.handle_case", "送达"),
    ],
)
