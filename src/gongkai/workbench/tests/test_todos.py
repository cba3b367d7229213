"""我的工作's 待办: what is waiting for this person, contributed by the modules through
``gongkai.workbench.todos`` and scoped by the access policy."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.workbench.todos import ToDo, register_todos, todos_for, unregister_todos

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=TZ)
APPLICATION_REPLY = "所申请信息已在本机关门户网站公开，现随本答复书一并提供。"
MESSAGE_REPLY = "经核实，您的补贴已列入第三批发放名单，预计12月底前发放到账，请注意查收。"
LETTER = (
    "王建国代表：您提出的建议收悉。我局已会同市住建局将城区32个老旧小区列入改造计划，"
    "安排资金1.2亿元，预计年底前完工。"
)


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 200
    return response.content.decode()


def todo_section(client, user) -> str:
    html = page(client, user)
    assert 'aria-labelledby="section-todo"' in html, "我的工作 has no 待办 section"
    return html.split('aria-labelledby="section-todo"')[1].split("</section>")[0]


def new_application(world, on=date(2026, 11, 2), **overrides):
    from gongkai.applications.tests.helpers import submitted

    return submitted(world.finance, on, **overrides)


def reply_in_review(world, received_on=date(2026, 11, 2), *, secrecy_passed=False):
    from gongkai.applications import services
    from gongkai.applications.models import Outcome
    from gongkai.applications.tests.helpers import received

    application = received(world.finance, received_on, world.handler_finance)
    services.submit_reply(
        application,
        outcome=Outcome.DISCLOSED,
        legal_basis="",
        reply_text=APPLICATION_REPLY,
        actor=world.handler_finance,
        expected_version=application.version,
    )
    application.refresh_from_db()
    if secrecy_passed:
        from gongkai.applications.services.secrecy import pass_secrecy_review

        pass_secrecy_review(application, actor=world.secrecy_finance, on=received_on)
        application.refresh_from_db()
    return application


def message_to_sign_for(world, on=date(2026, 11, 2)):
    from gongkai.interaction.tests.helpers import assigned

    return assigned(world, on)


# -- 依申请公开 ------------------------------------------------------------------------


def test_a_new_online_application_waits_for_its_department_to_confirm_receipt(client, world):
    application = new_application(world)
    section = todo_section(client, world.handler_finance)
    assert application.tracking_number in section
    assert "确认收到" in section
    assert f'href="/workbench/applications/{application.pk}/"' in section
    assert "2026年11月2日" in section  # waiting since it was submitted
    assert application.tracking_number not in todo_section(client, world.handler_environment)


def test_a_reply_releasing_information_waits_for_the_secrecy_review_first(client, world):
    from gongkai.applications.services.secrecy import pass_secrecy_review

    application = reply_in_review(world)  # 予以公开, in 市财政局, which has a 保密审查员
    section = todo_section(client, world.secrecy_finance)
    assert application.tracking_number in section and "保密审查" in section
    assert application.tracking_number not in todo_section(client, world.reviewer_finance)
    pass_secrecy_review(application, actor=world.secrecy_finance, on=date(2026, 11, 3))
    assert application.tracking_number not in todo_section(client, world.secrecy_finance)
    section = todo_section(client, world.reviewer_finance)
    assert application.tracking_number in section and "审核答复" in section


def test_a_reply_waiting_for_review_is_on_the_reviewers_list(client, world):
    from gongkai.applications.services.secrecy import pass_secrecy_review

    application = reply_in_review(world)
    pass_secrecy_review(application, actor=world.secrecy_finance, on=date(2026, 11, 3))
    section = todo_section(client, world.reviewer_finance)
    assert application.tracking_number in section and "审核答复" in section
    # the handler who drafted it and a handler of another department have nothing to do
    assert application.tracking_number not in todo_section(client, world.handler_finance)
    assert application.tracking_number not in todo_section(client, world.handler_environment)


def test_a_handler_of_another_department_sees_neither(client, world):
    waiting, in_review = new_application(world), reply_in_review(world)
    section = todo_section(client, world.handler_environment)
    assert waiting.tracking_number not in section and in_review.tracking_number not in section
    assert "目前没有等待您处理的事项" in section


def test_an_application_to_another_department_is_not_the_office_s_to_confirm(world):
    new_application(world)
    assert [t.action for t in todos_for(world.office, world.general_office, now=NOW)] == []


# -- 互动交流 --------------------------------------------------------------------------


def test_a_message_assigned_to_the_department_waits_to_be_signed_for(client, world):
    message = message_to_sign_for(world)
    section = todo_section(client, world.handler_finance)
    assert message.subject in section and "签收" in section
    assert f'href="/workbench/messages/{message.pk}/"' in section
    assert message.subject not in todo_section(client, world.handler_environment)


def test_the_office_accepts_new_messages_and_reviews_replies(world):
    from gongkai.interaction import services
    from gongkai.interaction.tests.helpers import submitted

    new = submitted(world, date(2026, 11, 3), subject="路灯坏了三个月没人修")
    answered = message_to_sign_for(world)
    services.sign(answered, actor=world.handler_finance, on=date(2026, 11, 3))
    answered.refresh_from_db()
    services.submit_reply(
        answered, text=MESSAGE_REPLY, actor=world.handler_finance, expected_version=answered.version
    )
    items = {t.subject: t for t in todos_for(world.office, world.general_office, now=NOW)}
    assert items[f"{new.query_code} 路灯坏了三个月没人修"].action == "受理"
    assert items[f"{answered.query_code} {answered.subject}"].action == "审核答复"
    assert todos_for(world.handler_environment, world.environment, now=NOW) == []


# -- 建议提案 ----------------------------------------------------------------------------


def test_proposals_wait_for_the_office_to_assign_and_the_unit_s_leader_to_sign(world):
    from gongkai.proposals import services
    from gongkai.proposals.tests.helpers import congress_session, imported

    session = congress_session(world)
    first, *_rest = imported(world, session, count=3)
    services.assign(first, lead=world.finance, actor=world.office, on=date(2025, 2, 3))
    services.submit_reply(
        first, text=LETTER, grade="A", actor=world.handler_finance, on=date(2025, 2, 10)
    )
    [assign] = todos_for(world.office, world.general_office, now=NOW)
    assert assign.action == "交办" and "2件" in assign.subject and session.name in assign.subject
    [sign] = todos_for(world.reviewer_finance, world.finance, now=NOW)
    assert sign.action == "审签答复函" and first.title in sign.subject
    assert sign.since.date() == date(2025, 2, 10)
    assert todos_for(world.handler_finance, world.finance, now=NOW) == []


# -- 年度报告 ----------------------------------------------------------------------------


def test_a_submitted_report_waits_for_the_office_and_a_returned_one_for_its_department(world):
    from gongkai.reports.models import AnnualReport, ReportState

    at = datetime(2026, 1, 20, 9, 0, tzinfo=TZ)
    submitted = AnnualReport.objects.create(
        department=world.environment, year=2025, state=ReportState.SUBMITTED, submitted_at=at
    )
    returned = AnnualReport.objects.create(
        department=world.finance, year=2025, state=ReportState.RETURNED, submitted_at=at
    )
    [review] = todos_for(world.office, world.general_office, now=NOW)
    assert review.action == "审核年度报告" and review.url.endswith(f"/reports/{submitted.pk}/")
    [revise] = todos_for(world.handler_finance, world.finance, now=NOW)
    assert revise.action == "修改年度报告" and revise.url.endswith(f"/reports/{returned.pk}/")
    assert todos_for(world.handler_environment, world.environment, now=NOW) == []


# -- 意见征集 ----------------------------------------------------------------------------


def test_a_closed_consultation_waits_for_feedback_and_comments_for_moderation(world):
    from gongkai.consultations import services
    from gongkai.consultations.tests.helpers import at, comment_data, published

    consultation = published(world)  # open 1–30 June 2026
    services.submit_comment(consultation.current_round(), comment_data(), now=at(2026, 6, 10, 9))
    items = {t.action: t for t in todos_for(world.handler_finance, world.finance, now=NOW)}
    assert set(items) == {"审核公众意见", "反馈意见采纳情况"}
    assert items["反馈意见采纳情况"].url.endswith(f"/consultations/{consultation.pk}/feedback/")
    assert todos_for(world.handler_environment, world.environment, now=NOW) == []


# -- the list --------------------------------------------------------------------------


def test_items_are_listed_oldest_first_across_modules(world):
    later = new_application(world, on=date(2026, 11, 5))
    earlier = new_application(world, on=date(2026, 10, 28), name="李四")
    message = message_to_sign_for(world, on=date(2026, 11, 2))
    items = todos_for(world.handler_finance, world.finance, now=NOW)
    assert [t.url for t in items] == [
        f"/workbench/applications/{earlier.pk}/",
        f"/workbench/messages/{message.pk}/",
        f"/workbench/applications/{later.pk}/",
    ]
    assert [t.module for t in items] == ["依申请公开", "互动交流", "依申请公开"]


def test_a_registered_source_contributes_its_items(world):
    def items(user, department, *, now, limit):
        return [
            ToDo(
                action="核对",
                subject=f"{department.name}的台账",
                url="/workbench/ledger/1/",
                since=datetime(2020, 1, 1, tzinfo=TZ),
            )
        ]

    register_todos("ledger", label="台账", items=items)
    try:
        [first, *_] = todos_for(world.handler_finance, world.finance, now=NOW)
        assert (first.module, first.action, first.subject) == ("台账", "核对", "天水市财政局的台账")
    finally:
        unregister_todos("ledger")
    assert all(t.module != "台账" for t in todos_for(world.handler_finance, world.finance, now=NOW))


def test_a_day_counts_from_its_start_in_beijing_time(world):
    item = ToDo(action="签收", subject="x", url="/x/", since=date(2026, 11, 2))
    assert item.since == datetime.combine(date(2026, 11, 2), time(0), tzinfo=TZ)


def test_the_page_needs_as_many_queries_for_many_items_as_for_one(client, world):
    client.force_login(world.reviewer_finance)

    def queries_of_page():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("workbench:home")).status_code == 200
        return len(captured)

    new_application(world)
    reply_in_review(world, secrecy_passed=True)
    message_to_sign_for(world)
    client.get(reverse("workbench:home"))  # warm caches (content types, calendar)
    one_each = queries_of_page()
    for day in (3, 4, 5):
        new_application(world, on=date(2026, 11, day), name=f"申请人{day}")
        reply_in_review(world, received_on=date(2026, 11, day), secrecy_passed=True)
        message_to_sign_for(world, on=date(2026, 11, day))
    assert todo_section(client, world.reviewer_finance).count("<li") == 12
    assert queries_of_page() == one_each
