"""The public list endpoints declare their query parameters in /api/v1/openapi.json
(type, description, limits), the same names their hand-written parsers accept.
The documents list has its own test in gongkai.disclosure."""

from __future__ import annotations

import pytest

from gongkai.consultations.api import reading as consultations_api
from gongkai.interaction.api import board
from gongkai.proposals import api as proposals_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def paths(client) -> dict:
    return client.get("/api/v1/openapi.json").json()["paths"]


def declared(paths, path: str) -> dict[str, dict]:
    return {p["name"]: p for p in paths[path]["get"]["parameters"]}


def assert_described(parameters: dict[str, dict]) -> None:
    for name, parameter in parameters.items():
        assert parameter["in"] == "query" and parameter["required"] is False, name
        assert parameter["description"], f"{name} has no description"
        schema = parameter["schema"]
        assert schema.get("type") in ("string", "integer", "array"), (name, schema)
        if schema["type"] == "array":
            assert schema["items"].get("type") in ("string", "integer"), name
            assert parameter["explode"] is True


def test_the_message_board_declares_its_parameters(paths):
    got = declared(paths, "/api/v1/messages")
    assert list(got) == list(board.PARAMETERS)
    assert_described(got)
    assert got["department"]["schema"] == {
        "type": "array",
        "items": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "maxItems": board.MAX_VALUES,
    }
    assert got["year"]["schema"]["items"] == {
        "type": "integer",
        "minimum": board.MIN_YEAR,
        "maximum": board.MAX_YEAR,
    }
    assert got["status"]["schema"] == {"type": "string", "enum": ["replied", "handling"]}
    assert got["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": board.MAX_LIMIT,
        "default": board.DEFAULT_LIMIT,
    }
    assert got["q"]["schema"]["maxLength"] == board.MAX_Q_CHARS
    assert got["channel"]["description"] == board.PARAMETERS["channel"][0]


def test_the_consultations_list_declares_its_parameters(paths):
    got = declared(paths, "/api/v1/consultations")
    assert list(got) == list(consultations_api.PARAMETERS)
    assert_described(got)
    assert got["phase"]["schema"]["enum"] == consultations_api.PUBLIC_PHASES
    assert got["kind"]["schema"]["enum"] == ["draft", "call"]
    assert got["page"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 10_000,
        "default": 1,
    }
    assert got["page_size"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": consultations_api.MAX_PAGE_SIZE,
        "default": consultations_api.PAGE_SIZE,
    }


def test_the_proposals_list_declares_its_parameters(paths):
    got = declared(paths, "/api/v1/proposals")
    assert list(got) == list(proposals_api.PARAMETERS)
    assert_described(got)
    assert got["grade"]["schema"] == {"type": "string", "enum": ["A", "B", "C", "D"]}
    assert got["session"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    assert got["offset"]["schema"] == {
        "type": "integer",
        "minimum": 0,
        "maximum": proposals_api.MAX_OFFSET,
        "default": 0,
    }
    assert got["limit"]["description"] == proposals_api.PARAMETERS["limit"]


def test_the_application_statistics_declare_their_parameters(paths):
    got = declared(paths, "/api/v1/applications/statistics")
    assert list(got) == ["agency", "government", "start", "end", "year"]
    assert_described(got)
    assert got["agency"]["schema"] == {"type": "integer", "minimum": 1}
    assert got["government"]["schema"] == {"type": "string", "pattern": "^[0-9]{6}$"}
    assert got["start"]["schema"] == {"type": "string", "format": "date"}
    assert got["end"]["schema"] == {"type": "string", "format": "date"}
    assert got["year"]["schema"] == {"type": "integer", "minimum": 1990, "maximum": 2100}
