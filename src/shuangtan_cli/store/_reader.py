"""Read a store: open in constant time, select by metadata, fetch lazily, search exactly.

Imports on this path are the standard library's lightest (sqlite3, mmap, array,
zlib, bisect); ``regex`` is imported only for a regular expression that is not
a plain set of literals, and OpenCC only to fold a query, a speaker or a
``where`` value.
"""

from __future__ import annotations

import json
import mmap
import os
import sqlite3
import time
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from ..errors import ShuangtanError
from . import _format as F

if TYPE_CHECKING:
    from datetime import date

    from ._literals import Requirement

#: Spans in one paragraph: (paragraph index, start, end), offsets in the original text.
Span = tuple[int, int, int]

SORT_KEYS = {
    "seq": ("seq",),
    "date": ("date IS NULL", "date"),
    "province": ("code IS NULL", "code"),
    "length": ("length",),
}

_FIELDS = (
    "seq, id, id_made, province, date, speaker, speaker_title, occasion, title, script, "
    "length, han_chars, lengths, folded_lengths, meta, source_file, source_line"
)
#: Bytes scanned between two releases of the scanned pages (so that resident memory stays
#: bounded: a page of the mapped file counts against the process until it is let go).
_RELEASE = 32 << 20
#: A count that scans more than this many bytes is shared with a forked process.
PARALLEL_BYTES = 32 << 20


def open_store(directory: str | os.PathLike[str]) -> Store:
    """Open the store at ``directory``; costs the same whatever the corpus's size."""
    return Store(os.fspath(directory))


class Store:
    """A corpus built by ``build``: records by ordinal (0-based; ``seq`` is ordinal + 1)."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        path = os.path.join(directory, F.DATABASE)
        if not os.path.isfile(path):
            raise ShuangtanError(f"{directory} is not a corpus (it has no {F.DATABASE})")
        # Read-only and immutable: no locks, no journal (a store never changes once built).
        escaped = os.path.abspath(path).replace("%", "%25").replace("?", "%3F").replace("#", "%23")
        uri = f"file:{escaped}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            rows = self._db.execute("SELECT key, value FROM info").fetchall()
        except sqlite3.DatabaseError as error:
            raise ShuangtanError(f"{directory} is not a readable corpus: {error}") from None
        #: What the build recorded: records, length, han_chars, script, date_min, date_max,
        #: and ``card``, the caller's own description of the corpus (None if it gave none).
        self.info: dict[str, Any] = {key: json.loads(value) for key, value in rows}
        if self.info.get("format") != F.FORMAT:
            raise ShuangtanError(
                f"{directory} is a corpus of format {self.info.get('format')}; "
                f"this version reads format {F.FORMAT}: import it again"
            )
        if self.info["byteorder"] != _byteorder():
            raise ShuangtanError(f"{directory} was built on a {self.info['byteorder']} machine")
        self._count: int = self.info["records"]
        self._maps: dict[str, Any] = {}

    # -- the files, mapped on first use -------------------------------------------------

    def _map(self, name: str) -> Any:
        mapped = self._maps.get(name)
        if mapped is None:
            with open(os.path.join(self.directory, name), "rb") as file:
                size = os.fstat(file.fileno()).st_size
                mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            self._maps[name] = mapped
        return mapped

    def _offsets(self, name: str) -> memoryview:
        return memoryview(self._map(name)).cast("Q")

    def close(self) -> None:
        self._db.close()
        for mapped in self._maps.values():
            if isinstance(mapped, mmap.mmap):
                mapped.close()
        self._maps.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self._count

    @property
    def script(self) -> str:
        """The corpus's script: "simplified", "traditional" or "mixed"."""
        return str(self.info["script"])

    # -- selection ------------------------------------------------------------------------

    def select(
        self,
        *,
        provinces: Sequence[str] = (),
        since: str | date | None = None,
        until: str | date | None = None,
        speaker: str | None = None,
        where: Sequence[tuple[str, str]] = (),
        sort: str = "seq",
        reverse: bool = False,
        limit: int | None = None,
    ) -> list[int]:
        """Ordinals of the records selected, sorted and limited.

        ``provinces`` are place ids (a record without a province is selected
        only when no province is asked for).  ``since``/``until`` are dates or
        YYYY, YYYY-MM, YYYY-MM-DD strings; a partial date on either side is a
        period, and a record is selected when its period overlaps the range
        (a record dated 2021 is kept by ``since="2021-06"``: it may be from
        June on).  A record without a date is left out by any date bound.
        ``speaker`` is a substring of the speaker's name, in either script.
        ``where`` pairs KEY, VALUE match a meta field whose value, as text
        (``selection.field_text``: JSON for numbers and booleans, null as the
        empty text), folds to the same as VALUE.  ``sort``
        is seq, date, province (its GB/T 2260 code, records without one last)
        or length; ties are in seq order, and ``reverse`` reverses all of it.
        """
        if sort not in SORT_KEYS:
            raise ShuangtanError(f"unknown sort key {sort!r}; choose from {', '.join(SORT_KEYS)}")
        if limit is not None and limit < 0:
            raise ShuangtanError("--limit must not be negative")
        clauses: list[str] = []
        params: list[Any] = []
        if provinces:
            clauses.append(f"province IN ({', '.join('?' * len(provinces))})")
            params.extend(provinces)
        low = _bound(since, "since")[0] if since is not None else None
        high = _bound(until, "until")[1] if until is not None else None
        if low and high and low > high:
            raise ShuangtanError(f"--since {since} is after --until {until}")
        if low is not None:
            clauses.append("date_hi >= ?")
            params.append(low)
        if high is not None:
            clauses.append("date_lo <= ?")
            params.append(high)
        if speaker is not None:
            clauses.append("instr(speaker_folded, ?) > 0")
            params.append(fold(speaker))
        for key, value in where:
            clauses.append("seq IN (SELECT seq FROM meta WHERE key = ? AND value = ?)")
            params.extend((key, fold(value)))
        if not clauses and sort == "seq":  # every record, in their order: no query needed
            every = range(self._count - 1, -1, -1) if reverse else range(self._count)
            return list(every if limit is None else every[:limit])
        direction = " DESC" if reverse else ""
        order = ", ".join(f"{term}{direction}" for term in (*SORT_KEYS[sort], "seq"))
        sql = "SELECT seq - 1 FROM records"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [row[0] for row in self._db.execute(sql, params)]

    def ordinal(self, record_id: str) -> int | None:
        """The ordinal of the record with this id (the first, if ids repeat)."""
        row = self._db.execute(
            "SELECT seq - 1 FROM records WHERE id = ? ORDER BY seq LIMIT 1", (record_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    # -- records --------------------------------------------------------------------------

    def _check_ordinal(self, ordinal: int) -> None:
        if not 0 <= ordinal < self._count:
            raise IndexError(f"no record at ordinal {ordinal} (the store has {self._count})")

    def _text(self, ordinal: int, folded: bool, lengths: list[int] | None = None) -> list[str]:
        flags = self._map(F.FLAGS)[ordinal]
        if not folded and flags & F.SAME:
            folded = True
        name, offsets = (F.FOLDED, F.FOLDED_OFFSETS) if folded else (F.TEXT, F.TEXT_OFFSETS)
        off = self._offsets(offsets)
        text: str = self._map(name)[off[ordinal] : off[ordinal + 1] - 1].decode("utf-8")
        if not flags & F.IRREGULAR:
            return text.split(F.PARA)
        if lengths is None:
            column = "coalesce(folded_lengths, lengths)" if folded else "lengths"
            (stored,) = self._db.execute(
                f"SELECT {column} FROM records WHERE seq = ?", (ordinal + 1,)
            ).fetchone()
            lengths = json.loads(stored)
        return _cut(text, lengths)

    def paragraphs(self, ordinal: int) -> list[str]:
        """The record's paragraphs exactly as imported."""
        self._check_ordinal(ordinal)
        return self._text(ordinal, folded=False)

    def folded(self, ordinal: int) -> list[str]:
        """The record's paragraphs folded to Simplified (what matching sees)."""
        self._check_ordinal(ordinal)
        return self._text(ordinal, folded=True)

    def record(self, ordinal: int) -> dict[str, Any]:
        """One record: the imported fields, the derived ones, its text and its folded text.

        Keys: seq, id, id_made, province, date, speaker, speaker_title,
        occasion, title, script, length, han_chars, paragraphs, folded, meta,
        source ({"file", "line"}).
        """
        self._check_ordinal(ordinal)
        row = self._db.execute(
            f"SELECT {_FIELDS} FROM records WHERE seq = ?", (ordinal + 1,)
        ).fetchone()
        (seq, rid, made, province, day, speaker, title_of, occasion, title, script) = row[:10]
        length, han_chars, lengths, folded_lengths, meta, source_file, source_line = row[10:]
        original_lengths = json.loads(lengths)
        return {
            "seq": seq,
            "id": rid,
            "id_made": bool(made),
            "province": province,
            "date": day,
            "speaker": speaker,
            "speaker_title": title_of,
            "occasion": occasion,
            "title": title,
            "script": script,
            "length": length,
            "han_chars": han_chars,
            "paragraphs": self._text(ordinal, False, original_lengths),
            "folded": self._text(
                ordinal, True, json.loads(folded_lengths) if folded_lengths else original_lengths
            ),
            "meta": json.loads(meta),
            "source": {"file": source_file, "line": source_line},
        }

    def rows(self, ordinals: Iterable[int], *, batch: int = 500) -> Iterator[dict[str, Any]]:
        """The records at ``ordinals`` without their text, in that order: ``record``'s
        keys but ``paragraphs`` and ``folded``; one query per ``batch`` records."""
        order = list(ordinals)
        for ordinal in order:
            self._check_ordinal(ordinal)
        for start in range(0, len(order), batch):
            part = order[start : start + batch]
            found = {
                row[0]: row
                for row in self._db.execute(
                    f"SELECT {_FIELDS} FROM records WHERE seq IN ({', '.join('?' * len(part))})",
                    [o + 1 for o in part],
                )
            }
            for ordinal in part:
                row = found[ordinal + 1]
                yield {
                    "seq": row[0],
                    "id": row[1],
                    "id_made": bool(row[2]),
                    "province": row[3],
                    "date": row[4],
                    "speaker": row[5],
                    "speaker_title": row[6],
                    "occasion": row[7],
                    "title": row[8],
                    "script": row[9],
                    "length": row[10],
                    "han_chars": row[11],
                    "meta": json.loads(row[14]),
                    "source": {"file": row[15], "line": row[16]},
                }

    #: Columns ``columns`` may read.
    COLUMNS = frozenset(
        "seq id id_made province date speaker speaker_title occasion title script "
        "length han_chars source_file source_line".split()
    )

    def columns(
        self, ordinals: Iterable[int], names: Sequence[str], *, batch: int = 900
    ) -> Iterator[tuple[Any, ...]]:
        """The values of the columns ``names`` of the records at ``ordinals``, in that order,
        as tuples (no text, no JSON: the cheapest read of many records' fields)."""
        unknown = set(names) - self.COLUMNS
        if unknown:
            raise ValueError(f"no column {sorted(unknown)[0]!r}")
        order = ordinals if isinstance(ordinals, list) else list(ordinals)
        wanted = ", ".join(names)
        execute = self._db.execute
        for start in range(0, len(order), batch):
            part = order[start : start + batch]
            low, high = min(part), max(part)
            if low < 0 or high >= self._count:
                for ordinal in part:
                    self._check_ordinal(ordinal)
            if high - low < 4 * len(part):
                # Dense: one range of the primary key.  Every seq from 1 to N is there, so
                # the range's rows, in seq order, are the ordinals low to high in turn.
                sql = f"SELECT {wanted} FROM records WHERE seq BETWEEN ? AND ? ORDER BY seq"
                table = execute(sql, (low + 1, high + 1)).fetchall()
                yield from map(table.__getitem__, [o - low for o in part])
            else:
                marks = ", ".join("?" * len(part))
                sql = f"SELECT seq, {wanted} FROM records WHERE seq IN ({marks})"
                found = {row[0]: row[1:] for row in execute(sql, [o + 1 for o in part])}
                yield from (found[o + 1] for o in part)

    def ids_starting(self, prefix: str, *, limit: int = 200) -> list[str]:
        """Ids that begin with ``prefix``, in code-point order (for completion)."""
        params: list[Any]
        if not prefix:
            sql, params = "SELECT DISTINCT id FROM records ORDER BY id LIMIT ?", [limit]
        else:  # a range of the index: from the prefix to the next string of its length
            after = prefix[:-1] + chr(min(ord(prefix[-1]) + 1, 0x10FFFF))
            sql = "SELECT DISTINCT id FROM records WHERE id >= ? AND id < ? ORDER BY id LIMIT ?"
            params = [prefix, after, limit]
        return [row[0] for row in self._db.execute(sql, params) if row[0].startswith(prefix)]

    def count_by_province(self) -> dict[str | None, int]:
        """Records per province id (None: national), most first, ties by id."""
        rows = self._db.execute("SELECT province, count(*) FROM records GROUP BY province")
        return dict(sorted(rows, key=lambda row: (-row[1], row[0] or "")))

    def meta_keys(self) -> list[str]:
        """Every metadata key some record has, in code-point order."""
        return [row[0] for row in self._db.execute("SELECT DISTINCT key FROM meta ORDER BY key")]

    def has_meta_key(self, key: str) -> bool:
        return (
            self._db.execute("SELECT 1 FROM meta WHERE key = ? LIMIT 1", (key,)).fetchone()
            is not None
        )

    def mapped(self, ordinal: int) -> bool:
        """Whether folding moved characters of the record (its folded offsets differ from
        the original's somewhere)."""
        self._check_ordinal(ordinal)
        return bool(self._map(F.FLAGS)[ordinal] & F.MAPPED)

    def original_spans(self, ordinal: int, spans: list[Span]) -> list[Span]:
        """Spans of the folded text as spans of the original (see ``search``)."""
        return self._map_spans(ordinal, spans) if self.mapped(ordinal) else spans

    def records(self, ordinals: Iterable[int]) -> Iterator[dict[str, Any]]:
        """The records at ``ordinals``, one at a time, in that order."""
        for ordinal in ordinals:
            yield self.record(ordinal)

    def folded_bytes(self, ordinals: Iterable[int] | None = None) -> int:
        """Bytes of folded text of the records at ``ordinals`` (all by default): what a
        scan of them reads, for a progress bar."""
        off = self._offsets(F.FOLDED_OFFSETS)
        if ordinals is None:
            return int(off[self._count])
        return sum(off[o + 1] - off[o] for o in ordinals)

    def iter_folded(
        self, ordinals: Iterable[int] | None = None, *, chunk_bytes: int = 16 << 20
    ) -> Iterator[list[tuple[int, list[str]]]]:
        """(ordinal, folded paragraphs) of the records, in lists of about ``chunk_bytes``
        of text, so that an analysis can stream a corpus of any size in bounded memory."""
        order: Iterable[int] = range(self._count) if ordinals is None else ordinals
        off = self._offsets(F.FOLDED_OFFSETS)
        released = 0
        chunk: list[tuple[int, list[str]]] = []
        size = 0
        for ordinal in order:
            self._check_ordinal(ordinal)
            chunk.append((ordinal, self._text(ordinal, folded=True)))
            size += off[ordinal + 1] - off[ordinal]
            if size >= chunk_bytes:
                yield chunk
                chunk, size = [], 0
                released = self._release(F.FOLDED, released, off[ordinal])
        if chunk:
            yield chunk
        self._release(F.FOLDED, 0, len(self._map(F.FOLDED)))

    def _release(self, name: str, start: int, end: int) -> int:
        """Let the pages of ``name`` in [start, end) go from this process's memory.

        Returns where the next release should start."""
        mapped = self._map(name)
        if not isinstance(mapped, mmap.mmap) or end - start < _RELEASE and end < len(mapped):
            return start
        start -= start % mmap.PAGESIZE
        if end > start:
            mapped.madvise(mmap.MADV_DONTNEED, start, end - start)
        return end

    # -- the index ------------------------------------------------------------------------

    def _postings(self, key: int) -> list[int]:
        ordinals: list[int] = []
        for (data,) in self._db.execute(
            "SELECT data FROM grams WHERE key = ? ORDER BY seg", (key,)
        ):
            deltas = array("I")
            deltas.frombytes(zlib.decompress(data))
            ordinals.extend(accumulate(deltas))
        return ordinals

    def _literal_candidates(self, literal: str) -> list[int] | None:
        """Records whose folded text holds every unigram or bigram of ``literal``.

        None means every record (the literal holds a separator character, which
        the index does not represent faithfully)."""
        if F.SEPARATORS.intersection(literal):
            return None
        if len(literal) == 1:
            keys = [F.unigram_key(literal)]
        else:
            keys = list(
                dict.fromkeys(F.bigram_key(literal[i : i + 2]) for i in range(len(literal) - 1))
            )
        marks = ", ".join("?" * len(keys))
        frequency = dict(
            self._db.execute(
                f"SELECT key, sum(df) FROM grams WHERE key IN ({marks}) GROUP BY key", keys
            ).fetchall()
        )
        if len(frequency) < len(keys):
            return []
        keys.sort(key=frequency.__getitem__)
        if frequency[keys[0]] * 2 > self._count:
            return None  # in most records: reading the lists would cost more than it saves
        result = self._postings(keys[0])
        for key in keys[1:3]:
            if len(result) * 64 < self._count:
                break
            other = set(self._postings(key))
            result = [o for o in result if o in other]
        return result

    def _candidates(self, required: Requirement) -> list[int] | None:
        if required is None:
            return None
        if isinstance(required, str):
            return self._literal_candidates(required)
        kind, items = required
        found = [self._candidates(item) for item in items]
        if kind == "or":
            if any(f is None for f in found):
                return None
            return sorted(set().union(*found))  # type: ignore[arg-type]
        known = [f for f in found if f is not None]
        if not known:
            return None
        known.sort(key=len)
        result = known[0]
        for other in known[1:]:
            chosen = set(other)
            result = [o for o in result if o in chosen]
        return result

    def candidates(
        self, pattern: str, *, regex: bool = False, ignore_case: bool = False
    ) -> list[int] | None:
        """Ordinals (ascending) of the records that may hold ``pattern`` (folded), by the
        index; None when the index cannot narrow it (then every record is a candidate).
        A superset of the records that match: a search verifies each."""
        if ignore_case:
            return None
        if not regex:
            return self._literal_candidates(pattern)
        from ._literals import literal_set, requirement

        literals = literal_set(pattern)
        if literals is not None:
            return self._candidates(("or", list(literals)) if len(literals) > 1 else literals[0])
        return self._candidates(requirement(pattern))

    # -- search ---------------------------------------------------------------------------

    def _order(self, ordinals: Iterable[int] | None, candidates: list[int] | None) -> list[int]:
        if ordinals is None:
            return list(range(self._count)) if candidates is None else candidates
        if candidates is None:
            order = list(ordinals)
            for ordinal in order:
                self._check_ordinal(ordinal)
            return order
        chosen = set(candidates)
        return [o for o in ordinals if o in chosen]

    def count(
        self,
        pattern: str,
        *,
        regex: bool = False,
        ignore_case: bool = False,
        ordinals: Iterable[int] | None = None,
        timeout: float | None = None,
    ) -> list[tuple[int, int]]:
        """(ordinal, matches) of every record with at least one match of ``pattern``.

        ``pattern`` is folded already (``fold``); matches are counted as
        ``search`` finds them (non-overlapping, non-empty, within a paragraph)
        without making their spans where counting bytes is exact: a literal,
        and a regular expression that is a set of literals none of whose
        occurrences can overlap (``碳(达峰|中和)``).  Records come in the order
        of ``ordinals`` (default: all, ascending).
        """
        if not pattern:
            raise _pattern_error("empty pattern")
        literals: list[str] | None = None
        if not ignore_case:
            if not regex:
                literals = [pattern]
            else:
                from ._literals import literal_set

                # A set of literals is syntax that regex accepts too: no need to import it.
                literals = literal_set(pattern)
                if literals is None:
                    _compile(pattern, ignore_case)  # a bad pattern is an error, not a count of 0
        if literals is None or any(F.SEPARATORS.intersection(x) for x in literals):
            return [
                (o, len(spans))
                for o, spans in self.search(
                    pattern,
                    regex=regex,
                    ignore_case=ignore_case,
                    ordinals=ordinals,
                    timeout=timeout,
                )
            ]
        order = self._order(ordinals, self.candidates(pattern, regex=regex))
        needles = [literal.encode("utf-8") for literal in literals]
        off = self._offsets(F.FOLDED_OFFSETS)
        scanned = len(order) * off[self._count] // max(self._count, 1)  # bytes, roughly
        if scanned < PARALLEL_BYTES or (os.cpu_count() or 1) < 2 or not _may_fork():
            return self._count_bytes(order, needles)
        return self._count_forked(order, needles)

    def _count_bytes(self, order: Sequence[int], needles: list[bytes]) -> list[tuple[int, int]]:
        """Count the needles in each record's folded bytes (exact: see count)."""
        data = self._map(F.FOLDED)
        off = self._offsets(F.FOLDED_OFFSETS)
        out = []
        released = 0
        for ordinal in order:
            start = off[ordinal]
            text = data[start : off[ordinal + 1]]
            n = 0
            for needle in needles:
                n += text.count(needle)
            if n:
                out.append((ordinal, n))
            if start - released >= _RELEASE:
                released = self._release(F.FOLDED, released, start)
        return out

    def _count_forked(self, order: Sequence[int], needles: list[bytes]) -> list[tuple[int, int]]:
        """_count_bytes on two cores: a forked child counts the second half of ``order``
        (it touches only the mapped files) and sends its pairs back through a pipe."""
        half = len(order) // 2
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never return into the caller's code
            status = 1
            try:
                os.close(read_end)
                pairs = array("Q")
                for ordinal, n in self._count_bytes(order[half:], needles):
                    pairs.append(ordinal)
                    pairs.append(n)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(pairs.tobytes())
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        try:
            first = self._count_bytes(order[:half], needles)
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
        finally:
            _, status = os.waitpid(pid, 0)
        if status != 0:
            raise RuntimeError(f"the counting process failed (status {status})")
        pairs = array("Q")
        pairs.frombytes(data)
        return first + list(zip(pairs[0::2], pairs[1::2], strict=True))

    def search(
        self,
        pattern: str,
        *,
        regex: bool = False,
        ignore_case: bool = False,
        ordinals: Iterable[int] | None = None,
        timeout: float | None = None,
    ) -> Iterator[tuple[int, list[Span]]]:
        """(ordinal, spans) of every record with a match of ``pattern`` (folded already).

        A literal's spans are str.find's, leftmost and non-overlapping; a
        regular expression's are ``regex.finditer``'s, empty matches left out.
        Matches never cross a paragraph.  Spans are (paragraph, start, end) in
        the ORIGINAL text's offsets: where folding changed a paragraph's
        length, they are mapped back (a match that starts or ends inside a
        phrase whose fold changed its length widens to the whole phrase).
        A regular expression still running after ``timeout`` seconds (for
        the whole search) raises PatternError.
        """
        if not pattern:
            raise _pattern_error("empty pattern")
        deadline = None if timeout is None else time.monotonic() + timeout
        if regex or ignore_case:
            import regex as regex_module

            compiled = _compile(pattern if regex else regex_module.escape(pattern), ignore_case)

            def spans(text: str) -> Iterator[tuple[int, int]]:
                left = None if deadline is None else max(deadline - time.monotonic(), 0.001)
                try:
                    for match in compiled.finditer(text, timeout=left):
                        if match.end() > match.start():
                            yield match.span()
                except TimeoutError:
                    raise _pattern_error(
                        f"pattern '{pattern}' took longer than {timeout:g} s to search and was "
                        "stopped; it probably backtracks catastrophically, so simplify it"
                    ) from None

        else:
            width = len(pattern)

            def spans(text: str) -> Iterator[tuple[int, int]]:
                start = text.find(pattern)
                while start >= 0:
                    yield start, start + width
                    start = text.find(pattern, start + width)

        candidates = self.candidates(pattern, regex=regex, ignore_case=ignore_case)
        flags = self._map(F.FLAGS)
        off = self._offsets(F.FOLDED_OFFSETS)
        released = 0
        for ordinal in self._order(ordinals, candidates):
            found = [
                (i, start, end)
                for i, paragraph in enumerate(self._text(ordinal, folded=True))
                for start, end in spans(paragraph)
            ]
            if found:
                if flags[ordinal] & F.MAPPED:
                    found = self._map_spans(ordinal, found)
                yield ordinal, found
            if off[ordinal] - released >= _RELEASE:
                released = self._release(F.FOLDED, released, off[ordinal])

    def _map_spans(self, ordinal: int, spans: list[Span]) -> list[Span]:
        blocks = {
            paragraph: json.loads(data)
            for paragraph, data in self._db.execute(
                "SELECT paragraph, blocks FROM offmaps WHERE seq = ?", (ordinal + 1,)
            )
        }
        out = []
        for paragraph, start, end in spans:
            table = blocks.get(paragraph)
            if table is not None:
                start, end = map_span(table, start, end)
            out.append((paragraph, start, end))
        return out


def _may_fork() -> bool:
    """Whether forking is safe here: the platform has fork and this process runs no other
    thread (a progress bar's, say), whose locks a forked child could inherit held."""
    import sys

    if not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def map_span(blocks: list[list[int]], start: int, end: int) -> tuple[int, int]:
    """A span of folded text as a span of the original, through a paragraph's blocks.

    Each block is ``[o1, o2, f1, f2]``: original o1:o2 folds to f1:f2; a block
    whose sides have the same length maps character by character, another maps
    only as a whole."""
    from bisect import bisect_right

    firsts = [block[2] for block in blocks]

    def block_at(position: int) -> list[int]:
        i = bisect_right(firsts, position) - 1
        while i > 0 and blocks[i][2] == blocks[i][3]:  # skip blocks that fold to nothing
            i -= 1
        return blocks[max(i, 0)]

    o1, o2, f1, f2 = block_at(start)
    mapped_start = o1 + start - f1 if o2 - o1 == f2 - f1 else o1
    o1, o2, f1, f2 = block_at(end - 1)
    mapped_end = o1 + end - f1 if o2 - o1 == f2 - f1 else o2
    return mapped_start, max(mapped_end, mapped_start)


def fold(text: str) -> str:
    """Fold a query (literal, regular expression, speaker, value) to Simplified."""
    from ..script import to_simplified

    return to_simplified(text)


def _cut(text: str, lengths: list[int]) -> list[str]:
    pieces = []
    position = 0
    for length in lengths:
        pieces.append(text[position : position + length])
        position += length + 1
    return pieces


def _bound(value: str | date, what: str) -> tuple[str, str]:
    if isinstance(value, str):
        return F.date_range(value.strip(), what)
    iso = value.isoformat()
    return iso, iso


def _byteorder() -> str:
    import sys

    return sys.byteorder


def _pattern_error(message: str) -> ShuangtanError:
    from ..search import PatternError

    return PatternError(message)


def _compile(pattern: str, ignore_case: bool) -> Any:
    import regex

    try:
        return regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except regex.error as error:
        raise _pattern_error(f"bad pattern '{pattern}': {error}") from None
