"""Entries similar to a text (``gongkai.search.similar``), on whichever engine the suite runs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.search.indexing import index_entries
from gongkai.search.similar import STOP_WORDS, _matching, query_terms, similar_entries

SOURCE = "test.question"
BEIJING = ZoneInfo("Asia/Shanghai")

QUESTIONS = {
    "yellow": ("黄标车淘汰补贴何时发放", "黄标车报废注销后淘汰补贴一直没有发放到账。", [1]),
    "shanty": (
        "棚户区改造安置房交房时间",
        "东关棚户区改造的安置房什么时候交房，过渡费还发吗？",
        [1],
    ),
    "road": ("成纪新城道路通车", "成纪新城规划道路修了两年，何时通车？", [2]),
    "heating": ("冬季供暖温度不达标", "家里供暖温度只有十四度，供热公司不管。", [2]),
    "bus": ("增开12路公交车", "建议12路公交车延长运营时间，末班车太早。", [1]),
}


def entry(key: str, title: str, body: str, channels: list[int]) -> dict:
    return {
        "object_id": key,
        "url": f"/q/{key}/",
        "title": title,
        "body": body,
        "published_at": datetime(2026, 3, 1, 9, tzinfo=BEIJING),
        "facets": {"channel": channels},
    }


@pytest.fixture
def questions(db):
    index_entries(SOURCE, [entry(k, *v) for k, v in QUESTIONS.items()])
    # Another source with the same words: never returned for this one.
    index_entries(
        "test.other",
        [entry("other-yellow", "黄标车淘汰补贴发放通知", "黄标车淘汰补贴发放到账。", [1])],
    )


def found(title, body="", **kwargs):
    return [e.object_id for e in similar_entries(title, body, source=SOURCE, **kwargs)]


def test_the_entry_sharing_the_distinctive_words_is_found(questions):
    assert found("黄标车补贴", "我的黄标车淘汰了，补贴什么时候发？") == ["yellow"]
    (best,) = similar_entries("黄标车补贴", "我的黄标车淘汰了", source=SOURCE)
    assert best.url == "/q/yellow/" and best.title == "黄标车淘汰补贴何时发放"
    assert 0 < best.score <= 1


def test_a_word_inside_a_longer_phrase_is_matched_as_its_grams(questions):
    assert found("新城道路", "成纪新城区那条道路什么时候通车") == ["road"]


def test_letters_and_digits_count_as_words(questions):
    assert found("12路公交车末班车", "") == ["bus"]


def test_only_words_in_common_with_everything_find_nothing(questions):
    assert found("您好请问", "谢谢领导，我们反映的问题什么时候解决？") == []
    assert found("拖欠工资", "老板拖欠工资半年了，请问什么时候能发放？") == []


@pytest.mark.parametrize("text", ["", "   ", "。，！？", "的", "a"])
def test_empty_or_punctuation_only_text_finds_nothing(questions, text):
    assert found(text, text) == []


def test_filters_restrict_to_entries_with_one_of_the_values(questions):
    assert found("黄标车淘汰补贴", filters={"channel": [2]}) == []
    assert found("成纪新城道路", filters={"channel": [2, 3]}) == ["road"]
    assert found("成纪新城道路", filters={"channel": [99]}) == []


def test_excluded_ids_and_the_limit(questions):
    assert found("黄标车淘汰补贴", exclude={"yellow"}) == []
    assert found("黄标车淘汰补贴", limit=0) == []


def test_stop_words_and_masked_placeholders_are_no_terms(questions):
    terms = [t.text for t in query_terms("请问某某的事情", "您好，某某××××，电话138****1234，谢谢")]
    assert not any("某" in t for t in terms)
    assert not set(terms) & STOP_WORDS


def test_words_of_the_title_weigh_more_and_rare_words_more_than_common_ones(questions):
    terms = {t.text: t for t in query_terms("供暖", "供暖 温度")}
    assert terms["供暖"].df == terms["温度"].df == 1
    assert terms["供暖"].weight > terms["温度"].weight  # title and body against body only
    # 发放 is in two entries (counted in the whole index: one of them is the
    # other source's), 过渡 (过渡费) in one: the rarer word weighs more.
    terms = {t.text: t for t in query_terms("", "发放 过渡费")}
    assert (terms["发放"].df, terms["过渡"].df) == (2, 1)
    assert terms["过渡"].weight > terms["发放"].weight


def test_a_word_no_entry_has_is_kept_for_the_score_but_not_matched(questions):
    terms = query_terms("工资发放", "")
    assert {t.text: t.df for t in terms}["工资"] == 0
    core, extra = _matching(terms)
    assert "工资" not in {t.text for t in [*core, *extra]}
