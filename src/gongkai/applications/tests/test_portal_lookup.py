"""Looking up an application: by password or phone, the rate limit on wrong
guesses, what the status page shows (steps, the due date and how it was
computed), the applicant's actions, and downloads limited to the application's
own public files."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.documents import render_notice_files
from gongkai.applications.models import (
    ApplicationFile,
    ApplicationState,
    FeeState,
    FilePurpose,
    NoticeKind,
    Outcome,
)
from gongkai.applications.portal.summary import download_url
from gongkai.core import lockout
from gongkai.files.kinds import ALL_KINDS
from gongkai.files.services import store_upload
from gongkai.files.tests import samples

from .helpers import applicant_data, received, secrecy_passed

pytestmark = pytest.mark.django_db
LOOKUP = reverse("applications_portal:lookup")
STATUS = reverse("applications_portal:status")


TODAY = date(2026, 11, 30)  # a Monday: every test here runs on it


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path, today_is):
    today_is(TODAY)
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def submit(department, **overrides):
    return services.submit_online(applicant_data(department, **overrides))


def look_up(client, number, password="", phone="", **extra):
    return client.post(
        LOOKUP, {"tracking_number": number, "password": password, "phone": phone}, **extra
    )


def test_lookup_by_password_shows_the_status(client, world):
    sub = submit(world.finance)
    response = look_up(client, sub.application.tracking_number.lower(), sub.password.lower())
    assert response.status_code == 302 and response["Location"] == STATUS
    html = client.get(STATUS).content.decode()
    assert sub.application.tracking_number in html
    assert "待确认收到" in html
    assert "提交申请" in html  # the first step of the timeline


def test_lookup_by_phone_number(client, world):
    sub = submit(world.finance, phone="0938-8212345")
    assert look_up(client, sub.application.tracking_number, phone="0938-8212345").status_code == 302
    assert sub.application.tracking_number in client.get(STATUS).content.decode()


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, world):
    sub = submit(world.finance)
    response = look_up(client, sub.application.tracking_number, "WRONGPWD")
    assert response.status_code == 400
    assert "不匹配" in response.content.decode()
    assert client.get(STATUS).status_code == 302  # nothing verified


def test_wrong_passwords_are_rate_limited_per_tracking_number_and_address(client, world, settings):
    settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 3
    sub = submit(world.finance)
    number = sub.application.tracking_number
    statuses = [
        look_up(client, number, f"WRONG{n}", REMOTE_ADDR="10.0.0.1").status_code for n in range(3)
    ]
    assert statuses == [400, 400, 429]
    # from that address even the right password is not checked now …
    response = look_up(client, number, sub.password, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert "错误次数过多" in html and "暂停到" in html
    assert int(response["Retry-After"]) > 0
    # … guesses spread over addresses each count from their own address …
    assert look_up(client, number, "WRONG9", REMOTE_ADDR="10.0.0.2").status_code == 400
    # … and the owner, at another address, gets in: numbers are sequential, anyone
    # could otherwise lock any applicant out
    assert look_up(client, number, sub.password, REMOTE_ADDR="10.0.0.99").status_code == 302


def test_wrong_passwords_lock_the_number_from_there_not_the_office_nor_the_lookup_by_phone(
    client, world, monkeypatch
):
    now = [datetime(2026, 12, 7, 10, 32, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()]
    monkeypatch.setattr(lockout, "clock", lambda: now[0])
    guessed = submit(world.finance, phone="0938-8212345")
    other = submit(world.finance, description="2016年天水市棚户区改造项目的征收补偿方案")
    number = guessed.application.tracking_number
    statuses = [look_up(client, number, f"WRONG{n}").status_code for n in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    # the same office (one address) still looks up another number with its password …
    assert look_up(client, other.application.tracking_number, other.password).status_code == 302
    # … and the guessed number with the phone given when applying
    assert look_up(client, number, phone="0938-8212345").status_code == 302
    # the right password of the guessed number waits until the lock ends, from that address
    refused = look_up(client, number, guessed.password)
    assert refused.status_code == 429 and refused["Retry-After"] == "900"
    html = refused.content.decode()
    assert f"受理编号 {number} 的查询密码错误次数过多" in html
    assert "暂停到10:47（约 15 分钟后）" in html and "申请时填写的联系电话" in html
    assert look_up(Client(REMOTE_ADDR="10.9.9.9"), number, guessed.password).status_code == 302
    now[0] += 899
    assert look_up(client, number, guessed.password).status_code == 429
    now[0] += 1
    assert look_up(client, number, guessed.password).status_code == 302


def test_the_due_date_and_how_it_was_computed(client, world):
    application = received(world.finance, date(2026, 2, 11), world.handler_finance)
    services.request_correction(
        application, what="请写明文号。", actor=world.handler_finance, on=date(2026, 2, 26)
    )
    services.receive_correction(application, answer="天政办发〔2016〕12号", on=date(2026, 3, 4))
    look_up(client, application.tracking_number, phone=application.phone)
    html = client.get(STATUS).content.decode()
    assert "答复期限至 <strong>2026年4月1日</strong>" in html
    assert "自收到申请之日（2026年2月11日）的次日起计算20个工作日" in html
    assert "收到补正后的申请，自2026年3月4日次日起重新计算" in html
    assert "第20个工作日" in html  # the day-by-day count
    assert "告知补正" in html and "收到补正" in html


def verified_client(application, phone=None) -> Client:
    c = Client()
    look_up(c, application.tracking_number, phone=phone or application.phone)
    return c


def test_answering_a_correction_online_with_a_file_restarts_the_clock(world):
    today = TODAY
    application = received(world.finance, today, world.handler_finance)
    services.request_correction(application, what="请写明年份。", actor=world.handler_finance)
    c = verified_client(application)
    html = c.get(STATUS).content.decode()
    assert "请写明年份。" in html and "提交补正" in html
    response = c.post(
        reverse("applications_portal:correct"),
        {
            "answer": "2016年",
            "files": [SimpleUploadedFile("补正.pdf", samples.pdf("补正材料"), "application/pdf")],
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_PROGRESS
    clock = application.reply_clock()
    assert clock.restarted_on == today and clock.state == "running"
    assert application.correction.answer == "2016年"
    assert (
        application.files.filter(purpose=FilePurpose.CORRECTION, from_applicant=True).count() == 1
    )
    assert "补正已提交" in c.get(STATUS).content.decode()


def test_a_disguised_correction_file_is_refused_and_nothing_changes(world):
    application = received(world.finance, TODAY, world.handler_finance)
    services.request_correction(application, what="请写明年份。", actor=world.handler_finance)
    c = verified_client(application)
    response = c.post(
        reverse("applications_portal:correct"),
        {"answer": "2016年", "files": [SimpleUploadedFile("补正.pdf", samples.exe())]},
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_CORRECTION
    assert not application.files.exists()


def test_declaring_a_payment(world):
    from gongkai.applications.models import FeeMethod

    application = received(world.finance, TODAY, world.handler_finance)
    services.issue_fee(
        application, method=FeeMethod.BY_PAGES, pages=150, actor=world.handler_finance
    )
    c = verified_client(application)
    html = c.get(STATUS).content.decode()
    assert "1700" in html and "我已缴费" in html
    response = c.post(reverse("applications_portal:pay"), {"reference": "BANK-20260101-001"})
    assert response.status_code == 302
    application.fee.refresh_from_db()
    assert application.fee.state == FeeState.DECLARED
    assert application.fee.declared_reference == "BANK-20260101-001"
    # an empty declaration is refused in Chinese
    response = c.post(reverse("applications_portal:pay"), {"reference": ""})
    assert response.status_code == 400
    assert "请填写缴费凭证号或上传缴费凭证" in response.content.decode()


def test_giving_art35_reasons(world):
    application = received(world.finance, TODAY, world.handler_finance)
    services.request_reasons(application, text="请说明申请用途。", actor=world.handler_finance)
    c = verified_client(application)
    assert "请说明申请用途。" in c.get(STATUS).content.decode()
    c.post(reverse("applications_portal:reasons"), {"reasons": "<i>学术研究</i>"})
    application.art35.refresh_from_db()
    assert application.art35.reasons == "<i>学术研究</i>"
    html = c.get(STATUS).content.decode()
    assert "&lt;i&gt;学术研究&lt;/i&gt;" in html and "<i>学术研究</i>" not in html


def test_withdrawing_needs_the_confirmation(world):
    application = received(world.finance, TODAY, world.handler_finance)
    c = verified_client(application)
    response = c.post(reverse("applications_portal:withdraw"), {"reason": "已另行获取"})
    assert response.status_code == 400
    assert "请勾选确认" in response.content.decode()
    response = c.post(
        reverse("applications_portal:withdraw"), {"reason": "已另行获取", "confirm": "on"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.CLOSED
    assert application.outcome == Outcome.OTHER


def test_actions_need_a_verified_session(client, world):
    application = received(world.finance, TODAY, world.handler_finance)
    response = client.post(reverse("applications_portal:withdraw"), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == LOOKUP
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_PROGRESS


def test_the_verified_session_expires(world, settings):
    settings.APPLICATION_LOOKUP_SESSION_SECONDS = -1
    application = received(world.finance, TODAY, world.handler_finance)
    c = verified_client(application)
    assert c.get(STATUS).status_code == 302


def replied(world, *, delivery="online", other_department=False):
    application = received(world.finance, TODAY, world.handler_finance, delivery_method=delivery)
    disclosed = store_upload(
        ContentFile(samples.pdf("补贴发放明细"), name="补贴发放明细.pdf"), allowed_kinds=ALL_KINDS
    )
    ApplicationFile.objects.create(
        application=application, file=disclosed, purpose=FilePurpose.DISCLOSED
    )
    services.submit_reply(
        application,
        outcome=Outcome.DISCLOSED,
        legal_basis="",
        reply_text="现将所需信息提供给您。",
        actor=world.handler_finance,
        expected_version=application.version,
    )
    secrecy_passed(application)
    services.approve_reply(application, actor=world.reviewer_finance)
    for notice in application.notices.all():
        render_notice_files(notice.pk)
    application.refresh_from_db()
    return application


def test_downloading_the_reply_and_the_disclosed_file(world):
    application = replied(world)
    c = verified_client(application)
    html = c.get(STATUS).content.decode()
    assert "予以公开" in html and "补贴发放明细.pdf" in html
    reply = application.notices.get(kind=NoticeKind.REPLY)
    url = download_url(application, "notice", reply.pk, "docx")
    # The link is signed with a timestamp: the page may have been made a second earlier.
    assert url.split(":")[0] in html
    response = c.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    b"".join(response.streaming_content)
    application.refresh_from_db()
    # online download was the chosen delivery: downloading is the delivery
    assert application.state == ApplicationState.CLOSED
    assert application.delivered_by == "online"
    disclosed = application.files.get(purpose=FilePurpose.DISCLOSED)
    response = c.get(download_url(application, "file", disclosed.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_downloads_are_limited_to_the_applications_own_public_files(world):
    application = replied(world, delivery="post")
    other = received(
        world.finance, TODAY, world.handler_finance, description="另一件申请的内容描述"
    )
    c = verified_client(application)
    reply = application.notices.get(kind=NoticeKind.REPLY)
    # downloading by post delivery does not mark delivery
    assert c.get(download_url(application, "notice", reply.pk, "docx")).status_code == 200
    application.refresh_from_db()
    assert application.state == ApplicationState.REPLIED
    # a link for another application's id does not serve this one's file
    assert c.get(download_url(other, "notice", reply.pk, "docx")).status_code == 404
    disclosed = application.files.get(purpose=FilePurpose.DISCLOSED)
    assert c.get(download_url(other, "file", disclosed.pk)).status_code == 404
    # a notice that is not public is not served
    reply.public = False
    reply.save(update_fields=["public"])
    assert c.get(download_url(application, "notice", reply.pk, "docx")).status_code == 404
    # the applicant's own uploads are not offered as disclosed files
    own = ApplicationFile.objects.create(
        application=application,
        file=disclosed.file,
        purpose=FilePurpose.ID_COPY,
        from_applicant=True,
    )
    assert c.get(download_url(application, "file", own.pk)).status_code == 404
    # a tampered token
    assert c.get(reverse("applications_portal:download", args=["abc:def"])).status_code == 404


def test_disclosed_files_are_not_offered_before_the_reply_is_approved(world):
    application = received(world.finance, TODAY, world.handler_finance)
    stored = store_upload(
        ContentFile(samples.pdf("草稿"), name="草稿.pdf"), allowed_kinds=ALL_KINDS
    )
    draft = ApplicationFile.objects.create(
        application=application, file=stored, purpose=FilePurpose.DISCLOSED
    )
    services.submit_reply(
        application,
        outcome=Outcome.DISCLOSED,
        legal_basis="",
        reply_text="拟公开。",
        actor=world.handler_finance,
        expected_version=application.version,
    )
    c = verified_client(application)
    assert "草稿.pdf" not in c.get(STATUS).content.decode()
    assert c.get(download_url(application, "file", draft.pk)).status_code == 404
