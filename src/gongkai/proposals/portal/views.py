"""办理结果公开 (results publication) under /jianyi/: sessions, items with their handling
unit and grade, public reply letters, statistics by unit and the summary sentence.

Only items already assigned appear; a reply letter appears only once sent and
marked public (the default; the unit gives a reason when it is not). The
summary sentence counts every item the government received (承办), assigned or
not, so the pages say beside it how many of those are assigned (listed) and
how many still wait (待交办), never one figure where another is meant.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import site_government

from ..models import (
    DONE_STATES,
    Proposal,
    ProposalState,
    ReplyLetter,
    ReplyState,
    Session,
    SupervisionVisit,
)
from ..stats import by_unit, summary_sentence, totals

SECTION = MODULES_BY_SLUG["proposals"]
PER_PAGE = 30


def page(request, template: str, context: dict, status: int = 200):
    return render(
        request, f"proposals/portal/{template}", {"section": SECTION, **context}, status=status
    )


def public_sessions():
    sessions = Session.objects.all()
    government = site_government()
    if government is not None:
        sessions = sessions.filter(government__path__startswith=government.path)
    return sessions.order_by("-opened_on", "body", "pk")


def public_items():
    """Assigned items of the site's sessions (pending ones are not yet anyone's to answer)."""
    return (
        Proposal.objects.filter(session__in=public_sessions())
        .exclude(state=ProposalState.PENDING)
        .select_related("session", "lead_department")
    )


def published_visits():
    """现场督办 whose news item is published in the catalogue (the others stay internal)."""
    from gongkai.disclosure.models import InformationItem

    return (
        SupervisionVisit.objects.filter(
            session__in=public_sessions(), news_item__in=InformationItem.objects.public()
        )
        .select_related("news_item", "session")
        .order_by("-visited_on", "-pk")
    )


def public_status(item: Proposal) -> str:
    if item.state in DONE_STATES:
        return "已办结"
    return "重新办理中" if item.round > 1 else "办理中"


@require_safe
def index(request):
    sessions = list(
        public_sessions().annotate(
            total=Count("items"),
            assigned=Count("items", filter=~Q(items__state=ProposalState.PENDING)),
            pending=Count("items", filter=Q(items__state=ProposalState.PENDING)),
            done=Count("items", filter=Q(items__state__in=DONE_STATES)),
        )
    )
    by_year: dict[int, list[Session]] = {}
    for session in sessions:
        by_year.setdefault(session.opened_on.year, []).append(session)
    summaries = [
        (year, summary_sentence(group)) for year, group in sorted(by_year.items(), reverse=True)
    ]
    latest = (
        public_items()
        .filter(state__in=DONE_STATES, replies__state=ReplyState.SENT, replies__public=True)
        .distinct()
        .order_by("-replied_on", "-pk")[:8]
    )
    return page(
        request,
        "index.html",
        {
            "sessions": sessions,
            "summaries": summaries,
            "latest": latest,
            "visits": published_visits()[:10],
        },
    )


@require_safe
def session(request, pk: int):
    found = get_object_or_404(public_sessions(), pk=pk)
    items = public_items().filter(session=found).in_number_order()
    query = (request.GET.get("q") or "").strip()[:60]
    if query:
        items = items.filter(Q(number=query) | Q(title__icontains=query))
    pending = Proposal.objects.filter(session=found, state=ProposalState.PENDING).count()
    page_obj = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    for item in page_obj.object_list:
        item.public_status = public_status(item)
    rows = by_unit(Proposal.objects.filter(session=found))
    return page(
        request,
        "session.html",
        {
            "session": found,
            "page_obj": page_obj,
            "pending": pending,
            "query": query,
            "rows": rows,
            "total": totals(rows),
            "summary": summary_sentence([found]),
        },
    )


@require_safe
def item(request, pk: int):
    found = (
        public_items()
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=ReplyLetter.objects.filter(state=ReplyState.SENT).order_by("round", "pk"),
                to_attr="sent_replies",
            )
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("没有这件建议或提案，或尚未交办。")
    return page(
        request,
        "item.html",
        {
            "item": found,
            "session": found.session,
            "status": public_status(found),
            "replies": found.sent_replies,
            "visits": published_visits().filter(proposals=found),
        },
    )
