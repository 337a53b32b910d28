"""Search the remarks: script-insensitive matching with exact spans.

A pattern is folded to Simplified and matched against the canonical text; the
spans it finds are the spans in the displayed text too, because every
rendering of the corpus has the same length, character for character, as the
canonical text (the corpus build checks this).  So 兩高 and 两高 find the same
hits, and a hit's offsets fit the text the user reads.

Patterns use the ``regex`` module's syntax (``\\p{Han}`` and the rest).  A plain
string needs no regular expression at all; it is matched with ``str.find``,
which also spares the import of ``regex`` (about 13 ms).  A regular
expression is checked before it is compiled and runs under a wall-clock
budget on each paragraph (see ``pattern``), so a pattern that would exhaust
memory or backtrack catastrophically ends with an error naming the
paragraph, while a search that is merely long is never cut off.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from .corpus import Corpus
from .documents import Document, documents
from .pattern import PatternError, RunawayPattern, compile_pattern, timed_spans

__all__ = [
    "DEFAULT_TIMEOUT",
    "HIT_FIELDS",
    "Hit",
    "Matcher",
    "PatternError",
    "RunawayPattern",
    "count_hits",
    "document_hits",
    "find_hits",
    "sentence_spans",
]
from .script import to_simplified

if TYPE_CHECKING:
    from .corpus import CorpusProtocol, Record

#: Seconds of wall-clock time a regular expression may spend on one paragraph
#: (more for a long one: this much again for each million characters).
DEFAULT_TIMEOUT = 2.0

_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\|()")
_SENTENCE_END = frozenset("。！？；")
_CLOSERS = frozenset("”’」』）》")


#: What stands for the paragraph of a hit in the dateline, in its ref.
LEAD = "lead"


def format_ref(speech_id: str, paragraph: int | None, start: int, end: int) -> str:
    """The reference of a hit: ``ID:PARAGRAPH:START-END`` (see ``refs``)."""
    return f"{speech_id}:{LEAD if paragraph is None else paragraph}:{start}-{end}"


#: The fields of a hit, in order: where it is, the match, the text it is in,
#: and its reference (``ID:PARAGRAPH:START-END``, see ``refs``).  A contract:
#: users' scripts read them, so it changes only by adding at the end.
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
    "ref",
)


class Hit(NamedTuple):
    """One match, with offsets into the paragraph as displayed."""

    position: int  # of the speech in the corpus
    speech: Record  # as displayed (a bundled Speech, or a user record)
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

    @property
    def ref(self) -> str:
        """``ID:PARAGRAPH:START-END``: the same in every script; ``cite`` and ``show`` take it."""
        return format_ref(self.speech.id, self.paragraph, self.start, self.end)

    def context(self, before: int = 0, after: int = 0) -> tuple[int, int]:
        """Span of the sentences around the match, widened by whole sentences.

        The sentences of a text are found once, however many hits it has.
        """
        starts, ends = _sentences(self.text)
        first = bisect_right(ends, self.start)  # the first sentence ending after the start
        last = bisect_left(ends, self.end)  # the first sentence ending at or after the end
        first = max(min(first, len(ends) - 1) - before, 0)
        last = min(min(last, len(ends) - 1) + after, len(ends) - 1)
        return starts[first], ends[last]

    def to_dict(self, before: int = 0, after: int = 0) -> dict[str, Any]:
        """The hit as JSON-ready data, with the fields of HIT_FIELDS."""
        start, end = self.context(before, after)
        speech = self.speech
        values = (
            *(speech.id, speech.seq, speech.province, speech.speaker, speech.date),
            *(self.paragraph, self.start, self.end, self.match, self.text),
            *(self.text[start:end], start, self.ref),
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


@cache
def _sentence_end() -> re.Pattern[str]:
    """Where a sentence ends: after 。！？ or ；, and any closing quotation marks."""
    return re.compile(f"[{''.join(sorted(_SENTENCE_END))}][{''.join(sorted(_CLOSERS))}]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of Chinese prose: each ends after 。！？ or ；, with any closing quotes."""
    spans = []
    start = 0
    for match in _sentence_end().finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[list[int], list[int]]:
    """Where the sentences of ``text`` start and end, for bisecting."""
    spans = sentence_spans(text)
    return [start for start, _ in spans], [end for _, end in spans]


SpanFinder = Callable[[str], Iterator[tuple[int, int]]]


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
        timeout: float | None = None,
        fold: Callable[[str], str] | None = None,
    ) -> None:
        if not pattern:
            raise PatternError("empty pattern")
        self.pattern = pattern
        self.fixed = fixed
        self.ignore_case = ignore_case
        self.timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        self.fold = fold
        self._finders: dict[Callable[[str], str], SpanFinder] = {}
        if fold is not None:
            self.finder(fold)
        elif not self._is_literal(pattern):
            self._compile(pattern)  # folding never touches the syntax: check it now

    def _is_literal(self, folded: str) -> bool:
        return self.fixed or not _REGEX_SYNTAX.intersection(folded)

    def _compile(self, source: str) -> Any:
        return compile_pattern(source, self.pattern, ignore_case=self.ignore_case)

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

        def spans(text: str) -> Iterator[tuple[int, int]]:
            budget = timeout * (1 + len(text) / 1_000_000)
            return timed_spans(compiled, text, budget, pattern)

        return spans

    def spans(
        self, text: str, *, fold: Callable[[str], str] | None = None
    ) -> Iterator[tuple[int, int]]:
        """Non-overlapping, non-empty spans of the pattern in canonical ``text``, in order.

        A regular expression still running after ``timeout`` seconds of
        wall-clock time on this text raises RunawayPattern (a PatternError).
        """
        return (span for span in self.finder(fold)(text) if span[1] > span[0])


def _find_all(needle: str) -> SpanFinder:
    def spans(text: str) -> Iterator[tuple[int, int]]:
        start = text.find(needle)
        while start >= 0:
            yield start, start + len(needle)
            start = text.find(needle, start + len(needle))

    return spans


def find_hits(
    corpus: CorpusProtocol,
    positions: Iterable[int],
    matcher: Matcher,
    *,
    include_lead: bool = False,
    max_per_speech: int | None = None,
) -> Iterator[Hit]:
    """Hits in the selected speeches, in order: speech, then paragraph, then offset.

    The pattern folds the way the corpus does.  A regular expression that
    runs out of time on one paragraph raises RunawayPattern naming it.  A user
    corpus searches through its index (``CorpusProtocol.find_hits``).
    """
    if not isinstance(corpus, Corpus):
        yield from corpus.find_hits(
            positions, matcher, include_lead=include_lead, max_per_speech=max_per_speech
        )
        return
    fold = corpus.fold
    for document in documents(corpus, positions):
        yield from document_hits(
            document, matcher, fold, include_lead=include_lead, max_per_speech=max_per_speech
        )


def document_hits(
    document: Document,
    matcher: Matcher,
    fold: Callable[[str], str],
    *,
    include_lead: bool = False,
    max_per_speech: int | None = None,
) -> Iterator[Hit]:
    """The hits in one document (see ``find_hits``), ``fold`` being its corpus's."""
    position, shown, canonical, to_shown = (
        document.position,
        document.shown,
        document.canonical,
        document.to_shown,
    )
    units: list[tuple[int | None, str]] = list(enumerate(canonical.paragraphs))
    if include_lead:
        units.insert(0, (None, canonical.lead))
    hits = (
        Hit(position, shown, paragraph, start, end)
        for paragraph, text in units
        for start, end in _spans_in(matcher, text, fold, shown, paragraph)
    )
    if to_shown is not None:  # a user record, whose canonical offsets may not be shown's
        spans = [(h.paragraph, h.start, h.end) for h in islice(hits, max_per_speech)]
        mapped = to_shown(spans)  # type: ignore[arg-type]  # no dateline: never None
        return iter([Hit(position, shown, p, start, end) for p, start, end in mapped])
    return islice(hits, max_per_speech)


def _spans_in(
    matcher: Matcher,
    text: str,
    fold: Callable[[str], str],
    speech: Record,
    paragraph: int | None,
) -> Iterator[tuple[int, int]]:
    try:
        yield from matcher.spans(text, fold=fold)
    except RunawayPattern as runaway:
        where = "the dateline" if paragraph is None else f"paragraph {paragraph}"
        raise runaway.at(f"{speech.id}, {where} ({len(text):,} characters)") from None


def count_hits(
    corpus: CorpusProtocol,
    positions: Iterable[int],
    matcher: Matcher,
    *,
    include_lead: bool = False,
    max_per_speech: int | None = None,
) -> dict[int, int]:
    """Hits per selected speech, zero included, in the order of ``positions``."""
    if not isinstance(corpus, Corpus):
        return corpus.count_hits(
            positions, matcher, include_lead=include_lead, max_per_speech=max_per_speech
        )
    counts = dict.fromkeys(positions, 0)
    for hit in find_hits(
        corpus, counts, matcher, include_lead=include_lead, max_per_speech=max_per_speech
    ):
        counts[hit.position] += 1
    return counts
