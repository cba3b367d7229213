"""Importing the construction credit column's data (工程建设领域信用信息).

A department uploads one XLSX with up to three sheets (企业, 从业人员, 信用记录;
the template is linked from the workbench page): companies are added or updated
by credit code, practitioners by certificate number, and records are added with
the uploading department as their source. A 行政处罚 record names the penalty
decision's document number and is linked to the decision published in 行政执法公示
against the same credit code; one that cannot be found is refused. Every bad row
is named by sheet and row number and nothing is written; a record already on file
(same subject, category, title and date) is counted, not added twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.core.validators import is_valid_uscc

from ..models import (
    COMPANY_CATEGORIES,
    PRACTITIONER_CATEGORIES,
    Company,
    CompanyKind,
    CreditRecord,
    Decision,
    Practitioner,
    RecordCategory,
)
from .officers_file import parse_day
from .workbook import COMPANIES, CREDIT_SHEETS, PRACTITIONERS, RECORDS, read_workbook

KINDS = {label: value for value, label in CompanyKind.choices}
CATEGORIES = {label: value for value, label in RecordCategory.choices}


class CreditImportRefused(DomainError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "文件中有以下问题，未导入任何内容：" + "；".join(problems[:20]), code="rows"
        )


@dataclass
class CreditImport:
    companies: int = 0
    practitioners: int = 0
    records: int = 0
    already: int = 0

    def summary(self) -> str:
        text = f"已导入企业{self.companies}家、从业人员{self.practitioners}名、信用记录{self.records}条"
        return text + (f"（{self.already}条已在库中，未重复登记）" if self.already else "") + "。"


def _where(sheet: str, number: int) -> str:
    return f"“{sheet}”第{number}行"


def import_credit(department, uploaded, *, actor=None) -> CreditImport:
    """Import the file for ``department`` (the source of its records); all or nothing."""
    if actor is not None:
        access.require(actor, "powers.credit_import", department)
    government = department.government
    book = read_workbook(uploaded, CREDIT_SHEETS, RECORDS)
    problems: list[str] = []
    companies: dict[str, dict] = {}
    for row in book.rows(COMPANIES):
        v, where = row.values, _where(COMPANIES, row.number)
        if not is_valid_uscc(v["uscc"]):
            problems.append(f"{where}：统一社会信用代码“{v['uscc']}”校验位不正确")
            continue
        if v["kind"] not in KINDS:
            problems.append(f"{where}：企业类型须为{'、'.join(KINDS)}之一")
            continue
        try:
            established = parse_day(v.get("established_on"))
            capital = Decimal(v["registered_capital"]) if v.get("registered_capital") else None
        except (ValueError, InvalidOperation):
            problems.append(f"{where}：成立日期或注册资本格式不正确")
            continue
        companies[v["uscc"]] = {"name": v["name"], "kind": KINDS[v["kind"]],
                                "legal_representative": v.get("legal_representative", ""),
                                "address": v.get("address", ""), "established_on": established,
                                "registered_capital": capital}  # fmt: skip
    known = set(Company.objects.filter(government=government).values_list("uscc", flat=True)) | set(
        companies
    )
    practitioners: dict[str, dict] = {}
    for row in book.rows(PRACTITIONERS):
        v, where = row.values, _where(PRACTITIONERS, row.number)
        if v.get("company") and v["company"] not in known:
            problems.append(f"{where}：注册单位“{v['company']}”不在专栏中，请在“企业”表中一并导入")
            continue
        practitioners[v["certificate_number"]] = v
    certificates = set(
        Practitioner.objects.filter(government=government).values_list(
            "certificate_number", flat=True
        )
    ) | set(practitioners)
    records: list[tuple[dict, int]] = []
    for row in book.rows(RECORDS):
        v, where = row.values, _where(RECORDS, row.number)
        subject = v["subject"]
        is_company = subject in known
        if not is_company and subject not in certificates:
            problems.append(f"{where}：“{subject}”既不是专栏中的企业，也不是从业人员")
            continue
        category = CATEGORIES.get(v["category"])
        allowed = COMPANY_CATEGORIES if is_company else PRACTITIONER_CATEGORIES
        if category not in allowed:
            who = "企业" if is_company else "从业人员"
            labels = "、".join(RecordCategory(c).label for c in allowed)
            problems.append(f"{where}：{who}的记录类别须为{labels}之一")
            continue
        try:
            recorded_on = parse_day(v["recorded_on"])
            valid_until = parse_day(v.get("valid_until"))
        except ValueError:
            problems.append(f"{where}：日期格式不正确（如 2016-03-01）")
            continue
        if recorded_on is None:
            problems.append(f"{where}：请填写认定日期")
            continue
        decision = None
        if category == RecordCategory.PENALTY:
            found = Decision.objects.filter(
                document_number=v.get("decision", ""), published_on__isnull=False
            )
            if is_company:
                found = found.filter(party_uscc=subject)
            decision = found.select_related("body__department").first()
            if decision is None:
                problems.append(
                    f"{where}：行政处罚记录须填写已在行政执法公示中公示的处罚决定书文号"
                    f"（“{v.get('decision', '')}”未找到）"
                )
                continue
        records.append(({"subject": subject, "company": is_company, "category": category,
                         "title": v["title"], "content": v.get("content", ""),
                         "recorded_on": recorded_on, "valid_until": valid_until,
                         "decision": decision}, row.number))  # fmt: skip
    if problems:
        raise CreditImportRefused(problems)
    done = CreditImport()
    with transaction.atomic():
        for uscc, values in companies.items():
            Company.objects.update_or_create(government=government, uscc=uscc, defaults=values)
            done.companies += 1
        by_uscc = {c.uscc: c for c in Company.objects.filter(government=government)}
        for certificate, v in practitioners.items():
            Practitioner.objects.update_or_create(
                government=government, certificate_number=certificate,
                defaults={"name": v["name"], "qualification": v["qualification"],
                          "company": by_uscc.get(v.get("company", ""))},
            )  # fmt: skip
            done.practitioners += 1
        by_certificate = {
            p.certificate_number: p for p in Practitioner.objects.filter(government=government)
        }
        for values, _number in records:
            subject = values.pop("subject")
            owner = (
                {"company": by_uscc[subject], "practitioner": None}
                if values.pop("company")
                else {"company": None, "practitioner": by_certificate[subject]}
            )
            _, created = CreditRecord.objects.get_or_create(
                **owner, category=values["category"], title=values["title"],
                recorded_on=values["recorded_on"],
                # a penalty's source is the body that decided it, not the importer
                defaults={**values, "source": (
                    values["decision"].body.department if values["decision"] else department
                )},
            )  # fmt: skip
            done.records += created
            done.already += not created
        if actor is not None:
            record("powers.credit_import", actor=actor, obj=department, after=done.__dict__)
    return done


def template() -> bytes:
    from .workbook import write_workbook

    return write_workbook(
        {
            COMPANIES: [("91620500MA71ABCD0X", "天水某某建筑工程有限公司", "施工企业", "王某",
                         "天水市秦州区建设路1号", "2008-05-12", "2000")],
            PRACTITIONERS: [("甘162080800123", "李某某", "一级建造师（建筑工程）", "91620500MA71ABCD0X")],
            RECORDS: [("91620500MA71ABCD0X", "资质", "建筑工程施工总承包二级", "", "2016-03-01", "2021-03-01", "")],
        },
        CREDIT_SHEETS,
    )  # fmt: skip
