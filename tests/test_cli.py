"""Every error: exit status 2, exactly one ``Error: …`` line on stderr, nothing on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from helpers import ROOT, Run, assert_one_error_line, clean_env

from shuangtan_cli.cli import COMMANDS


def error(run: Run, *args: str, env: dict[str, str | None] | None = None) -> str:
    return assert_one_error_line(run(*args, status=2, env=env))


# --- patterns -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "position"),
    [("碳(达峰", "position 4"), ("[abc", "position 4"), ("a{2,1}", "position"), (r"\p{Nope}", "")],
)
def test_bad_regex_says_where(run: Run, pattern: str, position: str) -> None:
    line = error(run, "grep", pattern)
    assert pattern in line
    assert position in line


def test_bad_regex_is_fine_as_a_fixed_string(run: Run) -> None:
    run("grep", "-F", "碳(达峰", status=1)


def test_empty_pattern(run: Run) -> None:
    assert "empty" in error(run, "grep", "").lower()


def test_pathological_regex_is_stopped(run: Run) -> None:
    started = time.monotonic()
    line = error(run, "grep", r"((.)|(.))*\d{9}")
    elapsed = time.monotonic() - started
    assert elapsed < 10
    assert r"((.)|(.))*\d{9}" in line
    assert "longer than" in line or "time" in line.lower()


def test_count_with_files_with_matches(run: Run) -> None:
    error(run, "grep", "碳", "-c", "-l")
    error(run, "grep", "碳", "-l", "-v")
    error(run, "grep", "碳", "--count", "--invert-match")


@pytest.mark.parametrize("option", ["-C", "-A", "-B", "-m"])
def test_negative_counts(run: Run, option: str) -> None:
    error(run, "grep", "碳", option, "-1")


def test_max_count_zero(run: Run) -> None:
    error(run, "grep", "碳", "-m", "0")


def test_missing_pattern(run: Run) -> None:
    error(run, "grep")


# --- provinces and ids ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suggestion"), [("河比", "河北"), ("hebie", "河北"), ("Guangdon", "广东")]
)
def test_unknown_province_suggests(run: Run, name: str, suggestion: str) -> None:
    line = error(run, "list", "--province", name)
    assert name in line and "did you mean" in line and suggestion in line


def test_unknown_province_with_nothing_close(run: Run) -> None:
    line = error(run, "grep", "碳", "--province", "Atlantis")
    assert "Atlantis" in line


def test_unknown_id(run: Run) -> None:
    line = error(run, "show", "hebie")
    assert "hebie" in line and "河北" in line


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["2022-13", "2022-00", "2022-02-30", "2021-02-29", "2022-04-31", "yesterday", "2022/01", "22"],
)
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_bad_date(run: Run, option: str, value: str) -> None:
    line = error(run, "list", option, value)
    assert value in line and option in line


def test_since_after_until(run: Run) -> None:
    line = error(run, "list", "--since", "2022-02", "--until", "2022-01-31")
    assert "--since" in line and "--until" in line
    error(run, "filter", "--since", "2022", "--until", "2021")
    error(run, "grep", "碳", "--since", "2021-06-02", "--until", "2021-06-01")


# --- option values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["list", "--format", "xml"], "xml"),
        (["filter", "-f", "yaml"], "yaml"),
        (["show", "1", "--format", "html"], "html"),
        (["list", "--sort", "name"], "name"),
        (["list", "--script", "klingon"], "klingon"),
        (["grep", "碳", "-s", "cyrillic"], "cyrillic"),
        (["list", "--division", "county"], "county"),
        (["list", "--region", "middle earth"], "middle earth"),
        (["list", "--color", "sometimes"], "sometimes"),
        (["filter", "--fields", "id,nmae"], "nmae"),
        (["list", "--limit", "-1"], "-1"),
        (["list", "--limit", "many"], "many"),
        (["list", "--bogus"], "--bogus"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_values(run: Run, args: list[str], mentions: str) -> None:
    assert mentions in error(run, *args)


def test_unknown_field_suggests_the_close_one(run: Run) -> None:
    line = error(run, "filter", "--fields", "id,speeker")
    assert "speaker" in line


def test_empty_fields(run: Run) -> None:
    error(run, "filter", "--fields", ",")


def test_bad_script_in_the_environment(run: Run) -> None:
    line = error(run, "list", env={"SHUANGTAN_SCRIPT": "klingon"})
    assert "klingon" in line and "SHUANGTAN_SCRIPT" in line


# --- the group: small, and each command loaded only when it runs -------------------------------


def test_the_group_is_small() -> None:
    """cli.py only assembles the group: the commands live in commands/, one module each."""
    source = (ROOT / "src" / "shuangtan_cli" / "cli.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 150
    for name, module in COMMANDS.items():
        assert (ROOT / "src" / "shuangtan_cli" / "commands" / f"{module}.py").is_file(), name


def loaded_by(*args: str) -> set[str]:
    """The modules of the package and of rich, regex and opencc that running ARGS imports."""
    code = (
        "import sys\n"
        "from shuangtan_cli.cli import cli\n"
        "try:\n"
        f"    cli({list(args)!r}, prog_name='shuangtan')\n"
        "except SystemExit:\n"
        "    pass\n"
        "wanted = ('shuangtan_cli', 'rich', 'regex', 'opencc')\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in wanted), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=clean_env(), timeout=60, check=False
    )
    return set(done.stderr.decode().split())


def test_a_command_loads_only_its_own_module() -> None:
    found = loaded_by("list", "--json")
    commands = {m for m in found if m.startswith("shuangtan_cli.commands.")}
    assert commands == {"shuangtan_cli.commands.list"}
    for heavy in ("rich", "regex", "opencc", "shuangtan_cli.render", "shuangtan_cli.search"):
        assert heavy not in found, heavy


def test_rich_only_for_a_table_and_regex_only_for_a_regular_expression() -> None:
    assert "rich" in loaded_by("list", "--format", "table")
    literal = loaded_by("grep", "兩高", "--json")
    assert "regex" not in literal and "rich" not in literal and "opencc" not in literal
    assert "regex" in loaded_by("grep", "碳(达峰|中和)", "-c")


def test_help_lists_every_command(run: Run) -> None:
    out = run("--help").stdout
    for name in COMMANDS:
        assert f"  {name} " in out, name


# --- contradictions and emptiness ----------------------------------------------------------------


def test_json_and_another_format_contradict(run: Run) -> None:
    line = error(run, "list", "--json", "--format", "csv")
    assert "--json" in line and "csv" in line
    assert run("list", "--json", "--format", "json").stdout == run("list", "--json").stdout


@pytest.mark.parametrize("option", ["--speaker", "--contains"])
@pytest.mark.parametrize("value", ["", "  ", "\u3000"])
def test_an_empty_text_option_is_an_error_as_an_empty_pattern_is(
    run: Run, option: str, value: str
) -> None:
    assert option in error(run, "list", option, value)
    assert option in error(run, "grep", "碳", option, value)


def test_a_reverse_pattern_reports_hits_in_text_order(run: Run) -> None:
    forward = json.loads(run("grep", "碳.", "--json").stdout)
    backward = json.loads(run("grep", "(?r)碳.", "--json").stdout)
    key = [(h["seq"], h["paragraph"], h["start"]) for h in backward]
    assert key == sorted(key) and len(backward) == len(forward)


# --- what the user typed is echoed inert -----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("x\x1b]0;pwned\x07", "x\\x1b]0;pwned\\x07"),
        ("河\u202e北", "河\\u202e北"),
        ("a\nError: fake", "a\\x0aError: fake"),
        ("零\u200b宽", "零\\u200b宽"),
    ],
)
def test_errors_echo_control_and_bidi_characters_escaped(run: Run, typed: str, shown: str) -> None:
    for args in (("list", "-p", typed), ("show", typed), ("grep", f"({typed}")):
        line = error(run, *args)
        assert shown in line, args


def test_a_huge_argument_is_cut_short_in_its_error(run: Run) -> None:
    line = error(run, "list", "-p", "x" * 100_000)
    assert len(line) < 1200 and "characters)" in line
