"""``shuangtan freq``: how often terms occur, per group, per 10,000 characters, and how evenly."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import click

from ..options import open_corpus, output_options, selection_options
from ..output import Output, Rows
from ..selection import Selection, select
from . import emit_drawn, emit_explanation, number

if TYPE_CHECKING:
    from ..corpus import Record

#: ``--by`` choices, and the field of a row that holds the group's key.
GROUPINGS = {
    "all": None,
    "province": "province",
    "region": "region",
    "division": "division",
    "year": "year",
    "month": "month",
    "speaker": "speaker",
    "speech": "id",
}
#: Groupings listed in time order, with every period between the first and last.
TIME_SERIES = ("year", "month")
#: The fields of a row after the group's key.
FREQ_FIELDS = ("term", "count", "size", "per_10k", "speeches", "range", "dp")


def group_key(speech: Record, grouping: str) -> Hashable:
    """The key of a speech's group: the value the record holds (year: a number; None
    for a user record without a date, or without a province)."""
    if grouping == "all":
        return None
    if grouping in ("year", "month"):
        if speech.date is None:
            return None
        return int(speech.date[:4]) if grouping == "year" else speech.date[:7]
    name = "id" if grouping == "speech" else grouping
    key: Hashable = speech.to_dict((name,))[name]
    return key


def _label(speech: Record, grouping: str, key: Hashable) -> str:
    """What a chart's row is called: the short name of a province, else the key."""
    if grouping == "all":
        return "all"
    if grouping == "province":
        return speech.province_short or "—"
    return "—" if key is None else str(key)


def _periods(keys: list[Any], grouping: str) -> list[Any]:
    """Every year, or every month, from the first key to the last."""
    if grouping == "year":
        return list(range(min(keys), max(keys) + 1))
    first, last = min(keys), max(keys)
    year, month = int(first[:4]), int(first[5:7])
    periods = []
    while f"{year:04d}-{month:02d}" <= last:
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


@click.command("freq")
@click.argument("terms", nargs=-1, required=True, metavar="TERM…")
@click.option("-E", "--regex", is_flag=True, help="Each TERM is a regular expression.")
@click.option("-i", "--ignore-case", is_flag=True, help="Ignore case (Latin letters).")
@click.option(
    "--by",
    "grouping",
    type=click.Choice(list(GROUPINGS), case_sensitive=False),
    default="all",
    show_default=True,
    help="Group the speeches by this key (all: the selection as one group).",
)
@click.option("--explain", is_flag=True, help="Print the formulas and sizes used instead.")
@selection_options
@output_options()
def command(
    terms: tuple[str, ...],
    regex: bool,
    ignore_case: bool,
    grouping: str,
    explain: bool,
    selection: Selection,
    output: Output,
) -> int:
    """Count each TERM in the remarks, per group: count, size, per 10,000 characters, DP.

    A TERM is a plain string (1+N means 1+N) unless -E is given; it folds
    across scripts and is counted as grep counts it. size is the characters
    of the group's remarks; range, the speeches with a hit; DP, Gries'
    deviation of proportions over the group's speeches. At a terminal: bars;
    --by year or month: a time series.

    \b
    Examples:
      shuangtan freq 兩高 --by province
      shuangtan freq 碳达峰 碳中和 --by month
      shuangtan freq 碳汇 --by region --json
      shuangtan freq 1+N 1+X --by speech --explain
    """
    from ..analysis.frequency import group_frequencies
    from ..counting import count_matches
    from ..search import Matcher

    grouping = grouping.lower()
    matchers = [Matcher(term, fixed=not regex, ignore_case=ignore_case) for term in terms]
    corpus = open_corpus(output)
    positions = select(corpus, selection)
    parts: list[tuple[Hashable, str, str, list[int], int]] = []  # key, label, id, counts, size
    for document, counts in count_matches(corpus, positions, matchers):
        speech = document.shown
        key = group_key(speech, grouping)
        parts.append((key, _label(speech, grouping, key), speech.id, counts, speech.length))
    if grouping in TIME_SERIES:
        parts.sort(key=lambda part: (part[0] is None, part[0] or 0))
    labels = {part[0]: part[1] for part in reversed(parts)}

    field = GROUPINGS[grouping]
    tables = [
        group_frequencies((key, counts[t], size) for key, _, _, counts, size in parts)
        for t in range(len(terms))
    ]
    rows: list[dict[str, Any]] = []
    for g in range(len(tables[0])):
        for t, term in enumerate(terms):
            group = tables[t][g]
            row: dict[str, Any] = {} if field is None else {field: group["key"]}
            row.update(
                term=term,
                count=group["count"],
                size=group["size"],
                per_10k=group["per_10k"],
                speeches=group["parts"],
                range=group["range"],
                dp=group["dp"],
                label=labels[group["key"]],
                shown_per_10k=number(group["per_10k"]),
                shown_dp=number(group["dp"], 3),
            )
            rows.append(row)

    if explain:
        from ..explain import explain_freq

        groups = [
            {"label": labels[group["key"]], "speeches": group["parts"], "size": group["size"]}
            for group in tables[0]
        ]
        example: dict[str, Any] | None = None
        found = next((row for row in rows if row["count"]), None)
        if found is not None:
            key, t = (found[field] if field else None), terms.index(found["term"])
            example = {name: found[name] for name in ("term", "label", "count", "size")}
            example |= {"per_10k": found["per_10k"], "dp": found["dp"]}
            example["parts"] = [
                (speech_id, counts[t], size)
                for key_, _, speech_id, counts, size in parts
                if key_ == key
            ]
        return emit_explanation(
            output,
            explain_freq(
                terms=terms, regex=regex, grouping=grouping, groups=groups, example=example
            ),
        )

    columns = ([field] if field else []) + list(FREQ_FIELDS)
    shown = ["term", "count", "size", "shown_per_10k", "speeches", "range", "shown_dp"]
    text = [field, *shown] if field else shown
    status = emit_drawn(
        output,
        Rows(rows, columns, text=text),
        lambda: _chart(rows, terms, grouping, output.env.size()[0]),
    )
    return status if any(row["count"] for row in rows) else 1


def _chart(
    rows: list[dict[str, Any]], terms: tuple[str, ...], grouping: str, width: int
) -> list[Any] | None:
    """Bars of the rate per 10,000 characters, one a group and term (a time series by date)."""
    from ..render import Bar, bar_chart

    several = len(terms) > 1

    def cells(label: str, row: dict[str, Any] | None, term: str) -> tuple[str, ...]:
        named = (label, term) if several else (label,)
        if row is None:
            return (*named, "", "", "", "")
        shown_range = f"{row['range']}/{row['speeches']}"
        return (
            *named,
            row["shown_per_10k"],
            str(row["count"]),
            shown_range,
            row["shown_dp"] or "—",
        )

    bars = [Bar(cells(row["label"], row, row["term"]), row["per_10k"]) for row in rows]
    if grouping in TIME_SERIES and rows:
        field = GROUPINGS[grouping]
        assert field is not None
        found = {(row[field], row["term"]): row for row in rows}
        keys = sorted({row[field] for row in rows} - {None})  # undated user records aside
        bars = []
        for period in _periods(keys, grouping) if keys else []:
            for term in terms:
                row = found.get((period, term))
                label = str(period)
                if row is None:
                    bars.append(Bar(cells(label, row, term), None, "no speeches"))
                else:
                    bars.append(Bar(cells(label, row, term), row["per_10k"]))
    heading = {"all": "Selection"}.get(grouping, grouping.capitalize())
    headers: tuple[str, ...] = (heading, "Term") if several else (heading,)
    headers += ("Per 10k", "Hits", "Range", "DP")
    caption = "Bars: hits per 10,000 characters. Range: speeches with a hit / speeches."
    chart = bar_chart(bars, headers, numeric=4, width=width, caption=caption)
    return None if chart is None else [chart]
