#!/usr/bin/env python3
"""Generate a realistic corpus of the bundled schema, of any size, from a seed.

Each record is built from the sentences of the bundled remarks
(data/speeches.jsonl): one speech is its "topic", and nearly all its sentences
come from that speech's, reshuffled, a few from any speech.  Records carry the
bundled corpus's field names (record.md), with provinces in assorted spellings
(河北, 河北省, Hebei, 冀, the Traditional forms), dates of every precision, a
share of records in Traditional or Hong Kong script (each sentence rendered
with the project's converter) and a few that mix scripts paragraph by paragraph.

Rare terms that the bundled corpus never uses are planted at sentence
boundaries at known counts, and terms are also planted across a paragraph
break (which must not match).  The sidecar JSON records, for every planted and
a few natural terms and for the regular expression, the number of occurrences
and of records holding them in the folded (Simplified) text, counted by the
generator on its own pieces, independently of any store.

Output is JSON Lines, deterministic from the seed and the size: the same
arguments write the same bytes.  Usage::

    python bench/scale/gen_corpus.py --size 100MB --seed 1 -o /tmp/corpus-100MB.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEECHES = os.path.join(ROOT, "data", "speeches.jsonl")
GAZETTEER = os.path.join(ROOT, "src", "shuangtan_cli", "gazetteer.json")

#: Rare terms, absent from the bundled remarks, planted in this share of records.
#: One, two and three characters: the commonest shapes of a Chinese query.
PLANTED: dict[str, float] = {
    "碳关税": 0.003,
    "绿氢": 0.005,
    "氨": 0.002,
    "蓝碳": 0.0005,
    "碳普惠": 0.008,
}
#: Split across a paragraph break in this share of records: 碳足 | 迹.
ACROSS_BREAK = ("碳足迹", 0.004)
#: Natural terms whose counts the sidecar records too.
NATURAL = ("两高", "碳汇", "光伏", "碳达峰", "氢")
REGEX = "碳(达峰|中和)"

SCRIPTS = (("simplified", 0.70), ("traditional", 0.22), ("hk", 0.05), ("mixed", 0.03))
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]+[”’」』）》]*|[^。！？；]+$")


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.strip().upper())
    if not match:
        raise SystemExit(f"bad size {text!r}: use e.g. 10MB, 1GB")
    return int(float(match.group(1)) * 1000 ** " KMG".index(match.group(2) or " "))


class Pieces:
    """Sentences of the bundled remarks, each in every script, with its fold."""

    def __init__(self) -> None:
        from shuangtan_cli.script import Script, from_simplified, to_simplified

        with open(SPEECHES, encoding="utf-8") as lines:
            self.speeches = [json.loads(line) for line in lines]
        with open(GAZETTEER, encoding="utf-8") as file:
            self.places = {place["id"]: place for place in json.load(file)}
        self.by_speech: list[list[int]] = []
        self.text: dict[str, list[str]] = {"simplified": [], "traditional": [], "hk": []}
        self.folded: dict[str, list[str]] = {"simplified": [], "traditional": [], "hk": []}
        for speech in self.speeches:
            ids = []
            for paragraph in speech["paragraphs"]:
                for sentence in _SENTENCE.findall(paragraph):
                    ids.append(len(self.text["simplified"]))
                    for script in self.text:
                        shown = (
                            sentence
                            if script == "simplified"
                            else from_simplified(sentence, Script(script))
                        )
                        self.text[script].append(shown)
                        self.folded[script].append(to_simplified(shown))
            self.by_speech.append(ids)
        self.count = len(self.text["simplified"])
        self.fields: dict[str, dict[str, list[str]]] = {}
        for script in self.text:
            self.fields[script] = {
                name: [
                    from_simplified(s[name] or "", Script(script))
                    if script != "simplified"
                    else s[name] or ""
                    for s in self.speeches
                ]
                for name in ("speaker", "speaker_title", "occasion")
            }
        self.terms: dict[str, dict[str, tuple[str, str]]] = {}
        for term in (*PLANTED, ACROSS_BREAK[0]):
            corpus = "".join(self.folded["simplified"]) + "".join(self.folded["traditional"])
            if term in corpus:
                raise SystemExit(f"{term} is in the bundled remarks; it cannot be planted")
            self.terms[term] = {}
            for script in self.text:
                shown = term if script == "simplified" else from_simplified(term, Script(script))
                self.terms[term][script] = (shown, to_simplified(shown))


def spelling(rng: random.Random, place: dict[str, Any], traditional: bool) -> str:
    names = [place["name"], place["short"], place["en"], *place["abbr"]]
    if traditional:
        names = [place["name_hant"], place["short_hant"], place["en"], *place["abbr_hant"]]
    return str(rng.choice(names))


def date(rng: random.Random) -> str | None:
    roll = rng.random()
    year, month, day = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
    if roll < 0.05:
        return None
    if roll < 0.15:
        return f"{year}"
    if roll < 0.30:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


class Tally:
    """Counts in the folded text, per term: occurrences and records."""

    def __init__(self) -> None:
        self.terms = {term: [0, 0] for term in (*PLANTED, ACROSS_BREAK[0], *NATURAL)}
        self.regex = [0, 0]
        self.planted = {term: 0 for term in (*PLANTED, ACROSS_BREAK[0])}
        self.across_break = 0
        self.records = 0
        self.by_script = dict.fromkeys((s for s, _ in SCRIPTS), 0)
        self.by_province: dict[str, int] = {}
        self.bytes = 0

    def add(self, folded: list[str]) -> None:
        pattern = re.compile(REGEX)
        for term, tally in self.terms.items():
            n = sum(p.count(term) for p in folded)
            tally[0] += n
            tally[1] += n > 0
        n = sum(len(pattern.findall(p)) for p in folded)
        self.regex[0] += n
        self.regex[1] += n > 0


def records(seed: int, size: int, pieces: Pieces, tally: Tally) -> Iterator[str]:
    rng = random.Random(seed)
    places = list(pieces.places.values())
    by_id = pieces.places
    script_names = [s for s, _ in SCRIPTS]
    script_weights = [w for _, w in SCRIPTS]
    number = 0
    while tally.bytes < size:
        number += 1
        topic = rng.randrange(len(pieces.speeches))
        own = pieces.by_speech[topic]
        script = rng.choices(script_names, script_weights)[0]
        paragraphs: list[list[tuple[str, str]]] = []  # (shown, folded) pieces
        for _ in range(rng.choice((1, 1, 2, 3, 4, 5, 6, 8, 10, 12))):
            paragraph = []
            shown_script = script
            if script == "mixed":
                shown_script = rng.choice(("simplified", "traditional"))
            for _ in range(rng.randint(1, 8)):
                i = rng.choice(own) if rng.random() < 0.97 else rng.randrange(pieces.count)
                paragraph.append((pieces.text[shown_script][i], pieces.folded[shown_script][i]))
            paragraphs.append(paragraph)
        one_script = "traditional" if script == "mixed" else script
        for term, share in PLANTED.items():
            if rng.random() < share:
                shown, folded = pieces.terms[term][one_script]
                for _ in range(rng.choice((1, 1, 1, 2, 3))):
                    paragraph = rng.choice(paragraphs)
                    paragraph.insert(rng.randint(0, len(paragraph)), (shown, folded))
                    tally.planted[term] += 1
        if len(paragraphs) > 1 and rng.random() < ACROSS_BREAK[1]:
            shown, folded = pieces.terms[ACROSS_BREAK[0]][one_script]
            k = rng.randrange(len(paragraphs) - 1)
            paragraphs[k].append((shown[:2], folded[:2]))
            paragraphs[k + 1].insert(0, (shown[2:], folded[2:]))
            tally.across_break += 1
        shown_paragraphs = ["".join(s for s, _ in p) for p in paragraphs]
        tally.add(["".join(f for _, f in p) for p in paragraphs])
        national = rng.random() < 0.05
        place = rng.choice(places) if rng.random() < 0.1 else by_id[pieces.speeches[topic]["id"]]
        fields = pieces.fields[one_script]
        record: dict[str, Any] = {
            "id": f"s{seed}-{number:08d}",
            "province": "" if national else spelling(rng, place, one_script != "simplified"),
            "date": date(rng),
            "speaker": fields["speaker"][topic] or None,
            "speaker_title": fields["speaker_title"][topic] or None,
            "occasion": fields["occasion"][topic] or None,
            "title": shown_paragraphs[0][:16],
            "paragraphs": shown_paragraphs,
            "batch": number // 1000,
            "reviewed": rng.random() < 0.5,
            "score": round(rng.random(), 3),
        }
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        tally.bytes += len(line.encode("utf-8"))
        tally.records += 1
        tally.by_script[script] += 1
        key = "" if national else place["id"]
        tally.by_province[key] = tally.by_province.get(key, 0) + 1
        yield line


def generate(seed: int, size: int, out: str) -> dict[str, Any]:
    """Write the corpus to ``out`` (atomically) and its sidecar to ``out``.counts.json."""
    pieces = Pieces()
    tally = Tally()
    partial = out + ".partial"
    with open(partial, "w", encoding="utf-8") as file:
        buffer: list[str] = []
        for line in records(seed, size, pieces, tally):
            buffer.append(line)
            if len(buffer) >= 2000:
                file.write("".join(buffer))
                buffer.clear()
        file.write("".join(buffer))
    os.replace(partial, out)
    sidecar = {
        "seed": seed,
        "size": size,
        "bytes": tally.bytes,
        "records": tally.records,
        "by_script": tally.by_script,
        "by_province": dict(sorted(tally.by_province.items())),
        "planted": tally.planted,
        "across_break": {"term": ACROSS_BREAK[0], "records": tally.across_break},
        "terms": {t: {"occurrences": c[0], "records": c[1]} for t, c in tally.terms.items()},
        "regex": {"pattern": REGEX, "occurrences": tally.regex[0], "records": tally.regex[1]},
    }
    with open(out + ".counts.json", "w", encoding="utf-8") as file:
        json.dump(sidecar, file, ensure_ascii=False, indent=1)
        file.write("\n")
    return sidecar


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="10MB", help="at least this many bytes (10MB, 1GB)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--out", required=True, help="the JSON Lines file to write")
    args = parser.parse_args(argv)
    sidecar = generate(args.seed, parse_size(args.size), args.out)
    print(f"{args.out}: {sidecar['records']} records, {sidecar['bytes']} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
