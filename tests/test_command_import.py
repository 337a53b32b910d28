"""``shuangtan import``: every input format and every error, through the real command."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from corpus_helpers import NAMES, documents, place_of, write_jsonl
from helpers import Run, assert_one_error_line, installed_shuangtan, jsonl, run_process, tsv

from shuangtan_cli.output import Environment


def files_of(directory: Path) -> dict[str, str]:
    """Every file of a corpus and the SHA-256 of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def test_jsonl_imports_and_every_command_reads_it(tmp_path: Path, run: Run) -> None:
    docs = documents(1, 40)
    source = write_jsonl(tmp_path / "docs.jsonl", docs)
    result = run("import", str(source), "-o", str(tmp_path / "c"))
    assert result.stderr == ""  # silent in a pipe: no progress bar
    assert f"Imported {len(docs)} records from 1 source" in result.stdout
    assert "made-up ids  0" in result.stdout
    rows = tsv(run("--corpus", str(tmp_path / "c"), "list"))
    assert [row[0] for row in rows] == [d["id"] for d in docs]
    expected_provinces = [NAMES.get(place_of(d) or "", "") for d in docs]
    assert [row[2] for row in rows] == expected_provinces  # national: empty


def test_csv_tsv_and_text_folders_import(tmp_path: Path, run: Run) -> None:
    import csv

    docs = documents(2, 6)
    with (tmp_path / "a.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "province", "text", "batch"])
        for d in docs[:3]:
            writer.writerow([d["id"], d["province"], "\n\n".join(d["paragraphs"]), d["batch"]])
    with (tmp_path / "b.tsv").open("w", encoding="utf-8", newline="") as out:
        out.write("id\tparagraphs\n")
        for d in docs[3:5]:
            out.write(f"{d['id']}\t{json.dumps(d['paragraphs'], ensure_ascii=False)}\n")
    folder = tmp_path / "texts" / "2021"
    folder.mkdir(parents=True)
    header = "title: 工作报告\nprovince: 冀\ndate: 2021-05\n\n"
    (folder / "one.txt").write_text(header + "\n\n".join(docs[5]["paragraphs"]), "utf-8")
    (folder / "two.md").write_text(
        "---\nspeaker: 王东峰\n---\n" + docs[0]["paragraphs"][0], "utf-8"
    )
    (folder / "skipped.json").write_text("{}", "utf-8")
    result = run(
        "import",
        str(tmp_path / "a.csv"),
        str(tmp_path / "b.tsv"),
        str(tmp_path / "texts"),
        "-o",
        str(tmp_path / "c"),
    )
    assert "made-up ids  2" in result.stdout and "skipped      1 files" in result.stdout
    records = jsonl(run("--corpus", str(tmp_path / "c"), "filter"))
    assert [r["id"] for r in records] == [*(d["id"] for d in docs[:5]), "2021/one", "2021/two"]
    assert [r["paragraphs"] for r in records[:5]] == [d["paragraphs"] for d in docs[:5]]
    assert records[0]["meta"] == {"batch": docs[0]["batch"]}
    one = records[5]
    assert (one["title"], one["province"], one["date"], one["id_made"]) == (
        "工作报告",
        "河北省",
        "2021-05",
        True,
    )
    assert records[6]["speaker"] == "王东峰"
    assert records[6]["source"] == {"file": str(folder / "two.md"), "line": None}


def test_a_bom_crlf_and_blank_lines_are_accepted(tmp_path: Path, run: Run) -> None:
    lines = [json.dumps(d, ensure_ascii=False) for d in documents(3, 3)]
    data = b"\xef\xbb\xbf" + "\r\n\r\n".join(lines).encode() + b"\r\n\r\n"
    (tmp_path / "crlf.jsonl").write_bytes(data)
    run("import", str(tmp_path / "crlf.jsonl"), "-o", str(tmp_path / "c"))
    assert len(tsv(run("--corpus", str(tmp_path / "c"), "list"))) == 3


BAD = [
    ("bad.jsonl", b'{"id": "a", "text": "x"}\n{"id": "b", "text": \n', "bad.jsonl:2: not JSON"),
    (
        "bad.jsonl",
        b'{"id": "a", "text": "\xe7\xa2\xb3\xff"}\n',
        "bad.jsonl:1: not UTF-8",
    ),
    ("bad.jsonl", '{"id": "a", "paragraphs": "碳达峰"}\n'.encode(), "paragraphs: expected a list"),
    (
        "bad.jsonl",
        '{"id": "a", "province": "河比", "text": "碳"}\n'.encode(),
        "province: unknown province '河比'; did you mean 河南, 河北?",
    ),
    (
        "bad.jsonl",
        '{"id": "a", "date": "2021/5/1", "text": "碳"}\n'.encode(),
        "did you mean 2021-05-01?",
    ),
    (
        "bad.jsonl",
        '{"id": "a", "text": "碳"}\n{"id": "a", "text": "氢"}\n'.encode(),
        "bad.jsonl:2: id: duplicate id 'a'",
    ),
    ("bad.jsonl", b'{"id": "a", "text": "  "}\n', "text: empty"),
    ("bad.json", b"{}", "unknown format '.json'"),
    ("bad.csv", b"id,text\na,\n", "bad.csv:2: paragraphs: missing"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[m for _, _, m in BAD])
def test_each_problem_is_one_error_line_and_nothing_is_written(
    tmp_path: Path, run: Run, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    target = tmp_path / "c"
    result = run("import", str(tmp_path / name), "-o", str(target), status=2)
    line = assert_one_error_line(result)
    assert message in line and line.endswith("; nothing was imported")
    assert str(tmp_path / name) in line
    assert not target.exists() and list(tmp_path.iterdir()) == [tmp_path / name]


def test_not_utf8_names_the_byte_offset(tmp_path: Path, run: Run) -> None:
    (tmp_path / "bad.jsonl").write_bytes(b'{"text": "ok"}\n{"text": "\xff"}\n')
    line = assert_one_error_line(run("import", str(tmp_path / "bad.jsonl"), "--check", status=2))
    assert "bad.jsonl:2: not UTF-8" in line and "byte" in line


def test_many_problems_one_line_each_then_the_error_line(tmp_path: Path, run: Run) -> None:
    bad = [{"id": f"x{i}", "date": "2021-13", "text": "碳"} for i in range(5)]
    source = write_jsonl(tmp_path / "bad.jsonl", bad)
    result = run("import", str(source), "-o", str(tmp_path / "c"), "--max-errors", "3", status=2)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines[:3]] == [f"{source}:{i}" for i in (1, 2, 3)]
    assert all(": date: bad date '2021-13'" in line for line in lines[:3])
    assert lines[3:] == [
        "Error: 5 problems in the sources (the first 3 are listed); nothing was imported"
    ]
    assert not (tmp_path / "c").exists()
    every = run("import", str(source), "-o", str(tmp_path / "c"), status=2).stderr.splitlines()
    assert len(every) == 6 and every[-1].endswith("(listed above); nothing was imported")


def test_reimporting_gives_the_same_corpus_byte_for_byte(tmp_path: Path, run: Run) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(4, 30))
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    run("import", str(source), "-o", str(tmp_path / "a"), env=env)
    run("import", str(source), "-o", str(tmp_path / "b"), env=env)
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    run("import", str(source), "-o", str(tmp_path / "a"), env=env)  # replaces the corpus there
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    card = json.loads(run("--corpus", str(tmp_path / "a"), "info", "--json").stdout)
    assert card["imported"] == "2026-01-01T00:00:00Z"


def test_a_directory_that_is_not_a_corpus_is_never_replaced(tmp_path: Path, run: Run) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(5, 2))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", "utf-8")
    line = assert_one_error_line(run("import", str(source), "-o", str(tmp_path / "mine"), status=2))
    assert "is not a corpus; refusing to replace it" in line
    assert (tmp_path / "mine" / "notes.txt").read_text("utf-8") == "keep"


def test_check_writes_nothing_and_a_directory_is_required_otherwise(
    tmp_path: Path, run: Run
) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(6, 4))
    result = run("import", str(source), "--check")
    assert result.stdout.startswith("4 records in 1 source, no problems")
    assert list(tmp_path.iterdir()) == [source]
    assert "give -o DIR" in assert_one_error_line(run("import", str(source), status=2))


def test_a_progress_bar_at_a_terminal_only(tmp_path: Path, run: Run) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(7, 5))
    stderr = io.StringIO()
    terminal = Environment(stderr=stderr, stderr_is_terminal=True, width=100)
    run("import", str(source), "-o", str(tmp_path / "c"), terminal=terminal)
    assert "importing into" in stderr.getvalue()
    quiet = io.StringIO()
    run("import", str(source), "-o", str(tmp_path / "d"), terminal=Environment(stderr=quiet))
    assert quiet.getvalue() == ""


def test_the_installed_command_imports_and_reports(tmp_path: Path) -> None:
    docs = documents(8, 12)
    source = write_jsonl(tmp_path / "docs.jsonl", docs)
    done = run_process("import", str(source), "-o", str(tmp_path / "c"), cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    counted = run_process("--corpus", str(tmp_path / "c"), "grep", "碳", "-c", cwd=tmp_path)
    total = sum(int(line.split(b"\t")[-1]) for line in counted.stdout.splitlines())
    assert total == sum("".join(d["paragraphs"]).count("碳") for d in docs)
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "a", "text": "碳", "date": "x"}] * 2)
    failed = run_process("import", str(bad), "-o", str(tmp_path / "e"), cwd=tmp_path)
    lines = failed.stderr.decode("utf-8").splitlines()
    assert failed.returncode == 2 and failed.stdout == b""
    assert len(lines) == 4 and lines[-1].startswith("Error: 3 problems")
    assert installed_shuangtan().exists() and not (tmp_path / "e").exists()
