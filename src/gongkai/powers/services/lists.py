"""Recording the publication or a change of a 负面清单 or 财政专项资金管理清单.

One decision document changes many entries, each in one of three ways, on the
document's effective date: 新增 (a new entry), 调整 (the row in force closes and a
new row with the changed fields opens, keeping the code), 取消 (the row closes).
All of a document's changes are taken or none: a refusal names the entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Department

from ..models import CATEGORIES, EntryChange, ListDocument, ListEntry, ListKind

FIELDS = ("name", "category", "department", "content", "basis", "amount", "rules")


class ListChangeRefused(DomainError):
    pass


@dataclass
class EntrySpec:
    """One change of a document: ``change`` (add, amend, remove) of entry ``code``."""

    change: str
    code: str
    values: dict = field(default_factory=dict)  # FIELDS; for amend only those that change


def _check(kind: str, government, code: str, values: dict) -> None:
    if not values.get("name", "").strip():
        raise ListChangeRefused(f"{code}：请填写事项名称。")
    if values.get("category") not in CATEGORIES[ListKind(kind)]:
        allowed = "、".join(CATEGORIES[ListKind(kind)])
        raise ListChangeRefused(f"{code}：类别须为{allowed}之一。")
    department = values.get("department")
    if not isinstance(department, Department) or department.government_id != government.pk:
        raise ListChangeRefused(f"{code}：主管部门须为{government.name}的部门。")
    for name, label in (("content", "管理措施或资金用途"), ("basis", "设立依据")):
        if not str(values.get(name, "")).strip():
            raise ListChangeRefused(f"{code}：请填写{label}。")
    amount = values.get("amount")
    if kind == ListKind.FUNDS and (amount is None or Decimal(amount) < 0):
        raise ListChangeRefused(f"{code}：专项资金须填写资金规模（万元，不小于0）。")
    if kind == ListKind.NEGATIVE and amount is not None:
        raise ListChangeRefused(f"{code}：负面清单事项没有资金规模。")


def record_list_change(
    government,
    kind: str,
    *,
    number: str,
    title: str,
    effective_on: date,
    changes: list[EntrySpec],
    actor=None,
) -> ListDocument:
    """Take every change of the document ``number`` on ``effective_on``, or none.
    ``actor`` None: the system (the demo); a person needs ``powers.adjust`` for the
    department of every entry the document touches."""
    if not changes:
        raise ListChangeRefused("请至少登记一项变化。")
    codes = [c.code.strip() for c in changes]
    if len(set(codes)) != len(codes):
        raise ListChangeRefused("同一文件中一个编号只能登记一次变化。")
    with transaction.atomic():
        if ListDocument.objects.filter(government=government, kind=kind, number=number).exists():
            raise ListChangeRefused(f"{number}已登记过，请勿重复登记。")
        document = ListDocument.objects.create(
            government=government, kind=kind, number=number.strip(), title=title.strip(),
            effective_on=effective_on,
        )  # fmt: skip
        in_force = {
            e.code: e
            for e in ListEntry.objects.select_for_update()
            .filter(government=government, kind=kind, code__in=codes)
            .current()
        }
        for spec in changes:
            code = spec.code.strip()
            before = in_force.get(code)
            if spec.change == EntryChange.ADD:
                if before is not None:
                    raise ListChangeRefused(f"编号{code}已在清单中，不能再新增。")
                values = dict(spec.values)
            else:
                if before is None:
                    raise ListChangeRefused(f"编号{code}不在现行清单中。")
                if effective_on <= before.valid_from:
                    raise ListChangeRefused(
                        f"{code}：生效日期须晚于该事项现行版本的生效日期（{before.valid_from}）。"
                    )
                values = {name: getattr(before, name) for name in FIELDS} | spec.values
            department = values.get("department")
            if actor is not None:
                for target in {d for d in (department, getattr(before, "department", None)) if d}:
                    access.require(actor, "powers.adjust", target)
            if before is not None:
                before.valid_to, before.closed_by = effective_on, document
                before.save(update_fields=["valid_to", "closed_by"])
            if spec.change == EntryChange.REMOVE:
                continue
            _check(kind, government, code, values)
            ListEntry.objects.create(
                government=government, kind=kind, code=code, valid_from=effective_on,
                opened_by=document, opened_as=spec.change,
                **{name: values.get(name) for name in FIELDS if name != "rules"},
                rules=values.get("rules") or "",
            )  # fmt: skip
        if actor is not None:
            record(
                "powers.list.change",
                actor=actor,
                obj=document,
                after={"kind": kind, "changes": [(c.change, c.code) for c in changes]},
            )
    return document


CHANGE_WORDS = {label: value for value, label in EntryChange.choices}


def changes_from_workbook(government, kind: str, uploaded) -> list[EntrySpec]:
    """The changes in an uploaded XLSX (sheet 清单事项), or a refusal naming every
    bad row by the number Excel shows; nothing is recorded from a file with one."""
    from decimal import InvalidOperation

    from .workbook import LIST_CHANGES, LIST_SHEETS, read_workbook

    book = read_workbook(uploaded, LIST_SHEETS, LIST_CHANGES)
    departments = {d.name: d for d in Department.objects.filter(government=government)}
    specs, problems = [], []
    for row in book.rows(LIST_CHANGES):
        v = row.values
        change = CHANGE_WORDS.get(v.get("change", ""))
        if change is None:
            problems.append(f"第{row.number}行：变化方式须为新增、调整或取消。")
            continue
        values: dict = {}
        for name in ("name", "category", "content", "basis", "rules"):
            if v.get(name):
                values[name] = v[name]
        if v.get("department"):
            if v["department"] not in departments:
                problems.append(
                    f"第{row.number}行：“{v['department']}”不是{government.name}的部门。"
                )
                continue
            values["department"] = departments[v["department"]]
        if v.get("amount"):
            try:
                values["amount"] = Decimal(v["amount"].replace(",", ""))
            except InvalidOperation:
                problems.append(f"第{row.number}行：资金规模须为数字（万元）。")
                continue
        if change == EntryChange.ADD:
            values.setdefault("amount", None)
            values.setdefault("rules", "")
            try:
                _check(kind, government, v["code"], values)
            except ListChangeRefused as refused:
                problems.append(f"第{row.number}行：{refused.message}")
                continue
        specs.append(EntrySpec(change, v["code"], values))
    if problems:
        raise ListChangeRefused("文件中有以下问题，未登记任何变化：" + "".join(problems[:20]))
    return specs


def template() -> bytes:
    """The empty workbook with one example row."""
    from .workbook import LIST_CHANGES, LIST_SHEETS, write_workbook

    example = ("新增", "FM-2016-001", "新建高尔夫球场项目", "禁止类", "天水市发展和改革委员会",
               "禁止新建高尔夫球场项目", "《国务院办公厅关于暂停新建高尔夫球场的通知》", "", "")  # fmt: skip
    return write_workbook({LIST_CHANGES: [example]}, LIST_SHEETS)
