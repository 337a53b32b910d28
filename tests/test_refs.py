"""References to passages (``ID:PARAGRAPH:START-END``): on every hit, and taken by show."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ANSI, SCRIPTS, Run, assert_one_error_line, by_id

import shuangtan_cli as st
from shuangtan_cli.errors import ShuangtanError
from shuangtan_cli.refs import Ref, Span, format_ref, parse_ref, resolve_ref


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("hebei:1:238-240", Ref("hebei", Span(1, 238, 240))),
        (" hebei:0:0-1 ", Ref("hebei", Span(0, 0, 1))),
        ("hebei:lead:0-9", Ref("hebei", Span(None, 0, 9))),
        ("河北:1:238-240", Ref("河北", Span(1, 238, 240))),
        ("hebei", Ref("hebei", None)),
        ("14", Ref("14", None)),
    ],
)
def test_parse(text: str, ref: Ref) -> None:
    assert parse_ref(text) == ref


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty reference"),
        ("hebei:1", "give ID:PARAGRAPH:START-END"),
        ("hebei:1:2-3:4", "give ID:PARAGRAPH:START-END"),
        (":1:2-3", "give ID:PARAGRAPH:START-END"),
        ("hebei:1:5", "is not START-END"),
        ("hebei:1:5-5", "is empty"),
        ("hebei:1:9-5", "is empty"),
        ("hebei:x:1-2", "the paragraph 'x' is not a number"),
        ("hebei:1:a-2", "the start 'a' is not a number"),
        ("hebei:1:1-٣", "the end '٣' is not a number"),  # an Arabic-Indic digit
        ("hebei:1:1-" + "9" * 5000, "too many digits"),
    ],
)
def test_parse_refuses(text: str, says: str) -> None:
    with pytest.raises(ShuangtanError, match=re.escape(says)):
        parse_ref(text)


def test_format_and_parse_round_trip() -> None:
    for paragraph in (None, 0, 12):
        text = format_ref("inner-mongolia", paragraph, 3, 7)
        assert parse_ref(text) == Ref("inner-mongolia", Span(paragraph, 3, 7))
    assert format_ref("hebei", None, 0, 2) == "hebei:lead:0-2"


@pytest.fixture(scope="module")
def corpus() -> st.Corpus:
    return st.load_corpus(st.Script.TRADITIONAL)


def test_resolve_gives_the_span_as_a_hit(corpus: st.Corpus) -> None:
    position, hit = resolve_ref(corpus, parse_ref("冀:1:238-240"))
    hebei = by_id("traditional")["hebei"]
    assert corpus.speeches[position].id == "hebei"
    assert hit is not None and hit.match == hebei["paragraphs"][1][238:240] == "氫能"
    assert hit.ref == "hebei:1:238-240"
    assert resolve_ref(corpus, parse_ref("hebei")) == (position, None)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("hebei:3:0-1", "no paragraph 3 in hebei: it has 3 (0 to 2)"),
        ("hebei:1:818-820", "ends beyond paragraph 1 of hebei, which has 819 characters"),
        ("hebei:lead:0-1000", "ends beyond the dateline of hebei"),
        ("nowhere:1:0-1", "no speech 'nowhere'"),
    ],
)
def test_resolve_refuses(corpus: st.Corpus, text: str, says: str) -> None:
    with pytest.raises(ShuangtanError, match=re.escape(says)):
        resolve_ref(corpus, parse_ref(text))


def test_the_paragraph_length_in_the_message_is_the_data_s() -> None:
    assert len(by_id()["hebei"]["paragraphs"]) == 3
    assert len(by_id()["hebei"]["paragraphs"][1]) == 819


# --- every hit has one -----------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_grep_hit_carries_its_ref(run: Run, script: str) -> None:
    hits = json.loads(run("grep", "碳|峰", "--lead", "--json", "-s", script).stdout)
    assert len(hits) > 300
    for hit in hits:
        paragraph = "lead" if hit["paragraph"] is None else hit["paragraph"]
        assert hit["ref"] == f"{hit['id']}:{paragraph}:{hit['start']}-{hit['end']}"
        assert list(hit)[-1] == "ref"  # the contract grows only at its end


def test_refs_are_the_same_in_every_script(run: Run) -> None:
    found = [
        [hit["ref"] for hit in json.loads(run("grep", "发展", "--json", "-s", s).stdout)]
        for s in SCRIPTS
    ]
    assert found[0] == found[1] == found[2] and found[0]


def test_grep_csv_has_a_ref_column_at_the_end(run: Run) -> None:
    header = run("grep", "兩高", "--format", "csv").stdout.splitlines()[0]
    assert header.split(",")[-1] == "ref"


# --- show takes a ref ------------------------------------------------------------------------


def test_show_a_ref_shows_its_speech(run: Run) -> None:
    by_ref = json.loads(run("show", "hebei:1:238-240", "--json").stdout)
    assert by_ref == [by_id("traditional")["hebei"]]
    both = json.loads(run("show", "hebei:1:238-240", "冀", "tibet", "--json").stdout)
    assert [record["id"] for record in both] == ["hebei", "tibet"]  # one speech once


def test_show_highlights_every_span_it_is_given(run: Run) -> None:
    args = ("show", "shandong:1:6-8", "shandong:2:42-44", "--format", "table", "--no-pager")
    out = run(*args, "--color", "always", env={"COLUMNS": "400", "TERM": "xterm"}).stdout
    assert re.findall(r"\x1b\[1;31m(.*?)\x1b\[0m", out) == ["兩高", "兩高"]
    plain = ANSI.sub("", out)
    assert all(p in plain for p in by_id("traditional")["shandong"]["paragraphs"])


def test_show_a_dateline_ref_shows_the_speech_unmarked(run: Run) -> None:
    out = run("show", "hebei:lead:0-4", "--format", "table", "--color", "always").stdout
    assert "\x1b[1;31m" not in out and "王東峰" in out


@pytest.mark.parametrize(
    ("ref", "says"),
    [
        ("hebei:9:0-1", "no paragraph 9 in hebei"),
        ("hebei:1:5-5", "is empty"),
        ("hebei:one:1-2", "is not a number"),
    ],
)
def test_show_refuses_a_bad_ref(run: Run, ref: str, says: str) -> None:
    line = assert_one_error_line(run("show", ref, status=2))
    assert says in line
