"""What the tests share: the data read independently, the command run three ways.

* ``records``, ``by_id``, ``ids_where``: the bundled data files read with
  nothing but ``json``, so expected values come from the data, not from the
  code under test.
* ``invoke``: the real ``shuangtan`` command in-process (CliRunner), with
  stdout and stderr apart; the ``run`` fixture in conftest wraps it with an
  exit-status check.
* ``clean_env`` and ``run_process``: the one environment scrubber and the one
  subprocess runner, for the installed ``shuangtan`` as a user runs it.
* ``at_a_terminal``: the installed command with a pseudo-terminal as stdout.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from click.testing import CliRunner, Result

from shuangtan_cli.cli import cli
from shuangtan_cli.output import Environment

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

#: The columns of a ``list`` row, as the README documents them.
LIST_COLUMNS = ("id", "seq", "province", "speaker", "date", "occasion", "length")
#: What a grep hit carries at least, as the README documents it.
HIT_KEYS = ("id", "province", "speaker", "date", "paragraph", "start", "end", "match", "text")

#: Terminal escapes: any SGR sequence, and those that set a colour.
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")

Record = dict[str, Any]


# --- the data ---------------------------------------------------------------------------


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


def list_row(record: Record) -> list[str]:
    """A ``list`` row as tab-separated text: null is empty."""
    return ["" if record[name] is None else str(record[name]) for name in LIST_COLUMNS]


# --- output -----------------------------------------------------------------------------


def tsv(result: Result) -> list[list[str]]:
    """Rows of tab-separated output."""
    return [line.split("\t") for line in result.stdout.splitlines()]


def first_column(result: Result) -> list[str]:
    return [row[0] for row in tsv(result)]


def jsonl(result: Result) -> list[Any]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_one_error_line(result: Result | subprocess.CompletedProcess[bytes]) -> str:
    """The command failed the documented way: one ``Error: …`` line, nothing else.

    ``result`` is CliRunner's or a process's (whose bytes must be UTF-8).
    """
    stdout, stderr = result.stdout, result.stderr
    if isinstance(stdout, bytes) or isinstance(stderr, bytes):
        stdout, stderr = bytes(stdout).decode("utf-8"), bytes(stderr).decode("utf-8")
    assert stdout == ""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    assert stderr.endswith("\n")
    return lines[0]


# --- in-process -------------------------------------------------------------------------

#: Variables of the caller's environment that would change what the command prints.
NEUTRAL_ENV: dict[str, str | None] = {
    "SHUANGTAN_SCRIPT": None,
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "CLICOLOR_FORCE": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "COLUMNS": None,
    "LINES": None,
    "PAGER": None,
}


def describe(args: Sequence[str], result: Result, problem: str) -> str:
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


def invoke(
    *args: str,
    env: Mapping[str, str | None] | None = None,
    terminal: Environment | None = None,
) -> Result:
    """Run ``shuangtan ARGS…`` in-process; ``terminal`` stands in for the real one."""
    return CliRunner().invoke(cli, list(args), env={**NEUTRAL_ENV, **(env or {})}, obj=terminal)


class Run(Protocol):
    """The ``run`` fixture: ``invoke`` that checks the exit status."""

    def __call__(
        self,
        *args: str,
        status: int = 0,
        env: Mapping[str, str | None] | None = None,
        terminal: Environment | None = None,
    ) -> Result: ...


class Golden(Protocol):
    """The ``golden`` fixture: compare a text with tests/golden/NAME."""

    def __call__(self, name: str, text: str) -> None: ...


# --- as a process -----------------------------------------------------------------------

#: Variables that would change what is tested: the locale, the encoding, the
#: script, colour, the pager, and anything that could put the source tree on sys.path.
SCRUBBED = (
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "VIRTUAL_ENV",
    *NEUTRAL_ENV,
)


def clean_env(**overrides: str) -> dict[str, str]:
    """The caller's environment without locale, encoding, path or output settings,
    plus ``overrides``."""
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    env.update(overrides)
    return env


def installed_shuangtan() -> Path:
    """The ``shuangtan`` entry point of the environment running the tests."""
    exe = ".exe" if os.name == "nt" else ""
    return Path(sys.executable).parent / f"shuangtan{exe}"


def run_process(
    *args: str,
    program: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdin: Any = subprocess.DEVNULL,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed ``shuangtan ARGS…`` (or ``program``) as a process; output as bytes."""
    return subprocess.run(
        [str(program or installed_shuangtan()), *args],
        cwd=cwd or ROOT,
        env=clean_env() if env is None else dict(env),
        stdin=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def at_a_terminal(
    *args: str, columns: int = 160, lines: int = 200, encoding: str = "utf-8", **env: str
) -> tuple[int, str]:
    """Run the installed command with a pseudo-terminal as its standard output
    (``columns`` × ``lines``); what it printed, decoded from ``encoding``."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    process = subprocess.Popen(
        [str(installed_shuangtan()), *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=clean_env(**{"TERM": "xterm-256color", "PAGER": "cat", **env}),
        cwd=ROOT,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode(encoding)
