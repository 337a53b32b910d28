"""``shuangtan ngrams``: n-gram and term frequency lists, through the real CLI.

Expected counts come from the oracles of ``analysis_oracles``: a character
loop over Han runs, and a position loop for whole terms.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from analysis_oracles import count_units, longest_terms, ngrams, vocabulary
from helpers import Golden, Run, assert_one_error_line, records, tsv


def ngrams_json(run: Run, *args: str, status: int = 0) -> list[dict[str, Any]]:
    rows = json.loads(run("ngrams", *args, "--json", status=status).stdout)
    assert isinstance(rows, list)
    return rows


def ordered(counts: Counter[str], ranges: Counter[str]) -> list[dict[str, Any]]:
    """Rows as documented: count descending, range descending, then code points."""
    units = sorted(counts, key=lambda u: (-counts[u], -ranges[u], u))
    return [{"ngram": u, "count": counts[u], "range": ranges[u]} for u in units]


def documents(ids: set[str] | None = None) -> list[list[str]]:
    return [r["paragraphs"] for r in records() if ids is None or r["id"] in ids]


@pytest.mark.parametrize(
    ("n", "low", "high"), [("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("2-4", 2, 4)]
)
def test_every_ngram_against_a_character_loop(run: Run, n: str, low: int, high: int) -> None:
    counts, ranges, _ = count_units(documents(), lambda text: ngrams(text, low, high))
    rows = ngrams_json(run, "-n", n, "--top", "0", "-s", "simplified")
    assert rows == ordered(counts, ranges)


def test_the_default_is_the_top_20_bigrams(run: Run) -> None:
    counts, ranges, _ = count_units(documents(), lambda text: ngrams(text, 2, 2))
    assert ngrams_json(run, "-s", "s") == ordered(counts, ranges)[:20]


def spellings() -> dict[str, str]:
    return {s: e["term"] for e in vocabulary() for s in (e["term"], *e.get("variants", []))}


def test_terms_are_counted_whole(run: Run) -> None:
    table = spellings()
    counts, ranges, _ = count_units(
        documents(), lambda text: [unit for _, _, unit in longest_terms(text, table)]
    )
    assert ngrams_json(run, "--terms", "--top", "0", "-s", "s") == ordered(counts, ranges)
    # Whole terms, not every occurrence: 降碳 inside 减污降碳 is not counted.
    text = " ".join(p for r in records() for p in r["paragraphs"])
    assert counts["降碳"] < text.count("降碳")


@pytest.mark.parametrize("script", ["traditional", "hk"])
def test_units_are_shown_in_the_script_asked_for(run: Run, script: str) -> None:
    simplified = ngrams_json(run, "-n", "2-3", "--top", "0", "-s", "s")
    shown = ngrams_json(run, "-n", "2-3", "--top", "0", "-s", script)
    assert [(r["count"], r["range"]) for r in shown] == [
        (r["count"], r["range"]) for r in simplified
    ]
    text = "\n".join(p for r in records(script) for p in r["paragraphs"])
    canonical = "\n".join(p for r in records() for p in r["paragraphs"])
    for row, base in zip(shown, simplified, strict=True):
        first = canonical.find(base["ngram"])
        assert row["ngram"] == text[first : first + len(base["ngram"])]


def test_filters(run: Run) -> None:
    everything = ngrams_json(run, "--top", "0", "-s", "s")
    assert ngrams_json(run, "--top", "5", "-s", "s") == everything[:5]
    assert ngrams_json(run, "--top", "0", "--min-count", "10", "-s", "s") == [
        r for r in everything if r["count"] >= 10
    ]
    assert ngrams_json(run, "--top", "0", "--min-range", "20", "-s", "s") == [
        r for r in everything if r["range"] >= 20
    ]
    assert ngrams_json(run, "--min-count", "100000", status=1) == []


def test_the_selection_is_counted(run: Run) -> None:
    northwest = {r["id"] for r in records() if r["region"] == "西北"}
    counts, ranges, _ = count_units(documents(northwest), lambda text: ngrams(text, 2, 2))
    rows = ngrams_json(run, "--region", "西北", "--top", "0", "-s", "s")
    assert rows == ordered(counts, ranges)
    assert max(r["range"] for r in rows) <= len(northwest)


def test_text_and_csv(run: Run) -> None:
    rows = ngrams_json(run, "--top", "3")
    assert tsv(run("ngrams", "--top", "3")) == [
        [r["ngram"], str(r["count"]), str(r["range"])] for r in rows
    ]
    csv = run("ngrams", "--top", "3", "--format", "csv").stdout.splitlines()
    assert csv[0] == "ngram,count,range" and len(csv) == 4


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-n", "0"], "between 1 and 12"),
        (["-n", "13"], "between 1 and 12"),
        (["-n", "4-2"], "the first number is the larger"),
        (["-n", "two"], "bad n-gram length"),
        (["-n", "2", "--terms"], "cannot go with --terms"),
        (["--terms", "--words"], "cannot be combined"),
        (["--top", "-1"], "'--top'"),
        (["--min-count", "0"], "'--min-count'"),
        (["--min-range", "0"], "'--min-range'"),
    ],
)
def test_errors(run: Run, args: list[str], says: str) -> None:
    assert says in assert_one_error_line(run("ngrams", *args, status=2))


def test_ngrams_table(run: Run, golden: Golden) -> None:
    out = run("ngrams", "-n", "3-4", "--top", "8", "--format", "table", env={"COLUMNS": "80"})
    golden("ngrams_table.txt", out.stdout)


def test_terms_table(run: Run, golden: Golden) -> None:
    out = run("ngrams", "--terms", "--top", "0", "--format", "table", env={"COLUMNS": "80"})
    golden("ngrams_terms_table.txt", out.stdout)
