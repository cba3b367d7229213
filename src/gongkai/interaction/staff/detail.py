"""The message page: what the citizen wrote (and who, as far as the person may see),
the stage clocks, the assignments, the story so far, and the forms of exactly the
actions the person may take now — for the office's reviewer, the original and the
masked version side by side."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.files.downloads import file_response
from gongkai.orgs.models import Department
from gongkai.workdays import CalendarMissing, extensions
from gongkai.workdays.models import Clock, ExtensionRequest

from .. import services
from ..flow import FLOW
from ..masking import find_personal_data, mask_phrases
from ..models import AssignmentRole, Message, MessageState
from ..routing import suggest
from ..services.common import rules_for, today
from . import forms as f
from .common import menu, messages_visible_to, visible_message

# key → (form class, prefix); the prefix keeps the ids of the page's many forms apart.
FORMS = {
    "release": (f.ReleaseForm, "release"),
    "refuse": (f.RefuseForm, "refuse"),
    "merge": (f.MergeForm, "merge"),
    "assign": (f.AssignForm, "assign"),
    "identity": (f.IdentityForm, "identity"),
    "sign": (f.SignForm, "sign"),
    "return_misrouted": (f.ReturnMisroutedForm, "misrouted"),
    "extension": (f.ExtensionForm, "extension"),
    "reply": (f.ReplyForm, "reply"),
    "return_reply": (f.ReturnReplyForm, "return"),
    "approve": (f.ApproveForm, "approve"),
    "callback": (f.CallbackForm, "callback"),
}
FIELDS_SHOWN = (("subject", "标题"), ("text", "留言内容"), ("reply", "答复内容"))


def form_prefix(key: str) -> str:
    return FORMS[key][1]


def assignable_departments(message: Message):
    """Active departments of the board's government and the governments under it."""
    return (
        Department.objects.filter(
            active=True, government__path__startswith=message.channel.government.path
        )
        .select_related("government")
        .order_by("government__code", "sort_order", "pk")
    )


def extension_possible(message: Message) -> bool:
    """No extension asked yet (or only refused ones) and a reply clock that may be extended."""
    if ExtensionRequest.objects.for_subject(message).exclude(approved=False).exists():
        return False
    return extensions.extension_possible(message.reply_clock())


def allowed(user, message: Message, day=None) -> dict:
    """The actions the person may take now: the transition table, the access rules and
    each action's own preconditions (so no form is shown that would only be refused)."""
    day = day or today()
    flow = {t.action for t in FLOW.available(message, user)}
    lead = message.lead_assignment()
    lead_flow = (
        {t.action for t in FLOW.available(message, user, access_object=lead)} if lead else set()
    )
    handles = lead is not None and access.can(user, "messages.handle", lead)
    co_rows = [
        a
        for a in message.assignments.filter(active=True, role=AssignmentRole.CO).select_related(
            "department__government"
        )
        if access.can(user, "messages.co_handle", a)
    ]
    pending = ExtensionRequest.objects.for_subject(message).pending().exists()
    return {
        "release": "release" in flow,
        "refuse": "refuse" in flow,
        "merge": "merge" in flow,
        "assign": "assign" in flow,
        "identity": access.can(user, "messages.supervise", message)
        and message.state not in (MessageState.REFUSED, MessageState.MERGED),
        "sign": "sign" in lead_flow,
        "return_misrouted": "return_misrouted" in lead_flow and day <= lead.return_by,
        "co_opinion": bool(co_rows),
        "co_rows": co_rows,
        "extension": handles
        and message.state in (MessageState.ASSIGNED, MessageState.HANDLING)
        and extension_possible(message),
        "decide_extension": pending and access.can(user, "messages.approve_extension", message),
        "reply": "submit_reply" in lead_flow,
        "review": "approve_reply" in flow,
        "return_reply": "return_reply" in flow,
        "approve": "approve_reply" in flow,
        "callback": "record_callback" in flow,
        "supervise": access.can(user, "messages.supervise", message),
    }


def highlighted(text: str, names) -> list[tuple[str, str]]:
    """``text`` cut into pieces: (piece, "") plain, (piece, label) personal data."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for span in find_personal_data(text or "", names=names):
        if span.start > position:
            pieces.append((text[position : span.start], ""))
        pieces.append((span.original, span.label))
        position = span.end
    if position < len(text or ""):
        pieces.append((text[position:], ""))
    return pieces


def _side_by_side(message: Message) -> list[dict]:
    masked = services.masked_versions(message)
    names = [message.writer_name]
    original = {"subject": message.subject, "text": message.text, "reply": message.reply_text}
    return [
        {
            "key": key,
            "label": label,
            "pieces": highlighted(original[key], names),
            "found": len(find_personal_data(original[key] or "", names=names)),
            "masked": masked[key],
        }
        for key, label in FIELDS_SHOWN
    ]


def _initial_forms(message: Message, can: dict, user) -> dict:
    forms = {}
    rules = rules_for(message)
    suggestion = None
    for key, (cls, prefix) in FORMS.items():
        kwargs = {"prefix": prefix}
        if key == "assign":
            if not can["assign"]:
                continue
            suggestion = suggest(message)
            kwargs["departments"] = assignable_departments(message)
            kwargs["initial"] = {
                "lead": suggestion.lead.pk if suggestion.lead else None,
                "co": [d.pk for d in suggestion.co],
            }
        elif key == "merge":
            kwargs["message"] = message
        elif key == "identity":
            kwargs["initial"] = {"visible": "1" if message.identity_visible else "0"}
        elif key == "extension":
            kwargs["max_days"] = rules.extension_max_days
        elif key == "reply":
            kwargs["initial"] = {"expected_version": message.version, "text": message.reply_text}
        elif key == "approve":
            kwargs["confidential"] = message.is_confidential
            if not message.is_confidential and can["review"]:
                masked = services.masked_versions(message)
                kwargs["initial"] = {
                    "publish": True,
                    "masked_subject": masked["subject"],
                    "masked_text": masked["text"],
                    "masked_reply": masked["reply"],
                }
        forms[key] = cls(**kwargs)
    return {"forms": forms, "suggestion": suggestion}


CLOCK_NAMES = {"sign_for": "签收时限", "reply": "答复期限"}


def clock_name(clock: Clock) -> str:
    parts = clock.stage.split(":")
    name = CLOCK_NAMES.get(parts[0], clock.label)
    if parts[0] == "reply" and len(parts) > 2:
        name = "重新办理答复期限（不满意重办）"
    department = clock.department.short_name or clock.department.name
    return f"{name}（{department}）"


def _clocks(message: Message, day) -> list[dict]:
    rows = []
    for clock in (
        Clock.objects.for_subject(message)
        .select_related("department")
        .prefetch_related("extensions", "pauses")
        .order_by("-id")
    ):
        try:
            left = clock.working_days_left(day)
            explanation = clock.explain_text()
        except CalendarMissing as missing:
            left, explanation = None, str(missing)
        rows.append(
            {
                "clock": clock,
                "name": clock_name(clock),
                "left": left,
                "late": not clock.is_finished
                and clock.due_date is not None
                and clock.due_date < day,
                "overdue_days": -left if left is not None and left < 0 else 0,
                "explanation": explanation,
            }
        )
    rows.sort(key=lambda r: (r["clock"].is_finished, r["clock"].pk))
    return rows


def render_detail(request, message: Message, *, bound=None, status=200):
    user = request.user
    day = today()
    can = allowed(user, message, day)
    built = _initial_forms(message, can, user)
    forms = built["forms"]
    bound = bound or {}
    forms.update({k: v for k, v in bound.items() if k in FORMS})
    co_rows = [
        {
            "assignment": a,
            "form": bound.get(f"co_opinion:{a.pk}")
            or f.CoOpinionForm(prefix=f"co{a.pk}", initial={"opinion": a.opinion}),
        }
        for a in can["co_rows"]
    ]
    extension_rows = [
        {
            "item": r,
            "form": (
                bound.get(f"decide_extension:{r.pk}")
                or f.DecideExtensionForm(prefix=f"decide{r.pk}")
            )
            if r.approved is None and can["decide_extension"]
            else None,
        }
        for r in ExtensionRequest.objects.for_subject(message).select_related(
            "requested_by", "decided_by"
        )
    ]
    name, phone = services.writer_identity(message, user)
    hidden = name != message.writer_name
    # Where the writer's identity is hidden, so are their name and phone inside the text.
    concealed = [message.writer_name, message.writer_phone] if hidden else []
    visible = messages_visible_to(user)
    context = {
        "menu": menu(user),
        "message": message,
        "can": can,
        "forms": forms,
        "suggestion": built["suggestion"],
        "today": day,
        "writer_name": name,
        "writer_phone": phone,
        "identity_hidden": hidden,
        "shown_subject": mask_phrases(message.subject, concealed),
        "shown_text": mask_phrases(message.text, concealed),
        "clocks": _clocks(message, day),
        "assignments": message.assignments.select_related("department", "assigned_by"),
        "lead": message.lead_assignment(),
        "co_rows": co_rows,
        "extension_rows": extension_rows,
        "timeline": message.timeline,
        "files": message.files.select_related("file"),
        "side_by_side": _side_by_side(message) if can["review"] else None,
        "duplicate_of": visible.filter(pk=message.duplicate_of_id).first()
        if message.duplicate_of_id
        else None,
        "duplicates": visible.filter(duplicate_of=message).order_by("submitted_at"),
        "state_label": FLOW.label(message.state),
        "rules": rules_for(message),
    }
    return render(request, "interaction/staff/detail.html", context, status=status)


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_message(request, pk))


@staff_required
@require_safe
def message_file(request, pk: int, file_id: int):
    message = visible_message(request, pk)
    attached = get_object_or_404(message.files.select_related("file"), pk=file_id)
    return file_response(attached.file)
