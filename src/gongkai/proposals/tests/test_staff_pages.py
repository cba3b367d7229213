"""The workbench pages: who sees what, the import report, the list order, the actions' forms."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.proposals import services
from gongkai.proposals.models import Proposal

from .helpers import REPLY, congress_session, imported, row, xlsx

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbench:proposals_staff:{name}", args=args)


def test_the_office_creates_a_session_and_gets_field_messages_for_bad_input(client, world):
    client.force_login(world.office)
    bad = client.post(url("sessions"), {"body": "congress", "name": "", "opened_on": "2016-13-01"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "请填写届次名称。" in html and "日期格式不正确" in html

    made = client.post(
        url("sessions"),
        {"body": "congress", "name": "市六届人大五次会议", "opened_on": "2016-01-10"},
    )
    assert made.status_code == 302
    again = client.post(
        url("sessions"),
        {"body": "congress", "name": "市六届人大五次会议", "opened_on": "2016-01-10"},
    )
    assert again.status_code == 400 and "已经存在" in again.content.decode()


def test_a_handler_cannot_create_sessions_or_import(client, world):
    session = congress_session(world)
    client.force_login(world.handler_finance)
    assert client.post(url("sessions"), {"body": "congress", "name": "x"}).status_code == 403
    assert client.get(url("import", session.pk)).status_code == 404  # not even visible


def test_the_import_page_lists_the_bad_rows_and_imports_nothing(client, world):
    session = congress_session(world)
    client.force_login(world.office)
    response = client.post(url("import", session.pk), {"file": xlsx([row("1"), row(""), row("1")])})
    html = response.content.decode()
    assert response.status_code == 400
    assert "第3行" in html and "缺少编号" in html
    assert "编号“1”与第2行重复" in html
    assert not Proposal.objects.exists()

    ok = client.post(url("import", session.pk), {"file": xlsx([row("1"), row("2")])})
    assert ok.status_code == 302 and session.items.count() == 2


def test_the_list_shows_overdue_items_first_and_only_what_the_person_may_see(
    client, world, monkeypatch
):
    monkeypatch.setattr("gongkai.proposals.staff.items.today", lambda: date(2026, 7, 1))
    session = congress_session(world)
    pending, early, late, other = imported(world, session, count=4)
    services.assign(late, lead=world.finance, actor=world.office, on=date(2026, 3, 2))  # overdue
    services.assign(early, lead=world.finance, actor=world.office, on=date(2026, 6, 1))
    services.assign(other, lead=world.environment, actor=world.office, on=date(2026, 3, 2))
    client.force_login(world.office)
    html = client.get(url("items")).content.decode()
    assert html.index(late.title) < html.index(other.title) < html.index(early.title)
    assert html.index(early.title) < html.index(pending.title)  # not assigned: no deadline yet
    client.force_login(world.handler_finance)
    html = client.get(url("items")).content.decode()
    assert late.title in html and other.title not in html and pending.title not in html
    assert client.get(url("detail", other.pk)).status_code == 404


def test_each_person_sees_the_forms_of_their_steps_and_a_double_post_is_refused_kindly(
    client, world
):
    item = imported(world, congress_session(world))[0]
    client.force_login(world.office)
    assert "assign-heading" in client.get(url("detail", item.pk)).content.decode()
    posted = client.post(
        url("assign", item.pk),
        {"assign-lead": world.finance.pk, "assign-on": "2026-03-02"},
    )
    assert posted.status_code == 302
    item.refresh_from_db()
    assert item.state == "handling" and item.due_date == date(2026, 6, 2)
    twice = client.post(
        url("assign", item.pk), {"assign-lead": world.finance.pk, "assign-on": "2026-03-02"}
    )
    assert twice.status_code == 302  # back to the page with "当前状态为…" rather than a 500 or 403

    client.force_login(world.handler_finance)
    page = client.get(url("detail", item.pk)).content.decode()
    assert "起草答复函" in page and "审签答复函" not in page
    short = client.post(url("reply", item.pk), {"reply-text": "已收悉。", "reply-on": "2026-03-10"})
    assert short.status_code == 400
    text = short.content.decode()
    assert "答复函正文至少" in text and "请选择办理结果分类。" in text
    sent = client.post(
        url("reply", item.pk),
        {"reply-text": REPLY, "reply-grade": "A", "reply-public": "on", "reply-on": "2026-03-10"},
    )
    assert sent.status_code == 302
    assert client.post(url("approve", item.pk), {"approve-grade": "A"}).status_code == 403

    client.force_login(world.reviewer_finance)
    assert "审签答复函" in client.get(url("detail", item.pk)).content.decode()
    approved = client.post(
        url("approve", item.pk), {"approve-grade": "A", "approve-on": "2026-03-12"}
    )
    assert approved.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.grade) == ("replied", "A")


def test_statistics_page_is_the_office_s(client, world):
    item = imported(world, congress_session(world))[0]
    services.assign(item, lead=world.finance, actor=world.office, on=date(2026, 3, 2))
    client.force_login(world.office)
    html = client.get(url("statistics")).content.decode()
    assert "承办代表建议1件，已办结0件" in html and "天水市财政局" in html
    client.force_login(world.handler_finance)
    assert client.get(url("statistics")).status_code == 403


def test_a_file_that_is_not_xlsx_is_refused_on_the_import_page(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = congress_session(world)
    client.force_login(world.office)
    fake = SimpleUploadedFile("建议.xlsx", b"%PDF-1.4 not a spreadsheet")
    response = client.post(url("import", session.pk), {"file": fake})
    assert response.status_code == 400
    assert "请导入 .xlsx 文件" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_co_handler_sends_its_opinion_from_the_page_once(client, world):
    item = imported(world, congress_session(world))[0]
    services.assign(
        item, lead=world.finance, joint=[world.environment], actor=world.office, on=date(2026, 3, 2)
    )
    co = item.co_assignments().get()
    client.force_login(world.handler_environment)
    page = client.get(url("detail", item.pk)).content.decode()
    assert f"co-{co.pk}-heading" in page and "起草答复函" not in page
    short = client.post(
        url("co_opinion", item.pk, co.pk),
        {f"co{co.pk}-opinion": "同意", f"co{co.pk}-on": "2026-04-01"},
    )
    assert short.status_code == 400 and "会办意见至少10个字" in short.content.decode()
    data = {
        f"co{co.pk}-opinion": "同意主办单位意见，我局负责环境整治部分。",
        f"co{co.pk}-on": "2026-04-01",
    }
    assert client.post(url("co_opinion", item.pk, co.pk), data).status_code == 302
    again = client.post(url("co_opinion", item.pk, co.pk), data)
    assert again.status_code == 302  # refused with a message, nothing changed
    co.refresh_from_db()
    assert co.opinion == "同意主办单位意见，我局负责环境整治部分。" and co.opinion_on == date(
        2026, 4, 1
    )
    assert f"co-{co.pk}-heading" not in client.get(url("detail", item.pk)).content.decode()


def test_the_import_template_reads_back_without_problems(client, world):

    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.office)
    template = client.get(url("import_template"))
    assert template.status_code == 200
    session = congress_session(world)
    upload = SimpleUploadedFile(
        "template.xlsx",
        template.content,
    )
    report = services.read_items(session, upload)
    assert report.valid and [r.values["number"] for r in report.rows] == ["1"]
    client.force_login(world.handler_finance)
    assert client.get(url("import_template")).status_code == 403


def test_the_office_reassigns_from_the_item_page(client, world):
    item = imported(world, congress_session(world))[0]
    services.assign(item, lead=world.environment, actor=world.office, on=date(2026, 3, 2))
    client.force_login(world.handler_environment)
    assert "reassign-heading" not in client.get(url("detail", item.pk)).content.decode()
    client.force_login(world.office)
    assert "reassign-heading" in client.get(url("detail", item.pk)).content.decode()
    missing = client.post(
        url("reassign", item.pk), {"reassign-lead": world.finance.pk, "reassign-on": "2026-03-09"}
    )
    assert missing.status_code == 400 and "请填写改办理由" in missing.content.decode()
    done = client.post(
        url("reassign", item.pk),
        {
            "reassign-lead": world.finance.pk,
            "reassign-on": "2026-03-09",
            "reassign-reason": "职责不符",
        },
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.lead_department == world.finance and item.due_date == date(2026, 6, 9)
