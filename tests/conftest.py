"""Shared helpers for the command and library tests.

* ``run``: invoke the real ``shuangtan`` command in-process with click's CliRunner,
  check its exit status and return the result (stdout and stderr apart).
* ``records``: the bundled data files read with nothing but ``json``, so expected
  values come from the data, not from the code under test.
* ``golden``: compare a rendering with a file in tests/golden/; ``UPDATE_GOLDEN=1``
  rewrites the files instead.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner, Result

from shuangtan_cli.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw" / "shuangtan-31-provinces.zh-Hant.txt"
SCHEMA = DATA / "speeches.schema.json"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: The data file of each script, by the script's canonical name.
DATA_FILES = {
    "simplified": DATA / "speeches.jsonl",
    "traditional": DATA / "speeches.traditional.jsonl",
    "hk": DATA / "speeches.hk.jsonl",
}
SCRIPTS = tuple(DATA_FILES)

#: The columns of a ``list`` row, as the issue documents them.
LIST_COLUMNS = ("id", "seq", "province", "speaker", "date", "occasion", "length")
#: What a grep hit carries at least, as the issue documents it.
HIT_KEYS = ("id", "province", "speaker", "date", "paragraph", "start", "end", "match", "text")

#: Variables of the caller's environment that would change what the command prints.
_NEUTRAL_ENV: dict[str, str | None] = {
    "SHUANGTAN_SCRIPT": None,
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "CLICOLOR_FORCE": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "COLUMNS": None,
    "LINES": None,
}

Record = dict[str, Any]


@cache
def _load(script: str) -> tuple[Record, ...]:
    with DATA_FILES[script].open(encoding="utf-8") as lines:
        return tuple(json.loads(line) for line in lines if line.strip())


def records(script: str = "simplified") -> tuple[Record, ...]:
    """The records of one data file, in file (article) order.  Do not mutate them."""
    return _load(script)


def by_id(script: str = "simplified") -> dict[str, Record]:
    return {record["id"]: record for record in records(script)}


def ids_where(predicate: Callable[[Record], bool], script: str = "simplified") -> list[str]:
    """Ids, in article order, of the records (of ``script``) that satisfy ``predicate``."""
    return [record["id"] for record in records(script) if predicate(record)]


def schema_fields() -> list[str]:
    return list(json.loads(SCHEMA.read_text(encoding="utf-8"))["required"])


def tsv(result: Result) -> list[list[str]]:
    """Rows of tab-separated output."""
    return [line.split("\t") for line in result.stdout.splitlines()]


def first_column(result: Result) -> list[str]:
    return [row[0] for row in tsv(result)]


def jsonl(result: Result) -> list[Any]:
    return [json.loads(line) for line in result.stdout.splitlines()]


class Run(Protocol):
    def __call__(
        self, *args: str, status: int = 0, env: Mapping[str, str | None] | None = None
    ) -> Result: ...


def _describe(args: tuple[str, ...], result: Result, problem: str) -> str:
    parts = [
        f"shuangtan {' '.join(args)}: {problem}",
        "--- stdout ---",
        result.stdout,
        "--- stderr ---",
        result.stderr,
    ]
    if result.exc_info and not isinstance(result.exception, SystemExit):
        parts += ["--- exception ---", "".join(traceback.format_exception(*result.exc_info))]
    return "\n".join(parts)


@pytest.fixture
def run() -> Run:
    """Invoke ``shuangtan ARGS…`` and check its exit status.

    The command must exit with ``status`` and must not end in an uncaught exception
    (CliRunner would report one as exit status 1, which looks like "nothing found").
    """
    runner = CliRunner()

    def invoke(*args: str, status: int = 0, env: Mapping[str, str | None] | None = None) -> Result:
        result = runner.invoke(cli, list(args), env={**_NEUTRAL_ENV, **(env or {})})
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            pytest.fail(_describe(args, result, "raised an exception"), pytrace=False)
        if result.exit_code != status:
            problem = f"exit status {result.exit_code}, expected {status}"
            pytest.fail(_describe(args, result, problem), pytrace=False)
        return result

    return invoke


def assert_one_error_line(result: Result) -> str:
    """The command failed the documented way: one ``Error: …`` line, nothing else."""
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    assert result.stderr.endswith("\n")
    return lines[0]


class Golden(Protocol):
    def __call__(self, name: str, text: str) -> None: ...


@pytest.fixture
def golden() -> Golden:
    """Compare ``text`` exactly with tests/golden/NAME (``UPDATE_GOLDEN=1`` rewrites it)."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            GOLDEN.mkdir(exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            return
        if not path.is_file():
            pytest.fail(f"no golden file {path}: run the tests with UPDATE_GOLDEN=1 to write it")
        expected = path.read_bytes().decode("utf-8")
        assert text == expected, f"differs from {path} (UPDATE_GOLDEN=1 rewrites it)"

    return check
