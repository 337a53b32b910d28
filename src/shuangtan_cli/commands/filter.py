"""``shuangtan filter``: whole records, the corpus as data."""

from __future__ import annotations

import click

from ..corpus import FIELDS
from ..formats import Format
from ..options import open_corpus, output_options, selection_options
from ..output import Output
from ..selection import Selection, select
from . import LIST_TABLE, speech_rows


def _parse_fields(text: str | None) -> tuple[str, ...]:
    if text is None:
        return FIELDS
    fields = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in fields if name not in FIELDS]
    if not fields:
        raise click.BadParameter("no fields given", param_hint="'--fields'")
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], FIELDS, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.BadParameter(
            f"unknown field '{unknown[0]}'{hint} (fields: {', '.join(FIELDS)})",
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

    JSON Lines by default, one record a line with the corpus field names.

    \b
    Examples:
      shuangtan filter --since 2022-01 | jq -r .speaker
      shuangtan filter --region 华东 --fields id,date,speaker --format csv
    """
    columns = _parse_fields(fields)
    corpus = open_corpus(output)
    chosen = [corpus.speeches[i] for i in select(corpus, selection)]
    return output.emit(speech_rows(chosen, columns, columns if fields else LIST_TABLE))
