#!/usr/bin/env python3
"""The scale benchmark, through the real command line: ``shuangtan import`` each
generated corpus, then time ``shuangtan --corpus`` queries as whole processes
against ``rg -c`` and ``grep -c`` on the same JSON Lines file.

For each size (10MB, 100MB, 1GB): generate the corpus (or reuse it: the
generator is deterministic), run ``shuangtan import`` (wall time, MB/s of
source, store size / source size, peak memory of the command and of its
workers), check ``grep -c``'s counts against the generator's sidecar, then time
with hyperfine, in one run each so that load on the machine affects all alike:

* ``grep TERM -c`` for a rare term (碳关税, planted in 0.3% of records), a
  frequent one (两高, in about a fifth) and the regular expression
  碳(达峰|中和), against ``rg -c`` and ``grep -c``;
* the rare term typed in Traditional (碳關稅), folded by OpenCC first;
* ``kwic`` of the rare term;
* ``list --province 冀 --json`` on the user corpus against the same command on
  the bundled corpus.

Peak memory is each command's maximum resident set size (/usr/bin/time).
``bench/scale/query.py`` times the store alone, without the command line.
Usage::

    python bench/scale/run.py --sizes 10MB,100MB        # corpora under /tmp/shuangtan-scale
    python bench/scale/run.py --sizes 1GB --runs 5 --markdown
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
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from gen_corpus import generate, parse_size  # noqa: E402

RARE = "碳关税"
RARE_TRADITIONAL = "碳關稅"
FREQUENT = "两高"
REGEX = "碳(达峰|中和)"

#: The targets on a gigabyte, as ratios to rg -c (and MB/s, ratio, MB for build and memory).
TARGETS = {"rare": 1.0, "frequent": 3.0, "regex": 10.0}


def import_main(shuangtan: str, source: str, directory: str) -> None:
    """Run ``shuangtan import``; print its wall time, CPU and peak memory as JSON (the
    workers' too: they are the command's children, waited for)."""
    import resource

    start = time.perf_counter()
    done = subprocess.run(
        [shuangtan, "import", source, "-o", directory], capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import failed:\n{done.stderr}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "wall": wall,
                "rss_kb": children.ru_maxrss,
                "cpu_s": children.ru_utime + children.ru_stime,
                "summary": done.stdout,
            }
        )
    )


def du(directory: str) -> int:
    return sum(os.path.getsize(os.path.join(directory, name)) for name in os.listdir(directory))


def peak_kb(argv: list[str]) -> int:
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(done.stderr.strip().splitlines()[-1])


def hyperfine(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median seconds of each command, timed by hyperfine in one run, output to a pipe
    (GNU grep stops at the first match when its output is /dev/null)."""
    import shlex

    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        argv = ["hyperfine", "-N", "--warmup", "2", "--runs", str(runs), "--output", "pipe"]
        argv += ["--export-json", export.name, "--style", "none"]
        names = list(commands)
        for name in names:
            argv += ["-n", name, shlex.join(commands[name])]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        results = json.load(open(export.name))["results"]
    return {r["command"]: float(r["median"]) for r in results}


def check_counts(shuangtan: str, store: str, sidecar: dict[str, Any]) -> list[str]:
    """``grep -c``'s counts against the generator's, for every planted and natural term."""
    problems = []
    for term, expected in sidecar["terms"].items():
        done = subprocess.run(
            [shuangtan, "--corpus", store, "grep", term, "-c"],
            capture_output=True,
            text=True,
        )
        rows = [line.split("\t") for line in done.stdout.splitlines()]
        got = (sum(int(row[-1]) for row in rows), len(rows))
        if got != (expected["occurrences"], expected["records"]):
            problems.append(f"{term}: grep -c {got}, generator {expected}")
    return problems


def run_size(size_text: str, args: argparse.Namespace) -> dict[str, Any]:
    python = sys.executable
    size = parse_size(size_text)
    os.makedirs(args.dir, exist_ok=True)
    source = os.path.join(args.dir, f"corpus-{size_text}.jsonl")
    sidecar_path = source + ".counts.json"
    sidecar: dict[str, Any] | None = None
    if os.path.exists(sidecar_path):
        sidecar = json.load(open(sidecar_path))
        if sidecar.get("size") != size or sidecar.get("seed") != args.seed:
            sidecar = None
    if sidecar is None or not os.path.exists(source):
        print(f"generating {source}", file=sys.stderr)
        sidecar = generate(args.seed, size, source)
    store = os.path.join(args.dir, f"corpus-{size_text}")
    shutil.rmtree(store, ignore_errors=True)
    shuangtan = os.path.join(os.path.dirname(python), "shuangtan")
    load_before = os.getloadavg()[0]
    print(f"importing {store}", file=sys.stderr)
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", python, __file__, "--import", source, store],
        capture_output=True,
        text=True,
        check=True,
    )
    built = json.loads(done.stdout)
    source_bytes = os.path.getsize(source)
    result: dict[str, Any] = {
        "size": size_text,
        "source_bytes": source_bytes,
        "records": sidecar["records"],
        "build_s": built["wall"],
        "build_mb_s": source_bytes / 1e6 / built["wall"],
        "store_ratio": du(store) / source_bytes,
        "build_peak_mb": built["rss_kb"] / 1024,
        "build_cpu_s": built["cpu_s"],
        "load_at_build": load_before,
        "load_after_build": os.getloadavg()[0],
    }
    result["count_problems"] = check_counts(shuangtan, store, sidecar)
    user = [shuangtan, "--corpus", store]
    commands = {
        "grep rare -c": [*user, "grep", RARE, "-c"],
        "rg -c rare": ["rg", "-c", RARE, source],
        "grep -c rare": ["grep", "-c", RARE, source],
        "grep frequent -c": [*user, "grep", FREQUENT, "-c"],
        "rg -c frequent": ["rg", "-c", FREQUENT, source],
        "grep -c frequent": ["grep", "-c", FREQUENT, source],
        "grep regex -c": [*user, "grep", REGEX, "-c"],
        "rg -c regex": ["rg", "-c", REGEX, source],
        "grep -c regex": ["grep", "-cE", REGEX, source],
        "grep rare -c, typed in Traditional": [*user, "grep", RARE_TRADITIONAL, "-c"],
        "kwic rare": [*user, "kwic", RARE],
        "list --province 冀 --json": [*user, "list", "--province", "冀", "--json"],
        "bundled list --province 冀 --json": [shuangtan, "list", "--province", "冀", "--json"],
        'python -c "import click"': [python, "-c", "import click"],
    }
    result["load_before_queries"] = os.getloadavg()[0]
    result["median_s"] = hyperfine(commands, args.runs)
    result["load_after_queries"] = os.getloadavg()[0]
    result["peak_mb"] = {name: peak_kb(argv) / 1024 for name, argv in commands.items()}
    medians = result["median_s"]
    result["ratios"] = {
        kind: medians[f"grep {kind} -c"] / medians[f"rg -c {kind}"]
        for kind in ("rare", "frequent", "regex")
    }
    result["ratios"]["list"] = (
        medians["list --province 冀 --json"] / medians["bundled list --province 冀 --json"]
    )
    return result


def markdown(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        lines.append(
            f"### {r['size']} ({r['source_bytes'] / 1e6:.0f} MB, {r['records']:,} records)\n"
        )
        lines.append(
            f"`shuangtan import`: {r['build_s']:.1f} s, **{r['build_mb_s']:.1f} MB/s**; the "
            f"corpus **{r['store_ratio']:.2f}×** the source; peak memory "
            f"{r['build_peak_mb']:.0f} MB (the command or a worker); CPU "
            f"{r['build_cpu_s']:.1f} s (command and workers); load average "
            f"{r['load_at_build']:.1f} before, {r['load_after_build']:.1f} after. "
            "`grep -c` against the generator's counts: "
            f"{'all equal' if not r['count_problems'] else '; '.join(r['count_problems'])}.\n"
        )
        lines.append("| command | median | ratio | peak memory |")
        lines.append("|---|---:|---:|---:|")
        medians = r["median_s"]
        for name, seconds in medians.items():
            kind = next((k for k in ("rare", "frequent", "regex") if k in name.split()), None)
            ratio = ""
            if kind and "Traditional" not in name and not name.startswith("kwic"):
                ratio = f"{seconds / medians[f'rg -c {kind}']:.2f}×"
                if name.startswith("grep ") and name.endswith(" -c"):
                    ratio = f"**{ratio}** (target ≤ {TARGETS[kind]:g}×)"
            elif name == "list --province 冀 --json":
                ratio = f"**{r['ratios']['list']:.2f}×** the bundled (target ≤ 2×)"
            lines.append(
                f"| `{name}` | {seconds * 1000:.1f} ms | {ratio} | {r['peak_mb'][name]:.0f} MB |"
            )
        lines.append(
            f"\nRatios of `grep` are to `rg -c` on the JSON Lines file in the same run. Load "
            f"average {r['load_before_queries']:.1f} before the queries, "
            f"{r['load_after_queries']:.1f} after.\n"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10MB,100MB")
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "shuangtan-scale"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown report")
    parser.add_argument("--import", dest="source_store", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.source_store:
        shuangtan = os.path.join(os.path.dirname(sys.executable), "shuangtan")
        import_main(shuangtan, *args.source_store)
        return 0
    for tool in ("rg", "hyperfine", "/usr/bin/time"):
        if shutil.which(tool) is None:
            raise SystemExit(f"run.py needs {tool}: apt-get install -y ripgrep hyperfine time")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", os.path.join(ROOT, "src"), HERE],
        check=False,
        capture_output=True,
    )
    results = [run_size(size, args) for size in args.sizes.split(",")]
    out_dir = os.path.join(ROOT, "bench", ".results")
    os.makedirs(out_dir, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(out_dir, f"scale-{stamp}.json"), "w", encoding="utf-8") as file:
        json.dump(results, file, ensure_ascii=False, indent=1)
    print(markdown(results) if args.markdown else json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
