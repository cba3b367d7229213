"""审核 (moderation) of what the public sends, as transition tables.

    待审核 pending / 不予采用 rejected ─approve─▶ 已通过 approved
    待审核 pending / 已通过 approved ─reject (with the reason)─▶ 不予采用 rejected

A clerk moderates many at once (``Workflow.apply_each``): each comment or entry
gets its own timeline entry and audit event; the batch is authorised on the
consultation (``consultations.moderate``), so the tables name no permission.
"""

from gongkai.workflow import Transition, Workflow

from .models import Moderation as M

_TRANSITIONS = [
    Transition("approve", [M.PENDING, M.REJECTED], M.APPROVED, None, "审核通过"),
    Transition(
        "reject", [M.PENDING, M.APPROVED], M.REJECTED, None, "不予采用", comment_required=True
    ),
]

COMMENTS = Workflow(
    "consultations.comment",
    states=dict(M.choices),
    transitions=_TRANSITIONS,
    state_field="moderation",
)
ENTRIES = Workflow(
    "consultations.entry",
    states=dict(M.choices),
    transitions=_TRANSITIONS,
    state_field="moderation",
)
