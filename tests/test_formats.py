"""Plain output: JSON, JSON Lines, CSV and tab-separated text."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from shuangtan_cli.formats import (
    Format,
    Marked,
    cell,
    inert,
    inert_marked,
    write_csv,
    write_json,
    write_jsonl,
    write_tsv,
)

COLUMNS = ("id", "text", "speaker", "paragraphs", "others", "seq")
AWKWARD: dict[str, Any] = {
    "id": "gansu",
    "text": "甲\t乙\n丙",  # a tab and a newline inside a value
    "speaker": None,
    "paragraphs": ["第一段。", "第二段。"],
    "others": [{"name": "廖國勳", "title": "市長"}],
    "seq": 21,
}
PLAIN: dict[str, Any] = {
    "id": "hebei",
    "text": "碳達峰",
    "speaker": "王東峰",
    "paragraphs": ["一。"],
    "others": [],
    "seq": 14,
}


def written(writer: Any, *args: Any) -> str:
    out = io.StringIO()
    writer(*args, out)
    return out.getvalue()


def test_tsv_one_line_a_row_and_no_header() -> None:
    text = written(write_tsv, [AWKWARD, PLAIN], COLUMNS)
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 3  # two rows, each ended by a newline
    first = lines[0].split("\t")
    assert len(first) == len(COLUMNS)
    assert first == ["gansu", "甲 乙 丙", "", "第一段。 第二段。", first[4], "21"]
    assert json.loads(first[4]) == AWKWARD["others"]
    assert lines[1].split("\t") == ["hebei", "碳達峰", "王東峰", "一。", "", "14"]


def test_tsv_column_order_is_the_one_asked_for() -> None:
    assert written(write_tsv, [PLAIN], ("seq", "id")) == "14\thebei\n"


def test_csv_round_trips() -> None:
    text = written(write_csv, [AWKWARD, PLAIN], COLUMNS)
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table[0] == list(COLUMNS)
    assert table[1][:4] == ["gansu", "甲\t乙\n丙", "", "第一段。\n第二段。"]
    assert json.loads(table[1][4]) == AWKWARD["others"]
    assert table[1][5] == "21"
    assert table[2] == ["hebei", "碳達峰", "王東峰", "一。", "", "14"]
    assert len(table) == 3


def test_csv_header_even_without_rows() -> None:
    assert written(write_csv, [], ("id", "seq")) == "id,seq\n"


def test_json_keeps_types_and_characters() -> None:
    text = written(write_json, [AWKWARD, PLAIN])
    assert json.loads(text) == [AWKWARD, PLAIN]
    assert "甲" in text and "\\u" not in text
    assert text.endswith("]\n")


def test_json_of_nothing_is_an_empty_array() -> None:
    assert json.loads(written(write_json, [])) == []


def test_jsonl_one_compact_object_a_line() -> None:
    text = written(write_jsonl, [AWKWARD, PLAIN])
    lines = text.splitlines()
    assert [json.loads(line) for line in lines] == [AWKWARD, PLAIN]
    assert len(lines) == 2 and text.endswith("\n")
    assert "\\t" in lines[0] and "\\n" in lines[0]  # escaped, so still one line
    assert '"speaker":null' in lines[0]
    assert "\\u" not in text


def test_jsonl_of_nothing_is_nothing() -> None:
    assert written(write_jsonl, []) == ""


def test_json_writes_one_object_as_itself() -> None:
    assert json.loads(written(write_json, PLAIN)) == PLAIN
    assert json.loads(written(write_json, iter([PLAIN]))) == [PLAIN]


# --- the one cell formatter -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "csv_cell", "table"),
    [
        (None, "", "", "—"),
        (True, "true", "true", "true"),
        (14, "14", "14", "14"),
        (0.25, "0.25", "0.25", "0.25"),
        ("碳達峰", "碳達峰", "碳達峰", "碳達峰"),
        (["一。", "二。"], "一。 二。", "一。\n二。", "一。\n二。"),
        ([], "", "", ""),
        (
            [{"name": "廖國勳", "title": "市長"}],
            '[{"name":"廖國勳","title":"市長"}]',
            '[{"name":"廖國勳","title":"市長"}]',
            "name: 廖國勳; title: 市長",
        ),
        ({"a": 1, "b": None}, '{"a":1,"b":null}', '{"a":1,"b":null}', "a: 1; b: —"),
        (Marked("遏制兩高", ((2, 4),)), "遏制兩高", "遏制兩高", "遏制兩高"),
    ],
)
def test_cell_in_every_format(value: Any, text: str, csv_cell: str, table: str) -> None:
    assert cell(value) == text
    assert cell(value, joiner="\n") == csv_cell
    assert cell(value, table=True) == table


def test_no_format_shows_a_python_repr() -> None:
    nested = [{"name": "廖國勳", "title": "市長"}]
    for shown in (cell(nested), cell(nested, table=True), cell({"k": nested}, table=True)):
        assert "{'" not in shown and "'}" not in shown


def bracket(marked: Marked) -> str:
    """A stand-in for terminal escapes: each span in brackets."""
    out, pos = "", 0
    for start, end in marked.spans:
        out += marked.text[pos:start] + "[" + marked.text[start:end] + "]"
        pos = end
    return out + marked.text[pos:]


def test_tsv_marks_highlighted_text_and_keeps_its_spans() -> None:
    row = {"id": "x", "shown": Marked("甲\n乙兩高", ((3, 5),))}
    assert written(write_tsv, [row], ("id", "shown")) == "x\t甲 乙兩高\n"
    marked = io.StringIO()
    write_tsv([row], ("id", "shown"), marked, bracket)
    assert marked.getvalue() == "x\t甲 乙[兩高]\n"


def test_format_names() -> None:
    assert [f.value for f in Format] == ["table", "text", "json", "jsonl", "csv"]
    assert str(Format.JSONL) == "jsonl"


def test_tsv_carriage_return_does_not_split_a_row() -> None:
    row = {**PLAIN, "text": "甲\r乙\r\n丙"}
    text = written(write_tsv, [row], COLUMNS)
    assert "\r" not in text and text.count("\n") == 1
    assert text.split("\t")[1] == "甲 乙 丙"


# --- inert: what reaches a terminal cannot act on it --------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("河北", "河北"),
        ("a\x1b]0;pwned\x07b", "a\\x1b]0;pwned\\x07b"),  # a terminal title escape
        ("\x1b[31m紅\x1b[0m", "\\x1b[31m紅\\x1b[0m"),
        ("abc\u202edcba", "abc\\u202edcba"),  # a bidi override
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # isolates
        ("碳\u200b汇", "碳\\u200b汇"),  # a zero-width space
        ("\ufeffBOM", "\\ufeffBOM"),
        ("line\nbreak\r", "line\\x0abreak\\x0d"),
        ("tab\there", "tab\\x09here"),
        ("\x85\u2028\u2029", "\\x85\\u2028\\u2029"),
        ("\udc80", "\\udc80"),
        ("\U000e0041", "\\U000e0041"),  # a tag character
        ("全\u3000角", "全\u3000角"),  # the ideographic space is text
        ("[bold]x[/bold]", "[bold]x[/bold]"),  # markup is text: rich never parses it
    ],
)
def test_inert(text: str, shown: str) -> None:
    assert inert(text) == shown


def test_inert_keeps_line_breaks_when_asked() -> None:
    assert inert("一\n二\x1b", keep_newlines=True) == "一\n二\\x1b"


def test_inert_moves_highlights_with_the_escapes() -> None:
    marked = inert_marked(Marked("\x1b[2J碳汇\u202e", ((4, 6),)))
    assert marked.text == "\\x1b[2J碳汇\\u202e"
    ((start, end),) = marked.spans
    assert marked.text[start:end] == "碳汇"
