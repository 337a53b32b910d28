#!/usr/bin/env python3
"""Candidate engines for the store, measured on one generated corpus before choosing.

Every engine gets the same input, the folded (Simplified) text of each record
with its province, taken from a store already built from the corpus (so the
fold, which every engine needs and which costs the same for all, is left out
of "load"; bench/scale/run.py times the whole build of the chosen store).
For each: load time (MB/s of source JSON Lines), size on disk against the
source, open time, and the time of five queries in the process (best of
three): a rare term, a frequent term, the regex 碳(达峰|中和) (as its literal
set, the same for all), a one-character term, and selection by province;
each count is checked against the generator's sidecar.  Each engine runs in a
fresh process, whose peak memory is reported.

Engines (optional ones are skipped when not installed):

* ``sqlite-docs``: stdlib sqlite3 holding documents and metadata, with the
  bigram index in a table (the chosen store's grams table, copied); the
  candidates are verified by fetching their rows.  Also its SQL-only scan
  (``replace``/``length`` in SQLite's own C code, no index).
* ``flat-mmap``: the folded text as one file with offsets, mmap and
  ``bytes.count`` over every record (no index).
* ``hybrid``: the chosen store (sqlite3 metadata and index, mmap'd text).
* ``duckdb``: a table with a scan per query (``contains``, ``replace``).
* ``sqlean-fts5``: sqlean.py's current SQLite, an FTS5 trigram index;
  ``MATCH`` for three characters or more, ``LIKE`` below.

Usage::

    python bench/scale/engines.py --store /tmp/shuangtan-scale/store-100MB \\
        --source /tmp/shuangtan-scale/corpus-100MB.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

RARE = "碳关税"
FREQUENT = "两高"
ONE = "氨"
LITERALS = ("碳中和", "碳达峰")  # the regex 碳(达峰|中和), as the set of its literals
PROVINCE = "hebei"


def best(function: Callable[[], Any], times: int = 3) -> tuple[float, Any]:
    result = None
    elapsed = []
    for _ in range(times):
        start = time.perf_counter()
        result = function()
        elapsed.append(time.perf_counter() - start)
    return min(elapsed), result


def totals(rows: list[tuple[int, int]]) -> list[int]:
    return [sum(n for _, n in rows), len(rows)]


def folded_records(store_dir: str) -> list[tuple[int, str | None, str]]:
    from shuangtan_cli.store import open_store

    store = open_store(store_dir)
    provinces = dict(store._db.execute("SELECT seq - 1, province FROM records"))
    return [
        (ordinal, provinces[ordinal], "\x1f".join(paragraphs))
        for chunk in store.iter_folded()
        for ordinal, paragraphs in chunk
    ]


def engine_sqlite_docs(store_dir: str, work: str) -> dict[str, Any]:
    import sqlite3

    from shuangtan_cli.store import _format as F
    from shuangtan_cli.store import open_store

    records = folded_records(store_dir)
    path = os.path.join(work, "docs.sqlite")
    start = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE TABLE docs (seq INTEGER PRIMARY KEY, province TEXT, folded TEXT);"
    )
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", records)
    db.execute("CREATE INDEX docs_province ON docs (province)")
    load = time.perf_counter() - start
    db.execute("ATTACH ? AS store", (os.path.join(store_dir, F.DATABASE),))
    db.execute("CREATE TABLE grams AS SELECT * FROM store.grams")
    db.commit()
    db.execute("DETACH store")
    db.close()
    del records
    start = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("SELECT 1 FROM docs LIMIT 1").fetchone()
    opened = time.perf_counter() - start
    index = open_store(store_dir)  # only for its posting-list decoder and planner

    def indexed(literal: str) -> list[tuple[int, int]]:
        out = []
        for ordinal in index.candidates(literal) or range(len(index)):
            (text,) = db.execute("SELECT folded FROM docs WHERE seq = ?", (ordinal,)).fetchone()
            n = text.count(literal)
            if n:
                out.append((ordinal, n))
        return out

    def sql_scan(literals: tuple[str, ...]) -> list[tuple[int, int]]:
        terms = " + ".join(
            "(length(folded) - length(replace(folded, ?, ''))) / length(?)" for _ in literals
        )
        params = [x for literal in literals for x in (literal, literal)]
        return db.execute(
            f"SELECT seq, {terms} AS n FROM docs WHERE n > 0 ORDER BY seq", params
        ).fetchall()

    queries = {
        "rare": lambda: indexed(RARE),
        "frequent": lambda: indexed(FREQUENT),
        "one": lambda: indexed(ONE),
        "regex": lambda: sql_scan(LITERALS),
        "rare, SQL scan": lambda: sql_scan((RARE,)),
        "frequent, SQL scan": lambda: sql_scan((FREQUENT,)),
        "province": lambda: db.execute(
            "SELECT seq FROM docs WHERE province = ?", (PROVINCE,)
        ).fetchall(),
    }
    return {"load_s": load, "open_s": opened, "bytes": os.path.getsize(path), "q": queries}


def engine_flat_mmap(store_dir: str, work: str) -> dict[str, Any]:
    from array import array

    records = folded_records(store_dir)
    text_path = os.path.join(work, "folded.txt")
    start = time.perf_counter()
    offsets = array("Q", [0])
    with open(text_path, "wb") as file:
        for _, _, text in records:
            encoded = (text + "\x1e").encode("utf-8")
            file.write(encoded)
            offsets.append(offsets[-1] + len(encoded))
    with open(text_path + ".off", "wb") as file:
        offsets.tofile(file)
    load = time.perf_counter() - start
    del records, offsets
    import mmap

    start = time.perf_counter()
    with open(text_path, "rb") as text_file:
        data = mmap.mmap(text_file.fileno(), 0, access=mmap.ACCESS_READ)
    with open(text_path + ".off", "rb") as offsets_file:
        off = memoryview(mmap.mmap(offsets_file.fileno(), 0, access=mmap.ACCESS_READ)).cast("Q")
    opened = time.perf_counter() - start

    def scan(literals: tuple[str, ...]) -> list[tuple[int, int]]:
        needles = [literal.encode() for literal in literals]
        out = []
        for ordinal in range(len(off) - 1):
            text = data[off[ordinal] : off[ordinal + 1]]
            n = sum(text.count(needle) for needle in needles)
            if n:
                out.append((ordinal, n))
        return out

    def find_all(needle: bytes) -> int:
        n = 0
        position = data.find(needle)
        while position >= 0:
            n += 1
            position = data.find(needle, position + len(needle))
        return n

    size = os.path.getsize(text_path) + os.path.getsize(text_path + ".off")
    queries = {
        "rare": lambda: scan((RARE,)),
        "frequent": lambda: scan((FREQUENT,)),
        "one": lambda: scan((ONE,)),
        "regex": lambda: scan(LITERALS),
        "whole-file mmap.find of the rare term": lambda: [(0, find_all(RARE.encode()))],
    }
    return {"load_s": load, "open_s": opened, "bytes": size, "q": queries}


def engine_hybrid(store_dir: str, work: str) -> dict[str, Any]:
    start = time.perf_counter()
    from shuangtan_cli.store import _format as F
    from shuangtan_cli.store import open_store

    store = open_store(store_dir)
    opened = time.perf_counter() - start
    size = sum(os.path.getsize(os.path.join(store_dir, name)) for name in F.FILES)
    queries = {
        "rare": lambda: store.count(RARE),
        "frequent": lambda: store.count(FREQUENT),
        "one": lambda: store.count(ONE),
        "regex": lambda: store.count("碳(达峰|中和)", regex=True),
        "province": lambda: store.select(provinces=[PROVINCE]),
    }
    return {"load_s": None, "open_s": opened, "bytes": size, "q": queries}


def engine_duckdb(store_dir: str, work: str) -> dict[str, Any]:
    import importlib

    start = time.perf_counter()
    duckdb: Any = importlib.import_module("duckdb")  # optional: not a dependency
    imported = time.perf_counter() - start
    records = folded_records(store_dir)
    staging = os.path.join(work, "docs.jsonl")
    with open(staging, "w", encoding="utf-8") as file:
        for ordinal, province, text in records:
            row = {"seq": ordinal, "province": province, "folded": text}
            file.write(json.dumps(row, ensure_ascii=False) + "\n")
    del records
    path = os.path.join(work, "docs.duckdb")
    start = time.perf_counter()
    db = duckdb.connect(path)
    db.execute(
        "CREATE TABLE docs AS SELECT * FROM read_json(?, format = 'newline_delimited', "
        "columns = {seq: 'BIGINT', province: 'VARCHAR', folded: 'VARCHAR'})",
        [staging],
    )
    db.close()
    load = time.perf_counter() - start
    start = time.perf_counter()
    db = duckdb.connect(path, read_only=True)
    opened = time.perf_counter() - start + imported

    def scan(literals: tuple[str, ...]) -> list[tuple[int, int]]:
        terms = " + ".join(
            "(length(folded) - length(replace(folded, ?, ''))) // length(?)" for _ in literals
        )
        params = [x for literal in literals for x in (literal, literal)]
        rows: list[tuple[int, int]] = db.execute(
            f"SELECT seq, n FROM (SELECT seq, {terms} AS n FROM docs) WHERE n > 0 ORDER BY seq",
            params,
        ).fetchall()
        return rows

    queries = {
        "rare": lambda: scan((RARE,)),
        "frequent": lambda: scan((FREQUENT,)),
        "one": lambda: scan((ONE,)),
        "regex": lambda: scan(LITERALS),
        "province": lambda: db.execute(
            "SELECT seq FROM docs WHERE province = ?", [PROVINCE]
        ).fetchall(),
    }
    return {
        "load_s": load,
        "open_s": opened,
        "import_s": imported,
        "bytes": os.path.getsize(path),
        "q": queries,
    }


def engine_sqlean_fts5(store_dir: str, work: str) -> dict[str, Any]:
    import importlib

    sqlean: Any = importlib.import_module("sqlean")  # optional: not a dependency
    records = folded_records(store_dir)
    path = os.path.join(work, "fts.sqlite")
    start = time.perf_counter()
    db = sqlean.connect(path)
    db.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE VIRTUAL TABLE docs USING fts5(folded, tokenize = 'trigram');"
    )
    db.executemany(
        "INSERT INTO docs (rowid, folded) VALUES (?, ?)", [(o, t) for o, _, t in records]
    )
    db.commit()
    load = time.perf_counter() - start
    del records
    start = time.perf_counter()
    db = sqlean.connect(path)
    opened = time.perf_counter() - start

    def fts(literal: str) -> list[tuple[int, int]]:
        if len(literal) >= 3:
            sql = "SELECT rowid, folded FROM docs WHERE docs MATCH ? ORDER BY rowid"
            param = '"' + literal + '"'
        else:
            sql = "SELECT rowid, folded FROM docs WHERE folded LIKE ? ORDER BY rowid"
            param = f"%{literal}%"
        return [(o, t.count(literal)) for o, t in db.execute(sql, (param,)) if t.count(literal)]

    queries = {
        "rare": lambda: fts(RARE),
        "frequent": lambda: fts(FREQUENT),
        "one": lambda: fts(ONE),
    }
    return {
        "load_s": load,
        "open_s": opened,
        "bytes": os.path.getsize(path),
        "q": queries,
        "sqlite": sqlean.sqlite_version,
    }


ENGINES: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "hybrid": engine_hybrid,
    "sqlite-docs": engine_sqlite_docs,
    "flat-mmap": engine_flat_mmap,
    "duckdb": engine_duckdb,
    "sqlean-fts5": engine_sqlean_fts5,
}


def run_engine(name: str, store_dir: str, sidecar: dict[str, Any]) -> dict[str, Any]:
    import resource

    work = tempfile.mkdtemp(prefix=f"engine-{name}-", dir=os.path.dirname(store_dir))
    try:
        made = ENGINES[name](store_dir, work)
        expected = {
            "rare": sidecar["terms"][RARE],
            "frequent": sidecar["terms"][FREQUENT],
            "one": sidecar["terms"][ONE],
            "regex": sidecar["regex"],
        }
        out: dict[str, Any] = {k: v for k, v in made.items() if k != "q"}
        out["queries"] = {}
        for query, function in made["q"].items():
            seconds, result = best(function)
            got = totals(result) if query != "province" else [len(result), len(result)]
            entry: dict[str, Any] = {"s": seconds, "got": got}
            kind = query.split(",")[0]
            if kind in expected:
                want = [expected[kind]["occurrences"], expected[kind]["records"]]
                entry["right"] = got == want
            out["queries"][query] = entry
        out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a store built from --source")
    parser.add_argument("--source", required=True, help="the generated JSON Lines corpus")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sidecar = json.load(open(args.source + ".counts.json"))
    if args.one:
        print(json.dumps(run_engine(args.one, args.store, sidecar)))
        return 0
    source_mb = os.path.getsize(args.source) / 1e6
    if shutil.which("rg") and shutil.which("hyperfine"):
        from run import hyperfine

        baseline = hyperfine(
            {
                f"{tool} -c {term}": [tool, "-c", term, args.source]
                for tool in ("rg", "grep")
                for term in (RARE, FREQUENT, ONE)
            }
            | {
                "rg -c 碳(达峰|中和)": ["rg", "-c", "碳(达峰|中和)", args.source],
                "python -c pass": [sys.executable, "-c", "pass"],
            },
            runs=10,
        )
        for name, seconds in baseline.items():
            print(f"baseline {name}: {seconds * 1000:.1f} ms (whole process)")
    results: dict[str, Any] = {}
    for name in args.engines.split(","):
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--store",
                args.store,
                "--source",
                args.source,
                "--one",
                name,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            results[name] = {"error": done.stderr.strip().splitlines()[-1]}
            continue
        results[name] = json.loads(done.stdout)
    for name, r in results.items():
        if "error" in r:
            print(f"{name}: skipped ({r['error']})")
            continue
        load = f"{source_mb / r['load_s']:.0f} MB/s" if r.get("load_s") else "see run.py"
        print(
            f"{name}: load {load}, size {r['bytes'] / 1e6 / source_mb:.2f}x source, "
            f"open {r['open_s'] * 1000:.1f} ms, peak {r['peak_mb']:.0f} MB"
        )
        for query, q in r["queries"].items():
            right = "" if "right" not in q else (" right" if q["right"] else " WRONG")
            print(f"  {query}: {q['s'] * 1000:.1f} ms {q['got']}{right}")
    print(json.dumps(results, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
