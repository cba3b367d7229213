"""Registering a paper application (in person, by post) whose receipt date lies back:
more than GONGKAI_APPLY_LATE_REGISTRATION_DAYS working days (default 3) asks for a
reason, kept in the audit trail and on the timeline; a date in the future is refused;
a 补正 window (Art. 30) already over at registration, and an overdue reply period,
are said at once — on the registration and on the application's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, StepKind
from gongkai.applications.validation import ApplicationInvalid
from gongkai.audit.models import AuditEvent

from .helpers import applicant_data

pytestmark = pytest.mark.django_db

# Mid-September 2026: Mon 14 to Fri 18 are all working days (中秋节 is Fri 25).
MONDAY = date(2026, 9, 14)
THURSDAY = date(2026, 9, 17)
FRIDAY = date(2026, 9, 18)
REASON = "挂号信由收发室转交延误，9月17日才交到政务公开办公室。"


def register(world, received_on, **extra):
    return services.register_offline(
        applicant_data(world.finance, **extra.pop("applicant", {})),
        channel="post",
        actor=world.handler_finance,
        received_on=received_on,
        **extra,
    ).application


def registration_event(application) -> AuditEvent:
    return AuditEvent.objects.get(object_id=str(application.pk), action="applications.register")


def test_three_working_days_back_needs_no_reason(world, today_is):
    today_is(THURSDAY)
    application = register(world, MONDAY)
    assert application.received_on == MONDAY
    assert not application.timeline.filter(kind=StepKind.LATE_REGISTRATION).exists()
    after = registration_event(application).after
    assert after["working_days_late"] == 3 and "late_reason" not in after
    assert services.registration_warnings(application, THURSDAY) == []


def test_more_than_three_working_days_back_asks_for_a_reason(world, today_is):
    today_is(FRIDAY)
    with pytest.raises(ApplicationInvalid) as refused:
        register(world, MONDAY)
    (message,) = refused.value.errors["late_reason"]
    assert "距今已4个工作日，超过3个工作日" in message and "补登记的原因" in message
    assert not Application.objects.exists()

    application = register(world, MONDAY, late_reason=REASON)
    after = registration_event(application).after
    assert after["late_reason"] == REASON and after["working_days_late"] == 4
    assert registration_event(application).actor == world.handler_finance
    step = application.timeline.get(kind=StepKind.LATE_REGISTRATION)
    assert step.title == "补登记说明"
    assert (step.on, step.actor, step.public) == (FRIDAY, world.handler_finance, False)
    assert step.text.startswith("收到申请之日为2026年9月14日，登记时已过4个工作日。")
    assert REASON in step.text


def test_working_days_are_counted_across_national_day(world, today_is):
    # received Wed 30 Sep; 1–7 Oct are holidays, Sat 10 Oct a make-up working day
    today_is(date(2026, 10, 10))
    register(world, date(2026, 9, 30))  # 8, 9, 10 Oct: three working days
    today_is(date(2026, 10, 12))
    with pytest.raises(ApplicationInvalid, match="距今已4个工作日"):
        register(world, date(2026, 9, 30), applicant={"description": "另一份申请"})


def test_the_number_of_days_is_a_setting(world, today_is, settings):
    settings.APPLICATION_LATE_REGISTRATION_DAYS = 5
    today_is(FRIDAY)
    application = register(world, MONDAY)
    assert not application.timeline.filter(kind=StepKind.LATE_REGISTRATION).exists()
    settings.APPLICATION_LATE_REGISTRATION_DAYS = 0
    with pytest.raises(ApplicationInvalid, match="超过0个工作日"):
        register(world, THURSDAY, applicant={"description": "昨天收到的申请"})


def test_a_receipt_date_in_the_future_is_refused(world, today_is):
    today_is(THURSDAY)
    with pytest.raises(ApplicationInvalid) as refused:
        register(world, FRIDAY, late_reason="预先登记")
    assert refused.value.errors["received_on"] == [
        "收到申请之日（2026年9月18日）晚于今天，不能登记。"
    ]
    assert not Application.objects.exists()


def test_a_correction_window_already_over_and_an_overdue_reply_are_said_at_registration(
    world, today_is
):
    today_is(THURSDAY)
    application = register(world, date(2026, 8, 3), late_reason="登记遗漏，整理档案时发现。")
    assert application.correction_notice_by == date(2026, 8, 12)
    assert application.reply_clock().due_date == date(2026, 8, 31)
    warnings = services.registration_warnings(application, THURSDAY)
    assert warnings == [
        "补正告知期限（收到申请之日起7个工作日内，第三十条）已于2026年8月12日届满："
        "本申请不能再告知补正。",
        "答复期限已于2026年8月31日届满，登记时已超期13个工作日，请尽快答复。",
    ]
    assert registration_event(application).after["warnings"] == warnings
    step = application.timeline.get(kind=StepKind.LATE_REGISTRATION)
    assert all(w in step.text for w in warnings)


def test_a_correction_window_over_but_reply_period_running_says_what_is_left(world, today_is):
    today_is(date(2026, 9, 28))
    application = register(world, MONDAY, late_reason="登记遗漏。")
    assert application.correction_notice_by == date(2026, 9, 22)  # Sun 20 Sep is worked
    assert services.registration_warnings(application, date(2026, 9, 28)) == [
        "补正告知期限（收到申请之日起7个工作日内，第三十条）已于2026年9月22日届满："
        "本申请不能再告知补正。",
        "答复期限至2026年10月16日，还剩10个工作日。",
    ]


# -- the registration page ----------------------------------------------------------------


def post_registration(client, world, received_on, **fields):
    client.force_login(world.handler_finance)
    data = applicant_data(world.finance, name="赵六")
    data.update({"channel": "in_person", "received_on": received_on.isoformat(), **fields})
    return client.post(reverse("workbench:applications_staff:register"), data, follow=True)


def test_the_page_asks_for_the_reason_and_keeps_what_was_typed(client, world, today_is):
    today_is(FRIDAY)
    client.force_login(world.handler_finance)
    page = client.get(reverse("workbench:applications_staff:register")).content.decode()
    assert "补登记原因" in page and "早于今天3个工作日以上的" in page

    response = post_registration(client, world, MONDAY)
    assert response.status_code == 400
    html = response.content.decode()
    assert "距今已4个工作日，超过3个工作日，请写明补登记的原因" in html
    assert 'value="赵六"' in html
    assert not Application.objects.exists()

    response = post_registration(client, world, date(2026, 9, 21))
    assert response.status_code == 400
    assert "收到申请之日不能晚于今天" in response.content.decode()


def test_the_page_registers_with_the_reason_and_says_what_is_already_late(client, world, today_is):
    today_is(THURSDAY)
    response = post_registration(
        client, world, date(2026, 8, 3), late_reason="登记遗漏，整理档案时发现。"
    )
    assert response.status_code == 200
    html = response.content.decode()
    application = Application.objects.get(name="赵六")
    assert response.redirect_chain[-1][0].endswith(f"/{application.pk}/")
    # the warnings right after registering …
    shown = {m.message: m.level_tag for m in response.context["messages"]}
    for warning in services.registration_warnings(application, THURSDAY):
        assert shown[warning] == "warning"
        assert warning in html
    # … and what the page itself shows: the window passed, the overdue clock, no 补正 form
    assert "补正告知期限已于 2026年8月12日 届满" in html
    assert "已超期 13 个工作日" in html
    assert 'id="correction"' not in html
    assert "补登记说明" in html and "登记遗漏，整理档案时发现。" in html
