"""Terminal output with rich: tables, the speech view, the corpus card, highlights.

Every function takes the Console to print on (or returns a renderable) and
never creates a global one, so the Environment decides about colour, width
and paging, and tests can capture.  Imported only when a command renders for
a terminal or highlights text: rich costs ~40 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .formats import NULL, Marked, Row, cell, inert, inert_marked
from .output import Environment, Progress

if TYPE_CHECKING:
    from .corpus import Record

MATCH_STYLE = "bold red"

#: Column headings and layout for fields shown in tables; any other column is
#: headed by its name ("speaker_title" as "Speaker title"), right-aligned when
#: it holds numbers.
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
    "snippet": {"header": "Context", "overflow": "fold", "ratio": 1},
}


#: A column whose name begins with this holds a number formatted as text (``shown_ll``):
#: it is right-aligned as numbers are.
NUMBER_PREFIX = "shown_"


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)


def shown(text: str) -> Text:
    """Text for the terminal, inert: escapes, bidi controls and markup print as themselves."""
    return Text(inert(text, keep_newlines=True))


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(MATCH_STYLE, start, end)
    return out


def _shown(value: Any) -> Text:
    if isinstance(value, Marked):
        marked = inert_marked(value)
        return highlighted(marked.text, marked.spans)
    return shown(cell(value, table=True))


def _layout(
    name: str, cells: Sequence[Text], rows: Sequence[Row], header: str | None
) -> dict[str, Any]:
    layout = _COLUMNS.get(name)
    if layout is None and name.startswith(NUMBER_PREFIX):  # a number already formatted
        layout = {"header": name.removeprefix(NUMBER_PREFIX), "justify": "right", "no_wrap": True}
    if layout is None:
        numeric = all(
            isinstance(row[name], (int, float)) and not isinstance(row[name], bool) for row in rows
        )
        layout = {"justify": "right", "no_wrap": True} if numeric else {"overflow": "fold"}
        layout = {"header": name.replace("_", " ").capitalize(), **layout}
    if header is not None:
        layout = {**layout, "header": header}
    if layout.get("no_wrap"):
        # Columns that never wrap get their width up front: rich then skips
        # measuring every cell of them, most of the time a table takes to lay out.
        widths = (cell_len(line) for text in cells for line in text.plain.split("\n"))
        layout = {**layout, "width": max(cell_len(layout["header"]), *widths)}
    return layout


#: Columns between two columns of a table drawn with ``_table``'s box: a cell of
#: padding each side of the (blank) divider.
_GAP = 3

#: The narrowest a wrapping column may get, in terminal cells (6 Chinese characters).
WRAP_MIN = 12


def rows_table(
    rows: Sequence[Row], columns: Sequence[str], headers: Mapping[str, str] | None = None
) -> Table:
    """A table of rows, one line each (wrapping where a column may wrap).

    A wrapping column is given a minimum width (its header, or WRAP_MIN
    cells if its text is that wide), so that ``fits`` can tell a table that
    rich would have to cut short or drop a column of.
    """
    cells = [[_shown(row[name]) for name in columns] for row in rows]
    table = _table()
    for i, name in enumerate(columns):
        header = headers.get(name) if headers else None
        column = [row[i] for row in cells]
        layout = _layout(name, column, rows, header)
        if "width" not in layout:
            lines = (line for text in column for line in text.plain.split("\n"))
            widest = max(map(cell_len, lines), default=0)
            layout["min_width"] = max(cell_len(layout["header"]), min(widest, WRAP_MIN))
        table.add_column(**layout)
    for row in cells:
        table.add_row(*row)
    return table


def fits(console: Console, table: Table) -> bool:
    """Whether ``table`` fits the console's width without a cell cut short or a column dropped.

    A column needs its width if it never wraps, else its minimum width (rich
    would measure Chinese text as one unbreakable word); the padding and rules
    between columns are measured on a table of one-cell columns laid out alike.
    """
    from rich.measure import Measurement

    probe = _table()
    for _ in table.columns:
        probe.add_column(width=1, no_wrap=True)
    probe.add_row(*("x" for _ in table.columns))
    unbounded = console.options.update(max_width=1_000_000)
    overhead = Measurement.get(console, unbounded, probe).maximum - len(table.columns)
    needed = sum(column.width or column.min_width or 1 for column in table.columns)
    return needed + overhead <= console.width


def ansi_marker(console: Console) -> Callable[[Marked], str]:
    """Highlighted text as terminal escapes, for plain-text output at a terminal."""

    def mark(marked: Marked) -> str:
        with console.capture() as captured:
            console.print(highlighted(marked.text, marked.spans), end="", soft_wrap=True)
        return captured.get()

    return mark


def speech_view(
    speech: Record, marks: Mapping[int, Sequence[tuple[int, int]]] | None = None
) -> RenderableType:
    """A speech (or a user record) in full: a header panel, then the paragraphs.

    The header holds the title (a user record's), the speaker's title, the date
    and the occasion, those the record has.  ``marks`` highlights spans of
    paragraphs (by index), as ``show REF`` does.
    """
    title_of, speaker_title, occasion = (
        getattr(speech, name, None) for name in ("title", "speaker_title", "occasion")
    )
    parts: list[Any] = []
    if title_of:
        parts += [(inert(title_of), "bold"), "\n"]
    if speaker_title or not title_of:
        parts += [(inert(speaker_title or ""), "italic"), "\n"]
    parts += [(inert(speech.date or NULL), "bold"), "  ", inert(occasion or "")]
    header = Text.assemble(*parts)
    # A Text, not a markup string: a [ in the data must print as it is.
    title = Text.assemble(
        (inert(speech.province or NULL), "bold"), f" · {inert(speech.speaker or NULL)}"
    )
    panel = Panel(header, title=title, title_align="left", box=box.ROUNDED, expand=True)
    blocks: list[RenderableType] = [panel]
    for index, paragraph in enumerate(speech.paragraphs):
        spans = (marks or {}).get(index)
        text = _shown(Marked(paragraph, tuple(spans))) if spans else shown(paragraph)
        blocks += [text, Text("")]
    return Group(*blocks[:-1])


def card_view(sections: Sequence[tuple[str, Sequence[tuple[str, Any]]]]) -> RenderableType:
    """Named sections of label/value pairs, as one grid each under a bold heading."""
    blocks: list[RenderableType] = []
    for heading, pairs in sections:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in pairs:
            grid.add_row(shown(label), _shown(value))
        if blocks:
            blocks.append(Text(""))
        blocks += [Text(inert(heading), style="bold"), grid]
    return Group(*blocks)


def print_renderables(
    console: Console,
    renderables: Sequence[RenderableType],
    *,
    pager: Callable[[str], bool] | None = None,
) -> None:
    """Print renderables, a blank line between.

    With a ``pager``, output taller than the screen is drawn to text (with
    its styles) and handed to it; when the pager cannot show it (none is
    installed, it fails), it is printed as it would have been.
    """
    if pager is not None:
        height = sum(len(console.render_lines(item, pad=False)) for item in renderables)
        if height + len(renderables) > console.size.height:
            with console.capture() as captured:
                _print_all(console, renderables)
            text = captured.get()
            if not pager(text):
                console.file.write(text)
            return
    _print_all(console, renderables)


def _print_all(console: Console, renderables: Sequence[RenderableType]) -> None:
    for i, item in enumerate(renderables):
        if i:
            console.print()
        console.print(item)


class _Bar(Progress):
    """rich's progress bar on stderr, refreshed when told (no thread: a store's count
    forks only in a process without other threads)."""

    def __init__(self, env: Environment, description: str, total: int) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.progress import Progress as RichProgress
        from rich.table import Column

        width, _ = env.size()
        console = Console(file=env.stderr, width=width, force_terminal=True, highlight=False)
        # The description gives way (cut with an ellipsis) before the figures wrap.
        described = Column(no_wrap=True, overflow="ellipsis", max_width=max(width // 3, 8))
        self._bar = RichProgress(
            TextColumn("{task.description}", table_column=described),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
            auto_refresh=False,
            transient=True,
        )
        self._task = self._bar.add_task(inert(description), total=max(total, 1))

    def __enter__(self) -> _Bar:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def update(self, done: int, description: str | None = None) -> None:
        if description is not None:
            self._bar.update(self._task, completed=done, description=inert(description))
        else:
            self._bar.update(self._task, completed=done)
        self._bar.refresh()


def progress_bar(env: Environment, description: str, total: int) -> Progress:
    """A progress bar of ``total`` bytes on the environment's stderr."""
    return _Bar(env, description, total)


class Line(NamedTuple):
    """A concordance line as the kwic command hands it over: a label and the line's parts."""

    label: str
    left: str
    match: str
    right: str


#: The fewest columns a context may get before a concordance is printed as text instead.
CONTEXT_MIN = 4


def concordance(
    lines: Sequence[Line], *, width: int, fill: bool, ambiguous_wide: bool = False
) -> RenderableType | None:
    """Concordance lines aligned on the match: label, left context, match, right context.

    Widths are display widths (see ``analysis.display``: CJK characters take
    two columns, the ambiguous “ ” — … one, or two with ``ambiguous_wide``).
    The matches start in one column and are padded to the widest, so the
    right contexts start in one column too.  With ``fill``, the contexts take
    the whole ``width``; without, they are as wide as the widest of them (and
    never wider than the ``width`` would allow).  None when the terminal is
    too narrow for a context of CONTEXT_MIN columns each side.
    """
    from .analysis.display import display_width, fit_width

    def columns(text: str) -> int:
        return display_width(text, ambiguous_wide=ambiguous_wide)

    shown_lines = [Line(*(inert(part) for part in line)) for line in lines]
    label_cols = max(columns(line.label) for line in shown_lines)
    match_cols = max(columns(line.match) for line in shown_lines)
    side = (width - label_cols - match_cols - 4) // 2
    if side < CONTEXT_MIN:
        return None
    left_cols = right_cols = side
    if not fill:
        left_cols = min(side, max(columns(line.left) for line in shown_lines))
        right_cols = min(side, max(columns(line.right) for line in shown_lines))
    drawn = []
    for line in shown_lines:
        text = Text(no_wrap=True, overflow="crop")
        text.append(fit_width(line.label, label_cols, ambiguous_wide=ambiguous_wide), "dim")
        text.append("  ")
        text.append(fit_width(line.left, left_cols, keep="end", ambiguous_wide=ambiguous_wide))
        text.append(" ")
        text.append(line.match, MATCH_STYLE)
        text.append(" " * (match_cols - columns(line.match)) + " ")
        right = fit_width(line.right, right_cols, ambiguous_wide=ambiguous_wide)
        text.append(right.rstrip(" "))
        drawn.append(text)
    return Group(*drawn)


def explanation_view(title: str, sections: Sequence[tuple[str, Sequence[str]]]) -> RenderableType:
    """An explanation (``--explain``): a bold title, then each section's lines under its heading."""
    blocks: list[RenderableType] = [Text(inert(title), style="bold")]
    for heading, lines in sections:
        grid = Table.grid(padding=(0, 0, 0, 2), pad_edge=True)
        grid.add_column(overflow="fold")
        for line in lines:
            grid.add_row(shown(line))
        blocks += [Text(""), Text(inert(heading), style="bold"), grid]
    return Group(*blocks)


class Bar(NamedTuple):
    """One bar of a chart: its label cells (left) and number cells, and the value it draws.

    A value of None draws no bar but its ``note``: a gap, such as a month
    without speeches.
    """

    cells: tuple[str, ...]
    value: float | None
    note: str = ""


#: Eighths of a block, for the end of a bar.
_EIGHTHS = " ▏▎▍▌▋▊▉"
#: The fewest columns a bar may get before a chart is printed as text instead.
BAR_MIN = 8


def bar(value: float, largest: float, columns: int) -> str:
    """A horizontal bar of ``value`` on a scale where ``largest`` fills ``columns``.

    Drawn in eighths of a column; any value above zero shows at least one eighth.
    """
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(round(value / largest * columns * 8), 1)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def bar_chart(
    bars: Sequence[Bar],
    headers: Sequence[str],
    *,
    numeric: int,
    width: int,
    caption: str | None = None,
) -> RenderableType | None:
    """Horizontal bars with their labels and numbers: a table whose last column is the bar.

    ``headers`` name the cells of each bar; the last ``numeric`` of them are
    right-aligned.  The numbers come before the bar, so that they line up
    whatever width a terminal gives the block characters (which are
    ambiguous-width).  Labels are aligned by display width (CJK characters
    take two columns).  None when fewer than BAR_MIN columns are left for
    the bars.
    """
    texts = [[shown(cell) for cell in item.cells] for item in bars]
    widths = [
        max(cell_len(header), *(cell_len(row[i].plain) for row in texts))
        for i, header in enumerate(headers)
    ]
    room = width - sum(widths) - _GAP * len(widths)
    if room < BAR_MIN:
        return None
    largest = max((item.value for item in bars if item.value is not None), default=0.0)
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        show_edge=False,
        caption=caption,
        caption_justify="left",
    )
    first_number = len(headers) - numeric
    for i, header in enumerate(headers):
        table.add_column(
            header, justify="right" if i >= first_number else "left", no_wrap=True, width=widths[i]
        )
    table.add_column("", no_wrap=True, width=room, style="cyan")
    for item, cells in zip(bars, texts, strict=True):
        if item.value is None:
            table.add_row(*cells, Text(inert(item.note), style="dim"))
        else:
            table.add_row(*cells, Text(bar(item.value, largest, room)))
    return table


def dispersion_plot(
    lines: Sequence[tuple[str, str, str, str]], mark: str, caption: str
) -> RenderableType:
    """A dispersion plot: each line's label, hits and DP, then its strip with the hits marked.

    The cells come aligned (by display width) and the strips are plain
    characters, so the plot reads the same in a pipe; here the marks are
    highlighted, the strip's background dimmed, and a heading and a caption added.
    """
    label, count, dispersion, strip = lines[0]
    header = Text(no_wrap=True, overflow="crop", style="bold")
    header.append(" " * cell_len(label) + "  ")
    header.append("Hits".rjust(len(count)) + "  " + "DP".rjust(len(dispersion)) + "  ")
    header.append("Start of the remarks".ljust(len(strip) - len("end")) + "end")
    drawn: list[RenderableType] = [header]
    for label, count, dispersion, strip in lines:
        text = Text(no_wrap=True, overflow="crop")
        text.append(inert(label))
        text.append(f"  {count}  {dispersion}  ")
        for char in strip:
            text.append(char, MATCH_STYLE if char == mark else "dim")
        drawn.append(text)
    drawn.append(Text(inert(caption), style="dim"))
    return Group(*drawn)


def citation_view(
    quotation: str | None, span: tuple[int, int] | None, citation: str, ref: str
) -> RenderableType:
    """A quotation with its span highlighted (if there is one), then its citation and ref."""
    blocks: list[RenderableType] = []
    if quotation is not None and span is not None:
        blocks.append(_shown(Marked(quotation, (span,))))
    blocks.append(shown(citation))
    blocks.append(Text(inert(ref), style="dim"))
    return Group(*blocks)
