"""``shuangtan kwic``: a concordance, one line per hit, aligned on the match."""

from __future__ import annotations

from typing import Any

import click

from ..formats import NULL, Format, Marked
from ..options import LevelsType, open_corpus, output_options, pattern_options, selection_options
from ..output import Output, Rows
from ..search import HIT_FIELDS, Matcher, find_hits
from ..selection import Selection, select
from . import emit_drawn

#: A concordance row: the fields of a grep hit, then the contexts.
KWIC_FIELDS = (*HIT_FIELDS, "left", "right")
#: Characters of context each side where no terminal decides (text, JSON, CSV).
DEFAULT_WIDTH = 15
#: The most characters of context each side that may be asked for.
MAX_WIDTH = 1000


@click.command("kwic")
@pattern_options
@click.option(
    "-w",
    "--width",
    type=click.IntRange(min=0, max=MAX_WIDTH),
    metavar="N",
    help=f"N characters of context each side [default: fill the terminal; {DEFAULT_WIDTH} "
    "in other formats].",
)
@click.option(
    "--levels",
    type=LevelsType(),
    metavar="LEVELS",
    help="Sort by context: 1R,2R … (characters after the match), 1L … (before), M (the match).",
)
@click.option(
    "--ambiguous-wide",
    is_flag=True,
    help="Count “ ” — … as two columns, as terminals set up for CJK draw them.",
)
@selection_options
@output_options()
def command(
    matcher: Matcher,
    width: int | None,
    levels: Any,
    ambiguous_wide: bool,
    selection: Selection,
    output: Output,
) -> int:
    """Key word in context: each hit of PATTERN with the text before and after it.

    PATTERN is a regular expression as in grep (-F for a plain string) and
    finds the same hits in either script. Contexts stay inside the hit's
    paragraph. --levels sorts the lines by the characters around the match,
    as AntConc does; ties keep the selection's order (--sort).

    \b
    Examples:
      shuangtan kwic 兩高
      shuangtan kwic 碳汇 --levels 1L,2L --width 10
      shuangtan kwic '碳(达峰|中和)' --region 西北 --json
    """
    corpus = open_corpus(output)
    hits = list(find_hits(corpus, select(corpus, selection), matcher))
    if levels:
        from ..analysis.concordance import sort_key

        hits.sort(key=lambda hit: sort_key(hit.text, hit.start, hit.end, levels))
    fill = width is None and output.format is Format.TABLE
    chars = DEFAULT_WIDTH if width is None else width
    rows = []
    for hit in hits:
        row = hit.to_dict()
        # analysis.concordance.kwic's contexts, without its import on the way to JSON.
        row["left"] = hit.text[max(hit.start - chars, 0) : hit.start]
        row["right"] = hit.text[hit.end : hit.end + chars]
        row["marked"] = Marked(hit.match, ((0, hit.end - hit.start),))
        if fill:  # the renderer trims what does not fit
            row["shown_left"], row["shown_right"] = hit.text[: hit.start], hit.text[hit.end :]
        row["province_short"] = hit.speech.province_short
        rows.append(row)

    def draw() -> list[Any] | None:
        from ..render import Line, concordance

        lines = [
            Line(
                row["province_short"] or NULL,  # a user's national record: no province
                row.get("shown_left", row["left"]),
                row["match"],
                row.get("shown_right", row["right"]),
            )
            for row in rows
        ]
        drawn = concordance(
            lines, width=output.env.size()[0], fill=fill, ambiguous_wide=ambiguous_wide
        )
        return None if drawn is None else [drawn]

    result = Rows(rows, KWIC_FIELDS, text=("ref", "left", "marked", "right"))
    return emit_drawn(output, result, draw)
