"""Moderation and feedback in the workbench: bulk 通过 / 不予采用 with the reason required,
grouping (suggested, confirmed, moved, merged, deleted), decisions on groups and entries,
and feedback that cannot be published while anything stands in the way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.consultations import services
from gongkai.consultations.models import Comment, Entry, FeedbackGroup, Moderation, Round
from gongkai.notices.models import Notice

from .helpers import DRAFT_TEXT
from .staff_helpers import closed_call, closed_with_comments, url, with_comments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def post(client, user, name, *args, data=None):
    client.force_login(user)
    return client.post(url(name, *args), data or {})


def moderation_of(ids):
    return list(Comment.objects.filter(pk__in=ids).values_list("moderation", flat=True))


# -- moderation -------------------------------------------------------------------------


def test_selected_comments_are_approved_in_one_go(client, world):
    consultation, ids, _waiting = with_comments(world, approve=False)
    data = {"comments": [str(i) for i in ids[:3]], "decision": "approve"}
    response = post(client, world.handler_finance, "moderate", consultation.pk, data=data)
    assert response.status_code == 302
    assert moderation_of(ids[:3]) == [Moderation.APPROVED] * 3
    assert moderation_of(ids[3:]) == [Moderation.PENDING] * 2
    html = client.get(url("moderation", consultation.pk), {"tab": "done"}).content.decode()
    assert "已通过" in html


def test_rejecting_without_a_reason_shows_the_error_and_changes_nothing(client, world):
    consultation, ids, _waiting = with_comments(world, approve=False)
    data = {"comments": [str(ids[0])], "decision": "reject", "note": ""}
    response = post(client, world.handler_finance, "moderate", consultation.pk, data=data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "不予采用须说明理由" in html
    assert f'value="{ids[0]}" id="comment-{ids[0]}" checked' in html  # the ticks are kept
    assert moderation_of([ids[0]]) == [Moderation.PENDING]
    data["note"] = "与征集内容无关"
    assert (
        post(client, world.handler_finance, "moderate", consultation.pk, data=data).status_code
        == 302
    )
    rejected = Comment.objects.get(pk=ids[0])
    assert rejected.moderation == Moderation.REJECTED
    assert rejected.moderation_note == "与征集内容无关"


def test_nothing_ticked_is_refused(client, world):
    consultation, _ids, _waiting = with_comments(world, approve=False)
    response = post(
        client, world.handler_finance, "moderate", consultation.pk, data={"decision": "approve"}
    )
    assert response.status_code == 400
    assert "请先勾选要审核的意见或作品。" in response.content.decode()


def test_a_comment_moderated_meanwhile_is_not_decided_again(client, world):
    consultation, ids, _waiting = with_comments(world, approve=False)
    services.moderate(
        consultation, comment_ids=[ids[0]], approve=False, note="广告", actor=world.reviewer_finance
    )
    data = {"comments": [str(ids[0])], "decision": "approve"}
    response = post(client, world.handler_finance, "moderate", consultation.pk, data=data)
    assert response.status_code == 400
    assert "已被他人审核" in response.content.decode()
    assert moderation_of([ids[0]]) == [Moderation.REJECTED]


def test_the_office_and_other_departments_cannot_moderate(client, world):
    consultation, ids, _waiting = with_comments(world, approve=False)
    data = {"comments": [str(ids[0])], "decision": "approve"}
    assert post(client, world.office, "moderate", consultation.pk, data=data).status_code == 403
    assert (
        post(client, world.handler_environment, "moderate", consultation.pk, data=data).status_code
        == 404
    )
    assert moderation_of([ids[0]]) == [Moderation.PENDING]


def test_entries_of_a_call_are_moderated_too(client, world):
    consultation, ids = closed_call(world, approve=False)
    data = {"entries": [str(ids[0])], "decision": "reject", "note": "与征集对象无关"}
    assert (
        post(client, world.handler_finance, "moderate", consultation.pk, data=data).status_code
        == 302
    )
    assert Entry.objects.get(pk=ids[0]).moderation == Moderation.REJECTED
    assert Entry.objects.get(pk=ids[1]).moderation == Moderation.PENDING


# -- feedback ----------------------------------------------------------------------------


def test_publishing_with_ungrouped_comments_lists_the_problems_and_changes_nothing(client, world):
    consultation, _ids, _waiting = closed_with_comments(world)
    response = post(
        client,
        world.reviewer_finance,
        "publish_feedback",
        consultation.pk,
        data={"publish-summary": "感谢社会各界参与。"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "暂不能发布反馈" in html
    assert "还有5条意见未归类" in html and "还有1条意见未审核" in html
    assert Round.objects.get(consultation=consultation).feedback_published_at is None
    assert not Notice.objects.exists()


def test_the_handler_may_not_publish_the_feedback(client, world):
    consultation, _ids, _waiting = closed_with_comments(world, pending=0)
    response = post(
        client,
        world.handler_finance,
        "publish_feedback",
        consultation.pk,
        data={"publish-summary": "感谢参与。"},
    )
    assert response.status_code == 403


def test_suggested_groups_are_confirmed_and_the_feedback_published(client, world):
    consultation, _ids, _waiting = closed_with_comments(world, pending=0)
    user = world.handler_finance
    assert post(client, user, "suggest", consultation.pk).status_code == 302
    groups = list(FeedbackGroup.objects.order_by("position"))
    assert len(groups) == 2 and all(g.suggested for g in groups)
    html = client.get(url("feedback", consultation.pk)).content.decode()
    assert "2个系统建议的归类尚未人工确认" in html
    # a decision without a reason: the error beside that group's form, nothing confirmed
    g = groups[0]
    data = {f"g{g.pk}-title": "提高补贴标准", f"g{g.pk}-outcome": "partly", f"g{g.pk}-reason": ""}
    response = post(client, user, "decide_group", consultation.pk, g.pk, data=data)
    assert response.status_code == 400
    assert "请填写理由。" in response.content.decode()
    assert FeedbackGroup.objects.get(pk=g.pk).suggested
    for group, outcome in zip(groups, ["partly", "adopted"], strict=True):
        data = {
            f"g{group.pk}-title": group.title,
            f"g{group.pk}-outcome": outcome,
            f"g{group.pk}-reason": "已在修改稿中体现。",
        }
        assert (
            post(client, user, "decide_group", consultation.pk, group.pk, data=data).status_code
            == 302
        )
    html = client.get(url("feedback", consultation.pk)).content.decode()
    assert "可以发布反馈" in html
    response = post(
        client,
        world.reviewer_finance,
        "publish_feedback",
        consultation.pk,
        data={"publish-summary": "共收到意见5条，部分采纳。"},
    )
    assert response.status_code == 302
    round = Round.objects.get(consultation=consultation)
    assert round.feedback_published_at is not None
    assert Notice.objects.count() == 5  # one SMS per participant's phone
    # the next round (再参与) is offered now, and opens from the detail page
    html = client.get(url("detail", consultation.pk)).content.decode()
    assert url("new_round", consultation.pk) in html
    today = timezone.localdate()
    data = {
        "round-draft_text": DRAFT_TEXT.replace("三千元", "五千元"),
        "round-changes_note": "根据意见提高了补贴标准。",
        "round-opens_on": (today + timedelta(days=1)).isoformat(),
        "round-closes_on": (today + timedelta(days=15)).isoformat(),
    }
    assert post(client, user, "new_round", consultation.pk, data=data).status_code == 302
    html = client.get(url("detail", consultation.pk)).content.decode()
    assert "第2轮修改稿" in html and "<ins>五</ins>" in html


def test_comments_are_moved_merged_and_groups_deleted(client, world):
    consultation, ids, _waiting = closed_with_comments(world, pending=0)
    user = world.handler_finance
    post(client, user, "create_group", consultation.pk, data={"new-title": "补贴标准"})
    post(client, user, "create_group", consultation.pk, data={"new-title": "拨付时限"})
    subsidy, payment = FeedbackGroup.objects.order_by("position")
    data = {"move-comments": [str(i) for i in ids[:3]], "move-target": str(subsidy.pk)}
    assert post(client, user, "move", consultation.pk, data=data).status_code == 302
    data = {"move-comments": [str(i) for i in ids[3:]], "move-target": str(payment.pk)}
    assert post(client, user, "move", consultation.pk, data=data).status_code == 302
    assert subsidy.comments.count() == 3 and payment.comments.count() == 2
    # nothing ticked: the error, no change
    response = post(client, user, "move", consultation.pk, data={"move-target": str(payment.pk)})
    assert response.status_code == 400
    assert "请先勾选要移动的意见。" in response.content.decode()
    data = {"merge-groups": [str(payment.pk)], "merge-into": str(subsidy.pk)}
    assert post(client, user, "merge", consultation.pk, data=data).status_code == 302
    assert list(FeedbackGroup.objects.all()) == [subsidy]
    assert subsidy.comments.count() == 5
    data = {"move-comments": [str(ids[0])], "move-target": "none"}
    assert post(client, user, "move", consultation.pk, data=data).status_code == 302
    assert Comment.objects.get(pk=ids[0]).group is None
    assert post(client, user, "delete_group", consultation.pk, subsidy.pk).status_code == 302
    assert not FeedbackGroup.objects.exists()
    assert Comment.objects.filter(pk__in=ids, group=None).count() == 5


def test_a_new_group_needs_a_title(client, world):
    consultation, _ids, _waiting = closed_with_comments(world, pending=0)
    response = post(
        client, world.handler_finance, "create_group", consultation.pk, data={"new-title": ""}
    )
    assert response.status_code == 400
    assert "请填写新归类的意见概要。" in response.content.decode()
    assert not FeedbackGroup.objects.exists()


def test_grouping_is_refused_while_the_period_is_open(client, world):
    consultation, _ids, _waiting = with_comments(world)
    response = post(client, world.handler_finance, "suggest", consultation.pk)
    assert response.status_code == 302
    assert not FeedbackGroup.objects.exists()
    html = client.get(response["Location"]).content.decode()
    assert "当前阶段为“征集中”，不能归类意见" in html


def test_entries_get_their_outcome_and_vote_counts_are_shown(client, world):
    consultation, ids = closed_call(world)
    user = world.handler_finance
    entry = ids[1]
    data = {f"e{entry}-outcome": "adopted", f"e{entry}-reason": ""}
    response = post(client, user, "decide_entry", consultation.pk, entry, data=data)
    assert response.status_code == 400
    assert "请填写理由。" in response.content.decode()
    data[f"e{entry}-reason"] = "寓意好，群众认可度高。"
    assert post(client, user, "decide_entry", consultation.pk, entry, data=data).status_code == 302
    decided = Entry.objects.get(pk=entry)
    assert (decided.outcome, decided.reason) == ("adopted", "寓意好，群众认可度高。")
    html = client.get(url("feedback", consultation.pk)).content.decode()
    assert "还有2件作品未填写采纳情况和理由。" in html


def test_a_new_group_posted_twice_is_created_once(client, world):
    consultation, _ids, _waiting = closed_with_comments(world, pending=0)
    for _ in range(2):
        response = post(
            client,
            world.handler_finance,
            "create_group",
            consultation.pk,
            data={"new-title": "补贴标准"},
        )
        assert response.status_code == 302
    assert list(FeedbackGroup.objects.values_list("title", flat=True)) == ["补贴标准"]


def test_approving_with_a_reason_typed_asks_which_was_meant(client, world):
    consultation, ids, _waiting = with_comments(world, approve=False)
    data = {"comments": [str(ids[0])], "decision": "approve", "note": "广告"}
    response = post(client, world.handler_finance, "moderate", consultation.pk, data=data)
    assert response.status_code == 400
    assert "如要不予采用，请点击“所选不予采用”" in response.content.decode()
    assert moderation_of([ids[0]]) == [Moderation.PENDING]


def test_a_decision_on_a_group_never_silently_overwrites_a_colleagues(client, world):
    from gongkai.consultations.staff.feedback import group_stamp
    from gongkai.core.concurrency import STALE_MESSAGE

    consultation, _ids, _waiting = closed_with_comments(world, pending=0)
    services.suggest_groups(consultation, actor=world.handler_finance)
    group = FeedbackGroup.objects.order_by("position").first()
    client.force_login(world.handler_finance)
    html = client.get(url("feedback", consultation.pk)).content.decode()
    opened = group_stamp(group)
    assert f'name="g{group.pk}-seen" value="{opened}"' in html
    services.decide_group(
        group,
        title="提高补贴标准",
        outcome="adopted",
        reason="已采纳。",
        actor=world.reviewer_finance,
    )
    data = {
        f"g{group.pk}-title": "补贴",
        f"g{group.pk}-outcome": "not_adopted",
        f"g{group.pk}-reason": "财力有限。",
        f"g{group.pk}-seen": opened,
    }
    response = post(
        client, world.handler_finance, "decide_group", consultation.pk, group.pk, data=data
    )
    assert response.status_code == 400
    assert STALE_MESSAGE in response.content.decode()
    group.refresh_from_db()
    assert (group.title, group.outcome) == ("提高补贴标准", "adopted")
