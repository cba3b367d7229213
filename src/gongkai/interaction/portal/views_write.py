"""Writing a message (我要留言): the form, the similar answered messages, the receipt.

The order of the checks on a submission:

1. the honeypot (``forms.HONEYPOT``) filled in: answer as if accepted, store
   and count nothing;
2. "先查看类似留言" (no JS): the same form again, everything kept, with the
   similar answered messages above it; nothing is validated or stored;
3. the rate limits (``limits.submit_blocked``, per address and per phone),
   before anything is validated;
4. the form, then ``services.submit_message`` (which validates again and
   stores the attachments); the same form sent again (same idempotency token,
   same content: a double click) answers with the first message and its
   password; the same text from the same phone within minutes from another
   form is refused on the form, telling nothing about the first
   (``gongkai.core.idempotency``); only new messages are counted.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.core import idempotency, ratelimit
from gongkai.core.errors import DomainError
from gongkai.core.net import client_key

from .. import limits, services
from ..models import Channel
from ..validation import MessageInvalid
from . import session
from .common import page, site_channels, too_many
from .forms import WriteForm
from .suggestions import similar

SIMILAR_SCOPE = "messages.similar.ip"
SIMILAR_LIMIT, SIMILAR_WINDOW = 60, 60


def channel_or_404(code: str) -> Channel:
    channel = site_channels().filter(code=code).first()
    if channel is None:
        raise Http404("没有这个留言渠道，或者它已停用。")
    return channel


def _form_page(request, form, channel, *, suggestions=None, files_dropped=False, status=200):
    return page(
        request,
        "write.html",
        {
            "form": form,
            "channel": channel,
            "suggestions": suggestions,
            "files_dropped": files_dropped,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def write(request, code: str):
    channel = channel_or_404(code)
    if channel.staff_recorded:
        return page(
            request,
            "staff_recorded.html",
            {"channel": channel},
            status=200 if request.method == "GET" else 403,
        )
    if request.method == "GET":
        return _form_page(request, WriteForm(channel=channel), channel)
    form = WriteForm(request.POST, request.FILES, channel=channel)
    files_dropped = bool(request.FILES)
    if form.trapped:
        return page(request, "accepted.html", {"channel": channel})
    if request.POST.get("action") == "similar":
        kept = WriteForm(initial=request.POST.dict(), channel=channel)
        suggestions = similar(
            request.POST.get("subject", ""),
            request.POST.get("text", ""),
            government=channel.government,
        )
        return _form_page(
            request, kept, channel, suggestions=suggestions, files_dropped=files_dropped
        )
    ip = client_key(request)
    phone = request.POST.get("writer_phone", "")
    blocked = limits.submit_blocked(ip, phone)
    if blocked is not None:
        return too_many(request, limits.submit_message(blocked), blocked.retry_after)
    if form.is_valid():
        try:
            submission = services.submit_message(
                form.service_data(),
                files=form.cleaned_data.get("files") or [],
                idempotency_key=form.cleaned_data.get("idempotency_key", ""),
                ip=ip,
            )
        except MessageInvalid as invalid:
            for name, errors in invalid.errors.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        except idempotency.Refused as refused:
            idempotency.refuse_on_form(form, refused)
        except DomainError as refused:  # an attachment refused while storing it
            form.add_error("files" if refused.code.startswith("file") else None, refused.message)
        else:
            if submission.created:
                limits.count_submission(ip, form.cleaned_data["writer_phone"])
            session.remember_receipt(
                request, submission.message, submission.password, repeated=not submission.created
            )
            return redirect("interaction_portal:receipt")
    return _form_page(request, form, channel, files_dropped=files_dropped, status=400)


@require_POST
def similar_panel(request):
    """The similar answered messages as an HTML fragment (the form's script asks as one types).

    POST only, with the form's CSRF token: the text being written (a phone number, a name)
    must never be part of a URL, which access logs, proxies and the browser's history keep.
    A GET is refused with 405, whatever it carries.
    """
    result = ratelimit.hit(SIMILAR_SCOPE, client_key(request), SIMILAR_LIMIT, SIMILAR_WINDOW)
    if not result.allowed:
        response = page(request, "_similar.html", {"suggestions": None, "busy": True}, status=429)
        response["Retry-After"] = str(result.retry_after)
        return response
    government = None
    channel = site_channels().filter(code=request.POST.get("channel", "")).first()
    if channel is not None:
        government = channel.government
    suggestions = similar(
        request.POST.get("subject", ""), request.POST.get("text", ""), government=government
    )
    return page(request, "_similar.html", {"suggestions": suggestions, "asked": True})


@never_cache
@require_safe
def receipt(request):
    found = session.receipt(request)
    if found is None:
        return page(request, "receipt_gone.html", status=404)
    message, password, repeated = found
    return page(
        request,
        "receipt.html",
        {"message": message, "password": password, "repeated": repeated},
    )
