"""Plain output for pipes and scripts: JSON, JSON Lines, CSV and tab-separated text.

Rows are dicts keyed by field names, so every format carries the same names;
JSON keeps non-ASCII characters as they are.  ``cell`` is the one formatter
of a value as text, for every format and the terminal table alike.  Nothing
here imports rich: printing data for a script should not pay for a terminal
renderer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
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

#: How a null shows in a terminal table; in text and CSV it is empty.
NULL = "—"


class Marked:
    """Text with spans to highlight (a match in its sentence).  Display only:
    data formats carry the text and the offsets as fields of their own.

    A plain class: a NamedTuple costs a fraction of a millisecond to define,
    and every command that highlights would pay it at start-up.
    """

    __slots__ = ("text", "spans")

    def __init__(self, text: str, spans: tuple[tuple[int, int], ...]) -> None:
        self.text = text
        self.spans = spans

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Marked) and (self.text, self.spans) == (other.text, other.spans)

    def __hash__(self) -> int:
        return hash((self.text, self.spans))

    def __repr__(self) -> str:
        return f"Marked({self.text!r}, {self.spans!r})"

    def __str__(self) -> str:
        return self.text


#: Unicode general categories that print escaped wherever text reaches a
#: terminal: controls (escape sequences, carriage returns), format characters
#: (bidi overrides and isolates, zero-width spaces and joiners, the BOM,
#: tags), lone surrogates, and the line and paragraph separators.
_INERT_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every character that could act on a terminal, or hide or
    reorder what it shows, written as an escape (``\\x1b``, ``\\u202e``).

    Printable text comes back as it is.  With ``keep_newlines``, a line
    break stays a line break (in a table cell, in a paragraph).
    """
    if text.isprintable():
        return text
    import unicodedata

    return "".join(
        _escape(char)
        if (char != "\n" or not keep_newlines) and unicodedata.category(char) in _INERT_CATEGORIES
        else char
        for char in text
    )


def inert_marked(marked: Marked) -> Marked:
    """``inert`` for highlighted text, its spans moved to fit the escaped text."""
    text = marked.text
    if text.isprintable():
        return marked
    starts = [0]
    for char in text:
        starts.append(starts[-1] + len(inert(char)))
    spans = tuple((starts[start], starts[end]) for start, end in marked.spans)
    return Marked(inert(text), spans)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def cell(value: Any, *, table: bool = False, joiner: str = " ") -> str:
    """A value as one piece of text.

    Null is empty (a dash in a table); true/false as in JSON; a list of plain
    values is joined by ``joiner`` (by line breaks in a table); nested data is
    compact JSON in text and CSV, and ``key: value`` lines in a table, so that
    no format ever shows a Python repr.
    """
    if value is None:
        return NULL if table else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, Marked):
        return value.text
    if isinstance(value, dict):
        if not table:
            return _compact(value)
        return "; ".join(f"{key}: {cell(item, table=True)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        if table:
            return "\n".join(cell(item, table=True) for item in value)
        if all(
            isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value
        ):
            return joiner.join(map(str, value))
        return _compact(list(value))
    return str(value)


def write_json(data: Iterable[Any] | Row, out: TextIO) -> None:
    """Rows as one JSON array (or one object as itself), indented for reading.

    Exactly ``json.dumps(value, ensure_ascii=False, indent=2)``; a list of rows
    is written row by row, each value encoded by the json module's C functions
    (json's indented encoder is pure Python: five times slower on a long list).
    """
    value = data if isinstance(data, (dict, list)) else list(data)
    if not isinstance(value, list) or not value or not all(type(r) is dict for r in value):
        out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
        return
    if all(row and _is_flat(row) for row in value):  # one call of json's C encoder
        text = _FLAT_MEMBERS(value)  # [{"a": 1,\n    "b": 2},\n    {"a": 3, …}]
        # Strings never hold a raw line break, and rows no object: these are the rows' edges.
        text = text.replace("},\n    {", "\n  },\n  {\n    ")
        out.write("[\n  {\n    " + text[2:-2] + "\n  }\n]\n")
        return
    parts = ["["]
    last = len(value) - 1
    for i, row in enumerate(value):
        parts.append("\n  {}" if not row else "\n  {" + _members(row) + "\n  }")
        if i < last:
            parts.append(",")
        if len(parts) >= 4096:
            out.write("".join(parts))
            parts.clear()
    parts.append("\n]\n")
    out.write("".join(parts))


#: The types of a value json.dumps writes on one line whatever the indent.
_FLAT = frozenset((str, int, float, bool, type(None)))
_TEXT = frozenset((str,))
#: One flat row as its members at depth 1 of an indented array: json's C encoder, with
#: the separators the indented encoder would write between them.
_FLAT_MEMBERS = json.JSONEncoder(
    ensure_ascii=False, separators=(",\n    ", ": "), check_circular=False
).encode


def _is_flat(row: Row) -> bool:
    """Whether every key is text and every value one json writes on one line."""
    return _FLAT.issuperset(map(type, row.values())) and _TEXT.issuperset(map(type, row))


def _members(row: Row) -> str:
    """The members of an object at depth 1 of an indented array, as json.dumps writes them."""
    if _is_flat(row):
        return "\n    " + _FLAT_MEMBERS(row)[1:-1]
    from json.encoder import encode_basestring  # the C function, as json.dumps uses

    items = []
    for key, item in row.items():
        if not isinstance(key, str):
            return json.dumps(row, ensure_ascii=False, indent=2)[1:-2].replace("\n", "\n  ")
        kind = type(item)
        if kind is str:
            text = encode_basestring(item)
        elif item is None:
            text = "null"
        elif item is True:
            text = "true"
        elif item is False:
            text = "false"
        elif kind is int:
            text = int.__repr__(item)
        else:  # floats, lists, objects, anything else: as json writes them, re-indented
            text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        items.append(f"\n    {encode_basestring(key)}: {text}")
    return ",".join(items)


def write_jsonl(rows: Iterable[Any], out: TextIO) -> None:
    """One compact JSON object a line, written as each row comes."""
    for row in rows:
        out.write(_compact(row) + "\n")


def write_csv(rows: Iterable[Row], columns: Sequence[str], out: TextIO) -> None:
    """CSV with a header; paragraphs are kept apart by newlines inside the quoted cell."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[name], joiner="\n") for name in columns])


def write_tsv(
    rows: Iterable[Row],
    columns: Sequence[str],
    out: TextIO,
    mark: Callable[[Marked], str] | None = None,
    *,
    terminal: bool = False,
) -> None:
    """Tab-separated values, no header, one row a line: for cut, sort and awk.

    ``mark`` renders highlighted text (with terminal escapes); without it,
    highlights are dropped and the text printed as it is.  For a
    ``terminal``, every value is made inert first.
    """
    lines = []
    for row in rows:
        values = [row[name] for name in columns]
        line = _plain_line(values)
        if line is not None:  # the common case: printable text, numbers and nulls as they are
            lines.append(line)
            if len(lines) >= 1024:
                out.write("".join(lines))
                lines.clear()
            continue
        fields = []
        for value in values:
            if isinstance(value, Marked):
                shown = Marked(_spaced(value.text), value.spans)
                shown = inert_marked(shown) if terminal else shown
                fields.append(mark(shown) if mark else shown.text)
            else:
                text = _one_line(cell(value))
                fields.append(inert(text) if terminal else text)
        lines.append("\t".join(fields) + "\n")
        if len(lines) >= 1024:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


def _one_line(text: str) -> str:
    """A TSV field: tabs and line breaks would split the row, so they become spaces."""
    return " ".join(text.replace("\t", " ").splitlines()) if text else text


def _spaced(text: str) -> str:
    """The same for highlighted text, one space for each break, so its spans still fit."""
    if text.isprintable():
        return text
    return "".join(" " if char in _BREAKS else char for char in text)


#: The types ``_plain_line`` prints as they are.
_PLAIN = frozenset((str, int, type(None)))


def _plain_line(values: list[Any]) -> str | None:
    """The TSV line of values that print as they are (printable text without tabs,
    whole numbers, nulls), or None: then each value goes through ``cell`` and
    ``_one_line``.  The checks run on the whole line, in C."""
    if not _PLAIN.issuperset(map(type, values)):
        return None
    line = "\t".join([v if type(v) is str else "" if v is None else str(v) for v in values])
    if line.count("\t") != len(values) - 1 or not line.replace("\t", " ").isprintable():
        return None
    return line + "\n"


#: What ``str.splitlines`` breaks at, and the tab.
_BREAKS = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
