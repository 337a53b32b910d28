"""``shuangtan grep PATTERN``: script-insensitive search of the remarks.

Expected hits are found independently, with ``str.find`` or Python's ``re`` over
the Simplified data file; every rendering has the same length as the canonical
text character for character, so those offsets are the offsets in every script.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from helpers import HIT_KEYS, LIST_COLUMNS, SCRIPTS, Run, by_id, ids_where, records, tsv

Span = tuple[str, int | None, int, int]  # id, paragraph (None: the lead), start, end


def units(record: dict[str, Any], lead: bool = False) -> list[tuple[int | None, str]]:
    found: list[tuple[int | None, str]] = list(enumerate(record["paragraphs"]))
    return [(None, record["lead"]), *found] if lead else found


def literal_spans(needle: str, lead: bool = False) -> list[Span]:
    """Non-overlapping occurrences of ``needle`` in the Simplified data, in order."""
    out: list[Span] = []
    for record in records("simplified"):
        for index, text in units(record, lead):
            start = text.find(needle)
            while start >= 0:
                out.append((record["id"], index, start, start + len(needle)))
                start = text.find(needle, start + len(needle))
    return out


def regex_spans(pattern: str) -> list[Span]:
    """Matches of a Python ``re`` pattern in the Simplified data, in order."""
    return [
        (record["id"], index, m.start(), m.end())
        for record in records("simplified")
        for index, text in units(record)
        for m in re.finditer(pattern, text)
        if m.end() > m.start()
    ]


def grep_json(run: Run, *args: str, status: int = 0) -> list[dict[str, Any]]:
    hits = json.loads(run("grep", *args, "--json", status=status).stdout)
    assert isinstance(hits, list)
    return hits


def spans_of(hits: list[dict[str, Any]]) -> list[Span]:
    return [(h["id"], h["paragraph"], h["start"], h["end"]) for h in hits]


def check_hits_fit_the_text(hits: list[dict[str, Any]], script: str) -> None:
    """Every hit carries the documented keys and its offsets fit the text as displayed."""
    shown = by_id(script)
    for hit in hits:
        assert set(HIT_KEYS) <= set(hit), sorted(hit)
        record = shown[hit["id"]]
        expected_text = (
            record["lead"] if hit["paragraph"] is None else record["paragraphs"][hit["paragraph"]]
        )
        assert hit["text"] == expected_text
        assert hit["text"][hit["start"] : hit["end"]] == hit["match"]
        assert hit["match"]
        for key in ("province", "speaker", "date"):
            assert hit[key] == record[key]


# --- script-insensitive ---------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["两高", "兩高"])
def test_liang_gao_either_script(run: Run, pattern: str) -> None:
    expected = literal_spans("两高")
    assert len(expected) >= 7
    hits = grep_json(run, pattern)
    assert spans_of(hits) == expected
    check_hits_fit_the_text(hits, "traditional")
    assert {hit["match"] for hit in hits} == {"兩高"}


@pytest.mark.parametrize("pattern", ["云南", "雲南"])
def test_yunnan_either_script(run: Run, pattern: str) -> None:
    expected = literal_spans("云南")
    assert expected
    assert spans_of(grep_json(run, pattern)) == expected


@pytest.mark.parametrize("pattern", ["关于", "關於", "關于", "关於"])
def test_guanyu_any_mix_of_scripts(run: Run, pattern: str) -> None:
    expected = literal_spans("关于")
    assert expected
    assert spans_of(grep_json(run, pattern)) == expected


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize(
    "pattern", ["峰", "台", "发展", "碳(达峰|中和)", r"\p{Han}{2}高", "[卫污]"]
)
def test_offsets_fit_the_text_in_every_script(run: Run, script: str, pattern: str) -> None:
    hits = grep_json(run, pattern, "--script", script)
    assert hits
    check_hits_fit_the_text(hits, script)


@pytest.mark.parametrize(
    "pattern", ["峰", "台", "发展", "碳(达峰|中和)", r"\p{Han}{2}高", "[卫污]"]
)
def test_same_hits_in_every_script(run: Run, pattern: str) -> None:
    found = [spans_of(grep_json(run, pattern, "-s", script)) for script in SCRIPTS]
    assert found[0] == found[1] == found[2]


def test_the_pattern_as_each_script_displays_it(run: Run) -> None:
    # 碳达峰 is 碳達峰 in Traditional and 碳達峯 in the Hong Kong rendering.
    assert "碳達峯" in by_id("hk")["beijing"]["paragraphs"][0]
    expected = literal_spans("碳达峰")
    for typed, script in [("碳达峰", "simplified"), ("碳達峰", "traditional"), ("碳達峯", "hk")]:
        hits = grep_json(run, typed, "-s", script)
        assert spans_of(hits) == expected, typed
        assert {hit["match"] for hit in hits} == {typed}


# --- -F, -i and regular expressions ------------------------------------------------------------


def test_fixed_string_with_regex_metacharacters(run: Run) -> None:
    expected = literal_spans("1+N")
    assert {span[0] for span in expected} == {"shaanxi", "hunan"}
    hits = grep_json(run, "-F", "1+N")
    assert spans_of(hits) == expected
    assert {hit["match"] for hit in hits} == {"1+N"}


def test_same_pattern_as_a_regex_means_one_or_more_1_then_n(run: Run) -> None:
    assert regex_spans("1+N") == []  # the data has "1+N", never "1N" or "11N"
    result = run("grep", "1+N", status=1)
    assert result.stdout == "" and result.stderr == ""
    assert spans_of(grep_json(run, "1+N", status=1)) == []


def test_fixed_dot_is_a_dot(run: Run) -> None:
    assert literal_spans(".") == []
    run("grep", "-F", ".", status=1)
    assert len(grep_json(run, ".", "-m", "1")) == len(records())


def test_ignore_case(run: Run) -> None:
    expected = literal_spans("1+N")
    run("grep", "-F", "1+n", status=1)
    assert spans_of(grep_json(run, "-F", "-i", "1+n")) == expected
    assert spans_of(grep_json(run, "--ignore-case", r"1\+n")) == expected
    assert spans_of(grep_json(run, "-i", "x")) == regex_spans("(?i)x")


def test_unicode_property_syntax(run: Run) -> None:
    expected = regex_spans("“[\u4e00-\u9fff]{2}”")
    assert len(expected) > 10
    hits = grep_json(run, r"“\p{Han}{2}”")
    assert spans_of(hits) == expected
    assert spans_of(grep_json(run, r"\d\+\p{Lu}")) == regex_spans(r"\d\+[A-Z]")


def test_regex_alternation_and_classes(run: Run) -> None:
    expected = regex_spans("碳(达峰|中和)")
    assert spans_of(grep_json(run, "碳(達峰|中和)")) == expected
    assert spans_of(grep_json(run, "碳(?:达峰|中和)")) == expected


# --- -c, -l, -v --------------------------------------------------------------------------------


def test_count_agrees_with_an_independent_count(run: Run) -> None:
    counts = Counter(span[0] for span in literal_spans("碳达峰"))
    assert counts
    rows = tsv(run("grep", "-c", "碳達峰"))
    expected = [
        [r["id"], str(r["seq"]), r["province"], r["speaker"] or "", r["date"], str(counts[r["id"]])]
        for r in records("traditional")
        if counts[r["id"]]
    ]
    assert rows == expected


def test_count_as_json(run: Run) -> None:
    counts = Counter(span[0] for span in literal_spans("两高"))
    rows = grep_json(run, "--count", "两高")
    assert {row["id"]: row["count"] for row in rows} == dict(counts)
    assert all(row["count"] > 0 for row in rows)


def test_count_with_lead(run: Run) -> None:
    counts = Counter(span[0] for span in literal_spans("书记", lead=True))
    rows = grep_json(run, "-c", "--lead", "書記")
    assert {row["id"]: row["count"] for row in rows} == dict(counts)


def test_files_with_matches(run: Run) -> None:
    expected = ids_where(lambda r: any("两高" in p for p in r["paragraphs"]))
    rows = tsv(run("grep", "-l", "兩高"))
    assert [row[0] for row in rows] == expected
    assert all(len(row) == len(LIST_COLUMNS) for row in rows)
    rows_json = grep_json(run, "--files-with-matches", "兩高")
    assert [list(row) for row in rows_json] == [list(LIST_COLUMNS)] * len(expected)


def test_invert_is_the_complement_of_l_within_the_selection(run: Run) -> None:
    selection = ["--region", "华东"]
    chosen = ids_where(lambda r: r["region"] == "华东")
    with_hit = [row[0] for row in tsv(run("grep", "-l", "扎实", *selection))]
    without = [row[0] for row in tsv(run("grep", "-v", "扎实", *selection))]
    assert with_hit == [i for i in chosen if any("扎实" in p for p in by_id()[i]["paragraphs"])]
    assert without == [i for i in chosen if i not in with_hit]
    assert with_hit and without


def test_invert_when_every_speech_has_a_hit(run: Run) -> None:
    assert all(any("碳" in p for p in r["paragraphs"]) for r in records())
    result = run("grep", "-v", "碳", status=1)
    assert result.stdout == ""


def test_invert_lists_speeches_without_a_hit(run: Run) -> None:
    expected = ids_where(lambda r: not any("氢能" in p for p in r["paragraphs"]))
    assert len(expected) == len(records()) - 1
    assert [row["id"] for row in grep_json(run, "-v", "氫能")] == expected


# --- -o, -m, --lead ---------------------------------------------------------------------------


def test_only_matching(run: Run) -> None:
    expected = regex_spans("碳(达峰|中和)")
    shown = by_id("traditional")
    rows = tsv(run("grep", "-o", "碳(达峰|中和)"))
    assert len(rows) == len(expected)
    for row, (pid, paragraph, start, end) in zip(rows, expected, strict=True):
        record = shown[pid]
        assert row == [
            record["province"],
            record["speaker"] or "",
            record["date"],
            record["paragraphs"][paragraph][start:end],
        ]
    assert {row[3] for row in rows} == {"碳達峰", "碳中和"}


@pytest.mark.parametrize("limit", [1, 2])
def test_max_count_per_speech(run: Run, limit: int) -> None:
    everything = spans_of(grep_json(run, "碳"))
    seen: Counter[str] = Counter()
    expected = []
    for span in everything:
        seen[span[0]] += 1
        if seen[span[0]] <= limit:
            expected.append(span)
    assert spans_of(grep_json(run, "碳", "-m", str(limit))) == expected
    assert len(expected) < len(everything)


def test_max_count_caps_the_count(run: Run) -> None:
    rows = grep_json(run, "碳", "-c", "-m", "1")
    assert [row["count"] for row in rows] == [1] * len(records())


def test_lead_searches_the_dateline(run: Run) -> None:
    beijing = by_id("traditional")["beijing"]
    phrase = "蔡奇到城市副中心"
    assert literal_spans(phrase) == []
    run("grep", phrase, status=1)
    hits = grep_json(run, phrase, "--lead")
    start = beijing["lead"].index(phrase)
    assert spans_of(hits) == [("beijing", None, start, start + len(phrase))]
    assert hits[0]["paragraph"] is None
    assert hits[0]["text"] == beijing["lead"]
    check_hits_fit_the_text(hits, "traditional")


def test_lead_hits_come_before_the_paragraphs(run: Run) -> None:
    expected = literal_spans("碳达峰", lead=True)
    assert any(span[1] is None for span in expected)
    assert spans_of(grep_json(run, "碳達峰", "--lead")) == expected


# --- context ----------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？；]*(?:[。！？；][”’」』）》]*|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]


def expected_context(text: str, start: int, end: int, before: int, after: int) -> str:
    spans = sentences(text)
    first = next(i for i, (_, e) in enumerate(spans) if e > start)
    last = next(i for i, (_, e) in enumerate(spans) if e >= end)
    first, last = max(first - before, 0), min(last + after, len(spans) - 1)
    return text[spans[first][0] : spans[last][1]]


def test_default_context_is_the_sentence(run: Run) -> None:
    text = by_id("traditional")["henan"]["paragraphs"][3]
    first, second = text.split("。", 1)
    rows = tsv(run("grep", "兩高", "-p", "henan"))
    assert rows == [["河南省", by_id("traditional")["henan"]["speaker"], "2021-07-07", second]]
    assert first + "。" + second == text


def test_context_before_and_after_within_the_paragraph(run: Run) -> None:
    text = by_id("traditional")["henan"]["paragraphs"][3]
    assert len(sentences(text)) == 2
    (hit,) = grep_json(run, "兩高", "-p", "henan", "-B", "1")
    assert hit["context"] == text  # grew by the sentence before
    (hit,) = grep_json(run, "兩高", "-p", "henan", "-A", "3")
    assert hit["context"] == text[text.index("。") + 1 :]  # nothing after: bounded
    (hit,) = grep_json(run, "兩高", "-p", "henan", "-C", "5")
    assert hit["context"] == text


@pytest.mark.parametrize(
    ("args", "before", "after"),
    [([], 0, 0), (["-C", "1"], 1, 1), (["-A", "2"], 0, 2), (["-B", "1"], 1, 0),
     (["-C", "2", "-A", "0"], 2, 0), (["-C", "1", "-B", "3"], 3, 1)],
)  # fmt: skip
def test_context_grows_by_whole_sentences(
    run: Run, args: list[str], before: int, after: int
) -> None:
    hits = grep_json(run, "碳达峰", *args, "-s", "simplified")
    assert len(hits) > 20
    for hit in hits:
        text = hit["text"]
        expected = expected_context(text, hit["start"], hit["end"], before, after)
        assert hit["context"] == expected
        assert text[hit["context_start"] :].startswith(expected)


def test_text_output_shows_the_context(run: Run) -> None:
    hits = grep_json(run, "碳中和", "-C", "1")
    rows = tsv(run("grep", "碳中和", "-C", "1"))
    assert [row[3] for row in rows] == [hit["context"] for hit in hits]


# --- selection and exit status ------------------------------------------------------------


def test_selection_options_apply(run: Run) -> None:
    hits = grep_json(run, "两高", "--province", "陕西")
    assert spans_of(hits) == [s for s in literal_spans("两高") if s[0] == "shaanxi"]
    assert hits


def test_selection_options_combine(run: Run) -> None:
    expected = ids_where(
        lambda r: (
            r["region"] == "华北"
            and r["date"] >= "2022-01-01"
            and any("碳汇" in p for p in r["paragraphs"])
        )
    )
    ids = [row[0] for row in tsv(run("grep", "-l", "碳匯", "--region", "north", "--since", "2022"))]
    assert ids == expected


def test_selection_order_and_limit(run: Run) -> None:
    hits = grep_json(run, "两高", "--sort", "date", "--limit", "3")
    chosen = [r["id"] for r in sorted(records(), key=lambda r: (r["date"], r["seq"]))][:3]
    assert spans_of(hits) == [s for pid in chosen for s in literal_spans("两高") if s[0] == pid]


def test_no_hit_exits_1_with_no_output(run: Run) -> None:
    for args in (["火星"], ["火星", "-c"], ["火星", "-l"], ["火星", "-o"]):
        result = run("grep", *args, status=1)
        assert result.stdout == "" and result.stderr == ""


def test_text_output_has_no_escapes_when_piped(run: Run) -> None:
    assert "\x1b" not in run("grep", "兩高").stdout
    assert "\x1b" not in run("grep", "兩高", "--color", "never").stdout
    out = run("grep", "兩高", "--color", "always").stdout
    assert "\x1b[" in out
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == run("grep", "兩高").stdout


def test_hong_kong_text_as_displayed_finds_itself(run: Run) -> None:
    # The Hong Kong rendering writes 衞 where Traditional writes 衛 (Simplified 卫).
    shown = by_id("hk")["jiangsu"]["paragraphs"][1]
    assert "保衞戰" in shown
    hits = grep_json(run, "保衞戰", "--script", "hk")
    assert spans_of(hits) == literal_spans("保卫战")


@pytest.mark.parametrize("script", ["traditional", "hk"])
def test_every_paragraph_as_displayed_finds_itself(run: Run, script: str) -> None:
    for record in records(script):
        for index, paragraph in enumerate(record["paragraphs"]):
            hits = grep_json(run, "-F", paragraph, "-s", script, "-p", record["id"])
            assert spans_of(hits) == [(record["id"], index, 0, len(paragraph))], paragraph


def test_an_unrelated_alternative_does_not_lose_hits(run: Run) -> None:
    # 火星 is nowhere in the corpus; the pattern must still fold 衞 as the corpus shows it.
    expected = literal_spans("保卫战")
    assert expected
    assert spans_of(grep_json(run, "保衞戰", "-s", "hk")) == expected
    assert spans_of(grep_json(run, "保衞戰|火星", "-s", "hk")) == expected
