"""``GET /api/v1/services/items`` and ``GET /api/v1/services/items/{code}``."""

from datetime import date

import pytest

from gongkai.services.services import guides

from .helpers import complete_guide, item
from .public_helpers import published, republish, theme

pytestmark = pytest.mark.django_db
URL = "/api/v1/services/items"


@pytest.fixture
def catalogue(world):
    company = theme(world, "企业开办", "kaiban", "legal")
    return {
        "agency": published(world, name="政府采购代理机构资格认定", audiences="legal"),
        "accounting": published(
            world, name="代理记账机构设立审批", audiences="person,legal", themes=[company]
        ),
        "permit": published(world, department=world.environment, name="排污许可证核发"),
        "draft": item(world, name="尚未发布的事项"),
    }


def names(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    return sorted(i["name"] for i in response.json()["items"])


def test_the_list_holds_published_items_only_and_filters(client, world, catalogue):
    assert names(client) == ["代理记账机构设立审批", "排污许可证核发", "政府采购代理机构资格认定"]
    assert names(client, f"?department={world.environment.pk}") == ["排污许可证核发"]
    assert names(client, "?theme=kaiban") == ["代理记账机构设立审批"]
    assert names(client, "?audience=person") == ["代理记账机构设立审批", "排污许可证核发"]
    assert names(client, "?audience=legal&q=代理") == [
        "代理记账机构设立审批",
        "政府采购代理机构资格认定",
    ]
    assert names(client, f"?q={catalogue['permit'].code}") == ["排污许可证核发"]


def test_an_item_in_the_list(client, catalogue):
    found = client.get(URL + "?theme=kaiban").json()["items"][0]
    code = catalogue["accounting"].code
    assert found == {
        "code": code,
        "name": "代理记账机构设立审批",
        "government": "620500",
        "department": "天水市财政局",
        "department_id": catalogue["accounting"].department_id,
        "level": "市级",
        "audiences": ["person", "legal"],
        "themes": ["kaiban"],
        "power_code": catalogue["accounting"].power_code,
        "legal_limit": 20,
        "promised_limit": 10,
        "visits": 1,
        "version": 1,
        "published_on": "2026-03-02",
    }


def test_the_list_pages_by_cursor(client, world):
    for n in range(5):
        published(world, name=f"事项{n}")
    first = client.get(URL + "?limit=3").json()
    assert len(first["items"]) == 3 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 2 and second["next"] is None
    codes = [i["code"] for i in first["items"] + second["items"]]
    assert len(set(codes)) == 5


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?department=abc", "department"),
        ("?audience=everyone", "audience"),
        ("?theme=no%20spaces", "theme"),
        ("?limit=0", "limit"),
        ("?limit=101", "limit"),
        ("?q=" + "字" * 61, "q"),
        ("?colour=red", "colour"),
        ("?audience=person&audience=legal", "audience"),
        ("?cursor=not-a-cursor", "cursor"),
    ],
)
def test_bad_parameters_are_a_400_problem_naming_them(client, catalogue, query, parameter):
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/api/v1/problems/invalid-parameter"
    assert [e["field"] for e in body["errors"]] == [parameter]


def test_a_guide_with_every_element(client, world):
    service = published(
        world,
        guide_fields={"online_url": "https://zwfw.example.gov.cn/item/1", "visits": 0},
    )
    republish(world, service, on=date(2026, 9, 1), change_note="缩短承诺时限", promised_limit=5)
    body = client.get(f"{URL}/{service.code}").json()
    assert body["code"] == service.code and body["power_code"] == service.power_code
    assert (body["legal_limit"], body["promised_limit"], body["visits"]) == (20, 5, 0)
    assert (body["version"], body["published_on"]) == (2, "2026-09-01")
    assert body["change_note"] == "缩短承诺时限"
    assert body["free"] is True and body["fee_standard"] == ""
    assert body["basis"] == "《中华人民共和国行政许可法》第十二条"
    assert body["online_url"] == "https://zwfw.example.gov.cn/item/1"
    assert (body["consult_phone"], body["complaint_phone"]) == ("0938-8211234", "0938-12345")
    assert body["materials"][1] == {
        "position": 2,
        "name": "营业执照",
        "required": True,
        "medium": "纸质或电子",
        "original": "原件",
        "copies": 1,
        "shared_from": "天水市市场监督管理局",
        "note": "",
        "blank_form_url": None,
        "sample_url": None,
    }
    assert [s["name"] for s in body["steps"]] == ["受理", "审查", "决定", "送达"]
    assert body["steps"][0]["limit"] == 5
    assert body["questions"] == [{"question": "可以网上申请吗？", "answer": "可以。"}]


def test_unknown_unpublished_and_withdrawn_codes_are_a_404_problem(client, world, catalogue):
    draft = catalogue["draft"]
    complete_guide(draft)
    guides.withdraw(catalogue["permit"], actor=world.office, on=date(2026, 12, 1), reason="取消")
    for code in ("NO-SUCH-CODE", draft.code, catalogue["permit"].code, "X" * 41):
        response = client.get(f"{URL}/{code}")
        assert response.status_code == 404, code
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["type"] == "/api/v1/problems/not-found"
    assert client.get(f"{URL}/{catalogue['agency'].code}").status_code == 200


def test_both_operations_are_in_the_schema_with_chinese_descriptions(client):
    schema = client.get("/api/v1/openapi.json").json()
    listed = schema["paths"]["/api/v1/services/items"]["get"]
    assert listed["operationId"] == "listServiceItems"
    described = {p["name"]: p["description"] for p in listed["parameters"]}
    assert set(described) == {"department", "theme", "audience", "q", "limit", "cursor"}
    assert "个人办事" in described["audience"]
    one = schema["paths"]["/api/v1/services/items/{code}"]["get"]
    assert one["operationId"] == "getServiceItem" and "404" in one["responses"]
