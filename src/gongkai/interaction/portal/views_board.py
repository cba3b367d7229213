"""The public side of the boards: the section's home, the board, a message's page.

Only published messages appear, and only their masked versions (the subject,
text and reply that the office approved with personal data masked); the
writer's name and phone are never read here.
"""

from __future__ import annotations

from itertools import groupby

from django.core.paginator import Paginator
from django.http import Http404
from django.views.decorators.http import require_safe

from gongkai import search
from gongkai.orgs.models import Department
from gongkai.portal.paging import page_links, paginate

from ..indexing import SEARCH_SOURCE
from ..models import Assignment, AssignmentRole, MessageType, StepKind
from .common import (
    HANDLING_STATES,
    REPLIED_STATES,
    for_rows,
    page,
    public_messages,
    public_status,
    site_channels,
)
from .forms import BoardFilterForm, LookupForm

PER_PAGE = 20
LATEST = 6
# A text query lists at most this many of its best matches (then the filters narrow them).
SEARCH_CAP = 200
SEARCH_BATCH = 100


def _with_status(rows):
    rows = list(rows)
    for row in rows:
        row.public_status = public_status(row)
    return rows


@require_safe
def index(request):
    """互动交流: the channels grouped by government, the lookup box, the latest replies."""
    channels = list(site_channels())
    groups = [
        (government, list(items))
        for government, items in groupby(channels, key=lambda c: c.government)
    ]
    latest = for_rows(public_messages().filter(state__in=REPLIED_STATES)).order_by(
        "-published_at", "-id"
    )[:LATEST]
    return page(
        request,
        "index.html",
        {"groups": groups, "latest": _with_status(latest), "lookup_form": LookupForm()},
    )


def _filter_choices():
    channels = site_channels().filter(private_by_nature=False)
    types = MessageType.objects.filter(confidential=False).order_by("sort_order", "id")
    departments = (
        Department.objects.filter(
            pk__in=public_messages()
            .filter(replied_by_department__isnull=False)
            .values("replied_by_department")
        )
        .select_related("government")
        .order_by("government__path", "sort_order", "name")
    )
    years = [d.year for d in public_messages().datetimes("submitted_at", "year", order="DESC")]
    return channels, types, departments, years


def _searched_ids(query: str, cleaned: dict) -> tuple[list[int], dict[int, str], int]:
    """The best matches' ids in rank order, their snippets, and how many matched in all."""
    filters = {"source": [SEARCH_SOURCE]}
    for name in ("channel", "message_type", "department"):
        if cleaned.get(name):
            filters[name] = [cleaned[name]]
    ids: list[int] = []
    snippets: dict[int, str] = {}
    total = 0
    for number in range(1, SEARCH_CAP // SEARCH_BATCH + 1):
        results = search.search(query, filters=filters, page=number, per_page=SEARCH_BATCH)
        total = results.total
        for hit in results.hits:
            pk = int(hit.object_id)
            ids.append(pk)
            snippets[pk] = hit.snippet
        if number >= results.pages:
            break
    return ids, snippets, total


@require_safe
def board(request):
    """The board: published messages, filtered (GET form, works without JS) and searched."""
    channels, types, departments, years = _filter_choices()
    form = BoardFilterForm(
        request.GET, channels=channels, types=types, departments=departments, years=years
    )
    context = {"form": form, "query": "", "capped_search": False}
    if not form.is_valid():
        context.update(page_obj=None, pagination={"links": []}, rows=[])
        return page(request, "board.html", context, status=400)
    cleaned = form.cleaned_data
    messages = public_messages()
    if cleaned.get("channel"):
        messages = messages.filter(channel_id=cleaned["channel"])
    if cleaned.get("message_type"):
        messages = messages.filter(message_type_id=cleaned["message_type"])
    if cleaned.get("department"):
        messages = messages.filter(replied_by_department_id=cleaned["department"])
    if cleaned.get("year"):  # the year it was written, Beijing time
        messages = messages.filter(submitted_at__year=cleaned["year"])
    if cleaned.get("status") == "replied":
        messages = messages.filter(state__in=REPLIED_STATES)
    elif cleaned.get("status") == "handling":
        messages = messages.filter(state__in=HANDLING_STATES)
    query = (cleaned.get("q") or "").strip()
    if query:
        ids, snippets, total = _searched_ids(query, cleaned)
        found = {m.pk: m for m in for_rows(messages.filter(pk__in=ids))}
        ordered = [found[pk] for pk in ids if pk in found]
        for row in ordered:
            row.snippet = snippets.get(row.pk, "")
        page_obj = Paginator(ordered, PER_PAGE).get_page(request.GET.get("page"))
        context.update(query=query, capped_search=total > SEARCH_CAP, search_cap=SEARCH_CAP)
    else:
        page_obj = paginate(request, for_rows(messages).order_by("-published_at", "-id"), PER_PAGE)
    context.update(
        page_obj=page_obj,
        rows=_with_status(page_obj.object_list),
        pagination=page_links(request, page_obj),
    )
    return page(request, "board.html", context)


@require_safe
def message(request, pk: int):
    published = public_messages().select_related(
        "channel", "message_type", "replied_by_department", "place"
    )
    shown = published.filter(pk=pk).first()
    if shown is None:
        raise Http404("没有这条留言，或者它没有公开。")
    assigned_on = (
        shown.timeline.filter(kind=StepKind.ASSIGNED)
        .order_by("at", "id")
        .values_list("on", flat=True)
        .first()
    ) or (
        Assignment.objects.filter(message=shown, role=AssignmentRole.LEAD)
        .order_by("assigned_on", "id")
        .values_list("assigned_on", flat=True)
        .first()
    )
    shown.public_status = public_status(shown)
    return page(request, "message.html", {"shown": shown, "assigned_on": assigned_on})
