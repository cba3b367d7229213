"""The case page: the applicant and the item, the materials, each due date with how it
was computed, the timeline, and the forms of exactly the actions the person may take now."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import cn_date, today
from gongkai.files.downloads import file_response
from gongkai.workdays import extensions
from gongkai.workdays.models import ExtensionRequest
from gongkai.workflow import timeline

from ..models import Case, CaseMaterial, CaseState, Correction
from ..services.cases import due_views
from ..services.cases.acceptance import window_passed
from ..services.cases.common import DECISION, clock
from . import forms as f
from .common import visible_case
from .ratings import rating_context, rating_forms_shown

# key → (form class, prefix, permission)
FORMS = {
    "accept": (f.AcceptForm, "accept", "services.handle_case"),
    "correction": (f.CorrectionForm, "correction", "services.handle_case"),
    "refuse": (f.RefuseForm, "refuse", "services.handle_case"),
    "supply": (f.SupplyForm, "supply", "services.handle_case"),
    "procedure": (f.ProcedureForm, "procedure", "services.handle_case"),
    "end_procedure": (f.EndProcedureForm, "endproc", "services.handle_case"),
    "extension": (f.ExtensionForm, "extension", "services.handle_case"),
    "decide": (f.DecideForm, "decide", "services.decide_case"),
    "issue": (f.IssueForm, "issue", "services.handle_case"),
    "deliver": (f.DeliverForm, "deliver", "services.handle_case"),
}


def form_of(key: str, data=None, files=None):
    form_class, prefix, _ = FORMS[key]
    return form_class(data, files, prefix=prefix)


def pending_extension(case: Case) -> ExtensionRequest | None:
    decision = clock(case, DECISION)
    if decision is None:
        return None
    return decision.extension_requests.pending().select_related("requested_by").first()


def forms_shown(user, case: Case) -> set[str]:
    """The action forms on the page for ``user`` now (what ``Desk`` reads errors on)."""
    state = case.state
    open_procedure = case.procedures.filter(ended_on__isnull=True).exists()
    wanted = set()
    if state == CaseState.PENDING:
        wanted |= {"accept", "refuse"}
        if not Correction.objects.filter(case=case).exists() and not window_passed(case, today()):
            wanted.add("correction")
    elif state == CaseState.CORRECTION:
        wanted.add("supply")
    elif state == CaseState.REVIEW:
        wanted.add("end_procedure" if open_procedure else "procedure")
        if extensions.extension_possible(clock(case, DECISION)):
            wanted.add("extension")
        if not open_procedure:
            wanted.add("decide")
    elif state == CaseState.DECIDED:
        wanted.add("issue")
    elif state == CaseState.COMPLETED:
        wanted.add("deliver")
    shown = {key for key in wanted if access.can(user, FORMS[key][2], case)}
    pending = pending_extension(case)
    if pending is not None and access.can(user, "services.approve_extension", case):
        shown.add(f"decide_extension:{pending.pk}")
    return shown | rating_forms_shown(user, case)


def render_detail(request, case: Case, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    shown = forms_shown(request.user, case)
    action_forms = {key: bound.get(key) or form_of(key) for key in FORMS if key in shown}
    pending = pending_extension(case)
    decide_extension_form = None
    if pending is not None and f"decide_extension:{pending.pk}" in shown:
        from gongkai.workdays.forms import DecideExtensionForm

        decide_extension_form = bound.get(f"decide_extension:{pending.pk}") or (
            DecideExtensionForm(prefix=f"decide{pending.pk}")
        )
    correction = Correction.objects.filter(case=case).first()
    return render(
        request,
        "services/staff/cases/detail.html",
        {
            "case": case,
            "dues": due_views(case),
            "materials": case.materials.select_related("material", "file", "correction"),
            "correction": correction,
            "procedures": case.procedures.all(),
            # 电子监察: the case's cards, linked to their pages (staff_cards)
            "cards": access.scope(request.user, "services.view_card", case.cards.all()).order_by(
                "issued_on", "pk"
            ),
            "entries": timeline.of(case).select_related("actor", "department"),
            "forms": action_forms,
            "pending_extension": pending,
            "decide_extension_form": decide_extension_form,
            "correction_help": (
                f"须在{cn_date(case.correction_notice_by)}前发出，只能发出一次，列明全部需要补正的内容。"
                if case.correction_notice_by
                else ""
            ),
            "window_passed": case.state == CaseState.PENDING and window_passed(case, today()),
            "today": today(),
            **rating_context(request.user, case, bound),
        },
        status=status,
    )


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_case(request, pk))


@staff_required
@require_safe
def material(request, pk: int, material_pk: int):
    case = visible_case(request, pk)
    found = get_object_or_404(
        CaseMaterial.objects.select_related("file"), case=case, pk=material_pk
    )
    return file_response(found.file)
