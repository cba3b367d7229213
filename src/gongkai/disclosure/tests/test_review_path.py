"""Review before publishing: draft → 保密审查 → 领导审批 → published, with
退回修改 (return for changes) at each step and the author fixing and resubmitting."""

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.audit.models import AuditEvent
from gongkai.disclosure import actions
from gongkai.disclosure.models import ItemState, ItemVersion
from gongkai.disclosure.review import REVIEW
from gongkai.notices.models import Notice
from gongkai.orgs.roles import Role
from gongkai.testing.factories import staff
from gongkai.workflow import TransitionRefused
from gongkai.workflow.models import Entry


def _history(item):
    return [(c.action, c.from_state, c.to_state) for c in Entry.history_of(item)]


def _edit(item, actor, **fields):
    from .conftest import base_data

    item.refresh_from_db()
    return actions.update_draft(
        item, actor=actor, expected_version=item.version, data=base_data(**fields)
    )


def test_the_full_review_path_with_a_return_at_each_step(world):
    from .conftest import base_data

    item = actions.create_draft(
        actor=world.handler_finance, department=world.finance, data=base_data()
    )
    assert item.state == ItemState.DRAFT and item.index_number is None

    actions.submit_item(item, actor=world.handler_finance)
    assert item.state == ItemState.SUBMITTED
    actions.return_item(
        item, actor=world.secrecy_finance, comment="第三段含内部人员手机号，请删除。"
    )
    assert item.state == ItemState.RETURNED

    _edit(item, world.handler_finance, body="<p>已删除内部联系方式。</p>")
    actions.submit_item(item, actor=world.handler_finance)
    actions.pass_confidentiality_review(item, actor=world.secrecy_finance)
    assert item.state == ItemState.APPROVAL
    actions.return_item(item, actor=world.reviewer_finance, comment="标题应写明年度。")
    assert item.state == ItemState.RETURNED

    _edit(item, world.handler_finance, title="天水市财政局关于公开2026年度市级预算的通知")
    actions.submit_item(item, actor=world.handler_finance)
    actions.pass_confidentiality_review(item, actor=world.secrecy_finance)
    actions.approve_item(item, actor=world.reviewer_finance)

    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED
    assert item.index_number is not None and item.published_at is not None
    assert item.title == "天水市财政局关于公开2026年度市级预算的通知"
    assert _history(item) == [
        ("submit", "draft", "submitted"),
        ("return_confidentiality", "submitted", "returned"),
        ("submit", "returned", "submitted"),
        ("pass_confidentiality", "submitted", "approval"),
        ("return_approval", "approval", "returned"),
        ("submit", "returned", "submitted"),
        ("pass_confidentiality", "submitted", "approval"),
        ("approve", "approval", "published"),
    ]
    comments = [c.comment for c in Entry.history_of(item) if c.comment]
    assert comments == ["第三段含内部人员手机号，请删除。", "标题应写明年度。"]
    assert ItemVersion.objects.filter(item=item).count() == 1


def test_the_author_is_told_of_each_return_and_of_publication(world, draft, publish_through_review):
    item = draft()
    actions.submit_item(item, actor=world.handler_finance)
    actions.return_item(item, actor=world.secrecy_finance, comment="请补充附件。")
    notice = Notice.objects.get(recipient=world.handler_finance)
    assert notice.channel == "inapp" and "退回修改" in notice.subject
    assert "保密审查意见：请补充附件。" in notice.body
    publish_through_review(item)
    subjects = list(
        Notice.objects.filter(recipient=world.handler_finance).values_list("subject", flat=True)
    )
    assert any(s.startswith("信息已发布") for s in subjects)


@pytest.mark.parametrize("step", ["confidentiality", "approval"])
def test_returning_requires_a_comment(world, draft, step):
    item = draft()
    actions.submit_item(item, actor=world.handler_finance)
    reviewer = world.secrecy_finance
    if step == "approval":
        actions.pass_confidentiality_review(item, actor=world.secrecy_finance)
        reviewer = world.reviewer_finance
    with pytest.raises(TransitionRefused, match="须填写意见"):
        actions.return_item(item, actor=reviewer, comment="   ")
    item.refresh_from_db()
    assert item.state in (ItemState.SUBMITTED, ItemState.APPROVAL)


def test_a_confidentiality_reviewer_of_another_department_is_refused(world, draft):
    secrecy_environment = staff("secrecy_environment", (world.environment, Role.CONFIDENTIALITY))
    item = draft()
    actions.submit_item(item, actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        actions.pass_confidentiality_review(item, actor=secrecy_environment)
    with pytest.raises(PermissionDenied):
        actions.return_item(item, actor=secrecy_environment, comment="不同意")
    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED


def test_each_review_step_belongs_to_its_own_role(world, draft):
    item = draft()
    actions.submit_item(item, actor=world.handler_finance)
    with pytest.raises(PermissionDenied):  # the leader cannot skip the confidentiality review
        actions.pass_confidentiality_review(item, actor=world.reviewer_finance)
    actions.pass_confidentiality_review(item, actor=world.secrecy_finance)
    with pytest.raises(PermissionDenied):  # nor can the confidentiality reviewer approve
        actions.approve_item(item, actor=world.secrecy_finance)
    with pytest.raises(PermissionDenied):
        actions.approve_item(item, actor=world.handler_finance)


def test_a_draft_without_the_art_26_date_cannot_be_submitted(world, draft):
    from gongkai.disclosure.validation import ItemInvalid

    item = draft(formed_or_changed_on=None)
    with pytest.raises(ItemInvalid) as refused:
        actions.submit_item(item, actor=world.handler_finance)
    assert "formed_or_changed_on" in refused.value.errors


def test_a_submitted_item_can_no_longer_be_edited(world, draft):
    from gongkai.core.errors import DomainError

    item = draft()
    actions.submit_item(item, actor=world.handler_finance)
    with pytest.raises((PermissionDenied, DomainError)):
        _edit(item, world.handler_finance, title="偷偷改标题")
    assert [t.action for t in REVIEW.available(item, world.handler_finance)] == []


def test_every_step_leaves_an_audit_event(world, draft, publish_through_review):
    item = draft()
    publish_through_review(item)
    actions_logged = set(
        AuditEvent.objects.filter(
            object_id=str(item.pk), object_type="disclosure.informationitem"
        ).values_list("action", flat=True)
    )
    assert {
        "disclosure.item.create",
        "disclosure.item.submit",
        "disclosure.item.pass_confidentiality",
        "disclosure.item.approve",
    } <= actions_logged
