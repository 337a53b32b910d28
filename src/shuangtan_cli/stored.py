"""A user corpus: a store built by ``shuangtan import``, behind the corpus interface.

``StoredCorpus`` implements ``corpus.CorpusProtocol`` over a ``store.Store``,
so every command works on it as on the bundled corpus:

* selection is one SQLite query (``Store.select``); regions and divisions
  become the provinces they hold, ``--contains`` is verified through the index;
* records are fetched lazily: their fields in batches, their text only when
  a command reads it (``UserRecord.paragraphs``);
* a search takes its candidates from the store's index and verifies each with
  the command's own ``Matcher``, so the hits, their offsets and the folding
  are grep's exactly; ``-c`` of a literal counts bytes (``Store.count``).

Text is kept as written.  With no ``--script`` each record is shown as
written; with one, a record written in that script is still shown as written,
and any other is converted (its fold to Simplified, rendered in the script).
Offsets always refer to the text as shown: a match found in the folded text
is mapped back to the original, or forward into a conversion whose length
differs from the folded text's.

Imported only for a user corpus: the bundled corpus's commands never load
sqlite3 or mmap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from .errors import ShuangtanError
from .script import Script
from .search import Hit, Matcher, _spans_in
from .store import Store, map_span, open_store

if TYPE_CHECKING:
    from .documents import Document
    from .places import Place
    from .selection import Selection

#: A user record's fields, in the order JSON writes them.  A contract (README:
#: "A user record"): filter and show print them, export writes the importable ones.
USER_FIELDS = (
    "id",
    "seq",
    "id_made",
    "province",
    "province_short",
    "province_en",
    "division",
    "region",
    "code",
    "date",
    "speaker",
    "speaker_title",
    "occasion",
    "title",
    "paragraphs",
    "length",
    "han_chars",
    "script",
    "meta",
    "source",
)

#: The fields of a user corpus's ``list`` row: the bundled row's, and the title.
USER_LIST_FIELDS = ("id", "seq", "province", "speaker", "date", "occasion", "title", "length")

#: Fields of a record that hold the user's text (converted with ``--script``).
_TEXT = ("speaker", "speaker_title", "occasion", "title")
#: Bytes of text read at a time while searching (the store releases what was read).
_CHUNK = 1 << 20
#: A scan that reads more than this many bytes shows a progress bar (at a terminal).
LONG_SCAN = 64 << 20
#: What makes a progress bar: (description, total bytes) -> a context manager with update().
ProgressFactory = Callable[[str, int], Any]


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    from .places import places

    return {place.id: place for place in places()}


def _region_name(region: str, script: Script) -> str:
    """A region's name in ``script``: its Traditional alias where it has one (華北)."""
    if script is Script.SIMPLIFIED:
        return region
    from .selection import REGIONS

    first = REGIONS[region][0]
    return first if not first.isascii() else region


class UserRecord:
    """One record of a user corpus, as displayed; its text is read when first asked for."""

    __slots__ = ("_corpus", "_fields", "_paragraphs", "ordinal", "shown")

    def __init__(
        self, corpus: StoredCorpus, ordinal: int, fields: dict[str, Any], shown: Script | None
    ) -> None:
        self._corpus = corpus
        self.ordinal = ordinal
        #: The script the record is converted to, or None: shown as written.
        self.shown = shown
        self._fields = fields
        self._paragraphs: tuple[str, ...] | None = None

    @property
    def id(self) -> str:
        value: str = self._fields["id"]
        return value

    @property
    def seq(self) -> int:
        value: int = self._fields["seq"]
        return value

    @property
    def date(self) -> str | None:
        value: str | None = self._fields["date"]
        return value

    @property
    def length(self) -> int:
        value: int = self._fields["length"]
        return value

    @property
    def lead(self) -> str:
        """A user record has no dateline."""
        return ""

    @property
    def place(self) -> Place | None:
        province = self._fields["province"]
        return None if province is None else _places()[province]

    def _script(self) -> Script:
        """The script of the record's names: the one shown, or the record's own."""
        if self.shown is not None:
            return self.shown
        return Script.TRADITIONAL if self._fields["script"] == "traditional" else Script.SIMPLIFIED

    @property
    def province(self) -> str | None:
        place = self.place
        if place is None:
            return None
        return place.name if self._script() is Script.SIMPLIFIED else place.name_hant

    @property
    def province_short(self) -> str | None:
        place = self.place
        if place is None:
            return None
        return place.short if self._script() is Script.SIMPLIFIED else place.short_hant

    def _text_field(self, name: str) -> str | None:
        value: str | None = self._fields[name]
        if value is None or self.shown is None:
            return value
        from .script import convert

        return convert(value, self.shown)

    @property
    def speaker(self) -> str | None:
        return self._text_field("speaker")

    @property
    def speaker_title(self) -> str | None:
        return self._text_field("speaker_title")

    @property
    def occasion(self) -> str | None:
        return self._text_field("occasion")

    @property
    def title(self) -> str | None:
        return self._text_field("title")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        if self._paragraphs is None:
            self._paragraphs = tuple(self._corpus._shown_text(self.ordinal, self.shown))
        return self._paragraphs

    def value(self, name: str) -> Any:
        """The value of one field (of USER_FIELDS, or ``province_short``), as displayed."""
        place = self.place
        if name in ("province", "province_short", "speaker", "paragraphs"):
            value = getattr(self, name)
            return list(value) if name == "paragraphs" else value
        if name in _TEXT:
            return self._text_field(name)
        if name in ("province_en", "division", "code"):
            if place is None:
                return None
            return {"province_en": place.en, "division": place.division, "code": place.code}[name]
        if name == "region":
            return None if place is None else _region_name(place.region, self._script())
        if name in ("meta", "source"):
            return dict(self._fields[name])
        return self._fields[name]

    def to_dict(self, fields: Sequence[str] = USER_FIELDS) -> dict[str, Any]:
        return {name: self.value(name) for name in fields}

    def as_text(self) -> str:
        """A tab-separated header (province, speaker, date), the title, speaker's
        title and occasion that the record has (one a line), a blank line, then
        the paragraphs, a blank line between."""
        header = "\t".join(value or "" for value in (self.province, self.speaker, self.date))
        lines = [header]
        lines += [
            text for name in ("title", "speaker_title", "occasion") if (text := self.value(name))
        ]
        return "\n".join([*lines, "", "\n\n".join(self.paragraphs)])

    def __repr__(self) -> str:
        return f"UserRecord(seq={self.seq}, id={self.id!r})"


#: Fields ``StoredCorpus.rows`` reads from the records table (or the gazetteer).
_PLACE = frozenset({"province", "province_short", "province_en", "division", "region", "code"})
_FAST = _PLACE | {
    "id", "seq", "id_made", "date", "speaker", "speaker_title", "occasion", "title",
    "length", "han_chars", "script",
}  # fmt: skip


@lru_cache(maxsize=1)
def _place_values() -> dict[tuple[str, Script], dict[str, Any]]:
    """What a place's fields show, by (place id, script): computed once per run."""
    out: dict[tuple[str, Script], dict[str, Any]] = {}
    for place in _places().values():
        for script in Script:
            simplified = script is Script.SIMPLIFIED
            out[(place.id, script)] = {
                "province": place.name if simplified else place.name_hant,
                "province_short": place.short if simplified else place.short_hant,
                "province_en": place.en,
                "division": place.division,
                "region": _region_name(place.region, script),
                "code": place.code,
            }
    return out


def _converter(script: Script) -> Any:
    from .script import convert

    return lru_cache(maxsize=1 << 14)(lambda text: convert(text, script))


class StoredCorpus:
    """A user corpus: a store, read in ``script`` (None: each record as written)."""

    kind = "user"
    fields = USER_FIELDS
    list_fields = USER_LIST_FIELDS
    same_offsets = False

    def __init__(
        self,
        directory: str | os.PathLike[str],
        script: Script | None = None,
        *,
        progress: ProgressFactory | None = None,
    ) -> None:
        """``progress(description, total)``, if given, makes the progress bar of a long
        scan (one of more than ``LONG_SCAN`` bytes): ``Environment.progress``."""
        self._progress = progress
        self.directory = os.fspath(directory)
        if not os.path.exists(self.directory):
            raise ShuangtanError(f"no corpus at {self.directory}: import one with shuangtan import")
        self.store: Store = open_store(self.directory)
        self._script = script

    @property
    def script(self) -> Script | None:
        return self._script

    @property
    def written(self) -> str:
        """The script the corpus is written in: simplified, traditional or mixed."""
        return self.store.script

    def __len__(self) -> int:
        return len(self.store)

    def fold(self, text: str) -> str:
        from .store import fold

        return fold(text)

    def _mode(self, record_script: str) -> Script | None:
        """What a record written in ``record_script`` is converted to (None: as written)."""
        wanted = self._script
        if wanted is None or wanted.value == record_script:
            return None
        return wanted

    # -- selection ----------------------------------------------------------------------

    def select(self, selection: Selection | None = None) -> Sequence[int]:
        from .selection import Selection

        chosen = (selection or Selection()).resolved()
        for key, _ in chosen.where:
            if not self.store.has_meta_key(key):
                self._unknown_key(key)
        places = chosen.place_ids()
        if places is not None and not places:
            return []
        limit = chosen.limit if chosen.contains is None else None
        if places is None and chosen == Selection(sort=chosen.sort, limit=chosen.limit).resolved():
            if str(chosen.sort) == "seq":  # every record in their order: a range, no query
                every = range(len(self))
                return every if limit is None else every[:limit]
        positions: Sequence[int] = self.store.select(
            provinces=places or (),
            since=chosen.since,
            until=chosen.until,
            speaker=chosen.speaker,
            where=chosen.where,
            sort=str(chosen.sort),
            reverse=chosen.reverse,
            limit=limit,
        )
        if chosen.contains is not None:
            matcher = Matcher(chosen.contains, fixed=True)
            counts = self.count_hits(positions, matcher, max_per_speech=1)
            positions = [p for p in positions if counts[p]]
            if chosen.limit is not None:
                positions = positions[: chosen.limit]
        return positions

    def _unknown_key(self, key: str) -> None:
        import difflib

        keys = self.store.meta_keys()
        close = difflib.get_close_matches(key, keys, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        known = f" (its fields: {', '.join(keys[:20])}{' …' if len(keys) > 20 else ''})"
        raise ShuangtanError(
            f"--where: no record has a field '{key}'{hint}"
            + (known if keys else " (its records have no other fields)")
        )

    # -- records ------------------------------------------------------------------------

    def records(self, positions: Iterable[int]) -> Iterator[UserRecord]:
        for fields in self.store.rows(positions):
            ordinal = fields["seq"] - 1
            yield UserRecord(self, ordinal, fields, self._mode(fields["script"]))

    def rows(self, positions: Iterable[int], fields: Sequence[str]) -> list[dict[str, Any]]:
        """The values of ``fields`` of the records at ``positions``, as ``to_dict`` gives
        them (keys in any order); fields of the place and the record's own columns are
        read without making records (meta, source and the text make them)."""
        fields = list(fields)
        if not set(fields) <= _FAST:
            return [record.to_dict(fields) for record in self.records(positions)]
        place_fields = [name for name in fields if name in _PLACE]
        columns = sorted({name for name in fields if name not in _PLACE} | {"script", "province"})
        wanted = self._script
        convert = _converter(wanted) if wanted is not None else None
        converted = [name for name in fields if name in _TEXT]
        places = _place_values() if place_fields else {}
        nowhere = dict.fromkeys(_PLACE)
        made = "id_made" in fields
        own = Script.TRADITIONAL.value
        out: list[dict[str, Any]] = []
        append = out.append
        for row in self.store.columns(positions, columns):
            values = dict(zip(columns, row, strict=True))
            written = values["script"]
            if place_fields:
                shown = wanted or (Script.TRADITIONAL if written == own else Script.SIMPLIFIED)
                values.update(places.get((values["province"], shown), nowhere))
            if convert is not None and written != wanted.value:  # type: ignore[union-attr]
                for name in converted:
                    if values[name] is not None:
                        values[name] = convert(values[name])
            if made:
                values["id_made"] = bool(values["id_made"])
            append(values)
        return out

    def record(self, position: int) -> UserRecord:
        return next(self.records([position]))

    def _shown_text(self, ordinal: int, shown: Script | None) -> list[str]:
        if shown is None:
            return self.store.paragraphs(ordinal)
        folded = self.store.folded(ordinal)
        if shown is Script.SIMPLIFIED:
            return folded
        from .script import from_simplified

        return [from_simplified(paragraph, shown) for paragraph in folded]

    def index(self, ref: str) -> int:
        """The position of the record with id ``ref``, else of the record numbered ``ref``."""
        text = ref.strip()
        try:
            found = self.store.ordinal(text)
        except (UnicodeError, ValueError):  # text SQLite cannot take (a lone surrogate)
            found = None
        if found is not None:
            return found
        if text.isascii() and text.isdigit():
            number = text.lstrip("0")
            if number and len(number) <= 18 and 1 <= int(number) <= len(self):
                return int(number) - 1
            shown = text if len(text) <= 20 else f"{text[:20]}… ({len(text):,} digits)"
            raise ShuangtanError(
                f"no record number {shown}: the numbers run from 1 to {len(self):,}"
            )
        raise ShuangtanError(f"no record '{ref}' (give an id or a number 1-{len(self):,})")

    def complete_ids(self, prefix: str) -> list[str]:
        try:
            return self.store.ids_starting(prefix)
        except (UnicodeError, ValueError):
            return []

    # -- search -------------------------------------------------------------------------

    def _candidates(self, positions: Iterable[int], folded: str, matcher: Matcher) -> list[int]:
        literal = matcher._is_literal(folded)
        candidates = self.store.candidates(
            folded, regex=not literal, ignore_case=matcher.ignore_case
        )
        order = list(positions)
        if candidates is None:
            return order
        chosen = set(candidates)
        return [p for p in order if p in chosen]

    def find_hits(
        self,
        positions: Iterable[int],
        matcher: Matcher,
        *,
        include_lead: bool = False,
        max_per_speech: int | None = None,
    ) -> Iterator[Hit]:
        """Hits in the records at ``positions``, in that order, then by paragraph and offset.

        ``include_lead`` changes nothing: a user record has no dateline.
        """
        fold = self.fold
        folded_pattern = fold(matcher.pattern)
        matcher.finder(fold)  # a bad pattern fails before anything is read
        order = self._candidates(positions, folded_pattern, matcher)
        with self._scan("searching", order) as bar:
            for ordinal, record, paragraphs in self._read(order, bar):
                spans = [
                    (i, begin, end)
                    for i, text in enumerate(paragraphs)
                    for begin, end in _spans_in(matcher, text, fold, record, i)
                ]
                if not spans:
                    continue
                hits = (
                    Hit(ordinal, record, i, begin, end)
                    for i, begin, end in self._shown_spans(record, paragraphs, spans)
                )
                yield from islice(hits, max_per_speech)

    def _shown_spans(
        self, record: UserRecord, folded: list[str], spans: list[tuple[int, int, int]]
    ) -> list[tuple[int, int, int]]:
        """Spans of the folded text as spans of the text the record is shown in."""
        if record.shown is None:
            return self.store.original_spans(record.ordinal, spans)
        if record.shown is Script.SIMPLIFIED:
            return spans
        shown = record.paragraphs
        out = []
        blocks: dict[int, list[list[int]] | None] = {}
        for i, begin, end in spans:
            if len(shown[i]) != len(folded[i]):
                if i not in blocks:
                    blocks[i] = _alignment(shown[i], folded[i])
                table = blocks[i]
                if table is not None:
                    begin, end = map_span(table, begin, end)
            out.append((i, begin, end))
        return out

    def count_hits(
        self,
        positions: Iterable[int],
        matcher: Matcher,
        *,
        include_lead: bool = False,
        max_per_speech: int | None = None,
    ) -> dict[int, int]:
        """Hits per record at ``positions``, zero included, in their order.

        A literal (and a set of literals, such as 碳(达峰|中和)) is counted in the
        folded bytes, through the index, without making a single hit; anything
        else counts the hits ``find_hits`` finds.
        """
        every = isinstance(positions, range) and positions == range(len(self))
        counts = dict.fromkeys(positions, 0)
        fold = self.fold
        folded = fold(matcher.pattern)
        matcher.finder(fold)
        literal = matcher._is_literal(folded)
        counted: Iterable[tuple[int, int]]
        if not matcher.ignore_case and (literal or _literal_set(folded)):
            ordinals = None if every else counts  # the whole corpus, in order: no filter
            counted = self.store.count(folded, regex=not literal, ordinals=ordinals)
        else:
            found: dict[int, int] = {}
            for hit in self.find_hits(counts, matcher, max_per_speech=max_per_speech):
                found[hit.position] = found.get(hit.position, 0) + 1
            counted = found.items()
        for position, n in counted:
            counts[position] = n if max_per_speech is None else min(n, max_per_speech)
        return counts

    def folded(self, positions: Iterable[int]) -> Iterator[tuple[int, list[str]]]:
        for chunk in self.store.iter_folded(positions, chunk_bytes=_CHUNK):
            yield from chunk

    def documents(self, positions: Iterable[int]) -> Iterator[Document]:
        """The records at ``positions`` as ``documents.documents`` yields them: shown,
        folded, and the map from spans of the one to spans of the other."""
        from functools import partial

        from .documents import Document, Folded

        order = list(positions)
        with self._scan("reading", order) as bar:
            for ordinal, record, paragraphs in self._read(order, bar):
                to_shown = partial(self._shown_spans, record, paragraphs)
                yield Document(ordinal, record, Folded(tuple(paragraphs)), to_shown)

    def _scan(self, what: str, order: list[int]) -> Any:
        """The progress bar of a scan of the records at ``order``: a real one only for a
        long scan with a bar to draw."""
        from .output import Progress

        if self._progress is None:
            return Progress()
        total = self.store.folded_bytes(order)
        if total < LONG_SCAN:
            return Progress()
        return self._progress(f"{what} {self.directory}", total)

    def _read(self, order: list[int], bar: Any) -> Iterator[tuple[int, UserRecord, list[str]]]:
        """(ordinal, record, folded paragraphs) of the records at ``order``, read 500
        records at a time; ``bar`` is told the bytes read."""
        from .output import Progress

        done = 0
        for start in range(0, len(order), 500):
            part = order[start : start + 500]
            records = {record.ordinal: record for record in self.records(part)}
            for chunk in self.store.iter_folded(part, chunk_bytes=_CHUNK):
                for ordinal, paragraphs in chunk:
                    yield ordinal, records[ordinal], paragraphs
            if type(bar) is not Progress:  # a bar that draws: the bytes read so far
                done += self.store.folded_bytes(part)
                bar.update(done)

    # -- the card -----------------------------------------------------------------------

    def card(self) -> dict[str, Any]:
        from .card import user_card

        return user_card(self)


def _literal_set(pattern: str) -> bool:
    from .store._literals import literal_set

    return literal_set(pattern) is not None


def _alignment(shown: str, folded: str) -> list[list[int]] | None:
    """Blocks aligning a conversion of folded text with it (``store.map_span``'s)."""
    from .store._build import _blocks, fold

    table: dict[int, str] = {}
    for char in set(shown):
        alone = fold(char)
        if alone != char:
            table[ord(char)] = alone
    return _blocks(shown, folded, table)
