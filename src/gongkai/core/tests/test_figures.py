"""The report card's registry (``gongkai.core.figures``): providers in order, one per
key, a lone section taken as the provider's whole contribution."""

from __future__ import annotations

import pytest

from gongkai.core import figures
from gongkai.core.figures import (
    CardSection,
    Contribution,
    Figure,
    register_figures,
    registered_figures,
    unregister_figures,
    with_query,
)


@pytest.fixture
def empty(monkeypatch):
    monkeypatch.setattr(figures, "_PROVIDERS", {})


def section(key: str) -> CardSection:
    return CardSection(key, f"{key} heading", (Figure(f"{key}_n", "件数", 1, "件"),))


def test_providers_come_in_their_order_whatever_the_order_of_registering(empty):
    register_figures("late", lambda g, y: section("late"), order=90)
    register_figures("early", lambda g, y: section("early"), order=10)
    register_figures("middle", lambda g, y: section("middle"), order=50)
    assert [p.key for p in registered_figures()] == ["early", "middle", "late"]


def test_registering_a_key_again_replaces_it_and_unregistering_removes_it(empty):
    register_figures("one", lambda g, y: section("one"), order=10)
    register_figures("one", lambda g, y: section("again"), order=5)
    (provider,) = registered_figures()
    assert provider.order == 5
    assert provider.contribution(None, 2016).sections[0].key == "again"
    unregister_figures("one")
    unregister_figures("never registered")
    assert registered_figures() == []


def test_a_lone_section_is_the_whole_contribution(empty):
    provider = register_figures("one", lambda g, y: section(f"one_{y}"), order=10)
    assert provider.contribution(None, 2016) == Contribution(sections=(section("one_2016"),))


def test_a_figure_is_the_card_s_dict():
    figure = Figure("k", "标签", None, "%", "/list/", available=False, status="暂未提供")
    assert figure.as_dict() == {
        "key": "k",
        "label": "标签",
        "value": None,
        "unit": "%",
        "source_url": "/list/",
        "available": False,
        "status": "暂未提供",
    }
    assert list(figure.as_dict()) == [
        "key", "label", "value", "unit", "source_url", "available", "status"
    ]  # fmt: skip


def test_a_section_s_dict_and_its_headline():
    one, two = Figure("a", "甲", 1, "件"), Figure("b", "乙", 2, "件")
    plain = CardSection("s", "标题", (one, two), sentence="句。", headline=("b", "a"))
    assert plain.as_dict() == {
        "key": "s",
        "heading": "标题",
        "sentence": "句。",
        "figures": [one.as_dict(), two.as_dict()],
    }
    assert plain.headline_figures() == [two, one]
    listed = CardSection("s", "标题", (), listed=({"title": "征集", "url": "/x/"},))
    assert listed.as_dict()["listed"] == [{"title": "征集", "url": "/x/"}]


def test_links_leave_out_empty_parameters():
    assert with_query("/xxgk/catalog/", gov="", year=2016, key_area=None) == (
        "/xxgk/catalog/?year=2016"
    )
    assert with_query("/jianyi/") == "/jianyi/"
