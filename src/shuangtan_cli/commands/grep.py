"""``shuangtan grep``: where a phrase occurs."""

from __future__ import annotations

import click

from ..formats import Marked
from ..options import open_corpus, output_options, selection_options
from ..output import Output, Rows
from ..search import HIT_FIELDS, Matcher
from ..selection import Selection
from . import LIST_TABLE, corpus_rows, list_rows

#: A count row: the speech, and its number of hits.
COUNT_FIELDS = ("id", "seq", "province", "speaker", "date", "count")


@click.command("grep")
@click.argument("pattern")
@click.option("-F", "--fixed-strings", "fixed", is_flag=True, help="PATTERN is a plain string.")
@click.option("-i", "--ignore-case", is_flag=True, help="Ignore case (Latin letters).")
@click.option("-c", "--count", is_flag=True, help="Count hits per speech.")
@click.option(
    "-l", "--files-with-matches", "with_matches", is_flag=True, help="Speeches with a hit."
)
@click.option("-v", "--invert-match", "without_matches", is_flag=True, help="Speeches with no hit.")
@click.option("-o", "--only-matching", is_flag=True, help="Show the matched text only.")
@click.option(
    "-C",
    "--context",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="N sentences of context before and after.",
)
@click.option(
    "-A", "--after-context", type=click.IntRange(min=0), metavar="N", help="N sentences after."
)
@click.option(
    "-B", "--before-context", type=click.IntRange(min=0), metavar="N", help="N sentences before."
)
@click.option(
    "-m", "--max-count", type=click.IntRange(min=1), metavar="N", help="At most N hits per speech."
)
@click.option("--lead", is_flag=True, help="Search the datelines too.")
@selection_options
@output_options()
def command(
    pattern: str,
    fixed: bool,
    ignore_case: bool,
    count: bool,
    with_matches: bool,
    without_matches: bool,
    only_matching: bool,
    context: int,
    after_context: int | None,
    before_context: int | None,
    max_count: int | None,
    lead: bool,
    selection: Selection,
    output: Output,
) -> int:
    """Search the remarks for PATTERN, in Simplified or Traditional.

    PATTERN is a regular expression in the syntax of the regex module
    (\\p{Han}, classes, alternation …) unless -F is given; 兩高 and 两高 find
    the same passages. Each hit shows the sentence around it, the match
    highlighted; -A/-B/-C widen that by whole sentences.

    \b
    Examples:
      shuangtan grep 兩高
      shuangtan grep 两高 --province 陕西 -C 1
      shuangtan grep '碳(达峰|中和)' -c
      shuangtan grep 氢能 -v --json
    """
    if sum((count, with_matches, without_matches)) > 1:
        raise click.UsageError("-c, -l and -v cannot be combined")
    matcher = Matcher(pattern, fixed=fixed, ignore_case=ignore_case)
    corpus = open_corpus(output)
    positions = corpus.select(selection)

    if count or with_matches or without_matches:
        counts = corpus.count_hits(positions, matcher, include_lead=lead, max_per_speech=max_count)
        if count:
            wanted = [i for i, n in counts.items() if n]
            counted = corpus_rows(corpus, wanted, COUNT_FIELDS[:-1]).rows
            for row, i in zip(counted, wanted, strict=True):
                row["count"] = counts[i]
            return output.emit(Rows(counted, COUNT_FIELDS, table=(*LIST_TABLE[:4], "count")))
        wanted = [i for i, n in counts.items() if (n > 0) == with_matches]
        return output.emit(list_rows(corpus, wanted))

    before = context if before_context is None else before_context
    after = context if after_context is None else after_context
    rows = []
    for hit in corpus.find_hits(positions, matcher, include_lead=lead, max_per_speech=max_count):
        row = hit.to_dict(before, after)
        if only_matching:
            row["snippet"] = Marked(hit.match, ((0, hit.end - hit.start),))
        else:
            start = hit.start - row["context_start"]
            row["snippet"] = Marked(row["context"], ((start, start + hit.end - hit.start),))
        row["province_short"] = hit.speech.province_short
        rows.append(row)
    return output.emit(
        Rows(
            rows,
            HIT_FIELDS,
            text=("province", "speaker", "date", "snippet"),
            table=("province_short", "speaker", "date", "snippet"),
            headers={"snippet": "Match" if only_matching else "Context"},
        )
    )
