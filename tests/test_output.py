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

import shuangtan_cli as st
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
    empty = Rows([], ROWS.columns, text=ROWS.text, table=ROWS.table)
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


# --- narrow and odd terminals drop nothing ------------------------------------------------------


@pytest.mark.parametrize("width", [1, 12, 20, 30, 40, 50, 60, 70, 80, 100, 140])
@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("grep", "兩高"),
        ("grep", "雙碳", "-c"),
        ("filter", "--fields", "id,occasion,date"),
    ],
)
def test_every_cell_is_shown_at_any_width(run: Run, width: int, args: tuple[str, ...]) -> None:
    """Whether as a table or, when it cannot fit, as text: every value, whole, in order.

    A wrapped cell goes on under its column, after the other columns' text on
    the same line, so each row's values are looked for as a subsequence.
    """
    out = run(*args, "--color", "never", terminal=terminal(width)).stdout
    assert "…" not in out
    wanted = "".join(
        "".join(str(value).split())
        for row in json.loads(run(*args, "--json").stdout)
        for name, value in row.items()
        if name in ("date", "occasion", "count")
    )
    rest = iter("".join(out.split()))
    assert all(char in rest for char in wanted), width  # consumes: a subsequence test


def test_a_table_that_fits_is_a_table(run: Run) -> None:
    wide = run("list", "--color", "never", terminal=terminal(100)).stdout
    assert "─" in wide and "\t" not in wide
    narrow = run("list", "--color", "never", terminal=terminal(30)).stdout
    assert "─" not in narrow and narrow.splitlines()[0].split("\t")[0] == "beijing"


@pytest.mark.parametrize("columns", ["10000000", "1000000000", "9" * 5000])
def test_an_absurd_width_is_capped(run: Run, columns: str) -> None:
    out = run("list", "--format", "table", env={"COLUMNS": columns}).stdout
    assert max(len(line) for line in out.splitlines()) <= 1000
    assert len(out) < 100_000


def test_a_width_that_is_not_a_positive_number_is_ignored(run: Run) -> None:
    expected = run("list", "--format", "table", env={"COLUMNS": "80"}).stdout
    for columns in ("0", "-3", "wide", ""):
        assert run("list", "--format", "table", env={"COLUMNS": columns}).stdout == expected


# --- corpus text shown at a terminal is inert ---------------------------------------------------


HOSTILE = "\x1b]0;pwned\x07標題\x1b[2J\u202e倒置\u200b[bold]粗[/bold]"


def test_hostile_text_prints_inert_in_every_display() -> None:
    from shuangtan_cli import render

    rows = Rows([{"id": "x", "shown": Marked(HOSTILE, ((6, 8),)), "text": HOSTILE}], ("id", "text"))
    for fmt in (Format.TABLE, Format.TEXT):
        out = emitted(
            fmt,
            Rows(rows.rows, rows.columns, table=("id", "shown", "text")),
            color="always",
            is_terminal=True,
            width=200,
        )
        visible = ANSI.sub("", out)
        assert "\x1b]" not in out and "\x1b[2J" not in out and "\u202e" not in out
        assert "\\x1b]0;pwned\\x07" in visible and "\\u202e" in visible and "[bold]" in visible
    speech = st.load_corpus().get("hebei")._replace(paragraphs=(HOSTILE,), occasion=HOSTILE)
    console = render.Console(file=io.StringIO(), width=200, color_system="standard")
    console.print(render.speech_view(speech))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b]" not in drawn and "\u202e" not in drawn and "[bold]" in ANSI.sub("", drawn)


def test_data_formats_keep_hostile_text_exactly() -> None:
    rows = Rows([{"text": HOSTILE}], ("text",))
    assert json.loads(emitted(Format.JSON, rows, is_terminal=True)) == [{"text": HOSTILE}]
    assert list(csv.reader(io.StringIO(emitted(Format.CSV, rows))))[1] == [HOSTILE]
    assert emitted(Format.TEXT, rows, is_terminal=False) == HOSTILE + "\n"  # a pipe: the data
