"""Loading a corpus directory other than the bundled one, as user corpora will be."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import shuangtan_cli as st
from shuangtan_cli import corpus as corpus_module

DATA = Path(__file__).resolve().parents[1] / "data"


def lines(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()]


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """A corpus of the first three records, with no renderings and no fold table."""
    text = (DATA / "speeches.jsonl").read_text("utf-8").splitlines(keepends=True)[:3]
    (tmp_path / "speeches.jsonl").write_text("".join(text), "utf-8")
    return tmp_path


def test_a_corpus_without_renderings_is_rendered_when_loaded(three: Path) -> None:
    corpus = st.load_corpus(st.Script.TRADITIONAL, three)
    assert [s.to_dict() for s in corpus] == lines("speeches.traditional.jsonl")[:3]
    assert [s.to_dict() for s in corpus.canonical] == lines("speeches.jsonl")[:3]


def test_search_works_without_a_fold_table(three: Path) -> None:
    corpus = st.load_corpus(st.Script.TRADITIONAL, three)
    hits = list(st.find_hits(corpus, range(len(corpus)), st.Matcher("實現", fold=corpus.fold)))
    assert {hit.match for hit in hits} == {"實現"}
    expected = sum(p.count("实现") for r in lines("speeches.jsonl")[:3] for p in r["paragraphs"])
    assert len(hits) == expected > 0


def test_a_shipped_rendering_is_used_as_it_is(three: Path) -> None:
    shutil.copy(DATA / "speeches.hk.jsonl", three / "speeches.hk.jsonl")
    with pytest.raises(st.ShuangtanError, match="does not match its corpus"):
        st.load_corpus(st.Script.HK, three).canonical  # noqa: B018  (31 records against 3)


def test_a_rendering_that_changes_the_length_is_refused(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def longer(record: dict[str, Any], script: st.Script) -> dict[str, Any]:
        return {**record, "paragraphs": [p + "。" for p in record["paragraphs"]]}

    monkeypatch.setattr(corpus_module, "render_record", longer)
    with pytest.raises(st.ShuangtanError, match="changes the length"):
        st.load_corpus(st.Script.TRADITIONAL, three)


def test_a_broken_corpus_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "speeches.jsonl").write_text('{"id": "x"}\nnot json\n', "utf-8")
    with pytest.raises(st.ShuangtanError, match=":2: not JSON"):
        st.load_corpus(st.Script.SIMPLIFIED, tmp_path)
    (tmp_path / "speeches.jsonl").write_text('{"id": "x"}\n', "utf-8")
    with pytest.raises(st.ShuangtanError, match="does not fit the schema"):
        st.load_corpus(st.Script.SIMPLIFIED, tmp_path)
    with pytest.raises(st.ShuangtanError, match="cannot read the corpus"):
        st.load_corpus(st.Script.SIMPLIFIED, tmp_path / "missing")
