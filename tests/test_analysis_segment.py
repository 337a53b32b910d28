"""Optional word segmentation: the vocabulary as rjieba's user dictionary."""

from __future__ import annotations

import sys

import pytest
from analysis_oracles import paragraphs, vocabulary

from shuangtan_cli.analysis import segment
from shuangtan_cli.analysis.segment import word_tokenizer
from shuangtan_cli.errors import ShuangtanError

pytest.importorskip("rjieba")


def words(text: str) -> list[str]:
    return [token.unit for token in word_tokenizer()(text)]


def test_the_vocabulary_keeps_terms_whole() -> None:
    text = "加快构建碳达峰碳中和“1+N”政策体系，推动全国碳交易市场建设，减污降碳。"
    assert words(text) == [
        "加快",
        "构建",
        "碳达峰",
        "碳中和",
        "1+N",
        "政策",
        "体系",
        "推动",
        "全国",
        "碳市场",  # the variant 碳交易市场, as its canonical term
        "建设",
        "减污降碳",
    ]


def test_tokens_are_spans_of_the_text_and_hold_no_punctuation() -> None:
    spellings = {s: e["term"] for e in vocabulary() for s in [e["term"], *e["variants"]]}
    tokenize = word_tokenizer()
    for text in paragraphs():
        previous_end = 0
        for token in tokenize(text):
            word = text[token.start : token.end]
            assert token.unit in (word, spellings.get(word))
            assert token.start >= previous_end
            previous_end = token.end
            assert any("\u3400" <= char <= "\u9fff" for char in word) or word in spellings


def test_without_rjieba_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    segment._segmenter.cache_clear()
    monkeypatch.setitem(sys.modules, "rjieba", None)  # makes ``import rjieba`` fail
    try:
        with pytest.raises(ShuangtanError, match=r"pip install 'shuangtan\[words\]'"):
            word_tokenizer()
    finally:
        segment._segmenter.cache_clear()
