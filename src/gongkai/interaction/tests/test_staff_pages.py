"""The message staff pages render for each persona and show only what each may see and do."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.interaction import services
from gongkai.interaction.models import Channel, ChannelKind, Message, RoutingRule

from .helpers import assigned, mayor_board, message_data, submitted

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbench:interaction_staff:{name}", args=args)


def page(client, user, name, *args, **params):
    client.force_login(user)
    response = client.get(url(name, *args), params)
    return response, response.content.decode()


@pytest.fixture
def board(world):
    waiting = submitted(
        world,
        date(2026, 9, 24),
        subject="小区路灯损坏无人维修",
        text="秦州区某小区门口路灯坏了三个月，晚上出行很不方便，请尽快修复。",
        writer_phone="13900002222",
    )
    handling = assigned(world, date(2026, 9, 24), co=[world.environment])
    report = assigned(
        world,
        date(2026, 9, 24),
        type_code="report",
        co=[world.environment],
        subject="举报某企业夜间偷排废水",
        text="某化工企业每天夜里向河道偷排废水，气味刺鼻，请环保部门查处。",
        writer_name="赵举报",
        writer_phone="13700003333",
    )
    return waiting, handling, report


PERSONAS = ["office", "handler_finance", "reviewer_finance", "handler_environment"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_queue_and_detail_render_for_each_persona(client, world, board, persona):
    waiting, handling, _report = board
    user = getattr(world, persona)
    response, html = page(client, user, "queue")
    assert response.status_code == 200
    assert handling.query_code in html  # assigned to finance, environment co-handles
    assert (waiting.query_code in html) == (persona == "office")  # not assigned yet
    response, _ = page(client, user, "detail", handling.pk)
    assert response.status_code == 200
    status = page(client, user, "detail", waiting.pk)[0].status_code
    assert status == (200 if persona == "office" else 404)


def test_the_queue_of_the_office_counts_what_needs_it(client, world, board):
    waiting, handling, _report = board
    _response, html = page(client, world.office, "queue", todo="triage")
    assert waiting.query_code in html
    assert handling.query_code not in html
    assert '待受理 <span class="count">1' in html
    _response, html = page(client, world.office, "queue", todo="sign")
    # the office is no department handler: no 待签收 tab, the parameter is ignored
    assert 'todo=sign">待签收' not in html
    assert 'aria-current="true">未办结' in html


def test_the_queue_of_a_department(client, world, board):
    _waiting, handling, report = board
    _response, html = page(client, world.handler_finance, "queue", todo="sign")
    assert '待签收 <span class="count">2' in html
    assert handling.query_code in html and report.query_code in html
    services.sign(handling, actor=world.handler_finance, on=date(2026, 9, 25))
    _response, html = page(client, world.handler_finance, "queue", todo="handling")
    assert handling.query_code in html and report.query_code not in html
    _response, html = page(client, world.handler_environment, "queue", todo="co")
    assert '协办 <span class="count">2' in html  # a co-handler sees the 举报 too
    assert handling.query_code in html and report.query_code in html


def test_reports_are_hidden_from_department_leaders(client, world, board):
    _waiting, handling, report = board
    for user, sees in (
        (world.reviewer_finance, False),
        (world.handler_finance, True),
        (world.handler_environment, True),
        (world.office, True),
    ):
        _response, html = page(client, user, "queue", state="all")
        assert (report.query_code in html) == sees, user
        assert handling.query_code in html
        assert page(client, user, "detail", report.pk)[0].status_code == (200 if sees else 404)


def test_the_writer_of_a_report_is_hidden_from_departments_unless_the_office_allows(
    client, world, board
):
    _waiting, _handling, report = board
    _response, html = page(client, world.handler_finance, "detail", report.pk)
    assert "赵举报" not in html and "13700003333" not in html
    assert "（已隐去）" in html
    # the writer's name and phone written inside the text are hidden too
    Message.objects.filter(pk=report.pk).update(
        text=report.text + "举报人赵举报，电话13700003333。"
    )
    _response, html = page(client, world.handler_finance, "detail", report.pk)
    assert "赵举报" not in html and "13700003333" not in html
    assert "举报人××××，电话××××" in html
    _response, html = page(client, world.office, "detail", report.pk)
    assert "赵举报" in html and "13700003333" in html
    # searching by the writer's name reveals nothing either
    _response, html = page(client, world.handler_finance, "queue", q="赵举报", state="all")
    assert report.query_code not in html
    _response, html = page(client, world.office, "queue", q="赵举报", state="all")
    assert report.query_code in html
    services.set_identity_visibility(report, visible=True, actor=world.office)
    _response, html = page(client, world.handler_finance, "detail", report.pk)
    assert "赵举报" in html and "13700003333" in html


def test_detail_shows_only_the_actions_of_the_person(client, world, board):
    waiting, handling, _report = board
    _r, html = page(client, world.office, "detail", waiting.pk)
    for action in ("assign", "refuse", "merge"):
        assert f'action="{url(action, waiting.pk)}"' in html
    assert url("sign", waiting.pk) not in html
    _r, html = page(client, world.office, "detail", handling.pk)
    assert url("assign", handling.pk) not in html and url("sign", handling.pk) not in html
    _r, html = page(client, world.handler_finance, "detail", handling.pk)
    assert f'action="{url("sign", handling.pk)}"' in html
    assert url("assign", handling.pk) not in html and url("approve", handling.pk) not in html
    _r, html = page(client, world.handler_environment, "detail", handling.pk)
    co = handling.assignments.get(role="co")
    assert f'action="{url("co_opinion", handling.pk, co.pk)}"' in html
    assert url("sign", handling.pk) not in html
    # the clocks with their day-by-day explanation
    assert "签收时限" in html and "答复期限" in html and "逐日计算说明" in html


def test_routing_suggestion_is_preselected_in_the_assign_form(client, world, board):
    waiting, _handling, _report = board
    rule = RoutingRule.objects.create(
        order=10, keywords="路灯", department=world.environment, note="路灯照明"
    )
    rule.co_departments.add(world.finance)
    _r, html = page(client, world.office, "detail", waiting.pk)
    assert "按交办规则“路灯照明”建议" in html
    assert f'<option value="{world.environment.pk}" selected>' in html
    assert f'value="{world.finance.pk}" id="id_assign-co_' in html
    checked = html.split(f'value="{world.finance.pk}" id="id_assign-co_')[1].split(">")[0]
    assert "checked" in checked


def test_reviewer_sees_original_and_masked_side_by_side(client, world):
    message = assigned(
        world,
        date(2026, 9, 24),
        text="我家住秦州区藏家庄社区12号楼3单元502室，电话13800001234，补贴至今未到账。",
    )
    services.sign(message, actor=world.handler_finance, on=date(2026, 9, 25))
    message.refresh_from_db()
    services.submit_reply(
        message,
        text="王小明您好，经核实您的补贴已列入第三批发放名单，预计10月底前发放到账。",
        actor=world.handler_finance,
        expected_version=message.version,
    )
    _r, html = page(client, world.office, "detail", message.pk)
    assert '<mark class="pii" title="手机号码">13800001234' in html
    assert '<mark class="pii" title="姓名">王小明' in html
    assert "138****1234" in html  # the masked version, also pre-filled in the form
    assert 'name="approve-masked_text"' in html
    form_text = html.split('name="approve-masked_text"')[1].split("</textarea>")[0]
    assert "13800001234" not in form_text and "××××" in form_text
    # departments see no review
    _r, html = page(client, world.handler_finance, "detail", message.pk)
    assert "pii" not in html and url("approve", message.pk) not in html


def test_confidential_messages_offer_no_publication(client, world, board):
    _w, _h, report = board
    services.sign(report, actor=world.handler_finance, on=date(2026, 9, 25))
    report.refresh_from_db()
    services.submit_reply(
        report,
        text="经查，该企业确有违规排放行为，已依法立案查处并责令整改。",
        actor=world.handler_finance,
        expected_version=report.version,
    )
    _r, html = page(client, world.office, "detail", report.pk)
    assert url("approve", report.pk) in html
    assert 'name="approve-publish"' not in html and 'name="approve-masked_text"' not in html
    assert "本留言不公开" in html


def test_hotline_page_only_for_those_who_may_record_calls(client, world):
    Channel.objects.create(
        code="mayor-hotline",
        government=world.tianshui,
        name="市长热线",
        kind=ChannelKind.HOTLINE,
        office=world.general_office,
        staff_recorded=True,
    )
    response, html = page(client, world.office, "hotline")
    assert response.status_code == 200 and "来电内容" in html
    assert page(client, world.handler_finance, "hotline")[0].status_code == 403


def test_office_pages_refused_to_departments(client, world, board):
    for name in ("supervision", "bulletin", "statistics"):
        assert page(client, world.handler_finance, name)[0].status_code == 403
        assert page(client, world.reviewer_finance, name)[0].status_code == 403
        assert page(client, world.office, name)[0].status_code == 200


def test_anonymous_visitors_go_to_the_login_page(client, world, board):
    response = client.get(url("queue"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_queue_filters_sort_and_pages(client, world):
    channel = mayor_board(world)
    for i in range(27):
        services.submit_message(
            message_data(
                channel,
                subject=f"咨询第{i:02d}号问题的办理",
                text=f"请问第{i:02d}号问题应当如何办理，需要哪些材料？谢谢。",
                writer_phone=f"139000{i:05d}",
            )
        )
    _r, html = page(client, world.office, "queue")
    assert "第 1 页，共 2 页（27 件）" in html
    _r, html = page(client, world.office, "queue", page=2)
    assert html.count('href="/workbench/messages/') >= 2
    _r, html = page(client, world.office, "queue", q="第05号")
    assert "第05号" in html and "第06号" not in html
    _r, html = page(client, world.office, "queue", sort="submitted", state="bogus")
    assert "所选条件不正确" in html  # an invalid filter says so and is ignored
