"""Invariants of the built corpus, checked over every record, lead and paragraph.

The corpus (data/speeches*.jsonl, data/corpus.json) is built by
scripts/build_corpus.py from the article as found (data/raw/).  These tests
do not trust the build: where they can, they re-derive what the files must
hold from the raw article and the reviewed tables (errata, orthography),
with their own code, and compare.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import string
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from shuangtan_cli.places import places, resolve_place
from shuangtan_cli.script import Script, from_simplified, to_simplified

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw" / "shuangtan-31-provinces.zh-Hant.txt"
BUILD_SCRIPT = ROOT / "scripts" / "build_corpus.py"
SCHEMA = DATA / "speeches.schema.json"
CORPUS_JSON = DATA / "corpus.json"

FILES = {
    Script.SIMPLIFIED: DATA / "speeches.jsonl",
    Script.TRADITIONAL: DATA / "speeches.traditional.jsonl",
    Script.HK: DATA / "speeches.hk.jsonl",
}
SCRIPTS = list(FILES)
RENDERINGS = [Script.TRADITIONAL, Script.HK]
SEQS = range(1, 32)
SEQ_IDS = [f"seq{seq:02d}" for seq in SEQS]

#: Fields holding Chinese text.  ``notes`` is English prose for researchers and is
#: left out of the character checks (it is still checked in the round trip).
CHINESE_FIELDS = (
    "province",
    "province_short",
    "region",
    "heading",
    "speaker",
    "speaker_title",
    "occasion",
    "lead",
    "paragraphs",
    "others",
)
#: Fields a rendering converts from the canonical Simplified text.
RENDERED_FIELDS = frozenset(CHINESE_FIELDS) | {"notes"}

HAN = re.compile(r"[\u4e00-\u9fff]")
#: The Chinese punctuation the article uses, all full-width.
CHINESE_PUNCTUATION = frozenset("，。、：；“”‘’《》（）")
DIGITS = frozenset(string.digits)

#: Latin letters in the Chinese text.  These are not pinyin: "1+N", "1+X" and "1+1+N"
#: are the names of policy systems (one top-level document plus N/X sectoral plans),
#: written with Latin letters in the original Chinese.  Counted per record.
ALLOWED_LATIN = Counter(
    {
        ("shaanxi", "1+N"): 1,  # 加快构建我省碳达峰碳中和“1+N”政策体系
        ("shanxi", "1+X"): 1,  # 构建起碳达峰碳中和“1+X”政策体系
        ("hunan", "1+1+N"): 1,  # 构建湖南碳达峰碳中和‘1+1+N’政策体系
    }
)
LATIN_RUN = re.compile(
    r"[0-9+]*[A-Za-z\u00c0-\u024f\u1e00-\u1eff][0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff+]*"
)

#: Characters allowed besides Han, CHINESE_PUNCTUATION and ASCII digits.
REPERTOIRE_EXCEPTIONS = {
    "+": "the plus in the policy-system names 1+N, 1+X, 1+1+N",
    "N": "the letter in 1+N and 1+1+N (see ALLOWED_LATIN)",
    "X": "the letter in 1+X (see ALLOWED_LATIN)",
    "·": "U+00B7 in “4·27” (Guangxi): the date of a speech, 27 April, written as usual",
}

#: Characters of the Simplified text outside GB 2312.
GB2312_EXCEPTIONS = {
    "槃": "涅槃 in 凤凰涅槃 (Shandong); 槃 is not in GB 2312 (it is in GBK) and has no other form",
    "·": "U+00B7 in “4·27” (Guangxi); Python's gb2312 codec decodes GB 2312's middle dot "
    "(A1A4) as U+30FB, so U+00B7 itself does not encode",
}


# --- loading ----------------------------------------------------------------------------


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def records(script: Script) -> list[dict[str, Any]]:
    return [json.loads(line) for line in FILES[script].read_text(encoding="utf-8").splitlines()]


def record(script: Script, seq: int) -> dict[str, Any]:
    recs = records(script)
    assert len(recs) >= seq, f"{FILES[script].name} has only {len(recs)} records"
    rec = recs[seq - 1]
    assert rec["seq"] == seq
    return rec


def by_id(script: Script, record_id: str) -> dict[str, Any]:
    matches = [rec for rec in records(script) if rec["id"] == record_id]
    assert len(matches) == 1, record_id
    return matches[0]


ERRATA: list[dict[str, Any]] = load_json(DATA / "errata.json")
ORTHOGRAPHY: list[dict[str, str]] = load_json(DATA / "orthography.json")


def text_items(rec: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every string in the record's Chinese text fields."""
    for name in CHINESE_FIELDS:
        value = rec[name]
        if value is None:
            continue
        if isinstance(value, str):
            yield name, value
        else:
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{name}[{i}]", item
                else:
                    for key, text in item.items():
                        yield f"{name}[{i}].{key}", text


def all_text_items(script: Script) -> Iterator[tuple[str, str, str]]:
    """(record id, where, text) for every string of every record."""
    for rec in records(script):
        for where, text in text_items(rec):
            yield rec["id"], where, text


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


# --- an independent cleaning of the raw article ----------------------------------------------


def is_gloss(content: str) -> bool:
    """A pinyin gloss: Latin letters only, with or without tone marks."""
    return bool(content) and all(
        unicodedata.name(ch, "").startswith("LATIN ") and ch.isalpha() for ch in content
    )


@dataclass
class Article:
    preface: list[str]
    headings: dict[int, str]
    sections: dict[int, list[str]]  # dateline, then paragraphs


def split_article(text: str) -> Article:
    article = Article([], {}, {})
    current = 0
    for line in text.splitlines():
        heading = re.fullmatch(r"(\d\d)\.(.+)", line)
        if heading:
            current = int(heading.group(1))
            article.headings[current] = heading.group(2)
            article.sections[current] = []
        elif current:
            article.sections[current].append(line)
        else:
            article.preface.append(line)
    return article


@cache
def stripped_text() -> tuple[str, int]:
    """The raw article without its pinyin glosses, and how many were removed."""
    removed = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal removed
        if is_gloss(match.group(1)):
            removed += 1
            return ""
        return match.group()

    text = re.sub(r"\(([^()]*)\)", drop, RAW.read_text(encoding="utf-8"))
    return text, removed


def full_width(text: str, counts: Counter[str]) -> str:
    for half, full in zip(",:;()", "，：；（）", strict=True):
        counts[half] += text.count(half)
        text = text.replace(half, full)
    return text


def orthography(text: str, counts: Counter[str]) -> str:
    for entry in ORTHOGRAPHY:
        counts[entry["kind"]] += text.count(entry["was"])
        if entry["kind"] != "t2s":  # t2s entries fix the Simplified text, after folding
            text = text.replace(entry["was"], entry["becomes"])
    return text


def after_errata(text: str) -> str:
    """What the cleaning does to a piece of text once the errata are applied."""
    return orthography(full_width(text, Counter()), Counter())


@dataclass
class Cleaned:
    article: Article
    glosses: int
    punctuation: Counter[str]
    orthography: Counter[str]


@cache
def cleaned_source() -> Cleaned:
    text, glosses = stripped_text()
    article = split_article(text)
    for erratum in ERRATA:
        block = "\n".join(article.sections[erratum["section"]])
        assert block.count(erratum["was"]) == 1, erratum["id"]
        article.sections[erratum["section"]] = block.replace(
            erratum["was"], erratum["becomes"]
        ).split("\n")
    punctuation: Counter[str] = Counter()
    kinds: Counter[str] = Counter()

    def tidy(line: str) -> str:
        return orthography(full_width(line, punctuation), kinds)

    article.preface = [tidy(line) for line in article.preface]
    for seq in article.sections:
        article.headings[seq] = tidy(article.headings[seq])
        article.sections[seq] = [tidy(line) for line in article.sections[seq]]
    return Cleaned(article, glosses, punctuation, kinds)


# --- the build ----------------------------------------------------------------------------


def load_build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_corpus_under_test", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_build_is_deterministic_and_reproduces_the_committed_files() -> None:
    build = load_build_module().build
    first = build()
    second = build()
    assert first == second
    assert {Path(p).resolve() for p in first} == {
        *(p.resolve() for p in FILES.values()),
        CORPUS_JSON,
        DATA / "fold.json",
    }
    module = load_build_module()
    for path, text in first.items():
        # corpus.json also records the OpenCC version that built it, which --check ignores.
        assert not module.differs(Path(path), text), f"{path} is not what the build writes"
        if Path(path).name != "corpus.json":
            assert text.encode("utf-8") == Path(path).read_bytes()


def test_corpus_json_records_the_version_and_the_opencc_that_built_it() -> None:
    meta = load_json(CORPUS_JSON)
    assert meta["version"] == load_build_module().CORPUS_VERSION
    assert meta["built_with"]["opencc"].split(".")[0].isdigit()
    assert [e["id"] for e in meta["errata"]] == [e["id"] for e in ERRATA]


def test_build_check_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


# --- format -------------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_jsonl_format(script: Script) -> None:
    data = FILES[script].read_bytes()
    text = data.decode("utf-8")  # strict: fails on any invalid UTF-8
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")
    assert b"\r" not in data
    assert b"\\u" not in data, "non-ASCII text must be written as UTF-8, not escaped"
    assert any(byte >= 0x80 for byte in data)
    field_order = load_json(SCHEMA)["required"]
    lines = text.split("\n")[:-1]
    assert len(lines) == 31
    for number, line in enumerate(lines, 1):
        obj = json.loads(line)
        assert isinstance(obj, dict), f"line {number}"
        assert list(obj) == field_order, f"line {number}: fields out of order"
        assert json.dumps(obj, ensure_ascii=False, separators=(",", ":")) == line, (
            f"line {number} is not compact JSON"
        )
        assert obj["seq"] == number


def test_corpus_json_format() -> None:
    data = CORPUS_JSON.read_bytes()
    assert data.endswith(b"\n") and b"\\u" not in data
    assert isinstance(json.loads(data.decode("utf-8")), dict)


# --- schema -------------------------------------------------------------------------------


def validator() -> Draft202012Validator:
    schema = load_json(SCHEMA)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_schema_validator_checks_formats() -> None:
    """The validation below is only worth something if "format": "date" is enforced."""
    bad = dict(records(Script.SIMPLIFIED)[0], date="2021-02-30")
    assert not validator().is_valid(bad)


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_records_validate_against_schema(script: Script) -> None:
    check = validator()
    problems = [
        f"{rec['id']}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for rec in records(script)
        for error in check.iter_errors(rec)
    ]
    assert not problems


# --- characters ---------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_no_pinyin_and_latin_letters_only_where_allowed(script: Script) -> None:
    glosses = [
        (rec_id, where, text)
        for rec_id, where, text in all_text_items(script)
        if re.search(r"[(（]\s*[A-Za-z\u00c0-\u024f\u1e00-\u1eff]", text)
    ]
    assert not glosses
    found = Counter(
        (rec_id, token)
        for rec_id, _, text in all_text_items(script)
        for token in LATIN_RUN.findall(text)
    )
    assert found == ALLOWED_LATIN


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_no_ascii_punctuation_or_damage(script: Script) -> None:
    assert "\ufffd" not in FILES[script].read_text(encoding="utf-8")
    for rec_id, where, text in all_text_items(script):
        bad = set(text) & set(",:;()?!\ufffd")
        assert not bad, (rec_id, where, bad)
        for match in re.finditer(f"[{re.escape(string.punctuation)}]", text):
            i = match.start()
            neighbours = text[max(i - 1, 0) : i] + text[i + 1 : i + 2]
            assert not any(is_wide(ch) for ch in neighbours), (rec_id, where, text[i - 3 : i + 4])


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_character_repertoire(script: Script) -> None:
    others: dict[str, list[tuple[str, str]]] = {}
    for rec_id, where, text in all_text_items(script):
        for ch in text:
            if not (HAN.match(ch) or ch in CHINESE_PUNCTUATION or ch in DIGITS):
                others.setdefault(ch, []).append((rec_id, where))
    # Everything outside the basic repertoire is listed, and everything listed is needed.
    assert set(others) == set(REPERTOIRE_EXCEPTIONS), {
        ch: places for ch, places in others.items() if ch not in REPERTOIRE_EXCEPTIONS
    }
    middle_dots = [t for _, _, t in all_text_items(script) if "·" in t]
    assert all(re.search(r"“\d+·\d+”", t) for t in middle_dots)


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_quotes_and_brackets_balanced(script: Script) -> None:
    for rec_id, where, text in all_text_items(script):
        for opening, closing in ("“”", "‘’", "《》", "（）"):
            assert text.count(opening) == text.count(closing), (rec_id, where, opening)


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_every_paragraph_ends_a_sentence(script: Script) -> None:
    for rec in records(script):
        for i, paragraph in enumerate(rec["paragraphs"]):
            assert paragraph.endswith("。"), (rec["id"], i, paragraph[-10:])


def test_simplified_text_is_gb2312() -> None:
    outside: dict[str, list[tuple[str, str]]] = {}
    for rec_id, where, text in all_text_items(Script.SIMPLIFIED):
        for ch in text:
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                outside.setdefault(ch, []).append((rec_id, where))
    assert set(outside) == set(GB2312_EXCEPTIONS), outside


def test_simplified_text_is_already_simplified() -> None:
    for rec_id, where, text in all_text_items(Script.SIMPLIFIED):
        assert to_simplified(text) == text, (rec_id, where)


def test_variant_characters_are_gone_from_every_output() -> None:
    variants = [entry["was"] for entry in ORTHOGRAPHY if entry["kind"] == "variant"]
    assert "\u965c" in variants and "\u965c" in RAW.read_text(encoding="utf-8")
    for path in [*FILES.values(), CORPUS_JSON]:
        text = path.read_text(encoding="utf-8")
        for variant in variants:
            assert variant not in text, (path.name, variant)


# --- renderings ---------------------------------------------------------------------------


def render(value: Any, script: Script) -> Any:
    if isinstance(value, str):
        return from_simplified(value, script)
    if isinstance(value, list):
        return [render(item, script) for item in value]
    if isinstance(value, dict):
        return {key: render(item, script) for key, item in value.items()}
    return value


@pytest.mark.parametrize("script", RENDERINGS, ids=str)
@pytest.mark.parametrize("seq", SEQS, ids=SEQ_IDS)
def test_rendering_is_the_canonical_text_converted(script: Script, seq: int) -> None:
    canonical, rendered = record(Script.SIMPLIFIED, seq), record(script, seq)
    assert list(rendered) == list(canonical)
    for name, value in canonical.items():
        expected = render(value, script) if name in RENDERED_FIELDS else value
        assert rendered[name] == expected, name


@pytest.mark.parametrize("script", RENDERINGS, ids=str)
@pytest.mark.parametrize("seq", SEQS, ids=SEQ_IDS)
def test_rendering_keeps_every_character_position(script: Script, seq: int) -> None:
    """Highlight offsets computed on the canonical text must hold in every script."""
    pairs = zip(
        text_items(record(Script.SIMPLIFIED, seq)),
        text_items(record(script, seq)),
        strict=True,
    )
    for (where, simplified), (where_rendered, rendered) in pairs:
        assert where == where_rendered
        assert len(simplified) == len(rendered), where
        for i, (a, b) in enumerate(zip(simplified, rendered, strict=True)):
            assert a == b or (HAN.match(a) and HAN.match(b)), (where, i, a, b)


# --- the Traditional rendering is the cleaned article ------------------------------------------


def test_cleaning_counts_agree_with_corpus_json() -> None:
    cleaning = load_json(CORPUS_JSON)["cleaning"]
    cleaned = cleaned_source()
    assert cleaned.glosses == cleaning["glosses_removed"]
    assert +cleaned.punctuation == Counter(cleaning["punctuation_full_width"])
    assert +cleaned.orthography == Counter(cleaning["orthography"])
    # Every orthography entry fixes something.
    text, _ = stripped_text()
    assert all(entry["was"] in text for entry in ORTHOGRAPHY)


@pytest.mark.parametrize("seq", SEQS, ids=SEQ_IDS)
def test_traditional_rendering_is_the_cleaned_article(seq: int) -> None:
    article = cleaned_source().article
    assert sorted(article.sections) == list(SEQS)
    rec = record(Script.TRADITIONAL, seq)
    assert rec["heading"] == article.headings[seq]
    dateline, *paragraphs = article.sections[seq]
    assert rec["lead"] == dateline
    assert len(rec["paragraphs"]) == len(paragraphs)
    for i, (ours, theirs) in enumerate(zip(paragraphs, rec["paragraphs"], strict=True)):
        diff = [(j, a, b) for j, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b]
        assert ours == theirs, f"paragraph {i}: {diff[:5] or 'lengths differ'}"


def test_preface_is_the_cleaned_article() -> None:
    preface = load_json(CORPUS_JSON)["preface"]
    expected = cleaned_source().article.preface
    assert [from_simplified(line, Script.TRADITIONAL) for line in preface] == expected


# --- datelines ----------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
@pytest.mark.parametrize("seq", SEQS, ids=SEQ_IDS)
def test_dateline(script: Script, seq: int) -> None:
    rec = record(script, seq)
    when = date.fromisoformat(rec["date"])
    opening = f"{when.year}年{when.month}月{when.day}日，"
    lead = rec["lead"]
    assert lead.startswith(opening)
    rest = lead[len(opening) :]
    who = rec["speaker_title"] + (rec["speaker"] or "")
    assert rest.startswith(who)
    assert rest.find(rec["occasion"], len(who)) != -1, "occasion not after the speaker"
    assert lead.endswith("：") and lead.count("：") == 1


# --- places -------------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_one_record_per_division(script: Script) -> None:
    recs = records(script)
    assert len(recs) == 31
    for name in ("id", "seq", "province", "province_short", "province_en", "code", "heading"):
        assert len({rec[name] for rec in recs}) == 31, name
    assert {rec["id"] for rec in recs} == {place.id for place in places()}


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
@pytest.mark.parametrize("seq", SEQS, ids=SEQ_IDS)
def test_record_matches_gazetteer(script: Script, seq: int) -> None:
    rec = record(script, seq)
    place = resolve_place(record(Script.SIMPLIFIED, seq)["heading"])
    assert resolve_place(rec["heading"]) == place
    assert rec["id"] == place.id
    assert rec["province_en"] == place.en
    assert rec["division"] == place.division
    assert rec["code"] == place.code
    assert rec["region"] == from_simplified(place.region, script)
    if script is Script.SIMPLIFIED:
        assert (rec["province"], rec["province_short"]) == (place.name, place.short)
    else:
        # The 31 names are written alike in Taiwan and Hong Kong usage.
        assert (rec["province"], rec["province_short"]) == (place.name_hant, place.short_hant)


# --- counts and cross-references -------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_length_and_han_chars(script: Script) -> None:
    for rec in records(script):
        assert rec["length"] == sum(len(p) for p in rec["paragraphs"]), rec["id"]
        assert rec["han_chars"] == sum(len(HAN.findall(p)) for p in rec["paragraphs"]), rec["id"]


def test_repairs_name_each_erratum_once_in_its_section() -> None:
    ids = [erratum["id"] for erratum in ERRATA]
    assert len(set(ids)) == len(ids)
    used = Counter(r for rec in records(Script.SIMPLIFIED) for r in rec["repairs"])
    assert used == Counter(ids)
    for erratum in ERRATA:
        assert erratum["id"] in record(Script.SIMPLIFIED, erratum["section"])["repairs"]


def test_corpus_json_agrees_with_the_data() -> None:
    meta = load_json(CORPUS_JSON)
    recs = records(Script.SIMPLIFIED)
    dates = sorted(rec["date"] for rec in recs)
    assert meta["records"] == len(recs) == 31
    assert meta["date_range"] == [dates[0], dates[-1]]
    cleaning = meta["cleaning"]
    assert cleaning["errata"] == [erratum["id"] for erratum in ERRATA]
    assert cleaning["errata_applied"] == len(ERRATA) == sum(len(rec["repairs"]) for rec in recs)
    source = meta["source"]
    assert (ROOT / source["file"]).resolve() == RAW.resolve()
    assert source["sha256"] == hashlib.sha256(RAW.read_bytes()).hexdigest()
    # Not known from the article as found.
    assert meta["title"] is None
    assert source["url"] is None and source["published"] is None and source["author"] is None
    assert meta["renderings"] == {
        "traditional": "data/speeches.traditional.jsonl",
        "hk": "data/speeches.hk.jsonl",
    }


# --- errata -------------------------------------------------------------------------------


@pytest.mark.parametrize("erratum", ERRATA, ids=[e["id"] for e in ERRATA])
def test_erratum_matches_once_in_its_raw_section(erratum: dict[str, Any]) -> None:
    article = split_article(stripped_text()[0])
    sections = {seq: "\n".join(lines) for seq, lines in article.sections.items()}
    assert sections[erratum["section"]].count(erratum["was"]) == 1


@pytest.mark.parametrize("erratum", ERRATA, ids=[e["id"] for e in ERRATA])
def test_erratum_result_is_in_the_output(erratum: dict[str, Any]) -> None:
    becomes, was = after_errata(erratum["becomes"]), after_errata(erratum["was"])
    traditional = record(Script.TRADITIONAL, erratum["section"])
    text = "\n".join([traditional["lead"], *traditional["paragraphs"]])
    assert becomes in text
    assert was not in text
    simplified = record(Script.SIMPLIFIED, erratum["section"])
    assert to_simplified(becomes) in "\n".join([simplified["lead"], *simplified["paragraphs"]])


#: Each garble is the GBK bytes of the character before it and the restored words, read
#: one byte out of step.  The first pair out of step (the last byte of the character
#: before, the first of the restoration) is the character the copy shows as '?'; in
#: E03-E05 its pinyin gloss survives and names it.  In E06, AF BC twice is in GBK's
#: user-defined area (no character, nothing printed) and A3 BB is the semicolon.
GBK_SHIFTED = [
    ("E03", "序", "實施碳達", "驅", "qū)", "嵤┨歼_"),
    ("E04", "輸", "等重點", "數", "shù)", "戎攸c"),
    ("E05", "地", "熱三峽", "責", "zé)", "崛龒{"),
    ("E06", "規", "模化集約", "幠", "", ";s"),
]


@pytest.mark.parametrize(
    ("erratum_id", "before", "restored", "seam", "gloss", "garble"),
    GBK_SHIFTED,
    ids=[row[0] for row in GBK_SHIFTED],
)
def test_garble_is_the_text_read_one_byte_late(
    erratum_id: str, before: str, restored: str, seam: str, gloss: str, garble: str
) -> None:
    erratum = next(e for e in ERRATA if e["id"] == erratum_id)
    assert erratum["kind"] == "garbled text"
    assert before + "?" + gloss + garble in erratum["was"]
    assert before + restored in erratum["becomes"] and "?" not in erratum["becomes"]
    late = (before + restored).encode("gbk")[1:]
    assert late[:2].decode("gbk") == seam
    rest = late[2:]
    if erratum_id == "E06":
        assert rest[:2].decode("gbk") == "；" and rest[-1:] == b"s"
        for pair in (rest[2:4], rest[4:6]):  # GBK's user-defined area 1: AAA1-AFFE
            assert 0xAA <= pair[0] <= 0xAF and 0xA1 <= pair[1] <= 0xFE
        assert len(rest) == 7
    else:
        assert rest.decode("gbk") == garble
    # The glossing marked characters whose two scripts differ: the seam has a gloss if so.
    assert (to_simplified(seam) != seam) == bool(gloss)


# --- facts read from the article ----------------------------------------------------------------

#: (id, field, value), read from the source article (in Simplified here).
FACTS = [
    ("beijing", "speaker", "蔡奇"),
    ("shanghai", "speaker_title", "上海市市委书记"),
    ("tianjin", "others", [{"name": "廖国勋", "title": "天津市委副书记、市长"}]),
    ("henan", "speaker", "楼阳生"),
    ("shaanxi", "seq", 7),
    ("shaanxi", "code", "610000"),
    ("shaanxi", "speaker", "刘国中"),
    ("shanxi", "seq", 9),
    ("shanxi", "code", "140000"),
    ("shanxi", "speaker", "林武"),
    ("hebei", "date", "2022-03-18"),
    ("hebei", "speaker", "王东峰"),
    ("yunnan", "date", "2021-04-13"),
    ("yunnan", "speaker", "阮成发"),
    ("guangdong", "speaker_title", "省委书记"),
    ("gansu", "speaker", None),
    ("gansu", "speaker_title", "甘肃省委书记"),
    ("gansu", "date", "2022-02-18"),
    ("hunan", "speaker", "周震虹"),
    ("hunan", "speaker_title", "湖南省发改委副主任"),
    ("ningxia", "heading", "宁夏自治区"),
    ("ningxia", "province", "宁夏回族自治区"),
    ("xinjiang", "date", "2022-01-01"),
    ("tibet", "speaker", "王君正"),
    ("hainan", "seq", 31),
]


@pytest.mark.parametrize(("record_id", "name", "value"), FACTS, ids=lambda v: str(v))
def test_fact(record_id: str, name: str, value: Any) -> None:
    assert by_id(Script.SIMPLIFIED, record_id)[name] == value


def test_yunnan_repeated_sentence_occurs_once() -> None:
    sentence = "实现碳达峰、碳中和是一场广泛而深刻的经济社会系统性变革，与云南密切相关。"
    paragraphs = by_id(Script.SIMPLIFIED, "yunnan")["paragraphs"]
    assert paragraphs[0] == sentence
    assert "".join(paragraphs).count(sentence) == 1


def test_henan_eight_demands() -> None:
    paragraphs = by_id(Script.SIMPLIFIED, "henan")["paragraphs"]
    assert paragraphs[0] == "会议就推进碳达峰碳中和工作提出八点要求。"
    ordinals = "一二三四五六七八"
    assert [p[:3] for p in paragraphs[1:]] == [f"{n}是：" for n in ordinals]


def test_repaired_passages_read_as_in_the_article() -> None:
    simplified = {rec["id"]: "".join(rec["paragraphs"]) for rec in records(Script.SIMPLIFIED)}
    assert "推行绿色建筑和超低能耗建筑。打造" in simplified["beijing"]
    assert "“陆上风光三峡”“山水蓄能三峡”“全域地热三峡”" in simplified["jilin"]
    assert "推进新能源规模化集约化开发" in simplified["gansu"]
    assert "为有序实施碳达峰碳中和山西行动提供有力支撑" in simplified["shanxi"]
    assert "工业、建筑、交通运输等重点领域节能减排" in simplified["hebei"]
    assert by_id(Script.SIMPLIFIED, "xinjiang")["lead"].endswith("走访中石油独山子石化时指出：")
    assert by_id(Script.SIMPLIFIED, "guangdong")["lead"].endswith("第九次会议上：")
    assert "廖国勋" in simplified["tianjin"]


def test_traditional_forms_of_the_article() -> None:
    traditional = {rec["id"]: "".join(rec["paragraphs"]) for rec in records(Script.TRADITIONAL)}
    assert "實現碳達峰碳中和面臨的嚴峻挑戰" in traditional["shaanxi"]  # not 麵臨
    assert "要對表對標" in traditional["shaanxi"]  # not 對錶
    assert "嚴把項目准入關" in traditional["liaoning"]  # 准入, not 準入
    assert "鳳凰涅槃" in traditional["shandong"]
    assert "視察廣西“4·27”重要講話精神" in traditional["guangxi"]
    assert "減污降碳" in traditional["shanghai"]  # 污, not 汙
    assert "天津市委副書記、市長廖國勳" in traditional["tianjin"]
    assert by_id(Script.TRADITIONAL, "shaanxi")["province"] == "陝西省"
