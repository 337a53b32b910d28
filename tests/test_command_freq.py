"""``shuangtan freq TERM…``: counts per group, rates, range and DP, through the real CLI.

Counts are made here with ``str.find`` over the Simplified data, sizes by
summing the paragraphs' lengths, DP by its formula in a plain loop, and one
DP by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from analysis_oracles import occurrences
from helpers import SCRIPTS, Golden, Run, assert_one_error_line, by_id, records, tsv

from shuangtan_cli.output import Environment

Record = dict[str, Any]


def freq_json(run: Run, *args: str, status: int = 0) -> list[dict[str, Any]]:
    rows = json.loads(run("freq", *args, "--json", status=status).stdout)
    assert isinstance(rows, list)
    return rows


def hits(record: Record, needle: str) -> int:
    return sum(len(occurrences(p, needle)) for p in record["paragraphs"])


def size(record: Record) -> int:
    return sum(len(p) for p in record["paragraphs"])


def gries_dp(counts: list[int], sizes: list[int]) -> float | None:
    total, whole = sum(counts), sum(sizes)
    if total == 0:
        return None
    return 0.5 * sum(abs(v / total - s / whole) for v, s in zip(counts, sizes, strict=True))


KEYS: dict[str, Callable[[Record], Any]] = {
    "province": lambda r: r["province"],
    "region": lambda r: r["region"],
    "division": lambda r: r["division"],
    "year": lambda r: int(r["date"][:4]),
    "month": lambda r: r["date"][:7],
    "speaker": lambda r: r["speaker"],
    "speech": lambda r: r["id"],
}
FIELD = {**{k: k for k in KEYS}, "speech": "id"}


def expected_groups(grouping: str, needle: str, script: str) -> list[dict[str, Any]]:
    """The rows freq should give, from the data of ``script`` and the Simplified text."""
    canonical = by_id()
    groups: dict[Any, list[Record]] = {}
    for record in records(script):
        groups.setdefault(KEYS[grouping](record), []).append(record)
    keys = list(groups)
    if grouping in ("year", "month"):
        keys.sort()
    rows = []
    for key in keys:
        members = [canonical[r["id"]] for r in groups[key]]
        counts, sizes = [hits(r, needle) for r in members], [size(r) for r in members]
        rows.append(
            {
                FIELD[grouping]: key,
                "count": sum(counts),
                "size": sum(sizes),
                "per_10k": sum(counts) * 10_000 / sum(sizes),
                "speeches": len(members),
                "range": sum(1 for c in counts if c),
                "dp": gries_dp(counts, sizes),
            }
        )
    return rows


def close(found: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    assert len(found) == len(expected)
    for row, want in zip(found, expected, strict=True):
        for key, value in want.items():
            if isinstance(value, float):
                assert row[key] == pytest.approx(value, rel=1e-12), key
            else:
                assert row[key] == value, key


@pytest.mark.parametrize("grouping", list(KEYS))
@pytest.mark.parametrize("term", ["两高", "碳汇", "发展"])
def test_every_grouping_against_independent_counts(run: Run, grouping: str, term: str) -> None:
    rows = freq_json(run, term, "--by", grouping)
    close(rows, expected_groups(grouping, term, "traditional"))
    assert all(row["term"] == term for row in rows)
    assert list(rows[0]) == [
        FIELD[grouping],
        "term",
        "count",
        "size",
        "per_10k",
        "speeches",
        "range",
        "dp",
    ]


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("term", ["兩高", "两高"])
def test_either_script_counts_the_same(run: Run, script: str, term: str) -> None:
    rows = freq_json(run, term, "--by", "region", "-s", script)
    close(rows, expected_groups("region", "两高", script))


def test_the_whole_selection_is_one_group_without_by(run: Run) -> None:
    (row,) = freq_json(run, "碳汇")
    everything = records()
    counts = [hits(r, "碳汇") for r in everything]
    assert row == {
        "term": "碳汇",
        "count": sum(counts),
        "size": sum(map(size, everything)),
        "per_10k": pytest.approx(sum(counts) * 10_000 / sum(map(size, everything))),
        "speeches": 31,
        "range": sum(1 for c in counts if c),
        "dp": pytest.approx(gries_dp(counts, [size(r) for r in everything])),
    }
    assert row["size"] == sum(r["length"] for r in everything)  # the length field's count


def test_dp_of_northeast_by_hand(run: Run) -> None:
    # 东北: heilongjiang 228, liaoning 453, jilin 582 characters; 两高 once in
    # liaoning and once in jilin:
    # DP = ½(|0 − 228/1263| + |½ − 453/1263| + |½ − 582/1263|) = 0.180523…
    assert [size(by_id()[i]) for i in ("heilongjiang", "liaoning", "jilin")] == [228, 453, 582]
    row = next(r for r in freq_json(run, "两高", "--by", "region") if r["region"] == "東北")
    assert (row["count"], row["size"], row["range"], row["speeches"]) == (2, 1263, 2, 3)
    assert row["dp"] == pytest.approx(0.5 * (228 / 1263 + (0.5 - 453 / 1263) + (0.5 - 582 / 1263)))
    assert round(row["dp"], 6) == 0.180523
    assert row["per_10k"] == pytest.approx(2 * 10_000 / 1263)


def test_several_terms_group_by_group(run: Run) -> None:
    rows = freq_json(run, "两高", "碳汇", "--by", "year")
    assert [(r["year"], r["term"]) for r in rows] == [
        (2021, "两高"),
        (2021, "碳汇"),
        (2022, "两高"),
        (2022, "碳汇"),
    ]
    close(rows[::2], expected_groups("year", "两高", "traditional"))
    close(rows[1::2], expected_groups("year", "碳汇", "traditional"))


def test_terms_are_plain_strings_unless_regex(run: Run) -> None:
    plain = freq_json(run, "1+N", "--by", "speech")
    assert sum(r["count"] for r in plain) == sum(hits(r, "1+N") for r in records()) > 0
    regex = freq_json(run, "1+N", "-E", status=1 if not _regex_count("1+N") else 0)
    assert regex[0]["count"] == _regex_count("1+N")
    (alternation,) = freq_json(run, "碳(达峰|中和)", "-E")
    assert alternation["count"] == _regex_count("碳(?:达峰|中和)")
    assert freq_json(run, "碳(达峰|中和)", status=1)[0]["count"] == 0  # a plain string


def _regex_count(pattern: str) -> int:
    return sum(len(re.findall(pattern, p)) for r in records() for p in r["paragraphs"])


def test_ignore_case(run: Run) -> None:
    assert freq_json(run, "1+n", status=1)[0]["count"] == 0
    assert freq_json(run, "1+n", "-i")[0]["count"] == _regex_count(r"1\+N")


def test_no_occurrence_prints_the_zeros_and_exits_1(run: Run) -> None:
    rows = freq_json(run, "核聚变", "--by", "region", status=1)
    assert len(rows) == 7 and all(r["count"] == 0 and r["dp"] is None for r in rows)
    text = run("freq", "核聚变", status=1).stdout
    assert text == "核聚变\t0\t10308\t0.00\t31\t0\t\n"


def test_nothing_selected_exits_1_with_nothing(run: Run) -> None:
    assert freq_json(run, "碳", "--since", "2030", status=1) == []


def test_text_columns(run: Run) -> None:
    lines = tsv(run("freq", "两高", "--by", "province", "-s", "s"))
    expected = expected_groups("province", "两高", "simplified")
    for line, want in zip(lines, expected, strict=True):
        dp = "" if want["dp"] is None else f"{want['dp']:.3f}"
        assert line == [
            want["province"],
            "两高",
            str(want["count"]),
            str(want["size"]),
            f"{want['per_10k']:.2f}",
            str(want["speeches"]),
            str(want["range"]),
            dp,
        ]


def test_selection_and_its_order(run: Run) -> None:
    rows = freq_json(run, "碳", "--by", "province", "--sort", "length", "--region", "华北")
    north = sorted(
        (r for r in records("traditional") if r["region"] == "華北"),
        key=lambda r: (r["length"], r["seq"]),
    )
    assert [r["province"] for r in rows] == [r["province"] for r in north]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["碳", "--by", "county"], "'--by'"),
        ([""], "empty pattern"),
        (["碳(", "-E"], "missing )"),
    ],
)
def test_errors(run: Run, args: list[str], says: str) -> None:
    assert says in assert_one_error_line(run("freq", *args, status=2))


def test_a_term_is_needed(run: Run) -> None:
    assert "Missing argument 'TERM…'" in assert_one_error_line(run("freq", status=2))


# --- --explain -------------------------------------------------------------------------------


def test_explain_works_the_first_row_by_hand(run: Run) -> None:
    text = run("freq", "两高", "--explain").stdout
    counts = [hits(r, "两高") for r in records()]
    sizes = [size(r) for r in records()]
    assert f"count = {sum(counts)}, size = {sum(sizes):,}" in text
    # The DP line, evaluated as it is written, gives DP.
    line = next(line for line in text.splitlines() if line.strip().startswith("DP = ½ · ("))
    terms = re.findall(r"\|(\d+)/(\d+) − ([\d,]+)/([\d,]+)\|", line)
    rest = re.search(r"\+ ([\d,]+)/([\d,]+)\)", line)
    assert terms and rest

    def number(text: str) -> int:
        return int(text.replace(",", ""))

    value = sum(abs(number(v) / number(f) - number(s) / number(w)) for v, f, s, w in terms)
    value = 0.5 * (value + number(rest[1]) / number(rest[2]))
    assert value == pytest.approx(gries_dp(counts, sizes))
    for reference in ("Gries", "2008", "International Journal of Corpus Linguistics 13(4)"):
        assert reference in text


def test_explain_as_json(run: Run) -> None:
    data = json.loads(run("freq", "碳汇", "--by", "region", "--explain", "--json").stdout)
    rows = freq_json(run, "碳汇", "--by", "region")
    first = next(r for r in rows if r["count"])
    assert data["command"] == "freq" and data["by"] == "region"
    assert data["example"]["count"] == first["count"]
    assert data["example"]["per_10k"] == first["per_10k"]
    assert sum(part[1] for part in data["example"]["parts"]) == first["count"]
    assert [g["size"] for g in data["groups"]] == [r["size"] for r in rows]
    assert any("Gries" in ref for ref in data["references"])


def test_explain_without_a_hit(run: Run) -> None:
    data = json.loads(run("freq", "核聚变", "--explain", "--json").stdout)
    assert data["example"] is None


# --- the chart -------------------------------------------------------------------------------


def chart(run: Run, *args: str, width: int = 100) -> list[str]:
    terminal = Environment(is_terminal=True, width=width, height=50, environ={"TERM": "dumb"})
    return run("freq", *args, "--color", "never", terminal=terminal).stdout.splitlines()


def eighths(line: str) -> int:
    blocks = " ▏▎▍▌▋▊▉"
    bar = re.search(r"█*[▏▎▍▌▋▊▉]?\s*$", line)
    assert bar
    drawn = bar.group().rstrip()
    return 8 * drawn.count("█") + sum(blocks.index(c) for c in drawn if c in blocks)


def test_bars_are_proportional_to_the_rate(run: Run) -> None:
    lines = chart(run, "两高", "--by", "region")
    rows = freq_json(run, "两高", "--by", "region")
    body = lines[2 : 2 + len(rows)]
    largest = max(r["per_10k"] for r in rows)
    longest = max(eighths(line) for line in body)
    for line, row in zip(body, rows, strict=True):
        assert eighths(line) == pytest.approx(row["per_10k"] / largest * longest, abs=1)
        assert (eighths(line) == 0) == (row["count"] == 0)


def test_a_time_series_has_every_month(run: Run) -> None:
    lines = chart(run, "碳汇", "--by", "month", "-p", "河北", "-p", "北京")
    months = [line.split()[0] for line in lines[2:-1]]
    assert months == [
        "2021-05",
        "2021-06",
        "2021-07",
        "2021-08",
        "2021-09",
        "2021-10",
        "2021-11",
        "2021-12",
        "2022-01",
        "2022-02",
        "2022-03",
    ]
    assert sum("no speeches" in line for line in lines) == 9
    rows = freq_json(run, "碳汇", "--by", "month", "-p", "河北", "-p", "北京", status=0)
    assert [r["month"] for r in rows] == ["2021-05", "2022-03"]  # the data: only real months


def test_too_narrow_for_bars_prints_text(run: Run) -> None:
    assert (
        chart(run, "两高", "--by", "region", width=30)
        == run("freq", "两高", "--by", "region").stdout.splitlines()
    )


def test_freq_chart(run: Run, golden: Golden) -> None:
    args = ("freq", "两高", "碳汇", "--by", "region", "--format", "table")
    golden("freq_chart.txt", run(*args, env={"COLUMNS": "100"}).stdout)


def test_freq_time_series(run: Run, golden: Golden) -> None:
    args = ("freq", "碳达峰", "--by", "month", "--format", "table", "--region", "西北")
    golden("freq_months.txt", run(*args, env={"COLUMNS": "90"}).stdout)
