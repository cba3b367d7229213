"""双公示 feed: the published decisions in the national credit platform's field
layout (信用中国 行政许可、行政处罚信息数据标准, one layout for both with 信息类别),
as rows for the CSV/XLSX download and the API.

What a row never holds: a natural person's full name (the given name is masked,
张**) nor any ID number (证件号码 stays empty: the platform holds no ID number).
A legal person's or 个体工商户's name and credit code are given in full.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from .models import Decision, PartyType
from .privacy import mask_person

COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "信息类别"),
    ("party_name", "行政相对人名称"),
    ("party_category", "行政相对人类别"),
    ("party_uscc", "行政相对人代码_1（统一社会信用代码）"),
    ("legal_representative", "法定代表人"),
    ("id_type", "证件类型"),
    ("id_number", "证件号码"),
    ("document_number", "决定文书号"),
    ("case_name", "案件名称"),
    ("facts", "违法事实（许可事项）"),
    ("basis", "依据"),
    ("category", "处罚（许可）类别"),
    ("content", "决定内容"),
    ("amount_wan", "罚款金额（万元）"),
    ("decided_on", "决定日期"),
    ("display_ends", "公示截止期"),
    ("authority", "决定机关"),
    ("authority_uscc", "决定机关统一社会信用代码"),
    ("source", "数据来源单位"),
    ("source_uscc", "数据来源单位统一社会信用代码"),
    ("note", "备注"),
)
CATEGORY = {
    PartyType.PERSON: "自然人",
    PartyType.LEGAL: "法人及非法人组织",
    PartyType.BUSINESS: "个体工商户",
}


def party_name(decision: Decision) -> str:
    """The party's name as the public sees it."""
    if decision.party_type == PartyType.PERSON:
        return mask_person(decision.party_name)
    return decision.party_name


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def feed_row(decision: Decision) -> dict[str, str]:
    person = decision.party_type == PartyType.PERSON
    amount = ""
    if decision.amount is not None:
        amount = f"{(decision.amount / Decimal(10000)).quantize(Decimal('0.000001')).normalize():f}"
    body = decision.body
    return {
        "kind": decision.get_kind_display(),
        "party_name": party_name(decision),
        "party_category": CATEGORY.get(decision.party_type, ""),
        "party_uscc": "" if person else decision.party_uscc,
        "legal_representative": "" if person else decision.legal_representative,
        "id_type": "身份证" if person else "",
        "id_number": "",
        "document_number": decision.document_number,
        "case_name": decision.case_name,
        "facts": decision.facts,
        "basis": decision.basis,
        "category": decision.power.power_type.name,
        "content": decision.content,
        "amount_wan": amount,
        "decided_on": _day(decision.decided_on),
        "display_ends": _day(decision.display_ends),
        "authority": body.name,
        "authority_uscc": body.uscc,
        "source": body.name,
        "source_uscc": body.uscc,
        "note": "",
    }


def feed_decisions(day: date):
    return (
        Decision.objects.public(day)
        .select_related("body", "power__power_type")
        .order_by("decided_on", "pk")
    )


def feed_csv(decisions) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([heading for _key, heading in COLUMNS])
    for decision in decisions.iterator(chunk_size=2000):
        row = feed_row(decision)
        writer.writerow([row[key] for key, _h in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def feed_xlsx(decisions) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("双公示")
    sheet.append([heading for _key, heading in COLUMNS])
    for decision in decisions.iterator(chunk_size=2000):
        row = feed_row(decision)
        sheet.append([row[key] for key, _h in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
