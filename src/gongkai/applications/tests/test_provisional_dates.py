"""An application received in late December has its deadlines in a year whose official
holiday arrangement is not loaded: the applicant and the API are told they are estimates
(预估), and importing the official arrangement recounts them, the 补正 (correction)
notice's last day included."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.workdays.importing import import_arrangement_text

from .helpers import received

pytestmark = pytest.mark.django_db
LOOKUP = reverse("applications_portal:lookup")
STATUS = reverse("applications_portal:status")
OFFICIAL_2027 = "year 2027\nsource 测试用安排\nholiday 2027-01-01 元旦\nholiday 2027-01-04 元旦\n"


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def test_the_applicant_is_told_the_reply_deadline_is_an_estimate(client, world, today_is):
    today_is(date(2026, 12, 29))
    application = received(world.finance, date(2026, 12, 28), world.handler_finance)
    client.post(
        LOOKUP, {"tracking_number": application.tracking_number, "phone": application.phone}
    )
    html = client.get(STATUS).content.decode()
    assert '答复期限至 <strong>2027年1月26日</strong><span class="provisional"' in html
    assert "正式安排导入后将自动重算" in html
    assert "2027-01-01 星期五 不计（元旦，预估）" in html

    body = client.post(
        "/api/v1/applications/lookup",
        {"tracking_number": application.tracking_number, "phone": application.phone},
        content_type="application/json",
    ).json()
    assert body["due"]["due_date"] == "2027-01-26" and body["due"]["provisional"] is True


def test_the_correction_notice_deadline_is_recounted_when_2027_is_imported(world, today_is):
    today_is(date(2026, 12, 29))
    application = received(world.finance, date(2026, 12, 28), world.handler_finance)
    # 7 working days: 29–31 December, then (元旦 projected on Friday) 4–7 January
    assert application.correction_notice_by == date(2027, 1, 7)
    import_arrangement_text(OFFICIAL_2027, actor=world.admin)
    application.refresh_from_db()
    assert application.correction_notice_by == date(2027, 1, 8)
    assert application.reply_clock().due_date == date(2027, 1, 27)
    event = AuditEvent.objects.get(action="calendar.stored_dates.recompute")
    assert event.after["changed"]["applications.correction_notice_by"] == [
        {"id": application.pk, "old": "2027-01-07", "new": "2027-01-08"}
    ]


def test_a_deadline_in_a_loaded_year_is_not_an_estimate(client, world, today_is):
    today_is(date(2026, 11, 3))
    application = received(world.finance, date(2026, 11, 2), world.handler_finance)
    client.post(
        LOOKUP, {"tracking_number": application.tracking_number, "phone": application.phone}
    )
    html = client.get(STATUS).content.decode()
    assert "答复期限至 <strong>2026年11月30日</strong>" in html and "（预估）" not in html
