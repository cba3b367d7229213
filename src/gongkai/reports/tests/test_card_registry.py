"""The report card shows what the modules register (``gongkai.core.figures``): every
module's sections in the registered order, a new provider's section in its place, and
nothing of a module that registered nothing (not installed) — the card names no module."""

from __future__ import annotations

import pytest

from gongkai.core import figures as registry
from gongkai.core.figures import CardSection, Contribution, Figure, register_figures
from gongkai.reports.card.figures import report_card, years_with_data
from gongkai.testing import factories

pytestmark = pytest.mark.django_db
ORDER = [
    "key_areas",
    "channels",
    "applications",
    "messages",
    "consultations",
    "documents",
    "management",
    "services",
    "proposals",
    "interpretations",
]


@pytest.fixture
def site(world):
    from django.core.cache import cache

    cache.clear()
    factories.site_profile(world.tianshui)
    yield world
    cache.clear()


@pytest.fixture
def providers(monkeypatch):
    """The registry as the installed modules left it, restored after the test."""
    monkeypatch.setattr(registry, "_PROVIDERS", dict(registry._PROVIDERS))
    return registry._PROVIDERS


def keys(card) -> list[str]:
    return [s["key"] for s in card["sections"]]


def test_the_installed_modules_give_the_seed_s_sections_in_order(site):
    card = report_card(site.tianshui, 2016)
    assert keys(card) == ORDER
    assert [s["key"] for s in card["sections"] if "listed" in s] == ["consultations"]


def test_a_registered_provider_adds_its_section_in_its_place(site, providers):
    def petitions(government, year):
        section = CardSection(
            "petitions",
            "信访事项",
            (Figure("petitions_received", "收到信访事项", 7, "件", "/xinfang/"),),
            sentence=f"{government.name}{year}年收到信访事项7件。",
            headline=("petitions_received",),
        )
        return Contribution((section,), monthly=(("信访事项", [1] * 12),), charts={"x": [1]})

    register_figures("petitions", petitions, order=45, years=lambda: [(site.tianshui.path, 2012)])
    card = report_card(site.tianshui, 2016)
    assert keys(card) == [*ORDER[:4], "petitions", *ORDER[4:]]
    added = card["sections"][4]
    assert added["sentence"] == "天水市2016年收到信访事项7件。"
    assert added["figures"][0] == {
        "key": "petitions_received",
        "label": "收到信访事项",
        "value": 7,
        "unit": "件",
        "source_url": "/xinfang/",
        "available": True,
        "status": "",
    }
    assert [f["key"] for f in card["headline"]] == [
        "items_total",
        "applications_new",
        "messages_received",
        "petitions_received",
        "consultations_held",
        "proposals_handled",
    ]
    assert [name for name, _ in card["charts"]["monthly"]["series"]] == [
        "依申请公开申请",
        "群众留言",
        "信访事项",
    ]
    assert card["charts"]["x"] == [1]
    assert (2012, site.tianshui) in years_with_data([site.tianshui])


def test_a_module_that_registered_nothing_is_simply_absent(site, providers, client):
    del providers["interaction"]
    card = report_card(site.tianshui, 2016)
    assert "messages" not in keys(card)
    assert keys(card) == [k for k in ORDER if k != "messages"]
    assert "messages_received" not in [f["key"] for f in card["headline"]]
    assert [name for name, _ in card["charts"]["monthly"]["series"]] == ["依申请公开申请"]
    assert "on_time_messages" not in card["charts"]
    html = client.get("/nianbao/chengjidan/620500/2016/").content.decode()
    assert "留言办理和回应关切" not in html and "四、决策公开：意见征集" in html
    assert html.count('<figure class="chart') == 3  # the messages' chart by unit is gone


def test_without_any_provider_the_card_is_empty_but_shown(site, providers, client):
    providers.clear()
    card = report_card(site.tianshui, 2016)
    assert (card["sections"], card["headline"], card["charts"]["monthly"]["series"]) == ([], [], [])
    assert years_with_data([site.tianshui]) == []
    assert client.get("/nianbao/chengjidan/620500/2016/").status_code == 200
