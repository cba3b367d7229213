"""政务公开栏 on the public site, under /gongbao/gongkailan/: the issues by year, an
issue with its boards, and its poster at each board's size."""

from __future__ import annotations

from itertools import groupby

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from gongkai.portal.site import site_government

from ..models import BulletinIssue
from ..posters import serve_poster
from .views import page


def public_bulletins():
    issues = BulletinIssue.objects.select_related("government")
    government = site_government()
    if government is not None:
        issues = issues.filter(government__path__startswith=government.path)
    return issues


@require_safe
def bulletin_list(request):
    issues = public_bulletins().order_by("-year", "-number")
    years = [(year, list(group)) for year, group in groupby(issues, key=lambda i: i.year)]
    return page(request, "bulletins.html", {"years": years})


@require_safe
def bulletin(request, pk: int):
    found = get_object_or_404(public_bulletins(), pk=pk)
    return page(
        request,
        "bulletin.html",
        {
            "issue": found,
            "boards": found.boards.order_by("pk"),
            "paragraphs": [p for p in found.text.splitlines() if p.strip()],
        },
    )


@require_safe
def poster(request, pk: int, board_id: int):
    found = get_object_or_404(public_bulletins(), pk=pk)
    return serve_poster(request, found, get_object_or_404(found.boards, pk=board_id))
