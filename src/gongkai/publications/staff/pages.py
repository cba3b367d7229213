"""The gazette's workbench pages: the issues of the gazettes a person may see, and an
issue's page with exactly the actions they may take now (compile, submit, review,
publish, distribute) and the warnings staff must see (a document withdrawn from the
catalogue since it was placed, a higher-level government's document)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import today
from gongkai.workflow import timeline

from .. import services
from ..contents import contents
from ..flow import FLOW
from ..models import Gazette, Issue, IssueState
from . import forms as f


def gazettes_of(user) -> list[Gazette]:
    return [
        g
        for g in Gazette.objects.select_related("government").order_by("government__path")
        if access.can(user, "gazette.view", g)
    ]


def visible_issue(request, pk: int) -> Issue:
    issue = get_object_or_404(Issue.objects.select_related("gazette__government"), pk=pk)
    if not access.can(request.user, "gazette.view", issue):
        raise Http404
    return issue


@staff_required
@require_safe
def issue_list(request):
    shelves = [
        {
            "gazette": g,
            "issues": g.issues.order_by("-total_number", "-pk"),
            "can_create": access.can(request.user, "gazette.create", g),
        }
        for g in gazettes_of(request.user)
    ]
    return render(request, "publications/staff/issues.html", {"shelves": shelves})


def allowed(user, issue: Issue) -> set[str]:
    found = set()
    if access.can(user, "gazette.compile", issue):
        found |= {"place", "text", "unplace", "submit"}
    if access.can(user, "gazette.approve", issue):
        found |= {"publish", "return"}
    if (
        issue.state == IssueState.PUBLISHED
        and access.can(user, "gazette.distribute", issue)
        and not issue.deliveries.exists()
    ):
        found.add("distribute")
    return found


def form_for(key: str, bound):
    if bound and key in bound:
        return bound[key]
    initial = {"on": today()} if key == "publish" else None
    classes = {
        "place": f.PlaceForm,
        "text": f.TextForm,
        "submit": f.ConfirmForm,
        "distribute": f.ConfirmForm,
        "publish": f.PublishForm,
        "return": f.ReturnForm,
    }
    return classes[key](prefix=key, initial=initial)


def render_detail(request, issue: Issue, *, bound=None, status=200):
    can = allowed(request.user, issue)
    forms = {key: form_for(key, bound) for key in can if key != "unplace"}
    suggest, suggestions = None, None
    if "place" in can:
        suggest = f.SuggestForm(request.GET or None, prefix="s")
        if suggest.is_bound and suggest.is_valid():
            data = suggest.cleaned_data
            suggestions = services.suggestions(
                issue,
                data["start"],
                data["end"],
                item_types=data["types"],
                genres=data["genres"].replace("，", " ").split(),
            )
    return render(
        request,
        "publications/staff/detail.html",
        {
            "issue": issue,
            "gazette": issue.gazette,
            "state_label": FLOW.label(issue.state),
            "sections": contents(issue),
            "withdrawn": list(issue.withdrawn_placements()),
            "can": can,
            "forms": forms,
            "suggest": suggest,
            "suggestions": suggestions,
            "copies": services.copies_of(issue),
            "timeline": timeline.of(issue),
        },
        status=status,
    )


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_issue(request, pk))
