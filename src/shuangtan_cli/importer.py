"""Read users' sources into validated records: JSON Lines, CSV/TSV and text documents.

``read_sources(paths)`` decides which files to read and in which format, and returns a
``Sources``.  Iterating over it reads the files in the order given and yields one record
(a plain dict, see ``Record`` below) a document, already validated.  Only the record being
read and the ids seen so far are held (about 120 bytes an id: a million records take about
120 MB, whatever the size of their text), so a source of gigabytes is read in bounded
memory.

Bad input is reported, never absorbed.  Every problem is a ``Problem`` naming its file,
line and field.  At the first problem the iteration stops yielding records but goes on
checking, collecting up to ``max_errors`` problems and counting the rest; when the sources
are exhausted it raises ``SourceError`` carrying them.  A consumer therefore builds what it
writes aside and discards it on ``SourceError``; ``Sources.check()`` runs the same checks
without yielding, for a consumer that wants to validate before it writes anything.

Formats, by the file's extension (any case):

* ``.jsonl``, ``.ndjson``: JSON Lines, one JSON object a line.  Blank and whitespace-only
  lines are skipped; a UTF-8 BOM and CRLF line ends are accepted.  Duplicate keys in an
  object, ``NaN`` and ``Infinity`` are errors.
* ``.csv`` (comma) and ``.tsv`` (tab): a header row naming the fields, then one record a
  row, with the quoting rules of Python's csv module (a field may be quoted with ``"``, and
  a quoted field may hold line breaks).  Header names are taken without surrounding
  whitespace; they must be unique; a column with no name must hold no values.  Rows with
  no value at all are skipped.  Every value is a string, and an empty one means absent.
* ``.txt``, ``.md``: one document a file; see ``read_text_document``.
* A folder: every file in it and its subfolders with one of these extensions, in the
  code-point order of their paths; names starting with ``.`` are ignored, files with other
  extensions are skipped and listed in ``Sources.skipped``.

A file given by name with any other extension is a problem.

Fields are the bundled corpus's: ``id``, ``province``, ``date``, ``speaker``,
``speaker_title``, ``occasion``, ``title`` and the text, which is the only one required:

* ``paragraphs``: a list of strings (in CSV, a JSON array of strings), each kept exactly as
  given; a string, an empty list and a blank item are errors.
* ``text``: one string, split into paragraphs at blank lines (``split_paragraphs``).  Give
  one of the two, not both.  In CSV, ``text`` is the natural column: a spreadsheet cell
  with paragraphs separated by empty lines.
* ``id``: a string (or a JSON integer, taken as its decimal digits) without surrounding
  whitespace or unprintable characters, unique across all the sources.  When absent (or
  empty) it is made up, and ``id_made`` is True: ``<base>-<line>`` for a line of JSON Lines
  or a CSV row (the line the record starts on), ``<base>`` for a text document, where
  ``<base>`` is the file name without its extension, or for a file found in a folder its
  path inside that folder without the extension (``2021/hebei``).  So a made-up id stays
  the same as long as the file does.
* ``province``: any spelling ``places.resolve_place`` accepts (河北, 河北省, Hebei, 冀, 廣東省
  in Traditional…), recorded as the place's id; empty, blank or null for a national text.
* ``date``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, zero-padded, a real calendar date.
* ``speaker``, ``speaker_title``, ``occasion``, ``title``: strings, kept exactly; empty or
  blank means absent (None).
* ``length`` and ``han_chars`` are computed by the store.  A value given in a source must
  agree with what would be computed (the characters of the paragraphs, and those of
  Unicode script Han), else it is a problem: the text is not what its source says it is;
  null or empty is ignored.  ``seq``, computed too, numbers the records of a corpus in
  import order; a source's ``seq`` is its place in another corpus (a selection printed by
  ``filter``), so it is dropped.  Rename such a field to keep it as metadata.
* Any other field goes into ``meta`` under its own name.  Scalars are kept as they are
  (strings, booleans, null, integers of up to 64 bits, finite numbers); a JSON array or
  object is kept as its compact JSON text.  ``meta_text`` gives the text a value is
  compared as (``--where KEY=VALUE``).  A name that differs from a field's only in case or
  surrounding whitespace (``Province``), an empty name and the names ``id_made`` and
  ``meta`` are problems.

Text is never changed beyond what splitting at blank lines requires: see
``split_paragraphs``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .errors import ShuangtanError

if TYPE_CHECKING:
    from json import JSONDecoder, JSONEncoder

__all__ = [
    "FORMATS",
    "Problem",
    "Record",
    "ScriptName",
    "SourceError",
    "SourceFile",
    "Sources",
    "detect_script",
    "meta_text",
    "read_sources",
    "read_text_document",
    "split_paragraphs",
]

#: One imported document, in the shape the store consumes::
#:
#:     {"id": str, "id_made": bool, "province": str | None, "date": str | None,
#:      "speaker": str | None, "speaker_title": str | None, "occasion": str | None,
#:      "title": str | None, "paragraphs": list[str],
#:      "meta": dict[str, str | int | float | bool | None],
#:      "source": {"file": str, "line": int | None}}
Record = dict[str, Any]

ScriptName = Literal["simplified", "traditional", "mixed"]

#: File extension -> format.
FORMATS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "text",
    ".md": "text",
}

_TEXT_FIELDS = ("speaker", "speaker_title", "occasion", "title")
_FIELDS = frozenset({"id", "province", "date", *_TEXT_FIELDS, "paragraphs", "text"})
_COMPUTED = frozenset({"seq", "length", "han_chars"})
_RESERVED = frozenset({"id_made", "meta"})
#: A name as users mistype it (any case, stray spaces) -> the field it means.
_NAMES_FOLDED = {name: name for name in _FIELDS | _COMPUTED}
#: Fields a text document's header may set (its body is the text).
_HEADER_FIELDS = frozenset({"id", "province", "date", *_TEXT_FIELDS})

_INT64 = 2**63
_BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Dates users write instead: 2021/5/1, 2021.05.01, 2021-5, 2021年5月1日.
_LOOSE_DATE = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?(?:\s*[-/.]?\s*([0-9]{1,2})\s*日?)?"
)
# A line of a text document's header: an ASCII name, a colon (ASCII or full-width), a value.
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)[ \t]*[:：][ \t]*(.*?)\s*")
_FENCE = "---"
# A JSON escape of a UTF-16 surrogate: json.loads turns a lone one into a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class Problem(NamedTuple):
    """One thing wrong with the sources; ``str()`` gives it as one line.

    ``line`` is the 1-based line of the file (None for a text document as a whole, or a
    problem with the whole file); ``field`` the field concerned, or None.
    """

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class SourceError(ShuangtanError):
    """The sources have problems, so there is nothing to import.

    ``problems`` are the first ``max_errors`` found, in the order of the sources;
    ``total`` counts every problem found (all the sources are checked to the end, except
    the rest of a file that is not UTF-8 or not well-formed CSV).
    """

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        if not problems:
            raise ValueError("a SourceError needs at least one problem")
        self.problems = tuple(problems)
        self.total = len(self.problems) if total is None else total
        message = str(self.problems[0])
        if self.total > 1:
            message += f" (and {self.total - 1} more {_plural(self.total - 1, 'problem')})"
        super().__init__(message)

    @property
    def more(self) -> int:
        """How many problems were found but are not in ``problems``."""
        return self.total - len(self.problems)

    def lines(self) -> list[str]:
        """The report to print: one line a problem, and a last one for those not listed."""
        lines = [str(problem) for problem in self.problems]
        if self.more:
            lines.append(
                f"… and {self.more} more {_plural(self.more, 'problem')} "
                f"({self.total} in all); nothing was imported"
            )
        return lines


class SourceFile(NamedTuple):
    """One file to read: ``path`` as the user named it (or joined to the folder named)."""

    path: str
    format: str  # one of FORMATS' values
    size: int  # bytes, when planned
    id_base: str  # what a made-up id starts with


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _kind(value: object) -> str:
    """A JSON value's type, as a message names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


# --- text ---------------------------------------------------------------------------------


def _blank(line: str) -> bool:
    return not line or line.isspace()


def _paragraphs_of_lines(lines: Iterable[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not _blank(line):
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: the runs of lines between blank lines.

    Lines end at CRLF, LF or CR (nothing else: U+2028 and the like stay in the text).  A
    blank line is empty or holds only whitespace (``str.isspace``: spaces, tabs, the
    full-width space U+3000, no-break spaces…); any number of them separate two
    paragraphs, and those at the start and the end are dropped.  The lines of a paragraph
    are joined with ``"\\n"``, and nothing else changes: no space is added between lines
    (Chinese wrapped over lines gains nothing), no whitespace is stripped (an indent of
    U+3000 stays), and the paragraph can be quoted exactly as the source has it, line breaks
    and all.  So CRLF and LF sources give the same paragraphs, and joining the paragraphs
    with ``"\\n\\n"`` gives back the text, apart from its line ends and its blank lines.
    """
    if "\n" not in text and "\r" not in text:
        return [] if _blank(text) else [text]
    return _paragraphs_of_lines(_LINE_BREAK.split(text))


def meta_text(value: str | int | float | bool | None) -> str:
    """The text a metadata value compares as, as in ``--where KEY=VALUE``.

    Strings are themselves; ``true`` and ``false``; integers in decimal; other numbers as
    JSON writes them (``1.5``, ``100.0``, ``1e+20``); null is the empty string, so ``KEY=``
    selects a null or empty value.  A CSV or text document gives every value as a string,
    so there ``2021`` is ``"2021"``; in JSON Lines the number ``2021`` compares the same.
    """
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value)  # what json.dumps writes for a finite float
    return str(value)


# --- script detection --------------------------------------------------------------------

#: A minority script up to this share of the script-specific characters is noise (in the
#: bundled Traditional text 5 of 3,261 such characters count as Simplified: 准, 占, 游).
_MIXED_SHARE = 0.1


@cache
def _script_marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the characters only Traditional, and only Simplified, text uses.

    Traditional-only: OpenCC's t2s changes it and s2t does not (東, 發).  Simplified-only:
    s2t, s2tw and s2hk all change it and t2s does not (东, 发); a character one of the
    Traditional standards keeps (台, 峰, 群 in Taiwan; 温, 脱 in Hong Kong) is in neither.
    Built once from the CJK Unified Ideographs and Extension A (~150 ms).
    """
    from .script import _opencc

    chars = [chr(code) for code in range(0x3400, 0xA000)]
    joined = "\n".join(chars)  # one character a line: each converted alone, no phrases

    def changed(config: str) -> set[str]:
        converted = _opencc(config).convert(joined).split("\n")
        if len(converted) != len(chars):
            raise RuntimeError(f"OpenCC {config} changed the number of characters")
        return {char for char, new in zip(chars, converted, strict=True) if new != char}

    t2s, s2t = changed("t2s"), changed("s2t")
    traditional = t2s - s2t
    simplified = (s2t & changed("s2tw") & changed("s2hk")) - t2s

    def pattern(members: set[str]) -> re.Pattern[str]:
        return re.compile("[" + "".join(sorted(members)) + "]")

    return pattern(traditional), pattern(simplified)


def detect_script(texts: Iterable[str], *, sample: int = 20_000) -> ScriptName:
    """The script ``texts`` are written in, judged from their first ``sample`` characters.

    Counts the characters only Traditional text uses (T) and only Simplified text uses (S);
    ``traditional`` when S is at most a tenth of T + S, ``simplified`` when T is, ``mixed``
    otherwise.  Text with no script-specific character at all (digits, Latin, characters
    common to both scripts) reads the same in either and counts as ``simplified``.
    """
    if sample < 1:
        raise ShuangtanError("the sample must hold at least one character")
    pieces: list[str] = []
    budget = sample
    for text in texts:
        piece = text[:budget]
        pieces.append(piece)
        budget -= len(piece)
        if budget <= 0:
            break
    joined = "".join(pieces)
    traditional, simplified = _script_marks()
    t = len(traditional.findall(joined))
    s = len(simplified.findall(joined))
    if s <= _MIXED_SHARE * (t + s) and t:
        return "traditional"
    if t <= _MIXED_SHARE * (t + s):
        return "simplified"
    return "mixed"


# --- text documents ----------------------------------------------------------------------


class _Header(NamedTuple):
    fields: dict[str, str]
    lines: dict[str, int]  # field -> its line
    problems: list[tuple[int, str | None, str]]  # line, field, message
    body: int  # index of the first line of the body


def _header(lines: Sequence[str]) -> _Header:
    """Find a text document's header block; see ``read_text_document`` for the rules."""
    fields: dict[str, str] = {}
    where: dict[str, int] = {}
    problems: list[tuple[int, str | None, str]] = []

    def take(index: int, match: re.Match[str]) -> None:
        key, value = match.group(1), match.group(2)
        number = index + 1
        if key in fields:
            problems.append((number, key, f"given twice (also at line {where[key]})"))
            return
        fields[key], where[key] = value, number

    if lines and lines[0].rstrip() == _FENCE:
        for index in range(1, len(lines)):
            line = lines[index]
            if line.rstrip() == _FENCE:
                return _Header(fields, where, problems, index + 1)
            match = _HEADER_LINE.fullmatch(line)
            if match:
                take(index, match)
            elif not _blank(line):
                problems.append(
                    (index + 1, None, "not a 'key: value' line, in the header opened at line 1")
                )
        # Unclosed: the body was read as header lines, so what they say is beside the point.
        unclosed = (1, None, f"the header opened at line 1 has no closing {_FENCE!r}")
        return _Header({}, {}, [unclosed], len(lines))

    end = 0
    while end < len(lines) and not _blank(lines[end]):
        end += 1
    if end == 0:  # the file starts with a blank line: no header
        return _Header({}, {}, [], 0)
    matches = [_HEADER_LINE.fullmatch(line) for line in lines[:end]]
    if not all(matches) or not any(
        m and m.group(1).lower() in _NAMES_FOLDED for m in matches
    ):  # prose: a paragraph that merely has a colon in it
        return _Header({}, {}, [], 0)
    for index, match in enumerate(matches):
        assert match is not None
        take(index, match)
    return _Header(fields, where, problems, end)


def read_text_document(text: str) -> tuple[dict[str, str], list[str]]:
    """A text document's header fields and paragraphs (problems with its header raise).

    The header is optional and comes in one of two forms:

    * Front matter: the first line is ``---``, and the header runs to the next ``---``
      line.  Each line between is ``key: value`` (blank lines are allowed).
    * A plain block: the lines from line 1 to the first blank line are a header when every
      one of them is ``key: value`` and at least one key names a field (``title``,
      ``date``…, in any case).  A block that fails either test is the first paragraph.

    A key is an ASCII letter followed by ASCII letters, digits, ``_`` or ``-``; the colon is
    ``:`` or ``：``; the value is the rest of the line without surrounding whitespace, as
    text (this is not YAML: ``tags: [a, b]`` is the string ``[a, b]``).  Chinese prose
    never has such a first line (会议指出：… starts with a Han character), and an English
    first paragraph with a colon (``Note: …``) names no field, so neither is taken for a
    header.  The body, after the header, is split by ``split_paragraphs``.
    """
    lines = _LINE_BREAK.split(text)
    header = _header(lines)
    if header.problems:
        line, field, message = header.problems[0]
        raise ShuangtanError(f"line {line}: {field + ': ' if field else ''}{message}")
    return header.fields, _paragraphs_of_lines(lines[header.body :])


# --- planning ----------------------------------------------------------------------------


def _format_of(path: str) -> str | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


def _unknown_format(path: str) -> str:
    ext = os.path.splitext(path)[1]
    known = ", ".join(FORMATS)
    what = f"format {ext!r}" if ext else "format (the name has no extension)"
    return f"unknown {what}: give a file ending in {known}"


def _folder_members(folder: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(path, format, id base) of the files to read in ``folder``, and those skipped."""
    found: list[tuple[tuple[str, ...], str]] = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_top = os.path.relpath(top, folder)
        parts = () if rel_top == os.curdir else tuple(rel_top.split(os.sep))
        for name in files:
            if not name.startswith("."):
                found.append(((*parts, name), os.path.join(top, name)))
    found.sort()
    members: list[tuple[str, str, str]] = []
    skipped: list[str] = []
    for parts, path in found:
        fmt = _format_of(path)
        if fmt is None:
            skipped.append(path)
        else:
            base = "/".join((*parts[:-1], os.path.splitext(parts[-1])[0]))
            members.append((path, fmt, base))
    return members, skipped


def read_sources(paths: Sequence[str | os.PathLike[str]], *, max_errors: int = 20) -> Sources:
    """Plan the reading of ``paths`` (files and folders, in this order).

    Raises ``SourceError`` at once for a path that does not exist, is not a file or a
    folder, has an unknown extension, or is read twice, and for a folder with nothing to
    read.  Reading the files happens when the result is iterated.
    """
    if max_errors < 1:
        raise ShuangtanError(f"max_errors must be at least 1, not {max_errors}")
    if not paths:
        raise ShuangtanError("no sources given")
    files: list[SourceFile] = []
    skipped: list[str] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}

    def add(path: str, fmt: str, base: str) -> None:
        real = os.path.realpath(path)
        if real in seen:
            problems.append(Problem(path, None, None, f"read twice (also as {seen[real]})"))
            return
        seen[real] = path
        files.append(SourceFile(path, fmt, os.path.getsize(path), base))

    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            members, rest = _folder_members(path)
            if not members:
                problems.append(Problem(path, None, None, "the folder has no file to import"))
            for member in members:
                add(*member)
            skipped += rest
        elif os.path.isfile(path):
            fmt = _format_of(path)
            if fmt is None:
                problems.append(Problem(path, None, None, _unknown_format(path)))
            else:
                add(path, fmt, os.path.splitext(os.path.basename(path))[0])
        elif os.path.exists(path):
            problems.append(Problem(path, None, None, "not a file or a folder"))
        else:
            problems.append(Problem(path, None, None, "no such file or folder"))
    if problems:
        raise SourceError(problems[:max_errors], len(problems))
    return Sources(tuple(files), tuple(skipped), max_errors)


# --- reading -----------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _json_text(value: object) -> str:
    """A JSON array or object kept in meta: its compact JSON text."""
    return _json_encoder().encode(value)


@cache
def _json_encoder() -> JSONEncoder:
    import json

    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


@cache
def _json_decoder() -> JSONDecoder:
    import json

    return json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=_no_constant)


def _json_problem(line: str, error: ValueError) -> str:
    """What the decoder says is wrong with a line, and where."""
    import json

    if isinstance(error, json.JSONDecodeError):
        try:  # again without the line end, which would be a line of its own for the decoder
            _json_decoder().decode(line.rstrip("\r\n"))
        except json.JSONDecodeError as again:
            error = again
        except ValueError:
            pass
        if isinstance(error, json.JSONDecodeError):
            return f"{error.msg} (column {error.colno})"
    return str(error)


def _not_utf8(data: bytes, error: UnicodeDecodeError, offset: int) -> str:
    byte = data[error.start]
    message = f"not UTF-8: byte 0x{byte:02X} at byte offset {offset} ({error.reason})"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return message + "; the file looks like UTF-16: save it as UTF-8"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return message
    return message + "; if the file is in GBK/GB18030, convert it: iconv -f GB18030 -t UTF-8"


def _lone_surrogate(value: object) -> str | None:
    """The path inside ``value`` to a string holding a lone surrogate, or None."""
    if isinstance(value, str):
        return "" if any("\ud800" <= char <= "\udfff" for char in value) else None
    items: Iterable[tuple[object, object]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and _lone_surrogate(key) is not None:
            return f".{key.encode('utf-8', 'backslashreplace').decode('ascii')}"
        inner = _lone_surrogate(item)
        if inner is not None:
            return f"[{key}]{inner}" if isinstance(key, int) else f".{key}{inner}"
    return None


class _Collector:
    """The problems found: the first ``limit`` kept, all counted."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.kept) < self.limit:
            self.kept.append(problem)


class Sources:
    """The files to import; iterate to read them as records.

    Each iteration reads the files afresh, in order, and yields the same records in the
    same order.  After an iteration that ended without ``SourceError``: ``records`` is
    how many were read and ``sha256`` maps each file's path to the SHA-256 of its bytes.
    ``bytes_read`` grows as the files are read (against ``total_bytes``), for a progress
    bar.
    """

    def __init__(self, files: tuple[SourceFile, ...], skipped: tuple[str, ...], max_errors: int):
        self.files = files
        self.skipped = skipped
        self.max_errors = max_errors
        self.total_bytes = sum(f.size for f in files)
        self._reset()

    def _reset(self) -> None:
        self.bytes_read = 0
        self.records = 0
        self.sha256: dict[str, str] = {}
        self._problems = _Collector(self.max_errors)
        # id -> where it was first seen: file index << 32 | line (0 for a text document).
        self._ids: dict[str, int] = {}
        self._provinces: dict[str, str | None] = {}
        self._bad_provinces: dict[str, str] = {}  # spelling -> the problem's message
        self._names: set[str] = set()  # field names found fit for meta
        self._dates: set[str] = set()

    def __iter__(self) -> Iterator[Record]:
        """Yield the records; raise ``SourceError`` at the end if there was any problem.

        No record is yielded after the first problem: what was yielded before it must be
        thrown away.
        """
        self._reset()
        problems = self._problems
        for record in self._scan():
            if not problems.total:
                yield record
        if problems.total:
            raise SourceError(problems.kept, problems.total)

    def check(self) -> int:
        """Read and check every source without yielding; the number of records."""
        for _ in self:
            pass
        return self.records

    # -- the readers --

    def _problem(self, src: SourceFile, line: int | None, field: str | None, msg: str) -> None:
        self._problems.add(Problem(src.path, line, field, msg))

    def _scan(self) -> Iterator[Record]:
        readers: dict[str, Callable[[int, SourceFile], Iterator[Record]]] = {
            "jsonl": self._read_jsonl,
            "csv": self._read_csv,
            "tsv": self._read_csv,
            "text": self._read_text,
        }
        for index, src in enumerate(self.files):
            yield from readers[src.format](index, src)

    def _lines(self, src: SourceFile) -> Generator[tuple[int, str], None, None]:
        """(line number, text) of each line of a file, decoded; stops at bad UTF-8."""
        import hashlib

        digest = hashlib.sha256()
        update = digest.update
        offset = 0
        number = 0
        try:
            with open(src.path, "rb") as file:
                for raw in file:
                    number += 1
                    update(raw)
                    self.bytes_read += len(raw)
                    start = 0
                    if number == 1 and raw.startswith(_BOM):
                        start = len(_BOM)
                    try:
                        text = raw[start:].decode("utf-8") if start else raw.decode("utf-8")
                    except UnicodeDecodeError as error:
                        at = offset + start + error.start
                        message = _not_utf8(raw[start:], error, at)
                        self._problem(src, number, None, message + "; the rest is not read")
                        return
                    offset += len(raw)
                    yield number, text
        except OSError as error:
            self._problem(src, number or None, None, f"cannot read: {error.strerror}")
            return
        self.sha256[src.path] = digest.hexdigest()

    def _read_jsonl(self, index: int, src: SourceFile) -> Iterator[Record]:
        decoder = _json_decoder()
        raw_decode, decode = decoder.raw_decode, decoder.decode
        for number, text in self._lines(src):
            if not text or text.isspace():
                continue
            self.records += 1
            try:
                # raw_decode skips decode's two whitespace matches; anything after the value
                # but the line end goes to decode, for its message.
                obj, end = raw_decode(text)
                if end != len(text) and text[end:].strip(" \t\r\n"):
                    obj = decode(text)
            except _DuplicateKey as error:
                self._problem(src, number, error.key, "given twice in the object")
                continue
            except RecursionError:
                self._problem(src, number, None, "not JSON: nested too deeply")
                continue
            except ValueError:  # JSONDecodeError, NaN, an integer of 4,300 digits
                try:  # raw_decode refuses leading whitespace, which decode accepts
                    obj = decode(text)
                except _DuplicateKey as again:
                    self._problem(src, number, again.key, "given twice in the object")
                    continue
                except RecursionError:
                    self._problem(src, number, None, "not JSON: nested too deeply")
                    continue
                except ValueError as again:
                    self._problem(src, number, None, f"not JSON: {_json_problem(text, again)}")
                    continue
            if not isinstance(obj, dict):
                self._problem(src, number, None, f"expected a JSON object, got {_kind(obj)}")
                continue
            if "\\u" in text and _SURROGATE_ESCAPE.search(text):
                path = _lone_surrogate(obj)
                if path is not None:
                    field, _, inner = path[1:].partition(".")
                    self._problem(
                        src, number, field, "a lone surrogate (\\uD800-\\uDFFF) is not text"
                    )
                    continue
            record = self._record(index, src, number, obj, strings=False)
            if record is not None:
                yield record

    def _read_csv(self, index: int, src: SourceFile) -> Iterator[Record]:
        import csv

        if csv.field_size_limit() < 2**31 - 1:  # a cell may hold a whole report
            csv.field_size_limit(2**31 - 1)
        lines = self._lines(src)
        reader = csv.reader(
            (text for _, text in lines), delimiter="\t" if src.format == "tsv" else ",", strict=True
        )
        try:
            header = next(reader, None)
            while header is not None and not any(header):  # blank lines before the header
                header = next(reader, None)
            if header is None:
                if src.path not in self.sha256:  # stopped by bad UTF-8: already reported
                    return
                self._problem(src, None, None, "no header row: the file is empty")
                return
            names = self._csv_header(src, reader.line_num, header)
            if names is None:
                lines.close()
                return
            width = len(names)
            while True:
                start = reader.line_num + 1
                row = next(reader, None)
                if row is None:
                    return
                if not any(row):
                    continue
                self.records += 1
                if len(row) != width:
                    n = len(row)
                    self._problem(
                        src,
                        start,
                        None,
                        f"the row has {n} {_plural(n, 'field')}, the header {width}",
                    )
                    continue
                obj: dict[str, Any] = {}
                for name, value in zip(names, row, strict=True):
                    if name:
                        obj[name] = value
                    elif value:
                        self._problem(src, start, None, "a value in a column with no name")
                        obj = {}
                        break
                if obj:
                    record = self._record(index, src, start, obj, strings=True)
                    if record is not None:
                        yield record
        except csv.Error as error:
            hint = ""
            if "expected after" in str(error):
                hint = ' (a value that starts with " must be quoted whole, with " inside doubled)'
            message = f"not CSV: {error}{hint}; the rest is not read"
            self._problem(src, reader.line_num, None, message)
            lines.close()

    def _csv_header(self, src: SourceFile, line: int, header: list[str]) -> list[str] | None:
        names = [name.strip() for name in header]
        ok = True
        seen: dict[str, int] = {}
        for column, name in enumerate(names, 1):
            if name in seen and name:
                self._problem(
                    src, line, name, f"two columns have this name ({seen[name]}, {column})"
                )
                ok = False
            seen.setdefault(name, column)
            if name and not self._name_ok(src, line, name):
                ok = False
        if ok and "text" not in seen and "paragraphs" not in seen:
            found = ", ".join(name for name in names if name) or "none"
            self._problem(
                src,
                line,
                None,
                f"no text: the header needs a text or paragraphs column (has {found})",
            )
            ok = False
        return names if ok else None

    def _name_ok(self, src: SourceFile, line: int | None, name: str) -> bool:
        """Whether a field name outside the known ones may go into meta (else reported)."""
        if name in _FIELDS or name in _COMPUTED or name in self._names:
            return True
        if not name:
            self._problem(src, line, None, "a field has an empty name")
            return False
        meant = _NAMES_FOLDED.get(name.strip().lower())
        if meant is not None:
            self._problem(src, line, name, f"not a field name; did you mean {meant!r}?")
            return False
        if name in _RESERVED:
            self._problem(src, line, name, "a name the importer uses; rename the field")
            return False
        self._names.add(name)
        return True

    def _read_text(self, index: int, src: SourceFile) -> Iterator[Record]:
        import hashlib

        try:
            with open(src.path, "rb") as file:
                data = file.read()
        except OSError as error:
            self._problem(src, None, None, f"cannot read: {error.strerror}")
            return
        self.bytes_read += len(data)
        self.records += 1
        start = len(_BOM) if data.startswith(_BOM) else 0
        try:
            text = data[start:].decode("utf-8")
        except UnicodeDecodeError as error:
            at = start + error.start
            line = data.count(b"\n", 0, at) + 1
            self._problem(src, line, None, _not_utf8(data[start:], error, at))
            return
        self.sha256[src.path] = hashlib.sha256(data).hexdigest()
        lines = _LINE_BREAK.split(text)
        header = _header(lines)
        for line, field, message in header.problems:
            self._problem(src, line, field, message)
        ok = not header.problems
        for key, line in header.lines.items():
            if key in ("text", "paragraphs"):
                self._problem(
                    src, line, key, "the text is the body of the file, not a header field"
                )
                ok = False
            elif not self._name_ok(src, line, key):
                ok = False
        if not ok:
            return
        obj: dict[str, Any] = dict(header.fields)
        obj["paragraphs"] = _paragraphs_of_lines(lines[header.body :])
        if not obj["paragraphs"]:
            self._problem(src, None, None, "empty: the document has no text")
            return
        record = self._record(index, src, None, obj, strings=True, lines=header.lines)
        if record is not None:
            yield record

    # -- one record --

    def _record(
        self,
        index: int,
        src: SourceFile,
        line: int | None,
        obj: dict[str, Any],
        *,
        strings: bool,
        lines: Mapping[str, int] | None = None,
    ) -> Record | None:
        """Validate one document's fields; the record, or None after reporting problems.

        ``strings``: every value is a string and an empty one means absent (CSV, headers).
        ``lines``: the line of each field, for a text document's header.
        """
        found = self._problems.total

        def bad(field: str | None, message: str) -> None:
            at = lines.get(field, line) if lines is not None and field else line
            self._problem(src, at, field, message)

        get = obj.get
        meta: dict[str, Any] = {}
        for key, value in obj.items():
            if key in _FIELDS:
                continue
            if key in _COMPUTED:
                if key != "seq":
                    self._check_computed(key, value, obj, strings, bad)
                continue
            if not strings and key not in self._names and not self._name_ok(src, line, key):
                continue
            kind = type(value)
            if kind is list or kind is dict:
                value = _json_text(value) if value else "[]" if kind is list else "{}"
            elif kind is int:
                if not -_INT64 <= value < _INT64:
                    bad(key, "the integer does not fit in 64 bits")
            elif kind is float and value - value != 0.0:  # inf (NaN is refused by the parser)
                bad(key, "the number is out of range")
            meta[key] = value

        text = get("text")
        paragraphs = get("paragraphs")
        if (  # the common case, one line of text, needs no splitting
            paragraphs is None
            and type(text) is str
            and text
            and "\n" not in text
            and "\r" not in text
            and not text.isspace()
        ):
            paragraphs = [text]
        else:
            paragraphs = self._paragraphs(paragraphs, text, strings, bad)

        made = False
        ident = get("id")
        if type(ident) is str and ident:
            if ident.isprintable() and not ident[0].isspace() and not ident[-1].isspace():
                pass
            elif ident.isspace():
                ident = None
            elif ident != ident.strip():
                bad("id", f"{ident!r} has whitespace at its start or end")
            else:
                char = next(c for c in ident if not c.isprintable())
                bad("id", f"{ident!r} holds an unprintable character, U+{ord(char):04X}")
        elif type(ident) is int:
            ident = str(ident)
        elif ident is not None and ident != "":
            bad("id", f"expected a string, got {_kind(ident)}")
            ident = False
        if ident is None or ident == "":
            made = True
            ident = src.id_base if line is None else f"{src.id_base}-{line}"
        if ident is not False:
            here = index << 32 | (line or 0)
            first = self._ids.setdefault(ident, here)
            if first != here:
                where = self.files[first >> 32].path
                if first & 0xFFFFFFFF:
                    where += f":{first & 0xFFFFFFFF}"
                how = " (made up from the file's name; give the records ids)" if made else ""
                bad("id", f"duplicate id {ident!r}, also at {where}{how}")

        province = get("province")
        if province is not None:
            province = self._province(province, bad)
        date = get("date")
        if date is not None:
            date = self._date(date, bad)

        text_fields: list[str | None] = [get(name) for name in _TEXT_FIELDS]
        for i, value in enumerate(text_fields):
            if value is None:
                continue
            if type(value) is not str:
                bad(_TEXT_FIELDS[i], f"expected a string, got {_kind(value)}")
                text_fields[i] = None
            elif not value or value.isspace():
                text_fields[i] = None

        if self._problems.total != found:
            return None
        speaker, speaker_title, occasion, title = text_fields
        return {
            "id": ident,
            "id_made": made,
            "province": province,
            "date": date,
            "speaker": speaker,
            "speaker_title": speaker_title,
            "occasion": occasion,
            "title": title,
            "paragraphs": paragraphs,
            "meta": meta,
            "source": {"file": src.path, "line": line},
        }

    def _paragraphs(
        self,
        paragraphs: Any,
        text: Any,
        strings: bool,
        bad: Callable[[str | None, str], None],
    ) -> list[str]:
        if strings:
            if paragraphs == "":
                paragraphs = None
            elif isinstance(paragraphs, str):  # a CSV cell: a JSON array
                import json

                try:
                    paragraphs = json.loads(paragraphs)
                except ValueError as error:
                    detail = getattr(error, "msg", str(error))
                    bad(
                        "paragraphs",
                        f"expected a JSON array of strings: {detail} "
                        "(a column of plain text is named text)",
                    )
                    return []
                if not isinstance(paragraphs, list):
                    bad("paragraphs", f"expected a JSON array of strings, got {_kind(paragraphs)}")
                    return []
                where = _lone_surrogate(paragraphs)
                if where is not None:
                    bad(f"paragraphs{where}", "a lone surrogate (\\uD800-\\uDFFF) is not text")
                    return []
            if text == "":
                text = None
        if paragraphs is not None and text is not None:
            bad("text", "give the text as paragraphs or as text, not both")
            return []
        if text is not None:
            if not isinstance(text, str):
                bad("text", f"expected a string, got {_kind(text)}")
                return []
            split = split_paragraphs(text)
            if not split:
                bad("text", "empty: the text is blank")
            return split
        if paragraphs is None:
            bad("paragraphs", "missing: a record needs paragraphs (a list of strings) or text")
            return []
        if not isinstance(paragraphs, list):
            bad("paragraphs", f"expected a list of strings, got {_kind(paragraphs)}")
            return []
        if not paragraphs:
            bad("paragraphs", "empty: no paragraphs")
        for i, item in enumerate(paragraphs):
            if not isinstance(item, str):
                bad(f"paragraphs[{i}]", f"expected a string, got {_kind(item)}")
            elif _blank(item):
                bad(f"paragraphs[{i}]", "empty: the paragraph is blank")
        return paragraphs

    def _province(self, value: Any, bad: Callable[[str | None, str], None]) -> str | None:
        if not isinstance(value, str):
            bad("province", f"expected a string, got {_kind(value)}")
            return None
        try:
            return self._provinces[value]
        except KeyError:
            pass
        if value in self._bad_provinces:
            bad("province", self._bad_provinces[value])
            return None
        if _blank(value):
            place_id = None
        else:
            from .places import UnknownPlaceError, resolve_place

            try:
                place_id = resolve_place(value).id
            except UnknownPlaceError as error:
                if len(self._bad_provinces) < 10_000:  # suggestions are slow to find
                    self._bad_provinces[value] = str(error)
                bad("province", str(error))
                return None
        self._provinces[value] = place_id
        return place_id

    def _date(self, value: Any, bad: Callable[[str | None, str], None]) -> str | None:
        if not isinstance(value, str):
            hint = f'; write it as the string "{value}"' if type(value) is int else ""
            bad("date", f"expected a string, got {_kind(value)}{hint}")
            return None
        text = value.strip()
        if text in self._dates:
            return text
        if not text:
            return None
        message = _date_problem(text)
        if message:
            bad("date", message)
            return None
        self._dates.add(text)
        return text

    def _check_computed(
        self,
        key: str,
        value: Any,
        obj: dict[str, Any],
        strings: bool,
        bad: Callable[[str | None, str], None],
    ) -> None:
        """A given length or han_chars must agree with what the store computes."""
        if value is None or value == "":
            return
        if strings and isinstance(value, str) and value.strip().isascii():
            if value.strip().isdigit():
                value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            bad(key, f"expected a whole number, got {_kind(value)} (it is computed)")
            return
        text = obj.get("text")
        paragraphs = obj.get("paragraphs")
        if isinstance(text, str) and text:
            paragraphs = split_paragraphs(text)
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            return  # the text itself is reported
        from .script import han_chars

        if key == "length":
            expected, what = sum(map(len, paragraphs)), "the characters of the text"
        else:
            expected, what = sum(map(han_chars, paragraphs)), "the Han characters of the text"
        if value != expected:
            bad(
                key,
                f"given {value}, but {what} is {expected} (it is computed; rename it to keep it)",
            )


def _date_problem(text: str) -> str | None:
    """Why ``text`` is not a YYYY, YYYY-MM or YYYY-MM-DD date, or None if it is one."""
    from datetime import date

    match = _DATE.fullmatch(text)
    if match is None:
        message = f"bad date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD"
        loose = _LOOSE_DATE.fullmatch(text)
        if loose:
            year, month, day = loose.groups()
            guess = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
            if _date_problem(guess) is None:
                message += f"; did you mean {guess}?"
        return message
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        return f"bad date {text!r}: {error}"
    return None
