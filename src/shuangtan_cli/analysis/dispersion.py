"""Dispersion: how evenly a unit's hits spread over the parts of a corpus.

The parts are speeches; a part's size is its length in characters (the
records' ``length`` field, punctuation included), which is also the size that
``per_10k`` rates use.

* **Range**: the number of parts with at least one hit.
* **DP**, deviation of proportions (Gries 2008, "Dispersions and adjusted
  frequencies in corpora", IJCL 13(4): 403–437).  With ``v_i`` the hits in
  part i, ``f`` their sum and ``s_i`` part i's share of the corpus size::

      DP = ½ · Σ |v_i / f − s_i|

  0 means the hits are spread exactly in proportion to the parts' sizes; the
  closer to 1, the more they crowd into a few parts.
* **DP normalised** (Lijffijt & Gries 2012, "Correction to Stefan Th. Gries'
  'Dispersions and adjusted frequencies in corpora'", IJCL 17(1): 147–149)
  divides by the largest value DP can take for these sizes, which is reached
  when all hits fall in the smallest part::

      DPnorm = DP / (1 − min s_i)

  so it reaches 1 whatever the sizes.  It is undefined for a single part.

Both are None when there are no hits (f = 0): no number is invented.

For a dispersion plot, :func:`hit_fraction` places a hit at its offset in the
whole speech, as a fraction of the speech's length (0 at the first character).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import ShuangtanError


def _shares(counts: Sequence[int], sizes: Sequence[int]) -> tuple[int, list[float]]:
    if len(counts) != len(sizes):
        raise ShuangtanError(f"{len(counts)} counts for {len(sizes)} parts")
    if not sizes:
        raise ShuangtanError("dispersion needs at least one part")
    if any(size <= 0 for size in sizes):
        raise ShuangtanError("every part must have a positive size")
    if any(count < 0 for count in counts):
        raise ShuangtanError("counts cannot be negative")
    total = sum(sizes)
    return sum(counts), [size / total for size in sizes]


def range_of(counts: Iterable[int]) -> int:
    """The number of parts with at least one hit."""
    return sum(1 for count in counts if count > 0)


def dp(counts: Sequence[int], sizes: Sequence[int]) -> float | None:
    """Gries' DP of hits ``counts`` over parts of ``sizes``; None if there are no hits."""
    hits, shares = _shares(counts, sizes)
    if hits == 0:
        return None
    return 0.5 * sum(abs(count / hits - share) for count, share in zip(counts, shares, strict=True))


def dp_norm(counts: Sequence[int], sizes: Sequence[int]) -> float | None:
    """DP divided by 1 − the smallest part's share (Lijffijt & Gries 2012).

    None if there are no hits or only one part.
    """
    value = dp(counts, sizes)
    _, shares = _shares(counts, sizes)
    if value is None or len(shares) < 2:
        return None
    return value / (1.0 - min(shares))


def hit_fraction(paragraph_lengths: Sequence[int], paragraph: int, start: int) -> float:
    """Where a hit falls in its speech: its offset in the remarks, read as one text
    (paragraphs one after another), divided by the length of the remarks."""
    if not 0 <= paragraph < len(paragraph_lengths):
        raise ShuangtanError(f"no paragraph {paragraph} in a speech of {len(paragraph_lengths)}")
    if not 0 <= start < paragraph_lengths[paragraph]:
        raise ShuangtanError(f"offset {start} is outside paragraph {paragraph}")
    return (sum(paragraph_lengths[:paragraph]) + start) / sum(paragraph_lengths)


def strip_columns(fractions: Iterable[float], width: int) -> list[int]:
    """The column (0 … width − 1) of a strip ``width`` columns wide where each hit falls."""
    if width < 1:
        raise ShuangtanError(f"a strip must be at least 1 column wide, not {width}")
    return [min(int(fraction * width), width - 1) for fraction in fractions]
