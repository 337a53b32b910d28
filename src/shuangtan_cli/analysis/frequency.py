"""Frequencies grouped by any key: count, size, rate per 10,000 characters, dispersion.

The input is one entry per part (a speech): its group key (a province, a
region, a year, a month, a speaker, the speech itself …), the number of hits
in it and its size in characters (the record's ``length``: the characters of
the remarks, punctuation included).  Each group gets

* ``count``: the hits in its parts;
* ``size``: the characters of its parts;
* ``per_10k``: ``count × 10,000 / size``, the rate per 10,000 characters;
* ``parts``: how many parts it has, and ``range``: how many of them have a hit;
* ``dp``: Gries' DP of the hits over its parts (see :mod:`.dispersion`);
  None when the group has no hit.  A group of one part has DP 0.

Groups are listed in the order their first part came, so the caller's order
of parts (article order, date order …) decides the order of the rows.

    >>> group_frequencies([("华北", 2, 1000), ("华北", 0, 500), ("西北", 1, 250)])
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'key': '华北', 'count': 2, 'size': 1500, 'per_10k': 13.333333333333334, 'parts': 2,
      'range': 1, 'dp': 0.33333333333333337},
     {'key': '西北', 'count': 1, 'size': 250, 'per_10k': 40.0, 'parts': 1, 'range': 1, 'dp': 0.0}]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypedDict, TypeVar

from ..errors import ShuangtanError
from .dispersion import dp, range_of

Key = TypeVar("Key", bound=Hashable)

#: The denominator of ``per_10k``.
PER = 10_000


class GroupRow(TypedDict):
    """One group's frequency; the command renames ``key`` to the grouping's field."""

    key: Hashable
    count: int
    size: int
    per_10k: float
    parts: int
    range: int
    dp: float | None


def per_10k(count: int, size: int) -> float:
    """Hits per 10,000 characters."""
    if size <= 0:
        raise ShuangtanError(f"a rate needs a positive size, not {size}")
    return count * PER / size


def group_frequencies(parts: Iterable[tuple[Key, int, int]]) -> list[GroupRow]:
    """One row per group key, from (key, hits, size) for every part."""
    groups: dict[Key, tuple[list[int], list[int]]] = {}
    for key, count, size in parts:
        counts, sizes = groups.setdefault(key, ([], []))
        counts.append(count)
        sizes.append(size)
    rows: list[GroupRow] = []
    for key, (counts, sizes) in groups.items():
        count, size = sum(counts), sum(sizes)
        rows.append(
            {
                "key": key,
                "count": count,
                "size": size,
                "per_10k": per_10k(count, size),
                "parts": len(counts),
                "range": range_of(counts),
                "dp": dp(counts, sizes),
            }
        )
    return rows
