"""``shuangtan plot PATTERN``: dispersion strips, through the real CLI.

Hits are found with ``str.find`` over the Simplified data; a hit's offset is
the lengths of the paragraphs before it plus its start; DP is computed here
over 8 parts cut as documented, by its formula.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest
from analysis_oracles import occurrences
from helpers import Golden, Run, by_id, records

from shuangtan_cli.output import Environment


def plot_json(run: Run, *args: str, status: int = 0) -> list[dict[str, Any]]:
    rows = json.loads(run("plot", *args, "--json", status=status).stdout)
    assert isinstance(rows, list)
    return rows


def offsets(record: dict[str, Any], needle: str) -> list[int]:
    found, before = [], 0
    for paragraph in record["paragraphs"]:
        found += [before + start for start in occurrences(paragraph, needle)]
        before += len(paragraph)
    return found


def dp_over_parts(hits: list[int], length: int, parts: int = 8) -> float:
    starts = [j * length // parts for j in range(parts)] + [length]
    counts = [sum(1 for h in hits if starts[j] <= h < starts[j + 1]) for j in range(parts)]
    sizes = [starts[j + 1] - starts[j] for j in range(parts)]
    return 0.5 * sum(abs(v / len(hits) - s / length) for v, s in zip(counts, sizes, strict=True))


@pytest.mark.parametrize("needle", ["碳汇", "两高", "发展", "能源"])
def test_rows_against_the_data(run: Run, needle: str) -> None:
    rows = plot_json(run, needle)
    expected = [r for r in records() if offsets(r, needle)]
    assert [row["id"] for row in rows] == [r["id"] for r in expected]
    shown = by_id("traditional")
    for row, record in zip(rows, expected, strict=True):
        found = offsets(record, needle)
        assert row["offsets"] == found and row["count"] == len(found)
        assert row["length"] == sum(map(len, record["paragraphs"]))
        assert row["dp"] == pytest.approx(dp_over_parts(found, row["length"]))
        assert (row["province"], row["speaker"]) == (
            shown[row["id"]]["province"],
            shown[row["id"]]["speaker"],
        )


def test_dp_of_shandong_by_hand(run: Run) -> None:
    # Shandong, 361 characters: 两高 at 6 + len(paragraph 0) and at 42 + the two before.
    shandong = by_id()["shandong"]
    p0, p1 = map(len, shandong["paragraphs"][:2])
    (row,) = plot_json(run, "两高", "-p", "山东")
    assert row["offsets"] == [p0 + 6, p0 + p1 + 42]
    # Parts start at ⌊j·361/8⌋: 0 45 90 135 180 225 270 315; both hits fall in
    # different parts, of sizes 45 and 45 or 46: DP = ½(2·|½ − s| + Σ other shares).
    starts = [j * 361 // 8 for j in range(8)]
    assert starts == [0, 45, 90, 135, 180, 225, 270, 315]
    assert row["dp"] == pytest.approx(dp_over_parts(row["offsets"], 361))


def strips(run: Run, *args: str, width: int = 80) -> list[str]:
    terminal = Environment(is_terminal=True, width=width, height=50, environ={"TERM": "dumb"})
    return run("plot", *args, "--color", "never", terminal=terminal).stdout.splitlines()


def test_text_marks_each_hit_in_its_column(run: Run) -> None:
    lines = run("plot", "能源", env={"COLUMNS": "80"}).stdout.splitlines()
    rows = plot_json(run, "能源")
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        strip = line.split()[-1]
        assert set(strip) <= {"-", "|"}
        assert line.rstrip() == line and len(strip) == len(lines[0].split()[-1])
        columns = {min(int(o / row["length"] * len(strip)), len(strip) - 1) for o in row["offsets"]}
        assert {i for i, c in enumerate(strip) if c == "|"} == columns
        assert line.split()[1:3] == [str(row["count"]), f"{row['dp']:.3f}"]


@pytest.mark.parametrize("width", [50, 80, 120])
def test_strips_fill_the_terminal(run: Run, width: int) -> None:
    lines = strips(run, "碳汇", width=width)
    body = [line for line in lines if set(line.split()[-1]) <= {"-", "|"}]
    assert len(body) == len(plot_json(run, "碳汇"))
    wide = {"W", "F"}
    for line in body:
        columns = sum(2 if unicodedata.east_asian_width(c) in wide else 1 for c in line)
        assert columns == width


def test_caption_gives_the_dp_over_the_speeches(run: Run) -> None:
    text = "\n".join(strips(run, "碳汇", width=200))
    counts = [len(offsets(r, "碳汇")) for r in records()]
    sizes = [sum(map(len, r["paragraphs"])) for r in records()]
    total = sum(counts)
    dp = 0.5 * sum(abs(c / total - s / sum(sizes)) for c, s in zip(counts, sizes, strict=True))
    assert f"DP over the 31 speeches: {dp:.3f}." in text
    assert f"{sum(1 for c in counts if c)} of 31 speeches with a hit" in text


def test_no_hit_exits_1(run: Run) -> None:
    assert run("plot", "核聚变", status=1).stdout == ""
    assert plot_json(run, "核聚变", status=1) == []


def test_too_narrow_for_strips(run: Run) -> None:
    lines = strips(run, "两高", width=20)
    rows = plot_json(run, "两高")
    assert [line.split("\t") for line in lines] == [
        [by_id("traditional")[r["id"]]["province_short"], str(r["count"]), f"{r['dp']:.3f}"]
        for r in rows
    ]


def test_plot_table(run: Run, golden: Golden) -> None:
    out = run("plot", "碳匯", "--format", "table", env={"COLUMNS": "90"}).stdout
    golden("plot_table.txt", out)


def test_csv_joins_the_offsets(run: Run) -> None:
    lines = run("plot", "两高", "-p", "山东", "--format", "csv").stdout.splitlines()
    assert lines[0] == "id,seq,province,speaker,date,length,count,dp,offsets"
    assert len(lines) >= 2


def test_pattern_options(run: Run) -> None:
    rows = plot_json(run, "1+N", "-F")
    assert [(r["id"], r["offsets"]) for r in rows] == [
        (r["id"], offsets(r, "1+N")) for r in records() if offsets(r, "1+N")
    ]
    assert plot_json(run, "1+n", "-F", status=1) == []
    assert plot_json(run, "1+n", "-F", "-i") == rows


def test_marks_are_highlighted_at_a_terminal(run: Run) -> None:
    args = ("plot", "碳汇", "--format", "table", "--color", "always")
    out = run(*args, env={"COLUMNS": "200", "TERM": "xterm"}).stdout
    marks = re.findall(r"\x1b\[1;31m(\|+)\x1b\[0m", out)
    columns = sum(len(set(r["offsets"])) for r in plot_json(run, "碳汇"))
    assert "".join(marks).count("|") <= columns and marks
