"""``--words``: word units from rjieba (the ``words`` extra), and what each command loads.

The expected word counts are made here with rjieba itself, set up as the
documentation says (every spelling of the vocabulary added as a word), but
without shuangtan's tokenizer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import cache
from typing import Any

import pytest
from analysis_oracles import in_han_block, vocabulary
from helpers import ROOT, Run, assert_one_error_line, clean_env, records

rjieba = pytest.importorskip("rjieba")


def spellings() -> dict[str, str]:
    return {s: e["term"] for e in vocabulary() for s in (e["term"], *e.get("variants", []))}


@cache
def segmenter() -> Any:
    jieba = rjieba.Jieba()
    for spelling in spellings():
        jieba.add_word(spelling, None, None)
    return jieba


def words(text: str) -> list[str]:
    table = spellings()
    return [
        table.get(word, word)
        for word in segmenter().cut(text, True)
        if word in table or any(in_han_block(c) for c in word)
    ]


def word_counts(ids: set[str] | None = None) -> tuple[Counter[str], Counter[str]]:
    counts: Counter[str] = Counter()
    ranges: Counter[str] = Counter()
    for record in records():
        if ids is not None and record["id"] not in ids:
            continue
        found = [w for p in record["paragraphs"] for w in words(p)]
        counts.update(found)
        ranges.update(set(found))
    return counts, ranges


def test_ngrams_words_against_rjieba(run: Run) -> None:
    counts, ranges = word_counts()
    rows = json.loads(run("ngrams", "--words", "--top", "0", "--json", "-s", "s").stdout)
    units = sorted(counts, key=lambda u: (-counts[u], -ranges[u], u))
    assert rows == [{"ngram": u, "count": counts[u], "range": ranges[u]} for u in units]
    assert counts["碳中和"] == 68  # one word, not 碳/中/和


def test_keywords_words_count_word_tokens(run: Run) -> None:
    hebei, _ = word_counts({"hebei"})
    rest, _ = word_counts({r["id"] for r in records()} - {"hebei"})
    rows = json.loads(
        run("keywords", "-p", "hebei", "--words", "--json", "-s", "s", "--min-ll", "0").stdout
    )
    assert rows and all(
        (r["study_size"], r["ref_size"]) == (sum(hebei.values()), sum(rest.values())) for r in rows
    )
    assert all(r["study_count"] == hebei[r["ngram"]] for r in rows)


def test_collocates_words(run: Run) -> None:
    rows = json.loads(run("collocates", "碳汇", "--words", "--json", "-s", "s").stdout)
    counts, _ = word_counts()
    assert rows and all(r["collocate_count"] == counts[r["collocate"]] for r in rows)


def test_words_and_n_cannot_be_combined(run: Run) -> None:
    line = assert_one_error_line(run("ngrams", "--words", "-n", "3", status=2))
    assert "cannot go with --words" in line


def run_python(code: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=clean_env(), timeout=60, check=False
    )


@pytest.mark.parametrize("command", ["ngrams", "keywords -p hebei", "collocates 碳"])
def test_without_the_extra_one_error_line_says_how_to_install(command: str) -> None:
    code = (
        "import sys\n"
        "sys.modules['rjieba'] = None  # as if it were not installed\n"
        f"sys.argv = ['shuangtan', *{command.split()!r}, '--words']\n"
        "from shuangtan_cli.cli import main\n"
        "main()\n"
    )
    done = run_python(code)
    assert done.returncode == 2
    line = assert_one_error_line(done)
    assert "pip install 'shuangtan[words]'" in line


def loaded_by(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from shuangtan_cli.cli import cli\n"
        "try:\n"
        f"    cli({list(args)!r}, prog_name='shuangtan')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
    )
    return set(run_python(code).stderr.decode().split())


def test_only_words_imports_rjieba() -> None:
    assert "rjieba" in loaded_by("ngrams", "--words", "--json")
    for args in (("ngrams", "--json"), ("keywords", "-p", "hebei", "--json"), ("freq", "碳")):
        assert "rjieba" not in loaded_by(*args), args


def test_kwic_and_freq_in_json_load_neither_rich_regex_nor_opencc() -> None:
    """The commands with the tightest start-up targets import only what they use."""
    for args in (("kwic", "兩高", "--json"), ("freq", "兩高", "--by", "province", "--json")):
        found = loaded_by(*args)
        for heavy in ("rich", "regex", "opencc", "shuangtan_cli.render"):
            assert heavy not in found, (args, heavy)
    assert "rich" in loaded_by("kwic", "兩高", "--format", "table")


def test_the_extra_is_declared() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    extras = text.split("[project.optional-dependencies]")[1].split("\n[")[0]
    assert 'words = ["rjieba>=0.2.2"]' in extras.splitlines()
    dependencies = text.split("dependencies = [")[1].split("]")[0]
    assert "rjieba" not in dependencies


def test_help_of_words_says_how_to_install(run: Run) -> None:
    assert "shuangtan[words]" in run("ngrams", "--help").stdout
