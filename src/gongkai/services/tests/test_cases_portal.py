"""The applicant's pages: apply with the guide's materials (sniffed, size-limited),
the receipt with the password once, the lookup with lock-out, the status page with
the due dates and how they were computed, and the online correction."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.files.tests import samples
from gongkai.services.models import Case, CaseState
from gongkai.services.services import cases

from .case_helpers import PERSON, application_form, apply, published_item, resident_id

pytestmark = pytest.mark.django_db

LOOKUP = "/banshi/case/lookup/"
STATUS = "/banshi/case/status/"


def apply_url(service):
    return f"/banshi/case/apply/{service.code}/"


def form_data(service, upload=None, **fields):
    material = service.current.materials.get(position=1)
    data = {**PERSON, "idempotency_key": "token-1", **fields}
    data[f"material_{material.pk}"] = upload if upload is not None else application_form()
    return data


def test_the_form_asks_for_the_guide_s_materials(client, world):
    service = published_item(world)
    html = client.get(apply_url(service)).content.decode()
    assert "申请书" in html and 'type="file"' in html
    assert "营业执照（天水市市场监督管理局）" in html  # shared: not asked
    assert client.get("/banshi/case/apply/NOPE/").status_code == 404


def test_applying_gives_a_receipt_with_number_and_password_once(client, world):
    service = published_item(world)
    response = client.post(apply_url(service), form_data(service))
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    case = Case.objects.get()
    assert case.number in receipt and 'id="query-password"' in receipt
    again = client.get("/banshi/case/receipt/").content.decode()
    assert 'id="query-password"' not in again and "query-password-shown" in again


def test_a_double_submission_of_the_form_creates_one_case(client, world):
    service = published_item(world)
    client.post(apply_url(service), form_data(service))
    second = client.post(apply_url(service), form_data(service))
    assert second.status_code == 302
    assert Case.objects.count() == 1
    assert "第一次提交的办件" in client.get(second["Location"]).content.decode()


def test_a_wrong_id_check_digit_is_shown_on_its_field(client, world):
    service = published_item(world)
    wrong = resident_id()[:17] + ("0" if resident_id()[17] != "0" else "1")
    response = client.post(apply_url(service), form_data(service, id_number=wrong))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_id_number_error"' in html and "校验位不正确" in html
    assert not Case.objects.exists()


def test_a_missing_required_material_is_refused_by_name(client, world):
    service = published_item(world)
    data = form_data(service)
    del data[f"material_{service.current.materials.get(position=1).pk}"]
    response = client.post(apply_url(service), data)
    assert response.status_code == 400
    assert "请上传必需的申请材料：申请书。" in response.content.decode()


def test_a_file_of_the_wrong_type_is_refused(client, world):
    service = published_item(world)
    fake = SimpleUploadedFile("申请书.pdf", samples.exe(), "application/pdf")
    response = client.post(apply_url(service), form_data(service, upload=fake))
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_file_too_large_is_refused(client, world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    service = published_item(world)
    big = application_form(content=samples.pdf("申请书", pad_to=4096))
    response = client.post(apply_url(service), form_data(service, upload=big))
    assert response.status_code == 400
    assert "超过" in response.content.decode()
    assert not Case.objects.exists()


def look_up(client, number, password, **extra):
    return client.post(LOOKUP, {"number": number, "password": password}, **extra)


def test_a_wrong_password_shows_nothing_and_locks_after_the_limit(client, world, settings):
    settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 2
    submitted = apply(published_item(world))
    first = look_up(client, submitted.case.number, "WRONG1")
    assert first.status_code == 400 and "不匹配" in first.content.decode()
    assert client.get(STATUS).status_code == 302
    assert look_up(client, submitted.case.number, "WRONG2").status_code == 429
    assert look_up(client, submitted.case.number, submitted.password).status_code == 429


def test_the_status_shows_due_dates_and_the_correction_is_supplied_online(client, world, today_is):
    today_is(date(2026, 2, 12))
    submitted = apply(published_item(world))
    case = submitted.case
    cases.request_correction(case, actor=world.handler_finance, missing="申请书未签字")
    assert look_up(client, case.number, submitted.password).status_code == 302
    html = client.get(STATUS).content.decode()
    assert "待补正" in html and "申请书未签字" in html
    assert "补正告知期限：2026年2月26日" in html
    assert "自收到申请之日2026年2月12日起（当日不计）5个工作日" in html
    assert "补正材料通知书" in html
    response = client.post(
        "/banshi/case/status/correction/",
        {"note": "已补签", "files": [application_form("申请书（签字）.pdf")]},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.PENDING
    assert case.correction.supplied_on == date(2026, 2, 12)
    assert case.materials.filter(correction__isnull=False).count() == 1


def test_an_empty_correction_is_refused_on_the_form(client, world):
    submitted = apply(published_item(world))
    cases.request_correction(submitted.case, actor=world.handler_finance, missing="缺签字")
    look_up(client, submitted.case.number, submitted.password)
    response = client.post("/banshi/case/status/correction/", {"note": ""})
    assert response.status_code == 400
    assert "请上传补正材料，或写明补正的内容。" in response.content.decode()
