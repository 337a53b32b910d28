"""Build the corpus from the raw source article.

    python scripts/build_corpus.py          # write data/speeches*.jsonl, fold.json, corpus.json
    python scripts/build_corpus.py --check  # exit 1 if the committed files differ

Reads only files under data/: the article as found (data/raw/), the reviewed
errata (data/errata.json), the orthography table (data/orthography.json) and
the dateline analysis (data/sections.json).  The steps, in order, each counted
in data/corpus.json:

1. remove the pinyin glosses, 達(dá) → 達, keeping real parentheses;
2. apply the errata, each of which must match exactly once in its section;
3. replace ASCII , : ; ( ) beside Chinese text with their full-width forms;
4. apply the orthography table (Simplified leftovers, variant characters);
   the result is the cleaned Traditional text of the article;
5. fold to Simplified (OpenCC t2s plus the project's phrases), then apply the
   table's t2s entries: the canonical text, written to data/speeches.jsonl;
6. render the canonical text in Traditional and Hong Kong script; the
   Traditional rendering must reproduce the cleaned article exactly;
7. pair up the characters of the renderings with the canonical text
   (data/fold.json), so a query folds to Simplified without OpenCC.

Any surprise (an erratum that does not match, a rendering that disagrees with
the article, a dateline that does not parse) stops the build with a message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shuangtan_cli.corpus import TEXT_FIELDS, render_record
from shuangtan_cli.places import UnknownPlaceError, resolve_place
from shuangtan_cli.script import Script, from_simplified, han_chars, to_simplified

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw" / "shuangtan-31-provinces.zh-Hant.txt"

PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
GLOSS = re.compile(rf"\([{PINYIN}]+\)")
HEADING = re.compile(r"^(\d{2})\.(\S+)$")
DATELINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日，(.+)：$")
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
ASCII_PUNCT = re.compile(r"[,:;()]")

#: The version of the corpus data.  Bump the major number when a record is
#: added, removed or changes its id, the minor when any text or field changes,
#: the patch for metadata only (corpus.json).  Quoted in data/README.md.
CORPUS_VERSION = "1.0.0"


class BuildError(Exception):
    """The source, the errata or the tables disagree: the build must not guess."""


@dataclass
class Section:
    seq: int
    heading: str
    lines: list[str]  # dateline, then paragraphs
    repairs: list[str] = field(default_factory=list)


def load_json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def split_sections(text: str) -> tuple[list[str], list[Section]]:
    """The preface paragraphs and the 31 sections, in article order."""
    preface: list[str] = []
    sections: list[Section] = []
    for line in text.splitlines():
        if not line.strip():
            raise BuildError("blank line in the source")
        heading = HEADING.match(line)
        if heading:
            seq = int(heading.group(1))
            if seq != len(sections) + 1:
                raise BuildError(f"section {seq} out of order")
            sections.append(Section(seq, heading.group(2), []))
        elif sections:
            sections[-1].lines.append(line)
        else:
            preface.append(line)
    return preface, sections


def apply_errata(sections: list[Section], errata: list[dict[str, Any]]) -> None:
    by_seq = {section.seq: section for section in sections}
    for erratum in errata:
        section = by_seq[erratum["section"]]
        block = "\n".join(section.lines)
        count = block.count(erratum["was"])
        if count != 1:
            raise BuildError(f"erratum {erratum['id']} matches {count} times, not once")
        section.lines = block.replace(erratum["was"], erratum["becomes"]).split("\n")
        section.repairs.append(erratum["id"])


def full_width(text: str, counts: Counter[str]) -> str:
    """Full-width marks for ASCII punctuation standing beside Chinese text."""

    def replace(match: re.Match[str]) -> str:
        i = match.start()
        neighbours = text[max(i - 1, 0) : i] + text[i + 1 : i + 2]
        if not any(ord(ch) > 0x2000 for ch in neighbours):
            return match.group()
        counts[match.group()] += 1
        return FULL_WIDTH[match.group()]

    return ASCII_PUNCT.sub(replace, text)


def apply_orthography(text: str, table: list[dict[str, str]], counts: Counter[str]) -> str:
    for entry in table:
        counts[entry["was"]] += text.count(entry["was"])
        text = text.replace(entry["was"], entry["becomes"])
    return text


@dataclass
class Cleaned:
    """The article after every cleaning step, still in Traditional script."""

    preface: list[str]
    sections: list[Section]
    glosses: int
    punctuation: Counter[str]
    orthography: Counter[str]


def clean(raw: str) -> Cleaned:
    glosses = len(GLOSS.findall(raw))
    text = GLOSS.sub("", raw)
    preface, sections = split_sections(text)
    apply_errata(sections, load_json("errata.json"))
    punctuation: Counter[str] = Counter()
    orthography: Counter[str] = Counter()
    table = [entry for entry in load_json("orthography.json") if entry["kind"] != "t2s"]

    def tidy(line: str) -> str:
        return apply_orthography(full_width(line, punctuation), table, orthography)

    preface = [tidy(line) for line in preface]
    for section in sections:
        section.heading = tidy(section.heading)
        section.lines = [tidy(line) for line in section.lines]
    unused = [entry["was"] for entry in table if not orthography[entry["was"]]]
    if unused:
        raise BuildError(f"orthography entries match nothing: {unused}")
    return Cleaned(preface, sections, glosses, punctuation, orthography)


def to_canonical(text: str, counts: Counter[str] | None = None) -> str:
    """Cleaned Traditional text folded to Simplified: t2s, then the t2s fixes."""
    table = [entry for entry in load_json("orthography.json") if entry["kind"] == "t2s"]
    return apply_orthography(to_simplified(text), table, Counter() if counts is None else counts)


def parse_dateline(lead: str, info: dict[str, Any], seq: int) -> dict[str, Any]:
    """Date, speaker, title and occasion, each checked against the dateline."""
    match = DATELINE.match(lead)
    if not match:
        raise BuildError(f"section {seq}: dateline does not parse: {lead}")
    year, month, day, rest = match.groups()
    speaker = info["speaker"]
    if speaker is None:
        title = info["speaker_title"]
        if not rest.startswith(title):
            raise BuildError(f"section {seq}: title {title!r} does not open the dateline")
    else:
        if rest.count(speaker) != 1:
            raise BuildError(f"section {seq}: speaker {speaker!r} not once in the dateline")
        title = rest[: rest.index(speaker)]
    occasion = info["occasion"]
    if occasion not in rest:
        raise BuildError(f"section {seq}: occasion {occasion!r} not in the dateline")
    return {
        "date": f"{year}-{int(month):02d}-{int(day):02d}",
        "speaker": speaker,
        "speaker_title": title,
        "occasion": occasion,
    }


def build_records(cleaned: Cleaned) -> list[dict[str, Any]]:
    sections_info = {entry["seq"]: entry for entry in load_json("sections.json")}
    records = []
    for section in cleaned.sections:
        lead, *paragraphs = (to_canonical(line, cleaned.orthography) for line in section.lines)
        heading = to_canonical(section.heading)
        info = sections_info[section.seq]
        try:
            place = resolve_place(heading)
        except UnknownPlaceError as error:
            raise BuildError(f"section {section.seq}: {error}") from None
        for other in info["others"]:
            if not any(other["name"] in p and other["title"] in p for p in paragraphs):
                raise BuildError(f"section {section.seq}: {other['name']} not in the remarks")
        records.append(
            {
                "id": place.id,
                "seq": section.seq,
                "province": place.name,
                "province_short": place.short,
                "province_en": place.en,
                "division": place.division,
                "region": place.region,
                "code": place.code,
                "heading": heading,
                **parse_dateline(lead, info, section.seq),
                "lead": lead,
                "paragraphs": paragraphs,
                "others": info["others"],
                "length": sum(map(len, paragraphs)),
                "han_chars": sum(map(han_chars, paragraphs)),
                "repairs": section.repairs,
                "notes": info["notes"],
            }
        )
    return records


def check_rendering(records: list[dict[str, Any]], cleaned: Cleaned) -> None:
    """The Traditional rendering must give back the cleaned article, character for character."""
    pairs = [("preface", line, to_canonical(line)) for line in cleaned.preface]
    for record, section in zip(records, cleaned.sections, strict=True):
        source = [section.heading, *section.lines]
        canonical = [record["heading"], record["lead"], *record["paragraphs"]]
        pairs += [(f"section {section.seq}", *pair) for pair in zip(source, canonical, strict=True)]
    for where, original, simplified in pairs:
        rendered = from_simplified(simplified, Script.TRADITIONAL)
        if rendered != original:
            diff = [(a, b) for a, b in zip(original, rendered, strict=False) if a != b]
            raise BuildError(f"{where}: rendering differs: {diff or rendered}")


def opencc_version() -> str:
    """The version of the OpenCC bindings (and dictionaries) doing the conversion."""
    from importlib.metadata import version

    return version("opencc")


def metadata(raw: bytes, cleaned: Cleaned, records: list[dict[str, Any]]) -> dict[str, Any]:
    errata = load_json("errata.json")
    dates = sorted(record["date"] for record in records)
    return {
        "version": CORPUS_VERSION,
        "title": None,
        "description": (
            "Remarks on carbon peaking and carbon neutrality by the leaders of the 31 "
            "provincial-level divisions of mainland China, as compiled in one web article."
        ),
        "source": {
            "file": "data/raw/" + RAW.name,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "script": "Traditional (machine-converted from Simplified)",
            "url": None,
            "published": None,
            "author": None,
        },
        "preface": [to_canonical(line) for line in cleaned.preface],
        "records": len(records),
        "date_range": [dates[0], dates[-1]],
        "canonical_script": "simplified",
        "renderings": {
            "traditional": "data/speeches.traditional.jsonl",
            "hk": "data/speeches.hk.jsonl",
        },
        "cleaning": {
            "glosses_removed": cleaned.glosses,
            "punctuation_full_width": dict(sorted(cleaned.punctuation.items())),
            "orthography": {
                kind: sum(
                    cleaned.orthography[entry["was"]]
                    for entry in load_json("orthography.json")
                    if entry["kind"] == kind
                )
                for kind in ("simplified", "variant", "mis-converted", "t2s")
            },
            "errata_applied": len(errata),
            "errata": [erratum["id"] for erratum in errata],
        },
        "errata": [
            {
                "id": erratum["id"],
                "record": records[erratum["section"] - 1]["id"],
                "section": erratum["section"],
                "kind": erratum["kind"],
                "was": erratum["was"],
                "becomes": erratum["becomes"],
                "why": erratum["why"],
            }
            for erratum in errata
        ],
        "built_with": {"opencc": opencc_version()},
    }


def strings(value: Any) -> list[str]:
    """Every string inside a field's value, in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    return []


def fold_table(records: list[dict[str, Any]], renderings: list[list[dict[str, Any]]]) -> str:
    """How each character the corpus shows folds to the canonical text.

    Every rendering has the canonical text's length, so characters pair up by
    position: 兩 always stands where the canonical text has 两.  A character
    that always pairs with one canonical character folds to it; one that pairs
    with several is left out, and a query holding it is folded by OpenCC.
    """
    pairs: dict[str, set[str]] = {}
    for shown in [records, *renderings]:
        for record, canonical in zip(shown, records, strict=True):
            for name in sorted(TEXT_FIELDS):
                for text, original in zip(
                    strings(record[name]), strings(canonical[name]), strict=True
                ):
                    if len(text) != len(original):
                        raise BuildError(f"{record['id']}.{name}: rendering changes the length")
                    for char, base in zip(text, original, strict=True):
                        if char >= "\x80":
                            pairs.setdefault(char, set()).add(base)
    folds = {char: bases.pop() for char, bases in sorted(pairs.items()) if len(bases) == 1}
    table = {
        "map": {char: base for char, base in folds.items() if char != base},
        "same": "".join(char for char, base in folds.items() if char == base),
    }
    return json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def build() -> dict[Path, str]:
    """Every output file and its exact text."""
    raw = RAW.read_bytes()
    cleaned = clean(raw.decode("utf-8"))
    records = build_records(cleaned)
    check_rendering(records, cleaned)
    meta = metadata(raw, cleaned, records)
    traditional = [render_record(r, Script.TRADITIONAL) for r in records]
    hk = [render_record(r, Script.HK) for r in records]
    return {
        DATA / "speeches.jsonl": jsonl(records),
        DATA / "speeches.traditional.jsonl": jsonl(traditional),
        DATA / "speeches.hk.jsonl": jsonl(hk),
        DATA / "fold.json": fold_table(records, [traditional, hk]),
        DATA / "corpus.json": json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
    }


def differs(path: Path, text: str) -> bool:
    """Whether the file at ``path`` is not ``text``.

    corpus.json records the OpenCC version that built the data; a build with
    another version that writes the same data is not a difference (a version
    that converts differently changes the other files, and stops the build).
    """
    committed = path.read_bytes()
    if path.name != "corpus.json":
        return committed != text.encode()
    mine, theirs = json.loads(text), json.loads(committed)
    mine.pop("built_with", None)
    theirs.pop("built_with", None)
    return bool(mine != theirs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    try:
        outputs = build()
    except BuildError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    stale = [p for p, text in outputs.items() if not p.exists() or differs(p, text)]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_bytes(outputs[path].encode())  # bytes: LF line ends on every platform
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
