"""What used to answer 500 (issue 15): lone surrogates, NUL, full-width digits, bidi
overrides, JSON nested 100,000 levels, bodies over the old 5 MB limit; and the
refusal shapes the schema documents (422 with ``detail`` and ``errors``)."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.cache import cache

from gongkai.applications.models import Application
from gongkai.applications.tests.helpers import applicant_data
from gongkai.consultations.tests.helpers import live
from gongkai.files.tests import samples
from gongkai.interaction.models import Message
from gongkai.interaction.tests.helpers import mayor_board
from gongkai.testing.problems import field_errors, problem_of

pytestmark = pytest.mark.django_db
APPLY, APPLY_LOOKUP = "/api/v1/applications", "/api/v1/applications/lookup"
WRITE, WRITE_LOOKUP = "/api/v1/messages", "/api/v1/messages/lookup"
FULL_WIDTH_PHONE = "１３８００００１２３４"
RLO = "\u202e"


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def post(client, url, body, **headers):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()  # \ud800 stays escaped
    return client.post(url, raw, content_type="application/json", headers=headers)


def message_fields(**overrides) -> dict:
    data = {
        "channel": "mayor-board",
        "message_type": "consult",
        "subject": "黄标车淘汰补贴什么时候发放",
        "text": "我家的黄标车去年已经报废注销，补贴至今没有到账，请问什么时候发放？",
        "writer_name": "王小明",
        "writer_phone": "13800001234",
    }
    data.update(overrides)
    return data


def assert_field_refusal(response, field: str):
    assert response.status_code == 422, response.content
    errors = field_errors(response)  # a problem whose errors are a list of {field, message}
    assert errors.get(field), errors


@pytest.mark.parametrize("field", ["contact_person", "address", "name", "description"])
@pytest.mark.parametrize("value", ["\ud800", "天水\x00市"])
def test_a_lone_surrogate_or_nul_in_an_application_is_422(client, world, field, value):
    response = post(client, APPLY, applicant_data(world.finance, **{field: value}))
    assert_field_refusal(response, field)
    assert not Application.objects.exists()


@pytest.mark.parametrize("field", ["channel", "place", "subject", "writer_name"])
@pytest.mark.parametrize("value", ["\ud800", "a\x00b"])
def test_a_lone_surrogate_or_nul_in_a_message_is_422(client, world, field, value):
    mayor_board(world)
    response = post(client, WRITE, message_fields(**{field: value}))
    assert_field_refusal(response, field)
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (WRITE_LOOKUP, "query_code"),
        (WRITE_LOOKUP, "password"),
        (APPLY_LOOKUP, "tracking_number"),
        (APPLY_LOOKUP, "password"),
        (APPLY_LOOKUP, "phone"),
    ],
)
@pytest.mark.parametrize("value", ["\ud800", "a\x00b"])
def test_a_lone_surrogate_or_nul_in_a_lookup_is_422(client, url, field, value):
    body = {"query_code": "LY20261127-0001"} if url == WRITE_LOOKUP else {"tracking_number": "X"}
    body = {**body, "password": "ABCD2345", field: value}
    assert_field_refusal(post(client, url, body), field)


def test_a_comment_with_a_surrogate_or_nul_is_422(client, world):
    consultation = live(world)
    url = f"/api/v1/consultations/{consultation.pk}/comments"
    for value in ("\ud800", "意见\x00"):
        body = {"text": value, "name": "王小明", "phone": "13800001234"}
        assert_field_refusal(post(client, url, body), "text")


def test_full_width_digits_in_the_phone_are_the_same_phone_everywhere(client, world):
    submitted = post(client, APPLY, applicant_data(world.finance, phone=FULL_WIDTH_PHONE))
    assert submitted.status_code == 201, submitted.content
    number = submitted.json()["tracking_number"]
    assert Application.objects.get().phone == "13800001234"
    found = post(client, APPLY_LOOKUP, {"tracking_number": number, "phone": FULL_WIDTH_PHONE})
    assert found.status_code == 200, found.content
    page = client.post(
        "/ysqgk/lookup/", {"tracking_number": number.lower(), "phone": FULL_WIDTH_PHONE}
    )
    assert page.status_code == 302, page.content.decode()[:2000]


def test_full_width_digits_in_a_message_lookup(client, world):
    mayor_board(world)
    written = post(client, WRITE, message_fields(writer_phone=FULL_WIDTH_PHONE))
    assert written.status_code == 201, written.content
    assert Message.objects.get().writer_phone == "13800001234"
    code = written.json()["query_code"]
    found = post(client, WRITE_LOOKUP, {"query_code": code, "phone": FULL_WIDTH_PHONE})
    assert found.status_code == 200, found.content


def test_other_scripts_digits_in_a_phone_never_reach_a_byte_comparison(client, world):
    submitted = post(client, APPLY, applicant_data(world.finance))
    number = submitted.json()["tracking_number"]
    for phone in ("١٣٨٠٠٠٠٠٠٠٠", "电话一三八", "١٣٨٠٠٠٠٠٠٠٠".replace("١", "一")):
        response = post(client, APPLY_LOOKUP, {"tracking_number": number, "phone": phone})
        assert response.status_code in (200, 404), response.content
        page = client.post("/ysqgk/lookup/", {"tracking_number": number, "phone": phone})
        assert page.status_code in (302, 400, 429)


def test_a_right_to_left_override_is_removed_from_an_address(client, world):
    address = f"甘肃省天水市{RLO}路西主民{RLO}1号"
    response = post(
        client,
        APPLY,
        applicant_data(world.finance, address=address, contact_person=f"李{RLO}四"),
    )
    assert response.status_code == 201, response.content
    application = Application.objects.get()
    assert application.address == "甘肃省天水市路西主民1号"
    assert application.contact_person == "李四"


@pytest.mark.parametrize("url", [APPLY, APPLY_LOOKUP, WRITE, WRITE_LOOKUP])
def test_json_nested_100000_levels_is_400(client, url):
    response = post(client, url, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert "JSON" in problem_of(response)["detail"]
    nested = post(client, url, b'{"text": ' + b"[" * 500 + b"]" * 500 + b"}")
    assert nested.status_code == 400 and "嵌套" in problem_of(nested)["detail"]


def test_a_ten_megabyte_attachment_is_accepted(client, world, settings):
    pdf = samples.pdf("身份证明", pad_to=10 * 1024 * 1024)
    data = applicant_data(world.finance)
    data["attachments"] = [
        {
            "purpose": "id_copy",
            "filename": "身份证.pdf",
            "content_base64": base64.b64encode(pdf).decode(),
        }
    ]
    response = post(client, APPLY, data)
    assert response.status_code == 201, response.content[:500]
    assert Application.objects.get().files.get().file.size == len(pdf)


def test_the_body_limit_fits_two_attachments_of_the_upload_limit(settings):
    two_in_base64 = 2 * settings.UPLOAD_MAX_BYTES * 4 // 3
    assert two_in_base64 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_a_body_over_the_limit_is_413_in_chinese(client, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    big = json.dumps({"text": "字" * 2000}).encode()
    for url in (APPLY, APPLY_LOOKUP, WRITE, WRITE_LOOKUP):
        response = post(client, url, big)
        assert response.status_code == 413, (url, response.content)
        assert "过大" in problem_of(response)["detail"]


def test_the_documented_defaults_apply_when_left_out(client, world):
    data = applicant_data(world.finance)
    for name in ("preferred_form", "delivery_method", "email", "address", "postcode"):
        del data[name]
    response = post(client, APPLY, data)
    assert response.status_code == 201, response.content
    application = Application.objects.get()
    assert application.preferred_form == "electronic"
    assert application.delivery_method == "online"


def test_lookup_validation_is_422_with_chinese_errors(client):
    response = post(client, APPLY_LOOKUP, {"password": 5})
    assert response.status_code == 422
    errors = field_errors(response)
    assert errors["tracking_number"] == ["请填写此项。"]
    assert errors["password"] == ["应为文本。"]
    assert {"field": "password", "message": "应为文本。"} in response.json()["errors"]
    too_long = post(client, APPLY_LOOKUP, {"tracking_number": "Y" * 41, "password": "x"})
    assert field_errors(too_long)["tracking_number"] == ["不能超过40个字符。"]


def test_a_comment_on_a_consultation_id_that_is_not_a_number_is_422_with_errors(client):
    response = post(client, "/api/v1/consultations/abc/comments", {"text": "意见"})
    assert response.status_code in (404, 422)
    if response.status_code == 422:
        assert field_errors(response)["consultation_id"] == ["应为整数。"]
    big = post(client, f"/api/v1/consultations/{10**30}/comments", {"text": "意见"})
    assert big.status_code in (404, 422) and isinstance(problem_of(big)["detail"], str)


def test_every_reference_in_the_schema_resolves(client):
    schema = client.get("/api/v1/openapi.json").json()
    refs = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            assert "$defs" not in node
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert "#/components/schemas/AttachmentIn" in refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/")
        assert ref.rsplit("/", 1)[1] in schema["components"]["schemas"], ref


def test_every_error_the_schema_documents_is_a_problem_with_a_list_of_field_errors(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    problem = components["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    assert problem["properties"]["detail"]["type"] == "string"
    errors = problem["properties"]["errors"]["anyOf"][0]
    assert errors["type"] == "array"
    assert errors["items"] == {"$ref": "#/components/schemas/FieldError"}
    assert set(components["FieldError"]["required"]) == {"field", "message"}
    seen_422 = 0
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if int(status) < 400:
                    continue
                assert list(response["content"]) == ["application/problem+json"], (method, path)
                ref = response["content"]["application/problem+json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Problem", (method, path, status)
                seen_422 += status == "422"
    assert seen_422 > 10
