"""The OpenAPI document as the answers really are (``GongkaiAPI.get_openapi_schema``).

* Request bodies described with a pydantic model's own JSON schema
  (``openapi_extra``) carry its ``$defs``; they are moved to
  ``components/schemas`` and their references rewritten, so every
  ``$ref`` resolves.
* Every error answer is a problem (``gongkai.api.errors.Problem``, RFC 9457):
  its content type is ``application/problem+json``, wherever it is declared.
* The refusals any endpoint can give are declared on every endpoint they can
  come from: 422 (field errors listed in ``errors``) and 400 (a query parameter
  refused by the module's parser; a body that is not JSON or is nested too deep)
  wherever there are parameters or a body, 413 (body too large) wherever there
  is a body, 404 wherever the path names an object.
"""

from __future__ import annotations

import copy
from typing import Any

from .errors import CONTENT_TYPE, Problem

DEFS_PREFIX = "#/$defs/"
COMPONENTS_PREFIX = "#/components/schemas/"

PROBLEM = "Problem"

COMMON_RESPONSES = {
    "400": "查询参数无效，或请求体不是 JSON 对象、嵌套过深",
    "404": "路径中的编号或代码所指的对象不存在",
    "413": "请求体过大",
    "422": "参数或字段无效：errors 列出各字段的中文说明",
}


def hoist_defs(schema: dict[str, Any]) -> dict[str, Any]:
    """Move every nested ``$defs`` to ``components/schemas``; rewrite ``#/$defs/`` refs."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            defs = node.pop("$defs", None) if node is not schema else None
            if defs:
                for name, definition in defs.items():
                    components.setdefault(name, definition)
                    stack.append(definition)
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(DEFS_PREFIX):
                node["$ref"] = COMPONENTS_PREFIX + ref[len(DEFS_PREFIX) :]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return schema


def declare_problem(schema: dict[str, Any]) -> None:
    """``Problem`` and ``FieldError`` in ``components/schemas``."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if PROBLEM not in components:
        definition = Problem.model_json_schema(ref_template=COMPONENTS_PREFIX + "{model}")
        for name, nested in definition.pop("$defs", {}).items():
            components.setdefault(name, nested)
        components[PROBLEM] = definition


def _operations(schema: dict[str, Any]):
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, operation


def declare_common_responses(schema: dict[str, Any]) -> dict[str, Any]:
    declare_problem(schema)
    for path, operation in _operations(schema):
        has_body = "requestBody" in operation
        parameters = operation.get("parameters") or []
        has_path = any(p.get("in") == "path" for p in parameters) or "{" in path
        needed = {
            "400": has_body or bool(parameters),
            "404": has_path,
            "413": has_body,
            "422": has_body or bool(parameters),
        }
        responses = {str(k): v for k, v in operation.get("responses", {}).items()}
        operation["responses"] = responses
        for status, description in COMMON_RESPONSES.items():
            if status in responses or not needed[status]:
                continue
            responses[status] = {
                "description": description,
                "content": {"application/json": {"schema": {"$ref": COMPONENTS_PREFIX + PROBLEM}}},
            }
    return schema


def problem_content_type(schema: dict[str, Any]) -> dict[str, Any]:
    """Every 4xx and 5xx answer as ``application/problem+json``."""
    for _path, operation in _operations(schema):
        for status, response in operation.get("responses", {}).items():
            content = response.get("content") or {}
            if int(status) >= 400 and "application/json" in content:
                response["content"] = {CONTENT_TYPE: content["application/json"]}
    return schema


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    schema = copy.deepcopy(dict(schema))
    return problem_content_type(declare_common_responses(hoist_defs(schema)))
