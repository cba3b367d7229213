"""Building enforcement bodies, officers' files and decisions for tests."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from gongkai.powers.models import BodyKind, EnforcementBody, Power
from gongkai.powers.services.importing import import_list
from gongkai.powers.services.officers_file import write_officers_csv, write_officers_xlsx
from gongkai.testing.factories import make_uscc

from .helpers import power_row, workbook

# A company's credit code with a correct check digit (91 = enterprise).
COMPANY_USCC = "91620500MA71ABCD0X"


def company_uscc(serial: int = 1) -> str:
    from gongkai.core.validators import org_code_check_char, uscc_check_char

    body = f"MA{serial:06d}"
    org = body + org_code_check_char(body)
    first17 = "91620500" + org
    return first17 + uscc_check_char(first17)


def finance_powers(world) -> tuple[Power, Power, Power]:
    """A licence, a penalty and an inspection power of 天水市财政局."""
    rows = [
        power_row(1),
        power_row(1, type_name="行政处罚", abbreviation="CF", name="对代理记账机构违法行为的处罚"),
        power_row(1, type_name="行政检查", abbreviation="JC", name="对会计信息质量的检查"),
    ]
    import_list(world.tianshui, workbook(rows), valid_from=date(2016, 1, 1))
    found = {p.power_type.name: p for p in Power.objects.current().select_related("power_type")}
    return found["行政许可"], found["行政处罚"], found["行政检查"]


def body(world, department=None, name=None, serial=1, powers=()) -> EnforcementBody:
    department = department or world.finance
    found = EnforcementBody.objects.create(
        government=department.government,
        department=department,
        name=name or department.name,
        uscc=make_uscc(department.government.code, 80000000 + serial),
        kind=BodyKind.AGENCY,
        basis="《中华人民共和国会计法》第七条",
    )
    found.powers.set(powers)
    return found


def officer_row(n: int, body_name="天水市财政局", **fields) -> tuple:
    row = {
        "name": fields.get("name", f"王{'一二三四五六七八九十'[n % 10]}明"),
        "certificate_number": f"甘A{5000000 + n:08d}",
        "body": body_name,
        "field": "财政",
        "issued_on": "2022-03-01",
        "expires_on": "2028-02-29",
        "status": "在岗",
        "status_since": "",
        "id_number": "",
    } | fields
    return tuple(
        row[k]
        for k in (
            "name",
            "certificate_number",
            "body",
            "field",
            "issued_on",
            "expires_on",
            "status",
            "status_since",
            "id_number",
        )
    )


def officers_file(rows, *, csv=False):
    if csv:
        return ContentFile(write_officers_csv(list(rows)), name="执法人员.csv")
    return ContentFile(write_officers_xlsx(list(rows)), name="执法人员.xlsx")


def resident_id(first17: str = "62050219900101123") -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def penalty(world, the_body, power, decided_on, *, person=False, number=1, **fields):
    from gongkai.powers.services.decisions import record_decision

    party = (
        {"party_type": "person", "party_name": "张三丰", "party_id_number": resident_id()}
        if person
        else {
            "party_type": "legal",
            "party_name": "天水市某某代理记账有限公司",
            "party_uscc": company_uscc(number),
            "legal_representative": "李四",
        }
    )
    return record_decision(
        the_body,
        power=power,
        case_name=fields.pop("case_name", f"未经批准从事代理记账业务案{number}"),
        document_number=fields.pop("document_number", f"天财罚〔{decided_on.year}〕{number}号"),
        facts="当事人未经批准从事代理记账业务。",
        basis="《中华人民共和国会计法》第四十二条",
        content="责令改正，罚款人民币五千元。",
        decided_on=decided_on,
        actor=fields.pop("actor", world.handler_finance),
        amount=fields.pop("amount", 5000),
        **(party | fields),
    )
