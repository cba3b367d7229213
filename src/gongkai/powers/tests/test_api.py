"""``GET /api/v1/powers`` and ``/api/v1/powers/summary``."""

from datetime import date

import pytest

from gongkai.powers.models import AdjustmentKind, Power
from gongkai.powers.services.adjusting import Change, record_adjustment
from gongkai.powers.services.importing import import_list

from .helpers import full_workbook, power_row, workbook

pytestmark = pytest.mark.django_db
START = date(2016, 1, 1)


@pytest.fixture
def listed(world):
    rows = [power_row(n) for n in range(1, 5)]
    rows.append(
        power_row(
            5,
            type_name="行政处罚",
            abbreviation="CF",
            name="对未取得会计从业资格证书从事会计工作的处罚",
        )
    )
    rows.append(power_row(6, department="天水市环境保护局", code="62050000HB-XK-0006"))
    import_list(world.tianshui, workbook(rows), valid_from=START)
    county = power_row(1, code="62050200CZ-XK-0001", department="秦州区财政局", level="县级")
    import_list(world.qinzhou, workbook([county]), valid_from=START)
    return {p.code: p for p in Power.objects.all()}


def test_the_list_filters_by_government_department_type_and_words(client, world, listed):
    def codes(query):
        response = client.get("/api/v1/powers" + query)
        assert response.status_code == 200
        return [item["code"][-7:] for item in response.json()["items"]]

    assert len(codes("")) == 7
    assert len(codes("?government=620500")) == 6
    assert codes(f"?government=620500&department={world.environment.pk}") == ["XK-0006"]
    assert codes("?type=CF") == ["CF-0005"]
    assert codes("?q=会计从业资格") == ["CF-0005"]
    assert codes("?q=62050200CZ-XK-0001") == ["XK-0001"]
    item = client.get("/api/v1/powers?type=CF").json()["items"][0]
    assert item["type_name"] == "行政处罚" and item["department"] == "天水市财政局"
    assert item["level"] == "市级" and item["government"] == "620500"


def test_the_list_pages_by_cursor_without_repeating_an_item(client, listed):
    first = client.get("/api/v1/powers?government=620500&limit=4").json()
    assert len(first["items"]) == 4 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 2 and second["next"] is None
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert len(set(ids)) == 6


def test_a_cursor_reused_with_other_filters_is_refused(client, listed):
    first = client.get("/api/v1/powers?government=620500&limit=2").json()
    cursor = first["next"].split("cursor=")[1]
    response = client.get(f"/api/v1/powers?type=XK&limit=2&cursor={cursor}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize(
    "query, field",
    [
        ("?government=62", "government"),
        ("?government=999999", "government"),
        ("?type=xk", "type"),
        ("?limit=0", "limit"),
        ("?page=2", "page"),
    ],
)
def test_bad_parameters_are_problems_naming_them(client, listed, query, field):
    response = client.get("/api/v1/powers" + query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


def test_the_summary_counts_the_list_in_force_and_the_counties(client, world):
    import_list(world.tianshui, full_workbook(3), valid_from=START)
    county = power_row(1, code="62050200CZ-XK-0001", department="秦州区财政局", level="县级")
    import_list(world.qinzhou, workbook([county]), valid_from=START)
    record_adjustment(
        world.tianshui,
        document_number="天政发〔2016〕35号",
        document_title="决定",
        decided_on=date(2016, 6, 20),
        effective_on=date(2016, 7, 1),
        changes=[Change(AdjustmentKind.CANCEL, [Power.objects.get(code="62050000CZ-XK-0003")])],
    )
    response = client.get("/api/v1/powers/summary?government=620500")
    assert response.status_code == 200
    assert response.json() == {
        "powers": 2,
        "responsibilities": 4,
        "accountabilities": 8,
        "counties_powers": 1,
    }


def test_the_summary_needs_a_known_government(client, world):
    response = client.get("/api/v1/powers/summary")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "government"
    assert client.get("/api/v1/powers/summary?government=999999").status_code == 400
