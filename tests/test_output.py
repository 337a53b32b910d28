"""The one output step and the terminal seam: ``Output.emit`` and ``Environment``.

Terminal behaviour is exercised without a pty by handing the command an
Environment that says it is a terminal (CliRunner's ``obj``); a few real pty
tests in test_render.py check that the real terminal is seen the same way.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import ANSI, COLOUR_SGR, Run, by_id, records

from shuangtan_cli.formats import Format, Marked
from shuangtan_cli.output import Environment, Output, Rows, View
from shuangtan_cli.script import Script

ROWS = Rows(
    [
        {"id": "a", "n": 1, "shown": Marked("遏制兩高", ((2, 4),)), "extra": "不顯示"},
        {"id": "b", "n": 22, "shown": Marked("無", ()), "extra": "不顯示"},
    ],
    columns=("id", "n"),
    text=("id", "shown"),
    table=("id", "shown", "n"),
    headers={"shown": "Context"},
)


def emitted(fmt: Format, result: Rows | View, color: str = "never", **env: object) -> str:
    out = io.StringIO()
    environment = Environment(stdout=out, **env)  # type: ignore[arg-type]
    status = Output(fmt, Script.TRADITIONAL, color, environment).emit(result)
    assert status == (0 if (result.rows if isinstance(result, Rows) else True) else 1)
    return out.getvalue()


# --- every format from one result ---------------------------------------------------------


def test_data_formats_write_the_data_columns_only() -> None:
    assert json.loads(emitted(Format.JSON, ROWS)) == [{"id": "a", "n": 1}, {"id": "b", "n": 22}]
    lines = emitted(Format.JSONL, ROWS).splitlines()
    assert [json.loads(line) for line in lines] == [{"id": "a", "n": 1}, {"id": "b", "n": 22}]
    assert list(csv.reader(io.StringIO(emitted(Format.CSV, ROWS)))) == [
        ["id", "n"],
        ["a", "1"],
        ["b", "22"],
    ]


def test_text_writes_the_text_columns() -> None:
    assert emitted(Format.TEXT, ROWS) == "a\t遏制兩高\nb\t無\n"


def test_text_highlights_only_when_styled() -> None:
    plain = emitted(Format.TEXT, ROWS, color="auto")  # not a terminal
    assert "\x1b" not in plain
    coloured = emitted(Format.TEXT, ROWS, color="always")
    assert ANSI.sub("", coloured) == plain
    assert "\x1b[1;31m兩高\x1b[0m" in coloured


def test_table_has_the_table_columns_and_headers() -> None:
    lines = emitted(Format.TABLE, ROWS, width=60).splitlines()
    assert lines[0].split() == ["Id", "Context", "N"]
    assert lines[2].split() == ["a", "遏制兩高", "1"]
    assert "不顯示" not in emitted(Format.TABLE, ROWS, width=60)


def test_empty_rows_exit_1_and_print_what_each_format_prints_for_nothing() -> None:
    empty = ROWS._replace(rows=[])
    assert emitted(Format.JSON, empty) == "[]\n"
    assert emitted(Format.JSONL, empty) == ""
    assert emitted(Format.CSV, empty) == "id,n\n"
    assert emitted(Format.TEXT, empty) == ""
    assert emitted(Format.TABLE, empty) == ""


def test_a_view_writes_its_data_as_is() -> None:
    view = View(
        data={"k": [1, 2]},
        rows=[{"field": "k", "value": [1, 2]}],
        columns=("field", "value"),
        render=lambda: [],
    )
    assert json.loads(emitted(Format.JSON, view)) == {"k": [1, 2]}
    assert emitted(Format.JSONL, view) == '{"k":[1,2]}\n'
    assert emitted(Format.TEXT, view) == "k\t1 2\n"
    assert emitted(Format.CSV, view) == 'field,value\nk,"1\n2"\n'


# --- the environment ------------------------------------------------------------------------


def test_size_from_the_arguments_then_columns_then_default() -> None:
    assert Environment(width=33, height=7, environ={}).size() == (33, 7)
    assert Environment(environ={"COLUMNS": "120", "LINES": "40"}).size() == (120, 40)
    assert Environment(environ={}, is_terminal=False).size() == (80, 25)
    for bad in ("0", "-5", "wide", ""):
        assert Environment(environ={"COLUMNS": bad}, is_terminal=False).size()[0] == 80


@pytest.mark.parametrize(
    ("value", "coloured"), [(None, True), ("", True), ("1", False), ("0", False)]
)
def test_no_color_counts_when_it_is_set_to_something(value: str | None, coloured: bool) -> None:
    environ = {} if value is None else {"NO_COLOR": value}
    env = Environment(is_terminal=True, environ=environ)
    assert env.styled("auto") is coloured
    assert env.styled("always") is True
    assert env.styled("never") is False


def test_a_closed_stdout_is_not_a_terminal() -> None:
    closed = io.StringIO()
    closed.close()
    assert Environment(stdout=closed).is_terminal is False


# --- the commands see the terminal through the environment -------------------------------------


def terminal(width: int = 100, **environ: str) -> Environment:
    return Environment(
        is_terminal=True, width=width, height=50, environ={"TERM": "xterm", **environ}
    )


def test_a_terminal_gets_a_table_and_a_pipe_gets_text(run: Run) -> None:
    table = ANSI.sub("", run("list", "--limit", "2", terminal=terminal()).stdout)
    assert table.splitlines()[0].split()[:3] == ["#", "Province", "Speaker"]
    assert "\t" not in table
    piped = run("list", "--limit", "2", terminal=Environment(is_terminal=False)).stdout
    assert piped.splitlines()[0].split("\t")[0] == "beijing"


def test_a_terminal_table_is_as_wide_as_the_terminal(run: Run) -> None:
    for width in (60, 100, 140):
        out = run("list", terminal=terminal(width)).stdout
        assert max(len(line) for line in ANSI.sub("", out).splitlines()) <= width


def test_a_terminal_gets_colour_unless_no_color(run: Run) -> None:
    coloured = run("grep", "兩高", "--limit", "7", terminal=terminal()).stdout
    assert COLOUR_SGR.search(coloured)
    plain = run("grep", "兩高", "--limit", "7", terminal=terminal(NO_COLOR="1")).stdout
    assert not COLOUR_SGR.search(plain) and "兩高" in plain
    assert ANSI.sub("", coloured).split() == ANSI.sub("", plain).split()


def test_text_format_at_a_terminal_highlights_the_match(run: Run) -> None:
    out = run("grep", "兩高", "-p", "henan", "-f", "text", terminal=terminal()).stdout
    assert out.count("\x1b[1;31m兩高\x1b[0m") == 1
    henan = by_id("traditional")["henan"]
    assert ANSI.sub("", out).split("\t")[:3] == [henan["province"], henan["speaker"], henan["date"]]


def test_json_is_never_coloured_even_at_a_terminal(run: Run) -> None:
    out = run("grep", "兩高", "--json", "--color", "always", terminal=terminal()).stdout
    assert "\x1b" not in out
    assert len(json.loads(out)) == sum(p.count("两高") for r in records() for p in r["paragraphs"])
