"""A corpus on disk that answers without parsing the corpus.

``build(records, directory)`` writes one from the importer's records
(record.md); ``open_store(directory)`` opens it in constant time.  Metadata
selection is an SQLite query; search finds candidate records through a
character unigram and bigram index and verifies every candidate with the
exact matcher on the folded (Simplified) text, mapped through mmap.  See
``_format`` for the layout and bench/scale/README.md for why this design.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._reader import Span, Store, fold, map_span, open_store

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Mapping

__all__ = ["Span", "Store", "build", "fold", "map_span", "open_store"]


def build(
    records: Iterable[dict[str, Any]],
    directory: str | os.PathLike[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    card: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
) -> None:
    """Build a store of ``records`` at ``directory`` (see ``_build.build``)."""
    from ._build import build as _build

    _build(records, directory, progress=progress, card=card)
