"""The README's examples of a user corpus print what they show.

They are the ```console corpus blocks, run in order in one fresh folder that
holds the repository's data/ (so that ``import data/speeches.jsonl -o
speeches`` writes there, not in the repository), with the environment each
command line sets before it.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from shuangtan_cli.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```console corpus\n\$ (?P<command>[^\n]*)\n(?P<output>.*?)```", re.S)
EXAMPLES = [(m["command"], m["output"]) for m in BLOCK.finditer(README)]
HEAD = re.compile(r"^(?P<command>.*) \| head -n (?P<lines>\d+)$")


def test_there_are_examples_of_each_use() -> None:
    commands = " ".join(command for command, _ in EXAMPLES)
    for used in ("shuangtan import", "--corpus speeches", "SHUANGTAN_CORPUS=", "--where"):
        assert used in commands


def test_the_examples_print_what_they_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    for command, expected in EXAMPLES:
        head = HEAD.match(command)
        words = shlex.split(head["command"] if head else command)
        env = {"COLUMNS": "80", "SHUANGTAN_SCRIPT": None, "SHUANGTAN_CORPUS": None}
        while "=" in words[0]:
            key, value = words.pop(0).split("=", 1)
            env[key] = value
        assert words[0] == "shuangtan", command
        result = CliRunner().invoke(cli, words[1:], env=env)
        out = result.stdout
        if head:
            out = "".join(out.splitlines(keepends=True)[: int(head["lines"])])
        assert out + result.stderr == expected, command
        assert result.exit_code == (2 if "Error: " in expected else 0), command
    assert os.path.isdir(tmp_path / "speeches")
