"""What every staff page of 互动交流 (citizen messages) shares.

* the messages a person may see: ``messages.view`` through the board's office or
  an active assignment, and for confidential ones (举报, private mailbox letters,
  messages the writer did not agree to publish) ``messages.view_confidential``
  as well — department leaders (审核人) who do not handle them do not see them;
* finding one message (404 when the person may not see it: no hint it exists).

Actions run through the kernel's staff action runner (``acting.DESK``).
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from gongkai import access
from gongkai.orgs.models import Government
from gongkai.orgs.roles import Role
from gongkai.workbench.departments import current_department

from ..models import Message

VIA_ASSIGNMENTS = {"assignments__department": {"assignments__active": True}}

# The same test as ``Message.is_confidential``, as a filter.
CONFIDENTIAL = (
    Q(message_type__confidential=True) | Q(wants_public=False) | Q(channel__private_by_nature=True)
)


def messages_visible_to(user):
    """Messages ``user`` may see in the workbench (one SQL query, no duplicates)."""
    base = Message.objects.all()
    viewable = access.scope(
        user, "messages.view", base, department_field="channel__office", also_via=VIA_ASSIGNMENTS
    )
    confidential_ok = access.scope(
        user,
        "messages.view_confidential",
        base,
        department_field="channel__office",
        also_via=VIA_ASSIGNMENTS,
    )
    return (
        Message.objects.filter(pk__in=viewable.values("pk"))
        .filter(~CONFIDENTIAL | Q(pk__in=confidential_ok.values("pk")))
        .select_related("channel__government", "message_type", "lead_department", "place")
    )


def may_view(user, message: Message) -> bool:
    if not access.can(user, "messages.view", message):
        return False
    return not message.is_confidential or access.can(user, "messages.view_confidential", message)


def visible_message(request, pk: int) -> Message:
    """The message, if the person may see it; else 404."""
    return get_object_or_404(messages_visible_to(request.user), pk=pk)


def office_governments(user) -> list[Government]:
    """Governments whose boards the person supervises as 公开办 (the top ones first)."""
    seen = {}
    for membership in access.memberships_of(user):
        if membership.role == Role.DISCLOSURE_OFFICE:
            gov = membership.department.government
            seen.setdefault(gov.pk, gov)
    return sorted(seen.values(), key=lambda g: (len(g.path), g.code))


def supervised_government(request) -> Government | None:
    """The government the office's pages are about: the current department's, when the
    person is 公开办 there; else the first one they supervise."""
    governments = office_governments(request.user)
    if not governments:
        return None
    current = current_department(request)
    if current is not None:
        for gov in governments:
            if gov.pk == current.government_id:
                return gov
    return governments[0]


def my_department_ids(user) -> list[int]:
    return sorted({m.department_id for m in access.memberships_of(user)})


def menu(user) -> dict[str, bool]:
    """Which of the module's pages the person has any use for (the sub-navigation)."""
    return {
        "office": access.can(user, "messages.supervise"),
        "hotline": access.can(user, "messages.record_call"),
    }


__all__ = [
    "CONFIDENTIAL",
    "may_view",
    "menu",
    "messages_visible_to",
    "my_department_ids",
    "office_governments",
    "supervised_government",
    "visible_message",
]
