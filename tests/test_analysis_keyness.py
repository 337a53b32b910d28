"""Keyness statistics against scipy and against worked examples with their sources."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from analysis_oracles import count_units, ngrams, records
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from shuangtan_cli.analysis.keyness import (
    LL_THRESHOLDS,
    keyword_row,
    keyword_rows,
    ll_p_value,
    log_likelihood,
    log_ratio,
    pct_diff,
)
from shuangtan_cli.analysis.units import count_ngrams
from shuangtan_cli.errors import ShuangtanError


def scipy_ll(a: int, b: int, c: int, d: int) -> float:
    """The two-cell G² of the calculator: observed (a, b) against E1, E2."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return float(stats.power_divergence([a, b], f_exp=[e1, e2], lambda_="log-likelihood")[0])


# --- log-likelihood and p ---------------------------------------------------------------------


def test_worked_example_of_the_lancaster_calculator() -> None:
    # The instructions of Lancaster's online log-likelihood calculator: a word
    # occurring 52 times in 50,000 words and 57 times in 75,000 gives "+ 2.65"
    # (reproduced at scribd.com/presentation/807361921; the UCREL calculator,
    # ucrel.lancs.ac.uk/llwizard.html, uses the same two-term formula).
    assert round(log_likelihood(52, 57, 50_000, 75_000), 2) == 2.65
    assert log_ratio(52, 57, 50_000, 75_000) > 0  # the "+": more frequent in corpus 1


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 10**7),
    st.integers(1, 10**7),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_ll_equals_scipy_power_divergence(c: int, d: int, x: float, y: float) -> None:
    a, b = int(c * x * 0.1), int(d * y * 0.1)
    if a + b == 0:
        assert log_likelihood(a, b, c, d) == 0.0
        return
    assert log_likelihood(a, b, c, d) == pytest.approx(scipy_ll(a, b, c, d), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "c", "d"),
    [(0, 10, 1000, 1000), (10, 0, 1000, 1000), (0, 1, 5, 10**6), (7, 0, 10**6, 3), (1, 1, 2, 2)],
)
def test_zero_counts_follow_zero_ln_zero(a: int, b: int, c: int, d: int) -> None:
    assert log_likelihood(a, b, c, d) == pytest.approx(scipy_ll(a, b, c, d), rel=1e-12, abs=1e-12)


def test_equal_relative_frequencies_give_zero() -> None:
    assert log_likelihood(10, 20, 1000, 2000) == pytest.approx(0.0, abs=1e-12)
    assert ll_p_value(0.0) == 1.0


@pytest.mark.parametrize("ll", [0.0, 0.001, 1.0, 3.84, 6.63, 10.83, 15.13, 50.0, 700.0])
def test_p_equals_scipy_chi2_sf(ll: float) -> None:
    assert ll_p_value(ll) == pytest.approx(float(stats.chi2.sf(ll, 1)), rel=1e-9, abs=1e-300)


def test_thresholds_are_the_chi2_critical_values_as_published() -> None:
    # Rayson's page gives 3.84, 6.63, 10.83, 15.13; the critical value for
    # p = 0.0001 is 15.1367, which the page cuts short.
    for p, ll in LL_THRESHOLDS.items():
        assert abs(float(stats.chi2.isf(p, 1)) - ll) < 0.01
        assert ll_p_value(ll + 0.01) < p < ll_p_value(ll - 0.01)


def test_a_negative_ll_has_no_p() -> None:
    with pytest.raises(ShuangtanError):
        ll_p_value(-1.0)


# --- Log Ratio and %DIFF ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "c", "d", "expected"),
    [
        # Hardie (2014): each point of Log Ratio doubles the ratio of relative frequencies.
        (20, 10, 1000, 1000, 1.0),  # 2 % against 1 %: twice as frequent
        (10, 40, 1000, 2000, -1.0),  # 1 % against 2 %: half as frequent
        (10, 10, 1000, 1000, 0.0),
        (80, 10, 1000, 1000, 3.0),
        # A zero count is taken as 0.5 (Hardie's practice): 4 / 0.5 = 8 = 2³.
        (4, 0, 1000, 1000, 3.0),
        (0, 2, 1000, 1000, -2.0),  # 0.5 / 2 = 2⁻²
        (0, 0, 1000, 10, 0.0),
    ],
)
def test_log_ratio_by_hand(a: int, b: int, c: int, d: int, expected: float) -> None:
    assert log_ratio(a, b, c, d) == pytest.approx(expected, abs=1e-12)


def test_the_zero_replacement_can_turn_the_sign_round() -> None:
    # Documented in the module: 0 of 637 against 1 of 9,671 is under-use, but
    # (0.5 / 637) / (1 / 9,671) = 7.59 > 1.
    assert log_ratio(0, 1, 637, 9671) == pytest.approx(math.log2(0.5 * 9671 / 637))
    assert log_ratio(0, 1, 637, 9671) > 0
    row = keyword_rows({}, {"碳": 1}, 637, 9671, direction="negative")[0]
    assert row["ngram"] == "碳" and row["ll"] < 1


def test_log_ratio_of_the_calculator_example() -> None:
    # (52/50,000) / (57/75,000) = 3,900,000 / 2,850,000 = 1.368421…; log2 of it = 0.452512…
    assert log_ratio(52, 57, 50_000, 75_000) == pytest.approx(0.4525122, abs=1e-7)


@pytest.mark.parametrize(
    ("a", "b", "c", "d", "expected"),
    [
        # Gabrielatos & Marchi (2012): %DIFF = (NF_study − NF_ref) × 100 / NF_ref.
        (52, 57, 50_000, 75_000, 36.842105263),  # 0.104 % against 0.076 %
        (20, 10, 1000, 1000, 100.0),
        (10, 40, 1000, 2000, -50.0),
        (0, 5, 1000, 1000, -100.0),
    ],
)
def test_pct_diff_by_hand(a: int, b: int, c: int, d: int, expected: float) -> None:
    assert pct_diff(a, b, c, d) == pytest.approx(expected, abs=1e-8)


def test_pct_diff_is_undefined_without_a_reference_count() -> None:
    assert pct_diff(5, 0, 1000, 1000) is None


@pytest.mark.parametrize(
    ("a", "b", "c", "d", "message"),
    [(1, 1, 0, 10, "study corpus is empty"), (1, 1, 10, 0, "reference"), (11, 1, 10, 10, "fit")],
)
def test_impossible_counts_are_refused(a: int, b: int, c: int, d: int, message: str) -> None:
    for statistic in (log_likelihood, log_ratio, pct_diff):
        with pytest.raises(ShuangtanError, match=message):
            statistic(a, b, c, d)


# --- keyword rows over the corpus -------------------------------------------------------------


def sides(study_ids: set[str]) -> tuple[Counter[str], int, Counter[str], int]:
    """Bigram counts and sizes of the study records and of the rest, counted by the oracle."""
    study = [r["paragraphs"] for r in records() if r["id"] in study_ids]
    rest = [r["paragraphs"] for r in records() if r["id"] not in study_ids]
    a, _, c = count_units(study, lambda text: ngrams(text, 2, 2))
    b, _, d = count_units(rest, lambda text: ngrams(text, 2, 2))
    return a, c, b, d


def test_keyword_rows_of_a_region_against_the_rest() -> None:
    northwest = {r["id"] for r in records() if r["region"] == "西北"}
    study, study_size, reference, ref_size = sides(northwest)
    got_study = count_ngrams([r["paragraphs"] for r in records() if r["id"] in northwest], 2)
    assert (got_study.counts, got_study.size) == (study, study_size)
    rows = keyword_rows(got_study.counts, reference, got_study.size, ref_size)
    assert rows
    for row in rows:
        a, b = study[row["ngram"]], reference[row["ngram"]]
        assert (row["study_count"], row["ref_count"]) == (a, b)
        assert (row["study_size"], row["ref_size"]) == (study_size, ref_size)
        assert a / study_size > b / ref_size  # positive keywords only, by default
        assert row["ll"] == pytest.approx(scipy_ll(a, b, study_size, ref_size), rel=1e-9)
        assert row["p"] == pytest.approx(float(stats.chi2.sf(row["ll"], 1)), rel=1e-9)
    keys = [(-row["ll"], row["ngram"]) for row in rows]
    assert keys == sorted(keys)
    # Every unit over-used in the study corpus is there.
    assert {row["ngram"] for row in rows} == {
        unit for unit, a in study.items() if a / study_size > reference[unit] / ref_size
    }


def test_min_ll_min_count_top_and_direction() -> None:
    study, c, reference, d = sides({"gansu"})
    every = keyword_rows(study, reference, c, d, direction="both")
    assert {row["ngram"] for row in every} == set(study) | set(reference)
    significant = keyword_rows(study, reference, c, d, min_ll=LL_THRESHOLDS[0.01])
    assert significant and all(row["ll"] >= 6.63 for row in significant)
    assert significant == [r for r in keyword_rows(study, reference, c, d) if r["ll"] >= 6.63]
    assert keyword_rows(study, reference, c, d, top=5) == keyword_rows(study, reference, c, d)[:5]
    negative = keyword_rows(study, reference, c, d, direction="negative")
    assert negative and all(row["study_count"] / c < row["ref_count"] / d for row in negative)
    assert all(row["log_ratio"] < 0 for row in negative if row["study_count"])
    frequent = keyword_rows(study, reference, c, d, min_count=3)
    assert frequent and all(row["study_count"] >= 3 for row in frequent)
    assert all(
        row["ref_count"] >= 3
        for row in keyword_rows(study, reference, c, d, min_count=3, direction="negative")
    )


def test_keyword_row_shape() -> None:
    row = keyword_row("两高", 3, 5, 1000, 9000)
    assert list(row) == [
        "ngram",
        "study_count",
        "ref_count",
        "study_size",
        "ref_size",
        "ll",
        "p",
        "log_ratio",
        "pct_diff",
    ]
    assert row["log_ratio"] == pytest.approx(math.log2((3 / 1000) / (5 / 9000)))


def test_keyword_rows_errors() -> None:
    with pytest.raises(ShuangtanError, match="direction"):
        keyword_rows({}, {}, 1, 1, direction="up")  # type: ignore[arg-type]
    with pytest.raises(ShuangtanError, match="empty"):
        keyword_rows({"碳": 1}, {}, 0, 1)
    with pytest.raises(ShuangtanError, match="--top"):
        keyword_rows({}, {}, 1, 1, top=-2)
