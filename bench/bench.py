#!/usr/bin/env python3
"""Whole-process timings of the ``shuangtan`` command, as ratios to ``import click``.

Each command runs as a fresh process, again and again, round-robin across the
commands so that drift in the machine's load affects all of them alike; the
report gives the median of each, and its ratio to the median of the baseline,
``python -c "import click"`` run by the same interpreter in the same run.

Before timing, the package (and its runtime dependencies) are compiled to
bytecode, so that the numbers are what a user of an installed package gets
even where PYTHONDONTWRITEBYTECODE is set.

Standard library only.  Usage::

    python bench/bench.py                   # 30 runs each, a text table
    python bench/bench.py --runs 50 --markdown
    python bench/bench.py --check           # exit 1 when a target is missed
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: The modules whose bytecode is compiled before timing: the package and its
#: runtime dependencies (pip compiles these when it installs them; an editable
#: install under PYTHONDONTWRITEBYTECODE=1 never does).
COMPILED_MODULES = ("shuangtan_cli", "click", "rich", "regex", "opencc")

GREP_PATTERN = "兩高"
#: The node of the collocates benchmark: a character with many hits (262 windows).
COLLOCATE_NODE = "碳"


@dataclass
class Command:
    """One command line to time, with what it is measured against."""

    label: str
    argv: list[str]
    target: float | None = None  # the ratio to the baseline it must not exceed
    env: dict[str, str] = field(default_factory=dict)
    role: str = "command"  # "baseline", "reference" or "command"
    times: list[float] = field(default_factory=list)  # seconds

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def minimum(self) -> float:
        return min(self.times)

    @property
    def spread(self) -> float:
        """The interquartile range, a robust measure of the noise."""
        if len(self.times) < 4:
            return max(self.times) - min(self.times)
        quartiles = statistics.quantiles(self.times, n=4)
        return quartiles[2] - quartiles[0]


def default_shuangtan() -> Path:
    """The ``shuangtan`` script installed next to the running interpreter."""
    name = "shuangtan.exe" if os.name == "nt" else "shuangtan"
    return Path(sys.executable).parent / name


def interpreter_of(script: Path) -> str:
    """The Python that runs a console script: its shebang, else this interpreter."""
    try:
        with script.open("rb") as handle:
            first = handle.readline(4096)
    except OSError:
        return sys.executable
    if first.startswith(b"#!"):
        words = first[2:].decode("utf-8", "replace").split()
        if words and "python" in Path(words[0]).name:
            return words[0]
    return sys.executable


def probe(python: str, code: str) -> str:
    """Run a snippet with the interpreter under test and return what it prints."""
    done = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"bench: {python} -c {code!r} failed:\n{done.stderr.strip()}")
    return done.stdout.strip()


def module_dirs(python: str, modules: Sequence[str]) -> list[str]:
    """Where the interpreter under test finds each package (without importing it)."""
    code = (
        "import importlib.util, os, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    spec = importlib.util.find_spec(name)\n"
        "    if spec is None or not spec.origin:\n"
        "        continue\n"
        "    origin = spec.origin\n"
        "    print(os.path.dirname(origin) if spec.submodule_search_locations else origin)\n"
    )
    return [line for line in probe(python, code).splitlines() if line]


def compile_bytecode(python: str, paths: Sequence[str]) -> None:
    """Write __pycache__ for the given packages; compileall writes even when
    PYTHONDONTWRITEBYTECODE is set (it calls py_compile directly)."""
    sources = [p for p in paths if p.endswith(".py") or Path(p).is_dir()]
    if not sources:
        return
    done = subprocess.run(
        [python, "-m", "compileall", "-q", *sources], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(f"bench: warning: compileall failed:\n{done.stdout}{done.stderr}", file=sys.stderr)


def longest_speech_id(python: str) -> str:
    """The id of the longest speech in the corpus the package under test reads."""
    directory = Path(probe(python, "import shuangtan_cli.corpus as c; print(c.BUNDLED)"))
    best_id, best_length = "", -1
    with (directory / "speeches.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if record["length"] > best_length:
                best_id, best_length = record["id"], record["length"]
    if not best_id:
        raise SystemExit(f"bench: no speeches in {directory}")
    return best_id


def make_commands(python: str, shuangtan: str, longest: str) -> list[Command]:
    table_env = {"COLUMNS": "100"}
    return [
        Command('python -c "import click"', [python, "-c", "import click"], role="baseline"),
        Command("python -c pass", [python, "-c", "pass"], role="reference"),
        Command(
            'python -c "import shuangtan_cli.cli"',
            [python, "-c", "import shuangtan_cli.cli"],
            role="reference",
        ),
        Command(
            f"shuangtan grep {GREP_PATTERN} --json",
            [shuangtan, "grep", GREP_PATTERN, "--json"],
            target=1.3,
        ),
        Command("shuangtan list --json", [shuangtan, "list", "--json"], target=1.3),
        Command(
            "shuangtan list --format table",
            [shuangtan, "list", "--format", "table"],
            target=2.2,
            env=table_env,
        ),
        Command(
            f"shuangtan show {longest} --format table --no-pager",
            [shuangtan, "show", longest, "--format", "table", "--no-pager"],
            target=2.3,
            env=table_env,
        ),
        Command(
            "Tab: shuangtan list --province guang<Tab>",
            [shuangtan],
            target=1.3,
            env={
                "_SHUANGTAN_COMPLETE": "bash_complete",
                "COMP_WORDS": "shuangtan list --province guang",
                "COMP_CWORD": "3",
            },
        ),
        Command(
            f"shuangtan kwic {GREP_PATTERN} --json",
            [shuangtan, "kwic", GREP_PATTERN, "--json"],
            target=1.5,
        ),
        Command(
            f"shuangtan freq {GREP_PATTERN} --by province --json",
            [shuangtan, "freq", GREP_PATTERN, "--by", "province", "--json"],
            target=1.5,
        ),
        Command("shuangtan ngrams --json", [shuangtan, "ngrams", "--json"], target=2.5),
        Command(
            "shuangtan keywords -p 河北 --json",
            [shuangtan, "keywords", "-p", "河北", "--json"],
            target=2.5,
        ),
        Command(
            f"shuangtan collocates {COLLOCATE_NODE} --json",
            [shuangtan, "collocates", COLLOCATE_NODE, "--json"],
            target=2.5,
        ),
        Command("shuangtan info --json", [shuangtan, "info", "--json"]),
        Command("shuangtan list", [shuangtan, "list"]),
        Command(f"shuangtan grep {GREP_PATTERN}", [shuangtan, "grep", GREP_PATTERN]),
    ]


def base_environment() -> dict[str, str]:
    """The environment every command runs in: the caller's, in the default script."""
    env = dict(os.environ)
    env.pop("SHUANGTAN_SCRIPT", None)  # the default (traditional) script
    return env


def run_once(command: Command, env: Mapping[str, str]) -> tuple[float, int, bytes]:
    start = time.perf_counter()
    done = subprocess.run(
        command.argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    return elapsed, done.returncode, done.stderr


def measure(commands: Sequence[Command], runs: int, warmup: int, progress: bool) -> None:
    """Warm up each command, then time them round-robin, rotating who goes first."""
    base = base_environment()
    envs = [{**base, **command.env} for command in commands]
    for command, env in zip(commands, envs, strict=True):
        for _ in range(warmup):
            _, status, stderr = run_once(command, env)
            if status != 0:
                message = stderr.decode("utf-8", "replace").strip()
                raise SystemExit(f"bench: {command.label!r} exited {status}:\n{message}")
    count = len(commands)
    for round_number in range(runs):
        for k in range(count):
            index = (round_number + k) % count
            elapsed, status, stderr = run_once(commands[index], envs[index])
            if status != 0:
                message = stderr.decode("utf-8", "replace").strip()
                raise SystemExit(f"bench: {commands[index].label!r} exited {status}:\n{message}")
            commands[index].times.append(elapsed)
        if progress:
            print(f"\rbench: round {round_number + 1}/{runs}", end="", file=sys.stderr)
    if progress:
        print(file=sys.stderr)


def instructions(commands: Sequence[Command]) -> list[tuple[str, int, float]]:
    """Instructions each command executes, counted by valgrind's callgrind: the
    same on a busy machine as on a quiet one, so a change's cost shows even
    when the timings are noisy.  (label, instructions, ratio to the baseline)."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        raise SystemExit("bench: --instructions needs valgrind (apt-get install -y valgrind)")
    base = base_environment()
    counted: list[tuple[str, int]] = []
    for command in commands:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command.argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**base, **command.env},
            check=False,
        )
        found = re.search(rb"Collected : (\d+)", done.stderr)
        if done.returncode != 0 or found is None:
            raise SystemExit(f"bench: valgrind could not count {command.label!r}")
        counted.append((command.label, int(found.group(1))))
    baseline = next(
        n for (label, n), c in zip(counted, commands, strict=True) if c.role == "baseline"
    )
    return [(label, n, n / baseline) for label, n in counted]


def verdict(command: Command, baseline: Command) -> tuple[str, str, str, str]:
    """(ratio of medians, ratio of minima, target, PASS/FAIL) cells for a command.

    The target is judged on the ratio of medians; the ratio of minima, less
    sensitive to a busy machine, is shown beside it.
    """
    ratio = command.median / baseline.median
    best = command.minimum / baseline.minimum
    cells = f"{ratio:.2f}×", f"{best:.2f}×"
    if command.target is None:
        return (*cells, "", "")
    ok = ratio <= command.target
    return (*cells, f"≤ {command.target:.1f}×", "PASS" if ok else "FAIL")


HEADERS = ("command", "median ms", "min ms", "IQR ms", "ratio", "min ratio", "target", "result")
RESULT = HEADERS.index("result")


def table_rows(commands: Sequence[Command]) -> list[tuple[str, ...]]:
    baseline = next(c for c in commands if c.role == "baseline")
    rows: list[tuple[str, ...]] = []
    for command in commands:
        times = (command.median, command.minimum, command.spread)
        rows.append(
            (
                command.label,
                *(f"{seconds * 1000:.1f}" for seconds in times),
                *verdict(command, baseline),
            )
        )
    return rows


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def format_text(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(width(row[i]) for row in (HEADERS, *rows)) for i in range(len(HEADERS))]
    right = {1, 2, 3, 4, 5}

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, (cell, wanted) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (wanted - width(cell))
            parts.append(pad + cell if i in right else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * wanted for wanted in widths)
    return "\n".join([line(HEADERS), rule, *(line(row) for row in rows)])


def format_markdown(rows: Sequence[tuple[str, ...]]) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    aligns = ["---", "---:", "---:", "---:", "---:", "---:", "---", "---"]
    body = [line((f"`{row[0]}`", *row[1:])) for row in rows]
    return "\n".join([line(HEADERS), line(aligns), *body])


def describe(python: str, runs: int, warmup: int) -> str:
    version = probe(python, "import platform; print(platform.python_version())")
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    today = datetime.date.today().isoformat()
    return (
        f"{today}; Python {version}; {machine}; "
        f"{runs} runs each after {warmup} warm-ups, interleaved; medians; "
        f'ratio = median / median of `python -c "import click"`'
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time whole shuangtan processes against python -c 'import click'."
    )
    parser.add_argument("--runs", type=int, default=30, metavar="N", help="timed runs (30)")
    parser.add_argument("--warmup", type=int, default=3, metavar="N", help="warm-up runs (3)")
    parser.add_argument(
        "--shuangtan",
        type=Path,
        default=None,
        metavar="PATH",
        help="the shuangtan script to time (default: the one next to this Python)",
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count each command's instructions with valgrind (deterministic)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--no-compile", action="store_true", help="do not compile bytecode before timing"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress line on a terminal's stderr"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    shuangtan = (args.shuangtan or default_shuangtan()).resolve()
    if not shuangtan.is_file():
        parser.error(f"no shuangtan at {shuangtan} (give --shuangtan PATH)")
    python = interpreter_of(shuangtan)

    if not args.no_compile:
        compile_bytecode(python, module_dirs(python, COMPILED_MODULES))
    longest = longest_speech_id(python)
    commands = make_commands(python, str(shuangtan), longest)
    measure(commands, args.runs, args.warmup, progress=not args.quiet and sys.stderr.isatty())
    counts = instructions(commands) if args.instructions else []

    rows = table_rows(commands)
    caption = describe(python, args.runs, args.warmup)
    if args.markdown:
        print(f"_{caption}._\n")
        print(format_markdown(rows))
    else:
        print(f"{shuangtan}\n{caption}\n")
        print(format_text(rows))
    if counts:
        print("\ninstructions (valgrind --tool=callgrind), ratio to the baseline:")
        for label, count, ratio in counts:
            print(f"  {count:>13,}  {ratio:.3f}×  {label}")
    missed = [row[0] for row in rows if row[RESULT] == "FAIL"]
    if missed:
        print(f"\nmissed: {', '.join(missed)}", file=sys.stderr)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
