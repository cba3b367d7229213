"""审核 (moderation): what the public sent to the current round, awaiting a decision, and
what was decided already.

A clerk ticks comments and entries and approves them (通过) or rejects them
(不予采用, with a reason) in one go (``services.moderate``). Staff see the text,
the clause and the time; the sender's name only as far as needed to tell
submissions apart, never the phone or email address.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError

from .. import services
from ..models import Consultation, Moderation
from .common import phase_label, refused, to_page, visible_consultation
from .forms import ModerationForm

DONE_SHOWN = 200  # decided items listed (newest first)

TABS = [("pending", "待审核"), ("done", "已审核")]


def _pending(round):
    comments = (
        round.comments.filter(moderation=Moderation.PENDING)
        .select_related("clause")
        .order_by("submitted_at", "id")
    )
    entries = (
        round.entries.filter(moderation=Moderation.PENDING)
        .prefetch_related("files__file")
        .order_by("submitted_at", "id")
    )
    return comments, entries


def render_moderation(request, consultation: Consultation, *, form=None, status=200):
    round = consultation.current_round()
    tab = request.GET.get("tab", "pending")
    if tab not in dict(TABS):
        tab = "pending"
    comments, entries = _pending(round)
    comments, entries = list(comments), list(entries)
    decided_comments = decided_entries = []
    if tab == "done":
        decided_comments = list(
            round.comments.exclude(moderation=Moderation.PENDING)
            .select_related("clause", "moderated_by")
            .order_by("-moderated_at", "-id")[:DONE_SHOWN]
        )
        decided_entries = list(
            round.entries.exclude(moderation=Moderation.PENDING)
            .select_related("moderated_by")
            .order_by("-moderated_at", "-id")[:DONE_SHOWN]
        )
    selected_comments = selected_entries = set()
    if form is not None and form.is_bound:
        selected_comments = {str(v) for v in form.data.getlist("comments")}
        selected_entries = {str(v) for v in form.data.getlist("entries")}
    context = {
        "consultation": consultation,
        "round": round,
        "phase_label": phase_label(consultation),
        "tab": tab,
        "tabs": TABS,
        "comments": comments,
        "entries": entries,
        "pending_count": len(comments) + len(entries),
        "decided_comments": decided_comments,
        "decided_entries": decided_entries,
        "form": form or ModerationForm(comments=comments, entries=entries),
        "may_moderate": access.can(request.user, "consultations.moderate", consultation),
        "selected_comments": selected_comments,
        "selected_entries": selected_entries,
    }
    return render(request, "consultations/staff/moderation.html", context, status=status)


@staff_required
@require_safe
def moderation(request, pk: int):
    return render_moderation(request, visible_consultation(request, pk))


@staff_required
@require_POST
def moderate(request, pk: int):
    consultation = visible_consultation(request, pk)
    back = to_page("moderation", consultation)
    denied = refused(request, "consultations.moderate", consultation, "审核", back)
    if denied is not None:
        return denied
    comments, entries = _pending(consultation.current_round())
    form = ModerationForm(request.POST, comments=comments, entries=entries)
    if form.is_valid():
        data = form.cleaned_data
        approve = data["decision"] == ModerationForm.APPROVE
        try:
            changed = services.moderate(
                consultation,
                comment_ids=data["comments"],
                entry_ids=data["entries"],
                approve=approve,
                note=data["note"],
                actor=request.user,
            )
        except PermissionDenied:
            raise
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            word = "通过" if approve else "不予采用"
            messages.success(request, f"已审核{changed}项：{word}。")
            return back
    return render_moderation(request, consultation, form=form, status=400)
