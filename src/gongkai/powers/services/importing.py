"""Importing a government's 权责清单 from XLSX (layout: ``workbook``).

Every row is checked first (``checking``); the report names each bad row by
sheet and row number with its reasons. Nothing is imported when any row is
bad, unless the user chose ``valid_rows_only``: then the good powers and the
good children of good powers are imported and the report still lists the rest.
Rows are written with ``bulk_create`` in four statements' worth of batches, so
the city's list (2,900 powers, ~45,000 children) imports in seconds.

Imported powers are in force from ``valid_from``; an import may belong to an
adjustment (新增) whose document then lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from gongkai.audit.services import record
from gongkai.core.pagecache import content_changed

from ..jobs import schedule_index
from ..models import Accountability, LegalBasis, Power, Responsibility
from .checking import Checked, ListChecker, RowProblem
from .workbook import Workbook, read_workbook

BATCH = 2000


@dataclass
class ImportReport:
    rows: int
    problems: list[RowProblem] = field(default_factory=list)
    imported: bool = False
    powers: int = 0
    responsibilities: int = 0
    accountabilities: int = 0
    bases: int = 0
    created: list[Power] = field(default_factory=list, repr=False)

    @property
    def valid(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        counts = (
            f"行政权力{self.powers}项、责任事项{self.responsibilities}项、"
            f"追责情形{self.accountabilities}项、设定依据{self.bases}条"
        )
        if self.imported and self.problems:
            return f"已导入有效行：{counts}；另有{len(self.problems)}行有误，未导入。"
        if self.imported:
            return f"已导入{counts}。"
        if self.problems:
            return (
                f"共{self.rows}行，其中{len(self.problems)}行有误，未导入任何一行；"
                "请修改后重新导入，或选择“仅导入有效行”。"
            )
        return f"共{self.rows}行，检查无误。"


def check_list(
    government, uploaded=None, *, workbook: Workbook | None = None, actor=None
) -> ImportReport:
    """Check an upload against ``government`` without importing anything."""
    checked = ListChecker(government, actor=actor).check(workbook or read_workbook(uploaded))
    report = ImportReport(checked.rows, checked.problems)
    _count(report, checked)
    return report


def import_list(
    government,
    uploaded=None,
    *,
    valid_from: date,
    workbook: Workbook | None = None,
    valid_rows_only: bool = False,
    actor=None,
) -> ImportReport:
    """Import the list's rows (all, or only the valid ones when asked).

    With an ``actor``, a row whose implementing body the actor may not import for
    (``powers.import``: a department its own rows, the 公开办 its tree) is a bad
    row like any other. The demo imports without one."""
    workbook = workbook or read_workbook(uploaded)
    with transaction.atomic():
        checked = ListChecker(government, actor=actor).check(workbook)
        report = ImportReport(checked.rows, checked.problems)
        _count(report, checked)
        if checked.problems and not valid_rows_only:
            return report
        if checked.good:
            report.created = _write(government, checked, valid_from)
            content_changed()
            schedule_index([power.pk for power in report.created])
            record(
                "powers.imported",
                actor=actor,
                object_type="orgs.government",
                object_id=str(government.pk),
                object_repr=f"{government.name}权责清单",
                after={"powers": report.powers, "valid_from": valid_from.isoformat()},
            )
        report.imported = bool(checked.good)
    return report


def _count(report: ImportReport, checked: Checked) -> None:
    report.powers = len(checked.good)
    for power in checked.good.values():
        report.bases += len(power.bases)
        report.responsibilities += len(power.responsibilities)
        report.accountabilities += sum(len(rows) for rows in power.accountabilities.values())


def _write(government, checked: Checked, valid_from: date) -> list[Power]:
    good = list(checked.good.values())
    powers = Power.objects.bulk_create(
        [
            Power(
                government=government,
                department=item.department,
                power_type=item.power_type,
                code=item.row.values["code"],
                name=item.row.values["name"],
                level=item.level,
                process=item.row.values.get("process", ""),
                time_limit=item.row.values.get("time_limit", ""),
                fees=item.row.values.get("fees", ""),
                phone=item.row.values.get("phone", ""),
                valid_from=valid_from,
            )
            for item in good
        ],
        batch_size=BATCH,
    )
    bases, responsibilities, owners = [], [], []
    for power, item in zip(powers, good, strict=True):
        for row in item.bases:
            bases.append(
                LegalBasis(
                    power=power,
                    position=int(row.values["position"]),
                    law=row.values["law"],
                    article=row.values.get("article", ""),
                    text=row.values.get("text", ""),
                )
            )
        for row in item.responsibilities:
            responsibilities.append(
                Responsibility(
                    power=power,
                    position=int(row.values["position"]),
                    name=row.values["name"],
                    content=row.values.get("content", ""),
                )
            )
            owners.append(item)
    LegalBasis.objects.bulk_create(bases, batch_size=BATCH)
    Responsibility.objects.bulk_create(responsibilities, batch_size=BATCH)
    accountabilities = []
    for responsibility, item in zip(responsibilities, owners, strict=True):
        for position, row in enumerate(item.accountabilities.get(responsibility.position, ()), 1):
            accountabilities.append(
                Accountability(
                    responsibility=responsibility, position=position, text=row.values["text"]
                )
            )
    Accountability.objects.bulk_create(accountabilities, batch_size=BATCH)
    return powers
