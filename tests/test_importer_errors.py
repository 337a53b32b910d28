"""Bad input is reported, with its file, line and field, and nothing is imported."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from importer_helpers import jsonl, only_problem, problems, read, write

from shuangtan_cli.errors import ShuangtanError
from shuangtan_cli.importer import Problem, SourceError, read_sources
from shuangtan_cli.places import UnknownPlaceError, resolve_place

USE = "use YYYY, YYYY-MM or YYYY-MM-DD"
PLAIN = "(a column of plain text is named text)"
MISSING = "missing: a record needs paragraphs (a list of strings) or text"


def test_a_problem_is_one_line_naming_file_line_and_field() -> None:
    problem = Problem(
        "speeches.jsonl", 12, "paragraphs", "expected a list of strings, got a string"
    )
    assert str(problem) == "speeches.jsonl:12: paragraphs: expected a list of strings, got a string"
    assert str(Problem("a.txt", None, None, "empty")) == "a.txt: empty"
    assert str(Problem("a.txt", 3, None, "x")) == "a.txt:3: x"
    assert issubclass(SourceError, ShuangtanError)


def test_a_string_for_paragraphs_is_an_error_not_a_list_of_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "speeches.jsonl", jsonl(*[{"text": "好"}] * 11, {"paragraphs": "文本"}))
    problem = only_problem(path)
    assert str(problem) == f"{path}:12: paragraphs: expected a list of strings, got a string"
    assert (problem.file, problem.line, problem.field) == (str(path), 12, "paragraphs")


# --- not JSON, not UTF-8 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ['{"text": "文" "id": 1}', '{"text": "文"', "{'text': 'x'}", '{"text": "a"}{"b": 1}', "文"],
)
def test_not_json_gives_the_decoders_message_and_column(tmp_path: Path, line: str) -> None:
    try:
        json.loads(line)
    except json.JSONDecodeError as error:
        message, column = error.msg, error.colno
    problem = only_problem(write(tmp_path, "x.jsonl", jsonl({"text": "好"}) + line + "\n"))
    assert (problem.line, problem.field) == (2, None)
    assert problem.message == f"not JSON: {message} (column {column})"


@pytest.mark.parametrize("after", ["\x0c", "\u3000", " x"])
def test_only_json_whitespace_may_follow_the_object(tmp_path: Path, after: str) -> None:
    obj = '{"text": "文"}'
    problem = only_problem(write(tmp_path, "x.jsonl", obj + after + "\n"))
    column = len(obj) + len(after) - len(after.lstrip(" ")) + 1  # where the extra data starts
    assert problem.message == f"not JSON: Extra data (column {column})"


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(tmp_path: Path, value: str) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", f'{{"text": "文", "x": {value}}}\n'))
    assert problem.message == f"not JSON: {value} is not a JSON value"


def test_a_number_out_of_range(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", '{"text": "x", "n": -1e999}\n'))
    assert (problem.field, problem.message) == ("n", "the number is out of range")


def test_a_json_value_that_is_not_an_object(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "x.jsonl", '["文"]\n"文"\nnull\n3\n'))
    assert [(p.line, p.message) for p in found] == [
        (1, "expected a JSON object, got a list"),
        (2, "expected a JSON object, got a string"),
        (3, "expected a JSON object, got null"),
        (4, "expected a JSON object, got a number"),
    ]


def test_a_key_given_twice_in_an_object(tmp_path: Path) -> None:
    problem = only_problem(
        write(tmp_path, "x.jsonl", '{"text": "甲", "speaker": "a", "speaker": "b"}')
    )
    assert (problem.line, problem.field, problem.message) == (
        1,
        "speaker",
        "given twice in the object",
    )


def test_nested_too_deeply(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", '{"text": "x", "a": ' + "[" * 100_000 + "\n"))
    assert problem.message.startswith("not JSON")


def test_an_integer_too_long_to_read(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", '{"text": "x", "a": ' + "9" * 5000 + "}\n"))
    assert problem.message.startswith("not JSON: ") and "4300" in problem.message


def test_not_utf8_gives_the_byte_offset(tmp_path: Path) -> None:
    good = jsonl({"text": "碳达峰"}).encode("utf-8")
    bad = '{"text": "碳中'.encode() + b"\xff" + '和"}\n'.encode()
    data = b"\xef\xbb\xbf" + good + b"\n" + bad + good
    problem = only_problem(write(tmp_path, "bad.jsonl", data))
    assert problem.line == 3
    offset = data.index(b"\xff")
    assert problem.message.startswith(f"not UTF-8: byte 0xFF at byte offset {offset} ")


def test_gbk_gets_a_hint(tmp_path: Path) -> None:
    data = "text\n碳达峰\n".encode("gbk")
    problem = only_problem(write(tmp_path, "gbk.csv", data))
    with pytest.raises(UnicodeDecodeError) as utf8:
        data.decode("utf-8")  # 碳 is CC BC in GBK: valid UTF-8 (U+033C); 达 is B4 EF: not
    assert problem.line == 2
    assert f"byte offset {utf8.value.start} " in problem.message
    assert "GB18030" in problem.message


def test_utf16_gets_a_hint(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "u.txt", "碳达峰".encode("utf-16")))
    assert problem.message.startswith("not UTF-8: byte 0xFF at byte offset 0 ")
    assert "UTF-16" in problem.message


def test_not_utf8_in_a_text_document(tmp_path: Path) -> None:
    data = "第一段。\n\n第二".encode() + b"\xe7\xa2" + "段。".encode()
    problem = only_problem(write(tmp_path, "t.txt", data))
    offset = data.index(b"\xe7\xa2")
    assert problem.line == 3
    assert problem.message.startswith(f"not UTF-8: byte 0xE7 at byte offset {offset} ")


def test_a_lone_surrogate_is_not_text(tmp_path: Path) -> None:
    found = problems(
        write(
            tmp_path, "s.jsonl", '{"paragraphs": ["ok", "a\\ud800b"]}\n{"text": "\\ud83d\\ude00"}\n'
        )
    )
    assert [(p.line, p.field) for p in found] == [(1, "paragraphs[1]")]
    problem = only_problem(write(tmp_path, "k.jsonl", '{"text": "x", "a\\udc00": 1}\n'))
    assert problem.field == "a\\udc00"


# --- wrong types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("obj", "field", "message"),
    [
        ({"paragraphs": ["a", 3]}, "paragraphs[1]", "expected a string, got a number"),
        ({"paragraphs": {"a": 1}}, "paragraphs", "expected a list of strings, got an object"),
        ({"text": ["a"]}, "text", "expected a string, got a list"),
        ({"text": "a", "speaker": 12}, "speaker", "expected a string, got a number"),
        ({"text": "a", "title": ["t"]}, "title", "expected a string, got a list"),
        ({"text": "a", "occasion": True}, "occasion", "expected a string, got a boolean"),
        ({"text": "a", "province": 130000}, "province", "expected a string, got a number"),
        ({"text": "a", "id": True}, "id", "expected a string, got a boolean"),
        ({"text": "a", "id": 1.5}, "id", "expected a string, got a number"),
        ({"text": "a", "date": 2021}, "date",
         'expected a string, got a number; write it as the string "2021"'),
        ({"text": "a", "n": 2**63}, "n", "the integer does not fit in 64 bits"),
    ],
)  # fmt: skip
def test_wrong_types(tmp_path: Path, obj: dict[str, object], field: str, message: str) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", jsonl(obj)))
    assert (problem.line, problem.field, problem.message) == (1, field, message)


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"text": "a", "id": " x"}, "' x' has whitespace at its start or end"),
        ({"text": "a", "id": "a\tb"}, "'a\\tb' holds an unprintable character, U+0009"),
    ],
)
def test_bad_ids(tmp_path: Path, obj: dict[str, object], message: str) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", jsonl(obj)))
    assert (problem.field, problem.message) == ("id", message)


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "meant"),
    [("Province", "province"), ("TEXT", "text"), (" id", "id"), ("Length", "length")],
)
def test_a_field_name_in_the_wrong_case(tmp_path: Path, name: str, meant: str) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", jsonl({"paragraphs": ["a"], name: "1"})))
    assert (problem.field, problem.message) == (name, f"not a field name; did you mean {meant!r}?")


@pytest.mark.parametrize("name", ["id_made", "meta"])
def test_names_the_importer_uses(tmp_path: Path, name: str) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", jsonl({"text": "a", name: 1})))
    assert (problem.field, problem.message) == (name, "a name the importer uses; rename the field")


def test_an_empty_field_name(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", jsonl({"text": "a", "": 1})))
    assert problem.message == "a field has an empty name"


# --- provinces, dates, ids -----------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["河比", "Hebie", "火星"])
def test_unknown_province_with_suggestions(tmp_path: Path, spelling: str) -> None:
    with pytest.raises(UnknownPlaceError) as expected:
        resolve_place(spelling)
    problem = only_problem(write(tmp_path, "p.jsonl", jsonl({"text": "a", "province": spelling})))
    assert (problem.field, problem.message) == ("province", str(expected.value))
    for suggestion in expected.value.suggestions:
        assert suggestion in problem.message


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2021-02-29", "bad date '2021-02-29': day is out of range for month"),
        ("2021-13", "bad date '2021-13': month must be in 1..12"),
        ("0000", "bad date '0000': year 0 is out of range"),
        ("2021-5-1", f"bad date '2021-5-1': {USE}; did you mean 2021-05-01?"),
        ("2021/05/01", f"bad date '2021/05/01': {USE}; did you mean 2021-05-01?"),
        ("2021年5月1日", f"bad date '2021年5月1日': {USE}; did you mean 2021-05-01?"),
        ("2021年5月", f"bad date '2021年5月': {USE}; did you mean 2021-05?"),
        ("2021/2/30", f"bad date '2021/2/30': {USE}"),
        ("２０２１", f"bad date '２０２１': {USE}"),
        ("21-05-01", f"bad date '21-05-01': {USE}"),
        ("2021-05-01T10:00", f"bad date '2021-05-01T10:00': {USE}"),
    ],
)  # fmt: skip
def test_bad_dates(tmp_path: Path, date: str, message: str) -> None:
    problem = only_problem(write(tmp_path, "d.jsonl", jsonl({"text": "a", "date": date})))
    assert (problem.field, problem.message) == ("date", message)


def test_duplicate_ids_name_both_places(tmp_path: Path) -> None:
    a = write(tmp_path, "a.jsonl", jsonl({"id": "x", "text": "1"}, {"id": "y", "text": "2"}))
    b = write(tmp_path, "b.csv", "id,text\ny,3\n")
    c = write(tmp_path, "x.txt", "id: x\n\n4")
    found = problems(a, b, c)
    assert [str(p) for p in found] == [
        f"{b}:2: id: duplicate id 'y', also at {a}:2",
        f"{c}:1: id: duplicate id 'x', also at {a}:1",
    ]


def test_a_made_up_id_can_clash_with_a_given_one(tmp_path: Path) -> None:
    a = write(tmp_path, "a.jsonl", jsonl({"id": "b-1", "text": "1"}))
    b = write(tmp_path, "b.jsonl", jsonl({"text": "2"}))
    problem = only_problem(a, b)
    assert problem.message == (
        f"duplicate id 'b-1', also at {a}:1 (made up from the file's name; give the records ids)"
    )


# --- the text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("obj", "field", "message"),
    [
        ({"paragraphs": []}, "paragraphs", "empty: no paragraphs"),
        ({"paragraphs": ["a", " \u3000"]}, "paragraphs[1]", "empty: the paragraph is blank"),
        ({"paragraphs": [""]}, "paragraphs[0]", "empty: the paragraph is blank"),
        ({"text": "\n \r\n\u3000"}, "text", "empty: the text is blank"),
        ({"speaker": "a"}, "paragraphs", MISSING),
        ({"text": "", "paragraphs": None}, "text", "empty: the text is blank"),
        ({"text": None, "paragraphs": None}, "paragraphs", MISSING),
        ({"text": "a", "paragraphs": ["a"]}, "text",
         "give the text as paragraphs or as text, not both"),
    ],
)  # fmt: skip
def test_empty_or_missing_text(
    tmp_path: Path, obj: dict[str, object], field: str, message: str
) -> None:
    problem = only_problem(write(tmp_path, "x.jsonl", jsonl(obj)))
    assert (problem.field, problem.message) == (field, message)


def test_empty_text_documents(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder, "blank.txt", "\ufeff \r\n\u3000\n")
    write(folder, "header-only.md", "title: 标题\n")
    write(folder, "empty.txt", "")
    found = problems(folder)
    assert [str(p) for p in found] == [
        f"{folder / 'blank.txt'}: empty: the document has no text",
        f"{folder / 'empty.txt'}: empty: the document has no text",
        f"{folder / 'header-only.md'}: empty: the document has no text",
    ]


def test_given_length_and_han_chars_must_agree(tmp_path: Path) -> None:
    text = "碳达峰，2030年。"
    length, han = len(text), sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    good = {"text": text, "length": length, "han_chars": han, "seq": 99}
    assert read(write(tmp_path, "good.jsonl", jsonl(good)))[0]["meta"] == {}
    bad = write(tmp_path, "bad.jsonl", jsonl({**good, "length": length + 1, "han_chars": "3"}))
    assert [(p.field, p.message) for p in problems(bad)] == [
        ("length", f"given {length + 1}, but the characters of the text is {length} "
         "(it is computed; rename it to keep it)"),
        ("han_chars", "expected a whole number, got a string (it is computed)"),
    ]  # fmt: skip
    csv_file = write(tmp_path, "c.csv", f"text,length,han_chars\n{text},{length},{han + 1}\n")
    problem = only_problem(csv_file)
    assert (problem.line, problem.field) == (2, "han_chars")


# --- CSV structure -------------------------------------------------------------------------


def test_csv_header_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "id,body\n1,文\n")
    assert str(only_problem(path)) == (
        f"{path}:1: no text: the header needs a text or paragraphs column (has id, body)"
    )
    path = write(tmp_path, "d.csv", "text,tag,tag\n文,a,b\n")
    assert str(only_problem(path)) == f"{path}:1: tag: two columns have this name (2, 3)"
    path = write(tmp_path, "c.csv", "Text,id\n文,1\n")
    assert str(only_problem(path)) == f"{path}:1: Text: not a field name; did you mean 'text'?"
    path = write(tmp_path, "e.csv", "")
    assert str(only_problem(path)) == f"{path}: no header row: the file is empty"


def test_csv_row_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "text,a\n甲,1\n乙\n丙,1,2\n丁,\n,x\n戊,1\n")
    assert [(p.line, p.message) for p in problems(path)] == [
        (3, "the row has 1 field, the header 2"),
        (4, "the row has 3 fields, the header 2"),
        (6, MISSING),
    ]
    path = write(tmp_path, "n.csv", "text,\n甲,\n乙,x\n")
    assert [(p.line, p.message) for p in problems(path)] == [
        (3, "a value in a column with no name")
    ]


def test_malformed_csv_stops_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "q.tsv", 'text\n"甲"是\n乙\n')
    problem = only_problem(path)
    assert problem.line == 2 and problem.message.startswith("not CSV: ")
    assert 'must be quoted whole, with " inside doubled' in problem.message
    path = write(tmp_path, "open.csv", 'text\n甲\n"乙\n丙\n')  # a quote never closed
    problem = only_problem(path)
    assert problem.line == 4 and problem.message.startswith("not CSV: unexpected end of data")


def test_csv_paragraphs_that_are_not_a_json_array(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", 'paragraphs\n甲\n"""乙"""\n"[""丙"", 1]"\n')
    assert [(p.line, p.field, p.message) for p in problems(path)] == [
        (2, "paragraphs", f"expected a JSON array of strings: Expecting value {PLAIN}"),
        (3, "paragraphs", "expected a JSON array of strings, got a string"),
        (4, "paragraphs[1]", "expected a string, got a number"),
    ]


# --- text document headers -----------------------------------------------------------------


def test_text_header_problems_name_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "h.txt", "title: 甲\ndate: 2021-02-30\ntitle: 乙\nProvince: 冀\n\n正文")
    assert [str(p) for p in problems(path)] == [
        f"{path}:3: title: given twice (also at line 1)",
        f"{path}:4: Province: not a field name; did you mean 'province'?",
    ]
    path = write(tmp_path, "d.txt", "title: 甲\ndate: 2021-02-30\n\n正文")
    assert str(only_problem(path)) == (
        f"{path}:2: date: bad date '2021-02-30': day is out of range for month"
    )
    path = write(tmp_path, "t.md", "---\ntitle: 甲\ntext: 乙\n---\n正文")
    assert str(only_problem(path)) == (
        f"{path}:3: text: the text is the body of the file, not a header field"
    )


def test_front_matter_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "open.md", "---\ntitle: 甲\n\n正文")
    assert str(only_problem(path)) == f"{path}:1: the header opened at line 1 has no closing '---'"
    path = write(tmp_path, "prose.md", "---\ntitle: 甲\n这不是：键值\n---\n正文")
    assert [str(p) for p in problems(path)] == [
        f"{path}:3: not a 'key: value' line, in the header opened at line 1",
    ]


# --- how many, and what is yielded ---------------------------------------------------------


def test_max_errors_lists_the_first_and_counts_the_rest(tmp_path: Path) -> None:
    lines = [{"text": "好"} if i % 2 else {"text": "好", "date": "bad"} for i in range(60)]
    path = write(tmp_path, "many.jsonl", jsonl(*lines))
    with pytest.raises(SourceError) as caught:
        read(path, max_errors=5)
    error = caught.value
    bad_lines = [i + 1 for i, obj in enumerate(lines) if "date" in obj]
    assert [p.line for p in error.problems] == bad_lines[:5]
    assert error.total == len(bad_lines) and error.more == len(bad_lines) - 5
    n = len(bad_lines)
    assert error.lines()[-1] == f"… and {n - 5} more problems ({n} in all); nothing was imported"
    assert str(error) == f"{error.problems[0]} (and {len(bad_lines) - 1} more problems)"
    assert "\n" not in str(error)


def test_nothing_is_yielded_after_the_first_problem(tmp_path: Path) -> None:
    objs = [{"text": f"{i}"} for i in range(10)]
    objs[4] = {"text": 4}
    sources = read_sources([write(tmp_path, "x.jsonl", jsonl(*objs))])
    yielded = []
    with pytest.raises(SourceError) as caught:
        for record in sources:
            yielded.append(record["paragraphs"][0])
    assert yielded == ["0", "1", "2", "3"]
    assert [p.line for p in caught.value.problems] == [5]
    with pytest.raises(SourceError):
        sources.check()


def test_problems_come_in_the_order_of_the_sources(tmp_path: Path) -> None:
    b = write(tmp_path, "b.jsonl", jsonl({"text": 1}))
    a = write(tmp_path, "a.jsonl", jsonl({"text": "ok"}, {"text": 2}))
    assert [(p.file, p.line) for p in problems(b, a)] == [(str(b), 1), (str(a), 2)]


# --- planning ------------------------------------------------------------------------------


def test_paths_that_cannot_be_read(tmp_path: Path) -> None:
    good = write(tmp_path, "good.jsonl", jsonl({"text": "a"}))
    json_file = write(tmp_path, "x.json", "[]")
    bare = write(tmp_path, "README", "x")
    empty = tmp_path / "empty"
    empty.mkdir()
    write(empty, "a.pdf", b"%PDF")
    with pytest.raises(SourceError) as caught:
        read_sources([good, tmp_path / "missing.jsonl", json_file, bare, empty, good])
    known = ".jsonl, .ndjson, .csv, .tsv, .txt, .md"
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'missing.jsonl'}: no such file or folder",
        f"{json_file}: unknown format '.json': give a file ending in {known}",
        f"{bare}: unknown format (the name has no extension): give a file ending in {known}",
        f"{empty}: the folder has no file to import",
        f"{good}: read twice (also as {good})",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_a_path_that_is_not_a_file_or_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(SourceError) as caught:
        read_sources([fifo])
    assert [p.message for p in caught.value.problems] == ["not a file or a folder"]


def test_bad_arguments() -> None:
    with pytest.raises(ShuangtanError, match="no sources given"):
        read_sources([])
    with pytest.raises(ShuangtanError, match="max_errors must be at least 1"):
        read_sources(["x.jsonl"], max_errors=0)
