"""``shuangtan filter``: whole records, the corpus as data."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..formats import Format
from ..options import open_corpus, output_options, selection_options
from ..output import Output
from ..selection import Selection
from . import LIST_TABLE, USER_LIST_TABLE, corpus_rows


def _parse_fields(text: str | None, known: Sequence[str]) -> tuple[str, ...]:
    if text is None:
        return tuple(known)
    fields = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in fields if name not in known]
    if not fields:
        raise click.BadParameter("no fields given", param_hint="'--fields'")
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.BadParameter(
            f"unknown field '{unknown[0]}'{hint} (fields: {', '.join(known)})",
            param_hint="'--fields'",
        )
    return fields


@click.command("filter")
@selection_options
@click.option(
    "--fields", metavar="A,B,…", help="Only these fields, in this order (comma-separated)."
)
@output_options(default=Format.JSONL)
def command(selection: Selection, fields: str | None, output: Output) -> int:
    """Whole records of the selected speeches: the corpus as data.

    JSON Lines by default, one record a line with the corpus field names
    (a user corpus's records have fields of their own: see the README).

    \b
    Examples:
      shuangtan filter --since 2022-01 | jq -r .speaker
      shuangtan filter --region 华东 --fields id,date,speaker --format csv
    """
    corpus = open_corpus(output)
    columns = _parse_fields(fields, corpus.fields)
    table = LIST_TABLE if corpus.kind == "bundled" else USER_LIST_TABLE
    chosen = corpus.select(selection)
    return output.emit(corpus_rows(corpus, chosen, columns, columns if fields else table))
