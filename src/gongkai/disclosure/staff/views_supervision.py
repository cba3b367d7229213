"""The disclosure office's (公开办) supervision page: what is late, empty or missing."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.orgs.models import Department

from ..models import DisclosureSettings, InformationItem
from ..queries import (
    empty_categories_by_department,
    late_publications,
    major_policies_without_interpretation,
    unpublished_past_due,
)
from .common import current_department, menu

LIST_LIMIT = 100


@staff_required
@require_safe
def supervision(request):
    access.require(request.user, "disclosure.supervise")
    today = timezone.localdate()
    department = current_department(request)
    items = access.scope(request.user, "disclosure.supervise", InformationItem.objects.all())
    items = items.select_related("department", "government")
    departments = access.scope(
        request.user,
        "disclosure.supervise",
        Department.objects.filter(active=True).select_related("government"),
        department_field=None,
    )
    settings = (
        DisclosureSettings.for_government(department.government)
        if department
        else DisclosureSettings()
    )
    months = settings.expiry_warning_months
    late = late_publications(items)
    overdue = unpublished_past_due(items, today)
    expiring = items.expiring_within(months=months, today=today)
    return render(
        request,
        "disclosure/workbench/supervision.html",
        {
            "menu": menu(request.user),
            "department": department,
            "today": today,
            "late": late[:LIST_LIMIT],
            "late_count": late.count(),
            "overdue": overdue[:LIST_LIMIT],
            "overdue_count": overdue.count(),
            "empty_categories": empty_categories_by_department(departments),
            "missing_interpretations": major_policies_without_interpretation(
                None, today, items=items
            ),
            "expiring": expiring[:LIST_LIMIT],
            "expiring_count": expiring.count(),
            "expiry_months": months,
        },
    )
