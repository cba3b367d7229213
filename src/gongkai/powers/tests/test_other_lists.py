"""负面清单 and 财政专项资金管理清单: entries as versions under decision documents,
the XLSX of changes refused row by row, the public pages as they stand and as
they stood, and who may record a change."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.powers.models import EntryChange, ListDocument, ListEntry, ListKind
from gongkai.powers.services.lists import (
    EntrySpec,
    ListChangeRefused,
    changes_from_workbook,
    record_list_change,
)
from gongkai.powers.services.workbook import LIST_CHANGES, LIST_SHEETS, write_workbook

pytestmark = pytest.mark.django_db
MARCH, SEPTEMBER = date(2016, 3, 1), date(2016, 9, 1)


def fund(world, code="ZX-001", amount="3000", department=None, **values):
    return EntrySpec(
        EntryChange.ADD,
        code,
        {"name": "工业转型升级专项资金", "category": "产业发展", "department": department
         or world.finance, "content": "支持技术改造", "basis": "市级预算", "amount": None if amount is None else Decimal(amount),
         "rules": "《管理办法》", **values},
    )  # fmt: skip


def publish(world, *specs, number="天财发〔2016〕12号", on=MARCH, actor=None):
    return record_list_change(world.tianshui, ListKind.FUNDS, number=number, title="专项资金清单",
                              effective_on=on, changes=list(specs), actor=actor)  # fmt: skip


def test_changes_close_and_open_rows_so_the_list_on_any_day_stays_true(world):
    publish(world, fund(world), fund(world, "ZX-002", "1500", name="中小企业发展专项资金"))
    publish(world, EntrySpec(EntryChange.AMEND, "ZX-001", {"amount": Decimal("3600")}),
            EntrySpec(EntryChange.REMOVE, "ZX-002"), number="天财发〔2016〕61号", on=SEPTEMBER)  # fmt: skip
    funds = ListEntry.objects.filter(kind=ListKind.FUNDS)
    assert {(e.code, e.amount) for e in funds.as_of(date(2016, 8, 31))} == {
        ("ZX-001", Decimal("3000")), ("ZX-002", Decimal("1500"))}  # fmt: skip
    assert {(e.code, e.amount) for e in funds.current()} == {("ZX-001", Decimal("3600"))}
    amended = funds.get(code="ZX-001", valid_to=None)
    assert amended.name == "工业转型升级专项资金" and amended.opened_as == "amend"
    old = funds.get(code="ZX-001", valid_to=SEPTEMBER)
    assert old.closed_by.number == "天财发〔2016〕61号"


def test_a_document_is_taken_whole_or_not_at_all(world):
    publish(world, fund(world))
    with pytest.raises(ListChangeRefused, match="编号ZX-009不在现行清单中"):
        publish(world, fund(world, "ZX-003"), EntrySpec(EntryChange.REMOVE, "ZX-009"), number="2号")
    assert not ListEntry.objects.filter(code="ZX-003").exists()
    assert not ListDocument.objects.filter(number="2号").exists()
    with pytest.raises(ListChangeRefused, match="已在清单中"):
        publish(world, fund(world), number="3号")
    with pytest.raises(ListChangeRefused, match="已登记过"):
        publish(world, fund(world, "ZX-004"))
    with pytest.raises(ListChangeRefused, match="生效日期须晚于"):
        publish(world, EntrySpec(EntryChange.REMOVE, "ZX-001"), number="4号", on=MARCH)


def test_entries_are_checked_by_kind(world):
    with pytest.raises(ListChangeRefused, match="须填写资金规模"):
        publish(world, fund(world, amount=None))
    with pytest.raises(ListChangeRefused, match="类别须为"):
        publish(world, fund(world, category="禁止类"))
    with pytest.raises(ListChangeRefused, match="主管部门须为天水市的部门"):
        publish(world, fund(world, department=world.qinzhou_finance))
    with pytest.raises(ListChangeRefused, match="负面清单事项没有资金规模"):
        record_list_change(world.tianshui, ListKind.NEGATIVE, number="1号", title="负面清单",
                           effective_on=MARCH, changes=[fund(world, category="禁止类")])  # fmt: skip


def test_a_department_changes_only_its_own_entries(world):
    with pytest.raises(PermissionDenied):
        publish(world, fund(world, department=world.environment), actor=world.reviewer_finance)
    publish(world, fund(world), actor=world.reviewer_finance)
    publish(world, fund(world, "ZX-005", department=world.environment), actor=world.office,
            number="5号")  # fmt: skip
    assert ListEntry.objects.count() == 2


def xlsx(rows) -> SimpleUploadedFile:
    data = write_workbook({LIST_CHANGES: rows}, LIST_SHEETS)
    return SimpleUploadedFile("changes.xlsx", data)


def test_the_workbook_names_every_bad_row(world):
    good = (
        "新增",
        "ZX-001",
        "工业转型升级专项资金",
        "产业发展",
        "天水市财政局",
        "技术改造",
        "预算",
        "3000",
        "",
    )
    rows = [
        good,
        ("修改", "ZX-002", "", "", "", "", "", "", ""),
        ("新增", "ZX-003", "某资金", "产业发展", "秦州区财政局", "x", "y", "10", ""),
        ("新增", "ZX-004", "某资金", "产业发展", "天水市财政局", "x", "y", "十万", ""),
    ]
    with pytest.raises(ListChangeRefused) as refused:
        changes_from_workbook(world.tianshui, ListKind.FUNDS, xlsx(rows))
    text = refused.value.message
    assert "第3行：变化方式须为新增、调整或取消" in text
    assert "第4行：“秦州区财政局”不是天水市的部门" in text
    assert "第5行：资金规模须为数字" in text
    specs = changes_from_workbook(world.tianshui, ListKind.FUNDS, xlsx([good]))
    assert specs[0].values["department"] == world.finance and specs[0].values["amount"] == 3000


def test_the_staff_page_records_a_document_from_a_workbook(client, world):
    client.force_login(world.office)
    good = (
        "新增",
        "FM-001",
        "新建高尔夫球场项目",
        "禁止类",
        "天水市发展和改革委员会",
        "禁止新建",
        "国发",
        "",
        "",
    )
    from gongkai.testing.factories import department

    department(world.tianshui, "天水市发展和改革委员会")
    form = {"government": world.tianshui.pk, "kind": "negative", "number": "天政发〔2016〕40号",
            "title": "负面清单", "effective_on": "2016-06-01"}  # fmt: skip
    response = client.post("/workbench/powers/lists/", {**form, "file": xlsx([good])})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ListEntry.objects.get().name == "新建高尔夫球场项目"
    again = client.post("/workbench/powers/lists/", {**form, "file": xlsx([good])})
    assert again.status_code == 400 and "已登记过" in again.content.decode()
    not_xlsx = SimpleUploadedFile("changes.xlsx", b"%PDF-1.4 not a workbook")
    bad = client.post("/workbench/powers/lists/", {**form, "number": "6号", "file": not_xlsx})
    assert bad.status_code == 400
    assert ListEntry.objects.count() == 1
    client.force_login(world.handler_environment)
    assert client.get("/workbench/powers/lists/").status_code == 403
    template = client.get("/workbench/powers/lists/template.xlsx")
    assert template.status_code == 403
    client.force_login(world.office)
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(client.get("/workbench/powers/lists/template.xlsx").content))
    assert book[LIST_CHANGES]["A1"].value == "变化方式"


def test_public_pages_show_the_list_on_a_day_and_an_entry_with_its_versions(client, world):
    publish(world, fund(world), fund(world, "ZX-002", "1500", name="中小企业发展专项资金"))
    publish(world, EntrySpec(EntryChange.AMEND, "ZX-001", {"amount": Decimal("3600")}),
            EntrySpec(EntryChange.REMOVE, "ZX-002"), number="天财发〔2016〕61号", on=SEPTEMBER)  # fmt: skip
    now = client.get("/quanze/zijin/").content.decode()
    assert "工业转型升级专项资金" in now and "中小企业发展专项资金" not in now
    assert "资金规模合计 3600.00 万元" in now
    assert "天财发〔2016〕61号" in now
    then = client.get("/quanze/zijin/", {"date": "2016-08-31"}).content.decode()
    assert "中小企业发展专项资金" in then and "资金规模合计 4500.00 万元" in then
    current = ListEntry.objects.get(code="ZX-001", valid_to=None)
    page = client.get(f"/quanze/qingdan/{current.pk}/").content.decode()
    assert "3000.00" in page and "3600.00" in page and "天财发〔2016〕12号" in page
    assert "暂未公布负面清单" in client.get("/quanze/fumian/").content.decode()
    assert client.get("/quanze/zijin/", {"gov": "999999"}).status_code == 404
