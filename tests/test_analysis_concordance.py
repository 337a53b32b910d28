"""Concordance lines, sort levels and display widths."""

from __future__ import annotations

import pytest
from analysis_oracles import occurrences, paragraphs
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from shuangtan_cli.analysis.concordance import (
    Concordance,
    Level,
    fit_line,
    kwic,
    level_key,
    parse_levels,
    sort_key,
)
from shuangtan_cli.analysis.display import char_width, display_width, fit_width
from shuangtan_cli.errors import ShuangtanError

# --- kwic -------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [0, 3, 10, 40])
def test_lines_of_every_hit_fit_back_into_their_paragraph(width: int) -> None:
    seen = 0
    for text in paragraphs():
        for start in occurrences(text, "两高"):
            line = kwic(text, start, start + 2, width)
            assert line.match == "两高"
            assert len(line.left) == min(width, start)
            assert len(line.right) == min(width, len(text) - start - 2)
            assert text[start - len(line.left) : start + 2 + len(line.right)] == "".join(line)
            seen += 1
    assert seen == 8


def test_kwic_errors() -> None:
    with pytest.raises(ShuangtanError, match="span"):
        kwic("碳达峰", 2, 4, 3)
    with pytest.raises(ShuangtanError, match="negative"):
        kwic("碳达峰", 0, 1, -1)


# --- sort levels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "levels"),
    [
        ("1R,2R,3R", (Level("R", 1), Level("R", 2), Level("R", 3))),
        ("1l 3L", (Level("L", 1), Level("L", 3))),
        ("M,1R", (Level("M", 0), Level("R", 1))),
        ("m", (Level("M", 0),)),
    ],
)
def test_parse_levels(spec: str, levels: tuple[Level, ...]) -> None:
    assert parse_levels(spec) == levels
    assert ",".join(map(str, levels)) == spec.upper().replace(" ", ",")


@pytest.mark.parametrize("spec", ["", " , ", "0R", "R", "1X", "2", "1RR", "-1L"])
def test_parse_levels_refuses(spec: str) -> None:
    with pytest.raises(ShuangtanError, match="sort level"):
        parse_levels(spec)


def test_level_keys_are_characters_counted_from_the_match() -> None:
    text = "要坚决遏制“两高”项目"
    start, end = 6, 8
    assert level_key(text, start, end, Level("R", 1)) == "”"  # punctuation is a level too
    assert level_key(text, start, end, Level("R", 2)) == "项"
    assert level_key(text, start, end, Level("L", 1)) == "“"
    assert level_key(text, start, end, Level("L", 2)) == "制"
    assert level_key(text, start, end, Level("M", 0)) == "两高"
    assert level_key(text, start, end, Level("R", 4)) == ""  # past the end
    assert level_key(text, start, end, Level("L", 7)) == ""  # before the start


def test_sorting_lines_by_1r_then_2r() -> None:
    lines = []
    for i, text in enumerate(paragraphs()):
        lines += [(i, s) for s in occurrences(text, "碳")]
    levels = parse_levels("1R,2R")

    def key(line: tuple[int, int]) -> tuple[str, ...]:
        i, s = line
        return sort_key(paragraphs()[i], s, s + 1, levels)

    ordered = sorted(lines, key=key)
    after = [paragraphs()[i][s + 1 : s + 3] for i, s in ordered]
    assert after == sorted(after)  # two characters after the match, in code-point order
    # Equal keys keep the order they came in (Python's sort is stable).
    same = [line for line in ordered if key(line) == ("达", "峰")]
    assert same == sorted(same) and len(same) == 76


# --- display widths ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "narrow", "wide"),
    [
        ("两高", 4, 4),
        ("“两高”", 6, 8),
        ("1+N", 3, 3),
        ("—…·", 3, 6),
        ("，。、：；《》（）", 18, 18),
        ("e\u0301", 1, 1),  # a combining accent takes no column
        ("a\u200db", 2, 2),  # nor does a zero-width joiner
        ("", 0, 0),
    ],
)
def test_display_width_by_hand(text: str, narrow: int, wide: int) -> None:
    assert display_width(text) == narrow
    assert display_width(text, ambiguous_wide=True) == wide


def test_narrow_widths_agree_with_rich_on_every_character_of_the_corpus() -> None:
    for char in {char for text in paragraphs() for char in text}:
        assert char_width(char) == cell_len(char), char


@pytest.mark.parametrize(
    ("text", "width", "keep", "wide", "expected"),
    [
        ("两高项目", 5, "start", False, "两高 "),  # 项 would need columns 5 and 6
        ("两高项目", 5, "end", False, " 项目"),
        ("两高项目", 8, "start", False, "两高项目"),
        ("两高项目", 10, "end", False, "  两高项目"),
        ("两高项目", 0, "start", False, ""),
        ("两高项目", 1, "end", False, " "),
        ("“两高”", 7, "start", False, "“两高” "),
        ("“两高”", 7, "start", True, "“两高 "),
        ("“两高”", 7, "end", True, " 两高”"),
    ],
)
def test_fit_width_by_hand(text: str, width: int, keep: str, wide: bool, expected: str) -> None:
    got = fit_width(text, width, keep=keep, ambiguous_wide=wide)  # type: ignore[arg-type]
    assert got == expected
    assert display_width(got, ambiguous_wide=wide) == width


def test_fit_width_drops_marks_whose_base_did_not_fit() -> None:
    assert fit_width("两e\u0301", 1, keep="end") == "e\u0301"
    assert fit_width("两\u0301", 1, keep="end") == " "
    assert fit_width("两\u0301", 1, keep="start") == " "


def test_fit_width_errors() -> None:
    with pytest.raises(ShuangtanError, match="negative"):
        fit_width("两", -1)
    with pytest.raises(ShuangtanError, match="one column"):
        fit_width("两", 3, fill="　")
    with pytest.raises(ShuangtanError, match="keep"):
        fit_width("两", 3, keep="middle")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="碳达峰“”—…·，。1N+ae\u0301", max_size=25),
    st.integers(0, 30),
    st.sampled_from(["start", "end"]),
    st.booleans(),
)
def test_fit_width_is_exact_and_keeps_a_prefix_or_suffix(
    text: str, width: int, keep: str, wide: bool
) -> None:
    got = fit_width(text, width, keep=keep, ambiguous_wide=wide)  # type: ignore[arg-type]
    assert display_width(got, ambiguous_wide=wide) == width
    kept = got.rstrip(" ") if keep == "start" else got.lstrip(" ")
    if " " not in text:
        assert text.startswith(kept) if keep == "start" else text.endswith(kept)


def test_fit_line_aligns_the_match() -> None:
    line = kwic("要坚决遏制“两高”项目盲目发展。", 6, 8, 10)
    fitted = fit_line(line, 9, 7)
    assert fitted == Concordance("坚决遏制“", "两高", "”项目盲")
    assert display_width(fitted.left) == 9 and display_width(fitted.right) == 7
    wide = fit_line(line, 9, 7, ambiguous_wide=True)
    assert display_width(wide.left, ambiguous_wide=True) == 9
