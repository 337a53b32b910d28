"""``shuangtan info``: the corpus card in every format."""

from __future__ import annotations

import csv
import io
import json
import re

from helpers import ANSI, Run

import shuangtan_cli as st
from shuangtan_cli.output import Environment


def test_json_is_the_card(run: Run) -> None:
    card = json.loads(run("info", "--json").stdout)
    assert card == st.corpus_card(st.load_corpus(st.Script.TRADITIONAL))
    assert list(card) == list(st.CARD_FIELDS)
    simplified = json.loads(run("info", "--json", "-s", "simplified").stdout)
    assert "华北" in simplified["by_region"]


def test_text_is_one_field_a_line(run: Run) -> None:
    lines = run("info").stdout.splitlines()
    pairs = dict(line.split("\t") for line in lines)
    assert len(pairs) == len(lines)  # every line is name<TAB>value, every name once
    card = json.loads(run("info", "--json").stdout)
    assert pairs["records"] == "31" and pairs["source.sha256"] == card["source"]["sha256"]
    assert pairs["title"] == "" and pairs["source.url"] == ""  # null is empty
    assert pairs["by_division.province"] == "22"
    assert pairs["errata.E06.becomes"] == card["errata"][5]["becomes"]
    assert pairs["build.opencc"] == card["build"]["opencc"]
    assert pairs["errata.E02.was"] == card["errata"][1]["was"].replace("\n", " ")  # one line


def test_csv_and_jsonl(run: Run) -> None:
    rows = list(csv.reader(io.StringIO(run("info", "-f", "csv").stdout)))
    assert rows[0] == ["field", "value"]
    values = dict(rows[1:])
    assert values["errata.E02.was"] == json.loads(run("info", "--json").stdout)["errata"][1]["was"]
    (line,) = run("info", "-f", "jsonl").stdout.splitlines()
    assert json.loads(line) == json.loads(run("info", "--json").stdout)


def test_table_at_a_terminal(run: Run) -> None:
    terminal = Environment(is_terminal=True, width=100, height=500, environ={})
    out = ANSI.sub("", run("info", terminal=terminal).stdout)
    for heading in ("Corpus", "Source", "By division", "By region", "Cleaning", "Build"):
        assert f"\n{heading}\n" in f"\n{out}"
    assert "a6fa866fe9d249e3191ff165fd4520bd574986ac3ea99330fd6997f79c24d26c" in out
    assert "Erratum" in out and "E09" in out
    assert "None" not in out and not re.search(r"\{'[a-z_]+': ", out)  # no Python repr
