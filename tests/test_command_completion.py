"""``shuangtan completion`` and Tab completion, through click's completion protocol.

The protocol is what a shell's completion script speaks: it runs the installed
command with ``_SHUANGTAN_COMPLETE`` and the words typed so far in the
environment.  Where bash and fish are installed, the printed scripts are also
sourced into the real shell and asked for completions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from helpers import clean_env, installed_shuangtan, run_process

from shuangtan_cli.places import places


def protocol(shell: str, *words: str) -> list[str]:
    """The values offered for the last of ``words`` (which may be ''), by the installed command."""
    line = " ".join(("shuangtan", *words))
    cword = words[-1] if shell == "fish" else str(len(words))
    env = clean_env(COMP_WORDS=line, COMP_CWORD=cword, _SHUANGTAN_COMPLETE=f"{shell}_complete")
    done = run_process(env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    out = done.stdout.decode("utf-8").splitlines()
    if shell == "bash":
        assert all(item.startswith("plain,") for item in out), out
        return [item.removeprefix("plain,") for item in out]
    if shell == "zsh":  # type, value, description: three lines each
        assert len(out) % 3 == 0 and set(out[::3]) == {"plain"}, out
        return out[1::3]
    # fish splits each line at ASCII commas: a comma in a value or its help would cut it.
    assert all(item.startswith("plain,") and item.count(",") == 1 for item in out), out
    return [item.removeprefix("plain,").split("\t")[0] for item in out]


CASES = [
    (("list", "--province", "guang"), ["广东", "广西"]),
    (("list", "--province", "nei"), ["内蒙古"]),
    (("list", "-p", "黑龍"), ["黑龙江"]),
    (("grep", "碳", "-p", "冀"), ["河北"]),
    (("filter", "-p", "Shǎn"), ["陕西"]),
    (("list", "--region", "hua"), ["华北", "华东", "华中", "华南"]),
    (("list", "--region", "華"), ["华北", "华东", "华中", "华南"]),
    (("list", "--region", "northw"), ["西北"]),
    (("list", "--division", "auto"), ["autonomous_region"]),
    (("list", "--division", "直"), ["municipality"]),
    (("list", "--sort", "d"), ["date"]),
    (("list", "--script", "s"), ["simplified"]),
    (("list", "--script", "zh-hant"), ["traditional"]),
    (("grep", "碳", "--format", "j"), ["json", "jsonl"]),
    (("show", "heb"), ["hebei"]),
    (("show", "inner"), ["inner-mongolia"]),
    (("show", "黑"), ["黑龙江"]),
    (("sh",), ["show"]),
    (("completion", ""), ["bash", "zsh", "fish"]),
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(("words", "offered"), CASES, ids=[" ".join(w) for w, _ in CASES])
def test_completion_protocol(shell: str, words: tuple[str, ...], offered: list[str]) -> None:
    assert protocol(shell, *words) == offered


def test_every_province_is_offered_for_nothing_typed() -> None:
    assert protocol("bash", "list", "--province", "") == [place.short for place in places()]


def test_the_scripts_name_the_program_and_its_variable() -> None:
    for shell in ("bash", "zsh", "fish"):
        done = run_process("completion", shell)
        assert done.returncode == 0
        script = done.stdout.decode("utf-8")
        assert "_SHUANGTAN_COMPLETE" in script and f"{shell}_complete" in script
        assert script.endswith("\n") and not script.endswith("\n\n")
    assert "complete -o nosort -F _shuangtan_completion shuangtan" in (
        run_process("completion", "bash").stdout.decode()
    )


def test_an_unknown_shell_is_an_error() -> None:
    done = run_process("completion", "tcsh")
    assert done.returncode == 2 and b"tcsh" in done.stderr


def test_completing_loads_no_text_rich_opencc_or_regex() -> None:
    """Every Tab press runs the program: it must import only what completing needs."""
    env = clean_env(
        COMP_WORDS="shuangtan grep 碳 --province guang",
        COMP_CWORD="4",
        _SHUANGTAN_COMPLETE="bash_complete",
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shuangtan_cli"],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.decode().split() == ["plain,广东", "plain,广西"]
    imported = {line.split("|")[-1].strip() for line in done.stderr.decode().splitlines()[1:]}
    for heavy in ("rich", "opencc", "regex", "shuangtan_cli.render", "shuangtan_cli.card"):
        assert heavy not in imported, heavy


def _path_env() -> dict[str, str]:
    bin_dir = str(installed_shuangtan().parent)
    return clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
@pytest.mark.parametrize(("words", "offered"), CASES[:6], ids=[" ".join(w) for w, _ in CASES[:6]])
def test_real_bash(words: tuple[str, ...], offered: list[str]) -> None:
    array = " ".join(f"'{word}'" for word in ("shuangtan", *words))
    script = (
        "source <(shuangtan completion bash)\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(words)}\n"
        "_shuangtan_completion shuangtan\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", script], env=_path_env(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").splitlines() == offered


@pytest.mark.skipif(shutil.which("fish") is None, reason="no fish")
@pytest.mark.parametrize(("words", "offered"), CASES[:6], ids=[" ".join(w) for w, _ in CASES[:6]])
def test_real_fish(words: tuple[str, ...], offered: list[str]) -> None:
    line = " ".join(("shuangtan", *words))
    script = f'shuangtan completion fish | source\ncomplete -C"{line}"\n'
    done = subprocess.run(
        ["fish", "--no-config", "-c", script],
        env=_path_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    values = [item.split("\t")[0] for item in done.stdout.decode("utf-8").splitlines()]
    assert sorted(values) == sorted(offered)  # fish sorts what it offers


@pytest.mark.skipif(shutil.which("zsh") is None, reason="no zsh")
def test_zsh_accepts_the_script() -> None:
    done = run_process("completion", "zsh")
    check = subprocess.run(
        ["zsh", "-n"], input=done.stdout, capture_output=True, timeout=60, check=False
    )
    assert check.returncode == 0, check.stderr
