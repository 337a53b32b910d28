"""Read a generated corpus as the importer's records (record.md), for the benchmark.

A stand-in for the importer, which validates far more: this resolves the
province spelling, keeps the known fields and puts every other one in ``meta``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

KNOWN = ("id", "province", "date", "speaker", "speaker_title", "occasion", "title", "paragraphs")


def read_records(path: str) -> Iterator[dict[str, Any]]:
    from shuangtan_cli.places import resolve_place

    places: dict[str, str] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            raw = json.loads(line)
            spelling = raw.get("province") or ""
            province = None
            if spelling:
                province = places.get(spelling)
                if province is None:
                    province = places[spelling] = resolve_place(spelling).id
            yield {
                "id": raw["id"],
                "id_made": False,
                "province": province,
                "date": raw.get("date"),
                "speaker": raw.get("speaker"),
                "speaker_title": raw.get("speaker_title"),
                "occasion": raw.get("occasion"),
                "title": raw.get("title"),
                "paragraphs": raw["paragraphs"],
                "meta": {k: v for k, v in raw.items() if k not in KNOWN},
                "source": {"file": path, "line": number},
            }
