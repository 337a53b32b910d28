"""Grouped frequencies of a term over the corpus, computed a second way."""

from __future__ import annotations

import pytest
from analysis_oracles import records
from scipy.spatial.distance import cityblock

from shuangtan_cli.analysis.frequency import group_frequencies, per_10k
from shuangtan_cli.errors import ShuangtanError


def hits(record: dict[str, object], term: str) -> int:
    paragraphs = record["paragraphs"]
    assert isinstance(paragraphs, list)
    return sum(paragraph.count(term) for paragraph in paragraphs)


def test_per_10k_by_hand() -> None:
    assert per_10k(3, 1500) == 20.0
    assert per_10k(0, 10) == 0.0
    with pytest.raises(ShuangtanError, match="positive size"):
        per_10k(1, 0)


@pytest.mark.parametrize("field", ["province", "region", "division", "year", "month", "id"])
@pytest.mark.parametrize("term", ["两高", "碳汇", "碳达峰"])
def test_groups_of_the_corpus(field: str, term: str) -> None:
    def key(record: dict[str, object]) -> object:
        date = str(record["date"])
        return {"year": date[:4], "month": date[:7]}.get(field) or record[field]

    rows = group_frequencies((key(r), hits(r, term), r["length"]) for r in records())
    keys = list(dict.fromkeys(key(r) for r in records()))  # first appearance
    assert [row["key"] for row in rows] == keys
    for row in rows:
        members = [r for r in records() if key(r) == row["key"]]
        counts = [hits(r, term) for r in members]
        sizes = [r["length"] for r in members]
        assert row["count"] == sum(counts)
        assert row["size"] == sum(sizes)
        assert row["per_10k"] == pytest.approx(sum(counts) * 10_000 / sum(sizes))
        assert row["parts"] == len(members)
        assert row["range"] == sum(1 for c in counts if c)
        if sum(counts) == 0:
            assert row["dp"] is None
        else:
            observed = [c / sum(counts) for c in counts]
            expected = [s / sum(sizes) for s in sizes]
            assert row["dp"] == pytest.approx(cityblock(observed, expected) / 2)
    assert sum(row["count"] for row in rows) == sum(hits(r, term) for r in records())


def test_the_docstring_example_by_hand() -> None:
    rows = group_frequencies([("华北", 2, 1000), ("华北", 0, 500), ("西北", 1, 250)])
    assert rows[0]["per_10k"] == pytest.approx(2 * 10_000 / 1500)
    assert rows[0]["dp"] == pytest.approx(0.5 * (abs(1 - 2 / 3) + abs(0 - 1 / 3)))
    assert rows[1] == {
        "key": "西北",
        "count": 1,
        "size": 250,
        "per_10k": 40.0,
        "parts": 1,
        "range": 1,
        "dp": 0.0,
    }
    assert group_frequencies([]) == []
