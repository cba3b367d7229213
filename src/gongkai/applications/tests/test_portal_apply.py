"""The public application form (/ysqgk/apply/) and the receipt: validation in
Chinese, attachments checked by content, double submissions, escaping, and the
flood limit per address."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications.models import Application, ApplicationFile, FilePurpose
from gongkai.applications.services.intake import password_matches
from gongkai.files.models import StoredFile
from gongkai.files.tests import samples

from .helpers import USCC, applicant_data

pytestmark = pytest.mark.django_db
APPLY = reverse("applications_portal:apply")
RECEIPT = reverse("applications_portal:receipt")


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def post(client, data, **extra):
    return client.post(APPLY, data, **extra)


def test_the_form_shows_guidance_and_the_agencies_grouped_by_government(client, world):
    world.finance.address = "甘肃省天水市秦州区民主西路1号"
    world.finance.phone = "0938-8212345"
    world.finance.office_hours = "工作日 8:30-12:00"
    world.finance.save()
    html = client.get(APPLY, {"department": world.finance.pk}).content.decode()
    assert '<optgroup label="天水市人民政府">' in html or "<optgroup label=" in html
    assert f'<option value="{world.finance.pk}" selected>天水市财政局</option>' in html
    # the agency's contact details beside the form
    assert "甘肃省天水市秦州区民主西路1号" in html
    assert "0938-8212345" in html
    assert "工作日 8:30-12:00" in html
    # guidance drawn from the Regulation beside the fields
    assert "名称、文号" in html and "18位" in html
    # the hidden idempotency token
    assert re.search(r'<input type="hidden" name="idempotency_key" value="[\w-]{20,}"', html)
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_guidance_fragment_names_the_agencys_published_guide(client, world):
    from gongkai.disclosure.models import ItemType
    from gongkai.disclosure.tests.portal import factories

    factories.publish(world, title="天水市财政局政府信息公开指南", item_type=ItemType.GUIDE)
    html = client.get(reverse("applications_portal:guide", args=[world.finance.pk])).content
    assert "天水市财政局政府信息公开指南" in html.decode()


def test_a_valid_application_gives_a_receipt_with_number_and_password(client, world):
    response = post(client, applicant_data(world.finance, idempotency_key="k-1"))
    assert response.status_code == 302
    assert response["Location"] == RECEIPT
    application = Application.objects.get()
    assert application.state == "awaiting_confirmation"
    assert application.idempotency_key == "k-1"
    receipt = client.get(RECEIPT)
    html = receipt.content.decode()
    assert application.tracking_number in html
    password = re.search(r'id="query-password">(\w+)<', html).group(1)
    assert password_matches(application, password)
    assert "no-store" in receipt["Cache-Control"]
    # the password is never in a URL
    assert password not in response["Location"]
    # a reload shows the receipt without it: the password was shown once
    again = client.get(RECEIPT).content.decode()
    assert application.tracking_number in again and password not in again
    assert "查询密码已在首次打开本页时显示" in again
    # print styles are there
    assert "ysqgk.css" in html


def test_the_receipt_is_not_shown_to_another_browser(client, world, django_user_model):
    from django.test import Client

    post(client, applicant_data(world.finance))
    other = Client()
    response = other.get(RECEIPT)
    assert response.status_code == 404
    assert "回执已不再显示" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "校验"),
        (
            {
                "applicant_kind": "organisation",
                "org_subtype": "commercial",
                "contact_person": "李四",
                "id_type": "uscc",
                "id_number": USCC[:-1] + ("0" if USCC[-1] != "0" else "1"),
            },
            "id_number",
            "",
        ),
        ({"name": ""}, "name", "请填写申请人姓名"),
        ({"description": ""}, "description", "请描述您需要的政府信息"),
        ({"phone": "12"}, "phone", "电话号码格式不正确"),
        (
            {"applicant_kind": "organisation", "id_type": "uscc", "id_number": USCC},
            "org_subtype",
            "组织类型",
        ),
        ({"delivery_method": "post", "address": "", "postcode": ""}, "address", "请填写通信地址"),
        ({"department": ""}, "department", "请选择向哪个行政机关申请"),
    ],
)
def test_invalid_input_is_refused_field_by_field_in_chinese(
    client, world, overrides, field, message
):
    data = applicant_data(world.finance)
    data.update(overrides)
    response = post(client, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert Application.objects.count() == 0
    # what was typed is kept
    html = response.content.decode()
    assert "2016年天水市黄标车淘汰补贴资金的发放明细" in html or field == "description"


def test_an_organisation_with_a_valid_credit_code_is_accepted(client, world):
    data = applicant_data(
        world.finance,
        applicant_kind="organisation",
        org_subtype="research",
        name="天水市农业科学研究所",
        contact_person="王五",
        id_type="uscc",
        id_number=USCC,
    )
    assert post(client, data).status_code == 302
    application = Application.objects.get()
    assert application.org_subtype == "research"
    assert application.report_column == "research"


def test_attachments_are_stored_with_the_application(client, world):
    data = applicant_data(world.finance)
    data["id_copy"] = SimpleUploadedFile("身份证.png", samples.png(), "image/png")
    data["authorisation"] = SimpleUploadedFile(
        "委托书.pdf", samples.pdf("授权委托书"), "application/pdf"
    )
    assert post(client, data).status_code == 302
    files = ApplicationFile.objects.order_by("purpose")
    assert [(f.purpose, f.from_applicant) for f in files] == [
        (FilePurpose.AUTHORISATION, True),
        (FilePurpose.ID_COPY, True),
    ]


def test_an_exe_renamed_pdf_is_refused_and_nothing_is_created(client, world):
    data = applicant_data(world.finance)
    data["authorisation"] = SimpleUploadedFile("委托书.pdf", samples.exe(), "application/pdf")
    response = post(client, data)
    assert response.status_code == 400
    assert "未被接收" in " ".join(response.context["form"].errors["authorisation"]) or (
        "只接受" in " ".join(response.context["form"].errors["authorisation"])
    )
    assert Application.objects.count() == 0
    assert StoredFile.objects.count() == 0


def test_an_oversized_file_is_refused(client, world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    data = applicant_data(world.finance)
    data["id_copy"] = SimpleUploadedFile(
        "身份证.pdf", samples.pdf("x", pad_to=4096), "application/pdf"
    )
    response = post(client, data)
    assert response.status_code == 400
    assert "超过了" in " ".join(response.context["form"].errors["id_copy"])
    assert Application.objects.count() == 0


def test_the_same_form_sent_twice_creates_one_application_and_shows_its_password(client, world):
    data = applicant_data(world.finance, idempotency_key="same-form-token")
    post(client, data)
    first = re.search(r'id="query-password">(\w+)<', client.get(RECEIPT).content.decode()).group(1)
    # a double click: the same form, the same token, the same content
    assert post(client, data).status_code == 302
    second_html = client.get(RECEIPT).content.decode()
    second = re.search(r'id="query-password">(\w+)<', second_html).group(1)
    assert Application.objects.count() == 1
    application = Application.objects.get()
    assert application.tracking_number in second_html
    assert second == first and password_matches(application, first)


def test_the_same_form_token_with_other_content_is_refused_with_a_fresh_token(client, world):
    data = applicant_data(world.finance, idempotency_key="same-form-token")
    post(client, data)
    first = re.search(r'id="query-password">(\w+)<', client.get(RECEIPT).content.decode()).group(1)
    changed = {**data, "description": "2016年天水市黄标车淘汰补贴资金的发放明细（补充）"}
    response = post(client, changed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "这份表单此前已经提交过" in html
    application = Application.objects.get()
    assert application.tracking_number not in html
    assert password_matches(application, first)
    # the form comes back with a new token: sending it again is a new application
    assert 'value="same-form-token"' not in html
    token = re.search(r'name="idempotency_key" value="([\w-]+)"', html).group(1)
    assert post(client, {**changed, "idempotency_key": token}).status_code == 302
    assert Application.objects.count() == 2


def test_the_same_content_from_another_form_is_refused_and_tells_nothing(client, world):
    from django.test import Client

    data = applicant_data(world.finance)
    post(client, {**data, "idempotency_key": "form-a"})
    first = re.search(r'id="query-password">(\w+)<', client.get(RECEIPT).content.decode()).group(1)
    # a second tab (or someone else), a fresh form token, the same content
    other = Client()
    response = other.post(APPLY, {**data, "idempotency_key": "form-b"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "相同内容的申请已于" in html and "未重复受理" in html
    application = Application.objects.get()
    assert application.tracking_number not in html
    assert other.get(RECEIPT).status_code == 404
    assert password_matches(application, first)


def test_html_typed_in_fields_is_stored_as_text_and_shown_escaped(client, world):
    evil = '<script>alert("x")</script><b>加粗</b>'
    post(client, applicant_data(world.finance, name=f"张三{evil}", description=f"补贴明细{evil}"))
    application = Application.objects.get()
    assert application.description == f"补贴明细{evil}"
    html = client.get(RECEIPT).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;加粗&lt;/b&gt;" in html


def test_a_flood_from_one_address_is_rate_limited_with_a_clear_message(client, world, settings):
    settings.APPLICATION_SUBMIT_LIMIT = 3
    for n in range(3):
        response = post(
            client, applicant_data(world.finance, description=f"第{n + 1}份补贴明细材料")
        )
        assert response.status_code == 302
    response = post(client, applicant_data(world.finance, description="第4份补贴明细材料"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "最多提交3件申请" in html and "后再提交" in html
    assert int(response["Retry-After"]) > 0
    assert Application.objects.count() == 3
    # another address is not affected
    response = post(
        client,
        applicant_data(world.finance, description="第5份补贴明细材料"),
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302


def test_departments_outside_the_sites_government_are_refused(client, world):
    from gongkai.testing import factories

    factories.site_profile(world.tianshui)
    response = post(client, applicant_data(world.longnan_finance))
    assert response.status_code == 400
    assert "department" in response.context["form"].errors
    assert Application.objects.count() == 0


def test_the_portal_card_and_the_disclosure_column_lead_here(client, world):
    index = reverse("applications_portal:index")
    assert f'href="{index}"' in client.get(reverse("portal:home")).content.decode()
    assert client.get(reverse("portal:module", args=["applications"]))["Location"] == index
    html = client.get(index).content.decode()
    assert "<h1>依申请公开</h1>" in html
    assert f'<option value="{world.finance.pk}">天水市财政局</option>' in html
    column = client.get(reverse("xxgk:home")).content.decode()
    assert f'href="{APPLY}"' in column
    assert f'href="{reverse("applications_portal:lookup")}"' in column
