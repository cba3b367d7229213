"""参与—反馈: grouping, decisions, the guard against ungrouped comments, notices."""

import pytest

from gongkai.consultations import services
from gongkai.consultations.models import FeedbackGroup, Outcome, Phase
from gongkai.core.errors import DomainError
from gongkai.notices.models import Notice

from .helpers import at, comment_data, published

pytestmark = pytest.mark.django_db

SUBSIDY = [
    "建议提高黄标车提前淘汰的补贴标准，三千元太低。",
    "黄标车补贴标准偏低，希望提高补贴标准到五千元以上。",
    "补贴标准应当按车辆使用年限提高，老旧车辆补贴标准太低。",
]
PAYMENT = [
    "补贴资金拨付太慢，建议财政局在一个月内拨付补贴资金。",
    "希望明确补贴资金拨付的时限，避免车主长期等待拨付。",
]


@pytest.fixture
def closed(world):
    """Five approved comments (three on subsidies, two on payment), one pending, period over."""
    consultation = published(world)
    round = consultation.current_round()
    ids = []
    for i, text in enumerate(SUBSIDY + PAYMENT):
        clause = 4 if text in SUBSIDY else 5
        data = comment_data(clause=clause, text=text, phone=f"1380000{i:04d}")
        if i == 0:
            data["email"] = "wang@example.com"
        ids.append(services.submit_comment(round, data, now=at(2026, 6, 10)).record.pk)
    pending = services.submit_comment(
        round, comment_data(text="还没有审核的意见。", phone="13800009999"), now=at(2026, 6, 11)
    ).record
    services.moderate(consultation, comment_ids=ids, approve=True, actor=world.handler_finance)
    return consultation, ids, pending


def test_suggested_groups_follow_the_themes(world, closed):
    consultation, ids, _ = closed
    assert services.suggest_groups(consultation, actor=world.handler_finance) == 2
    groups = list(FeedbackGroup.objects.order_by("position"))
    members = [sorted(g.comments.values_list("pk", flat=True)) for g in groups]
    assert members == [sorted(ids[:3]), sorted(ids[3:])]
    assert groups[0].clause.label == "第三条"
    assert "补贴" in groups[0].title and all(g.suggested for g in groups)


def test_feedback_cannot_be_published_with_ungrouped_or_pending_comments(world, closed):
    consultation, _ids, pending = closed
    with pytest.raises(DomainError) as blocked:
        services.publish_feedback(consultation, "感谢参与。", actor=world.reviewer_finance)
    assert "还有1条意见未审核" in blocked.value.message
    assert "还有5条意见未归类" in blocked.value.message
    services.moderate(
        consultation,
        comment_ids=[pending.pk],
        approve=False,
        note="与征集无关",
        actor=world.handler_finance,
    )
    services.suggest_groups(consultation, actor=world.handler_finance)
    with pytest.raises(DomainError) as unconfirmed:
        services.publish_feedback(consultation, "感谢参与。", actor=world.reviewer_finance)
    assert "2个系统建议的归类尚未人工确认" in unconfirmed.value.message
    consultation.current_round().refresh_from_db()
    assert consultation.current_round().feedback_published_at is None


def test_published_feedback_reports_counts_and_notifies_each_participant_once(world, closed):
    consultation, _ids, pending = closed
    services.moderate(
        consultation,
        comment_ids=[pending.pk],
        approve=False,
        note="广告",
        actor=world.handler_finance,
    )
    services.suggest_groups(consultation, actor=world.handler_finance)
    subsidy, payment = FeedbackGroup.objects.order_by("position")
    services.decide_group(
        subsidy,
        title="关于提高补贴标准的意见",
        outcome=Outcome.PARTLY,
        reason="补贴上限提高到两万元，下限维持不变。",
        actor=world.handler_finance,
    )
    services.decide_group(
        payment,
        title="关于补贴拨付时限的意见",
        outcome=Outcome.ADOPTED,
        reason="第四条增加“20个工作日内拨付”。",
        actor=world.handler_finance,
    )
    round = services.publish_feedback(
        consultation, "共收到意见6条，采纳2条，部分采纳3条。", actor=world.reviewer_finance
    )
    assert consultation.phase() == Phase.FEEDBACK
    report = services.report(round)
    assert (report.received, report.approved, report.rejected) == (6, 5, 1)
    assert report.by_outcome == {"采纳": 2, "部分采纳": 3, "未采纳": 0}
    sms = Notice.objects.filter(subject="意见采纳情况已公布")
    assert sorted(sms.values_list("address", flat=True)) == [f"1380000{i:04d}" for i in range(5)]
    assert Notice.objects.filter(address="wang@example.com").count() == 1
    assert not Notice.objects.filter(address="13800009999").exists()  # the rejected one


def test_leader_publishes_handler_cannot(world, closed):
    consultation, _, _ = closed
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.publish_feedback(consultation, "x", actor=world.handler_finance)


def test_decision_needs_outcome_and_reason(world, closed):
    consultation, _, _ = closed
    group = services.create_group(consultation, "其他意见", actor=world.handler_finance)
    with pytest.raises(DomainError) as refused:
        services.decide_group(
            group, title="其他意见", outcome="", reason="", actor=world.handler_finance
        )
    assert "请选择采纳情况" in refused.value.message and "请说明" in refused.value.message


def test_merge_and_move(world, closed):
    consultation, ids, _ = closed
    services.suggest_groups(consultation, actor=world.handler_finance)
    first, second = FeedbackGroup.objects.order_by("position")
    services.merge_groups(consultation, [second.pk], first, actor=world.handler_finance)
    assert FeedbackGroup.objects.count() == 1 and first.comments.count() == 5
    services.move_comments(consultation, [ids[0]], None, actor=world.handler_finance)
    assert first.comments.count() == 4
    assert "还有1条意见未归类" in " ".join(services.problems(consultation.current_round()))


def test_a_stale_decision_is_refused_in_the_same_transaction(world, closed):
    from gongkai.core.concurrency import StaleEdit

    consultation, _ids, _ = closed
    services.suggest_groups(consultation, actor=world.handler_finance)
    group = FeedbackGroup.objects.order_by("position").first()
    opened = group.version
    services.decide_group(
        group, title="补贴", outcome="adopted", reason="已采纳。", actor=world.reviewer_finance,
        expected_version=opened,
    )  # fmt: skip
    stale = FeedbackGroup.objects.get(pk=group.pk)
    stale.version = opened  # what the colleague's form was opened at
    with pytest.raises(StaleEdit):
        services.decide_group(
            stale, title="补贴", outcome="not_adopted", reason="财力有限。",
            actor=world.handler_finance, expected_version=opened,
        )  # fmt: skip
    group.refresh_from_db()
    assert (group.outcome, group.version) == ("adopted", opened + 1)
