"""Search the remarks: script-insensitive matching with exact spans.

A pattern is folded to Simplified and matched against the canonical text; the
spans it finds are the spans in the displayed text too, because every
rendering of the corpus has the same length, character for character, as the
canonical text (the corpus build checks this).  So 兩高 and 两高 find the same
hits, and a hit's offsets fit the text the user reads.

Patterns use the ``regex`` module's syntax (``\\p{Han}`` and the rest).  A plain
string needs no regular expression at all; it is matched with ``str.find``,
which also spares the import of ``regex`` (about 13 ms).  Regular expressions
run under one time budget for the whole search, so a pattern that backtracks
catastrophically ends with an error instead of hanging the terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from .corpus import Corpus, Speech
from .errors import ShuangtanError
from .script import to_simplified

#: Seconds a regular expression may spend on the whole corpus.
DEFAULT_TIMEOUT = 2.0

_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\|()")
_SENTENCE_END = frozenset("。！？；")
_CLOSERS = frozenset("”’」』）》")


class PatternError(ShuangtanError):
    """A pattern that cannot be compiled, or that ran out of time."""


class Hit(NamedTuple):
    """One match, with offsets into the paragraph as displayed."""

    position: int  # of the speech in the corpus
    speech: Speech  # as displayed
    paragraph: int | None  # index into speech.paragraphs; None for the lead
    start: int
    end: int

    @property
    def text(self) -> str:
        """The whole paragraph (or lead) the match is in, as displayed."""
        if self.paragraph is None:
            return self.speech.lead
        return self.speech.paragraphs[self.paragraph]

    @property
    def match(self) -> str:
        return self.text[self.start : self.end]

    def context(self, before: int = 0, after: int = 0) -> tuple[int, int]:
        """Span of the sentences around the match, widened by whole sentences."""
        spans = sentence_spans(self.text)
        first = next(i for i, (_, end) in enumerate(spans) if end > self.start)
        last = next(i for i, (_, end) in enumerate(spans) if end >= self.end)
        first = max(first - before, 0)
        last = min(last + after, len(spans) - 1)
        return spans[first][0], spans[last][1]

    def snippet(
        self, before: int = 0, after: int = 0, *, only_matching: bool = False
    ) -> tuple[str, int, int]:
        """What a hit shows: its sentences (or only the match), and the match's span in them."""
        if only_matching:
            return self.match, 0, self.end - self.start
        start, end = self.context(before, after)
        return self.text[start:end], self.start - start, self.end - start


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of Chinese prose: each ends after 。！？ or ；, with any closing quotes."""
    spans = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in _SENTENCE_END:
            i += 1
            while i < len(text) and text[i] in _CLOSERS:
                i += 1
            spans.append((start, i))
            start = i
        else:
            i += 1
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


class Matcher:
    """A compiled pattern that finds spans in canonical (Simplified) text."""

    def __init__(
        self,
        pattern: str,
        *,
        fixed: bool = False,
        ignore_case: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        fold: Callable[[str], str] = to_simplified,
    ) -> None:
        if not pattern:
            raise PatternError("empty pattern")
        self.pattern = pattern
        self.timeout = timeout
        folded = fold(pattern)
        literal = fixed or not _REGEX_SYNTAX.intersection(folded)
        if literal and not ignore_case:
            self._spans: Callable[[str, float], Iterator[tuple[int, int]]] = _find_all(folded)
            return
        import regex

        source = regex.escape(folded) if literal else folded
        try:
            compiled = regex.compile(source, regex.IGNORECASE if ignore_case else 0)
        except regex.error as error:  # its message says where: "missing ) at position 3"
            raise PatternError(f"bad pattern {_quoted(pattern)}: {error}") from None

        def spans(text: str, deadline: float) -> Iterator[tuple[int, int]]:
            try:
                left = max(deadline - time.monotonic(), 0.001)
                for match in compiled.finditer(text, timeout=left):
                    yield match.span()
            except TimeoutError:
                raise PatternError(
                    f"pattern {_quoted(pattern)} took longer than {timeout:g} s to search and was "
                    "stopped; it probably backtracks catastrophically, so simplify it"
                ) from None

        self._spans = spans

    def spans(self, text: str, deadline: float | None = None) -> Iterator[tuple[int, int]]:
        """Non-overlapping, non-empty spans of the pattern in ``text``.

        A regular expression still running at ``deadline`` (a ``time.monotonic()``
        value; by default ``timeout`` seconds from now) raises PatternError.
        """
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        return (span for span in self._spans(text, deadline) if span[1] > span[0])


def _quoted(pattern: str) -> str:
    """The pattern as typed, unless it holds characters a terminal should not print."""
    return f"'{pattern}'" if pattern.isprintable() else repr(pattern)


def _find_all(needle: str) -> Callable[[str, float], Iterator[tuple[int, int]]]:
    def spans(text: str, deadline: float) -> Iterator[tuple[int, int]]:
        start = text.find(needle)
        while start >= 0:
            yield start, start + len(needle)
            start = text.find(needle, start + len(needle))

    return spans


def find_hits(
    corpus: Corpus,
    positions: Iterable[int],
    matcher: Matcher,
    *,
    include_lead: bool = False,
    max_per_speech: int | None = None,
) -> Iterator[Hit]:
    """Hits in the selected speeches, in order: speech, then paragraph, then offset.

    The whole search shares one time budget, the matcher's ``timeout``.
    """
    deadline = time.monotonic() + matcher.timeout
    for position in positions:
        canonical = corpus.canonical[position]
        shown = corpus.speeches[position]
        units: list[tuple[int | None, str]] = list(enumerate(canonical.paragraphs))
        if include_lead:
            units.insert(0, (None, canonical.lead))
        hits = (
            Hit(position, shown, paragraph, start, end)
            for paragraph, text in units
            for start, end in matcher.spans(text, deadline)
        )
        yield from islice(hits, max_per_speech)
