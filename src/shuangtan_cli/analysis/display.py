"""Display width: how many terminal columns text takes, and fitting text to a width.

A character's width is decided by its Unicode East Asian Width property
(UAX #11) and its general category:

* 2 columns: East Asian Wide (W) and Fullwidth (F): Han characters and the
  full-width punctuation of the corpus (，。、：；《》（）);
* 0 columns: combining marks (Mn, Me), format characters (Cf: zero-width
  joiners, soft hyphens …) and control characters (Cc);
* **ambiguous** (A) characters, which include the corpus's quotation marks
  “ ” ‘ ’ and the dash — , the ellipsis … and the middle dot · : 1 column by
  default, 2 with ``ambiguous_wide=True``;
* 1 column otherwise.

Why narrow by default: terminals disagree.  Terminals set up for CJK use
draw ambiguous characters in two columns; most terminals draw them in one
unless told otherwise (xterm's ``-cjk_width``, the "ambiguous-width
characters" setting of GNOME Terminal and iTerm2).  rich, which draws
shuangtan's tables, counts them as one column too, so narrow keeps a
concordance aligned with the tables beside it.  A user whose terminal draws
them wide turns the switch on.

The fitting functions never split a character: where a wide character would
straddle the edge, it is left out and the column it would have half-filled
is padded.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

from ..errors import ShuangtanError

_ZERO = frozenset({"Mn", "Me", "Cf", "Cc"})


@lru_cache(maxsize=4096)
def char_width(char: str, ambiguous_wide: bool = False) -> int:
    """The columns one character takes at a terminal."""
    if unicodedata.category(char) in _ZERO:
        return 0
    kind = unicodedata.east_asian_width(char)
    if kind in ("W", "F"):
        return 2
    if kind == "A":
        return 2 if ambiguous_wide else 1
    return 1


def display_width(text: str, *, ambiguous_wide: bool = False) -> int:
    """The columns ``text`` takes at a terminal."""
    return sum(char_width(char, ambiguous_wide) for char in text)


def fit_width(
    text: str,
    width: int,
    *,
    keep: Literal["start", "end"] = "start",
    ambiguous_wide: bool = False,
    fill: str = " ",
) -> str:
    """``text`` made exactly ``width`` columns wide.

    ``keep="start"`` keeps the beginning of the text, trims the end and pads on
    the right (for what follows a match); ``keep="end"`` keeps the end, trims
    the beginning and pads on the left (for what precedes a match).
    """
    if width < 0:
        raise ShuangtanError(f"a width cannot be negative, not {width}")
    if char_width(fill, ambiguous_wide) != 1:
        raise ShuangtanError(f"the fill {fill!r} must be one column wide")
    if keep not in ("start", "end"):
        raise ShuangtanError(f"keep must be 'start' or 'end', not {keep!r}")
    chars = text if keep == "start" else text[::-1]
    kept: list[str] = []
    used = 0
    for char in chars:
        columns = char_width(char, ambiguous_wide)
        if used + columns > width:
            if keep == "end":  # marks met before their base, which did not fit
                while kept and char_width(kept[-1], ambiguous_wide) == 0:
                    kept.pop()
            break
        kept.append(char)
        used += columns
    padding = fill * (width - used)
    if keep == "start":
        return "".join(kept) + padding
    return padding + "".join(reversed(kept))
