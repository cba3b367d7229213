import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.testing import run_jobs
from gongkai.notices.models import Notice, NoticeChannel, NoticeState
from gongkai.notices.services import InvalidNotice, send_notice

CITIZEN_MOBILE = "13893812345"
CITIZEN_EMAIL = "zhang.san@example.cn"


def email_to_citizen(**fields):
    return send_notice(
        channel=NoticeChannel.EMAIL,
        address=CITIZEN_EMAIL,
        subject="您的政府信息公开申请已受理",
        body="您于2016年3月2日提交的申请（编号 YSQ-2016-0042）已受理。",
        **fields,
    )


@pytest.mark.django_db(transaction=True)
def test_a_notice_written_in_a_rolled_back_transaction_is_never_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_to_citizen()
        raise RuntimeError("the change that the notice reports failed")
    run_jobs()
    assert not Notice.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_committed_email_notice_is_delivered_by_the_worker():
    with transaction.atomic():
        notice = email_to_citizen(url="https://gk.tianshui.gov.cn/ysq/YSQ-2016-0042")
    run_jobs()
    (message,) = mail.outbox
    assert message.to == [CITIZEN_EMAIL]
    assert message.subject == "您的政府信息公开申请已受理"
    assert "https://gk.tianshui.gov.cn/ysq/YSQ-2016-0042" in message.body
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert notice.attempts == 1
    assert notice.sent_at is not None


def test_nothing_is_enqueued_before_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notice = email_to_citizen()
        assert not DBTaskResult.objects.exists()
    assert len(callbacks) == 1
    assert notice.state == NoticeState.PENDING


def test_in_app_notices_are_delivered_at_once_without_a_job(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = send_notice(
            channel=NoticeChannel.INAPP,
            recipient=world.handler_finance,
            subject="您有一件依申请公开事项待办理",
            body="",
            url="/workbench/applications/42/",
        )
    assert notice.state == NoticeState.SENT
    assert notice.sent_at is not None
    assert not DBTaskResult.objects.exists()


def test_an_in_app_notice_needs_a_recipient(db):
    with pytest.raises(InvalidNotice, match="站内通知必须指定接收人"):
        send_notice(channel=NoticeChannel.INAPP, subject="待办提醒", body="")


@pytest.mark.parametrize("mobile", ["1389381234", "23893812345", "138-9381-2345", ""])
def test_an_sms_needs_an_eleven_digit_mobile(db, mobile):
    with pytest.raises(InvalidNotice, match="手机号码"):
        send_notice(channel=NoticeChannel.SMS, address=mobile, subject="受理通知", body="已受理。")
    assert not Notice.objects.exists()


def test_an_email_needs_a_well_formed_address(db):
    with pytest.raises(InvalidNotice, match="电子邮箱地址格式不正确"):
        send_notice(channel="email", address="zhangsan@", subject="受理通知", body="已受理。")


def test_an_unknown_channel_is_refused(db):
    with pytest.raises(InvalidNotice, match="未知的通知渠道"):
        send_notice(channel="wechat", address=CITIZEN_MOBILE, subject="受理通知", body="已受理。")


def test_email_and_sms_need_a_body(db):
    with pytest.raises(InvalidNotice, match="内容不能为空"):
        send_notice(channel="sms", address=CITIZEN_MOBILE, subject="受理通知", body="  ")


def test_a_staff_member_is_emailed_at_the_address_of_their_account(world):
    world.reviewer_finance.email = "shenhe@czj.tianshui.gov.cn"
    world.reviewer_finance.save()
    notice = send_notice(
        channel=NoticeChannel.EMAIL,
        recipient=world.reviewer_finance,
        subject="有一条信息等待您审核",
        body="《2016年市级财政预算》等待保密审查。",
    )
    assert notice.address == "shenhe@czj.tianshui.gov.cn"


def test_the_related_object_is_recorded(world):
    notice = send_notice(
        channel=NoticeChannel.INAPP,
        recipient=world.office,
        subject="市财政局有一件申请即将超期",
        body="",
        related=world.finance,
    )
    notice.refresh_from_db()
    assert notice.related == world.finance
