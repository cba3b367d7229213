"""Query parameters declared in the OpenAPI schema from a pydantic model, without
letting django-ninja validate them.

The public list endpoints check their query parameters by hand so that a bad
one is refused with HTTP 400 and one Chinese sentence naming it (ninja's own
validation answers 422 with English pydantic messages, and ignores unknown
names). Their parameters are still part of the contract, so each endpoint
describes them as a ``ninja.Schema`` (types, descriptions, limits, defaults,
enumerations) and hands that to the route as::

    @router.get("/documents", ..., openapi_extra=query_parameters(DocumentListParameters))

Only the schema document uses the model; the request never goes through it,
so behaviour stays exactly the hand-written parser's. Each module's tests
check that the declared names are the names its parser accepts.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

_DROPPED = ("title",)


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """The property's schema without pydantic's titles, and ``X | None`` as ``X``."""
    schema = {k: v for k, v in schema.items() if k not in _DROPPED}
    variants = [v for v in schema.pop("anyOf", []) if v.get("type") != "null"]
    if len(variants) == 1:
        schema = {**_plain(variants[0]), **schema}
    elif variants:
        schema["anyOf"] = [_plain(v) for v in variants]
    if isinstance(schema.get("items"), dict):
        schema["items"] = _plain(schema["items"])
    if schema.get("default", ...) is None:
        schema.pop("default")
    return schema


def repeated(item_type: type, **item_limits: Any) -> Any:
    """The annotation of a repeatable parameter (``?year=2015&year=2016``) whose
    values are ``item_type`` within ``item_limits`` (``ge``, ``pattern`` …)."""
    return list[Annotated[item_type, Field(**item_limits)]] | None


def parameter_list(model: type[BaseModel]) -> list[dict[str, Any]]:
    """One OpenAPI parameter object (``in: query``) per field of ``model``, in field order."""
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    out = []
    for name, prop in schema["properties"].items():
        prop = _plain(prop)
        description = prop.pop("description", "")
        parameter: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in required,
            "description": description,
            "schema": prop,
        }
        if prop.get("type") == "array":  # ?year=2015&year=2016
            parameter.update(style="form", explode=True)
        out.append(parameter)
    return out


def query_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route whose query parameters ``model`` describes."""
    return {"parameters": parameter_list(model)}
