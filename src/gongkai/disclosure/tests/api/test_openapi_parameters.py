"""/api/v1/openapi.json declares every query parameter of GET /api/v1/documents, typed
and constrained as the parser (``params``) accepts it, so generated clients can use them."""

from __future__ import annotations

import pytest

from gongkai.disclosure.api import params
from gongkai.disclosure.models import ItemType, Validity
from gongkai.testing.problems import field_errors, problem_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def declared(client) -> dict[str, dict]:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/documents"]["get"]
    return {p["name"]: p for p in operation["parameters"]}


def test_every_parameter_the_list_accepts_is_declared_in_the_schema(declared):
    assert list(declared) == list(params.PARAMETERS)
    for name, parameter in declared.items():
        assert parameter["in"] == "query" and parameter["required"] is False, name
        assert parameter["description"] == params.PARAMETERS[name][0], name


def test_repeatable_filters_are_arrays_of_typed_values(declared):
    for name, (_, multi) in params.PARAMETERS.items():
        schema = declared[name]["schema"]
        assert (schema["type"] == "array") is multi, name
        if multi:
            assert declared[name]["explode"] is True and declared[name]["style"] == "form"
            assert schema["maxItems"] == params.MAX_VALUES
    assert declared["subject"]["schema"]["items"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": params.MAX_ID,
    }
    assert declared["year"]["schema"]["items"] == {
        "type": "integer",
        "minimum": params.MIN_YEAR,
        "maximum": params.MAX_YEAR,
    }
    assert declared["type"]["schema"]["items"]["enum"] == list(ItemType.values)
    assert declared["validity"]["schema"]["items"]["enum"] == list(Validity.values)
    assert declared["key_area"]["schema"]["items"]["pattern"] == params.SLUG.pattern
    department = declared["department"]["schema"]["items"]
    assert department["type"] == "string" and "pattern" in department


def test_single_parameters_carry_their_limits_and_defaults(declared):
    assert declared["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": params.MAX_LIMIT,
        "default": params.DEFAULT_LIMIT,
    }
    assert declared["order"]["schema"] == {
        "type": "string",
        "enum": ["newest", "oldest"],
        "default": "newest",
    }
    assert declared["q"]["schema"] == {"type": "string", "maxLength": params.MAX_Q_CHARS}
    assert declared["cursor"]["schema"] == {"type": "string", "maxLength": params.MAX_CURSOR_CHARS}


def test_declared_values_pass_the_parser_and_undeclared_ones_are_still_refused(client, world):
    ok = client.get("/api/v1/documents", {"year": 2016, "type": "normative", "limit": 100})
    assert ok.status_code == 200
    bad = client.get("/api/v1/documents", {"limit": 101})
    assert bad.status_code == 400 and list(field_errors(bad)) == ["limit"]
    unknown = client.get("/api/v1/documents", {"page": 2})
    assert unknown.status_code == 400 and "未知的查询参数" in problem_of(unknown)["detail"]
