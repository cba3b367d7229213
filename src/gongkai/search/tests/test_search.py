"""Searching a real index (SQLite FTS5 or PostgreSQL, whichever the suite runs on)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.search import (
    InvalidOrder,
    UnknownFacet,
    UnknownFilter,
    clear_source,
    index_entry,
    remove_entry,
    search,
)
from gongkai.search.tests.data import SOURCE


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("成纪新城", {"road-names"}),
        ("黄标车", {"yellow-label-draft", "air-pollution-summary"}),
        ("棚户区改造", {"xiguan-compensation", "shantytown-opinion"}),
        ("天水 市 财政局 预算", {"budget-2026", "budget-execution-2025"}),
    ],
)
def test_chinese_words_are_found_however_jieba_splits_the_text(corpus, found, q, expected):
    assert set(found(q)) == expected


def test_a_word_only_in_the_body_is_found(corpus, found):
    # 西关: 棚户区改造 only in the body; the 2016 summary: 黄标车 only in the body,
    # where jieba cuts 黄标车辆 into 车辆.
    assert "xiguan-compensation" in found("棚户区改造")
    assert "棚户区改造" not in corpus["xiguan-compensation"]["title"]
    assert "air-pollution-summary" in found("黄标车")


def test_a_term_must_be_found_contiguously(corpus, found):
    # 秦州区成纪大道 … 麦积区的新城片区: both words, far apart.
    assert "avenue-cleanup" not in found("成纪新城")
    assert "avenue-cleanup" in found("成纪 新城")


def test_quotes_keep_punctuation_inside_one_term(corpus, found):
    assert "avenue-cleanup" in found("成纪,新城")  # two terms
    assert found('"成纪,新城"') == []  # one term: 成纪 then a separator then 新城


def test_a_single_character_is_found_at_the_end_of_a_word_too(corpus, found):
    assert "road-names" in found("城")  # 新城
    assert "statistics-2016" in found("2016年天")


def test_ascii_words_are_case_and_width_insensitive(corpus, found):
    assert found("gdp") == found("ＧＤＰ") == found("GDP") == ["statistics-2016"]


def test_all_terms_must_match(corpus, found):
    assert found("黄标车 征求意见") == ["yellow-label-draft"]


def test_title_matches_rank_above_body_matches(corpus, found):
    ids = found("预算")
    assert set(ids) == {"budget-2026", "budget-execution-2025", "subsistence-allowance"}
    assert ids[-1] == "subsistence-allowance"  # 预算 only once, in the body


def test_date_order_is_newest_first(corpus, found):
    ids = found("预算", order="date")
    assert ids == ["subsistence-allowance", "budget-2026", "budget-execution-2025"]


def test_an_unknown_order_is_refused(corpus):
    with pytest.raises(InvalidOrder):
        search("预算", order="popularity")


def test_filters_by_department_year_and_validity(corpus, found):
    assert set(found("棚户区改造", filters={"department": "16"})) == {"shantytown-opinion"}
    assert set(found("城市", filters={"key_area": ["housing"], "validity": "valid"})) == {
        "shantytown-opinion"
    }
    assert set(found("黄标车", filters={"year": 2017})) == {"air-pollution-summary"}
    assert set(found("预算", filters={"department": [12, 15]})) == {
        "budget-2026",
        "budget-execution-2025",
        "subsistence-allowance",
    }


def test_facet_counts_count_the_values_among_all_matches(corpus):
    results = search("黄标车")
    assert results.total == 2
    assert results.facet_counts["department"] == {"13": 2, "17": 1}
    assert results.facet_counts["year"] == {"2016": 1, "2017": 1}
    assert results.facet_counts["source"] == {SOURCE: 2}


def test_a_filtered_facet_still_counts_its_other_values(corpus):
    results = search("预算", filters={"department": "15"})
    assert results.total == 1
    # The sidebar can offer 财政局 too: its count ignores the department filter …
    assert results.facet_counts["department"] == {"12": 2, "15": 1}
    # … while the other facets count what is shown.
    assert results.facet_counts["year"] == {"2026": 1}


def test_an_unknown_filter_is_refused_by_name(corpus):
    with pytest.raises(UnknownFilter) as raised:
        search("预算", filters={"departement": "12"})
    assert isinstance(raised.value, ValueError)
    assert raised.value.name == "departement"
    assert "departement" in str(raised.value)


def test_snippet_marks_the_terms_and_escapes_the_indexed_html(corpus):
    [hit] = search("安全生产 大检查").hits
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;alert(&#x27;<mark>安全生产</mark>&#x27;)&lt;/script&gt;" in hit.snippet
    assert hit.title_html == "关于开展<mark>安全生产</mark><mark>大检查</mark>的通知"


def test_snippet_is_cut_around_the_first_match(corpus):
    [hit] = search("国Ⅲ标准").hits
    assert hit.snippet.startswith("…")
    assert "<mark>国Ⅲ标准</mark>" in hit.snippet


def test_hits_carry_what_the_result_page_shows(corpus):
    [hit] = search("成纪新城").hits
    assert hit.source == SOURCE
    assert hit.url == "/xxgk/road-names/"
    assert hit.title == "成纪新城19条道路名称征集公告"
    assert hit.published_at == datetime(2016, 6, 15, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert hit.facets["department"] == [14, 18]


def test_pages(corpus):
    first = search("市", per_page=3)
    second = search("市", per_page=3, page=2)
    assert first.total == second.total > 6
    assert len(first.hits) == len(second.hits) == 3
    assert not {h.object_id for h in first.hits} & {h.object_id for h in second.hits}
    assert search("市", per_page=3, page=99).hits == []


def test_an_empty_query_finds_nothing(corpus):
    results = search("  ")
    assert results.total == 0 and results.hits == [] and results.suggestions == []


def test_removed_entries_are_not_found(corpus, found):
    assert remove_entry(SOURCE, "road-names") is True
    assert found("成纪新城") == []
    assert remove_entry(SOURCE, "road-names") is False


def test_clearing_a_source_removes_all_its_entries(corpus, found):
    assert clear_source(SOURCE) == len(corpus)
    assert found("市") == []


def test_indexing_again_replaces_text_and_facets(corpus, found):
    item = corpus["road-names"]
    index_entry(
        SOURCE,
        "road-names",
        url=item["url"],
        title="成纪新城道路名称公示",
        body="经征集评审，拟将成纪新城19条道路命名如下。",
        published_at=item["published_at"],
        facets={"department": [18], "year": 2017},
    )
    assert found("征集公告") == []
    assert found("成纪新城", filters={"year": "2017"}) == ["road-names"]
    assert found("成纪新城", filters={"department": "14"}) == []


def test_indexing_with_an_unregistered_facet_is_refused(db):
    with pytest.raises(UnknownFacet):
        index_entry(
            SOURCE,
            "x",
            url="/x/",
            title="测试",
            published_at=datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")),
            facets={"colour": "red"},
        )


def test_text_with_nul_characters_from_pdf_extraction_is_indexed(db, found):
    index_entry(
        SOURCE,
        "pdf",
        url="/x/pdf/",
        title="附件：2026年\x00预算表",
        body="一般公共预算\x00收入",
        published_at=datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")),
        facets={"year": {2026}, "department": (12, 15)},
    )
    assert found("一般公共预算收入") == ["pdf"]
    assert search("预算表").hits[0].facets == {"year": [2026], "department": [12, 15]}


def test_a_term_near_the_end_of_a_very_long_attachment_is_found(db, found):
    # 30,000 characters: past the 16,383 positions a PostgreSQL tsvector counts.
    filler = "本级一般公共预算支出按功能分类列示如下。" * 1500
    index_entry(
        SOURCE,
        "long",
        url="/x/long/",
        title="2026年市级部门预算草案（附件）",
        body=filler + "附表：成纪新城基础设施建设资金安排。",
        published_at=datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    assert found("成纪新城") == ["long"]
    assert found("基础设施建设") == ["long"]
    assert found("功能分类") == ["long"]
