"""What the kernel's action runner (``gongkai.workbench.acting``) needs to know of a
message page: how to re-read a message and whether a form is still shown.

An action on a co-handled message is asked of its ``target`` (the lead
department's assignment) where only the lead department may take it.
"""

from __future__ import annotations

from gongkai.workbench.acting import Desk, add_errors

from ..flow import FLOW
from ..models import Message

__all__ = ["DESK", "add_errors", "fresh", "run"]


def fresh(message: Message) -> Message:
    return Message.objects.select_related(
        "channel__government", "message_type", "lead_department", "place"
    ).get(pk=message.pk)


def _shown(user, message: Message, key: str) -> bool:
    from .detail import allowed

    return bool(allowed(user, message).get(key.split(":")[0]))


def _render_detail(request, message: Message, **kwargs):
    from .detail import render_detail

    return render_detail(request, message, **kwargs)


DESK = Desk(
    noun="该留言",
    detail="workbench:interaction_staff:detail",
    state_label=lambda message: FLOW.label(message.state),
    fresh=fresh,
    render_detail=_render_detail,
    shown=_shown,
    # Refusals meaning "someone (or your own earlier click) already acted".
    moved_on=frozenset({"wrong_state", "stale_state", "decided", "extension_once", "not_assigned"}),
)
run = DESK.run
