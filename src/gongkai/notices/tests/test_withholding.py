"""``withhold_notices``: events replayed in the past write and send no notices."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.testing import run_jobs
from gongkai.notices.models import Notice, NoticeChannel
from gongkai.notices.services import InvalidNotice, send_notice, withhold_notices

CITIZEN_MOBILE = "13893812345"


def sms_to_citizen():
    return send_notice(
        channel=NoticeChannel.SMS, address=CITIZEN_MOBILE, subject="申请已受理", body="已受理。"
    )


def in_app_to(user, subject="您有一件依申请公开事项待办理"):
    return send_notice(channel=NoticeChannel.INAPP, recipient=user, subject=subject, body="")


@pytest.mark.django_db(transaction=True)
def test_a_replayed_event_writes_no_notice_and_sends_nothing():
    with withhold_notices() as withheld, transaction.atomic():
        notice = sms_to_citizen()
    run_jobs()
    assert notice.pk is None
    assert not Notice.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []
    assert withheld.counts == {NoticeChannel.SMS: 1} and withheld.total == 1


def test_notices_are_written_again_after_the_block(world):
    with withhold_notices():
        in_app_to(world.handler_finance)
    in_app_to(world.handler_finance)
    assert Notice.objects.count() == 1


def test_a_withheld_notice_is_still_checked(db):
    with withhold_notices(), pytest.raises(InvalidNotice, match="手机号码"):
        send_notice(
            channel=NoticeChannel.SMS, address="1389381", subject="受理通知", body="已受理。"
        )


def test_keep_lets_the_notices_of_the_present_through(world):
    def still_open(notice):
        return notice.channel == NoticeChannel.INAPP and notice.subject.startswith("待办")

    with withhold_notices() as outer:
        with withhold_notices(keep=still_open) as inner:
            in_app_to(world.handler_finance, subject="待办：一件申请将于明天到期")
            in_app_to(world.handler_finance, subject="申请已办结")
            sms_to_citizen()
        in_app_to(world.handler_finance, subject="待办：外层不保留")
    assert list(Notice.objects.values_list("subject", flat=True)) == ["待办：一件申请将于明天到期"]
    assert inner.total == 2
    assert outer.counts == {NoticeChannel.INAPP: 2, NoticeChannel.SMS: 1}
