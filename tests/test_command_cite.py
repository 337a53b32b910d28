"""``shuangtan cite REF…``: the quotation of a hit and its citation, through the real CLI.

The sentence expected is cut by the oracle's own loop over end marks; the
citation's parts come from the data files and corpus.json, read with json.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest
from analysis_oracles import sentence_bounds
from helpers import (
    DATA,
    SCRIPTS,
    Golden,
    Run,
    assert_one_error_line,
    by_id,
    clean_env,
    installed_shuangtan,
)

METADATA = json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))
SHA = METADATA["source"]["sha256"]
SHORT_SHA = f"{SHA[:8]}…{SHA[-7:]}"


def cite_json(run: Run, *args: str) -> list[dict[str, Any]]:
    rows = json.loads(run("cite", *args, "--json").stdout)
    assert isinstance(rows, list)
    return rows


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentences holding text[start:end], by the oracle's cuts."""
    bounds = sentence_bounds(text)
    first = next(a for a, b in bounds if a <= start < b)
    last = next(b for a, b in bounds if a < end <= b)
    return first, last


@pytest.mark.parametrize("script", SCRIPTS)
def test_cite_of_every_hit_s_ref_shows_that_hit(run: Run, script: str) -> None:
    """The round trip, for every hit of a pattern with hits in many speeches and paragraphs."""
    hits = json.loads(run("kwic", "碳(达峰|中和)|兩高|双碳", "--json", "-s", script).stdout)
    assert len(hits) > 100
    cited = cite_json(run, *(hit["ref"] for hit in hits), "-s", script)
    assert len(cited) == len(hits)
    for hit, row in zip(hits, cited, strict=True):
        assert row["ref"] == hit["ref"]
        assert (row["id"], row["paragraph"], row["start"], row["end"]) == (
            hit["id"],
            hit["paragraph"],
            hit["start"],
            hit["end"],
        )
        assert row["match"] == hit["match"]
        offset = row["quotation_start"]
        assert row["quotation"] == hit["text"][offset : offset + len(row["quotation"])]
        assert (offset, offset + len(row["quotation"])) == sentence_of(
            hit["text"], hit["start"], hit["end"]
        )


def test_text_marks_the_span_in_its_sentence(run: Run) -> None:
    out = run("cite", "hebei:1:238-240").stdout
    text = by_id("traditional")["hebei"]["paragraphs"][1]
    start, end = sentence_of(text, 238, 240)
    quotation, citation, *rest = out.splitlines()
    assert quotation == f"{text[start:238]}**{text[238:240]}**{text[240:end]}"
    assert text[238:240] == "氫能" and rest == []
    assert citation.startswith("王東峰 (河北省委書記), 主持召開省碳達峰碳中和工作領導小組會議")


def test_a_span_across_sentences_quotes_them_all(run: Run) -> None:
    text = by_id("traditional")["hebei"]["paragraphs"][1]
    bounds = sentence_bounds(text)
    (a, b), (_, d) = bounds[0], bounds[1]
    row = cite_json(run, f"hebei:1:{b - 2}-{b + 2}")[0]
    assert row["quotation"] == text[a:d] and row["quotation_start"] == a


def test_several_refs_each_its_block(run: Run) -> None:
    out = run("cite", "hebei:1:238-240", "tibet").stdout
    blocks = out.split("\n\n")
    assert len(blocks) == 2 and blocks[1].count("\n") == 1  # the speech alone: a citation


@pytest.mark.parametrize("ref", ["tibet", "30", "西藏", "Xizang"])
def test_an_id_alone_cites_the_speech(run: Run, ref: str) -> None:
    (row,) = cite_json(run, ref)
    tibet = by_id("traditional")["tibet"]
    assert row["ref"] == row["id"] == "tibet"
    for name in ("paragraph", "start", "end", "match", "quotation", "quotation_start"):
        assert row[name] is None
    assert tibet["speaker"] in row["citation"] and tibet["date"] in row["citation"]


# --- the styles ------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["plain", "gbt7714", "chicago"])
@pytest.mark.parametrize("script", SCRIPTS)
def test_every_style_has_the_record_s_fields_and_the_corpus(
    run: Run, style: str, script: str
) -> None:
    for record in by_id(script).values():
        (row,) = cite_json(run, record["id"], "--style", style, "-s", script)
        citation = row["citation"]
        for part in (record["speaker_title"], record["occasion"]):
            assert part in citation
        if record["speaker"]:
            assert citation.startswith(record["speaker"])
        if record["province_short"] not in record["speaker_title"]:
            assert record["province"] in citation
        assert METADATA["version"] in citation and SHORT_SHA in citation
        assert row["style"] == style


def test_the_source_states_no_title_author_url_or_date() -> None:
    """The premise of the expected citations below."""
    for key in ("title",):
        assert METADATA[key] is None
    for key in ("author", "url", "published"):
        assert METADATA["source"][key] is None


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "plain",
            "王東峰 (河北省委書記), 主持召開省碳達峰碳中和工作領導小組會議, 2022-03-18. "
            "Quoted in a compilation; title, author, URL and date of publication not stated. "
            f"shuangtan corpus version 1.0.0, source copy SHA-256 {SHORT_SHA}.",
        ),
        (
            "chicago",
            "王東峰 (河北省委書記). Remarks, 主持召開省碳達峰碳中和工作領導小組會議, "
            "March 18, 2022. Quoted in [title not stated], web compilation [author, date of "
            f"publication, URL not stated]. shuangtan corpus version 1.0.0, source copy "
            f"SHA-256 {SHORT_SHA}.",
        ),
        (
            "gbt7714",
            "王東峰（河北省委書記）. 主持召開省碳達峰碳中和工作領導小組會議[Z]. 2022-03-18"
            "//作者原文未載. 題名原文未載[EB/OL]. 發表日期原文未載. 網址原文未載. "
            f"shuangtan 語料 1.0.0 版, 源文件 SHA-256 {SHORT_SHA}.",
        ),
    ],
)
def test_the_three_styles_of_hebei(run: Run, style: str, expected: str) -> None:
    assert cite_json(run, "hebei", "--style", style)[0]["citation"] == expected


def test_gbt7714_glue_is_in_the_script_of_the_text(run: Run) -> None:
    simplified = cite_json(run, "hebei", "--style", "gbt7714", "-s", "s")[0]["citation"]
    assert "原文未载" in simplified and "语料" in simplified and "載" not in simplified
    hk = cite_json(run, "hebei", "--style", "gbt7714", "-s", "hk")[0]["citation"]
    assert "原文未載" in hk


def test_a_speaker_the_dateline_does_not_name(run: Run) -> None:
    assert by_id()["gansu"]["speaker"] is None
    said = {
        style: cite_json(run, "gansu", "--style", style, "-s", "s")[0]["citation"]
        for style in ("plain", "chicago", "gbt7714")
    }
    assert said["plain"].startswith("name not stated (甘肃省委书记)")
    assert said["chicago"].startswith("[name not stated] (甘肃省委书记)")
    assert said["gbt7714"].startswith("（姓名原文未载）（甘肃省委书记）")
    assert all("None" not in text for text in said.values())


def test_chicago_writes_dates_out(run: Run) -> None:
    months = "January February March April May June July August September October November December"
    for record in by_id().values():
        year, month, day = record["date"].split("-")
        words = f"{months.split()[int(month) - 1]} {int(day)}, {year}"
        assert words in cite_json(run, record["id"], "--style", "chicago")[0]["citation"]


def test_the_style_is_case_insensitive(run: Run) -> None:
    assert cite_json(run, "hebei", "--style", "GBT7714")[0]["style"] == "gbt7714"


# --- errors and the terminal -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["hebei:3:0-1"], "no paragraph 3 in hebei"),
        (["hebei:1:0-5000"], "ends beyond paragraph 1"),
        (["hebei:1:7-7"], "is empty"),
        (["hebei:1"], "give ID:PARAGRAPH:START-END"),
        (["nowhere"], "no speech 'nowhere'"),
        (["hebei", "--style", "apa"], "'--style'"),
    ],
)
def test_errors(run: Run, args: list[str], says: str) -> None:
    assert says in assert_one_error_line(run("cite", *args, status=2))


def test_no_ref_is_a_usage_error(run: Run) -> None:
    assert "Missing argument 'REF…'" in assert_one_error_line(run("cite", status=2))


def test_cite_view(run: Run, golden: Golden) -> None:
    args = ("cite", "shandong:1:6-8", "gansu", "--format", "table")
    golden("cite_view.txt", run(*args, env={"COLUMNS": "80"}).stdout)


def test_the_span_is_highlighted_at_a_terminal(run: Run) -> None:
    args = ("cite", "shandong:1:6-8", "--format", "table", "--color", "always")
    out = run(*args, env={"COLUMNS": "200", "TERM": "xterm"}).stdout
    assert re.findall(r"\x1b\[1;31m(.*?)\x1b\[0m", out) == ["兩高"]
    assert "**" not in out


def test_csv_has_the_json_columns(run: Run) -> None:
    header = run("cite", "hebei:1:238-240", "--format", "csv").stdout.splitlines()[0]
    assert header.split(",") == list(cite_json(run, "hebei:1:238-240")[0])


@pytest.mark.skipif(shutil.which("jq") is None or shutil.which("xargs") is None, reason="no jq")
def test_grep_refs_piped_through_jq_and_xargs(tmp_path: Any) -> None:
    """The pipeline the README shows, as a shell runs it."""
    program = installed_shuangtan()
    script = (
        f"'{program}' grep 碳汇 -p 广东 -p 海南 --format jsonl | jq -r .ref | "
        f"xargs '{program}' cite --json"
    )
    done = subprocess.run(
        ["sh", "-c", script], env=clean_env(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [row["id"] for row in rows] == ["guangdong", "hainan"]
    assert all(row["match"] == "碳匯" for row in rows)
