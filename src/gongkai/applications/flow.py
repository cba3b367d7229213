"""The transition table of an application (依申请公开).

    online ──submit──▶ 待确认收到 ──confirm (Art. 31 双方确认)──▶ 办理中 in_progress
    in person / post ──register──────────────────────────────▶ 办理中
    待确认收到 ──discard (test, spam, duplicate; never received)──▶ 已作废

    办理中 ──request_correction (补正, once, ≤7 working days after receipt)──▶ 待补正
    待补正 ──receive_correction (clock restarts)──▶ 办理中
    待补正 ──expire_correction (the job)──▶ 已办结 (其他处理 — 逾期不补正)

    办理中 ──issue_fee──▶ 待缴费 ──confirm_payment──▶ 办理中
    待缴费 ──expire_fee (the job)──▶ 已办结 (其他处理 — 逾期未缴费)

    办理中 ──submit_reply──▶ 答复待审核 ──approve_reply──▶ 已答复 ──record_delivery──▶ 已办结
                               └──return_reply (comment)──▶ 办理中

    保密审查 (secrecy review, 条例 Art. 17) of a reply that releases information
    (予以公开, 部分公开) in a department with a 保密审查员, within 答复待审核:
    答复待审核 ──pass_secrecy_review──▶ 答复待审核 (approve_reply possible from now)
               └──return_secrecy_review (comment)──▶ 办理中
    As in proactive disclosure, it has its own right (applications.secrecy_review,
    the 保密审查员) before the reviewer's approval; see services.secrecy.
    any open state ──withdraw (by the applicant)──▶ 已办结 (其他处理 — 其他)

Consultations (Art. 32–34), extensions (Art. 33) and Art. 35 reviews happen
while the application is 办理中 and do not change its state: they pause,
extend or replace the reply clock. Transitions with no permission are taken by
a job or by the applicant, whom the calling service has authenticated.
"""

from __future__ import annotations

from gongkai.workflow import Transition, Workflow

from .models import ApplicationState as S

FLOW = Workflow(
    "applications.application",
    states=dict(S.choices),
    transitions=[
        Transition(
            "confirm", S.AWAITING_CONFIRMATION, S.IN_PROGRESS, "applications.intake", "确认收到"
        ),
        Transition(
            "discard",
            S.AWAITING_CONFIRMATION,
            S.DISCARDED,
            "applications.intake",
            "作废（重复提交、测试等无效数据）",
            comment_required=True,
        ),
        Transition(
            "request_correction",
            S.IN_PROGRESS,
            S.AWAITING_CORRECTION,
            "applications.handle",
            "告知补正",
        ),
        Transition(
            "receive_correction",
            S.AWAITING_CORRECTION,
            S.IN_PROGRESS,
            None,
            "收到补正",
        ),
        Transition(
            "expire_correction", S.AWAITING_CORRECTION, S.CLOSED, None, "逾期未补正，终止办理"
        ),
        Transition("issue_fee", S.IN_PROGRESS, S.AWAITING_FEE, "applications.handle", "收费通知"),
        Transition(
            "confirm_payment", S.AWAITING_FEE, S.IN_PROGRESS, "applications.handle", "确认已缴费"
        ),
        Transition("expire_fee", S.AWAITING_FEE, S.CLOSED, None, "逾期未缴费，终止办理"),
        Transition(
            "submit_reply", S.IN_PROGRESS, S.REPLY_REVIEW, "applications.handle", "答复提交审核"
        ),
        Transition(
            "return_reply",
            S.REPLY_REVIEW,
            S.IN_PROGRESS,
            "applications.approve_reply",
            "退回修改答复",
            comment_required=True,
        ),
        Transition(
            "pass_secrecy_review",
            S.REPLY_REVIEW,
            S.REPLY_REVIEW,
            "applications.secrecy_review",
            "保密审查通过",
        ),
        Transition(
            "return_secrecy_review",
            S.REPLY_REVIEW,
            S.IN_PROGRESS,
            "applications.secrecy_review",
            "保密审查退回修改",
            comment_required=True,
        ),
        Transition(
            "approve_reply",
            S.REPLY_REVIEW,
            S.REPLIED,
            "applications.approve_reply",
            "审核通过并出具答复书",
        ),
        Transition("record_delivery", S.REPLIED, S.CLOSED, "applications.handle", "登记送达"),
        Transition("record_download", S.REPLIED, S.CLOSED, None, "申请人在线下载答复书"),
        Transition(
            "withdraw",
            {S.AWAITING_CONFIRMATION, S.IN_PROGRESS, S.AWAITING_CORRECTION, S.AWAITING_FEE},
            S.CLOSED,
            None,
            "申请人撤回申请",
        ),
    ],
)
