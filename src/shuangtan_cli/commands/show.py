"""``shuangtan show``: speeches in full."""

from __future__ import annotations

from typing import Any

import click

from ..errors import ShuangtanError
from ..options import complete_speeches, open_corpus, output_options
from ..output import Output, View
from ..refs import parse_ref, resolve_ref


@click.command("show")
@click.argument("ids", nargs=-1, required=True, metavar="ID…", shell_complete=complete_speeches)
@click.option("--no-pager", is_flag=True, help="Never page, even when longer than the screen.")
@output_options()
def command(ids: tuple[str, ...], no_pager: bool, output: Output) -> int:
    """Speeches in full: header, then the remarks.

    ID is an id (hebei), a number in article order (14) or any province alias
    (河北, 冀, Hebei), or a hit's reference (hebei:1:238-240, the ref field of
    grep and kwic), whose span is highlighted at a terminal; in a user corpus,
    an id, a number in import order or a reference.

    \b
    Examples:
      shuangtan show 河北
      shuangtan show 1 2 3 --no-pager
      shuangtan show tibet --script simplified --json
      shuangtan show hebei:1:238-240
    """
    corpus = open_corpus(output)
    marks: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for ref in ids:
        if ":" in ref and corpus.kind != "bundled":  # a user's id may hold a colon
            try:
                marks.setdefault(corpus.index(ref), {})
                continue
            except ShuangtanError:
                pass
        if ":" not in ref:
            marks.setdefault(corpus.index(ref), {})
            continue
        position, hit = resolve_ref(corpus, parse_ref(ref))
        spans = marks.setdefault(position, {})
        if hit is not None and hit.paragraph is not None:  # the dateline is not shown
            spans.setdefault(hit.paragraph, []).append((hit.start, hit.end))
    chosen = list(corpus.records(marks))
    records = [speech.to_dict(corpus.fields) for speech in chosen]

    def render() -> list[Any]:
        from ..render import speech_view

        return [
            speech_view(speech, spans) for speech, spans in zip(chosen, marks.values(), strict=True)
        ]

    view = View(
        data=records,
        rows=records,
        columns=corpus.fields,
        text=lambda: "\n\n".join(speech.as_text() for speech in chosen) + "\n",
        render=render,
        page=not no_pager,
    )
    return output.emit(view)
