"""One module per command; each defines ``command``, a click command.

A command parses its arguments (the shared options come from ``options``),
calls the library, and hands a ``Rows`` or ``View`` to ``Output.emit``, which
writes every format.  ``cli.COMMANDS`` lists the modules; each is imported
only when its command runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..corpus import LIST_FIELDS, CorpusProtocol, Record
from ..output import Rows

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
    return rows._replace(table=table)
