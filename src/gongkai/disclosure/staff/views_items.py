"""My department's items: the list, drafting and editing, the item page, attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.concurrency import StaleEdit
from gongkai.files.downloads import file_response
from gongkai.files.services import FileRejected
from gongkai.workflow import timeline

from .. import actions
from ..models import ItemAttachment, ItemState
from ..review import BUTTON_ACTIONS, REVIEW
from ..validation import ItemInvalid
from .common import client_ip, current_department, fresh, items_visible_to, menu, visible_item
from .forms import AttachmentForm, CommentForm, ItemFilterForm, ItemForm

PAGE_SIZE = 20


def _context(request, **extra):
    return {"menu": menu(request.user), "department": current_department(request), **extra}


@staff_required
@require_safe
def item_list(request):
    department = current_department(request)
    items = items_visible_to(request.user)
    items = items.filter(department=department) if department else items.none()
    counts = dict(items.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    form = ItemFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["state"]:
            items = items.filter(state=data["state"])
        if data["item_type"]:
            items = items.filter(item_type=data["item_type"])
        if data["q"]:
            items = items.filter(
                Q(title__icontains=data["q"]) | Q(index_number__icontains=data["q"])
            )
        if data["year"]:
            items = items.filter(created_at__year=data["year"])
    page = Paginator(items.order_by("-updated_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "disclosure/workbench/item_list.html",
        _context(
            request,
            form=form,
            page=page,
            query=query.urlencode(),
            states=[(value, label, counts.get(value, 0)) for value, label in ItemState.choices],
        ),
    )


def _apply_errors(form, error: ItemInvalid) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)


@staff_required
@require_http_methods(["GET", "POST"])
def item_create(request):
    department = current_department(request)
    if department is None or not access.can(request.user, "disclosure.create", department):
        raise PermissionDenied("无权执行此操作：起草政府信息。")
    form = ItemForm(request.POST or None, user=request.user, department=department)
    if request.method == "POST" and form.is_valid():
        data = form.action_data()
        try:
            item = actions.create_draft(
                actor=request.user,
                department=data.pop("department"),
                data=data,
                ip=client_ip(request),
            )
        except ItemInvalid as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "草稿已保存。可以继续上传附件，或提交审核。")
            return redirect("workbench:disclosure:item", pk=item.pk)
    return render(
        request,
        "disclosure/workbench/item_form.html",
        _context(request, form=form, item=None, title="起草政府信息"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    item = visible_item(request, pk)
    access.require(request.user, "disclosure.edit", item)
    form = ItemForm(
        request.POST or None, instance=item, user=request.user, department=item.department
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_draft(
                fresh(item),
                actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                data=form.action_data(),
                ip=client_ip(request),
            )
        except ItemInvalid as error:
            _apply_errors(form, error)
        except StaleEdit as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "修改已保存。")
            return redirect("workbench:disclosure:item", pk=item.pk)
    return render(
        request,
        "disclosure/workbench/item_form.html",
        _context(request, form=form, item=item, title="修改政府信息"),
    )


def _buttons(item, user):
    """The workflow steps this person may take now, as buttons (one of approve/schedule)."""
    from django.utils import timezone

    ahead = item.scheduled_publish_at is not None and item.scheduled_publish_at > timezone.now()
    buttons = []
    for transition in REVIEW.available(item, user):
        if transition.action not in BUTTON_ACTIONS:
            continue
        if transition.action == ("approve" if ahead else "schedule"):
            continue
        buttons.append(transition)
    return buttons


@staff_required
@require_safe
def item_detail(request, pk: int):
    item = visible_item(request, pk)
    can = {
        "edit": access.can(request.user, "disclosure.edit", item),
        "correct": access.can(request.user, "disclosure.correct", item),
        "change_validity": item.has_validity
        and access.can(request.user, "disclosure.change_validity", item),
    }
    return render(
        request,
        "disclosure/workbench/item_detail.html",
        _context(
            request,
            item=item,
            can=can,
            buttons=_buttons(item, request.user),
            comment_form=CommentForm(),
            attachment_form=AttachmentForm() if can["edit"] else None,
            attachments=item.attachments.select_related("file"),
            timeline=timeline.of(item),
            versions=item.versions.select_related("actor"),
            publishers=item.publishing_departments.all(),
        ),
    )


@staff_required
@require_POST
def attachment_add(request, pk: int):
    item = visible_item(request, pk)
    access.require(request.user, "disclosure.edit", item)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.add_attachment(
                item,
                actor=request.user,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                ip=client_ip(request),
            )
        except FileRejected as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, "附件已上传。")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("workbench:disclosure:item", pk=item.pk)


@staff_required
@require_POST
def attachment_remove(request, pk: int, attachment_id: int):
    item = visible_item(request, pk)
    attachment = get_object_or_404(ItemAttachment, pk=attachment_id, item=item)
    actions.remove_attachment(attachment, actor=request.user, ip=client_ip(request))
    messages.success(request, f"附件“{attachment.title}”已删除。")
    return redirect("workbench:disclosure:item", pk=item.pk)


@staff_required
@require_safe
def attachment_download(request, pk: int, attachment_id: int):
    item = visible_item(request, pk)
    attachment = get_object_or_404(
        ItemAttachment.objects.select_related("file"), pk=attachment_id, item=item
    )
    return file_response(attachment.file, filename=attachment.file.original_name)
