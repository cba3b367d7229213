"""The transition table of an electronic supervision card (电子监察牌).

    (issued by the system) 已发出 issued ──explain (部门说明)──▶ 已说明 explained
    issued / explained ──confirm (监察确认)──▶ 已确认 confirmed
    issued / explained ──withdraw (监察撤销, comment required)──▶ 已撤销 withdrawn

Issuing is not a transition: ``services.services.cards`` creates the card in
state issued and writes the first line of its timeline.
"""

from gongkai.workflow import Transition, Workflow

from .models import CardState as S

CARD_FLOW = Workflow(
    "services.card",
    states=dict(S.choices),
    transitions=[
        Transition(
            "explain",
            S.ISSUED,
            S.EXPLAINED,
            "services.explain_card",
            "部门说明",
            comment_required=True,
        ),
        Transition(
            "confirm", {S.ISSUED, S.EXPLAINED}, S.CONFIRMED, "services.judge_card", "监察确认"
        ),
        Transition(
            "withdraw",
            {S.ISSUED, S.EXPLAINED},
            S.WITHDRAWN,
            "services.judge_card",
            "监察撤销",
            comment_required=True,
        ),
    ],
)
