"""``shuangtan show``: speeches in full."""

from __future__ import annotations

from typing import Any

import click
from click.shell_completion import CompletionItem

from ..errors import ShuangtanError
from ..formats import Format
from ..options import open_corpus, output_options
from ..output import Environment, Output, View


def _complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Ids that begin with what was typed, and (in the bundled corpus) provinces by any
    spelling."""
    from ..places import complete_places
    from ..script import Script

    try:
        corpus = open_corpus(Output(Format.TEXT, Script.SIMPLIFIED, "never", Environment()), ctx)
    except ShuangtanError:  # no corpus there: nothing to offer
        return []
    items = [CompletionItem(i) for i in corpus.complete_ids(incomplete)]
    if incomplete and not incomplete.isascii() and corpus.kind == "bundled":
        items += [CompletionItem(place.short) for place, _ in complete_places(incomplete)]
    return items


@click.command("show")
@click.argument("ids", nargs=-1, required=True, metavar="ID…", shell_complete=_complete_ids)
@click.option("--no-pager", is_flag=True, help="Never page, even when longer than the screen.")
@output_options()
def command(ids: tuple[str, ...], no_pager: bool, output: Output) -> int:
    """Speeches in full: header, then the remarks.

    ID is an id (hebei), a number in article order (14) or any province alias
    (河北, 冀, Hebei); in a user corpus, an id or a number in import order.

    \b
    Examples:
      shuangtan show 河北
      shuangtan show 1 2 3 --no-pager
      shuangtan show tibet --script simplified --json
    """
    corpus = open_corpus(output)
    chosen = list(corpus.records(dict.fromkeys(corpus.index(ref) for ref in ids)))
    records = [speech.to_dict(corpus.fields) for speech in chosen]

    def render() -> list[Any]:
        from ..render import speech_view

        return [speech_view(speech) for speech in chosen]

    view = View(
        data=records,
        rows=records,
        columns=corpus.fields,
        text=lambda: "\n\n".join(speech.as_text() for speech in chosen) + "\n",
        render=render,
        page=not no_pager,
    )
    return output.emit(view)
