"""The transition table of a citizen's message (the 留言板办理工作规定 as software).

    留言 ─submit─▶ 待受理 triage ──assign (交办: lead + co)──▶ 待签收 assigned ─sign─▶ 办理中 handling
        └─(links only / repeated text)─▶ 待人工核查 held ─release─▶ 待受理
    triage/held ─refuse (reason)─▶ 不予受理;  ─merge (duplicate)─▶ 已合并
    assigned/handling ─return_misrouted (≤2 working days, reason)─▶ 待受理 (back to triage)
    handling ─submit_reply─▶ 答复待审核 ─approve_reply (office)─▶ 已回复 ─rate/close─▶ 已办结
                                └─return_reply (comment)─▶ handling
    replied ─reopen (不满意, once)─▶ handling (new reply clock, round 2)

Lead-department steps are checked against the lead ``Assignment``
(``access_object``); the writer's steps (rating) and the jobs' (closing
unrated messages) carry no permission: the service authenticated the writer.
"""

from gongkai.workflow import Transition, Workflow

from .models import MessageState as S

FLOW = Workflow(
    "interaction.message",
    states=dict(S.choices),
    transitions=[
        Transition("release", S.HELD, S.TRIAGE, "messages.triage", "核查通过，转入受理"),
        Transition(
            "refuse",
            {S.HELD, S.TRIAGE},
            S.REFUSED,
            "messages.triage",
            "不予受理",
            comment_required=True,
        ),
        Transition("merge", {S.HELD, S.TRIAGE}, S.MERGED, "messages.triage", "合并重复留言"),
        Transition("assign", S.TRIAGE, S.ASSIGNED, "messages.triage", "交办"),
        Transition("sign", S.ASSIGNED, S.HANDLING, "messages.handle", "签收"),
        Transition(
            "return_misrouted",
            {S.ASSIGNED, S.HANDLING},
            S.TRIAGE,
            "messages.handle",
            "交办有误，退回",
            comment_required=True,
        ),
        Transition("submit_reply", S.HANDLING, S.REPLY_REVIEW, "messages.handle", "答复提交审核"),
        Transition(
            "return_reply",
            S.REPLY_REVIEW,
            S.HANDLING,
            "messages.review_reply",
            "退回修改答复",
            comment_required=True,
        ),
        Transition(
            "approve_reply",
            S.REPLY_REVIEW,
            S.REPLIED,
            "messages.review_reply",
            "审核通过，答复留言人",
        ),
        Transition("rate", S.REPLIED, S.CLOSED, None, "留言人评价"),
        Transition("record_callback", S.REPLIED, S.CLOSED, "messages.callback", "回访并登记满意度"),
        Transition("reopen", S.REPLIED, S.HANDLING, None, "不满意，重新办理"),
        Transition("close_unrated", S.REPLIED, S.CLOSED, None, "评价期满，自动办结"),
    ],
)
