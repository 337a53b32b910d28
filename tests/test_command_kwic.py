"""``shuangtan kwic PATTERN``: concordance lines, through the real CLI.

Expected hits are found with ``str.find`` and ``re`` over the Simplified data;
contexts are slices of the displayed paragraph; display widths are computed
here from ``unicodedata.east_asian_width`` alone.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest
from analysis_oracles import occurrences
from helpers import ANSI, SCRIPTS, Golden, Run, assert_one_error_line, by_id, records, tsv

from shuangtan_cli.output import Environment
from shuangtan_cli.search import HIT_FIELDS


def kwic_json(run: Run, *args: str, status: int = 0) -> list[dict[str, Any]]:
    rows = json.loads(run("kwic", *args, "--json", status=status).stdout)
    assert isinstance(rows, list)
    return rows


def literal(needle: str) -> list[tuple[str, int, int, int]]:
    """(id, paragraph, start, end) of every occurrence of ``needle`` in the Simplified data."""
    return [
        (record["id"], index, start, start + len(needle))
        for record in records()
        for index, text in enumerate(record["paragraphs"])
        for start in occurrences(text, needle)
    ]


def columns(text: str, ambiguous: int = 1) -> int:
    widths = {"W": 2, "F": 2, "A": ambiguous}
    return sum(widths.get(unicodedata.east_asian_width(char), 1) for char in text)


@pytest.mark.parametrize("pattern", ["两高", "兩高"])
def test_the_hits_of_grep_in_either_script(run: Run, pattern: str) -> None:
    rows = kwic_json(run, pattern)
    assert [(r["id"], r["paragraph"], r["start"], r["end"]) for r in rows] == literal("两高")
    grep = json.loads(run("grep", "两高", "--json").stdout)
    assert [{k: r[k] for k in HIT_FIELDS} for r in rows] == grep


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("width", ["0", "1", "7", "15", "1000"])
def test_contexts_are_slices_of_the_paragraph(run: Run, script: str, width: str) -> None:
    rows = kwic_json(run, "碳(达峰|中和)", "--width", width, "-s", script)
    shown = by_id(script)
    assert len(rows) == sum(len(re.findall("碳(?:达峰|中和)", p)) for p in paragraphs())
    n = int(width)
    for row in rows:
        text = shown[row["id"]]["paragraphs"][row["paragraph"]]
        start, end = row["start"], row["end"]
        assert row["left"] == text[max(start - n, 0) : start]
        assert row["right"] == text[end : end + n]
        assert row["match"] == text[start:end]
        assert list(row) == [*HIT_FIELDS, "left", "right"]


def paragraphs() -> list[str]:
    return [p for record in records() for p in record["paragraphs"]]


def test_the_default_width_is_15_characters_outside_a_terminal(run: Run) -> None:
    rows = kwic_json(run, "雙碳")
    assert max(len(row["left"]) for row in rows) == 15
    assert all(len(row["left"]) == min(15, row["start"]) for row in rows)


def test_text_is_ref_left_match_right(run: Run) -> None:
    rows = tsv(run("kwic", "碳汇", "-w", "4"))
    expected = literal("碳汇")
    assert [row[0] for row in rows] == [f"{i}:{p}:{s}-{e}" for i, p, s, e in expected]
    shown = by_id("traditional")
    for (speech, paragraph, start, end), row in zip(expected, rows, strict=True):
        text = shown[speech]["paragraphs"][paragraph]
        assert row[1:] == [text[max(start - 4, 0) : start], text[start:end], text[end : end + 4]]


def test_text_highlights_only_the_match(run: Run) -> None:
    out = run("kwic", "碳汇", "--color", "always", "--format", "text", env={"TERM": "xterm"})
    assert re.findall(r"\x1b\[1;31m(.*?)\x1b\[0m", out.stdout) == ["碳匯"] * len(literal("碳汇"))


def test_fixed_strings_and_regular_expressions(run: Run) -> None:
    assert [r["match"] for r in kwic_json(run, "1+N", "-F")] == ["1+N"] * len(literal("1+N"))
    expected = [m.group() for p in paragraphs() for m in re.finditer("1+N", p)]
    as_regex = kwic_json(run, "1+N", status=0 if expected else 1)
    assert [r["match"] for r in as_regex] == expected


def test_ignore_case(run: Run) -> None:
    assert kwic_json(run, "1+n", "-F", status=1) == []
    assert len(kwic_json(run, "1+n", "-F", "-i")) == len(literal("1+N"))


def test_no_hit_exits_1_and_prints_nothing(run: Run) -> None:
    for fmt in ("text", "table"):
        assert run("kwic", "核聚变", "--format", fmt, status=1).stdout == ""
    assert kwic_json(run, "核聚变", status=1) == []


def test_selection_options_choose_the_speeches(run: Run) -> None:
    rows = kwic_json(run, "碳", "--region", "西北", "--sort", "date", "--limit", "2")
    northwest = sorted(
        (r for r in records() if r["region"] == "西北"), key=lambda r: (r["date"], r["seq"])
    )
    assert [r["id"] for r in northwest[:2]] == list(dict.fromkeys(row["id"] for row in rows))


# --- sorting by context ----------------------------------------------------------------------


def level_char(row: dict[str, Any], text: str, level: str) -> str:
    if level == "M":
        return row["match"]
    distance, side = int(level[:-1]), level[-1]
    at = row["end"] + distance - 1 if side == "R" else row["start"] - distance
    return text[at] if 0 <= at < len(text) else ""


@pytest.mark.parametrize("levels", ["1R", "1R,2R,3R", "1L", "2L,1L", "M,1R", "3r 1l"])
@pytest.mark.parametrize("script", ["traditional", "simplified"])
def test_levels_sort_as_a_stable_sort_on_the_characters_shown(
    run: Run, levels: str, script: str
) -> None:
    plain = kwic_json(run, r"碳\p{Han}", "-s", script)
    shown = by_id(script)
    wanted = levels.replace(",", " ").upper().split()

    def key(row: dict[str, Any]) -> tuple[str, ...]:
        text = shown[row["id"]]["paragraphs"][row["paragraph"]]
        return tuple(level_char(row, text, level) for level in wanted)

    expected = sorted(plain, key=key)  # Python's sort is stable: ties keep article order
    assert kwic_json(run, r"碳\p{Han}", "-s", script, "--levels", levels) == expected
    assert expected != plain


def test_levels_then_the_selection_order(run: Run) -> None:
    by_date = kwic_json(run, "碳汇", "--sort", "date", "--levels", "1R")
    dates = by_id()
    for one, two in zip(by_date, by_date[1:], strict=False):
        if one["right"][:1] == two["right"][:1]:
            assert dates[one["id"]]["date"] <= dates[two["id"]]["date"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--levels", "1X"], "bad sort level '1X'"),
        (["--levels", "0R"], "bad sort level '0R'"),
        (["--levels", ","], "no sort levels given"),
        (["--width", "-1"], "'--width'"),
        (["--width", "1001"], "'--width'"),
        (["--width", "many"], "'--width'"),
    ],
)
def test_bad_options(run: Run, args: list[str], says: str) -> None:
    assert says in assert_one_error_line(run("kwic", "碳", *args, status=2))


@pytest.mark.parametrize(("pattern", "says"), [("碳(达峰", "missing )"), ("", "empty pattern")])
def test_bad_patterns(run: Run, pattern: str, says: str) -> None:
    assert says in assert_one_error_line(run("kwic", pattern, status=2))


# --- the terminal ----------------------------------------------------------------------------


def table(run: Run, *args: str, width: int = 100) -> list[str]:
    terminal = Environment(is_terminal=True, width=width, height=50, environ={"TERM": "dumb"})
    out = run("kwic", *args, "--color", "never", terminal=terminal).stdout
    return out.splitlines()


@pytest.mark.parametrize("width", [40, 80, 100, 157])
@pytest.mark.parametrize("ambiguous", [1, 2])
def test_matches_align_by_display_width(run: Run, width: int, ambiguous: int) -> None:
    switch = ["--ambiguous-wide"] if ambiguous == 2 else []
    lines = table(run, "兩高", *switch, width=width)
    hits = kwic_json(run, "兩高")
    assert len(lines) == len(hits)
    starts = set()
    for line, hit in zip(lines, hits, strict=True):
        before, _, _ = line.partition(" 兩高 ")
        starts.add(columns(before, ambiguous))
        assert columns(line.rstrip(), ambiguous) <= width
        label = by_id("traditional")[hit["id"]]["province_short"]
        assert line.startswith(label)
    assert len(starts) == 1  # every match in one column


def test_the_contexts_fill_the_terminal(run: Run) -> None:
    lines = table(run, "兩高", width=100)
    # Label (two CJK characters), two spaces, the left context, the match, the right.
    side = (100 - 4 - 4 - 4) // 2
    for line in lines:
        before = line.partition(" 兩高 ")[0]
        assert columns(before) == 4 + 2 + side
    assert max(columns(line.rstrip()) for line in lines) > 90


def test_a_given_width_at_a_terminal_is_that_many_characters(run: Run) -> None:
    lines = table(run, "碳汇", "--width", "3")
    for line in lines:
        left = line.split("  ", 1)[1].partition(" 碳匯 ")[0]
        assert len(left.strip()) <= 3


def test_too_narrow_a_terminal_gets_the_text_lines(run: Run) -> None:
    narrow = table(run, "兩高", width=12)
    assert narrow == run("kwic", "兩高").stdout.splitlines()


def test_kwic_table(run: Run, golden: Golden) -> None:
    args = ("kwic", "兩高", "--format", "table", "--levels", "1R,2R")
    out = run(*args, env={"COLUMNS": "100"}).stdout
    golden("kwic_table.txt", out)
    assert ANSI.search(out) is None


def test_the_ambiguous_rule_moves_the_lines_of_quotation_marks(run: Run) -> None:
    narrow = table(run, "兩高", "-w", "4")
    wide = table(run, "兩高", "-w", "4", "--ambiguous-wide")
    assert narrow != wide  # “ is padded as one column, or two
    assert [line.replace(" ", "") for line in narrow] == [line.replace(" ", "") for line in wide]


def test_jsonl_and_csv_carry_the_same_rows(run: Run) -> None:
    rows = kwic_json(run, "碳汇")
    lines = run("kwic", "碳汇", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    csv = run("kwic", "碳汇", "--format", "csv").stdout.splitlines()
    assert csv[0].split(",") == [*HIT_FIELDS, "left", "right"]
