"""The importer reads every source format into records of the documented shape."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from helpers import DATA_FILES, records
from importer_helpers import jsonl, read, write

from shuangtan_cli.errors import ShuangtanError
from shuangtan_cli.importer import meta_text, read_sources, read_text_document, split_paragraphs

RECORD_KEYS = [
    "id",
    "id_made",
    "province",
    "date",
    "speaker",
    "speaker_title",
    "occasion",
    "title",
    "paragraphs",
    "meta",
    "source",
]


# --- JSON Lines ----------------------------------------------------------------------------


def test_a_jsonl_record_has_the_documented_shape(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "s.jsonl",
        jsonl(
            {
                "id": "a1",
                "province": "河北省",
                "date": "2021-05",
                "speaker": "王东峰",
                "speaker_title": "河北省委书记",
                "occasion": "会议",
                "title": "标题",
                "paragraphs": ["第一段。", "第二段。"],
                "source": "人民日报",
                "pages": 3,
            }
        ),
    )
    [record] = read(source)
    assert list(record) == RECORD_KEYS
    assert record == {
        "id": "a1",
        "id_made": False,
        "province": "hebei",
        "date": "2021-05",
        "speaker": "王东峰",
        "speaker_title": "河北省委书记",
        "occasion": "会议",
        "title": "标题",
        "paragraphs": ["第一段。", "第二段。"],
        "meta": {"source": "人民日报", "pages": 3},
        "source": {"file": str(source), "line": 1},
    }
    assert list(record["meta"]) == ["source", "pages"]  # in the source's order


def test_only_the_text_is_required(tmp_path: Path) -> None:
    [record] = read(write(tmp_path, "s.jsonl", jsonl({"text": "只有正文。"})))
    assert record["paragraphs"] == ["只有正文。"]
    for name in ("province", "date", "speaker", "speaker_title", "occasion", "title"):
        assert record[name] is None
    assert record["meta"] == {}


def test_the_bundled_corpus_imports_with_its_text_and_places_unchanged() -> None:
    for script in ("simplified", "traditional"):
        imported = read(DATA_FILES[script])
        expected = records(script)
        assert [r["id"] for r in imported] == [r["id"] for r in expected]
        for got, want in zip(imported, expected, strict=True):
            assert got["paragraphs"] == want["paragraphs"]
            assert got["province"] == want["id"]  # the bundled ids are the places' ids
            assert got["date"] == want["date"] and got["speaker"] == want["speaker"]
            # Lists are kept as their JSON text; seq is dropped; length and han_chars agree.
            assert got["meta"]["others"] == json.dumps(
                want["others"], ensure_ascii=False, separators=(",", ":")
            )
            assert json.loads(got["meta"]["repairs"]) == want["repairs"]
            assert got["meta"]["lead"] == want["lead"]
            assert not {"seq", "length", "han_chars"} & set(got["meta"])


def test_bom_crlf_and_blank_lines_are_accepted_in_jsonl(tmp_path: Path) -> None:
    body = (
        "\ufeff"
        + json.dumps({"id": "a", "text": "甲"})
        + "\r\n\r\n   \r\n\t\n"
        + json.dumps({"text": "乙"})
        + "\r\n"
        + "\n"
    )
    got = read(write(tmp_path, "crlf.jsonl", body))
    assert [r["paragraphs"] for r in got] == [["甲"], ["乙"]]
    assert [r["source"]["line"] for r in got] == [1, 5]
    assert got[1]["id"] == "crlf-5"


def test_whitespace_around_the_object_is_allowed(tmp_path: Path) -> None:
    got = read(write(tmp_path, "w.jsonl", ' \t{"text": "甲"} \t\r\n{"text": "乙"}'))
    assert [r["paragraphs"] for r in got] == [["甲"], ["乙"]]


def test_ndjson_is_json_lines(tmp_path: Path) -> None:
    assert read(write(tmp_path, "x.NDJSON", jsonl({"text": "甲"})))[0]["id"] == "x-1"


def test_nested_metadata_is_kept_as_json_text(tmp_path: Path) -> None:
    value = {"作者": ["甲", "乙"], "n": 1, "ok": True}
    [record] = read(write(tmp_path, "m.jsonl", jsonl({"text": "文", "x": value, "e": []})))
    assert json.loads(record["meta"]["x"]) == value
    assert record["meta"]["x"] == '{"作者":["甲","乙"],"n":1,"ok":true}'
    assert record["meta"]["e"] == "[]"


@pytest.mark.parametrize(
    ("value", "text"),
    [("文本", "文本"), ("", ""), (None, ""), (True, "true"), (False, "false"), (2021, "2021"),
     (-3, "-3"), (1.5, "1.5"), (100.0, "100.0"), (1e20, "1e+20")],
)  # fmt: skip
def test_meta_text_is_how_a_value_compares(value: str | int | float | None, text: str) -> None:
    assert meta_text(value) == text
    if value is not None and value != "":
        assert meta_text(value) == json.dumps(value, ensure_ascii=False).strip('"')


def test_id_and_text_fields_are_kept_exactly(tmp_path: Path) -> None:
    paragraphs = ["  前有空格", "后有空格\u3000\u3000", "中\n间\r\n换行", "tab\there"]
    obj = {"id": 7, "speaker": " 李 强 ", "paragraphs": paragraphs}
    [record] = read(write(tmp_path, "x.jsonl", jsonl(obj)))
    assert record["paragraphs"] == paragraphs
    assert record["speaker"] == " 李 强 "
    assert record["id"] == "7" and record["id_made"] is False


def test_blank_optional_fields_are_absent(tmp_path: Path) -> None:
    obj = {"text": "文", "id": "", "speaker": "  ", "title": None, "province": "", "date": None}
    [record] = read(write(tmp_path, "x.jsonl", jsonl(obj)))
    assert record["id"] == "x-1" and record["id_made"] is True
    assert record["speaker"] is None and record["title"] is None
    assert record["province"] is None and record["date"] is None


# --- provinces and dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["河北", "河北省", "Hebei", "hebei", "冀", "130000", " 河北省 ", "Héběi"],
)
def test_province_spellings(tmp_path: Path, spelling: str) -> None:
    [record] = read(write(tmp_path, "p.jsonl", jsonl({"text": "文", "province": spelling})))
    assert record["province"] == "hebei"


@pytest.mark.parametrize("spelling", ["廣東省", "廣東", "粵", "粤", "广东", "Guangdong"])
def test_traditional_and_simplified_province_names(tmp_path: Path, spelling: str) -> None:
    [record] = read(write(tmp_path, "p.jsonl", jsonl({"text": "文", "province": spelling})))
    assert record["province"] == "guangdong"


@pytest.mark.parametrize("date", ["2021", "2021-05", "2021-05-31", "2020-02-29", "0001-01-01"])
def test_whole_and_partial_dates(tmp_path: Path, date: str) -> None:
    [record] = read(write(tmp_path, "d.jsonl", jsonl({"text": "文", "date": date})))
    assert record["date"] == date


# --- CSV and TSV ---------------------------------------------------------------------------


def _csv(rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue()


def test_csv_text_column_is_split_at_blank_lines(tmp_path: Path) -> None:
    text = "第一段，\n续行。\n\n第二段。\r\n\u3000\r\n第三段。\n"
    rows = [["id", "province", "date", "text", "source"], ["c1", "冀", "2021", text, "报"]]
    [record] = read(write(tmp_path, "t.csv", _csv(rows)))
    assert record["paragraphs"] == ["第一段，\n续行。", "第二段。", "第三段。"]
    assert record["province"] == "hebei" and record["date"] == "2021"
    assert record["meta"] == {"source": "报"}
    assert record["source"] == {"file": str(tmp_path / "t.csv"), "line": 2}


def test_csv_paragraphs_column_is_a_json_array(tmp_path: Path) -> None:
    paragraphs = ["甲，\n乙。", " 丙 "]
    rows = [["paragraphs"], [json.dumps(paragraphs, ensure_ascii=False)]]
    [record] = read(write(tmp_path, "p.csv", _csv(rows)))
    assert record["paragraphs"] == paragraphs


def test_csv_made_up_ids_name_the_line_a_row_starts_on(tmp_path: Path) -> None:
    rows = [["text", "n"], ["一\n\n二\n\n三", "1"], ["四", "2"], ["", ""], ["五", "3"]]
    got = read(write(tmp_path, "rows.csv", "\ufeff" + _csv(rows)))
    # Line 1 is the header; the first row spans lines 2-6; the empty row (line 8) is skipped.
    assert [(r["id"], r["meta"]["n"]) for r in got] == [
        ("rows-2", "1"),
        ("rows-7", "2"),
        ("rows-9", "3"),
    ]
    assert all(r["id_made"] for r in got)


def test_csv_values_are_strings_and_empty_means_absent(tmp_path: Path) -> None:
    rows = [[" id ", "text", "speaker", "year", "note"], ["", "文", "", "2021", ""]]
    [record] = read(write(tmp_path, "v.csv", _csv(rows, newline="\n")))
    assert record["id"] == "v-2" and record["speaker"] is None
    assert record["meta"] == {"year": "2021", "note": ""}


def test_tsv(tmp_path: Path) -> None:
    rows = [["id", "text", "tag"], ["t1", "含,逗号", "a"], ["t2", "两段\n\n文字", "b"]]
    got = read(write(tmp_path, "x.tsv", _csv(rows, delimiter="\t")))
    assert [r["paragraphs"] for r in got] == [["含,逗号"], ["两段", "文字"]]
    assert [r["meta"]["tag"] for r in got] == ["a", "b"]


def test_a_column_with_no_name_and_no_values_is_ignored(tmp_path: Path) -> None:
    [record] = read(write(tmp_path, "e.csv", "text,\n文,\n"))
    assert record["meta"] == {}


def test_a_quote_inside_an_unquoted_field_is_text(tmp_path: Path) -> None:
    [record] = read(write(tmp_path, "q.tsv", 'text\n他说"好"\n'))
    assert record["paragraphs"] == ['他说"好"']


def test_a_very_long_csv_cell(tmp_path: Path) -> None:
    text = "碳" * 300_000  # over the csv module's default field limit
    [record] = read(write(tmp_path, "long.csv", _csv([["text"], [text]])))
    assert record["paragraphs"] == [text]


# --- text documents ------------------------------------------------------------------------


def test_a_text_document_with_a_header(tmp_path: Path) -> None:
    body = (
        "title: 关于碳达峰的报告\n"
        "province: 廣東\n"
        "date: 2021-06-02\n"
        "Source: 南方日报\n"
        "\n"
        "\u3000\u3000第一段，\n"
        "折行的第一段。\n"
        "\n\n"
        "第二段：有冒号。\n"
    )
    [record] = read(write(tmp_path, "report.txt", body))
    assert record["title"] == "关于碳达峰的报告"
    assert record["province"] == "guangdong" and record["date"] == "2021-06-02"
    assert record["meta"] == {"Source": "南方日报"}
    # Lines of a paragraph are joined with "\n": no space between Chinese lines, indent kept.
    assert record["paragraphs"] == ["\u3000\u3000第一段，\n折行的第一段。", "第二段：有冒号。"]
    assert record["id"] == "report" and record["id_made"] is True
    assert record["source"] == {"file": str(tmp_path / "report.txt"), "line": None}


def test_front_matter_header(tmp_path: Path) -> None:
    body = "---\nid: doc-1\ntags: [a, b]\n\nspeaker: 李强\n---\n正文。\n"
    [record] = read(write(tmp_path, "a.md", body))
    assert record["id"] == "doc-1" and record["id_made"] is False
    assert record["speaker"] == "李强"
    assert record["meta"] == {"tags": "[a, b]"}
    assert record["paragraphs"] == ["正文。"]


@pytest.mark.parametrize(
    "first",
    [
        "会议指出：要坚决遏制“两高”项目盲目发展。",  # full-width colon, Chinese
        "Note: this is prose, not a header.",  # ASCII colon, no field name
        "CCUS：碳捕集、利用与封存。",  # an ASCII word and a full-width colon
        "title: 标题\n这一行不是 key: value。",  # one line of the block is not a header line
    ],
)
def test_prose_with_a_colon_is_not_a_header(tmp_path: Path, first: str) -> None:
    [record] = read(write(tmp_path, "p.txt", first + "\n\n第二段。\n"))
    assert record["paragraphs"] == [first, "第二段。"]
    assert record["title"] is None and record["meta"] == {}


def test_a_header_may_use_a_full_width_colon(tmp_path: Path) -> None:
    [record] = read(write(tmp_path, "w.txt", "title：标题\nspeaker ： 李强\n\n正文"))
    assert (record["title"], record["speaker"]) == ("标题", "李强")


def test_read_text_document() -> None:
    assert read_text_document("date: 2021\nx-y: 1\n\n甲\n\n乙") == (
        {"date": "2021", "x-y": "1"},
        ["甲", "乙"],
    )
    assert read_text_document("甲：乙\n\n丙") == ({}, ["甲：乙", "丙"])
    with pytest.raises(ShuangtanError, match="^line 2: date: given twice"):
        read_text_document("date: 2021\ndate: 2022\n\n甲")


def test_a_header_must_start_on_the_first_line(tmp_path: Path) -> None:
    [record] = read(write(tmp_path, "p.txt", "\ntitle: 标题\n\n正文。"))
    assert record["paragraphs"] == ["title: 标题", "正文。"]


def test_text_document_with_bom_and_crlf(tmp_path: Path) -> None:
    body = "\ufeffdate: 2022\r\n\r\n甲\r\n乙\r\n\r\n丙"
    [record] = read(write(tmp_path, "w.txt", body))
    assert record["date"] == "2022" and record["paragraphs"] == ["甲\n乙", "丙"]


def test_a_folder_is_read_in_path_order(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    # Created out of order; read in code-point order of the path inside the folder.
    names = ("b.txt", "a/z.md", "a/b/c.txt", "A.txt", "a.txt", "c.jsonl")
    for name in names:
        content = jsonl({"text": name}) if name.endswith(".jsonl") else f"{name}\n"
        write(folder, name, content)
    write(folder, ".hidden.txt", "不读")
    write(folder, ".git/x.txt", "不读")
    write(folder, "notes.docx", b"PK\x03\x04")
    sources = read_sources([folder])
    got = list(sources)
    # A folder's files come before a sibling file whose name its name begins: a/… < a.txt.
    order = sorted(names, key=lambda name: name.split("/"))
    assert [r["paragraphs"][0] for r in got] == order
    assert [r["id"] for r in got] == ["A", "a/b/c", "a/z", "a", "b", "c-1"]
    assert sources.skipped == (str(folder / "notes.docx"),)


# --- splitting -----------------------------------------------------------------------------


def test_split_paragraphs_gives_back_what_blank_lines_separate() -> None:
    paragraphs = ["一行。", "两行，\n第二行。", "\u3000\u3000缩进。", "end "]
    separators = ["\n\n", "\r\n\r\n", "\n \n", "\n\u3000\n\n", "\r\r", "\n\t\n"]
    for separator in separators:
        text = "\n" + separator.join(paragraphs) + separator
        assert split_paragraphs(text) == paragraphs, repr(separator)
        assert split_paragraphs(text.replace("\n", "\r\n")) == paragraphs


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u3000\r\n\t"])
def test_blank_text_has_no_paragraphs(text: str) -> None:
    assert split_paragraphs(text) == []


def test_only_cr_and_lf_end_lines() -> None:
    text = "甲\u2028乙\x0c丙\x85丁"  # not line breaks here: kept as characters
    assert split_paragraphs(text) == [text]


# --- determinism and bookkeeping -----------------------------------------------------------


def test_reading_twice_gives_the_same_records(tmp_path: Path) -> None:
    a = write(tmp_path, "a.jsonl", jsonl(*({"text": f"第{i}段", "k": i} for i in range(50))))
    b = write(tmp_path, "b.csv", "text\n甲\n乙\n")
    sources = read_sources([b, a])
    first = list(sources)
    assert list(sources) == first
    assert list(read_sources([b, a])) == first
    assert [r["source"]["file"] for r in first] == [str(b)] * 2 + [str(a)] * 50


def test_digests_and_byte_counts(tmp_path: Path) -> None:
    a = write(tmp_path, "a.jsonl", "\ufeff" + jsonl({"text": "甲"}, {"text": "乙"}))
    b = write(tmp_path, "b.txt", "丙")
    sources = read_sources([a, b])
    assert sources.check() == 3
    assert sources.sha256 == {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in (a, b)}
    assert sources.bytes_read == sources.total_bytes == a.stat().st_size + b.stat().st_size


def test_records_are_yielded_as_the_file_is_read(tmp_path: Path) -> None:
    lines = ({"text": "碳" * 1000} for _ in range(2000))
    sources = read_sources([write(tmp_path, "big.jsonl", jsonl(*lines))])
    first = next(iter(sources))
    assert first["id"] == "big-1"
    assert sources.bytes_read < sources.total_bytes / 10
