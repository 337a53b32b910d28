"""Independent second ways of counting, for the analysis tests.

Nothing here imports shuangtan_cli: the records are read with plain ``json``
and every count is made with plain loops, ``str.count`` or ``str.find``, so
the tests compare the library with code that shares none of its shortcuts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPEECHES = ROOT / "data" / "speeches.jsonl"
TERMS = ROOT / "src" / "shuangtan_cli" / "terms.json"

Record = dict[str, Any]

#: Characters that end a sentence, and closing marks that stay with it.
SENTENCE_END = "。！？；"
CLOSERS = "”’」』）》"


@cache
def records() -> tuple[Record, ...]:
    """The canonical (Simplified) records, in article order."""
    with SPEECHES.open(encoding="utf-8") as lines:
        return tuple(json.loads(line) for line in lines if line.strip())


@cache
def vocabulary() -> list[dict[str, Any]]:
    """The entries of terms.json, as stored."""
    entries: list[dict[str, Any]] = json.loads(TERMS.read_text(encoding="utf-8"))["terms"]
    return entries


def paragraphs() -> list[str]:
    return [p for record in records() for p in record["paragraphs"]]


def in_han_block(char: str) -> bool:
    """The ``han_chars`` definition of data/README.md: U+3400–U+9FFF."""
    return "\u3400" <= char <= "\u9fff"


def runs(text: str, is_han: Any = in_han_block) -> list[str]:
    """Maximal stretches of Han characters, by a character loop."""
    found: list[str] = []
    current = ""
    for char in text:
        if is_han(char):
            current += char
        else:
            if current:
                found.append(current)
            current = ""
    if current:
        found.append(current)
    return found


def ngrams(text: str, low: int, high: int, is_han: Any = in_han_block) -> list[str]:
    """Every n-gram (low ≤ n ≤ high) inside the Han runs of ``text``."""
    return [
        run[i : i + n]
        for run in runs(text, is_han)
        for n in range(low, high + 1)
        for i in range(len(run) - n + 1)
    ]


def count_units(
    documents: Iterable[Sequence[str]], units_of: Any
) -> tuple[Counter[str], Counter[str], int]:
    """Counts, ranges and size of the units ``units_of(text)`` returns."""
    counts: Counter[str] = Counter()
    ranges: Counter[str] = Counter()
    for document in documents:
        found = [unit for text in document for unit in units_of(text)]
        counts.update(found)
        ranges.update(set(found))
    return counts, ranges, sum(counts.values())


def has_border(text: str) -> bool:
    """True if a proper prefix of ``text`` is also its suffix (so copies can overlap)."""
    return any(text[:k] == text[-k:] for k in range(1, len(text)))


def occurrences(text: str, needle: str) -> list[int]:
    """Starts of the non-overlapping occurrences of ``needle``, left to right."""
    starts = []
    at = text.find(needle)
    while at >= 0:
        starts.append(at)
        at = text.find(needle, at + len(needle))
    return starts


def longest_terms(text: str, spellings: dict[str, str]) -> list[tuple[int, int, str]]:
    """Whole-term tokens by a position loop: at each position the longest spelling
    that starts there (and is not glued to an ASCII letter or digit) wins."""

    def glued(char: str) -> bool:
        return char.isascii() and char.isalnum()

    ordered = sorted(spellings, key=len, reverse=True)
    tokens = []
    i = 0
    while i < len(text):
        for spelling in ordered:
            end = i + len(spelling)
            if text.startswith(spelling, i):
                if glued(spelling[0]) and i > 0 and glued(text[i - 1]):
                    continue
                if glued(spelling[-1]) and end < len(text) and glued(text[end]):
                    continue
                tokens.append((i, end, spellings[spelling]))
                i = end
                break
        else:
            i += 1
    return tokens


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentences: each ends after an end mark and the closing marks that follow it."""
    cuts = [0]
    i = 0
    while i < len(text):
        if text[i] in SENTENCE_END:
            j = i + 1
            while j < len(text) and text[j] in CLOSERS:
                j += 1
            cuts.append(j)
            i = j
        else:
            i += 1
    if cuts[-1] != len(text) or len(cuts) == 1:
        cuts.append(len(text))
    return list(zip(cuts, cuts[1:], strict=False))
