"""The API is built from the routers the modules register (``gongkai.api.registry``)."""

from gongkai.api.registry import registered_routers


def test_the_modules_register_their_routers_in_schema_order():
    assert registered_routers() == [
        "gongkai.disclosure.api.router",
        "gongkai.applications.api_stats.router",
        "gongkai.applications.api.router",
        "gongkai.interaction.api.router",
        "gongkai.consultations.api.router",
        "gongkai.proposals.api.router",
        "gongkai.powers.api.enforcement.router",
        "gongkai.powers.api.router",
        "gongkai.publications.api.router",
        "gongkai.services.api.router",
        "gongkai.services.api.cases.router",
    ]


def test_every_registered_router_is_mounted(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/applications", "/api/v1/messages", "/api/v1/documents"} <= set(paths)
