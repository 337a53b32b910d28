"""The corpus card: every figure computed a second way from the data files."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest
from helpers import DATA, RAW, records

import shuangtan_cli as st

ERRATA = json.loads((DATA / "errata.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def card() -> dict[str, object]:
    return st.corpus_card(st.load_corpus(st.Script.SIMPLIFIED))


def test_keys_in_order(card: dict[str, object]) -> None:
    assert tuple(card) == st.CARD_FIELDS


def test_counts_are_the_records(card: dict[str, object]) -> None:
    recs = records()
    assert card["records"] == len(recs) == 31
    assert card["paragraphs"] == sum(len(r["paragraphs"]) for r in recs) == 69
    assert card["characters"] == sum(len(p) for r in recs for p in r["paragraphs"]) == 10308
    han = sum(1 for r in recs for p in r["paragraphs"] for c in p if "\u4e00" <= c <= "\u9fff")
    assert card["han_characters"] == han == 9202
    dates = sorted(r["date"] for r in recs)
    assert card["date_range"] == [dates[0], dates[-1]]
    assert card["by_division"] == dict(Counter(r["division"] for r in recs).most_common())
    assert card["by_division"] == {"province": 22, "autonomous_region": 5, "municipality": 4}
    assert card["by_region"] == dict(Counter(r["region"] for r in recs).most_common())


def test_source_and_what_it_does_not_say(card: dict[str, object]) -> None:
    source = card["source"]
    assert isinstance(source, dict)
    assert source["sha256"] == hashlib.sha256(RAW.read_bytes()).hexdigest()
    assert source["file"] == "data/raw/" + RAW.name
    assert card["title"] is None
    assert source["url"] is None and source["author"] is None and source["published"] is None


def test_errata_are_the_reviewed_ones_with_their_records(card: dict[str, object]) -> None:
    errata = card["errata"]
    assert isinstance(errata, list)
    assert [e["id"] for e in errata] == [e["id"] for e in ERRATA]
    by_seq = {r["seq"]: r["id"] for r in records()}
    for shown, reviewed in zip(errata, ERRATA, strict=True):
        for key in ("kind", "was", "becomes", "why", "section"):
            assert shown[key] == reviewed[key]
        assert shown["record"] == by_seq[reviewed["section"]]
        assert shown["id"] in next(r for r in records() if r["id"] == shown["record"])["repairs"]


def test_version_and_build(card: dict[str, object]) -> None:
    assert isinstance(card["version"], str) and card["version"].count(".") == 2
    build = card["build"]
    assert isinstance(build, dict)
    assert str(build["opencc"]).split(".")[0].isdigit()
    assert build["canonical_script"] == "simplified"
    assert build["renderings"] == ["hk", "traditional"]


def test_regions_in_the_script_read() -> None:
    regions = st.corpus_card(st.load_corpus(st.Script.TRADITIONAL))["by_region"]
    assert isinstance(regions, dict)
    assert "華北" in regions and "华北" not in regions
