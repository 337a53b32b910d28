"""Concordance lines (key word in context) and their sort keys.

A line is the match with the text before it (``left``) and after it
(``right``), ``width`` characters each side at most, never crossing the edge
of the text it is given (a paragraph: the command decides what a text is)::

    >>> kwic("要坚决遏制“两高”项目盲目发展。", 6, 8, 4)
    Concordance(left='决遏制“', match='两高', right='”项目盲')

Sorting follows AntConc's levels, with one **character** as the unit of a
level, because Chinese text has no spaces to mark words: ``1R`` is the first
character after the match, ``2R`` the second, ``1L`` the first character
before the match (reading outwards, as AntConc does), ``3L`` the third before
it, and ``M`` is the match itself.  Every character is a level, punctuation
and quotation marks included, so 1R of “两高”项目 is ”.  A level beyond the
edge of the text is the empty string, which sorts before every character.
Characters compare by code point (for Han characters this is roughly by
radical and stroke count, not by pinyin); equal keys keep the order the
caller gave, as Python's sort is stable.

    >>> levels = parse_levels("1R,2R")
    >>> sort_key("碳达峰和碳中和", 0, 1, levels), sort_key("碳达峰和碳中和", 4, 5, levels)
    (('达', '峰'), ('中', '和'))

:func:`fit_line` fits a line to a number of terminal columns on each side
(see :mod:`.display` for the widths), keeping the characters nearest the match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from ..errors import ShuangtanError
from .display import fit_width


class Concordance(NamedTuple):
    left: str
    match: str
    right: str


class Level(NamedTuple):
    """A sort level: ``side`` L or R with a distance from the match, or M for the match."""

    side: Literal["L", "R", "M"]
    distance: int  # 1 is next to the match; 0 for M

    def __str__(self) -> str:
        return "M" if self.side == "M" else f"{self.distance}{self.side}"


def kwic(text: str, start: int, end: int, width: int) -> Concordance:
    """The match ``text[start:end]`` with up to ``width`` characters each side."""
    if not 0 <= start <= end <= len(text):
        raise ShuangtanError(f"span {start}-{end} is not inside a text of {len(text)} characters")
    if width < 0:
        raise ShuangtanError(f"a context width cannot be negative, not {width}")
    return Concordance(
        text[max(start - width, 0) : start], text[start:end], text[end : end + width]
    )


def parse_levels(spec: str) -> tuple[Level, ...]:
    """Sort levels typed as ``1R,2R,3R``, ``1L`` or ``M`` (commas or spaces between)."""
    levels = []
    for word in spec.replace(",", " ").split():
        word = word.upper()
        if word == "M":
            levels.append(Level("M", 0))
            continue
        number, side = word[:-1], word[-1:]
        if side not in ("L", "R") or not number.isdecimal() or int(number) < 1:
            raise ShuangtanError(
                f"bad sort level {word!r}: give 1R, 2R … (characters after the match), "
                "1L, 2L … (before it) or M (the match)"
            )
        levels.append(Level("L" if side == "L" else "R", int(number)))
    if not levels:
        raise ShuangtanError("no sort levels given: use for example 1R,2R,3R")
    return tuple(levels)


def level_key(text: str, start: int, end: int, level: Level) -> str:
    """The characters a level sorts on for the match text[start:end]."""
    if level.side == "M":
        return text[start:end]
    if level.side == "R":
        position = end + level.distance - 1
        return text[position] if position < len(text) else ""
    position = start - level.distance
    return text[position] if position >= 0 else ""


def sort_key(text: str, start: int, end: int, levels: Sequence[Level]) -> tuple[str, ...]:
    """The sort key of a concordance line: one string per level."""
    return tuple(level_key(text, start, end, level) for level in levels)


def fit_line(
    line: Concordance, left_columns: int, right_columns: int, *, ambiguous_wide: bool = False
) -> Concordance:
    """The line with its contexts trimmed or padded to exact display widths.

    The left context keeps its end (the characters next to the match) and is
    padded on the left; the right context keeps its start and is padded on
    the right, so the matches of many lines align in one column.
    """
    return Concordance(
        fit_width(line.left, left_columns, keep="end", ambiguous_wide=ambiguous_wide),
        line.match,
        fit_width(line.right, right_columns, keep="start", ambiguous_wide=ambiguous_wide),
    )
