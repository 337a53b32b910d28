"""Keyness: units more (or less) frequent in a study corpus than in a reference corpus.

The notation is that of Rayson's log-likelihood calculator (UCREL,
https://ucrel.lancs.ac.uk/llwizard.html): for one unit,

* ``a`` is its count in the study corpus and ``b`` its count in the reference;
* ``c`` and ``d`` are the sizes of the two corpora, in the same tokens as the
  counts (for n-grams: the number of n-gram windows; for terms: characters).

**Log-likelihood** (Rayson & Garside 2000, in the two-term form of the
calculator, after Read & Cressie)::

    E1 = c·(a + b) / (c + d)        E2 = d·(a + b) / (c + d)
    LL = 2·(a·ln(a / E1) + b·ln(b / E2)),   with 0·ln 0 = 0

LL is never negative; whether the unit is over- or under-used in the study
corpus is decided by comparing a/c with b/d (the calculator's + and −).  Its
**p-value** is the upper tail of the chi-square distribution with one degree
of freedom, ``p = P(χ²₁ ≥ LL) = erfc(√(LL / 2))``.  The usual thresholds are
in :data:`LL_THRESHOLDS`, as Rayson's calculator page gives them: 3.84 for
p < 0.05, 6.63 for 0.01, 10.83 for 0.001 and 15.13 for 0.0001 (the exact
critical values are 3.841, 6.635, 10.828 and 15.137).

**Log Ratio** (Hardie 2014, "Log Ratio – an informal introduction", CASS
blog) is the binary logarithm of the ratio of relative frequencies::

    Log Ratio = log2((a / c) / (b / d))

Each extra point doubles the difference: 1 means twice as frequent in the
study corpus, −1 half as frequent.  A zero count would make it infinite, so,
as Hardie does, **a count of 0 is replaced by 0.5** before dividing (only the
zero count; the sizes are unchanged).  A unit absent from both corpora gets 0.
The replacement can turn the sign round for a unit seen once or twice when the
corpus without it is much smaller: 0 in 637 tokens against 1 in 9,671 gives
log2((0.5/637) / (1/9,671)) = +2.92, although the unit is under-used.  Such a
row has a negligible LL; the direction of a row is always that of a/c
against b/d, never that of the adjusted Log Ratio.

**%DIFF** (Gabrielatos & Marchi 2012) is the difference of the relative
frequencies as a percentage of the reference's::

    %DIFF = 100 · (a / c − b / d) / (b / d)

It is undefined when ``b`` is 0; it is then None (no number is invented).

All three are computed from the four numbers alone, so a row can be checked
by hand or with the UCREL calculator.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from typing import Literal, TypedDict

from ..errors import ShuangtanError

#: Critical values of LL (chi-square, one degree of freedom), by p-value.
LL_THRESHOLDS = {0.05: 3.84, 0.01: 6.63, 0.001: 10.83, 0.0001: 15.13}

#: What a zero count is replaced by in Log Ratio (Hardie 2014).
ZERO_COUNT = 0.5

Direction = Literal["positive", "negative", "both"]


class KeywordRow(TypedDict):
    """One unit's keyness; ``ngram`` is the unit (an n-gram or a term)."""

    ngram: str
    study_count: int
    ref_count: int
    study_size: int
    ref_size: int
    ll: float
    p: float
    log_ratio: float
    pct_diff: float | None


def _check(a: int, b: int, c: int, d: int) -> None:
    if c <= 0 or d <= 0:
        side = "study" if c <= 0 else "reference"
        raise ShuangtanError(f"the {side} corpus is empty: it has no units to compare")
    if not (0 <= a <= c and 0 <= b <= d):
        raise ShuangtanError(f"counts {a}, {b} do not fit corpus sizes {c}, {d}")


def _x_ln_x_over(x: float, expected: float) -> float:
    return 0.0 if x == 0 else x * math.log(x / expected)


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Rayson's two-term log-likelihood of counts a, b in corpora of sizes c, d."""
    _check(a, b, c, d)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return max(2.0 * (_x_ln_x_over(a, e1) + _x_ln_x_over(b, e2)), 0.0)


def ll_p_value(ll: float) -> float:
    """P(χ² with 1 degree of freedom ≥ ll): the p-value of a log-likelihood."""
    if ll < 0:
        raise ShuangtanError(f"a log-likelihood is never negative, not {ll}")
    return math.erfc(math.sqrt(ll / 2.0))


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's Log Ratio, log2((a/c) / (b/d)), a zero count taken as 0.5."""
    _check(a, b, c, d)
    if a == 0 and b == 0:
        return 0.0
    return math.log2(((a or ZERO_COUNT) / c) / ((b or ZERO_COUNT) / d))


def pct_diff(a: int, b: int, c: int, d: int) -> float | None:
    """Gabrielatos & Marchi's %DIFF; None when the reference count is 0."""
    _check(a, b, c, d)
    if b == 0:
        return None
    reference = b / d
    return 100.0 * (a / c - reference) / reference


def keyword_row(unit: str, a: int, b: int, c: int, d: int) -> KeywordRow:
    """Every keyness statistic of one unit."""
    ll = log_likelihood(a, b, c, d)
    return {
        "ngram": unit,
        "study_count": a,
        "ref_count": b,
        "study_size": c,
        "ref_size": d,
        "ll": ll,
        "p": ll_p_value(ll),
        "log_ratio": log_ratio(a, b, c, d),
        "pct_diff": pct_diff(a, b, c, d),
    }


def keyword_rows(
    study: Mapping[str, int],
    reference: Mapping[str, int],
    study_size: int,
    ref_size: int,
    *,
    min_ll: float = 0.0,
    min_count: int = 1,
    direction: Direction = "positive",
    top: int | None = None,
) -> list[KeywordRow]:
    """Keywords of the study corpus against the reference, by LL descending.

    ``direction`` keeps the units relatively more frequent in the study corpus
    (``positive``: a/c > b/d), less frequent (``negative``), or both.
    ``min_count`` is the least count a unit must have in the corpus where it is
    relatively more frequent; ``min_ll`` the least LL (see LL_THRESHOLDS).
    Equal LL values are ordered by the unit, in code-point order.
    """
    if direction not in ("positive", "negative", "both"):
        raise ShuangtanError(f"unknown direction {direction!r}; choose positive, negative or both")
    if top is not None and top < 0:
        raise ShuangtanError(f"--top must be 0 or more, not {top}")
    _check(0, 0, study_size, ref_size)
    if direction == "positive":
        units = set(study)
    elif direction == "negative":
        units = set(reference)
    else:
        units = set(study) | set(reference)
    rows = []
    for unit in units:
        a, b = study.get(unit, 0), reference.get(unit, 0)
        over = a * ref_size > b * study_size  # a/c > b/d, exactly, in integers
        under = a * ref_size < b * study_size
        if (direction == "positive" and not over) or (direction == "negative" and not under):
            continue
        if (a if over else b) < min_count:
            continue
        row = keyword_row(unit, a, b, study_size, ref_size)
        if row["ll"] >= min_ll:
            rows.append(row)

    def order(row: KeywordRow) -> tuple[float, str]:
        return (-row["ll"], row["ngram"])

    return sorted(rows, key=order) if top is None else heapq.nsmallest(top, rows, key=order)
