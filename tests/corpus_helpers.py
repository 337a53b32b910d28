"""Helpers for the user-corpus tests: small generated sources, imported through the CLI.

``sources(seed, n)`` makes documents from the bundled remarks' own sentences
(Simplified and their Traditional renderings, reshuffled), with provinces in
assorted spellings or none, dates at every precision or none, and metadata;
``import_corpus`` imports them with the real command.  Expected values in the
tests come from these documents, read with nothing but ``json`` and
``str.find`` on the text: never from the store.
"""

from __future__ import annotations

import json
import random
import re
from functools import cache
from pathlib import Path
from typing import Any

from helpers import invoke, records

#: Spellings of provinces a user might write, by place id.
SPELLINGS = {
    "hebei": ("河北", "河北省", "Hebei", "冀"),
    "shandong": ("山东", "山東省", "Shandong", "鲁"),
    "guangdong": ("广东省", "廣東", "Guangdong", "粤"),
    "tibet": ("西藏", "西藏自治區", "Xizang", "藏"),
    "beijing": ("北京", "北京市", "Beijing", "京"),
}
#: The full Simplified name of each, as a user record shows it (Simplified as written).
NAMES = {"hebei": "河北省", "shandong": "山东省", "guangdong": "广东省", "tibet": "西藏自治区"}
NAMES["beijing"] = "北京市"
DATES = ("2021", "2021-06", "2021-06-15", "2022-02", "2022-03-01", "2020", None)


@cache
def sentences(script: str) -> tuple[str, ...]:
    """Sentences of the bundled remarks in one script (the data file of that script)."""
    found: list[str] = []
    for record in records(script):
        for paragraph in record["paragraphs"]:
            found += [s for s in re.findall(r"[^。！？；]+[。！？；]”?", paragraph) if s]
    return tuple(found)


def documents(seed: int, count: int, *, script: str = "simplified") -> list[dict[str, Any]]:
    """``count`` source documents (JSON-ready dicts), deterministic from ``seed``."""
    rng = random.Random(seed)
    pool = sentences(script)
    out = []
    for i in range(count):
        place = rng.choice([*SPELLINGS, None])
        paragraphs = [
            "".join(rng.choice(pool) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 4))
        ]
        doc: dict[str, Any] = {
            "id": f"doc-{i}",
            "province": rng.choice(SPELLINGS[place]) if place else "",
            "date": rng.choice(DATES),
            "speaker": rng.choice(["王东峰", "刘家义", None]),
            "title": rng.choice(["碳达峰实施方案", "工作报告", None]),
            "paragraphs": paragraphs,
            "batch": f"b{i % 3}",
            "reviewed": i % 2 == 0,
            "score": i % 5,
        }
        out.append(doc)
    return out


def place_of(doc: dict[str, Any]) -> str | None:
    """The place id a document's province spelling names (from SPELLINGS, not the resolver)."""
    for place, spellings in SPELLINGS.items():
        if doc["province"] in spellings:
            return place
    return None


def write_jsonl(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return path


def import_corpus(sources: list[Path], target: Path, *extra: str) -> Path:
    """Import ``sources`` into ``target`` with the real command (it must succeed)."""
    result = invoke("import", *map(str, sources), "-o", str(target), *extra)
    assert result.exit_code == 0, result.stderr
    return target


def count(text: str, needle: str) -> int:
    """Non-overlapping occurrences, left to right, as grep counts them."""
    n = start = 0
    while (found := text.find(needle, start)) >= 0:
        n, start = n + 1, found + len(needle)
    return n
