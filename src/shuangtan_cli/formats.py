"""Plain output for pipes and scripts: JSON, JSON Lines, CSV and tab-separated text.

Rows are dicts keyed by the corpus field names, so every format carries the
same names; JSON keeps non-ASCII characters as they are.  Nothing here imports
rich: printing data for a script should not pay for a terminal renderer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any, TextIO


class Format(str, Enum):
    TABLE = "table"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"

    def __str__(self) -> str:
        return self.value


Row = dict[str, Any]


def write_json(rows: Iterable[Row], out: TextIO) -> None:
    """One JSON array, indented for reading."""
    out.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")


def write_jsonl(rows: Iterable[Row], out: TextIO) -> None:
    """One compact JSON object a line, written as each row comes."""
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def cell(value: Any, *, joiner: str = " ") -> str:
    """A field as one piece of text: lists joined, null empty, nested data as JSON."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return joiner.join(value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def write_csv(rows: Iterable[Row], columns: Sequence[str], out: TextIO) -> None:
    """CSV with a header; paragraphs are kept apart by newlines inside the quoted cell."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[name], joiner="\n") for name in columns])


def write_tsv(rows: Iterable[Row], columns: Sequence[str], out: TextIO) -> None:
    """Tab-separated values, no header, one row a line: for cut, sort and awk."""
    for row in rows:
        fields = (_one_line(cell(row[name])) for name in columns)
        out.write("\t".join(fields) + "\n")


def _one_line(text: str) -> str:
    """A TSV field: tabs and line breaks would split the row, so they become spaces."""
    return " ".join(text.replace("\t", " ").splitlines()) if text else text


def write_rows(rows: Iterable[Row], columns: Sequence[str], fmt: Format, out: TextIO) -> None:
    """Rows in any plain format; TABLE is rich's business, not this module's."""
    if fmt is Format.JSON:
        write_json(rows, out)
    elif fmt is Format.JSONL:
        write_jsonl(rows, out)
    elif fmt is Format.CSV:
        write_csv(rows, columns, out)
    elif fmt is Format.TEXT:
        write_tsv(rows, columns, out)
    else:
        raise ValueError(f"{fmt} is not a plain format")
