"""Reply letters, their approval and grade, satisfaction and re-handling."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.notices.models import Notice
from gongkai.proposals import services
from gongkai.proposals.models import ProposalState, ReplyState, SatisfactionRecord
from gongkai.proposals.services.handling import ReplyInvalid
from gongkai.workdays.models import Clock

from .helpers import REPLY, congress_session, imported, replied

pytestmark = pytest.mark.django_db


def test_draft_approve_and_send_grades_the_item_and_meets_the_clock(world):
    item = imported(world, congress_session(world))[0]
    services.assign(
        item, lead=world.finance, joint=[world.environment], actor=world.office, on=date(2026, 3, 2)
    )
    services.give_co_opinion(
        item,
        department=world.environment,
        opinion="同意主办单位意见，我局将配合做好改造小区的环境整治。",
        actor=world.handler_environment,
        on=date(2026, 4, 1),
    )
    reply = services.submit_reply(
        item, text=REPLY, grade="B", actor=world.handler_finance, on=date(2026, 5, 6)
    )
    assert item.state == ProposalState.APPROVAL and reply.state == ReplyState.APPROVAL
    assert Notice.objects.filter(recipient=world.reviewer_finance, subject="答复函待审签").exists()

    services.approve_reply(item, actor=world.reviewer_finance, on=date(2026, 5, 8), grade="A")

    item.refresh_from_db()
    reply.refresh_from_db()
    assert item.state == ProposalState.REPLIED
    assert (item.grade, item.replied_on, item.replied_on_time) == ("A", date(2026, 5, 8), True)
    assert (reply.state, reply.grade, reply.approved_by) == ("sent", "A", world.reviewer_finance)
    states = dict(Clock.objects.for_subject(item).values_list("stage", "state"))
    assert set(states.values()) == {"met"}


def test_a_reply_sent_after_the_deadline_is_not_on_time(world):
    item = imported(world, congress_session(world))[0]
    replied(world, item, on=date(2026, 3, 2), approve_on=date(2026, 6, 3))
    assert item.due_date == date(2026, 6, 2)
    assert item.replied_on_time is False
    assert Clock.objects.for_subject(item).get(stage="reply:1").state == "overdue"


def test_the_handler_cannot_sign_and_a_co_handler_cannot_reply(world):
    item = imported(world, congress_session(world))[0]
    services.assign(
        item, lead=world.finance, joint=[world.environment], actor=world.office, on=date(2026, 3, 2)
    )
    with pytest.raises(PermissionDenied):
        services.submit_reply(item, text=REPLY, grade="A", actor=world.handler_environment)
    services.submit_reply(item, text=REPLY, grade="A", actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        services.approve_reply(item, actor=world.handler_finance)
    item.refresh_from_db()
    assert item.state == ProposalState.APPROVAL


def test_reply_letter_fields_are_checked_with_one_message_each(world):
    item = imported(world, congress_session(world))[0]
    services.assign(item, lead=world.finance, actor=world.office, on=date(2026, 3, 2))
    with pytest.raises(ReplyInvalid) as refused:
        services.submit_reply(
            item, text="已收悉。", grade="E", public=False, actor=world.handler_finance
        )
    assert set(refused.value.errors) == {"text", "grade", "not_public_reason"}
    item.refresh_from_db()
    assert item.state == ProposalState.HANDLING and not item.replies.exists()


def test_a_returned_letter_goes_back_to_the_handler_with_the_comment(world):
    item = imported(world, congress_session(world))[0]
    services.assign(item, lead=world.finance, actor=world.office, on=date(2026, 3, 2))
    services.submit_reply(item, text=REPLY, grade="A", actor=world.handler_finance)
    with pytest.raises(DomainError, match="须填写意见"):
        services.return_reply(item, comment=" ", actor=world.reviewer_finance)
    reply = services.return_reply(
        item, comment="资金数额请与预算核对。", actor=world.reviewer_finance
    )
    assert item.state == ProposalState.HANDLING
    assert (reply.state, reply.return_comment) == ("returned", "资金数额请与预算核对。")


def test_satisfied_closes_the_item(world):
    item = imported(world, congress_session(world))[0]
    replied(world, item, on=date(2026, 3, 2))
    services.record_satisfaction(
        item, satisfaction="basically", actor=world.office, on=date(2026, 3, 20)
    )
    item.refresh_from_db()
    assert (item.state, item.satisfaction, item.round) == ("closed", "basically", 1)


def test_unsatisfied_reopens_once_with_a_one_month_deadline_then_closes(world):
    item = imported(world, congress_session(world))[0]
    replied(world, item, on=date(2026, 8, 3), grade="C")
    with pytest.raises(DomainError, match="具体意见"):
        services.record_satisfaction(item, satisfaction="unsatisfied", actor=world.office)

    services.record_satisfaction(
        item,
        satisfaction="unsatisfied",
        comment="改造计划未明确本小区，请明确时间表。",
        actor=world.office,
        on=date(2026, 9, 5),
    )
    item.refresh_from_db()
    assert (item.state, item.round) == (ProposalState.HANDLING, 2)
    assert item.due_date == date(2026, 10, 8)  # 5 Oct is National Day: after the holiday
    second = Clock.objects.for_subject(item).get(stage="reply:2")
    assert (second.due_date, second.state) == (date(2026, 10, 8), "running")
    assert Notice.objects.filter(
        recipient=world.handler_finance, subject="代表、委员不满意，请重新办理"
    ).exists()

    services.submit_reply(
        item, text=REPLY, grade="B", actor=world.handler_finance, on=date(2026, 9, 30)
    )
    services.approve_reply(item, actor=world.reviewer_finance, on=date(2026, 9, 30))
    item.refresh_from_db()
    assert (item.state, item.grade, item.satisfaction) == ("replied", "B", "")
    assert [r.round for r in item.replies.all()] == [1, 2]

    services.record_satisfaction(
        item,
        satisfaction="unsatisfied",
        comment="仍不满意。",
        actor=world.office,
        on=date(2026, 10, 12),
    )
    item.refresh_from_db()
    assert (item.state, item.satisfaction, item.round) == ("closed", "unsatisfied", 2)
    assert list(SatisfactionRecord.objects.values_list("round", "satisfaction")) == [
        (1, "unsatisfied"),
        (2, "unsatisfied"),
    ]


def test_satisfaction_is_recorded_once_per_round(world):
    item = imported(world, congress_session(world))[0]
    replied(world, item, on=date(2026, 3, 2))
    services.record_satisfaction(item, satisfaction="satisfied", actor=world.office)
    with pytest.raises(DomainError):
        services.record_satisfaction(item, satisfaction="satisfied", actor=world.office)
    assert SatisfactionRecord.objects.count() == 1


def test_a_co_handler_gives_its_opinion_once(world):
    item = imported(world, congress_session(world))[0]
    services.assign(
        item,
        lead=world.finance,
        assist=[world.environment],
        actor=world.office,
        on=date(2026, 3, 2),
    )
    text = "建议将小区雨污分流纳入改造内容，我局可提供技术指导。"
    services.give_co_opinion(
        item, department=world.environment, opinion=text, actor=world.handler_environment
    )
    with pytest.raises(DomainError, match="已于"):
        services.give_co_opinion(
            item, department=world.environment, opinion=text, actor=world.handler_environment
        )
    with pytest.raises(DomainError, match="不是该件的会办或协办单位"):
        services.give_co_opinion(
            item, department=world.finance, opinion=text, actor=world.handler_finance
        )


def test_the_timeline_tells_the_whole_handling_in_order(client, world):
    session = congress_session(world)
    item = imported(world, session)[0]
    services.assign(
        item, lead=world.finance, joint=[world.environment], actor=world.office, on=date(2026, 3, 2)
    )
    services.give_co_opinion(
        item,
        department=world.environment,
        opinion="同意主办单位意见，我局将配合做好改造小区的环境整治。",
        actor=world.handler_environment,
        on=date(2026, 4, 1),
    )
    services.record_visit(
        session,
        actor=world.office,
        visited_on=date(2026, 4, 20),
        leaders="市人大常委会副主任张明",
        place="市财政局",
        summary="督办组听取了市财政局关于老旧小区改造资金安排的汇报，要求加快进度。",
        proposals=[item],
    )
    services.submit_reply(
        item, text=REPLY, grade="B", actor=world.handler_finance, on=date(2026, 5, 6)
    )

    lines = [(e.title, e.on, e.is_transition) for e in item.timeline]
    assert lines[0][0] == "导入" and not lines[0][2]
    assert lines[1:] == [
        ("交办", date(2026, 3, 2), True),
        ("会办意见", date(2026, 4, 1), False),
        ("现场督办", date(2026, 4, 20), False),
        ("答复函送审签", date(2026, 5, 6), True),
    ]
    opinion = item.timeline.get(kind="co_opinion")
    assert (opinion.department, opinion.actor) == (world.environment, world.handler_environment)

    client.force_login(world.office)
    html = client.get(reverse("workbench:proposals_staff:detail", args=[item.pk])).content.decode()
    assert "办理记录" in html and "会办意见" in html and "现场督办" in html
