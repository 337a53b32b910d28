"""Han runs and character n-grams, counted a second way over the bundled corpus."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from analysis_oracles import (
    count_units,
    has_border,
    in_han_block,
    ngrams,
    paragraphs,
    records,
    runs,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from shuangtan_cli.analysis import units
from shuangtan_cli.analysis.units import (
    count_han,
    count_ngrams,
    count_tokens,
    han_run_spans,
    han_runs,
    is_han,
    ngram_rows,
    ngram_tokenizer,
    ngram_tokens,
    parse_n,
)
from shuangtan_cli.errors import ShuangtanError


def documents() -> list[list[str]]:
    return [record["paragraphs"] for record in records()]


# --- what a Han character is ------------------------------------------------------------------


def test_han_agrees_with_the_han_chars_field_on_every_record() -> None:
    for record in records():
        text = "".join(record["paragraphs"])
        assert count_han(text) == record["han_chars"], record["id"]
        assert sum(map(in_han_block, text)) == record["han_chars"], record["id"]


def test_every_character_of_the_corpus_is_han_exactly_when_in_the_block() -> None:
    characters = {char for text in paragraphs() for char in text}
    for char in characters:
        assert is_han(char) == in_han_block(char), (char, unicodedata.name(char, "?"))


@pytest.mark.parametrize(
    ("char", "han"),
    [
        ("碳", True),
        ("〇", True),  # U+3007, script Han, outside U+3400–U+9FFF
        ("々", True),  # U+3005, script Han
        ("\U00020000", True),  # CJK Unified Ideographs Extension B
        ("\uf900", True),  # a compatibility ideograph
        ("，", False),
        ("“", False),
        ("1", False),
        ("N", False),
        ("·", False),
        ("ー", False),  # the katakana prolonged sound mark is script Common
    ],
)
def test_han_is_the_unicode_script(char: str, han: bool) -> None:
    assert is_han(char) is han


def test_runs_break_at_every_other_character() -> None:
    text = "构建碳达峰碳中和“1+N”政策体系，2030年前 实现"
    assert han_runs(text) == ["构建碳达峰碳中和", "政策体系", "年前", "实现"]
    assert han_runs(text) == runs(text)
    assert [text[a:b] for a, b in han_run_spans(text)] == han_runs(text)
    assert han_runs("") == [] and han_runs("1+N，。") == []


def test_runs_of_the_corpus_match_a_character_loop() -> None:
    for text in paragraphs():
        assert han_runs(text) == runs(text)


# --- n-gram counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("lengths", [1, 2, 3, 4, (2, 4), (1, 3)])
def test_ngram_counts_of_the_corpus_match_a_plain_loop(lengths: int | tuple[int, int]) -> None:
    low, high = (lengths, lengths) if isinstance(lengths, int) else lengths
    got = count_ngrams(documents(), lengths)
    counts, ranges, size = count_units(documents(), lambda text: ngrams(text, low, high))
    assert got.counts == counts
    assert got.ranges == ranges
    assert got.size == size
    assert got.documents == len(records())
    assert got.characters == sum(record["length"] for record in records())


def test_size_is_the_number_of_windows() -> None:
    # A run of L characters holds L - n + 1 windows of n characters.
    expected = sum(max(len(run) - 1, 0) for text in paragraphs() for run in runs(text))
    assert count_ngrams(documents(), 2).size == expected
    assert count_ngrams(documents(), 1).size == sum(r["han_chars"] for r in records())


@pytest.mark.parametrize("n", [2, 3])
def test_counts_equal_str_count_where_copies_cannot_overlap(n: int) -> None:
    got = count_ngrams(documents(), n)
    checked = 0
    for gram, count in got.counts.items():
        if has_border(gram):
            continue  # 高高 in 高高高 overlaps itself; str.count would undercount
        assert count == sum(text.count(gram) for text in paragraphs()), gram
        holding = sum(any(gram in p for p in record["paragraphs"]) for record in records())
        assert got.ranges[gram] == holding, gram
        checked += 1
    assert checked > 1000


def test_known_counts() -> None:
    got = count_ngrams(documents(), (2, 3))
    assert got.counts["碳达峰"] == sum(text.count("碳达峰") for text in paragraphs()) == 76
    assert got.ranges["碳达峰"] == 30
    assert got.counts["两高"] == 8  # “两高”: the quotation marks break the runs, not the term
    assert "1+" not in got.counts and "达峰碳" in got.counts


def test_documents_may_be_texts_or_paragraph_lists_or_a_generator() -> None:
    as_lists = count_ngrams(documents(), 2)
    as_texts = count_ngrams(("\n".join(doc) for doc in documents()), 2)
    # A line break is not Han: it breaks runs as a paragraph end does.
    assert as_texts[:4] == as_lists[:4]
    joins = sum(len(doc) - 1 for doc in documents())
    assert as_texts.characters == as_lists.characters + joins
    one = count_ngrams(["碳达峰"], 2)
    assert one.counts == Counter({"碳达": 1, "达峰": 1}) and one.documents == 1


def test_documents_without_ngrams_still_count_as_documents() -> None:
    got = count_ngrams(["碳", "", [], "1+N"], 2)
    assert got.size == 0 and not got.counts and got.documents == 4


def test_long_texts_are_counted_in_pieces_without_loss(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = ["".join(record["paragraphs"]) for record in records()]
    expected = count_ngrams(whole, (1, 4))
    monkeypatch.setattr(units, "_CHUNK", 7)
    assert count_ngrams(whole, (1, 4)) == expected


def test_tokens_have_offsets_and_match_the_counts() -> None:
    text = "碳达峰，1+N碳中和"
    tokens = ngram_tokens(text, 2)
    assert [(t.start, t.end, t.unit) for t in tokens] == [
        (0, 2, "碳达"),
        (1, 3, "达峰"),
        (7, 9, "碳中"),
        (8, 10, "中和"),
    ]
    assert all(text[t.start : t.end] == t.unit for t in ngram_tokens(text, (1, 3)))
    assert count_tokens(documents(), ngram_tokenizer((2, 3))) == count_ngrams(documents(), (2, 3))


ALPHABET = "碳达峰中和两高〇々\U00020000，。“”1N+ a\n"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=4), max_size=5),
    st.integers(1, 4),
    st.integers(0, 2),
)
def test_counts_match_a_plain_loop_on_any_text(docs: list[list[str]], low: int, extra: int) -> None:
    def han(char: str) -> bool:
        return in_han_block(char) or char in "〇々\U00020000"

    high = low + extra
    got = count_ngrams(docs, (low, high))
    counts, ranges, size = count_units(docs, lambda text: ngrams(text, low, high, han))
    assert (got.counts, got.ranges, got.size) == (counts, ranges, size)
    tokens = [t.unit for doc in docs for text in doc for t in ngram_tokens(text, (low, high))]
    assert Counter(tokens) == counts


# --- rows -------------------------------------------------------------------------------------


def test_rows_are_sorted_by_count_then_range_then_code_point() -> None:
    got = count_ngrams(documents(), 2)
    rows = ngram_rows(got)
    assert len(rows) == len(got.counts)
    keys = [(-row["count"], -row["range"], row["ngram"]) for row in rows]
    assert keys == sorted(keys)
    assert rows[0]["count"] == max(got.counts.values())
    assert all(row["count"] == got.counts[row["ngram"]] for row in rows)


def test_top_and_minimums() -> None:
    got = count_ngrams(documents(), 2)
    every = ngram_rows(got)
    assert ngram_rows(got, top=10) == every[:10]
    assert ngram_rows(got, top=0) == []
    kept = ngram_rows(got, min_count=5, min_range=3)
    assert kept == [row for row in every if row["count"] >= 5 and row["range"] >= 3]
    assert kept and all(row["count"] >= 5 and row["range"] >= 3 for row in kept)
    assert ngram_rows(got, min_count=5, top=3) == [row for row in every if row["count"] >= 5][:3]
    with pytest.raises(ShuangtanError, match="--top"):
        ngram_rows(got, top=-1)


@pytest.mark.parametrize(
    ("text", "lengths"), [("2", (2, 2)), (" 2-4 ", (2, 4)), ("1", (1, 1)), ("3-3", (3, 3))]
)
def test_parse_n(text: str, lengths: tuple[int, int]) -> None:
    assert parse_n(text) == lengths


@pytest.mark.parametrize("text", ["0", "4-2", "x", "13", "2-", "-2", "2-4-6", "", "1.5"])
def test_parse_n_refuses(text: str) -> None:
    with pytest.raises(ShuangtanError, match="n-gram"):
        parse_n(text)


def test_lengths_are_checked_in_every_entry_point() -> None:
    for bad in (0, (3, 2), units.MAX_N + 1):
        with pytest.raises(ShuangtanError):
            count_ngrams(["碳达峰"], bad)
        with pytest.raises(ShuangtanError):
            ngram_tokens("碳达峰", bad)
