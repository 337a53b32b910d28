"""The layout of a store directory, shared by the writer and the reader.

A store is a directory of five files:

``store.sqlite``
    SQLite: ``info`` (key, value), ``records`` (one row per record: fields,
    derived values, paragraph lengths), ``meta`` (key, value, seq) for
    ``where``, ``offmaps`` (folded-to-original offset maps of the paragraphs
    whose fold changes their length) and ``grams`` (the inverted index: for
    each unigram and bigram of the folded text, per segment of records, the
    ordinals of the records holding it, delta-encoded ``array('I')``,
    zlib-compressed).
``folded.txt``
    The folded (Simplified) text of every record, UTF-8: its paragraphs
    joined by ``PARA`` (U+001F), each record followed by ``END`` (U+001E).
    Searching scans this file through mmap; the separators keep a literal
    from matching across a paragraph or a record.
``folded.off``, ``text.off``
    ``array('Q')`` of N + 1 byte offsets: record i is bytes
    ``off[i]:off[i + 1]`` of its text file (its ``END`` included).
``text.txt``
    The original text of the records whose fold changed it, in the same
    layout; a record whose text is already folded has an empty slice here
    and flag ``SAME``.
``flags.bin``
    One byte per record: ``SAME``, ``IRREGULAR`` (a paragraph holds a
    separator character, so paragraphs are cut by their stored lengths, not
    at separators) and ``MAPPED`` (at least one paragraph has an offset map: its fold moved
    characters, which a fold that changes a phrase's length does).
"""

from __future__ import annotations

#: Bumped whenever the layout changes; open_store refuses other versions.
FORMAT = 1

DATABASE = "store.sqlite"
FOLDED = "folded.txt"
FOLDED_OFFSETS = "folded.off"
TEXT = "text.txt"
TEXT_OFFSETS = "text.off"
FLAGS = "flags.bin"
FILES = (DATABASE, FOLDED, FOLDED_OFFSETS, TEXT, TEXT_OFFSETS, FLAGS)

PARA = "\x1f"
END = "\x1e"
SEPARATORS = frozenset(PARA + END)

SAME = 1
IRREGULAR = 2
MAPPED = 4

#: Unigram keys are the code point plus this; bigram keys are ``a | b << 32``
#: (code points of the first and second character), so the two never meet.
UNIGRAM = 0x1FFFFF << 32


def unigram_key(char: str) -> int:
    return ord(char) + UNIGRAM


def bigram_key(pair: str) -> int:
    return ord(pair[0]) | ord(pair[1]) << 32


SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    id_made INTEGER NOT NULL,
    province TEXT,
    code INTEGER,
    date TEXT,
    date_lo TEXT,
    date_hi TEXT,
    speaker TEXT,
    speaker_folded TEXT,
    speaker_title TEXT,
    occasion TEXT,
    title TEXT,
    script TEXT NOT NULL,
    length INTEGER NOT NULL,
    han_chars INTEGER NOT NULL,
    lengths TEXT NOT NULL,
    folded_lengths TEXT,
    meta TEXT NOT NULL,
    source_file TEXT,
    source_line INTEGER
);
CREATE TABLE meta (key TEXT NOT NULL, value TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (key, value, seq)) WITHOUT ROWID;
CREATE TABLE offmaps (seq INTEGER NOT NULL, paragraph INTEGER NOT NULL, blocks TEXT NOT NULL,
    PRIMARY KEY (seq, paragraph)) WITHOUT ROWID;
CREATE TABLE grams (key INTEGER NOT NULL, seg INTEGER NOT NULL, df INTEGER NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY (key, seg)) WITHOUT ROWID;
"""

#: Indexes made after the rows are in: faster than keeping them up to date.
INDEXES = """
CREATE INDEX records_province ON records (province);
CREATE INDEX records_date ON records (date_lo, date_hi);
CREATE INDEX records_id ON records (id);
"""


def date_range(text: str, what: str = "date") -> tuple[str, str]:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD date, as ISO strings
    (``selection.date_period``: one rule for the bundled corpus and a store).

    A partial date stands for its whole period: 2021 is 2021-01-01 to 2021-12-31.
    """
    from datetime import date

    from ..errors import ShuangtanError
    from ..selection import date_period

    try:
        low, high = date_period(text)
        date.fromisoformat(low)
        date.fromisoformat(high)
    except (ShuangtanError, ValueError) as error:
        detail = str(error).split(": ", 1)[-1]
        raise ShuangtanError(f"bad {what} {text!r}: {detail}") from None
    return low, high
