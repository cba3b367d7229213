"""The guide editor's pages: the items a person keeps (what waits for review and
what lacks elements first) and an item's page with its versions, the open
draft's missing elements named, the editing forms and exactly the actions the
person may take now."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import today
from gongkai.orgs.models import Department
from gongkai.portal.paging import page_links, paginate
from gongkai.workflow import timeline

from ..checking import missing_elements
from ..flow import GUIDE_FLOW
from ..models import GuideState, GuideVersion, ItemState, ServiceItem
from ..services import guides
from . import forms as f

STATES = {
    "": "全部",
    "review": "待审核",
    "draft": "编辑中",
    ItemState.PUBLISHED: "已发布",
    ItemState.WITHDRAWN: "已停止办理",
}


def departments_for(user, action: str):
    return access.scope(user, action, Department.objects.all(), department_field=None).order_by(
        "government__path", "pk"
    )


def visible_item(request, pk: int) -> ServiceItem:
    item = get_object_or_404(ServiceItem.objects.select_related("department", "current"), pk=pk)
    if not access.can(request.user, "services.view", item):
        raise Http404
    return item


def _open(state: str):
    return Exists(GuideVersion.objects.filter(item=OuterRef("pk"), state=state))


@staff_required
@require_safe
def item_list(request):
    if not departments_for(request.user, "services.view").exists():
        raise Http404
    items = access.scope(request.user, "services.view", ServiceItem.objects.all())
    state = request.GET.get("state", "")
    state = state if state in STATES else ""
    query = (request.GET.get("q") or "").strip()[:60]
    items = items.annotate(in_review=_open("review"), in_draft=_open("draft"))
    if state in ("review", "draft"):
        items = items.filter(**{f"in_{state}": True})
    elif state:
        items = items.filter(state=state)
    if query:
        items = items.filter(name__icontains=query) | items.filter(code=query)
    items = items.select_related("department", "current").order_by(
        "-in_review", "-in_draft", "department__government__path", "code"
    )
    page_obj = paginate(request, items, per_page=50)
    return render(
        request,
        "services/staff/list.html",
        {
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
            "query": query,
            "state": state,
            "states": STATES,
            "can_create": departments_for(request.user, "services.new_guide").exists(),
        },
    )


def allowed(user, item: ServiceItem, draft: GuideVersion | None) -> set[str]:
    found = set()
    if draft is not None and access.can(user, "services.edit_guide", draft):
        found |= {"edit", "submit"}
    if draft is not None and access.can(user, "services.publish_guide", draft):
        found |= {"publish", "return"}
    if (
        draft is None
        and item.state != ItemState.WITHDRAWN
        and access.can(user, "services.new_guide", item)
    ):
        found.add("new_draft")
    if access.can(user, "services.withdraw_item", item):
        found.add("withdraw")
    return found


def _forms(keys: set[str], draft, bound) -> dict:
    bound = bound or {}
    made = {}
    classes = {
        "submit": f.ConfirmForm,
        "return": f.ReturnForm,
        "publish": f.PublishForm,
        "new_draft": f.NewDraftForm,
        "withdraw": f.WithdrawForm,
    }
    for key, cls in classes.items():
        if key in keys:
            initial = {"on": today()} if key in ("publish", "withdraw") else None
            made[key] = bound.get(key) or cls(prefix=key, initial=initial)
    if "edit" in keys:
        made["guide"] = bound.get("guide") or f.GuideForm(instance=draft, prefix="guide")
        for key, cls in (
            ("materials", f.MaterialFormSet),
            ("steps", f.StepFormSet),
            ("questions", f.QuestionFormSet),
        ):
            made[key] = bound.get(key) or cls(instance=draft, prefix=key)
    return made


def render_detail(request, item: ServiceItem, *, bound=None, status=200):
    draft = guides.open_draft(item)
    can = allowed(request.user, item, draft)
    published = list(
        item.guides.filter(state__in=[GuideState.PUBLISHED, GuideState.SUPERSEDED]).order_by(
            "-number"
        )
    )
    return render(
        request,
        "services/staff/detail.html",
        {
            "item": item,
            "draft": draft,
            "draft_label": GUIDE_FLOW.label(draft.state) if draft else "",
            "missing": missing_elements(draft) if draft else [],
            "published": published,
            "changes": guides.changes(item.current, draft) if draft and item.current else [],
            "can": can,
            "forms": _forms(can, draft, bound),
            "timeline": timeline.of(draft) if draft else [],
        },
        status=status,
    )


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_item(request, pk))
