"""The candidate cap (ADR 0005): only the newest SEARCH_CANDIDATES matches are
ranked, counted and faceted; totals above it are reported as capped."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from gongkai.search import index_entries, search
from gongkai.search.query import parse
from gongkai.search.searching import count

# The cap is the database engine's; the embedded one ranks and counts every match.
pytestmark = pytest.mark.engine("database")

SOURCE = "test.capped"
TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)


@pytest.fixture
def seven(db):
    """Seven notices about 供暖 (heating), one a day; only the oldest has it in its title."""
    from gongkai.search.registry import register_source, unregister_source

    register_source(SOURCE, label="测试", iter_entries=lambda: iter(()))
    entries = [
        {
            "object_id": f"n{day}",
            "url": f"/n/{day}/",
            "title": "关于城区供暖的通知" if day == 0 else f"第{day}号工作通知",
            "body": f"今年冬季供暖工作第{day}项安排，涉及秦州区和麦积区。",
            "published_at": START + timedelta(days=day),
            "facets": {"year": 2026 if day < 5 else 2027},
        }
        for day in range(7)
    ]
    index_entries(SOURCE, entries)
    yield
    unregister_source(SOURCE)


@override_settings(SEARCH_CANDIDATES=100)
def test_below_the_cap_everything_is_exact(seven):
    results = search("供暖", filters={"source": [SOURCE]}, per_page=3)
    assert (results.total, results.capped) == (7, False)
    assert results.hits[0].object_id == "n0"  # the title match ranks first
    assert results.facet_counts["year"] == {"2026": 5, "2027": 2}


@override_settings(SEARCH_CANDIDATES=4)
def test_above_the_cap_only_the_newest_are_ranked_and_counted(seven):
    results = search("供暖", filters={"source": [SOURCE]}, per_page=10)
    assert (results.total, results.capped) == (4, True)
    # n0's title match is older than the 4 newest matches: not ranked.
    assert {hit.object_id for hit in results.hits} == {"n3", "n4", "n5", "n6"}
    assert sum(results.facet_counts["year"].values()) == 4  # among the candidates
    assert count(parse("供暖"), {"source": [SOURCE]}) == 5  # the cap plus one: "more"


@override_settings(SEARCH_CANDIDATES=4)
def test_by_date_pages_go_on_past_the_cap(seven):
    pages = [
        [hit.object_id for hit in search("供暖", order="date", page=n, per_page=2).hits]
        for n in (1, 2, 3, 4)
    ]
    assert pages == [["n6", "n5"], ["n4", "n3"], ["n2", "n1"], ["n0"]]


@override_settings(SEARCH_CANDIDATES=4)
def test_a_narrow_filter_brings_the_matches_under_the_cap_again(seven):
    results = search("供暖", filters={"source": [SOURCE], "year": ["2026"]})
    assert (results.total, results.capped) == (4, True)  # five in 2026
    results = search("供暖 秦州区", filters={"year": ["2027"]})
    assert (results.total, results.capped) == (2, False)
    assert [hit.object_id for hit in results.hits] == ["n6", "n5"]  # equal scores: newest first
