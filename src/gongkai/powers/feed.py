"""双公示 feed: the published decisions in the national credit platform's field
layout, as rows for the CSV/XLSX download and the API: the platform's own 行政处罚 and
行政许可 layouts (双公示数据标准) when one kind is asked for, otherwise one combined
layout with 信息类别 (also the API's fields).

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
# The platform's own layouts of 行政处罚 and 行政许可 (双公示数据标准): heading → key of
# ``feed_row`` ("" for a column this platform does not hold, sent empty).
PENALTY_LAYOUT: tuple[tuple[str, str], ...] = (
    ("行政相对人名称", "party_name"),
    ("行政相对人类别", "party_category"),
    ("行政相对人代码_1(统一社会信用代码)", "party_uscc"),
    ("行政相对人代码_2(工商注册号)", ""),
    ("行政相对人代码_3(组织机构代码)", ""),
    ("行政相对人代码_4(税务登记号)", ""),
    ("行政相对人代码_5(事业单位证书号)", ""),
    ("行政相对人代码_6(社会组织登记证号)", ""),
    ("法定代表人", "legal_representative"),
    ("法定代表人证件类型", ""),
    ("法定代表人证件号码", ""),
    ("证件类型", "id_type"),
    ("证件号码", "id_number"),
    ("行政处罚决定书文号", "document_number"),
    ("违法行为类型", "case_name"),
    ("违法事实", "facts"),
    ("处罚依据", "basis"),
    ("处罚类别", "category"),
    ("处罚内容", "content"),
    ("罚款金额(万元)", "amount_wan"),
    ("没收违法所得、没收非法财物的金额(万元)", ""),
    ("暂扣或吊销证照名称及编号", ""),
    ("处罚决定日期", "decided_on"),
    ("处罚有效期", ""),
    ("公示截止期", "display_ends"),
    ("处罚机关", "authority"),
    ("处罚机关统一社会信用代码", "authority_uscc"),
    ("数据来源单位", "source"),
    ("数据来源单位统一社会信用代码", "source_uscc"),
    ("备注", "note"),
)
LICENCE_LAYOUT: tuple[tuple[str, str], ...] = (
    *PENALTY_LAYOUT[:13],
    ("行政许可决定文书名称", "case_name"),
    ("行政许可决定文书号", "document_number"),
    ("许可类别", "category"),
    ("许可证书名称", ""),
    ("许可编号", ""),
    ("许可内容", "content"),
    ("许可决定日期", "decided_on"),
    ("有效期自", "decided_on"),
    ("有效期至", "display_ends"),
    ("许可机关", "authority"),
    ("许可机关统一社会信用代码", "authority_uscc"),
    ("当前状态", "state"),
    ("数据来源单位", "source"),
    ("数据来源单位统一社会信用代码", "source_uscc"),
    ("备注", "note"),
)


def layout(kind: str) -> tuple[tuple[str, str], ...]:
    """(heading, key) of the download: the platform's own layout when one kind is
    chosen (penalty, licence), else the combined layout with 信息类别."""
    if kind == "penalty":
        return PENALTY_LAYOUT
    if kind == "licence":
        return LICENCE_LAYOUT
    return tuple((heading, key) for key, heading in COLUMNS)


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
        "state": "有效",
    }


def feed_decisions(day: date):
    return (
        Decision.objects.public(day)
        .select_related("body", "power__power_type")
        .order_by("decided_on", "pk")
    )


def _lines(decisions, kind: str):
    columns = layout(kind)
    yield [heading for heading, _key in columns]
    for decision in decisions.iterator(chunk_size=2000):
        row = feed_row(decision)
        yield [row[key] if key else "" for _heading, key in columns]


def feed_csv(decisions, kind: str = "") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_lines(decisions, kind))
    return buffer.getvalue().encode("utf-8-sig")


def feed_xlsx(decisions, kind: str = "") -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet({"penalty": "行政处罚", "licence": "行政许可"}.get(kind, "双公示"))
    for line in _lines(decisions, kind):
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
