"""``shuangtan list``: one row per speech."""

from __future__ import annotations

import click

from ..options import open_corpus, output_options, selection_options
from ..output import Output
from ..selection import Selection
from . import list_rows


@click.command("list")
@selection_options
@output_options()
def command(selection: Selection, output: Output) -> int:
    """One row per speech: seq, province, speaker, date, occasion, length.

    \b
    Examples:
      shuangtan list --province 河北
      shuangtan list --region 西北 --sort date
      shuangtan list --since 2022 --json
    """
    corpus = open_corpus(output)
    return output.emit(list_rows(corpus, corpus.select(selection)))
