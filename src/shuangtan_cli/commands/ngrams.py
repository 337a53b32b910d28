"""``shuangtan ngrams``: the most frequent character n-grams (or terms, or words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..counting import Units, count_units, shown_units
from ..options import open_corpus, output_options, selection_options, unit_options
from ..output import Output, Rows
from ..selection import Selection, select

#: An n-gram row: the unit, its tokens and the speeches holding it.
NGRAM_FIELDS = ("ngram", "count", "range")
F = TypeVar("F", bound=Callable[..., Any])

#: How many rows by default.
DEFAULT_TOP = 20


def top_option(default: int = DEFAULT_TOP) -> Callable[[F], F]:
    """``--top N``: at most N rows, 0 for all."""
    return click.option(
        "--top",
        type=click.IntRange(min=0),
        default=default,
        show_default=True,
        metavar="N",
        help="At most N rows (0: all).",
    )


@click.command("ngrams")
@unit_options
@top_option()
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Only units with at least N tokens.",
)
@click.option(
    "--min-range",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Only units in at least N speeches.",
)
@selection_options
@output_options()
def command(
    units: Units,
    top: int,
    min_count: int,
    min_range: int,
    selection: Selection,
    output: Output,
) -> int:
    """The most frequent character n-grams of the remarks, with their range.

    An n-gram is n consecutive Han characters inside a run of Han characters:
    punctuation, digits, Latin letters and quotation marks break a run.
    count is its tokens; range, the speeches holding it. --terms counts the
    bundled 双碳 vocabulary as whole terms instead; --words, words (rjieba).

    \b
    Examples:
      shuangtan ngrams -n 2 --top 10
      shuangtan ngrams -n 3-4 --min-range 5 --region 西北
      shuangtan ngrams --terms --json
    """
    from ..analysis.units import ngram_rows

    corpus = open_corpus(output)
    positions = select(corpus, selection)
    counts = count_units(corpus, positions, units)
    found = ngram_rows(counts, top=top or None, min_count=min_count, min_range=min_range)
    rows: list[dict[str, Any]] = [dict(row) for row in found]
    shown = shown_units(corpus, positions, units, (row["ngram"] for row in found))
    for row in rows:
        row["ngram"] = shown[row["ngram"]]
    return output.emit(
        Rows(rows, NGRAM_FIELDS, headers={"ngram": unit_header(units), "count": "Count"})
    )


def unit_header(units: Units) -> str:
    """The heading of a table's unit column."""
    return {"terms": "Term", "words": "Word"}.get(units.kind, "N-gram")
