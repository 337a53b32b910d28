"""One module per command; each defines ``command``, a click command.

A command parses its arguments (the shared options come from ``options``),
calls the library, and hands a ``Rows`` or ``View`` to ``Output.emit``, which
writes every format.  ``cli.COMMANDS`` lists the modules; each is imported
only when its command runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..corpus import LIST_FIELDS, Speech
from ..output import Rows

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
