from datetime import timedelta

from django.utils import timezone

from gongkai.notices.models import Notice, NoticeChannel
from gongkai.notices.services import inbox_for, mark_read, send_notice, unread_count


def remind(user, subject, *, minutes_ago=0):
    notice = send_notice(channel=NoticeChannel.INAPP, recipient=user, subject=subject, body="")
    Notice.objects.filter(pk=notice.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return notice


def test_the_inbox_holds_the_users_own_in_app_notices_newest_first(world):
    older = remind(world.handler_finance, "申请 YSQ-2016-0041 待办理", minutes_ago=30)
    newer = remind(world.handler_finance, "申请 YSQ-2016-0042 待办理", minutes_ago=5)
    remind(world.handler_environment, "留言 LY-2016-0100 待答复")
    send_notice(
        channel=NoticeChannel.SMS,
        recipient=world.handler_finance,
        address="13893812345",
        subject="短信提醒",
        body="您有待办事项。",
    )
    assert list(inbox_for(world.handler_finance)) == [newer, older]


def test_marking_read_removes_a_notice_from_the_unread_ones(world):
    first = remind(world.handler_finance, "申请 YSQ-2016-0041 待办理")
    second = remind(world.handler_finance, "申请 YSQ-2016-0042 待办理")
    assert unread_count(world.handler_finance) == 2
    assert mark_read(world.handler_finance, [first.pk]) == 1
    assert list(inbox_for(world.handler_finance, unread_only=True)) == [second]
    first.refresh_from_db()
    assert first.is_read


def test_a_user_cannot_mark_someone_elses_notices_read(world):
    theirs = remind(world.handler_environment, "留言 LY-2016-0100 待答复")
    assert mark_read(world.handler_finance, [theirs.pk]) == 0
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_marking_a_notice_read_twice_keeps_the_first_reading_time(world):
    notice = remind(world.handler_finance, "申请 YSQ-2016-0041 待办理")
    mark_read(world.handler_finance, [notice.pk])
    notice.refresh_from_db()
    first_read = notice.read_at
    assert mark_read(world.handler_finance, [notice.pk]) == 0
    notice.refresh_from_db()
    assert notice.read_at == first_read
