"""The text of the selected speeches, one document at a time: the one way it is read.

Every pass over the remarks of a selection — a search, counting n-grams or
terms, collocation windows — reads them through :func:`documents`, which
yields one speech after another in the order of the positions it is given
and never holds more than one.  So a corpus whose records live elsewhere (a
file too big for memory, read as a stream) needs to serve its text here, and
nowhere else: the commands and the counting loops only see the iterator.

Each document comes in two forms of the same record: as displayed (in the
script the user reads; its metadata, and the text that offsets point into)
and canonical (Simplified; what patterns and units are matched against).
Both have the same length, character for character, so an offset found in
one fits the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .corpus import Corpus

if TYPE_CHECKING:
    from .corpus import CorpusProtocol, Record

#: Spans (paragraph, start, end) of the canonical text -> the same spans in the text shown.
SpanMap = Callable[[list[tuple[int, int, int]]], list[tuple[int, int, int]]]


class Folded:
    """A user record's canonical text: its paragraphs folded to Simplified (no dateline)."""

    __slots__ = ("paragraphs", "lead")

    def __init__(self, paragraphs: tuple[str, ...], lead: str = "") -> None:
        self.paragraphs = paragraphs
        self.lead = lead


class Document:
    """One selected speech, as displayed and in Simplified.

    In the bundled corpus both have the same length, character for character.
    A user record's fold (or its conversion to the script shown) may change the
    length of a phrase: then ``to_shown`` maps spans of the canonical text to
    the text shown (``search.document_hits`` does), and None means they fit.

    Plain classes, not NamedTuples: grep imports this module, and defining a
    NamedTuple costs a fraction of a millisecond of its start-up.
    """

    __slots__ = ("position", "shown", "canonical", "to_shown")

    def __init__(
        self,
        position: int,  # of the speech in the corpus
        shown: Record,  # in the script the user reads
        canonical: Record | Folded,  # in Simplified, for matching and counting
        to_shown: SpanMap | None = None,
    ) -> None:
        self.position = position
        self.shown = shown
        self.canonical = canonical
        self.to_shown = to_shown

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The canonical paragraphs of the remarks: what is matched and counted."""
        return self.canonical.paragraphs


def documents(corpus: CorpusProtocol, positions: Iterable[int]) -> Iterator[Document]:
    """The speeches at ``positions``, in that order, one at a time (a user corpus's
    records are read from its store, a chunk of them at a time)."""
    if not isinstance(corpus, Corpus):
        from .stored import StoredCorpus

        assert isinstance(corpus, StoredCorpus)
        yield from corpus.documents(positions)
        return
    shown, canonical = corpus.speeches, corpus.canonical
    for position in positions:
        yield Document(position, shown[position], canonical[position])


def paragraphs(corpus: CorpusProtocol, positions: Iterable[int]) -> Iterator[tuple[str, ...]]:
    """The canonical paragraphs of each selected speech: a document for the counting functions."""
    return (document.paragraphs for document in documents(corpus, positions))
