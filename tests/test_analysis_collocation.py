"""Collocation: window counts against a character-loop oracle, statistics against scipy."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from analysis_oracles import ngrams, occurrences, paragraphs, records, sentence_bounds
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.stats.contingency import expected_freq

from shuangtan_cli.analysis.collocation import (
    Cooccurrence,
    collocate_row,
    collocate_rows,
    contingency,
    count_cooccurrences,
    expected_table,
    hit_windows,
    log_dice,
    mutual_information,
    parse_window,
    t_score,
    table_log_likelihood,
)
from shuangtan_cli.analysis.terms import term_tokenizer
from shuangtan_cli.analysis.units import Counts, count_ngrams, ngram_tokenizer
from shuangtan_cli.errors import ShuangtanError

# --- the statistics ---------------------------------------------------------------------------


def test_log_dice_by_hand() -> None:
    # Rychlý (2008): 14 + log2(2·f_xy / (f_x + f_y)); 14 is the maximum, reached
    # when the two always occur together (f_xy = f_x = f_y).
    assert log_dice(50, 50, 50) == 14.0
    assert log_dice(10, 20, 30) == pytest.approx(14 + math.log2(20 / 50))  # 12.678…
    assert log_dice(10, 20, 30) == pytest.approx(12.6780719, abs=1e-7)
    # Halving the co-occurrence frequency lowers the score by exactly 1.
    assert log_dice(5, 20, 30) == pytest.approx(log_dice(10, 20, 30) - 1)
    with pytest.raises(ShuangtanError):
        log_dice(0, 1, 1)


def test_mi_and_t_score_by_hand() -> None:
    # O11 = 10 against E11 = 2.5: MI = log2(4) = 2; t = 7.5 / √10 = 2.3717…
    assert mutual_information(10, 2.5) == 2.0
    assert t_score(10, 2.5) == pytest.approx(2.3717082, abs=1e-7)
    assert mutual_information(2, 4) == -1.0 and t_score(4, 4) == 0.0


def test_the_contingency_table_of_the_module_docstring() -> None:
    # f_xy = 3, f_y = 10, R1 = 40 window tokens, N = 1000 tokens.
    observed = contingency(3, 10, 40, 1000)
    assert observed == (3, 37, 7, 953)
    e11, e12, e21, e22 = expected_table(observed)
    assert (e11, e12, e21, e22) == pytest.approx((0.4, 39.6, 9.6, 950.4))
    assert e11 == pytest.approx(40 * 10 / 1000)  # R1·f_y/N = k·f_x·f_y/N
    with pytest.raises(ShuangtanError, match="same units"):
        contingency(11, 10, 40, 1000)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 500), st.integers(0, 2000), st.integers(0, 2000), st.integers(0, 10**6))
def test_ll_and_expected_equal_scipy(o11: int, more_y: int, more_window: int, rest: int) -> None:
    f_y, window_tokens = o11 + more_y, o11 + more_window
    size = window_tokens + more_y + rest
    observed = contingency(o11, f_y, window_tokens, size)
    table = [[observed[0], observed[1]], [observed[2], observed[3]]]
    assert expected_table(observed) == pytest.approx(expected_freq(table).ravel().tolist())
    if min(sum(table[0]), sum(table[1]), observed[0] + observed[2], observed[1] + observed[3]):
        g2 = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert table_log_likelihood(observed) == pytest.approx(float(g2), rel=1e-9, abs=1e-9)


def test_collocate_row_puts_the_numbers_together() -> None:
    row = collocate_row("达峰", 3, 5, 10, 40, 1000)
    assert list(row) == [
        "collocate",
        "co_count",
        "node_count",
        "collocate_count",
        "log_dice",
        "mi",
        "t_score",
        "ll",
    ]
    assert (row["co_count"], row["node_count"], row["collocate_count"]) == (3, 5, 10)
    assert row["log_dice"] == pytest.approx(14 + math.log2(6 / 15))
    assert row["mi"] == pytest.approx(math.log2(3 / 0.4))
    assert row["t_score"] == pytest.approx((3 - 0.4) / math.sqrt(3))


# --- windows ----------------------------------------------------------------------------------


def test_windows_stop_at_the_sentence() -> None:
    text = "甲乙碳丙丁。戊碳己。"
    assert hit_windows(text, [(2, 3), (7, 8)], (2, 2)) == [(0, 2), (3, 5), (6, 7), (8, 10)]
    # The sentence holding the hit's first character to the one holding its last:
    assert hit_windows(text, [(4, 8)], (9, 9)) == [(0, 4), (8, 10)]
    # Closing quotation marks stay with their sentence.
    assert hit_windows("说“碳。”后", [(2, 3)], (5, 5)) == [(0, 2), (3, 5)]


def test_hand_counted_windows() -> None:
    text = "甲乙碳丙丁。戊碳己。"
    hits = [(2, 3), (7, 8)]
    unigrams = count_cooccurrences([(text, hits)], ngram_tokenizer(1), (2, 2))
    assert unigrams.co_counts == Counter("甲乙丙丁戊己")
    assert (unigrams.node_count, unigrams.window_tokens, unigrams.span) == (2, 6, 3.0)
    # 2-grams that touch the node (乙碳, 碳丙, 戊碳) are not in a window.
    bigrams = count_cooccurrences([(text, hits)], ngram_tokenizer(2), (2, 2))
    assert bigrams.co_counts == Counter({"甲乙": 1, "丙丁": 1})


def test_a_token_in_two_windows_counts_once_and_hits_are_never_collocates() -> None:
    got = count_cooccurrences([("碳甲碳", [(0, 1), (2, 3)])], ngram_tokenizer(1), (1, 1))
    assert got.co_counts == Counter({"甲": 1}) and got.window_tokens == 1
    got = count_cooccurrences([("碳碳甲", [(0, 1), (1, 2)])], ngram_tokenizer(1), (2, 2))
    assert got.co_counts == Counter({"甲": 1})


def test_a_token_must_fit_in_one_side_of_one_window() -> None:
    # Right window of the first hit: [1, 3); left window of the second: [3, 5).
    # The 2-gram at [2, 4) lies in their union but in neither.
    got = count_cooccurrences([("碳甲乙丙丁碳", [(0, 1), (5, 6)])], ngram_tokenizer(2), (2, 2))
    assert got.co_counts == Counter({"甲乙": 1, "丙丁": 1})


def oracle_cooccurrence(
    texts: list[str], node: str, low: int, high: int, window: tuple[int, int]
) -> tuple[Counter[str], int, int]:
    """f_xy, f_x and R1 by character loops: windows from the sentence bounds, tokens
    from the Han runs, each token checked against every hit."""
    left, right = window
    co: Counter[str] = Counter()
    hits_total = 0
    for text in texts:
        hits = [(s, s + len(node)) for s in occurrences(text, node)]
        hits_total += len(hits)
        if not hits:
            continue
        bounds = sentence_bounds(text)
        parts = []
        for s, e in hits:
            first = next(a for a, b in bounds if a <= s < b)
            last = next(b for a, b in bounds if a <= e - 1 < b)
            parts += [(max(s - left, first), s), (e, min(e + right, last))]
        tokens = []  # (start, end, unit) of every n-gram, by a loop over runs
        i = 0
        while i < len(text):
            j = i
            while j < len(text) and "\u3400" <= text[j] <= "\u9fff":
                j += 1
            for start in range(i, j):
                for n in range(low, high + 1):
                    if start + n <= j:
                        tokens.append((start, start + n, text[start : start + n]))
            i = j + 1
        for start, end, unit in tokens:
            inside = any(a <= start and end <= b for a, b in parts)
            touching = any(s < end and start < e for s, e in hits)
            if inside and not touching:
                co[unit] += 1
    return co, hits_total, sum(co.values())


@pytest.mark.parametrize("node", ["碳", "两高", "碳达峰", "能源", "发展"])
@pytest.mark.parametrize(
    ("low", "high", "window"), [(2, 2, (5, 5)), (1, 1, (3, 0)), (2, 3, (0, 8))]
)
def test_window_counts_of_the_corpus_match_the_oracle(
    node: str, low: int, high: int, window: tuple[int, int]
) -> None:
    texts = paragraphs()
    items = [(text, [(s, s + len(node)) for s in occurrences(text, node)]) for text in texts]
    got = count_cooccurrences(items, ngram_tokenizer((low, high)), window)
    co, f_x, window_tokens = oracle_cooccurrence(texts, node, low, high, window)
    assert got == Cooccurrence(co, f_x, window_tokens)
    totals = count_ngrams(texts, (low, high)).counts
    assert all(count <= totals[unit] for unit, count in got.co_counts.items())


def test_terms_as_units() -> None:
    text = "要坚决遏制“两高”项目，推动碳达峰碳中和。减污降碳。"
    got = count_cooccurrences([(text, [(14, 17)])], term_tokenizer(), (10, 10))
    # 碳中和 is right of 碳达峰; 两高 is left, in the same sentence; 减污降碳 is not.
    assert got.co_counts == Counter({"碳中和": 1, "两高": 1})


# --- rows -------------------------------------------------------------------------------------


def corpus_collocates(node: str, n: int, window: tuple[int, int]) -> tuple[Cooccurrence, Counts]:
    docs = [record["paragraphs"] for record in records()]
    counts = count_ngrams(docs, n)
    items = [(t, [(s, s + len(node)) for s in occurrences(t, node)]) for t in paragraphs()]
    return count_cooccurrences(items, ngram_tokenizer(n), window), counts


def test_rows_of_a_corpus_node() -> None:
    cooc, counts = corpus_collocates("碳", 2, (4, 4))
    rows = collocate_rows(cooc, counts)
    assert rows and len(rows) == len(cooc.co_counts)
    size = counts.size
    bigrams = Counter(gram for text in paragraphs() for gram in ngrams(text, 2, 2))
    for row in rows:
        unit = row["collocate"]
        f_y = bigrams[unit]
        assert row["collocate_count"] == f_y and row["co_count"] == cooc.co_counts[unit]
        assert row["node_count"] == sum(text.count("碳") for text in paragraphs())
        e11 = cooc.window_tokens * f_y / size
        assert row["mi"] == pytest.approx(math.log2(row["co_count"] / e11))
        assert row["log_dice"] == pytest.approx(
            14 + math.log2(2 * row["co_count"] / (row["node_count"] + f_y))
        )
    keys = [(-row["log_dice"], -row["co_count"], row["collocate"]) for row in rows]
    assert keys == sorted(keys)


def test_min_count_sort_and_top() -> None:
    cooc, counts = corpus_collocates("碳", 2, (4, 4))
    every = collocate_rows(cooc, counts)
    frequent = collocate_rows(cooc, counts, min_count=3)
    assert frequent == [row for row in every if row["co_count"] >= 3]
    for key in ("mi", "t_score", "ll", "co_count"):
        rows = collocate_rows(cooc, counts, sort_by=key, top=10)
        assert len(rows) == 10
        assert [r[key] for r in rows] == sorted((r[key] for r in every), reverse=True)[:10]
    with pytest.raises(ShuangtanError, match="unknown sort"):
        collocate_rows(cooc, counts, sort_by="dice")  # type: ignore[arg-type]
    with pytest.raises(ShuangtanError, match="--top"):
        collocate_rows(cooc, counts, top=-1)


@pytest.mark.parametrize(("text", "window"), [("5,5", (5, 5)), ("3", (3, 3)), (" 0, 4", (0, 4))])
def test_parse_window(text: str, window: tuple[int, int]) -> None:
    assert parse_window(text) == window


@pytest.mark.parametrize("text", ["0,0", "0", "-1,2", "a,b", "2000", "5,", "1,2,3", ""])
def test_parse_window_refuses(text: str) -> None:
    with pytest.raises(ShuangtanError, match="window"):
        parse_window(text)


def test_hits_must_be_spans_of_the_text() -> None:
    with pytest.raises(ShuangtanError, match="not a span"):
        hit_windows("碳达峰", [(2, 5)], (1, 1))
    with pytest.raises(ShuangtanError, match="not a span"):
        hit_windows("碳达峰", [(1, 1)], (1, 1))
