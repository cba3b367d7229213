"""Sending a comment or an entry, and voting.

The order of the checks on a submission, as on the message boards:

1. the honeypot filled in: answer as if accepted, store and count nothing;
2. the rate limits (``limits``, per address and per phone), before anything
   is validated;
3. the form, then the service (which validates again and decides, under a
   lock and by the clock, whether the period still accepts it); the same form
   sent twice (a double click: same token, same content) answers with the first
   record and is not counted again; the same text from the same phone under
   another token is not stored again (``gongkai.core.idempotency``).

After a stored submission the browser is sent back to the consultation's
page with a confirmation (post/redirect/get): a reload sends nothing twice.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import idempotency
from gongkai.core.errors import DomainError
from gongkai.core.net import client_key

from .. import limits, services
from ..validation import ParticipationInvalid
from .common import consultation_or_404, page, too_many
from .forms import CommentForm, EntryForm, VoteCodeForm, VoteForm
from .views_detail import _call_context, _context, _draft_context

THANKS = "您的{what}已提交，感谢参与！经审核后{public}。征集结束后，我们将在本页公布意见采纳情况{notice}。"


def _thanks(request, what: str, record, created: bool) -> None:
    if not created:
        messages.info(request, f"您的{what}此前已经提交，无需重复提交。")
        return
    public = (
        "在本页公开（不公开姓名和联系方式）"
        if record.wants_public
        else "供起草部门研究，不在网上公开"
    )
    messages.success(
        request,
        THANKS.format(what=what, public=public, notice="，并短信告知您" if record.phone else ""),
    )


def _page_again(request, consultation, form, *, status=400):
    """The consultation's page with the form as sent and its errors."""
    from django.utils import timezone

    round, rounds = (
        consultation.current_round(),
        sorted(consultation.rounds.all(), key=lambda r: r.number),
    )
    context = _context(consultation, round, rounds, timezone.now())
    context["files"] = list(round.files.select_related("file"))
    if isinstance(form, CommentForm):
        context.update(_draft_context(request, consultation, round, rounds, context))
    else:
        context.update(_call_context(request, round, context))
    context["form"] = form
    return page(request, "detail.html", context, status=status)


def _submit(request, pk: int, form_class, service, what: str):
    consultation = consultation_or_404(pk)
    round = consultation.current_round()
    form = form_class(request.POST, request.FILES, round=round)
    if form.trapped:
        messages.success(request, f"您的{what}已提交，感谢参与！")
        return redirect(consultation.get_public_url())
    ip = client_key(request)
    blocked = limits.blocked(ip, request.POST.get("phone", ""))
    if blocked is not None:
        return too_many(request, limits.refusal_text(blocked), blocked.retry_after)
    if form.is_valid():
        extra = {"files": form.cleaned_data.get("files") or []} if form_class is EntryForm else {}
        try:
            receipt = service(
                round,
                form.service_data(),
                idempotency_key=form.cleaned_data.get("idempotency_key", ""),
                ip=ip,
                **extra,
            )
        except ParticipationInvalid as invalid:
            for name, errors in invalid.errors.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        except idempotency.AlreadySubmitted as refused:
            messages.info(request, refused.message)
            return redirect(consultation.get_public_url())
        except idempotency.Refused as refused:
            idempotency.refuse_on_form(form, refused)
        except DomainError as refused:
            if getattr(refused, "code", "") in ("closed", "not_open", "old_round", "not_published"):
                messages.error(request, refused.message)
                return redirect(consultation.get_public_url())
            form.add_error("files" if refused.code.startswith("file") else None, refused.message)
        else:
            if receipt.created:
                limits.count(ip, form.cleaned_data["phone"])
            _thanks(request, what, receipt.record, receipt.created)
            return redirect(consultation.get_public_url())
    return _page_again(request, consultation, form)


@require_POST
def comment(request, pk: int):
    return _submit(request, pk, CommentForm, services.submit_comment, "意见")


@require_POST
def entry(request, pk: int):
    return _submit(request, pk, EntryForm, services.submit_entry, "作品")


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request, pk: int):
    """Step 1 (phone → SMS code), step 2 (code → the vote). The chosen entry travels in the form."""
    consultation = consultation_or_404(pk)
    round = consultation.current_round()
    back = reverse("consultations_portal:detail", args=[pk])
    entry_id = request.POST.get("entry") or request.GET.get("entry", "")
    entry = round.entries.filter(
        pk=int(entry_id) if entry_id.isdigit() else 0, shortlisted=True
    ).first()
    if entry is None:
        messages.error(request, "请先在入围作品中选择一件再投票。")
        return redirect(back + "#vote")
    context = {"consultation": consultation, "round": round, "entry": entry}
    if request.method == "GET" or request.POST.get("step") == "code":
        form = VoteCodeForm(request.POST or None, initial={"entry": entry.pk})
        if request.method == "POST" and form.is_valid():
            ip = client_key(request)
            blocked = limits.blocked(ip, form.cleaned_data["phone"], codes=True)
            if blocked is not None:
                return too_many(
                    request, limits.refusal_text(blocked, codes=True), blocked.retry_after
                )
            try:
                services.send_vote_code(round, form.cleaned_data["phone"])
            except DomainError as refused:
                form.add_error(
                    "phone" if refused.code in ("phone", "voted") else None, refused.message
                )
            else:
                limits.count(ip, form.cleaned_data["phone"], codes=True)
                code_form = VoteForm(
                    initial={"entry": entry.pk, "phone": form.cleaned_data["phone"]}
                )
                return page(request, "vote.html", {**context, "form": code_form, "sent": True})
        status = 400 if request.method == "POST" else 200
        return page(request, "vote.html", {**context, "form": form}, status=status)
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            services.cast_vote(
                round,
                entry.pk,
                form.cleaned_data["phone"],
                form.cleaned_data["code"],
                ip=client_key(request),
            )
        except DomainError as refused:
            form.add_error("code" if refused.code.startswith("code") else None, refused.message)
        except ValidationError as invalid:  # pragma: no cover (the form checked the fields)
            form.add_error(None, invalid.messages[0])
        else:
            messages.success(
                request, f"投票成功！您投给了{entry.ballot_number}号“{entry.title}”。感谢参与。"
            )
            return redirect(back + "#vote")
    return page(request, "vote.html", {**context, "form": form, "sent": True}, status=400)
