"""工程建设领域信用信息共享专栏: the import (every bad row named, nothing written;
penalties linked to published decisions with the deciding body as source; a
re-import adds nothing twice), the public pages (a company's page gathers its
records and its decisions), and who may import."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.powers.models import Company, CreditRecord, Practitioner
from gongkai.powers.services.credit import CreditImportRefused, import_credit
from gongkai.powers.services.decisions import publish_decision
from gongkai.powers.services.workbook import (
    COMPANIES,
    CREDIT_SHEETS,
    PRACTITIONERS,
    RECORDS,
    write_workbook,
)

from .enforcement_helpers import body, company_uscc, finance_powers, penalty

pytestmark = pytest.mark.django_db
USCC = company_uscc(7)


def xlsx(**sheets) -> SimpleUploadedFile:
    names = {"companies": COMPANIES, "practitioners": PRACTITIONERS, "records": RECORDS}
    data = write_workbook({names[k]: v for k, v in sheets.items()}, CREDIT_SHEETS)
    return SimpleUploadedFile("credit.xlsx", data)


COMPANY = (USCC, "天水某某代理记账有限公司", "施工企业", "李四", "秦州区", "2008-05-12", "2000")
PERSON = ("甘1620808001", "王建国", "一级建造师（建筑工程）", USCC)
QUALIFICATION = (USCC, "资质", "建筑工程施工总承包二级", "", "2016-03-01", "2021-03-01", "")


def test_companies_practitioners_and_records_are_imported_once(world):
    file = {"companies": [COMPANY], "practitioners": [PERSON],
                "records": [QUALIFICATION, ("甘1620808001", "执业资格", "一级建造师", "", "2015-06-30", "", "")]}  # fmt: skip
    done = import_credit(world.environment, xlsx(**file))
    assert (done.companies, done.practitioners, done.records) == (1, 1, 2)
    again = import_credit(world.environment, xlsx(**file))
    assert (again.records, again.already) == (0, 2)
    assert CreditRecord.objects.count() == 2
    assert Practitioner.objects.get().company == Company.objects.get()
    assert CreditRecord.objects.filter(source=world.environment).count() == 2


def test_every_bad_row_is_named_and_nothing_is_written(world):
    bad_code = USCC[:-1] + ("0" if USCC[-1] != "0" else "1")
    rows = {
        "companies": [COMPANY, (bad_code, "某公司", "施工企业", "", "", "", "")],
        # registered with a company that is not in the column
        "practitioners": [("甘1", "张三", "注册监理工程师", company_uscc(99))],
        "records": [
            QUALIFICATION,
            (USCC, "执业资格", "错类别", "", "2016-03-01", "", ""),
            ("不存在", "资质", "x", "", "2016-03-01", "", ""),
            (USCC, "资质", "x", "", "明天", "", ""),
            (USCC, "行政处罚", "罚款", "", "2016-03-01", "", "没有这个文号"),
        ],
    }
    with pytest.raises(CreditImportRefused) as refused:
        import_credit(world.environment, xlsx(**rows))
    text = refused.value.message
    assert f"“企业”第3行：统一社会信用代码“{bad_code}”校验位不正确" in text
    assert "“从业人员”第2行：注册单位" in text
    assert "“信用记录”第3行：企业的记录类别须为" in text
    assert "“信用记录”第4行：“不存在”既不是专栏中的企业，也不是从业人员" in text
    assert "“信用记录”第5行：日期格式不正确" in text
    assert "“信用记录”第6行：行政处罚记录须填写已在行政执法公示中公示的处罚决定书文号" in text
    assert not Company.objects.exists() and not CreditRecord.objects.exists()


def test_a_penalty_links_its_published_decision_and_is_sourced_to_the_deciding_body(
    world, client, today_is
):
    today_is(date(2026, 12, 7))  # a 2026 decision, on display for a year
    licence, punish, inspect = finance_powers(world)
    decision = penalty(world, body(world, powers=[licence, punish, inspect]), punish,
                       date(2026, 11, 2), number=7)  # fmt: skip
    publish_decision(decision, actor=world.handler_finance, on=date(2026, 11, 4))
    assert decision.party_uscc == USCC
    row = (USCC, "行政处罚", decision.case_name, "", "2026-11-02", "", decision.document_number)
    import_credit(world.environment, xlsx(companies=[COMPANY], records=[QUALIFICATION, row]))
    record = CreditRecord.objects.get(category="penalty")
    assert record.decision == decision and record.source == world.finance

    page = client.get(f"/quanze/jianshe/{USCC}/").content.decode()
    assert "建筑工程施工总承包二级" in page and "天水市环境保护局" in page
    assert f"/quanze/gongshi/{decision.pk}/" in page  # the record and the decisions section
    assert "行政执法公示中的决定" in page
    today_is(date(2028, 1, 5))  # the general penalty's year of display is over
    later = client.get(f"/quanze/jianshe/{USCC}/").content.decode()
    assert f"/quanze/gongshi/{decision.pk}/" not in later and "公示期已满" in later


def test_finding_companies_and_practitioners(world, client):
    import_credit(world.environment, xlsx(companies=[COMPANY], practitioners=[PERSON],
                                          records=[QUALIFICATION]))  # fmt: skip
    found = client.get("/quanze/jianshe/", {"q": "代理记账"}).content.decode()
    assert "天水某某代理记账有限公司" in found and "共 1 家" in found
    person = client.get("/quanze/jianshe/", {"q": "甘1620808001"}).content.decode()
    assert "王建国" in person
    pk = Practitioner.objects.get().pk
    assert (
        "天水某某代理记账有限公司" in client.get(f"/quanze/jianshe/renyuan/{pk}/").content.decode()
    )
    assert client.get("/quanze/jianshe/91620500NOSUCH0000/").status_code == 404


def test_who_may_import(world, client):
    with pytest.raises(PermissionDenied):
        import_credit(world.environment, xlsx(records=[QUALIFICATION]), actor=world.handler_finance)
    client.force_login(world.handler_finance)
    assert client.get("/workbench/powers/credit/").status_code == 200
    response = client.post("/workbench/powers/credit/", {"department": world.environment.pk,
                                                         "file": xlsx(companies=[COMPANY], records=[QUALIFICATION])})  # fmt: skip
    assert response.status_code == 400  # not among the person's departments
    response = client.post("/workbench/powers/credit/", {"department": world.finance.pk,
                                                         "file": xlsx(companies=[COMPANY], records=[QUALIFICATION])})  # fmt: skip
    assert response.status_code == 302
    assert CreditRecord.objects.get().source == world.finance
