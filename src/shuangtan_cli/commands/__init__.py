"""One module per command; each defines ``command``, a click command.

A command parses its arguments (the shared options come from ``options``),
calls the library, and hands a ``Rows`` or ``View`` to ``Output.emit``, which
writes every format.  ``cli.COMMANDS`` lists the modules; each is imported
only when its command runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..corpus import LIST_FIELDS, Speech
from ..formats import Format
from ..output import Output, Rows

if TYPE_CHECKING:
    from rich.console import RenderableType


#: What a terminal table of speeches shows: the short name keeps the table narrow.
LIST_TABLE = ("seq", "province_short", "speaker", "date", "occasion", "length")


def speech_rows(
    speeches: Sequence[Speech],
    columns: Sequence[str] = LIST_FIELDS,
    table: Sequence[str] = LIST_TABLE,
) -> Rows:
    """Speeches as rows: ``columns`` for the data formats, ``table`` at a terminal."""
    wanted = tuple(dict.fromkeys((*columns, *table)))
    return Rows([speech.to_dict(wanted) for speech in speeches], columns, table=table)


def emit_drawn(
    output: Output, rows: Rows, draw: Callable[[], Sequence[RenderableType] | None]
) -> int:
    """``rows`` in the chosen format, except a table, which ``draw`` makes (a chart, a
    concordance); where it cannot (too narrow a terminal: None), the text layout.

    Exit status as ``Output.emit``: 0, or 1 for no rows.
    """
    if output.format is Format.TABLE and rows.rows:
        drawn = draw()
        if drawn is not None:
            output.draw(drawn)
            return 0
        return output._replace(format=Format.TEXT).emit(rows)
    return output.emit(rows)
