"""The README stays true: its examples print what it shows, its commands are what CI runs."""

from __future__ import annotations

import json
import re
import shlex
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from shuangtan_cli.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

EXAMPLE = re.compile(r"```console\n\$ shuangtan (?P<command>[^\n]*)\n(?P<output>.*?)```", re.S)
EXAMPLES = [(m["command"], m["output"]) for m in EXAMPLE.finditer(README)]


def command(name: str) -> click.Command:
    found = cli.get_command(click.Context(cli), name)
    assert found is not None, name
    return found


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 10
    commands = {shlex.split(command)[0] for command, _ in EXAMPLES}
    assert commands == set(COMMANDS) - {"completion"}  # its output is click's script


HEAD = re.compile(r"^(?P<command>.*) \| head -n (?P<lines>\d+)$")


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_prints_what_it_shows(command: str, expected: str) -> None:
    """Each example, run as written (a final ``| head -n N`` keeps the first N lines)."""
    head = HEAD.match(command)
    args = shlex.split(head["command"] if head else command)
    assert "|" not in args
    result = CliRunner().invoke(cli, args, env={"COLUMNS": "80"})
    out = result.stdout
    if head:
        out = "".join(out.splitlines(keepends=True)[: int(head["lines"])])
    assert out + result.stderr == expected
    assert result.exit_code == (2 if expected.startswith("Error: ") else 0)


def _readme_commands() -> list[str]:
    return re.findall(r"^python3 -m venv \.venv && .*$", README, re.M)


def test_readme_gives_the_two_commands() -> None:
    run, test = _readme_commands()
    assert run.endswith("shuangtan list --province 河北")
    assert "pip install ." in run
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_and_the_linters() -> None:
    _, test = _readme_commands()
    lines = CI.splitlines()
    assert test in lines
    for check in (".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy"):
        assert check in lines
    assert "set -euo pipefail" in lines


def _options(command: click.Command) -> list[str]:
    return [name for p in command.params for name in p.opts if name.startswith("--")]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_and_option_is_documented(name: str) -> None:
    found = command(name)
    assert found.help and len(found.help) > 40
    assert f"### `{name}`" in README
    for option in _options(found):
        assert f"`{option}" in README, f"{name} {option} is not in the README"
        param = next(p for p in found.params if option in p.opts)
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{name} {option} has no --help text"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_examples_run(name: str) -> None:
    """The examples in each command's --help work (exit 0 or 1, never an error)."""
    examples = re.findall(r"^\s+shuangtan (.+)$", command(name).help or "", re.M)
    assert examples
    for example in examples:
        args = shlex.split(re.split(r" [|>] ", example)[0])
        result = CliRunner().invoke(cli, args)
        assert result.exit_code in (0, 1), (example, result.stderr)


def test_public_names_are_not_shadowed_by_submodules() -> None:
    import shuangtan_cli
    import shuangtan_cli.card  # noqa: F401  (with cli and the commands, every submodule)
    import shuangtan_cli.render  # noqa: F401

    for name in COMMANDS:
        command(name)

    for name in shuangtan_cli.__all__:
        assert not isinstance(getattr(shuangtan_cli, name), types.ModuleType), name


def test_library_example_in_readme_runs() -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block
    namespace: dict[str, object] = {}
    exec(block.group(1), namespace)
    assert namespace["speech"].speaker == "王东峰"  # type: ignore[attr-defined]
    assert [hit.match for hit in namespace["hits"]] == ["氢能"]  # type: ignore[attr-defined]
    # The library finds what the command finds.
    grep = CliRunner().invoke(cli, ["grep", "著力", "--json", "-s", "simplified"])
    expected = [(h["id"], h["paragraph"], h["start"]) for h in json.loads(grep.stdout)]
    found = [(h.speech.id, h.paragraph, h.start) for h in namespace["zhuoli"]]  # type: ignore[attr-defined]
    assert found == expected and len(found) == 3
