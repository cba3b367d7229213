"""Suggestions when nothing is found: real queries, run and counted."""

from gongkai.search import search


def test_dropping_a_term_is_suggested_with_its_count(corpus):
    results = search("成纪新城 黄标车")
    assert results.total == 0
    suggested = {s.query: s for s in results.suggestions}
    assert suggested["成纪新城"].total == 1
    assert suggested["成纪新城"].label == "去掉“黄标车”"
    assert suggested["黄标车"].total == 2


def test_words_typed_without_spaces_are_found_apart_or_suggested_split(corpus):
    # A compound that jieba's words tile is found as its words apart (query.compound_parts).
    results = search("天水市财政局预算")
    assert results.total == search("天水市 财政局 预算").total == 2
    assert not results.suggestions
    # One they do not tile (成纪 is no word to jieba) is offered split instead.
    results = search("天水市成纪新城预算")
    assert results.total == 0
    assert results.suggestions
    for suggestion in results.suggestions:
        assert " " in suggestion.query
        assert suggestion.total == search(suggestion.query).total > 0


def test_searching_without_the_filters_is_suggested(corpus):
    results = search("黄标车", filters={"department": "12"})
    assert results.total == 0
    [suggestion] = [s for s in results.suggestions if not s.filters]
    assert suggestion.query == "黄标车"
    assert suggestion.total == 2
    assert suggestion.label == "取消筛选条件"


def test_every_suggestion_finds_what_it_says(corpus):
    results = search("西关 棚户区改造 成纪新城 预算")
    assert results.total == 0
    assert results.suggestions
    for suggestion in results.suggestions:
        assert search(suggestion.query, filters=suggestion.filters).total == suggestion.total > 0


def test_nothing_to_suggest_when_nothing_comes_close(corpus):
    assert search("量子计算").suggestions == []


def test_no_suggestions_when_something_is_found(corpus):
    assert search("黄标车").suggestions == []
