import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.audit.models import AuditEvent
from gongkai.jobs.failures import failed_jobs
from gongkai.jobs.testing import run_jobs
from gongkai.notices import delivery
from gongkai.notices.jobs import deliver_notice
from gongkai.notices.models import Notice, NoticeChannel, NoticeState
from gongkai.notices.services import resend_failed, send_notice

CITIZEN_MOBILE = "13893812345"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks as if the test's transaction had committed."""

    def send(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return send_notice(**fields)

    return send


def sms(send, **fields):
    return send(
        channel=NoticeChannel.SMS,
        address=CITIZEN_MOBILE,
        subject="申请受理通知",
        body="您的政府信息公开申请（YSQ-2016-0042）已受理，请留意答复。",
        **fields,
    )


def test_an_email_is_sent_once_even_if_its_job_runs_twice(db, committed):
    notice = committed(
        channel=NoticeChannel.EMAIL,
        address="li.si@example.cn",
        subject="留言办理结果",
        body="您给市长信箱的留言已由市环保局答复。",
    )
    deliver_notice.enqueue(notice.pk)
    assert run_jobs() == 2
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert notice.attempts == 1
    # And a third run, long after, still sends nothing.
    assert "nothing sent" in delivery.deliver(notice.pk)
    assert len(mail.outbox) == 1


def test_an_sms_failing_twice_then_accepted_is_sent_after_three_attempts(db, committed, flaky_sms):
    flaky_sms.reset(failures=2)
    notice = sms(committed)
    run_jobs(skip_delays=True)
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert notice.attempts == 3
    assert notice.provider_message_id == "gw-000001"
    assert "短信网关繁忙" in notice.last_error
    assert flaky_sms.accepted_messages == [
        (CITIZEN_MOBILE, "申请受理通知：您的政府信息公开申请（YSQ-2016-0042）已受理，请留意答复。")
    ]
    assert failed_jobs() == []


def test_an_sms_refused_every_time_is_failed_after_five_attempts(db, committed, settings):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.DownSmsProvider"
    notice = sms(committed)
    run_jobs(skip_delays=True)
    notice.refresh_from_db()
    assert notice.state == NoticeState.FAILED
    assert notice.attempts == delivery.MAX_ATTEMPTS == 5
    assert notice.last_error == "SmsError: 短信网关拒绝：签名未审核通过"
    (job,) = failed_jobs()
    assert job.task_name == "deliver_notice"
    assert job.args == [notice.pk]
    assert "5 次发送仍未成功" in job.error


def test_a_failed_attempt_waits_for_its_backoff_and_the_notice_stays_pending(
    db, committed, flaky_sms
):
    flaky_sms.reset(failures=1)
    notice = sms(committed)
    started = timezone.now()
    run_jobs()
    notice.refresh_from_db()
    assert notice.state == NoticeState.PENDING
    assert notice.attempts == 1
    (retry,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert retry.run_after > started + timedelta(seconds=59)
    assert run_jobs() == 0
    assert flaky_sms.accepted_messages == []


def test_the_sweep_enqueues_a_pending_notice_whose_enqueue_was_lost(db, flaky_sms):
    # Written without its on-commit callback ever running: the enqueue is lost.
    notice = sms(send_notice)
    assert not DBTaskResult.objects.exists()
    assert delivery.sweep(timezone.now() + timedelta(minutes=1))["enqueued"] == 0
    assert delivery.sweep(timezone.now() + timedelta(minutes=10))["enqueued"] == 1
    run_jobs()
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert len(flaky_sms.accepted_messages) == 1


def test_the_sweep_leaves_a_notice_waiting_for_its_retry_alone(db, committed, flaky_sms):
    flaky_sms.reset(failures=1)
    sms(committed)
    run_jobs()
    assert delivery.sweep(timezone.now() + timedelta(minutes=10))["enqueued"] == 0
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


def test_a_notice_stuck_in_sending_that_the_provider_never_got_is_sent_once(
    db, committed, flaky_sms
):
    notice = sms(committed)
    # A worker claimed it twenty minutes ago and died before the provider got it.
    DBTaskResult.objects.all().delete()
    Notice.objects.filter(pk=notice.pk).update(
        state=NoticeState.SENDING, claimed_at=timezone.now() - timedelta(minutes=20)
    )
    Notice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    assert delivery.sweep() == {"interrupted": 1, "enqueued": 0}
    run_jobs()
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert notice.attempts == 2
    assert "发送中断" in notice.last_error
    assert len(flaky_sms.accepted_messages) == 1


def test_a_notice_claimed_by_another_worker_is_not_sent_again(db, committed, flaky_sms):
    notice = sms(committed)
    Notice.objects.filter(pk=notice.pk).update(state=NoticeState.SENDING, claimed_at=timezone.now())
    run_jobs()
    assert flaky_sms.accepted_messages == []
    assert delivery.sweep()["interrupted"] == 0


def test_an_administrator_can_resend_a_failed_notice(
    world, committed, settings, flaky_sms, django_capture_on_commit_callbacks
):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.DownSmsProvider"
    notice = sms(committed)
    run_jobs(skip_delays=True)
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.FlakySmsProvider"
    with django_capture_on_commit_callbacks(execute=True):
        assert resend_failed([notice.pk], actor=world.admin) == 1
    run_jobs()
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert notice.attempts == 1
    assert AuditEvent.objects.get(action="notices.resend").after == {"ids": [notice.pk]}


def test_only_failed_notices_are_resent(db, committed, flaky_sms):
    notice = sms(committed)
    run_jobs()
    assert resend_failed([notice.pk]) == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_notice_at_once_send_it_once():
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database locks whole tables between threads")
    with transaction.atomic():
        notice = send_notice(
            channel=NoticeChannel.EMAIL,
            address="wang.wu@example.cn",
            subject="征求意见结果反馈",
            body="《天水市城市总体规划》征求意见结果已公布。",
        )
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def worker():
        try:
            barrier.wait()
            outcomes.append(delivery.deliver(notice.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes).count(f"notice {notice.pk} sent") == 1
    assert len(mail.outbox) == 1
