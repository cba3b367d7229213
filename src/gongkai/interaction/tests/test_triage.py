from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import DomainError
from gongkai.interaction import services
from gongkai.interaction.models import (
    Channel,
    ChannelKind,
    MessageState,
    MessageType,
    RefusalReason,
    RoutingRule,
)
from gongkai.interaction.routing import suggest
from gongkai.interaction.validation import MessageInvalid

from .helpers import message_data, submitted

pytestmark = pytest.mark.django_db


def test_routing_first_matching_rule_wins(world):
    complain = MessageType.objects.get(code="complain")
    RoutingRule.objects.create(order=10, keywords="排污 废水", department=world.environment)
    general = RoutingRule.objects.create(order=20, keywords="补贴，资金", department=world.finance)
    general.co_departments.add(world.environment)
    RoutingRule.objects.create(
        order=5,
        message_type=complain,
        place=world.qinzhou,
        keywords="补贴",
        department=world.qinzhou_finance,
    )
    subsidy = submitted(world, date(2026, 9, 24))  # 咨询 about 黄标车补贴, no place
    found = suggest(subsidy)
    assert found.lead == world.finance and found.co == [world.environment]
    local = submitted(
        world,
        date(2026, 9, 24),
        type_code="complain",
        place=world.qinzhou.pk,
        text="秦州区的补贴发放不公平，有人重复领取，请核查。",
    )
    assert suggest(local).lead == world.qinzhou_finance
    nothing = submitted(
        world,
        date(2026, 9, 24),
        subject="咨询户口迁移",
        text="请问外地户口迁入天水需要什么材料和手续？",
    )
    assert suggest(nothing).lead is None


def test_refuse_with_a_reason_and_merge_duplicates(world):
    original = submitted(world, date(2026, 9, 24))
    repeat = submitted(world, date(2026, 9, 25), writer_phone="13900001111", writer_name="李四")
    with pytest.raises(PermissionDenied):
        services.merge(repeat, original=original, actor=world.handler_finance)
    with pytest.raises(DomainError, match="合并"):
        services.refuse(
            repeat, reason=RefusalReason.objects.get(code="duplicate"), actor=world.office
        )
    services.merge(repeat, original=original, actor=world.office)
    repeat.refresh_from_db()
    assert repeat.state == MessageState.MERGED and repeat.duplicate_of == original
    abusive = submitted(
        world, date(2026, 9, 25), text="全是骂人的话全是骂人的话，没有具体问题内容。"
    )
    services.refuse(abusive, reason=RefusalReason.objects.get(code="abusive"), actor=world.office)
    abusive.refresh_from_db()
    assert abusive.state == MessageState.REFUSED
    assert abusive.timeline.filter(kind="refused", public=True).exists()


def test_hotline_calls_are_recorded_by_staff_only(world):
    hotline = Channel.objects.create(
        code="mayor-hotline",
        government=world.tianshui,
        name="市长热线",
        kind=ChannelKind.HOTLINE,
        office=world.general_office,
        staff_recorded=True,
    )
    with pytest.raises(MessageInvalid, match="话务员"):
        services.submit_message(message_data(hotline))
    with pytest.raises(PermissionDenied):
        services.record_call(message_data(hotline), actor=world.handler_finance)
    call = services.record_call(message_data(hotline), actor=world.office)
    assert call.message.recorded_by == world.office
    assert call.message.state == MessageState.TRIAGE


def test_mailbox_letters_are_never_public(world):
    mailbox = Channel.objects.create(
        code="mayor-mailbox",
        government=world.tianshui,
        name="市长信箱",
        kind=ChannelKind.MAILBOX,
        office=world.general_office,
        private_by_nature=True,
    )
    letter = services.submit_message(message_data(mailbox, wants_public=True)).message
    assert not letter.wants_public and letter.is_confidential
