"""Units of counting: runs of Han characters and the character n-grams inside them.

Definitions (the same everywhere in shuangtan):

* A **Han character** is a character whose Unicode script is Han, which is
  exactly what the ``regex`` module's ``\\p{Han}`` matches: the CJK Unified
  Ideographs and all their extensions, the compatibility ideographs, the CJK
  radicals, and a few signs such as 〇 and 々.  On the bundled corpus this
  agrees with the records' ``han_chars`` field, which counts U+3400–U+9FFF (the
  corpus has no Han character outside that block; a test checks both counts).
* A **Han run** is a maximal stretch of consecutive Han characters.  Any other
  character ends it: punctuation, a digit, a Latin letter, a quotation mark,
  a space, a line break.  A run never crosses from one text (paragraph) to the
  next.
* An **n-gram** is n consecutive characters inside one Han run.  A run of
  length L holds L − n + 1 n-grams (none if L < n); they overlap, so 碳达峰 holds
  the 2-grams 碳达 and 达峰.  Each of these windows is one **token** of the
  n-gram; the **size** of a text for n-gram counting is the number of tokens,
  summed over every n when a range of lengths (``2-4``) is counted.

Counting over documents gives, for every n-gram, its **count** (tokens) and
its **range** (the number of documents holding it at least once).  A document
is one text or an iterable of texts (its paragraphs); documents can be fed one
at a time from a generator, so a corpus never has to be in memory at once::

    >>> from shuangtan_cli.analysis.units import count_ngrams, ngram_rows
    >>> counts = count_ngrams([["碳达峰，碳中和。"], "实现碳达峰"], 2)
    >>> counts.counts["碳达"], counts.ranges["碳达"], counts.size
    (2, 2, 8)
    >>> ngram_rows(counts, top=2)
    [{'ngram': '碳达', 'count': 2, 'range': 2}, {'ngram': '达峰', 'count': 2, 'range': 2}]

The counting loops run in C (``map`` over slices and ``Counter.update``), so
100 MB of text counts in seconds; see ``bench/analysis.py``.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from operator import add
from typing import TYPE_CHECKING, NamedTuple, TypedDict

from ..errors import ShuangtanError

if TYPE_CHECKING:
    import regex

#: One document: a text, or its texts (paragraphs) in order.
Document = str | Iterable[str]

#: The longest n-gram that may be asked for.  Longer runs are rare and the
#: tables they make are mostly unique strings; the limit keeps a typo such as
#: ``-n 200`` from filling memory.
MAX_N = 12

#: Texts longer than this are counted in pieces (with an overlap of n − 1
#: characters), so that one huge text never becomes one huge list of n-grams.
_CHUNK = 1 << 18

#: What every non-Han stretch is replaced by before counting: it is not Han,
#: so an n-gram holding it is not an n-gram of a run, and is dropped.
_BREAK = "\x00"


class Token(NamedTuple):
    """One occurrence of a unit: its span in the text and the unit itself."""

    start: int
    end: int
    unit: str


#: A function that finds the unit tokens of a text, in order of position.
Tokenizer = Callable[[str], list[Token]]


class Counts(NamedTuple):
    """Unit counts over a set of documents."""

    counts: Counter[str]  # tokens of each unit
    ranges: Counter[str]  # documents holding each unit
    size: int  # tokens of all units (the sum of ``counts``)
    documents: int  # documents seen, with or without tokens
    characters: int  # characters of all texts seen (as the ``length`` field counts)


class NgramRow(TypedDict):
    """A row of an n-gram (or term) frequency list."""

    ngram: str
    count: int
    range: int


@cache
def _han_pattern() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\p{Han}+")


@cache
def _break_pattern() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\P{Han}+")


def is_han(char: str) -> bool:
    """True if ``char`` (one character) is of the Unicode script Han."""
    return _han_pattern().fullmatch(char) is not None


def has_han(text: str) -> bool:
    """True if ``text`` holds at least one Han character."""
    return _han_pattern().search(text) is not None


def count_han(text: str) -> int:
    """The number of Han characters in ``text``."""
    return sum(end - start for start, end in han_run_spans(text))


def han_run_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every Han run in ``text``, in order."""
    return [match.span() for match in _han_pattern().finditer(text)]


def han_runs(text: str) -> list[str]:
    """The Han runs of ``text``, in order."""
    return _han_pattern().findall(text)


def parse_n(text: str) -> tuple[int, int]:
    """The n-gram lengths a user typed: ``2`` → (2, 2), ``2-4`` → (2, 4)."""
    low, dash, high = text.strip().partition("-")
    if not dash:
        high = low
    if not (low.strip().isdecimal() and high.strip().isdecimal()):
        raise ShuangtanError(
            f"bad n-gram length {text!r}: give a number such as 2 or a range such as 2-4"
        )
    return check_lengths((int(low), int(high)))


def check_lengths(n: int | tuple[int, int]) -> tuple[int, int]:
    """An n-gram length or range of lengths as (lowest, highest), checked."""
    low, high = (n, n) if isinstance(n, int) else n
    if not 1 <= low <= high <= MAX_N:
        if low > high:
            raise ShuangtanError(f"bad n-gram range {low}-{high}: the first number is the larger")
        raise ShuangtanError(f"n-gram length must be between 1 and {MAX_N}, not {low}-{high}")
    return low, high


def _windows(text: str, n: int) -> list[str]:
    """Every window of n characters in ``text``, in order (fastest way per n)."""
    if n == 1:
        return list(text)
    if n == 2:
        return list(map(add, text, text[1:]))
    return list(
        map(text.__getitem__, map(slice, range(len(text) - n + 1), range(n, len(text) + 1)))
    )


def ngram_tokens(text: str, n: int | tuple[int, int]) -> list[Token]:
    """The n-gram tokens of ``text``, with their offsets: by start, then by length.

    This is the reference definition (a plain loop over the Han runs);
    :func:`count_ngrams` counts the same tokens faster.
    """
    low, high = check_lengths(n)
    tokens = []
    for start, end in han_run_spans(text):
        for i in range(start, end):
            for size in range(low, min(high, end - i) + 1):
                tokens.append(Token(i, i + size, text[i : i + size]))
    return tokens


def ngram_tokenizer(n: int | tuple[int, int]) -> Tokenizer:
    """A tokenizer giving the n-gram tokens of a text (see :func:`ngram_tokens`)."""
    lengths = check_lengths(n)

    def tokenize(text: str) -> list[Token]:
        return ngram_tokens(text, lengths)

    return tokenize


def _texts(document: Document) -> Iterable[str]:
    return (document,) if isinstance(document, str) else document


def count_ngrams(documents: Iterable[Document], n: int | tuple[int, int]) -> Counts:
    """Count the n-grams (of one length, or of each length in a range) of the documents.

    Every non-Han stretch of a text is replaced by one break character, every
    window of the text is counted, and the windows holding a break are
    dropped at the end: what is left are exactly the n-grams inside Han runs.
    """
    low, high = check_lengths(n)
    breaks = _break_pattern()
    counts: Counter[str] = Counter()
    ranges: Counter[str] = Counter()
    documents_seen = 0
    characters = 0
    for document in documents:
        documents_seen += 1
        seen: set[str] = set()
        for text in _texts(document):
            characters += len(text)
            folded = breaks.sub(_BREAK, text)
            for size in range(low, high + 1):
                for start in range(0, max(len(folded) - size + 1, 0), _CHUNK):
                    windows = _windows(folded[start : start + _CHUNK + size - 1], size)
                    counts.update(windows)
                    seen.update(windows)
        ranges.update(seen)
    for key in [key for key in counts if _BREAK in key]:
        del counts[key]
        del ranges[key]
    return Counts(counts, ranges, sum(counts.values()), documents_seen, characters)


def count_tokens(documents: Iterable[Document], tokenize: Tokenizer) -> Counts:
    """Count the tokens a tokenizer finds in the documents (any kind of unit)."""
    counts: Counter[str] = Counter()
    ranges: Counter[str] = Counter()
    documents_seen = 0
    characters = 0
    for document in documents:
        documents_seen += 1
        seen: set[str] = set()
        for text in _texts(document):
            characters += len(text)
            units = [token.unit for token in tokenize(text)]
            counts.update(units)
            seen.update(units)
        ranges.update(seen)
    return Counts(counts, ranges, sum(counts.values()), documents_seen, characters)


def ngram_rows(
    counts: Counts,
    *,
    top: int | None = None,
    min_count: int = 1,
    min_range: int = 1,
) -> list[NgramRow]:
    """The most frequent units, as rows: count descending, then range descending,
    then the unit in code-point order (so equal counts always list the same way).

    ``top`` keeps the first N rows after filtering by ``min_count`` (tokens)
    and ``min_range`` (documents); None keeps all.
    """
    if top is not None and top < 0:
        raise ShuangtanError(f"--top must be 0 or more, not {top}")
    ranges = counts.ranges
    kept: Iterator[tuple[str, int]] = (
        (unit, count)
        for unit, count in counts.counts.items()
        if count >= min_count and ranges[unit] >= min_range
    )

    def order(item: tuple[str, int]) -> tuple[int, int, str]:
        return (-item[1], -ranges[item[0]], item[0])

    chosen = sorted(kept, key=order) if top is None else heapq.nsmallest(top, kept, key=order)
    return [{"ngram": unit, "count": count, "range": ranges[unit]} for unit, count in chosen]
