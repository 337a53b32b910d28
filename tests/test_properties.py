"""Property-based tests: whatever the input, shuangtan ends the way it promises.

Random command lines are drawn from every command and its options, read off
their click parameters, so a new command is covered as soon as it is listed
(and from nowhere: random Unicode in every argument, control, bidi,
surrogates, CJK, emoji), random regular expressions from a grammar of the ``regex`` module's
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

import click
import pytest
from helpers import clean_env, installed_shuangtan, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shuangtan_cli import search
from shuangtan_cli.cli import COMMANDS, cli
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


REFS = st.one_of(
    st.sampled_from(["hebei:1:238-240", "hebei:lead:0-9", "gansu:0:0-1", "hebei:9:0-1"]),
    st.sampled_from(["hebei:1:240-238", "hebei:1:0-99999", "x:y:z", "hebei::", ":::"]),
    st.builds(
        lambda i, p, a, b: f"{i}:{p}:{a}-{b}",
        st.sampled_from(["hebei", "tibet", "冀", "14", "nowhere"]),
        st.one_of(st.integers(-1, 5).map(str), st.just("lead")),
        st.integers(-2, 2000),
        st.integers(-2, 2000),
    ),
    TEXT,
)

#: Values for the option types whose vocabulary is small enough to sample.
_VOCABULARY = {
    "ProvinceType": PROVINCES,
    "DateType": DATES,
    "RegionType": st.one_of(st.sampled_from(["华北", "華東", "north", "西南"]), TEXT),
    "DivisionType": st.one_of(st.sampled_from(["province", "直辖市"]), TEXT),
    "ScriptType": st.one_of(st.sampled_from(["s", "t", "hk", "zh-Hant"]), TEXT),
    "NgramLengthsType": st.one_of(st.sampled_from(["1", "2", "2-4", "0", "13", "4-2"]), TEXT),
    "WindowType": st.one_of(st.sampled_from(["5,5", "3", "0,0", "-1,2", "1000000,1"]), TEXT),
    "LevelsType": st.one_of(st.sampled_from(["1R,2R", "1L", "M", "9R", "X"]), TEXT),
}
#: Values for arguments, by the parameter's name.
_ARGUMENTS = {
    "pattern": st.one_of(PATTERNS, TEXT),
    "terms": st.one_of(st.sampled_from(["兩高", "碳汇", "1+N", "碳达峰"]), PATTERNS, TEXT),
    "refs": REFS,
    "ids": st.one_of(PROVINCES, NUMBERS, REFS),
}


def _values(param: click.Parameter) -> st.SearchStrategy[str]:
    """Values a user might give ``param``: from its vocabulary, or anything at all."""
    if isinstance(param, click.Argument):
        return _ARGUMENTS.get(param.name or "", TEXT)
    kind = param.type
    if isinstance(kind, click.Choice):
        return st.one_of(st.sampled_from([str(choice) for choice in kind.choices]), TEXT)
    if isinstance(kind, (click.IntRange, click.FloatRange)) or kind in (click.INT, click.FLOAT):
        return NUMBERS
    return _VOCABULARY.get(type(kind).__name__, TEXT)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command line of any command, read off its click parameters: its arguments
    and, each with a small chance, each of its options (with any of its names)."""
    ctx = click.Context(cli)
    name = draw(st.sampled_from(list(COMMANDS)))
    command = cli.get_command(ctx, name)
    assert command is not None
    words = [name]
    for param in command.params:
        if isinstance(param, click.Argument):
            low = 1 if param.required else 0
            count = 1 if param.nargs == 1 else draw(st.integers(low, 3))
            words += [draw(_values(param)) for _ in range(count)]
        elif isinstance(param, click.Option) and draw(st.integers(0, 6)) == 0:
            option = draw(st.sampled_from([*param.opts, *param.secondary_opts]))
            words += [option] if param.is_flag else [option, draw(_values(param))]
    return words


COMMAND_LINES = st.one_of(command_lines(), st.lists(TEXT, max_size=3))  # or anything at all
ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "COLUMNS": st.one_of(st.integers(-5, 10**9).map(str), st.text(ANY_CHAR, max_size=5)),
        "LINES": st.integers(-5, 10**6).map(str),
        "NO_COLOR": st.sampled_from(["", "1", "0"]),
        "SHUANGTAN_SCRIPT": st.one_of(st.sampled_from(["simplified", "hk"]), TEXT),
        "PAGER": st.sampled_from(["", "cat", "no-such-pager"]),
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
        assert lines and lines[-1].startswith("Error: "), (what, stderr[-2000:])
        # import alone lists its sources' problems, one a line, above the one Error line
        problems = lines[:-1]
        assert not problems or _command(what) == "import", (what, stderr[-2000:])
        assert not any(line.startswith("Error") for line in problems), (what, stderr[-2000:])
        assert stdout == "", (what, stdout[:500])
    else:
        assert stderr == "", (what, stderr[-2000:])


def _command(what: object) -> str | None:
    """The command a case ran: the first word of its arguments that is a command's name."""
    args = what[0] if isinstance(what, tuple) and what and isinstance(what[0], list) else []
    return next((word for word in args if word in COMMANDS), None)


@pytest.fixture(autouse=True, scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Run in a folder of its own: a random ``export -o PATH`` writes there, not in the
    repository."""
    saved = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cases"))
    yield None
    os.chdir(saved)


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
