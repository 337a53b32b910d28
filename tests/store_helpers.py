"""Helpers for the store tests: records of the importer's shape, and plain-scan oracles.

The oracles fold each paragraph on its own with ``script.to_simplified`` and
scan it with ``str.find`` or ``regex.finditer``: none of the store's code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from shuangtan_cli.script import to_simplified

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")


def record(paragraphs: Sequence[str], number: int = 1, **fields: Any) -> dict[str, Any]:
    """A record as the importer yields it (record.md), with every field present."""
    out: dict[str, Any] = {
        "id": f"r{number}",
        "id_made": False,
        "province": None,
        "date": None,
        "speaker": None,
        "speaker_title": None,
        "occasion": None,
        "title": None,
        "paragraphs": list(paragraphs),
        "meta": {},
        "source": {"file": "test.jsonl", "line": number},
    }
    out.update(fields)
    return out


def records_of(texts: Iterable[Sequence[str]]) -> list[dict[str, Any]]:
    return [record(paragraphs, number) for number, paragraphs in enumerate(texts, 1)]


def bundled(script: str = "simplified") -> list[dict[str, Any]]:
    """The bundled corpus as importer records (province ids, dates, speakers as they are)."""
    name = "speeches.jsonl" if script == "simplified" else f"speeches.{script}.jsonl"
    with open(os.path.join(DATA, name), encoding="utf-8") as lines:
        raw = [json.loads(line) for line in lines]
    return [
        record(
            r["paragraphs"],
            r["seq"],
            id=r["id"],
            province=r["id"],
            date=r["date"],
            speaker=r["speaker"],
            speaker_title=r["speaker_title"],
            occasion=r["occasion"],
            title=r["heading"],
            meta={"code": r["code"], "region": r["region"], "others": len(r["others"])},
        )
        for r in raw
    ]


def literal_spans(text: str, needle: str) -> list[tuple[int, int]]:
    spans = []
    start = text.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return spans


def regex_spans(text: str, pattern: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(pattern, text) if m.end() > m.start()]


def plain_search(
    texts: Sequence[Sequence[str]], pattern: str, *, is_regex: bool = False
) -> list[tuple[int, list[tuple[int, int, int]]]]:
    """(ordinal, [(paragraph, start, end)]) by folding and scanning every paragraph alone.

    Offsets are in the folded paragraph, which is the original's too when the
    fold keeps the length (the callers' texts do)."""
    out = []
    for ordinal, paragraphs in enumerate(texts):
        found = []
        for i, paragraph in enumerate(paragraphs):
            folded = to_simplified(paragraph)
            assert len(folded) == len(paragraph), "oracle needs length-keeping folds"
            spans = regex_spans(folded, pattern) if is_regex else literal_spans(folded, pattern)
            found.extend((i, start, end) for start, end in spans)
        if found:
            out.append((ordinal, found))
    return out
