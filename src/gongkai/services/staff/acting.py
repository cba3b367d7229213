"""The guide editor's actions through the kernel's staff action runner
(``gongkai.workbench.acting.Desk``): invalid input re-renders the item's page
with the bound forms (400, nothing typed is lost); a refusal because the draft
moved on (a colleague submitted or saved it) redirects with the message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError
from gongkai.workbench.acting import Desk

from ..flow import GUIDE_FLOW
from ..models import ServiceItem
from ..services import editing, guides
from . import forms as f
from .pages import departments_for, render_detail, visible_item

DESK = Desk(
    noun="该办事指南",
    detail="workbench:services_staff:detail",
    state_label=lambda item: (
        GUIDE_FLOW.label(d.state) if (d := guides.open_draft(item)) else item.get_state_display()
    ),
    fresh=lambda item: ServiceItem.objects.select_related("department", "current").get(pk=item.pk),
    render_detail=render_detail,
    moved_on=frozenset({"wrong_state", "stale_state", "open_draft"}),
)


@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    departments = departments_for(request.user, "services.new_guide")
    if not departments.exists():
        raise PermissionDenied("无权新建政务服务事项。")
    form = f.ItemForm(request.POST or None, departments=departments)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = editing.create_item(
                    department=data["department"],
                    code=data["code"],
                    name=data["name"],
                    level=data["level"],
                    audiences=data["audiences"],
                    themes=list(data["themes"]),
                    power_code=data["power_code"],
                    actor=request.user,
                )
            except DomainError as refused:
                for name, text in (
                    getattr(refused, "errors", None) or {None: refused.message}
                ).items():
                    form.add_error(name, text)
            else:
                messages.success(request, f"已新建事项“{item.name}”，请编写办事指南。")
                return redirect("workbench:services_staff:detail", pk=item.pk)
    return render(request, "services/staff/new.html", {"form": form}, status=status)


def _draft_or_none(item):
    return guides.open_draft(item)


def _edit(request, pk: int, key: str, make_form, save, label: str, anchor: str):
    item = visible_item(request, pk)
    draft = _draft_or_none(item)
    if draft is None:
        messages.error(request, "该事项没有编辑中的办事指南。")
        return DESK.back(item)
    form = make_form(draft)
    version = f.ExpectedVersionForm(request.POST, prefix=key)
    expected = version.cleaned_data["expected_version"] if version.is_valid() else None
    form.expected_version = expected  # shown again if the page is re-rendered

    def call(data):
        with editing.edit(draft, actor=request.user, expected_version=expected, what=key):
            save(form, draft)
        return f"已保存{label}。"

    return DESK.run(request, item, permission="services.edit_guide", label=f"修改{label}",
                    form=form, key=key, call=call, target=draft, anchor=anchor)  # fmt: skip


@staff_required
@require_POST
def edit_guide(request, pk: int):
    return _edit(
        request, pk, "guide",
        lambda draft: f.GuideForm(request.POST, instance=draft, prefix="guide"),
        lambda form, draft: editing.save_fields(form, draft),
        "办事指南要素", "elements",
    )  # fmt: skip


def _rows(formset_class, key: str, label: str):
    @staff_required
    @require_POST
    def view(request, pk: int):
        return _edit(
            request, pk, key,
            lambda draft: formset_class(request.POST, request.FILES, instance=draft, prefix=key),
            lambda formset, draft: editing.save_rows(formset, draft, actor=request.user),
            label, key,
        )  # fmt: skip

    return view


edit_materials = _rows(f.MaterialFormSet, "materials", "申请材料")
edit_steps = _rows(f.StepFormSet, "steps", "办理流程")
edit_questions = _rows(f.QuestionFormSet, "questions", "常见问题")


def _on_draft(request, pk, *, key, form, permission, label, call):
    item = visible_item(request, pk)
    draft = _draft_or_none(item)
    if draft is None:
        messages.error(request, "该事项没有编辑中或待审核的办事指南，页面已刷新。")
        return DESK.back(item)
    return DESK.run(request, item, permission=permission, label=label, form=form, key=key,
                    call=lambda data: call(draft, data), target=draft)  # fmt: skip


@staff_required
@require_POST
def submit(request, pk: int):
    return _on_draft(
        request, pk, key="submit", form=f.ConfirmForm(request.POST, prefix="submit"),
        permission="services.edit_guide", label="送审",
        call=lambda draft, data: guides.submit(draft, actor=request.user) and "已送审。",
    )  # fmt: skip


@staff_required
@require_POST
def send_back(request, pk: int):
    def call(draft, data):
        guides.send_back(draft, actor=request.user, comment=data["comment"])
        return "已退回修改。"

    return _on_draft(request, pk, key="return", form=f.ReturnForm(request.POST, prefix="return"),
                     permission="services.publish_guide", label="退回修改", call=call)  # fmt: skip


@staff_required
@require_POST
def publish(request, pk: int):
    def call(draft, data):
        guides.publish(draft, actor=request.user, on=data["on"])
        return f"已发布第{draft.number}版办事指南。"

    return _on_draft(request, pk, key="publish", form=f.PublishForm(request.POST, prefix="publish"),
                     permission="services.publish_guide", label="审核通过并发布", call=call)  # fmt: skip


@staff_required
@require_POST
def new_draft(request, pk: int):
    item = visible_item(request, pk)

    def call(data):
        draft = guides.new_draft(item, actor=request.user, change_note=data["change_note"])
        return f"已新建第{draft.number}版办事指南（复制自现行版本），请修改后送审。"

    return DESK.run(request, item, permission="services.new_guide", label="修订办事指南",
                    form=f.NewDraftForm(request.POST, prefix="new_draft"), key="new_draft",
                    call=call)  # fmt: skip


@staff_required
@require_POST
def withdraw(request, pk: int):
    item = visible_item(request, pk)

    def call(data):
        guides.withdraw(item, actor=request.user, on=data["on"], reason=data["reason"])
        return "该事项已停止办理，不再在网上公开。"

    return DESK.run(request, item, permission="services.withdraw_item", label="停止办理",
                    form=f.WithdrawForm(request.POST, prefix="withdraw"), key="withdraw",
                    call=call)  # fmt: skip
