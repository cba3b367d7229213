"""Powers in force as a search source (``gongkai.search``): source ``powers.power``.

One entry per power in force: its name, code, type and implementing body, and
the text of its responsibility items and legal basis. A closed row (cancelled,
devolved, amended, merged) answers None from ``get_entry``, so the same
reindex job that indexes a new row removes the old one.

Imports index their powers in one job (``jobs.index_powers_job``); adjustments
schedule the rows they closed and opened. Facets: ``department`` and ``year``
(the year the row came into force).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from gongkai.search.registry import queryset_functions

from .models import Power

SEARCH_SOURCE = "powers.power"
BEIJING = ZoneInfo("Asia/Shanghai")


def _powers():
    return (
        Power.objects.current()
        .select_related("department", "power_type")
        .prefetch_related("responsibilities", "bases")
    )


def entry_for(power: Power) -> dict[str, Any]:
    duties = "、".join(r.name for r in power.responsibilities.all())
    bases = "；".join(f"《{b.law}》{b.article}" for b in power.bases.all())
    return {
        "object_id": str(power.pk),
        "url": reverse("powers_portal:power", args=[power.pk]),
        "title": power.name,
        "summary": f"{power.power_type.name} · {power.code} · 实施主体：{power.department.name}",
        "body": "\n".join(part for part in (duties, bases, power.process) if part),
        "published_at": datetime.combine(power.valid_from, time(), tzinfo=BEIJING),
        "facets": {"department": power.department_id, "year": power.valid_from.year},
    }


iter_entries, get_entry, count = queryset_functions(_powers, entry_for)


def entries_for(ids: Iterable[int]) -> list[dict[str, Any]]:
    return [entry_for(power) for power in _powers().filter(pk__in=list(ids)).order_by("pk")]


def register() -> None:
    from gongkai.search.registry import register_source

    register_source(
        SEARCH_SOURCE,
        label="权责清单",
        iter_entries=iter_entries,
        get_entry=get_entry,
        count=count,
    )
