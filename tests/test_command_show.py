"""``shuangtan show ID…``: speeches in full."""

from __future__ import annotations

import json

import pytest
from helpers import Run, assert_one_error_line, by_id, records


@pytest.mark.parametrize(
    "ref", ["hebei", "14", "河北", "河北省", "冀", "Hebei", "HEBEI", "130000", " hebei "]
)
def test_any_reference_to_hebei(run: Run, ref: str) -> None:
    shown = json.loads(run("show", ref, "--json").stdout)
    assert shown == [by_id("traditional")["hebei"]]


@pytest.mark.parametrize(
    ("ref", "pid"),
    [("1", "beijing"), ("31", "hainan"), ("陝西", "shaanxi"), ("晉", "shanxi"), ("Tibet", "tibet")],
)
def test_seq_numbers_and_aliases(run: Run, ref: str, pid: str) -> None:
    assert [r["id"] for r in json.loads(run("show", ref, "--json").stdout)] == [pid]


def test_every_id_and_every_seq(run: Run) -> None:
    for record in records("traditional"):
        for ref in (record["id"], str(record["seq"])):
            assert json.loads(run("show", ref, "--json").stdout) == [record]


def test_text_has_header_title_occasion_and_every_paragraph(run: Run) -> None:
    for record in records("traditional"):
        lines = run("show", record["id"]).stdout.splitlines()
        province, speaker, date = lines[0].split("\t")
        assert (province, date) == (record["province"], record["date"])
        assert speaker == (record["speaker"] or "")  # as in every text output: null is empty
        assert lines[1] == record["speaker_title"]
        assert lines[2] == record["occasion"]
        assert [line for line in lines[3:] if line] == record["paragraphs"]


def test_text_separates_paragraphs_with_a_blank_line(run: Run) -> None:
    henan = by_id("traditional")["henan"]
    assert len(henan["paragraphs"]) > 1
    out = run("show", "henan").stdout
    assert "\n\n".join(henan["paragraphs"]) + "\n" in out


def test_nameless_speaker_is_not_printed_as_none(run: Run) -> None:
    first = run("show", "gansu").stdout.splitlines()[0]
    assert "None" not in first and "null" not in first


def test_script(run: Run) -> None:
    out = run("show", "yunnan", "--script", "simplified", "--json").stdout
    assert json.loads(out) == [by_id("simplified")["yunnan"]]
    out = run("show", "yunnan", env={"SHUANGTAN_SCRIPT": "hk"}).stdout
    assert by_id("hk")["yunnan"]["paragraphs"][0] in out


def test_several_ids_in_the_order_given(run: Run) -> None:
    shown = json.loads(run("show", "2", "beijing", "河北", "--json").stdout)
    assert [r["id"] for r in shown] == ["shanghai", "beijing", "hebei"]


def test_a_repeated_id_is_shown_once(run: Run) -> None:
    shown = json.loads(run("show", "1", "1", "--json").stdout)
    assert [r["id"] for r in shown] == ["beijing"]


def test_several_ids_as_text(run: Run) -> None:
    out = run("show", "chongqing", "fujian").stdout
    chongqing, fujian = by_id("traditional")["chongqing"], by_id("traditional")["fujian"]
    assert out.index(chongqing["paragraphs"][0]) < out.index(fujian["province"])
    assert out.splitlines().count("") >= 3  # a blank line between the speeches too
    assert fujian["paragraphs"][-1] + "\n" in out


def test_jsonl_and_csv(run: Run) -> None:
    lines = run("show", "3", "4", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == list(records("traditional")[2:4])
    out = run("show", "4", "--format", "csv").stdout
    assert out.startswith("id,seq,province,")
    assert "chongqing,4," in out


@pytest.mark.parametrize(
    ("ref", "suggestion"), [("hebie", "河北"), ("河比", "河北"), ("Tibbet", "西藏")]
)
def test_unknown_id_suggests(run: Run, ref: str, suggestion: str) -> None:
    line = assert_one_error_line(run("show", ref, status=2))
    assert repr(ref) in line or ref in line
    assert "did you mean" in line and suggestion in line


@pytest.mark.parametrize("ref", ["0", "99", "-1", "nowhere"])
def test_not_a_speech(run: Run, ref: str) -> None:
    line = assert_one_error_line(run("show", "--", ref, status=2))
    assert ref in line


def test_one_unknown_among_good_ids_prints_nothing(run: Run) -> None:
    result = run("show", "1", "hebie", status=2)
    assert_one_error_line(result)


def test_needs_an_id(run: Run) -> None:
    assert_one_error_line(run("show", status=2))


def test_the_same_speech_named_three_ways_is_shown_once(run: Run) -> None:
    shown = json.loads(run("show", "hebei", "14", "河北", "--json").stdout)
    assert [r["id"] for r in shown] == ["hebei"]


@pytest.mark.parametrize("ref", ["32", "14000"])
def test_a_number_is_a_seq_number_not_a_code_prefix(run: Run, ref: str) -> None:
    line = assert_one_error_line(run("show", ref, status=2))
    assert f"no speech number {ref}" in line and "1 to 31" in line


@pytest.mark.parametrize("digits", [20, 4300, 5000, 100_000])
def test_a_number_of_any_length_is_no_such_speech(run: Run, digits: int) -> None:
    line = assert_one_error_line(run("show", "9" * digits, status=2))
    assert "no speech number" in line and len(line) < 300


def test_leading_zeros_name_the_same_speech(run: Run) -> None:
    assert run("show", "007", "--json").stdout == run("show", "7", "--json").stdout
