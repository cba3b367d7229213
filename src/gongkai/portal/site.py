"""Which government the public site shows, and what lies within it.

The portal is one government's site (the site profile's government): its pages
show that government and every government under it (its counties and
districts). Without a site profile (a fresh install) the portal shows every
government.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.orgs.models import Department, Government

from .profile import get_site_profile


def site_government() -> Government | None:
    profile = get_site_profile()
    return profile.government if profile else None


def in_scope(government: Government | None, other: Government) -> bool:
    """True when ``other`` is on the site of ``government`` (every government when None)."""
    return government is None or other.is_within(government)


def filter_code(government: Government) -> str:
    """The 所属地区 filter (``gov``) a link to a public list (the catalogue, the normative
    library) adds to show ``government`` and those under it: blank for the site's own
    government, whose lists show that already."""
    site = site_government()
    return "" if site is not None and site.pk == government.pk else government.code


def departments_under(government: Government | None) -> QuerySet[Department]:
    """Active departments of ``government`` and the governments under it."""
    departments = Department.objects.filter(active=True).select_related("government")
    if government is not None:
        departments = departments.filter(government__path__startswith=government.path)
    return departments.order_by("government__path", "sort_order", "name")
