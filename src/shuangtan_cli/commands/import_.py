"""``shuangtan import``: build a user corpus from JSON Lines, CSV/TSV or text files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import click

from ..errors import ShuangtanError
from ..options import PATH, environment


class _Tally:
    """What the card says of the records, counted as they pass to the store."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.made_up = 0
        self.undated = 0
        self.first: tuple[str, str] | None = None  # (period start, date as written)
        self.last: tuple[str, str] | None = None  # (period end, date as written)
        self.per_file: dict[str, int] = {}

    def count(self, records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        from ..selection import date_period

        for record in records:
            self.paragraphs += len(record["paragraphs"])
            self.made_up += record["id_made"]
            file = record["source"]["file"]
            self.per_file[file] = self.per_file.get(file, 0) + 1
            date = record["date"]
            if date is None:
                self.undated += 1
            else:
                low, high = date_period(date)
                if self.first is None or low < self.first[0]:
                    self.first = (low, date)
                if self.last is None or high > self.last[0]:
                    self.last = (high, date)
            yield record


def _imported_at() -> str:
    """When the import ran, in UTC; SOURCE_DATE_EPOCH (reproducible builds) fixes it."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.fromtimestamp(int(epoch), timezone.utc)
        if epoch.isdigit()
        else datetime.now(timezone.utc)
    )
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


@click.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE…", type=PATH)
@click.option(
    "-o",
    "--output",
    "directory",
    metavar="DIR",
    type=PATH,
    help="Where to write the corpus (a new directory, or a corpus to replace).",
)
@click.option("--check", is_flag=True, help="Only check the sources; write nothing.")
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    metavar="N",
    help="List at most N problems of the sources.",
)
@click.option("--title", metavar="TEXT", help="A title for the corpus's card (info).")
def command(
    sources: tuple[str, ...],
    directory: str | None,
    check: bool,
    max_errors: int,
    title: str | None,
) -> int:
    """Build a corpus in DIR from SOURCE… (JSON Lines, CSV/TSV, folders of .txt/.md).

    Fields are the bundled corpus's (id, province, date, speaker,
    speaker_title, occasion, title) and the text: paragraphs (a list) or text
    (one string, split at blank lines); any other field is kept as metadata,
    for --where. Every problem is listed, one a line, with its file, line and
    field; then nothing is written. Read the corpus with 'shuangtan --corpus
    DIR list' (or SHUANGTAN_CORPUS=DIR).

    \b
    Examples (write a corpus with -o DIR instead of --check):
      shuangtan import data/speeches.jsonl --check
      shuangtan import data/speeches.jsonl --check --max-errors 5
    """
    from .. import __version__
    from ..importer import SourceError, read_sources
    from ..store import build

    if directory is None and not check:
        raise click.UsageError("give -o DIR, where to write the corpus (or --check)")
    env = environment()
    tally = _Tally()
    try:
        plan = read_sources(sources, max_errors=max_errors)
        if check:
            with env.progress("checking", plan.total_bytes) as bar:
                for number, _ in enumerate(tally.count(iter(plan))):
                    if number % 256 == 0:
                        bar.update(plan.bytes_read)
            noun = "source" if len(plan.files) == 1 else "sources"
            click.echo(
                f"{plan.records:,} records in {len(plan.files)} {noun}, no problems "
                f"({tally.made_up:,} made-up ids); nothing was written"
            )
            return 0
        assert directory is not None

        def card() -> dict[str, Any]:
            return {
                "title": title,
                "sources": [
                    {
                        "file": source.path,
                        "format": source.format,
                        "bytes": source.size,
                        "sha256": plan.sha256.get(source.path),
                        "records": tally.per_file.get(source.path, 0),
                    }
                    for source in plan.files
                ],
                "paragraphs": tally.paragraphs,
                "date_range": [tally.first[1], tally.last[1]]
                if tally.first and tally.last
                else None,
                "undated": tally.undated,
                "made_up_ids": tally.made_up,
                "imported": _imported_at(),
                "tool": {"name": "shuangtan", "version": __version__},
            }

        with env.progress(f"importing into {directory}", plan.total_bytes) as bar:

            def progress(done: int, total: int) -> None:
                bar.update(plan.bytes_read)

            build(tally.count(iter(plan)), directory, progress=progress, card=card)
    except SourceError as error:
        if error.total == 1:  # one problem: the Error line itself says it
            raise ShuangtanError(f"{error.problems[0]}; nothing was imported") from None
        for line in (str(problem) for problem in error.problems):
            click.echo(_inert(line), err=True)
        listed = len(error.problems)
        more = f" (the first {listed} are listed)" if error.more else " (listed above)"
        raise ShuangtanError(
            f"{error.total:,} problems in the sources{more}; nothing was imported"
        ) from None

    from ..stored import StoredCorpus

    corpus = StoredCorpus(directory)
    info = corpus.store.info
    lines = [
        f"Imported {info['records']:,} records from {len(plan.files)} "
        f"{'source' if len(plan.files) == 1 else 'sources'} into {directory}",
        f"  characters   {info['length']:,} ({info['han_chars']:,} Han) in "
        f"{tally.paragraphs:,} paragraphs",
        f"  script       {info['script']}",
        f"  dates        {tally.first[1]} to {tally.last[1]}"
        if tally.first and tally.last
        else "  dates        none",
        f"  made-up ids  {tally.made_up:,}",
    ]
    if plan.skipped:
        lines.append(f"  skipped      {len(plan.skipped):,} files of other kinds in the folders")
    click.echo(_inert("\n".join(lines)) if env.is_terminal else "\n".join(lines))
    return 0


def _inert(text: str) -> str:
    from ..formats import inert

    return inert(text, keep_newlines=True)
