"""Publication: 索引号 (index numbers), scheduled publishing, withdrawal (撤回), correction (更正)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.core.concurrency import StaleEdit
from gongkai.core.errors import DomainError
from gongkai.disclosure import actions
from gongkai.disclosure.models import (
    DisclosureSettings,
    InformationItem,
    ItemState,
    ItemVersion,
    VersionKind,
)
from gongkai.jobs.testing import run_jobs
from gongkai.orgs.roles import Role
from gongkai.testing.factories import staff
from gongkai.workflow import TransitionRefused
from gongkai.workflow.models import Entry

from .conftest import base_data, beijing

# -- index numbers ----------------------------------------------------------------


def test_index_numbers_follow_the_default_pattern_and_run_on_across_the_government(
    world, draft, publish_through_review
):
    reviewer_env = staff("reviewer_environment", (world.environment, Role.REVIEWER))
    secrecy_env = staff("secrecy_environment", (world.environment, Role.CONFIDENTIALITY))
    first, second = draft(), draft(title="第二条")
    env = draft(actor=world.handler_environment, department=world.environment, title="环保")
    publish_through_review(first)
    publish_through_review(second)
    publish_through_review(env, reviewer=reviewer_env, secrecy=secrecy_env)
    year = timezone.localdate().year
    assert first.index_number == f"{world.finance.uscc}/{year}-00001"
    assert second.index_number == f"{world.finance.uscc}/{year}-00002"
    assert env.index_number == f"{world.environment.uscc}/{year}-00003"


def test_another_government_has_its_own_series(world, draft, publish_through_review):
    handler = staff("handler_qz", (world.qinzhou_finance, Role.HANDLER))
    secrecy = staff("secrecy_qz", (world.qinzhou_finance, Role.CONFIDENTIALITY))
    reviewer = staff("reviewer_qz", (world.qinzhou_finance, Role.REVIEWER))
    publish_through_review(draft())
    county = draft(actor=handler, department=world.qinzhou_finance)
    publish_through_review(county, reviewer=reviewer, secrecy=secrecy)
    assert county.index_number.endswith("-00001")


def test_the_series_restarts_each_beijing_year(world, draft, publish_through_review):
    late_2026 = publish_through_review(draft(), now=beijing(2026, 12, 31, 23, 59))
    early_2027 = publish_through_review(draft(), now=beijing(2027, 1, 1, 0, 1))
    assert late_2026.index_number.endswith("/2026-00001")
    assert early_2027.index_number.endswith("/2027-00001")


def test_the_pattern_is_configurable_per_government(world, draft, publish_through_review):
    DisclosureSettings.objects.create(
        government=world.tianshui, index_number_pattern="{区划代码}-{年份}-{流水号:06d}"
    )
    item = publish_through_review(draft(), now=beijing(2026, 11, 2, 9, 0))
    assert item.index_number == "620500-2026-000001"


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("{机构代码}/{年份}", "必须包含 {流水号}"),
        ("{机构代码}/{部门简称}-{流水号}", "不认识的占位符"),
        ("{年份}-{流水号:05d}", "须包含 {机构代码} 或 {区划代码}"),
        ("{机构代码}/{年份-{流水号}", "编号格式"),
    ],
)
def test_an_invalid_pattern_is_refused(world, pattern, message):
    settings = DisclosureSettings(government=world.tianshui, index_number_pattern=pattern)
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert message in str(refused.value.message_dict["index_number_pattern"])


def test_a_withdrawn_item_keeps_its_number_and_the_number_is_never_reused(
    world, draft, publish_through_review
):
    first = publish_through_review(draft())
    number = first.index_number
    actions.withdraw_item(first, actor=world.reviewer_finance, reason="内容有误，需重新制发。")
    second = publish_through_review(draft())
    first.refresh_from_db()
    assert first.index_number == number
    assert second.index_number != number and second.index_number.endswith("-00002")


# -- scheduled publishing ---------------------------------------------------------


def test_the_job_publishes_a_scheduled_item_at_its_beijing_time(
    world, draft, frozen_now, publish_through_review
):
    frozen_now(beijing(2026, 12, 30, 10, 0))
    item = draft(
        formed_or_changed_on=date(2026, 12, 1), scheduled_publish_at=beijing(2027, 1, 1, 7, 30)
    )
    publish_through_review(item)
    assert item.state == ItemState.SCHEDULED and item.index_number is None

    assert actions.publish_due_items(now=beijing(2027, 1, 1, 7, 29)) == 0
    assert actions.publish_due_items(now=beijing(2027, 1, 1, 7, 30)) == 1
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED
    assert item.published_at == beijing(2027, 1, 1, 7, 30)
    # 2026-12-31 23:30 UTC is already 2027 in Beijing: the number is of 2027.
    assert item.index_number.endswith("/2027-00001")
    change = Entry.history_of(item).last()
    assert change.action == "publish_scheduled" and change.actor == world.reviewer_finance
    assert "定时发布" in change.comment
    assert actions.publish_due_items(now=beijing(2027, 1, 1, 7, 31)) == 0  # safe to run twice


def test_the_scheduled_job_runs_in_the_worker(world, draft, publish_through_review):
    item = draft(scheduled_publish_at=timezone.now() + timedelta(hours=1))
    publish_through_review(item)
    assert item.state == ItemState.SCHEDULED
    # An hour passes.
    InformationItem.objects.filter(pk=item.pk).update(
        scheduled_publish_at=timezone.now() - timedelta(minutes=1)
    )
    run_jobs(schedules=True)
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED and item.index_number


def test_an_approval_whose_time_has_already_passed_publishes_at_once(
    world, draft, frozen_now, publish_through_review
):
    frozen_now(beijing(2026, 11, 2, 9, 0))
    item = draft(scheduled_publish_at=beijing(2026, 11, 2, 10, 0))
    item = publish_through_review(item, now=beijing(2026, 11, 2, 11, 0))
    assert item.state == ItemState.PUBLISHED


def test_a_scheduled_item_can_be_published_now_or_unscheduled(world, draft, publish_through_review):
    soon = timezone.now() + timedelta(days=1)
    first = publish_through_review(draft(scheduled_publish_at=soon))
    actions.publish_now(first, actor=world.reviewer_finance)
    assert first.state == ItemState.PUBLISHED
    second = publish_through_review(draft(scheduled_publish_at=soon))
    actions.unschedule_item(second, actor=world.reviewer_finance)
    second.refresh_from_db()
    assert second.state == ItemState.APPROVAL and second.scheduled_publish_at is None


def test_a_scheduled_item_waits_when_its_approver_has_left(world, draft, publish_through_review):
    from gongkai.orgs.models import Membership

    item = publish_through_review(draft(scheduled_publish_at=timezone.now() + timedelta(hours=1)))
    Membership.objects.filter(user=world.reviewer_finance).update(active=False)
    world.reviewer_finance._gongkai_memberships = None
    assert actions.publish_due_items(now=timezone.now() + timedelta(hours=2)) == 0
    item.refresh_from_db()
    assert item.state == ItemState.SCHEDULED


# -- withdrawal -------------------------------------------------------------------


def test_withdrawal_needs_a_reason_and_takes_the_item_off_the_public_site(
    world, draft, publish_through_review
):
    item = publish_through_review(draft())
    assert InformationItem.objects.public().filter(pk=item.pk).exists()
    with pytest.raises(TransitionRefused, match="须填写意见"):
        actions.withdraw_item(item, actor=world.reviewer_finance, reason="")
    actions.withdraw_item(item, actor=world.reviewer_finance, reason="政策已调整，原文不再适用。")
    item.refresh_from_db()
    assert item.state == ItemState.WITHDRAWN and item.withdrawn_at is not None
    assert item.withdraw_reason == "政策已调整，原文不再适用。"
    assert not InformationItem.objects.public().filter(pk=item.pk).exists()


def test_the_disclosure_office_may_withdraw_a_departments_item_a_handler_may_not(
    world, draft, publish_through_review
):
    item = publish_through_review(draft())
    with pytest.raises(PermissionDenied):
        actions.withdraw_item(item, actor=world.handler_finance, reason="想撤回")
    actions.withdraw_item(item, actor=world.office, reason="涉及个人隐私，依公开办要求撤回。")
    assert item.state == ItemState.WITHDRAWN


def test_withdrawal_stays_in_the_audit_trail(world, draft, publish_through_review):
    from gongkai.audit.models import AuditEvent

    item = publish_through_review(draft())
    actions.withdraw_item(item, actor=world.reviewer_finance, reason="重复发布。")
    event = AuditEvent.objects.get(action="disclosure.item.withdraw", object_id=str(item.pk))
    assert event.before == {"state": "published"} and event.after["comment"] == "重复发布。"


# -- correction -------------------------------------------------------------------


def _correct(item, actor, reason, **fields):
    item.refresh_from_db()
    return actions.correct_item(
        item, actor=actor, expected_version=item.version, data=base_data(**fields), reason=reason
    )


def test_a_correction_creates_a_version_and_keeps_the_index_number(
    world, draft, publish_through_review
):
    item = publish_through_review(draft())
    number = item.index_number
    _correct(item, world.reviewer_finance, "文号笔误。", document_number="天财发〔2026〕21号")
    item.refresh_from_db()
    assert item.index_number == number and item.state == ItemState.PUBLISHED
    assert item.revision == 2 and item.document_number == "天财发〔2026〕21号"
    versions = list(ItemVersion.objects.filter(item=item))
    assert [(v.revision, v.kind) for v in versions] == [
        (1, VersionKind.PUBLISHED),
        (2, VersionKind.CORRECTED),
    ]
    assert versions[0].snapshot["document_number"] == "天财发〔2026〕12号"
    assert versions[1].snapshot["document_number"] == "天财发〔2026〕21号"
    assert versions[1].reason == "文号笔误。" and versions[1].actor == world.reviewer_finance


def test_a_correction_without_changes_or_without_a_reason_is_refused(
    world, draft, publish_through_review
):
    item = publish_through_review(draft())
    with pytest.raises(DomainError, match="没有修改任何内容"):
        _correct(item, world.reviewer_finance, "无")
    with pytest.raises(TransitionRefused, match="须填写意见"):
        _correct(item, world.reviewer_finance, " ", title="新标题")
    item.refresh_from_db()
    assert item.revision == 1


def test_a_correction_cannot_change_the_owner_or_the_disclosure_attribute(
    world, draft, publish_through_review
):
    item = publish_through_review(draft())
    _correct(
        item,
        world.reviewer_finance,
        "更正标题。",
        title="更正后的标题",
        disclosure_attribute="not_disclosed",
        exemption_reason="art14_secret",
        department=world.environment,
    )
    item.refresh_from_db()
    assert item.title == "更正后的标题"
    assert item.disclosure_attribute == "proactive" and item.department == world.finance


def test_a_correction_from_a_stale_page_is_refused(world, draft, publish_through_review):
    item = publish_through_review(draft())
    opened_at = InformationItem.objects.get(pk=item.pk).version
    _correct(item, world.reviewer_finance, "第一次更正。", title="甲")
    with pytest.raises(StaleEdit):
        actions.correct_item(
            item,
            actor=world.reviewer_finance,
            expected_version=opened_at,
            data=base_data(title="乙"),
            reason="第二次更正。",
        )
    item.refresh_from_db()
    assert item.title == "甲"
