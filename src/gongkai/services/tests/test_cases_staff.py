"""The workbench's case pages: the queue (what is due first on top), the case page's
actions through the Desk, the counter's registration (and late entry)."""

from datetime import date, timedelta

import pytest

from gongkai.core.dates import today as today_
from gongkai.services.models import Case, CaseState
from gongkai.services.services import cases

from .case_helpers import PERSON, application_form, apply, published_item, resident_id

pytestmark = pytest.mark.django_db

QUEUE = "/workbench/services/cases/"


def day() -> str:
    """Today in the test run (the suite may run on another day: never a fixed date)."""
    from gongkai.core.dates import today

    return today().isoformat()


def url(case, action=""):
    return f"{QUEUE}{case.pk}/{action + '/' if action else ''}"


def test_the_queue_puts_overdue_cases_first_with_both_due_dates(client, world, today_is):
    today_is(date(2026, 2, 11))
    service = published_item(world, legal_limit=20, promised_limit=5)
    late = apply(service).case
    cases.accept(late, actor=world.handler_finance)
    today_is(date(2026, 3, 2))
    fresh = apply(service, id_number=resident_id("62050219800101123")).case
    client.force_login(world.handler_finance)
    html = client.get(QUEUE).content.decode()
    assert html.index(late.number) < html.index(fresh.number)
    assert "2026-02-25" in html and "2026-03-17" in html  # promise and legal due dates
    # the promise was due Feb 25: Feb 26, 27, 28 (make-up Sat) and today Mar 2 are late
    assert "已超期 4 个工作日" in html
    assert client.get(QUEUE + "?state=review").content.decode().count(late.number) == 1


def test_other_departments_see_nothing(client, world):
    case = apply(published_item(world)).case
    client.force_login(world.handler_environment)
    assert case.number not in client.get(QUEUE).content.decode()
    assert client.get(url(case)).status_code == 404


def test_the_office_reads_but_does_not_act(client, world):
    case = apply(published_item(world)).case
    client.force_login(world.office)
    page = client.get(url(case))
    assert page.status_code == 200 and 'id="accept"' not in page.content.decode()
    assert client.post(url(case, "accept"), {"accept-on": day()}).status_code == 403


def test_a_clerk_sends_the_correction_then_accepts_and_the_reviewer_decides(client, world):
    case = apply(published_item(world)).case
    client.force_login(world.handler_finance)
    page = client.get(url(case)).content.decode()
    assert 'id="correction"' in page and 'id="accept"' in page
    response = client.post(
        url(case, "correction"),
        {"correction-missing": "申请书未签字", "correction-on": day()},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION
    cases.supply_correction(case, note="已签字")
    assert client.post(url(case, "accept"), {"accept-on": day()}).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.REVIEW
    # the clerk may not decide; the reviewer (head of the body) may
    assert 'id="decide"' not in client.get(url(case)).content.decode()
    client.force_login(world.reviewer_finance)
    response = client.post(
        url(case, "decide"),
        {"decide-outcome": "granted", "decide-reasons": "符合法定条件", "decide-on": day()},
    )
    assert response.status_code == 302
    client.force_login(world.handler_finance)
    client.post(url(case, "issue"), {"issue-certificate_number": "ZF-1", "issue-on": day()})
    client.post(url(case, "deliver"), {"deliver-method": "窗口领取", "deliver-on": day()})
    case.refresh_from_db()
    assert case.state == CaseState.DELIVERED


def test_a_second_click_is_told_the_case_moved_on(client, world):
    case = apply(published_item(world)).case
    client.force_login(world.handler_finance)
    client.post(url(case, "accept"), {"accept-on": day()})
    again = client.post(url(case, "accept"), {"accept-on": day()}, follow=True)
    assert "不能受理" in again.content.decode()


def test_a_refusal_without_reasons_keeps_the_form(client, world):
    case = apply(published_item(world)).case
    client.force_login(world.handler_finance)
    response = client.post(url(case, "refuse"), {"refuse-reasons": "", "refuse-on": day()})
    assert response.status_code == 400
    assert "请填写不予受理的理由" in response.content.decode()


def test_a_late_correction_is_refused_and_the_page_says_deemed_accepted(client, world, today_is):
    today_is(date(2025, 9, 26))
    case = apply(published_item(world)).case
    today_is(date(2025, 10, 13))
    client.force_login(world.handler_finance)
    page = client.get(url(case)).content.decode()
    assert "补正告知期限已于2025年10月10日届满" in page and 'id="correction"' not in page
    response = client.post(
        url(case, "correction"),
        {"correction-missing": "缺原件", "correction-on": "2025-10-13"},
        follow=True,
    )
    assert "视为受理" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.REVIEW and case.accepted_on == date(2025, 9, 26)


def test_extension_requested_by_the_clerk_approved_by_the_reviewer(client, world):
    case = apply(published_item(world)).case
    cases.accept(case, actor=world.handler_finance)
    client.force_login(world.handler_finance)
    client.post(url(case, "extension"), {"extension-days": "10", "extension-reason": "需现场核查"})
    request = case.clocks()["decision"].extension_requests.get()
    client.force_login(world.reviewer_finance)
    response = client.post(
        url(case, f"extension/{request.pk}/decide"),
        {f"decide{request.pk}-decision": "approve", f"decide{request.pk}-comment": ""},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert "已延长10个工作日" in case.clocks()["decision"].explain_text()
    client.force_login(world.handler_finance)
    assert 'id="extension"' not in client.get(url(case)).content.decode()


def test_special_procedure_start_and_end_through_the_page(client, world):
    case = apply(published_item(world)).case
    cases.accept(case, actor=world.handler_finance)
    client.force_login(world.handler_finance)
    client.post(
        url(case, "procedure"),
        {"procedure-kind": "hearing", "procedure-planned_days": "10", "procedure-on": day()},
    )
    case.refresh_from_db()
    assert case.decision_due is None
    assert "暂停计时" in client.get(url(case)).content.decode()
    client.post(url(case, "procedure/end"), {"endproc-on": day()})
    case.refresh_from_db()
    assert case.decision_due is not None


def test_the_counter_registers_a_case_and_one_entered_after_the_fact(client, world):
    service = published_item(world)
    material = service.current.materials.get(position=1)
    client.force_login(world.handler_finance)
    assert service.name in client.get(QUEUE + "register/").content.decode()
    data = {
        **PERSON,
        "item": service.pk,
        "received_on": (today_() - timedelta(days=7)).isoformat(),
        "late_reason": "",
        f"material_{material.pk}": application_form(),
    }
    refused = client.post(QUEUE + "register/", data)
    assert refused.status_code == 400 and "事后补录" in refused.content.decode()
    data.update(
        late_reason="系统停机，纸质登记后补录", **{f"material_{material.pk}": application_form()}
    )
    response = client.post(QUEUE + "register/", data, follow=True)
    case = Case.objects.get()
    assert case.entered_late and case.channel == "counter"
    html = response.content.decode()
    assert f"已登记办件 {case.number}" in html and "事后补录" in html
