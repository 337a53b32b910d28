"""Dispersion against the published worked examples and an independent distance."""

from __future__ import annotations

import pytest
from analysis_oracles import occurrences, records
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import cityblock

from shuangtan_cli.analysis.dispersion import (
    dp,
    dp_norm,
    hit_fraction,
    range_of,
    strip_columns,
)
from shuangtan_cli.errors import ShuangtanError

#: Gries (2008: 406): a corpus of five parts of ten words each.
GRIES_2008 = (
    "b a m n i b e u p k|b a s a t b e w q n|b c a g a b e s t a|b a g h a b e a a t|"
    "b a h a a b e a x a"
)


def test_gries_2008_toy_corpus() -> None:
    parts = [part.split() for part in GRIES_2008.split("|")]
    sizes = [len(part) for part in parts]
    counts = [part.count("a") for part in parts]
    assert sizes == [10] * 5 and counts == [1, 2, 3, 4, 5]
    # Expected shares 0.2 each; observed 1/15 … 5/15; the differences are
    # 2/15, 1/15, 0, 1/15, 2/15, whose sum 6/15 halved is 0.2.
    assert dp(counts, sizes) == pytest.approx(0.2)
    assert dp_norm(counts, sizes) == pytest.approx(0.2 / 0.8)
    assert range_of(counts) == 5
    # b opens every part twice: perfectly even.
    assert dp([part.count("b") for part in parts], sizes) == pytest.approx(0.0)


def test_lijffijt_and_gries_2012_table_1() -> None:
    # Three equally large parts; one holds 2/3 of the hits, another 1/3.
    assert dp([2, 1, 0], [1, 1, 1]) == pytest.approx(1 / 3)
    assert dp_norm([2, 1, 0], [1, 1, 1]) == pytest.approx(0.5)


def test_unequal_parts_by_hand() -> None:
    # Shares 0.25 and 0.75; observed 0.75 and 0.25; differences 0.5 + 0.5.
    assert dp([3, 1], [100, 300]) == pytest.approx(0.5)
    assert dp_norm([3, 1], [100, 300]) == pytest.approx(0.5 / 0.75)
    # Hits in proportion to the sizes: 0.  All in the smallest part: DPnorm 1.
    assert dp([1, 3], [100, 300]) == pytest.approx(0.0)
    assert dp([0, 0, 7], [500, 300, 200]) == pytest.approx(0.8)
    assert dp_norm([0, 0, 7], [500, 300, 200]) == pytest.approx(1.0)


def test_undefined_values_are_none() -> None:
    assert dp([0, 0], [10, 20]) is None and dp_norm([0, 0], [10, 20]) is None
    assert dp([4], [10]) == 0.0 and dp_norm([4], [10]) is None


@pytest.mark.parametrize(
    ("counts", "sizes", "message"),
    [
        ([1], [1, 2], "counts for"),
        ([], [], "at least one"),
        ([1], [0], "positive"),
        ([-1], [3], "negative"),
    ],
)
def test_bad_parts(counts: list[int], sizes: list[int], message: str) -> None:
    with pytest.raises(ShuangtanError, match=message):
        dp(counts, sizes)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10_000)), min_size=2, max_size=40))
def test_dp_is_half_the_city_block_distance(parts: list[tuple[int, int]]) -> None:
    counts = [count for count, _ in parts]
    sizes = [size for _, size in parts]
    value = dp(counts, sizes)
    if sum(counts) == 0:
        assert value is None
        return
    observed = [count / sum(counts) for count in counts]
    expected = [size / sum(sizes) for size in sizes]
    assert value == pytest.approx(cityblock(observed, expected) / 2)
    assert 0 <= value <= 1 - min(expected) + 1e-12
    norm = dp_norm(counts, sizes)
    assert norm is not None and 0 <= norm <= 1 + 1e-12


def test_dp_of_a_term_over_the_speeches() -> None:
    counts = [sum(p.count("两高") for p in r["paragraphs"]) for r in records()]
    sizes = [r["length"] for r in records()]
    total = sum(counts)
    expected = cityblock([c / total for c in counts], [s / sum(sizes) for s in sizes]) / 2
    assert dp(counts, sizes) == pytest.approx(expected)
    assert range_of(counts) == 7


def test_hit_fraction_by_hand() -> None:
    assert hit_fraction([10, 20], 1, 5) == 0.5
    assert hit_fraction([10, 20], 0, 0) == 0.0
    for paragraph, start in [(2, 0), (0, 10), (-1, 0)]:
        with pytest.raises(ShuangtanError):
            hit_fraction([10, 20], paragraph, start)


def test_hit_fractions_are_offsets_in_the_whole_remarks() -> None:
    for record in records():
        lengths = [len(p) for p in record["paragraphs"]]
        assert sum(lengths) == record["length"]
        joined = "".join(record["paragraphs"])
        for i, paragraph in enumerate(record["paragraphs"]):
            for start in occurrences(paragraph, "碳"):
                offset = hit_fraction(lengths, i, start) * record["length"]
                assert joined[round(offset)] == "碳"


def test_strip_columns() -> None:
    assert strip_columns([0.0, 0.5, 0.999, 1.0], 10) == [0, 5, 9, 9]
    assert strip_columns([0.3], 1) == [0]
    with pytest.raises(ShuangtanError):
        strip_columns([0.1], 0)
