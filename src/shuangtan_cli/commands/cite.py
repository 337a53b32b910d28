"""``shuangtan cite``: a passage to quote, and the citation to print with it."""

from __future__ import annotations

from typing import Any

import click

from ..citation import STYLES
from ..options import complete_speeches, open_corpus, output_options
from ..output import Output, View

#: A citation row: the reference, the span, the quotation, the citation.
CITE_FIELDS = (
    "ref",
    "id",
    "paragraph",
    "start",
    "end",
    "match",
    "quotation",
    "quotation_start",
    "style",
    "citation",
)
#: How the span is marked in the quotation in plain text (Markdown's bold).
MARK = "**"


@click.command("cite")
@click.argument("refs", nargs=-1, required=True, metavar="REF…", shell_complete=complete_speeches)
@click.option(
    "--style",
    type=click.Choice(STYLES, case_sensitive=False),
    default="plain",
    show_default=True,
    help="plain, gbt7714 (GB/T 7714-2015 order) or chicago.",
)
@output_options()
def command(refs: tuple[str, ...], style: str, output: Output) -> int:
    """The quotation and citation of each REF: the sentence holding it, and its source.

    REF is a hit's ref (ID:PARAGRAPH:START-END, as grep and kwic give it) or
    an id for the speech as a whole. The sentence is printed with the span
    marked (**…** in text), then the speaker, their title, the occasion,
    the date and the compilation; what the source does not state is said
    to be not stated.

    \b
    Examples:
      shuangtan cite hebei:1:238-240
      shuangtan cite shandong:1:6-8 --style gbt7714
      shuangtan grep 碳汇 -p 广东 --json | jq -r '.[].ref' | xargs shuangtan cite
    """
    from ..citation import citation, quotation, user_citation
    from ..corpus import Corpus
    from ..refs import parse_ref, resolve_ref

    style = style.lower()
    corpus = open_corpus(output)
    rows: list[dict[str, Any]] = []
    for typed in refs:
        position, hit = resolve_ref(corpus, parse_ref(typed))
        speech = next(iter(corpus.records([position])))
        row: dict[str, Any] = dict.fromkeys(CITE_FIELDS)
        row.update(ref=speech.id, id=speech.id, style=style)
        if hit is not None:
            quoted = quotation(hit)
            row.update(ref=hit.ref, paragraph=hit.paragraph, start=hit.start, end=hit.end)
            row.update(match=hit.match, quotation=quoted.text, quotation_start=quoted.offset)
            row["span"] = (quoted.start, quoted.end)
        if isinstance(corpus, Corpus):
            row["citation"] = citation(speech, corpus.metadata, style, corpus.script)  # type: ignore[arg-type]
        else:
            title = corpus.card().get("title")
            row["citation"] = user_citation(speech, title, style, output.script)
        rows.append(row)

    def text() -> str:
        blocks = []
        for row in rows:
            lines = [row["citation"]]
            if row["quotation"] is not None:
                start, end = row["span"]
                quoted = row["quotation"]
                marked = f"{quoted[:start]}{MARK}{quoted[start:end]}{MARK}{quoted[end:]}"
                lines.insert(0, marked)
            blocks.append("\n".join(lines) + "\n")
        return "\n".join(blocks)

    def render() -> list[Any]:
        from ..render import citation_view

        return [
            citation_view(row["quotation"], row.get("span"), row["citation"], row["ref"])
            for row in rows
        ]

    view = View(
        data=[{name: row[name] for name in CITE_FIELDS} for row in rows],
        rows=rows,
        columns=CITE_FIELDS,
        render=render,
        text=text,
    )
    return output.emit(view)
