"""``shuangtan keywords``: what the selection says more often than the rest (keyness)."""

from __future__ import annotations

from typing import Any

import click

from ..counting import Units, count_units, shown_units
from ..options import (
    against_options,
    complete_thresholds,
    open_corpus,
    output_options,
    selection_options,
    unit_options,
)
from ..output import Output, Rows
from ..selection import Selection, select
from . import emit_explanation, number, p_value
from .ngrams import top_option, unit_header

#: A keyword row (see analysis.keyness for each statistic).
KEYWORD_FIELDS = (
    "ngram",
    "study_count",
    "ref_count",
    "study_size",
    "ref_size",
    "ll",
    "p",
    "log_ratio",
    "pct_diff",
)
#: The least log-likelihood shown by default: p < 0.05.
DEFAULT_MIN_LL = 3.84
DIRECTIONS = ("positive", "negative", "both")


def describe(corpus_ids: list[str], whole: int) -> str:
    """A corpus side in a few words: how many speeches, and which when few."""
    count = len(corpus_ids)
    named = ", ".join(corpus_ids[:5]) + (", …" if count > 5 else "")
    return f"{count} of {whole} speeches ({named})"


@click.command("keywords")
@unit_options
@click.option(
    "--min-ll",
    type=click.FloatRange(min=0),
    default=DEFAULT_MIN_LL,
    show_default=True,
    metavar="LL",
    shell_complete=complete_thresholds,
    help="Only rows with LL ≥ LL: 3.84 (p < 0.05), 6.63 (0.01), 10.83 (0.001), 15.13 (0.0001).",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Only units with N tokens or more on the side where they are more frequent.",
)
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS, case_sensitive=False),
    default="positive",
    show_default=True,
    help="positive: more frequent in the selection; negative: less; both.",
)
@top_option()
@click.option("--explain", is_flag=True, help="Print the formulas and sizes used instead.")
@selection_options
@against_options
@output_options()
def command(
    units: Units,
    min_ll: float,
    min_count: int,
    direction: str,
    top: int,
    explain: bool,
    selection: Selection,
    against: Selection | None,
    output: Output,
) -> int:
    """Keywords of the selection against the rest of the corpus, by log-likelihood.

    The selection options choose the study corpus; the reference is every
    other speech, or the speeches the --against-… options choose (less any
    in the study corpus). Units as in ngrams (-n, --terms, --words). For
    each: its counts, Rayson's log-likelihood and p, Hardie's Log Ratio and
    %DIFF.

    \b
    Examples:
      shuangtan keywords --province 河北
      shuangtan keywords --region 西北 --against-region 华东 --top 10
      shuangtan keywords --since 2022 --terms --min-ll 0 --direction both
      shuangtan keywords -p 广东 --explain
    """
    from ..analysis.keyness import keyword_rows
    from ..errors import ShuangtanError

    corpus = open_corpus(output)
    study = select(corpus, selection)
    if not study:
        return output.emit(Rows([], KEYWORD_FIELDS))
    chosen = set(study)
    candidates = range(len(corpus)) if against is None else select(corpus, against)
    reference = [i for i in candidates if i not in chosen]
    if not reference:
        what = "every speech the --against options choose" if against else "every speech"
        raise ShuangtanError(
            f"the reference corpus is empty: the selection holds {what}; "
            "narrow the selection or choose a reference with --against-…"
        )
    study_counts = count_units(corpus, study, units)
    ref_counts = count_units(corpus, reference, units)
    c, d = units.keyness_size(study_counts), units.keyness_size(ref_counts)
    found = keyword_rows(
        study_counts.counts,
        ref_counts.counts,
        c,
        d,
        min_ll=min_ll,
        min_count=min_count,
        direction=direction.lower(),  # type: ignore[arg-type]
        top=top or None,
    )
    shown = shown_units(corpus, [*study, *reference], units, (row["ngram"] for row in found))
    rows: list[dict[str, Any]] = []
    for keyword in found:
        row: dict[str, Any] = dict(keyword)
        row["ngram"] = shown[keyword["ngram"]]
        row["shown_ll"] = number(row["ll"])
        row["shown_p"] = p_value(row["p"])
        row["shown_log_ratio"] = number(row["log_ratio"])
        row["shown_pct_diff"] = number(row["pct_diff"], 1)
        rows.append(row)

    if explain:
        from ..explain import explain_keywords

        ids = {
            row["seq"] - 1: row["id"] for row in corpus.rows([*study, *reference], ("id", "seq"))
        }
        shown_filters = (
            f"LL ≥ {min_ll:g}; at least {min_count} token{'s' if min_count != 1 else ''} on the "
            f"side where the unit is more frequent; direction {direction.lower()}; sorted by LL, "
            f"descending, then by the unit; {'all rows' if not top else f'the first {top}'}"
        )
        return emit_explanation(
            output,
            explain_keywords(
                units=units.label,
                size_unit=units.keyness_size_unit,
                study=describe([ids[i] for i in study], len(corpus)),
                reference=describe([ids[i] for i in reference], len(corpus)),
                study_size=c,
                ref_size=d,
                filters=shown_filters,
                example={name: rows[0][name] for name in KEYWORD_FIELDS} if rows else None,
            ),
        )

    text = (
        "ngram",
        "study_count",
        "ref_count",
        "shown_ll",
        "shown_p",
        "shown_log_ratio",
        "shown_pct_diff",
    )
    headers = {
        "ngram": unit_header(units),
        "study_count": "Study",
        "ref_count": "Ref",
        "shown_ll": "LL",
        "shown_p": "p",
        "shown_log_ratio": "Log ratio",
        "shown_pct_diff": "%DIFF",
    }
    return output.emit(Rows(rows, KEYWORD_FIELDS, text=text, table=text, headers=headers))
