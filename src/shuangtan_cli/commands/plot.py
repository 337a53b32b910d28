"""``shuangtan plot``: where in each speech a pattern falls (a dispersion plot, as AntConc's)."""

from __future__ import annotations

from typing import Any

import click

from ..counting import PLOT_PARTS
from ..formats import NULL, Format
from ..options import open_corpus, output_options, pattern_options, selection_options
from ..output import Output, Rows, View
from ..search import Matcher
from ..selection import Selection, select
from . import number

#: A plot row: the speech, its length, its hits and where they fall.
PLOT_FIELDS = ("id", "seq", "province", "speaker", "date", "length", "count", "dp", "offsets")
#: What a strip is drawn with: the speech, and a hit.
BACKGROUND, MARK = "-", "|"
#: The fewest columns a strip may have.
STRIP_MIN = 10


def strip(offsets: list[int], length: int, columns: int) -> str:
    """A strip ``columns`` wide with a mark in the column of each hit."""
    from ..analysis.dispersion import strip_columns

    cells = [BACKGROUND] * columns
    for column in strip_columns((offset / length for offset in offsets), columns):
        cells[column] = MARK
    return "".join(cells)


@click.command("plot")
@pattern_options
@selection_options
@output_options()
def command(matcher: Matcher, selection: Selection, output: Output) -> int:
    """A dispersion plot: one strip per speech with a hit, a mark where each hit falls.

    The strip is the speech's remarks read as one text, first character at
    the left; beside it, the hits and their DP over the speech cut into 8
    equal parts (0: even, near 1: bunched). PATTERN is a regular expression
    as in grep (-F for a plain string).

    \b
    Examples:
      shuangtan plot 碳汇
      shuangtan plot '碳(达峰|中和)' --region 华东
      shuangtan plot 兩高 --json
    """
    from ..analysis.dispersion import dp
    from ..counting import document_hit_lists, equal_parts

    corpus = open_corpus(output)
    positions = select(corpus, selection)
    rows: list[dict[str, Any]] = []
    counts, sizes = [], []
    for document, hits in document_hit_lists(corpus, positions, matcher):
        speech = document.shown
        counts.append(len(hits))
        sizes.append(speech.length)
        if not hits:
            continue
        starts = [0]
        for paragraph in speech.paragraphs:
            starts.append(starts[-1] + len(paragraph))
        offsets = [starts[hit.paragraph or 0] + hit.start for hit in hits]
        row = speech.to_dict(PLOT_FIELDS[:6])
        row.update(count=len(hits), dp=dp(*equal_parts(offsets, speech.length)), offsets=offsets)
        label = speech.province_short or NULL  # a user's national record has no province
        row.update(province_short=label, shown_dp=number(row["dp"], 3))
        rows.append(row)
    overall = dp(counts, sizes) if positions else None
    result = Rows(rows, PLOT_FIELDS)
    if output.format not in (Format.TABLE, Format.TEXT) or not rows:
        return output.emit(result)
    width = output.env.size()[0]
    lines = _lines(rows, width)
    if lines is None:  # too narrow for strips: the numbers alone
        text = ("province_short", "count", "shown_dp")
        return output._replace(format=Format.TEXT).emit(Rows(rows, PLOT_FIELDS, text=text))
    caption = (
        f"{len(rows)} of {len(positions)} speeches with a hit; DP over each speech's "
        f"{PLOT_PARTS} equal parts. DP over the {len(positions)} speeches: {number(overall, 3)}."
    )

    def render() -> list[Any]:
        from ..render import dispersion_plot

        return [dispersion_plot(lines, MARK, caption)]

    view = View(
        data=result.data(),
        rows=rows,
        columns=PLOT_FIELDS,
        render=render,
        text=lambda: "".join("  ".join(line).rstrip() + "\n" for line in lines),
    )
    return output.emit(view)


def _lines(rows: list[dict[str, Any]], width: int) -> list[tuple[str, str, str, str]] | None:
    """Each row as aligned cells: label, hits, DP and the strip filling the rest of ``width``."""
    from ..analysis.display import display_width, fit_width

    label_cols = max(display_width(row["province_short"]) for row in rows)
    count_cols = max(len("Hits"), *(len(str(row["count"])) for row in rows))
    dp_cols = max(len(row["shown_dp"]) for row in rows)
    columns = width - label_cols - count_cols - dp_cols - 6
    if columns < STRIP_MIN:
        return None
    return [
        (
            fit_width(row["province_short"], label_cols),
            str(row["count"]).rjust(count_cols),
            row["shown_dp"].rjust(dp_cols),
            strip(row["offsets"], row["length"], columns),
        )
        for row in rows
    ]
