"""The analysis modules' docstring examples run and print what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys

import pytest

import shuangtan_cli.analysis

MODULES = sorted(info.name for info in pkgutil.iter_modules(shuangtan_cli.analysis.__path__))


def test_every_module_is_listed_in_the_package_docstring() -> None:
    doc = shuangtan_cli.analysis.__doc__ or ""
    assert MODULES and all(f"``{name}``" in doc for name in MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"shuangtan_cli.analysis.{name}")
    assert module.__doc__, f"{name} has no module docstring"
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_importing_the_analysis_modules_pulls_in_nothing_heavy() -> None:
    # No click or rich (library code), and regex, opencc and rjieba only when used.
    code = (
        "import sys\n"
        f"for name in {MODULES!r}:\n"
        "    __import__('shuangtan_cli.analysis.' + name)\n"
        "print(sorted({'click', 'rich', 'regex', 'opencc', 'rjieba'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
