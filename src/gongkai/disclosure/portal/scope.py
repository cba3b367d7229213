"""What the public column may show: the catalogue of the site's governments.

The portal is one government's site (``gongkai.portal.site``): its pages show
the public items of that government and of every government under it (its
counties and districts). Without a site profile (a fresh install) the portal
shows every government's public items. Pages are cut by ``gongkai.portal.paging``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from gongkai.orgs.models import Department, DepartmentType, Government
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.paging import PER_PAGE, page_links, paginate, seek_paginate
from gongkai.portal.site import in_scope, site_government

from ..models import InformationItem, KeyArea

# The column's entry in the portal's navigation (``section`` marks it current).
SECTION = MODULES_BY_SLUG["disclosure"]


def public_items(government: Government | None) -> QuerySet[InformationItem]:
    """Public items of ``government`` and the governments under it (all when None)."""
    items = InformationItem.objects.public()
    if government is not None:
        items = items.in_government(government, tree=True)
    return items


def catalogue_of(items: QuerySet[InformationItem], department) -> QuerySet[InformationItem]:
    """``items`` in ``department``'s catalogue (owned or co-published).

    The model's ``in_catalogue_of`` joins the publishing departments and needs
    DISTINCT; a subquery gives the same rows without it, so the list keeps its
    index-ordered scan on a large catalogue.
    """
    through = InformationItem.publishing_departments.through
    co_published = through.objects.filter(department_id=department.pk).values("informationitem_id")
    return items.filter(Q(department_id=department.pk) | Q(pk__in=co_published))


# The columns a list row shows (``_item_list.html``): not the body, the summary or the
# notes, which make a row wide.
LIST_COLUMNS = (
    "id",
    "index_number",
    "title",
    "document_number",
    "item_type",
    "validity",
    "expires_on",
    "published_at",
    "department__name",
)


def for_listing(items: QuerySet[InformationItem]) -> QuerySet[InformationItem]:
    """What a list row shows, in a fixed number of queries (``item.publishers``: the
    publishing departments of a jointly published item, in their order)."""
    return (
        items.select_related("department")
        .only(*LIST_COLUMNS)
        .prefetch_related(
            Prefetch(
                "publishing_departments",
                queryset=Department.objects.order_by("sort_order", "name").only("id", "name"),
                to_attr="publishers",  # a list: a row reads it without a manager's query
            )
        )
    )


def department_or_404(pk: int) -> Department:
    department = Department.objects.filter(pk=pk, active=True).select_related("government").first()
    if department is None or not in_scope(site_government(), department.government):
        raise Http404("没有这个机构。")
    return department


def key_area_or_404(slug: str) -> KeyArea:
    area = (
        KeyArea.objects.filter(slug=slug, active=True)
        .select_related("responsible_department__government")
        .first()
    )
    if area is None:
        raise Http404("没有这个重点领域。")
    return area


@dataclass(frozen=True)
class DepartmentGroup:
    label: str
    departments: list[Department]


def group_by_kind(departments) -> list[DepartmentGroup]:
    """Departments grouped by kind (政府办公室, 政府工作部门 …) in the kinds' order."""
    groups: dict[str, list[Department]] = {}
    for department in departments:
        groups.setdefault(department.kind, []).append(department)
    return [
        DepartmentGroup(label, groups[value])
        for value, label in DepartmentType.choices
        if value in groups
    ]


def listing(
    request, items, per_page: int = PER_PAGE, *, seek: bool = False, count_as: str = ""
) -> dict:
    """``page`` of ``items`` (already filtered) ready for ``_item_list.html``.

    ``seek``: deep pages by cursor rather than offset (``seek_paginate``; the list
    must be ordered by publication). ``count_as``: the name under which the total
    is kept per content version (``pagecache.memo``); it must say everything the
    list's rows depend on (site and filters).
    """
    if not seek:
        page = paginate(request, for_listing(items), per_page)
        return {"page_obj": page, "pagination": page_links(request, page)}
    remember = None
    if count_as:
        from gongkai.core.pagecache import memo

        def remember(count):
            return memo(f"count:{count_as}", count)

    page, links = seek_paginate(request, for_listing(items), per_page, remember=remember)
    return {"page_obj": page, "pagination": links}
