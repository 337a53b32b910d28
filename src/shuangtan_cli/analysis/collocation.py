"""Collocates: the units that occur near the hits of a node, inside the hit's sentence.

This is *surface* co-occurrence in the sense of Evert (2008, "Corpora and
collocations", in Lüdeling & Kytö (eds.), *Corpus Linguistics. An
International Handbook*, article 58): a collocate is counted when it occurs
within a window of characters around a node hit.

**Node.**  The hits of a pattern (spans found by ``search.Matcher`` on the
canonical text).  ``f_x`` (``node_count``) is the number of hits.

**Window.**  For a hit [s, e) the window is the L characters before it and
the R characters after it, ``[s − L, s)`` and ``[e, e + R)``, counting every
character (punctuation too), and cut short at the edges of the hit's
sentence: from the start of the sentence holding the hit's first character
to the end of the sentence holding its last (sentences as
``search.sentence_spans`` makes them: each ends after 。！？ or ；, with any
closing quotation marks).  The node's own characters are never in its window.

**Units in a window.**  The units are those of the frequency list (n-grams
of Han runs, or terms), found by a tokenizer over the whole text, so that a
window holds exactly the tokens that are counted elsewhere.  A token is *in
the window* when it lies wholly inside the left part or wholly inside the
right part of one hit's window; a token that overlaps any hit (a 2-gram
straddling the node's edge, or the node itself when another hit is near) is
never counted.  Each token is counted once, even when it lies in the windows
of two hits close together, so a collocate's co-occurrence count never
exceeds its count.

**Frequencies.**

* ``f_xy`` (``co_count``): tokens of the collocate y in windows;
* ``f_y`` (``collocate_count``): tokens of y in all the texts of the selection;
* ``N``: tokens of all units in all the texts of the selection;
* ``R1`` (``window_tokens``): tokens of all units in windows.

**Contingency table** (Evert 2008, for surface co-occurrence)::

                 y                     not y
    in windows   O11 = f_xy            O12 = R1 − O11           R1
    elsewhere    O21 = f_y − O11       O22 = N − R1 − O21       N − R1
                 f_y                   N − f_y                  N

and ``E_ij = (row total × column total) / N``.  So ``E11 = R1·f_y / N``,
which is Evert's ``k·f_x·f_y / N`` with the window span ``k = R1 / f_x``,
the mean number of unit tokens in one hit's window (measured, not assumed:
windows are cut at sentence ends and at other hits).

**Statistics.**

* logDice (Rychlý 2008, "A lexicographer-friendly association score",
  RASLAN 2008: 6–9): ``14 + log2(2·f_xy / (f_x + f_y))``; at most 14;
* MI (pointwise mutual information): ``log2(O11 / E11)``;
* t-score: ``(O11 − E11) / √O11``;
* log-likelihood: ``2·Σ O_ij·ln(O_ij / E_ij)`` over the four cells, with
  0·ln 0 = 0 (Dunning 1993's G², as Evert 2008 gives it).  It is not signed:
  MI and t-score are negative when y is rarer near the node than elsewhere.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Literal, NamedTuple, TypedDict

from ..errors import ShuangtanError
from ..search import sentence_spans
from .units import Counts, Tokenizer

#: The largest window a user may ask for, in characters each side.
MAX_WINDOW = 1000

SortKey = Literal["log_dice", "mi", "t_score", "ll", "co_count"]
SORT_KEYS: tuple[SortKey, ...] = ("log_dice", "mi", "t_score", "ll", "co_count")


class Cooccurrence(NamedTuple):
    """What the windows around a node's hits hold."""

    co_counts: Counter[str]  # f_xy of each unit
    node_count: int  # f_x: hits
    window_tokens: int  # R1: unit tokens in windows

    @property
    def span(self) -> float:
        """k: the mean number of unit tokens in one hit's window."""
        return self.window_tokens / self.node_count if self.node_count else 0.0


class CollocateRow(TypedDict):
    collocate: str
    co_count: int
    node_count: int
    collocate_count: int
    log_dice: float
    mi: float
    t_score: float
    ll: float


def parse_window(text: str) -> tuple[int, int]:
    """A window typed as ``L,R`` (characters left and right) or ``N`` (both)."""
    left, comma, right = text.strip().partition(",")
    if not comma:
        right = left
    if not (left.strip().isdecimal() and right.strip().isdecimal()):
        raise ShuangtanError(f"bad window {text!r}: give L,R such as 5,5 (characters left, right)")
    return check_window((int(left), int(right)))


def check_window(window: tuple[int, int]) -> tuple[int, int]:
    left, right = window
    if left < 0 or right < 0 or left + right == 0:
        raise ShuangtanError(f"a window needs characters on at least one side, not {left},{right}")
    if max(left, right) > MAX_WINDOW:
        raise ShuangtanError(f"a window is at most {MAX_WINDOW} characters each side")
    return left, right


def hit_windows(
    text: str, hits: Sequence[tuple[int, int]], window: tuple[int, int]
) -> list[tuple[int, int]]:
    """The left and right parts of every hit's window, as spans of ``text`` (some may be empty)."""
    left, right = check_window(window)
    sentences = sentence_spans(text)
    ends = [end for _, end in sentences]
    parts = []
    for start, end in hits:
        if not 0 <= start < end <= len(text):
            raise ShuangtanError(f"hit {start}-{end} is not a span of a text of {len(text)}")
        first = sentences[bisect_right(ends, start)][0]  # the sentence holding text[start]
        last = ends[bisect_left(ends, end)]  # the end of the sentence holding text[end - 1]
        parts.append((max(start - left, first), start))
        parts.append((end, min(end + right, last)))
    return parts


def count_cooccurrences(
    texts: Iterable[tuple[str, Sequence[tuple[int, int]]]],
    tokenize: Tokenizer,
    window: tuple[int, int],
) -> Cooccurrence:
    """Count the unit tokens in the windows of the hits.

    ``texts`` gives each text holding hits with the hits' spans in it (texts
    without hits may be given too; they add nothing).  ``tokenize`` must find
    the same units that the frequency counts passed to :func:`collocate_rows`
    were made of.
    """
    co_counts: Counter[str] = Counter()
    node_count = 0
    window_tokens = 0
    for text, spans in texts:
        if not spans:
            continue
        hits = sorted(spans)
        node_count += len(hits)
        parts = sorted(part for part in hit_windows(text, hits, window) if part[0] < part[1])
        part_starts = [start for start, _ in parts]
        part_reach = list(accumulate((end for _, end in parts), max))
        hit_starts = [start for start, _ in hits]
        hit_reach = list(accumulate((end for _, end in hits), max))
        for token in tokenize(text):
            # Does a window part start at or before the token and reach its end?
            i = bisect_right(part_starts, token.start)
            if i == 0 or part_reach[i - 1] < token.end:
                continue
            # Does a hit start before the token's end and end after its start?
            j = bisect_left(hit_starts, token.end)
            if j and hit_reach[j - 1] > token.start:
                continue
            co_counts[token.unit] += 1
            window_tokens += 1
    return Cooccurrence(co_counts, node_count, window_tokens)


def _x_ln_x_over(x: float, expected: float) -> float:
    return 0.0 if x == 0 else x * math.log(x / expected)


def contingency(f_xy: int, f_y: int, window_tokens: int, size: int) -> tuple[int, int, int, int]:
    """Observed (O11, O12, O21, O22) for a collocate (see the module's table)."""
    o11, o12, o21 = f_xy, window_tokens - f_xy, f_y - f_xy
    o22 = size - window_tokens - o21
    if min(o11, o12, o21, o22) < 0:
        raise ShuangtanError(
            f"counts f_xy={f_xy}, f_y={f_y}, R1={window_tokens}, N={size} do not fit together "
            "(were the co-occurrences and the frequencies counted in the same units?)"
        )
    return o11, o12, o21, o22


def expected_table(observed: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    """E_ij = row total × column total / N for a 2×2 table (O11, O12, O21, O22)."""
    o11, o12, o21, o22 = observed
    size = o11 + o12 + o21 + o22
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    return r1 * c1 / size, r1 * c2 / size, r2 * c1 / size, r2 * c2 / size


def log_dice(f_xy: int, f_x: int, f_y: int) -> float:
    """Rychlý's logDice, 14 + log2(2·f_xy / (f_x + f_y))."""
    if f_xy <= 0:
        raise ShuangtanError("logDice needs a co-occurrence count of at least 1")
    return 14.0 + math.log2(2.0 * f_xy / (f_x + f_y))


def mutual_information(o11: float, e11: float) -> float:
    """Pointwise MI, log2(O11 / E11)."""
    return math.log2(o11 / e11)


def t_score(o11: float, e11: float) -> float:
    """(O11 − E11) / √O11."""
    return (o11 - e11) / math.sqrt(o11)


def table_log_likelihood(observed: tuple[int, int, int, int]) -> float:
    """G² = 2·Σ O·ln(O / E) over the four cells of a 2×2 table, 0·ln 0 = 0."""
    expected = expected_table(observed)
    return max(2.0 * sum(map(_x_ln_x_over, observed, expected)), 0.0)


def collocate_row(
    unit: str, f_xy: int, f_x: int, f_y: int, window_tokens: int, size: int
) -> CollocateRow:
    """Every association statistic of one collocate."""
    observed = contingency(f_xy, f_y, window_tokens, size)
    e11 = expected_table(observed)[0]
    return {
        "collocate": unit,
        "co_count": f_xy,
        "node_count": f_x,
        "collocate_count": f_y,
        "log_dice": log_dice(f_xy, f_x, f_y),
        "mi": mutual_information(f_xy, e11),
        "t_score": t_score(f_xy, e11),
        "ll": table_log_likelihood(observed),
    }


def collocate_rows(
    cooccurrence: Cooccurrence,
    counts: Counts,
    *,
    min_count: int = 1,
    sort_by: SortKey = "log_dice",
    top: int | None = None,
) -> list[CollocateRow]:
    """The collocates with ``co_count ≥ min_count``, best first by ``sort_by``.

    ``counts`` are the unit counts of the whole selection (``f_y`` and ``N``).
    Ties are broken by co_count, descending, then the collocate in code-point order.
    """
    if sort_by not in SORT_KEYS:
        raise ShuangtanError(f"unknown sort {sort_by!r}; choose from {', '.join(SORT_KEYS)}")
    if top is not None and top < 0:
        raise ShuangtanError(f"--top must be 0 or more, not {top}")
    rows = [
        collocate_row(
            unit,
            f_xy,
            cooccurrence.node_count,
            counts.counts[unit],
            cooccurrence.window_tokens,
            counts.size,
        )
        for unit, f_xy in cooccurrence.co_counts.items()
        if f_xy >= min_count
    ]

    def order(row: CollocateRow) -> tuple[float, int, str]:
        return (-row[sort_by], -row["co_count"], row["collocate"])

    return sorted(rows, key=order) if top is None else heapq.nsmallest(top, rows, key=order)
