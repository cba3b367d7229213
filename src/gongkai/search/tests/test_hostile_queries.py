"""Whatever a citizen types, the search answers without an error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search import raw_fulltext_sql, search

HOSTILE = [
    '"',
    '"""',
    "'",
    '预算"',
    "*",
    "预*",
    "^预算",
    "预算 NEAR 公开",
    "NEAR(预算 公开, 2)",
    "预算 OR 公开",
    "预算 AND NOT 公开",
    "-预算",
    "(((",
    ")预算(",
    "title_grams: 预算",
    "{title_grams body_grams}: 预算",
    "search_fts MATCH '*'",
    "'; DROP TABLE search_searchentry; --",
    "1' OR '1'='1",
    "预算 & 公开 | !财政 <-> 局",
    "'预算':* & 公开:A",
    "\\",
    "%_%",
    "\x00预算\x00",
    "预算\u200b公开",
    "🏛️政务公开🇨🇳",
    "ａｂｃ　１２３",
    "国Ⅲ标准",
    "a" * 2000,
    "预" * 2000,
    "成纪新城 " * 400,
    "𠀀𠀁𪚥",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_query_never_raises(corpus, q):
    results = search(q)
    assert results.total >= 0
    results = search(q, order="date", filters={"department": ["12", "'; --", "\x00"]})
    assert results.total >= 0


def test_sql_looking_text_is_searched_for_not_run(corpus):
    results = search("'; DROP TABLE search_searchentry; --")
    assert results.total == 0
    assert search("成纪新城").total == 1


def test_the_raw_sql_is_safe_too(corpus):
    from django.db import connection

    for q in HOSTILE:
        built = raw_fulltext_sql(q)
        if built is None:
            continue
        with connection.cursor() as cursor:
            cursor.execute(*built)
            cursor.fetchall()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=st.text(max_size=80))
def test_any_text_is_a_query(corpus, q):
    results = search(q)
    assert results.total >= 0
    for hit in results.hits:
        assert "<script" not in hit.snippet
