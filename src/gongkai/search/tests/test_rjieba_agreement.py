"""rjieba (Rust) gives the index the same words as jieba's own algorithm and dictionary."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gongkai.search import tokens

pytestmark = pytest.mark.engine("tantivy")  # no index involved: once is enough

SRC = Path(tokens.__file__).resolve().parents[1]


def demo_texts() -> list[str]:
    """Every string of the demo's modules holding Chinese: the texts `gongkai demo` indexes."""
    files = sorted(SRC.glob("*/demo/*.py")) + sorted(SRC.glob("*/demo.py"))
    texts = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and tokens.CJK_ONLY_RE.search(node.value)
            ):
                texts.append(node.value)
    return texts


def test_rjieba_and_jieba_agree_on_every_demo_text():
    texts = demo_texts()
    assert len(texts) > 500  # the demo's texts were found
    differing = [t for t in texts if tokens.words(t) != tokens.python_words(t)]
    assert differing == []


def test_the_words_of_a_title():
    assert tokens.words("天水市棚户区改造工程实施方案") == [
        "天水",
        "天水市",
        "棚户",
        "棚户区",
        "改造",
        "工程",
        "实施",
        "方案",
        "实施方案",
    ]


def test_quotation_and_book_title_marks_do_not_break_a_phrase():
    assert tokens.grams("“三公”经费") == tokens.grams("三公经费")
    assert tokens.query_grams("印发办法")[0] == tokens.grams("印发《办法》")[:3]
    assert "，" not in tokens.JOINERS and tokens.grams("三公，经费") != tokens.grams("三公经费")
