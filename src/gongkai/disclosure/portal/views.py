"""The column home, the catalogue, the item page and its attachment downloads,
a county's entry page and the indexes of guides and annual reports."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from gongkai.core import pagecache
from gongkai.files.downloads import file_response
from gongkai.orgs.models import Department, Government
from gongkai.portal.site import departments_under, in_scope, site_government

from ..models import InformationItem, ItemType, KeyArea, SubjectCategory
from . import scope
from .filters import CatalogueFilters, remembered_reference
from .scope import SECTION, listing, public_items

LATEST_ON_HOME = 10


def _render(request, template: str, context: dict, **kwargs):
    return render(
        request, f"disclosure/portal/{template}", {"section": SECTION, **context}, **kwargs
    )


def root_governments(government: Government | None) -> list[Government]:
    """The site's government, or every top-level government without a site profile."""
    if government is not None:
        return [government]
    return list(Government.objects.filter(parent__isnull=True).order_by("code"))


def government_blocks(roots: list[Government]) -> list[dict]:
    """Per root government: its departments by kind and the governments under it."""
    root_ids = [g.pk for g in roots]
    departments = list(
        Department.objects.filter(government_id__in=root_ids, active=True).order_by(
            "sort_order", "name"
        )
    )
    children = list(Government.objects.filter(parent_id__in=root_ids).order_by("code"))
    return [
        {
            "government": root,
            "groups": scope.group_by_kind(d for d in departments if d.government_id == root.pk),
            "children": [c for c in children if c.parent_id == root.pk],
        }
        for root in roots
    ]


@require_safe
def home(request):
    government = site_government()
    items = public_items(government)
    latest = scope.for_listing(items.order_by("-published_at", "-id"))[:LATEST_ON_HOME]
    return _render(
        request,
        "home.html",
        {
            "latest": latest,
            "blocks": government_blocks(root_governments(government)),
            "subjects": SubjectCategory.objects.filter(active=True),
            "key_areas": KeyArea.objects.filter(active=True).select_related(
                "responsible_department"
            ),
        },
    )


@require_safe
def catalogue(request):
    government = site_government()
    items = public_items(government)
    known = remembered_reference(government, departments_under(government), items)
    form = CatalogueFilters(request.GET, items=items, known=known)
    site, filters = government.pk if government is not None else "all", form.key()
    count_as = f"catalogue:{site}:{filters}" if filters else ""  # an invalid form lists none
    return _render(
        request,
        "catalogue.html",
        {
            "form": form,
            "filters_html": _filters_html(request, form, site) if filters else None,
            **listing(request, form.apply(items), seek=True, count_as=count_as),
        },
    )


def _filters_html(request, form: CatalogueFilters, site) -> str:
    """The rendered filter form (about 130 options), kept per site, values as typed and
    content version: the same for every visitor who asks for the same filters."""
    typed = urlencode(sorted((name, request.GET.get(name, "")) for name in form.fields))
    rendered = pagecache.memo(
        f"catalogue-form:{site}:{request.path}:{typed}",
        lambda: str(
            render_to_string("disclosure/portal/_filters.html", {"form": form}, request=request)
        ),
    )
    return mark_safe(rendered)  # noqa: S308 (our own template's output, escaped when made)


# The related documents of the item page: (list, relation, this item's column, the
# other item's column). Most items have none, so one query asks every relation at once.
RELATIONS = [
    ("replaced_by", "replaced_by", "from_informationitem_id", "to_informationitem_id"),
    ("replaces", "replaced_by", "to_informationitem_id", "from_informationitem_id"),
    ("interprets", "interprets", "from_informationitem_id", "to_informationitem_id"),
    ("interpretations", "interprets", "to_informationitem_id", "from_informationitem_id"),
]
RELATED_COLUMNS = (
    "id",
    "index_number",
    "title",
    "document_number",
    "interpretation_form",
    "published_at",
)


@functools.cache
def _links_sql() -> str:
    """The UNION ALL over the relation tables and the key areas' (built once: the
    ORM's five querysets cost more to compile than the query costs to run)."""
    quote = connection.ops.quote_name
    tables = [
        (name, getattr(InformationItem, relation).through._meta.db_table, own, other)
        for name, relation, own, other in RELATIONS
    ]
    areas = InformationItem.key_areas.through._meta.db_table
    tables.append(("key_areas", areas, "informationitem_id", "keyarea_id"))
    return " UNION ALL ".join(
        f"SELECT '{name}', {quote(other)} FROM {quote(table)} WHERE {quote(own)} = %s"  # noqa: S608 (names of our own tables and columns)
        for name, table, own, other in tables
    )


def related_documents(item: InformationItem) -> dict[str, list]:
    """The item page's related lists (replaced by, replaces, interprets, its
    interpretations) plus its key areas, public items only, newest first.

    One query (a UNION ALL over the relation tables) finds the links, then one reads
    the related items and one the key areas, each only when there is any.
    """
    with connection.cursor() as cursor:
        cursor.execute(_links_sql(), [item.pk] * (len(RELATIONS) + 1))
        links = cursor.fetchall()
    found: dict[str, list] = {name: [] for name, *_ in RELATIONS}
    found["key_areas"] = []
    area_ids = [other for kind, other in links if kind == "key_areas"]
    if area_ids:
        found["key_areas"] = list(KeyArea.objects.filter(pk__in=area_ids))
    item_ids = {other for kind, other in links if kind != "key_areas"}
    if item_ids:
        rows = {
            row.pk: row
            for row in InformationItem.objects.public()
            .filter(pk__in=item_ids)
            .only(*RELATED_COLUMNS)
            .order_by("-published_at", "-id")
        }
        position = {pk: n for n, pk in enumerate(rows)}
        for kind, other in sorted(
            (link for link in links if link[0] != "key_areas" and link[1] in rows),
            key=lambda link: position[link[1]],
        ):
            found[kind].append(rows[other])
    return found


def public_item_or_404(index_number: str, *, for_page: bool = False) -> InformationItem:
    """The public item with this 索引号 in the site's scope; 404 for anything else
    (unpublished, withdrawn, not proactive, or another site's)."""
    items = public_items(site_government())
    if for_page:
        items = items.select_related("department__government", "subject", "genre").prefetch_related(
            Prefetch(
                "publishing_departments",
                queryset=Department.objects.order_by("sort_order", "name").only("id", "name"),
                to_attr="publishers",
            ),
        )
    item = items.filter(index_number=index_number).first()
    if item is None:
        raise Http404("没有这条政府信息，或者它已不再公开。")
    return item


@require_safe
def item_page(request, index_number: str):
    item = public_item_or_404(index_number, for_page=True)
    versions = list(item.versions.order_by("revision").defer("snapshot"))
    return _render(
        request,
        "item.html",
        {
            "item": item,
            "related": related_documents(item),
            "attachments": list(item.attachments.select_related("file")),
            "versions": versions,
            "corrected": len(versions) > 1,
        },
    )


@require_safe
def attachment(request, index_number: str, attachment_id: int):
    """Download an attachment of a public item (nothing else is served here)."""
    item = public_item_or_404(index_number)
    found = get_object_or_404(item.attachments.select_related("file"), pk=attachment_id)
    response = file_response(found.file, as_attachment=True)
    # A withdrawn item's files must stop being served at once: no shared caches.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def government_page(request, code: str):
    """A county's (or the city's) entry: its departments and its latest items."""
    site = site_government()
    government = get_object_or_404(Government, code=code)
    if not in_scope(site, government):
        raise Http404("没有这个地区。")
    return _render(
        request,
        "government.html",
        {
            "government": government,
            "org": government_blocks([government])[0],
            **listing(request, public_items(government).order_by("-published_at", "-id")),
        },
    )


@require_safe
def guides(request):
    """政府信息公开指南: every department's guide page, and published guides."""
    government = site_government()
    departments = list(departments_under(government))
    by_government: dict[int, dict] = {}
    for department in departments:
        entry = by_government.setdefault(
            department.government_id, {"government": department.government, "departments": []}
        )
        entry["departments"].append(department)
    items = public_items(government).filter(item_type=ItemType.GUIDE)
    return _render(
        request,
        "guides.html",
        {
            "governments": list(by_government.values()),
            **listing(request, items.order_by("-published_at", "-id")),
        },
    )


@require_safe
def reports(request):
    """政府信息公开工作年度报告 of every department and government, by year."""
    government = site_government()
    items = public_items(government).filter(item_type=ItemType.ANNUAL_REPORT)
    form = CatalogueFilters(
        request.GET,
        departments=departments_under(government),
        items=items,
        with_fields=["department", "year"],
    )
    return _render(request, "reports.html", {"form": form, **listing(request, form.apply(items))})
