"""What the analysis commands count, and the passes that count it over a selection.

A *unit* is what a frequency list, a keyword list or a collocate list is
made of: character n-grams of Han runs (the default), the terms of the
bundled vocabulary, or words (segmented by rjieba, with the ``words``
extra).  :class:`Units` says which, and gives the tokenizer and the counter
of that kind, so that every pass of one command counts the same tokens.

Every pass here reads the documents of the selection one at a time, through
``documents.documents``; nothing holds more than one document's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from .errors import ShuangtanError

if TYPE_CHECKING:
    from .analysis.units import Counts, Tokenizer
    from .corpus import CorpusProtocol as Corpus
    from .documents import Document
    from .search import Hit, Matcher

Kind = Literal["ngrams", "terms", "words"]


class Units(NamedTuple):
    """The kind of unit counted, and for n-grams their lengths (lowest, highest)."""

    kind: Kind = "ngrams"
    lengths: tuple[int, int] = (2, 2)

    @property
    def label(self) -> str:
        """What the units are, in a few words (for tables and ``--explain``)."""
        if self.kind == "terms":
            return "terms of the bundled 双碳 vocabulary, whole, longest first"
        if self.kind == "words":
            return "words, segmented by rjieba with the vocabulary as its user dictionary"
        low, high = self.lengths
        n = f"{low}" if low == high else f"{low}- to {high}"
        return f"character {n}-grams inside runs of Han characters"

    @property
    def token(self) -> str:
        """The name of one token: ``2-gram``, ``2- to 4-gram``, ``term``, ``word``."""
        if self.kind != "ngrams":
            return self.kind[:-1]
        low, high = self.lengths
        return f"{low}-gram" if low == high else f"{low}- to {high}-gram"

    def tokenizer(self) -> Tokenizer:
        """The tokenizer of these units (for collocation windows)."""
        if self.kind == "terms":
            from .analysis.terms import term_tokenizer

            return term_tokenizer()
        if self.kind == "words":
            from .analysis.segment import word_tokenizer

            return word_tokenizer()
        from .analysis.units import ngram_tokenizer

        return ngram_tokenizer(self.lengths)

    def tally(self, documents: Iterable[Sequence[str]]) -> Counts:
        """Tokens and range of every unit in the documents (each a sequence of texts)."""
        if self.kind == "ngrams":
            from .analysis.units import count_ngrams

            return count_ngrams(documents, self.lengths)
        from .analysis.units import count_tokens

        return count_tokens(documents, self.tokenizer())

    def keyness_size(self, counts: Counts) -> int:
        """The size of a corpus for keyness: its unit tokens, or its characters for terms.

        Terms are a small closed set, so the tokens of all of them say little
        about how big a text is; its characters do (see ``analysis.terms``).
        """
        return counts.characters if self.kind == "terms" else counts.size

    @property
    def keyness_size_unit(self) -> str:
        return "characters" if self.kind == "terms" else f"{self.token} tokens"


def count_units(corpus: Corpus, positions: Iterable[int], units: Units) -> Counts:
    """Count the units of the selected speeches' remarks: one pass, one speech at a time."""
    from .documents import paragraphs

    return units.tally(paragraphs(corpus, positions))


def document_hit_lists(
    corpus: Corpus, positions: Iterable[int], matcher: Matcher
) -> Iterator[tuple[Document, list[Hit]]]:
    """Each selected speech with its hits (in the remarks), one speech at a time."""
    from .documents import documents
    from .search import document_hits

    fold = corpus.fold
    for document in documents(corpus, positions):
        yield document, list(document_hits(document, matcher, fold))


def hit_texts(
    corpus: Corpus, positions: Iterable[int], matcher: Matcher
) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Every canonical paragraph holding hits, with the hits' spans in it (for collocation)."""
    for document, hits in document_hit_lists(corpus, positions, matcher):
        spans: dict[int, list[tuple[int, int]]] = {}
        for hit in hits:
            assert hit.paragraph is not None  # the remarks only
            spans.setdefault(hit.paragraph, []).append((hit.start, hit.end))
        for paragraph, found in spans.items():
            yield document.paragraphs[paragraph], found


def count_matches(
    corpus: Corpus, positions: Iterable[int], matchers: Sequence[Matcher]
) -> Iterator[tuple[Document, list[int]]]:
    """Each selected speech with the number of hits of each matcher in its remarks."""
    from .documents import documents
    from .search import document_hits

    if not matchers:
        raise ShuangtanError("no terms to count")
    fold = corpus.fold
    for document in documents(corpus, positions):
        counts = [sum(1 for _ in document_hits(document, m, fold)) for m in matchers]
        yield document, counts


def shown_units(
    corpus: Corpus, positions: Iterable[int], units: Units, wanted: Iterable[str]
) -> dict[str, str]:
    """How each wanted unit reads in the script the corpus is shown in.

    Units are counted in the canonical (Simplified) text; a unit reads as the
    displayed text has it where it first occurs written as itself (the
    rendering keeps every character in its place, so the same span of the
    displayed paragraph holds it).  A term found only through a variant
    spelling is converted with OpenCC.  One pass, which stops as soon as
    every unit is found.
    """
    from .documents import documents

    missing = set(wanted)
    found: dict[str, str] = {}
    script = corpus.script
    if script is not None and script.value == "simplified":
        return {unit: unit for unit in missing}
    tokenize = units.tokenizer() if units.kind != "ngrams" else None
    low, high = units.lengths
    for document in documents(corpus, positions):
        if not missing:
            break
        for canonical, shown in zip(document.paragraphs, document.shown.paragraphs, strict=True):
            if len(canonical) != len(shown):  # a user record's fold moved characters here
                continue
            if tokenize is None:  # n-grams: every window of the text, compared in C
                for n in range(low, high + 1):
                    for unit in missing.intersection(_windows(canonical, n)):
                        start = canonical.find(unit)
                        found[unit] = shown[start : start + n]
                    missing.difference_update(found)
            else:
                for token in tokenize(canonical):
                    if token.unit in missing and canonical[token.start : token.end] == token.unit:
                        found[token.unit] = shown[token.start : token.end]
                        missing.discard(token.unit)
            if not missing:
                break
    if missing:
        from .script import from_simplified

        if script is None:  # as written, and not found written as itself: the unit as it is
            found.update({unit: unit for unit in missing})
        else:
            found.update({unit: from_simplified(unit, script) for unit in missing})
    return found


def _windows(text: str, n: int) -> Iterator[str]:
    """Every n characters of ``text`` in a row (made in C: ``map`` over slices)."""
    return map(text.__getitem__, map(slice, range(len(text) - n + 1), range(n, len(text) + 1)))


#: The equal parts a speech is cut into for the DP of a dispersion plot, as
#: WordSmith Tools cuts a text into 8 divisions for its dispersion plots.
PLOT_PARTS = 8


def equal_parts(
    offsets: Iterable[int], length: int, parts: int = PLOT_PARTS
) -> tuple[list[int], list[int]]:
    """Hits per part, and the parts' sizes, of a text of ``length`` cut into ``parts``
    nearly equal parts (part j starts at ⌊j·length/parts⌋; fewer parts for a shorter text).

    ``offsets`` are the hits' offsets into the text; each falls in the part holding it.
    """
    from bisect import bisect_right

    if length <= 0:
        raise ShuangtanError("a text to cut into parts must not be empty")
    parts = min(parts, length)
    starts = [j * length // parts for j in range(parts)]
    sizes = [end - start for start, end in zip(starts, [*starts[1:], length], strict=True)]
    counts = [0] * parts
    for offset in offsets:
        if not 0 <= offset < length:
            raise ShuangtanError(f"offset {offset} is outside a text of {length} characters")
        counts[bisect_right(starts, offset) - 1] += 1
    return counts, sizes
