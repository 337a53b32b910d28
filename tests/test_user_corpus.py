"""A user corpus through every command: the same answers as a plain scan of its sources,
and the same as the bundled corpus where the two hold the same text."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import NAMES, count, documents, import_corpus, place_of, write_jsonl
from helpers import DATA, ROOT, Run, assert_one_error_line, clean_env, jsonl, run_process, tsv

from shuangtan_cli.script import to_simplified


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("generated")
    docs = documents(11, 60)
    source = write_jsonl(folder / "docs.jsonl", docs)
    return import_corpus([source], folder / "corpus"), docs


@pytest.fixture(scope="module")
def traditional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus's Traditional file, imported: the bundled text, as a user corpus."""
    folder = tmp_path_factory.mktemp("traditional")
    return import_corpus([DATA / "speeches.traditional.jsonl"], folder / "corpus")


def user(corpus: Path, *args: str) -> list[str]:
    return ["--corpus", str(corpus), *args]


# --- the same as the bundled corpus ------------------------------------------------------

PATTERNS = [
    "兩高",
    "两高",
    "碳(达峰|中和)",
    "氫能",
    "雙碳",
    "达峰",
    "碳匯",
    "[风光]电",
    "生态.{2}",
    "碳",
]


def _hits(output: str) -> list[tuple[Any, ...]]:
    keys = ("id", "seq", "province", "speaker", "date", "paragraph", "start", "end", "match")
    return [tuple(h[k] for k in (*keys, "text", "context")) for h in json.loads(output)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_grep_finds_what_it_finds_in_the_bundled_corpus(
    traditional: Path, run: Run, pattern: str
) -> None:
    """The bundled Traditional text as a user corpus: the same hits, offsets and contexts."""
    for flags in ([], ["-m", "1"], ["-C", "1"]):
        mine = run(*user(traditional, "grep", pattern, "--json", *flags))
        bundled = run("grep", pattern, "--json", *flags)
        assert _hits(mine.stdout) == _hits(bundled.stdout)
    for flag in ("-c", "-l", "-v"):
        status = 1 if flag == "-v" and pattern == "碳" else 0
        mine_rows = tsv(run(*user(traditional, "grep", pattern, flag), status=status))
        bundled_rows = tsv(run("grep", pattern, flag, status=status))
        cut = 6 if flag != "-c" else 5  # a user list row has a title before the length
        assert [r[:cut] for r in mine_rows] == [r[:cut] for r in bundled_rows]
        assert [r[-1] for r in mine_rows] == [r[-1] for r in bundled_rows]


def test_selection_agrees_with_the_bundled_corpus(traditional: Path, run: Run) -> None:
    for args in (
        ["--province", "冀"],
        ["--region", "西北", "--sort", "date"],
        ["--division", "municipality", "--reverse"],
        ["--since", "2021-12", "--until", "2022-01"],
        ["--speaker", "劉"],
        ["--contains", "碳汇", "--sort", "length", "--limit", "3"],
        ["--sort", "province"],
    ):
        mine = [r[:6] for r in tsv(run(*user(traditional, "list", *args)))]
        assert mine == [r[:6] for r in tsv(run("list", *args))], args


def test_show_and_filter_read_the_same_text(traditional: Path, run: Run) -> None:
    mine = jsonl(run(*user(traditional, "filter", "--province", "藏")))[0]
    bundled = jsonl(run("filter", "--province", "藏"))[0]
    same = ("id", "seq", "province", "province_short", "region", "code", "date", "speaker")
    assert {k: mine[k] for k in same} == {k: bundled[k] for k in same}
    assert mine["paragraphs"] == bundled["paragraphs"] and mine["script"] == "traditional"
    text = run(*user(traditional, "show", "tibet", "--format", "text")).stdout
    assert text.endswith("\n\n" + "\n\n".join(bundled["paragraphs"]) + "\n")
    assert (
        run(*user(traditional, "show", "30", "--json")).stdout
        == run(*user(traditional, "show", "tibet", "--json")).stdout
    )


# --- the same as a plain scan of the sources ----------------------------------------------


@pytest.mark.parametrize("term", ["碳", "两高", "碳达峰", "绿色低碳", "氢", "高质量发展"])
def test_counts_and_offsets_are_those_of_a_plain_scan(
    generated: tuple[Path, list[dict[str, Any]]], run: Run, term: str
) -> None:
    corpus, docs = generated
    expected = {d["id"]: sum(count(p, term) for p in d["paragraphs"]) for d in docs}
    rows = tsv(run(*user(corpus, "grep", term, "-c")))
    assert {r[0]: int(r[-1]) for r in rows} == {k: n for k, n in expected.items() if n}
    hits = json.loads(run(*user(corpus, "grep", term, "--json")).stdout)
    by_id = {d["id"]: d for d in docs}
    assert len(hits) == sum(expected.values())
    for hit in hits:
        paragraph = by_id[hit["id"]]["paragraphs"][hit["paragraph"]]
        assert paragraph[hit["start"] : hit["end"]] == term == hit["match"]


def test_a_query_in_traditional_finds_the_simplified_text(
    generated: tuple[Path, list[dict[str, Any]]], run: Run
) -> None:
    corpus, _ = generated
    simplified = run(*user(corpus, "grep", "绿色低碳", "-c")).stdout
    assert run(*user(corpus, "grep", "綠色低碳", "-c")).stdout == simplified != ""


def test_selection_by_province_where_and_partial_dates(
    generated: tuple[Path, list[dict[str, Any]]], run: Run
) -> None:
    corpus, docs = generated

    def ids(*args: str) -> list[str]:
        result = run(*user(corpus, "list", *args))
        return [row[0] for row in tsv(result)]

    assert ids("--province", "河北") == [d["id"] for d in docs if place_of(d) == "hebei"]
    north = {"hebei", "beijing"}  # of the generated places, those in 华北
    assert ids("--region", "north") == [d["id"] for d in docs if place_of(d) in north]
    assert ids("--where", "batch=b1", "--where", "reviewed=true") == [
        d["id"] for d in docs if d["batch"] == "b1" and d["reviewed"]
    ]
    assert ids("--where", "score=3") == [d["id"] for d in docs if d["score"] == 3]

    def overlaps(date: str | None, low: str, high: str) -> bool:
        if date is None:
            return False
        start = date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date
        end = {4: date + "-12-31", 7: date + "-30", 10: date}[len(date)]  # June, Feb: see below
        if len(date) == 7:
            end = date + ("-28" if date.endswith("-02") else "-30")
        return end >= low and start <= high

    for since, until, low, high in (
        ("2021-06", "2021-06", "2021-06-01", "2021-06-30"),
        ("2021-07", "2022", "2021-07-01", "2022-12-31"),
        ("2022-02-10", "2022-02-20", "2022-02-10", "2022-02-20"),
    ):
        want = [d["id"] for d in docs if overlaps(d["date"], low, high)]
        assert ids("--since", since, "--until", until) == want, (since, until)


def test_national_documents_show_null_and_are_never_selected_by_place(
    generated: tuple[Path, list[dict[str, Any]]], run: Run
) -> None:
    corpus, docs = generated
    national = [d["id"] for d in docs if place_of(d) is None]
    records = jsonl(run(*user(corpus, "filter")))
    assert [r["id"] for r in records if r["province"] is None] == national
    assert all(r["region"] is None and r["code"] is None for r in records if r["id"] in national)
    every_place = [
        row[0]
        for row in tsv(
            run(
                *user(
                    corpus,
                    "list",
                    "--division",
                    "province",
                    "--division",
                    "municipality",
                    "--division",
                    "autonomous_region",
                )
            )
        )
    ]
    assert not set(every_place) & set(national)
    assert {r["province"] for r in records} - {None} <= set(NAMES.values())


def test_an_unknown_where_key_is_an_error_naming_the_keys(
    generated: tuple[Path, list[dict[str, Any]]], run: Run
) -> None:
    corpus, _ = generated
    line = assert_one_error_line(run(*user(corpus, "list", "--where", "bach=b1"), status=2))
    assert "no record has a field 'bach'; did you mean batch?" in line
    assert "KEY=VALUE" in assert_one_error_line(
        run(*user(corpus, "list", "--where", "x"), status=2)
    )


def test_the_card_counts_the_sources_and_the_records(
    generated: tuple[Path, list[dict[str, Any]]], run: Run
) -> None:
    corpus, docs = generated
    card = json.loads(run(*user(corpus, "info", "--json")).stdout)
    source = corpus.parent / "docs.jsonl"
    assert card["sources"] == [
        {
            "file": str(source),
            "format": "jsonl",
            "bytes": source.stat().st_size,
            "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            "records": len(docs),
        }
    ]
    assert card["records"] == len(docs)
    assert card["paragraphs"] == sum(len(d["paragraphs"]) for d in docs)
    assert card["characters"] == sum(len(p) for d in docs for p in d["paragraphs"])
    assert card["national"] == sum(place_of(d) is None for d in docs)
    assert card["undated"] == sum(d["date"] is None for d in docs)
    assert card["script"] == "simplified" and card["tool"]["name"] == "shuangtan"
    table = run(*user(corpus, "info", "--format", "table")).stdout
    assert card["sources"][0]["sha256"] in table


def test_show_takes_an_id_or_a_number(
    generated: tuple[Path, list[dict[str, Any]]], run: Run
) -> None:
    corpus, docs = generated
    first = jsonl(run(*user(corpus, "show", "doc-3", "1", "--format", "jsonl")))
    assert [r["id"] for r in first] == ["doc-3", "doc-0"]
    assert "numbers run from 1 to 60" in assert_one_error_line(
        run(*user(corpus, "show", "61"), status=2)
    )
    assert "no record 'hebei'" in assert_one_error_line(
        run(*user(corpus, "show", "hebei"), status=2)
    )


def test_the_environment_variable_names_the_corpus_too(
    generated: tuple[Path, list[dict[str, Any]]], run: Run
) -> None:
    corpus, _ = generated
    by_option = run(*user(corpus, "list")).stdout
    assert run("list", env={"SHUANGTAN_CORPUS": str(corpus)}).stdout == by_option
    assert run("list", env={"SHUANGTAN_CORPUS": ""}).stdout == run("list").stdout
    line = assert_one_error_line(run("--corpus", str(corpus / "nope"), "list", status=2))
    assert line == f"Error: no corpus at {corpus / 'nope'}: import one with shuangtan import"
    assert "is not a corpus" in assert_one_error_line(run("--corpus", str(DATA), "list", status=2))


def test_show_completes_the_corpus_ids(generated: tuple[Path, list[dict[str, Any]]]) -> None:
    corpus, docs = generated
    env = clean_env(
        _SHUANGTAN_COMPLETE="bash_complete",
        COMP_WORDS=f"shuangtan --corpus {corpus} show doc-1",
        COMP_CWORD="4",
    )
    done = run_process(env=env)
    offered = [line.split(",", 1)[1] for line in done.stdout.decode().splitlines()]
    assert offered == sorted(d["id"] for d in docs if d["id"].startswith("doc-1"))


# --- scripts -------------------------------------------------------------------------------


def test_text_is_shown_as_written_unless_a_script_is_asked_for(traditional: Path, run: Run) -> None:
    written = jsonl(run(*user(traditional, "filter", "--province", "京")))[0]["paragraphs"]
    simplified = jsonl(run(*user(traditional, "filter", "--province", "京", "-s", "s")))[0]
    assert written == [r["paragraphs"] for r in jsonl(run("filter", "--province", "京"))][0]
    assert simplified["paragraphs"] == [to_simplified(p) for p in written]
    assert simplified["province"] == "北京市" and simplified["speaker"] == "蔡奇"
    # SHUANGTAN_SCRIPT still chooses; --script original overrides it
    env = {"SHUANGTAN_SCRIPT": "simplified"}
    assert jsonl(run(*user(traditional, "filter", "-p", "京"), env=env))[0] == simplified
    again = jsonl(run(*user(traditional, "filter", "-p", "京", "-s", "original"), env=env))[0]
    assert again["paragraphs"] == written


def test_offsets_follow_a_conversion_that_changes_lengths(
    generated: tuple[Path, list[dict[str, Any]]], run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A made-up rendering that writes 碳 as two other characters, 炭素: every hit's
    offsets must still pick the whole rendered match out of the text as shown."""
    from shuangtan_cli import script

    real = script.from_simplified

    def doubling(text: str, target: script.Script) -> str:
        return real(text, target).replace("碳", "炭素")

    monkeypatch.setattr(script, "from_simplified", doubling)
    corpus, docs = generated
    hits = json.loads(run(*user(corpus, "grep", "低碳", "--json", "-s", "t")).stdout)
    assert len(hits) == sum(count(p, "低碳") for d in docs for p in d["paragraphs"])
    for hit in hits:
        assert hit["text"][hit["start"] : hit["end"]] == hit["match"] == "低炭素"
        assert hit["context"] == hit["text"][hit["context_start"] :][: len(hit["context"])]


# --- the bundled corpus stays light ---------------------------------------------------------


def test_the_bundled_corpus_never_loads_the_store() -> None:
    code = (
        "import sys\n"
        "from shuangtan_cli.cli import cli\n"
        "for args in (['list', '--json'], ['grep', '兩高', '-c'], ['show', '1']):\n"
        "    try:\n"
        "        cli(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "loaded = [m for m in ('sqlite3', 'mmap', 'shuangtan_cli.store', 'shuangtan_cli.stored')"
        " if m in sys.modules]\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=clean_env(),
        check=True,
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("script", [None, "simplified", "traditional", "hk"])
def test_rows_read_fast_are_the_records_fields(
    generated: tuple[Path, list[dict[str, Any]]], traditional: Path, script: str | None
) -> None:
    from shuangtan_cli.script import Script
    from shuangtan_cli.stored import _FAST, StoredCorpus

    fields = sorted(_FAST)
    for directory in (generated[0], traditional):
        corpus = StoredCorpus(directory, Script(script) if script else None)
        positions = list(range(len(corpus)))[::-1]
        slow = [record.to_dict(fields) for record in corpus.records(positions)]
        assert corpus.rows(positions, fields) == slow


ANALYSES = [
    ["kwic", "兩高"],
    ["kwic", "碳(达峰|中和)", "--json"],
    ["freq", "兩高", "--by", "province"],
    ["freq", "碳汇", "--by", "year", "--json"],
    ["ngrams", "-n", "2"],
    ["keywords", "--province", "冀"],
    ["collocates", "碳汇"],
    ["plot", "兩高"],
]


@pytest.mark.parametrize("args", ANALYSES, ids=[" ".join(a) for a in ANALYSES])
def test_the_analysis_commands_read_a_user_corpus_as_the_bundled_one(
    traditional: Path, run: Run, args: list[str]
) -> None:
    """The bundled Traditional text as a user corpus: every analysis prints the same."""
    assert run(*user(traditional, *args)).stdout == run(*args).stdout


def test_cite_on_a_user_corpus_names_the_record_and_its_source(traditional: Path, run: Run) -> None:
    out = run(*user(traditional, "cite", "hebei:1:238-240")).stdout.splitlines()
    assert out[0] == run("cite", "hebei:1:238-240").stdout.splitlines()[0]  # the quotation
    source = DATA / "speeches.traditional.jsonl"
    assert out[1] == (
        "王東峰 (河北省委書記, 河北省), 主持召開省碳達峰碳中和工作領導小組會議, 2022-03-18. "
        f"In {source}, line 14."
    )


def test_a_long_scan_shows_progress_at_a_terminal_only(
    generated: tuple[Path, list[dict[str, Any]]], run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from shuangtan_cli import stored
    from shuangtan_cli.output import Environment

    monkeypatch.setattr(stored, "LONG_SCAN", 0)  # every scan is long here
    corpus, _ = generated
    stderr = io.StringIO()
    terminal = Environment(stderr=stderr, stderr_is_terminal=True, width=100)
    shown = run(*user(corpus, "grep", "碳", "--format", "text"), terminal=terminal).stdout
    assert "searching" in stderr.getvalue()
    quiet = io.StringIO()
    plain = run(*user(corpus, "grep", "碳", "--format", "text"), terminal=Environment(stderr=quiet))
    assert quiet.getvalue() == "" and plain.stdout == shown


def test_where_an_empty_value_is_null_or_empty_and_absent_is_neither(
    tmp_path: Path, run: Run
) -> None:
    docs = [
        {"id": "null", "text": "碳", "note": None},
        {"id": "empty", "text": "碳", "note": ""},
        {"id": "absent", "text": "碳"},
        {"id": "set", "text": "碳", "note": "ok"},
        {"id": "number", "text": "碳", "note": 2021},
    ]
    corpus = import_corpus([write_jsonl(tmp_path / "d.jsonl", docs)], tmp_path / "c")

    def ids(*where: str) -> list[str]:
        args = [arg for pair in where for arg in ("--where", pair)]
        found = run(*user(corpus, "list", *args))
        return [row[0] for row in tsv(found)]

    assert ids("note=") == ["null", "empty"]
    assert ids("note=ok") == ["set"] and ids("note=2021") == ["number"]


def test_where_on_the_bundled_corpus_names_its_fields(run: Run) -> None:
    from helpers import ids_where

    found = [row[0] for row in tsv(run("list", "--where", "division=municipality"))]
    assert found == ids_where(lambda r: r["division"] == "municipality", "traditional")
    line = assert_one_error_line(run("list", "--where", "divison=x", status=2))
    assert "no field 'divison'; did you mean division?" in line
