"""The edge of the process, on the installed command: streams, locales, memory, the pager.

Each test runs the ``shuangtan`` entry point as a user does, so what is
checked is what the shell sees: the exit status, and one ``Error:`` line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import (
    ROOT,
    assert_one_error_line,
    at_a_terminal,
    by_id,
    clean_env,
    installed_shuangtan,
    list_row,
    run_process,
)

posix_only = pytest.mark.skipif(os.name == "nt", reason="file descriptors as on POSIX")
HEBEI = "\t".join(list_row(by_id("traditional")["hebei"])) + "\n"


def shell(script: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run a shell line in which $S is the installed command."""
    return subprocess.run(
        ["bash", "-c", script],
        env=clean_env(S=str(installed_shuangtan()), **env),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )


# --- streams ----------------------------------------------------------------------------------


@posix_only
def test_a_closed_stdout_is_one_error() -> None:
    done = shell('"$S" list >&-')
    assert done.returncode == 2
    assert done.stderr == b"Error: cannot write output: standard output is closed\n"


@posix_only
def test_a_closed_stderr_does_not_stop_the_output() -> None:
    done = shell('"$S" list -p 河北 2>&-')
    assert done.returncode == 0 and done.stdout.decode() == HEBEI
    assert shell('"$S" list -p 河比 2>&-').returncode == 2  # the error has nowhere to go


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", ["filter", "list", "grep 碳 -o", "show 1 2 3 -f text", "info"])
def test_a_full_disk_is_one_error(args: str) -> None:
    done = shell(f'"$S" {args} > /dev/full')
    assert done.returncode == 2
    assert done.stderr == b"Error: cannot write output: No space left on device\n"


# --- locales ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gb18030(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a zh_CN.GB18030 locale, compiled into a temporary directory."""
    if shutil.which("localedef") is None:
        pytest.skip("no localedef")
    where = tmp_path_factory.mktemp("locale")
    made = subprocess.run(
        ["localedef", "--no-archive", "-i", "zh_CN", "-f", "GB18030", str(where / "zh_CN.GB18030")],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if not (where / "zh_CN.GB18030").is_dir():
        pytest.skip(f"cannot make a GB18030 locale: {made.stderr.decode(errors='replace')}")
    return {"LOCPATH": str(where), "LANG": "zh_CN.GB18030", "LC_ALL": "zh_CN.GB18030"}


def test_a_gb18030_locale_reads_its_arguments_and_pipes_utf8(gb18030: dict[str, str]) -> None:
    """The arguments come in GB18030; a pipe still gets UTF-8, the data's encoding."""
    env = clean_env(**gb18030)
    argv = ["list", "-p", "河北"]
    done = subprocess.run(
        [os.fsencode(str(installed_shuangtan())), *(a.encode("gb18030") for a in argv)],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == HEBEI


@posix_only
def test_a_gb18030_terminal_gets_gb18030(gb18030: dict[str, str]) -> None:
    status, out = at_a_terminal("list", "-p", "hebei", "-f", "text", encoding="gb18030", **gb18030)
    assert status == 0
    assert out.replace("\r\n", "\n") == HEBEI


# --- memory and patterns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("a{4294967294}", "repeats too much"),
        ("(" * 350 + "a" + ")" * 350, "nests"),
        ("(?R)", "memory|longer than"),  # whichever budget it exhausts first
    ],
    ids=["huge-repeat", "deep-nesting", "recursion"],
)
def test_patterns_that_would_exhaust_the_machine_are_one_error(pattern: str, says: str) -> None:
    done = run_process("grep", pattern, "-c", timeout=60)
    assert done.returncode == 2
    assert re.search(says, assert_one_error_line(done))


def test_the_heap_is_capped() -> None:
    code = (
        "import resource\n"
        "from shuangtan_cli import process\n"
        "process._limit_memory()\n"
        "print(resource.getrlimit(resource.RLIMIT_DATA)[0])\n"
    )
    done = subprocess.run(
        [str(Path(os.sys.executable)), "-c", code], capture_output=True, timeout=60, check=True
    )
    from shuangtan_cli.process import MEMORY_LIMIT

    assert 0 < int(done.stdout) <= MEMORY_LIMIT


# --- the pager ----------------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize(
    "pager", ["no-such-pager-anywhere", "false", "'unbalanced", ""], ids=lambda p: p or "empty"
)
def test_a_broken_pager_loses_nothing(pager: str) -> None:
    status, out = at_a_terminal("show", "hebei", lines=10, PAGER=pager)
    assert status == 0
    hebei = by_id("traditional")["hebei"]
    flat = out.replace("\r\n", "").replace("\n", "").replace(" ", "")
    assert hebei["paragraphs"][-1][-20:] in flat


@posix_only
def test_the_pager_gets_utf8_under_the_c_locale(tmp_path: Path) -> None:
    caught = tmp_path / "paged"
    pager = f"sh -c 'echo \"$LESSCHARSET\" > {caught}.charset; cat > {caught}'"
    status, _ = at_a_terminal("show", "hebei", lines=10, PAGER=pager, LANG="C", LC_ALL="C")
    assert status == 0
    text = caught.read_bytes().decode("utf-8")  # strict: escapes or another encoding fail
    assert by_id("traditional")["hebei"]["paragraphs"][0][:20] in text
    assert "\\u" not in text
    assert (tmp_path / "paged.charset").read_text().strip() == "utf-8"


# --- terminals and what is echoed -----------------------------------------------------------


@posix_only
@pytest.mark.parametrize("columns", [30, 45, 200])
def test_a_narrow_terminal_drops_nothing(columns: int) -> None:
    status, out = at_a_terminal("list", "--color", "never", columns=columns)
    assert status == 0 and "…" not in out
    flat = "".join(out.split())
    rest = iter(flat)
    for record in by_id("traditional").values():
        assert all(char in rest for char in record["date"] + record["occasion"]), columns


def test_an_error_echoes_what_was_typed_inert() -> None:
    done = run_process("list", "-p", "x\x1b]0;pwned\x07\u202e")
    line = assert_one_error_line(done)
    assert "x\\x1b]0;pwned\\x07\\u202e" in line and "\x1b" not in line


@posix_only
def test_a_pager_that_quits_before_reading_everything_loses_nothing() -> None:
    """More than a pipe holds, to a pager that exits at once: the write fails with
    EPIPE, which must not end the command (SIGPIPE), and the text is printed."""
    everything = [str(seq) for seq in range(1, 32)]
    status, out = at_a_terminal("show", *everything, lines=10, PAGER="sh -c 'exit 3'")
    assert status == 0
    flat = out.replace("\r\n", "").replace("\n", "").replace(" ", "")
    for record in by_id("traditional").values():
        assert record["paragraphs"][-1][-12:] in flat
