from datetime import date

import pytest

from gongkai import workdays
from gongkai.testing.problems import problem_of


def test_openapi_schema_describes_the_public_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in [
        "/api/v1/governments",
        "/api/v1/governments/{code}/departments",
        "/api/v1/workdays/add",
        "/api/v1/workdays/between",
        "/api/v1/workdays/{day}",
    ]:
        assert path in paths


def test_departments_of_a_government(world, client):
    response = client.get("/api/v1/governments/620500/departments")
    assert response.status_code == 200
    names = [d["name"] for d in response.json()]
    assert "天水市财政局" in names and "秦州区财政局" not in names


def test_unknown_government_is_404(world, client):
    assert client.get("/api/v1/governments/999999/departments").status_code == 404


@pytest.mark.django_db
def test_add_working_days_over_http_matches_the_library(client):
    response = client.get("/api/v1/workdays/add", {"start": "2026-09-30", "days": 20})
    assert response.status_code == 200
    assert response.json()["result"] == workdays.add_working_days(date(2026, 9, 30), 20).isoformat()


@pytest.mark.django_db
def test_a_year_not_yet_loaded_answers_on_the_provisional_calendar_and_says_so(client):
    response = client.get("/api/v1/workdays/add", {"start": "2026-12-07", "days": 20})
    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-12-07",
        "days": 20,
        "result": "2027-01-05",
        "provisional": True,
    }
    official = client.get("/api/v1/workdays/add", {"start": "2026-11-02", "days": 20}).json()
    assert official["result"] == "2026-11-30" and official["provisional"] is False
    between = client.get("/api/v1/workdays/between", {"start": "2026-12-01", "end": "2027-01-04"})
    assert between.json()["working_days"] == 23 and between.json()["provisional"] is True
    day = client.get("/api/v1/workdays/2027-01-01").json()
    assert day == {"date": "2027-01-01", "working_day": False, "provisional": True}
    assert client.get("/api/v1/workdays/2026-10-10").json()["provisional"] is False


@pytest.mark.django_db
def test_a_year_before_the_calendar_is_a_clear_422(client):
    response = client.get("/api/v1/workdays/add", {"start": "2003-12-20", "days": 5})
    assert response.status_code == 422
    assert "2003" in problem_of(response)["detail"]


@pytest.mark.django_db
def test_bad_dates_are_refused(client):
    assert client.get("/api/v1/workdays/add", {"start": "2026-02-30", "days": 1}).status_code == 422
    assert client.get("/api/v1/workdays/2026-13-01").status_code == 422
