"""Property-based tests: whatever the input, shuangtan ends the way it promises.

Random command lines are drawn from the commands and options (and from
nowhere: random Unicode in every argument, control, bidi, surrogates, CJK,
emoji), random regular expressions from a grammar of the ``regex`` module's
syntax, random terminal widths and environments.  The property, for every
case: the exit status is 0, 1 or 2; on 2, exactly one ``Error:`` line on
stderr and nothing on stdout; otherwise nothing on stderr; never a
traceback; and, for the installed command, within a memory limit and a time
limit.

The default profile ("ci") keeps CI fast.  For a long run::

    .venv/bin/python -m pytest tests/test_properties.py --hypothesis-profile=long
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest
from helpers import clean_env, installed_shuangtan, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shuangtan_cli import search
from shuangtan_cli.output import Environment

# --- what users type ----------------------------------------------------------------------------

#: Characters of the corpus, and others a search could use.
HAN = "碳达峰中和两高兩雙双汇匯氢氫能源绿綠色著着力关關于於"
#: Every sort of character a user (or an attacker) could put in an argument.
ANY_CHAR = st.characters(codec=None, categories=None)

#: Atoms of a regular expression.
ATOMS = st.one_of(
    st.sampled_from(list(HAN)),
    st.sampled_from(["a", "N", "1", "+", "，", "。", "“", "”", " "]),
    st.sampled_from([".", r"\p{Han}", r"\P{Han}", r"\d", r"\w", r"\s", r"\b", "^", "$"]),
    st.sampled_from(["[碳汇]", "[^，。]", "[a-z]", r"[\p{Han}--[碳]]", "[", "]", "(", ")"]),
    st.sampled_from([r"\1", "(?1)", "(?R)", "(?i)", "(?r)", "(?V1)", r"\L<x>", r"\N{DIGIT ONE}"]),
    st.text(ANY_CHAR, max_size=3),
)
QUANTIFIERS = st.one_of(
    st.sampled_from(["", "", "", "*", "+", "?", "*?", "++", "?+", "{e<=1}"]),
    st.builds(
        lambda low, high: f"{{{low},{high}}}" if high is not None else f"{{{low}}}",
        st.one_of(st.integers(0, 6), st.sampled_from([1000, 100_001, 4294967294, 10**30])),
        st.one_of(st.none(), st.integers(0, 9), st.sampled_from([65535, 4294967295])),
    ),
)


def _group(inner: str, kind: str) -> str:
    return f"({kind}{inner})"


PATTERNS = st.recursive(
    st.builds(lambda atom, q: atom + q, ATOMS, QUANTIFIERS),
    lambda inner: st.one_of(
        st.builds(lambda parts: "".join(parts), st.lists(inner, min_size=1, max_size=4)),
        st.builds(lambda a, b: f"({a}|{b})", inner, inner),
        st.builds(
            lambda x, kind, q: _group(x, kind) + q,
            inner,
            st.sampled_from(["", "?:", "?=", "?!", "?<=", "?<!", "?>", "?P<g>", "?i:"]),
            QUANTIFIERS,
        ),
        st.builds(lambda x, depth: "(" * depth + x + ")" * depth, inner, st.integers(0, 400)),
    ),
    max_leaves=8,
)

NUMBERS = st.one_of(
    st.integers(-3, 40).map(str),
    st.sampled_from(["0", "1", "007", "1e3", "9" * 5000, "-0", "٣", "１"]),
    st.text(ANY_CHAR, max_size=4),
)
PROVINCES = st.one_of(
    st.sampled_from(["河北", "冀", "hebei", "Héběi", "130000", "河比", "黑龍江", "nei", ""]),
    st.text(ANY_CHAR, max_size=8),
)
DATES = st.one_of(
    st.sampled_from(["2021", "2021-05", "2022-02-29", "2021-13", "0000", "99999", ""]),
    st.text(ANY_CHAR, max_size=10),
)
TEXT = st.text(ANY_CHAR, max_size=12)


def _pairs(option: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.builds(lambda value: [option, value], values)


SELECTION = st.lists(
    st.one_of(
        _pairs("--province", PROVINCES),
        _pairs("-p", PROVINCES),
        _pairs("--region", st.one_of(st.sampled_from(["华北", "north", "西南"]), TEXT)),
        _pairs("--division", st.one_of(st.sampled_from(["province", "直辖市"]), TEXT)),
        _pairs("--speaker", TEXT),
        _pairs("--contains", TEXT),
        _pairs("--since", DATES),
        _pairs("--until", DATES),
        _pairs("--sort", st.one_of(st.sampled_from(["seq", "date", "province", "length"]), TEXT)),
        _pairs("--limit", NUMBERS),
        st.just(["--reverse"]),
    ),
    max_size=4,
)
OUTPUT = st.lists(
    st.one_of(
        _pairs(
            "--format", st.one_of(st.sampled_from(["table", "text", "json", "jsonl", "csv"]), TEXT)
        ),
        st.just(["--json"]),
        _pairs("--script", st.one_of(st.sampled_from(["s", "t", "hk", "zh-Hant"]), TEXT)),
        _pairs("--color", st.one_of(st.sampled_from(["auto", "always", "never"]), TEXT)),
    ),
    max_size=3,
)
GREP_FLAGS = st.lists(
    st.one_of(
        st.sampled_from([["-F"], ["-i"], ["-c"], ["-l"], ["-v"], ["-o"], ["--lead"]]),
        _pairs("-C", NUMBERS),
        _pairs("-A", NUMBERS),
        _pairs("-B", NUMBERS),
        _pairs("-m", NUMBERS),
    ),
    max_size=4,
)


def _flat(groups: list[list[str]]) -> list[str]:
    return [word for group in groups for word in group]


COMMAND_LINES = st.one_of(
    st.builds(lambda s, o: ["list", *_flat(s), *_flat(o)], SELECTION, OUTPUT),
    st.builds(lambda s, o: ["filter", *_flat(s), *_flat(o)], SELECTION, OUTPUT),
    st.builds(
        lambda ids, o: ["show", *ids, "--no-pager", *_flat(o)],
        st.lists(st.one_of(PROVINCES, NUMBERS), min_size=1, max_size=3),
        OUTPUT,
    ),
    st.builds(
        lambda p, f, s, o: ["grep", p, *_flat(f), *_flat(s), *_flat(o)],
        st.one_of(PATTERNS, TEXT),
        GREP_FLAGS,
        SELECTION,
        OUTPUT,
    ),
    st.builds(lambda o: ["info", *_flat(o)], OUTPUT),
    st.lists(TEXT, max_size=3),  # anything at all
)
ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "COLUMNS": st.one_of(st.integers(-5, 10**9).map(str), st.text(ANY_CHAR, max_size=5)),
        "LINES": st.integers(-5, 10**6).map(str),
        "NO_COLOR": st.sampled_from(["", "1", "0"]),
        "SHUANGTAN_SCRIPT": st.one_of(st.sampled_from(["simplified", "hk"]), TEXT),
    },
)
TERMINALS = st.one_of(
    st.none(),
    st.builds(
        lambda width, height: Environment(is_terminal=True, width=width, height=height),
        st.integers(1, 1000),
        st.integers(1, 200),
    ),
)


def _environ_safe(text: str) -> bool:
    """Whether a string can be put in an environment or a process's arguments."""
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)


def check_ending(status: int | None, stdout: str, stderr: str, what: object) -> None:
    assert status in (0, 1, 2), (what, status, stderr[-2000:])
    assert "Traceback" not in stderr, (what, stderr[-2000:])
    if status == 2:
        lines = stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (what, stderr[-2000:])
        assert stdout == "", (what, stdout[:500])
    else:
        assert stderr == "", (what, stderr[-2000:])


# --- in process: many cases, fast -----------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(args=COMMAND_LINES, env=ENVIRONMENTS, terminal=TERMINALS)
def test_any_command_line_ends_as_promised(
    args: list[str], env: dict[str, str], terminal: Environment | None, monkeypatch_budget: None
) -> None:
    env = {key: value for key, value in env.items() if _environ_safe(value)}
    result = invoke(*args, env=env, terminal=terminal)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError((args, env)) from result.exception
    check_ending(result.exit_code, result.stdout, result.stderr, (args, env))


@pytest.fixture(scope="module")
def monkeypatch_budget() -> object:
    """A shorter budget per paragraph than a user gets, so that a catastrophic
    pattern costs a fraction of a second here; the process test keeps the real one."""
    saved = search.DEFAULT_TIMEOUT
    search.DEFAULT_TIMEOUT = 0.2
    yield None
    search.DEFAULT_TIMEOUT = saved


# --- the installed command: fewer cases, under a memory and a time limit ----------------------

#: The memory each run may use, and the seconds it may take.
MEMORY = 1 << 30
SECONDS = 60


def _limits() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


@pytest.mark.skipif(os.name == "nt", reason="resource limits as on POSIX")
@settings(
    max_examples=max(10, settings.default.max_examples // 8),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(args=COMMAND_LINES, env=ENVIRONMENTS)
def test_the_installed_command_ends_as_promised_within_limits(
    args: list[str], env: dict[str, str]
) -> None:
    args = [arg for arg in args if _environ_safe(arg)]
    env = {key: value for key, value in env.items() if _environ_safe(value)}
    try:
        done = subprocess.run(
            [str(installed_shuangtan()), *args],
            env=clean_env(**env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=SECONDS,
            preexec_fn=_limits,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        raise AssertionError(f"{args}: still running after {SECONDS} s") from expired
    assert done.returncode >= 0, (args, f"killed by signal {-done.returncode}")
    stdout = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8")  # strict: errors are UTF-8 in a pipe
    check_ending(done.returncode, stdout, stderr, (args, env))
    assert sys.executable  # the interpreter running this test ran the command's
