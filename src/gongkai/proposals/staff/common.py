"""What every staff page of 建议提案 shares: what a person may see, finding one item
(404 when they may not see it), and the sub-navigation."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gongkai import access

from ..models import Proposal, Session

VIA_ASSIGNMENTS = {"assignments__department": {"assignments__active": True}}


def items_visible_to(user):
    """Items the person may see: through the session's office or an active assignment."""
    viewable = access.scope(
        user,
        "proposals.view",
        Proposal.objects.all(),
        department_field="session__office",
        also_via=VIA_ASSIGNMENTS,
    )
    return Proposal.objects.filter(pk__in=viewable.values("pk")).select_related(
        "session", "lead_department"
    )


def sessions_visible_to(user):
    """Sessions the person runs as office, or that have an item they may see."""
    run = access.scope(user, "proposals.view", Session.objects.all(), department_field="office")
    with_items = items_visible_to(user).values("session_id")
    return (
        Session.objects.filter(pk__in=run.values("pk")) | Session.objects.filter(pk__in=with_items)
    ).distinct()


def visible_item(request, pk: int) -> Proposal:
    return get_object_or_404(items_visible_to(request.user), pk=pk)


def visible_session(request, pk: int) -> Session:
    return get_object_or_404(sessions_visible_to(request.user), pk=pk)


def menu(user) -> dict[str, bool]:
    return {"office": access.can(user, "proposals.supervise")}
