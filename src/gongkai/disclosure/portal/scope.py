"""What the public column may show, and the small helpers every page shares.

The portal is one government's site (the site profile's government): its
pages show the public items of that government and of every government under
it (its counties and districts). Without a site profile (a fresh install) the
portal shows every government's public items.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from gongkai.core.pagination import CappedPaginator
from gongkai.orgs.models import Department, DepartmentType, Government
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.profile import get_site_profile

from ..models import InformationItem, KeyArea

PER_PAGE = 20
# The column's entry in the portal's navigation (``section`` marks it current).
SECTION = MODULES_BY_SLUG["disclosure"]


def site_government() -> Government | None:
    profile = get_site_profile()
    return profile.government if profile else None


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


def for_listing(items: QuerySet[InformationItem]) -> QuerySet[InformationItem]:
    """What a list row shows, in a fixed number of queries."""
    return items.select_related("department", "subject", "genre").prefetch_related(
        Prefetch(
            "publishing_departments",
            queryset=Department.objects.order_by("sort_order", "name").only(
                "id", "name", "short_name", "government_id"
            ),
        )
    )


def departments_under(government: Government | None) -> QuerySet[Department]:
    """Active departments of ``government`` and the governments under it."""
    departments = Department.objects.filter(active=True).select_related("government")
    if government is not None:
        departments = departments.filter(government__path__startswith=government.path)
    return departments.order_by("government__path", "sort_order", "name")


def in_scope(government: Government | None, other: Government) -> bool:
    return government is None or other.is_within(government)


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


# -- pagination ---------------------------------------------------------------


def paginate(request, items, per_page: int = PER_PAGE) -> Page:
    """The requested page; a page number that is not a number or too large gives
    the first or last page rather than an error. Counting stops at
    ``CappedPaginator``'s cap (10,000): a million-item catalogue is not counted
    on every page."""
    return CappedPaginator(items, per_page).get_page(request.GET.get("page"))


def url_with(request, **changes) -> str:
    """The current query string with ``changes`` applied (None removes a key)."""
    params = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in changes
        for value in values
    ]
    for key, value in changes.items():
        if value is not None and value != "":
            params.append((key, str(value)))
    query = urlencode(params)
    return f"?{query}" if query else request.path


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    url: str = ""
    current: bool = False


def page_links(request, page: Page) -> dict:
    """Links for ``_pagination.html``: previous, numbers (elided), next."""
    if page.paginator.num_pages <= 1:
        return {"page": page, "links": []}
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == Paginator.ELLIPSIS:
            links.append(PageLink(None))
        else:
            links.append(PageLink(number, url_with(request, page=number), number == page.number))
    return {
        "page": page,
        "links": links,
        "previous": url_with(request, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next": url_with(request, page=page.next_page_number()) if page.has_next() else "",
    }


def listing(request, items, per_page: int = PER_PAGE) -> dict:
    """``page`` of ``items`` (already filtered) ready for ``_item_list.html``."""
    page = paginate(request, for_listing(items), per_page)
    return {"page_obj": page, "pagination": page_links(request, page)}
