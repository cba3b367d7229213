"""Checks the API tests share: an answer is a problem (``gongkai.api.errors``)."""

from __future__ import annotations

import json
from typing import Any

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_of(response) -> dict[str, Any]:
    """The body of ``response``, after checking it is a problem of its status:
    the content type, ``type``, ``title``, ``status`` equal to the HTTP status, a
    Chinese ``detail``, and ``errors`` (when present) a list of ``{field, message}``."""
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE, response["Content-Type"]
    body = json.loads(response.content)  # test client answers and bare HttpResponses alike
    assert body["status"] == response.status_code, body
    assert isinstance(body["type"], str) and body["type"], body
    assert body["type"] == "about:blank" or body["type"].startswith("/api/v1/problems/"), body
    assert isinstance(body["title"], str) and body["title"], body
    assert isinstance(body["detail"], str) and body["detail"], body
    if "errors" in body:
        assert isinstance(body["errors"], list), body
        for entry in body["errors"]:
            assert set(entry) == {"field", "message"}, entry
            assert isinstance(entry["field"], str) and isinstance(entry["message"], str), entry
    return body


def field_errors(response) -> dict[str, list[str]]:
    """The problem's ``errors`` (a list of ``{field, message}``, checked by
    ``problem_of``) grouped by field, messages in order: ``{"phone": ["…"]}``."""
    body = problem_of(response)
    assert "errors" in body, body
    grouped: dict[str, list[str]] = {}
    for entry in body["errors"]:
        grouped.setdefault(entry["field"], []).append(entry["message"])
    return grouped
