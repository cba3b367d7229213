"""Importing a body's decisions: every row checked first, bad rows by row number,
nothing entered unless valid rows only; each row gets its publication clock."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from gongkai.powers.models import Decision
from gongkai.powers.services.decisions_import import import_decisions, write_decisions_xlsx
from gongkai.workdays.models import Clock

from .enforcement_helpers import body, company_uscc, finance_powers, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_7_december_2026(today_is):
    today_is(date(2026, 12, 7))


def row(n, punish, **fields):
    values = {
        "body": "天水市财政局",
        "power_code": punish.code,
        "case_name": f"违反会计法案{n}",
        "document_number": f"天财罚〔2026〕{n}号",
        "party_type": "法人及非法人组织",
        "party_name": "天水某某商贸有限公司",
        "party_uscc": company_uscc(n),
        "legal_representative": "李四",
        "party_id_number": "",
        "facts": "未依法设置会计账簿。",
        "basis": "《中华人民共和国会计法》第四十二条",
        "content": "罚款三千元。",
        "amount": "3000",
        "decided_on": "2026-11-30",
        "severity": "一般",
        "field": "财政",
    } | fields
    return tuple(values.values())


def _file(rows):
    return ContentFile(write_decisions_xlsx(rows), name="决定.xlsx")


def test_valid_rows_are_entered_with_their_clocks(world):
    _licence, punish, _inspect = finance_powers(world)
    body(world, powers=[punish])
    person = row(
        2,
        punish,
        party_type="自然人",
        party_name="张三丰",
        party_uscc="",
        legal_representative="",
        party_id_number=resident_id(),
    )
    report = import_decisions(_file([row(1, punish), person]), world.handler_finance)
    assert report.problems == [] and report.entered == 2
    decision = Decision.objects.get(document_number="天财罚〔2026〕2号")
    assert decision.party_type == "person" and decision.publication_due == date(2026, 12, 9)
    assert Clock.objects.for_subject(decision).get().due_date == date(2026, 12, 9)


def test_bad_rows_are_reported_by_number_and_nothing_is_entered(world):
    _licence, punish, _inspect = finance_powers(world)
    body(world, powers=[punish])
    rows = [
        row(1, punish),
        row(2, punish, power_code="62050000CZ-CF-0099"),
        row(3, punish, decided_on="2026-02-30"),
        row(4, punish, party_uscc="91620500MA710000X1"),
        row(5, punish, body="天水市环境保护局"),
    ]
    report = import_decisions(_file(rows), world.handler_finance)
    assert report.problem_lines() == [
        "第3行：天水市财政局行使的现行行政权力中没有职权编码“62050000CZ-CF-0099”。",
        "第4行：“决定日期”不是有效日期：2026-02-30。",
        "第5行：当事人统一社会信用代码校验位不正确，请核对后重新输入。",
        "第6行：执法主体“天水市环境保护局”不是您维护的执法主体。",
    ]
    assert report.entered == 0 and Decision.objects.count() == 0
    assert not Clock.objects.exists()
    report = import_decisions(_file(rows), world.handler_finance, valid_only=True)
    assert report.entered == 1 and len(report.problems) == 4
    assert list(Decision.objects.values_list("document_number", flat=True)) == ["天财罚〔2026〕1号"]


def test_the_workbench_page_reports_bad_rows_and_enters_good_files(world, client):
    _licence, punish, _inspect = finance_powers(world)
    body(world, powers=[punish])
    client.force_login(world.handler_finance)
    url = "/workbench/zhifa/decisions/import/"
    bad = client.post(url, {"file": _file([row(1, punish, decided_on="x")])})
    assert bad.status_code == 400 and "第2行：“决定日期”不是有效日期：x。" in bad.content.decode()
    good = client.post(url, {"file": _file([row(1, punish)])})
    assert good.status_code == 302 and Decision.objects.count() == 1
    client.force_login(world.secrecy_finance)
    assert client.get(url).status_code == 403
