"""The 公开办 (disclosure office) over a government.

The 公开办 role held in a department of a government reaches that government
and every government under it. The posts over a government are therefore those
held in a department of the government itself or of one above it: the
governments whose materialised path is a prefix of its own, one indexed query.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Government, Membership
from .roles import Role


def lineage_paths(government: Government) -> list[str]:
    """The paths of ``government`` and of every government above it, top first."""
    codes = government.path.strip("/").split("/")
    return ["".join(f"{code}/" for code in codes[: i + 1]) for i in range(len(codes))]


def office_memberships(government: Government) -> QuerySet[Membership]:
    """The active 公开办 posts (in active departments) whose reach covers ``government``."""
    return Membership.objects.filter(
        role=Role.DISCLOSURE_OFFICE,
        active=True,
        department__active=True,
        department__government__path__in=lineage_paths(government),
    )


def general_office_of(government: Government):
    """The government's active general office (政府办公室), where its 公开办 sits and
    which answers for the government's own matters (its report, its site); None if
    it has none."""
    from .models import Department, DepartmentType

    return Department.objects.filter(
        government=government, kind=DepartmentType.GENERAL_OFFICE, active=True
    ).first()
