"""``shuangtan collocates``: what keeps company with a pattern, within a window of its hits."""

from __future__ import annotations

from typing import Any

import click

from ..counting import Units, count_units, hit_texts, shown_units
from ..options import open_corpus, output_options, pattern_options, selection_options, unit_options
from ..output import Output, Rows
from ..search import Matcher
from ..selection import Selection, select
from . import emit_explanation, number
from .ngrams import top_option, unit_header

#: A collocate row (see analysis.collocation for each statistic).
COLLOCATE_FIELDS = (
    "collocate",
    "co_count",
    "node_count",
    "collocate_count",
    "log_dice",
    "mi",
    "t_score",
    "ll",
)
RANKINGS = ("log_dice", "mi", "t_score", "ll", "co_count")
DEFAULT_WINDOW = "5,5"


class WindowType(click.ParamType):  # type: ignore[type-arg]
    name = "window"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        from ..analysis.collocation import parse_window
        from ..errors import ShuangtanError

        try:
            return parse_window(value)
        except ShuangtanError as error:
            self.fail(str(error), param, ctx)


@click.command("collocates")
@pattern_options
@click.option(
    "--window",
    type=WindowType(),
    default=DEFAULT_WINDOW,
    show_default=True,
    metavar="L,R",
    help="L characters before each hit and R after it (within its sentence).",
)
@unit_options
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    metavar="N",
    help="Only collocates found N times or more in the windows.",
)
@click.option(
    "--rank-by",
    type=click.Choice(RANKINGS, case_sensitive=False),
    default="log_dice",
    show_default=True,
    help="The statistic that orders the rows (highest first).",
)
@top_option()
@click.option("--explain", is_flag=True, help="Print the formulas and sizes used instead.")
@selection_options
@output_options()
def command(
    matcher: Matcher,
    window: tuple[int, int],
    units: Units,
    min_count: int,
    rank_by: str,
    top: int,
    explain: bool,
    selection: Selection,
    output: Output,
) -> int:
    """Collocates of PATTERN: the units near its hits, with logDice, MI, t-score and LL.

    PATTERN is a regular expression as in grep (-F for a plain string). A
    unit counts when it lies wholly inside the window of a hit, within the
    hit's sentence; units as in ngrams (-n, --terms, --words).

    \b
    Examples:
      shuangtan collocates 碳
      shuangtan collocates 绿色 --window 0,4 --rank-by ll --top 10
      shuangtan collocates 碳达峰 --terms --min-count 1 --json
    """
    from ..analysis.collocation import collocate_rows, count_cooccurrences

    corpus = open_corpus(output)
    positions = select(corpus, selection)
    counts = count_units(corpus, positions, units)
    cooccurrence = count_cooccurrences(
        hit_texts(corpus, positions, matcher), units.tokenizer(), window
    )
    found = collocate_rows(
        cooccurrence,
        counts,
        min_count=min_count,
        sort_by=rank_by.lower(),  # type: ignore[arg-type]
        top=top or None,
    )
    shown = shown_units(corpus, positions, units, (row["collocate"] for row in found))
    rows: list[dict[str, Any]] = []
    for collocate in found:
        row: dict[str, Any] = dict(collocate)
        row["collocate"] = shown[collocate["collocate"]]
        for name in ("log_dice", "mi", "t_score", "ll"):
            row[f"shown_{name}"] = number(row[name])
        rows.append(row)

    if explain:
        from ..explain import explain_collocates

        shown_filters = (
            f"co_count ≥ {min_count}; sorted by {rank_by.lower()}, descending, then by co_count, "
            f"then by the collocate; {'all rows' if not top else f'the first {top}'}"
        )
        return emit_explanation(
            output,
            explain_collocates(
                pattern=matcher.pattern,
                units=units.label,
                window=window,
                node_count=cooccurrence.node_count,
                window_tokens=cooccurrence.window_tokens,
                size=counts.size,
                filters=shown_filters,
                example={name: rows[0][name] for name in COLLOCATE_FIELDS} if rows else None,
            ),
        )

    text = (
        "collocate",
        "co_count",
        "collocate_count",
        "shown_log_dice",
        "shown_mi",
        "shown_t_score",
        "shown_ll",
    )
    headers = {
        "collocate": unit_header(units),
        "co_count": "Near",
        "collocate_count": "Total",
        "shown_log_dice": "logDice",
        "shown_mi": "MI",
        "shown_t_score": "t",
        "shown_ll": "LL",
    }
    return output.emit(Rows(rows, COLLOCATE_FIELDS, text=text, table=text, headers=headers))
