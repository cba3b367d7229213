from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from gongkai.interaction import services
from gongkai.interaction.models import Channel, ChannelKind, Message, MessageType

TZ = ZoneInfo("Asia/Shanghai")


def mayor_board(world) -> Channel:
    channel, _ = Channel.objects.get_or_create(
        code="mayor-board",
        defaults={
            "government": world.tianshui,
            "name": "市长留言板",
            "kind": ChannelKind.BOARD,
            "office": world.general_office,
        },
    )
    return channel


def message_data(channel, type_code="consult", **overrides) -> dict:
    data = {
        "channel": channel.pk,
        "message_type": MessageType.objects.get(code=type_code).pk,
        "subject": "黄标车淘汰补贴什么时候发放",
        "text": "我家的黄标车去年已经报废注销，补贴至今没有到账，请问什么时候发放？联系电话13800001234。",
        "writer_name": "王小明",
        "writer_phone": "13800001234",
        "wants_public": True,
    }
    data.update(overrides)
    return data


def submitted(world, on: date, type_code="consult", **overrides) -> Message:
    sub = services.submit_message(message_data(mayor_board(world), type_code, **overrides))
    Message.objects.filter(pk=sub.message.pk).update(
        submitted_at=datetime.combine(on, time(8, 0), tzinfo=TZ)
    )
    sub.message.refresh_from_db()
    return sub.message


def assigned(world, on: date, type_code="consult", co=(), **overrides) -> Message:
    message = submitted(world, on, type_code, **overrides)
    services.assign(message, lead=world.finance, co=co, actor=world.office, on=on)
    message.refresh_from_db()
    return message
