"""Tokenising and query parsing, without a database."""

from gongkai.search import tokens
from gongkai.search.query import MAX_TERMS, parse


def test_a_cjk_run_gives_its_bigrams_then_its_last_character():
    assert tokens.grams("成纪新城") == ["成纪", "纪新", "新城", "城"]


def test_a_one_character_run_gives_the_character():
    assert tokens.grams("市") == ["市"]


def test_punctuation_separates_runs_and_ascii_is_lower_cased_and_full_width_folded():
    assert tokens.grams("天水市，GDP增长７.５%") == [
        "天水",
        "水市",
        "市",
        "gdp",
        "增长",
        "长",
        "7",
        "5",
    ]


def test_a_query_term_drops_the_trailing_character_so_longer_text_still_matches():
    assert tokens.query_grams("成纪新城") == (["成纪", "纪新", "新城"], False)


def test_a_query_ending_in_one_character_is_a_prefix():
    assert tokens.query_grams("2026年") == (["2026", "年"], True)
    assert tokens.query_grams("城") == (["城"], True)


def test_query_grams_are_a_contiguous_part_of_the_text_grams():
    text = tokens.grams("天水市财政局2026年部门预算公开")
    for query in ["天水市财政局", "财政局2026年部门", "市财政", "预算公开", "局2026"]:
        phrase, _ = tokens.query_grams(query)
        assert any(text[i : i + len(phrase)] == phrase for i in range(len(text))), query


def test_words_are_jieba_search_mode_words_of_two_or_more_cjk_characters():
    assert tokens.words("西关片区棚户区改造项目") == [
        "西关",
        "片区",
        "棚户",
        "棚户区",
        "改造",
        "项目",
    ]


def test_words_are_what_jieba_cut_for_search_gives_for_every_cjk_segment():
    tokenizer = tokens._tokenizer()
    texts = [
        "中华人民共和国政府信息公开条例",
        "为改善群众居住条件，根据《国有土地上房屋征收与补偿条例》，结合我市实际，制定本实施细则。",
        "张家川回族自治县2016年精准扶贫工作总结：惠及群众3.5万人，同比增长12.5%。",
        "天水市人民政府办公室关于进一步加强城乡低保和医疗救助工作的实施意见",
        "研究生命起源，结婚的和尚未结婚的，南京市长江大桥",
        "𠀀中国㐀人民鿐政府",  # characters outside jieba's range split the text
    ]
    for text in texts:
        expected = [
            w
            for segment in tokens.CJK_ONLY_RE.findall(tokens.normalise(text))
            for w in tokenizer.cut_for_search(segment, HMM=False)
            if len(w) > 1 and tokens.CJK_ONLY_RE.fullmatch(w)
        ]
        assert tokens.words(text) == expected, text


def test_jieba_does_not_find_the_word_in_these_texts_which_is_why_matching_uses_grams():
    assert "黄标车" not in tokens.words("全年淘汰黄标车辆3126辆，全市黄标车淘汰任务提前完成")
    assert "成纪新城" not in tokens.words("为规范成纪新城道路命名")


def test_terms_split_on_spaces_and_punctuation_but_quotes_keep_them_whole():
    assert [t.text for t in parse("天水 市　财政局,预算").terms] == ["天水", "市", "财政局", "预算"]
    assert [t.text for t in parse('"成纪 新城" 黄标车').terms] == ["成纪 新城", "黄标车"]
    assert [t.text for t in parse("“成纪，新城”").terms] == ["成纪，新城"]


def test_nothing_but_symbols_is_an_empty_query():
    for q in ["", "   ", "*", "()", '""', "💥🎉", "——", None]:
        assert parse(q).empty, q


def test_repeated_terms_count_once_and_the_number_of_terms_is_capped():
    assert len(parse("预算 预算 预算").terms) == 1
    assert len(parse(" ".join(f"词{i}" for i in range(40))).terms) == MAX_TERMS


def test_the_query_text_quotes_terms_with_spaces():
    assert parse('"成纪 新城" 黄标车').text() == '"成纪 新城" 黄标车'
