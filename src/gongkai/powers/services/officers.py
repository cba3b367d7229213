"""Import of the officers' list (行政执法人员名录) from the provincial certificate
system's export, kept up to date by re-import.

``preview_officers(government, uploaded, actor)`` reads and checks the file and
compares it with the officers of the bodies of ``government`` and the
governments under it: new certificates, changed fields (old → new), and officers
no longer in the file (gone). Nothing is written. ``apply_officers(preview,
actor, valid_only=False)`` applies it in one transaction with bulk operations;
it refuses when a row is bad unless ``valid_only`` is chosen (then the bad rows
are skipped and the gone officers are left alone, since a bad row may be one of
them). A gone officer is set to 注销 from the import day: shown as not active
from the next day.

A row is refused (by row number, in Chinese) when a required value is missing,
a date cannot be read, the expiry is before the issue date, the status is not
known, the body is not one of the government's, the certificate number repeats
within the file, or ``actor`` may not keep that body's officers (a body's staff
keep only their own: ``enforcement.edit_officers``). Only the officers of the bodies
``actor`` keeps can change or be gone: a body's file never touches another body's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.dates import today
from gongkai.core.errors import DomainError
from gongkai.core.pagecache import content_changed

from ..models import EnforcementBody, Officer, OfficerStatus
from ..privacy import id_digest
from .officers_file import FileRow, parse_day, read_officers_file

CERTIFICATE = re.compile(r"^[\u4e00-\u9fff]?[0-9A-Z]{6,20}$")
STATUSES = {label: value for value, label in OfficerStatus.choices}
COMPARED = ("name", "body_id", "field", "issued_on", "expires_on", "status", "status_since")
LABELS = {
    "name": "姓名",
    "body_id": "执法主体",
    "field": "执法领域",
    "issued_on": "发证日期",
    "expires_on": "有效期至",
    "status": "证件状态",
    "status_since": "状态变更日期",
    "id_digest": "身份证号",
}
BATCH = 2000


@dataclass
class Change:
    officer: Officer
    fields: dict[str, tuple]  # field → (old, new)


@dataclass
class OfficersPreview:
    government_id: int
    day: date
    rows: dict[str, dict] = field(default_factory=dict)  # certificate → values
    problems: list[tuple[int, str]] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    gone: list[Officer] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_lines(self) -> list[str]:
        return [f"第{number}行：{message}" for number, message in self.problems]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def _bodies(government) -> dict[str, EnforcementBody]:
    found = EnforcementBody.objects.filter(government__path__startswith=government.path)
    return {b.name: b for b in found.select_related("department__government")}


def _check(row: FileRow, bodies, allowed: set[int], seen: dict[str, int]) -> dict:
    v = {
        k: _text(x) if k not in ("issued_on", "expires_on", "status_since") else x
        for k, x in row.values.items()
    }
    for key, label in (
        ("name", "姓名"),
        ("certificate_number", "执法证号"),
        ("body", "执法主体"),
        ("field", "执法领域"),
    ):
        if not v.get(key):
            raise ValueError(f"“{label}”不能为空。")
    number = v["certificate_number"].upper().replace(" ", "")
    if not CERTIFICATE.match(number):
        raise ValueError(f"执法证号“{number[:30]}”格式不正确（如 甘A05001234 或 62050012345678）。")
    if number in seen:
        raise ValueError(f"执法证号“{number}”与第{seen[number]}行重复。")
    body = bodies.get(v["body"])
    if body is None:
        raise ValueError(f"执法主体“{v['body'][:60]}”不在本地区的执法主体名录中。")
    if body.pk not in allowed:
        raise ValueError(f"无权维护执法主体“{body.name}”的人员。")
    days = {}
    for key, label in (
        ("issued_on", "发证日期"),
        ("expires_on", "有效期至"),
        ("status_since", "状态变更日期"),
    ):
        try:
            days[key] = parse_day(v.get(key))
        except ValueError:
            raise ValueError(f"“{label}”不是有效日期：{_text(v.get(key))[:20]}。") from None
        if days[key] is None and key != "status_since":
            raise ValueError(f"“{label}”不能为空。")
    if days["expires_on"] < days["issued_on"]:
        raise ValueError("有效期至早于发证日期。")
    status_label = v.get("status") or "在岗"
    if status_label not in STATUSES:
        raise ValueError(f"证件状态“{status_label[:10]}”无效（应为在岗、暂扣、注销或吊销）。")
    status = STATUSES[status_label]
    if status != OfficerStatus.ACTIVE and days["status_since"] is None:
        raise ValueError(f"证件状态为“{status_label}”时须填写状态变更日期。")
    seen[number] = row.number
    return {
        "certificate_number": number,
        "name": v["name"][:40],
        "body_id": body.pk,
        "field": v["field"][:60],
        "issued_on": days["issued_on"],
        "expires_on": days["expires_on"],
        "status": status,
        "status_since": days["status_since"] if status != OfficerStatus.ACTIVE else None,
        "id_digest": id_digest(_text(v.get("id_number"))),
    }


def _compare(preview: OfficersPreview, government, allowed: set[int]) -> None:
    existing = {
        o.certificate_number: o
        for o in Officer.objects.filter(body__government__path__startswith=government.path)
    }
    unknown = [n for n in preview.rows if n not in existing]
    elsewhere = set()
    for start in range(0, len(unknown), 900):
        elsewhere |= set(
            Officer.objects.filter(certificate_number__in=unknown[start : start + 900]).values_list(
                "certificate_number", flat=True
            )
        )
    for number, values in preview.rows.items():
        officer = existing.get(number)
        if officer is None:
            if number in elsewhere:
                preview.problems.append((values["_row"], f"执法证号“{number}”已登记在其他地区。"))
            else:
                preview.new.append(number)
            continue
        if officer.body_id not in allowed:
            preview.problems.append(
                (values["_row"], f"执法证号“{number}”登记在其他执法主体，无权变更。")
            )
            continue
        changed = {
            key: (getattr(officer, key), values[key])
            for key in COMPARED
            if getattr(officer, key) != values[key]
        }
        if values["id_digest"] and values["id_digest"] != officer.id_digest:
            changed["id_digest"] = (officer.id_digest, values["id_digest"])
        if changed:
            preview.changed.append(Change(officer, changed))
    preview.gone = [
        o
        for number, o in existing.items()
        if number not in preview.rows and o.status == OfficerStatus.ACTIVE and o.body_id in allowed
    ]
    preview.problems.sort()


def preview_officers(government, uploaded, actor, *, system: bool = False) -> OfficersPreview:
    """Read, check and compare an export; write nothing. ``system``: a trusted
    caller (the demo loader, a management command) that keeps every body."""
    rows = read_officers_file(uploaded)
    if not rows:
        raise DomainError("文件中没有数据行。", code="empty")
    bodies = _bodies(government)
    allowed = (
        {b.pk for b in bodies.values()}
        if system
        else set(
            access.scope(
                actor,
                "enforcement.edit_officers",
                EnforcementBody.objects.filter(pk__in=[b.pk for b in bodies.values()]),
            ).values_list("pk", flat=True)
        )
    )
    preview = OfficersPreview(government.pk, today())
    seen: dict[str, int] = {}
    for row in rows:
        try:
            values = _check(row, bodies, allowed, seen)
        except ValueError as bad:
            preview.problems.append((row.number, str(bad)))
            continue
        values["_row"] = row.number
        preview.rows[values["certificate_number"]] = values
    _compare(preview, government, allowed)
    return preview


def apply_officers(preview: OfficersPreview, actor, *, valid_only: bool = False) -> dict[str, int]:
    """Apply a preview in one transaction; counts of what was done."""
    if preview.problems and not valid_only:
        raise DomainError(
            f"文件中有{len(preview.problems)}行有误，未导入任何数据。"
            f"请修改后重新导入，或选择“仅导入无误的行”。",
            code="bad_rows",
        )
    bad_rows = {number for number, _m in preview.problems}
    fields = [k for k in COMPARED if k != "body_id"] + ["body_id", "id_digest"]
    with transaction.atomic():
        Officer.objects.bulk_create(
            [
                Officer(
                    certificate_number=number,
                    **{k: v for k, v in preview.rows[number].items() if k in fields},
                )
                for number in preview.new
                if preview.rows[number]["_row"] not in bad_rows
            ],
            batch_size=BATCH,
        )
        updated = []
        for change in preview.changed:
            for key, (_old, new) in change.fields.items():
                setattr(change.officer, key, new)
            updated.append(change.officer)
        if updated:
            Officer.objects.bulk_update(updated, fields, batch_size=BATCH)
        gone = [] if valid_only and preview.problems else [o.pk for o in preview.gone]
        if gone:
            Officer.objects.filter(pk__in=gone).update(
                status=OfficerStatus.CANCELLED, status_since=preview.day
            )
        counts = {"new": len(preview.new), "changed": len(updated), "gone": len(gone)}
        counts["skipped"] = len(preview.problems)
        record("enforcement.officers_import", actor=actor, after=counts)
        content_changed()
    return counts
