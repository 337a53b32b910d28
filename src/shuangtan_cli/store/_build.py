"""Write a store from imported records (the dicts of record.md).

The store is written into a fresh directory beside the target and renamed into
place only when complete, so an interrupted or failed build leaves the target
as it was.  Building the same records again writes byte-identical files: no
clock, no randomness, and every table is filled in record order.

Work per record: the fold to Simplified (OpenCC, the costliest step), the
counts of characters, the script, and the unigrams and bigrams of the folded
text for the index.  When the records outgrow one batch and the machine has a
second core, two worker processes do that work, batch by batch, while this one
reads the records and writes the files.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import zlib
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from functools import lru_cache, partial
from itertools import accumulate, chain, repeat
from operator import sub
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import ShuangtanError
from . import _format as F

if TYPE_CHECKING:
    import subprocess

#: Characters of text in one batch of work, folded in one call (about 3 MB of UTF-8).
BATCH_CHARS = 1 << 20
#: Postings held in memory before they are written out as one segment (32 MB).
FLUSH_POSTINGS = 1 << 23
#: Worker processes that fold and invert batches while this one writes (0: none, all
#: in this process).  Used only once the records outgrow one batch.
WORKERS = min(os.cpu_count() or 1, 2) if (os.cpu_count() or 1) > 1 else 0

#: zlib's level for posting lists: 1 is much faster than 6 at nearly the same size.
ZLIB_LEVEL = 1


def build(
    records: Iterable[dict[str, Any]],
    directory: str | os.PathLike[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    card: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
) -> None:
    """Build a store of ``records`` at ``directory``, replacing a store already there.

    ``progress(done, total)`` is called after each batch of records read
    (``done``: records so far; ``total``: ``len(records)`` when it has a
    length, else 0) and once more when the store is complete.  ``card``, any
    JSON-ready mapping (the importer's sources and their SHA-256, the import's
    date, the tool's version), is kept as ``Store.info["card"]``; a callable
    is called once the records are read, for a card that counts them.
    """
    target = os.path.abspath(os.fspath(directory))
    parent, name = os.path.split(target)
    if os.path.lexists(target):
        if not os.path.isdir(target):
            raise ShuangtanError(f"{target} exists and is not a directory")
        if os.listdir(target) and not os.path.isfile(os.path.join(target, F.DATABASE)):
            raise ShuangtanError(f"{target} exists and is not a corpus; refusing to replace it")
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=f".{name}.building-", dir=parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(work, 0o777 & ~umask)  # mkdtemp's 0700 is for the name, not the corpus
        writer = _Writer(work, card)
        try:
            writer.write(records, progress)
        finally:
            writer.close()
        _swap(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _swap(work: str, target: str) -> None:
    """Rename the finished store into place, moving an old one aside first."""
    if not os.path.lexists(target):
        os.rename(work, target)
        return
    parent, name = os.path.split(target)
    old = tempfile.mkdtemp(prefix=f".{name}.old-", dir=parent)
    aside = os.path.join(old, name)
    os.rename(target, aside)
    try:
        os.rename(work, target)
    except BaseException:
        os.rename(aside, target)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def fold(text: str) -> str:
    """The fold of the store's text: ``script.to_simplified`` (whose check for lone
    surrogates encodes the text at C speed, so a batch costs what OpenCC costs)."""
    from ..script import to_simplified

    return to_simplified(text)


class Batch(NamedTuple):
    """A batch of records made ready to write: everything but their place in the files."""

    rows: list[tuple[Any, ...]]  # of the records table
    meta: list[tuple[str, str, int]]
    offmaps: list[tuple[int, int, str]]
    folded: bytes
    folded_sizes: array[int]
    text: bytes
    text_sizes: array[int]
    flags: bytes
    #: index key -> (last ordinal, array('I') of the ordinals' deltas as bytes, the first
    #: delta counted from 0: the writer rebases it on the segment's previous ordinal)
    postings: dict[int, tuple[int, bytes]]
    length: int
    han_chars: int
    scripts: set[str]


def _prepare(batch: list[dict[str, Any]], base: int) -> Batch:
    """Fold a batch of records, derive their values, and invert their unigrams and
    bigrams (ordinals from ``base`` on).  Runs in a worker process when there is one.

    Regular records (no separator character in their text) are folded in one
    call, joined by the separators: OpenCC segments greedily and no dictionary
    entry holds a control character, so this folds each paragraph exactly as
    folding it alone would.
    """
    for i, record in enumerate(batch):
        _check(record, base + i + 1)
    texts: list[list[str]] = [record["paragraphs"] for record in batch]
    joined = [F.PARA.join(paragraphs) for paragraphs in texts]
    regular = [
        i
        for i, (text, paragraphs) in enumerate(zip(joined, texts, strict=True))
        if F.END not in text and text.count(F.PARA) == len(paragraphs) - 1
    ]
    folded: list[list[str] | None] = [None] * len(batch)
    if regular:
        parts = fold(F.END.join(joined[i] for i in regular)).split(F.END)
        if len(parts) == len(regular):
            for i, part in zip(regular, parts, strict=True):
                pieces = part.split(F.PARA)
                if len(pieces) == len(texts[i]):
                    folded[i] = pieces
    from ..script import han_chars as count_han

    chars = _chars()
    codes = _codes()
    fold_short = _fold_short()
    postings: defaultdict[int, array[int]] = defaultdict(partial(array, "I"))
    grams_of = postings.__getitem__
    append = array.append
    out = Batch([], [], [], b"", array("Q"), b"", array("Q"), b"", {}, 0, 0, set())
    folded_out: list[bytes] = []
    text_out: list[bytes] = []
    flags_out = bytearray()
    for i, (record, paragraphs) in enumerate(zip(batch, texts, strict=True)):
        seq = base + i + 1
        pieces = folded[i] or [fold(p) for p in paragraphs]
        text = joined[i]
        folded_text = F.PARA.join(pieces)
        flags = 0
        if folded_text.count(F.PARA) != len(pieces) - 1 or F.END in folded_text:
            flags |= F.IRREGULAR
        encoded = (folded_text + F.END).encode("utf-8")
        folded_out.append(encoded)
        out.folded_sizes.append(len(encoded))
        if pieces == paragraphs:
            flags |= F.SAME
            out.text_sizes.append(0)
        else:
            encoded = (text + F.END).encode("utf-8")
            text_out.append(encoded)
            out.text_sizes.append(len(encoded))
        lengths = list(map(len, paragraphs))
        folded_lengths = list(map(len, pieces))
        if flags & F.SAME:
            script = "simplified"  # folding changed nothing: no Traditional-only character
        else:
            present = set(text)
            chars.learn(present)
            script = chars.script(present)
            if text.translate(chars.table) != folded_text:
                for k, (original, piece) in enumerate(zip(paragraphs, pieces, strict=True)):
                    if original.translate(chars.table) != piece:
                        blocks = _blocks(original, piece, chars.table)
                        if blocks is not None:
                            flags |= F.MAPPED
                            out.offmaps.append((seq, k, json.dumps(blocks)))
        flags_out.append(flags)
        # The appends run in C (map), a quarter faster than a for loop here.
        deque(map(append, map(grams_of, _grams(folded_text)), repeat(seq - 1)), maxlen=0)
        length = sum(lengths)
        han_chars = count_han(text)
        out.scripts.add(script)
        province = record.get("province")
        code = None
        if province is not None:
            code = codes.get(province)
            if code is None:
                raise ShuangtanError(
                    f"record {seq} ({record['id']!r}): unknown province {province!r}"
                )
        date = record.get("date")
        low, high = _date_range(date) if date is not None else (None, None)
        speaker = record.get("speaker")
        meta: dict[str, Any] = record.get("meta") or {}
        source = record.get("source") or {}
        out.rows.append(
            (
                seq,
                record["id"],
                int(bool(record.get("id_made"))),
                province,
                code,
                date,
                low,
                high,
                speaker,
                fold_short(speaker) if speaker is not None else None,
                record.get("speaker_title"),
                record.get("occasion"),
                record.get("title"),
                script,
                length,
                han_chars,
                _numbers(lengths),
                _numbers(folded_lengths) if folded_lengths != lengths else None,
                json.dumps(meta, ensure_ascii=False, separators=(",", ":")) if meta else "{}",
                source.get("file"),
                source.get("line"),
            )
        )
        for key, value in meta.items():
            out.meta.append((key, fold_short(_meta_text(value)), seq))
    return out._replace(
        folded=b"".join(folded_out),
        text=b"".join(text_out),
        flags=bytes(flags_out),
        postings={
            key: (ordinals[-1], array("I", map(sub, ordinals, chain((0,), ordinals))).tobytes())
            for key, ordinals in postings.items()
        },
        length=sum(row[14] for row in out.rows),
        han_chars=sum(row[15] for row in out.rows),
    )


def _numbers(values: list[int]) -> str:
    """A list of integers as JSON, faster than json.dumps for this one shape."""
    return "[" + ",".join(map(str, values)) + "]"


@lru_cache(maxsize=1)
def _codes() -> dict[str, int]:
    from .. import places

    return {place.id: int(place.code) for place in places.places()}


@lru_cache(maxsize=1)
def _fold_short() -> Callable[[str], str]:
    """The fold of short fields (speaker, meta values), which repeat: cached."""
    return lru_cache(maxsize=1 << 16)(fold)


_date_range = lru_cache(maxsize=1 << 16)(F.date_range)


def _grams(text: str) -> set[int]:
    """Index keys of the text's distinct unigrams and bigrams (see _format)."""
    if sys.byteorder == "little":
        # Code points as uint32; read as uint64 at even and odd positions, they are the pairs.
        data = memoryview(text.encode("utf-32-le"))
        n = len(data) // 4
        keys = set(map(F.UNIGRAM.__add__, set(data.cast("I"))))
        keys.update(data[: n // 2 * 8].cast("Q"))
        keys.update(data[4 : 4 + (n - 1) // 2 * 8].cast("Q"))
        return keys
    keys = {F.unigram_key(c) for c in set(text)}
    keys.update(F.bigram_key(text[i : i + 2]) for i in range(len(text) - 1))
    return keys


class _Chars:
    """What folding does to each character alone, learnt once per character seen.

    ``table`` folds text character by character with ``str.translate`` (C
    speed): where it agrees with the real fold, every character stays in its
    place and no offset map is needed.  The script of a text comes from the
    same knowledge: a character is Traditional-only when folding changes it,
    Simplified-only when rendering it in Traditional changes it.  A record
    whose fold changes nothing is ``simplified``; otherwise a record with both
    kinds, the smaller at least a tenth of the larger, is ``mixed``, and else
    the larger kind wins (``simplified`` on a tie).
    """

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.table: dict[int, str] = {}
        self.traditional: set[str] = set()
        self.simplified: set[str] = set()

    def learn(self, chars: set[str]) -> None:
        from ..script import Script, from_simplified

        for char in chars - self.known:
            folded = fold(char)
            if folded != char:
                self.table[ord(char)] = folded
                self.traditional.add(char)
            if from_simplified(char, Script.TRADITIONAL) != char:
                self.simplified.add(char)
        self.known |= chars

    def script(self, chars: set[str]) -> str:
        t = len(chars & self.traditional)
        s = len(chars & self.simplified)
        if t and s and min(t, s) * 10 >= max(t, s):
            return "mixed"
        return "traditional" if t > s else "simplified"


@lru_cache(maxsize=1)
def _chars() -> _Chars:
    return _Chars()


def _blocks(original: str, folded: str, table: dict[int, str]) -> list[list[int]] | None:
    """Aligned blocks ``[o1, o2, f1, f2]`` of a paragraph whose fold moved characters,
    or None when every character kept its place.

    The paragraph is folded character by character (``table``) and aligned
    with its whole fold, which differs from it only where a phrase folded
    otherwise; the alignment is then carried back to the original's offsets
    through the length of each character's own fold.  Runs of one-to-one
    characters are merged into one block; a block whose sides differ in
    length maps only as a whole.
    """
    from bisect import bisect_left, bisect_right
    from difflib import SequenceMatcher

    alone = original.translate(table)
    starts = [0]  # where each original character's own fold starts in ``alone``
    if len(alone) == len(original):
        starts = list(range(len(original) + 1))
    else:
        for char in original:
            starts.append(starts[-1] + len(table.get(ord(char), char)))
    pieces: list[list[int]] = []
    for tag, a1, a2, f1, f2 in SequenceMatcher(None, alone, folded, autojunk=False).get_opcodes():
        o1 = bisect_right(starts, a1) - 1 if a1 < len(alone) else len(original)
        o2 = bisect_left(starts, a2)
        if tag == "equal" and starts[o1] == a1 and starts[o2] == a2:
            for i in range(o1, o2):  # character by character: each has its own width
                pieces.append([i, i + 1, f1 + starts[i] - a1, f1 + starts[i + 1] - a1])
        else:
            pieces.extend(_split(original, folded, o1, o2, f1, f2))
    blocks: list[list[int]] = []
    for piece in pieces:
        last = blocks[-1] if blocks else None
        if (
            last is not None
            and piece[1] - piece[0] == piece[3] - piece[2]
            and last[1] - last[0] == last[3] - last[2]
            and last[1] == piece[0]
            and last[3] == piece[2]
        ):
            last[1], last[3] = piece[1], piece[3]
        else:
            blocks.append(piece)
    if len(blocks) == 1 and blocks[0][1] - blocks[0][0] == blocks[0][3] - blocks[0][2]:
        return None  # one block, one to one: nothing moved
    return blocks


def _split(original: str, folded: str, o1: int, o2: int, f1: int, f2: int) -> list[list[int]]:
    """A block cut where folding its two parts alone gives the same as folding it whole,
    so that a block of two phrases maps each phrase on its own (short blocks only)."""
    if o2 - o1 > 1 and f2 > f1 and o2 - o1 <= 32:
        for k in range(o1 + 1, o2):
            left = fold(original[o1:k])
            middle = f1 + len(left)
            if folded[f1:middle] == left and fold(original[k:o2]) == folded[middle:f2]:
                return _split(original, folded, o1, k, f1, middle) + _split(
                    original, folded, k, o2, middle, f2
                )
    return [[o1, o2, f1, f2]]


def _meta_text(value: Any) -> str:
    """How a meta value is compared by ``where``: the importer's ``meta_text`` (null is
    empty, so ``KEY=`` finds it)."""
    from ..selection import field_text

    return field_text(value)


class _Writer:
    def __init__(
        self,
        directory: str,
        card: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    ) -> None:
        self.directory = directory
        self._card = card
        if card is not None and not callable(card):
            self._card = json.loads(json.dumps(card))  # refused early
        self.db = sqlite3.connect(os.path.join(directory, F.DATABASE), isolation_level=None)
        self.db.executescript(
            "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "PRAGMA locking_mode = EXCLUSIVE;" + F.SCHEMA
        )
        self.db.execute("BEGIN")
        self.folded = open(os.path.join(directory, F.FOLDED), "wb")  # noqa: SIM115
        self.text = open(os.path.join(directory, F.TEXT), "wb")  # noqa: SIM115
        self.folded_offsets = array("Q", [0])
        self.text_offsets = array("Q", [0])
        self.flags = bytearray()
        #: Per index key, the deltas of the ordinals of the segment being gathered, and the
        #: last of those ordinals.
        self.postings: defaultdict[int, array[int]] = defaultdict(partial(array, "I"))
        self.last: dict[int, int] = {}
        self.held = 0
        self.segment = 0
        self.count = 0
        self.length = 0
        self.han_chars = 0
        self.scripts: set[str] = set()

    def write(
        self, records: Iterable[dict[str, Any]], progress: Callable[[int, int], None] | None
    ) -> None:
        total = len(records) if isinstance(records, Sized) else 0
        executor: _Workers | None = None
        workers = WORKERS
        pending: deque[int] = deque()  # the workers given a batch, in the order given
        base = 0
        held: list[tuple[list[dict[str, Any]], int]] = []  # the first batch, until a second
        try:
            for number, batch in enumerate(_batches(records)):
                if number == 0:
                    held.append((batch, base))
                else:
                    if executor is None and workers:
                        # More than one batch: all of them go to the workers (this
                        # process then never loads OpenCC's dictionaries).
                        executor = _Workers(workers)
                    for work, start in [*held, (batch, base)]:
                        if executor is None:
                            self._add(_prepare(work, start))
                        else:
                            if len(pending) == workers:  # one batch at a time per worker
                                self._add(executor.result(pending.popleft()))
                            pending.append(executor.submit(work, start))
                    held.clear()
                base += len(batch)
                if progress is not None:
                    progress(base, total)
            for work, start in held:
                self._add(_prepare(work, start))
            while pending:
                self._add(executor.result(pending.popleft()))  # type: ignore[union-attr]
        finally:
            if executor is not None:
                executor.close()
        if not self.count:
            raise ShuangtanError("no records to store")
        self._finish()
        if progress is not None:
            progress(self.count, total)

    def close(self) -> None:
        """Close the files and the database (again, harmlessly, after _finish)."""
        self.folded.close()
        self.text.close()
        self.db.close()

    def _add(self, batch: Batch) -> None:
        postings = self.postings
        last = self.last
        for key, (final, data) in batch.postings.items():
            deltas = postings[key]
            before = len(deltas)
            deltas.frombytes(data)
            if before:
                deltas[before] -= last[key]
            last[key] = final
            self.held += len(deltas) - before
        self.folded.write(batch.folded)
        self.text.write(batch.text)
        self.folded_offsets.extend(accumulate(batch.folded_sizes, initial=self.folded_offsets[-1]))
        self.text_offsets.extend(accumulate(batch.text_sizes, initial=self.text_offsets[-1]))
        del self.folded_offsets[-len(batch.rows) - 1]
        del self.text_offsets[-len(batch.rows) - 1]
        self.flags.extend(batch.flags)
        self.count += len(batch.rows)
        self.length += batch.length
        self.han_chars += batch.han_chars
        self.scripts |= batch.scripts
        self.db.executemany(f"INSERT INTO records VALUES ({', '.join('?' * 21)})", batch.rows)
        self.db.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?, ?)", batch.meta)
        self.db.executemany("INSERT INTO offmaps VALUES (?, ?, ?)", batch.offmaps)
        if self.held >= FLUSH_POSTINGS:
            self._flush()

    def _flush(self) -> None:
        """Write the postings held as one segment: per gram, delta-encoded and compressed."""
        rows = []
        postings = self.postings
        for key in sorted(postings):
            deltas = postings[key]
            rows.append((key, self.segment, len(deltas), zlib.compress(deltas, ZLIB_LEVEL)))
        postings.clear()
        self.last.clear()
        self.db.executemany("INSERT INTO grams VALUES (?, ?, ?, ?)", rows)
        self.segment += 1
        self.held = 0

    def _finish(self) -> None:
        self._flush()
        self.folded.close()
        self.text.close()
        for name, offsets in (
            (F.FOLDED_OFFSETS, self.folded_offsets),
            (F.TEXT_OFFSETS, self.text_offsets),
        ):
            with open(os.path.join(self.directory, name), "wb") as file:
                offsets.tofile(file)
        with open(os.path.join(self.directory, F.FLAGS), "wb") as file:
            file.write(self.flags)
        if len(self.scripts) == 1:
            (script,) = self.scripts
        else:
            script = "mixed"
        for statement in F.INDEXES.split(";"):
            if statement.strip():
                self.db.execute(statement)
        low, high = self.db.execute("SELECT min(date_lo), max(date_hi) FROM records").fetchone()
        info = {
            "format": F.FORMAT,
            "byteorder": sys.byteorder,
            "records": self.count,
            "length": self.length,
            "han_chars": self.han_chars,
            "folded_bytes": self.folded_offsets[-1],
            "script": script,
            "segments": self.segment,
            "date_min": low,
            "date_max": high,
            "card": json.loads(json.dumps(self._card() if callable(self._card) else self._card)),
        }
        self.db.executemany(
            "INSERT INTO info VALUES (?, ?)", [(k, json.dumps(v)) for k, v in info.items()]
        )
        self.db.execute("COMMIT")
        self.db.close()


def _batches(records: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    chars = 0
    for record in records:
        paragraphs = record.get("paragraphs") if isinstance(record, dict) else None
        batch.append(record)
        if isinstance(paragraphs, list):
            chars += sum(len(p) for p in paragraphs if isinstance(p, str))
        if chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class _Workers:
    """Worker processes that run _prepare (``-m shuangtan_cli.store._worker``), fed and read
    through pipes, batches given round-robin (one at a time per worker).

    Plain subprocesses, not multiprocessing: its "spawn" and "forkserver" start
    methods run the caller's main script again in every worker (a script that
    calls build() without a ``__main__`` guard would start over), and "fork"
    copies a process that holds threads or a large heap.
    """

    def __init__(self, count: int) -> None:
        import subprocess

        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (package_root, env.get("PYTHONPATH"))))
        self.processes: list[subprocess.Popen[bytes]] = [
            subprocess.Popen(
                [sys.executable, "-m", "shuangtan_cli.store._worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
            for _ in range(count)
        ]
        self.turn = 0

    def submit(self, batch: list[dict[str, Any]], base: int) -> int:
        """Send a batch to the next worker; returns which, for result()."""
        import pickle

        index = self.turn
        self.turn = (self.turn + 1) % len(self.processes)
        pipe = self.processes[index].stdin
        assert pipe is not None
        data = pickle.dumps((batch, base), pickle.HIGHEST_PROTOCOL)
        pipe.write(len(data).to_bytes(8, "little"))
        pipe.write(data)
        pipe.flush()
        return index

    def result(self, index: int) -> Batch:
        import pickle

        process = self.processes[index]
        assert process.stdout is not None
        size = process.stdout.read(8)
        if len(size) < 8:
            raise RuntimeError(f"a build worker ended unexpectedly (status {process.wait()})")
        kind, value = pickle.loads(process.stdout.read(int.from_bytes(size, "little")))
        if kind == "error":
            raise value
        batch: Batch = value
        return batch

    def close(self) -> None:
        for process in self.processes:
            if process.stdin is not None:
                process.stdin.close()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except Exception:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


def _serve() -> None:
    """A worker's loop: read (batch, base), write ("ok", Batch) or ("error", exception)."""
    import pickle

    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    while True:
        size = requests.read(8)
        if len(size) < 8:
            return
        batch, base = pickle.loads(requests.read(int.from_bytes(size, "little")))
        try:
            reply: tuple[str, Any] = ("ok", _prepare(batch, base))
        except Exception as error:  # sent back and raised in the writing process
            reply = ("error", error)
        data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        replies.write(len(data).to_bytes(8, "little"))
        replies.write(data)
        replies.flush()


def _check(record: dict[str, Any], seq: int) -> None:
    """The few checks the store's own correctness depends on (the importer checks the rest)."""
    if not isinstance(record, dict):
        raise ShuangtanError(f"record {seq}: not a dict but {type(record).__name__}")
    where = f"record {seq} ({record.get('id')!r})"
    paragraphs = record.get("paragraphs")
    if not isinstance(paragraphs, list) or not paragraphs:
        raise ShuangtanError(f"{where}: 'paragraphs' must be a non-empty list of strings")
    if not all(isinstance(p, str) for p in paragraphs):
        raise ShuangtanError(f"{where}: 'paragraphs' must hold only strings")
    if not isinstance(record.get("id"), str):
        raise ShuangtanError(f"{where}: 'id' must be a string")
    for name in ("province", "date", "speaker", "speaker_title", "occasion", "title"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ShuangtanError(f"{where}: {name!r} must be a string or null")
    meta = record.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise ShuangtanError(f"{where}: 'meta' must be an object")
