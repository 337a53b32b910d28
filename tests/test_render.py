"""Terminal output: rich tables and views (golden files), highlights, colour, the pager.

The golden files in tests/golden/ are deliberate snapshots of what rich draws at a
fixed width without colour.  After a deliberate change to the rendering, rewrite
them with ``UPDATE_GOLDEN=1 pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

import pytest
from helpers import ANSI, COLOUR_SGR, Golden, Run, at_a_terminal, by_id, records
from rich.console import Console

import shuangtan_cli as st
from shuangtan_cli import render

TABLE_COLUMNS = ("seq", "province_short", "speaker", "date", "occasion", "length")
posix_only = pytest.mark.skipif(os.name == "nt", reason="a pseudo-terminal as on POSIX")


@pytest.fixture(scope="module")
def corpus() -> st.Corpus:
    return st.load_corpus(st.Script.TRADITIONAL)


def plain_console(width: int = 100) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)


def drawn(renderable: Any, width: int = 100) -> str:
    console = plain_console(width)
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


# --- golden files -----------------------------------------------------------------------------


def test_list_table(corpus: st.Corpus, golden: Golden) -> None:
    chosen = [*corpus.speeches[:4], corpus.get("gansu")]  # a long occasion, a null speaker
    rows = [speech.to_dict(TABLE_COLUMNS) for speech in chosen]
    text = drawn(render.rows_table(rows, TABLE_COLUMNS))
    golden("list_table.txt", text)
    assert "—" in text  # null is a dash, not "None"
    assert "None" not in text


def test_grep_table(run: Run, golden: Golden) -> None:
    out = run("grep", "兩高", "--format", "table", env={"COLUMNS": "100"}).stdout
    golden("grep_table.txt", out)


def test_grep_table_only_matching(run: Run, golden: Golden) -> None:
    provinces = ("-p", "北京", "-p", "河南", "-p", "江蘇", "-p", "黑龍江", "-p", "河北")
    args = ("grep", "雙(碳|控)", "-o", "--format", "table", *provinces)
    golden("grep_table_only_matching.txt", run(*args, env={"COLUMNS": "100"}).stdout)


def test_nested_values_are_readable_in_a_table(run: Run) -> None:
    out = run("filter", "-p", "tianjin", "--fields", "id,others", "--format", "table").stdout
    assert "name: 廖國勳; title: 天津市委副書記、市長" in out
    assert "{" not in out and "'" not in out


def test_show_view(corpus: st.Corpus, golden: Golden) -> None:
    speech = corpus.get("chongqing")  # the shortest speech
    assert speech.length == min(r["length"] for r in records())
    text = drawn(render.speech_view(speech))
    golden("show_chongqing.txt", text)
    for part in (speech.province, speech.speaker, speech.date, speech.speaker_title):
        assert part in text


# --- what the renderers draw ------------------------------------------------------------------


def test_every_row_and_cell_is_drawn(corpus: st.Corpus) -> None:
    rows = [speech.to_dict(("seq", "id", "date")) for speech in corpus.speeches]
    lines = drawn(render.rows_table(rows, ("seq", "id", "date"))).splitlines()
    body = [line.split() for line in lines[2:]]
    assert body == [[str(r["seq"]), r["id"], r["date"]] for r in records()]


def test_highlighted_spans() -> None:
    text = render.highlighted("遏制“兩高”項目", [(3, 5)])
    assert text.plain == "遏制“兩高”項目"
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(3, 5, render.MATCH_STYLE)]


@pytest.mark.parametrize("fmt", ["table", "text"])
def test_hit_highlight_covers_exactly_the_match(run: Run, fmt: str) -> None:
    expected = sum(p.count("两高") for r in records() for p in r["paragraphs"])
    args = ("grep", "兩高", "-C", "1", "--format", fmt, "--color", "always")
    out = run(*args, env={"COLUMNS": "400", "TERM": "xterm"}).stdout
    highlighted = re.findall(r"\x1b\[1;31m(.*?)\x1b\[0m", out)
    assert highlighted == ["兩高"] * expected


def test_pager_only_when_longer_than_the_screen(corpus: st.Corpus) -> None:
    paged: list[str] = []

    def pager(text: str) -> bool:
        paged.append(text)
        return True

    short = corpus.get("chongqing")
    longest = max(corpus.speeches, key=lambda s: s.length)
    tall = Console(file=io.StringIO(), width=100, height=500, color_system=None)
    render.print_renderables(tall, [render.speech_view(short)], pager=pager)
    assert paged == [] and short.paragraphs[0][:10] in tall.file.getvalue()  # type: ignore[attr-defined]
    low = Console(file=io.StringIO(), width=100, height=10, color_system=None)
    render.print_renderables(low, [render.speech_view(longest)], pager=pager)
    assert len(paged) == 1 and low.file.getvalue() == ""  # type: ignore[attr-defined]
    assert longest.paragraphs[-1][-10:] in paged[0].replace("\n", "")
    render.print_renderables(low, [render.speech_view(longest)], pager=None)
    assert len(paged) == 1


def test_a_pager_that_cannot_show_it_loses_nothing(corpus: st.Corpus) -> None:
    longest = max(corpus.speeches, key=lambda s: s.length)
    low = Console(file=io.StringIO(), width=100, height=10, color_system=None)
    render.print_renderables(low, [render.speech_view(longest)], pager=lambda text: False)
    assert longest.paragraphs[-1][-10:] in low.file.getvalue().replace("\n", "")  # type: ignore[attr-defined]


# --- through the command ----------------------------------------------------------------------


def test_list_table_through_the_command(run: Run) -> None:
    out = run("list", "--format", "table").stdout
    header = out.splitlines()[0].split()
    assert {"Province", "Speaker", "Date", "Occasion", "Length"} <= set(header)
    assert "\t" not in out and "\x1b" not in out
    assert by_id("traditional")["beijing"]["speaker"] in out


def test_grep_table_through_the_command(run: Run) -> None:
    out = run("grep", "兩高", "--format", "table").stdout
    assert {"Province", "Speaker", "Date", "Context"} <= set(out.splitlines()[0].split())
    assert out.count("樓陽生") == 1


def test_show_table_through_the_command(run: Run) -> None:
    out = run("show", "重慶", "--format", "table").stdout
    chongqing = by_id("traditional")["chongqing"]
    assert chongqing["province"] in out and chongqing["speaker"] in out
    assert chongqing["date"] in out


def test_table_of_nothing_prints_nothing(run: Run) -> None:
    assert run("list", "--since", "2023", "--format", "table", status=1).stdout == ""
    assert run("grep", "火星", "--format", "table", status=1).stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "table"],
        ["grep", "兩高", "--format", "table"],
        ["grep", "兩高", "--format", "text"],
        ["grep", "兩高", "-c", "--format", "table"],
        ["show", "4", "--format", "table"],
    ],
)
def test_color_always_and_never(run: Run, args: list[str]) -> None:
    coloured = run(*args, "--color", "always").stdout
    assert "\x1b[" in coloured
    plain = run(*args, "--color", "never").stdout
    assert "\x1b" not in plain
    assert "\x1b" not in run(*args, env={"NO_COLOR": "1"}).stdout
    assert ANSI.sub("", coloured).split() == plain.split()
    # An explicit --color always beats NO_COLOR, as in ripgrep.
    assert "\x1b[" in run(*args, "--color", "always", env={"NO_COLOR": "1"}).stdout


def test_data_formats_never_colour(run: Run) -> None:
    for args in (["list"], ["list", "--json"], ["filter", "-f", "csv"], ["grep", "碳", "--json"]):
        assert "\x1b" not in run(*args, "--color", "always").stdout


# --- at a real terminal -------------------------------------------------------------------------


@posix_only
def test_a_terminal_gets_a_table_by_default() -> None:
    status, out = at_a_terminal("list", "--limit", "2")
    assert status == 0
    assert "Speaker" in ANSI.sub("", out) and "\t" not in out


@posix_only
def test_a_terminal_gets_highlights_unless_no_color() -> None:
    status, out = at_a_terminal("grep", "兩高", "--format", "text", "-p", "henan")
    assert status == 0
    assert "\x1b[" in out and ANSI.sub("", out).count("兩高") == 1
    status, out = at_a_terminal("grep", "兩高", "--format", "text", "-p", "henan", NO_COLOR="1")
    assert status == 0
    assert "\x1b" not in out and "兩高" in out


@posix_only
def test_no_color_at_a_terminal_means_no_colour() -> None:
    args = ("grep", "兩高", "--limit", "7")  # a table, its matches in red
    status, out = at_a_terminal(*args)
    assert status == 0
    assert COLOUR_SGR.search(out), repr(out[:300])
    status, out = at_a_terminal(*args, NO_COLOR="1")
    assert status == 0
    assert not COLOUR_SGR.search(out), repr(out[:300])
    assert "兩高" in out


@posix_only
@pytest.mark.parametrize("args", [["list", "--limit", "3"], ["grep", "兩高", "--limit", "7"]])
def test_color_never_at_a_terminal_means_no_escapes(args: list[str]) -> None:
    status, out = at_a_terminal(*args, "--color", "never")
    assert status == 0
    assert "\x1b[" not in out, repr(out[:200])
