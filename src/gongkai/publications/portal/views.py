"""政府公报's electronic edition (电子版) under /gongbao/: every issue since the first, by
year; an issue's contents by section, each document linked to its catalogue item;
the print edition's PDF; full-text search inside the gazette.

The site shows the gazettes of its government and of those under it; only
published issues appear, and the electronic edition appears with the print one
(publication makes both).
"""

from __future__ import annotations

from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai import search
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import site_government

from ..contents import contents
from ..indexing import SEARCH_SOURCE
from ..models import Gazette, Issue, IssueState
from ..printing import serve_issue_pdf
from ..services.distributing import copies_of

SECTION = MODULES_BY_SLUG["gazette"]
PER_PAGE = 20


def page(request, template: str, context: dict, status: int = 200):
    return render(
        request, f"publications/portal/{template}", {"section": SECTION, **context}, status=status
    )


def public_gazettes():
    gazettes = Gazette.objects.select_related("government")
    government = site_government()
    if government is not None:
        gazettes = gazettes.filter(government__path__startswith=government.path)
    return gazettes.order_by("government__path")


def public_issues():
    return Issue.objects.filter(
        state=IssueState.PUBLISHED, gazette__in=public_gazettes()
    ).select_related("gazette__government")


@require_safe
def index(request):
    shelves = []
    for gazette in public_gazettes():
        issues = public_issues().filter(gazette=gazette).order_by("-year", "-year_number")
        years = [(year, list(group)) for year, group in groupby(issues, key=lambda i: i.year)]
        shelves.append({"gazette": gazette, "years": years})
    return page(request, "index.html", {"shelves": shelves})


@require_safe
def issue(request, pk: int):
    found = get_object_or_404(public_issues(), pk=pk)
    return page(
        request,
        "issue.html",
        {
            "issue": found,
            "gazette": found.gazette,
            "sections": contents(found),
            "copies": copies_of(found),
        },
    )


@require_safe
def issue_pdf(request, pk: int):
    return serve_issue_pdf(request, get_object_or_404(public_issues(), pk=pk))


@require_safe
def search_gazette(request):
    q = request.GET.get("q", "").strip()[:100]
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    results = (
        search.search(
            q, filters={"source": [SEARCH_SOURCE]}, order="date", page=number, per_page=PER_PAGE
        )
        if q
        else None
    )
    return page(request, "search.html", {"q": q, "results": results})
