"""The promises of test_properties.py, on a user corpus, and for import.

The same random command lines (every command, option and value, random
Unicode everywhere) run against a small imported corpus; and random sources
(random fields, values and bytes) are imported.  Each run ends as promised:
0, 1 or 2; on 2 one ``Error:`` line, the last on stderr, after import's own
problem lines (``file:line: …``) and nothing on stdout.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from corpus_helpers import documents, import_corpus, write_jsonl
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import ANY_CHAR, COMMAND_LINES, ENVIRONMENTS, _environ_safe, check_ending

from shuangtan_cli import search

CORPUS: Path | None = None


@pytest.fixture(scope="module", autouse=True)
def corpus(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The corpus, a short budget per paragraph, and a folder of its own to run in (a
    random ``export -o PATH`` or ``import -o DIR`` writes there, not in the repository)."""
    global CORPUS
    folder = tmp_path_factory.mktemp("property")
    CORPUS = import_corpus([write_jsonl(folder / "docs.jsonl", documents(31, 30))], folder / "c")
    saved, here = search.DEFAULT_TIMEOUT, os.getcwd()
    search.DEFAULT_TIMEOUT = 0.2
    os.chdir(tmp_path_factory.mktemp("cases"))
    yield None
    os.chdir(here)
    search.DEFAULT_TIMEOUT = saved


@settings(
    max_examples=max(20, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(args=COMMAND_LINES, env=ENVIRONMENTS)
def test_any_command_line_on_a_user_corpus_ends_as_promised(
    args: list[str], env: dict[str, str]
) -> None:
    env = {key: value for key, value in env.items() if _environ_safe(value)}
    full = ["--corpus", str(CORPUS), *args]
    result = invoke(*full, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError((full, env)) from result.exception
    check_ending(result.exit_code, result.stdout, result.stderr, (full, env))


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(ANY_CHAR, max_size=6),
    st.lists(st.text(ANY_CHAR, max_size=4), max_size=3),
    st.sampled_from(["河北", "冀", "河比", "2021", "2021-13", "2021-05-01", ""]),
)
FIELD = st.sampled_from(
    [
        "id",
        "province",
        "date",
        "speaker",
        "title",
        "paragraphs",
        "text",
        "length",
        "han_chars",
        "seq",
        "meta",
        "Province",
        "batch",
    ]
)
LINES = st.lists(
    st.one_of(
        st.dictionaries(FIELD, VALUES, max_size=5).map(lambda d: json.dumps(d, ensure_ascii=False)),
        st.text(ANY_CHAR, max_size=20),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=max(20, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(lines=LINES)
def test_import_of_anything_ends_as_promised(
    lines: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("anything")
    source = folder / "any.jsonl"
    source.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    result = invoke("import", str(source), "-o", str(folder / "c"), "--max-errors", "3")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(lines) from result.exception
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 2:
        stderr = result.stderr.splitlines()
        assert stderr[-1].startswith("Error: ") and result.stdout == ""
        assert len(stderr) <= 4 and all(not line.startswith("Error") for line in stderr[:-1])
        assert all(line.startswith(str(source)) for line in stderr[:-1])
        assert not (folder / "c").exists()
    else:
        assert result.stderr == "" and (folder / "c").is_dir()
