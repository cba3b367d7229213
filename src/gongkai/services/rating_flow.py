"""The transition table of the follow-up of a named 差评 (``RatingFollowUp``).

    待回访 callback ──record_call (the call: date, who, what the applicant said)──▶ 整改中 rectifying
    rectifying ──rectify (the department's answer; completes the clock)──▶ 已整改 rectified
    rectified ──rerate (the applicant's re-rating, no permission)──▶ 已复评 rerated

The call (已回访) is the ``record_call`` line of the timeline; the rectification
clock runs from the day of the 差评 (``services.ratings``).
"""

from gongkai.workflow import Transition, Workflow

from .models import FollowUpState as S

FOLLOW_UP_FLOW = Workflow(
    "services.rating_follow_up",
    states=dict(S.choices),
    transitions=[
        Transition(
            "record_call",
            S.CALLBACK,
            S.RECTIFYING,
            "services.follow_up_rating",
            "记录回访",
            comment_required=True,
        ),
        Transition(
            "rectify",
            S.RECTIFYING,
            S.RECTIFIED,
            "services.follow_up_rating",
            "答复整改情况",
            comment_required=True,
        ),
        Transition("rerate", S.RECTIFIED, S.RERATED, None, "申请人复评"),
    ],
)
