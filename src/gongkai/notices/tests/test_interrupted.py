"""Once-only delivery: a send interrupted by a dead worker is resumed by asking the provider."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db.models.functions import Now
from django.utils import timezone

from gongkai.jobs import lease
from gongkai.jobs.models import WorkerHeartbeat
from gongkai.jobs.testing import run_jobs
from gongkai.notices import delivery
from gongkai.notices.jobs import deliver_notice
from gongkai.notices.mail import FileAndLogEmailBackend
from gongkai.notices.models import Notice, NoticeChannel, NoticeState
from gongkai.notices.services import send_notice, settle_uncertain
from gongkai.notices.sms import LogSmsProvider, MaybeAccepted, log_provider_record
from gongkai.notices.tests.providers import (
    DedupingSmsProvider,
    FlakySmsProvider,
    ForgetfulSmsProvider,
    OldStyleSmsProvider,
)

MOBILE = "13893812345"


def sms_notice() -> Notice:
    return send_notice(
        channel=NoticeChannel.SMS, address=MOBILE, subject="申请受理通知", body="已受理。"
    )


def accepted_then_killed(notice: Notice, provider=FlakySmsProvider) -> None:
    """The provider accepted the message, and the worker died before recording it."""
    provider().send(MOBILE, "申请受理通知：已受理。", reference=str(notice.reference))
    Notice.objects.filter(pk=notice.pk).update(
        state=NoticeState.SENDING, claimed_at=timezone.now(), claimed_by="killed-worker"
    )


def test_a_send_the_provider_accepted_before_the_worker_died_is_not_sent_again(db, flaky_sms):
    notice = sms_notice()
    accepted_then_killed(notice)
    assert delivery.sweep()["interrupted"] == 1  # its worker holds no lease
    run_jobs()
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert notice.provider_message_id == "gw-000001"
    assert notice.attempts == 1
    assert len(flaky_sms.accepted_messages) == 1


def test_the_retried_job_of_a_killed_worker_resumes_without_resending(db, flaky_sms):
    notice = sms_notice()
    accepted_then_killed(notice)
    deliver_notice.enqueue(notice.pk)  # the job the lease gives back
    run_jobs()
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert len(flaky_sms.accepted_messages) == 1


def test_a_provider_that_cannot_tell_leaves_the_notice_to_a_person(db, settings, flaky_sms):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.ForgetfulSmsProvider"
    notice = sms_notice()
    accepted_then_killed(notice, ForgetfulSmsProvider)
    assert "uncertain" in delivery.deliver(notice.pk)
    notice.refresh_from_db()
    assert notice.state == NoticeState.UNCERTAIN
    assert "请人工核实" in notice.last_error
    assert len(flaky_sms.accepted_messages) == 1
    assert delivery.sweep() == {"interrupted": 0, "enqueued": 0}


@pytest.mark.parametrize("delivered", [True, False])
def test_a_person_settles_an_uncertain_notice(
    db, settings, flaky_sms, django_capture_on_commit_callbacks, delivered
):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.ForgetfulSmsProvider"
    notice = sms_notice()
    accepted_then_killed(notice, ForgetfulSmsProvider)
    delivery.deliver(notice.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert settle_uncertain([notice.pk], delivered=delivered) == 1
    run_jobs()
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert len(flaky_sms.accepted_messages) == (1 if delivered else 2)


def test_a_provider_that_drops_duplicates_is_simply_sent_again(db, settings, flaky_sms):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.DedupingSmsProvider"
    notice = sms_notice()
    accepted_then_killed(notice, DedupingSmsProvider)
    delivery.deliver(notice.pk)
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert len(flaky_sms.accepted_messages) == 1


def test_a_claim_of_a_live_worker_is_left_alone_until_its_lease_expires(db, flaky_sms):
    notice = sms_notice()
    lease.register("live-worker")
    accepted_then_killed(notice)
    Notice.objects.filter(pk=notice.pk).update(claimed_by="live-worker")
    assert "another worker" in delivery.deliver(notice.pk)
    assert delivery.sweep()["interrupted"] == 0
    WorkerHeartbeat.objects.filter(pk="live-worker").update(
        last_seen=Now() - timedelta(seconds=lease.lease_seconds() + 1)
    )
    assert "not sent again" in delivery.deliver(notice.pk)
    assert len(flaky_sms.accepted_messages) == 1


def test_maybe_accepted_makes_the_next_attempt_ask_first(db, settings, flaky_sms, monkeypatch):
    notice = sms_notice()

    def times_out(self, mobile, text, *, reference=""):
        FlakySmsProvider.by_reference[reference] = "gw-late"  # it did arrive
        raise MaybeAccepted("网关响应超时")

    monkeypatch.setattr(FlakySmsProvider, "send", times_out)
    with pytest.raises(MaybeAccepted):
        delivery.deliver(notice.pk)
    notice.refresh_from_db()
    assert (notice.state, notice.claimed_at) == (NoticeState.SENDING, None)
    assert "not sent again" in delivery.deliver(notice.pk)
    notice.refresh_from_db()
    assert (notice.state, notice.provider_message_id) == (NoticeState.SENT, "gw-late")


def test_a_provider_without_references_still_sends(db, settings):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.OldStyleSmsProvider"
    OldStyleSmsProvider.sent = []
    notice = sms_notice()
    assert delivery.deliver(notice.pk) == f"notice {notice.pk} sent"
    assert OldStyleSmsProvider.sent == ["申请受理通知：已受理。"]


def test_an_email_carries_a_message_id_from_its_reference_and_is_found_after_a_kill(db, settings):
    settings.EMAIL_BACKEND = "gongkai.notices.tests.providers.LookupLocmemEmailBackend"
    notice = send_notice(
        channel=NoticeChannel.EMAIL,
        address="li.si@example.cn",
        subject="留言办理结果",
        body="已答复。",
    )
    delivery.deliver(notice.pk)
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"] == f"<notice.{notice.reference}@localhost>"
    Notice.objects.filter(pk=notice.pk).update(state=NoticeState.SENDING, claimed_by="killed")
    assert "not sent again" in delivery.deliver(notice.pk)
    assert len(mail.outbox) == 1


def test_an_interrupted_email_over_a_backend_that_cannot_tell_is_uncertain(db):
    notice = send_notice(
        channel=NoticeChannel.EMAIL,
        address="li.si@example.cn",
        subject="留言办理结果",
        body="已答复。",
    )
    Notice.objects.filter(pk=notice.pk).update(state=NoticeState.SENDING, claimed_by="killed")
    delivery.deliver(notice.pk)
    notice.refresh_from_db()
    assert notice.state == NoticeState.UNCERTAIN
    assert mail.outbox == []


def test_the_log_provider_keeps_a_durable_record_by_reference(settings, tmp_path):
    settings.SMS_LOG_FILE = tmp_path / "sms" / "sent.jsonl"
    provider = LogSmsProvider()
    message_id = provider.send(MOBILE, "申请受理通知：已受理。", reference="ref-1")
    assert provider.accepted("ref-1") == message_id
    assert provider.accepted("ref-2") is None
    (entry,) = log_provider_record().entries()
    assert entry["mobile"] == "138****2345"
    assert entry["reference"] == "ref-1"


def test_the_mail_file_backend_keeps_a_record_by_message_id(tmp_path):
    from django.core.mail import EmailMessage

    backend = FileAndLogEmailBackend(file_path=str(tmp_path))
    message = EmailMessage(
        "留言办理结果", "已答复。", "gongkai@localhost", ["li.si@example.cn"],
        headers={"Message-ID": "<notice.1@localhost>"},
    )  # fmt: skip
    backend.send_messages([message])
    assert backend.accepted("<notice.1@localhost>") == "<notice.1@localhost>"
    assert backend.accepted("<notice.2@localhost>") is None
