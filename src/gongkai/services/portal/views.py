"""Public pages of 政务服务: the catalogue by audience and theme (个人办事、法人办事) and
by department, the filtered list with its search, a guide with every element, its
flow chart and its revision record (修订记录), and the blank forms and samples of
its materials.

Only public items are shown (``gongkai.services.public``). A withdrawn item's
address answers 410 with a page saying 已停止办理, since when and why, so a link
kept from before is not a dead end; a draft's address is a plain 404.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import memo
from gongkai.files.downloads import file_response
from gongkai.orgs.models import Department
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.paging import page_links, paginate
from gongkai.portal.site import site_government

from .. import flowchart
from ..models import Audience, ItemState, Theme
from ..public import public_item, public_items, published_versions, withdrawn_item
from ..services.guides import changes

SECTION = MODULES_BY_SLUG["services"]
MAX_QUERY = 60
FILE_KINDS = {"biaoge": "blank_form", "yangben": "sample"}


def page(request, template: str, context: dict, status: int = 200):
    return render(
        request, f"services/portal/{template}", {"section": SECTION, **context}, status=status
    )


def _site_key() -> str:
    site = site_government()
    return site.code if site is not None else "all"


def themes_by_audience() -> list[tuple[str, str, list[Theme]]]:
    """(audience, label, themes with their count of public items) for both audiences;
    themes without a public item are left out."""

    def compute():
        site = site_government()
        public = Q(items__state=ItemState.PUBLISHED, items__current__isnull=False)
        themes = Theme.objects.annotate(count=Count("items", filter=public)).filter(count__gt=0)
        if site is not None:
            themes = themes.filter(government__path__startswith=site.path)
        themes = list(themes.order_by("audience", "position", "pk"))
        return [
            (value, label, [t for t in themes if t.audience == value])
            for value, label in Audience.choices
        ]

    return memo(f"services.themes:{_site_key()}", compute)


def departments_with_counts() -> list[tuple[Department, int]]:
    """Departments that implement a public item, with how many, in their usual order."""

    def compute():
        counted = dict(
            public_items(site_government())
            .order_by()
            .values_list("department_id")
            .annotate(n=Count("pk"))
        )
        departments = Department.objects.filter(pk__in=counted).select_related("government")
        departments = departments.order_by("government__path", "sort_order", "pk")
        return [(d, counted[d.pk]) for d in departments]

    return memo(f"services.departments:{_site_key()}", compute)


@require_safe
def index(request):
    departments = departments_with_counts()
    return page(
        request,
        "index.html",
        {
            "audiences": themes_by_audience(),
            "departments": departments,
            "total": sum(n for _, n in departments),
        },
    )


@require_safe
def item_list(request):
    items = public_items(site_government())
    themes = [t for _, _, group in themes_by_audience() for t in group]
    departments = [d for d, _ in departments_with_counts()]
    chosen = {"dept": None, "theme": None, "audience": None}
    dept = request.GET.get("dept", "")
    if dept.isdigit():
        chosen["dept"] = next((d for d in departments if d.pk == int(dept)), None)
        items = items.filter(department_id=int(dept))
    slug = request.GET.get("theme", "")
    if slug:
        chosen["theme"] = next((t for t in themes if t.slug == slug), None)
        items = items.filter(themes__slug=slug)
    audience = request.GET.get("audience", "")
    if audience in Audience.values:
        chosen["audience"] = Audience(audience)
        items = items.filter(audiences__contains=audience)
    query = " ".join((request.GET.get("q") or "").split())[:MAX_QUERY]
    if query:
        items = items.filter(Q(name__icontains=query) | Q(code=query))
    items = items.distinct().order_by("department__sort_order", "code", "pk")
    page_obj = paginate(request, items)
    return page(
        request,
        "list.html",
        {
            "themes": themes,
            "departments": departments,
            "audiences": Audience.choices,
            "chosen": chosen,
            "query": query,
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
        },
    )


def power_url(guide) -> str | None:
    """The power's page on 权责清单 when that section is installed (by URL name only:
    one module does not import another)."""
    if guide.power_id is None:
        return None
    try:
        return reverse("powers_portal:power", args=[guide.power_id])
    except NoReverseMatch:
        return None


def revisions(item) -> list[dict]:
    """Each published version, newest first, with what it changed against the one before."""
    versions = published_versions(item)
    return [
        {
            "version": version,
            "changes": changes(versions[i + 1] if i + 1 < len(versions) else None, version),
        }
        for i, version in enumerate(versions)
    ]


@require_safe
def item(request, code: str):
    site = site_government()
    found = public_item(code, site)
    if found is None:
        withdrawn = withdrawn_item(code, site)
        if withdrawn is None:
            raise Http404("没有该事项")
        return page(request, "withdrawn.html", {"item": withdrawn}, status=410)
    guide = found.guide
    steps = list(guide.steps.all())
    return page(
        request,
        "item.html",
        {
            "item": found,
            "guide": guide,
            "materials": guide.materials.all(),
            "steps": steps,
            "questions": guide.questions.all(),
            "chart": flowchart.render(steps, chart_id="flow"),
            "power_url": power_url(guide),
            "revisions": revisions(found),
        },
    )


@require_safe
def material_file(request, code: str, position: int, kind: str):
    """A material's blank form (空白表格) or sample (示范文本), of the current guide only."""
    field = FILE_KINDS.get(kind)
    found = public_item(code, site_government())
    if field is None or found is None:
        raise Http404("没有该文件")
    material = next((m for m in found.guide.materials.all() if m.position == position), None)
    stored = getattr(material, field) if material is not None else None
    if stored is None:
        raise Http404("没有该文件")
    label = "空白表格" if field == "blank_form" else "示范文本"
    extension = stored.original_name.rsplit(".", 1)[-1] if "." in stored.original_name else ""
    name = f"{material.name}（{label}）" + (f".{extension}" if extension else "")
    response = file_response(stored, filename=name)
    response["Cache-Control"] = "public, max-age=3600"
    return response
