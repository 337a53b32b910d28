"""The corpus: speech records, loaded from JSON Lines into memory; and the
interface every corpus offers the commands.

Two kinds of corpus implement ``CorpusProtocol``: the bundled one (``Corpus``,
here: 31 speeches held in memory) and a user corpus (``stored.StoredCorpus``:
a store built by ``shuangtan import``, read lazily).  Commands speak only the
protocol, so each works on both alike; see its docstring for the contract.

A corpus is a directory holding ``speeches.jsonl`` (canonical text, Simplified)
and, optionally, ``speeches.<script>.jsonl`` renderings of the same records.
The bundled corpus ships every rendering, so reading it in any script costs
one JSON parse and never builds an OpenCC converter; a corpus without a
rendering is rendered when loaded.

Every corpus is held twice: in the script the user reads (``speeches``) and in
Simplified (``canonical``), which is what selection and search match against,
so that a query typed in either script finds the same passages.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from .errors import ShuangtanError
from .script import Script, to_simplified

if TYPE_CHECKING:
    from .search import Hit, Matcher
    from .selection import Selection

#: Field names of a record, in the order records are written.  A contract:
#: the CLI's JSON and users' scripts depend on them.
FIELDS = (
    "id",
    "seq",
    "province",
    "province_short",
    "province_en",
    "division",
    "region",
    "code",
    "heading",
    "date",
    "speaker",
    "speaker_title",
    "occasion",
    "lead",
    "paragraphs",
    "others",
    "length",
    "han_chars",
    "repairs",
    "notes",
)

#: The fields of a ``list`` row (list, grep -l, grep -v): a subset of the record's.
LIST_FIELDS = ("id", "seq", "province", "speaker", "date", "occasion", "length")

#: Fields holding Chinese text, converted when the corpus is rendered in a script.
TEXT_FIELDS = frozenset(
    {
        "province",
        "province_short",
        "region",
        "heading",
        "speaker",
        "speaker_title",
        "occasion",
        "lead",
        "paragraphs",
        "others",
        "notes",
    }
)


def _bundled_directory() -> str:
    """The bundled corpus: inside the package when installed from a wheel,
    at the top of the source tree in an editable install.

    Plain os.path, not importlib.resources or pathlib: their imports alone
    cost several milliseconds of a command that should take a few dozen.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "data")
    if os.path.isfile(os.path.join(packaged, "speeches.jsonl")):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data")


BUNDLED = _bundled_directory()


class Official(NamedTuple):
    """Another official whose words a section quotes."""

    name: str
    title: str


class Speech(NamedTuple):
    """One section of the article: a leader's remarks on one occasion."""

    id: str
    seq: int
    province: str
    province_short: str
    province_en: str
    division: str
    region: str
    code: str
    heading: str
    date: str
    speaker: str | None
    speaker_title: str
    occasion: str
    lead: str
    paragraphs: tuple[str, ...]
    others: tuple[Official, ...]
    length: int
    han_chars: int
    repairs: tuple[str, ...]
    notes: tuple[str, ...]

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Speech:
        if set(record) != set(FIELDS):
            missing = sorted(set(FIELDS) - set(record))
            extra = sorted(set(record) - set(FIELDS))
            raise ShuangtanError(
                f"record '{record.get('id')}' does not fit the schema "
                f"(missing: {missing or 'none'}; unknown: {extra or 'none'})"
            )
        values = dict(record)
        for name in ("paragraphs", "repairs", "notes"):
            values[name] = tuple(values[name])
        values["others"] = tuple(Official(o["name"], o["title"]) for o in values["others"])
        return cls(**values)

    def to_dict(self, fields: Sequence[str] = FIELDS) -> dict[str, Any]:
        """The record as JSON-ready data, with the corpus field names."""
        out: dict[str, Any] = {}
        for name in fields:
            value = getattr(self, name)
            if name == "others":
                value = [{"name": o.name, "title": o.title} for o in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        return out

    def as_text(self) -> str:
        """The speech as plain text: a tab-separated header (province, speaker,
        date), the title, the occasion, a blank line, then the paragraphs, a
        blank line between.  A missing speaker is empty."""
        header = f"{self.province}\t{self.speaker or ''}\t{self.date}"
        return "\n".join(
            [header, self.speaker_title, self.occasion, "", "\n\n".join(self.paragraphs)]
        )


def render_record(record: dict[str, Any], script: Script) -> dict[str, Any]:
    """A canonical (Simplified) record with its text fields rendered in ``script``."""
    from .script import from_simplified

    def render(value: Any) -> Any:
        if isinstance(value, str):
            return from_simplified(value, script)
        if isinstance(value, list):
            return [render(item) for item in value]
        if isinstance(value, dict):
            return {key: render(item) for key, item in value.items()}
        return value

    return {key: render(value) if key in TEXT_FIELDS else value for key, value in record.items()}


def _read_jsonl(path: str) -> list[dict[str, Any]]:
    records = []
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ShuangtanError(f"{path}:{number}: not JSON: {error.msg}") from None
    except OSError as error:
        raise ShuangtanError(f"cannot read the corpus: {error.strerror}: {path}") from None
    except UnicodeDecodeError:
        raise ShuangtanError(f"{path}: not UTF-8") from None
    return records


def _speeches(records: list[dict[str, Any]]) -> tuple[Speech, ...]:
    return tuple(map(Speech.from_dict, records))


if TYPE_CHECKING:  # for annotations only: a Protocol costs start-up time to define

    class Record(Protocol):
        """What a command reads of one record: a bundled ``Speech`` or a user record.

        Text fields are as displayed (in the script shown); a value the record does
        not have is None (a user record's province when it is national) or, for
        ``lead``, empty (only bundled speeches have a dateline).
        """

        @property
        def id(self) -> str: ...
        @property
        def seq(self) -> int: ...
        @property
        def province(self) -> str | None: ...
        @property
        def province_short(self) -> str | None: ...
        @property
        def speaker(self) -> str | None: ...
        @property
        def date(self) -> str | None: ...
        @property
        def lead(self) -> str: ...
        @property
        def paragraphs(self) -> tuple[str, ...]: ...
        @property
        def length(self) -> int: ...

        def to_dict(self, fields: Sequence[str] = ...) -> dict[str, Any]: ...
        def as_text(self) -> str: ...

    class CorpusProtocol(Protocol):
        """The one interface of a corpus: what every command uses, and nothing more.

        Positions are 0-based places in the corpus (a record's ``seq`` is its
        position + 1).  Nothing here loads the whole corpus: a user corpus answers
        ``select`` with a query, ``records`` and ``folded`` read one record at a
        time, and searches go through its index, so memory stays bounded.

        * ``kind``: "bundled" or "user"; ``fields``: a record's JSON keys, in order;
          ``list_fields``: the keys of a ``list`` row.
        * ``script``: the script text is shown in, or None for "as written" (a user
          corpus's records, each in its own script).
        * ``select(selection)``: positions of the selected records, sorted and limited.
        * ``records(positions)``: the records, as displayed, one at a time, in order;
          ``rows(positions, fields)``: just those fields of them, as ``to_dict``
          gives them (the fast way to list many records).
        * ``index(ref)``: the position of the record ``show`` names by ``ref``;
          ``complete_ids(prefix)``: ids for a shell's completion.
        * ``find_hits`` / ``count_hits``: what ``search.find_hits`` and
          ``search.count_hits`` give on the bundled corpus, with the same Matcher
          semantics (folding, literals, budgets), offsets in the text as displayed.
        * ``folded(positions)``: (position, canonical paragraphs) one record at a
          time: the Simplified text that patterns and counts are matched against,
          for analyses that stream a selection.  Its offsets are the canonical
          text's; they are the displayed text's only where ``same_offsets`` says so.
        * ``card()``: what ``info`` shows.
        """

        @property
        def kind(self) -> str: ...
        @property
        def fields(self) -> tuple[str, ...]: ...
        @property
        def list_fields(self) -> tuple[str, ...]: ...
        @property
        def same_offsets(self) -> bool: ...
        @property
        def script(self) -> Script | None: ...

        def __len__(self) -> int: ...
        def fold(self, text: str) -> str: ...
        def select(self, selection: Selection | None = None) -> Sequence[int]: ...
        def records(self, positions: Iterable[int]) -> Iterator[Record]: ...
        def rows(self, positions: Iterable[int], fields: Sequence[str]) -> list[dict[str, Any]]: ...
        def index(self, ref: str) -> int: ...
        def complete_ids(self, prefix: str) -> list[str]: ...
        def find_hits(
            self,
            positions: Iterable[int],
            matcher: Matcher,
            *,
            include_lead: bool = False,
            max_per_speech: int | None = None,
        ) -> Iterator[Hit]: ...
        def count_hits(
            self,
            positions: Iterable[int],
            matcher: Matcher,
            *,
            include_lead: bool = False,
            max_per_speech: int | None = None,
        ) -> dict[int, int]: ...
        def folded(self, positions: Iterable[int]) -> Iterator[tuple[int, list[str]]]: ...
        def card(self) -> dict[str, Any]: ...


class Corpus:
    """The speeches as the user reads them, and in Simplified for matching.

    The Simplified records are read only when something matches against them
    (a search, --speaker, --region …): listing in Traditional needs just one file.
    """

    def __init__(self, directory: str, script: Script) -> None:
        self.directory = directory
        self.script = script
        source = os.path.join(directory, "speeches.jsonl")
        if script is Script.SIMPLIFIED:
            self.speeches = _speeches(_read_jsonl(source))
            self.canonical = self.speeches
            return
        rendering = os.path.join(directory, f"speeches.{script.value}.jsonl")
        if os.path.isfile(rendering):
            self.speeches = _speeches(_read_jsonl(rendering))
        else:  # a corpus without this rendering: render it now
            records = _read_jsonl(source)
            self.speeches = _speeches([render_record(r, script) for r in records])
            self.canonical = _speeches(records)
            for shown, base in zip(self.speeches, self.canonical, strict=True):
                # Search offsets are found in the canonical text and shown in this one.
                if list(map(len, (shown.lead, *shown.paragraphs))) != list(
                    map(len, (base.lead, *base.paragraphs))
                ):
                    raise ShuangtanError(
                        f"{shown.id}: the {script} rendering changes the length of the text, "
                        f"so search offsets would not fit it; read it with --script simplified"
                    )

    @cached_property
    def canonical(self) -> tuple[Speech, ...]:
        """The same speeches in Simplified, in the same order."""
        canonical = _speeches(_read_jsonl(os.path.join(self.directory, "speeches.jsonl")))
        if [s.id for s in canonical] != [s.id for s in self.speeches]:
            raise ShuangtanError(
                f"the {self.script} rendering in {self.directory} does not match its corpus"
            )
        return canonical

    @cached_property
    def _folds(self) -> tuple[dict[str, str], frozenset[str]] | None:
        path = os.path.join(self.directory, "fold.json")
        if not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8") as file:
            table = json.load(file)
        return table["map"], frozenset(table["same"])

    def fold(self, text: str) -> str:
        """Text typed in any script, folded to match the canonical (Simplified) text.

        A character the corpus shows always folds as the corpus renders it (兩 →
        两; 著 → 着 where 著力 is shown; the HK form 衞 → 卫), so whatever a reader
        sees can be found.  Text made only of such characters folds without
        building an OpenCC converter (~7 ms); other characters go through
        OpenCC's t2s, in the context of the whole text.
        """
        folds = self._folds
        if folds is None:
            return to_simplified(text)
        mapping, same = folds
        known = [char if char < "\x80" or char in same else mapping.get(char) for char in text]
        if None not in known:
            return "".join(known)  # type: ignore[arg-type]
        converted = to_simplified(text)
        if len(converted) != len(text):
            return converted
        return "".join(k or c for k, c in zip(known, converted, strict=True))

    @cached_property
    def metadata(self) -> dict[str, Any]:
        """What ``corpus.json`` says of the corpus: its source, build and cleaning
        (empty for a corpus without one)."""
        path = os.path.join(self.directory, "corpus.json")
        if not os.path.isfile(path):
            return {}
        try:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
        except (OSError, ValueError) as error:
            raise ShuangtanError(f"cannot read {path}: {error}") from None
        if not isinstance(data, dict):
            raise ShuangtanError(f"{path}: not a JSON object")
        return data

    def __len__(self) -> int:
        return len(self.speeches)

    def __iter__(self) -> Iterator[Speech]:
        return iter(self.speeches)

    def index(self, ref: str) -> int:
        """Position of the speech named by an id, a seq number or any province alias.

        A short number is a seq number (1-31); six digits are a GB/T 2260 code.
        """
        ref = ref.strip()
        if ref.isascii() and ref.isdigit() and len(ref) != 6:
            number = ref.lstrip("0")  # compared as text: a number of any length is no error
            for i, speech in enumerate(self.speeches):
                if number == str(speech.seq):
                    return i
            shown = ref if len(ref) <= 20 else f"{ref[:20]}… ({len(ref):,} digits)"
            raise ShuangtanError(f"no speech number {shown}: the numbers run from 1 to {len(self)}")
        for i, speech in enumerate(self.speeches):
            if ref == speech.id:
                return i
        from .places import UnknownPlaceError, resolve_place

        try:
            place = resolve_place(ref)
        except UnknownPlaceError as error:
            hint = f"; did you mean {', '.join(error.suggestions)}?" if error.suggestions else ""
            raise ShuangtanError(
                f"no speech '{ref}' (give an id, a number 1-{len(self)} or a province){hint}"
            ) from None
        for i, speech in enumerate(self.speeches):
            if speech.id == place.id:
                return i
        raise ShuangtanError(f"the corpus has no speech from {place.short}")

    def get(self, ref: str) -> Speech:
        """The speech named by an id, a seq number or any province alias."""
        return self.speeches[self.index(ref)]

    # -- CorpusProtocol ---------------------------------------------------------------

    kind = "bundled"
    fields = FIELDS
    list_fields = LIST_FIELDS
    #: Every rendering has the canonical text's length, character for character.
    same_offsets = True

    def select(self, selection: Selection | None = None) -> Sequence[int]:
        from .selection import select

        return select(self, selection)

    def records(self, positions: Iterable[int]) -> Iterator[Speech]:
        speeches = self.speeches
        return (speeches[position] for position in positions)

    def rows(self, positions: Iterable[int], fields: Sequence[str]) -> list[dict[str, Any]]:
        return [speech.to_dict(fields) for speech in self.records(positions)]

    def complete_ids(self, prefix: str) -> list[str]:
        typed = prefix.lower()
        return [speech.id for speech in self.speeches if speech.id.startswith(typed)]

    def find_hits(
        self,
        positions: Iterable[int],
        matcher: Matcher,
        *,
        include_lead: bool = False,
        max_per_speech: int | None = None,
    ) -> Iterator[Hit]:
        from .search import find_hits

        return find_hits(
            self, positions, matcher, include_lead=include_lead, max_per_speech=max_per_speech
        )

    def count_hits(
        self,
        positions: Iterable[int],
        matcher: Matcher,
        *,
        include_lead: bool = False,
        max_per_speech: int | None = None,
    ) -> dict[int, int]:
        from .search import count_hits

        return count_hits(
            self, positions, matcher, include_lead=include_lead, max_per_speech=max_per_speech
        )

    def folded(self, positions: Iterable[int]) -> Iterator[tuple[int, list[str]]]:
        canonical = self.canonical
        return ((position, list(canonical[position].paragraphs)) for position in positions)

    def card(self) -> dict[str, Any]:
        from .card import corpus_card

        return corpus_card(self)


def load_corpus(
    script: Script | None = Script.TRADITIONAL, directory: str | os.PathLike[str] | None = None
) -> Corpus:
    """Load a corpus directory (the bundled one by default) in ``script``.

    None means the script the corpus is written in: Traditional, the script of
    the source article, for the bundled corpus.
    """
    shown = Script.TRADITIONAL if script is None else script
    return Corpus(BUNDLED if directory is None else os.fspath(directory), shown)
