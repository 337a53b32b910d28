"""``shuangtan collocates PATTERN``: units near a node, through the real CLI.

Windows are rebuilt here with the oracle's sentence cuts and a loop over
every n-gram with its offsets; logDice, MI and t-score from their formulas,
LL from scipy's G-test of the 2×2 table.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

import pytest
from analysis_oracles import count_units, in_han_block, ngrams, occurrences, sentence_bounds
from helpers import Golden, Run, assert_one_error_line, records
from scipy import stats


def collocates_json(run: Run, *args: str, status: int = 0) -> list[dict[str, Any]]:
    rows = json.loads(run("collocates", *args, "--json", "-s", "s", status=status).stdout)
    assert isinstance(rows, list)
    return rows


def spans(text: str, low: int, high: int) -> list[tuple[int, int, str]]:
    """Every n-gram token with its offsets, by a loop over the characters."""
    found = []
    for i in range(len(text)):
        for n in range(low, high + 1):
            piece = text[i : i + n]
            if len(piece) == n and all(in_han_block(c) for c in piece):
                found.append((i, i + n, piece))
    return found


def windows(needle: str, left: int, right: int, low: int, high: int, ids: set[str] | None = None):
    """(co-occurrence counts, hits, tokens in windows) by the documented rules."""
    co: Counter[str] = Counter()
    node = in_windows = 0
    for record in records():
        if ids is not None and record["id"] not in ids:
            continue
        for text in record["paragraphs"]:
            hits = [(s, s + len(needle)) for s in occurrences(text, needle)]
            if not hits:
                continue
            node += len(hits)
            bounds = sentence_bounds(text)
            parts = []
            for s, e in hits:
                first = next(a for a, b in bounds if a <= s < b)
                last = next(b for a, b in bounds if a < e <= b)
                parts += [(max(s - left, first), s), (e, min(e + right, last))]
            for start, end, unit in spans(text, low, high):
                inside = any(a <= start and end <= b for a, b in parts)
                touches = any(s < end and start < e for s, e in hits)
                if inside and not touches:
                    co[unit] += 1
                    in_windows += 1
    return co, node, in_windows


def check(
    rows: list[dict[str, Any]],
    needle: str,
    window: tuple[int, int],
    n: tuple[int, int],
    ids: set[str] | None = None,
) -> None:
    co, f_x, r1 = windows(needle, *window, *n, ids)
    docs = [r["paragraphs"] for r in records() if ids is None or r["id"] in ids]
    counts, _, size = count_units(docs, lambda text: ngrams(text, *n))
    for row in rows:
        unit = row["collocate"]
        f_xy, f_y = co[unit], counts[unit]
        assert (row["co_count"], row["node_count"], row["collocate_count"]) == (f_xy, f_x, f_y)
        e11 = r1 * f_y / size
        assert row["log_dice"] == pytest.approx(14 + math.log2(2 * f_xy / (f_x + f_y)))
        assert row["mi"] == pytest.approx(math.log2(f_xy / e11))
        assert row["t_score"] == pytest.approx((f_xy - e11) / math.sqrt(f_xy))
        table = [[f_xy, r1 - f_xy], [f_y - f_xy, size - r1 - (f_y - f_xy)]]
        g = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert row["ll"] == pytest.approx(float(g), rel=1e-9, abs=1e-9)


def test_the_default_window_against_the_rules(run: Run) -> None:
    rows = collocates_json(run, "碳汇", "--top", "0", "--min-count", "1")
    co, _, _ = windows("碳汇", 5, 5, 2, 2)
    assert {r["collocate"] for r in rows} == set(co)
    check(rows, "碳汇", (5, 5), (2, 2))


@pytest.mark.parametrize(("window", "pair"), [("0,4", (0, 4)), ("3,0", (3, 0)), ("8", (8, 8))])
def test_windows_and_lengths(run: Run, window: str, pair: tuple[int, int]) -> None:
    rows = collocates_json(
        run, "低碳", "--window", window, "-n", "1-3", "--min-count", "1", "--top", "0"
    )
    co, _, _ = windows("低碳", *pair, 1, 3)
    assert {r["collocate"] for r in rows} == set(co)
    check(rows, "低碳", pair, (1, 3))


def test_the_selection(run: Run) -> None:
    east = {r["id"] for r in records() if r["region"] == "华东"}
    rows = collocates_json(run, "发展", "--region", "华东", "--top", "0", "--min-count", "1")
    check(rows, "发展", (5, 5), (2, 2), east)


def test_rank_min_count_and_top(run: Run) -> None:
    everything = collocates_json(run, "绿色", "--top", "0", "--min-count", "1")
    for rank in ("log_dice", "mi", "t_score", "ll", "co_count"):
        rows = collocates_json(run, "绿色", "--rank-by", rank, "--top", "0", "--min-count", "1")
        assert rows == sorted(everything, key=lambda r: (-r[rank], -r["co_count"], r["collocate"]))
    assert collocates_json(run, "绿色", "--top", "0") == [
        r for r in everything if r["co_count"] >= 2
    ]
    assert (
        collocates_json(run, "绿色", "--top", "4")
        == [r for r in everything if r["co_count"] >= 2][:4]
    )


def test_a_pattern_folds_and_a_regex_works(run: Run) -> None:
    assert collocates_json(run, "碳匯") == collocates_json(run, "碳汇")
    regex = collocates_json(run, "碳[汇匯]", "--min-count", "1", "--top", "0")
    assert regex == collocates_json(run, "碳汇", "--min-count", "1", "--top", "0")


def test_terms(run: Run) -> None:
    rows = collocates_json(run, "碳达峰", "--terms", "--min-count", "1")
    assert rows[0]["collocate"] == "碳中和"  # 碳达峰碳中和, 67 times out of 68
    assert all(r["collocate"] != "碳达峰" for r in rows)  # the node is never its own collocate


def test_no_hit_exits_1(run: Run) -> None:
    assert collocates_json(run, "核聚变", status=1) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--window", "0,0"], "a window needs characters on at least one side"),
        (["--window", "5;5"], "bad window"),
        (["--window", "1001"], "at most 1000"),
        (["--rank-by", "dice"], "'--rank-by'"),
        (["--min-count", "0"], "'--min-count'"),
    ],
)
def test_errors(run: Run, args: list[str], says: str) -> None:
    assert says in assert_one_error_line(run("collocates", "碳", *args, status=2))


def test_explain(run: Run) -> None:
    text = run("collocates", "碳达峰", "--terms", "--min-count", "1", "--explain", "-s", "s").stdout
    first = collocates_json(run, "碳达峰", "--terms", "--min-count", "1", "--top", "1")[0]
    assert f"f_x = {first['node_count']}" in text
    assert f"碳中和: f_xy = {first['co_count']}, f_x = {first['node_count']}" in text
    for reference in ("Rychlý", "2008", "Evert", "Dunning", "1993", "Church"):
        assert reference in text
    data = json.loads(
        run("collocates", "碳达峰", "--terms", "--explain", "--json", "-s", "s").stdout
    )
    assert data["window"] == [5, 5] and data["node_count"] == first["node_count"]
    assert data["example"] == first


def test_collocates_table(run: Run, golden: Golden) -> None:
    args = ("collocates", "碳匯", "--format", "table", "--top", "8")
    golden("collocates_table.txt", run(*args, env={"COLUMNS": "80"}).stdout)


def test_a_fixed_string_is_not_a_pattern(run: Run) -> None:
    assert collocates_json(run, "碳(达峰", "-F", status=1) == []
    assert "missing )" in assert_one_error_line(run("collocates", "碳(达峰", status=2))
    assert collocates_json(run, "1+N", "-F", "--min-count", "1", "-n", "1") == collocates_json(
        run, r"1\+N", "--min-count", "1", "-n", "1"
    )
