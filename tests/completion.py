"""Tab completion as a shell asks for it: the installed command, click's bash protocol."""

from __future__ import annotations

from helpers import clean_env, run_process


def offered(*words: str) -> list[str]:
    """What the installed command offers for the last of ``words`` (which may be '')."""
    env = clean_env(
        COMP_WORDS=" ".join(("shuangtan", *words)),
        COMP_CWORD=str(len(words)),
        _SHUANGTAN_COMPLETE="bash_complete",
    )
    done = run_process(env=env)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert all(line.startswith("plain,") for line in lines), lines
    return [line.removeprefix("plain,") for line in lines]
