"""The Chinese analyzer every search backend uses (no database needed)."""

from search.analysis import analyze_for_index, analyze_query, query_terms, tokenizer


def index_tokens(text):
    return analyze_for_index(text).split()


def test_a_title_is_indexed_as_its_words_and_their_sub_words():
    tokens = index_tokens("宁德市零工市场规范化建设实施方案")
    for word in ["宁德", "宁德市", "零工市场", "零工", "市场", "规范化建设", "规范化", "建设", "实施方案"]:
        assert word in tokens


def test_domain_words_stay_whole_in_queries():
    assert query_terms("零工驿站") == ["零工驿站"]
    assert query_terms("运维补助和绩效补助") == ["运维补助", "绩效补助"]  # 和 is dropped
    assert query_terms("水电安装工") == ["水电安装工"]
    assert query_terms("柘荣县") == ["柘荣县"]


def test_every_query_word_is_among_the_indexed_tokens_of_text_containing_it():
    text = "对星级认定的零工市场给予一次性建设补助和运维补助，泥水工、育婴员可在零工驿站登记。"
    tokens = set(index_tokens(text))
    for query in ["星级认定", "星级", "建设补助", "运维补助", "泥水工", "育婴员", "零工驿站", "驿站", "登记"]:
        assert set(query_terms(query)) <= tokens, query


def test_document_numbers_become_a_whole_token_and_parts_on_both_sides():
    tokens = index_tokens("根据宁人社规〔2024〕3号和闽人社文〔2022〕127号")
    assert {"宁人社规2024年3号", "宁人社规", "2024", "3", "闽人社文2022年127号", "闽人社文", "2022", "127"} <= set(
        tokens
    )
    assert "根据" in tokens
    # Typed with other brackets, 年, or full-width digits: the same whole-number token.
    for typed in ["宁人社规〔2024〕3号", "宁人社规[2024]3号", "宁人社规2024年3号", "宁人社规（２０２４）３号"]:
        assert "宁人社规2024年3号" in query_terms(typed), typed


def test_html_punctuation_and_case_are_normalised():
    assert analyze_query("<p>ＡＢＣ，零工&nbsp;市场！</p>") == "abc 零工 市场"
    assert analyze_query("，。！") == ""


def test_the_dictionary_is_loaded_once_per_process():
    assert tokenizer() is tokenizer()
    assert tokenizer.cache_info().currsize == 1
