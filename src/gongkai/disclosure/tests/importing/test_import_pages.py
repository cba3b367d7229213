"""The workbench import pages: upload → report → confirm."""

from __future__ import annotations

import pytest

from gongkai.disclosure.models import InformationItem

from .conftest import row, xlsx

UPLOAD = "/workbench/disclosure/import/"


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = "gongkai.disclosure.tests.importing.urls"


def test_a_reviewer_uploads_sees_the_report_and_imports_the_valid_rows(world, client):
    client.force_login(world.reviewer_finance)
    page = client.get(UPLOAD)
    assert page.status_code == 200 and "导入模板" in page.content.decode()
    template = client.get(UPLOAD + "template.xlsx")
    assert template.status_code == 200 and template.content.startswith(b"PK")

    upload = xlsx([row(), row(标题="", 主题分类="不存在")])
    report = client.post(UPLOAD, {"department": world.finance.pk, "file": upload})
    html = report.content.decode()
    assert report.status_code == 200
    assert "第 3 行" in html and "主题分类" in html and "只导入无误的 1 行" in html
    assert InformationItem.objects.count() == 0
    ticket = report.context["ticket"]

    result = client.post(UPLOAD + "confirm/", {"ticket": ticket, "action": "valid_only"})
    assert result.status_code == 200 and "已导入 1 条信息" in result.content.decode()
    assert InformationItem.objects.public().count() == 1
    again = client.post(UPLOAD + "confirm/", {"ticket": ticket, "action": "valid_only"})
    assert again.status_code == 409 and InformationItem.objects.count() == 1


def test_a_file_with_errors_cannot_be_imported_whole(world, client):
    client.force_login(world.reviewer_finance)
    report = client.post(UPLOAD, {"department": world.finance.pk, "file": xlsx([row(标题="")])})
    assert "确认导入全部" not in report.content.decode()
    result = client.post(UPLOAD + "confirm/", {"ticket": report.context["ticket"], "action": "all"})
    assert InformationItem.objects.count() == 0 and "第 2 行" in result.content.decode()


def test_an_unreadable_file_is_shown_beside_the_field(world, client):
    client.force_login(world.reviewer_finance)
    response = client.post(
        UPLOAD, {"department": world.finance.pk, "file": xlsx([row()], headings=["标题"])}
    )
    assert response.status_code == 422 and "缺少必填的列" in response.content.decode()


def test_handlers_and_other_people_may_not_import(world, client):
    client.force_login(world.handler_finance)
    assert client.get(UPLOAD).status_code == 403
    client.force_login(world.reviewer_finance)
    report = client.post(UPLOAD, {"department": world.finance.pk, "file": xlsx([row()])})
    client.force_login(world.office)
    refused = client.post(
        UPLOAD + "confirm/", {"ticket": report.context["ticket"], "action": "all"}
    )
    assert refused.status_code == 403 and InformationItem.objects.count() == 0
    forged = client.post(UPLOAD + "confirm/", {"ticket": "forged:ticket", "action": "all"})
    assert forged.status_code == 400
