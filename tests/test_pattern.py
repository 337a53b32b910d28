"""Regular expressions under budgets: compile size and depth, wall-clock time, memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import shuangtan_cli as st
from shuangtan_cli.pattern import (
    MAX_DEPTH,
    MAX_SIZE,
    PatternError,
    RunawayPattern,
    check_pattern,
    compile_pattern,
    timed_spans,
)


@pytest.mark.parametrize(
    "pattern",
    [
        "a{4294967294}",
        "a{100001}",
        "(a{1000}){1000}",
        "((ab){400}){400}",
        "x{0,4294967295}",
        "碳{" + "9" * 5000 + "}",
    ],
)
def test_patterns_too_large_to_compile_are_refused_before_compiling(pattern: str) -> None:
    started = time.monotonic()
    with pytest.raises(PatternError, match="repeats too much"):
        check_pattern(pattern)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(
    "pattern",
    [
        "a{100000}",
        r"\p{Han}{2,4}",
        r"\u4e00{3}",
        "a{,5}b{3,}",
        "[{}]{3}",
        r"\{9999999\}",
        "a{x}",
        "(?#{99999999})碳",
        "碳{1,2}(达峰|中和){0,3}",
    ],
)
def test_ordinary_patterns_pass(pattern: str) -> None:
    check_pattern(pattern)
    compile_pattern(pattern, pattern)


def test_nesting_is_bounded() -> None:
    deep = "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(PatternError, match="nests groups"):
        check_pattern(deep)
    fine = "(" * 50 + "a" + ")" * 50
    compile_pattern(fine, fine)
    with pytest.raises(PatternError, match="nests"):  # 350 deep: RecursionError in regex
        compile_pattern("(" * 350 + "a" + ")" * 350, "(((")


def test_the_size_limit_is_what_the_docs_say() -> None:
    check_pattern(f"a{{{MAX_SIZE}}}")
    with pytest.raises(PatternError):
        check_pattern(f"a{{{MAX_SIZE + 1}}}")


def test_the_budget_is_wall_clock_per_text() -> None:
    compiled = compile_pattern(r"((.)|(.))*\d{9}", "p")
    started = time.monotonic()
    with pytest.raises(RunawayPattern, match="longer than 0.3 s"):
        list(timed_spans(compiled, "a" * 60, 0.3, "p"))
    assert time.monotonic() - started < 3


def test_a_slow_search_that_progresses_is_not_cut_off() -> None:
    """Many matches over a long text take longer than one CPU slice; all are found."""
    text = "碳达峰，" * 200_000  # 800,000 characters
    compiled = compile_pattern(r"(?<=，)碳\p{Han}{2}", "p")
    started = time.monotonic()
    spans = list(timed_spans(compiled, text, 30.0, "p"))
    assert len(spans) == 199_999 and spans[0] == (4, 7)
    assert time.monotonic() - started < 30


def test_time_between_spans_is_the_callers() -> None:
    compiled = compile_pattern("碳", "碳")
    found = []
    for span in timed_spans(compiled, "碳。" * 5, 0.2, "碳"):
        time.sleep(0.1)  # the caller's time does not count against the pattern
        found.append(span)
    assert len(found) == 5


def test_reverse_patterns_report_spans_in_text_order() -> None:
    compiled = compile_pattern("(?r)碳.", "(?r)碳.")
    assert list(timed_spans(compiled, "碳达峰碳中和", 1.0, "p")) == [(0, 2), (3, 5)]


def test_the_runaway_error_names_the_paragraph() -> None:
    corpus = st.load_corpus()
    matcher = st.Matcher(r"((.)|(.))*\d{9}", timeout=0.2)
    with pytest.raises(RunawayPattern, match=r"beijing, paragraph 0 \(254 characters\)"):
        list(st.find_hits(corpus, range(len(corpus)), matcher))


def test_control_characters_in_a_pattern_are_escaped_in_its_error() -> None:
    with pytest.raises(PatternError) as caught:
        st.Matcher("\x1b[31m(")
    assert "\x1b" not in str(caught.value) and "\\x1b[31m(" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="busy processes as on POSIX")
def test_the_budget_holds_on_a_busy_machine() -> None:
    """With more busy processes than cores, a CPU-time budget of 1 s takes several
    seconds of wall-clock time; the wall-clock budget stays near 1 s."""
    busy = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(4 * (os.cpu_count() or 1))
    ]
    try:
        time.sleep(0.2)
        compiled = compile_pattern(r"((.)|(.))*\d{9}", "p")
        started = time.monotonic()
        with pytest.raises(RunawayPattern):
            list(timed_spans(compiled, "a" * 60, 1.0, "p"))
        elapsed = time.monotonic() - started
    finally:
        for process in busy:
            process.kill()
            process.wait()
    assert elapsed < 3.0, elapsed
