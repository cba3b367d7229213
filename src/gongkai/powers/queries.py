"""Read-side questions about the lists: counts, as-of lists, the year's adjustments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from .models import Accountability, AdjustmentItem, AdjustmentKind, Power, Responsibility

YEAR_LIST_KINDS = (AdjustmentKind.CANCEL, AdjustmentKind.DEVOLVE, AdjustmentKind.AMEND)
YEAR_LIST_KINDS += (AdjustmentKind.MERGE,)


@dataclass(frozen=True)
class Summary:
    powers: int
    responsibilities: int
    accountabilities: int
    counties_powers: int

    def as_dict(self) -> dict[str, int]:
        return {
            "powers": self.powers,
            "responsibilities": self.responsibilities,
            "accountabilities": self.accountabilities,
            "counties_powers": self.counties_powers,
        }


def summary(government, day: date | None = None) -> Summary:
    """The list's counts (in force today, or on ``day``): its own powers, their
    responsibility items and accountability circumstances, and the powers of the
    governments under it."""

    def powers():
        found = Power.objects.all()
        return found.as_of(day) if day else found.current()

    own = powers().filter(government=government)
    below = (
        powers().filter(government__path__startswith=government.path).exclude(government=government)
    )
    return Summary(
        powers=own.count(),
        responsibilities=Responsibility.objects.filter(power__in=own).count(),
        accountabilities=Accountability.objects.filter(responsibility__power__in=own).count(),
        counties_powers=below.count(),
    )


def counts_by_type(government) -> list[dict]:
    return list(
        Power.objects.current()
        .filter(government=government)
        .values("power_type__name", "power_type__abbreviation")
        .annotate(count=Count("pk"))
        .order_by("power_type__sort_order")
    )


def year_adjustments(government, year: int):
    """取消调整和下放的行政审批事项 of ``year``: the items of the year's decisions
    that cancelled, devolved, amended or merged a power, from the history."""
    return (
        AdjustmentItem.objects.filter(
            adjustment__government=government,
            adjustment__decided_on__year=year,
            kind__in=YEAR_LIST_KINDS,
        )
        .select_related("adjustment", "before__department", "before__power_type", "after")
        .order_by("adjustment__decided_on", "adjustment_id", "pk")
    )


def adjustment_years(government) -> list[int]:
    return sorted(
        {
            d.year
            for d in AdjustmentItem.objects.filter(adjustment__government=government)
            .values_list("adjustment__decided_on", flat=True)
            .distinct()
        },
        reverse=True,
    )
