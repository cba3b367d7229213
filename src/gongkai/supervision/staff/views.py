"""The disclosure office's live check of its own site (网站检查), from the records."""

from __future__ import annotations

from types import SimpleNamespace

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.orgs.models import Department, DepartmentType
from gongkai.portal.site import site_government

from ..platform import inspect_platform


@staff_required
@require_safe
def site_check(request):
    government = site_government()
    access.require(request.user, "supervision.inspect", _site_office(government))
    report = inspect_platform(government, timezone.localdate())
    return render(
        request,
        "supervision/staff/site.html",
        {"report": report, "government": government},
    )


def _site_office(government) -> SimpleNamespace:
    """What the check is answered for: the site government's general office, where its
    公开办 sits (no office found: only system administrators may look)."""
    office = (
        Department.objects.filter(
            government=government, kind=DepartmentType.GENERAL_OFFICE, active=True
        ).first()
        if government is not None
        else None
    )
    return SimpleNamespace(access_department=office)
