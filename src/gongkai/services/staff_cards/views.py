"""电子监察 (electronic supervision) in the workbench: the supervisor's dashboard (open
cards by department, overdue cases, cards by month as a chart with its table), a card's
page with its timeline, and the actions on it through one ``Desk``: the department
explains, the 监察 confirms or withdraws."""

from __future__ import annotations

from datetime import date

from django import forms
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.charts import column_chart
from gongkai.core.dates import today
from gongkai.core.formfields import text_field
from gongkai.workbench.acting import Desk
from gongkai.workflow import timeline

from ..card_flow import CARD_FLOW
from ..models import CardColour, CardState, Case, SupervisionCard
from ..models.cases import OPEN_CASE_STATES
from ..services import cards as card_services

MONTHS = 12


class ExplainForm(forms.Form):
    text = text_field("说明", rows=4, help_text="说明原因和已采取的整改措施。")


class ConfirmForm(forms.Form):
    comment = text_field("意见", required=False, rows=2)


class WithdrawForm(forms.Form):
    comment = text_field("撤销理由", rows=3, help_text="撤销须说明理由，记入该牌的办理记录。")


# key → (form class, permission, transition)
FORMS = {
    "explain": (ExplainForm, "services.explain_card", "explain"),
    "confirm": (ConfirmForm, "services.judge_card", "confirm"),
    "withdraw": (WithdrawForm, "services.judge_card", "withdraw"),
}


def cards_visible_to(user):
    return access.scope(user, "services.view_card", SupervisionCard.objects.all()).select_related(
        "case", "department"
    )


def visible_card(request, pk: int) -> SupervisionCard:
    return get_object_or_404(cards_visible_to(request.user), pk=pk)


def forms_shown(user, card: SupervisionCard) -> set[str]:
    return {
        key
        for key, (_, permission, action) in FORMS.items()
        if card.state in CARD_FLOW.transition(action).sources and access.can(user, permission, card)
    }


def render_detail(request, card: SupervisionCard, *, bound=None, status: int = 200):
    bound = bound or {}
    shown = forms_shown(request.user, card)
    return render(
        request,
        "services/staff/cards/detail.html",
        {
            "card": card,
            "forms": {
                key: bound.get(key) or FORMS[key][0](prefix=key) for key in FORMS if key in shown
            },
            "entries": timeline.of(card).select_related("actor", "department"),
        },
        status=status,
    )


DESK = Desk(
    noun="该牌",
    detail="workbench:services_cards:detail",
    state_label=lambda card: CARD_FLOW.label(card.state),
    fresh=lambda card: SupervisionCard.objects.select_related("case", "department").get(pk=card.pk),
    render_detail=render_detail,
    shown=lambda user, card, key: key in forms_shown(user, card),
)


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_card(request, pk))


def _run(request, pk: int, key: str, label: str, call):
    card = visible_card(request, pk)
    form = FORMS[key][0](request.POST, prefix=key)
    return DESK.run(
        request,
        card,
        permission=FORMS[key][1],
        label=label,
        form=form,
        key=key,
        call=lambda data: call(card, data),
    )


@staff_required
@require_POST
def explain(request, pk: int):
    def call(card, data):
        card_services.explain(card, actor=request.user, text=data["text"])
        return "已提交说明，等待监察确认。"

    return _run(request, pk, "explain", "说明", call)


@staff_required
@require_POST
def confirm(request, pk: int):
    def call(card, data):
        card_services.confirm(card, actor=request.user, comment=data["comment"])
        return "已确认，计入部门考核。"

    return _run(request, pk, "confirm", "确认", call)


@staff_required
@require_POST
def withdraw(request, pk: int):
    def call(card, data):
        card_services.withdraw(card, actor=request.user, comment=data["comment"])
        return "已撤销。"

    return _run(request, pk, "withdraw", "撤销", call)


# -- the dashboard -----------------------------------------------------------------


def last_months(on: date, n: int = MONTHS) -> list[date]:
    """The first days of the ``n`` months up to ``on``'s, oldest first."""
    months = []
    year, month = on.year, on.month
    for _ in range(n):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def by_month(cards, on: date) -> tuple[list[str], list[int], list[int]]:
    months = last_months(on)
    counts = {(m, c): 0 for m in months for c in CardColour.values}
    rows = cards.filter(issued_on__gte=months[0]).values_list("issued_on", "colour").order_by()
    for issued_on, colour in rows.iterator():
        counts[(issued_on.replace(day=1), colour)] += 1
    labels = [f"{m.month}月" for m in months]  # full labels do not fit under 24 columns
    return (
        labels,
        [counts[(m, CardColour.YELLOW)] for m in months],
        [counts[(m, CardColour.RED)] for m in months],
    )


@staff_required
@require_safe
def dashboard(request):
    on = today()
    visible = cards_visible_to(request.user)
    departments = (
        visible.filter(state__in=[CardState.ISSUED, CardState.EXPLAINED])
        .values("department_id", "department__name")
        .annotate(
            yellow=Count("pk", filter=Q(colour=CardColour.YELLOW)),
            red=Count("pk", filter=Q(colour=CardColour.RED)),
        )
        .order_by("-red", "-yellow", "department__name")
    )
    cards = visible
    filters = {
        "department": request.GET.get("department", ""),
        "colour": request.GET.get("colour", ""),
        "state": request.GET.get("state", "open"),
    }
    if filters["department"].isdigit():
        cards = cards.filter(department_id=int(filters["department"]))
    if filters["colour"] in CardColour.values:
        cards = cards.filter(colour=filters["colour"])
    if filters["state"] == "open":
        cards = cards.filter(state__in=[CardState.ISSUED, CardState.EXPLAINED])
    elif filters["state"] in CardState.values:
        cards = cards.filter(state=filters["state"])
    overdue = (
        access.scope(request.user, "services.view_case", Case.objects.all())
        .filter(state__in=OPEN_CASE_STATES, next_due__lt=on)
        .select_related("item", "department")
        .order_by("next_due", "pk")
    )
    labels, yellow, red = by_month(visible, on)
    months = last_months(on)
    chart = column_chart(
        title="近12个月发牌数",
        labels=labels,
        series=[("黄牌", yellow), ("红牌", red)],
        unit="张",
        description=f"{months[0].year}年{months[0].month}月至{on.year}年{on.month}月，"
        "按发牌日期所在月份统计的黄牌和红牌张数。",
    )
    return render(
        request,
        "services/staff/cards/dashboard.html",
        {
            "today": on,
            "departments": departments,
            "cards": cards.order_by("-issued_on", "-pk")[:100],
            "overdue": overdue[:50],
            "overdue_count": overdue.count(),
            "chart": chart,
            "filters": filters,
            "department_choices": visible.values_list("department_id", "department__name")
            .distinct()
            .order_by("department__name"),
            "colours": CardColour.choices,
            "states": [("open", "未办结（已发出、已说明）"), *CardState.choices, ("all", "全部")],
        },
    )
