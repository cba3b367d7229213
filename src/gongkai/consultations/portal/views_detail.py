"""A consultation's page (the draft with comment counts per clause, or the call with its
entries), and its feedback report.

Only approved comments and entries whose senders agreed to publication are
shown, and never a name, phone or email address.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai.files.downloads import file_response
from gongkai.portal.paging import page_links, paginate

from .. import clauses as clause_text
from .. import services
from ..models import ConsultationFile, EntryFile, Kind, Moderation, Phase
from ..services.common import last_day, period_text
from .common import consultation_or_404, page
from .forms import CommentForm, EntryForm, VoteCodeForm

COMMENTS_PER_PAGE = 20
SHOWN = Q(moderation=Moderation.APPROVED, wants_public=True)


def _round(consultation, request):
    rounds = sorted(consultation.rounds.all(), key=lambda r: r.number)
    wanted = request.GET.get("round", "")
    if wanted.isdigit():
        for r in rounds:
            if r.number == int(wanted):
                return r, rounds
        raise Http404("没有这一轮征集。")
    return rounds[-1], rounds


def _context(consultation, round, rounds, now) -> dict:
    current = rounds[-1]
    phase = round.phase(now) if round.pk == current.pk else Phase.FEEDBACK
    if round.pk != current.pk and round.feedback_published_at is None:
        phase = Phase.CLOSED
    return {
        "consultation": consultation,
        "round": round,
        "rounds": rounds,
        "is_current": round.pk == current.pk,
        "phase": phase,
        "phase_label": Phase(phase).label,
        "period": period_text(round.opens_at, round.closes_at),
        "last_day": last_day(round.closes_at),
        "days_left": (last_day(round.closes_at) - timezone.localdate()).days,
    }


@require_safe
def detail(request, pk: int):
    consultation = consultation_or_404(pk)
    now = timezone.now()
    round, rounds = _round(consultation, request)
    context = _context(consultation, round, rounds, now)
    context["files"] = list(round.files.select_related("file"))
    if consultation.kind == Kind.DRAFT:
        context.update(_draft_context(request, consultation, round, rounds, context))
    else:
        context.update(_call_context(request, round, context))
    return page(request, "detail.html", context)


def _draft_context(request, consultation, round, rounds, context) -> dict:
    clauses = list(
        round.clauses.annotate(
            shown=Count(
                "comments",
                filter=Q(comments__moderation=Moderation.APPROVED, comments__wants_public=True),
            )
        ).order_by("position")
    )
    comments = (
        round.comments.filter(SHOWN).select_related("clause").order_by("-submitted_at", "-id")
    )
    chosen = request.GET.get("clause", "")
    chosen_clause = None
    if chosen.isdigit():
        chosen_clause = next((c for c in clauses if c.position == int(chosen)), None)
        if chosen_clause is not None:
            comments = comments.filter(clause=chosen_clause)
    comment_page = paginate(request, comments, COMMENTS_PER_PAGE)
    out = {
        "clauses": clauses,
        "chosen_clause": chosen_clause,
        "comment_page": comment_page,
        "pagination": page_links(request, comment_page),
        "general_count": round.comments.filter(SHOWN, clause=None).count(),
    }
    index = [r.pk for r in rounds].index(round.pk)
    if index > 0:
        out["changes"] = clause_text.changes(
            list(rounds[index - 1].clauses.order_by("position")), clauses
        )
    if context["phase"] == Phase.OPEN and context["is_current"]:
        target = request.GET.get("comment_on", "")
        initial = {"clause": int(target)} if target.isdigit() else {}
        out["form"] = CommentForm(round=round, initial=initial)
    return out


def _call_context(request, round, context) -> dict:
    entries = round.entries.filter(SHOWN).prefetch_related("files__file")
    shortlisted = list(
        round.entries.filter(shortlisted=True)
        .annotate(votes_count=Count("votes"))
        .order_by("ballot_number")
    )
    out = {
        "entries": list(entries.order_by("ballot_number", "-submitted_at", "id")[:200]),
        "entry_count": entries.count(),
        "shortlisted": shortlisted,
        "show_votes": round.vote_closes_at is not None and timezone.now() >= round.vote_closes_at,
        "vote_period": period_text(round.vote_opens_at, round.vote_closes_at)
        if round.vote_opens_at
        else "",
    }
    if context["phase"] == Phase.OPEN and context["is_current"]:
        out["form"] = EntryForm(round=round)
    if context["phase"] == Phase.VOTING:
        out["vote_form"] = VoteCodeForm()
    return out


@require_safe
def feedback(request, pk: int):
    consultation = consultation_or_404(pk)
    round, rounds = _round(consultation, request)
    if round.feedback_published_at is None:
        published = [r for r in rounds if r.feedback_published_at is not None]
        if not published or request.GET.get("round"):
            return page(
                request,
                "feedback_pending.html",
                _context(consultation, round, rounds, timezone.now()),
                status=404,
            )
        round = published[-1]
    context = _context(consultation, round, rounds, timezone.now())
    context["report"] = services.report(round)
    return page(request, "feedback.html", context)


@require_safe
def consultation_file(request, pk: int, file_id: int):
    """An attachment of a published consultation (any of its rounds)."""
    consultation = consultation_or_404(pk)
    attached = get_object_or_404(
        ConsultationFile.objects.select_related("file"),
        pk=file_id,
        round__consultation=consultation,
    )
    return public_file(attached.file)


@require_safe
def entry_file(request, pk: int, entry_id: int, file_id: int):
    """A file of an entry the public may see (approved, and its author agreed)."""
    consultation = consultation_or_404(pk)
    attached = get_object_or_404(
        EntryFile.objects.select_related("file"),
        pk=file_id,
        entry_id=entry_id,
        entry__round__consultation=consultation,
        entry__moderation=Moderation.APPROVED,
        entry__wants_public=True,
    )
    return public_file(attached.file)


def public_file(stored):
    response = file_response(stored)
    response["Cache-Control"] = "public, max-age=3600"
    return response
