"""The workbench's 权责清单: import with its report, recording an adjustment, access."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.powers.models import Adjustment, Power
from gongkai.powers.services.importing import import_list

from .helpers import full_workbook, power_row, workbook

pytestmark = pytest.mark.django_db
IMPORT = reverse("workbench:powers_staff:import")
ADJUST = reverse("workbench:powers_staff:adjust")


def _import(client, upload, **extra):
    data = {"government": extra.pop("government"), "file": upload, "valid_from": "2016-01-01"}
    return client.post(IMPORT, {**data, **extra})


def test_a_department_imports_its_own_rows_and_sees_the_others_refused(client, world):
    client.force_login(world.handler_finance)
    rows = [power_row(1), power_row(2, department="天水市环境保护局", code="62050000HB-XK-0002")]
    response = _import(client, workbook(rows), government=world.tianshui.pk)
    html = response.content.decode()
    assert response.status_code == 400
    assert "第3行" in html and "无权导入天水市环境保护局的职权" in html
    assert not Power.objects.exists()
    response = _import(client, workbook(rows), government=world.tianshui.pk, valid_rows_only="on")
    assert response.status_code == 200
    assert list(Power.objects.values_list("code", flat=True)) == ["62050000CZ-XK-0001"]


def test_a_department_cannot_import_into_another_government(client, world):
    client.force_login(world.handler_finance)
    response = _import(client, full_workbook(1), government=world.qinzhou.pk)
    assert response.status_code == 400
    assert not Power.objects.exists()


def test_the_office_records_an_adjustment(client, world):
    import_list(world.tianshui, full_workbook(3), valid_from=date(2016, 1, 1))
    client.force_login(world.office)
    response = client.post(
        ADJUST,
        {
            "government": world.tianshui.pk,
            "document_number": "天政发〔2016〕35号",
            "document_title": "天水市人民政府关于取消和下放一批行政审批项目的决定",
            "decided_on": "2016-06-20",
            "effective_on": "2016-07-01",
            "kind": "devolve",
            "codes": "62050000CZ-XK-0001\n62050000CZ-XK-0002",
            "recipient": "县区财政局",
        },
    )
    adjustment = Adjustment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("powers_portal:adjustment", args=[adjustment.pk])
    assert Power.objects.current().count() == 1


def test_an_unknown_code_is_refused_naming_it(client, world):
    import_list(world.tianshui, full_workbook(1), valid_from=date(2016, 1, 1))
    client.force_login(world.office)
    response = client.post(
        ADJUST,
        {
            "government": world.tianshui.pk,
            "document_number": "天政发〔2016〕35号",
            "document_title": "决定",
            "decided_on": "2016-06-20",
            "effective_on": "2016-07-01",
            "kind": "cancel",
            "codes": "62050000CZ-XK-0009",
        },
    )
    assert response.status_code == 400
    assert "职权编码“62050000CZ-XK-0009”不在天水市的现行清单中" in response.content.decode()
    assert not Adjustment.objects.exists()


def test_who_may_open_the_pages(client, world):
    client.force_login(world.handler_finance)
    assert client.get(reverse("workbench:powers_staff:list")).status_code == 200
    assert client.get(IMPORT).status_code == 200
    assert client.get(ADJUST).status_code == 403  # a handler imports, the reviewer adjusts
    client.force_login(world.secrecy_finance)
    assert client.get(IMPORT).status_code == 403
    client.force_login(world.reviewer_finance)
    assert client.get(ADJUST).status_code == 200
    assert client.get(reverse("workbench:powers_staff:template")).status_code == 200


def test_the_list_shows_only_the_powers_a_person_keeps(client, world):
    rows = [power_row(1), power_row(2, department="天水市环境保护局", code="62050000HB-XK-0002")]
    import_list(world.tianshui, workbook(rows), valid_from=date(2016, 1, 1))
    client.force_login(world.handler_environment)
    html = client.get(reverse("workbench:powers_staff:list")).content.decode()
    assert "62050000HB-XK-0002" in html and "62050000CZ-XK-0001" not in html
    client.force_login(world.office)
    html = client.get(reverse("workbench:powers_staff:list")).content.decode()
    assert "62050000HB-XK-0002" in html and "62050000CZ-XK-0001" in html
