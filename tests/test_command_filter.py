"""``shuangtan filter``: whole records of the selection, as data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import Run, ids_where, jsonl, records, schema_fields


def test_default_is_jsonl_of_whole_traditional_records(run: Run) -> None:
    result = run("filter")
    assert jsonl(result) == list(records("traditional"))
    assert result.stderr == ""


def test_records_use_the_corpus_field_names_in_schema_order(run: Run) -> None:
    fields = schema_fields()
    for record in jsonl(run("filter")):
        assert list(record) == fields


@pytest.mark.parametrize(
    ("value", "script"),
    [
        ("simplified", "simplified"),
        ("s", "simplified"),
        ("zh-Hans", "simplified"),
        ("traditional", "traditional"),
        ("t", "traditional"),
        ("zh-Hant", "traditional"),
        ("tw", "traditional"),
        ("hk", "hk"),
        ("HK", "hk"),
    ],
)
def test_script_option_gives_exactly_that_data_file(run: Run, value: str, script: str) -> None:
    assert jsonl(run("filter", "--script", value)) == list(records(script))


@pytest.mark.parametrize(("value", "script"), [("simplified", "simplified"), ("hk", "hk")])
def test_script_from_the_environment(run: Run, value: str, script: str) -> None:
    result = run("filter", env={"SHUANGTAN_SCRIPT": value})
    assert jsonl(result) == list(records(script))


def test_option_beats_the_environment(run: Run) -> None:
    result = run("filter", "-s", "t", env={"SHUANGTAN_SCRIPT": "simplified"})
    assert jsonl(result) == list(records("traditional"))


def test_scripts_really_differ(run: Run) -> None:
    # Otherwise the three tests above could not tell the scripts apart.
    simplified, traditional, hk = (records(s) for s in ("simplified", "traditional", "hk"))
    assert simplified[0]["paragraphs"] != traditional[0]["paragraphs"]
    assert traditional != hk


def test_selection_applies(run: Run) -> None:
    result = run("filter", "--since", "2022-01", "--region", "西北")
    expected = ids_where(lambda r: r["date"] >= "2022-01-01" and r["region"] == "西北")
    assert expected
    assert [r["id"] for r in jsonl(result)] == expected


def test_nothing_selected(run: Run) -> None:
    result = run("filter", "--province", "hebei", "--until", "2021", status=1)
    assert result.stdout == ""


def test_fields_pick_and_order(run: Run) -> None:
    result = run("filter", "--fields", "date,id,speaker", "--limit", "4")
    rows = jsonl(result)
    assert [list(row) for row in rows] == [["date", "id", "speaker"]] * 4
    assert rows == [
        {"date": r["date"], "id": r["id"], "speaker": r["speaker"]}
        for r in records("traditional")[:4]
    ]


def test_fields_tolerate_spaces_and_repeats(run: Run) -> None:
    rows = jsonl(run("filter", "--fields", " seq , id,seq ", "--limit", "1"))
    assert rows == [{"seq": 1, "id": records()[0]["id"]}]


def test_fields_with_lists_keep_their_json_types(run: Run) -> None:
    rows = jsonl(run("filter", "--fields", "id,paragraphs,others,repairs", "-p", "天津"))
    tianjin = next(r for r in records("traditional") if r["id"] == "tianjin")
    assert rows == [{k: tianjin[k] for k in ("id", "paragraphs", "others", "repairs")}]
    assert rows[0]["others"] and isinstance(rows[0]["others"][0], dict)


def test_format_json_is_one_array(run: Run) -> None:
    out = run("filter", "--format", "json").stdout
    assert json.loads(out) == list(records("traditional"))
    assert "\\u" not in out  # UTF-8, not escaped


def test_format_csv(run: Run) -> None:
    table = list(csv.reader(io.StringIO(run("filter", "--format", "csv").stdout)))
    assert table[0] == schema_fields()
    assert len(table) == 1 + len(records())
    for row, record in zip(table[1:], records("traditional"), strict=True):
        cells = dict(zip(table[0], row, strict=True))
        assert cells["id"] == record["id"]
        assert cells["seq"] == str(record["seq"])
        assert cells["speaker"] == (record["speaker"] or "")
        # paragraphs stay apart, one a line inside the quoted cell
        assert cells["paragraphs"].split("\n") == record["paragraphs"]
        assert json.loads(cells["others"] or "[]") == record["others"]


def test_format_csv_with_fields(run: Run) -> None:
    out = run("filter", "--format", "csv", "--fields", "id,length", "--limit", "2").stdout
    first, second = records()[:2]
    assert out == f"id,length\n{first['id']},{first['length']}\n{second['id']},{second['length']}\n"


def test_format_text_is_tab_separated_one_line_a_record(run: Run) -> None:
    out = run("filter", "--format", "text", "--fields", "id,date,paragraphs").stdout
    lines = out.splitlines()
    assert len(lines) == len(records())
    for line, record in zip(lines, records("traditional"), strict=True):
        rid, date, paragraphs = line.split("\t")
        assert (rid, date) == (record["id"], record["date"])
        assert paragraphs == " ".join(record["paragraphs"])


def test_format_table_shows_a_table(run: Run) -> None:
    out = run("filter", "--format", "table", "-p", "河北").stdout
    assert "Speaker" in out and "Date" in out
    assert "2022-03-18" in out


@pytest.mark.parametrize("fmt", ["table", "text", "json", "jsonl", "csv"])
def test_nested_fields_never_print_a_python_repr(run: Run, fmt: str) -> None:
    out = run("filter", "-p", "tianjin", "--fields", "id,others", "--format", fmt).stdout
    assert "{'" not in out and "'}" not in out
    assert "廖國勳" in out
