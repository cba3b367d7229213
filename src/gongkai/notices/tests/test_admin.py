from gongkai.jobs.testing import run_jobs
from gongkai.notices.models import NoticeChannel, NoticeState
from gongkai.notices.services import send_notice


def test_administrators_can_filter_failed_notices(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.DownSmsProvider"
    with django_capture_on_commit_callbacks(execute=True):
        send_notice(
            channel=NoticeChannel.SMS,
            address="13893812345",
            subject="答复通知",
            body="您的申请已答复。",
        )
    run_jobs(skip_delays=True)
    response = admin_client.get("/admin/notices/notice/", {"state__exact": NoticeState.FAILED})
    assert response.status_code == 200
    assert "答复通知" in response.content.decode()
    assert "发送失败" in response.content.decode()
