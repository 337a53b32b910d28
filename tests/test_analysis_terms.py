"""The bundled vocabulary: its attestations, and whole-term matching, checked a second way."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from analysis_oracles import count_units, longest_terms, paragraphs, records, vocabulary

from shuangtan_cli.analysis.terms import (
    Term,
    count_terms,
    find_terms,
    load_terms,
    parse_terms,
    term_tokenizer,
)
from shuangtan_cli.errors import ShuangtanError


@cache
def spellings() -> dict[str, str]:
    """Every spelling of the vocabulary, with its canonical term."""
    return {
        spelling: entry["term"]
        for entry in vocabulary()
        for spelling in [entry["term"], *entry["variants"]]
    }


@cache
def oracle_units(text: str) -> list[str]:
    return [unit for _, _, unit in longest_terms(text, spellings())]


# --- the data ---------------------------------------------------------------------------------


def test_every_entry_has_the_documented_fields() -> None:
    for entry in vocabulary():
        assert set(entry) == {"term", "variants", "gloss", "attested"}, entry
        assert entry["term"] and entry["gloss"].strip() == entry["gloss"]
        assert "\n" not in entry["gloss"] and entry["gloss"].isascii()  # one line of English
        assert entry["term"] not in entry["variants"]
        assert len(set(entry["variants"])) == len(entry["variants"])
        assert len(entry["attested"]) == 1 and set(entry["attested"]) <= {"corpus", "document"}


def test_no_spelling_belongs_to_two_terms() -> None:
    every = [s for entry in vocabulary() for s in [entry["term"], *entry["variants"]]]
    assert len(every) == len(set(every))


def test_corpus_attestations_list_exactly_the_records_that_use_the_term() -> None:
    for entry in vocabulary():
        if "corpus" not in entry["attested"]:
            continue
        using = [
            record["id"]
            for record in records()
            if any(entry["term"] in oracle_units(p) for p in record["paragraphs"])
        ]
        assert entry["attested"]["corpus"] == using, entry["term"]


def test_every_spelling_of_a_corpus_term_occurs_in_the_corpus() -> None:
    text = "\n".join(paragraphs())
    for entry in vocabulary():
        if "corpus" in entry["attested"]:
            for spelling in [entry["term"], *entry["variants"]]:
                assert spelling in text, spelling


def test_document_terms_are_not_in_the_corpus_and_name_their_document() -> None:
    text = "\n".join(paragraphs())
    documents = [entry for entry in vocabulary() if "document" in entry["attested"]]
    assert documents
    for entry in documents:
        assert entry["term"] not in text and not entry["variants"]
        source = entry["attested"]["document"]
        assert set(source) == {"title", "issuer", "year", "number"}
        assert all(isinstance(source[key], str) and source[key] for key in ("title", "issuer"))
        assert isinstance(source["year"], int) and 2000 <= source["year"] <= 2030
        assert str(source["year"]) in source["number"] or "令" in source["number"]


def test_the_commonest_terms_are_there() -> None:
    names = {entry["term"] for entry in vocabulary()}
    wanted = "碳达峰 碳中和 双碳 两高 能耗双控 碳汇 碳排放 碳市场 新能源 可再生能源 1+N".split()
    assert set(wanted) <= names


def test_load_terms_reads_the_file_as_stored() -> None:
    terms = load_terms()
    assert [t.term for t in terms] == [e["term"] for e in vocabulary()]
    for term, entry in zip(terms, vocabulary(), strict=True):
        assert term.variants == tuple(entry["variants"]) and term.gloss == entry["gloss"]
        assert term.spellings == (entry["term"], *entry["variants"])
        if "corpus" in entry["attested"]:
            assert term.corpus == tuple(entry["attested"]["corpus"]) and term.document is None
        else:
            assert term.document is not None
            assert term.document._asdict() == entry["attested"]["document"]


# --- matching ---------------------------------------------------------------------------------


def units_of(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.unit) for t in find_terms(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two terms written together count once each.
        ("推进碳达峰碳中和工作", [(2, 5, "碳达峰"), (5, 8, "碳中和")]),
        # The longer term wins where it starts: no 降碳 inside 减污降碳.
        ("减污降碳协同增效", [(0, 4, "减污降碳")]),
        ("‘1+1+N’政策体系", [(1, 6, "1+1+N")]),
        ("“1+N”政策体系", [(1, 4, "1+N")]),
        # A variant counts as its canonical term; 碳交易 is not found inside it.
        ("全国碳交易市场", [(2, 7, "碳市场")]),
        ("碳交易中心", [(0, 3, "碳交易")]),
        ("碳排放权交易", [(0, 4, "碳排放权")]),
        ("严格落实能耗“双控”制度", [(4, 10, "能耗双控")]),
        ("遏制高耗能、高排放项目", [(2, 9, "两高")]),
        # Quotation marks around a term are not part of it.
        ("遏制“两高”项目", [(3, 5, "两高")]),
        # ASCII spellings do not match inside longer numbers or words.
        ("11+N", []),
        ("1+NX", []),
        ("a1+N", []),
        ("(1+N)", [(1, 4, "1+N")]),
        # A lone 达峰 or 双控 is not a term.
        ("用能达峰，双控倒逼", []),
        ("", []),
    ],
)
def test_whole_term_matching(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert units_of(text) == expected
    assert longest_terms(text, spellings()) == expected  # the oracle agrees


def test_the_term_that_starts_first_wins_over_a_longer_one() -> None:
    terms = parse_terms(
        [
            {"term": "碳达", "variants": [], "gloss": "x", "attested": {"corpus": ["a"]}},
            {"term": "达峰行", "variants": [], "gloss": "x", "attested": {"corpus": ["a"]}},
        ]
    )
    assert [t.unit for t in find_terms("碳达峰行", terms)] == ["碳达"]
    assert [t.unit for t in find_terms("达峰行碳达", terms)] == ["达峰行", "碳达"]


def test_every_paragraph_matches_the_position_loop() -> None:
    for text in paragraphs():
        assert units_of(text) == longest_terms(text, spellings())
        for start, end, unit in units_of(text):
            assert spellings()[text[start:end]] == unit


def test_term_counts_of_the_corpus_match_the_position_loop() -> None:
    docs = [record["paragraphs"] for record in records()]
    got = count_terms(docs)
    counts, ranges, size = count_units(docs, oracle_units)
    assert (got.counts, got.ranges, got.size) == (counts, ranges, size)
    assert got.characters == sum(record["length"] for record in records())
    assert got.counts["碳达峰"] == 76 and got.counts["降碳"] == 6 and got.counts["减污降碳"] == 6


def test_terms_that_nothing_overlaps_count_as_str_count_does() -> None:
    every = list(spellings())
    counts = count_terms([record["paragraphs"] for record in records()]).counts
    checked = 0
    for entry in vocabulary():
        own = [entry["term"], *entry["variants"]]
        if any(o in other for o in own for other in every if other not in own):
            continue  # 降碳 is inside 减污降碳: whole-term counts differ from str.count
        expected = sum(text.count(spelling) for text in paragraphs() for spelling in own)
        assert counts[entry["term"]] == expected, entry["term"]
        checked += 1
    assert checked > 20


def test_a_tokenizer_of_an_empty_vocabulary_is_refused() -> None:
    with pytest.raises(ShuangtanError, match="empty"):
        term_tokenizer([])


# --- reading and checking a vocabulary --------------------------------------------------------


def entry(term: str, variants: list[str] | None = None, **attested: object) -> dict[str, object]:
    return {
        "term": term,
        "variants": variants or [],
        "gloss": "g",
        "attested": attested or {"corpus": ["x"]},
    }


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([entry("甲"), entry("乙", ["甲"])], "both"),
        (
            [
                entry(
                    "甲",
                    corpus=["x"],
                    document={"title": "t", "issuer": "i", "year": 1, "number": "n"},
                )
            ],
            "either",
        ),
        ([entry("甲", corpus=[])], "either"),
        ([entry("")], "empty"),
        ([{"term": "甲", "gloss": "g"}], "not a vocabulary entry"),
        ([entry("甲", document={"title": "t"})], "not a vocabulary entry"),
    ],
)
def test_bad_vocabularies_are_refused(entries: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ShuangtanError, match=message):
        parse_terms(entries)


def test_load_terms_errors(tmp_path: Path) -> None:
    with pytest.raises(ShuangtanError, match="cannot read"):
        load_terms(str(tmp_path / "missing.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ShuangtanError, match="not JSON"):
        load_terms(str(bad))
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"terms": [entry("碳汇")]}), encoding="utf-8")
    assert load_terms(str(good)) == (Term("碳汇", (), "g", ("x",), None),)
