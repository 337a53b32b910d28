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
from typing import Any, NamedTuple

from .corpus import Corpus, Speech
from .errors import ShuangtanError
from .script import to_simplified

#: Seconds a regular expression may spend on the whole corpus.
DEFAULT_TIMEOUT = 2.0

_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\|()")
_SENTENCE_END = frozenset("。！？；")
_CLOSERS = frozenset("”’」』）》")


#: The fields of a hit, in order: where it is, the match, and the text it is in.
#: A contract: users' scripts read them.
HIT_FIELDS = (
    "id",
    "seq",
    "province",
    "speaker",
    "date",
    "paragraph",
    "start",
    "end",
    "match",
    "text",
    "context",
    "context_start",
)


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

    def to_dict(self, before: int = 0, after: int = 0) -> dict[str, Any]:
        """The hit as JSON-ready data, with the fields of HIT_FIELDS."""
        start, end = self.context(before, after)
        speech = self.speech
        values = (
            *(speech.id, speech.seq, speech.province, speech.speaker, speech.date),
            *(self.paragraph, self.start, self.end, self.match, self.text),
            *(self.text[start:end], start),
        )
        return dict(zip(HIT_FIELDS, values, strict=True))

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


SpanFinder = Callable[[str, float], Iterator[tuple[int, int]]]


class Matcher:
    """A pattern, ready to find spans in canonical (Simplified) text.

    The pattern is folded to Simplified before it is matched.  Searched
    through a corpus (``find_hits``), it folds the way that corpus does, so
    whatever the corpus shows can be found (著 in 著力 where the corpus
    writes 着力); used on its own (``spans``), it folds with ``fold``, by
    default OpenCC's t2s with the project's phrases.  A bad pattern raises
    PatternError at once, whatever it is later folded with.
    """

    def __init__(
        self,
        pattern: str,
        *,
        fixed: bool = False,
        ignore_case: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        fold: Callable[[str], str] | None = None,
    ) -> None:
        if not pattern:
            raise PatternError("empty pattern")
        self.pattern = pattern
        self.fixed = fixed
        self.ignore_case = ignore_case
        self.timeout = timeout
        self.fold = fold
        self._finders: dict[Callable[[str], str], SpanFinder] = {}
        if fold is not None:
            self.finder(fold)
        elif not self._is_literal(pattern):
            self._compile(pattern)  # folding never touches the syntax: check it now

    def _is_literal(self, folded: str) -> bool:
        return self.fixed or not _REGEX_SYNTAX.intersection(folded)

    def _compile(self, source: str) -> Any:
        import regex

        try:
            return regex.compile(source, regex.IGNORECASE if self.ignore_case else 0)
        except regex.error as error:  # its message says where: "missing ) at position 3"
            raise PatternError(f"bad pattern {_quoted(self.pattern)}: {error}") from None

    def finder(self, fold: Callable[[str], str] | None = None) -> SpanFinder:
        """The span finder for text folded with ``fold`` (built once per fold)."""
        fold = fold or self.fold or to_simplified
        found = self._finders.get(fold)
        if found is None:
            found = self._finders[fold] = self._build(fold(self.pattern))
        return found

    def _build(self, folded: str) -> SpanFinder:
        literal = self._is_literal(folded)
        if literal and not self.ignore_case:
            return _find_all(folded)
        import regex

        compiled = self._compile(regex.escape(folded) if literal else folded)
        pattern, timeout = self.pattern, self.timeout

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

        return spans

    def spans(
        self,
        text: str,
        deadline: float | None = None,
        *,
        fold: Callable[[str], str] | None = None,
    ) -> Iterator[tuple[int, int]]:
        """Non-overlapping, non-empty spans of the pattern in canonical ``text``.

        A regular expression still running at ``deadline`` (a ``time.monotonic()``
        value; by default ``timeout`` seconds from now) raises PatternError.
        """
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        finder = self.finder(fold)
        return (span for span in finder(text, deadline) if span[1] > span[0])


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

    The pattern folds the way the corpus does; the whole search shares one
    time budget, the matcher's ``timeout``.
    """
    fold = corpus.fold
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
            for start, end in matcher.spans(text, deadline, fold=fold)
        )
        yield from islice(hits, max_per_speech)


def count_hits(
    corpus: Corpus,
    positions: Iterable[int],
    matcher: Matcher,
    *,
    include_lead: bool = False,
    max_per_speech: int | None = None,
) -> dict[int, int]:
    """Hits per selected speech, zero included, in the order of ``positions``."""
    counts = dict.fromkeys(positions, 0)
    for hit in find_hits(
        corpus, counts, matcher, include_lead=include_lead, max_per_speech=max_per_speech
    ):
        counts[hit.position] += 1
    return counts
