#!/usr/bin/env python3
"""Time and memory of the analysis library on a large synthetic corpus.

The corpus is made on the fly in a temporary directory and deleted afterwards
(nothing large is ever committed).  Two kinds:

* ``shuffled``: the sentences of the bundled corpus (as ``search.sentence_spans``
  cuts them) drawn at random into paragraphs of 12 sentences and documents of
  10 paragraphs (about 7,000 characters, a long speech).  Realistic text, but
  its vocabulary is the bundled corpus's: few distinct n-grams.
* ``words``: a made-up language between the two: a lexicon of 100,000
  "words" of 1 to 4 characters (Zipf-weighted characters), and runs of 3 to 8
  Zipf-weighted words between commas.  Words repeat, as in real text, so
  n-grams inside words repeat and only those across word edges vary.
* ``zipf``: the worst case for memory: every character drawn independently
  from the 20,992 CJK Unified Ideographs with Zipf weights (the k-th most
  likely has weight 1/k), a full stop after each run of 5 to 20 characters.
  Far more distinct n-grams than real Chinese of the same size.

Each task runs in a fresh Python process that reads the corpus file (JSON
Lines) one document at a time and feeds the documents to the library as a
generator, so the peak resident memory (``ru_maxrss``) is the task's own.
The time of reading and parsing the file alone is measured too.

Standard library and shuangtan only.  Usage::

    python bench/analysis.py                      # 100 MB shuffled: read, ngrams -n 2, keywords
    python bench/analysis.py --kind zipf --mb 100
    python bench/analysis.py --tasks ngrams --n 2-4 --mb 20
    python bench/analysis.py --tasks terms,words --mb 20   # words needs rjieba
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import accumulate

HERE = os.path.dirname(os.path.abspath(__file__))
SPEECHES = os.path.join(os.path.dirname(HERE), "data", "speeches.jsonl")
TASKS = ("read", "ngrams", "keywords", "terms", "words")


def sentences() -> list[str]:
    from shuangtan_cli.search import sentence_spans

    found = []
    with open(SPEECHES, encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["paragraphs"]:
                found += [paragraph[a:b] for a, b in sentence_spans(paragraph)]
    return found


def shuffled_documents(rng: random.Random) -> Iterator[list[str]]:
    pool = sentences()
    while True:
        yield ["".join(rng.choices(pool, k=12)) for _ in range(10)]


def zipf_documents(rng: random.Random) -> Iterator[list[str]]:
    characters = [chr(code) for code in range(0x4E00, 0xA000)]
    rng.shuffle(characters)
    weights = list(accumulate(1 / rank for rank in range(1, len(characters) + 1)))
    while True:
        paragraphs = []
        for _ in range(10):
            runs: list[str] = []
            while sum(map(len, runs)) < 700:
                runs.append(
                    "".join(rng.choices(characters, cum_weights=weights, k=rng.randint(5, 20)))
                )
            paragraphs.append("。".join(runs) + "。")
        yield paragraphs


def words_documents(rng: random.Random) -> Iterator[list[str]]:
    lexicon_chars = [chr(code) for code in range(0x4E00, 0xA000)]
    rng.shuffle(lexicon_chars)
    char_weights = list(accumulate(1 / rank for rank in range(1, len(lexicon_chars) + 1)))
    lengths = rng.choices((1, 2, 3, 4), weights=(20, 55, 15, 10), k=100_000)
    lexicon = ["".join(rng.choices(lexicon_chars, cum_weights=char_weights, k=n)) for n in lengths]
    weights = list(accumulate(1 / rank for rank in range(1, len(lexicon) + 1)))
    while True:
        paragraphs = []
        for _ in range(10):
            runs: list[str] = []
            while sum(map(len, runs)) < 700:
                words = rng.choices(lexicon, cum_weights=weights, k=rng.randint(3, 8))
                runs.append("".join(words))
            paragraphs.append("，".join(runs) + "。")
        yield paragraphs


def write_corpus(path: str, kind: str, megabytes: float, seed: int) -> tuple[int, int]:
    """Write documents until the file holds ``megabytes`` of UTF-8; return (docs, chars)."""
    rng = random.Random(seed)
    makers = {"shuffled": shuffled_documents, "words": words_documents, "zipf": zipf_documents}
    source = makers[kind](rng)
    limit = int(megabytes * 1_000_000)
    written = documents = characters = 0
    with open(path, "w", encoding="utf-8") as out:
        for paragraphs in source:
            line = json.dumps({"paragraphs": paragraphs}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            documents += 1
            characters += sum(map(len, paragraphs))
            if written >= limit:
                break
    return documents, characters


def read(path: str, keep: int | None = None) -> Iterator[list[str]]:
    """The documents of the file, one at a time; ``keep`` 0 … 9 keeps every tenth (study
    side: index % 10 == keep), ``-1`` the other nine tenths, None all."""
    with open(path, encoding="utf-8") as lines:
        for index, line in enumerate(lines):
            if keep is None or (keep >= 0) == (index % 10 == keep):
                paragraphs: list[str] = json.loads(line)["paragraphs"]
                yield paragraphs


def worker(task: str, path: str, n: str) -> dict[str, object]:
    """Run one task in this process and report its time and memory."""
    from shuangtan_cli.analysis.units import parse_n

    lengths = parse_n(n)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result: dict[str, object] = {}
    if task == "read":
        result["documents"] = sum(1 for _ in read(path))
    elif task == "ngrams":
        from shuangtan_cli.analysis.units import count_ngrams, ngram_rows

        counts = count_ngrams(read(path), lengths)
        rows = ngram_rows(counts, top=20)
        result.update(types=len(counts.counts), tokens=counts.size, top=rows[0]["ngram"])
    elif task == "keywords":
        from shuangtan_cli.analysis.keyness import keyword_rows
        from shuangtan_cli.analysis.units import count_ngrams

        study = count_ngrams(read(path, 0), lengths)
        reference = count_ngrams(read(path, -1), lengths)
        keywords = keyword_rows(study.counts, reference.counts, study.size, reference.size, top=50)
        result.update(types=len(study.counts) + len(reference.counts), keywords=len(keywords))
    elif task == "terms":
        from shuangtan_cli.analysis.terms import count_terms

        terms = count_terms(read(path))
        result.update(tokens=terms.size, characters=terms.characters)
    elif task == "words":
        from shuangtan_cli.analysis.segment import word_tokenizer
        from shuangtan_cli.analysis.units import count_tokens

        made = time.perf_counter()
        tokenize = word_tokenizer()
        result["startup_s"] = round(time.perf_counter() - made, 3)
        words = count_tokens(read(path), tokenize)
        result.update(types=len(words.counts), tokens=words.size)
    result["seconds"] = round(time.perf_counter() - start, 2)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    result["peak_mb"] = round(peak * scale / 1e6, 1)
    result["before_mb"] = round(base * scale / 1e6, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("shuffled", "words", "zipf"), default="shuffled")
    parser.add_argument("--mb", type=float, default=100.0, help="size of the corpus file, in MB")
    parser.add_argument("--n", default="2", help="n-gram length or range (2, 2-4)")
    parser.add_argument("--tasks", default="read,ngrams,keywords")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--worker", nargs=2, metavar=("TASK", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1], args.n), ensure_ascii=False))
        return 0
    tasks = args.tasks.split(",")
    unknown = set(tasks) - set(TASKS)
    if unknown:
        parser.error(f"unknown tasks {sorted(unknown)}; choose from {', '.join(TASKS)}")
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "corpus.jsonl")
        made = time.perf_counter()
        documents, characters = write_corpus(path, args.kind, args.mb, args.seed)
        size = os.path.getsize(path)
        print(
            f"corpus: {args.kind}, {size / 1e6:.1f} MB, {documents:,} documents, "
            f"{characters:,} characters (made in {time.perf_counter() - made:.1f} s)"
        )
        for task in tasks:
            command = [sys.executable, __file__, "--n", args.n, "--worker", task, path]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            print(f"{task:>8}: {output.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
