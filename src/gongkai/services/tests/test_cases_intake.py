"""Receiving cases: the applicant's identity with check digits, required materials,
numbers from the configured pattern, double submissions, the counter and late entry."""

from datetime import date

import pytest

from gongkai.core import idempotency
from gongkai.core.errors import DomainError
from gongkai.services.models import Case, CaseSettings, CaseState
from gongkai.services.services import cases
from gongkai.testing.factories import make_uscc

from .case_helpers import PERSON, application_form, apply, published_item, resident_id

pytestmark = pytest.mark.django_db


def test_a_wrong_id_check_digit_is_refused_with_a_clear_message(world):
    service = published_item(world)
    wrong = resident_id()[:17] + ("0" if resident_id()[17] != "0" else "1")
    with pytest.raises(cases.CaseInvalid) as refused:
        apply(service, id_number=wrong)
    assert refused.value.errors["id_number"] == ["居民身份证号码校验位不正确，请核对后重新输入。"]
    assert not Case.objects.exists()


def test_a_legal_person_gives_a_credit_code_whose_check_character_is_verified(world):
    service = published_item(world)
    good = make_uscc("620500", 7)
    case = apply(service, applicant_kind="legal", name="天水某某公司", id_number=good).case
    assert case.masked_id == good[:6] + "********" + good[-4:]
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(cases.CaseInvalid) as refused:
        apply(service, applicant_kind="legal", name="天水某某公司", id_number=bad)
    assert "统一社会信用代码校验位不正确" in refused.value.errors["id_number"][0]


def test_the_required_material_is_enforced_and_shared_ones_are_not_asked(world):
    service = published_item(world)
    with pytest.raises(cases.CaseInvalid) as refused:
        cases.submit_online(service, PERSON, files=[])
    first = service.current.materials.get(position=1)
    assert refused.value.errors == {f"material_{first.pk}": ["请上传必需的申请材料：申请书。"]}


def test_a_case_keeps_the_guide_version_it_was_filed_under(world):
    service = published_item(world)
    case = apply(service).case
    assert case.guide_id == service.current_id
    assert case.materials.get().material.name == "申请书"


def test_numbers_follow_the_government_s_pattern(world, today_is):
    today_is(date(2026, 3, 2))
    service = published_item(world)
    assert apply(service).case.number == "2026620500000001"
    CaseSettings.objects.create(government=world.tianshui, number_pattern="TS{年份}-{流水号:04d}")
    assert apply(service, id_number=resident_id("62050219800101123")).case.number == "TS2026-0002"


def test_double_submission_creates_one_case(world):
    service = published_item(world)
    first = apply(service, key="form-token-1")
    again = apply(service, key="form-token-1")
    assert again.created is False and again.case == first.case
    assert again.password == first.password
    assert Case.objects.count() == 1
    with pytest.raises(idempotency.AlreadySubmitted):
        apply(service, key="form-token-2")  # the same applicant and item minutes later
    assert Case.objects.count() == 1


def test_lookup_needs_the_password(world):
    service = published_item(world)
    submitted = apply(service)
    number = submitted.case.number
    assert cases.find_for_lookup(number, password=submitted.password) == submitted.case
    assert cases.find_for_lookup(number, password="wrong") is None
    assert cases.find_for_lookup("NOPE", password=submitted.password) is None


def test_a_counter_case_entered_after_the_fact_needs_a_reason_and_counts_from_receipt(
    world, today_is
):
    today_is(date(2025, 9, 26))
    service = published_item(world)
    today_is(date(2025, 10, 13))
    material = service.current.materials.get(position=1)
    data = {**PERSON}
    with pytest.raises(cases.CaseInvalid) as refused:
        cases.register_at_counter(
            service,
            data,
            actor=world.handler_finance,
            received_on=date(2025, 9, 26),
            files=[(material, application_form())],
        )
    assert "事后补录" in refused.value.errors["late_reason"][0]
    case = cases.register_at_counter(
        service,
        data,
        actor=world.handler_finance,
        received_on=date(2025, 9, 26),
        files=[(material, application_form())],
        late_reason="系统故障，纸质登记后补录",
    ).case
    assert case.entered_late and case.state == CaseState.PENDING
    assert case.correction_notice_by == date(2025, 10, 10)  # already over
    with pytest.raises(DomainError):
        cases.request_correction(case, actor=world.handler_finance, missing="缺少原件")
    case.refresh_from_db()
    assert case.deemed_accepted and case.accepted_on == date(2025, 9, 26)


def test_a_department_registers_only_its_own_items(world):
    from django.core.exceptions import PermissionDenied

    service = published_item(world)
    with pytest.raises(PermissionDenied):
        cases.register_at_counter(service, PERSON, actor=world.handler_environment)


def test_an_unpublished_item_takes_no_application(world):
    from .helpers import item

    with pytest.raises(DomainError):
        cases.submit_online(item(world), PERSON, files=[])
