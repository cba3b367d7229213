"""The application page: who asked what, the clocks, the story so far, the
documents, and the forms of exactly the actions the person may take now."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.files.downloads import file_response
from gongkai.orgs.roles import Role
from gongkai.workdays import CalendarMissing, extensions
from gongkai.workdays.models import Clock, ExtensionRequest

from .. import services
from ..flow import FLOW
from ..models import (
    Application,
    ApplicationState,
    Art35Decision,
    Challenge,
    ChallengeResult,
    CorrectionState,
    FeeMethod,
    FilePurpose,
    FormalNotice,
    IdType,
)
from ..services.common import CORRECTION, FEE_PAYMENT, REPLY, REPLY_ART35, today
from . import forms as f
from .common import client_ip, menu, visible_application

CLOCK_NAMES = {
    REPLY: "答复期限（第三十三条）",
    REPLY_ART35: "答复期限（第三十五条另行确定）",
    CORRECTION: "申请人补正期限（第三十条）",
    FEE_PAYMENT: "申请人缴费期限",
    "consultation": "被征求意见方提出意见期限",
}

# key → (form class, prefix); the prefix keeps the ids of the page's many forms apart.
FORMS = {
    "confirm": (f.ConfirmForm, "confirm"),
    "discard": (f.DiscardForm, "discard"),
    "assign": (f.AssignForm, "assign"),
    "correction": (f.CorrectionForm, "correction"),
    "receive_correction": (f.ReceiveCorrectionForm, "corrected"),
    "consult": (f.ConsultationForm, "consult"),
    "extension": (f.ExtensionForm, "extension"),
    "reasons_request": (f.ReasonsRequestForm, "art35req"),
    "reasons": (f.ReasonsForm, "art35reasons"),
    "art35": (f.Art35DecisionForm, "art35"),
    "fee": (f.FeeIssueForm, "fee"),
    "payment": (f.PaymentForm, "payment"),
    "reply": (f.ReplyForm, "reply"),
    "return": (f.ReturnForm, "return"),
    "secrecy": (f.SecrecyReviewForm, "secrecy"),
    "approve": (f.ApproveForm, "approve"),
    "delivery": (f.DeliveryForm, "delivery"),
    "challenge": (f.ChallengeForm, "challenge"),
}


def form_prefix(key: str) -> str:
    return FORMS[key][1]


def department_staff(application: Application):
    """People who may be made the handler: the agency's handlers and reviewers."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__department=application.department,
            memberships__role__in=[Role.HANDLER, Role.REVIEWER],
            memberships__active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def mask_id(number: str, id_type: str) -> str:
    """居民身份证 and others: keep the first and last few characters only."""
    if not number:
        return ""
    if id_type == IdType.USCC:
        return number  # an organisation's public code
    keep_head, keep_tail = (6, 4) if len(number) >= 15 else (2, 2)
    if len(number) <= keep_head + keep_tail:
        return number[:1] + "*" * (len(number) - 1)
    return number[:keep_head] + "*" * (len(number) - keep_head - keep_tail) + number[-keep_tail:]


def allowed(user, application: Application, day) -> dict[str, bool]:
    """The actions the person may take now: FLOW.available, the access rules, and
    the action's own preconditions (so no form is shown that would only be refused)."""
    flow = {t.action for t in FLOW.available(application, user)}
    handle = access.can(user, "applications.handle", application)
    intake = access.can(user, "applications.intake", application)
    state = application.state
    correction = getattr(application, "correction", None)
    fee = getattr(application, "fee", None)
    art35 = getattr(application, "art35", None)
    reply_clock = application.reply_clock()
    pending_extension = ExtensionRequest.objects.for_subject(application).pending().exists()
    open_consultations = application.consultations.filter(answered_on__isnull=True).exists()
    secrecy_pending = services.secrecy_review_pending(application)
    extension_possible = (
        reply_clock is not None
        and reply_clock.stage == REPLY
        and not pending_extension
        and extensions.extension_possible(reply_clock)
    )
    return {
        "confirm": "confirm" in flow,
        "discard": "discard" in flow,
        "assign": intake and state not in (ApplicationState.CLOSED, ApplicationState.DISCARDED),
        "correction": "request_correction" in flow
        and correction is None
        and (application.correction_notice_by is None or day <= application.correction_notice_by),
        "receive_correction": handle
        and state == ApplicationState.AWAITING_CORRECTION
        and correction is not None
        and correction.state == CorrectionState.PENDING,
        "consult": handle and state == ApplicationState.IN_PROGRESS,
        "consultation_reply": handle and open_consultations,
        "extension": handle and state != ApplicationState.REPLIED and extension_possible,
        "decide_extension": pending_extension
        and access.can(user, "applications.approve_extension", application),
        "reasons_request": handle and state == ApplicationState.IN_PROGRESS and art35 is None,
        "reasons": handle and art35 is not None and not art35.decision,
        "art35": handle
        and art35 is not None
        and not art35.decision
        and state == ApplicationState.IN_PROGRESS,
        "fee": "issue_fee" in flow and fee is None,
        "payment": "confirm_payment" in flow,
        "reply": "submit_reply" in flow,
        "reply_blocked": "submit_reply" in flow and open_consultations,
        "secrecy": "pass_secrecy_review" in flow and secrecy_pending,
        "secrecy_pending": secrecy_pending,
        "review": "approve_reply" in flow and not secrecy_pending,
        "return_reply": "return_reply" in flow,
        "delivery": "record_delivery" in flow,
        "challenge": access.can(user, "applications.record_challenge", application),
    }


def _initial_forms(application: Application, user, can: dict, request) -> dict:
    forms = {}
    for key, (cls, prefix) in FORMS.items():
        kwargs = {"prefix": prefix}
        if key == "assign":
            kwargs["staff"] = department_staff(application)
            kwargs["initial"] = {"assignee": application.assignee_id}
        elif key == "reply":
            kwargs["application"] = application
            kwargs["initial"] = {
                "expected_version": application.version,
                "outcome": application.outcome,
                "legal_basis": application.legal_basis,
                "reply_text": application.reply_text,
                "referred_agency_name": application.referred_agency_name,
                "referred_agency_contact": application.referred_agency_contact,
                "forward_to": application.forward_department_id,
            }
        elif key == "fee":
            kwargs["initial"] = {
                "fee_method": request.GET.get("fee_method") or FeeMethod.BY_COUNT,
                "fee_pages": request.GET.get("fee_pages") or None,
            }
        forms[key] = cls(**kwargs)
    return forms


def _fee_quote(request, application: Application, can: dict) -> dict | None:
    """The amount a fee notice would charge: by count at once, by pages when asked (GET)."""
    if not can["fee"]:
        return None
    result = {"form": None, "count": None, "pages": None, "error": ""}
    try:
        quantity, amount, basis = services.quote(application, FeeMethod.BY_COUNT)
        result["count"] = {"quantity": quantity, "amount": amount, "basis": basis}
    except DomainError as error:
        result["error"] = error.message
    form = f.FeeQuoteForm(request.GET if "fee_method" in request.GET else None)
    result["form"] = form
    if form.is_bound and form.is_valid():
        method = form.cleaned_data["fee_method"]
        try:
            quantity, amount, basis = services.quote(
                application, method, form.cleaned_data.get("fee_pages")
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            result["pages" if method == FeeMethod.BY_PAGES else "count"] = {
                "quantity": quantity,
                "amount": amount,
                "basis": basis,
            }
            result["asked"] = method
    return result


def _clocks(application: Application, day) -> list[dict]:
    rows = []
    subjects = [application, *application.consultations.all()]
    for subject in subjects:
        for clock in Clock.objects.for_subject(subject).prefetch_related("extensions", "pauses"):
            try:
                left = clock.working_days_left(day)
                explanation = clock.explain_text()
            except CalendarMissing as missing:
                left, explanation = None, str(missing)
            rows.append(
                {
                    "clock": clock,
                    "name": CLOCK_NAMES.get(clock.stage, clock.label),
                    "left": left,
                    "late": not clock.is_finished
                    and clock.due_date is not None
                    and clock.due_date < day,
                    "explanation": explanation,
                    "overdue_days": -left if left is not None and left < 0 else 0,
                    "is_reply": clock.stage in (REPLY, REPLY_ART35),
                }
            )
    rows.sort(key=lambda r: (not r["is_reply"], r["clock"].is_finished, r["clock"].pk))
    return rows


def render_detail(request, application: Application, *, bound=None, status=200, reveal=False):
    user = request.user
    day = today()
    can = allowed(user, application, day)
    forms = _initial_forms(application, user, can, request)
    forms.update({k: v for k, v in (bound or {}).items() if k in FORMS})
    bound = bound or {}
    consultation_rows = [
        {
            "item": c,
            "form": bound.get(f"consultation_reply:{c.pk}")
            or f.ConsultationReplyForm(prefix=f"consultation{c.pk}")
            if c.is_open and can["consultation_reply"]
            else None,
        }
        for c in application.consultations.select_related("created_by")
    ]
    challenge_rows = [
        {
            "item": c,
            "form": bound.get(f"challenge_result:{c.pk}")
            or f.ChallengeResultForm(prefix=f"result{c.pk}", initial={"result": c.result})
            if c.result == ChallengeResult.PENDING and can["challenge"]
            else None,
        }
        for c in application.challenges.select_related("recorded_by")
    ]
    extension_rows = [
        {
            "item": r,
            "form": bound.get(f"decide_extension:{r.pk}")
            or f.DecideExtensionForm(prefix=f"decide{r.pk}")
            if r.approved is None and can["decide_extension"]
            else None,
        }
        for r in ExtensionRequest.objects.for_subject(application).select_related(
            "requested_by", "decided_by"
        )
    ]
    context = {
        "menu": menu(user),
        "application": application,
        "can": can,
        "forms": forms,
        "today": day,
        "reveal": reveal,
        "masked_id": mask_id(application.id_number, application.id_type),
        "clocks": _clocks(application, day),
        "history": services.applicant_history(application),
        "art35": getattr(application, "art35", None),
        "art35_unreasonable": Art35Decision.UNREASONABLE,
        "correction": getattr(application, "correction", None),
        "fee": getattr(application, "fee", None),
        "fee_quote": _fee_quote(request, application, can),
        "consultation_rows": consultation_rows,
        "extension_rows": extension_rows,
        "challenge_rows": challenge_rows,
        "timeline": application.timeline,
        "secrecy_reviews": application.secrecy_reviews.select_related("reviewer"),
        "secrecy_needed": application.state == ApplicationState.REPLY_REVIEW
        and services.secrecy_review_needed(application),
        "notices": application.notices.select_related("docx", "pdf", "issued_by"),
        "files": application.files.select_related("file", "added_by"),
        "disclosed_purpose": FilePurpose.DISCLOSED,
        "forwarded_from": getattr(application, "forwarded_from", None),
        "state_label": FLOW.label(application.state),
    }
    return render(request, "applications/staff/detail.html", context, status=status)


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_application(request, pk))


@staff_required
@require_POST
def reveal_id(request, pk: int):
    """Show the full ID number once; who looked is kept in the audit trail."""
    application = visible_application(request, pk)
    record(
        "applications.reveal_id",
        actor=request.user,
        obj=application,
        after={"field": "id_number"},
        ip=client_ip(request),
    )
    return render_detail(request, application, reveal=True)


@staff_required
@require_safe
def notice_file(request, pk: int, notice_id: int, kind: str):
    """The DOCX or PDF of an issued formal notice (告知书), for those who may see the application."""
    application = visible_application(request, pk)
    notice = get_object_or_404(FormalNotice, pk=notice_id, application=application)
    if not access.can(request.user, "applications.view", notice):
        raise PermissionDenied("无权查看该告知书。")
    stored = {"docx": notice.docx, "pdf": notice.pdf}.get(kind)
    if stored is None:
        raise Http404("该文书的文件尚未生成，请稍后刷新。")
    return file_response(stored, filename=f"{notice.number}{notice.title}.{kind}")


@staff_required
@require_safe
def application_file(request, pk: int, file_id: int):
    application = visible_application(request, pk)
    attached = get_object_or_404(application.files.select_related("file"), pk=file_id)
    return file_response(attached.file)


def challenge_of(application: Application, challenge_id: int) -> Challenge:
    return get_object_or_404(Challenge, pk=challenge_id, application=application)
