from datetime import date

import pytest

from gongkai import workdays


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
def test_a_year_without_calendar_is_a_clear_422(client):
    response = client.get("/api/v1/workdays/add", {"start": "2026-12-20", "days": 20})
    assert response.status_code == 422
    assert "2027" in response.json()["detail"]


@pytest.mark.django_db
def test_bad_dates_are_refused(client):
    assert client.get("/api/v1/workdays/add", {"start": "2026-02-30", "days": 1}).status_code == 422
    assert client.get("/api/v1/workdays/2026-13-01").status_code == 422
