"""``shuangtan keywords``: keyness of a selection, through the real CLI.

Counts and sizes come from the oracles' character loop; LL from scipy's
power divergence and p from scipy's chi-square; Log Ratio and %DIFF from
their formulas written out here; one row by hand.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

import pytest
from analysis_oracles import count_units, longest_terms, ngrams, vocabulary
from helpers import Golden, Run, assert_one_error_line, records
from scipy import stats


def keywords_json(run: Run, *args: str, status: int = 0) -> list[dict[str, Any]]:
    rows = json.loads(run("keywords", *args, "--json", "-s", "s", status=status).stdout)
    assert isinstance(rows, list)
    return rows


def side(ids: set[str], units: Any = lambda text: ngrams(text, 2, 2)) -> tuple[Counter[str], int]:
    counts, _, size = count_units([r["paragraphs"] for r in records() if r["id"] in ids], units)
    return counts, size


def check_row(row: dict[str, Any], study: Counter[str], ref: Counter[str], c: int, d: int) -> None:
    a, b = study[row["ngram"]], ref[row["ngram"]]
    assert (row["study_count"], row["ref_count"], row["study_size"], row["ref_size"]) == (
        a,
        b,
        c,
        d,
    )
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    ll = float(stats.power_divergence([a, b], f_exp=[e1, e2], lambda_="log-likelihood")[0])
    assert row["ll"] == pytest.approx(ll, rel=1e-9, abs=1e-12)
    assert row["p"] == pytest.approx(float(stats.chi2.sf(ll, 1)), rel=1e-7, abs=1e-300)
    assert row["log_ratio"] == pytest.approx(math.log2(((a or 0.5) / c) / ((b or 0.5) / d)))
    if b == 0:
        assert row["pct_diff"] is None
    else:
        assert row["pct_diff"] == pytest.approx(100 * (a / c - b / d) / (b / d))


ALL = {r["id"] for r in records()}


def test_a_province_against_the_rest(run: Run) -> None:
    study, c = side({"hebei"})
    ref, d = side(ALL - {"hebei"})
    rows = keywords_json(run, "--province", "河北", "--top", "0", "--min-ll", "0")
    assert rows
    for row in rows:
        check_row(row, study, ref, c, d)
        assert row["study_count"] * d > row["ref_count"] * c  # positive: over-used
    # Every over-used unit is there, sorted by LL, descending, then by the unit.
    over = {u for u in study if study[u] * d > ref[u] * c}
    assert {r["ngram"] for r in rows} == over
    assert rows == sorted(rows, key=lambda r: (-r["ll"], r["ngram"]))


def test_the_first_row_of_hebei_by_hand(run: Run) -> None:
    # 推广: 6 of hebei's 950 2-gram tokens, 1 of the other 7,193.
    # E1 = 950·7/8143 = 0.81665, E2 = 7193·7/8143 = 6.18335,
    # LL = 2(6 ln(6/0.81665) + 1 ln(1/6.18335)) = 20.288 (p ≈ 6.7e-6),
    # Log Ratio = log2((6/950)/(1/7193)) = 5.506, %DIFF = 100(6/950 − 1/7193)/(1/7193) = 4442.9
    assert side({"hebei"})[1] == 950 and side(ALL - {"hebei"})[1] == 7193
    row = keywords_json(run, "--province", "河北")[0]
    assert row["ngram"] == "推广" and (row["study_count"], row["ref_count"]) == (6, 1)
    e1, e2 = 950 * 7 / 8143, 7193 * 7 / 8143
    assert row["ll"] == pytest.approx(2 * (6 * math.log(6 / e1) + math.log(1 / e2)))
    assert round(row["ll"], 3) == 20.288
    assert round(row["log_ratio"], 3) == 5.506 and round(row["pct_diff"], 1) == 4442.9


def test_against_options_choose_the_reference(run: Run) -> None:
    northwest = {r["id"] for r in records() if r["region"] == "西北"}
    east = {r["id"] for r in records() if r["region"] == "华东"}
    study, c = side(northwest)
    ref, d = side(east)
    rows = keywords_json(
        run, "--region", "西北", "--against-region", "华东", "--min-ll", "0", "--top", "0"
    )
    assert rows
    for row in rows:
        check_row(row, study, ref, c, d)


def test_the_study_s_speeches_are_left_out_of_the_reference(run: Run) -> None:
    north = {r["id"] for r in records() if r["region"] == "华北"}
    study, c = side({"hebei"})
    ref, d = side(north - {"hebei"})
    rows = keywords_json(run, "-p", "河北", "--against-region", "华北", "--min-ll", "0")
    assert rows and rows[0]["ref_size"] == d
    for row in rows:
        check_row(row, study, ref, c, d)


@pytest.mark.parametrize("direction", ["negative", "both"])
def test_directions(run: Run, direction: str) -> None:
    study, c = side({"hebei"})
    ref, d = side(ALL - {"hebei"})
    rows = keywords_json(
        run, "-p", "hebei", "--direction", direction, "--min-ll", "0", "--top", "0"
    )
    under = {u for u in set(study) | set(ref) if study[u] * d < ref[u] * c}
    over = {u for u in study if study[u] * d > ref[u] * c}
    assert {r["ngram"] for r in rows} == (under if direction == "negative" else under | over)
    for row in rows[:50]:
        check_row(row, study, ref, c, d)


def test_min_ll_min_count_and_top(run: Run) -> None:
    everything = keywords_json(run, "-p", "hebei", "--min-ll", "0", "--top", "0")
    for threshold in ("3.84", "6.63", "10.83", "15.13"):
        kept = keywords_json(run, "-p", "hebei", "--min-ll", threshold, "--top", "0")
        assert kept == [r for r in everything if r["ll"] >= float(threshold)]
    assert keywords_json(run, "-p", "hebei", "--min-count", "4", "--min-ll", "0", "--top", "0") == [
        r for r in everything if r["study_count"] >= 4
    ]
    assert keywords_json(run, "-p", "hebei", "--min-ll", "0", "--top", "3") == everything[:3]
    assert keywords_json(run, "-p", "hebei") == [r for r in everything if r["ll"] >= 3.84][:20]


def test_terms_use_characters_as_sizes(run: Run) -> None:
    table = {s: e["term"] for e in vocabulary() for s in (e["term"], *e.get("variants", []))}
    west = {r["id"] for r in records() if r["region"] == "西北"}

    def terms(text: str) -> list[str]:
        return [unit for _, _, unit in longest_terms(text, table)]

    study, _ = side(west, terms)
    ref, _ = side(ALL - west, terms)
    c = sum(len(p) for r in records() if r["id"] in west for p in r["paragraphs"])
    d = sum(len(p) for r in records() if r["id"] not in west for p in r["paragraphs"])
    rows = keywords_json(run, "--region", "西北", "--terms", "--min-ll", "0", "--direction", "both")
    assert rows
    for row in rows:
        check_row(row, study, ref, c, d)


def test_ngrams_of_several_lengths_share_one_size(run: Run) -> None:
    study, c = side({"gansu"}, lambda text: ngrams(text, 2, 3))
    ref, d = side(ALL - {"gansu"}, lambda text: ngrams(text, 2, 3))
    rows = keywords_json(run, "-p", "gansu", "-n", "2-3", "--top", "5")
    for row in rows:
        check_row(row, study, ref, c, d)


def test_nothing_selected_exits_1(run: Run) -> None:
    assert keywords_json(run, "--since", "2030", status=1) == []


def test_nothing_above_the_threshold_exits_1(run: Run) -> None:
    assert keywords_json(run, "-p", "chongqing", "--min-ll", "1000", status=1) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "the reference corpus is empty: the selection holds every speech"),
        (["-p", "河北", "--against-province", "河北"], "every speech the --against options"),
        (["--min-ll", "-1"], "'--min-ll'"),
        (["--direction", "up"], "'--direction'"),
        (["--against-province", "河比"], "unknown province '河比'"),
        (["--against-since", "2022-13"], "bad date"),
    ],
)
def test_errors(run: Run, args: list[str], says: str) -> None:
    line = assert_one_error_line(run("keywords", *args, status=2))
    assert says in line


# --- explain and the table -------------------------------------------------------------------


def test_explain_gives_the_sizes_and_the_first_row(run: Run) -> None:
    text = run("keywords", "-p", "河北", "--explain").stdout
    assert "c = 950 2-gram tokens in the study corpus" in text
    assert "d = 7,193 2-gram tokens in the reference corpus" in text
    assert "推廣: a = 6, b = 1, c = 950, d = 7,193" in text
    assert "LL = 2·(6·ln(6/0.816652) + 1·ln(1/6.18335)) = 20.2879" in text
    for reference in ("Rayson", "Garside", "2000", "Hardie", "2014", "Gabrielatos"):
        assert reference in text
    data = json.loads(run("keywords", "-p", "河北", "--explain", "--json", "-s", "s").stdout)
    assert (data["study_size"], data["ref_size"]) == (950, 7193)
    assert data["example"] == keywords_json(run, "-p", "河北", "--top", "1")[0]


def test_keywords_table(run: Run, golden: Golden) -> None:
    out = run("keywords", "-p", "河北", "--top", "10", "--format", "table", env={"COLUMNS": "80"})
    golden("keywords_table.txt", out.stdout)


@pytest.mark.parametrize(
    ("option", "value", "chosen"),
    [
        ("--against-province", "北京", lambda r: r["id"] == "beijing"),
        ("--against-division", "municipality", lambda r: r["division"] == "municipality"),
        ("--against-speaker", "李", lambda r: "李" in (r["speaker"] or "")),
        ("--against-since", "2022", lambda r: r["date"] >= "2022"),
        ("--against-until", "2021-06", lambda r: r["date"] <= "2021-06-30"),
        ("--against-contains", "碳汇", lambda r: any("碳汇" in p for p in r["paragraphs"])),
    ],
)
def test_each_against_option(run: Run, option: str, value: str, chosen: Any) -> None:
    reference = {r["id"] for r in records() if chosen(r)} - {"hebei"}
    assert reference
    _, d = side(reference)
    rows = keywords_json(run, "-p", "河北", option, value, "--min-ll", "0", "--top", "1")
    assert rows[0]["ref_size"] == d


def test_explain_view(run: Run, golden: Golden) -> None:
    out = run("keywords", "-p", "河北", "--explain", "--format", "table", env={"COLUMNS": "100"})
    golden("keywords_explain.txt", out.stdout)
    assert out.stdout.splitlines()[0] == "How keywords computes keyness"
