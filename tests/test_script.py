"""Script conversion: aliases, folding to Simplified, rendering, and the phrase dictionary."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import opencc
import pytest
from helpers import records

import shuangtan_cli as st

PHRASES = Path(st.__file__).with_name("phrases.json")
#: The OpenCC configuration behind each direction of the phrase dictionary.
OPENCC_CONFIG = {"traditional": "s2tw", "hk": "s2hk", "simplified": "t2s"}
#: What each direction converts from and to, as pairs of data files.
PAIRS = {
    "traditional": [("simplified", "traditional")],
    "hk": [("simplified", "hk")],
    "simplified": [("traditional", "simplified"), ("hk", "simplified")],
}


@cache
def _opencc(config: str) -> Any:
    return opencc.OpenCC(config)


def project(direction: str, text: str) -> str:
    if direction == "simplified":
        return st.to_simplified(text)
    return st.from_simplified(text, st.Script(direction))


def texts(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every piece of Chinese text in a record, with a name for it."""
    for name in ("province", "province_short", "region", "heading", "speaker", "speaker_title"):
        if record[name] is not None:
            yield name, record[name]
    yield "occasion", record["occasion"]
    yield "lead", record["lead"]
    for i, paragraph in enumerate(record["paragraphs"]):
        yield f"paragraphs[{i}]", paragraph
    for i, other in enumerate(record["others"]):
        yield f"others[{i}].name", other["name"]
        yield f"others[{i}].title", other["title"]


def aligned(source: str, target: str) -> Iterator[tuple[str, str, str]]:
    """(id.field, text in the source script, the same text in the target script)."""
    for a, b in zip(records(source), records(target), strict=True):
        assert a["id"] == b["id"]
        for (name, x), (other, y) in zip(texts(a), texts(b), strict=True):
            assert name == other
            yield f"{a['id']}.{name}", x, y


def phrase_entries() -> list[tuple[str, str, str]]:
    table = json.loads(PHRASES.read_text(encoding="utf-8"))
    assert set(table) == set(OPENCC_CONFIG)
    return [(d, e["from"], e["to"]) for d in OPENCC_CONFIG for e in table[d]]


def occurrences(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("simplified", st.Script.SIMPLIFIED),
        ("s", st.Script.SIMPLIFIED),
        ("zh-Hans", st.Script.SIMPLIFIED),
        ("zh-CN", st.Script.SIMPLIFIED),
        ("traditional", st.Script.TRADITIONAL),
        ("t", st.Script.TRADITIONAL),
        ("T", st.Script.TRADITIONAL),
        ("zh-Hant", st.Script.TRADITIONAL),
        ("tw", st.Script.TRADITIONAL),
        ("zh-TW", st.Script.TRADITIONAL),
        ("hk", st.Script.HK),
        (" zh-HK ", st.Script.HK),
    ],
)
def test_parse_script(name: str, script: st.Script) -> None:
    assert st.parse_script(name) is script


@pytest.mark.parametrize("name", ["", "cyrillic", "zh", "traditional-hk"])
def test_parse_script_refuses(name: str) -> None:
    with pytest.raises(st.ShuangtanError, match="simplified, traditional, hk"):
        st.parse_script(name)


# --- folding and rendering ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("兩高", "两高"),
        ("两高", "两高"),
        ("雲南", "云南"),
        ("關於", "关于"),
        ("關于", "关于"),  # a mix of scripts
        ("碳達峯", "碳达峰"),  # the Hong Kong form
        # The library keeps OpenCC's reading of 著力; the corpus build writes 着力
        # (data/orthography.json, kind t2s), where every 著力 is zhuólì.
        ("著力推進", "著力推进"),
        ("1+N", "1+N"),
    ],
)
def test_to_simplified(text: str, simplified: str) -> None:
    assert st.to_simplified(text) == simplified


def test_traditional_uses_the_forms_of_the_source_article() -> None:
    # Taiwan-standard 為, 峰, 群 as the article writes them, not OpenCC's 爲, 峯, 羣.
    assert (
        st.from_simplified("为人民群众实现碳达峰", st.Script.TRADITIONAL) == "為人民群眾實現碳達峰"
    )
    assert st.from_simplified("碳达峰", st.Script.HK) == "碳達峯"
    assert st.from_simplified("碳达峰", st.Script.SIMPLIFIED) == "碳达峰"


@pytest.mark.parametrize(
    ("text", "script", "expected"),
    [
        ("兩高", "simplified", "两高"),
        ("两高", "traditional", "兩高"),
        ("两高", "t", "兩高"),
        ("關于碳達峰", "hk", "關於碳達峯"),
        ("碳達峯", st.Script.TRADITIONAL, "碳達峰"),
    ],
)
def test_convert(text: str, script: st.Script | str, expected: str) -> None:
    assert st.convert(text, script) == expected


def test_ren_canyu_in_hong_kong_script() -> None:
    # s2hk misreads a bare 人参与 as 人参 (ginseng), but the corpus only has 个人参与,
    # which it converts right, so the phrase dictionary needs no entry for it.
    assert _opencc("s2hk").convert("人参与") == "人蔘與"
    assert st.from_simplified("个人参与", st.Script.HK) == "個人參與"
    assert st.from_simplified("个人参与碳减排", st.Script.HK) == "個人參與碳減排"
    passages = [(where, hk) for where, s, hk in aligned("simplified", "hk") if "人参与" in s]
    assert passages
    for _, hk in passages:
        assert "人參與" in hk and "蔘" not in hk


@pytest.mark.parametrize("script", ["traditional", "hk"])
def test_the_renderings_are_the_canonical_text_converted(script: str) -> None:
    for where, simplified, rendered in aligned("simplified", script):
        assert st.from_simplified(simplified, st.Script(script)) == rendered, where


@pytest.mark.parametrize("script", ["traditional", "hk"])
def test_every_rendering_folds_back_to_the_canonical_text(script: str) -> None:
    # What search relies on: text copied from the screen, in any script, folds to the
    # canonical text, so it finds the passage it was copied from.
    corpus = st.load_corpus()
    wrong = [
        where
        for where, simplified, rendered in aligned("simplified", script)
        if corpus.fold(rendered) != simplified
    ]
    assert wrong == []


def test_the_zhuoli_phrase_does_not_reach_into_xianzhu() -> None:
    assert _opencc("t2s").convert("顯著力量") == "显著力量"
    assert st.to_simplified("顯著力量") == "显著力量"
    assert st.to_simplified("显著力量") == "显著力量"


@pytest.mark.parametrize("text", ["土著力量", "名著力作"])
def test_the_zhuoli_phrase_does_not_reach_into_other_words(text: str) -> None:
    assert _opencc("t2s").convert(text) == text
    assert st.to_simplified(text) == text


# --- the phrase dictionary ---------------------------------------------------------------------


def passages(direction: str) -> Iterator[tuple[str, str, str]]:
    """Every text of the corpus in the scripts ``direction`` converts from, with its result."""
    for source, target in PAIRS[direction]:
        for where, x, y in aligned(source, target):
            yield f"{source}:{where}", x, y


def guarded(direction: str, source: str) -> tuple[str, str, str] | None:
    """For an entry that guards another (顯著 keeps 著力 out of 顯著力量): the entry it
    guards and a text where the two overlap (顯著力).  None for any other entry."""
    if _opencc(OPENCC_CONFIG[direction]).convert(source) != project(direction, source):
        return None
    for other_direction, other, target in phrase_entries():
        if other_direction != direction or other == source:
            continue
        for k in range(1, len(source)):
            overlap = source[k:]
            if other.startswith(overlap):
                return other, target, source + other[len(overlap) :]
    return None


@pytest.mark.parametrize(("direction", "source", "target"), phrase_entries())
def test_phrase_is_attested_in_the_corpus(direction: str, source: str, target: str) -> None:
    guard = guarded(direction, source)
    if guard is not None:  # justified by the entry it guards, which must be attested
        source, target = guard[0], guard[1]
    found = [(where, x, y) for where, x, y in passages(direction) if source in x]
    assert found, f"{source} does not occur in the corpus"
    for where, x, y in found:
        for start in occurrences(x, source):
            assert y[start : start + len(target)] == target, where


@pytest.mark.parametrize(("direction", "source", "target"), phrase_entries())
def test_phrase_is_needed_and_the_project_gets_it_right(
    direction: str, source: str, target: str
) -> None:
    converter = _opencc(OPENCC_CONFIG[direction])
    guard = guarded(direction, source)
    if guard is not None:
        # OpenCC reads the overlap right and the guarded entry alone would not: the guard
        # keeps OpenCC's reading.
        other, other_target, text = guard
        at = text.index(other)
        assert converter.convert(text)[at : at + len(other)] != other_target, text
        assert project(direction, text) == converter.convert(text), text
        return
    # OpenCC alone gets it wrong: on the phrase itself, or in a passage of the corpus.
    wrong_alone = converter.convert(source) != target
    wrong_in_context = [
        where
        for where, x, _ in passages(direction)
        for start in occurrences(x, source)
        if converter.convert(x)[start : start + len(target)] != target
    ]
    assert wrong_alone or wrong_in_context, f"OpenCC {OPENCC_CONFIG[direction]} gets {source} right"
    # The project converter gets it right, alone and in every passage.
    assert project(direction, source) == target
    for where, x, y in passages(direction):
        if source in x:
            assert project(direction, x) == y, where


def test_phrase_targets_have_the_length_of_their_source() -> None:
    # Offsets of a search hit are the same in every script only if conversion keeps lengths.
    for direction, source, target in phrase_entries():
        assert len(source) == len(target), (direction, source, target)
