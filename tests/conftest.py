"""Fixtures for the tests; the helpers they use live in ``helpers.py``.

* ``run``: invoke the real ``shuangtan`` command in-process, check its exit
  status and return the result (stdout and stderr apart).
* ``golden``: compare a rendering with a file in tests/golden/; ``UPDATE_GOLDEN=1``
  rewrites the files instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pytest
from click.testing import Result
from helpers import GOLDEN, Golden, Run, describe, invoke
from hypothesis import settings

from shuangtan_cli.output import Environment

# Property tests (test_properties.py): "ci" by default, "long" for a long run
# (--hypothesis-profile=long).  No deadline: a case may run a process.
settings.register_profile("ci", max_examples=250, deadline=None)
settings.register_profile("long", max_examples=20_000, deadline=None)
settings.load_profile("ci")


@pytest.fixture
def run() -> Run:
    """Invoke ``shuangtan ARGS…`` and check its exit status.

    The command must exit with ``status`` and must not end in an uncaught exception
    (CliRunner would report one as exit status 1, which looks like "nothing found").
    """

    def check(
        *args: str,
        status: int = 0,
        env: Mapping[str, str | None] | None = None,
        terminal: Environment | None = None,
    ) -> Result:
        result = invoke(*args, env=env, terminal=terminal)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            pytest.fail(describe(args, result, "raised an exception"), pytrace=False)
        if result.exit_code != status:
            problem = f"exit status {result.exit_code}, expected {status}"
            pytest.fail(describe(args, result, problem), pytrace=False)
        return result

    return check


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
