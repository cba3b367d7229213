"""Queries for the workbench pages of 意见征集 (consultations): read-only, no access checks
of their own — the pages pass querysets already narrowed by ``gongkai.access.scope``.

* ``with_workload(queryset, now)`` — each consultation with its current round's
  period, its phase as of ``now`` (the same rule as ``Round.phase``, as SQL, so
  the list can filter and sort by it) and the counts a clerk acts on: comments
  and entries awaiting moderation (待审核) and approved comments in no group
  (未归类) — all in the one query of the list.

A consultation's history is its timeline (``gongkai.workflow.timeline.of``).
"""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from ..models import Comment, Consultation, Entry, Moderation, Phase, Round

# Phases that ask something of the department: the period is over and no feedback is out.
AWAITING_FEEDBACK = (Phase.CLOSED, Phase.VOTING)


def _count(model, **conditions):
    rows = (
        model.objects.filter(round=OuterRef("cur_round"), **conditions)
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_workload(queryset: QuerySet[Consultation], now) -> QuerySet[Consultation]:
    """``queryset`` annotated with ``cur_*`` (the current round), ``phase_now``,
    ``pending_comments``, ``pending_entries``, ``ungrouped`` and ``todo``."""
    latest = Round.objects.filter(consultation=OuterRef("pk")).order_by("-number")
    annotated = queryset.annotate(
        cur_round=Subquery(latest.values("pk")[:1]),
        cur_number=Subquery(latest.values("number")[:1]),
        cur_opens=Subquery(latest.values("opens_at")[:1]),
        cur_closes=Subquery(latest.values("closes_at")[:1]),
        cur_vote_opens=Subquery(latest.values("vote_opens_at")[:1]),
        cur_vote_closes=Subquery(latest.values("vote_closes_at")[:1]),
        cur_feedback=Subquery(latest.values("feedback_published_at")[:1]),
    ).annotate(
        phase_now=Case(
            When(Q(published_at__isnull=True) | Q(cur_round__isnull=True), then=Value(Phase.DRAFT)),
            When(cur_feedback__isnull=False, then=Value(Phase.FEEDBACK)),
            When(cur_opens__gt=now, then=Value(Phase.PLANNED)),
            When(cur_closes__gt=now, then=Value(Phase.OPEN)),
            When(cur_vote_opens__lte=now, cur_vote_closes__gt=now, then=Value(Phase.VOTING)),
            default=Value(Phase.CLOSED),
            output_field=CharField(),
        ),
        pending_comments=_count(Comment, moderation=Moderation.PENDING),
        pending_entries=_count(Entry, moderation=Moderation.PENDING),
        ungrouped=_count(Comment, moderation=Moderation.APPROVED, group__isnull=True),
    )
    return annotated.annotate(
        todo=ExpressionWrapper(
            Q(pending_comments__gt=0)
            | Q(pending_entries__gt=0)
            | Q(phase_now__in=AWAITING_FEEDBACK),
            output_field=BooleanField(),
        )
    )
