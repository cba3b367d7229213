"""Published enforcement decisions (行政执法公示, 双公示) as a search source:
``powers.decision``.

Only what the public sees today is indexed: a decision enters when published
and leaves when withdrawn, repaired (信用修复) or when its display period ends.
The first three schedule their own reindex (``services.decisions``); the end of a
display period is a date, so a daily job (``jobs.reindex_ended_decisions``) asks
again for the decisions whose period ended in the last week. A person's name is
masked exactly as on the decision's page; ID numbers are never stored.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from gongkai.core.dates import today
from gongkai.search.registry import queryset_functions

from .feed import party_name
from .models import Decision

SEARCH_SOURCE = "powers.decision"
BEIJING = ZoneInfo("Asia/Shanghai")


def _public():
    return Decision.objects.public(today()).select_related("body__department", "power")


def entry_for(decision: Decision) -> dict[str, Any]:
    party = party_name(decision)
    amount = f"罚款{decision.amount:,.2f}元" if decision.amount is not None else ""
    return {
        "object_id": str(decision.pk),
        "url": reverse("powers_portal:decision", args=[decision.pk]),
        "title": decision.case_name,
        "summary": " · ".join(
            part
            for part in (
                decision.get_kind_display(),
                decision.document_number,
                f"当事人：{party}",
                decision.body.name,
                amount,
            )
            if part
        ),
        "body": "\n".join((decision.facts, decision.basis, decision.content, decision.power.name)),
        "published_at": datetime.combine(decision.published_on, time(9), tzinfo=BEIJING),
        "facets": {"department": decision.body.department_id, "year": decision.decided_on.year},
    }


iter_entries, get_entry, count = queryset_functions(_public, entry_for)


def register() -> None:
    from gongkai.search.registry import register_source

    register_source(
        SEARCH_SOURCE,
        label="行政执法公示",
        iter_entries=iter_entries,
        get_entry=get_entry,
        count=count,
    )
