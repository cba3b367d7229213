"""The section's home (open, upcoming and past consultations) and the RSS feed."""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai.portal.feeds import PortalFeed
from gongkai.portal.paging import page_links, paginate
from gongkai.portal.profile import get_site_profile

from ..models import Kind, Round
from .common import page, public_consultations

PER_PAGE = 15
FEED_SIZE = 30
KINDS = {"draft": Kind.DRAFT, "call": Kind.CALL}


def _year(value: str) -> int | None:
    """``?year=`` as a year, or None; a value that is not a year 2000–2100 raises ValueError."""
    if not value:
        return None
    year = int(value)  # ValueError for anything but digits
    if not 2000 <= year <= 2100:
        raise ValueError(value)
    return year


def first_opened_in(consultations, year: int):
    """Consultations whose first round opened in ``year`` (Beijing time), as the report card
    (成绩单) counts them."""
    first = Round.objects.filter(consultation=OuterRef("pk")).order_by("number")
    return consultations.annotate(first_opens=Subquery(first.values("opens_at")[:1])).filter(
        first_opens__year=year
    )


@require_safe
def index(request):
    now = timezone.now()
    consultations = public_consultations()
    kind = request.GET.get("kind", "")
    if kind in KINDS:
        consultations = consultations.filter(kind=KINDS[kind])
    try:
        year = _year(request.GET.get("year", "").strip())
    except ValueError:
        return page(request, "index.html", {"year_error": True, "kind": kind}, status=400)
    if year is not None:
        consultations = first_opened_in(consultations, year)
    current = Q(cur_feedback__isnull=True, cur_opens__lte=now, cur_closes__gt=now)
    open_now = list(consultations.filter(current).order_by("cur_closes", "id"))
    upcoming = list(
        consultations.filter(cur_feedback__isnull=True, cur_opens__gt=now).order_by("cur_opens")
    )
    past = paginate(
        request,
        consultations.filter(Q(cur_feedback__isnull=False) | Q(cur_closes__lte=now)).order_by(
            "-cur_closes", "-id"
        ),
        PER_PAGE,
    )
    return page(
        request,
        "index.html",
        {
            "open_now": open_now,
            "upcoming": upcoming,
            "past": past,
            "pagination": page_links(request, past),
            "kind": kind if kind in KINDS else "",
            "year": year,
            "now": now,
        },
    )


class NewConsultationsFeed(PortalFeed):
    """RSS of the newest published consultations of the site's scope (absolute guids, dates
    in Beijing time: ``gongkai.portal.feeds``)."""

    def title(self):
        profile = get_site_profile()
        return f"{profile.site_name if profile else '政务公开平台'} · 意见征集"

    def link(self):
        return reverse("consultations_portal:index")

    def description(self):
        return f"新发布的意见征集（最新 {FEED_SIZE} 项）：草案征求意见、方案和名称征集。"

    def items(self):
        return public_consultations().order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.department.name}，征集期至{timezone.localtime(item.cur_closes):%Y-%m-%d}。{item.summary[:200]}"

    def item_link(self, item):
        return item.get_public_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.department.name


feed = NewConsultationsFeed()
