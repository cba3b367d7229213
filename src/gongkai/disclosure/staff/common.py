"""What every staff page of the module shares: finding an item the person may see."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gongkai import access
from gongkai.audit.services import client_ip
from gongkai.workbench.departments import current_department

from ..models import InformationItem

__all__ = ["client_ip", "current_department", "items_visible_to", "visible_item"]


def items_visible_to(user):
    return access.scope(
        user, "disclosure.view_draft", InformationItem.objects.all()
    ).select_related("department", "subject", "genre", "created_by")


def visible_item(request, pk: int) -> InformationItem:
    """The item, if the person may see it in the workbench; else 404 (not 403: no hint)."""
    return get_object_or_404(items_visible_to(request.user), pk=pk)


def fresh(item: InformationItem) -> InformationItem:
    """A copy straight from the database (a bound model form changes its instance)."""
    return InformationItem.objects.select_related("department__government").get(pk=item.pk)


def menu(user) -> dict[str, bool]:
    """Which of the module's pages the person has any use for (the sub-navigation)."""
    return {
        "create": access.can(user, "disclosure.create"),
        "confidentiality": access.can(user, "disclosure.confidentiality_review"),
        "approval": access.can(user, "disclosure.approve"),
        "supervise": access.can(user, "disclosure.supervise"),
    }
