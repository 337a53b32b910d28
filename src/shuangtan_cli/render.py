"""Terminal output with rich: tables, the speech view and highlighted hits.

Every function takes the Console to print on and never creates a global one,
so the CLI decides about colour, width and paging, and tests can capture.
Imported only when a command renders for a terminal: rich costs ~40 ms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .corpus import Speech
from .search import Hit

MATCH_STYLE = "bold red"
NULL = "—"

#: Column headings and layout for fields shown in tables.
_COLUMNS: dict[str, dict[str, Any]] = {
    "seq": {"header": "#", "justify": "right", "style": "dim", "no_wrap": True},
    "province": {"header": "Province", "no_wrap": True},
    "province_short": {"header": "Province", "no_wrap": True},
    "speaker": {"header": "Speaker", "no_wrap": True},
    "date": {"header": "Date", "no_wrap": True},
    "occasion": {"header": "Occasion", "overflow": "fold", "ratio": 1},
    "length": {"header": "Length", "justify": "right", "no_wrap": True},
    "count": {"header": "Hits", "justify": "right", "no_wrap": True},
    "id": {"header": "Id", "no_wrap": True, "style": "dim"},
}


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)


def rows_table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Table:
    """A table of records (list, filter, grep -l/-c), one row each.

    Columns that never wrap get their width up front: rich then skips measuring
    every cell of them, which is most of the time a table takes to lay out.
    """
    cells = [[Text(_cell(row[name])) for name in columns] for row in rows]
    table = _table()
    for i, name in enumerate(columns):
        layout = _COLUMNS.get(name, {"header": name, "overflow": "fold"})
        if layout.get("no_wrap"):
            widths = (cell_len(line) for row in cells for line in row[i].plain.split("\n"))
            layout = {**layout, "width": max(cell_len(layout["header"]), *widths)}
        table.add_column(**layout)
    for row in cells:
        table.add_row(*row)
    return table


def _cell(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, list):
        return "\n".join(map(str, value))
    return str(value)


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(MATCH_STYLE, start, end)
    return out


def hits_table(hits: Sequence[Hit], *, before: int, after: int, only_matching: bool) -> Table:
    """One row a hit: where it is, and the sentence(s) around it highlighted."""
    table = _table()
    table.add_column("Province", no_wrap=True)
    table.add_column("Speaker", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Match" if only_matching else "Context", overflow="fold", ratio=1)
    for hit in hits:
        speech = hit.speech
        text, start, end = hit.snippet(before, after, only_matching=only_matching)
        shown = highlighted(text, [(start, end)])
        table.add_row(speech.province_short, speech.speaker or NULL, speech.date, shown)
    return table


def speech_view(speech: Speech) -> RenderableType:
    """A speech in full: a header panel, then the paragraphs."""
    header = Text.assemble(
        (speech.speaker_title, "italic"),
        "\n",
        (speech.date, "bold"),
        "  ",
        speech.occasion,
    )
    # A Text, not a markup string: a [ in the data must print as it is.
    title = Text.assemble((speech.province, "bold"), f" · {speech.speaker or NULL}")
    panel = Panel(header, title=title, title_align="left", box=box.ROUNDED, expand=True)
    body = [Text(paragraph) for paragraph in speech.paragraphs]
    blocks: list[RenderableType] = [panel]
    for paragraph in body:
        blocks += [paragraph, Text("")]
    return Group(*blocks[:-1])


def print_speeches(console: Console, speeches: Sequence[Speech], *, pager: bool) -> None:
    """Print speeches, through a pager when they are longer than the screen."""
    views = [speech_view(speech) for speech in speeches]
    if pager:
        height = sum(len(console.render_lines(view, pad=False)) for view in views)
        pager = height + len(views) > console.size.height
    if pager:
        import os

        os.environ.setdefault("LESS", "-FRX")  # keep colour, quit if it fits, no screen clear
        with console.pager(styles=True):
            _print_views(console, views)
    else:
        _print_views(console, views)


def _print_views(console: Console, views: Sequence[RenderableType]) -> None:
    for i, view in enumerate(views):
        if i:
            console.print()
        console.print(view)
