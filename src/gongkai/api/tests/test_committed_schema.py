"""The API's schema is committed (docs/openapi.json): a change to the API shows in review
as a change to that file, and every operation keeps an explicit, stable operationId."""

import json
from pathlib import Path

from gongkai.api.urls import api

COMMITTED = Path(__file__).resolve().parents[4] / "docs" / "openapi.json"


def test_the_committed_schema_is_the_schema_of_the_code():
    generated = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert generated == committed, "API changed: run `make openapi` and commit docs/openapi.json"


def test_every_operation_has_an_explicit_id_that_names_no_file():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) == 33
    assert not [i for i in ids if "gongkai" in i or "_" in i]
    assert "submitApplication" in ids and "lookUpMessage" in ids


def test_the_interactive_documentation_loads_nothing_from_elsewhere(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
