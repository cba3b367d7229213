"""Guides as versions: required elements refused by name, review, publication,
supersession and what a version changed."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from gongkai.core.errors import DomainError
from gongkai.services.checking import missing_elements
from gongkai.services.models import GuideState, GuideVersion, ItemState, Material
from gongkai.services.services import guides
from gongkai.workflow import timeline

from .helpers import complete_guide, item

pytestmark = pytest.mark.django_db


def test_a_complete_guide_lacks_nothing(world):
    assert missing_elements(complete_guide(item(world))) == []


def test_a_guide_missing_elements_is_refused_by_name(world):
    guide = complete_guide(item(world), conditions="", complaint_phone="")
    guide.questions.all().delete()
    with pytest.raises(guides.IncompleteGuide) as refused:
        guides.submit(guide, actor=world.handler_finance)
    assert refused.value.missing == ["受理条件", "监督投诉电话", "常见问题"]
    assert "受理条件、监督投诉电话、常见问题" in str(refused.value)
    guide.refresh_from_db()
    assert guide.state == GuideState.DRAFT


def test_fees_a_zero_visit_item_and_the_flow_chart_are_checked(world):
    guide = complete_guide(item(world), free=False, visits=0)
    guide.steps.filter(position__gt=1).delete()
    assert missing_elements(guide) == [
        "收费依据和标准",
        "办理流程（至少两个环节）",
        "网上办理地址（零跑动事项）",
    ]


def test_an_item_without_its_power_is_incomplete(world):
    assert missing_elements(complete_guide(item(world, power_code=""))) == ["对应职权"]


def test_the_promise_can_never_be_longer_than_the_law(world):
    guide = complete_guide(item(world))
    guide.promised_limit = 25
    assert "承诺办结时限（不得长于法定办结时限）" in missing_elements(guide)
    with pytest.raises(IntegrityError), transaction.atomic():
        guide.save()


def publish_first(world, service=None):
    guide = complete_guide(service or item(world))
    guides.submit(guide, actor=world.handler_finance)
    return guides.publish(guide, actor=world.reviewer_finance, on=date(2026, 3, 2))


def test_review_then_publish_makes_the_item_public(world):
    guide = publish_first(world)
    service = guide.item
    service.refresh_from_db()
    assert service.state == ItemState.PUBLISHED
    assert service.current == guide
    assert guide.published_on == date(2026, 3, 2)
    actions = [e.action for e in timeline.of(guide)]
    assert actions == ["submit", "publish"]


def test_a_handler_cannot_publish_and_a_reviewer_of_another_department_cannot(world):
    guide = complete_guide(item(world))
    guides.submit(guide, actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        guides.publish(guide, actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        guides.publish(guide, actor=world.handler_environment)


def test_a_new_version_copies_the_last_and_supersedes_it_when_published(world):
    first = publish_first(world)
    service = first.item
    draft = guides.new_draft(service, actor=world.handler_finance, change_note="承诺时限压缩")
    assert draft.number == 2
    assert [m.name for m in draft.materials.all()] == ["申请书", "营业执照"]
    assert draft.steps.count() == 4 and draft.questions.count() == 1
    with pytest.raises(DomainError):
        guides.new_draft(service, actor=world.handler_finance)

    draft.promised_limit = 5
    draft.save()
    Material.objects.create(guide=draft, position=3, name="法定代表人身份证明")
    draft.materials.filter(name="申请书").delete()
    guides.submit(draft, actor=world.handler_finance)
    guides.publish(draft, actor=world.reviewer_finance, on=date(2026, 4, 1))

    first.refresh_from_db()
    service.refresh_from_db()
    assert first.state == GuideState.SUPERSEDED and first.superseded_on == date(2026, 4, 1)
    assert service.current == draft
    found = {c.label: (c.before, c.after) for c in guides.changes(first, draft)}
    assert found == {
        "承诺办结时限（工作日）": ("10", "5"),
        "申请材料": ("申请书", "法定代表人身份证明"),
    }
    # the published first version was not touched by the edits of the second
    assert [m.name for m in first.materials.all()] == ["申请书", "营业执照"]


def test_returning_needs_a_comment(world):
    guide = complete_guide(item(world))
    guides.submit(guide, actor=world.handler_finance)
    with pytest.raises(DomainError):
        guides.send_back(guide, actor=world.reviewer_finance, comment=" ")
    guides.send_back(guide, actor=world.reviewer_finance, comment="补充常见问题")
    guide.refresh_from_db()
    assert guide.state == GuideState.DRAFT


def test_withdrawing_needs_a_reason_and_keeps_the_guides(world):
    guide = publish_first(world)
    with pytest.raises(DomainError):
        guides.withdraw(guide.item, actor=world.reviewer_finance, on=date(2026, 5, 1), reason="")
    service = guides.withdraw(
        guide.item,
        actor=world.reviewer_finance,
        on=date(2026, 5, 1),
        reason="市政发〔2026〕3号取消",
    )
    assert service.state == ItemState.WITHDRAWN
    assert GuideVersion.objects.filter(item=service).count() == 1
