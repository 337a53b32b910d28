"""One module per command; each defines ``command``, a click command.

A command parses its arguments (the shared options come from ``options``),
calls the library, and hands a ``Rows`` or ``View`` to ``Output.emit``, which
writes every format.  ``cli.COMMANDS`` lists the modules; each is imported
only when its command runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..corpus import LIST_FIELDS
from ..formats import Format
from ..output import Output, Rows, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..corpus import CorpusProtocol, Record
    from ..explain import Explanation

#: What a terminal table of speeches shows: the short name keeps the table narrow.
LIST_TABLE = ("seq", "province_short", "speaker", "date", "occasion", "length")
#: The same for a user corpus, whose documents often have a title instead of an occasion.
USER_LIST_TABLE = ("seq", "province_short", "speaker", "date", "occasion", "title", "length")


def speech_rows(
    speeches: Iterable[Record],
    columns: Sequence[str] = LIST_FIELDS,
    table: Sequence[str] = LIST_TABLE,
) -> Rows:
    """Speeches as rows: ``columns`` for the data formats, ``table`` at a terminal."""
    wanted = tuple(dict.fromkeys((*columns, *table)))
    return Rows([speech.to_dict(wanted) for speech in speeches], columns, table=table)


def corpus_rows(
    corpus: CorpusProtocol,
    positions: Iterable[int],
    columns: Sequence[str],
    table: Sequence[str] = LIST_TABLE,
) -> Rows:
    """``speech_rows`` of the records at ``positions``, read the corpus's fastest way."""
    wanted = tuple(dict.fromkeys((*columns, *table)))
    return Rows(corpus.rows(positions, wanted), columns, table=table)


def list_rows(corpus: CorpusProtocol, positions: Iterable[int]) -> Rows:
    """The ``list`` rows of the records at ``positions``.

    A user corpus's table leaves out the text columns that no row shown has
    (a corpus of articles has titles and no occasions)."""
    if corpus.kind == "bundled":
        return corpus_rows(corpus, positions, corpus.list_fields)
    rows = corpus_rows(corpus, positions, corpus.list_fields, USER_LIST_TABLE)
    optional = ("speaker", "occasion", "title")
    table = [
        name
        for name in USER_LIST_TABLE
        if name not in optional or any(row[name] is not None for row in rows.rows)
    ]
    rows.table = table
    return rows


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


def number(value: float | None, digits: int = 2) -> str | None:
    """A statistic as text and tables show it: ``digits`` decimals; None stays None
    (empty in text, a dash in a table).  The data formats (JSON, CSV) carry the full value.
    """
    return None if value is None else f"{value:.{digits}f}"


def p_value(value: float) -> str:
    """A p-value as text and tables show it: three significant digits (``1.23e-05``)."""
    return f"{value:.3g}"


def emit_explanation(output: Output, explanation: Explanation) -> int:
    """``--explain``: the explanation instead of the rows, in the chosen format
    (JSON: one object)."""

    def render() -> list[Any]:
        from ..render import explanation_view

        return [explanation_view(explanation.title, explanation.sections)]

    view = View(
        data=explanation.data,
        rows=explanation.rows(),
        columns=("section", "line"),
        render=render,
        text=explanation.text,
    )
    return output.emit(view)
