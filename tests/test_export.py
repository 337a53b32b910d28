"""``shuangtan export``: JSON Lines and CSV that import again, Parquet that DuckDB reads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import documents, import_corpus, write_jsonl
from helpers import Run, assert_one_error_line, jsonl, records


def same_records(run: Run, a: Path, b: Path) -> None:
    """Two corpora hold the same records (where each came from aside)."""

    def read(corpus: Path) -> list[dict[str, Any]]:
        rows = jsonl(run("--corpus", str(corpus), "filter"))
        for row in rows:
            row.pop("source")
        return rows

    assert read(a) == read(b)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    docs = documents(21, 25)
    docs[0]["paragraphs"][0] = "第一行\n第二行，碳达峰"  # a paragraph holding a line break
    docs[1]["note"] = None
    return import_corpus([write_jsonl(tmp_path / "docs.jsonl", docs)], tmp_path / "c"), docs


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_export_imports_again_as_the_same_corpus(
    tmp_path: Path, run: Run, corpus: tuple[Path, list[dict[str, Any]]], fmt: str
) -> None:
    source, _ = corpus
    path = tmp_path / f"out.{fmt}"
    run("--corpus", str(source), "export", "-f", fmt, "-o", str(path))
    again = import_corpus([path], tmp_path / "again")
    if fmt == "jsonl":
        same_records(run, source, again)
    else:  # CSV: every value comes back as text, and compares the same
        mine = jsonl(run("--corpus", str(again), "filter"))
        theirs = jsonl(run("--corpus", str(source), "filter"))
        assert [r["paragraphs"] for r in mine] == [r["paragraphs"] for r in theirs]
        assert [r["meta"]["score"] for r in mine] == [str(r["meta"]["score"]) for r in theirs]
        for key in ("batch=b2", "reviewed=true", "score=4"):
            found = [
                run("--corpus", str(corpus), "list", "--where", key).stdout.splitlines()
                for corpus in (again, source)
            ]
            assert [[line.split("\t")[0] for line in lines] for lines in found][0] == [
                line.split("\t")[0] for line in found[1]
            ]


def test_csv_keeps_the_paragraphs_as_a_json_array(
    run: Run, corpus: tuple[Path, list[dict[str, Any]]]
) -> None:
    source, docs = corpus
    text = run("--corpus", str(source), "export", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [json.loads(row["paragraphs"]) for row in rows] == [d["paragraphs"] for d in docs]
    assert list(rows[0])[:11] == [
        "id",
        "seq",
        "province",
        "date",
        "speaker",
        "speaker_title",
        "occasion",
        "title",
        "paragraphs",
        "length",
        "han_chars",
    ]
    assert list(rows[0])[11:] == ["batch", "note", "reviewed", "score"]


def test_one_row_per_paragraph(run: Run) -> None:
    out = jsonl(run("export", "--per", "paragraph", "--province", "河南"))
    henan = next(r for r in records("traditional") if r["id"] == "henan")
    assert [row["text"] for row in out] == henan["paragraphs"]
    assert [row["paragraph"] for row in out] == list(range(len(henan["paragraphs"])))
    assert [row["length"] for row in out] == [len(p) for p in henan["paragraphs"]]


def test_partitioned_csv_is_a_hive_tree(tmp_path: Path, run: Run) -> None:
    run("export", "-f", "csv", "--partition-by", "region,year", "-o", str(tmp_path / "p"))
    found = sorted(
        p.relative_to(tmp_path / "p").as_posix() for p in (tmp_path / "p").rglob("*.csv")
    )
    expected = sorted(
        {f"region={r['region']}/year={r['date'][:4]}/part-0.csv" for r in records("traditional")}
    )
    assert found == expected


def test_parquet_is_read_back_by_duckdb(tmp_path: Path, run: Run) -> None:
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    run("export", "-f", "parquet", "-o", str(tmp_path / "all.parquet"))
    run("export", "-f", "parquet", "--partition-by", "province,year", "-o", str(tmp_path / "p"))
    rows = duckdb.sql(
        f"SELECT id, province, paragraphs, length FROM '{tmp_path / 'all.parquet'}' ORDER BY seq"
    ).fetchall()
    bundled = records("traditional")
    assert rows == [(r["id"], r["province"], r["paragraphs"], r["length"]) for r in bundled]
    parts = duckdb.sql(
        f"SELECT province, year, count(*) FROM read_parquet('{tmp_path / 'p'}/**/*.parquet', "
        "hive_partitioning = true) GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    counted: dict[tuple[str, int], int] = {}
    for r in bundled:
        key = (r["province"], int(r["date"][:4]))
        counted[key] = counted.get(key, 0) + 1
    assert parts == sorted((*key, n) for key, n in counted.items())


def test_export_errors(tmp_path: Path, run: Run) -> None:
    assert "Parquet needs -o PATH" in assert_one_error_line(
        run("export", "-f", "parquet", status=2)
    )
    (tmp_path / "x.jsonl").write_text("keep", "utf-8")
    line = assert_one_error_line(run("export", "-o", str(tmp_path / "x.jsonl"), status=2))
    assert "exists already" in line and (tmp_path / "x.jsonl").read_text("utf-8") == "keep"
    assert "cannot partition by 'speaker'" in assert_one_error_line(
        run("export", "--partition-by", "speaker", "-o", str(tmp_path / "d"), status=2)
    )
    run("export", "--province", "冀", "--since", "2030", status=1)
