"""``shuangtan show``: speeches in full."""

from __future__ import annotations

from typing import Any

import click
from click.shell_completion import CompletionItem

from ..corpus import FIELDS
from ..options import open_corpus, output_options
from ..output import Output, View


def _complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Ids that begin with what was typed, and provinces by any spelling."""
    from ..corpus import load_corpus
    from ..places import complete_places
    from ..script import Script

    ids = [s.id for s in load_corpus(Script.SIMPLIFIED) if s.id.startswith(incomplete.lower())]
    items = [CompletionItem(i) for i in ids]
    if incomplete and not incomplete.isascii():
        items += [CompletionItem(place.short) for place, _ in complete_places(incomplete)]
    return items


@click.command("show")
@click.argument("ids", nargs=-1, required=True, metavar="ID…", shell_complete=_complete_ids)
@click.option("--no-pager", is_flag=True, help="Never page, even when longer than the screen.")
@output_options()
def command(ids: tuple[str, ...], no_pager: bool, output: Output) -> int:
    """Speeches in full: header, then the remarks.

    ID is an id (hebei), a number in article order (14) or any province alias
    (河北, 冀, Hebei).

    \b
    Examples:
      shuangtan show 河北
      shuangtan show 1 2 3 --no-pager
      shuangtan show tibet --script simplified --json
    """
    corpus = open_corpus(output)
    chosen = [corpus.speeches[i] for i in dict.fromkeys(corpus.index(ref) for ref in ids)]
    records = [speech.to_dict() for speech in chosen]

    def render() -> list[Any]:
        from ..render import speech_view

        return [speech_view(speech) for speech in chosen]

    view = View(
        data=records,
        rows=records,
        columns=FIELDS,
        text=lambda: "\n\n".join(speech.as_text() for speech in chosen) + "\n",
        render=render,
        page=not no_pager,
    )
    return output.emit(view)
