"""Exporting a government's 权责清单 (in force, or as it stood on a day) in the
import layout (``workbook``), so that an export imports again unchanged."""

from __future__ import annotations

from datetime import date

from ..models import Accountability, LegalBasis, Power, Responsibility
from .workbook import ACCOUNTABILITIES, BASES, POWERS, RESPONSIBILITIES, write_workbook


def export_list(government, day: date | None = None) -> bytes:
    powers = Power.objects.filter(government=government)
    powers = powers.as_of(day) if day else powers.current()
    levels = {"city": "市级", "county": "县级", "township": "乡级"}
    rows = list(
        powers.order_by("code").values_list(
            "pk",
            "code",
            "name",
            "power_type__name",
            "department__name",
            "level",
            "process",
            "time_limit",
            "fees",
            "phone",
        )
    )
    codes = {row[0]: row[1] for row in rows}
    ids = list(codes)
    bases = LegalBasis.objects.filter(power_id__in=ids).order_by("power__code", "position")
    duties = Responsibility.objects.filter(power_id__in=ids).order_by("power__code", "position")
    cases = Accountability.objects.filter(responsibility__power_id__in=ids).order_by(
        "responsibility__power__code", "responsibility__position", "position"
    )
    return write_workbook(
        {
            POWERS: [(*row[1:5], levels.get(row[5], row[5]), *row[6:]) for row in rows],
            BASES: [
                (codes[p], n, law, article, text)
                for p, n, law, article, text in bases.values_list(
                    "power_id", "position", "law", "article", "text"
                )
            ],
            RESPONSIBILITIES: [
                (codes[p], n, name, content)
                for p, n, name, content in duties.values_list(
                    "power_id", "position", "name", "content"
                )
            ],
            ACCOUNTABILITIES: [
                (codes[p], n, text)
                for p, n, text in cases.values_list(
                    "responsibility__power_id", "responsibility__position", "text"
                )
            ],
        }
    )
