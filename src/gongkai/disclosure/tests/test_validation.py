"""Metadata rules, refused with per-field Chinese messages; concurrent edits refused."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.concurrency import StaleEdit
from gongkai.disclosure import actions
from gongkai.disclosure.models import InformationItem
from gongkai.disclosure.validation import ItemInvalid

from .conftest import base_data


def test_not_proactive_without_a_legal_reason_is_refused(world):
    with pytest.raises(ItemInvalid) as refused:
        actions.create_draft(
            actor=world.handler_finance,
            department=world.finance,
            data=base_data(disclosure_attribute="not_disclosed", exemption_reason=""),
        )
    assert refused.value.errors == {
        "exemption_reason": "公开属性为“不予公开”时，必须选择不主动公开的法定理由"
        "（条例第十四条至第十六条）。"
    }
    assert not InformationItem.objects.exists()


def test_not_proactive_with_a_reason_is_accepted_and_proactive_drops_the_reason(world, draft):
    item = draft(disclosure_attribute="on_request", exemption_reason="art15_privacy")
    assert item.exemption_reason == "art15_privacy"
    proactive = draft(exemption_reason="art15_privacy")
    assert proactive.exemption_reason == ""


def test_the_database_also_refuses_a_non_proactive_item_without_reason(world, draft):
    item = draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        InformationItem.objects.filter(pk=item.pk).update(disclosure_attribute="not_disclosed")


@pytest.mark.parametrize(
    "fields, field, words",
    [
        ({"title": "  "}, "title", "请填写标题"),
        ({"formed_or_changed_on": date(2099, 1, 1)}, "formed_or_changed_on", "不能晚于今天"),
        (
            {
                "item_type": "normative",
                "effective_on": date(2026, 5, 1),
                "expires_on": date(2026, 4, 1),
            },
            "expires_on",
            "不能早于生效日期",
        ),
        (
            {"item_type": "interpretation", "interpretation_form": ""},
            "interpretation_form",
            "解读形式",
        ),
        (
            {"item_type": "interpretation", "interpretation_form": "video", "video_url": ""},
            "video_url",
            "视频链接",
        ),
        (
            {"item_type": "interpretation", "interpretation_form": "expert", "expert_name": ""},
            "expert_name",
            "专家",
        ),
        (
            {"scheduled_publish_at": timezone.now() - timedelta(hours=1)},
            "scheduled_publish_at",
            "须晚于当前时间",
        ),
    ],
)
def test_metadata_rules_name_the_field(world, fields, field, words):
    with pytest.raises(ItemInvalid) as refused:
        actions.create_draft(
            actor=world.handler_finance, department=world.finance, data=base_data(**fields)
        )
    assert words in refused.value.errors[field]


def test_validity_and_interpretation_fields_only_where_they_belong(world, draft):
    item = draft(item_type="general", effective_on=date(2026, 1, 1), expert_name="张教授")
    assert item.effective_on is None and item.expert_name == ""


def test_the_owner_is_always_among_the_publishing_departments(world, draft):
    item = draft(publishing_departments=[world.environment])
    assert set(item.publishing_departments.all()) == {world.finance, world.environment}


def test_a_handler_cannot_draft_for_another_department(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.create_draft(
            actor=world.handler_environment, department=world.finance, data=base_data()
        )


def test_a_concurrent_edit_is_refused_and_nothing_is_overwritten(world, draft):
    item = draft()
    mine = InformationItem.objects.get(pk=item.pk)
    theirs = InformationItem.objects.get(pk=item.pk)
    actions.update_draft(
        theirs,
        actor=world.reviewer_finance,
        expected_version=theirs.version,
        data=base_data(title="审核人改的标题"),
    )
    with pytest.raises(StaleEdit):
        actions.update_draft(
            mine,
            actor=world.handler_finance,
            expected_version=mine.version,
            data=base_data(title="经办人改的标题"),
        )
    item.refresh_from_db()
    assert item.title == "审核人改的标题" and item.version == 2
