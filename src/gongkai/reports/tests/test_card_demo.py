"""The report card of 天水市 for 2016 over the demo world reproduces the seed's figures that
the demo was built to match: the nine key areas (disclosure demo), 183 deputies'
suggestions and 221 CPPCC proposals (proposals demo), and the consultations the seed
names (consultations demo), the twelve issues of the gazette, their 1.2万册 and the 16 issues of
the bulletin boards (publications demo).

Only the loaders that carry those figures are run (the world, the site, the catalogue,
the consultations, the proposals), once for the module, inside a transaction rolled
back afterwards.
"""

from __future__ import annotations

import pytest

from gongkai.reports.card.figures import report_card

SEED_KEY_AREAS = [
    "财政预决算和“三公”经费",
    "行政审批",
    "环境保护",
    "社会保障",
    "食品药品安全",
    "价格和收费",
    "征地拆迁",
    "安全生产",
    "保障性住房",
]
SEED_CONSULTATIONS = [
    "成纪新城19条道路名称",
    "西关片区名城保护（棚户区改造）一期项目设计方案",
    "伏羲庙标识",
    "伏羲大典祭文和宣传语",
    "吉祥物设计方案",
    "城市总体规划",
    "黄标车",
]


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from importlib import import_module

    from django.apps import apps
    from django.db import transaction

    from gongkai.consultations.demo import load_consultations
    from gongkai.demo import loaders
    from gongkai.disclosure.demo import load_disclosure
    from gongkai.disclosure.models import SubjectCategory
    from gongkai.proposals.demo import load_proposals
    from gongkai.publications.demo import load_gazette

    with django_db_blocker.unblock(), transaction.atomic():
        if not SubjectCategory.objects.exists():
            import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)
        ctx = loaders.DemoContext(out=lambda *_: None)
        for loader in (
            loaders.load_governments,
            loaders.load_departments_and_staff,
            loaders.load_site_profile,
            load_disclosure,
            load_gazette,
            load_consultations,
            load_proposals,
        ):
            with transaction.atomic():
                loader(ctx)
        yield ctx
        transaction.set_rollback(True)


@pytest.fixture
def card(demo_world, db):
    from django.core.cache import cache

    cache.clear()
    yield report_card(demo_world.city, 2016)
    cache.clear()


def section(card, key):
    return next(s for s in card["sections"] if s["key"] == key)


def figures(card) -> dict:
    return {f["key"]: f for s in card["sections"] for f in s["figures"]}


def test_the_nine_key_areas_of_the_seed_each_with_items(card):
    areas = [f for f in section(card, "key_areas")["figures"] if f["key"].startswith("key_area_")]
    assert [f["label"].removeprefix("重点领域：") for f in areas] == SEED_KEY_AREAS
    assert all(f["value"] > 0 for f in areas)
    assert "设立9个重点领域信息公开栏目" in section(card, "key_areas")["sentence"]


def test_183_suggestions_and_221_proposals(card):
    from gongkai.proposals.models import Session
    from gongkai.proposals.stats import summary_sentence

    got = figures(card)
    assert got["proposals_suggestions"]["value"] == 183
    assert got["proposals_proposals"]["value"] == 221
    assert got["proposals_handled"]["value"] == 404
    sentence = summary_sentence(Session.objects.filter(opened_on__year=2016))
    assert sentence.startswith("承办代表建议183件、政协提案221件，已办结")
    assert section(card, "proposals")["sentence"] == sentence + "。"
    rate = got["proposals_satisfaction"]["value"]
    assert sentence.endswith(f"满意率{rate:g}%")


def test_the_consultations_the_seed_names(card):
    listed = section(card, "consultations")["listed"]
    titles = [c["title"] for c in listed]
    for words in SEED_CONSULTATIONS:
        assert sum(words in t for t in titles) == 1, words
    assert figures(card)["consultations_held"]["value"] == len(listed) == 7  # the 8th is today's
    roads = next(c for c in listed if "成纪新城19条道路名称" in c["title"])
    assert roads["fed_back"] and roads["kind"] == "方案征集"


def test_every_figure_of_the_demo_s_card_is_read_from_its_module(card):
    got = figures(card)
    assert [f["label"] for f in got.values() if not f["available"]] == []
    # 2016's inspections were not kept on the platform: none, not "not available"
    assert got["website_inspections"]["value"] == 0


def test_the_gazette_s_issues_the_seed_s_copies_and_bulletin_issues(card):
    got = figures(card)
    assert (got["gazette_issues"]["value"], got["gazette_copies"]["value"]) == (12, 12000)
    assert got["bulletin_issues"]["value"] == 16
    assert (
        "全年编辑出版政府公报12期，赠阅12000册；更新政务公开栏16期。"
        in section(card, "channels")["sentence"]
    )


def test_the_demo_card_page(demo_world, db, client):
    from django.core.cache import cache

    cache.clear()
    response = client.get("/nianbao/chengjidan/620500/2016/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "承办代表建议183件、政协提案221件" in html
    assert "成纪新城19条道路名称公开征集" in html
    assert 'card-status">暂未提供' not in html  # every figure is read from its module
